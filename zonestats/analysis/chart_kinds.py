"""The kinds of chart, apart from what draws them: the command line names them at start-up."""

from __future__ import annotations

from enum import StrEnum


class ChartKind(StrEnum):
    GROWTH = "growth"  # a bar per series: its multiple
    RANKS = "ranks"  # a line per zone through its places, rank 1 at the top
    SLOPE = "slope"  # one indicator's first and last value per zone
    SERIES = "series"  # one indicator's values over its periods, a line per zone
