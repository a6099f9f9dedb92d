"""The figures of one sentence: the figure pattern of the quantity grammar, what is no
figure (一个, 三年行动, 1 with no unit), the aim or forecast that qualifies a figure, and
before/after pairs (从10万台提升到800万台)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from zonestats.errors import ZonestatsError
from zonestats.extract.clauses import AIM_OR_FORECAST, Clause
from zonestats.extract.masks import MASK, matches
from zonestats.extract.patterns import either, guarded, spelled
from zonestats.extract.sentences import clauses
from zonestats.model import grammar
from zonestats.model.quantity import Qualifier, Quantity, parse_quantity

# ---- figures ----------------------------------------------------------------------------------


def _not_a_unit(words: Iterable[str]) -> str:
    """Numeral or magnitude words, each unless it starts a unit (千 of 千瓦, 兆 of 兆瓦), so
    that the unit is matched whole."""
    units = spelled(grammar.UNITS)
    alternatives = []
    for word in spelled(words):
        rests = [unit[len(word) :] for unit in units if unit.startswith(word) and unit != word]
        guard = f"(?!{'|'.join(map(re.escape, rests))})" if rests else ""
        alternatives.append(re.escape(word) + guard)
    return "|".join(alternatives)


_MAGNITUDE_WORDS = tuple(grammar.MAGNITUDES)


# Words before a figure, several in a row (预计将达到): qualifiers and neutral marks, at most
# four, never given back (no word before a figure starts a number).
_PREFIX = f"(?:{guarded([*(w for w, _ in grammar.BEFORE_WORDS), *grammar.NEUTRAL_WORDS])}){{1,4}}+"
# 成, tenths (九成 is 90 %), with the tenth's digit after it where given (八成五 is 85 %)
_TENTHS = f"{re.escape(grammar.TENTHS)}(?:[{''.join(spelled(grammar.DIGITS))}])?"
# 大 counts only things named after it (五大产业园, not 三大产业): the scan reads folded text
_MAJOR = f"{re.escape(grammar.MAJOR)}(?=(?:{'|'.join(grammar.MAJOR_NOUNS)}))"
_UNITS = f"{either(grammar.UNITS)}|{_MAJOR}|{_TENTHS}"
_MORE = either(w for w, meaning in grammar.AFTER_WORDS if meaning == Qualifier.MORE_THAN)
# A figure: words before it, a number in digits or Chinese numerals (数十, 两百) with 多/余
# before its magnitude (3000余万), a unit, and a word after it. parse_quantity reads the match.
# After the words before it, every part either matches or is left out: nothing is tried again.
_FIGURE = re.compile(
    rf"(?P<prefix>{_PREFIX})?"
    r"(?P<number>(?:[-+]?\d++(?:,\d{3})*+(?:\.\d++)?"
    rf"|(?:{either(grammar.SOME)})?(?:[{''.join(spelled(grammar.DIGITS))}]"
    rf"|{_not_a_unit(grammar.SMALL_UNITS)})++)"
    rf"(?:(?:{_MORE})(?=\D))?(?:{_not_a_unit(grammar.SMALL_UNITS)})?"
    rf"(?:{_not_a_unit(grammar.MAGNITUDES)})?)"
    rf"(?P<unit>{_UNITS})?"
    rf"(?P<suffix>{either(word for word, _ in grammar.AFTER_WORDS)})?"
)
# Where a figure may start: a word before it or its number. Searched for first, so that the
# figure pattern is tried only there (the search skips to them; the pattern alone cannot).
_FIGURE_START = re.compile(
    "[-+\\d"
    + "".join(
        sorted(
            {
                s[0]
                for w in (
                    *(word for word, _ in grammar.BEFORE_WORDS),
                    *grammar.NEUTRAL_WORDS,
                    *grammar.SOME,
                    *grammar.DIGITS,
                    *grammar.SMALL_UNITS,
                )
                for s in grammar.spellings(w)
            }
        )
    )
    + "]"
)
# A figure in Chinese numerals needs a unit that counts things (五家, 四茬; not 一批, 三年).
_CHINESE_UNITS = frozenset(spelled([*grammar.TALLY_UNITS, grammar.MAJOR]))
# The link between the two ends, with the end's time where it is given (增加到2021年的).
_TIME_REACH = 16  # the longest time expression a link holds (masked), with its 的
PAIR_LINK = re.compile(
    r"[^,，。;；]{0,8}?(?:提升|上升|增长|增加|跃升|扩大|下降|减少|降低|提高|增|升|降)?(?:到|至|为)"
    rf"(?:{MASK}{{1,{_TIME_REACH - 1}}}的?)?\Z"
)
_PAIR_GAP = 8 + 2 + 1 + _TIME_REACH  # the longest text PAIR_LINK reads
LEADS = ("从", "由")  # the words a before/after phrase starts with


@dataclass(slots=True)
class Found:
    """A figure of a sentence (offsets in its block) and its clause."""

    start: int
    end: int
    quantity: Quantity
    clause: Clause


def figures(
    masked: str, start: int, end: int, source: Callable[[int, int], str] | None = None
) -> list[Found]:
    """The figures of a sentence (of masked, folded text), each with its clause, qualified
    by an aim or a forecast before it in the clause; `source` gives the text as written,
    for the figures' `written`."""
    found: list[Found] = []
    context = AIM_OR_FORECAST.search(masked, start, end) is not None
    for c_start, c_end in clauses(masked, start, end):
        clause = None
        for match in matches(_FIGURE, _FIGURE_START, masked, c_start, c_end):
            quantity = _figure(match, masked)
            if quantity is None:
                continue
            if source is not None:
                written = source(*match.span())
                if written != quantity.written:
                    quantity = replace(quantity, written=written)
            if clause is None:
                clause = Clause(c_start, c_end)
            if match.start() > c_start and masked[match.start() - 1] in _OPENING:
                quantity = _quoted(quantity, masked, c_start, match.start() - 1)
            if context:
                quantity = _context_qualifier(quantity, masked, match.start(), clause)
            clause.figures.append(match.span())
            found.append(Found(match.start(), match.end(), quantity, clause))
    return found


def _figure(match: re.Match[str], masked: str) -> Quantity | None:
    """A figure, or None for numbers that are not figures (一个, 三年行动, 1 with no unit)."""
    number, unit, prefix = match.group("number", "unit", "prefix")
    # The pattern's number is Arabic digits after a sign, or Chinese numerals with no digit.
    if not number:
        return None
    before = masked[match.start() - 1] if match.start() else ""
    after = masked[match.end()] if match.end() < len(masked) else ""
    if before.isdigit() or before == "." or (after.isdigit() and not unit):
        return None
    chinese = not (number[0].isdigit() or number[0] in "+-")
    magnitude = number.endswith(_MAGNITUDE_WORDS)
    if prefix == "第" and unit not in ("位", "名"):
        return None
    if chinese:
        tenths = bool(unit) and unit.startswith(grammar.TENTHS)  # 九成: a share
        if tenths and number == "一":
            return None  # 一成不变 and its kind: an idiom, not 10 %
        counted = bool(unit) and unit in _CHINESE_UNITS
        if not (magnitude or counted or tenths or number.startswith("数")):
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


_OPENING = '“"'
_BEFORE_QUOTE = re.compile(f"(?:{_PREFIX})\\Z")
_PREFIX_REACH = 12  # longer than four words before a figure


def _quoted(quantity: Quantity, masked: str, clause_start: int, quote: int) -> Quantity:
    """A figure in quotation marks takes the qualifier of the words before them
    (突破“千亿” is more than 10^11)."""
    before = _BEFORE_QUOTE.search(masked, max(clause_start, quote - _PREFIX_REACH), quote)
    if before is None:
        return quantity
    try:
        qualifier = parse_quantity(before.group(0) + quantity.written).qualifier
    except ZonestatsError:
        return quantity
    return replace(quantity, qualifier=qualifier)


def _context_qualifier(quantity: Quantity, masked: str, position: int, clause: Clause) -> Quantity:
    """A forecast or aim earlier in the clause (将涵盖四大领域, 能挣8000元) marks the figure."""
    if quantity.qualifier in (Qualifier.EXPECTED, Qualifier.TARGET):
        return quantity
    if clause.aim_before(masked, position):
        return replace(quantity, qualifier=Qualifier.TARGET)
    if clause.forecast_before(masked, position):
        return replace(quantity, qualifier=Qualifier.EXPECTED)
    return quantity


def pairs(found: list[Found], masked: str) -> dict[int, int]:
    """Before/after phrases (从10万台提升到800万台): the index of each start figure, mapped to
    where its 从/由 stands; the end figure is the next one."""
    leads: dict[int, int] = {}
    lead, scanned, clause = -1, -1, None  # the last 从/由 of the clause before `scanned`
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if a.clause is not b.clause or i - 1 in leads:
            continue
        if b.start - a.end > _PAIR_GAP or not PAIR_LINK.match(masked, a.end, b.start):
            continue
        if a.clause is not clause:
            clause, lead, scanned = a.clause, -1, a.clause.start
        for word in LEADS:
            lead = max(lead, masked.rfind(word, scanned, a.start))
        scanned = a.start  # the words are one character: none is cut in two
        if lead < 0:
            continue
        if (
            a.quantity.unit is not None
            and b.quantity.unit is not None
            and a.quantity.unit != b.quantity.unit
        ):
            continue
        leads[i] = lead
    return leads
