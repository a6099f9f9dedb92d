"""The line each record of a CSV or TSV file starts at, as an editor numbers lines.

A table reader counts records; a person reads lines. They differ where a quoted cell holds
a line break (its record spans lines) and where a line is blank (nothing but spaces or tabs:
the reader skips it). The file's bytes are scanned a block at a time, column-wise: every
line break (\\n, \\r\\n, or \\r alone), every double quote; a break after an even number of
quotes ends a record. Only the records that start somewhere other than their place says
(after a blank line or a record of several lines) are kept, as shifts. Where a quote is not
where a quoted cell opens or closes (他说"好, a quote inside a cell the reader reads as
text), quote parity misleads, and the file is read again by Python's csv reader.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import numpy as np

BLOCK = 1 << 23
"""Bytes scanned at a time."""
_LF, _CR, _QUOTE = 10, 13, 34
_MAYBE_BLANK = list(b" \t\r\n")  # a segment starting with one of these may be blank


class RecordLines:
    """Record number (0: the header) to line: line = record + 1 + the shift of the last
    change at or before the record; and the records whose number of cells is not the
    header's (the reader fills a short row with empty cells, unseen), by line."""

    def __init__(self, records: np.ndarray, shifts: np.ndarray, count: int) -> None:
        self.records, self.shifts, self.count = records, shifts, count
        self.header_cells = 0
        self.wrong: list[tuple[int, int]] = []  # (line, cells) of rows of another width
        self.unclosed: int | None = None  # the line of a record whose quote never closes
        self.returns = False  # every record ends with \r alone (none with \n or \r\n)

    @classmethod
    def one_a_line(cls) -> RecordLines:
        """Records of one line each, none blank, widths unknown (record n is line n + 1)."""
        import numpy as np

        none = np.zeros(0, dtype=np.int64)
        return cls(none, none, -1)

    def lines(self, first: int, rows: int) -> np.ndarray:
        """The lines of data rows first … first + rows - 1 (row 0: the record after the
        header)."""
        import numpy as np

        numbers = np.arange(first + 1, first + 1 + rows, dtype=np.int64)
        if not len(self.records):
            return numbers + 1
        at = np.searchsorted(self.records, numbers, side="right") - 1
        shift = np.where(at >= 0, self.shifts[np.maximum(at, 0)], 0)
        result: np.ndarray = numbers + 1 + shift
        return result


def record_lines(source: Any, separator: str) -> RecordLines:
    """Where the file's records start, and which have another number of cells than the
    header."""
    return _records(_segments(source, separator))


def records_as_read(source: Any, separator: str) -> RecordLines:
    """record_lines by Python's csv reader, which reads quotes as the table reader does (a
    quote inside an unquoted cell is text): slower, for the files whose quotes the scan
    reads otherwise."""
    return _records(_segments_as_read(source, separator))


def segment_line(source: Any, separator: str, segment: int) -> int | None:
    """The line a segment starts at: a record or a blank line, counted from 0 (the header,
    or a blank line before it), as the table reader counts them in its own messages."""
    lines = _segments(source, separator).lines
    return int(lines[segment]) if 0 <= segment < len(lines) else None


class _Segments(NamedTuple):
    """Each segment's line, whether it is blank, and its cells (separators outside quoted
    cells, and one); whether the file ends inside a quoted cell, and whether every record
    ends with \\r alone."""

    lines: np.ndarray
    blank: np.ndarray
    cells: np.ndarray
    unclosed: bool = False
    returns: bool = False


def _records(found: _Segments) -> RecordLines:
    """The records (segments not blank): their lines, those of another width, and the last
    one where a quote in it is never closed (its cells run to the file's end: no width)."""
    import numpy as np

    lines, cells = found.lines[~found.blank], found.cells[~found.blank]
    records = _shifts(lines)
    records.returns = found.returns
    if len(cells):
        wrong = np.flatnonzero(cells != cells[0])
        if found.unclosed:
            records.unclosed = int(lines[-1])
            wrong = wrong[wrong != len(cells) - 1]
        records.header_cells = int(cells[0])
        records.wrong = list(zip(lines[wrong].tolist(), cells[wrong].tolist(), strict=True))
    return records


def record_ranges(
    source: Any, separator: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool] | None:
    """Each record's line, and where its bytes start and stop in the file (the header
    first; a record's bytes hold its line break, where it has one), and whether every
    record ends with \\r alone; None where quotes mislead the scan (a quote the reader
    reads as text)."""
    import numpy as np

    scanned = _scanned(source, separator, widths=False)
    if scanned is None:
        return None
    found, starts, skip, size = scanned
    stops = np.append(starts[1:], size)
    keep = ~found.blank
    return found.lines[keep], starts[keep] + skip, stops[keep] + skip, found.returns


def _segments(source: Any, separator: str) -> _Segments:
    """The file's segments, scanned (or as Python's csv reader reads them, where a quote
    the reader reads as text misleads the scan)."""
    scanned = _scanned(source, separator)
    return _segments_as_read(source, separator) if scanned is None else scanned[0]


def _scanned(
    source: Any, separator: str, widths: bool = True
) -> tuple[_Segments, np.ndarray, int, int] | None:
    """The file's segments (cells one each, unless ``widths``), where each starts (past a
    BOM), the BOM's length and the bytes past it. None where a quote is not a quoted
    cell's."""
    import numpy as np

    scan = _Scan(separator, widths)
    buffer = bytearray(BLOCK)
    with _opened(source) as file:
        skip = len(codecs.BOM_UTF8) if file.read(3) == codecs.BOM_UTF8 else 0
        file.seek(skip)
        while size := file.readinto(buffer):
            scan.feed(np.frombuffer(buffer, dtype=np.uint8, count=size), buffer)
        if not scan.bounded:
            return None
        starts, lines, maybe, cells = scan.segments()
        spaces = b" \r\n" if separator == "\t" else b" \t\r\n"
        blank = _blank(file, skip, starts, scan.offset, maybe, spaces)
    found = _Segments(lines, blank, cells, scan.quoted, not scan.feeds)
    return found, starts, skip, scan.offset


@contextmanager
def _opened(source: Any) -> Iterator[io.BufferedReader | io.BytesIO]:
    """A path opened for reading bytes, or a buffer read from its start."""
    if hasattr(source, "getvalue"):
        yield io.BytesIO(source.getvalue())
        return
    with open(source, "rb") as file:
        yield file


def _segments_as_read(source: Any, separator: str) -> _Segments:
    """_segments by Python's csv reader (the file read as a stream; a quote never closed is
    not told, its record is one of another width, nor the records' line breaks)."""
    import csv

    import numpy as np

    spaces = " \r\n" if separator == "\t" else " \t\r\n"
    last = [""]

    def tracked(text: Iterable[str]) -> Iterator[str]:
        for last[0] in text:  # the line the reader read last
            yield last[0]

    with _opened(source) as file:
        text = io.TextIOWrapper(file, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(tracked(text), delimiter=separator)
        lines, blank, cells, line = [], [], [], 1
        try:
            for row in reader:  # blank: a line of spaces ("" or a line of separators is none)
                lines.append(line)
                blank.append(reader.line_num == line and not last[0].strip(spaces))
                cells.append(len(row))
                line = reader.line_num + 1
        except csv.Error:  # a cell beyond the reader's limit (and any cell's): rows as lines
            lines, blank, cells = [], [], []
    as_array = np.array
    return _Segments(as_array(lines, dtype=np.int64), as_array(blank, dtype=bool), as_array(cells))


class _Scan:
    """What is carried from block to block (bytes, line breaks and quotes seen: an odd
    number of quotes is inside a quoted cell), and the segments found (a record, or a blank
    line): where each starts, its line, and whether it may be blank (it starts with a
    space, a tab or a line break, or at a block's end). Whether every quote is bounded as a
    quoted cell's: one that opens after a separator, a line break or the file's start, one
    that closes before a separator, a line break or the file's end, or one of a doubled
    pair; where one is not, the reader reads it as text and parity misleads."""

    def __init__(self, separator: str, widths: bool = True) -> None:
        import numpy as np

        self.separator = ord(separator)
        self.widths = widths  # separators counted (the cells of each record)
        self.bounds = np.zeros(256, dtype=bool)  # the bytes a quote is bounded by
        self.bounds[[self.separator, _LF, _CR, _QUOTE]] = True
        self.bounded = True
        self.last = _LF  # the byte before this block (the file's start: as a line break)
        self.closing_last = False  # the previous block ended with a closing quote
        self.offset = 0  # bytes before this block (a BOM not counted)
        self.breaks = 0  # line breaks before this block
        self.feeds = 0  # records ended by \n or \r\n before this block
        self.quoted = False  # inside a quoted cell at the block's start
        self.separators = 0  # separators outside quoted cells before this block
        start = np.zeros(1, dtype=np.int64)
        first = (start, start + 1, np.ones(1, dtype=bool), start)
        self.parts: list[tuple[Any, Any, Any, Any]] = [first]

    def feed(self, data: np.ndarray, raw: bytearray) -> None:
        import numpy as np

        breaks = self._breaks(data, raw)
        none = np.zeros(0, dtype=np.int64)
        separators = np.flatnonzero(data == self.separator) if self.widths else none
        ending = np.ones(len(breaks), dtype=bool)
        if self.closing_last and not self.bounds[data[0]]:
            self.bounded = False
        self.closing_last = False
        if self.quoted or raw.find(b'"', 0, len(data)) >= 0:
            quotes = np.flatnonzero(data == _QUOTE)
            ending = (np.searchsorted(quotes, breaks) + int(self.quoted)) % 2 == 0
            outside = (np.searchsorted(quotes, separators) + int(self.quoted)) % 2 == 0
            separators = separators[outside]
            self._check_bounds(data, quotes)
            self.quoted = (len(quotes) + int(self.quoted)) % 2 == 1
        before = self.separators + np.searchsorted(separators, breaks[ending])
        self.feeds += int(np.count_nonzero(data[breaks[ending]] == _LF))
        self.separators += len(separators)
        after = breaks[ending] + 1  # where the next segment starts
        inside = after < len(data)
        maybe = np.ones(len(after), dtype=bool)  # a segment from the next block: looked at
        maybe[inside] = np.isin(data[after[inside]], _MAYBE_BLANK)
        lines = self.breaks + 2 + np.flatnonzero(ending)
        self.parts.append((self.offset + after, lines, maybe, before))
        self.breaks += len(breaks)
        self.last = int(data[-1])
        self.offset += len(data)

    def _check_bounds(self, data: np.ndarray, quotes: np.ndarray) -> None:
        """Whether the block's quotes open and close quoted cells (see the class)."""
        if not len(quotes) or not self.bounded:
            return
        first = int(self.quoted)  # the first quote closes a cell opened before the block
        opening, closing = quotes[first::2], quotes[1 - first :: 2]
        bounds, size = self.bounds, len(data)
        if len(opening) and opening[0] == 0:
            self.bounded = bool(bounds[self.last])
            opening = opening[1:]
        if len(closing) and closing[-1] == size - 1:  # what follows is in the next block
            self.closing_last = True
            closing = closing[:-1]
        self.bounded = bool(
            self.bounded and bounds[data[opening - 1]].all() and bounds[data[closing + 1]].all()
        )

    def _breaks(self, data: np.ndarray, raw: bytearray) -> np.ndarray:
        """Where the block's line breaks end: every \n, and every \r not before a \n."""
        import numpy as np

        breaks = np.flatnonzero(data == _LF)
        if self.last == _CR and len(breaks) and breaks[0] == 0:
            breaks = breaks[1:]  # the \n of a \r\n split between blocks: the \r was it
            self.feeds += int(not self.quoted)
        if raw.find(b"\r", 0, len(data)) < 0:
            return breaks
        cr = np.flatnonzero(data == _CR)
        following = np.append(data, np.uint8(0))[cr + 1]  # a \r ending the block: a break
        lone = cr[following != _LF]
        result: np.ndarray = np.sort(np.concatenate([breaks, lone]))
        return result

    def segments(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Each segment's start, line, whether it may be blank, and its cells."""
        import numpy as np

        parts = zip(*self.parts, strict=True)
        starts, lines, maybe, before = (np.concatenate(part) for part in parts)
        cells = np.diff(before, append=self.separators) + 1  # separators in it, and one
        return starts.astype(np.int64), lines.astype(np.int64), maybe, cells


def _blank(
    file: io.BufferedIOBase,
    skip: int,
    starts: np.ndarray,
    size: int,
    maybe: np.ndarray,
    spaces: bytes,
) -> np.ndarray:
    """Which segments are blank: empty, or nothing but spaces (and tabs, but in a TSV) and
    their line break; those that may be are read again (there are few)."""
    import numpy as np

    stops = np.append(starts[1:], size)
    blank = stops <= starts
    for segment in np.flatnonzero(maybe & ~blank).tolist():
        file.seek(skip + int(starts[segment]))
        text = file.read(int(stops[segment] - starts[segment]))
        blank[segment] = not text.strip(spaces)
    return blank


def _shifts(lines: np.ndarray) -> RecordLines:
    """The records' lines as the changes of their shift from the record number."""
    import numpy as np

    shift = lines - np.arange(1, len(lines) + 1, dtype=np.int64)
    change = np.flatnonzero(np.diff(shift, prepend=0))
    return RecordLines(change.astype(np.int64), shift[change], len(lines))
