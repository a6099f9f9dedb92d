"""A clause of a report and what its figures share: the quote, the name and category the
draft suggests, and whether an aim or a forecast stands before a figure. Each is worked out
once a clause, so that a clause of many figures costs what its text does."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zonestats.extract.patterns import LIST_WORD, fold_text, guarded
from zonestats.model import grammar
from zonestats.model.quantity import Quantity

MAX_QUOTE = 120
"""Quotes longer than this are cut to a window around the figure."""

_NAME_SOURCE = 200
"""Characters of a clause a figure's name is made from (the name keeps 40)."""

_SUGGESTIONS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(words), category, stem)
    for words, category, stem in (
        ("贫困|脱贫", "poverty", "poverty_lifted"),
        ("生产总值|GDP", "economy", "gdp"),
        ("税收|财政收入|公共预算收入", "economy", "revenue"),
        ("进出口|出口额|外贸", "economy", "trade"),
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
_ANY_SUGGESTION = re.compile("|".join(words.pattern for words, _, _ in _SUGGESTIONS))
_QUOTE_LEAD = re.compile(r"[ \t\u3000“”\"]*+")
_NAME_EDGES = " \t\u3000“”\"'、,，。"
_FILLER = re.compile(r"^(?:其中|目前|截至目前|如今|今年|去年|全区|共)")


AIM = re.compile(guarded(grammar.AIM_WORDS))
FORECAST = re.compile(guarded(grammar.FORECAST_WORDS))
AIM_OR_FORECAST = re.compile(guarded((*grammar.AIM_WORDS, *grammar.FORECAST_WORDS)))
_WIDTHS = {
    AIM: max(len(s) for w in grammar.AIM_WORDS for s in grammar.spellings(w)),
    FORECAST: max(len(s) for w in grammar.FORECAST_WORDS for s in grammar.spellings(w)),
}


class _Before:
    """Whether a word of a pattern stands in a clause before a position. Asked for positions
    of one clause in increasing order, it reads each character a bounded number of times."""

    __slots__ = ("pattern", "checked", "seen")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.checked, self.seen = pattern, -1, False

    def before(self, masked: str, clause_start: int, position: int) -> bool:
        if not self.seen and position > self.checked:
            # A word not seen yet ends after `checked`, so it starts after checked - width.
            origin = clause_start
            if self.checked >= 0:
                origin = max(clause_start, self.checked - _WIDTHS[self.pattern] + 1)
            self.seen = self.pattern.search(masked, origin, position) is not None
            self.checked = position
        return self.seen


@dataclass(slots=True)
class Clause:
    """A clause of a sentence, offsets in its block, and the spans of its figures."""

    start: int
    end: int
    figures: list[tuple[int, int]] = field(default_factory=list)
    _aim: _Before | None = None
    _forecast: _Before | None = None
    _suggestion: tuple[str, str] | None = None
    _name: str | None = None
    _edges: tuple[int, int] | None = None

    def aim_before(self, masked: str, position: int) -> bool:
        """Whether an aim (力争, 目标) stands in the clause before the position."""
        if self._aim is None:
            self._aim = _Before(AIM)
        return self._aim.before(masked, self.start, position)

    def forecast_before(self, masked: str, position: int) -> bool:
        """Whether a forecast (预计, 将, 计划) stands in the clause before the position."""
        if self._forecast is None:
            self._forecast = _Before(FORECAST)
        return self._forecast.before(masked, self.start, position)

    def quote(self, text: str, offset: int, start: int, end: int) -> tuple[int, str]:
        """The clause holding a figure (at text[start:end]), trimmed of spaces, cut to a
        window if it is long; where it starts in the text, and its text."""
        if self._edges is None:
            self._edges = _edges(text, offset + self.start, offset + self.end)
        first, last = self._edges
        c_start, c_end = min(first, start), max(last, end)
        if c_end - c_start > MAX_QUOTE:
            half = (MAX_QUOTE - (end - start)) // 2
            c_start = max(c_start, start - half)
            c_end = min(c_end, c_start + MAX_QUOTE)
        return c_start, text[c_start:c_end]

    def suggest(self, text: str, offset: int, quantity: Quantity) -> tuple[str, str]:
        """A category and an id's stem for a figure of the clause."""
        if quantity.unit == "位":
            return "ranking", "rank"
        if self._suggestion is None:
            self._suggestion = ("other", "figure")
            words_of = fold_text(text[offset + self.start : offset + self.end])
            if _ANY_SUGGESTION.search(words_of):
                for words, category, stem in _SUGGESTIONS:
                    if words.search(words_of):
                        self._suggestion = (category, stem)
                        break
        return self._suggestion

    def name(self, text: str, offset: int) -> str:
        """A name for the clause's figures: its first _NAME_SOURCE characters without the
        figures in them and leading filler words."""
        if self._name is None:
            start = offset + self.start
            end = min(offset + self.end, start + _NAME_SOURCE)
            limit = self.start + _NAME_SOURCE
            figures = [text[offset + a : offset + b] for a, b in self.figures if a < limit]
            if not figures:
                a, b = self.figures[0]
                figures = [text[offset + a : offset + b]]
            self._name = _name(text[start:end], figures)
        return self._name


def _edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Where a clause's text starts after leading spaces and quotation marks, and ends before
    trailing spaces."""
    found = _QUOTE_LEAD.match(text, start, end)
    first = found.end() if found else start
    last = end
    while last > first and text[last - 1] in " \t\u3000":
        last -= 1
    return first, last


_SPAN = re.compile(r"[从從由][^\x00]{0,12}\x00.*", re.DOTALL)  # 从50家增加到125家
_LISTED = re.compile(f"(?:(?:{LIST_WORD})?\x00)+")
_EACH = re.compile(r"分[别別](?:[为為]|是|[达達]到|[达達]|[从從])?$")


def _name(clause: str, figures: list[str]) -> str:
    """A name for a figure: its clause without the figures in it (and the marks of a list of
    them: 分别为120亿元、150亿元和180亿元), and leading filler words."""
    for figure in figures:
        clause = clause.replace(figure, "\x00")
    clause = _EACH.sub("", _LISTED.sub("", _SPAN.sub("", clause)).strip())
    name = _FILLER.sub("", clause.strip(), count=1)
    name = name.strip(_NAME_EDGES)
    return name[:40] or (figures[0] if figures else "figure")
