"""Find the figures in a report's text.

The text is read once, in blocks of whole lines, each left behind once read: the work and
the memory grow with the text, whatever it holds. In each block, what is no figure is masked
(zonestats.extract.masks: runs of numerals longer than any figure are skipped and reported
once) and time expressions are kept apart to give figures their periods; a sentence longer
than MAX_SENTENCE is read in pieces (zonestats.extract.sentences). A figure is a number with
a unit, a magnitude or a rank mark, read by the quantity grammar: its pattern is tried only
where a figure may start, reads at most four words before the number, and never tries a part
again once it has matched.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, replace

from zonestats.extract.clauses import MAX_QUOTE
from zonestats.extract.masks import MAX_RUN, Skipped, mask, mask_times
from zonestats.extract.patterns import fold_text
from zonestats.extract.periods import (
    SentenceTimes,
    Setting,
    governing,
    period_for,
    resolve,
    year_of,
)
from zonestats.extract.reading import Found, figures, pairs
from zonestats.extract.report import ReportText
from zonestats.extract.sentences import MAX_SENTENCE, blocks, sentences
from zonestats.extract.series import ListNote, Member, sentence_series
from zonestats.extract.times import fallback_period
from zonestats.model.quantity import Qualifier, Quantity

__all__ = ["MAX_QUOTE", "MAX_RUN", "MAX_SENTENCE", "Candidate", "Extraction", "Skipped", "extract"]


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
    series: int | None = None  # the same number for every figure of one series (从A到B, 分别)
    listed: str | None = None  # the list item (a zone, a name) a 分别 list pairs it with

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


class Extraction(list[Candidate]):
    """The figures of a report, in text order (a list of Candidate), and the runs skipped."""

    skipped: list[Skipped]
    notes: list[ListNote]

    def __init__(
        self,
        candidates: Iterable[Candidate] = (),
        skipped: Iterable[Skipped] = (),
        notes: Iterable[ListNote] = (),
    ):
        super().__init__(candidates)
        self.skipped = list(skipped)
        self.notes = list(notes)


def extract(report: ReportText) -> Extraction:
    """Every figure of the report, in text order, with periods resolved where the text allows;
    `.skipped` lists the runs of numeral characters too long to be figures."""
    scan = _Scan(report)
    enabled = gc.isenabled()
    gc.disable()  # the scan makes no cycles, and a figure-dense text makes millions of objects
    try:
        for start, end in blocks(report.text):
            scan.block(start, end)
    finally:
        if enabled:
            gc.enable()
    return scan.finish()


# ---- the scan ----------------------------------------------------------------------------------

_LATER = "\x00later"  # the period of a figure that takes the fallback, known at the end


class _Scan:
    """The state of one report's scan: candidates so far and what their ids count."""

    def __init__(self, report: ReportText) -> None:
        self.report = report
        self.text = report.text
        self.candidates: list[Candidate] = []
        self.skipped: list[Skipped] = []
        self.counters: dict[str, int] = {}
        self.pair_number = 0
        self.later: list[int] = []  # candidates whose period is the fallback
        self.latest_year = ""  # the latest year named, for a report without a date
        self.fallback: tuple[str, str | None] = (_LATER, None)
        if report.published is not None:
            self.fallback = fallback_period(report)
        self.line_at = (0, 1)  # a position and its line, to number skipped runs
        self.notes: list[ListNote] = []  # lists not read as series
        self.series_numbers: dict[int, int] = {}  # a sentence's series by their number in it
        # The period of the paragraph so far, its note and the year it speaks of.
        self.context: tuple[str, str | None, tuple[int, str] | None] | None = None
        self.reference: tuple[int, str] | None = None  # the year of 2020年度

    def finish(self) -> Extraction:
        if self.later or self.report.published is None:
            fallback = fallback_period(self.report, self.latest_year)
            for index in self.later:
                period, note = fallback
                self.candidates[index] = replace(
                    self.candidates[index], period=period, period_note=note
                )
        return Extraction(self.candidates, self.skipped, self.notes)

    # -- one block --

    def block(self, offset: int, end: int) -> None:
        masked = mask(
            self.text[offset:end], lambda a, b, run: self._skip(offset + a, offset + b, run)
        )
        # The patterns read simplified characters; quotes, names and figures as written are
        # read from the text.
        masked, times = mask_times(fold_text(masked))
        for time in times:
            if time.kind == "absolute" and time.period and time.period.isdigit():
                self.latest_year = max(self.latest_year, time.period)
        index, previous_end = 0, 0
        for s_start, s_end in sentences(masked):
            if previous_end == 0 or masked.find("\n", previous_end, s_start) >= 0:
                self.context = None  # a paragraph starts
            previous_end = s_end
            while index < len(times) and times[index].start < s_start:
                index += 1
            first = index
            while index < len(times) and times[index].start < s_end:
                index += 1
            self._sentence(masked, offset, s_start, s_end, SentenceTimes(times[first:index]))

    def _skip(self, start: int, end: int, run: str) -> None:
        self.skipped.append(Skipped(start, end, self._line(start), run[:12]))

    def _line(self, position: int) -> int:
        """The line of a position (counted from the last one asked, which is near)."""
        at, line = self.line_at
        if position >= at:
            line += self.text.count("\n", at, position)
        else:
            line -= self.text.count("\n", position, at)
        self.line_at = (position, line)
        return line

    # -- one sentence --

    def _sentence(
        self, masked: str, offset: int, s_start: int, s_end: int, times: SentenceTimes
    ) -> None:
        text = self.text
        found = figures(masked, s_start, s_end, lambda a, b: text[offset + a : offset + b])
        setting = self._setting()
        if found:
            plan = sentence_series(
                found, masked, s_start, times, lambda a, b: text[offset + a : offset + b]
            )
            leads = {
                i: lead
                for i, lead in pairs(found, masked).items()
                if i not in plan.members and i + 1 not in plan.members
            }
            shared: dict[int, tuple[str, str, str]] = {}
            self.series_numbers = {}
            for index, figure in enumerate(found):
                member = plan.members.get(index) or _pair_member(index, leads, found)
                unsure = plan.unsure.get(index)
                self._figure(figure, member, offset, times, setting, shared, unsure)
            for position, message in plan.notes:
                self.notes.append(
                    ListNote(offset + position, self._line(offset + position), message)
                )
        self._carry(masked, times, found, setting)

    def _figure(
        self,
        figure: Found,
        member: Member | None,
        offset: int,
        times: SentenceTimes,
        setting: Setting,
        shared: dict[int, tuple[str, str, str]],
        unsure: tuple[str, str] | None = None,
    ) -> None:
        """A candidate of a figure, with its period (`unsure`: the span of a list's periods
        that does not fit it) and its series' id and name."""
        period, note = unsure or self._period(figure, member, times, setting)
        start, end = offset + figure.start, offset + figure.end
        quote_start, quote = figure.clause.quote(self.text, offset, start, end)
        series = 0
        if member is not None:
            if member.series not in self.series_numbers:
                self.pair_number += 1
                self.series_numbers[member.series] = self.pair_number
            series = self.series_numbers[member.series]
        key = None if member is None else (member.shares or member.series)
        known = shared.get(key) if key is not None else None
        if known is not None:
            suggestion_id, name, category = known
        else:
            category, stem = figure.clause.suggest(self.text, offset, figure.quantity)
            self.counters[stem] = self.counters.get(stem, 0) + 1
            suggestion_id = f"{stem}_{self.counters[stem]}"
            name = figure.clause.name(self.text, offset)
            if member is not None and member.listed and not member.shares:
                name = member.listed
            elif member is not None and member.topic:
                name = member.topic
            if key is not None:
                shared[key] = (suggestion_id, name, category)
        if period == _LATER:
            self.later.append(len(self.candidates))
        self.candidates.append(
            Candidate(
                quantity=figure.quantity,
                quote=quote,
                start=start,
                end=end,
                quote_start=quote_start,
                period=period,
                period_note=note,
                id=suggestion_id,
                name=name,
                category=category,
                series=series or None,
                listed=member.listed if member else None,
            )
        )

    def _period(
        self, figure: Found, member: Member | None, times: SentenceTimes, setting: Setting
    ) -> tuple[str, str | None]:
        if member is not None and member.year is not None:
            return member.year, member.note
        if member is not None and member.time is not None:
            return resolve(member.time, times, setting)
        role, lead, previous_end = None, 0, 0
        if member is not None and member.role:
            role, lead, previous_end = member.role, member.lead, member.previous_end
        return period_for(
            figure.start, role, lead, previous_end, times, setting, figure.clause.start
        )

    # -- what carries from sentence to sentence --

    def _setting(self) -> Setting:
        latest, undated = None, None
        if self.report.published is None:  # 去年 counts from the latest year named
            latest = int(self.latest_year[:4]) if self.latest_year else None
            undated = (_LATER, None)
        if self.context is None:
            return Setting(self.report, self.fallback, None, self.reference, latest, undated)
        period, note, year = self.context
        return Setting(self.report, (period, note), year, self.reference, latest, undated)

    def _carry(
        self, masked: str, times: SentenceTimes, found: list[Found], setting: Setting
    ) -> None:
        """The period a sentence is about carries to the next sentences of its paragraph;
        a year of 年度 (2020年度考核) is the year the text speaks of from there on."""
        for named in times.times:
            if named.kind == "absolute" and named.period and masked.startswith("度", named.end):
                self.reference = (year_of(named.period), named.words + "度")
        time = governing(masked, times, found[0].start if found else None)
        if time is None:
            return
        period, note = resolve(time, times, setting)
        carried = f"{time.words}, said before in the paragraph"
        if note:
            carried = f"{note}; said before in the paragraph"
        year = None  # the year 上年 and 3月 count from: one the text names
        if time.kind == "absolute" and period[:4].isdigit():
            year = (year_of(period), time.words)
        self.context = (period, carried, year)


def _pair_member(index: int, leads: dict[int, int], found: list[Found]) -> Member | None:
    """The end a figure is of a before/after phrase (从10万台提升到800万台), if it is one."""
    if index in leads:
        return Member(-1 - index, role="from", lead=leads[index])
    if index - 1 in leads:
        return Member(-index, role="to", lead=leads[index - 1], previous_end=found[index - 1].end)
    return None
