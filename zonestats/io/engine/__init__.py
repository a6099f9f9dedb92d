"""Long tables larger than a command needs in memory, in a columnar engine (DuckDB).

Every row is checked as it always is (zonestats.io.columns, in tables of a bounded number of
rows); what ties rows together (a series' definitions, an observation given twice, a zone
named two ways, each series' first and last period) is found in the engine over the key
columns of every valid row, which it keeps on disk past its memory limit. Only the rows
those need are then read again and handed on: a command's memory is the engine's limit
plus the rows it uses, not the table.
"""
