"""The dataset schema: one table of fields that both validates a file and yields its JSON Schema."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from zonestats.errors import Problem, ZonestatsError
from zonestats.io.tree import Mapping, Sequence
from zonestats.model.dataset import (
    SCHEMA_VERSION,
    Better,
    Dataset,
    Indicator,
    Level,
    Observation,
    Source,
    Zone,
    parse_period,
)
from zonestats.model.quantity import Qualifier, parse_quantity, plain_number

MAX_QUOTE = 200
"""Quotes are short verbatim clauses, never passages of the article."""

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[0-9]+$")
_PERIOD = r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"


@dataclass(frozen=True, slots=True)
class Field:
    """One field of an object: how to check and convert it, and how to describe it."""

    name: str
    description: str
    convert: Callable[[str], Any] | None = None  # None: a nested object or list
    json: dict[str, Any] | None = None
    required: bool = True


def _text(value: str) -> str:
    if not value.strip():
        raise ZonestatsError("must not be blank")
    return value


def _identifier(value: str) -> str:
    if not _ID.match(value):
        raise ZonestatsError(f"'{value}' is not a snake_case id (a-z, 0-9, _; a letter first)")
    return value


def _integer(value: str) -> int:
    if not _INTEGER.match(value):
        raise ZonestatsError(f"'{value}' is not a whole number")
    return int(value)


_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$")


def _number(value: str) -> float:
    if not _NUMBER.match(value):
        raise ZonestatsError(f"'{value}' is not a plain number (8000000, 2.5, 8.2e9)")
    return float(value)


def _date(value: str) -> date:
    try:
        if not _DATE.match(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ZonestatsError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def _choice(kind: type[Any]) -> Callable[[str], Any]:
    def convert(value: str) -> Any:
        try:
            return kind(value)
        except ValueError:
            options = ", ".join(member.value for member in kind)
            message = f"unknown {kind.__name__.lower()} '{value}' (one of: {options})"
            raise ZonestatsError(message) from None

    return convert


_STRING = {"type": "string", "minLength": 1}
_WHOLE = {"type": ["integer", "string"], "minimum": 0, "pattern": r"^[0-9]+$"}


def _enum(kind: type[Any]) -> dict[str, Any]:
    return {"type": "string", "enum": [member.value for member in kind]}


ZONE = (
    Field("name", "Chinese name of the zone, e.g. 荆州开发区", _text, _STRING),
    Field("name_en", "English name", _text, _STRING),
    Field("province", "Province, e.g. 湖北省", _text, _STRING),
    Field("level", "Administrative level", _choice(Level), _enum(Level)),
)
SOURCE = (
    Field("title", "Title of the report", _text, _STRING),
    Field("publisher", "Who published it, e.g. 湖北文明网", _text, _STRING),
    Field("date", "Publication date, YYYY-MM-DD", _date, {"type": "string", "format": "date"}),
    Field("url", "Where the report can be read", _text, _STRING, required=False),
)
OBSERVATION = (
    Field(
        "period",
        "Year (2020), month (2021-05), date (2021-02-03) or range (2021-01/2021-05)",
        _text,
        {"type": ["string", "integer"], "pattern": _PERIOD},
    ),
    Field(
        "value",
        "The figure as the report writes it (800万台, 100多家, 90%以上) or a plain number",
        _text,
        {"type": ["string", "number"]},
    ),
    Field(
        "number",
        "The value in base units as a plain number (800万台 -> 8000000); checked against value",
        _number,
        {"type": ["number", "string"], "pattern": _NUMBER.pattern},
        required=False,
    ),
    Field(
        "qualifier",
        "How the figure bounds the truth; by default what the value's wording says",
        _choice(Qualifier),
        _enum(Qualifier),
        required=False,
    ),
    Field("quote", "The verbatim clause of the report the figure comes from", _text, _STRING),
    Field(
        "period_note",
        "How the period was worked out when the report does not write it (4年前 of 2020)",
        _text,
        _STRING,
        required=False,
    ),
    Field("note", "Anything else a reader should know", _text, _STRING, required=False),
)
INDICATOR = (
    Field("id", "Stable snake_case id", _identifier, {"type": "string", "pattern": _ID.pattern}),
    Field("name", "Chinese name", _text, _STRING),
    Field("name_en", "English name", _text, _STRING),
    Field(
        "category",
        "Category id: ranking, industry, investment, innovation, party_building, ...",
        _identifier,
        {"type": "string", "pattern": _ID.pattern},
    ),
    Field("unit", "The counted unit after any magnitude: 台, 元, 家, 个, %, 位", _text, _STRING),
    Field("better", "Which way is better, where one is", _choice(Better), _enum(Better), False),
    Field("out_of", "For a rank: how many were ranked", _integer, _WHOLE, required=False),
    Field("note", "Anything else a reader should know", _text, _STRING, required=False),
    Field("observations", "One entry per figure", required=True),
)
DATASET = (
    Field(
        "schema_version",
        "Version of this schema",
        _integer,
        {"type": ["integer", "string"], "enum": [SCHEMA_VERSION, str(SCHEMA_VERSION)]},
    ),
    Field("zone", "The development zone"),
    Field("source", "The report the figures come from"),
    Field("indicators", "The figures, grouped by what they measure"),
)


_NAMES: dict[int, frozenset[str]] = {}


def _names(fields: tuple[Field, ...]) -> frozenset[str]:
    """The field names of one of the module's field tables, computed once."""
    names = _NAMES.get(id(fields))
    if names is None:
        names = _NAMES[id(fields)] = frozenset(f.name for f in fields)
    return names


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dataset, for editors and other tools."""

    def obj(fields: tuple[Field, ...], nested: dict[str, Any]) -> dict[str, Any]:
        properties = {
            f.name: {**(f.json or nested[f.name]), "description": f.description} for f in fields
        }
        return {
            "type": "object",
            "properties": properties,
            "required": [f.name for f in fields if f.required],
            "additionalProperties": False,
        }

    observation = obj(OBSERVATION, {})
    indicator = obj(
        INDICATOR, {"observations": {"type": "array", "minItems": 1, "items": observation}}
    )
    schema = obj(
        DATASET,
        {
            "zone": obj(ZONE, {}),
            "source": obj(SOURCE, {}),
            "indicators": {"type": "array", "minItems": 1, "items": indicator},
        },
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "zonestats dataset",
        **schema,
    }


class _Checker:
    """Walks the raw document once, collecting every problem with its line and column."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, where: tuple[int, int] | None, message: str) -> None:
        line, col = where if where else (None, None)
        self.problems.append(Problem(self.path, message, line, col))

    def fields(
        self, raw: Any, fields: tuple[Field, ...], what: str, where: tuple[int, int] | None
    ) -> dict[str, Any] | None:
        """Check an object's fields; return the converted scalars, or None if it is no mapping."""
        if not isinstance(raw, Mapping):
            self.problem(where, f"{what} must be a mapping of fields, not {_describe(raw)}")
            return None
        known = _names(fields)
        if not raw.keys() <= known:
            for key in raw:
                if key not in known:
                    hint = ", ".join(sorted(known))
                    message = f"unknown field '{key}' in {what} (known: {hint})"
                    self.problem(raw.positions[key], message)
        values: dict[str, Any] = {}
        for field in fields:
            name = field.name
            value = raw.get(name)
            if value is None:
                if field.required:
                    self.problem((raw.line, raw.col), f"{what} is missing '{name}'")
                continue
            convert = field.convert
            if convert is None:
                values[name] = value
                continue
            if value.__class__ is not str:
                at = raw.value_positions[name]
                self.problem(at, f"'{name}' must be a single value, not {_describe(value)}")
                continue
            try:
                values[name] = convert(value)
            except ZonestatsError as error:
                self.problem(raw.value_positions[name], f"'{name}': {error.message}")
        return values

    def dataset(self, raw: Any) -> Dataset | None:
        top = self.fields(raw, DATASET, "the dataset", (1, 1))
        if top is None:
            return None
        assert isinstance(raw, Mapping)
        at = raw.value_positions.get
        zone = self.fields(top.get("zone"), ZONE, "zone", at("zone"))
        source = self.fields(top.get("source"), SOURCE, "source", at("source"))
        if "schema_version" in top and top["schema_version"] != SCHEMA_VERSION:
            self.problem(
                raw.value_positions["schema_version"],
                f"schema_version {top['schema_version']} is not supported "
                f"(this zonestats reads version {SCHEMA_VERSION})",
            )
        indicators = self.indicators(top.get("indicators"), at("indicators"))
        if self.problems or zone is None or source is None:
            return None
        return Dataset(Zone(**zone), Source(**source), tuple(indicators))

    def indicators(self, raw: Any, where: tuple[int, int] | None) -> list[Indicator]:
        if raw is None:
            return []
        if not isinstance(raw, Sequence) or not raw:
            self.problem(where, f"'indicators' must be a non-empty list, not {_describe(raw)}")
            return []
        result: list[Indicator] = []
        first_line: dict[str, int] = {}
        for item, at in zip(raw, raw.positions, strict=True):
            indicator = self.indicator(item, at)
            if indicator is None:
                continue
            if indicator.id in first_line:
                first = first_line[indicator.id]
                self.problem(at, f"duplicate indicator id '{indicator.id}' (first at line {first})")
                continue
            first_line[indicator.id] = at[0]
            result.append(indicator)
        return result

    def indicator(self, raw: Any, where: tuple[int, int]) -> Indicator | None:
        values = self.fields(raw, INDICATOR, "an indicator", where)
        if values is None:
            return None
        assert isinstance(raw, Mapping)
        label = f"indicator '{values['id']}'" if "id" in values else "an indicator"
        observations: list[Observation] = []
        raw_obs = values.pop("observations", None)
        if raw_obs is not None and (not isinstance(raw_obs, Sequence) or not raw_obs):
            self.problem(
                raw.value_positions["observations"],
                f"'observations' of {label} must be a non-empty list, not {_describe(raw_obs)}",
            )
        elif raw_obs is not None:
            seen: dict[tuple[str, Qualifier], int] = {}
            for item, at in zip(raw_obs, raw_obs.positions, strict=True):
                observation = self.observation(item, at, values, label)
                if observation is None:
                    continue
                key = (observation.period.text, observation.qualifier)
                if key in seen:
                    self.problem(
                        at,
                        f"{label} has two {key[1].value} observations for period {key[0]} "
                        f"(first at line {seen[key]})",
                    )
                seen.setdefault(key, at[0])
                observations.append(observation)
        needed = {"id", "name", "name_en", "category", "unit"}
        if not needed <= values.keys() or not observations:
            return None
        if values.get("out_of") is not None and values.get("better") is None:
            values["better"] = Better.LOWER
        return Indicator(observations=tuple(observations), line=where[0], **values)

    def observation(
        self, raw: Any, where: tuple[int, int], indicator: dict[str, Any], label: str
    ) -> Observation | None:
        values = self.fields(raw, OBSERVATION, f"an observation of {label}", where)
        if values is None or not {"period", "value", "quote"} <= values.keys():
            return None
        assert isinstance(raw, Mapping)
        ok = True
        try:
            period = parse_period(values["period"])
        except ZonestatsError as error:
            self.problem(raw.value_positions["period"], error.message)
            ok = False
        written, quote = values["value"], values["quote"]
        value_at = raw.value_positions["value"]
        try:
            quantity = parse_quantity(written)
        except ZonestatsError as error:
            self.problem(value_at, f"cannot read value '{written}': {error.message}")
            return None
        if written not in quote:
            self.problem(value_at, f"value '{written}' does not appear in its quote '{quote}'")
            ok = False
        if len(quote) > MAX_QUOTE:
            self.problem(
                raw.value_positions["quote"],
                f"quote is {len(quote)} characters; keep it to the clause (at most {MAX_QUOTE})",
            )
            ok = False
        number = values.get("number")
        if number is not None and not math.isclose(number, quantity.value, rel_tol=1e-9):
            self.problem(
                raw.value_positions["number"],
                f"number {raw['number']} does not match value '{written}', "
                f"which reads as {plain_number(quantity.value)}",
            )
            ok = False
        unit = indicator.get("unit")
        if quantity.unit is not None and unit is not None and quantity.unit != unit:
            self.problem(
                value_at,
                f"value '{written}' is counted in {quantity.unit} but {label} is in {unit}",
            )
            ok = False
        qualifier = values.get("qualifier", quantity.qualifier)
        if quantity.qualifier is not Qualifier.EXACT and qualifier is not quantity.qualifier:
            self.problem(
                raw.value_positions.get("qualifier", value_at),
                f"qualifier '{qualifier}' contradicts value '{written}', which reads as "
                f"'{quantity.qualifier}'",
            )
            ok = False
        out_of = indicator.get("out_of")
        if out_of is not None and quantity.value > out_of:
            self.problem(value_at, f"rank {written} is beyond out_of {out_of} of {label}")
            ok = False
        if not ok:
            return None
        return Observation(
            period=period,
            value=quantity.value,
            written=written,
            qualifier=qualifier,
            quote=quote,
            period_note=values.get("period_note"),
            line=where[0],
        )


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, Sequence):
        return "a list"
    return f"'{value}'"


def check(raw: Any, path: str) -> tuple[Dataset | None, list[Problem]]:
    """Validate a parsed document; the Dataset when there are no problems, and every problem."""
    checker = _Checker(path)
    dataset = checker.dataset(raw)
    return dataset, checker.problems
