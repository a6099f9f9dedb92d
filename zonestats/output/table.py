"""Tables as every writer sees them: typed columns, rows of plain values, and reports."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from zonestats.errors import printable
from zonestats.output.options import Headers, Lang, OutputOptions


class Kind(StrEnum):
    """What a column holds, which decides how people-facing formats show it."""

    TEXT = "text"
    NUMBER = "number"
    QUANTITY = "quantity"  # a value in base units; the row's unit and qualifier go with it
    CHANGE = "change"  # a signed quantity: +790万台, -80位
    FRACTION = "fraction"  # 0.401 shown as 40.1%
    MULTIPLE = "multiple"  # 80.0 shown as 80×
    FLAG = "flag"  # True / False / None shown as yes / no / blank
    NOTE = "note"  # what analysis says, in English; in Chinese under --lang zh
    CATEGORY = "category"  # a category id; its Chinese name under --lang zh where it has one

    @property
    def numeric(self) -> bool:
        """Right-aligned: every kind but text, notes and categories."""
        return self not in (Kind.TEXT, Kind.NOTE, Kind.CATEGORY)


@dataclass(frozen=True)
class Column:
    """A column: its key in machine formats, its headers for people, and what it holds."""

    key: str
    zh: str
    en: str
    kind: Kind = Kind.TEXT
    unit_key: str = "unit"
    qualifier_key: str = "qualifier"
    wrap: bool = True  # False: never break the cell (ids, periods)
    people: bool = True  # False: machine formats only (the unit shown inside a quantity)
    machine: bool = True  # False: people's formats only (a display column built from others)
    lang: Lang | None = None  # people's formats show it only in this language (name, name_en)
    priority: int = 2  # below 2: a narrow screen may leave it out, the lowest first
    group: bool = False  # a table shows it once for a run of equal cells (records in full)

    def header(self, lang: Lang) -> str:
        """The header people read (a zone's name in some tables), control characters escaped."""
        return printable(self.zh if lang is Lang.ZH else self.en)


@dataclass(frozen=True)
class Table:
    """Rows of plain values (numbers in base units, None for nothing) under typed columns.

    A table made from a DataFrame keeps it, so that CSV and TSV are written column-wise.
    """

    columns: tuple[Column, ...]
    rows: Sequence[Sequence[Any]]
    title: str | None = None
    frame: Any = None
    sources: Table | None = None  # the reports it cites: a second sheet in xlsx

    def records(self) -> list[dict[str, Any]]:
        keys = [c.key for c in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Report:
    """A document of several tables, such as the summary.

    People's formats print the heading and every section; json writes ``data``; the other
    machine formats write the ``rows`` table.
    """

    heading: tuple[str, ...]
    sections: tuple[Table, ...]
    data: dict[str, Any]
    rows: Table


def header_of(column: Column, options: OutputOptions) -> str:
    """A column's header in the machine formats: its key (the stable contract), or with
    --headers zh its Chinese label (the key where it has none)."""
    if options.headers is Headers.ZH:
        return column.zh or column.key
    return column.key


def table_from_frame(frame: Any, columns: Sequence[Column], title: str | None = None) -> Table:
    """A Table over a pandas DataFrame's columns (missing values become None)."""
    selected = frame[[c.key for c in columns]]
    return Table(tuple(columns), _FrameRows(selected), title, selected)


def head(table: Table, rows: int) -> Table:
    """A table's first rows (a table made from a DataFrame keeps its first rows' frame)."""
    if table.frame is not None:
        first = table_from_frame(table.frame.head(rows), table.columns, table.title)
        return dataclasses.replace(first, sources=table.sources)
    return dataclasses.replace(table, rows=list(table.rows[:rows]))


class _FrameRows(Sequence[tuple[Any, ...]]):
    """A DataFrame's rows as tuples of plain values, made only when someone reads them."""

    def __init__(self, frame: Any) -> None:
        self._frame = frame
        self._rows: list[tuple[Any, ...]] | None = None

    def _materialise(self) -> list[tuple[Any, ...]]:
        if self._rows is None:
            values = self._frame.astype(object)
            values = values.where(values.notna(), None)
            self._rows = list(values.itertuples(index=False, name=None))
        return self._rows

    def __len__(self) -> int:
        return len(self._frame)

    def __getitem__(self, index: Any) -> Any:
        return self._materialise()[index]

    def __iter__(self) -> Any:
        return iter(self._materialise())
