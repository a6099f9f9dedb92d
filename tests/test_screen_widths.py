"""Tables on terminals of 50 to 120 columns: nothing wider than the screen, no value or
period cut, every row's name there (a name may wrap, its start stays on the row's line)."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zonestats.cli.app import app
from zonestats.output import env as env_module
from zonestats.output.layout import Grid, cell_width, lay_out, wrap

from .conftest import FIXTURES

FOUR = str(FIXTURES / "four_zones")
COMMANDS = [
    ["list"],
    ["show", "national_rank"],
    ["summary"],
    ["compare"],
    ["export"],
    ["list", "-d", FOUR],
    ["compare", "-d", FOUR],
    ["compare", "-d", FOUR, "--lang", "en"],
    ["panel", "national_rank", "industrial_output", "-d", FOUR],
    ["summary", "-d", FOUR, "--lang", "en"],
    ["extract", str(FIXTURES / "three_zones.txt"), "--published", "2023-03-10", "-f", "table"],
]
WIDTHS = [50, 60, 80, 100, 120]


def _on_screen(monkeypatch: pytest.MonkeyPatch, args: list[str], width: int) -> tuple[str, str]:
    """What a command prints on a terminal of this width (and tall enough for every row)."""
    from typer.testing import CliRunner

    system = env_module.Environment.from_system

    def terminal() -> env_module.Environment:
        return dataclasses.replace(
            system(), stdout_isatty=True, width=width, height=10_000, color=False
        )

    monkeypatch.setattr(env_module.Environment, "from_system", staticmethod(terminal))
    result = CliRunner().invoke(app, [*args, "-n", "0"], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result.stdout, result.stderr


def _records(cli: Callable[..., Any], args: list[str]) -> list[dict[str, Any]]:
    if args[-2:] == ["-f", "table"]:
        args = args[:-2]
    data = json.loads(cli(*args, "-n", "0", "--json").stdout)
    if isinstance(data, dict):  # the summary
        return [*data["movers"], *(x for rows in data["latest"].values() for x in rows)]
    return list(data)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:3]).replace(FOUR, "four"))
def test_every_table_fits_and_cuts_nothing(
    cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, args: list[str], width: int
) -> None:
    shown, _ = _on_screen(monkeypatch, args, width)
    lines = shown.splitlines()
    assert max(cell_width(line) for line in lines) <= width
    text = "\n".join(lines)
    zh = "en" not in args
    for record in _records(cli, args):
        for key in ("period", "to_period", "latest_period"):
            if record.get(key):
                assert record[key] in text, (key, record[key])
        name = record.get("name" if zh else "name_en") or ""
        if args[0] == "panel":
            name = record["zone"]
        if name and args[0] in ("list", "summary", "compare", "panel"):
            start = name[:4]
            assert any(start in line for line in lines), (name, width)
        written = record.get("written")
        if (
            written
            and args[0] in ("list", "show", "extract")
            and record.get("qualifier") == "exact"
        ):
            assert any(written.lstrip("第") in line for line in lines)


def test_a_narrow_screen_gets_records_and_a_wide_one_a_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    narrow, _ = _on_screen(monkeypatch, ["list"], 50)
    assert "最新值  : 46位" in narrow.replace("最新值: ", "最新值  : ")
    wide, _ = _on_screen(monkeypatch, ["list"], 120)
    assert "national_rank" in wide and ": " not in wide.split("\n", 3)[2]


def test_the_id_goes_before_the_name_and_it_is_said(monkeypatch: pytest.MonkeyPatch) -> None:
    shown, notes = _on_screen(monkeypatch, ["list"], 80)
    assert "national_rank" not in shown and "国家级开发区考核排名" in shown
    assert "left out at 80 columns: 指标" in notes


def _on_a_short_screen(
    monkeypatch: pytest.MonkeyPatch, args: list[str], width: int, height: int = 20
) -> Any:
    """A command run on a terminal of this width and of this many lines."""
    from typer.testing import CliRunner

    system = env_module.Environment.from_system

    def terminal() -> env_module.Environment:
        return dataclasses.replace(
            system(), stdout_isatty=True, width=width, height=height, color=False
        )

    monkeypatch.setattr(env_module.Environment, "from_system", staticmethod(terminal))
    result = CliRunner().invoke(app, args, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    return result


def _long_table(tmp_path: Path, rows: list[str]) -> str:
    table = tmp_path / "long.csv"
    table.write_text("zone,indicator,name,period,value,unit\n" + "\n".join(rows) + "\n", "utf-8")
    return str(table)


def test_a_screenful_is_counted_in_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    result = _on_a_short_screen(monkeypatch, ["export"], 80)
    lines = result.stdout.splitlines()
    assert len(lines) <= 20 - 3  # quotes wrap: rows of several lines
    assert "showing" in result.stderr and "of 41 rows (a screenful)" in result.stderr


def test_a_screenful_of_a_long_table_is_its_first_rows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Of 5,000 rows a screen shows the first that fit, counting all 5,000."""
    table = _long_table(tmp_path, [f"区{i},x,指标,{1000 + i},{i},个" for i in range(5000)])
    result = _on_a_short_screen(monkeypatch, ["export", "-d", table], 100)
    lines = result.stdout.splitlines()
    assert 0 < len(lines) <= 20 - 3
    shown = [line.split()[1] for line in lines if line.lstrip().startswith("x ")]
    assert shown == [str(1000 + i) for i in range(len(shown))] and len(shown) >= 10
    assert f"showing {len(shown)} of 5,000 rows (a screenful)" in result.stderr
    assert all(cell_width(line) <= 100 for line in lines)


def test_each_table_of_a_summary_is_a_screenful_at_most(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """On a terminal, each table of a summary shows the rows that fit a screen, and a note
    names each table it cut."""
    table = _long_table(tmp_path, [f"区{i},x{i},指标{i},2020,{i + 1},个" for i in range(300)])
    result = _on_a_short_screen(monkeypatch, ["summary", "-d", table], 100)
    shown = [line for line in result.stdout.splitlines() if " x" in line]
    assert 10 <= len(shown) <= 20 - 3
    assert result.stderr.startswith(f"其他: showing {len(shown)} of 300 rows (a screenful)")


# ---- the layout itself ----------------------------------------------------------------------

_TEXT = st.text(
    st.sampled_from(list("开发区园产值亿元第位 abcdefghij-/1234567890%")), min_size=0, max_size=60
)


@given(text=_TEXT, width=st.integers(1, 40))
def test_wrapped_lines_fit_and_keep_every_character(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_width(line) <= max(width, 2) for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(
    cells=st.lists(st.lists(_TEXT, min_size=3, max_size=3), min_size=1, max_size=6),
    width=st.integers(20, 140),
)
def test_a_laid_out_grid_is_never_wider_than_the_screen(cells: list[list[str]], width: int) -> None:
    grid = Grid(
        title="标题",
        headers=["名称", "时期", "数值"],
        rows=[[[c] for c in row] for row in cells],
        right=[False, False, True],
        wraps=[True, False, False],
        priority=[2, 2, 2],
    )
    lines, starts, _ = lay_out(grid, width)
    assert len(starts) == len(cells)
    if width >= 60 and all(cell_width(r[1]) + cell_width(r[2]) < 30 for r in cells):
        assert all(cell_width(line) <= width for line in lines)
    elif width < 60:
        assert all(cell_width(line) <= width for line in lines)


def test_plain_output_is_unchanged_by_the_screen(cli: Callable[..., Any]) -> None:
    """Piped, a table keeps its natural width whatever COLUMNS says."""
    out = io.StringIO(cli("list", env={"COLUMNS": "40"}).stdout)
    assert max(cell_width(line) for line in out.read().splitlines()) > 40


def test_the_readme_shows_the_summary_at_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("begins so;", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    printed, notes = _on_screen(monkeypatch, ["summary"], 80)
    assert [line.rstrip() for line in printed.splitlines()][: len(shown.splitlines())] == [
        line.rstrip() for line in shown.splitlines()
    ]
    assert "left out at 80 columns: 对数刻度" in notes
