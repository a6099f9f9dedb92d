"""The observations table over Python lists (YAML) and over a DataFrame (long tables): the
operations that depend on the storage give the same answers."""

from __future__ import annotations

from typing import Any

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from zonestats.model.period import latest_key
from zonestats.model.table import ObservationTable

_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["甲区", "乙区", None]),
        st.sampled_from(["gdp", "rank"]),
        st.sampled_from(["2020", "2021", "2021-06", "2020-01/2021-12", "2021-01-01"]),
        st.sampled_from(["exact", "approx", "more_than", "at_least"]),
    ),
    max_size=40,
)
_COLUMNS = ("zone", "indicator", "period", "qualifier")


def _both(rows: list[tuple[Any, ...]]) -> tuple[ObservationTable, ObservationTable]:
    lists = {c: [row[i] for row in rows] for i, c in enumerate(_COLUMNS)}
    frame = pd.DataFrame({c: pd.array(v, dtype="string") for c, v in lists.items()})
    return ObservationTable(lists, ["a.csv"]), ObservationTable(frame, ["a.csv"])


@settings(max_examples=60, deadline=None)
@given(rows=_ROWS)
def test_each_group_s_best_row_is_the_same_in_lists_and_in_a_frame(
    rows: list[tuple[Any, ...]],
) -> None:
    """The greatest key of each series, the last of equals, groups in order of first
    appearance, with their sizes."""
    in_lists, in_frame = _both(rows)
    groups, by = ("zone", "indicator"), ("period", "qualifier")
    best = in_lists.best_rows(groups, by, latest_key)
    assert in_frame.best_rows(groups, by, latest_key) == best
    assert sum(count for _, count in best) == len(rows)
    for row, _ in best:  # no row of its group has a greater key, nor a later one an equal
        group = rows[row][:2]
        mine = latest_key(*rows[row][2:])
        others = [(latest_key(*r[2:]), i) for i, r in enumerate(rows) if r[:2] == group]
        assert max(others) == (mine, row)


def test_ties_go_to_the_last_row() -> None:
    rows = [("甲区", "gdp", "2021", "exact"), ("甲区", "gdp", "2021", "exact")]
    for table in _both(rows):
        assert table.best_rows(("zone", "indicator"), ("period", "qualifier"), latest_key) == [
            (1, 2)
        ]
