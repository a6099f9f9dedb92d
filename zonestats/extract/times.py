"""Time expressions in a report (2020年, 今年3月18日, 4年前, 目前) and the periods they give."""

from __future__ import annotations

import re
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
    r"|(?P<same>(?P<sword>上年|去年)同期)"
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
    base: bool = False  # the base of a comparison (比2015年): the period of no figure
    years: tuple[str, ...] = ()  # each year of a range of years (2016年至2018年)


def read_time(match: re.Match[str]) -> TimeExpr | None:
    start, end, words = match.start(), match.end(), match.group(0)
    g = match.groupdict()
    if g["yrange"] or g["part"] or g["mrange"] or g["firstn"]:
        return _span(match, g)
    if g["same"]:  # 上年同期: the period of the sentence, a year before
        return TimeExpr(start, end, "same", words, years_back=1)
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


def real(period: str) -> bool:
    """Whether a period is one (2021-02-29 is not)."""
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
