"""The command line: help for every command, exact output, formats, and start-up from anywhere."""

from __future__ import annotations

import ast
import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import zonestats
from zonestats.cli import app

from .conftest import FIXTURES, ROOT, screen

MINIMAL = str(FIXTURES / "minimal.yaml")


def _commands() -> list[str]:
    import typer.main

    return sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_has_help_and_is_in_the_readme(cli: Callable[..., Any]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands()
    assert {"list", "show", "validate", "schema"} <= set(commands)
    for name in commands:
        result = cli(name, "--help")
        assert "Usage:" in result.stdout
        assert f"zonestats {name}" in readme, f"README does not document `zonestats {name}`"


def test_version(cli: Callable[..., Any]) -> None:
    assert cli("--version").stdout == f"zonestats {zonestats.__version__}\n"


def test_no_arguments_shows_help(cli: Callable[..., Any]) -> None:
    result = cli(expect=None)
    assert "Usage:" in result.output
    assert result.exit_code in (0, 2)


def test_unknown_option_is_a_usage_error(cli: Callable[..., Any]) -> None:
    result = cli("list", "--colour", expect=2)
    assert "No such option" in result.output


def test_show_table_exact(cli: Callable[..., Any]) -> None:
    assert screen(cli("show", "national_rank", "--data", MINIMAL).stdout) == [
        "  national_rank 国家级开发区考核排名(位,越低越好,共 230 个)",
        " 时期   原文数值   数值   原文                       时期说明",
        "──────────────────────────────────────────────────────────────",
        " 2019   第73位     73位   由上年第73位上升至第36位",
        " 2020   第36位     36位   由上年第73位上升至第36位",
    ]


def test_list_markdown_exact(cli: Callable[..., Any]) -> None:
    assert cli("list", "--data", MINIMAL, "--lang", "en", "-f", "markdown").stdout == (
        "| indicator | name | category | obs | latest | value |\n"
        "| --- | --- | --- | ---: | --- | ---: |\n"
        "| national_rank | National rank | ranking | 2 | 2020 | 36位 |\n"
        "| signed_projects | Signed projects | investment | 1 | 2021-01/2021-05 | > 20个 |\n"
    )


def test_list_raw_units(cli: Callable[..., Any]) -> None:
    out = cli("list", "--data", MINIMAL, "-f", "markdown", "--units", "raw").stdout
    assert (
        out.splitlines()[-1]
        == "| signed_projects | 签约项目数 | 招商引资 | 1 | 2021-01/2021-05 | 超过20 |"
    )


def test_list_csv_exact(cli: Callable[..., Any]) -> None:
    assert cli("list", "--data", MINIMAL, "--csv").stdout == (
        "indicator,name,name_en,category,unit,observations,latest_period,latest_value,qualifier\n"
        "national_rank,国家级开发区考核排名,National rank,ranking,位,2,2020,36,exact\n"
        "signed_projects,签约项目数,Signed projects,investment,个,1,2021-01/2021-05,20,more_than\n"
    )


def test_list_json_matches_the_library(cli: Callable[..., Any], dataset: zonestats.Dataset) -> None:
    records = json.loads(cli("list", "--json").stdout)
    assert [r["indicator"] for r in records] == [i.id for i in dataset.indicators]
    by_id = {r["indicator"]: r for r in records}
    capacity = dataset.indicator("midea_fridge_capacity")
    assert by_id["midea_fridge_capacity"]["latest_value"] == capacity.observations[-1].value
    assert by_id["midea_fridge_capacity"]["observations"] == len(capacity.observations)


def test_list_category_filter(cli: Callable[..., Any], dataset: zonestats.Dataset) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("list", "-c", "poverty", "--csv").stdout)))
    expected = [i.id for i in dataset.indicators if i.category == "poverty"]
    assert [r["indicator"] for r in rows] == expected and expected


def test_list_unknown_category(cli: Callable[..., Any]) -> None:
    result = cli("list", "-c", "weather", expect=1)
    assert result.stderr.startswith("error: no category 'weather' (known: ranking,")


def test_show_unknown_indicator_suggests(cli: Callable[..., Any]) -> None:
    result = cli("show", "national_rnk", expect=1)
    assert result.stderr == ("error: no indicator 'national_rnk'; did you mean national_rank?\n")


def test_show_jsonl_carries_every_observation(
    cli: Callable[..., Any], dataset: zonestats.Dataset
) -> None:
    lines = cli("show", "midea_fridge_output", "-f", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    observations = dataset.indicator("midea_fridge_output").observations
    assert [(r["period"], r["value"], r["written"], r["quote"]) for r in records] == [
        (o.period.text, o.value, o.written, o.quote) for o in observations
    ]


def test_choose_one_format(cli: Callable[..., Any]) -> None:
    result = cli("list", "--csv", "--json", expect=1)
    assert result.stderr == "error: choose one format, not csv and json\n"


def test_schema_is_json(cli: Callable[..., Any]) -> None:
    schema = json.loads(cli("schema").stdout)
    shapes = {s["properties"]["schema_version"]["enum"][0]: s["required"] for s in schema["oneOf"]}
    assert shapes == {
        1: ["schema_version", "zone", "source", "indicators"],
        2: ["schema_version", "zones", "sources", "indicators"],
    }


NOT_IMPORTED = {
    # What each quick command never imports: pandas nowhere; no YAML parser where no YAML is
    # read; no rich where no table reaches a terminal (here stdout is a pipe).
    ("--help",): ("pandas", "yaml", "rich"),
    ("--version",): ("pandas", "yaml", "rich"),
    ("schema",): ("pandas", "yaml", "rich"),
    ("list",): ("pandas", "rich"),
    ("show", "national_rank"): ("pandas", "rich"),
    ("validate",): ("pandas", "rich"),
}


@pytest.mark.parametrize("command", list(NOT_IMPORTED), ids=" ".join)
def test_quick_commands_import_little(command: tuple[str, ...]) -> None:
    code = (
        "import sys\n"
        "from zonestats.cli import app\n"
        f"try:\n    app({list(command)!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted({name.split('.')[0] for name in sys.modules}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    imported = set(ast.literal_eval(result.stdout.splitlines()[-1]))
    assert imported.isdisjoint(NOT_IMPORTED[command]), imported & set(NOT_IMPORTED[command])
    assert "typer" in imported  # the check can see what was imported


def test_runs_from_any_directory_as_a_module(tmp_path: Path) -> None:
    """python -m zonestats finds the bundled dataset wherever it is started."""
    result = subprocess.run(
        [sys.executable, "-m", "zonestats", "list", "--csv"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "", "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("national_rank,")
