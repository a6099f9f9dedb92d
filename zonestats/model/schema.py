"""The JSON Schema of a dataset file, both shapes, made from the field tables of
zonestats.model.fields (`zonestats schema` prints it)."""

from __future__ import annotations

from typing import Any

from zonestats.model.fields import (
    CLAIM,
    CLAIM_V2,
    DATASET,
    DATASET_V2,
    INDICATOR,
    OBSERVATION,
    OBSERVATION_V2,
    SOURCE,
    SOURCE_V2,
    ZONE,
    ZONE_V2,
    Field,
)


def _object(fields: tuple[Field, ...], nested: dict[str, Any]) -> dict[str, Any]:
    properties = {
        f.name: {**(f.json or nested[f.name]), "description": f.description} for f in fields
    }
    return {
        "type": "object",
        "properties": properties,
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def _list_of(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "minItems": 1, "items": item}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dataset file, both shapes (schema_version 1
    and 2), for editors and other tools."""
    v1 = _object(
        DATASET,
        {
            "zone": _object(ZONE, {}),
            "source": _object(SOURCE, {}),
            "indicators": _list_of(
                _object(INDICATOR, {"observations": _list_of(_object(OBSERVATION, {}))})
            ),
            "claims": _list_of(_object(CLAIM, {})),
        },
    )
    v2 = _object(
        DATASET_V2,
        {
            "zones": _list_of(_object(ZONE_V2, {})),
            "sources": _list_of(_object(SOURCE_V2, {})),
            "indicators": _list_of(
                _object(INDICATOR, {"observations": _list_of(_object(OBSERVATION_V2, {}))})
            ),
            "claims": _list_of(_object(CLAIM_V2, {})),
        },
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "zonestats dataset",
        "oneOf": [
            {"title": "schema_version 2: several zones and sources", **v2},
            {"title": "schema_version 1: one zone, one source", **v1},
        ],
    }
