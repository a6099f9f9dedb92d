"""Cells: as people read them (800万台, +80位, 40.1%) and as programs get them."""

from __future__ import annotations

import math
from typing import Any

from zonestats.errors import printable
from zonestats.model.quantity import SIGNIFICANT, Qualifier, format_number, plain_number, tidy
from zonestats.model.terms import CATEGORY_NAMES
from zonestats.output.options import Lang, OutputOptions, Units
from zonestats.output.table import Column, Kind
from zonestats.output.words import marked, note_zh


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def display(column: Column, row: dict[str, Any], options: OutputOptions) -> str:
    """A cell as people read it, following --units; control characters shown escaped."""
    value = row[column.key]
    if _is_missing(value):
        return ""
    if column.kind in (Kind.QUANTITY, Kind.CHANGE):
        qualifier = Qualifier(row.get(column.qualifier_key) or Qualifier.EXACT)
        if options.units is Units.RAW:  # the base value, its qualifier still said
            return marked(qualifier, plain_number(value), options.lang is Lang.ZH)
        sign = "+" if value > 0 else "-" if value < 0 else ""
        sign = sign if column.kind is Kind.CHANGE else "-" if value < 0 else ""
        text = sign + format_number(abs(value)) + (row.get(column.unit_key) or "")
        return marked(qualifier, text, options.lang is Lang.ZH)
    if column.kind is Kind.FRACTION:
        return f"{value:.1%}" if options.units is Units.CN else plain_number(value)
    if column.kind is Kind.MULTIPLE:
        return f"{value:.3g}×" if options.units is Units.CN else plain_number(value)
    if column.kind is Kind.FLAG:
        return "✓" if value else "✗"
    if column.kind is Kind.NUMBER:
        if options.units is Units.CN and isinstance(value, float | int):
            return f"{value:,.10g}" if not float(value).is_integer() else f"{int(value):,}"
        return plain_number(value)
    if column.kind is Kind.CATEGORY and options.lang is Lang.ZH:
        return printable(CATEGORY_NAMES.get(str(value), str(value)))
    if column.kind is Kind.NOTE and options.lang is Lang.ZH:
        return printable(note_zh(str(value)), newlines=True)
    return printable(str(value), newlines=True)


def machine_cell(value: Any) -> Any:
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if math.isinf(value):
            return None
        return value
    if hasattr(value, "item"):  # numpy scalars
        return machine_cell(value.item())
    return str(value)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a text cell as a formula (or hide what follows)."""

LINE_BREAKS = ("\r", "\n")
"""Characters that end a row unless the cell holding them is quoted."""


def neutralise(text: str) -> str:
    """Keep a spreadsheet from running a text cell as a formula: a leading ' disarms it."""
    return "'" + text if text.startswith(FORMULA_START) else text


def delimited_cell(value: Any) -> str:
    if type(value) is str:  # most cells: the fast way
        text: str = value
        return "'" + text if text.startswith(FORMULA_START) else text
    if value is None:
        return ""
    value = machine_cell(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return plain_number(value)
    return neutralise(value)


def json_value(value: Any) -> Any:
    """A number as JSON gives it: whole numbers as integers (126, not 126.0), the others to
    SIGNIFICANT digits (0.2, not 0.19999999999999996)."""
    if isinstance(value, float):
        value = tidy(value)
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return value


def tidy_array(values: Any) -> Any:
    """zonestats.model.quantity.tidy for an array of finite numbers that are not whole: the
    division by a power of ten is correctly rounded, so the result is the number the
    rounded digits name; magnitudes beyond exact powers of ten go one by one."""
    import numpy as np

    with np.errstate(divide="ignore"):
        digits = SIGNIFICANT - 1 - np.floor(np.log10(np.abs(values)))
    exact = (digits >= -22) & (digits <= 22)
    power = 10.0 ** np.abs(np.where(exact, digits, 0))  # exact up to 10**22
    up = np.round(values * power) / power  # digits after the point
    down = np.round(values / power) * power  # whole tens, hundreds … (digits < 0)
    whole = values == np.trunc(values)
    result = np.where(exact & ~whole, np.where(digits >= 0, up, down), values)
    loose = np.flatnonzero(~exact & ~whole)
    result[loose] = [tidy(v) for v in values[loose].tolist()]
    return result
