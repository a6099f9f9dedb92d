"""What in a report's text is no figure, masked before figures are looked for: runs of
numerals longer than any figure (skipped, and reported once), dates, times, telephone and
registration numbers, e-mail addresses, URLs, list ordinals, names in quotation marks, and the
time expressions (kept apart, to give figures their periods).

A mask keeps the text's length (offsets stay true) and its quotation marks and line breaks.
No pattern reaches across a line end, so a text may be masked a block of lines at a time.
Each pattern reads each character a bounded number of times: it starts with a character or a
class (so that the search skips to where a match may start), a look-behind after its first
character keeps it to where a run starts, and what repeats without bound is possessive.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from zonestats.extract.times import TIME, TIME_START, TimeExpr, read_time
from zonestats.model import grammar

MASK = "\u25a1"  # □: not a digit, not a numeral, not punctuation

MAX_RUN = 40
"""The longest run of numeral characters read as (part of) a figure. The longest figures a
report writes, 1,234,567,890.12亿元 or 一千二百三十四万五千六百七十八, are about twenty; a
longer run (a hash, a table flattened into one line, a key held down) is no figure: it is
skipped, and reported once."""

# ---- runs longer than any figure ------------------------------------------------------------

_CONNECTORS = ".,+-"
_RUN_CHARACTERS = "".join(
    sorted(
        {
            *(s for w in (*grammar.DIGITS, *grammar.SMALL_UNITS) for s in grammar.spellings(w)),
            *(c for w in grammar.MAGNITUDES for c in w),
            *(s for w in grammar.SOME for s in grammar.spellings(w)),
            *(s for w, q in grammar.AFTER_WORDS if len(w) == 1 for s in grammar.spellings(w)),
            *grammar.spellings(grammar.DECIMAL_POINT),
            "第",
        }
    )
)
_RUN_CLASS = rf"\d{re.escape(_RUN_CHARACTERS)}{re.escape(_CONNECTORS)}"
_RUN = re.compile(rf"[{_RUN_CLASS}](?<![{_RUN_CLASS}].)[{_RUN_CLASS}]{{{MAX_RUN},}}+")
RUN_CHARACTER = re.compile(rf"[{_RUN_CLASS}]")
"""A character of a number: a digit, a numeral, a magnitude, 多, 余, 第, a sign or a point."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A run of numeral characters longer than any figure: skipped, not read."""

    start: int
    end: int
    line: int
    preview: str  # its first characters

    @property
    def length(self) -> int:
        return self.end - self.start

    def describe(self) -> str:
        more = "…" if self.length > len(self.preview) else ""
        return (
            f"line {self.line}: {self.length:,} characters of numerals in a row "
            f"('{self.preview}{more}', from character {self.start:,}) are longer than any "
            f"figure (at most {MAX_RUN}); skipped"
        )


# ---- what is not a figure -------------------------------------------------------------------

# A magnitude in quotation marks is a figure, not a name: 突破“千亿”, “百亿级”.
_QUOTED_FIGURE = (
    r"[数數几幾]?[\d.零〇一二两兩三四五六七八九十百千]{1,8}"
    r"(?:万亿|萬億|亿|億|万|萬|兆)[^“”\"\n]{0,3}"
)

_NOT_FIGURES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern), needles)  # needles: a block holding none is left alone
    for pattern, needles in (
        (r"(?:https?://|www\.)[^\s\u3000-\u9fff\uff00-\uffef]++", ("http", "www.")),
        (r"[\w.+-](?<![\w.+-].)[\w.+-]*+@[\w-]++(?:\.[\w-]++)++", ("@",)),
        (
            r"(?:ICP备|ICP证|公网安备|网安备|备案号)(?:[^\S\n]|:)*+"
            r"(?=[\w-]{0,40}?\d)[\w-]{1,40}+",
            ("ICP", "备"),
        ),
        (
            r"(?:电话|热线|传真|手机|联系方式|Tel|TEL|tel)(?:[^\S\n]|[:：])*+[\d()（）\- ]{6,}+",
            ("电话", "热线", "传真", "手机", "联系方式", "Tel", "TEL", "tel"),
        ),
        (r"(?:0(?<!\d.)\d{2,3}-\d{7,8}|1(?<!\d.)[3-9]\d{9})(?!\d)", ()),
        (r"\d(?<![\d.].)\d{10,}+(?![\d.])", ()),  # long ids: registration, account numbers
        (r"\d(?<!\d.)\d{3}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)", ()),
        (r"\d(?<!\d.)\d?:\d{2}(?::\d{2})?(?!\d)", (":",)),
        # Names and slogans in quotation marks (“1+36”, ‘两个改革’); speech has punctuation.
        (
            rf"“(?!{_QUOTED_FIGURE}”)[^“”\n,，。!?！？]{{1,24}}”"
            r"|‘[^‘’\n,，。!?！？]{1,24}’|「[^「」\n,，。]{1,24}」",
            ("“", "‘", "「"),
        ),
        (rf"《[^《》\n]{{1,40}}》|\"(?!{_QUOTED_FIGURE}\")[^\"\n,，。]{{1,24}}\"", ("《", '"')),
        (  # list ordinals at the start of a line: 一、 1. (一) （一）
            r"(?m)^[ \t\u3000]*+"
            r"(?:[一二三四五六七八九十]++、|\d{1,2}[、.．](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）])",
            (),
        ),
        (
            r"第[一二三四五六七八九十百\d]{1,40}+(?![\d一二三四五六七八九十百千万亿]{0,40}+[位名季])",
            ("第",),
        ),
        (r"十[一二三四五]五", ("十",)),  # plan names: 十四五
    )
)
_KEEP = re.compile(r"[^\n“”‘’《》「」\"]")  # quotation marks stay, so clauses keep their shape


def _blank(match: re.Match[str]) -> str:
    return _KEEP.sub(MASK, match.group(0))


def mask(block: str, skipped: Callable[[int, int, str], None]) -> str:
    """A block of whole lines with what is no figure masked; `skipped(start, end, run)` is
    told of each run of numerals longer than any figure (offsets in the block)."""

    def skip(match: re.Match[str]) -> str:
        run = match.group(0)
        if run.strip(_CONNECTORS):  # a rule of dashes or dots is no figure, and no news
            skipped(match.start(), match.end(), run)
        return MASK * len(run)

    block = _RUN.sub(skip, block)
    for pattern, needles in _NOT_FIGURES:
        if not needles or any(needle in block for needle in needles):
            block = pattern.sub(_blank, block)
    return block


_BASE = re.compile(r"(?:比|较|相比|对比)\Z")


def mask_times(masked: str) -> tuple[str, list[TimeExpr]]:
    """The block with its time expressions masked, and those times."""
    times: list[TimeExpr] = []
    pieces: list[str] = []
    at = 0
    for match in matches(TIME, TIME_START, masked, 0, len(masked)):
        time = read_time(match)
        if time is None:
            continue
        if _BASE.search(masked, max(0, match.start() - 2), match.start()):
            time = replace(time, base=True)  # 比2015年: the base of a comparison
        times.append(time)
        pieces += (masked[at : match.start()], _blank(match))
        at = match.end()
    if not pieces:
        return masked, times
    pieces.append(masked[at:])
    return "".join(pieces), times


def matches(
    pattern: re.Pattern[str], start: re.Pattern[str], text: str, pos: int, endpos: int
) -> Iterator[re.Match[str]]:
    """What pattern.finditer(text, pos, endpos) gives, for a pattern that can only start
    where `start` matches (and never matches empty): tried only there, which a search for
    `start` skips to faster than the pattern could."""
    search, match = start.search, pattern.match
    while found := search(text, pos, endpos):
        at = found.start()
        if result := match(text, at, endpos):
            yield result
            pos = result.end()
        else:
            pos = at + 1
