"""Cells: as people read them (800万台, +80位, 40.1%) and as programs get them."""

from __future__ import annotations

import math
from typing import Any

from zonestats.errors import printable
from zonestats.model.quantity import Qualifier, format_number, plain_number
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
