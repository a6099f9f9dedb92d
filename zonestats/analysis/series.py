"""Series (a zone's indicator) and the order of their observations, column-wise: each
distinct period is read once, and each series' first or last observation is found with
integer minima and maxima instead of a sort."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zonestats.errors import ZonestatsError
from zonestats.model.period import PRECEDENCE, period_position

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

LEVELS = max(PRECEDENCE.values()) + 2
"""Qualifier levels in an order key (room for an unknown qualifier after the known ones)."""


def distinct_periods(periods: pd.Series) -> tuple[np.ndarray, Any, np.ndarray]:
    """Each row's code among the distinct periods, those periods, and their (start, end)
    positions in fractional years."""
    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(periods)
    positions = np.array([period_position(str(p)) for p in distinct], dtype="float64")
    return codes, distinct, positions.reshape(-1, 2)


def period_ends_and_lengths(periods: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Where each row's period ends, and how long it lasts, in fractional years."""
    codes, _, positions = distinct_periods(periods)
    ends: np.ndarray = positions[codes, 1]
    return ends, ends - positions[codes, 0]


def time_ranks(positions: np.ndarray) -> np.ndarray:
    """Each distinct period's rank in time: by where it ends, then where it starts (equal
    positions, equal ranks, as 2021 and 2021-01/2021-12)."""
    import numpy as np

    order = np.lexsort((positions[:, 0], positions[:, 1]))
    ordered = positions[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    rank_of = np.empty(len(order), dtype=np.int64)
    rank_of[order] = np.cumsum(new) - 1
    return rank_of


def series_codes(frame: pd.DataFrame) -> tuple[np.ndarray, int]:
    """Each row's series (its zone's indicator) as a code, in order of first appearance,
    and the number of series."""
    import numpy as np
    import pandas as pd

    zone = pd.factorize(frame["zone"])[0].astype("int64")
    indicator = pd.factorize(frame["indicator"])[0].astype("int64")
    codes, keys = pd.factorize(zone * (int(indicator.max(initial=0)) + 1) + indicator)
    return codes.astype(np.int64), len(keys)


def precedence(qualifiers: pd.Series) -> np.ndarray:
    """Each row's qualifier as its PRECEDENCE (lower first)."""
    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(qualifiers)
    levels = np.array([PRECEDENCE.get(q, LEVELS - 1) for q in distinct], dtype=np.int64)
    result: np.ndarray = levels[codes] if len(distinct) else np.zeros(len(codes), np.int64)
    return result


def order_keys(
    frame: pd.DataFrame,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[Any, np.ndarray]]:
    """Keys whose per-series maximum is the latest observation and minimum the earliest
    (of one period, the most precise either way); with each row's period code, the
    distinct periods and their positions."""
    codes, distinct, positions = distinct_periods(frame["period"])
    rank = time_ranks(positions)[codes]
    level = precedence(frame["qualifier"])
    latest: np.ndarray = rank * LEVELS + (LEVELS - 1 - level)
    earliest: np.ndarray = rank * LEVELS + level
    return latest, earliest, codes, (distinct, positions)


def pick(
    series: np.ndarray, count: int, key: np.ndarray, chosen: np.ndarray, latest: bool
) -> np.ndarray:
    """Per series, among its chosen rows, the row of the largest (``latest``) or smallest
    key; of equal keys, the last row (``latest``) or the first. A series with no chosen row
    gets -1 (``latest``) or the number of rows."""
    import numpy as np

    rows = len(key)
    best = np.full(count, -1 if latest else np.iinfo(np.int64).max, dtype=np.int64)
    (np.maximum if latest else np.minimum).at(best, series[chosen], key[chosen])
    chosen = chosen & (key == best[series])
    found = np.full(count, -1 if latest else rows, dtype=np.int64)
    positions = np.flatnonzero(chosen)
    (np.maximum if latest else np.minimum).at(found, series[positions], positions)
    return found


def matching(distinct: Any, positions: np.ndarray, period: str | None, option: str) -> np.ndarray:
    """Which distinct periods are the one asked for, or lie within it (2021 holds
    2021-06-30)."""
    import numpy as np

    if period is None:
        return np.ones(len(positions), dtype=bool)
    try:
        low, high = period_position(period)
    except ZonestatsError as error:
        raise ZonestatsError(f"{option}: {error.message}") from None
    exact = np.array([str(p) == period for p in distinct], dtype=bool)
    result: np.ndarray = exact | (
        (positions[:, 0] >= low - 1e-9) & (positions[:, 1] <= high + 1e-9)
    )
    return result
