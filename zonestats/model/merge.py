"""The rules of a dataset as a whole, over every input at once: which zones are one zone,
one definition per zone's indicator, and one value per observation.

An observation is a zone's indicator in a period with a qualifier. The same observation
from one source twice is a duplicate; from two sources, equal values are one observation
with both sources, and different values a conflict, which analysis settles by the
later-published source, saying so. Never a silent pick.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from zonestats.errors import Problem
from zonestats.model.dataset import SOURCE_COLUMNS, Citation, Conflict, Source, Zone
from zonestats.model.fields import ALIAS_SEPARATOR
from zonestats.model.table import ObservationTable
from zonestats.model.terms import Level

DEFINITION = ("name", "name_en", "category", "unit", "better")
_SHARED = ("category", "unit", "better")
"""What one zone's indicator must keep across files (names may be worded otherwise)."""


@dataclass(frozen=True)
class ZoneRecord:
    """A zone as one input defines it, and where."""

    file: str
    name: str
    id: str | None = None  # given in the file: a stable id
    name_en: str | None = None
    province: str | None = None
    level: Level | None = None
    aliases: tuple[str, ...] = ()
    line: int | None = None
    col: int | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(x for x in (self.id, self.name, *self.aliases) if x)


def resolve_zones(
    records: Sequence[ZoneRecord],
) -> tuple[tuple[Zone, ...], dict[tuple[str | None, str], int], list[Problem]]:
    """One zone for the records that share an id, a name or an alias, unless that would make
    one zone of two with different ids (a problem, and they stay two). Returns the zones in
    order of first appearance and each record's (id, name) mapped to its zone's index."""
    parent = list(range(len(records)))
    ids: dict[int, str | None] = {i: r.id for i, r in enumerate(records)}
    problems: list[Problem] = []

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for index, record in enumerate(records):
        for label in record.labels:
            a, b = root(owner.setdefault(label, index)), root(index)
            if a == b:
                continue
            if ids[a] and ids[b] and ids[a] != ids[b]:
                problems.append(_shared_name(records[owner[label]], record, label))
                continue
            keep, drop = min(a, b), max(a, b)
            parent[drop], ids[keep] = keep, ids[keep] or ids[drop]
    groups: dict[int, list[ZoneRecord]] = {}
    for index, record in enumerate(records):
        groups.setdefault(root(index), []).append(record)
    zones: list[Zone] = []
    mapping: dict[tuple[str | None, str], int] = {}
    for group in groups.values():
        mapping.update({zone_key(record.id, record.name): len(zones) for record in group})
        zones.append(_one_zone(group))
    return tuple(zones), mapping, problems


def _shared_name(first: ZoneRecord, other: ZoneRecord, label: str) -> Problem:
    message = (
        f"'{label}' names zone '{other.id or other.name}' here and zone "
        f"'{first.id or first.name}' in {first.file}; one zone needs one id, two zones need "
        "names of their own"
    )
    return Problem(other.file, "zone-identity-conflict", message, other.line, other.col)


def _one_zone(group: list[ZoneRecord]) -> Zone:
    """The zone of records known to be one: named by the first with an id, details from the
    first that gives each."""
    ordered = [r for r in group if r.id] + [r for r in group if not r.id]
    first = ordered[0]

    def detail(name: str) -> Any:
        return next((getattr(r, name) for r in ordered if getattr(r, name)), None)

    aliases = dict.fromkeys(a for r in ordered for a in (r.name, *r.aliases) if a != first.name)
    return Zone(
        id=first.id or first.name,
        name=first.name,
        name_en=detail("name_en"),
        province=detail("province"),
        level=detail("level"),
        aliases=tuple(aliases),
    )


ZONE_COLUMNS = ("zone_id", "zone", "zone_name_en", "zone_aliases", "province", "level")
"""What rows say of their zone."""


def zone_key(identifier: str | None, name: str) -> tuple[str | None, str]:
    """What tells a zone apart in rows: its id (none where it is the name) and its name."""
    return (identifier if identifier != name else None, name)


def zone_row(zone: Zone | ZoneRecord) -> tuple[Any, ...]:
    """A zone as its rows hold it (ZONE_COLUMNS; the id only where it is not the name)."""
    return (
        *zone_key(zone.id, zone.name),
        zone.name_en,
        ALIAS_SEPARATOR.join(zone.aliases) or None,
        zone.province,
        zone.level.value if zone.level else None,
    )


def zone_record(file: str, row: tuple[Any, ...]) -> ZoneRecord:
    """A zone as rows name it (ZONE_COLUMNS)."""
    identifier, name, name_en, aliases, province, level = row
    return ZoneRecord(
        file=file,
        name=name,
        id=identifier,
        name_en=name_en,
        province=province,
        level=Level(level) if level else None,
        aliases=tuple(aliases.split(ALIAS_SEPARATOR)) if aliases else (),
    )


def apply_zones(
    table: ObservationTable, zones: tuple[Zone, ...], mapping: dict[tuple[str | None, str], int]
) -> None:
    """Give every row its zone's resolved name, id and details."""
    lookup = {
        key: zone_row(zones[mapping[zone_key(*key[:2])]]) for _, key in table.distinct(ZONE_COLUMNS)
    }
    if all(key == row for key, row in lookup.items()):
        return  # every row already names its zone as it resolves
    rows = [lookup[key] for key in zip(*(table.column(c) for c in ZONE_COLUMNS), strict=True)]
    for index, name in enumerate(ZONE_COLUMNS):
        table.set_column(name, [row[index] for row in rows])


SERIES = ("zone", "zone_id", "indicator")
"""What makes a series: one zone's indicator."""


def check_definitions(table: ObservationTable) -> list[Problem]:
    """One definition per zone's indicator: within a file, one name, English name,
    category, unit and direction; across files, one category, unit and direction (the
    names each file's own, whatever the other files say). A field left empty is no
    definition of its own (a table may give the name on one row only)."""
    first: dict[tuple[Any, ...], tuple[Any, int]] = {}
    problems: list[Problem] = []
    # A series with one definition in every file has nothing to differ from: only the
    # others are read file by file (a table split in a file a year repeats every series).
    count: dict[tuple[Any, ...], int] = {}
    for _, values in table.distinct((*SERIES, *DEFINITION)):
        count[values[:3]] = count.get(values[:3], 0) + 1
    if all(number < 2 for number in count.values()):
        return problems
    for row, values in table.distinct((*SERIES, *DEFINITION, "_file")):
        series, definition, file = values[:3], values[3:-1], values[-1]
        if count[series] < 2:
            continue  # one definition: nothing to differ from
        for name, value in zip(DEFINITION, definition, strict=True):
            if value is None:
                continue
            # Names are compared within each file (one report may word them otherwise).
            scope = (series, name, None if name in _SHARED else file)
            mine, at = first.setdefault(scope, (value, row))
            if mine == value:
                continue
            other = table.cell("_file", at)
            line = table.cell("_line", at)
            where = "" if other == file else f" ({table.files[other]}:{line})"
            message = (
                f"indicator '{series[2]}' of {series[0]} has another {name} here "
                f"('{value}', not '{mine}'{where})"
            )
            place = (table.cell("_line", row), table.cell("_col", row))
            problems.append(Problem(table.files[file], "indicator-differs", message, *place))
            break
    return problems


KEY = (*SERIES, "_span", "qualifier")
"""What makes one observation: a series in a period (by the dates it covers), with a
qualifier (an exact figure and a target for one year are two observations)."""
_CITATION = (*SOURCE_COLUMNS, "value", "out_of", "written", "quote")


def merge(table: ObservationTable) -> tuple[list[Problem], tuple[Conflict, ...]]:
    """Settle rows that are one observation, marking in the table the row analysis uses
    (_used) and the rows that only repeat another input's citation (_copy); return the
    duplicates within a file (problems) and the conflicts between sources."""
    groups = table.repeated(KEY)
    if not groups:
        return [], ()
    needed = (*KEY, "period", *_CITATION, "_file", "_line", "_col", "_used", "_copy")
    columns = {name: table.column(name) for name in needed}
    used, copy = list(columns["_used"]), list(columns["_copy"])
    problems: list[Problem] = []
    conflicts: list[Conflict] = []
    counts_filled = False
    for rows in groups:
        kept = _distinct_citations(rows, columns, table.files, problems, copy)
        conflict = _settle(kept, columns, table.files)
        for row in rows:
            used[row] = row == kept[-1]  # the latest-published source's
        if conflict is not None:
            conflicts.append(conflict)
            problems.append(_conflict_problem(conflict, kept[-1], columns, table.files))
        counts_filled |= _fill_out_of(rows, columns["out_of"])
    table.set_column("_used", used)
    table.set_column("_copy", copy)
    if counts_filled:
        _set_out_of(table, columns["out_of"])
    return problems, tuple(conflicts)


def _fill_out_of(rows: list[int], out_of: list[Any]) -> bool:
    """Give the rows of one observation that state no out_of the one the others state (a
    source that leaves it out says nothing of it); whether any was given."""
    stated = {out_of[r] for r in rows if out_of[r] is not None}
    if len(stated) != 1 or all(out_of[r] is not None for r in rows):
        return False
    (count,) = stated
    for row in rows:
        if out_of[row] is None:
            out_of[row] = count
    return True


def _set_out_of(table: ObservationTable, values: list[Any]) -> None:
    if table.in_lists:
        table.set_column("out_of", values)
        return
    import pandas as pd

    table.set_column("out_of", pd.array(values, dtype="Int64"))  # type: ignore[arg-type]


def _distinct_citations(
    rows: list[int],
    columns: dict[str, list[Any]],
    files: tuple[str, ...],
    out: list[Problem],
    copy: list[bool],
) -> list[int]:
    """The group's rows but those of a source a file gives twice (duplicate-observation
    problems) and those that repeat another input's citation word for word (marked as
    copies). What is left is ordered from the earliest-published source to the latest,
    then by input and line."""
    first: dict[tuple[Any, ...], int] = {}
    citations: set[tuple[Any, ...]] = set()
    kept = []
    for row in rows:
        source = tuple(columns[c][row] for c in SOURCE_COLUMNS)
        origin = (source, columns["_file"][row])
        citation = tuple(_same(columns[c][row]) for c in _CITATION)
        if origin in first:
            out.append(_duplicate(row, first[origin], columns, files))
        elif citation in citations:
            copy[row] = True
        else:
            first[origin] = row
            citations.add(citation)
            kept.append(row)
    return sorted(kept, key=lambda r: _published(columns, r))


def _same(value: Any) -> Any:
    """A value as compared between citations: numbers to 10 significant digits."""
    if isinstance(value, float):
        return float(f"{value:.10g}")
    return value


def _duplicate(
    row: int, first: int, columns: dict[str, list[Any]], files: tuple[str, ...]
) -> Problem:
    zone, indicator, period, qualifier = (
        columns[c][row] for c in ("zone", "indicator", "period", "qualifier")
    )
    message = (
        f"indicator '{indicator}' of {zone} has two {qualifier} observations for period "
        f"{period} (first at line {columns['_line'][first]})"
    )
    file = files[columns["_file"][row]]
    return Problem(
        file, "duplicate-observation", message, columns["_line"][row], columns["_col"][row]
    )


def _source_of(columns: dict[str, list[Any]], row: int, files: tuple[str, ...]) -> Source:
    return Source.of_row([columns[c][row] for c in SOURCE_COLUMNS], files[columns["_file"][row]])


def _published(columns: dict[str, list[Any]], row: int) -> tuple[Any, ...]:
    day = columns["source_date"][row]
    return (day is not None, day or "", columns["_file"][row], columns["_line"][row])


def _settle(
    rows: list[int], columns: dict[str, list[Any]], files: tuple[str, ...]
) -> Conflict | None:
    """None when every source gives the same value (and out_of, where they state one);
    else the conflict, settled by the latest-published source (by input order where dates
    do not tell)."""
    if len(rows) < 2:
        return None
    values = {_same(float(columns["value"][r])) for r in rows}
    counts = {columns["out_of"][r] for r in rows} - {None}
    if len(values) == 1 and len(counts) < 2:
        return None
    citations = tuple(
        Citation(
            value=float(columns["value"][r]),
            written=columns["written"][r],
            out_of=columns["out_of"][r],
            source=_source_of(columns, r, files),
            file=files[columns["_file"][r]],
            line=columns["_line"][r],
        )
        for r in rows
    )
    last, before = citations[-1].source.date, citations[-2].source.date
    if last is not None and before is not None and last > before:
        reason = f"from the later-published source ({last.isoformat()})"
    elif last is not None and before is None:
        reason = f"from the only source with a publication date ({last.isoformat()})"
    else:
        reason = "from the input given last (the publication dates do not tell which is later)"
    zone, indicator, period, qualifier, dates = (
        columns[c][rows[-1]] for c in ("zone", "indicator", "period", "qualifier", "_span")
    )
    return Conflict(zone, indicator, period, qualifier, citations, len(rows) - 1, reason, dates)


def _conflict_problem(
    conflict: Conflict, row: int, columns: dict[str, list[Any]], files: tuple[str, ...]
) -> Problem:
    figure = conflict.figure
    others = ", ".join(f"{figure(c)} at {c.file}:{c.line}" for c in conflict.citations[:-1])
    message = (
        f"indicator '{conflict.indicator}' of {conflict.zone} for period {conflict.period}: "
        f"{figure(conflict.citations[-1])} here, but {others}"
    )
    file = files[columns["_file"][row]]
    return Problem(file, "conflicting-values", message, columns["_line"][row], columns["_col"][row])
