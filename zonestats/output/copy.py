"""The rows of a large table's CSV or TSV written by DuckDB's COPY: the bytes the row writer
gives (zonestats.output.writers), at the engine's speed.

Each column becomes the SQL of what the writer does to it: a number to 12 significant
digits (a whole one as an integer, -0 as -0, nothing for NaN and infinities), a flag as
true/false, a text with a formula start neutralised by a leading ' and an empty text as
nothing. COPY quotes as Python's csv module does (a cell holding the delimiter, a quote, a
line feed or a carriage return), once told that no character starts a comment. A column of
any other kind (objects of several types) leaves the table to the row writer.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import IO, Any

MIN_ROWS = 50_000
"""Tables shorter than this are written by the row writer (importing DuckDB costs more)."""

NUMBER_SQL = """CASE WHEN NOT isfinite({c}) THEN NULL
  WHEN {c} = trunc({c}) AND abs({c}) < 1e16 THEN (CASE WHEN {c} = 0 AND signbit({c}) THEN '-0'
    ELSE CAST(CAST({c} AS HUGEINT) AS VARCHAR) END)
  WHEN {c} = trunc({c}) THEN CAST({c} AS VARCHAR)
  WHEN 11 - floor(log10(abs({c}))) BETWEEN 0 AND 22 THEN CAST(round_even({c} * power(10.0,
    11 - floor(log10(abs({c})))), 0) / power(10.0, 11 - floor(log10(abs({c})))) AS VARCHAR)
  WHEN 11 - floor(log10(abs({c}))) BETWEEN -22 AND -1 THEN CAST(round_even({c} / power(10.0,
    floor(log10(abs({c}))) - 11), 0) * power(10.0, floor(log10(abs({c}))) - 11) AS VARCHAR)
  ELSE CAST(CAST(printf('%.12g', {c}) AS DOUBLE) AS VARCHAR) END"""
TEXT_SQL = (
    "NULLIF(CASE WHEN regexp_matches({c}, '^[=+\\-@\\t\\r]') THEN '''' || {c} ELSE {c} END, '')"
)
_AS_TEXT = TEXT_SQL.replace("{c}", "CAST({c} AS VARCHAR)")  # objects: None alone has no type
FLAG_SQL = "CASE WHEN {c} THEN 'true' WHEN NOT {c} THEN 'false' END"
_INTEGER = "CAST({c} AS VARCHAR)"


def copy_rows(frame: Any, out: IO[str], delimiter: str, min_rows: int = MIN_ROWS) -> bool:
    """Write the frame's rows (no header) as CSV or TSV to `out`; False, having written
    nothing, where the table is short or a column is of no kind COPY writes alike."""
    if len(frame) < min_rows:
        return False
    selects = []
    for number, key in enumerate(frame.columns):
        sql = _sql(frame[key])
        if sql is None:
            return False
        selects.append(sql.format(c=f"c{number}") + f" AS c{number}")
    try:
        import duckdb
    except ImportError:  # a dependency: only a broken install gets here
        return False
    plain = frame.set_axis([f"c{number}" for number in range(len(frame.columns))], axis=1)
    connection = duckdb.connect()
    connection.register("rows", plain)
    quote = "'" + delimiter.replace("'", "''") + "'"
    options = (
        f"HEADER false, DELIMITER {quote}, QUOTE '\"', ESCAPE '\"', NULLSTR '', COMMENT '', "
        "NEW_LINE '\\n'"
    )
    with tempfile.TemporaryDirectory(prefix="zonestats-") as folder:
        path = Path(folder) / "rows.csv"
        target = str(path).replace("'", "''")
        select = f"SELECT {', '.join(selects)} FROM rows"
        connection.execute(f"COPY ({select}) TO '{target}' ({options})")
        connection.close()
        with path.open(encoding="utf-8", newline="") as rows:
            shutil.copyfileobj(rows, out, 1 << 20)
    return True


def _sql(column: Any) -> str | None:
    """What the row writer does to a column, in SQL; None for a column of mixed kinds."""
    import pandas as pd

    if pd.api.types.is_bool_dtype(column):
        return FLAG_SQL
    if pd.api.types.is_float_dtype(column):
        return NUMBER_SQL
    if pd.api.types.is_integer_dtype(column):
        return _INTEGER
    if column.dtype == object:  # text, or objects of several kinds the row writer reads
        kind = pd.api.types.infer_dtype(column, skipna=True)
        return _AS_TEXT if kind in ("string", "empty") else None
    if pd.api.types.is_string_dtype(column):
        return TEXT_SQL
    return None
