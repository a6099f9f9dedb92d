"""Growth claims in a report's text (年均增长24%, 增长20%, 翻一番, 增长3倍, 提高2个百分点),
each linked to the series it speaks of and judged.

The series are extract's: the candidates that share a series number (从A到B, a 分别 list),
one figure a period, in text order. A claim speaks of the series in its own sentence (the
nearest before it, else the first after it); where its sentence holds figures but no series,
of the nearest of those (one value, which cannot be checked); else of the nearest series
before it in its paragraph (a paragraph ends at a line break), when the claim's clause names
nothing that grows or names what the series is of (工业产值年均增长20% after 园区工业产值分别
为…; not 园区税收增长100% after 园区企业从50家增加到100家). The claim's own figure (the
24% of 年均增长24%) is a candidate of extract too, and never a value of a series.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from zonestats.analysis.claims import CheckedClaim, Point, judge
from zonestats.extract.clauses import AIM, FORECAST
from zonestats.extract.figures import Candidate
from zonestats.extract.report import ReportText
from zonestats.model.claims import StatedClaim, find_claims
from zonestats.model.fields import MAX_QUOTE
from zonestats.model.grammar import fold
from zonestats.model.quantity import Qualifier

_SENTENCE_END = re.compile(r"[。!?！？;；\n]")
_CLAUSE_MARK = re.compile(r"[,，:：]")
_REACH = 2000
"""The most characters of a sentence read before a claim (a longer one is cut there)."""


@dataclass(frozen=True, slots=True)
class _Group:
    """Figures that go together: a series (several) or a figure alone."""

    start: int
    end: int
    members: tuple[Candidate, ...]


class _Groups:
    """Groups in text order, to find the nearest one before or after a place."""

    def __init__(self, groups: list[_Group]) -> None:
        self.groups = groups
        self.starts = [g.start for g in groups]

    def before(self, low: int, at: int) -> _Group | None:
        """The group ending last at or before `at` that starts at or after `low`."""
        index = bisect_left(self.starts, at) - 1
        best: _Group | None = None
        while index >= 0 and self.groups[index].start >= low:
            group = self.groups[index]
            if group.end <= at and (best is None or group.end > best.end):
                best = group
            index -= 1
        return best

    def after(self, at: int, high: int) -> _Group | None:
        """The first group starting at or after `at` and ending by `high`."""
        index = bisect_left(self.starts, at)
        if index < len(self.groups) and self.groups[index].end <= high:
            return self.groups[index]
        return None


def check_report(report: ReportText, candidates: Sequence[Candidate]) -> list[CheckedClaim]:
    """Every growth claim of a report, linked to its series and judged."""
    text = report.text
    found = list(find_claims(text))
    if not found:
        return []
    series, alone = _groups(candidates, [(start, end) for start, end, _ in found])
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    checked = []
    line, counted = 1, 0
    for start, end, claim in found:
        line += text.count("\n", counted, start)
        counted = start
        sentence = _sentence(text, ends, start, end)
        group = _link(text, start, end, sentence, series, alone)
        members = group.members if group else ()
        points = tuple(
            Point(c.period, c.value, c.unit, c.qualifier.value, c.written) for c in members
        )
        claim = _in_context(text, sentence[0], start, claim)
        first = members[0] if members else None
        checked.append(
            CheckedClaim(
                _quote(text, sentence, start, end), claim,
                first.id if first else None, first.name if first else None, None, None,
                points, judge(claim, points), report.path, line,
            )
        )  # fmt: skip
    return checked


def _groups(
    candidates: Sequence[Candidate], claims: list[tuple[int, int]]
) -> tuple[_Groups, _Groups]:
    """The series and the figures alone, leaving out the claims' own figures."""
    starts = [start for start, _ in claims]
    numbered: dict[int, list[Candidate]] = {}
    alone: list[_Group] = []
    for candidate in candidates:
        index = bisect_left(starts, candidate.start + 1) - 1
        if index >= 0 and candidate.end <= claims[index][1]:
            continue  # the figure of a claim
        if candidate.series is None:
            alone.append(_Group(candidate.start, candidate.end, (candidate,)))
        else:
            numbered.setdefault(candidate.series, []).append(candidate)
    series = [_Group(m[0].start, m[-1].end, tuple(m)) for m in numbered.values()]
    alone += [g for g in series if len(g.members) == 1]
    series = [g for g in series if len(g.members) > 1]
    return _Groups(sorted(series, key=lambda g: g.start)), _Groups(
        sorted(alone, key=lambda g: g.start)
    )


def _sentence(text: str, ends: list[int], start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding text[start:end] starts and ends, given where every
    sentence of the text ends (a sentence is read back at most _REACH characters)."""
    index = bisect_left(ends, start)
    first = ends[index - 1] + 1 if index else 0
    after = bisect_left(ends, end)
    return max(first, start - _REACH), ends[after] if after < len(ends) else len(text)


def _link(
    text: str, start: int, end: int, sentence: tuple[int, int], series: _Groups, alone: _Groups
) -> _Group | None:
    """The series a claim speaks of (see the module's description), or None."""
    low, high = sentence
    found = series.before(low, start) or series.after(end, high)
    if found is None:
        found = alone.before(low, start) or alone.after(end, high)
    if found is None:
        paragraph = text.rfind("\n", 0, start) + 1
        found = series.before(paragraph, start)
        if found is not None and not _about(_subject(text, low, start), found.members[0].name):
            return None  # 园区税收增长100% is not about the 企业 of the sentence before
    return found


_LEAD = re.compile(r"^(?:其中|同时|此外|另外|全年|全区|园区|全市|全县|全省|实现|共计|共|分别|的)+")
_TAIL = re.compile(r"(?:年均|年平均|平均|同比|比上年|较上年|累计|分别)+$")


def _subject(text: str, sentence: int, start: int) -> str:
    """What a claim's clause says grows, before the claim (园区税收 of 园区税收增长100%),
    without the words that lead or link it; "" where it says nothing of its own (，年均
    增长20%)."""
    marks = [m.end() for m in _CLAUSE_MARK.finditer(text, sentence, start)]
    clause = fold(text[marks[-1] if marks else sentence : start]).strip(" \t\u3000")
    return _TAIL.sub("", _LEAD.sub("", clause))


def _about(subject: str, name: str) -> bool:
    """Whether a claim's subject speaks of a series of this name: it has none of its own,
    or one holds the other (工业产值 and 园区工业产值)."""
    core = _LEAD.sub("", fold(name))
    return not subject or (bool(core) and (subject in core or core in subject))


def _in_context(text: str, sentence: int, start: int, claim: StatedClaim) -> StatedClaim:
    """A claim after an aim (力争, 目标) or a forecast (预计, 计划) in its sentence is one
    (力争到2025年,园区产值年均增长20%)."""
    if AIM.search(text, sentence, start):
        return replace(claim, qualifier=Qualifier.TARGET)
    if FORECAST.search(text, sentence, start):
        return replace(claim, qualifier=Qualifier.EXPECTED)
    return claim


def _quote(text: str, sentence: tuple[int, int], start: int, end: int) -> str:
    """The sentence of a claim, trimmed, cut to a window around the claim if it is long."""
    first, last = sentence
    quote = text[first:last].strip()
    if len(quote) <= MAX_QUOTE:
        return quote
    half = max(0, (MAX_QUOTE - (end - start)) // 2)
    first = max(first, start - half)
    return text[first : min(last, first + MAX_QUOTE)].strip()
