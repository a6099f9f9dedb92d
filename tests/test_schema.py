"""The JSON Schema printed by `zonestats schema` agrees with the validator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from zonestats.io.inputs import problems
from zonestats.io.text import read_text
from zonestats.io.yaml_parser import read_yaml
from zonestats.model.schema import json_schema

from .conftest import FIXTURES


def _document(path: Path) -> object:
    data, found = read_yaml(read_text(path), str(path))
    assert found == []
    return data


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


@pytest.mark.parametrize("name", ["bundled", "minimal"])
def test_valid_datasets_match_the_schema(name: str, dataset_path: Path) -> None:
    path = dataset_path if name == "bundled" else FIXTURES / "minimal.yaml"
    jsonschema.validate(_document(path), json_schema())


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    unit: 位\n", ""),
        ("    unit: 位\n", "    unit: 位\n    colour: red\n"),
        ("level: national", "level: county"),
        ("  - id: signed_projects", "  - id: Signed-Projects"),
        ('period: "2019"', "period: 2019年"),
        ("out_of: 230", "out_of: many"),
        ("        value: 第73位\n", "        value: 第73位\n        qualifier: roughly\n"),
    ],
)
def test_schema_and_validator_reject_the_same_structure(
    old: str, new: str, minimal_text: str, write_file: Callable[..., Path]
) -> None:
    path = write_file(minimal_text.replace(old, new, 1))
    assert problems(path)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_document(path), json_schema())
