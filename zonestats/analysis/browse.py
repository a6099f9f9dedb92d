"""What `list` and `show` present: each series' latest observation, and every cited figure
of one indicator. Plain Python over the observations table's columns, so that browsing a
YAML dataset never imports pandas."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zonestats.errors import ZonestatsError
from zonestats.model.dataset import SOURCE_COLUMNS, Dataset, Source, unknown
from zonestats.model.period import PRECEDENCE, latest_key, parse_period
from zonestats.model.table import ObservationTable


@dataclass(frozen=True)
class Latest:
    """A series (a zone's indicator) and its latest observation."""

    zone: str
    indicator: str
    name: str
    name_en: str
    category: str
    unit: str
    observations: int
    period: str
    value: float
    qualifier: str
    written: str | None


_LATEST = ("zone", "indicator", "name", "name_en", "category", "unit")


def latest(dataset: Dataset, category: str | None = None) -> list[Latest]:
    """Each series' latest observation and how many it has (sources merged), series in the
    order they first appear; of one period, the most precise figure. The same pick as the
    end of zonestats.analysis.growth's, in plain Python: browsing a YAML dataset imports
    no pandas."""
    table = dataset.table.used()
    if category is not None:
        table = _of_category(table, category)
    picked = table.best_rows(("zone", "indicator"), ("period", "qualifier"), latest_key)
    chosen = table.select([row for row, _ in picked])
    columns = {c: chosen.column(c) for c in (*_LATEST, "period", "value", "qualifier", "written")}
    return [
        Latest(
            zone=columns["zone"][place],
            indicator=columns["indicator"][place],
            name=columns["name"][place],
            name_en=columns["name_en"][place],
            category=columns["category"][place],
            unit=columns["unit"][place],
            observations=count,
            period=columns["period"][place],
            value=float(columns["value"][place]),
            qualifier=columns["qualifier"][place],
            written=columns["written"][place],
        )
        for place, (_, count) in enumerate(picked)
    ]


def _of_category(table: ObservationTable, category: str) -> ObservationTable:
    categories = table.column("category")
    rows = [i for i, c in enumerate(categories) if c == category]
    if not rows:
        raise ZonestatsError(unknown("category", category, list(dict.fromkeys(categories))))
    return table.select(rows)


@dataclass(frozen=True)
class Cited:
    """One cited figure of an indicator, with what the other reports say of it."""

    row: dict[str, Any]
    source: Source
    file: str
    line: int | None
    note: str | None  # where several reports give the observation


_CITED = (
    "zone", "zone_id", "indicator", "name", "name_en", "unit", "better", "period", "written",
    "value", "qualifier", "quote", "period_note", "out_of", *SOURCE_COLUMNS, "_file",
    "_line", "_span", "_used", "_copy",
)  # fmt: skip


def citations(dataset: Dataset, indicator: str) -> list[Cited]:
    """Every cited figure of one indicator (each once), of every zone that has it: zones in
    the order they first appear, each zone's figures in period order (by start, then end,
    the most precise first), every report's figure of one observation together, the one
    analysis uses first."""
    table = dataset.table
    ids = table.column("indicator")
    rows = [i for i, value in enumerate(ids) if value == indicator]
    if not rows:
        raise ZonestatsError(unknown("indicator", indicator, list(dict.fromkeys(ids))))
    chosen = table.select(rows)  # of a long table, only its rows become Python values
    columns = {c: chosen.column(c) for c in _CITED}
    records = [
        {c: columns[c][place] for c in _CITED}
        for place in range(len(rows))
        if not columns["_copy"][place]
    ]
    zones = list(dict.fromkeys(r["zone"] for r in records))
    records.sort(key=lambda r: (zones.index(r["zone"]), *_in_period(r)))
    notes = _agreement(records, dataset)
    return [
        Cited(
            row=r,
            source=Source.of_row([r[c] for c in SOURCE_COLUMNS], table.files[r["_file"]]),
            file=table.files[r["_file"]],
            line=r["_line"],
            note=note,
        )
        for r, note in zip(records, notes, strict=True)
    ]


def _in_period(record: dict[str, Any]) -> tuple[Any, ...]:
    period = parse_period(record["period"])
    return period.start, period.end, PRECEDENCE.get(record["qualifier"], 9), not record["_used"]


def _agreement(records: list[dict[str, Any]], dataset: Dataset) -> list[str | None]:
    """For figures that several reports give, what the merge found: that they agree, or
    which figure analysis uses and why (zonestats.model.merge)."""
    conflicts = {(c.zone, c.indicator, c.span, c.qualifier): c for c in dataset.conflicts}
    groups: dict[tuple[Any, ...], list[int]] = {}
    for index, r in enumerate(records):
        groups.setdefault((r["zone"], r["zone_id"], r["_span"], r["qualifier"]), []).append(index)
    notes: list[str | None] = [None] * len(records)
    for members in groups.values():
        if len(members) < 2:
            continue
        used = next(m for m in members if records[m]["_used"])
        chosen = records[used]
        label = Source.of_row(
            [chosen[c] for c in SOURCE_COLUMNS], dataset.files[chosen["_file"]]
        ).label()
        key = (chosen["zone"], chosen["indicator"], chosen["_span"], chosen["qualifier"])
        conflict = conflicts.get(key)
        for m in members:
            if conflict is not None:
                shown = conflict.figure(conflict.citations[conflict.chosen])
                notes[m] = (
                    f"the reports differ: analysis uses this, {conflict.reason}"
                    if m == used
                    else f"the reports differ: analysis uses {shown} of {label}"
                )
            elif m == used:
                others = len(members) - 1
                notes[m] = f"also in {others} other report{'s' if others > 1 else ''}"
            else:
                notes[m] = f"the same as in {label}"
    return notes
