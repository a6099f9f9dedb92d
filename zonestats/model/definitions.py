"""Definitions stated once: a row that leaves an indicator's name, category or direction
empty takes what another row of its series (or of another zone) gives."""

from __future__ import annotations

from typing import Any

from zonestats.model.merge import SERIES
from zonestats.model.table import ObservationTable

_DEFAULTS = {"name": None, "name_en": None, "category": "other", "better": None}
"""What a field left empty everywhere becomes (None for the names: the indicator's id)."""
_ANY_ZONE = ("category", "better")
"""Fields that a zone's series leaving them empty takes from another zone's indicator of the
same id: a national table often states a definition once."""


def fill_definitions(table: ObservationTable) -> None:
    """Give rows that leave a definition field empty what another row of the series gives
    (from any input); else, for the category and direction, what any zone's indicator of
    that id gives; else the default: the names the indicator's id, the category other."""
    for name, default in _DEFAULTS.items():
        if table.has_missing(name):
            table.set_column(name, _filled(table, name, default))


def _filled(table: ObservationTable, name: str, default: Any) -> list[Any]:
    """One definition field with its empty cells filled."""
    named = name in ("name", "name_en")
    given: dict[tuple[Any, ...], Any] = {}
    anywhere: dict[str, Any] = {}
    for _, (*series, value) in table.distinct((*SERIES, name)):
        if value is not None:
            given.setdefault(tuple(series), value)
            anywhere.setdefault(series[2], value)
    if not given:  # left empty everywhere (a column the tables do not have)
        return list(table.column(SERIES[2])) if named else [default] * len(table)
    if name not in _ANY_ZONE:
        anywhere = {}
    keys = zip(*(table.column(c) for c in SERIES), strict=True)
    filled = []
    for value, key in zip(table.column(name), keys, strict=True):
        if value is None:
            value = given.get(key, anywhere.get(key[2], default))
            value = key[2] if value is None and named else value
        filled.append(value)
    return filled
