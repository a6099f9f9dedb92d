"""Find the figures in a report's text and draft a dataset from them.

The text is scanned once. Dates, times, telephone and registration numbers, e-mail
addresses, URLs, list ordinals and names in quotation marks are masked first (same length,
so offsets stay true); time expressions are kept to give figures their periods. A figure is
a number with a unit, a magnitude or a rank mark, read by the units module.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from zonestats.errors import DataError, Problem, ZonestatsError
from zonestats.units import Qualifier, Quantity, parse_quantity

MAX_QUOTE = 120
"""Quotes longer than this are cut to a window around the figure."""

_MASK = "\u25a1"  # □: not a digit, not a numeral, not punctuation

# ---- what is not a figure -------------------------------------------------------------------

_NOT_FIGURES = [
    re.compile(r"(?:https?://|www\.)[^\s\u3000-\u9fff\uff00-\uffef]+"),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"(?:ICP备|ICP证|公网安备|网安备|备案号)[\s::]*[\w-]*\d[\w-]*号?"),
    re.compile(r"(?:电话|热线|传真|手机|联系方式|Tel|TEL|tel)[\s::]*[\d()()\- ]{6,}"),
    re.compile(r"(?<!\d)(?:0\d{2,3}-\d{7,8}|1[3-9]\d{9})(?!\d)"),
    re.compile(r"(?<![\d.])\d{11,}(?![\d.])"),  # long ids: registration, account, serial numbers
    re.compile(r"(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"),
    re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)"),
    # Names and slogans in quotation marks (“1+36”, ‘两个改革’); direct speech has punctuation.
    re.compile(r"“[^“”\n,,。!?!?]{1,24}”|‘[^‘’\n,,。!?!?]{1,24}’|「[^「」\n,,。]{1,24}」"),
    re.compile(r"《[^《》\n]{1,40}》|\"[^\"\n,,。]{1,24}\""),
    re.compile(  # list ordinals at the start of a line: 一、 1. (一)
        r"(?m)^[ \t\u3000]*"
        r"(?:[一二三四五六七八九十]+、|\d{1,2}[、.．](?!\d)|[((][一二三四五六七八九十\d]{1,3}[))])"
    ),
    re.compile(r"第[一二三四五六七八九十百\d]+(?![\d一二三四五六七八九十百千万亿]*[位名])"),
    re.compile(r"十[一二三四五]五"),  # plan names: 十四五
]

# ---- time expressions -------------------------------------------------------------------------

_CN_YEAR = r"[一二三四五六七八九〇零]{4}"
_TIME = re.compile(
    r"(?P<range>(?P<ry>\d{4})年(?P<rm1>\d{1,2})(?:月份?)?(?:至|到|-|—|~)(?P<rm2>\d{1,2})月份?)"
    r"|(?P<ymd>(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?)"
    r"|(?P<year>(?P<yy>\d{4}|" + _CN_YEAR + r")年(?!前|后|间|以来))"
    r"|(?P<relrange>(?P<rrword>今年|去年|上年|前年|本年)(?P<rr1>\d{1,2})(?:月份?)?(?:至|到|-|—|~)(?P<rr2>\d{1,2})月份?)"
    r"|(?P<rel>(?<![比较])(?P<rword>今年|去年|上年|前年|明年|本年|当年)(?!同期)(?:(?P<rm>\d{1,2})月(?:(?P<rd>\d{1,2})[日号])?)?)"
    r"|(?P<ago>(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})年(?P<dir>前|后))"
    r"|(?P<md>(?<![\d年])(?P<mm>\d{1,2})月(?:(?P<dd>\d{1,2})[日号])?(?!份?[\d]))"
    r"|(?P<now>截至目前|截止目前|目前|如今|现在|至今|当前|眼下)"
)
_SENTENCE = re.compile(r"[^。!?!?;;\n]+")
_CLAUSE = re.compile(r"(?:[^,,。!?!?;;:\n]|(?<=\d),(?=\d{3}))+")

# ---- figures ----------------------------------------------------------------------------------

_PREFIX = (
    r"有望突破|有望达到|预计突破|预计达到|力争突破|力争达到|有望|预计|力争|不少于|不低于|至少|"
    r"超过|突破|逾|破|不到|不足|大约|约|近|竞|迈向|达到|达|共|第"
)
_UNITS = (
    r"个百分点|百分点|万元|亿元|万美元|亿美元|美元|元|%|%|位|名|人次|人|户|台套|台|家|"
    r"个|项|场|茬|亩|公顷|吨|平方米|平方公里|公里|千米|米|倍|次|批|所|座|栋|条|辆|件|套|年|天|大"
)
_FIGURE = re.compile(
    rf"(?P<prefix>{_PREFIX})?"
    r"(?P<number>(?:[-+]?\d+(?:,\d{3})*(?:\.\d+)?|数?[零〇一二两三四五六七八九十百千]+)"
    r"(?:[多余](?=万|亿|[^\d]))?(?:万亿|亿|万|千|百)?)"
    rf"(?P<unit>{_UNITS})?"
    r"(?P<suffix>以上|以下|左右|上下|之多|多|余)?"
)
_CHINESE_UNITS = frozenset("个家名人户台项场茬大位")
_FORECAST = re.compile(r"将|预计|有望|计划|预期|可望|能挣|能赚|可挣|可赚")
_AIM = re.compile(r"力争|目标|竞|迈向|争取")
_PAIR_LINK = re.compile(
    r"^[^,,。;;]{0,8}?(?:提升|上升|增长|增加|跃升|扩大|下降|减少|降低|提高|增|升|降)?(?:到|至|为)$"
)

# ---- suggestions -----------------------------------------------------------------------------

_SUGGESTIONS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(words), category, stem)
    for words, category, stem in (
        ("贫困|脱贫", "poverty", "poverty_lifted"),
        ("排名|位次|考核|排位", "ranking", "rank"),
        ("高新技术企业", "innovation", "high_tech_enterprises"),
        ("技术|科技|研发|专利|成果", "innovation", "innovation"),
        ("党员|党组织|党支部|党建|党委|党工作", "party_building", "party_building"),
        ("志愿", "community", "volunteer_teams"),
        ("社区|居民|小区", "community", "community"),
        ("村|农|果|桑|种植", "rural", "rural"),
        ("产能", "industry", "capacity"),
        ("产值|营业收入|收入|营收", "industry", "output"),
        ("投资|签约|引进|招商|项目", "investment", "projects"),
        ("企业|产业|园", "industry", "industry"),
    )
)


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


@dataclass(frozen=True, slots=True)
class Candidate:
    """A figure found in the text, with what the draft suggests for it."""

    quantity: Quantity
    quote: str
    start: int
    end: int
    quote_start: int
    period: str
    period_note: str | None
    id: str
    name: str
    category: str
    pair: int | None = None  # the same number for the two ends of a before/after phrase

    @property
    def written(self) -> str:
        return self.quantity.written

    @property
    def value(self) -> float:
        return self.quantity.value

    @property
    def unit(self) -> str | None:
        return self.quantity.unit

    @property
    def qualifier(self) -> Qualifier:
        return self.quantity.qualifier

    @property
    def quote_end(self) -> int:
        return self.quote_start + len(self.quote)


@dataclass(slots=True)
class ReportText:
    """A report's text and what is known of it."""

    text: str
    title: str
    published: date | None
    publisher: str | None
    path: str = "<text>"


def read_report(path: Path) -> str:
    """A report's UTF-8 text; a DataError for binary files (and the loader's encoding checks)."""
    from zonestats.load import read_text

    text = read_text(path, reject_binary=True)
    controls = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > len(text[:65536]) // 100:
        raise DataError.at(Problem(str(path), "looks like a binary file, not a text report"))
    return text


_DATE_LINE = re.compile(
    r"(?:发表|发布|更新)?(?:时间|日期)[::]\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})"
)
_PUBLISHER = re.compile(r"来源[::]\s*([^\s\n]{2,20})")


def parse_report(text: str, published: date | None = None, path: str = "<text>") -> ReportText:
    """The text with its title (first line), publication date and publisher when it says them."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines else ""
    if published is None:
        found = _DATE_LINE.search(text[:2000])
        if found:
            try:
                published = date(*(int(g) for g in found.groups()))
            except ValueError:
                published = None
    publisher = _PUBLISHER.search(text[:2000])
    return ReportText(text, title, published, publisher.group(1) if publisher else None, path)


def extract(report: ReportText) -> list[Candidate]:
    """Every figure of the report, in text order, with periods resolved where the text allows."""
    text = report.text
    masked, times = _mask(text)
    candidates: list[Candidate] = []
    pair_number = 0
    counters: dict[str, int] = {}
    fallback = _fallback_period(report, times)
    starts = [t.start for t in times]  # in text order, so each sentence's times are a slice
    for sentence in _SENTENCE.finditer(masked):
        s_start, s_end = sentence.span()
        sentence_times = times[bisect_left(starts, s_start) : bisect_left(starts, s_end)]
        found: list[tuple[int, int, Quantity, tuple[int, int]]] = []
        for clause in _CLAUSE.finditer(masked, s_start, s_end):
            c_start, c_end = clause.span()
            for match in _FIGURE.finditer(masked, c_start, c_end):
                quantity = _figure(match, masked)
                if quantity is None:
                    continue
                quantity = _context_qualifier(quantity, masked[c_start : match.start()])
                found.append((match.start(), match.end(), quantity, (c_start, c_end)))
        leads = _pairs(found, masked)
        for index, (start, end, quantity, clause_span) in enumerate(found):
            role, lead, previous_end = None, 0, 0
            if index in leads:
                role, lead = "from", leads[index]
            elif index - 1 in leads:
                role, lead, previous_end = "to", leads[index - 1], found[index - 1][1]
            period, note = _period_for(
                start, role, lead, previous_end, sentence_times, report, fallback
            )
            quote_start, quote = _quote(text, clause_span, start, end)
            if role == "from":
                pair_number += 1
            category, stem = _suggest(text[clause_span[0] : clause_span[1]], quantity)
            if role == "to":
                previous = candidates[-1]
                suggestion_id, name, category = previous.id, previous.name, previous.category
            else:
                counters[stem] = counters.get(stem, 0) + 1
                suggestion_id = f"{stem}_{counters[stem]}"
                others = [text[a:b] for a, b, _, span in found if span == clause_span]
                name = _name(text[clause_span[0] : clause_span[1]], others)
            candidates.append(
                Candidate(
                    quantity=quantity,
                    quote=quote,
                    start=start,
                    end=end,
                    quote_start=quote_start,
                    period=period,
                    period_note=note,
                    id=suggestion_id,
                    name=name,
                    category=category,
                    pair=pair_number if role else None,
                )
            )
    return candidates


def _mask(text: str) -> tuple[str, list[TimeExpr]]:
    def blank(match: re.Match[str]) -> str:
        return _KEEP.sub(_MASK, match.group(0))

    for pattern in _NOT_FIGURES:
        text = pattern.sub(blank, text)
    times = [t for t in map(_time, _TIME.finditer(text)) if t is not None]
    return _TIME.sub(lambda m: blank(m) if _time(m) else m.group(0), text), times


_KEEP = re.compile(r"[^\n“”‘’《》「」\"]")  # quotation marks stay, so clauses keep their shape


def _time(match: re.Match[str]) -> TimeExpr | None:
    start, end, words = match.start(), match.end(), match.group(0)
    g = match.groupdict()
    if g["range"]:
        first, last = int(g["rm1"]), int(g["rm2"])
        if not 1 <= first <= last <= 12:
            return None
        year = g["ry"]
        return TimeExpr(start, end, "absolute", words, f"{year}-{first:02d}/{year}-{last:02d}")
    if g["ymd"]:
        month_day = _month_day(g["m"], g["d"])
        return TimeExpr(start, end, "absolute", words, g["y"] + month_day) if month_day else None
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


def _month_day(month: str, day: str | None) -> str:
    """'-03-18' for a real month and day, '-05' for a month alone, '' when impossible."""
    try:
        date(2000, int(month), int(day) if day else 1)  # 2000 is a leap year: 2月29日 is fine
    except ValueError:
        return ""
    return f"-{int(month):02d}" + (f"-{int(day):02d}" if day else "")


def _chinese_year(text: str) -> str:
    digits = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
              "六": "6", "七": "7", "八": "8", "九": "9"}  # fmt: skip
    return "".join(digits[c] for c in text)


def _chinese_int(text: str) -> float:
    from zonestats.units import parse_number

    return float(parse_number(text))


def _figure(match: re.Match[str], masked: str) -> Quantity | None:
    """A figure, or None for numbers that are not figures (一个, 三年行动, 1 with no unit)."""
    number, unit, prefix = match.group("number"), match.group("unit"), match.group("prefix")
    if not number or not any(c.isdigit() or c in "零〇一二两三四五六七八九十百千" for c in number):
        return None
    before = masked[match.start() - 1] if match.start() else ""
    after = masked[match.end()] if match.end() < len(masked) else ""
    if before.isdigit() or before == "." or (after.isdigit() and not unit):
        return None
    chinese = not any(c.isdigit() for c in number)
    magnitude = number.endswith(("万", "亿"))
    if prefix == "第" and unit not in ("位", "名"):
        return None
    if chinese:
        if not (magnitude or (unit and unit in _CHINESE_UNITS) or number.startswith("数")):
            return None
    elif not unit and not magnitude:
        return None
    if unit == "大" and not chinese:
        return None
    try:
        quantity = parse_quantity(match.group(0))
    except ZonestatsError:
        return None
    if chinese and quantity.value < 2 and not magnitude:
        return None  # 一个, 一批, 一年: articles, not counts
    return quantity


def _context_qualifier(quantity: Quantity, before: str) -> Quantity:
    """A forecast or aim earlier in the clause (将涵盖四大领域, 能挣8000元) marks the figure."""
    if quantity.qualifier in (Qualifier.EXPECTED, Qualifier.TARGET):
        return quantity
    if _AIM.search(before):
        return replace(quantity, qualifier=Qualifier.TARGET)
    if _FORECAST.search(before):
        return replace(quantity, qualifier=Qualifier.EXPECTED)
    return quantity


def _pairs(found: list[tuple[int, int, Quantity, tuple[int, int]]], masked: str) -> dict[int, int]:
    """Before/after phrases (从10万台提升到800万台): the index of each start figure, mapped to
    where its 从/由 stands; the end figure is the next one."""
    leads: dict[int, int] = {}
    for i in range(len(found) - 1):
        a_start, a_end, a, clause = found[i]
        b_start, _, b, b_clause = found[i + 1]
        if clause != b_clause or i - 1 in leads:
            continue
        if not _PAIR_LINK.match(masked[a_end:b_start]):
            continue
        lead = max(masked.rfind("从", clause[0], a_start), masked.rfind("由", clause[0], a_start))
        if lead < 0:
            continue
        if a.unit is not None and b.unit is not None and a.unit != b.unit:
            continue
        leads[i] = lead
    return leads


def _fallback_period(report: ReportText, times: list[TimeExpr]) -> tuple[str, str]:
    if report.published is not None:
        return report.published.isoformat(), "no period in the text: the report's date"
    years = [t.period for t in times if t.kind == "absolute" and t.period and t.period.isdigit()]
    if years:
        return max(years), "no period in the text nor a report date: the latest year named"
    raise ZonestatsError(
        f"{report.path}: the report gives no date and no year; pass --published YYYY-MM-DD"
    )


def _period_for(
    position: int,
    role: str | None,
    lead: int,
    previous_end: int,
    times: list[TimeExpr],
    report: ReportText,
    fallback: tuple[str, str],
) -> tuple[str, str | None]:
    """The period of a figure: the nearest time before it in its sentence, resolved.

    In a before/after phrase each end takes a time of its own (从4年前的第126位,
    提升至2020年的第88位); otherwise the start takes the time that opens the sentence's span
    (从2008年落户到现在) and the end the time that closes it.
    """
    if role == "from":
        own = [t for t in times if lead <= t.start and t.end <= position]
        opening = [t for t in times if t.end <= lead][:1]
        chosen = own[-1:] or opening
    elif role == "to":
        own = [t for t in times if previous_end <= t.start and t.end <= position]
        outside = [t for t in times if t.end <= lead]
        chosen = own[-1:] or outside[-1:]
    else:
        chosen = [t for t in times if t.end <= position][-1:]
    if not chosen:
        return fallback
    return _resolve(chosen[0], times, report, fallback)


def _resolve(
    time: TimeExpr, times: list[TimeExpr], report: ReportText, fallback: tuple[str, str]
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
    anchor = next(
        (t for t in times if t.kind == "absolute" and t.period and t.start < time.start), None
    )
    if anchor is not None and anchor.period and time.years_back:
        year = int(anchor.period[:4]) - time.years_back
        return time.template.format(y=year), f"{time.words}, counted from {anchor.period}"
    if published is None:
        return fallback
    period = time.template.format(y=published.year - time.years_back)
    if time.years_back:
        return period, f"{time.words}, counted from the report's date"
    return period, f"{time.words}, in the year of the report"


def _quote(text: str, clause: tuple[int, int], start: int, end: int) -> tuple[int, str]:
    """The clause holding a figure, trimmed of spaces, cut to a window if it is long."""
    c_start, c_end = clause
    while c_start < start and text[c_start] in ' \t\u3000“”"':
        c_start += 1
    while c_end > end and text[c_end - 1] in " \t\u3000":
        c_end -= 1
    if c_end - c_start > MAX_QUOTE:
        half = (MAX_QUOTE - (end - start)) // 2
        c_start = max(c_start, start - half)
        c_end = min(c_end, c_start + MAX_QUOTE)
    return c_start, text[c_start:c_end]


def _suggest(clause: str, quantity: Quantity) -> tuple[str, str]:
    if quantity.unit == "位":
        return "ranking", "rank"
    for words, category, stem in _SUGGESTIONS:
        if words.search(clause):
            return category, stem
    return "other", "figure"


def _name(clause: str, figures: list[str]) -> str:
    """A name for a figure: its clause without the figures in it and leading filler words."""
    for figure in figures:
        clause = clause.replace(figure, "")
    name = re.sub(r"^(?:其中|目前|截至目前|如今|今年|去年|全区|共)", "", clause.strip())
    name = name.strip(_NAME_EDGES)
    return name[:40] or (figures[0] if figures else "figure")


_NAME_EDGES = " \t\u3000“”\"'、,,。"
_MONEY = re.compile(r"产值|收入|营收|投资|税|元|资金|效益")


# ---- the draft dataset -----------------------------------------------------------------------

_PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
)  # fmt: skip
_ZONE = re.compile(
    r"[\u4e00-\u9fff]{2,8}?(?:经济技术开发区|高新技术产业开发区|经开区|高新区|开发区|新区|产业园区)"
)


def draft(report: ReportText, candidates: list[Candidate]) -> dict[str, Any]:
    """A dataset (as plain data, ready for YAML) with one indicator per figure or pair."""
    zone = _ZONE.search(report.title) or _ZONE.search(report.text)
    mentions = {p: report.text.count(p) for p in _PROVINCES}
    province = max(mentions, key=lambda p: mentions[p]) if any(mentions.values()) else None
    indicators: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    for candidate in candidates:
        observation: dict[str, Any] = {
            "period": candidate.period,
            "value": candidate.written,
            "number": _plain(candidate.value),
        }
        if candidate.qualifier is not parse_quantity(candidate.written).qualifier:
            observation["qualifier"] = candidate.qualifier.value
        if candidate.period_note:
            observation["period_note"] = candidate.period_note
        observation["quote"] = candidate.quote
        existing = by_id.get(candidate.id)
        if existing is not None and not any(
            o["period"] == candidate.period for o in existing["observations"]
        ):
            existing["observations"].append(observation)
            continue
        identifier = candidate.id if existing is None else f"{candidate.id}_b"
        indicator: dict[str, Any] = {
            "id": identifier,
            "name": candidate.name,
            "name_en": f"(to translate) {identifier.replace('_', ' ')}",
            "category": candidate.category,
            "unit": candidate.unit or _unit_guess(candidate),
        }
        if candidate.unit == "位":
            indicator["better"] = "lower"
        indicator["observations"] = [observation]
        by_id[identifier] = indicator
        indicators.append(indicator)
    return {
        "schema_version": 1,
        "zone": {
            "name": zone.group(0) if zone else "(zone name)",
            "name_en": "(to translate)",
            "province": f"{province}省"
            if province and province not in ("北京", "天津", "上海", "重庆")
            else (province or "(province)"),
            "level": "national" if "国家级" in report.text else "provincial",
        },
        "source": {
            "title": report.title or "(title)",
            "publisher": report.publisher or "(publisher)",
            "date": (report.published or date.today()).isoformat(),
        },
        "indicators": indicators,
    }


def _unit_guess(candidate: Candidate) -> str:
    """The unit of a figure written without one: 元 for money (产值破百亿), else 个 (五大)."""
    if candidate.value >= 10_000 and _MONEY.search(candidate.quote):
        return "元"
    return "个"


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def draft_yaml(data: dict[str, Any]) -> str:
    """The draft as YAML text that `zonestats validate` reads."""
    import yaml

    header = (
        "# Draft made by `zonestats extract`: check every figure, translate names, fix ids\n"
        "# and categories, drop what is not a figure, then run `zonestats verify`.\n"
    )
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return header + body
