"""Stated growth claims (年均增长24%, 增长20%, 翻一番, 增长3倍, 提高2个百分点): their grammar,
made of the words of zonestats.model.grammar, and what each one states.

Claims are read from text folded to simplified characters (grammar.fold keeps offsets), so a
report in traditional characters states the same claims; the figure of a claim is read by
the quantity parser. A claim may name its span just before it (2016年至2020年, 比2015年,
2016年以来, 同比, 较上年), read by its own pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from zonestats.errors import ZonestatsError, invalid
from zonestats.model import grammar
from zonestats.model.quantity import Qualifier, parse_number, parse_quantity


class ClaimKind(StrEnum):
    """What a claim states."""

    CAGR = "cagr"  # 年均增长24%: a compound annual rate over a span of years
    CHANGE = "change"  # 增长20%: the change from one figure to another, as a fraction
    MULTIPLE = "multiple"  # 翻一番, 增长3倍: the change as a multiple
    POINTS = "points"  # 提高2个百分点: the difference of two shares, in percentage points


MIN_TOLERANCE_POINTS = 0.5
"""A claim holds within half a unit of its last digit, and never less than this (points)."""

_POINTS_PER = {
    grammar.PERCENT: 1.0,
    grammar.TIMES: 100.0,
    **dict.fromkeys(grammar.POINT_UNITS, 1.0),
}
"""Percentage points in one unit of a claim's figure: 1 for 24%, 100 for 3倍."""


@dataclass(frozen=True, slots=True)
class StatedClaim:
    """A growth claim as a report states it."""

    kind: ClaimKind
    stated: float  # the change as a fraction: 0.24 for 24%, 3.0 for 增长3倍, 0.02 for 2 points
    tolerance_points: float  # how far the computed change may be from it, in points
    written: str  # the claim's words as written, with the span it names
    qualifier: Qualifier = Qualifier.EXACT  # 约, 超过, 以上 … of the claim's figure
    start: str | None = None  # the year it counts from, where it names one (比2015年)
    end: str | None = None  # the year it counts to, where it names one (2016年至2020年)
    previous: bool = False  # counted from the year before (同比, 较上年)
    per_year: bool = False  # points a year (年均提高1个百分点)
    times: float | None = None  # 增长X倍: X, read as the multiple X + 1


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SIGNS = dict(grammar.CHANGE_WORDS)


@lru_cache(maxsize=1)
def patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The pattern of a claim's words and figure in folded text, and of the span a claim names
    right before it (searched up to the claim's start); compiled when first used, not at
    every start."""
    numerals = "".join(sorted(re.escape(c) for c in grammar.NUMERAL_CHARACTERS))
    number = f"[-+0-9.０-９．{numerals}]+"
    bounds = _alternation(
        [w for w, meaning in grammar.BEFORE_WORDS if meaning not in ("expected", "target")]
    )
    unit = _alternation([grammar.PERCENT, grammar.TIMES, *grammar.POINT_UNITS])
    count = "[" + "".join(w for w, v in grammar.DIGITS.items() if v) + "1-9]"
    turn, fold = grammar.DOUBLING
    claim = re.compile(
        rf"(?P<annual>{_alternation(grammar.ANNUAL_WORDS)})?"
        rf"(?:(?P<verb>{_alternation([w for w, _ in grammar.CHANGE_WORDS])})"
        rf"(?:{_alternation(grammar.LINK_WORDS)})?"
        rf"(?P<figure>(?:{bounds})?"
        rf"(?:(?P<fraction>{_alternation(list(grammar.FRACTIONS))})(?P<spelled>{number})"
        rf"|(?P<number>{number})(?:{unit}))"
        rf"(?:{_alternation([w for w, _ in grammar.AFTER_WORDS])})?)"
        rf"|{turn}了?(?P<doublings>{count})?{fold})"
    )
    year, compared = r"(?<![0-9])[0-9]{4}", _alternation(grammar.COMPARED_WORDS)
    span = re.compile(
        rf"(?:(?P<from>{year})年?(?:{_alternation(grammar.RANGE_MARKS)})(?P<to>[0-9]{{4}})年"
        rf"|(?:{compared})(?P<base>[0-9]{{4}})年"
        rf"|(?P<since>{year})年{grammar.SINCE}"
        rf"|(?P<previous>(?:{compared})?(?:{_alternation(grammar.PREVIOUS_WORDS)})))"
        rf"(?:{_alternation(grammar.SPAN_TAILS)})?[,，]?\Z"
    )
    return claim, span


_SPAN_REACH = 24
"""The most characters a span before a claim takes."""


def _decimals(number: str) -> int:
    """Digits after the decimal point (. or 点) of a number as written."""
    for point in (".", "．", grammar.DECIMAL_POINT):
        if point in number:
            return len(number) - number.index(point) - 1
    return 0


def _tolerance(decimals: int, unit: str) -> float:
    """Half a unit of the last digit, in points, and never less than MIN_TOLERANCE_POINTS."""
    return max(MIN_TOLERANCE_POINTS, 0.5 * 10.0**-decimals * _POINTS_PER[unit])


def claim_of(match: re.Match[str], written: str) -> StatedClaim | None:
    """What a match of the claim pattern states, or None where it is no claim zonestats
    checks (下降3倍, 年均翻一番, a figure the quantity parser cannot read)."""
    annual = match.group("annual") is not None
    if match.group("figure") is None:
        if annual:
            return None
        count = match.group("doublings")
        turns = 1 if count is None else int(parse_number(count))
        return StatedClaim(ClaimKind.MULTIPLE, 2.0**turns - 1, MIN_TOLERANCE_POINTS, written)
    sign = _SIGNS[match.group("verb")]
    try:
        quantity = parse_quantity(match.group("figure"))
    except ZonestatsError:
        return None
    number = match.group("number") or match.group("spelled")
    decimals = _decimals(number) + (1 if match.group("fraction") == "千分之" else 0)
    unit = quantity.unit or ""
    if unit not in _POINTS_PER:
        return None
    tolerance = _tolerance(decimals, unit)
    if unit == grammar.TIMES:
        if sign < 0 or annual:
            return None
        return StatedClaim(
            ClaimKind.MULTIPLE, quantity.value, tolerance, written, quantity.qualifier,
            times=quantity.value,
        )  # fmt: skip
    stated = sign * quantity.value / 100
    if unit in grammar.POINT_UNITS:
        kind = ClaimKind.POINTS
    else:
        kind = ClaimKind.CAGR if annual else ClaimKind.CHANGE
    return StatedClaim(
        kind,
        stated,
        tolerance,
        written,
        quantity.qualifier,
        per_year=annual and kind is ClaimKind.POINTS,
    )


def _with_span(claim: StatedClaim, span: re.Match[str]) -> StatedClaim:
    if span.group("previous"):
        return replace(claim, previous=True)
    start = span.group("from") or span.group("base") or span.group("since")
    return replace(claim, start=start, end=span.group("to"))


def find_claims(text: str) -> Iterator[tuple[int, int, StatedClaim]]:
    """Every claim of a text with where it starts (its span included) and ends."""
    folded = grammar.fold(text)
    claim_pattern, span_pattern = patterns()
    for match in claim_pattern.finditer(folded):
        start = match.start()
        span = span_pattern.search(folded, max(0, start - _SPAN_REACH), start)
        first = span.start() if span else start
        claim = claim_of(match, text[first : match.end()])
        if claim is not None:
            yield first, match.end(), _with_span(claim, span) if span else claim


READ = "年均增长24%, 增长20%, 翻一番, 增长3倍, 提高2个百分点"
"""Claims of each kind, for messages."""


def read_claim(text: str) -> StatedClaim:
    """A claim written alone (a dataset's `stated`): its words and figure, and the span it
    names before them; an `unreadable-claim` error for anything else."""
    written = text.strip()
    found = [c for c in find_claims(written) if c[0] == 0 and c[1] == len(written)]
    if not found:
        raise invalid(
            "unreadable-claim", f"'{written}' is no growth claim zonestats reads ({READ})"
        )
    return found[0][2]


@dataclass(frozen=True, slots=True)
class RecordedClaim:
    """A claim a dataset records: the report's words, what they state, and what of the
    dataset they speak of."""

    quote: str
    stated: str  # the claim as written
    claim: StatedClaim
    indicator: str
    zone: str | None  # the zone's name as its file gives it (None: the file's only zone)
    start: str | None = None  # the periods it spans, where the file gives them
    end: str | None = None
    file: str = ""
    line: int | None = None
    col: int | None = None
