"""Series in a sentence: figures the text gives for several periods or items at once.

- a list after a range of years or a list of periods: 2016年至2018年,产值分别为120亿元、
  150亿元和180亿元 gives one figure for each year, in order;
- a list after 分别 that follows a list of names: 产值和税收分别增长12%和15%, 甲经开区、
  乙经开区分别位列第3位和第9位 pairs each figure with its name (`listed`);
- parallel before/after lists: 企业和产值分别从50家、20亿元增加到80家、35亿元 pairs the
  i-th start with the i-th end.

When the numbers of values and of periods (or names) differ the figures are left as they are
and the sentence is noted: a series is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from zonestats.extract.patterns import LIST_WORD, LIST_WORDS, fold_text
from zonestats.extract.periods import SentenceTimes
from zonestats.extract.reading import LEADS, PAIR_LINK, Found
from zonestats.extract.times import TimeExpr
from zonestats.extract.zones import ZONE_WORDS

_LIST_GAP = re.compile(f"[ \t\u3000]*+(?:{LIST_WORD})[ \t\u3000]*+\\Z")
_EACH = "分别"
_ZONE_WORDS = "|".join(sorted(ZONE_WORDS, key=len, reverse=True))
_ZONE = re.compile(f"(?:{_ZONE_WORDS})$")
_ZONE_LEAD = re.compile(f"(.{{1,12}}?(?:{_ZONE_WORDS}))的?(.+)")  # 白鹭高新区的产值
_NAME_SPLIT = re.compile(LIST_WORD)
_NAME_EDGES = " \t\u3000“”\"'"
_NAME_LEAD = re.compile(r"^(?:其中|全区|园区|全市|全省|今年|去年)?")


@dataclass(frozen=True, slots=True)
class Member:
    """What a series says of one of its figures."""

    series: int  # the series' number within the sentence
    time: TimeExpr | None = None  # the time of a list of periods it stands for
    year: str | None = None  # its year in a range of years
    listed: str | None = None  # the name of a list of names it stands for
    role: str | None = None  # "from" or "to" in parallel before/after lists
    lead: int = 0  # where the 从 of parallel lists stands
    previous_end: int = 0  # where the list of starts ends, for an end
    note: str | None = None  # how its period was inferred
    shares: int | None = None  # figures of one list of zones share an id, not a series
    topic: str | None = None  # what a list of zones is of (青溪经开区与白鹭高新区的产值: 产值)


@dataclass(frozen=True, slots=True)
class ListNote:
    """A list the scan did not read as a series, and why."""

    start: int
    line: int
    message: str

    def describe(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(slots=True)
class SentenceSeries:
    """The series of a sentence: a member for each figure of one, and notes on lists whose
    numbers of values and periods differ (position, message)."""

    members: dict[int, Member] = field(default_factory=dict)
    notes: list[tuple[int, str]] = field(default_factory=list)
    # The period of a figure of a list that does not fit its periods: their span, unsure
    unsure: dict[int, tuple[str, str]] = field(default_factory=dict)
    count: int = 0
    source: Source = lambda start, end: ""

    def add(self, indices: list[int], members: list[Member]) -> None:
        for index, member in zip(indices, members, strict=True):
            self.members[index] = member


def lists(found: list[Found], masked: str) -> list[list[int]]:
    """Runs of two or more figures of one clause joined only by 、, 和, 及, 与."""
    runs: list[list[int]] = []
    run: list[int] = []
    for index in range(len(found)):
        if run:
            last = found[run[-1]]
            figure = found[index]
            if figure.clause is last.clause and _LIST_GAP.match(masked, last.end, figure.start):
                run.append(index)
                continue
            if len(run) > 1:
                runs.append(run)
        run = [index]
    if len(run) > 1:
        runs.append(run)
    return runs


Source = Callable[[int, int], str]
"""The report's text between two offsets of a block (names are read from the text, which
the mask may have blanked: “光谷”)."""


def sentence_series(
    found: list[Found], masked: str, s_start: int, times: SentenceTimes, source: Source
) -> SentenceSeries:
    """The series of a sentence's figures."""
    result = SentenceSeries(source=source)
    for figure in found:
        if figure.start > figure.clause.start and masked[figure.start - 1] in _SEPARATORS:
            _bare(result, masked, figure)
    if len(found) < 2:
        return result
    _same_period(result, found, times)
    _dated(result, found, masked, times)
    runs = lists(found, masked)
    used: set[int] = set()
    for number, run in enumerate(runs):
        if run[0] in used:
            continue
        following = runs[number + 1] if number + 1 < len(runs) else None
        if following is not None and _parallel(found, masked, run, following):
            _pair_up(result, found, masked, run, following)
            used.update(following)
            continue
        _one_list(result, found, masked, s_start, times, run)
    return result


def _same_period(result: SentenceSeries, found: list[Found], times: SentenceTimes) -> None:
    """A figure and the one of 上年同期 after it (税收8亿元，去年同期为7亿元): one series."""
    for index in range(1, len(found)):
        figure, previous = found[index], found[index - 1]
        time = times.last_by(figure.start, bases=False)
        if (
            time is not None
            and time.kind == "same"
            and time.start >= previous.end
            and figure.quantity.unit == previous.quantity.unit
            and index - 1 not in result.members
        ):
            result.count += 1
            result.add([index - 1, index], [Member(result.count), Member(result.count)])


_DATED_GAP = re.compile(r"(?:的|为|是|达到|达|增至|增加到|增长到|升至|降至)?\Z")


def _dated(result: SentenceSeries, found: list[Found], masked: str, times: SentenceTimes) -> None:
    """Figures of one unit each right after a year of its own, the later ones in clauses of
    nothing else (进出口总额2021年为80亿元，2022年为92亿元): one series."""
    series: int | None = None
    for index in range(1, len(found)):
        figure, previous = found[index], found[index - 1]
        time, before = _dated_by(figure, masked, times), _dated_by(previous, masked, times)
        if (
            time is None
            or before is None
            or time.period == before.period
            or figure.clause is previous.clause
            or masked[figure.clause.start : time.start].strip()
            or figure.quantity.unit != previous.quantity.unit
            or index in result.members
            or (index - 1 in result.members and series is None)
        ):
            series = None
            continue
        if series is None:
            result.count += 1
            series = result.count
            result.add([index - 1], [Member(series)])
        result.add([index], [Member(series)])


def _dated_by(figure: Found, masked: str, times: SentenceTimes) -> TimeExpr | None:
    """The year (or other absolute period) right before a figure in its clause, if any."""
    time = times.last_by(figure.start)
    if time is None or time.kind != "absolute" or time.start < figure.clause.start:
        return None
    return time if _DATED_GAP.match(masked, time.end, figure.start) else None


_SEPARATORS = "".join(word[-1] for word in LIST_WORDS)  # what stands right before an item
_BARE = re.compile(f"(?:[-+]?\\d++(?:\\.\\d++)?(?:{LIST_WORD}))++\\Z")


def _bare(result: SentenceSeries, masked: str, figure: Found) -> None:
    """Numbers before a figure that share its unit unwritten (分别为120、150和180亿元): noted,
    not read, since a value must be written as the quote has it."""
    before = _BARE.search(masked, figure.clause.start, figure.start)
    if before is None or (before.start() and masked[before.start() - 1].isdigit()):
        return
    numbers = re.sub(f"(?:{LIST_WORD})$", "", before.group(0))
    result.notes.append(
        (
            before.start(),
            f"{numbers} before {result.source(figure.start, figure.end)} are written without "
            "their unit: not read as figures",
        )
    )


def _parallel(found: list[Found], masked: str, starts: list[int], ends: list[int]) -> bool:
    """Whether two lists are before/after lists: as long as each other, one clause, a link
    (增加到) between them and 从 or 由 before the first."""
    first, last = found[starts[0]], found[starts[-1]]
    if len(starts) != len(ends) or found[ends[0]].clause is not first.clause:
        return False
    if not PAIR_LINK.match(masked, last.end, found[ends[0]].start):
        return False
    return any(masked.rfind(word, first.clause.start, first.start) >= 0 for word in LEADS)


def _pair_up(
    result: SentenceSeries, found: list[Found], masked: str, starts: list[int], ends: list[int]
) -> None:
    names = _names(result, found, masked, starts)
    first = found[starts[0]]
    lead = max(masked.rfind(word, first.clause.start, first.start) for word in LEADS)
    previous_end = found[starts[-1]].end
    for place, (start, end) in enumerate(zip(starts, ends, strict=True)):
        result.count += 1
        listed = names[place] if names else None
        result.add(
            [start, end],
            [
                Member(result.count, listed=listed, role="from", lead=lead),
                Member(
                    result.count, listed=listed, role="to", lead=lead, previous_end=previous_end
                ),
            ],
        )


def _one_list(
    result: SentenceSeries,
    found: list[Found],
    masked: str,
    s_start: int,
    times: SentenceTimes,
    run: list[int],
) -> None:
    """A list's figures as one series over the periods before it, or each paired with a name
    of the list before its 分别; a note where the numbers differ."""
    first = found[run[0]]
    each = masked.rfind(_EACH, s_start, first.start)
    periods = _periods(masked, times, s_start, first.start)
    if periods:
        described = "、".join(p.words for p in periods)
        count = len(periods[0].years) if len(periods) == 1 else len(periods)
        if len({found[i].quantity.unit for i in run}) > 1:
            result.notes.append(
                (first.start, f"values of different units for {described}: not read as a series")
            )
            return
        if count != len(run):
            message = f"{len(run)} values for {count} periods ({described})"
            result.notes.append((first.start, f"{message}: not read as a series"))
            whole = _span(periods)
            for index in run if whole else ():
                result.unsure[index] = (whole, f"{message}: one of them, not known which")
            return
        result.count += 1
        if len(periods) == 1:
            note = f"one value a year of {described}, in the order of the list"
            members = [Member(result.count, year=y, note=note) for y in periods[0].years]
        else:
            members = [Member(result.count, time=t) for t in periods]
        result.add(run, members)
        return
    if each < 0:
        return
    names = _names(result, found, masked, run, each)
    if names is None:
        result.notes.append(
            (
                first.start,
                f"{len(run)} values after 分别 but not as many names before it: not paired",
            )
        )
        return
    topic = names.pop() if len(names) > len(run) else None
    zones = all(_ZONE.search(fold_text(name)) for name in names)
    shares = result.count + 1
    for index, name in zip(run, names, strict=True):
        result.count += 1
        member = Member(result.count, listed=name, shares=shares if zones else None, topic=topic)
        result.add([index], [member])


def _span(periods: list[TimeExpr]) -> str:
    """The span of the periods a list stands for (2019/2021), where they are named whole."""
    first, last = periods[0].period, periods[-1].period
    if not first or not last:
        return ""
    start, end = first.split("/")[0], last.split("/")[-1]
    return start if start == end else f"{start}/{end}"


def _periods(masked: str, times: SentenceTimes, s_start: int, position: int) -> list[TimeExpr]:
    """The periods a list at `position` stands for: a range of years (2016年至2018年) or a
    list of times (2016年、2017年和2018年), the last ones before it in the sentence."""
    before = [t for t in times.times if s_start <= t.start and t.end <= position]
    if not before:
        return []
    last = before[-1]
    if last.years:
        return [last]
    chain = [last]
    for time in reversed(before[:-1]):
        if not _LIST_GAP.match(masked, time.end, chain[0].start):
            break
        chain.insert(0, time)
    return chain if len(chain) > 1 else []


def _names(
    result: SentenceSeries, found: list[Found], masked: str, run: list[int], each: int = -1
) -> list[str] | None:
    """The names a 分别 pairs a list with: the list of names before it in the clause
    (产值和税收分别...), as many as the values; None if there are not as many."""
    clause = found[run[0]].clause
    if each < 0:
        each = masked.rfind(_EACH, clause.start, found[run[0]].start)
    if each < clause.start:
        return None
    pieces, at = [], clause.start
    for mark in _NAME_SPLIT.finditer(masked, clause.start, each):
        pieces.append((at, mark.start()))
        at = mark.end()
    pieces.append((at, each))
    names = [_without_lead(result.source(a, b).strip(_NAME_EDGES)) for a, b in pieces]
    if len(names) != len(run) or not all(names):
        return None
    return _zones_and_topic(names)


def _zones_and_topic(names: list[str]) -> list[str]:
    """Names of zones, the last with what the list is of (青溪经开区与白鹭高新区的产值):
    the zones, and what they are of as the last name's topic (`topic_of`)."""
    if len(names) < 2 or not all(_ZONE.search(fold_text(n)) for n in names[:-1]):
        return names
    last = _ZONE_LEAD.fullmatch(fold_text(names[-1]))
    if last is None:
        return names
    return [*names[:-1], names[-1][: last.end(1)], names[-1][last.start(2) :]]


def _without_lead(name: str) -> str:
    """A name without the word of place or time before it (园区产值 is 产值), in any
    spelling."""
    lead = _NAME_LEAD.match(fold_text(name))
    return name[lead.end() :] if lead else name
