"""The fields of a dataset: one table per object, each field with its converter (which checks
and reads a value written as text) and its JSON Schema. The YAML reader, the long-table
reader and `zonestats schema` (zonestats.model.schema) are all driven by these tables."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from zonestats.errors import invalid
from zonestats.model.period import parse_period
from zonestats.model.placeholders import NO_PLACEHOLDER, PLACEHOLDER_STARTS, refuse_placeholder
from zonestats.model.quantity import Qualifier
from zonestats.model.terms import Better, Level

SCHEMA_VERSIONS = (1, 2)
"""The dataset shapes this zonestats reads: 1, one zone and one source per file; 2, any
number of zones and sources, observations naming theirs."""

ALIAS_SEPARATOR = "|"
"""Between a zone's other names in a long table's zone_aliases column."""

MAX_QUOTE = 200
"""Quotes are short verbatim clauses, never passages of a report."""

_ID = re.compile(r"[a-z][a-z0-9_]*", re.ASCII)
_INTEGER = re.compile(r"[0-9]{1,12}", re.ASCII)
_NUMBER = re.compile(r"-?[0-9]{1,30}(?:\.[0-9]{1,30})?(?:[eE][-+]?[0-9]{1,3})?", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_PERIOD = r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"

if TYPE_CHECKING:
    from zonestats.model.claims import StatedClaim

Converter = Callable[[str], Any]


def text(value: str) -> str:
    """Any text but an empty or blank one, or a placeholder a draft left."""
    if not value.strip():
        raise invalid("blank-value", "must not be blank")
    if value[0] in PLACEHOLDER_STARTS:
        refuse_placeholder(value)
    return value


def label(value: str) -> str:
    """Text that names something (a zone, an indicator, a unit): as any text, and with no
    space at either end, which would make it another name that looks the same."""
    text(value)
    if value != value.strip():
        end = "begins" if value[:1].isspace() else "ends"
        message = f"'{value}' {end} with a space: another name than the same without it"
        raise invalid("space-at-edge", message)
    return value


def identifier(value: str) -> str:
    """A snake_case id: a-z, 0-9 and _, a letter first."""
    if value[:1] in PLACEHOLDER_STARTS:
        refuse_placeholder(value)
    if not _ID.fullmatch(value):
        raise invalid("bad-id", f"'{value}' is not a snake_case id (a-z, 0-9, _; a letter first)")
    return value


def whole(value: str) -> int:
    """A whole number of at least 1, in ASCII digits."""
    if not _INTEGER.fullmatch(value) or int(value) < 1:
        raise invalid("not-a-whole-number", f"'{value}' is not a whole number of 1 or more")
    return int(value)


def number(value: str) -> float:
    """A plain number in ASCII digits: 8000000, 2.5, 8.2e9 (and within float range)."""
    if not _NUMBER.fullmatch(value) or not math.isfinite(float(value)):
        raise invalid("not-a-number", f"'{value}' is not a plain number (8000000, 2.5, 8.2e9)")
    return float(value)


def day(value: str) -> date:
    """A date, YYYY-MM-DD."""
    if value[:1] in PLACEHOLDER_STARTS:
        refuse_placeholder(value)
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise invalid("bad-date", f"'{value}' is not a date (YYYY-MM-DD)") from None


def period(value: str) -> str:
    """A period as the dataset writes it (checked; kept as text)."""
    parse_period(value)
    return value


def quote(value: str) -> str:
    """A verbatim clause: not blank, at most MAX_QUOTE characters."""
    text(value)
    if len(value) > MAX_QUOTE:
        raise invalid(
            "quote-too-long",
            f"quote is {len(value)} characters; keep it to the clause (at most {MAX_QUOTE})",
        )
    return value


def choice(kind: type[Any], code: str, what: str) -> Converter:
    """One of an enumeration's values."""
    options = ", ".join(member.value for member in kind)

    def convert(value: str) -> Any:
        try:
            return kind(value)
        except ValueError:
            raise invalid(code, f"unknown {what} '{value}' (one of: {options})") from None

    return convert


SURELY_VALID: dict[Converter, tuple[str, ...]] = {
    text: (r"[\p{L}\p{N}]", "^[^(?]"),
    label: (r"^[^\s\p{Z}\p{C}(?]", r"[^\s\p{Z}\p{C}]$"),
    quote: (r"[\p{L}\p{N}]", rf"^(?s:.){{1,{MAX_QUOTE}}}$", "^[^(?]"),
    identifier: ("^" + _ID.pattern + "$",),
    number: (r"^-?[0-9]{1,15}(?:\.[0-9]{1,15})?$",),
    whole: (r"^[0-9]{1,12}$", r"[1-9]"),
}
"""Patterns (RE2, for checking a column at once) that a value matching all of surely passes
its converter: a letter or a digit is never blank, a clause of 200 characters is not too
long, a text that starts with neither ( nor ? is no placeholder; a label that neither
starts nor ends with a space (or a control character) is not blank either (small classes:
a pattern is compiled for each column). A sufficient condition, never the rule itself:
other values go to the converter."""


def claim(value: str) -> StatedClaim:
    """A growth claim as written (年均增长24%), read by the claim grammar (imported when a
    dataset has claims, not at every start)."""
    from zonestats.model.claims import read_claim

    return read_claim(text(value))


qualifier = choice(Qualifier, "unknown-qualifier", "qualifier")
direction = choice(Better, "unknown-direction", "better")
level = choice(Level, "unknown-level", "level")


@dataclass(frozen=True)
class Field:
    """One field of an object: how to check and read it, and how to describe it."""

    name: str
    description: str
    convert: Converter | None = None  # None: a nested object or a list
    json: dict[str, Any] | None = None
    required: bool = True


_STRING = {"type": "string", "minLength": 1, "pattern": NO_PLACEHOLDER}
_WHOLE = {"type": ["integer", "string"], "minimum": 1, "pattern": r"^[0-9]+$"}
_ID_JSON = {"type": "string", "pattern": "^" + _ID.pattern + "$"}


def _enum(kind: type[Any]) -> dict[str, Any]:
    return {"type": "string", "enum": [member.value for member in kind]}


def _version(version: int) -> Field:
    return Field(
        "schema_version",
        "Version of the dataset's shape",
        None,
        {"type": ["integer", "string"], "enum": [version, str(version)]},
    )


ZONE_NAME = Field("name", "Chinese name of the zone, e.g. 荆州开发区", label, _STRING)
ZONE_PROVINCE = Field("province", "Province, e.g. 湖北省", text, _STRING)
ZONE_LEVEL = Field("level", "Administrative level", level, _enum(Level))
ZONE = (
    ZONE_NAME,
    Field("name_en", "English name", text, _STRING),
    ZONE_PROVINCE,
    ZONE_LEVEL,
)
ZONE_V2 = (
    Field("id", "Stable snake_case id of the zone, the same in every file", identifier, _ID_JSON),
    ZONE_NAME,
    Field("name_en", "English name", text, _STRING, required=False),
    Field(
        "aliases",
        "Other names of the zone in reports (荆州经济技术开发区 for 荆州开发区)",
        None,
        {"type": "array", "items": _STRING},
        required=False,
    ),
    ZONE_PROVINCE,
    ZONE_LEVEL,
)
SOURCE = (
    Field("title", "Title of the report", text, _STRING),
    Field("publisher", "Who published it, e.g. 湖北文明网", text, _STRING),
    Field(
        "date",
        "Publication date, YYYY-MM-DD",
        day,
        {"type": "string", "format": "date", "pattern": "^" + _DATE.pattern + "$"},
    ),
    Field("url", "Where the report can be read", text, _STRING, required=False),
)
SOURCE_V2 = (
    Field(
        "id",
        "Snake_case id that observations name (needed when there are several sources)",
        identifier,
        _ID_JSON,
        required=False,
    ),
    *SOURCE,
)
OBSERVATION = (
    Field(
        "period",
        "Year (2020), month (2021-05), date (2021-02-03) or range (2021-01/2021-05)",
        period,
        {"type": ["string", "integer"], "pattern": _PERIOD},
    ),
    Field(
        "value",
        "The figure as the report writes it (800万台, 100多家, 90%以上) or a plain number",
        text,
        {"type": ["string", "number"]},
    ),
    Field(
        "number",
        "The value in base units as a plain number (800万台 -> 8000000); checked against value",
        number,
        {"type": ["number", "string"], "pattern": "^" + _NUMBER.pattern + "$"},
        required=False,
    ),
    Field(
        "qualifier",
        "How the figure bounds the truth; by default what the value's wording says",
        qualifier,
        _enum(Qualifier),
        required=False,
    ),
    Field("quote", "The verbatim clause of the report the figure comes from", quote, _STRING),
    Field(
        "period_note",
        "How the period was worked out when the report does not write it (4年前 of 2020)",
        text,
        _STRING,
        required=False,
    ),
    Field("note", "Anything else a reader should know", text, _STRING, required=False),
)
OBSERVATION_V2 = (
    Field(
        "zone",
        "Id of the zone (needed when the file has several zones)",
        identifier,
        _ID_JSON,
        required=False,
    ),
    Field(
        "source",
        "Id of the source (needed when the file has several sources)",
        identifier,
        _ID_JSON,
        required=False,
    ),
    *OBSERVATION,
    Field(
        "out_of",
        "For a rank: how many places were ranked in this period (overrides the indicator's)",
        whole,
        _WHOLE,
        required=False,
    ),
)
INDICATOR = (
    Field("id", "Stable snake_case id", identifier, _ID_JSON),
    Field("name", "Chinese name", label, _STRING),
    Field("name_en", "English name", text, _STRING),
    Field(
        "category",
        "Category id: ranking, industry, investment, innovation, party_building, ...",
        identifier,
        _ID_JSON,
    ),
    Field("unit", "The counted unit after any magnitude: 台, 元, 家, 个, %, 位", label, _STRING),
    Field("better", "Which way is better, where one is", direction, _enum(Better), False),
    Field(
        "out_of",
        "For a rank: how many were ranked, for every observation that gives none",
        whole,
        _WHOLE,
        required=False,
    ),
    Field("note", "Anything else a reader should know", text, _STRING, required=False),
    Field("observations", "One entry per figure", required=True),
)
_PERIOD_FIELD = {"type": ["string", "integer"], "pattern": _PERIOD}
CLAIM = (
    Field("quote", "The verbatim clause of the report that states the claim", quote, _STRING),
    Field(
        "stated",
        "The claim as written: 年均增长24%, 增长20%, 翻一番, 增长3倍, 提高2个百分点, with the span "
        "it names (2016年至2020年年均增长24%); it must stand in the quote",
        claim,
        _STRING,
    ),
    Field("indicator", "Id of the indicator it speaks of (of this file)", identifier, _ID_JSON),
    Field("from", "Period it counts from (default: the indicator's first)", period, _PERIOD_FIELD,
          required=False),
    Field("to", "Period it counts to (default: the indicator's last)", period, _PERIOD_FIELD,
          required=False),
)  # fmt: skip
CLAIM_V2 = (
    *CLAIM,
    Field("zone", "Id of the zone (needed when the file has several)", identifier, _ID_JSON, False),
)
_CLAIMS = Field("claims", "Growth claims the report states, checked by `zonestats check`", None,
                required=False)  # fmt: skip
DATASET = (
    _version(1),
    Field("zone", "The development zone"),
    Field("source", "The report the figures come from"),
    Field("indicators", "The figures, grouped by what they measure"),
    _CLAIMS,
)
DATASET_V2 = (
    _version(2),
    Field("zones", "The development zones the figures are about"),
    Field("sources", "The reports the figures come from"),
    Field("indicators", "The figures, grouped by what they measure"),
    _CLAIMS,
)

_NAMES: dict[int, frozenset[str]] = {}


def names(fields: tuple[Field, ...]) -> frozenset[str]:
    """The field names of one of the module's field tables, computed once."""
    found = _NAMES.get(id(fields))
    if found is None:
        found = _NAMES[id(fields)] = frozenset(f.name for f in fields)
    return found


def _field(fields: tuple[Field, ...], name: str) -> Field:
    return next(f for f in fields if f.name == name)


COLUMN_FIELDS: dict[str, Field] = {
    "zone": ZONE_NAME,
    "indicator": _field(INDICATOR, "id"),
    "name": _field(INDICATOR, "name"),
    "name_en": _field(INDICATOR, "name_en"),
    "category": _field(INDICATOR, "category"),
    "period": _field(OBSERVATION, "period"),
    "value": _field(OBSERVATION, "number"),
    "unit": _field(INDICATOR, "unit"),
    "qualifier": _field(OBSERVATION, "qualifier"),
    "written": _field(OBSERVATION, "value"),
    "quote": _field(OBSERVATION, "quote"),
    "period_note": _field(OBSERVATION, "period_note"),
    "better": _field(INDICATOR, "better"),
    "out_of": _field(OBSERVATION_V2, "out_of"),
    "note": _field(OBSERVATION, "note"),
    "zone_id": _field(ZONE_V2, "id"),
    "zone_name_en": _field(ZONE_V2, "name_en"),
    "zone_aliases": Field(
        "zone_aliases", "The zone's other names, separated by " + ALIAS_SEPARATOR, text, _STRING
    ),
    "province": ZONE_PROVINCE,
    "level": ZONE_LEVEL,
    "source_title": _field(SOURCE, "title"),
    "source_publisher": _field(SOURCE, "publisher"),
    "source_date": _field(SOURCE, "date"),
    "source_url": _field(SOURCE, "url"),
}
"""Each column of a long table, read and checked by the field it holds in a YAML dataset
(a table's `value` is the YAML `number`, its `written` the YAML `value`)."""

REQUIRED_COLUMNS = ("indicator", "period", "value", "unit")
"""A long table's columns that must be there; the others have defaults."""
