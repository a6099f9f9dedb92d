"""The period of each figure: the time of its sentence resolved (去年 from the report's
date, 上年 from the year the text speaks of, 上年同期 a year before the sentence's own
period), else the period carried from an earlier sentence of its paragraph."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from zonestats.extract.report import ReportText
from zonestats.extract.times import ANAPHORIC, TimeExpr, real


class SentenceTimes:
    """The times of one sentence, in text order (so their ends are in order too), looked up
    by position in logarithmic time."""

    __slots__ = ("times", "ends", "first_absolute")

    def __init__(self, times: list[TimeExpr]) -> None:
        self.times = times
        self.ends = [t.end for t in times]
        self.first_absolute = next((t for t in times if t.kind == "absolute" and t.period), None)

    def last_by(self, position: int, not_before: int = 0, bases: bool = True) -> TimeExpr | None:
        """The last time that ends by a position, if it starts at `not_before` or later;
        without `bases`, the last that is no base of a comparison (比2015年)."""
        index = bisect_right(self.ends, position) - 1
        while not bases and index >= 0 and self.times[index].base:
            index -= 1
        if index < 0 or self.times[index].start < not_before:
            return None
        return self.times[index]


@dataclass(frozen=True, slots=True)
class Setting:
    """What a sentence's figures need beyond the sentence: the report, the period of a figure
    no time of its sentence reaches (carried from an earlier sentence of the paragraph, else
    the report's date), the year the text speaks of, which 上年, 3月 and 上半年 count from
    (the paragraph's; 上年 and 当年 also the year of 年度 a text names, 2020年度考核), and for
    a report without a date the latest year it names and the period of its figures."""

    report: ReportText
    fallback: tuple[str, str | None]
    year: tuple[int, str] | None = None  # the paragraph's year and the words that named it
    reference: tuple[int, str] | None = None  # the text's year of 年度 (2020年度考核)
    latest: int | None = None  # the latest year the text names (for a report without a date)
    undated: tuple[str, str | None] | None = None  # 目前 of a report without a date


def period_for(
    position: int,
    role: str | None,
    lead: int,
    previous_end: int,
    times: SentenceTimes,
    setting: Setting,
    clause_start: int = 0,
) -> tuple[str, str | None]:
    """The period of a figure: the nearest time before it in its sentence, resolved (not
    the base of a comparison: 比2015年增长1倍 is no figure of 2015; 上年同期 only in its own
    clause, from `clause_start` on).

    In a before/after phrase each end takes a time of its own (从4年前的第126位,
    提升至2020年的第88位); otherwise the start takes the time that opens the sentence's span
    (从2008年落户到现在) and the end the time that closes it.
    """
    chosen: TimeExpr | None
    if role == "from":
        chosen = times.last_by(position, lead)
        if chosen is None and times.times and times.times[0].end <= lead:
            chosen = times.times[0]
    elif role == "to":
        chosen = times.last_by(position, previous_end) or times.last_by(lead)
        start = times.last_by(previous_end, lead)
        if chosen is None and start is not None and start.years_back > 0:
            return _counted_from(start, times, setting)
    else:
        chosen = times.last_by(position, bases=False)
        if chosen is not None and chosen.kind == "same" and chosen.start < clause_start:
            chosen = times.last_by(chosen.start, bases=False)  # 去年同期为7亿元，同比增长14%
    if chosen is None:
        return setting.fallback
    if chosen.years and role is not None:  # 2016年到2020年,企业从50家增加到125家
        first = role == "from"
        year = chosen.years[0] if first else chosen.years[-1]
        return year, f"the {'first' if first else 'last'} year of {chosen.words}"
    return resolve(chosen, times, setting)


def resolve(time: TimeExpr, times: SentenceTimes, setting: Setting) -> tuple[str, str | None]:
    """A time as a period. 4年前 and 上年 count from a year named earlier in the sentence
    (2020年...从4年前); 上年, 3月 and 上半年 else from the year the text speaks of; the
    others from the report's date (a part of a year not over by then: of the year before)."""
    if time.kind == "absolute" and time.period:
        return time.period, None
    if time.kind == "same":
        return _same_period(time, times, setting)
    published = setting.report.published
    if time.kind == "now":
        if published is None:
            return setting.undated or setting.fallback
        return published.isoformat(), f"{time.words}: the report's date"
    anchor = times.first_absolute
    if anchor is not None and (anchor.start >= time.start or not anchor.period):
        anchor = None
    if anchor is not None and anchor.period and (time.years_back or time.anaphoric):
        year, named = year_of(anchor.period), anchor.period
    elif time.anaphoric and setting.year is not None:
        year, named = setting.year
    elif setting.reference is not None and time.words.startswith(tuple(ANAPHORIC)):
        year, named = setting.reference  # 上年 of a text on 2020年度 is 2019
    elif published is not None:
        return _of_the_report(time, published, setting)
    elif setting.latest is not None:
        year, named = setting.latest, f"{setting.latest}, the latest year the report names"
    else:
        return setting.fallback
    period = time.template.format(y=year - time.years_back)
    if not real(period):  # 2月29日 of a year that has none is no time at all
        return setting.fallback
    return period, f"{time.words}, counted from {named}"


def _of_the_report(time: TimeExpr, published: date, setting: Setting) -> tuple[str, str | None]:
    """A relative time counted from the report's date; a part of a year (上半年, 12月) that
    is not over by the report's month is the last year's."""
    year = published.year - time.years_back
    period = time.template.format(y=year)
    note = f"{time.words}, in the year of the report"
    if time.years_back:
        note = f"{time.words}, counted from the report's date"
    elif time.anaphoric and _last_month(period) > (published.year, published.month):
        period = time.template.format(y=year - 1)
        note = f"{time.words}, of {year - 1}: {year}'s is not over by the report's date"
    if not real(period):  # 2月29日 of a year that has none is no time at all
        return setting.fallback
    return period, note


def _last_month(period: str) -> tuple[int, int]:
    """The year and month a period ends in (2023-01/2023-06: 2023, 6)."""
    parts = period.rsplit("/", 1)[-1].split("-")
    return int(parts[0]), int(parts[1]) if len(parts) > 1 else 12


_YEAR = re.compile(r"\d{4}")


def _same_period(time: TimeExpr, times: SentenceTimes, setting: Setting) -> tuple[str, str | None]:
    """上年同期: the period the sentence speaks of before it (else the carried one, else the
    report's date), a year earlier."""
    before = times.last_by(time.start, bases=False)
    base, _ = resolve(before, times, setting) if before is not None else setting.fallback
    if not base[:4].isdigit():
        return setting.fallback
    period = _YEAR.sub(lambda m: str(int(m.group()) - time.years_back), base)
    if not real(period):
        return setting.fallback
    return period, f"{time.words}: {base}, a year before"


def _counted_from(
    start: TimeExpr, times: SentenceTimes, setting: Setting
) -> tuple[str, str | None]:
    """The period of the end of 由上年第85位上升至第52位: the year 上年 counts from."""
    period, _ = resolve(start, times, setting)
    if not period[:4].isdigit():
        return setting.fallback
    return str(year_of(period) + start.years_back), f"the year {start.words} counts from"


def year_of(period: str) -> int:
    """The year a period speaks of: its last year (2016/2018 speaks of 2018)."""
    return int(period.rsplit("/", 1)[-1][:4])


_SPANNED = re.compile(r"(?:到|(?<![截])至|从|由|自)\Z")


def governing(masked: str, times: SentenceTimes, first_figure: int | None) -> TimeExpr | None:
    """The time a sentence is about, which carries to the sentences after it: the last time
    before its first figure (any, if it has none) that is no base of a comparison (比2015年),
    no start of a span (从2015年, 由上年) and no deadline (到2025年)."""
    chosen = None
    for time in times.times:
        if first_figure is not None and time.end > first_figure:
            break
        if not time.base and not _SPANNED.search(masked, max(0, time.start - 1), time.start):
            chosen = time
    return chosen
