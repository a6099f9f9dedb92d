"""A long table's text columns coded once (zonestats.io.cells): a column read as a
dictionary (Parquet's own encoding) is coded as its texts are."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from zonestats.io.cells import TextColumn

_TEXTS = st.one_of(st.none(), st.sampled_from(["", "甲区", "乙区", "2021", " ", "0101"]))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_TEXTS, min_size=1, max_size=30),
    st.lists(st.sampled_from(["丙区", "unused", "2020"]), unique=True),
    st.randoms(),
)
def test_a_dictionary_column_is_coded_as_its_texts(
    cells: list[str | None], unused: list[str], order: Any
) -> None:
    """Whatever the dictionary's order and the values it holds that no cell uses."""
    categories = list(dict.fromkeys([c for c in cells if c is not None] + unused))
    order.shuffle(categories)
    as_texts = TextColumn(pd.Series(cells, dtype="str"))
    as_dictionary = TextColumn(pd.Series(pd.Categorical(cells, categories=categories)))
    assert as_dictionary.codes.tolist() == as_texts.codes.tolist()
    assert as_dictionary.listed() == as_texts.listed()
    assert as_dictionary.has_empty == as_texts.has_empty
    assert _texts(as_dictionary.cells) == _texts(as_texts.cells)
    assert as_dictionary.lengths().tolist() == as_texts.lengths().tolist()


def _texts(cells: pd.Series) -> list[str | None]:
    return [None if pd.isna(cell) else str(cell) for cell in cells.tolist()]


def test_parquet_of_dictionaries_in_row_groups_reads_as_its_csv(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    """Row groups each with its own dictionary (as DuckDB and Spark write them), values no
    row uses among them, an empty cell: the table of the same rows as CSV, checked alike."""
    rows = [
        ("甲区", "r", "2020", "1", "家", "签约1家"),
        ("乙区", "r", "2020", "2", "家", ""),
        ("甲区", "r", "2021", "many", "家", "签约多家"),
        ("乙区", "r", "2021", "4", "家", "签约4家"),
    ]
    columns = ["zone", "indicator", "period", "value", "unit", "quote"]
    frame = pd.DataFrame(rows, columns=columns)
    frame.to_csv(tmp_path / "t.csv", index=False)
    coded = {c: pd.Categorical(frame[c], categories=[*frame[c].unique(), "无"]) for c in columns}
    table = pa.Table.from_pandas(pd.DataFrame(coded), preserve_index=False)
    pq.write_table(table, tmp_path / "t.parquet", row_group_size=1)
    for command in (["validate"], ["export", "--csv", "-d"]):
        by_csv = cli(*command, str(tmp_path / "t.csv"), expect=1)
        by_parquet = cli(*command, str(tmp_path / "t.parquet"), expect=1)
        assert by_parquet.stdout.replace("t.parquet:3", "t.csv:4") == by_csv.stdout


_LABELS = st.text(
    st.one_of(
        st.sampled_from(list(" \t\u3000\u00a0\x1f(?（）·-_%甲区1a")),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LABELS, min_size=1, max_size=20))
def test_what_the_patterns_pass_the_converter_passes(values: list[str]) -> None:
    """Each column-wise shortcut is sufficient: a value that matches all its patterns (RE2,
    as the checks run them) passes the converter."""
    import pyarrow.compute as pc

    from zonestats.errors import ZonestatsError
    from zonestats.model.fields import SURELY_VALID

    array = pa.array(values, type=pa.large_string())
    for convert, patterns in SURELY_VALID.items():
        sure = [True] * len(values)
        for pattern in patterns:
            matched = pc.match_substring_regex(array, pattern).to_pylist()
            sure = [s and bool(m) for s, m in zip(sure, matched, strict=True)]
        for value, passes in zip(values, sure, strict=True):
            if passes:
                try:
                    convert(value)
                except ZonestatsError as error:  # pragma: no cover (a failure to show)
                    raise AssertionError(f"{convert.__name__}({value!r}): {error}") from None
