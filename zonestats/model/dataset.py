"""A dataset: the observations of any number of reports about any number of zones.

The observations table (zonestats.model.table) is the data; zones are resolved identities
(one zone under several names), sources are the reports, and conflicts record where two
sources disagree. Indicator and Observation objects are views of the table, made when a
library user asks for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zonestats.errors import ZonestatsError
from zonestats.model.period import Period, parse_period
from zonestats.model.quantity import Qualifier, plain_number
from zonestats.model.table import COLUMNS, ObservationTable
from zonestats.model.terms import Better, Level

if TYPE_CHECKING:
    import pandas as pd

    from zonestats.model.claims import RecordedClaim

OBSERVATION_COLUMNS = COLUMNS
"""The observations table's columns (the name the library has always exported)."""


@dataclass(frozen=True)
class Zone:
    """A development zone: a stable id, its name, the other names reports give it."""

    id: str
    name: str
    name_en: str | None = None
    province: str | None = None
    level: Level | None = None
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the zone goes by: its id, its name, its aliases."""
        return tuple(dict.fromkeys((self.id, self.name, *self.aliases)))


SOURCE_COLUMNS = ("source_title", "source_publisher", "source_date", "source_url")
"""What rows say of their source."""


@dataclass(frozen=True)
class Source:
    """A report the figures come from. Of a long table without source columns nothing is
    known but its file, which is then the source."""

    title: str | None
    publisher: str | None = None
    date: date | None = None
    url: str | None = None
    file: str | None = None  # only for a source known by its file alone

    @classmethod
    def of_row(cls, values: tuple[Any, ...] | list[Any], file: str) -> Source:
        """The source that a row's SOURCE_COLUMNS name (its file, where they name none)."""
        title, publisher, day, url = values
        if title is None and publisher is None and day is None and url is None:
            return cls(None, file=file)
        published = date.fromisoformat(day) if isinstance(day, str) else day
        return cls(title, publisher, published, url)

    def label(self, file: str | None = None) -> str:
        """'《title》 (publisher, date)', or the file for a source with no title."""
        if self.title is None:
            return self.file or file or "(unnamed source)"
        facts = [f for f in (self.publisher, self.date.isoformat() if self.date else None) if f]
        return f"《{self.title}》" + (f" ({', '.join(facts)})" if facts else "")


@dataclass(frozen=True, slots=True)
class Observation:
    """One figure: its period, its value in base units, how the report wrote it, and where."""

    period: Period
    value: float
    written: str | None
    qualifier: Qualifier
    quote: str | None
    period_note: str | None = None
    out_of: int | None = None
    zone: str | None = None
    source: Source | None = None
    note: str | None = None
    file: str | None = None
    line: int | None = None

    @property
    def period_inferred(self) -> bool:
        """True when the report does not write the period and it was worked out."""
        return self.period_note is not None


@dataclass(frozen=True)
class Indicator:
    """What is measured, and its observations (of every zone that has it)."""

    id: str
    name: str
    name_en: str
    category: str
    unit: str
    observations: tuple[Observation, ...]
    better: Better | None = None
    out_of: int | None = None  # the one out_of of every observation, if they share one


@dataclass(frozen=True)
class Citation:
    """One source's figure for an observation, and where it was read."""

    value: float
    written: str | None
    out_of: int | None
    source: Source
    file: str
    line: int | None

    @property
    def shown(self) -> str:
        """The figure as the report writes it, or as a plain number where it is not kept."""
        return self.written or plain_number(self.value)


@dataclass(frozen=True)
class Conflict:
    """Two or more sources giving different values for one zone's indicator in one period;
    analysis uses ``citations[chosen]``, from the later-published source."""

    zone: str
    indicator: str
    period: str
    qualifier: str
    citations: tuple[Citation, ...]
    chosen: int
    reason: str
    span: str = ""  # the dates the period covers (its citations may write it otherwise)

    def figure(self, citation: Citation) -> str:
        """A citation's figure as the report writes it, with the number of places ranked
        where the citations differ in it (第60位 (of 218))."""
        counts = {c.out_of for c in self.citations} - {None}
        if len(counts) > 1 and citation.out_of is not None:
            return f"{citation.shown} (of {citation.out_of})"
        return citation.shown

    def note(self) -> str:
        """A line saying what differs and what analysis uses."""
        figures = "; ".join(
            f"{self.figure(c)} in {c.source.label(c.file)} ({c.file}:{c.line})"
            for c in self.citations
        )
        used = self.citations[self.chosen]
        return (
            f"{self.zone} {self.indicator} {self.period}: the sources differ ({figures}); "
            f"using {self.figure(used)}, {self.reason}"
        )


class Dataset:
    """The observations of any number of reports about any number of zones."""

    def __init__(
        self,
        table: ObservationTable,
        zones: tuple[Zone, ...],
        conflicts: tuple[Conflict, ...] = (),
        claims: tuple[RecordedClaim, ...] = (),
    ) -> None:
        self.table = table
        self.zones = zones
        self.conflicts = conflicts
        self.claims = claims  # the growth claims the inputs record

    @property
    def files(self) -> tuple[str, ...]:
        return self.table.files

    @property
    def path(self) -> Path | None:
        """The file the dataset was read from, when it was one file."""
        return Path(self.files[0]) if len(self.files) == 1 else None

    @cached_property
    def sources(self) -> tuple[Source, ...]:
        """The reports, in the order their figures first appear."""
        files = self.table.files
        found = [
            Source.of_row(row[:4], files[row[4]])
            for _, row in self.table.distinct((*SOURCE_COLUMNS, "_file"))
        ]
        return tuple(dict.fromkeys(found))

    @property
    def zone(self) -> Zone:
        """The dataset's zone, when it holds one."""
        if len(self.zones) != 1:
            names = ", ".join(z.name for z in self.zones)
            raise ZonestatsError(f"the dataset holds {len(self.zones)} zones ({names}), not one")
        return self.zones[0]

    @property
    def source(self) -> Source:
        """The dataset's source, when it has one."""
        if len(self.sources) != 1:
            raise ZonestatsError(f"the dataset has {len(self.sources)} sources, not one")
        return self.sources[0]

    def categories(self) -> list[str]:
        """Categories in the order they first appear."""
        return list(dict.fromkeys(self.table.column("category")))

    def in_province(self, province: str) -> Dataset:
        """The zones of one province and their observations (江苏 or 江苏省); a ZonestatsError
        naming the provinces there are where none matches."""
        kept = tuple(z for z in self.zones if (z.province or "").startswith(province))
        if not kept:
            known = sorted({z.province for z in self.zones if z.province})
            raise ZonestatsError(unknown("province", province, known))
        names = {z.name for z in kept}
        rows = [i for i, zone in enumerate(self.table.column("zone")) if zone in names]
        conflicts = tuple(c for c in self.conflicts if c.zone in names)
        labels = {label for zone in kept for label in zone.names}
        claims = tuple(c for c in self.claims if c.zone is None or c.zone in labels)
        return Dataset(self.table.select(rows), kept, conflicts, claims)

    def seen(self, zones: set[str], indicators: set[str]) -> set[tuple[str, str, str]]:
        """The (zone, indicator, period) of every observation of these zones and indicators
        (a table of a million observations is not made a set)."""
        frame = self.observations()[["zone", "indicator", "period"]]
        frame = frame[frame["zone"].isin(zones) & frame["indicator"].isin(indicators)]
        return set(frame.itertuples(index=False, name=None))

    def observations(self, merged: bool = True) -> pd.DataFrame:
        """One row per observation (``merged``: where sources agree or differ, the row
        analysis uses), or one row per cited figure; columns as in OBSERVATION_COLUMNS,
        values in base units."""
        table = self.table.used() if merged else self.table.cited()
        return table.frame()

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator with its observations (merged), in the order they first appear."""
        table = self.table.used()
        rows: dict[str, list[int]] = {}
        for row, indicator in enumerate(table.column("indicator")):
            rows.setdefault(indicator, []).append(row)
        columns = {name: table.column(name) for name in (*COLUMNS, "_file", "_line")}
        return tuple(_indicator(columns, found, table.files) for found in rows.values())

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; a ZonestatsError naming close ids if there is none."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise ZonestatsError(unknown("indicator", indicator_id, [i.id for i in self.indicators]))


def unknown(what: str, name: str, known: list[str]) -> str:
    """'no indicator 'x'; did you mean y?' (or the known ones, when they are few)."""
    import difflib

    close = difflib.get_close_matches(name, known, n=3)
    listed = f" (known: {', '.join(known)})" if 0 < len(known) <= 12 else ""
    listed = listed or (" (there are none)" if not known else "")
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"no {what} '{name}'{listed}{hint}"


def _indicator(columns: dict[str, list[Any]], rows: list[int], files: tuple[str, ...]) -> Indicator:
    first = rows[0]

    def get(name: str) -> Any:
        return columns[name][first]

    observations = tuple(
        Observation(
            period=parse_period(columns["period"][r]),
            value=float(columns["value"][r]),
            written=columns["written"][r],
            qualifier=Qualifier(columns["qualifier"][r]),
            quote=columns["quote"][r],
            period_note=columns["period_note"][r],
            out_of=columns["out_of"][r],
            zone=columns["zone"][r],
            source=Source.of_row(
                [columns[c][r] for c in SOURCE_COLUMNS], files[columns["_file"][r]]
            ),
            note=columns["note"][r],
            file=files[columns["_file"][r]],
            line=columns["_line"][r],
        )
        for r in rows
    )
    out_of = {o.out_of for o in observations}
    better = get("better")
    return Indicator(
        id=get("indicator"),
        name=get("name"),
        name_en=get("name_en"),
        category=get("category"),
        unit=get("unit"),
        observations=observations,
        better=Better(better) if better else None,
        out_of=out_of.pop() if len(out_of) == 1 else None,
    )
