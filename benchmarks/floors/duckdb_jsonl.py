"""Floor: a long table as JSON Lines with DuckDB. Read a long table (CSV or Parquet) and
write every row as a JSON object a line (stdout, or the file given second).

    python duckdb_jsonl.py TABLE [OUT.jsonl]
"""

import argparse

import duckdb

parser = argparse.ArgumentParser()
parser.add_argument("table")
parser.add_argument("out", nargs="?", default="/dev/stdout")
args = parser.parse_args()

path = args.table.replace("'", "''")
reader = "read_parquet" if args.table.endswith(".parquet") else "read_csv"
out = args.out.replace("'", "''")
duckdb.connect().execute(f"COPY (SELECT * FROM {reader}('{path}')) TO '{out}' (FORMAT json)")
