"""Read a Parquet table of observations as cells, a batch of rows at a time.

Parquet's columns carry their types: numbers stay numbers, and the text of a large table
read whole is read as the dictionary the file holds it in (each distinct text once; in
batches, the engine's way, each batch would carry its row group's whole dictionary, so there
it is read as text). What
a cell of a text format could not hold is made what it would be there, or refused as it
would be: text stored as bytes is
read as UTF-8 (refused where it is not), a flag is the word true or false (as JSON writes
it), a date or a time at midnight is its date (2021-06-30), and a list or a record in a cell
is no single value (wrong-type, as in JSON and YAML).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from zonestats.errors import DataError, Problem, ZonestatsError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


DICTIONARY_ROWS = 200_000
"""Tables read whole from this many rows read text as dictionaries (below, reading them
costs more than it saves)."""


def parquet_chunks(source: Any, name: str, rows: int | None) -> Iterator[tuple[pd.DataFrame, int]]:
    """The table in tables of at most ``rows`` rows (all in one where None), each with the
    line of its first row (the first row is line 1)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq

        file = pq.ParquetFile(source)
        _refuse_repeated(file.schema_arrow, name)
        if rows is None:
            if file.metadata.num_rows >= DICTIONARY_ROWS:  # text as dictionaries
                texts = [f.name for f in file.schema_arrow if _is_text(f.type)]
                file = pq.ParquetFile(source, read_dictionary=texts)
            yield _to_pandas(_as_cells(file.read(), name, 1)), 1
            return
        schema, first = file.schema_arrow, 1
        batches = file.iter_batches(batch_size=rows) if file.metadata.num_rows else iter(())
        for batch in batches:
            table = pa.Table.from_batches([batch], schema=schema)
            yield _to_pandas(_as_cells(table, name, first)), first
            first += batch.num_rows
        if first == 1:
            yield _to_pandas(_as_cells(schema.empty_table(), name, 1)), 1
    except DataError:
        raise
    except ImportError:  # pyarrow is a dependency: only a broken install gets here
        message = f"{name}: cannot read Parquet: pyarrow does not import; reinstall zonestats"
        raise ZonestatsError(message) from None
    except Exception as error:  # pyarrow raises its own types for damaged files
        reason = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable"
        message = f"cannot read the Parquet file: {reason}"
        raise DataError.at(Problem(name, "unreadable-table", message)) from None


def _refuse_repeated(schema: pa.Schema, name: str) -> None:
    seen: set[str] = set()
    for field in schema:
        if field.name in seen:
            message = f"cannot read the table: the column '{field.name}' is given twice"
            raise DataError.at(Problem(name, "unreadable-table", message, 1))
        seen.add(field.name)


def _as_cells(table: pa.Table, name: str, first: int) -> pa.Table:
    """The columns a text format could hold: bytes as UTF-8 text, flags as words; a list or
    a record in a cell refused at its row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for number, field in enumerate(table.schema):
        column = table.column(number)
        kind = field.type
        if pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
            column = _utf8(column, field.name, name, first)
        elif pa.types.is_boolean(kind):
            column = pc.if_else(column, "true", "false").cast(pa.large_string())
        elif pa.types.is_date(kind) or pa.types.is_timestamp(kind):
            column = _dates(column)
        elif pa.types.is_nested(kind):
            _refuse_nested(column, field, name, first)
        else:
            continue
        table = table.set_column(number, field.name, column)
    return table


def _utf8(column: pa.ChunkedArray, key: str, name: str, first: int) -> pa.ChunkedArray:
    """Bytes as text, where they are UTF-8 (not-utf8 at the first row they are not)."""
    import pyarrow as pa

    try:
        return column.cast(pa.large_string())
    except pa.ArrowInvalid:
        for row, cell in enumerate(column.to_pylist()):
            try:
                if cell is not None:
                    cell.decode("utf-8")
            except UnicodeDecodeError as error:
                message = f"'{key}' is not UTF-8 text: {error.reason}"
                raise DataError.at(Problem(name, "not-utf8", message, first + row)) from None
        raise


def _dates(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Dates as a text table writes them (2021-06-30); a time at midnight is its date (a
    date column of pandas is written as times), any other a date and a time of day (and its
    fraction of a second, if any), as its own time zone's clock shows it (refused where a
    date is asked for)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_date(column.type):
        return pc.strftime(column, format="%Y-%m-%d").cast(pa.large_string())
    if column.type.tz is not None:
        column = pc.local_timestamp(column)
    days = pc.cast(pc.cast(column, pa.date32()), column.type)
    dates = pc.strftime(column, format="%Y-%m-%d")
    seconds = pc.floor_temporal(column, unit="second")  # 1969-12-31 23:59:59.5: 23:59:59
    times = pc.strftime(pc.cast(seconds, pa.timestamp("s")), format="%Y-%m-%d %H:%M:%S")
    whole = pc.equal(seconds, column)
    if not pc.all(whole).as_py():  # a fraction of a second: said (%S of the column gives it)
        times = pc.if_else(whole, times, pc.strftime(column, format="%Y-%m-%d %H:%M:%S"))
    return pc.if_else(pc.equal(days, column), dates, times).cast(pa.large_string())


def _refuse_nested(column: pa.ChunkedArray, field: pa.Field, name: str, first: int) -> None:
    """A list, a record or a map in a cell is no single value: wrong-type at its row."""
    import numpy as np
    import pyarrow as pa

    given = np.flatnonzero(np.asarray(column.is_valid()))
    if not len(given):
        return  # a column of nothing but empty cells holds no value
    kind = field.type
    what = "an object" if pa.types.is_struct(kind) or pa.types.is_map(kind) else "a list"
    message = f"'{field.name}' must be a single value, not {what}"
    raise DataError.at(Problem(name, "wrong-type", message, first + int(given[0])))


def _is_text(kind: Any) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def _to_pandas(table: Any) -> pd.DataFrame:
    """An Arrow table as pd.read_parquet makes it (its string and nullable types)."""
    try:
        from pandas.io._util import (  # type: ignore[import-not-found,unused-ignore]
            arrow_table_to_pandas,
        )
    except ImportError:  # pragma: no cover (another pandas)
        frame: pd.DataFrame = table.to_pandas()
        return frame
    result: pd.DataFrame = arrow_table_to_pandas(table)
    return result
