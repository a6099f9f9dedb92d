"""What `list` and `show` present: each series' latest observation, and every cited figure
of one indicator. Plain Python over the observations table's columns, so that browsing a
YAML dataset never imports pandas."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zonestats.errors import ZonestatsError
from zonestats.model.dataset import Dataset, Source, unknown
from zonestats.model.period import PRECEDENCE, latest_key, parse_period
from zonestats.model.table import ObservationTable


@dataclass(frozen=True, slots=True)
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
    order they first appear; of one period, the most precise figure."""
    table = dataset.table.used()
    if category is not None:
        table = _of_category(table, category)
    columns = {c: table.column(c) for c in (*_LATEST, "period", "value", "qualifier", "written")}
    best: dict[tuple[str, str], tuple[tuple[float, float, int], int]] = {}
    counts: dict[tuple[str, str], int] = {}
    keys: dict[tuple[str, str], tuple[float, float, int]] = {}
    rows = zip(
        columns["zone"], columns["indicator"], columns["period"], columns["qualifier"], strict=True
    )
    for row, (zone, indicator, period, qualifier) in enumerate(rows):
        key = keys.get((period, qualifier))
        if key is None:
            key = keys[(period, qualifier)] = latest_key(period, qualifier)
        series = (zone, indicator)
        counts[series] = counts.get(series, 0) + 1
        found = best.get(series)
        if found is None or key > found[0]:
            best[series] = (key, row)
    return [
        Latest(
            zone=columns["zone"][row],
            indicator=columns["indicator"][row],
            name=columns["name"][row],
            name_en=columns["name_en"][row],
            category=columns["category"][row],
            unit=columns["unit"][row],
            observations=counts[series],
            period=columns["period"][row],
            value=float(columns["value"][row]),
            qualifier=columns["qualifier"][row],
            written=columns["written"][row],
        )
        for series, (_, row) in best.items()
    ]


def _of_category(table: ObservationTable, category: str) -> ObservationTable:
    categories = table.column("category")
    rows = [i for i, c in enumerate(categories) if c == category]
    if not rows:
        raise ZonestatsError(unknown("category", category, list(dict.fromkeys(categories))))
    return table.select(rows)


@dataclass(frozen=True, slots=True)
class Cited:
    """One cited figure of an indicator, with what the other reports say of it."""

    row: dict[str, Any]
    source: Source
    file: str
    line: int | None
    note: str | None  # where several reports give the observation


def citations(dataset: Dataset, indicator: str) -> list[Cited]:
    """Every cited figure of one indicator, of every zone that has it: zones in the order
    they first appear, each zone's figures in period order (by start, then end, the most
    precise first), every report's figure of one observation together."""
    table = dataset.table
    ids = table.column("indicator")
    rows = [i for i, value in enumerate(ids) if value == indicator]
    if not rows:
        raise ZonestatsError(unknown("indicator", indicator, list(dict.fromkeys(ids))))
    wanted = (
        "zone", "indicator", "name", "name_en", "unit", "better", "period", "written", "value",
        "qualifier", "quote", "period_note", "out_of", "source_title", "source_publisher",
        "source_date", "source_url", "_file", "_line", "_used",
    )  # fmt: skip
    columns = {c: table.column(c) for c in wanted}
    records = [{c: columns[c][r] for c in wanted} for r in rows]
    zones = list(dict.fromkeys(r["zone"] for r in records))
    records.sort(key=lambda r: (zones.index(r["zone"]), *_in_period(r)))
    notes = _agreement(records, table.files)
    return [
        Cited(
            row=r,
            source=Source(
                r["source_title"], r["source_publisher"], _day(r["source_date"]), r["source_url"]
            ),
            file=table.files[r["_file"]],
            line=r["_line"],
            note=note,
        )
        for r, note in zip(records, notes, strict=True)
    ]


def _in_period(record: dict[str, Any]) -> tuple[Any, ...]:
    period = parse_period(record["period"])
    return period.start, period.end, PRECEDENCE.get(record["qualifier"], 9), not record["_used"]


def _day(text: Any) -> Any:
    from datetime import date

    return date.fromisoformat(text) if isinstance(text, str) else text


def _agreement(records: list[dict[str, Any]], files: tuple[str, ...]) -> list[str | None]:
    """For figures that several reports give, whether they agree and which analysis uses."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for index, r in enumerate(records):
        groups.setdefault((r["zone"], r["period"], r["qualifier"]), []).append(index)
    notes: list[str | None] = [None] * len(records)
    for members in groups.values():
        if len(members) < 2:
            continue
        used = next((m for m in members if records[m]["_used"]), members[-1])
        chosen = records[used]
        agree = len({(float(records[m]["value"]), records[m]["out_of"]) for m in members}) == 1
        label = Source(chosen["source_title"], None, _day(chosen["source_date"])).label(
            files[chosen["_file"]]
        )
        for m in members:
            if m == used:
                others = len(members) - 1
                notes[m] = (
                    f"also in {others} other report{'s' if others > 1 else ''}"
                    if agree
                    else "the reports differ: analysis uses this, the later-published"
                )
            else:
                written = chosen["written"] or chosen["value"]
                notes[m] = (
                    f"the same as in {label}"
                    if agree
                    else f"the reports differ: analysis uses {written} of {label}"
                )
    return notes
