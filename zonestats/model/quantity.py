"""Parse Chinese quantities ("800万台", "100多家", "第126位") and format base values back."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from zonestats.errors import ZonestatsError
from zonestats.model import grammar


class Qualifier(StrEnum):
    """How a figure relates to the true value, as the report's wording says."""

    EXACT = "exact"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    APPROX = "approx"
    EXPECTED = "expected"
    TARGET = "target"

    @property
    def symbol(self) -> str:
        """A short mark for tables: '>' for more_than, 'est.' for expected."""
        return _SYMBOLS[self]


_SYMBOLS = {
    Qualifier.EXACT: "",
    Qualifier.MORE_THAN: ">",
    Qualifier.AT_LEAST: ">=",
    Qualifier.LESS_THAN: "<",
    Qualifier.AT_MOST: "<=",
    Qualifier.APPROX: "~",
    Qualifier.EXPECTED: "est.",
    Qualifier.TARGET: "target",
}

_BEFORE = {word: Qualifier(meaning) for word, meaning in grammar.BEFORE_WORDS}
_AFTER = {word: Qualifier(meaning) for word, meaning in grammar.AFTER_WORDS}
# Qualifier and neutral words before a number, longest first so that 将近 is not read as 将.
_LEAD = re.compile("|".join(sorted([*_BEFORE, *grammar.NEUTRAL_WORDS], key=len, reverse=True)))
_TRAIL = tuple(sorted(_AFTER, key=len, reverse=True))  # 之多 before 多
_TRAIL_WORD = re.compile("|".join(_TRAIL))
_TRAIL_LAST = frozenset(word[-1] for word in _TRAIL)
_MORE = frozenset(word for word, meaning in _AFTER.items() if meaning is Qualifier.MORE_THAN)
_DIGITS = {**grammar.DIGITS, **grammar.FINANCIAL_DIGITS}
_SMALL = {**grammar.SMALL_UNITS, **grammar.FINANCIAL_SMALL_UNITS}
_BIG = tuple((word, Decimal(value)) for word, value in grammar.MAGNITUDES.items())
_BIG_FIRST = frozenset(word[0] for word, _ in _BIG)
# What may go on a number; anything else after one is read as a unit.
_NUMBER_CHARACTERS = frozenset(
    "".join([*_DIGITS, *_SMALL, *grammar.MAGNITUDES, *grammar.SOME, *_MORE])
    + grammar.DECIMAL_POINT
    + grammar.TENTHS
    + "."
)
_UNITS_ENDING: dict[str, tuple[str, ...]] = {}
for _unit in grammar.UNITS:  # longest first, so each tuple is too
    _UNITS_ENDING[_unit[-1]] = (*_UNITS_ENDING.get(_unit[-1], ()), _unit)

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|\Z))", re.ASCII)
_SPACES = re.compile(r"(?<!\d)\s+|\s+(?!\d)")  # "800 万台" is 800万台; "5 6" stays two numbers
_ARABIC = re.compile(r"\d+(?:\.\d+)?", re.ASCII)  # 0-9 only: other scripts' digits are no figure
_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ASCII_LETTERS = re.compile(r"[A-Za-z]+\Z")
_CHINESE_DIGITS = re.compile(f"[{''.join(_DIGITS)}]+")

# The common case, 800万台 or 41个: digits, then a known magnitude and unit in any spelling,
# looked up whole. A unit is tried before a magnitude and unit, so that 100兆瓦 is 100 兆瓦.
_PLAIN = re.compile(r"(\d{1,18}(?:\.\d{1,18})?)([^\d.,\s]{0,12})\Z", re.ASCII)
_UNIT_SPELLINGS = {spelling: unit for unit in grammar.UNITS for spelling in grammar.spellings(unit)}
_PLAIN_TAILS: dict[str, tuple[Decimal, str | None]] = {
    magnitude + spelling: (multiplier, unit)
    for magnitude, multiplier in _BIG
    for spelling, unit in (("", None), *_UNIT_SPELLINGS.items())
}
_PLAIN_TAILS.update({spelling: (Decimal(1), unit) for spelling, unit in _UNIT_SPELLINGS.items()})
_PLAIN_TAILS[""] = (Decimal(1), None)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure read from text: its value in base units, the counted unit and the qualifier."""

    value: float
    unit: str | None
    qualifier: Qualifier
    written: str


def normalise(text: str) -> str:
    """Fold full-width digits and signs and traditional grammar characters (grammar.fold);
    drop thousands separators and spaces around words."""
    text = _SPACES.sub("", grammar.fold(text.translate(_FULLWIDTH)))
    return _THOUSANDS.sub("", text)


def parse_number(text: str) -> Decimal:
    """Read a number written with Arabic digits, Chinese numerals, magnitudes, or a mix.

    >>> parse_number("一千一百一十"), parse_number("百亿"), parse_number("1.5万")
    (Decimal('1110'), Decimal('10000000000'), Decimal('15000.0'))
    """
    text = normalise(text)
    number = _read_number(text, 0)
    if number is None or number[1] != len(text):
        raise ZonestatsError(f"cannot read number {text!r}" if text else "no number")
    return number[0]


@lru_cache(maxsize=65536)
def parse_quantity(text: str) -> Quantity:
    """Read a figure as a report writes it.

    >>> parse_quantity("800万台")
    Quantity(value=8000000.0, unit='台', qualifier=<Qualifier.EXACT: 'exact'>, written='800万台')
    """
    plain = _PLAIN.match(text)
    if plain:
        number, tail = plain.groups()
        known = _PLAIN_TAILS.get(tail)
        if known is not None:
            multiplier, unit = known
            return Quantity(float(Decimal(number) * multiplier), unit, Qualifier.EXACT, text)
    return _parse_worded(text)


def _parse_worded(written: str) -> Quantity:
    """A figure with words around its number: 有望突破300亿元, 近七成, 百分之三十, 30家之多."""
    text = normalise(written)
    qualifier, start = Qualifier.EXACT, 0
    while lead := _LEAD.match(text, start):
        qualifier = _stronger(qualifier, _BEFORE.get(lead.group(), Qualifier.EXACT))
        start = lead.end()
    end, after = len(text), Qualifier.EXACT
    for word in _TRAIL if text[-1:] in _TRAIL_LAST else ():
        if text.endswith(word) and len(text) - len(word) > start:
            end, after = len(text) - len(word), _AFTER[word]
            break
    body_end, unit = _read_unit(text, start, end, written)
    value, more, percent = _read_phrase(text[start:body_end], written, unit is not None)
    if percent:
        unit = grammar.PERCENT
    elif unit == grammar.MAJOR:
        unit = None  # 五大产业: 大 ("major") is no unit; the indicator says what is counted
    if more:
        qualifier = _stronger(qualifier, Qualifier.MORE_THAN)
    qualifier = _stronger(qualifier, after)
    number = float(value)
    if not math.isfinite(number):
        raise ZonestatsError(f"{written!r} is too large a number")
    return Quantity(number, unit, qualifier, written)


def _read_unit(text: str, start: int, end: int, written: str) -> tuple[int, str | None]:
    """Where the unit at the end of text[start:end] begins, and the unit: known unit words
    (longest first, so 100兆瓦 is 100 兆瓦), ASCII letters (kg, TEU), per-unit rates (元/亩)."""
    parts: list[str] = []
    while end > start:
        letters = text[end - 1] in _ASCII and _ASCII_LETTERS.search(text, start, end)
        word = letters.group() if letters else _unit_word(text, start, end)
        if word is None and text[end - 1] == "/" and parts[:1] not in ([], ["/"]):
            word = "/"  # a rate: 万元/亩
        if word is None:
            break
        parts.insert(0, word)
        end -= len(word)
    if parts[:1] == ["/"]:
        raise ZonestatsError(f"cannot read the unit of {written!r}: '/' stands between two units")
    if not parts and text[start:end].endswith(grammar.MAJOR) and end - 1 > start:
        return end - 1, grammar.MAJOR
    return end, "".join(parts) or None


def _unit_word(text: str, start: int, end: int) -> str | None:
    for word in _UNITS_ENDING.get(text[end - 1], ()):
        if end - len(word) >= start and text.startswith(word, end - len(word)):
            return word
    return None


def _read_phrase(body: str, written: str, has_unit: bool) -> tuple[Decimal, bool, bool]:
    """The number of a figure, with its sign, 百分之 or 成: its value, whether some more is
    said (数十, 100多), and whether it is a percentage."""
    sign = grammar.SIGNS.get(body[:1], 0)
    at = 1 if sign else 0
    fraction = next((w for w in grammar.FRACTIONS if body.startswith(w, at)), "")
    at += len(fraction)
    number = _read_number(body, at)
    if number is None:
        raise ZonestatsError(f"no number in {written!r}")
    value, at, more = number
    percent = bool(fraction)
    if fraction:
        value = value * 100 / grammar.FRACTIONS[fraction]
    elif body.startswith(grammar.TENTHS, at) and value <= 10:
        value, at, percent = value * 10, at + 1, True
        if at < len(body) and body[at] in _DIGITS:  # 八成五 is 85 %
            value, at = value + _DIGITS[body[at]], at + 1
    rest = body[at:]
    if percent and has_unit:
        raise ZonestatsError(f"cannot read the unit of {written!r}: a share has no other unit")
    if rest.isalpha() and rest[0] not in _NUMBER_CHARACTERS:  # 1060圆元: 圆 is no unit
        word = _LEAD.search(rest) or _TRAIL_WORD.search(rest)
        why = f"the word {word.group()!r} stands in it" if word else "it is no known unit"
        raise ZonestatsError(f"cannot read the unit of {written!r}: {rest!r}; {why}")
    if rest:
        raise ZonestatsError(f"cannot read number {written!r}")
    return (-value if sign < 0 else value), more, percent


def _read_number(text: str, start: int) -> tuple[Decimal, int, bool] | None:
    """A number from text[start:]: sections below 万 joined by magnitudes, largest first. Its
    value, where it ends, and whether it says "some more" (数十, 3000余万, 1万多); None when
    there is no number there."""
    total, at, some, last = Decimal(0), start, False, Decimal(0)
    found = False
    while True:
        section = _read_section(text, at)
        value: Decimal | None = None
        after, lone = at, False
        if section is not None:
            value, after, lone, section_some = section
            some = some or section_some
        more = text[after : after + 1] in _MORE and value is not None
        big = _magnitude_at(text, after + more)
        if big is not None:
            word, multiplier = big
            if last and (value is None or multiplier >= last):
                raise ZonestatsError(f"cannot read number {text!r}: {word} out of order")
            total += (Decimal(1) if value is None else value) * multiplier
            at, last, found, some = after + more + len(word), multiplier, True, some or more
            continue
        if value is not None:
            # 两万五 is 25000: a lone digit after a magnitude counts its tenths.
            total += value * last / 10 if lone and last else value
            at, found = after, True
        if found and text[at : at + 1] in _MORE:
            at, some = at + 1, True
        return (total, at, some) if found else None


def _magnitude_at(text: str, at: int) -> tuple[str, Decimal] | None:
    if text[at : at + 1] not in _BIG_FIRST:
        return None
    for word, multiplier in _BIG:  # longest first: 万亿 before 万
        if text.startswith(word, at):
            return word, multiplier
    return None


def _read_section(text: str, start: int) -> tuple[Decimal, int, bool, bool] | None:
    """A number below 万: Arabic digits, Chinese digits, 十百千 and 点. Its value, where it
    ends, whether it is one digit alone (两万五), and whether it says "some" (数十, 十几)."""
    total, pending, kind, count, small, zero = Decimal(0), None, "", 0, 0, False
    at, some, fraction = start, False, False
    if text[at : at + 1] in grammar.SOME and (
        text[at + 1 : at + 2] in _SMALL or _magnitude_at(text, at + 1)
    ):
        pending, kind, some, at = Decimal(1), "some", True, at + 1  # 数十 is "some tens"
    while at < len(text):
        char = text[at]
        if "0" <= char <= "9" and pending is None:
            arabic = _ARABIC.match(text, at)
            assert arabic is not None
            pending, kind, count = Decimal(arabic.group()), "arabic", len(arabic.group())
            at = arabic.end()
            continue
        if char in _DIGITS and kind in ("", "chinese"):
            # 二〇二一 reads digit by digit; after 零 (三千零五) the next digit starts afresh.
            digit = _DIGITS[char]
            zero = zero or (digit == 0 and small > 0)
            pending = Decimal(digit) if not pending else pending * 10 + digit
            kind, count = "chinese", count + 1
        elif char in _SMALL:
            if small and _SMALL[char] >= small:
                raise ZonestatsError(f"cannot read number {text!r}: {char} out of order")
            total += (Decimal(1) if pending is None else pending) * _SMALL[char]
            pending, kind, count, small, zero = None, "", 0, _SMALL[char], False
        elif char == grammar.DECIMAL_POINT and kind != "some" and (pending is not None or small):
            decimals = _CHINESE_DIGITS.match(text, at + 1)
            if decimals is None:
                break
            tenths = "".join(str(_DIGITS[c]) for c in decimals.group())
            pending = (pending or Decimal(0)) + Decimal("0." + tenths)  # 十二点五 is 12.5
            at, fraction = decimals.end(), True
            break
        elif char in grammar.SOME and small and pending is None:
            some, at = True, at + 1  # 十几 is "ten and some"
            break
        else:
            break
        at += 1
    if at == start:
        return None
    lone = count == 1 and not fraction and not zero and pending is not None
    if lone and small and pending is not None:
        pending *= small // 10  # 三千五 is 3500
    return total + (pending or Decimal(0)), at, lone and not small, some


def _stronger(current: Qualifier, new: Qualifier) -> Qualifier:
    """Keep a forecast or target over a bound; otherwise the later word decides."""
    if current in (Qualifier.EXPECTED, Qualifier.TARGET):
        return current
    return new if new is not Qualifier.EXACT else current


# The magnitudes a report writes numbers with: 15000亿 rather than 1.5万亿 (nor 兆).
_MAGNITUDES = tuple(
    (Decimal(value), word)
    for word, value in grammar.MAGNITUDES.items()
    if len(word) == 1 and word == grammar.fold(word) and value < 10**12
)
_WRITTEN_BEFORE: dict[Qualifier, str] = {}
for _word, _meaning in reversed(_BEFORE.items()):  # the first word of each qualifier wins
    _WRITTEN_BEFORE[_meaning] = _word
_WRITTEN_AFTER: dict[Qualifier, str] = {}
for _word, _meaning in reversed(_AFTER.items()):
    _WRITTEN_AFTER[_meaning] = _word


def format_number(value: float) -> str:
    """A base value in Chinese form: 8000000 -> '800万', 8.2e9 -> '82亿', 3928 -> '3928'.

    A magnitude is used only where it keeps two decimals or fewer, so 110370000 reads
    '11037万' rather than '1.1037亿' and 12345 stays '12345' (beyond 亿 it is always used);
    the text always parses back to the same value.
    """
    exact = Decimal(repr(float(value)))
    for size, name in _MAGNITUDES:
        if abs(exact) >= size:
            scaled = exact / size
            if _decimals(scaled) <= 2:
                return _plain(scaled) + name
    if abs(exact) >= _MAGNITUDES[0][0]:
        return _plain(exact / _MAGNITUDES[0][0]) + _MAGNITUDES[0][1]
    return _plain(exact)


SIGNIFICANT = 12
"""Digits a number keeps in the machine formats: computing leaves noise past them (0.1 + 0.2
is 0.30000000000000004), and no report states more."""


def tidy(value: float) -> float:
    """A number rounded to SIGNIFICANT digits (integers below 10**16 stay whole)."""
    value = float(value)
    if value != value or value in (math.inf, -math.inf) or value.is_integer():
        return value
    digits = SIGNIFICANT - 1 - math.floor(math.log10(abs(value)))
    if not -22 <= digits <= 22:
        return float(f"{value:.{SIGNIFICANT}g}")
    power = 10.0 ** abs(digits)  # exact up to 10**22; the division then rounds correctly
    return round(value * power) / power if digits >= 0 else round(value / power) * power


def plain_number(value: float) -> str:
    """A number as programs read it: the shortest text that reads back the same once
    rounded to SIGNIFICANT digits, no separators, 8 rather than 8.0 (an exponent only from
    1e16 up, as Python writes floats)."""
    text = repr(tidy(value))
    return text[:-2] if text.endswith(".0") else text


def format_quantity(value: float, unit: str | None, qualifier: Qualifier = Qualifier.EXACT) -> str:
    """A base value with its unit and qualifier as a report would write it: '100多家'."""
    number = format_number(value)
    unit = unit or ""
    if qualifier is Qualifier.MORE_THAN and number.isdigit():
        return f"{number}{_WRITTEN_AFTER[qualifier]}{unit}"  # 100多家
    if qualifier in (Qualifier.AT_LEAST, Qualifier.AT_MOST):
        return f"{number}{unit}{_WRITTEN_AFTER[qualifier]}"  # 90%以上
    prefix = "" if qualifier is Qualifier.EXACT else _WRITTEN_BEFORE[qualifier]
    return f"{prefix}{number}{unit}"


def _decimals(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text[:-2] if text.endswith(".0") else text
