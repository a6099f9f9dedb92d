"""A parsed YAML dataset (schema_version 1 or 2) checked field by field and turned into
rows of the observations table, every problem at its line and column.

The fields and their converters are zonestats.model.fields'; the observation rules are
zonestats.model.rules'; this module only walks the document's shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from zonestats.errors import Problem, ZonestatsError
from zonestats.io.contents import Contents
from zonestats.io.tree import Mapping, Sequence
from zonestats.model import fields as F
from zonestats.model.dataset import SOURCE_COLUMNS
from zonestats.model.merge import ZoneRecord, zone_row
from zonestats.model.period import span
from zonestats.model.rules import RULES, read_written, resolved
from zonestats.model.table import COLUMNS, INTERNAL, ObservationTable

if TYPE_CHECKING:
    from zonestats.model.claims import RecordedClaim

Where = tuple[int, int] | None

# The YAML key of each field a rule reads (written is `value` and number `number` in YAML).
_KEY_OF = {"written": "value", "number": "number", "qualifier": "qualifier", "quote": "quote"}
_ROW = (*COLUMNS, *INTERNAL)


class _Walker:
    """Walks the raw document once, collecting rows and every problem with its position."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.rows: list[tuple[Any, ...]] = []

    def problem(self, where: Where, code: str, message: str) -> None:
        line, col = where if where else (None, None)
        self.problems.append(Problem(self.path, code, message, line, col))

    def fields(
        self, raw: Any, fields: tuple[F.Field, ...], what: str, where: Where
    ) -> dict[str, Any] | None:
        """Check an object's fields; the converted values (nested ones as they are), or None
        if it is no mapping."""
        if not isinstance(raw, Mapping):
            self.problem(where, "wrong-type", f"{what} must be a mapping, not {_describe(raw)}")
            return None
        known = F.names(fields)
        if not raw.keys() <= known:
            for key in raw:
                if key not in known:
                    hint = ", ".join(sorted(known))
                    message = f"unknown field '{key}' in {what} (known: {hint})"
                    self.problem(raw.positions[key], "unknown-field", message)
        values: dict[str, Any] = {}
        for spec in fields:
            name = spec.name
            value = raw.get(name)
            if value is None:
                if spec.required:
                    self.problem(
                        (raw.line, raw.col), "missing-field", f"{what} is missing '{name}'"
                    )
                continue
            convert = spec.convert
            if convert is None:
                values[name] = value
            elif value.__class__ is not str:
                message = f"'{name}' must be a single value, not {_describe(value)}"
                self.problem(raw.value_positions[name], "wrong-type", message)
            else:
                try:
                    values[name] = convert(value)
                except ZonestatsError as error:
                    where_value = raw.value_positions[name]
                    self.problem(where_value, error.code or "invalid", f"'{name}': {error.message}")
        return values

    def items(self, raw: Any, what: str, where: Where) -> list[tuple[Any, tuple[int, int]]]:
        """A non-empty list's items with their positions; a problem if it is not one."""
        if raw is None:
            return []
        if not isinstance(raw, Sequence) or not raw:
            self.problem(
                where, "wrong-type", f"{what} must be a non-empty list, not {_describe(raw)}"
            )
            return []
        return list(zip(raw, raw.positions, strict=True))


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, Sequence):
        return "a list"
    return f"'{value}'"


@dataclass(frozen=True)
class _Context:
    """What an indicator's observations take from the rest of the file."""

    zones: dict[str, ZoneRecord]  # by id; v1: one zone under the key ""
    sources: dict[str, tuple[Any, ...]]  # by id; the source columns' values
    version: int
    zone_rows: dict[int, tuple[Any, ...]] = field(default_factory=dict)  # made once a zone


def read_dataset(raw: Any, path: str) -> Contents:
    """Check a parsed document and turn it into rows; every problem, in file order."""
    walker = _Walker(path)
    zones: list[ZoneRecord] = []
    claims: list[RecordedClaim] = []
    if not isinstance(raw, Mapping):
        walker.problem((1, 1), "wrong-type", f"the dataset must be a mapping, not {_describe(raw)}")
    else:
        version = _version(walker, raw)
        if version is not None:
            context = _header(walker, raw, version)
            zones = list(context.zones.values())
            known = _indicators(walker, raw, context)
            if "claims" in raw:  # the claim grammar is read only for files that have claims
                from zonestats.io.yaml_claims import read_claims

                claims = read_claims(walker, raw, context.zones, version, known)
    walker.problems.sort(key=lambda p: (p.line or 0, p.col or 0))
    table = ObservationTable.empty([path])
    if walker.rows:
        columns = list(zip(*walker.rows, strict=True))
        table = ObservationTable(
            {name: list(values) for name, values in zip(_ROW, columns, strict=True)}, [path]
        )
    return Contents(table, zones, walker.problems, claims)


def _version(walker: _Walker, raw: Mapping) -> int | None:
    """The document's schema_version, or None (and a problem) when it cannot be known."""
    text = raw.get("schema_version")
    where = raw.value_positions.get("schema_version", (1, 1))
    if text is None:
        walker.problem(
            (raw.line, raw.col), "missing-field", "the dataset is missing 'schema_version'"
        )
        return 2 if "zones" in raw or "sources" in raw else 1
    if text.__class__ is str and text.strip(" ") in {str(v) for v in F.SCHEMA_VERSIONS}:
        return int(text)  # (not any whitespace str.strip knows: int() reads no \x1c)
    known = " and ".join(str(v) for v in F.SCHEMA_VERSIONS)
    message = f"schema_version {text} is not supported (this zonestats reads versions {known})"
    walker.problem(where, "unsupported-schema-version", message)
    return None


def _header(walker: _Walker, raw: Mapping, version: int) -> _Context:
    """The zones and sources a document defines, checked."""
    at = raw.value_positions.get
    if version == 1:
        walker.fields(raw, F.DATASET, "the dataset", (1, 1))
        zone = walker.fields(raw.get("zone"), F.ZONE, "zone", at("zone"))
        source = walker.fields(raw.get("source"), F.SOURCE, "source", at("source"))
        zones = {"": _zone_record(walker.path, zone, at("zone"))} if zone else {}
        sources = {"": _source_row(source)} if source else {}
        return _Context(zones, sources, 1)
    walker.fields(raw, F.DATASET_V2, "the dataset", (1, 1))
    zones_v2: dict[str, ZoneRecord] = {}
    for item, where in walker.items(raw.get("zones"), "'zones'", at("zones")):
        values = walker.fields(item, F.ZONE_V2, "a zone", where)
        if values and "id" in values and "name" in values:
            if values["id"] in zones_v2:
                message = f"duplicate zone id '{values['id']}'"
                walker.problem(where, "duplicate-id", message)
                continue
            values["aliases"] = _aliases(walker, item, values.get("aliases"))
            zones_v2[values["id"]] = _zone_record(walker.path, values, where)
    sources_v2: dict[str, tuple[Any, ...]] = {}
    for index, (item, where) in enumerate(
        walker.items(raw.get("sources"), "'sources'", at("sources"))
    ):
        values = walker.fields(item, F.SOURCE_V2, "a source", where)
        if values is None:
            continue
        key = values.get("id", f"#{index}")
        if key in sources_v2:
            walker.problem(where, "duplicate-id", f"duplicate source id '{key}'")
            continue
        sources_v2[key] = _source_row(values)
    return _Context(zones_v2, sources_v2, 2)


def _aliases(walker: _Walker, raw: Mapping, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    where = raw.value_positions.get("aliases")
    if not isinstance(value, Sequence) or any(
        v.__class__ is not str or not v.strip() for v in value
    ):
        walker.problem(where, "wrong-type", "'aliases' must be a list of names")
        return ()
    return tuple(value)


def _zone_record(path: str, values: dict[str, Any], where: Where) -> ZoneRecord:
    line, col = where if where else (None, None)
    return ZoneRecord(
        file=path,
        name=values.get("name", ""),
        id=values.get("id"),
        name_en=values.get("name_en"),
        province=values.get("province"),
        level=values.get("level"),
        aliases=values.get("aliases", ()),
        line=line,
        col=col,
    )


def _source_row(values: dict[str, Any] | None) -> tuple[Any, ...]:
    values = values or {}
    day = values.get("date")
    return (
        values.get("title"),
        values.get("publisher"),
        day.isoformat() if day else None,
        values.get("url"),
    )


def _indicators(walker: _Walker, raw: Mapping, context: _Context) -> dict[str, int]:
    """Every indicator and its observations; the ids, with the line each is first at."""
    first_line: dict[str, int] = {}
    for item, where in walker.items(
        raw.get("indicators"), "'indicators'", raw.value_positions.get("indicators")
    ):
        values = walker.fields(item, F.INDICATOR, "an indicator", where)
        if values is None:
            continue
        identifier = values.get("id")
        if identifier in first_line:
            message = (
                f"duplicate indicator id '{identifier}' (first at line {first_line[identifier]})"
            )
            walker.problem(where, "duplicate-id", message)
            continue
        if identifier is not None:
            first_line[identifier] = where[0]
        _observations(walker, item, values, context)
    return first_line


def _observations(
    walker: _Walker, raw: Mapping, indicator: dict[str, Any], context: _Context
) -> None:
    label = f"indicator '{indicator['id']}'" if "id" in indicator else "an indicator"
    spec = F.OBSERVATION if context.version == 1 else F.OBSERVATION_V2
    items = walker.items(
        indicator.pop("observations", None),
        f"'observations' of {label}",
        raw.value_positions.get("observations"),
    )
    complete = {"id", "name", "name_en", "category", "unit"} <= indicator.keys()
    zone_rows = context.zone_rows
    for item, where in items:
        values = walker.fields(item, spec, f"an observation of {label}", where)
        if values is None:
            continue
        zone = _reference(walker, item, values.get("zone"), context.zones, "zone", where)
        source = _reference(walker, item, values.get("source"), context.sources, "source", where)
        row = _observation(walker, item, values, indicator)
        if row is not None and complete and zone is not None and source is not None:
            columns = zone_rows.get(id(zone))
            if columns is None:
                columns = zone_rows[id(zone)] = zone_row(zone)
            walker.rows.append(_row(indicator, values, row, columns, source, where))


def _reference(
    walker: _Walker, raw: Mapping, given: str | None, known: dict[str, Any], what: str, where: Where
) -> Any:
    """The zone or source an observation names, or the file's only one."""
    if given is None:
        if what in raw:
            return None  # named, but not with an id (a problem said already)
        if len(known) == 1:
            return next(iter(known.values()))
        if known:
            message = f"an observation is missing '{what}' (the file has {len(known)} {what}s)"
            walker.problem(where, "missing-field", message)
        return None
    if given in known:
        return known[given]
    import difflib

    ids = [k for k in known if not k.startswith("#")]
    close = difflib.get_close_matches(str(given), ids, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    listed = ", ".join(ids) or "none with an id"
    message = f"'{what}': no {what} '{given}' in this file (known: {listed}){hint}"
    walker.problem(raw.value_positions[what], f"unknown-{what}", message)
    return None


def _observation(
    walker: _Walker, raw: Mapping, values: dict[str, Any], indicator: dict[str, Any]
) -> tuple[float, str, int | None] | None:
    """Apply the observation rules to what the observation has; its value, qualifier and
    out_of, or None when it breaks a rule or lacks a field."""
    written = values.get("value")
    reading = None
    ok = {"period", "value", "quote"} <= values.keys()
    if written is not None:
        try:
            reading = read_written(written)
        except ZonestatsError as error:
            walker.problem(raw.value_positions["value"], error.code or "invalid", error.message)
            ok = False
    out_of = values.get("out_of", indicator.get("out_of"))
    value, qualifier = resolved(reading, values.get("number"), values.get("qualifier"))
    stated = values.get("qualifier")
    inputs = {
        "written": written,
        "quote": values.get("quote"),
        "read_value": reading.value if reading else None,
        "read_unit": reading.unit if reading else None,
        "read_qualifier": reading.qualifier.value if reading else None,
        "number": values.get("number"),
        "value": value,
        "unit": indicator.get("unit"),
        "qualifier": stated.value if stated is not None else None,
        "out_of": out_of,
    }
    for rule in RULES:
        arguments = [inputs[name] for name in rule.inputs]
        if None in arguments or rule.holds(*arguments):
            continue
        key = _KEY_OF.get(rule.at, "value")
        at = raw.value_positions.get(key, raw.value_positions.get("value", (raw.line, raw.col)))
        walker.problem(at, rule.code, rule.message(inputs))
        ok = False
    return (value, qualifier.value, out_of) if ok else None


_ORDER = (
    "zone", "indicator", "name", "name_en", "category", "period", "value", "unit",
    "qualifier", "written", "quote", "period_note", "better", "out_of", "note", "zone_id",
    "zone_name_en", "zone_aliases", "province", "level", *SOURCE_COLUMNS, *INTERNAL,
)  # fmt: skip
if _ORDER != _ROW:  # pragma: no cover - the row below is written in this order
    raise AssertionError("_row must follow COLUMNS and INTERNAL")


def _row(
    indicator: dict[str, Any],
    values: dict[str, Any],
    read: tuple[float, str, int | None],
    zone: tuple[Any, ...],
    source: tuple[Any, ...],
    where: tuple[int, int],
) -> tuple[Any, ...]:
    """An observation as a row of the observations table, in _ORDER: the zone as zone_row
    gives it, the source's columns. Written out, not built by name: a dataset of a hundred
    thousand indicators makes hundreds of thousands of rows."""
    zone_id, name, name_en, aliases, province, level = zone
    better = indicator.get("better")
    value, qualifier, out_of = read
    return (
        name,
        indicator["id"],
        indicator["name"],
        indicator["name_en"],
        indicator["category"],
        values["period"],
        value,
        indicator["unit"],
        qualifier,
        values["value"],
        values["quote"],
        values.get("period_note"),
        better.value if better else None,
        out_of,
        values.get("note"),
        zone_id,
        name_en,
        aliases,
        province,
        level,
        *source,
        0,
        where[0],
        where[1],
        span(values["period"]),
        True,
        False,
    )
