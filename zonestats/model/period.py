"""Periods (2020, 2021-05, 2021-02-03, 2021-01/2021-05) and the order of observations in time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from zonestats.errors import ZonestatsError, invalid

_PERIOD_PART = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", re.ASCII)


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A year (2020), month (2021-05), day (2021-02-03) or range (2021-01/2021-05)."""

    start: date
    end: date
    text: str

    def __str__(self) -> str:
        return self.text


def days_in_month(year: int, month: int) -> int:
    """28 to 31 (without the calendar module, which costs start-up time)."""
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return (following - date(year, month, 1)).days


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Read a period as the dataset writes it; the end of a month or year is inclusive."""
    first, sep, last = text.partition("/")
    start, _ = _bounds(first, text)
    _, end = _bounds(last if sep else first, text)
    if end < start:
        raise invalid("bad-period", f"period '{text}' ends before it starts")
    return Period(start, end, text)


def check_range(start: str | None, end: str | None) -> None:
    """Refuse a --from/--to range that starts after it ends (a bad period is refused where
    it is matched)."""
    if start is None or end is None:
        return
    try:
        reversed_range = parse_period(start) > parse_period(end)
    except ZonestatsError:
        return
    if reversed_range:
        raise ZonestatsError(
            f"--from {start} --to {end} is a reversed range: {start} comes after {end}; swap them"
        )


def _bounds(part: str, whole: str) -> tuple[date, date]:
    match = _PERIOD_PART.fullmatch(part)
    if not match:
        raise invalid(
            "bad-period",
            f"period '{whole}' is not a year, month, date or range "
            "(2020, 2021-05, 2021-02-03, 2021-01/2021-05)",
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, days_in_month(year, month))
        return date(year, month, day), date(year, month, day)
    except ValueError:
        raise invalid("bad-period", f"period '{whole}' is not a real date") from None


@lru_cache(maxsize=4096)
def span(text: str) -> str:
    """The dates a period covers, as one text: 2021 and 2021-01/2021-12 are one span."""
    period = parse_period(text)
    return f"{period.start.isoformat()}/{period.end.isoformat()}"


@lru_cache(maxsize=4096)
def period_position(text: str) -> tuple[float, float]:
    """Where a period starts and ends, in fractional years counted by months.

    A year ends at year + 1 and a month at the start of the next one, so 2008 -> 2021 is
    exactly 13 years and 2020-01/2020-05 -> 2021-01/2021-05 exactly one.
    """
    period = parse_period(text)
    return _position(period.start, False), _position(period.end, True)


def _position(day: date, exclusive_end: bool) -> float:
    length = days_in_month(day.year, day.month)
    offset = day.day if exclusive_end else day.day - 1
    return float(day.year + (day.month - 1) / 12 + offset / length / 12)


PRECEDENCE = {
    "exact": 0,
    "at_least": 1,
    "at_most": 1,
    "more_than": 2,
    "less_than": 2,
    "approx": 3,
    "expected": 4,
    "target": 5,
}
"""Of two observations of one period, the one that says more about what happened is used
(lower first): an exact figure, then a bound, an approximation, an expectation, a target."""


def when(period: str) -> tuple[float, float]:
    """A period's place in time, for ordering a series: where it ends, then where it starts
    (2021 and 2021-01/2021-12 are the same time)."""
    start, end = period_position(period)
    return end, start


def latest_key(period: str, qualifier: str) -> tuple[float, float, int]:
    """The key whose maximum is a series' latest observation (of one period, the most
    precise; see PRECEDENCE)."""
    return (*when(period), -PRECEDENCE.get(qualifier, len(PRECEDENCE)))
