"""The xlsx writer: cells prepared column by column, then streamed by openpyxl's write-only
mode. What a spreadsheet cell cannot hold is refused or escaped, and said so."""

from __future__ import annotations

import re
from typing import IO, Any

from zonestats.errors import ZonestatsError, printable
from zonestats.output.cells import FORMULA_START, machine_cell, neutralise
from zonestats.output.layout import cell_width
from zonestats.output.options import Lang, OutputOptions
from zonestats.output.table import Column, Kind, Table, header_of

MAX_CELL = 32_767
"""The most characters a cell of a spreadsheet holds; Excel cuts the rest."""

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters the xlsx format cannot store (openpyxl refuses them)."""


CHUNK = 50_000
"""Rows prepared at a time: the cells of a whole national table never sit in memory at once."""


WIDEST = 60
"""The widest a column is made (text wraps within it: quotes)."""

_FORMATS = {
    Kind.QUANTITY: ("#,##0", "#,##0.0###"),
    Kind.CHANGE: ("+#,##0;-#,##0;0", "+#,##0.0###;-#,##0.0###;0"),
    Kind.NUMBER: ("#,##0", "#,##0.0###"),
    Kind.FRACTION: ("0.0%", "0.0%"),
    Kind.MULTIPLE: ("0.0#", "0.0#"),
}
"""Number formats by kind of column: (whole numbers, others). Money and counts with
thousands separators, fractions as percentages."""

_WRAPPED = frozenset({"quote", "note", "comparison_note", "span_note", "period_note"})
"""Columns whose text wraps within its cell."""


def write_xlsx(table: Table, options: OutputOptions, out: IO[bytes]) -> None:
    """The table as the first sheet (frozen header, widths from content, numbers formatted,
    periods as text), and the sources it cites as a second sheet where it has them."""
    try:
        from openpyxl import Workbook
    except ImportError:
        raise ZonestatsError("writing .xlsx needs openpyxl, which does not import") from None
    zh = options.lang is Lang.ZH
    workbook = Workbook(write_only=True)
    escaped = 0
    sheets = [(table, table.title or ("数据" if zh else "data"))]
    if table.sources is not None:
        sheets.append((table.sources, "来源" if zh else "sources"))
    for index, (part, title) in enumerate(sheets):
        sheet = workbook.create_sheet(title=sheet_title(title, index))
        try:
            escaped += _write_sheet(sheet, part, options)
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


def sheet_title(title: str, index: int) -> str:
    """A sheet name a spreadsheet accepts: at most 31 characters, none of []:*?/\\."""
    name = re.sub(r"[\[\]:*?/\\]", " ", printable(title)).strip(" '")[:31]
    return name or f"sheet{index + 1}"


def _write_sheet(sheet: Any, table: Table, options: OutputOptions) -> int:
    columns = [c for c in table.columns if c.machine]
    keys = [c.key for c in columns]
    headers = [header_of(c, options) for c in columns]
    first = _columns(table, keys, 0, CHUNK)
    for letter, cells, header in zip(_letters(len(keys)), first, headers, strict=True):
        sheet.column_dimensions[letter].width = _width(header, cells)
    sheet.freeze_panes = "A2"
    sheet.append(headers)
    return _append_rows(sheet, table, columns, options)


def _letters(count: int) -> list[str]:
    from openpyxl.utils import get_column_letter

    return [get_column_letter(i + 1) for i in range(count)]


def _width(header: str, cells: list[Any]) -> float:
    """A column's width in characters: its longest header or cell (a wide character counts
    two), at most WIDEST."""
    texts = [header, *(_shown(v) for v in cells[:2000] if v is not None)]
    return float(min(max(cell_width(t) for t in texts) + 2, WIDEST))


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _append_rows(sheet: Any, table: Table, columns: list[Column], options: OutputOptions) -> int:
    """Every row, a chunk at a time, numbers in their formats and long text wrapped; the
    number of cells escaped."""
    keys = [c.key for c in columns]
    escaped = 0
    for start in range(0, len(table.rows), CHUNK):
        cells = _columns(table, keys, start, start + CHUNK)
        for column, key in zip(cells, keys, strict=True):
            escaped += _checked(column, key, start, options)
        styled = [_styled(sheet, c, column) for c, column in zip(columns, cells, strict=True)]
        for row in zip(*cells, strict=True):
            sheet.append([_cell(style, value) for style, value in zip(styled, row, strict=True)])
    return escaped


def _styled(sheet: Any, column: Column, cells: list[Any]) -> Any:
    """A cell object that carries the column's format, written once per row with each
    value (the write-only sheet serialises a row as it is appended); None for plain cells."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    if column.key in _WRAPPED:
        cell = WriteOnlyCell(sheet)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        return cell
    formats = _FORMATS.get(column.kind)
    if formats is None:
        return None
    numbers = [v for v in cells if isinstance(v, float | int) and not isinstance(v, bool)]
    whole = all(float(v).is_integer() for v in numbers)
    cell = WriteOnlyCell(sheet)
    cell.number_format = formats[0] if whole else formats[1]
    return cell


def _cell(style: Any, value: Any) -> Any:
    if style is None or value is None:
        return value
    style.value = value
    return style


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
    """Refuse a text too long for a cell; escape, in place, what xlsx cannot store (a
    carriage return becomes the line break it reads back as). The number of cells escaped."""
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
    joined = "".join(texts)
    if "\r" in joined:  # XML keeps no CR: every reader reads LF, so write the line break
        for i, value in enumerate(column):
            if type(value) is str and "\r" in value:
                column[i] = value.replace("\r\n", "\n").replace("\r", "\n")
    if _ILLEGAL.search(joined) is None:
        return 0
    count = 0
    for i, value in enumerate(column):
        if type(value) is str and _ILLEGAL.search(value):
            column[i] = _ILLEGAL.sub(_escaped, value)
            count += 1
    return count


def _escaped(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"
