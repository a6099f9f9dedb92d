"""A parsed document: mappings and sequences that remember where each part was written.

Kept apart from the YAML reader, so that what checks a document needs no parser.
"""

from __future__ import annotations

from typing import Any


class Mapping(dict[str, Any]):
    """A YAML mapping that remembers where it starts, and where each key and value stands."""

    __slots__ = ("line", "col", "positions", "value_positions")

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.line, self.col = line, col
        self.positions: dict[str, tuple[int, int]] = {}
        self.value_positions: dict[str, tuple[int, int]] = {}


class Sequence(list[Any]):
    """A YAML sequence that remembers where it starts and where each item stands."""

    __slots__ = ("line", "col", "positions")

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.line, self.col = line, col
        self.positions: list[tuple[int, int]] = []
