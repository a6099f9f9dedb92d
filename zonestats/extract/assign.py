"""Which zone each figure of a report that names several zones is about.

A figure goes to, in order:

1. the zone its list item names (Candidate.listed: 青山经开区、白水经开区分别位列第35位、第88位
   gives each rank its zone);
2. else the zone named in its clause before it, else in its sentence before it, where that is
   exactly one zone (several, without a list to pair them: unknown);
3. else the zone of the last sentence of its paragraph (a paragraph ends at a line break)
   that names one, where that sentence names exactly one (several: unknown);
4. else the report's subject, where it has one;
5. else unknown (None), which the draft writes as `zone: ?`.

Sentences end as the figure scan's do (。!?;, full-width or not, and line breaks), and are
read back at most MAX_SENTENCE characters from a figure, so that the work grows with the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from zonestats.extract.figures import MAX_SENTENCE, Candidate
from zonestats.extract.places import CUT
from zonestats.extract.zones import ZONE_WORDS, ReportZones
from zonestats.model.grammar import fold

SENTENCE_ENDS = "。!?！？;；\n"
"""What ends a sentence, as zonestats.extract.sentences reads it."""
_SENTENCE_END = re.compile(f"[{SENTENCE_ENDS}]")


def sentence_start(text: str, position: int) -> int:
    """Where the sentence holding a position starts (at most MAX_SENTENCE before it)."""
    low = max(0, position - MAX_SENTENCE)
    return max(low, max(text.rfind(mark, low, position) for mark in SENTENCE_ENDS) + 1)


def sentence_end(text: str, position: int) -> int:
    """Where the sentence holding a position ends (at most MAX_SENTENCE after it)."""
    high = min(len(text), position + MAX_SENTENCE)
    found = _SENTENCE_END.search(text, position, high)
    return found.start() if found else high


class _Mentions:
    """The zones' mentions of a report, sorted, with what the rules ask of them, each
    answered in constant time after a bisection."""

    def __init__(self, text: str, zones: ReportZones) -> None:
        self.starts = [start for start, _, _ in zones.mentions]
        self.zones = [zone for _, _, zone in zones.mentions]
        self.sentences = [sentence_start(text, start) for start in self.starts]
        nexts = [*self.starts[1:], len(text)]
        # The first line break after each mention, before the next one (-1: none).
        self.breaks = [
            text.find("\n", end, following)
            for (_, end, _), following in zip(zones.mentions, nexts, strict=True)
        ]
        # The last mention before each of another zone (-1: none).
        self.other: list[int] = []
        for index, zone in enumerate(self.zones):
            previous = index - 1
            if previous >= 0 and self.zones[previous] == zone:
                previous = self.other[previous]
            self.other.append(previous)

    def last_before(self, position: int) -> int:
        """The index of the last mention that starts before a position (-1: none)."""
        return bisect_left(self.starts, position) - 1

    def named(self, last: int, since: int) -> tuple[bool, int | None]:
        """Whether mentions from `since` up to mention `last` name a zone, and the zone:
        the one they name, None where they name several."""
        if last < 0 or self.starts[last] < since:
            return False, None
        other = self.other[last]
        return True, self.zones[last] if other < 0 or self.starts[other] < since else None

    def carried(self, last: int, since: int) -> tuple[bool, int | None]:
        """Whether the sentence of mention `last` carries a zone to the sentence starting
        at `since` (no line break stands between), and the zone: the one it names, None
        where it names several."""
        if last < 0 or 0 <= self.breaks[last] < since:
            return False, None
        return self.named(last, self.sentences[last])


def zones_of(text: str, zones: ReportZones, candidates: Sequence[Candidate]) -> list[int | None]:
    """The index of the zone each figure is about (see the module's doc); None: unknown."""
    mentions = _Mentions(text, zones)
    found: list[int | None] = []
    for candidate in candidates:
        if candidate.listed is not None:
            listed = zones.named(candidate.listed)
            if listed is not None:
                found.append(listed)
                continue
        since = sentence_start(text, candidate.start)
        last = mentions.last_before(candidate.start)
        for start in (max(since, candidate.quote_start), since):
            named, zone = mentions.named(last, start)
            if named:
                found.append(zone)
                break
        else:
            if _OTHER_ZONE.search(fold(text[since : candidate.start])):
                found.append(None)  # 市高新区实现产值80亿元: a zone, but which?
                continue
            carries, zone = mentions.carried(mentions.last_before(since), since)
            found.append(zone if carries else zones.subject)
    return found


_NOT_NAMES = "级个各类批家所些"  # 国家级开发区, 两个开发区, 各开发区: no zone named
# A zone word (or 园区) after a character that may be part of a name (化工园区, 市高新区),
# in a sentence that names no zone the report names: a zone the draft cannot tell.
_OTHER_ZONE = re.compile(
    f"[\u4e00-\u9fff](?<![{CUT}{_NOT_NAMES}])"
    f"(?:{'|'.join(sorted([*ZONE_WORDS, '园区'], key=len, reverse=True))})"
)
