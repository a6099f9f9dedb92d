"""Time expressions in a report (2020年, 今年3月18日, 4年前, 目前) and the periods they give."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from zonestats.errors import ZonestatsError
from zonestats.extract.report import ReportText

_CN_YEAR = r"[一二三四五六七八九〇零]{4}"
TIME = re.compile(
    r"(?P<range>(?P<ry>\d{4})年(?P<rm1>\d{1,2})(?:月份?)?(?:至|到|-|—|~)(?P<rm2>\d{1,2})月份?)"
    r"|(?P<ymd>(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?)"
    r"|(?P<year>(?P<yy>\d{4}|" + _CN_YEAR + r")年(?!前|后|间|以来))"
    r"|(?P<relrange>(?P<rrword>今年|去年|上年|前年|本年)(?P<rr1>\d{1,2})(?:月份?)?(?:至|到|-|—|~)(?P<rr2>\d{1,2})月份?)"
    r"|(?P<rel>(?<![比较])(?P<rword>今年|去年|上年|前年|明年|本年|当年)(?!同期)(?:(?P<rm>\d{1,2})月(?:(?P<rd>\d{1,2})[日号])?)?)"
    r"|(?P<ago>(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})年(?P<dir>前|后))"
    r"|(?P<md>(?<![\d年])(?P<mm>\d{1,2})月(?:(?P<dd>\d{1,2})[日号])?(?!份?[\d]))"
    r"|(?P<now>截至目前|截止目前|目前|如今|现在|至今|当前|眼下)"
)
TIME_START = re.compile(
    r"[\d一二三四五六七八九十〇零今去上前明本当截目如现至眼]"
    r"(?:(?<=\d)(?=\d{0,3}[年月])"
    r"|(?<=[一二三四五六七八九十〇零])(?=[一二三四五六七八九十〇零]{0,3}年)"
    r"|(?<=[今去上前明本当截目如现至眼]))"
)
"""Where a time expression may start (digits before 年 or 月, Chinese numerals before 年, the
first character of a word): the scan tries TIME only there."""


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time named in the text: absolute (2020年), now (目前), relative (去年, 3月18日) or ago."""

    start: int
    end: int
    kind: str  # "absolute", "now", "relative" or "ago"
    words: str
    period: str | None = None  # for absolute times
    years_back: int = 0  # for relative and ago times
    template: str = "{y}"  # the period once the year is known: "{y}-03-18" for 3月18日


def read_time(match: re.Match[str]) -> TimeExpr | None:
    start, end, words = match.start(), match.end(), match.group(0)
    g = match.groupdict()
    if g["range"]:
        first, last = int(g["rm1"]), int(g["rm2"])
        if not 1 <= first <= last <= 12:
            return None
        year = g["ry"]
        return TimeExpr(start, end, "absolute", words, f"{year}-{first:02d}/{year}-{last:02d}")
    if g["ymd"]:
        # A day the year does not have (2021年2月29日) leaves the year: what the text surely says.
        month_day = _month_day(g["m"], g["d"], int(g["y"]))
        return TimeExpr(start, end, "absolute", words, g["y"] + month_day)
    if g["year"]:
        year = g["yy"] if g["yy"].isdigit() else _chinese_year(g["yy"])
        return TimeExpr(start, end, "absolute", words, year) if 1900 <= int(year) <= 2100 else None
    if g["relrange"]:
        first, last = int(g["rr1"]), int(g["rr2"])
        if not 1 <= first <= last <= 12:
            return None
        back = _YEARS_BACK.get(g["rrword"], 0)
        template = f"{{y}}-{first:02d}/{{y}}-{last:02d}"
        return TimeExpr(start, end, "relative", words, years_back=back, template=template)
    if g["rel"]:
        back = _YEARS_BACK.get(g["rword"], 0)
        month_day = _month_day(g["rm"], g["rd"]) if g["rm"] else ""
        if g["rm"] and not month_day:
            return None
        template = "{y}" + month_day
        return TimeExpr(start, end, "relative", words, years_back=back, template=template)
    if g["ago"]:
        count = int(g["n"]) if g["n"].isdigit() else int(_chinese_int(g["n"]))
        back = count if g["dir"] == "前" else -count
        return TimeExpr(start, end, "ago", words, years_back=back)
    if g["md"]:
        month_day = _month_day(g["mm"], g["dd"])
        if not month_day:
            return None
        return TimeExpr(start, end, "relative", words, template="{y}" + month_day)
    return TimeExpr(start, end, "now", words)


_YEARS_BACK = {"去年": 1, "上年": 1, "前年": 2, "明年": -1}


def _month_day(month: str, day: str | None, year: int = 2000) -> str:
    """'-03-18' for a real month and day (of the year, where it is known: 2000 is a leap
    year, so that 2月29日 is fine until the year is), '-05' for a month alone, '' when
    impossible."""
    try:
        date(year, int(month), int(day) if day else 1)
    except ValueError:
        return ""
    return f"-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def _real(period: str) -> bool:
    from zonestats.errors import ZonestatsError
    from zonestats.model.period import parse_period

    try:
        parse_period(period)
    except ZonestatsError:
        return False
    return True


def _chinese_year(text: str) -> str:
    digits = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
              "六": "6", "七": "7", "八": "8", "九": "9"}  # fmt: skip
    return "".join(digits[c] for c in text)


def _chinese_int(text: str) -> float:
    from zonestats.model.quantity import parse_number

    return float(parse_number(text))


def fallback_period(report: ReportText, latest_year: str = "") -> tuple[str, str]:
    """The period of a figure the text gives none for: the report's date, else the latest
    year the text names (`latest_year`, worked out by the scan)."""
    if report.published is not None:
        return report.published.isoformat(), "no period in the text: the report's date"
    if latest_year:
        return latest_year, "no period in the text nor a report date: the latest year named"
    raise ZonestatsError(
        f"{report.path}: the report gives no date and no year; pass --published YYYY-MM-DD"
    )


class SentenceTimes:
    """The times of one sentence, in text order (so their ends are in order too), looked up
    by position in logarithmic time."""

    __slots__ = ("times", "ends", "first_absolute")

    def __init__(self, times: list[TimeExpr]) -> None:
        self.times = times
        self.ends = [t.end for t in times]
        self.first_absolute = next((t for t in times if t.kind == "absolute" and t.period), None)

    def last_by(self, position: int, not_before: int = 0) -> TimeExpr | None:
        """The last time that ends by a position, if it starts at `not_before` or later."""
        index = bisect_right(self.ends, position) - 1
        if index < 0 or self.times[index].start < not_before:
            return None
        return self.times[index]


def period_for(
    position: int,
    role: str | None,
    lead: int,
    previous_end: int,
    times: SentenceTimes,
    report: ReportText,
    fallback: tuple[str, str | None],
) -> tuple[str, str | None]:
    """The period of a figure: the nearest time before it in its sentence, resolved.

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
    else:
        chosen = times.last_by(position)
    if chosen is None:
        return fallback
    return _resolve(chosen, times, report, fallback)


def _resolve(
    time: TimeExpr, times: SentenceTimes, report: ReportText, fallback: tuple[str, str | None]
) -> tuple[str, str | None]:
    """A time as a period. 4年前 and 上年 count from a year named earlier in the sentence
    (2020年...从4年前), else from the report's date."""
    if time.kind == "absolute" and time.period:
        return time.period, None
    published = report.published
    if time.kind == "now":
        if published is None:
            return fallback
        return published.isoformat(), f"{time.words}: the report's date"
    anchor = times.first_absolute
    if anchor is not None and anchor.start >= time.start:
        anchor = None
    if anchor is not None and anchor.period and time.years_back:
        year = int(anchor.period[:4]) - time.years_back
        period = time.template.format(y=year)
        note = f"{time.words}, counted from {anchor.period}"
        return (period, note) if _real(period) else fallback
    if published is None:
        return fallback
    period = time.template.format(y=published.year - time.years_back)
    if not _real(period):  # 2月29日 of a year that has none is no time at all
        return fallback
    if time.years_back:
        return period, f"{time.words}, counted from the report's date"
    return period, f"{time.words}, in the year of the report"
