"""Zones set beside each other, honestly: each zone's latest value of an indicator against
the first zone's (the difference) and against every other zone's (the leader, the place
among the zones), only where the figures measure the same thing.

Two figures compare when they count in one unit over one period; ranks of evaluations of
different sizes compare by percentile. Bounds carry through: 20多个 against 30个 is a
difference of at most 10, and a leader or a place is given only where the bounds decide it.
Every figure left out says why in ``comparison_note``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zonestats.model.period import period_position
from zonestats.model.terms import RANK_UNITS

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

COMPARISON_COLUMNS = (
    "difference",
    "difference_qualifier",
    "leader",
    "rank_among_zones",
    "comparison_note",
)
"""The columns compare_zones adds to a growth table."""

_LOWER = frozenset({"more_than", "at_least"})
_UPPER = frozenset({"less_than", "at_most"})
_STRICT = frozenset({"more_than", "less_than"})
_MARKS = ("target", "expected", "approx")  # qualifiers that mark a result, strongest first
_MARK_WORDS = {
    "target": "a target",
    "expected": "an expected value",
    "approx": "an approximate value",
}


@dataclass(frozen=True, slots=True)
class _Figure:
    """One row's latest figure as the comparison sees it."""

    zone: str
    unit: str
    period: str
    span: tuple[float, float]
    value: float
    qualifier: str
    out_of: float  # NaN where none
    rank: bool


def compare_zones(
    growth: pd.DataFrame,
    zones: Sequence[str] | None = None,
    by: Sequence[str] = ("indicator",),
    differences: bool = True,
) -> pd.DataFrame:
    """The growth table (one row per zone and indicator) with COMPARISON_COLUMNS added.

    ``difference`` is the row's latest value minus the first zone's (of ``zones``, or the
    first zone of the table), where the two compare; ``difference_qualifier`` says how far it
    holds. ``leader`` is True for the one zone whose figure is best among the comparable
    zones (at least two), False for a zone another surely beats, and None where nothing
    decides it; ``rank_among_zones`` is the place among them (1 = best; ties share a place)
    where the bounds decide it. Rows are compared within groups of ``by`` (an indicator, or
    an indicator and a period for a panel); without ``differences`` only the places and the
    leader are worked out.
    """
    import numpy as np

    order = list(zones) if zones is not None else list(dict.fromkeys(growth["zone"].tolist()))
    first = order[0] if order else None
    result = growth.reset_index(drop=True).copy()
    n = len(result)
    out: dict[str, Any] = {
        "difference": np.full(n, np.nan),
        "difference_qualifier": np.full(n, None, dtype=object),
        "leader": np.full(n, None, dtype=object),
        "rank_among_zones": np.full(n, np.nan),
        "comparison_note": np.full(n, "", dtype=object),
    }
    figures = _figures(result)
    better = result["better"].to_numpy(dtype=object)
    groups = result.groupby(list(by), sort=False).indices
    for rows in groups.values():
        _compare_group([int(r) for r in rows], figures, better, first if differences else None, out)
    for key in COMPARISON_COLUMNS:
        result[key] = out[key]
    result["leader"] = result["leader"].astype("boolean")
    result["rank_among_zones"] = result["rank_among_zones"].astype("Int64")
    return result


def _figures(frame: pd.DataFrame) -> list[_Figure]:
    spans: dict[str, tuple[float, float]] = {}
    figures = []
    for zone, unit, period, value, qualifier, out_of in zip(
        frame["zone"].tolist(),
        frame["unit"].tolist(),
        frame["to_period"].tolist(),
        frame["to_value"].tolist(),
        frame["to_qualifier"].tolist(),
        frame["to_out_of"].astype("Float64").to_numpy("float64", na_value=math.nan).tolist(),
        strict=True,
    ):
        period = str(period)
        if period not in spans:
            spans[period] = period_position(period)
        rank = not math.isnan(out_of) or unit in RANK_UNITS
        figures.append(
            _Figure(str(zone), str(unit), period, spans[period], float(value),
                    str(qualifier or "exact"), out_of, rank)
        )  # fmt: skip
    return figures


def _compare_group(
    rows: list[int], figures: list[_Figure], better: Any, first: str | None, out: dict[str, Any]
) -> None:
    """Differences, leader and places of one indicator's rows."""
    notes: dict[int, list[str]] = {r: [] for r in rows}
    kept = _main_class(rows, figures)
    for row in rows:
        if row not in kept:
            notes[row].append(_why_not(figures[row], figures[kept[0]]))
    basis = _basis(kept, figures, notes)
    reference = next((r for r in rows if figures[r].zone == first), None)
    for row in rows if first is not None else ():
        if row != reference:
            _difference(row, reference, figures, basis, first, out, notes)
    direction = next((b for b in (better[r] for r in rows) if b in ("higher", "lower")), None)
    comparable = [r for r in kept if r in basis]
    if len(rows) > 1 and len(comparable) < 2:
        for row in comparable:
            notes[row].append("no other zone to compare with")
    elif len(comparable) >= 2 and direction is None:
        for row in comparable:
            notes[row].append("no better direction: no leader")
    elif direction is not None and len(comparable) >= 2:
        _places(comparable, figures, basis, direction, out, notes)
    for row, parts in notes.items():
        out["comparison_note"][row] = "; ".join(dict.fromkeys(p for p in parts if p))


def _key(figure: _Figure) -> tuple[Any, ...]:
    return (figure.unit, figure.span)


def _main_class(rows: list[int], figures: list[_Figure]) -> list[int]:
    """The rows in the unit and period most zones share (of equal counts, the first's)."""
    classes: dict[tuple[Any, ...], list[int]] = {}
    for row in rows:
        classes.setdefault(_key(figures[row]), []).append(row)
    return max(classes.values(), key=len)  # max keeps the first of equal lengths


def _why_not(figure: _Figure, other: _Figure) -> str:
    """Why a figure is not set beside another's (of its indicator)."""
    if figure.unit != other.unit:
        return f"units differ: {figure.unit} vs {other.unit}"
    return f"periods differ: {figure.period} vs {other.period}"


def _basis(
    kept: list[int], figures: list[_Figure], notes: dict[int, list[str]]
) -> dict[int, float]:
    """What each comparable row is compared by: its value, or, for ranks among different
    numbers of zones, its percentile. A rank without out_of beside ranks with one is left
    out (its evaluation's size is unknown); places all without out_of compare as places."""
    sizes = {
        figures[r].out_of for r in kept if figures[r].rank and not math.isnan(figures[r].out_of)
    }
    by_share = len(sizes) > 1
    basis = {}
    for row in kept:
        figure = figures[row]
        if figure.rank and sizes and math.isnan(figure.out_of):
            notes[row].append("no out_of: its place does not compare with the others")
        elif figure.rank and by_share:
            basis[row] = figure.value / figure.out_of
            notes[row].append("ranked among different numbers: compared by percentile")
        else:
            basis[row] = figure.value
    return basis


def _difference(
    row: int,
    reference: int | None,
    figures: list[_Figure],
    basis: dict[int, float],
    first: str | None,
    out: dict[str, Any],
    notes: dict[int, list[str]],
) -> None:
    """The row's figure minus the first zone's, where both compare."""
    if reference is None:
        notes[row].append(f"no difference: {first} has no figure")
        return
    figure, base = figures[row], figures[reference]
    if _key(figure) != _key(base):
        reason = _why_not(figure, base)
        if reason not in notes[row]:  # said already, against the zones compared
            notes[row].append(f"no difference from {base.zone}: {reason}")
        return
    if row not in basis or reference not in basis:
        notes[row].append(f"no difference from {base.zone}: not comparable")
        return
    qualifier = difference_qualifier(base.qualifier, figure.qualifier)
    if qualifier is None:
        notes[row].append("no difference: the bounds do not decide it")
        return
    out["difference"][row] = basis[row] - basis[reference]
    out["difference_qualifier"][row] = qualifier


def difference_qualifier(start: str, end: str) -> str | None:
    """How far end - start holds, given the qualifiers of the two figures; None where the
    bounds leave it open (both lower bounds, or both upper bounds)."""
    lower = end in _LOWER or start in _UPPER
    upper = end in _UPPER or start in _LOWER
    if lower and upper:
        return None
    for mark in _MARKS:
        if mark in (start, end):
            return mark
    if lower or upper:
        strict = end in _STRICT or start in _STRICT
        if lower:
            return "more_than" if strict else "at_least"
        return "less_than" if strict else "at_most"
    return "exact"


def _places(
    rows: list[int],
    figures: list[_Figure],
    basis: dict[int, float],
    direction: str,
    out: dict[str, Any],
    notes: dict[int, list[str]],
) -> None:
    """The place of each row among the rows (1 = best) where the bounds decide it, and the
    leader: the one row in first place."""
    import numpy as np

    low, high = _intervals(rows, figures, basis, direction)
    count = len(rows)
    sorted_low, sorted_high = np.sort(low), np.sort(high)
    # surely better than i: low_j > high_i; surely not better: high_j <= low_i
    surely_better = count - np.searchsorted(sorted_low, high, side="right")
    not_better = np.searchsorted(sorted_high, low, side="right") - (high <= low)
    decided = surely_better + not_better == count - 1
    place = surely_better + 1
    # a leader beats every other surely: no tie possible
    beats_all = np.searchsorted(sorted_high, low, side="left") == count - 1
    ties = int(np.count_nonzero(decided & (place == 1)))
    marks = [m for m in _MARKS if any(figures[r].qualifier == m for r in rows)]
    for index, row in enumerate(rows):
        if decided[index]:
            out["rank_among_zones"][row] = int(place[index])
        else:
            notes[row].append("the bounds do not decide its place")
        if surely_better[index] > 0:
            out["leader"][row] = False
        elif beats_all[index]:
            out["leader"][row] = True
            if marks:
                notes[row].append(f"the lead rests on {_MARK_WORDS[marks[0]]}")
        elif decided[index] and ties > 1:
            notes[row].append("tied for first place: no leader")
        elif decided[index]:
            notes[row].append("may be tied for first place: no leader")


def _intervals(
    rows: list[int], figures: list[_Figure], basis: dict[int, float], direction: str
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's figure as an interval of "goodness" (higher is better): a point for exact,
    approximate and expected figures, open on one side for bounds."""
    import numpy as np

    sign = 1.0 if direction == "higher" else -1.0
    low, high = np.empty(len(rows)), np.empty(len(rows))
    for index, row in enumerate(rows):
        value, qualifier = sign * basis[row], figures[row].qualifier
        low[index] = high[index] = value
        rises = (qualifier in _LOWER) == (sign > 0)
        if qualifier in _LOWER or qualifier in _UPPER:
            strict = qualifier in _STRICT
            if rises:
                low[index], high[index] = (np.nextafter(value, np.inf) if strict else value), np.inf
            else:
                low[index], high[index] = (
                    -np.inf,
                    (np.nextafter(value, -np.inf) if strict else value),
                )
    return low, high
