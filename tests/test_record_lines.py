"""Rows of CSV and TSV files are named by the line an editor shows them at: blank lines
and line breaks inside quoted cells count (zonestats.io.record_lines)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from zonestats.errors import DataError
from zonestats.io import record_lines
from zonestats.io.long_table import read_cells, read_chunks
from zonestats.io.table_rows import read_rows

_BREAK = re.compile(r"\r\n|\r|\n")
_CELL = st.text(alphabet=st.sampled_from(list('甲区ab 1,"\n\r\t')), max_size=6)
_BLANKS = st.lists(st.sampled_from(["", " ", "  \t", "\t "]), max_size=2)


@st.composite
def _tables(draw: st.DrawFn, ragged: bool = False) -> tuple[str, list[list[str]], list[int], str]:
    """A CSV or TSV text as a writer makes it, blank lines between some records; its rows
    and the line each starts at. Ragged: rows of 1 to 4 cells, the header of 2 or 3."""
    width = draw(st.integers(2, 3))
    separator = draw(st.sampled_from([",", "\t"]))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    low, high = (1, 4) if ragged else (width, width)
    rows = draw(st.lists(st.lists(_CELL, min_size=low, max_size=high), min_size=1, max_size=8))
    rows = [row for row in rows if any(cell.strip(" \t") for cell in row)]  # no blank record
    text = io.StringIO()
    _write(text, [f"c{i}" for i in range(width)], separator, ending)
    lines = []
    for row in rows:
        for blank in draw(_BLANKS):
            if separator == "\t":
                blank = blank.replace("\t", " ")  # a tab in a TSV is a record of empty cells
            text.write(blank + ending)
        lines.append(len(_BREAK.findall(text.getvalue())) + 1)
        _write(text, row, separator, ending)
    written = text.getvalue()
    if draw(st.booleans()):
        written = written[: -len(ending)]  # no line break at the end
    return written, rows, lines, ".tsv" if separator == "\t" else ".csv"


def _write(out: io.StringIO, row: list[str], separator: str, ending: str) -> None:
    """A record as CSV writers quote: a cell holding the separator, a quote or a line break
    in quotes, quotes doubled."""
    special = (separator, '"', "\r", "\n")
    quoted = ['"' + c.replace('"', '""') + '"' if any(s in c for s in special) else c for c in row]
    out.write(separator.join(quoted) + ending)


def _read(path: Path, rows: int | None) -> tuple[list[list[str]], list[int]]:
    cells, lines = [], []
    for chunk, chunk_lines in read_chunks(path, rows):
        cells += chunk.fillna("").astype(str).values.tolist()
        lines += chunk_lines.tolist()
    return cells, lines


@settings(max_examples=200, deadline=None)
@given(_tables(), st.booleans(), st.integers(1, 3))
def test_each_row_is_named_by_the_line_it_starts_at(
    tmp_path_factory: pytest.TempPathFactory,
    table: tuple[str, list[list[str]], list[int], str],
    bom: bool,
    chunk: int,
) -> None:
    written, rows, lines, suffix = table
    path = tmp_path_factory.mktemp("t") / f"t{suffix}"
    path.write_bytes(("\ufeff" if bom else "").encode() + written.encode("utf-8"))
    expected = [[cell.replace("\r\n", "\n") for cell in row] for row in rows]
    for size in (None, chunk):  # read whole, and a few rows at a time as the engine does
        cells, found = _read(path, size)
        assert [[c.replace("\r\n", "\n") for c in row] for row in cells] == expected
        assert found == lines


@settings(max_examples=200, deadline=None)
@given(_tables(ragged=True), st.integers(1, 3))
def test_every_row_of_another_width_than_the_header_is_named_at_its_line(
    tmp_path_factory: pytest.TempPathFactory,
    table: tuple[str, list[list[str]], list[int], str],
    chunk: int,
) -> None:
    written, rows, lines, suffix = table
    path = tmp_path_factory.mktemp("t") / f"t{suffix}"
    path.write_bytes(written.encode("utf-8"))
    width = len(
        next(
            csv.reader(
                io.StringIO(written, newline=""), delimiter="\t" if suffix == ".tsv" else ","
            )
        )
    )
    wrong = [(line, len(row)) for row, line in zip(rows, lines, strict=True) if len(row) != width]
    for size in (None, chunk):
        if not wrong:
            assert len(_read(path, size)[0]) == len(rows)
            continue
        with pytest.raises(DataError) as raised:
            _read(path, size)
        named = [(p.line, p.code, p.message.split(" cell")[0]) for p in raised.value.problems]
        table_error = "unreadable-table"
        assert named == [
            (line, table_error, f"cannot read the table: a row of {cells}") for line, cells in wrong
        ]


def test_a_stray_quote_leaves_rows_on_their_lines(tmp_path: Path) -> None:
    """A quote inside an unquoted cell is text to the reader, where the scan takes it to
    open a quoted cell: a file read whole is then read again as the reader reads it."""
    path = tmp_path / "t.csv"
    path.write_text('c0,c1\n\n1,他说"好\n2,3\n \n4,5\n,\n', encoding="utf-8")
    rows = [["1", '他说"好'], ["2", "3"], ["4", "5"], ["", ""]]
    assert _read(path, None) == (rows, [3, 4, 6, 7])


@pytest.mark.parametrize("engine", ["never", "always"])
def test_problems_name_the_line_after_blank_lines_and_cells_of_several_lines(
    cli: Callable[..., Any], tmp_path: Path, engine: str
) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text(
        "zone,indicator,period,value,unit,quote\n"
        '甲区,r,2020,1,家,"一行\n又一行\n"\n'
        "\n"
        "甲区,r,2021,many,家,\n"
        "甲区,r,2022,3,家,\n",
        encoding="utf-8",
    )
    result = cli("validate", str(path), expect=1, env={"ZONESTATS_ENGINE": engine})
    assert f"{path}:6: value 'many' is not a number [not-a-number]" in result.stdout


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ('c0,c1\n1,他说"好\n2,"x\ny"\n3,z\n', [2, 3, 5]),
        ('c0,c1\n1,a"b\n\n2,c\n3,"d\ne"\n4,f\n', [2, 4, 5, 7]),
        ('c0,c1\n1,a\n "x,z\ny",b\n2,c\n', [2, 3, 4, 5]),
        ('c0,c1\n"a"b,"c\nd"\n2,e\n', [2, 4]),
    ],
    ids=["quote in a cell", "and a blank line", "after a space", "after a closing quote"],
)
@pytest.mark.parametrize("block", [1, 2, 3, 1 << 23])
def test_a_stray_quote_leaves_rows_on_their_lines_read_a_few_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, lines: list[int], block: int
) -> None:
    """The engine's reading, which cannot count the reader's records before it hands rows
    on, names the rows as reading the file whole does (a quote's neighbours in another block
    of the scan, too)."""
    monkeypatch.setattr(record_lines, "BLOCK", block)
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    whole = _read(path, None)
    assert whole[1] == lines
    for size in (1, 2):
        assert _read(path, size) == whole


@settings(max_examples=200, deadline=None)
@given(_tables(), st.booleans(), st.data())
def test_rows_read_alone_by_their_lines_are_the_rows_read_with_the_rest(
    tmp_path_factory: pytest.TempPathFactory,
    table: tuple[str, list[list[str]], list[int], str],
    bom: bool,
    data: st.DataObject,
) -> None:
    """The engine reads again only the rows a command needs, found by the scan's lines."""
    written, rows, lines, suffix = table
    assume(lines)
    path = tmp_path_factory.mktemp("t") / f"t{suffix}"
    path.write_bytes(("\ufeff" if bom else "").encode() + written.encode("utf-8"))
    picked = sorted(data.draw(st.sets(st.sampled_from(lines), min_size=1)))
    whole, found = read_cells(path)
    wanted = [found.tolist().index(line) for line in picked]
    alone = read_rows(path, np.array(picked, dtype=np.int64))
    assert alone is not None
    cells, alone_lines = alone
    assert alone_lines.tolist() == picked
    assert cells.equals(whole.iloc[wanted].reset_index(drop=True))


def test_rows_are_not_read_alone_where_the_scan_cannot_find_them(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('c0,c1\n1,他说"好\n2,3\n', encoding="utf-8")
    assert read_rows(path, np.array([3])) is None  # a quote read as text: read it whole
    path.write_text("c0,c1\n1,2\n", encoding="utf-8")
    assert read_rows(path, np.array([3])) is None  # no row there: the file changed
    assert read_rows(path.with_suffix(".jsonl"), np.array([1])) is None


@pytest.mark.parametrize(
    ("text", "returns"),
    [
        ("c0,c1\r1,2\r\r,3\r", True),
        ('c0,c1\r1,"2\n"\r', True),  # a line feed in a quoted cell ends no record
        ("c0,c1\r1,2\r\n3,4\r\n", False),
        ("c0,c1\r1,2\n", False),
    ],
)
@pytest.mark.parametrize("block", [1, 2, 3, 5, 8, 1 << 23])
def test_records_ended_by_a_return_alone_are_told(
    monkeypatch: pytest.MonkeyPatch, text: str, returns: bool, block: int
) -> None:
    """Where every record ends with \\r alone, the reader is told so (a \\r\\n split between
    blocks of the scan ends its record with a line feed)."""
    monkeypatch.setattr(record_lines, "BLOCK", block)
    found = record_lines.record_lines(io.BytesIO(text.encode()), ",")
    assert found.returns is returns
