"""The rules of a dataset as a whole, over every input at once: which zones are one zone,
one definition per zone's indicator, and one value per observation.

An observation is a zone's indicator in a period with a qualifier. The same observation
from one source twice is a duplicate; from two sources, equal values are one observation
with both sources, and different values a conflict, which analysis settles by the
later-published source, saying so. Never a silent pick.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from zonestats.errors import Problem
from zonestats.model.dataset import Citation, Conflict, Source, Zone
from zonestats.model.fields import ALIAS_SEPARATOR
from zonestats.model.table import ObservationTable
from zonestats.model.terms import Level

KEY = ("zone", "indicator", "period", "qualifier")
"""What makes an observation one observation."""

_SOURCE = ("source_title", "source_publisher", "source_date", "source_url")
_DEFINITION = ("name", "name_en", "category", "unit", "better")
_SHARED = ("category", "unit", "better")
"""What one zone's indicator must keep across files (names may be worded otherwise)."""


@dataclass(frozen=True, slots=True)
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
        mapping.update({(record.id, record.name): len(zones) for record in group})
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


def zone_row(zone: Zone) -> tuple[Any, ...]:
    """A zone as its rows hold it (ZONE_COLUMNS; the id only where one was given)."""
    return (
        zone.id if zone.id != zone.name else None,
        zone.name,
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
    lookup = {key: zone_row(zones[mapping[key[:2]]]) for _, key in table.distinct(ZONE_COLUMNS)}
    if all(key == row for key, row in lookup.items()):
        return  # every row already names its zone as it resolves
    rows = [lookup[key] for key in zip(*(table.column(c) for c in ZONE_COLUMNS), strict=True)]
    for index, name in enumerate(ZONE_COLUMNS):
        table.set_column(name, [row[index] for row in rows])


def check_definitions(table: ObservationTable) -> list[Problem]:
    """One definition per zone's indicator: within a file, one name, English name,
    category, unit and direction; across files, one category, unit and direction."""
    first: dict[tuple[str, str], tuple[int, tuple[Any, ...]]] = {}
    problems: list[Problem] = []
    lines, cols = table.column("_line"), table.column("_col")
    for row, (zone, indicator, *definition, file) in table.distinct(
        ("zone", "indicator", *_DEFINITION, "_file")
    ):
        seen = first.setdefault((zone, indicator), (row, (*definition, file)))
        if seen[0] == row:
            continue
        other_row, (*other, other_file) = seen
        fields = _DEFINITION if file == other_file else _SHARED
        for name in fields:
            mine, theirs = definition[_DEFINITION.index(name)], other[_DEFINITION.index(name)]
            if mine == theirs:
                continue
            where = "" if file == other_file else f" ({table.files[other_file]}:{lines[other_row]})"
            message = (
                f"indicator '{indicator}' of {zone} has another {name} here "
                f"('{_shown(mine)}', not '{_shown(theirs)}'{where})"
            )
            problems.append(
                Problem(table.files[file], "indicator-differs", message, lines[row], cols[row])
            )
            break
    return problems


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


def merge(table: ObservationTable) -> tuple[list[Problem], tuple[Conflict, ...]]:
    """Settle rows that are one observation: marks in the table's _used column the row
    analysis uses, and returns the duplicates (problems) and the conflicts."""
    groups = table.repeated(KEY)
    if not groups:
        return [], ()
    needed = (*KEY, "value", "written", "out_of", *_SOURCE, "_file", "_line", "_col", "_used")
    columns = {name: table.column(name) for name in needed}
    used = list(columns["_used"])
    problems: list[Problem] = []
    conflicts: list[Conflict] = []
    for rows in groups:
        kept = _drop_duplicates(rows, columns, table.files, problems)
        conflict = _settle(kept, columns, table.files)
        chosen = kept[-1] if conflict is None else kept[conflict.chosen]
        for row in rows:
            used[row] = row == chosen
        if conflict is not None:
            conflicts.append(conflict)
            problems.append(_conflict_problem(conflict, kept, columns, table.files))
    table.set_column("_used", used)
    return problems, tuple(conflicts)


def _source_of(columns: dict[str, list[Any]], row: int) -> Source:
    title, publisher, day, url = (columns[c][row] for c in _SOURCE)
    return Source(title, publisher, date.fromisoformat(day) if isinstance(day, str) else day, url)


def _drop_duplicates(
    rows: list[int], columns: dict[str, list[Any]], files: tuple[str, ...], out: list[Problem]
) -> list[int]:
    """The group's rows but the second and later of one source in one file, each of which
    is a duplicate-observation problem. The rest come ordered from the earliest-published
    source to the latest (then by input and line)."""
    first: dict[tuple[Any, ...], int] = {}
    kept = []
    for row in rows:
        origin = (tuple(columns[c][row] for c in _SOURCE), columns["_file"][row])
        if origin in first:
            zone, indicator, period, qualifier = (columns[c][row] for c in KEY)
            message = (
                f"indicator '{indicator}' of {zone} has two {qualifier} observations for "
                f"period {period} (first at line {columns['_line'][first[origin]]})"
            )
            file = files[columns["_file"][row]]
            line, col = columns["_line"][row], columns["_col"][row]
            out.append(Problem(file, "duplicate-observation", message, line, col))
            continue
        first[origin] = row
        kept.append(row)
    return sorted(kept, key=lambda r: _published(columns, r))


def _published(columns: dict[str, list[Any]], row: int) -> tuple[Any, ...]:
    day = _source_of(columns, row).date
    return (day is not None, day or date.min, columns["_file"][row], columns["_line"][row])


def _settle(
    rows: list[int], columns: dict[str, list[Any]], files: tuple[str, ...]
) -> Conflict | None:
    """None when every source gives the same value (and out_of); else the conflict,
    settled by the latest-published source."""
    if len(rows) < 2:
        return None
    values = {(_number(columns["value"][r]), columns["out_of"][r]) for r in rows}
    if len(values) == 1:
        return None
    citations = tuple(
        Citation(
            value=float(columns["value"][r]),
            written=columns["written"][r],
            out_of=columns["out_of"][r],
            source=_source_of(columns, r),
            file=files[columns["_file"][r]],
            line=columns["_line"][r],
        )
        for r in rows
    )
    last, before = citations[-1], citations[-2]
    if last.source.date is not None and (
        before.source.date is None or last.source.date > before.source.date
    ):
        reason = f"from the later-published source ({last.source.date.isoformat()})"
    else:
        reason = "from the input given last (no later publication date to go by)"
    zone, indicator, period, qualifier = (columns[c][rows[0]] for c in KEY)
    return Conflict(zone, indicator, period, qualifier, citations, len(rows) - 1, reason)


def _number(value: Any) -> float:
    number = float(value)
    return round(number, 9 - int(math.floor(math.log10(abs(number))))) if number else 0.0


def _conflict_problem(
    conflict: Conflict, rows: list[int], columns: dict[str, list[Any]], files: tuple[str, ...]
) -> Problem:
    row = rows[-1]
    others = ", ".join(
        f"{c.written or c.value} at {c.file}:{c.line}" for c in conflict.citations[:-1]
    )
    mine = conflict.citations[-1]
    message = (
        f"indicator '{conflict.indicator}' of {conflict.zone} for period {conflict.period}: "
        f"{mine.written or mine.value} here, but {others}"
    )
    return Problem(
        files[columns["_file"][row]],
        "conflicting-values",
        message,
        columns["_line"][row],
        columns["_col"][row],
    )
