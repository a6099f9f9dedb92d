"""What is piped in (`-d -`) and files named without an extension are read as what they
hold: a YAML dataset, or a long table in any format, told by their first bytes."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT

FORMATS = ["yaml", "csv", "tsv", "jsonl", "json", "parquet"]


def _piped(args: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
    """zonestats run with ``data`` on its standard input, as a pipe."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "zonestats", *args], input=data, capture_output=True, env=env
    )


def _written(cli: Callable[..., Any], tmp_path: Path, form: str) -> bytes:
    """The bundled dataset, or its observations as a long table in one format."""
    if form == "yaml":
        return (ROOT / "data" / "article.yaml").read_bytes()
    path = tmp_path / f"all.{form}"
    cli("export", "-o", str(path))
    return path.read_bytes()


@pytest.mark.parametrize("form", FORMATS)
def test_a_piped_input_is_read_as_what_it_holds(
    cli: Callable[..., Any], tmp_path: Path, form: str
) -> None:
    expected = cli("compare", "--csv").stdout
    done = _piped(["compare", "-d", "-", "--csv"], _written(cli, tmp_path, form))
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode("utf-8") == expected


@pytest.mark.parametrize("form", FORMATS)
def test_a_file_without_an_extension_is_read_as_what_it_holds(
    cli: Callable[..., Any], tmp_path: Path, form: str
) -> None:
    expected = cli("compare", "--csv").stdout
    path = tmp_path / "observations"
    path.write_bytes(_written(cli, tmp_path, form))
    assert cli("compare", "-d", str(path), "--csv").stdout == expected


def test_a_problem_of_a_piped_table_is_said_at_its_line() -> None:
    table = "zone,indicator,period,value,unit\n甲区,r,2020,1,家\n\n甲区,r,2021,many,家\n"
    done = _piped(["validate", "-"], table.encode())
    assert done.returncode == 1
    expected = "/dev/stdin:4: value 'many' is not a number [not-a-number]\n"
    assert done.stdout.decode("utf-8") == expected


def test_a_piped_table_compressed_is_refused_with_what_to_do() -> None:
    table = b"zone,indicator,period,value,unit\n\xe7\x94\xb2\xe5\x8c\xba,r,2020,1,x\n"
    done = _piped(["validate", "-"], gzip.compress(table))
    assert done.returncode == 1
    assert b"compressed with gzip: unpack it first" in done.stdout
    assert b"[unknown-input-kind]" in done.stdout


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("zone: 甲区\nindicators: []\n", "the dataset is missing 'schema_version'"),
        ("name: a, b\n", "unknown field 'name' in the dataset"),  # a comma names no column
        ("# zone, indicator, period\nzone: 甲区\n", "the dataset is missing 'schema_version'"),
        ("note: 甲区, indicator\n", "unknown field 'note' in the dataset"),  # a key: YAML
        ("甲区,乙区\n1,2\n", "the dataset must be a mapping"),  # no column of ours: YAML
        ("zone;indicator\n", "the dataset must be a mapping"),
        ("zone,乙区\n1,2\n", "notes:1: unknown column 乙区"),  # a column of ours: a table
        ("zone\tindicator\n", "notes:1: missing columns period, value, unit"),
    ],
)
def test_a_file_without_an_extension_is_a_table_where_its_header_names_a_column(
    cli: Callable[..., Any], tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "notes"
    path.write_text(text, encoding="utf-8")
    result = cli("validate", str(path), expect=1)
    assert said in result.stdout.replace(str(path), "notes")


@pytest.mark.parametrize("command", [["validate", "-"], ["compare", "--csv", "-d", "-"]])
def test_a_piped_input_over_the_limit_is_said_to_be(command: list[str]) -> None:
    """Its first bytes, read to tell what it holds, are the limit's worth: the rest is not
    read again as if it were the input (a YAML dataset from the middle of a table)."""
    rows = "".join(f"甲区,r,{2000 + n % 20},{n},家\n" for n in range(60_000))
    done = _piped(
        ["--max-input", "1", *command], f"zone,indicator,period,value,unit\n{rows}".encode()
    )
    assert done.returncode == 1
    said = (done.stdout + done.stderr).decode("utf-8")
    assert said.strip().removeprefix("error: ") == (
        "/dev/stdin: the input goes on longer than the input limit of 1 MB; raise it with "
        "--max-input MB or ZONESTATS_MAX_INPUT [input-too-large]"
    )
