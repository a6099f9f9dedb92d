"""How bounds carry through a comparison of figures: the qualifier of a difference of two
qualified figures, and, for figures as intervals of goodness, which surely beat which."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

LOWER_BOUNDS = ("more_than", "at_least")
UPPER_BOUNDS = ("less_than", "at_most")
STRICT_BOUNDS = ("more_than", "less_than")


def difference_qualifier(start: str, end: str) -> str | None:
    """How far end - start holds, given the qualifiers of the two figures; None where the
    bounds leave it open (both lower bounds, or both upper bounds)."""
    import numpy as np

    result = difference_qualifiers(np.array([start], dtype=object), np.array([end], dtype=object))
    return None if result[0] is None else str(result[0])


def difference_qualifiers(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    import numpy as np

    lower = np.isin(end, LOWER_BOUNDS) | np.isin(start, UPPER_BOUNDS)
    upper = np.isin(end, UPPER_BOUNDS) | np.isin(start, LOWER_BOUNDS)
    strict = np.isin(end, STRICT_BOUNDS) | np.isin(start, STRICT_BOUNDS)
    choices = [lower & upper, start == "target", end == "target"]
    choices += [start == "expected", end == "expected", start == "approx", end == "approx"]
    choices += [lower & strict, lower, upper & strict, upper]
    picked = ["", "target", "target", "expected", "expected", "approx", "approx"]
    picked += ["more_than", "at_least", "less_than", "at_most"]
    result = np.select(choices, picked, default="exact").astype(object)
    result[lower & upper] = None
    return result


def surely_counts(
    group: np.ndarray, ranked: np.ndarray, low: np.ndarray, high: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each ranked row i, among the other ranked rows of its group: how many surely beat
    it (low_j > high_i), how many surely do not (high_j <= low_i), and how many it surely
    beats (high_j < low_i). Values become ranks so that (group, value) is one sortable key."""
    import numpy as np

    rows = np.flatnonzero(ranked)
    values, inverse = np.unique(np.concatenate([low[rows], high[rows]]), return_inverse=True)
    width = len(values) + 1
    r_low, r_high = inverse[: len(rows)], inverse[len(rows) :]
    base = group[rows].astype(np.int64) * width
    lows, highs = np.sort(base + r_low), np.sort(base + r_high)
    above = np.searchsorted(lows, base + width - 1, "left") - np.searchsorted(
        lows, base + r_high, "right"
    )
    below = np.searchsorted(highs, base + r_low, "right") - np.searchsorted(highs, base, "left")
    under = np.searchsorted(highs, base + r_low, "left") - np.searchsorted(highs, base, "left")
    point = r_high <= r_low  # the row itself counts as not beating itself
    out = [np.zeros(len(group), dtype=np.int64) for _ in range(3)]
    out[0][rows], out[1][rows], out[2][rows] = above, below - point, under
    return out[0], out[1], out[2]
