"""JSON and JSONL of large tables, written column by column (zonestats.output.json_rows):
the same bytes as the record writer, whatever the columns hold."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zonestats.output import json_rows as columnwise
from zonestats.output import writers
from zonestats.output.table import Column, Table, table_from_frame

_TEXTS = st.one_of(
    st.none(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8),
    st.sampled_from(['say "hi"', "back\\slash", "a\nb\r\tc\x00\x1f\x7f", "\u2028", "全区291个"]),
    st.sampled_from(["=1+2", "", "null", "NaN", " lead", "é"]),
)
_NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**17), 10**17).map(float),
    st.sampled_from([0.0, -0.0, 0.1 + 0.2, 2.5, 2.0**53, 2.0**53 - 1, 1e16, 1e22, 1e-7, 5e-324]),
)
_OBJECTS = st.one_of(_TEXTS, _NUMBERS, st.booleans(), st.integers(-(10**20), 10**20))


def _frame(draw: Any, size: int) -> pd.DataFrame:
    """A frame of every kind of column a table may hold, each cycling through its draws."""

    def cycle(values: list[Any]) -> list[Any]:
        return [values[i % len(values)] for i in range(size)]

    texts = cycle(draw(st.lists(_TEXTS, min_size=1, max_size=12)))
    numbers = cycle(draw(st.lists(_NUMBERS, min_size=1, max_size=12)))
    objects = cycle(draw(st.lists(_OBJECTS, min_size=1, max_size=12)))
    return pd.DataFrame(
        {
            "text": pd.Series(texts, dtype=object),
            "arrow": pd.Series(texts, dtype="string[pyarrow]"),
            "category": pd.Series(texts, dtype="category"),
            "number": numbers,
            "float32": _float32(numbers),
            "Float64": pd.array(numbers, dtype="Float64"),
            "flag": pd.array(cycle([True, False, None]), dtype="boolean"),
            "bool": cycle([True, False]),
            "count": pd.array(cycle([7, None, -(2**62)]), dtype="Int64"),
            "int": cycle([0, -3, 2**62]),
            "mixed": pd.Series(objects, dtype=object),
            '名称 "key"': cycle(["甲"]),
        }
    )


def _float32(numbers: list[float]) -> pd.Series:
    with np.errstate(over="ignore"):  # beyond float32: infinite
        return pd.Series(np.array(numbers, dtype="float64").astype("float32"))


def _records(frame: pd.DataFrame, format: Callable[[Table, io.StringIO], None]) -> str:
    """What a writer gives for the frame's rows: a frame of each column a column."""
    columns = [Column(str(key), str(key), str(key)) for key in frame.columns]
    table = table_from_frame(frame, columns)
    out = io.StringIO()
    format(table, out)
    return out.getvalue()


def _row_writer(indented: bool) -> Callable[[Table, io.StringIO], None]:
    def write(table: Table, out: io.StringIO) -> None:
        rows = Table(table.columns, list(table.rows))  # no frame: record by record
        if indented:
            writers._write_json(rows, None, out)  # type: ignore[arg-type]
        else:
            writers._jsonl_rows(rows, out)

    return write


@settings(max_examples=40, deadline=None)
@given(data=st.data(), size=st.integers(1, 30), indented=st.booleans())
def test_the_column_writer_gives_the_record_writer_s_bytes(
    data: st.DataObject, size: int, indented: bool
) -> None:
    frame = _frame(data.draw, size)
    expected = _records(frame, _row_writer(indented))
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:  # blocks of a few rows: records across them
        patch.setattr(columnwise, "BLOCK_ROWS", data.draw(st.integers(1, 7)))
        assert columnwise.json_rows(frame, out, indented=indented, min_rows=0)
    assert out.getvalue() == expected
    if expected.strip():  # and it is JSON (no NaN, no infinity)
        parsed = (
            json.loads(expected) if indented else [json.loads(x) for x in expected.split("\n")[:-1]]
        )
        assert len(parsed) == size


def test_bytes_go_straight_to_a_utf8_file(tmp_path: Path) -> None:
    """A file of text (UTF-8) gets the bytes below it, after what was written before."""
    frame = pd.DataFrame({"quote": ["全区2597个", 'a "b"'], "value": [2597.0, 0.1 + 0.2]})
    path = tmp_path / "out.jsonl"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("before\n")
        assert columnwise.json_rows(frame, out, indented=False, min_rows=0)
        out.write("after\n")
    expected = '{"quote": "全区2597个", "value": 2597}\n{"quote": "a \\"b\\"", "value": 0.3}\n'
    assert path.read_text(encoding="utf-8") == "before\n" + expected + "after\n"
    gb = tmp_path / "out.gb.jsonl"
    with gb.open("w", encoding="gb18030", newline="") as out:  # not UTF-8: written as text
        assert columnwise.json_rows(frame, out, indented=False, min_rows=0)
    assert gb.read_text(encoding="gb18030") == expected


@pytest.mark.parametrize(
    ("frame", "min_rows"),
    [
        (pd.DataFrame({"a": [1.0, 2.0]}), 3),  # short: record by record
        (pd.DataFrame({"a": []}), 0),  # no rows: the record writer's []
        (pd.DataFrame(index=range(3)), 0),  # no columns
        (pd.DataFrame([[1, 2]], columns=["a", "a"]), 0),  # a key twice: one key in a record
    ],
)
def test_tables_left_to_the_record_writer(frame: pd.DataFrame, min_rows: int) -> None:
    out = io.StringIO()
    assert not columnwise.json_rows(frame, out, indented=True, min_rows=min_rows)
    assert out.getvalue() == ""


@pytest.mark.parametrize("format", ["jsonl", "json"])
def test_a_large_export_is_the_record_writer_s(
    cli: Callable[..., Any],
    tmp_path: Path,
    format: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`export` of a long table past the threshold: the bytes of the record writer, to a file
    and to stdout."""
    rows = [
        f"开发区{i % 7},s{i // 7 % 5},指标,{2000 + i // 35},{i * 1.5 + 0.1:.2f},个,全区{i}个\n"
        for i in range(300)
    ]
    table = tmp_path / "obs.csv"
    table.write_text("zone,indicator,name,period,value,unit,quote\n" + "".join(rows), "utf-8")
    args = ["export", "-d", str(table), "--format", format]
    monkeypatch.setattr(columnwise, "MIN_ROWS", 10**9)
    expected = cli(*args).stdout
    monkeypatch.setattr(columnwise, "MIN_ROWS", 100)
    monkeypatch.setattr(columnwise, "BLOCK_ROWS", 64)
    assert cli(*args).stdout == expected
    out = tmp_path / f"out.{format}"
    cli(*args, "-o", str(out))
    assert out.read_text(encoding="utf-8") == expected
    assert len(expected.splitlines()) >= 300
