"""Parse Chinese quantities ("800万台", "100多家", "第126位") and format base values back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from zonestats.errors import ZonestatsError


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

# Words before a number, longest first so that 有望突破 is not read as 有望 + 突破 twice.
# A forecast word outranks a bound: 有望突破300亿元 is an expectation, not a fact.
_PREFIXES: tuple[tuple[str, Qualifier], ...] = (
    ("有望突破", Qualifier.EXPECTED),
    ("有望达到", Qualifier.EXPECTED),
    ("预计突破", Qualifier.EXPECTED),
    ("预计达到", Qualifier.EXPECTED),
    ("力争突破", Qualifier.TARGET),
    ("力争达到", Qualifier.TARGET),
    ("有望", Qualifier.EXPECTED),
    ("预计", Qualifier.EXPECTED),
    ("预期", Qualifier.EXPECTED),
    ("力争", Qualifier.TARGET),
    ("迈向", Qualifier.TARGET),
    ("竞", Qualifier.TARGET),
    ("不少于", Qualifier.AT_LEAST),
    ("不低于", Qualifier.AT_LEAST),
    ("至少", Qualifier.AT_LEAST),
    ("超过", Qualifier.MORE_THAN),
    ("突破", Qualifier.MORE_THAN),
    ("逾", Qualifier.MORE_THAN),
    ("破", Qualifier.MORE_THAN),
    ("不到", Qualifier.LESS_THAN),
    ("不足", Qualifier.LESS_THAN),
    ("大约", Qualifier.APPROX),
    ("约", Qualifier.APPROX),
    ("近", Qualifier.APPROX),
)
_SUFFIXES: tuple[tuple[str, Qualifier], ...] = (
    ("以上", Qualifier.AT_LEAST),
    ("之多", Qualifier.EXACT),
    ("以下", Qualifier.AT_MOST),
    ("以内", Qualifier.AT_MOST),
    ("左右", Qualifier.APPROX),
    ("上下", Qualifier.APPROX),
)
# Words that mark a figure without changing it (达 "reached", 共 "in all", 第 a rank).
_NEUTRAL_PREFIXES = ("达到", "达", "共", "总计", "合计", "第")

_PREFIX_MEANING = dict(_PREFIXES)
# A qualifier word, then a neutral one (有望达到, 第); the longest alternative is tried first.
_LEAD = re.compile(
    "(" + "|".join(word for word, _ in _PREFIXES) + ")?(?:" + "|".join(_NEUTRAL_PREFIXES) + ")?"
)

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = (("万亿", 10**12), ("亿", 10**8), ("万", 10**4))
_MORE = ("多", "余")

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．，％－＋", "0123456789.,%-+"
)  # fmt: skip
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
_NUMERAL = "0-9.零〇一二两三四五六七八九十百千万亿"
_CORE = re.compile(rf"^([-+负]?)(数?[{_NUMERAL}]+)")
_SPACES = re.compile(r"(?<!\d)\s+|\s+(?!\d)")  # "800 万台" is 800万台; "5 6" stays two numbers
_UNIT = re.compile(r"^[^\s0-9.]*$")
# After a magnitude, 多/余 may also stand between the number and the magnitude: 3000余万元.
_MAGNITUDE_AFTER_MORE = re.compile(r"^(万亿|亿|万|千|百|十)")


# Digits, an optional 万/亿, and a unit free of numerals and qualifier words.
_SIMPLE = re.compile(
    r"^(\d{1,18}(?:\.\d{1,18})?)(万亿|亿|万)?([^\s\d.,零〇一二两三四五六七八九十百千万亿多余以上下左右之大%%]{1,4}|%|个百分点)?$"
)
_MAGNITUDE_VALUES = {"万亿": Decimal(10**12), "亿": Decimal(10**8), "万": Decimal(10**4)}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure read from text: its value in base units, the counted unit and the qualifier."""

    value: float
    unit: str | None
    qualifier: Qualifier
    written: str


def normalise(text: str) -> str:
    """Fold full-width digits and signs; drop thousands separators and spaces around words."""
    text = _SPACES.sub("", text.translate(_FULLWIDTH))
    return _THOUSANDS.sub("", text)


def parse_number(text: str) -> Decimal:
    """Read a number written with Arabic digits, Chinese numerals, magnitudes, or a mix.

    >>> parse_number("一千一百一十"), parse_number("百亿"), parse_number("1.5万")
    (Decimal('1110'), Decimal('10000000000'), Decimal('15000.0'))
    """
    text = normalise(text)
    if not text:
        raise ZonestatsError("no number")
    for unit, multiplier in _BIG_UNITS:
        head, sep, tail = text.partition(unit)
        if sep:
            high = _parse_section(head) if head else Decimal(1)
            low = parse_number(tail) if tail else Decimal(0)
            return high * multiplier + low
    return _parse_section(text)


def _parse_section(text: str) -> Decimal:
    """A number below 万: Arabic digits, Chinese digits, and 十/百/千."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    total = Decimal(0)
    pending: Decimal | None = None
    for token in re.findall(r"\d+(?:\.\d+)?|.", text):
        if token[0] in "0123456789":
            if pending is not None:
                raise ZonestatsError(f"cannot read number {text!r}")
            pending = Decimal(token)
        elif token in _DIGITS:
            # 二〇二一 reads digit by digit; after 零 (三千零五) the next digit starts afresh.
            pending = Decimal(_DIGITS[token]) if not pending else pending * 10 + _DIGITS[token]
        elif token in _SMALL_UNITS:
            total += (pending if pending is not None else Decimal(1)) * _SMALL_UNITS[token]
            pending = None
        else:
            raise ZonestatsError(f"cannot read number {text!r}")
    return total + (pending or Decimal(0))


@lru_cache(maxsize=65536)
def parse_quantity(text: str) -> Quantity:
    """Read a figure as a report writes it.

    >>> parse_quantity("800万台")
    Quantity(value=8000000.0, unit='台', qualifier=<Qualifier.EXACT: 'exact'>, written='800万台')
    """
    simple = _SIMPLE.match(text)
    if simple:  # the common case, 800万台 or 41个: no words around the number
        number, magnitude, unit = simple.groups()
        value = Decimal(number) * _MAGNITUDE_VALUES[magnitude] if magnitude else Decimal(number)
        return Quantity(float(value), unit or None, Qualifier.EXACT, text)
    written = text
    rest = normalise(text)
    qualifier = Qualifier.EXACT
    lead = _LEAD.match(rest)
    assert lead is not None  # every part of _LEAD is optional
    if lead.group(1):
        qualifier = _PREFIX_MEANING[lead.group(1)]
    rest = rest[lead.end() :]
    match = _CORE.match(rest)
    if not match:
        raise ZonestatsError(f"no number in {written!r}")
    sign, core = match.groups()
    rest = rest[match.end() :]
    if core.startswith("数"):
        # 数十场 "some tens": more than ten is all the text commits to.
        core = core[1:]
        qualifier = _stronger(qualifier, Qualifier.MORE_THAN)
    magnitude = ""
    if rest[:1] in _MORE:
        rest = rest[1:]
        qualifier = _stronger(qualifier, Qualifier.MORE_THAN)
        after = _MAGNITUDE_AFTER_MORE.match(rest)
        if after:
            magnitude, rest = after.group(1), rest[after.end() :]
    if not core or core == ".":
        raise ZonestatsError(f"no number in {written!r}")
    value = parse_number(core + magnitude)
    if sign in ("-", "负"):
        value = -value
    for word, meaning in _SUFFIXES:
        if rest.endswith(word):
            rest = rest[: -len(word)]
            qualifier = _stronger(qualifier, meaning)
            break
    if rest.endswith(_MORE):
        rest = rest[:-1]
        qualifier = _stronger(qualifier, Qualifier.MORE_THAN)
    unit = _read_unit(rest, written)
    return Quantity(float(value), unit, qualifier, written)


def _read_unit(rest: str, written: str) -> str | None:
    if rest in ("", "大"):
        # 五大产业: 大 ("major") is no unit; the indicator says what is counted.
        return None
    if rest == "%" or rest == "个百分点":
        return rest
    if not _UNIT.match(rest) or len(rest) > 6:
        raise ZonestatsError(f"cannot read the unit of {written!r}")
    return rest


def _stronger(current: Qualifier, new: Qualifier) -> Qualifier:
    """Keep a forecast or target over a bound; otherwise the later word decides."""
    if current in (Qualifier.EXPECTED, Qualifier.TARGET):
        return current
    return new if new is not Qualifier.EXACT else current


_MAGNITUDES = ((Decimal(10**8), "亿"), (Decimal(10**4), "万"))


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


def plain_number(value: float) -> str:
    """A number as programs read it: the shortest text that reads back the same, no
    separators, 8 rather than 8.0 (an exponent only from 1e16 up, as Python writes floats)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def format_quantity(value: float, unit: str | None, qualifier: Qualifier = Qualifier.EXACT) -> str:
    """A base value with its unit and qualifier as a report would write it: '100多家'."""
    number = format_number(value)
    unit = unit or ""
    if qualifier is Qualifier.MORE_THAN and number.isdigit():
        return f"{number}多{unit}"
    prefix = {
        Qualifier.MORE_THAN: "超过",
        Qualifier.LESS_THAN: "不到",
        Qualifier.APPROX: "约",
        Qualifier.EXPECTED: "预计",
        Qualifier.TARGET: "力争",
    }.get(qualifier, "")
    suffix = {Qualifier.AT_LEAST: "以上", Qualifier.AT_MOST: "以下"}.get(qualifier, "")
    return f"{prefix}{number}{unit}{suffix}"


def _decimals(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text[:-2] if text.endswith(".0") else text
