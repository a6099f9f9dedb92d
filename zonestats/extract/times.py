"""Time expressions in a report (2020年, 今年3月18日, 4年前, 目前) and the periods they give."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from zonestats.errors import ZonestatsError
from zonestats.extract.report import ReportText

_CN_YEAR = r"[一二三四五六七八九〇零]{4}"
_TO = r"(?:至|到|-|—|–|~|－)"
_PARTS = {
    "上半年": (1, 6), "下半年": (7, 12), "前三季度": (1, 9), "前两季度": (1, 6),
    "一季度": (1, 3), "二季度": (4, 6), "三季度": (7, 9), "四季度": (10, 12),
    "1季度": (1, 3), "2季度": (4, 6), "3季度": (7, 9), "4季度": (10, 12),
}  # fmt: skip
"""Parts of a year and their months: 上半年 is January to June."""
_REL_WORDS = r"今年|去年|上年|前年|本年|当年"
TIME = re.compile(
    rf"(?P<yrange>(?P<y1>\d{{4}})年?{_TO}(?P<y2>\d{{4}})年(?!前|后|以来))"
    rf"|(?P<range>(?P<ry>\d{{4}})年(?P<rm1>\d{{1,2}})(?:月份?)?{_TO}(?P<rm2>\d{{1,2}})月份?)"
    rf"|(?P<part>(?:(?P<py>\d{{4}})年|(?P<pword>{_REL_WORDS}))?第?(?P<pname>"
    + "|".join(sorted(_PARTS, key=len, reverse=True))
    + r"))"
    r"|(?P<ymd>(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?)"
    r"|(?P<year>(?P<yy>\d{4}|" + _CN_YEAR + r")年(?!前|后|间|以来))"
    rf"|(?P<relrange>(?P<rrword>{_REL_WORDS})(?P<rr1>\d{{1,2}})(?:月份?)?{_TO}(?P<rr2>\d{{1,2}})月份?)"
    r"|(?P<rel>(?<![比较])(?P<rword>今年|去年|上年|前年|明年|本年|当年)(?!同期)(?:(?P<rm>\d{1,2})月(?:(?P<rd>\d{1,2})[日号])?)?)"
    r"|(?P<ago>(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})年(?P<dir>前|后))"
    rf"|(?P<mrange>(?<![\d年])(?P<mr1>\d{{1,2}})(?:月份?)?{_TO}(?P<mr2>\d{{1,2}})月份?)"
    r"|(?P<firstn>前(?P<fn>\d{1,2}|[一二两三四五六七八九十]{1,2})个月)"
    r"|(?P<md>(?<![\d年])(?P<mm>\d{1,2})月(?:(?P<dd>\d{1,2})[日号])?(?!份?[\d]))"
    r"|(?P<now>截至目前|截止目前|目前|如今|现在|至今|当前|眼下)"
)
TIME_START = re.compile(
    r"[\d一二三四五六七八九十〇零今去上下前明本当截目如现至眼第]"
    r"(?:(?<=\d)(?=\d{0,3}(?:年|月|季度|[至到\-—–~－]\d))"
    r"|(?<=[一二三四五六七八九十〇零])(?=[一二三四五六七八九十〇零]{0,3}(?:年|季度))"
    r"|(?<=[今去上下前明本当截目如现至眼第]))"
)
"""Where a time expression may start (digits before 年, 月, 季度 or a range, Chinese numerals
before 年 or 季度, the first character of a word): the scan tries TIME only there."""

ANAPHORIC = frozenset({"上年", "当年"})
"""Relative words that count from the year the text speaks of (上年: the year before it),
not from the report's date (去年: the year before the report)."""


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
    anaphoric: bool = False  # counts from the year the text speaks of (上年, 3月, 上半年)
    years: tuple[str, ...] = ()  # each year of a range of years (2016年至2018年)


def read_time(match: re.Match[str]) -> TimeExpr | None:
    start, end, words = match.start(), match.end(), match.group(0)
    g = match.groupdict()
    if g["yrange"] or g["part"] or g["mrange"] or g["firstn"]:
        return _span(match, g)
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
        anaphoric = g["rrword"] in ANAPHORIC
        return TimeExpr(
            start, end, "relative", words, years_back=back, template=template, anaphoric=anaphoric
        )
    if g["rel"]:
        back = _YEARS_BACK.get(g["rword"], 0)
        month_day = _month_day(g["rm"], g["rd"]) if g["rm"] else ""
        if g["rm"] and not month_day:
            return None
        template = "{y}" + month_day
        anaphoric = g["rword"] in ANAPHORIC
        return TimeExpr(
            start, end, "relative", words, years_back=back, template=template, anaphoric=anaphoric
        )
    if g["ago"]:
        count = int(g["n"]) if g["n"].isdigit() else int(_chinese_int(g["n"]))
        back = count if g["dir"] == "前" else -count
        return TimeExpr(start, end, "ago", words, years_back=back)
    if g["md"]:
        month_day = _month_day(g["mm"], g["dd"])
        if not month_day:
            return None
        return TimeExpr(start, end, "relative", words, template="{y}" + month_day, anaphoric=True)
    return TimeExpr(start, end, "now", words)


def _span(match: re.Match[str], g: dict[str, str | None]) -> TimeExpr | None:
    """A span of years (2016年至2018年), a part of a year (上半年, 一季度) or of months
    (1—5月, 前10个月)."""
    start, end, words = match.start(), match.end(), match.group(0)
    if g["part"]:
        return _part(match, g)
    if g["yrange"]:
        first, last = int(g["y1"] or 0), int(g["y2"] or 0)
        if not 1900 <= first < last <= 2100:
            return None
        years = tuple(str(y) for y in range(first, last + 1))
        return TimeExpr(start, end, "absolute", words, f"{first}/{last}", years=years)
    if g["firstn"]:
        first, last = 1, int(_chinese_int(g["fn"] or ""))
    else:
        first, last = int(g["mr1"] or 0), int(g["mr2"] or 0)
    if not 1 <= first <= last <= 12:
        return None
    template = f"{{y}}-{first:02d}/{{y}}-{last:02d}"
    return TimeExpr(start, end, "relative", words, template=template, anaphoric=True)


_YEARS_BACK = {"去年": 1, "上年": 1, "前年": 2, "明年": -1}


def _part(match: re.Match[str], g: dict[str, str | None]) -> TimeExpr:
    """A part of a year (2021年上半年, 去年四季度, 前三季度) as a range of months."""
    first, last = _PARTS[g["pname"] or ""]
    template = f"{{y}}-{first:02d}/{{y}}-{last:02d}"
    start, end, words = match.start(), match.end(), match.group(0)
    if g["py"]:
        return TimeExpr(start, end, "absolute", words, template.format(y=g["py"]))
    word = g["pword"] or ""
    anaphoric = not word or word in ANAPHORIC
    back = _YEARS_BACK.get(word, 0)
    return TimeExpr(
        start, end, "relative", words, years_back=back, template=template, anaphoric=anaphoric
    )


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


@dataclass(frozen=True, slots=True)
class Setting:
    """What a sentence's figures need beyond the sentence: the report, the period of a figure
    no time of its sentence reaches (carried from an earlier sentence of the paragraph, else
    the report's date), and the year the text speaks of, which 上年, 3月 and 上半年 count from."""

    report: ReportText
    fallback: tuple[str, str | None]
    year: tuple[int, str] | None = None  # the paragraph's year and the words that named it
    reference: tuple[int, str] | None = None  # the text's year of 年度 (2020年度考核)


def period_for(
    position: int,
    role: str | None,
    lead: int,
    previous_end: int,
    times: SentenceTimes,
    setting: Setting,
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
        start = times.last_by(previous_end, lead)
        if chosen is None and start is not None and start.years_back > 0:
            return _counted_from(start, times, setting)
    else:
        chosen = times.last_by(position)
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
    others from the report's date."""
    if time.kind == "absolute" and time.period:
        return time.period, None
    published = setting.report.published
    if time.kind == "now":
        if published is None:
            return setting.fallback
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
        year, named = published.year, ""
    else:
        return setting.fallback
    period = time.template.format(y=year - time.years_back)
    if not _real(period):  # 2月29日 of a year that has none is no time at all
        return setting.fallback
    if named:
        return period, f"{time.words}, counted from {named}"
    if time.years_back:
        return period, f"{time.words}, counted from the report's date"
    return period, f"{time.words}, in the year of the report"


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


_COMPARED = re.compile(r"(?:比|较|到|(?<![截])至|相比|从|由|自)\Z")


def governing(masked: str, times: SentenceTimes, first_figure: int | None) -> TimeExpr | None:
    """The time a sentence is about, which carries to the sentences after it: the last time
    before its first figure (any, if it has none) that is no base of a comparison (比2015年),
    no start of a span (从2015年, 由上年) and no deadline (到2025年)."""
    chosen = None
    for time in times.times:
        if first_figure is not None and time.end > first_figure:
            break
        if not _COMPARED.search(masked, max(0, time.start - 2), time.start):
            chosen = time
    return chosen
