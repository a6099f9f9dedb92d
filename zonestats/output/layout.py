"""Tables laid out for a screen of a given width, or at their natural width.

Each column has a priority and a minimum. A table wider than the screen first wraps its text
columns (names, quotes, notes) down to their minimum, then leaves out its least needed
columns (an id beside its name, a log bar beside the CAGR) one by one; values, periods and
ids never wrap or shrink. Where even that cannot fit (a narrow screen), each row becomes a
block of "field: value" lines.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

MIN_WRAP = 12
"""The narrowest a text column is wrapped to (six Chinese characters)."""

COMFORT = 24
"""The narrowest a text column is wrapped to while every column is still shown."""

RECORDS_BELOW = 60
"""Screens narrower than this get the record layout."""

KEEP = 2
"""Columns of this priority or more are never left out (every column, unless a view says
it may go: an id beside its name, a bar beside its number)."""


@dataclass(frozen=True)
class Grid:
    """A table's text: headers, rows of cells (each cell a list of lines), and per column
    whether it is right-aligned, may wrap, and how much it is needed (higher: kept longer)."""

    title: str | None
    headers: list[str]
    rows: list[list[list[str]]]
    right: list[bool]
    wraps: list[bool]
    priority: list[int]
    grouped: list[bool] | None = None  # shown once for a run of equal cells (not in records)


def cell_width(text: str) -> int:
    """Columns a text takes on a terminal: two for wide (CJK) characters, none for marks."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def lay_out(grid: Grid, width: int | None) -> tuple[list[str], list[int], list[str]]:
    """The lines of the table, the index of each row's first line (for cutting at a row),
    and the headers of the columns left out. Without a width, at its natural width; else
    fitted, leaving columns out, or as records."""
    if width is None:
        shown = list(range(len(grid.headers)))
        return (*_lines(grid, shown, _natural(grid, shown)), [])
    chosen = _choose(grid, width)
    if chosen is None:
        return (*_records(grid, width), [])
    dropped = [h for i, h in enumerate(grid.headers) if i not in chosen[0]]
    return (*_lines(grid, *chosen), dropped)


def _choose(grid: Grid, width: int) -> tuple[list[int], list[int]] | None:
    """The columns shown and their widths: all at their natural width where they fit, or
    with text wrapped to no less than COMFORT; else without the columns of priority 0 (an id
    beside its name), then with text wrapped further, then without the columns of priority
    1, the lowest first. None: the record layout."""
    if width < RECORDS_BELOW:
        return None
    shown = list(range(len(grid.headers)))
    comfortable = _fitted(grid, shown, width, COMFORT)
    if comfortable is not None:
        return shown, comfortable
    while True:
        natural = _natural(grid, shown)
        if sum(natural) + 3 * len(natural) - 1 <= width:
            return shown, natural
        if all(grid.priority[i] > 0 for i in shown):
            widths = _fitted(grid, shown, width)
            if widths is not None:
                return shown, widths
        droppable = [i for i in shown if grid.priority[i] < KEEP]
        if not droppable:
            return None
        shown.remove(min(droppable, key=lambda i: (grid.priority[i], -i)))


def _natural(grid: Grid, shown: Sequence[int]) -> list[int]:
    return [
        max(
            [cell_width(grid.headers[i])]
            + [cell_width(line) for row in grid.rows for line in row[i]]
        )
        for i in shown
    ]


def _minimum(grid: Grid, column: int, natural: int, floor: int) -> int:
    """What a column may shrink to: a text column to the floor (or its longest header word);
    any other never."""
    if not grid.wraps[column]:
        return natural
    header = max((cell_width(word) for word in grid.headers[column].split()), default=0)
    return min(natural, max(floor, header))


def _fitted(
    grid: Grid, shown: Sequence[int], width: int, floor: int = MIN_WRAP
) -> list[int] | None:
    """Widths of the shown columns within the width, the widest text column wrapped first,
    none below the floor; None where they cannot fit."""
    widths = _natural(grid, shown)
    floors = [_minimum(grid, i, w, floor) for i, w in zip(shown, widths, strict=True)]
    excess = sum(widths) + 3 * len(widths) - 1 - width
    while excess > 0:
        room = [k for k in range(len(widths)) if widths[k] > floors[k]]
        if not room:
            return None
        widths[max(room, key=lambda k: widths[k])] -= 1
        excess -= 1
    return widths


def wrap(text: str, width: int) -> list[str]:
    """A line of text in lines of at most `width` columns: broken at spaces where it can,
    anywhere between wide characters, inside a word only when the word is wider than a line."""
    if cell_width(text) <= width:
        return [text]
    lines: list[str] = []
    line, used = "", 0
    for token in _tokens(text):
        size = cell_width(token)
        if used + size > width:
            if line.strip():
                lines.append(line.rstrip())
            line, used = "", 0
            if token == " ":
                continue
        while size > width:  # a word wider than a line: cut it
            head, rest = _split_at(token, width - used)
            lines.append(line + head)
            line, used, token = "", 0, rest
            size = cell_width(token)
        line += token
        used += size
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _tokens(text: str) -> list[str]:
    """Words of narrow characters, single wide characters and single spaces."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        wide = unicodedata.east_asian_width(ch) in "WF"
        if ch == " " or wide:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def _split_at(word: str, room: int) -> tuple[str, str]:
    used = 0
    for index, ch in enumerate(word):
        used += cell_width(ch)
        if used > max(room, 1):
            return word[: max(index, 1)], word[max(index, 1) :]
    return word, ""


def _lines(grid: Grid, shown: Sequence[int], widths: Sequence[int]) -> tuple[list[str], list[int]]:
    def row_lines(cells: Sequence[list[str]]) -> list[str]:
        wrapped = [
            [part for line in cell for part in wrap(line, width)]
            for cell, width in zip(cells, widths, strict=True)
        ]
        out = []
        for depth in range(max(len(cell) for cell in wrapped)):
            parts = []
            for cell, width, column in zip(wrapped, widths, shown, strict=True):
                text = cell[depth] if depth < len(cell) else ""
                gap = " " * (width - cell_width(text))
                parts.append(f" {gap}{text} " if grid.right[column] else f" {text}{gap} ")
            out.append(" ".join(parts).rstrip())
        return out

    total = sum(widths) + 3 * len(widths) - 1
    lines = row_lines([[grid.headers[i]] for i in shown])
    lines.append("─" * total)
    starts = []
    grouped = grid.grouped or [False] * len(grid.headers)
    previous: list[list[str]] | None = None
    for row in grid.rows:
        starts.append(len(lines))
        cells = [
            [""] if grouped[i] and previous is not None and previous[i] == row[i] else row[i]
            for i in shown
        ]
        lines += row_lines(cells)
        previous = row
    if grid.title:
        title_lines = wrap(grid.title, max(total, 20))
        titles = [_centred(t, max(total, cell_width(t))) for t in title_lines]
        starts = [s + len(titles) for s in starts]
        lines = titles + lines
    return lines, starts


def _centred(text: str, total: int) -> str:
    excess = total - cell_width(text)
    return (" " * (excess // 2) + text).rstrip()


def _records(grid: Grid, width: int) -> tuple[list[str], list[int]]:
    """Each row as a block of "field: value" lines, values wrapped to the width (a field
    name too wide to stand beside its value stands on a line of its own)."""
    label = max((cell_width(h) for h in grid.headers), default=0)
    beside = label + 2 + MIN_WRAP <= width
    room = width - label - 2 if beside else max(width - 2, 1)
    lines: list[str] = [*wrap(grid.title, width)] if grid.title else []
    starts = []
    for row in grid.rows:
        if lines:
            lines.append("")
        starts.append(len(lines))
        for header, cell in zip(grid.headers, row, strict=True):
            values = [part for line in cell for part in wrap(line, room)] or [""]
            if beside:
                pad = " " * (label - cell_width(header))
                lines.append(f"{header}{pad}: {values[0]}".rstrip())
                lines += [" " * (label + 2) + value for value in values[1:]]
            else:
                lines += [f"{part}:" for part in wrap(header, max(width - 1, 1))]
                lines += ["  " + value for value in values]
    return lines, starts
