"""The xlsx writer: cells prepared column by column, then streamed by openpyxl's write-only
mode. What a spreadsheet cell cannot hold is refused or escaped, and said so."""

from __future__ import annotations

import re
from typing import IO, Any

from zonestats.errors import ZonestatsError
from zonestats.output.cells import FORMULA_START, machine_cell, neutralise
from zonestats.output.options import OutputOptions
from zonestats.output.table import Table

MAX_CELL = 32_767
"""The most characters a cell of a spreadsheet holds; Excel cuts the rest."""

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters the xlsx format cannot store (openpyxl refuses them)."""


CHUNK = 50_000
"""Rows prepared at a time: the cells of a whole national table never sit in memory at once."""


def write_xlsx(table: Table, options: OutputOptions, out: IO[bytes]) -> None:
    try:
        from openpyxl import Workbook
    except ImportError:
        raise ZonestatsError("writing .xlsx needs openpyxl, which does not import") from None
    keys = [c.key for c in table.columns if c.machine]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="zonestats")
    sheet.append(keys)
    try:
        escaped = _append_rows(sheet, table, keys, options)
    except BaseException:
        sheet.close()  # ends the sheet's XML stream, which would complain when collected
        raise
    workbook.save(out)  # a zip file written as it goes, to a pipe too
    if escaped:
        print(
            f"note: {escaped:,} cells held control characters an xlsx file cannot store; "
            "they are written escaped (\\x1b)",
            file=options.env.stderr,
        )


def _append_rows(sheet: Any, table: Table, keys: list[str], options: OutputOptions) -> int:
    """Every row, a chunk at a time; the number of cells escaped."""
    escaped = 0
    for start in range(0, len(table.rows), CHUNK):
        columns = _columns(table, keys, start, start + CHUNK)
        for column, key in zip(columns, keys, strict=True):
            escaped += _checked(column, key, start, options)
        for row in zip(*columns, strict=True):
            sheet.append(row)
    return escaped


def _columns(table: Table, keys: list[str], start: int, stop: int) -> list[list[Any]]:
    """The machine columns of rows start to stop, each a list of cell values: numbers,
    booleans, text or None."""
    if table.frame is not None:
        part = table.frame.iloc[start:stop]
        return [_frame_column(part[key]) for key in keys]
    positions = [i for i, c in enumerate(table.columns) if c.machine]
    rows = table.rows[start:stop]
    return [[_row_cell(row[i]) for row in rows] for i in positions]


def _row_cell(value: Any) -> Any:
    value = machine_cell(value)
    return neutralise(value) if isinstance(value, str) else value


def _frame_column(column: Any) -> list[Any]:
    """One column of a frame as the row-by-row cells would be, computed column-wise."""
    import numpy as np
    import pandas as pd

    missing = column.isna().to_numpy()
    if pd.api.types.is_float_dtype(column):
        values = column.to_numpy(dtype="float64", na_value=np.nan)
        cells = values.astype(object)
        cells[~np.isfinite(values)] = None
        result: list[Any] = cells.tolist()
        return result
    if pd.api.types.is_bool_dtype(column) or pd.api.types.is_integer_dtype(column):
        cells = column.to_numpy(dtype=object, copy=True)
        cells[missing] = None
        result = cells.tolist()
        return result
    text = column.astype(object).where(~missing, "").astype(str)
    formula = text.str.startswith(FORMULA_START)
    if formula.any():
        text = text.where(~formula, "'" + text)
    cells = text.to_numpy(dtype=object, copy=True)
    cells[missing] = None
    result = cells.tolist()
    return result


def _checked(column: list[Any], key: str, start: int, options: OutputOptions) -> int:
    """Refuse a text too long for a cell; escape, in place, what xlsx cannot store. The
    number of cells escaped."""
    texts = [value for value in column if type(value) is str]
    if not texts:
        return 0
    if max(map(len, texts)) > MAX_CELL:
        row, length = next(
            (i, len(v)) for i, v in enumerate(column) if type(v) is str and len(v) > MAX_CELL
        )
        raise ZonestatsError(
            f"{options.output}: cannot write row {start + row + 2}, column {key}: {length:,} "
            f"characters, more than the {MAX_CELL:,} an xlsx cell holds "
            "(write --csv, which holds any length)"
        )
    if _ILLEGAL.search("".join(texts)) is None:
        return 0
    count = 0
    for i, value in enumerate(column):
        if type(value) is str and _ILLEGAL.search(value):
            column[i] = _ILLEGAL.sub(_escaped, value)
            count += 1
    return count


def _escaped(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"
