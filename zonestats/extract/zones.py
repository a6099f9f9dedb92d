"""The development zones a report names, each once, and the zone the report is about.

A zone is named by a place and a zone word (荆州开发区, 青山经开区, 武汉东湖高新区), in simplified
or traditional characters (the text is read folded: zonestats.model.grammar.fold). There is
no list of places: a name is read from the text around each zone word.

- The zone words are ZONE_WORDS, each of a kind: 经济技术开发区, 经济开发区 and 经开区 are one
  kind, 高新技术产业开发区 and 高新区 another, and so on.
- Before a zone word stands a run of Chinese characters, at most MAX_RUN, ended by anything
  else (punctuation, digits, a line break) and by the zone word before it.
- The run is cut after its last character that stands in no place name (的, 在, 将, ...:
  CUT), and words that stand before a name (近日, 推动, 全国, 各, ...: LEAD_WORDS) and a
  province (湖北省, 湖北) are taken from its start, a word only where two characters remain.
- What remains is the place: two to MAX_PLACE characters; a longer one only where it ends with
  a place read elsewhere in the report. Nothing, one character, what ends with a lead word
  (实现开发区, 实力美丽开发区) or with the word of a group (国家级开发区, 各开发区, 两个开发区:
  NOT_A_PLACE_END) is no place, so no zone. A province alone is a place (天津经开区) only
  where written without 省 or 市 (湖北省开发区 is the province's zones).
- A place that ends with a shorter place of the report is that place (武汉东湖 and 东湖); a
  trailing 市, 县 or 区 is no part of it (荆州市开发区 and 荆州开发区).
- One zone per place and kind, and 开发区 is the 经开区 of its place where the report names
  one (荆州开发区 = 荆州经开区 = 荆州经济技术开发区). Its name is the form the title gives it,
  else the form the report uses most (the first of those used as often); the others are its
  aliases.

The subject (the zone the report is about) is the zone the title names (of several, the one
named most often); else the only zone named; else the zone named most often, where it is
named at least SUBJECT_MENTIONS times and at least SUBJECT_LEAD times as often as any other;
else there is none. It is never just the zone named first.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from zonestats.extract.places import (
    CUT,
    LEAD_WORDS,
    MAX_LEAD,
    NOT_A_PLACE_END,
    PROVINCE_FORMS,
    PROVINCES,
    province_at,
)
from zonestats.extract.report import ReportText
from zonestats.model import grammar
from zonestats.model.grammar import fold

ZONE_WORDS: dict[str, str] = {
    "经济技术开发区": "etdz",
    "经济开发区": "etdz",
    "经开区": "etdz",
    "高新技术产业开发区": "hitech",
    "高新技术开发区": "hitech",
    "高新技术产业园区": "hitech",
    "高新区": "hitech",
    "开发区": "zone",
    "新区": "new_area",
    "工业园区": "industrial_park",
    "产业园区": "industry_park",
    "综合保税区": "bonded",
    "保税区": "bonded",
}
"""Zone words (simplified), longest read first where several end at one place, and their
kinds. 开发区 alone is the kind of no zone in particular: it is the 经开区 of its place."""

MAX_RUN = 8
"""Characters before a zone word read for its place."""
MAX_PLACE = 4
"""The longest place read on its own (乌鲁木齐); a longer one must end with a place read
elsewhere in the report."""
SUBJECT_MENTIONS = 3
SUBJECT_LEAD = 2
"""A report whose title names no zone is about the zone it names most often where that zone
is named at least SUBJECT_MENTIONS times and SUBJECT_LEAD times as often as any other."""

_BY_LENGTH = sorted(ZONE_WORDS, key=len, reverse=True)


def _spelled(word: str) -> str:
    """A pattern of a word in every spelling, a character class for each character."""
    return "".join(
        f"[{''.join(grammar.spellings(char))}]" if len(grammar.spellings(char)) > 1 else char
        for char in word
    )


# Every zone word in any spelling, longest first; and the two characters every one of them
# ends with, searched for first (rarer in a text than the characters the words start with).
_ZONE_WORD = re.compile("|".join(_spelled(word) for word in _BY_LENGTH))
_ENDING = re.compile(
    f"[{''.join(sorted({s for w in ZONE_WORDS for s in grammar.spellings(w[-2])}))}]"
    f"{_spelled('区')}"
)
_LENGTHS = sorted({len(word) for word in ZONE_WORDS}, reverse=True)
_GENERIC = "zone"
_JOINS = "etdz"  # the kind a 开发区 of a place is, where the report names one
_TRAILING = "市县区"


@dataclass(slots=True)
class NamedZone:
    """A zone a report names: its place and kind, the forms the report writes it in (with
    how often), where, and the province written right before it, if any."""

    place: str
    kind: str
    forms: dict[str, int] = field(default_factory=dict)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    province: str | None = None
    title_form: str | None = None

    @property
    def name(self) -> str:
        if self.title_form is not None:
            return self.title_form
        most = max(self.forms.values())
        return next(form for form, count in self.forms.items() if count == most)

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(form for form in self.forms if form != self.name)

    @property
    def names(self) -> tuple[str, ...]:
        """Every form, folded (as the report's text is read)."""
        return tuple(fold(form) for form in self.forms)


@dataclass(slots=True)
class ReportZones:
    """The zones a report names, where (mentions sorted by start: start, end, zone index),
    and the index of its subject, if it has one."""

    zones: list[NamedZone]
    mentions: list[tuple[int, int, int]]
    subject: int | None
    _names: dict[str, int] | None = None  # every name and place, to its zone

    def named(self, item: str) -> int | None:
        """The zone a list item names (湖南青山经开区, 青山经开区, or its place alone: 青山),
        if one does: the longest name of a zone it ends with."""
        if self._names is None:
            self._names = {}
            for index, zone in enumerate(self.zones):
                for name in (*zone.names, zone.place):
                    self._names.setdefault(name, index)
        folded = fold(item.strip()[-_LONGEST_ITEM:])
        for at in range(len(folded) - 1):
            found = self._names.get(folded[at:])
            if found is not None:
                return found
        return None


_LONGEST_ITEM = 40  # characters of a list item read for the zone it names


@dataclass(frozen=True, slots=True)
class _Reading:
    """A zone word (word_start to end) and the place read before it (folded; empty for
    none), with the province written before that."""

    word_start: int
    end: int
    kind: str
    place: str
    province: str | None


def find_zones(report: ReportText) -> ReportZones:
    """Every zone the report names, each once, and its subject."""
    text = report.text
    readings = _readings(text)
    known = {_key(r.place) for r in readings if 2 <= len(r.place) <= MAX_PLACE}
    zones: list[NamedZone] = []
    index: dict[tuple[str, str], int] = {}
    for reading in readings:
        placed = _place(reading.place, known)
        if placed is None:
            continue
        written, key = placed
        start = reading.word_start - len(written)
        if (key, reading.kind) not in index:
            index[key, reading.kind] = len(zones)
            zones.append(NamedZone(key, reading.kind))
        zone = zones[index[key, reading.kind]]
        zone.mentions.append((start, reading.end))
        zone.province = zone.province or reading.province
    zones = _joined(zones, index)
    for zone in zones:  # each form with how often it is written, in the order first written
        for start, end in zone.mentions:
            form = text[start:end]
            zone.forms[form] = zone.forms.get(form, 0) + 1
    mentions = sorted((s, e, i) for i, zone in enumerate(zones) for s, e in zone.mentions)
    return ReportZones(zones, mentions, _subject(report, zones, mentions))


def _readings(text: str) -> list[_Reading]:
    """Each zone word of the text, with the place read from the run before it (none where
    no run stands before it)."""
    found: list[_Reading] = []
    previous_end = 0
    for ending in _ENDING.finditer(text):
        word = _word_ending(text, previous_end, ending.end())
        if word is None:
            continue
        word_start, end = word.span()
        run_start = word_start
        limit = max(previous_end, word_start - MAX_RUN)
        while run_start > limit and _ideograph(text[run_start - 1]):
            run_start -= 1
        previous_end = end
        if run_start < word_start:
            place, province = _read_run(fold(text[run_start:word_start]))
            kind = ZONE_WORDS[fold(word.group())]
            found.append(_Reading(word_start, end, kind, place, province))
    return found


def _word_ending(text: str, since: int, end: int) -> re.Match[str] | None:
    """The longest zone word that ends at `end` and starts at `since` or after."""
    for length in _LENGTHS:
        if end - length >= since:
            word = _ZONE_WORD.match(text, end - length, end)
            if word is not None and word.end() == end:
                return word
    return None


def reading_of(name: str) -> tuple[str, str] | None:
    """The place and kind of a zone's name (武汉经济技术开发区: 武汉, etdz), if it is one."""
    folded = fold(name)
    word = next((word for word in _BY_LENGTH if folded.endswith(word)), None)
    if word is None:
        return None
    place, _ = _read_run(folded[: -len(word)])
    return (_key(place), ZONE_WORDS[word]) if place else None


def _ideograph(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


@lru_cache(maxsize=4096)
def _read_run(run: str) -> tuple[str, str | None]:
    """The place a (folded) run before a zone word ends with, or "", and the province
    written before it: the run cut after its last CUT character, lead words and a province
    taken from its start."""
    rest = run[max(map(run.rfind, CUT)) + 1 :]
    province = None
    while True:
        lead = next(
            (
                size
                for size in range(min(MAX_LEAD, len(rest) - 2), 0, -1)
                if rest[:size] in LEAD_WORDS
            ),
            0,
        )
        if lead:
            rest = rest[lead:]
            continue
        form = province_at(rest)
        if form is None or len(form) == len(rest):
            break
        province, rest = PROVINCE_FORMS[form], rest[len(form) :]
    if rest in PROVINCE_FORMS:  # a province alone: a place where written without 省 or 市
        return (rest, rest) if rest in PROVINCES else ("", None)
    if len(rest) < 2 or rest[-1] in NOT_A_PLACE_END or _ends_with_lead(rest):
        return "", None
    return rest, province


def _ends_with_lead(rest: str) -> bool:
    """Whether a run ends with a lead word of two characters or more (实现, 实力美丽)."""
    return any(rest[-size:] in LEAD_WORDS for size in range(2, min(MAX_LEAD, len(rest)) + 1))


def _key(place: str) -> str:
    """A place without a trailing 市, 县 or 区 (荆州市 is 荆州)."""
    return place[:-1] if len(place) > 2 and place[-1] in _TRAILING else place


def _place(place: str, known: set[str]) -> tuple[str, str] | None:
    """The place as the name writes it and its key: the shortest place read elsewhere that
    it ends with (武汉东湖 is 东湖), else itself; a place longer than MAX_PLACE only as the
    place it ends with. None for no place."""
    if not place:
        return None
    key = _key(place)
    for size in range(2, len(key)):
        if key[-size:] in known:
            written = place if len(place) <= MAX_PLACE else place[-(size + len(place) - len(key)) :]
            return written, key[-size:]
    return (place, key) if len(place) <= MAX_PLACE else None


def _joined(zones: list[NamedZone], index: dict[tuple[str, str], int]) -> list[NamedZone]:
    """The zones with each 开发区 of a place joined to the 经开区 of that place, where the
    report names one; in the order the report first names them."""
    kept: list[NamedZone] = []
    for zone in zones:
        target = index.get((zone.place, _JOINS)) if zone.kind == _GENERIC else None
        if target is None:
            kept.append(zone)
            continue
        into = zones[target]
        into.mentions = sorted(into.mentions + zone.mentions)
        into.province = into.province or zone.province
    return sorted(kept, key=lambda zone: zone.mentions[0])


_VISIBLE = re.compile(r"\S")


def _subject(
    report: ReportText, zones: list[NamedZone], mentions: list[tuple[int, int, int]]
) -> int | None:
    """The zone the report is about (see the module's doc), or None; the zone the title
    names gets its name from the title."""
    first = _VISIBLE.search(report.text) if report.title else None
    title_start = first.start() if first else 0
    title_end = title_start + len(report.title)
    in_title: dict[int, str] = {}
    for start, end, index in mentions[: bisect_left(mentions, (title_end,))]:
        if start >= title_start and end <= title_end:
            in_title.setdefault(index, report.text[start:end])
    counts = [len(zone.mentions) for zone in zones]
    if in_title:
        subject = max(in_title, key=lambda index: counts[index])  # the first of equals
        zones[subject].title_form = in_title[subject]
        return subject
    if len(zones) < 2:
        return 0 if zones else None
    ranked = sorted(range(len(zones)), key=lambda index: -counts[index])
    top, second = counts[ranked[0]], counts[ranked[1]]
    return ranked[0] if top >= SUBJECT_MENTIONS and top >= SUBJECT_LEAD * second else None
