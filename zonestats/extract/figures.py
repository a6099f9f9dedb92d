"""Find the figures in a report's text.

The text is scanned once. Dates, times, telephone and registration numbers, e-mail
addresses, URLs, list ordinals and names in quotation marks are masked first (same length,
so offsets stay true); time expressions are kept to give figures their periods. A figure is
a number with a unit, a magnitude or a rank mark, read by the quantity grammar.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace

from zonestats.errors import ZonestatsError
from zonestats.extract.report import ReportText
from zonestats.extract.times import TIME, TimeExpr, fallback_period, period_for, read_time
from zonestats.model import grammar
from zonestats.model.quantity import Qualifier, Quantity, parse_quantity

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

_SENTENCE = re.compile(r"[^。!?!?;;\n]+")
_CLAUSE = re.compile(r"(?:[^,,。!?!?;;:\n]|(?<=\d),(?=\d{3}))+")

# ---- figures ----------------------------------------------------------------------------------


def _spelled(words: Iterable[str]) -> list[str]:
    """Every spelling of the words (simplified and traditional), longest first."""
    return sorted(
        {s for word in words for s in grammar.spellings(word)}, key=lambda s: (-len(s), s)
    )


def _either(words: Iterable[str]) -> str:
    """A regex alternation of every spelling of the words, longest first."""
    return "|".join(map(re.escape, _spelled(words)))


def _not_a_unit(words: Iterable[str]) -> str:
    """Numeral or magnitude words, each unless it starts a unit (千 of 千瓦, 兆 of 兆瓦), so
    that the unit is matched whole."""
    units = _spelled(grammar.UNITS)
    alternatives = []
    for word in _spelled(words):
        rests = [unit[len(word) :] for unit in units if unit.startswith(word) and unit != word]
        guard = f"(?!{'|'.join(map(re.escape, rests))})" if rests else ""
        alternatives.append(re.escape(word) + guard)
    return "|".join(alternatives)


_NUMERAL_CHARACTERS = frozenset(_spelled([*grammar.DIGITS, *grammar.SMALL_UNITS]))
_MAGNITUDE_WORDS = tuple(grammar.MAGNITUDES)
# Words before a figure, several in a row (预计将达到): qualifiers and neutral marks.
_PREFIX = f"(?:{_either([word for word, _ in grammar.BEFORE_WORDS] + [*grammar.NEUTRAL_WORDS])})+"
_UNITS = f"{_either(grammar.UNITS)}|{_either([grammar.MAJOR])}"
_MORE = _either(w for w, meaning in grammar.AFTER_WORDS if meaning == Qualifier.MORE_THAN)
# A figure: words before it, a number in digits or Chinese numerals (数十, 两百) with 多/余
# before its magnitude (3000余万), a unit, and a word after it. parse_quantity reads the match.
_FIGURE = re.compile(
    rf"(?P<prefix>{_PREFIX})?"
    r"(?P<number>(?:[-+]?\d+(?:,\d{3})*(?:\.\d+)?"
    rf"|(?:{_either(grammar.SOME)})?(?:[{''.join(_spelled(grammar.DIGITS))}]"
    rf"|{_not_a_unit(grammar.SMALL_UNITS)})+)"
    rf"(?:(?:{_MORE})(?=\D))?(?:{_not_a_unit(grammar.SMALL_UNITS)})?"
    rf"(?:{_not_a_unit(grammar.MAGNITUDES)})?)"
    rf"(?P<unit>{_UNITS})?"
    rf"(?P<suffix>{_either(word for word, _ in grammar.AFTER_WORDS)})?"
)
# A figure in Chinese numerals needs a unit that counts things (五家, 四茬; not 一批, 三年).
_CHINESE_UNITS = frozenset(_spelled([*grammar.TALLY_UNITS, grammar.MAJOR]))
_FORECAST = re.compile(_either(grammar.FORECAST_WORDS))
_AIM = re.compile(_either(grammar.AIM_WORDS))
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


def extract(report: ReportText) -> list[Candidate]:
    """Every figure of the report, in text order, with periods resolved where the text allows."""
    text = report.text
    masked, times = _mask(text)
    candidates: list[Candidate] = []
    pair_number = 0
    counters: dict[str, int] = {}
    fallback = fallback_period(report, times)
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
            period, note = period_for(
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
    times = [t for t in map(read_time, TIME.finditer(text)) if t is not None]
    return TIME.sub(lambda m: blank(m) if read_time(m) else m.group(0), text), times


_KEEP = re.compile(r"[^\n“”‘’《》「」\"]")  # quotation marks stay, so clauses keep their shape


def _figure(match: re.Match[str], masked: str) -> Quantity | None:
    """A figure, or None for numbers that are not figures (一个, 三年行动, 1 with no unit)."""
    number, unit, prefix = match.group("number"), match.group("unit"), match.group("prefix")
    if not number or not any(c.isdigit() or c in _NUMERAL_CHARACTERS for c in number):
        return None
    before = masked[match.start() - 1] if match.start() else ""
    after = masked[match.end()] if match.end() < len(masked) else ""
    if before.isdigit() or before == "." or (after.isdigit() and not unit):
        return None
    chinese = not any(c.isdigit() for c in number)
    magnitude = number.endswith(_MAGNITUDE_WORDS)
    if prefix == "第" and unit not in ("位", "名"):
        return None
    if chinese:
        if not (magnitude or (unit and unit in _CHINESE_UNITS) or number.startswith("数")):
            return None
    elif not unit and not magnitude:
        return None
    if unit == grammar.MAJOR and not chinese:
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
