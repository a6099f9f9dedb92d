"""How bounds carry through a comparison of figures: the qualifier of a difference of two
qualified figures and of growth between them, and, for figures as intervals of goodness,
which surely beat which."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

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


def growth_qualifier(start: pd.Series, end: pd.Series) -> tuple[Any, Any]:
    """How far growth can be trusted, given the qualifiers of its two ends.

    A lower bound at the end (800多) or an upper bound at the start makes growth a lower
    bound; the reverse makes it an upper bound; both, or an approximate end, make it
    approximate. An expected or target value at either end marks the growth the same way.
    """
    import numpy as np
    import pandas as pd

    starts, start_values = pd.factorize(start, use_na_sentinel=False)
    ends, end_values = pd.factorize(end, use_na_sentinel=False)
    width = max(len(end_values), 1)
    pairs, inverse = np.unique(starts * width + ends, return_inverse=True)
    qualifier, note = _qualifier_of_pairs(
        np.asarray(start_values, dtype=object)[pairs // width],
        np.asarray(end_values, dtype=object)[pairs % width],
    )
    inverse = inverse.reshape(-1)
    return qualifier[inverse], note[inverse]


def _qualifier_of_pairs(s: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """_growth_qualifier of each (start, end) pair of qualifiers."""
    import numpy as np

    lower = np.isin(e, LOWER_BOUNDS) | np.isin(s, UPPER_BOUNDS)
    upper = np.isin(e, UPPER_BOUNDS) | np.isin(s, LOWER_BOUNDS)
    approx = (s == "approx") | (e == "approx") | (lower & upper)
    target = (s == "target") | (e == "target")
    expected = (s == "expected") | (e == "expected")
    choices = [target, expected, approx, lower, upper]
    qualifier = np.select(
        choices, ["target", "expected", "approx", "more_than", "less_than"], default="exact"
    )
    note = np.select(
        choices,
        [
            "growth to a target",
            "growth to an expected value",
            "approximate: an end is approximate or bounded both ways",
            "at least this: the end is a lower bound or the start an upper bound",
            "at most this: the start is a lower bound or the end an upper bound",
        ],
        default="",
    )
    return qualifier.astype(object), note.astype(object)
