"""Growth claims judged against the figures they speak of: the annual rate, change, multiple
or difference in points the figures give, computed by the one growth of
zonestats.analysis.growth, set against what the claim states.

A claim holds when the two agree within its tolerance (half a unit of the stated figure's
last digit, at least 0.5 points); it cannot be checked, with a note saying why, where the
figures do not allow it. Works on plain lists: validate judges a dataset's claims without
pandas.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from zonestats.analysis.bounds import LOWER_BOUNDS, UPPER_BOUNDS
from zonestats.analysis.growth import annual_rate, years_between
from zonestats.errors import Problem, ZonestatsError
from zonestats.model.claims import ClaimKind, RecordedClaim, StatedClaim
from zonestats.model.period import PRECEDENCE, span, when
from zonestats.model.quantity import Qualifier, plain_number
from zonestats.model.terms import RANK_UNITS

if TYPE_CHECKING:
    from zonestats.model.dataset import Dataset


class Verdict(StrEnum):
    HOLDS = "holds"
    DOES_NOT_HOLD = "does_not_hold"
    CANNOT_CHECK = "cannot_check"


@dataclass(frozen=True, slots=True)
class Point:
    """One figure of a series: its period, value in base units, unit, qualifier, wording."""

    period: str
    value: float
    unit: str | None
    qualifier: str
    written: str


@dataclass(frozen=True, slots=True)
class Judgement:
    """What the figures say of a claim: the verdict, why, and the figures it rests on."""

    verdict: Verdict
    note: str
    start: Point | None = None
    end: Point | None = None
    computed: float | None = None  # the change the figures give, as the claim states it


@dataclass(frozen=True, slots=True)
class CheckedClaim:
    """A claim, where it stands, the series it speaks of and its judgement."""

    quote: str
    claim: StatedClaim
    indicator: str | None
    name: str | None
    name_en: str | None
    zone: str | None
    points: tuple[Point, ...]
    judgement: Judgement
    file: str = ""
    line: int | None = None
    col: int | None = None

    @property
    def gap_points(self) -> float | None:
        """Computed minus stated, in percentage points."""
        computed = self.judgement.computed
        if computed is None:
            return None
        return round((computed - self.claim.stated) * 100, 9)  # no float noise (-3.5e-16)


NO_SERIES = "no series found near the claim"
TARGET = "a target or a forecast, not what happened"
_EPSILON = 1e-9
_YEAR = re.compile(r"[0-9]{4}")


def judge(claim: StatedClaim, points: Sequence[Point]) -> Judgement:
    """The verdict on a claim given its series, in order (text order in a report, time
    order in a dataset); with the stated span, the figures at its ends are used, else the
    first and the last (for 同比 and 较上年, the last and the year before it)."""
    if claim.qualifier in (Qualifier.EXPECTED, Qualifier.TARGET):
        return Judgement(Verdict.CANNOT_CHECK, TARGET)  # whatever figures stand near it
    if not points:
        return Judgement(Verdict.CANNOT_CHECK, NO_SERIES)
    if len(points) == 1:  # no start to show: the one figure is the end
        return Judgement(Verdict.CANNOT_CHECK, "the series has one value", None, points[0])
    ends = _ends(claim, points)
    if isinstance(ends, str):
        return Judgement(Verdict.CANNOT_CHECK, ends)
    start, end = ends
    computed = _why_not(claim, start, end) or _computed(claim, start, end)
    if isinstance(computed, str):
        return Judgement(Verdict.CANNOT_CHECK, computed, start, end)

    gap = (computed - claim.stated) * 100
    tolerance = claim.tolerance_points + _EPSILON
    if claim.qualifier in LOWER_BOUNDS:
        holds = gap >= -tolerance
    elif claim.qualifier in UPPER_BOUNDS:
        holds = gap <= tolerance
    else:
        holds = abs(gap) <= tolerance
    verdict = Verdict.HOLDS if holds else Verdict.DOES_NOT_HOLD
    return Judgement(verdict, _reading(claim, computed), start, end, computed)


def _matching(points: Sequence[Point], period: str) -> Point | str:
    """The point of a period (2021 and 2021-01/2021-12 are one), or why there is none."""
    try:
        wanted = span(period)
        found = [p for p in points if span(p.period) == wanted]
    except ZonestatsError:  # a period that is no period covers nothing
        found = []
    return found[-1] if found else f"the series has no value for {period}"


def _ends(claim: StatedClaim, points: Sequence[Point]) -> tuple[Point, Point] | str:
    """The two figures a claim speaks of, or why they cannot be told."""
    end: Point | str = _latest(points) if claim.end is None else _matching(points, claim.end)
    if isinstance(end, str):
        return end
    if claim.start is not None:
        start = _matching(points, claim.start)
    elif claim.previous:
        start = _year_before(points, end)
    else:
        start = min(points, key=lambda p: p.period.rsplit("/", 1)[-1])  # the first of the earliest
    if isinstance(start, str):
        return start
    if start is end:
        return "the series has one value"
    return start, end


def _latest(points: Sequence[Point]) -> Point:
    """The figure of the latest period (of two of one period, the later in the series):
    上年同期为7亿元 follows the figure it is the base of."""
    latest = points[0]
    for point in points[1:]:
        if point.period.rsplit("/", 1)[-1] >= latest.period.rsplit("/", 1)[-1]:
            latest = point
    return latest


def _year_before(points: Sequence[Point], end: Point) -> Point | str:
    """The figure of the year before the end's (同比, 较上年); where the series states no
    periods of its own (from A to B, both of the report's date), the step before the end."""
    if len({p.period for p in points}) == 1:
        return points[-2]
    year = end.period[:4]
    if not _YEAR.fullmatch(year):
        return f"the series has no value for the year before {end.period}"
    return _matching(points, _YEAR.sub(lambda m: str(int(m.group()) - 1), end.period))


def _why_not(claim: StatedClaim, start: Point, end: Point) -> str | None:
    """Why two figures cannot be compared as the claim compares them, or None."""
    for point in (start, end):
        if point.qualifier in (*LOWER_BOUNDS, *UPPER_BOUNDS):
            return f"not comparable: {point.written} is a bound"
        if point.qualifier == Qualifier.APPROX:
            return f"not comparable: {point.written} is approximate"
        if point.qualifier in (Qualifier.EXPECTED, Qualifier.TARGET):
            return f"not comparable: {point.written} is a target or an expected value"
    if start.unit != end.unit:
        return f"units differ: {start.unit or '-'} vs {end.unit or '-'}"
    if start.unit in RANK_UNITS:
        return "a rank: places do not grow by a rate"
    if claim.kind is ClaimKind.POINTS and start.unit != "%":
        return "percentage points need values in %"
    return None


def _years(start: Point, end: Point) -> float | str:
    """The years between two figures of years, or why an annual figure cannot be had."""
    if not (_YEAR.fullmatch(start.period) and _YEAR.fullmatch(end.period)):
        return f"an annual average needs years, not {start.period} and {end.period}"
    years = years_between(start.period, end.period)
    if years == 0:
        return "n.m.: period span is zero"
    return "n.m.: end is before start" if years < 0 else years


def _computed(claim: StatedClaim, start: Point, end: Point) -> float | str:
    """The change the figures give, as the claim states it, or why there is none."""
    first, last = start.value, end.value
    years = _years(start, end) if claim.kind is ClaimKind.CAGR or claim.per_year else 1.0
    if isinstance(years, str):
        return years
    if claim.kind is ClaimKind.POINTS:
        return (last - first) / 100 / years
    if first == 0:
        return "n.m.: base is 0"
    if first < 0:
        return "n.m.: base is negative"
    if claim.kind is ClaimKind.CAGR:
        if last < 0:
            return "n.m.: end is negative"
        rate: float = annual_rate(last / first, years)
        return rate
    return last / first - 1


def _reading(claim: StatedClaim, computed: float) -> str:
    """What a reader should know of the verdict: for 增长X倍, where the figures fit X times
    as much (×X) rather than the standard reading X times more (×(X + 1))."""
    notes = []
    if claim.qualifier in LOWER_BOUNDS:
        notes.append("stated as a lower bound")
    elif claim.qualifier in UPPER_BOUNDS:
        notes.append("stated as an upper bound")
    times = claim.times
    if times is not None and abs(computed + 1 - times) * 100 <= claim.tolerance_points:
        notes.append(
            f"{times:g}倍 read as ×{plain_number(times + 1)}, the standard reading, "
            f"though the figures fit ×{plain_number(times)}"
        )
    return "; ".join(notes)


def counts(checked: Sequence[CheckedClaim]) -> dict[Verdict, int]:
    """How many claims have each verdict."""
    found = dict.fromkeys(Verdict, 0)
    for item in checked:
        found[item.judgement.verdict] += 1
    return found


def summary(checked: Sequence[CheckedClaim]) -> str:
    """'3 claims: 1 holds, 1 does not hold, 1 cannot be checked'."""
    number = counts(checked)
    total = len(checked)
    if not total:
        return "no growth claims found"
    return (
        f"{total} claim{'' if total == 1 else 's'}: {number[Verdict.HOLDS]} "
        f"hold{'s' if number[Verdict.HOLDS] == 1 else ''}, {number[Verdict.DOES_NOT_HOLD]} "
        f"do{'es' if number[Verdict.DOES_NOT_HOLD] == 1 else ''} not hold, "
        f"{number[Verdict.CANNOT_CHECK]} cannot be checked"
    )


_ROW = ("zone", "indicator", "period", "value", "unit", "qualifier", "written", "name", "name_en")


def _dataset_series(dataset: Dataset) -> dict[tuple[str, str], list[tuple[Point, str, str]]]:
    """Each zone's indicator as points in time order, one a period (of one period, the most
    precise), each with the indicator's names."""
    table = dataset.table.used()
    columns = [table.column(name) for name in _ROW]
    found: dict[tuple[str, str], list[tuple[Point, str, str]]] = {}
    for zone, indicator, period, value, unit, qualifier, written, name, name_en in zip(
        *columns, strict=True
    ):
        point = Point(period, float(value), unit, qualifier, written or plain_number(value))
        found.setdefault((zone, indicator), []).append((point, name, name_en))
    for key, points in found.items():
        points.sort(key=lambda p: (when(p[0].period), PRECEDENCE.get(p[0].qualifier, 9)))
        kept: dict[str, tuple[Point, str, str]] = {}
        for item in points:
            kept.setdefault(span(item[0].period), item)
        found[key] = list(kept.values())
    return found


def check_dataset(dataset: Dataset) -> list[CheckedClaim]:
    """Every claim the dataset records, judged against its own observations of the claim's
    zone and indicator, between the claim's periods (by default the first and the last)."""
    if not dataset.claims:
        return []
    names = {label: zone.name for zone in dataset.zones for label in zone.names}
    series = _dataset_series(dataset)
    return [_recorded(claim, names, series) for claim in dataset.claims]


def _recorded(
    recorded: RecordedClaim,
    names: dict[str, str],
    series: dict[tuple[str, str], list[tuple[Point, str, str]]],
) -> CheckedClaim:
    zone = names.get(recorded.zone or "", recorded.zone or "")
    found = series.get((zone, recorded.indicator), [])
    claim = replace(
        recorded.claim,
        start=recorded.start or recorded.claim.start,
        end=recorded.end or recorded.claim.end,
    )
    points = tuple(point for point, _, _ in found)
    if points:
        judgement = judge(claim, points)
    else:
        why = f"no observations of {recorded.indicator} for {zone}"
        judgement = Judgement(Verdict.CANNOT_CHECK, why)
    name, name_en = (found[0][1], found[0][2]) if found else (None, None)
    return CheckedClaim(
        recorded.quote, claim, recorded.indicator, name, name_en, zone, points, judgement,
        recorded.file, recorded.line, recorded.col,
    )  # fmt: skip


def claim_warnings(dataset: Dataset) -> list[Problem]:
    """A warning (claim-does-not-hold) for each recorded claim the figures do not bear out,
    at the claim's place in its file."""
    warnings = []
    for checked in check_dataset(dataset):
        judgement = checked.judgement
        if judgement.verdict is not Verdict.DOES_NOT_HOLD or judgement.computed is None:
            continue
        assert judgement.start is not None and judgement.end is not None
        claim = checked.claim
        message = (
            f"the claim '{claim.written}' does not hold: {checked.indicator} "
            f"{judgement.start.period} to {judgement.end.period} gives "
            f"{judgement.computed:.1%}, not {claim.stated:.1%} ({checked.gap_points:+.1f} "
            f"points; within {claim.tolerance_points:g} it would hold)"
        )
        warnings.append(
            Problem(checked.file, "claim-does-not-hold", message, checked.line, checked.col)
        )
    return warnings
