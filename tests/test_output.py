"""Every command in every format, and what happens around the output: files, pipes, colour."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import zonestats
from zonestats.analysis import growth_table
from zonestats.model.quantity import tidy
from zonestats.model.table import COLUMNS
from zonestats.output import writers as render_module
from zonestats.output.words import note_zh

from .conftest import FIXTURES, ROOT, run_on_terminal, screen

MINIMAL = str(FIXTURES / "minimal.yaml")
ZONE_B = str(FIXTURES / "zone_b.yaml")
FORMULAS = str(FIXTURES / "formulas.yaml")
COMPARE_TABLE = [
    " 名称                   时期          起值      止值       变化   倍数   年均增长   改善   说明",
    "─" * 140,
    " 国家级开发区考核排名   2016→2020    126位      46位      -80位                        ✓   "
    "排名:按名次变化计;2016 无参评总数;百分位 –→21.1%",
    " 湖北美的冰箱产能       2008→2021   10万台   800万台   +790万台    80×      40.1%      ✓",
    " 湖北美的冰箱产值       2008→2021    1亿元    82亿元    +81亿元    82×      40.4%      ✓",
]
COMMANDS = [["list"], ["show", "national_rank"], ["summary"], ["compare"], ["export"]]
FORMATS = ["table", "csv", "tsv", "json", "jsonl", "markdown"]


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_in_every_format(
    cli: Callable[..., Any], command: list[str], fmt: str
) -> None:
    out = cli(*command, "-f", fmt).stdout
    assert out.endswith("\n") and "Traceback" not in out
    if fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert len(rows) >= 2 and len({len(r) for r in rows}) == 1
    elif fmt == "json":
        assert _strict_json(out)
    elif fmt == "jsonl":
        assert all(isinstance(_strict_json(line), dict) for line in out.splitlines())
    elif fmt == "markdown":
        assert out.splitlines()[0].startswith("| ") or "| ---" in out
    else:
        assert len(out.splitlines()) >= 3


def test_compare_json_is_the_library_table(
    cli: Callable[..., Any], dataset: zonestats.Dataset
) -> None:
    records = _strict_json(cli("compare", "--json").stdout)
    expected = growth_table(dataset.observations()).drop(columns=["zone"])
    expected = expected.astype(object).where(expected.notna(), None).to_dict("records")
    # numbers as JSON gives them: to 12 significant digits, whole ones as integers
    tidied = [{k: tidy(v) if isinstance(v, float) else v for k, v in r.items()} for r in expected]
    assert records == tidied
    counts = [r["years"] for r in records if r["years"] is not None]
    assert counts and all(isinstance(c, int) for c in counts)
    assert all(r["cagr"] is None or r["cagr"] == float(f"{r['cagr']:.12g}") for r in records)
    required = {
        "indicator", "name", "unit", "from_period", "to_period", "from_value", "to_value",
        "change", "multiple", "pct_change", "years", "cagr", "better", "improved", "note",
    }  # fmt: skip
    assert all(required <= r.keys() for r in records)
    rank = next(r for r in records if r["indicator"] == "national_rank")
    assert {"from_percentile", "to_percentile"} <= rank.keys()


def test_export_json_is_the_observations_table(
    cli: Callable[..., Any], dataset: zonestats.Dataset
) -> None:
    records = _strict_json(cli("export", "--json").stdout)
    frame = dataset.observations()
    expected = frame.astype(object).where(frame.notna(), None).to_dict("records")
    assert records == expected


def test_summary_json_is_structured(cli: Callable[..., Any], dataset: zonestats.Dataset) -> None:
    data = _strict_json(cli("summary", "--json").stdout)
    assert data["zone"]["name"] == "荆州开发区"
    assert data["source"]["date"] == "2021-06-30"
    assert data["indicators"] == len(dataset.indicators)
    assert [m["indicator"] for m in data["movers"]][:2] == ["midea_fridge_output", "national_rank"]
    rank = data["movers"][1]
    assert rank["places_gained"] == 80 and rank["multiple"] is None
    assert list(data["latest"]) == dataset.categories()


def test_export_csv_reads_back_as_the_observations(
    cli: Callable[..., Any], dataset: zonestats.Dataset
) -> None:
    read = pd.read_csv(io.StringIO(cli("export", "--csv").stdout), dtype={"period": str})
    frame = dataset.observations()
    assert list(read.columns) == list(frame.columns)
    assert read["value"].tolist() == frame["value"].tolist()
    for column in ("indicator", "period", "unit", "qualifier", "written", "quote"):
        assert read[column].tolist() == frame[column].tolist(), column


def test_export_xlsx_reads_back_with_no_formulas(
    cli: Callable[..., Any], dataset: zonestats.Dataset, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "export.xlsx"
    cli("export", "-o", str(target))
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    frame = dataset.observations()
    assert list(rows[0]) == list(frame.columns)
    column = list(frame.columns).index("value")
    assert [r[column] for r in rows[1:]] == frame["value"].tolist()
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_carriage_return_in_a_cell_is_the_line_break_a_workbook_keeps(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    """XML keeps no CR (a workbook written without lxml holds a raw one, which every
    reader, Excel too, reads as LF): the cell holds the line break, whatever is installed."""
    openpyxl = pytest.importorskip("openpyxl")
    source = (ROOT / "data" / "article.yaml").read_text(encoding="utf-8")
    data = tmp_path / "cr.yaml"
    data.write_text(source.replace("title: ", 'title: "第一行\\r\\n第二行\\r第三行" #', 1))
    target = tmp_path / "cr.xlsx"
    cli("export", "-d", str(data), "-o", str(target))
    sheet = openpyxl.load_workbook(target, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    column = list(rows[0]).index("source_title")
    assert {r[column] for r in rows[1:]} == {"第一行\n第二行\n第三行"}


def test_formula_cells_are_neutralised_and_numbers_are_not(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("compare", "-d", FORMULAS, "--csv").stdout)))
    assert rows[0]["name"] == "'=1+2" and rows[0]["name_en"] == "'-Falling projects"
    assert rows[0]["change"] == "-2" and rows[0]["pct_change"] == "-0.4"
    tsv = cli("export", "-d", FORMULAS, "-f", "tsv").stdout
    cells = list(csv.reader(io.StringIO(tsv), delimiter="\t"))[1]
    assert cells[0].startswith("'=HYPERLINK") and "'=去年签约5个" in cells
    assert cells[4:7] == ["investment", "2020", "5"]
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "f.xlsx"
    cli("export", "-d", FORMULAS, "-o", str(target))
    sheet = openpyxl.load_workbook(target).active
    values = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert "'=1+2" in values and "'+今年签约3个" in values
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_compare_table_exact(cli: Callable[..., Any]) -> None:
    assert screen(cli("compare").stdout) == COMPARE_TABLE


def test_compare_markdown_exact(cli: Callable[..., Any]) -> None:
    assert cli("compare", "-d", MINIMAL, "--lang", "en", "-f", "markdown").stdout == (
        "| name | periods | from | to | change | multiple | CAGR | better? | note |\n"
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n"
        "| National rank | 2019→2020 | 73位 | 36位 | -37位 |  |  | ✓ "
        "| rank: change in places; percentile 31.7%→15.7% |\n"
    )


def test_cross_zone_table_exact(cli: Callable[..., Any]) -> None:
    assert screen(cli("compare", "-d", MINIMAL, "-d", ZONE_B, "--lang", "en").stdout) == [
        "                                                                        示例开发区 vs 样例经开区",
        " indicator         zone         period            latest   change   years   difference   place   leader   note",
        "─" * 169,
        " National rank     示例开发区   2020                36位    -37位       1                    1   ✓        rank: change in places",
        "                   样例经开区   2020                88位    -13位       1        +52位       2            rank: change in places",
        " Signed projects   示例开发区   2021-01/2021-05   > 20个                                                  n.m.: only one observation; the bounds do not decide its place",
        "                   样例经开区   2021-01/2021-05     30个     +5个       1      < +10个                    the bounds do not decide its place",
    ]


def test_cross_zone_json_has_a_row_per_zone(cli: Callable[..., Any]) -> None:
    records = _strict_json(cli("compare", "-d", MINIMAL, "-d", ZONE_B, "--json").stdout)
    assert [(r["zone"], r["indicator"]) for r in records] == [
        ("示例开发区", "national_rank"),
        ("示例开发区", "signed_projects"),
        ("样例经开区", "national_rank"),
        ("样例经开区", "signed_projects"),
    ]


def test_summary_markdown_exact(cli: Callable[..., Any]) -> None:
    assert cli("summary", "-d", MINIMAL, "--lang", "en", "-f", "markdown").stdout == (
        "示例开发区 (Example Development Zone), 湖北省, national  \n"
        "Source: 示例开发区年度报告, 示例日报, 2022-01-15  \n"
        "2 indicators, 3 observations, 1 with a trend; categories: ranking 1, investment 1  \n"
        "\n### Headline movers\n\n"
        "| name | from | to | growth | CAGR | log scale |\n"
        "| --- | --- | --- | --- | ---: | --- |\n"
        "| National rank | 73位 (2019) | 36位 (2020) | +37 places (31.7%→15.7%) |  "
        "| ████████████████ |\n"
        "\n### ranking\n\n"
        "| indicator | name | period | latest value |\n"
        "| --- | --- | --- | ---: |\n"
        "| national_rank | National rank | 2020 | 36位 |\n"
        "\n### investment\n\n"
        "| indicator | name | period | latest value |\n"
        "| --- | --- | --- | ---: |\n"
        "| signed_projects | Signed projects | 2021-01/2021-05 | > 20个 |\n"
    )


def test_output_file_format_from_extension(cli: Callable[..., Any], tmp_path: Path) -> None:
    target = tmp_path / "growth.json"
    result = cli("compare", "-o", str(target))
    assert result.stdout == ""
    assert _strict_json(target.read_text(encoding="utf-8"))[0]["indicator"] == "national_rank"
    bad = cli("compare", "-o", str(tmp_path / "growth.doc"), expect=1)
    assert "cannot tell the format" in bad.stderr and not (tmp_path / "growth.doc").exists()


def test_bom(cli: Callable[..., Any], tmp_path: Path) -> None:
    assert cli("export", "--csv", "--bom").stdout.startswith("\ufeffzone,indicator,")
    target = tmp_path / "excel.csv"
    cli("export", "--bom", "-o", str(target))
    assert target.read_bytes().startswith(b"\xef\xbb\xbfzone,")


def test_refuses_to_overwrite_an_input_dataset(
    cli: Callable[..., Any], minimal_text: str, write_file: Callable[..., Path]
) -> None:
    path = write_file(minimal_text)
    result = cli("export", "-d", str(path), "-o", str(path), "-f", "csv", expect=1)
    assert "refusing to overwrite an input file" in result.stderr
    assert path.read_text(encoding="utf-8") == minimal_text


def test_a_failing_writer_leaves_the_old_file_intact(
    cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "export.csv"
    target.write_text("old content\n", encoding="utf-8")

    def half_then_fail(table: Any, options: Any, out: Any) -> None:
        out.write("zone,indicator\n荆州")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(render_module._WRITERS, render_module.Format.CSV, half_then_fail)
    result = cli("export", "-o", str(target), expect=None)
    assert result.exit_code != 0
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]


def test_new_files_get_ordinary_permissions(cli: Callable[..., Any], tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    cli("export", "-o", str(target))
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


WHOLE_CELLS = {
    "list": ("indicator", "name", "latest_period"),
    "show": ("quote", "period_note"),
    "compare": ("name", "note"),
    "export": ("indicator", "period", "quote"),
}


@pytest.mark.parametrize("command", list(WHOLE_CELLS))
def test_tables_off_a_terminal_keep_every_cell_whole(cli: Callable[..., Any], command: str) -> None:
    """Piped or written to a file, a table is not fitted to COLUMNS: no cell is cut."""
    args = [command, "national_rank"] if command == "show" else [command]
    lines = cli(*args, "-n", "0", env={"COLUMNS": "40"}).stdout.splitlines()
    records = _strict_json(cli(*args, "-n", "0", "--json").stdout)
    checked = 0
    for record in records:
        for key in WHOLE_CELLS[command]:
            if record[key]:
                notes = ("note", "period_note")
                shown = note_zh(record[key]) if key in notes else str(record[key])
                assert any(shown in line for line in lines), (key, record[key])
                checked += 1
    assert checked >= len(records)


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_tables_off_a_terminal_are_laid_out_as_on_one(
    cli: Callable[..., Any], command: list[str]
) -> None:
    """Off a terminal a table is written without rich, in the layout rich draws when the
    terminal is wide enough: title, header, rule and cells line for line."""
    wide = run_on_terminal([*command, "-n", "0"], {"COLUMNS": "1000", "NO_COLOR": "1"})
    piped = cli(*command, "-n", "0").stdout
    assert wide.replace("\r\n", "\n") == piped


def _big_dataset(path: Path, indicators: int) -> Path:
    lines = [
        "schema_version: 1",
        "zone: {name: 大区, name_en: Big, province: 湖北省, level: national}",
        "source: {title: 大报告, publisher: 大报, date: '2021-01-01'}",
        "indicators:",
    ]
    for i in range(indicators):
        lines += [
            f"  - {{id: x{i}, name: 指标{i}, name_en: X{i}, category: industry, unit: 个,",
            "     observations: [{period: '2020', value: 5个, quote: 共5个}]}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_broken_pipe_exits_quietly(tmp_path: Path) -> None:
    big = _big_dataset(tmp_path / "big.yaml", 3000)
    command = f"'{sys.executable}' -m zonestats export --csv -d '{big}' | head -1"
    result = subprocess.run(
        ["bash", "-c", command + '; echo "status=${PIPESTATUS[0]}" >&2'],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.stdout == ",".join(COLUMNS) + "\n"
    assert result.stderr == "status=0\n"


def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    coloured = run_on_terminal(["compare"], {})
    assert "\x1b[" in coloured
    plain = run_on_terminal(["compare"], {"NO_COLOR": "1"})
    assert "\x1b[" not in plain and "national" not in plain and "国家级" in plain


SMALL_SCREENS = {
    ("list", "table"): [
        "                                      示例开发区",
        " 指标              名称                   类别       观测   最新时期            最新值",
        "─" * 87,
        " national_rank     国家级开发区考核排名   排名          2   2020                  36位",
        " signed_projects   签约项目数             招商引资      1   2021-01/2021-05   超过20个",
    ],
    ("summary", "table"): [
        "示例开发区 · 湖北省 · 国家级",
        "来源:示例开发区年度报告(示例日报,2022-01-15)",
        "2 项指标,3 个观测值,1 项有趋势;类别:排名 1、招商引资 1",
        "",
        "                                                主要变化",
        " 名称                   起            止            变化                     年均增长   对数刻度",
        "─" * 105,
        " 国家级开发区考核排名   73位 (2019)   36位 (2020)   上升37位 (31.7%→15.7%)              ████████████████",
        "",
        "                         排名",
        " 指标            名称                   时期   最新值",
        "─" * 54,
        " national_rank   国家级开发区考核排名   2020     36位",
        "",
        "                         招商引资",
        " 指标              名称         时期                最新值",
        "─" * 59,
        " signed_projects   签约项目数   2021-01/2021-05   超过20个",
    ],
    ("export", "table"): [
        " 指标              时期                  数值   原文",
        "─" * 73,
        " national_rank     2019                  73位   由上年第73位上升至第36位",
        " national_rank     2020                  36位   由上年第73位上升至第36位",
        " signed_projects   2021-01/2021-05   超过20个   签约项目20多个",
    ],
    ("show national_rank", "markdown"): [
        "| 时期 | 原文数值 | 数值 | 原文 | 时期说明 |",
        "| --- | --- | ---: | --- | --- |",
        "| 2019 | 第73位 | 73位 | 由上年第73位上升至第36位 |  |",
        "| 2020 | 第36位 | 36位 | 由上年第73位上升至第36位 |  |",
    ],
    ("export", "markdown"): [
        "| 指标 | 时期 | 数值 | 原文 |",
        "| --- | --- | ---: | --- |",
        "| national_rank | 2019 | 73位 | 由上年第73位上升至第36位 |",
        "| national_rank | 2020 | 36位 | 由上年第73位上升至第36位 |",
        "| signed_projects | 2021-01/2021-05 | 超过20个 | 签约项目20多个 |",
    ],
}


@pytest.mark.parametrize(("command", "fmt"), list(SMALL_SCREENS), ids=lambda v: str(v))
def test_small_screens_exact(cli: Callable[..., Any], command: str, fmt: str) -> None:
    out = cli(*command.split(), "-d", MINIMAL, "-f", fmt).stdout
    assert screen(out) == SMALL_SCREENS[(command, fmt)]


def test_summary_json_is_the_library_summary(cli: Callable[..., Any]) -> None:
    from zonestats.analysis import summarize

    data = _strict_json(cli("summary", "-d", MINIMAL, "--json").stdout)
    summary = summarize(zonestats.load(MINIMAL))
    assert [(m["indicator"], m["places_gained"], m["cagr"]) for m in data["movers"]] == [
        (m.indicator, m.magnitude, m.cagr) for m in summary.movers
    ]
    assert [x["value"] for rows in data["latest"].values() for x in rows] == [
        x.value for x in summary.latest
    ]


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
def test_cells_are_never_read_as_markup(capsys: pytest.CaptureFixture[str], terminal: bool) -> None:
    from zonestats.output.env import Environment
    from zonestats.output.options import OutputOptions
    from zonestats.output.table import Column, Table
    from zonestats.output.writers import render

    texts = ["[red]红[/red]", ":smile: 笑", "[link=http://x]链接[/link]"]
    table = Table((Column("text", "文本", "text"),), [(t,) for t in texts], title="[b]标题[/b]")
    env = Environment(sys.stdout, sys.stderr, stdout_isatty=terminal, width=100)
    render(table, OutputOptions(env=env))
    out = capsys.readouterr().out
    for text in [*texts, "[b]标题[/b]"]:
        assert text in out


ZH_COMMANDS = [
    ["list"],
    ["show", "national_rank"],
    ["show", "midea_suppliers"],
    ["summary"],
    ["compare"],
    ["export"],
    ["panel", "national_rank", "midea_fridge_capacity"],
    ["compare", "-d", str(FIXTURES / "four_zones")],
    ["panel", "national_rank", "-d", str(FIXTURES / "four_zones")],
    ["show", "national_rank", "-d", "national"],
    ["panel", "national_rank", "-d", "national", "--province", "江苏"],
]


@pytest.mark.parametrize("command", ZH_COMMANDS, ids=lambda c: "-".join(c[:2]))
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_chinese_all_through_in_zh(cli: Callable[..., Any], command: list[str], fmt: str) -> None:
    """--lang zh (the default): no English word but ids in what people read."""
    import re

    ids = {i.id for i in zonestats.load().indicators} | {
        i.id for i in zonestats.load(FIXTURES / "four_zones").indicators
    }
    ids |= {"national_rank"}
    out = cli(*command, "-n", "0", "-f", fmt).stdout
    words = set(re.findall(r"[A-Za-z][A-Za-z_0-9]*", out)) - ids
    assert not words, words


@pytest.mark.parametrize("command", ZH_COMMANDS[:6], ids=lambda c: "-".join(c[:2]))
def test_english_labels_in_en(cli: Callable[..., Any], command: list[str]) -> None:
    import re

    out = cli(*command, "-n", "0", "--lang", "en", "-f", "markdown").stdout
    headers = [line for line in out.splitlines() if line.startswith("| ")][:1]
    assert headers and not re.search(r"[\u4e00-\u9fff]", headers[0]), headers
    if command[0] in ("list", "compare"):  # no quotes: every mark would be ours
        assert not any(mark in out for mark in ("超过", "预计", "目标", "无意义", "排名:"))


def test_an_xlsx_file_is_ready_for_a_spreadsheet(cli: Callable[..., Any], tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "compare.xlsx"
    cli("compare", "-o", str(target))
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["数据", "来源"]
    sheet = book["数据"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    column = {key: i for i, key in enumerate(header)}
    rows = list(sheet.iter_rows(min_row=2))
    capacity = next(r for r in rows if r[column["indicator"]].value == "midea_fridge_capacity")
    assert capacity[column["to_value"]].value == 8_000_000
    assert capacity[column["to_value"]].number_format == "#,##0"
    assert capacity[column["cagr"]].number_format == "0.0%"
    assert capacity[column["from_period"]].data_type == "s"  # 2008 stays text
    letter = capacity[column["name"]].column_letter
    assert sheet.column_dimensions[letter].width >= len("湖北美的冰箱产能") * 2
    sources = [[c.value for c in row] for row in book["来源"].iter_rows()]
    assert sources[0] == ["title", "publisher", "date", "url", "file"]
    assert sources[1][:3] == ["荆州开发区:党旗高扬在工业主战场", "湖北文明网", "2021-06-30"]
    export = tmp_path / "export.xlsx"
    cli("export", "-o", str(export), "--headers", "zh")
    sheet = openpyxl.load_workbook(export)["数据"]
    assert [c.value for c in sheet[1]][:3] == ["开发区", "指标", "名称"]
    quote = [c for c in sheet[1] if c.value == "原文"][0].column_letter
    assert sheet[f"{quote}2"].alignment.wrap_text


def test_a_csv_round_trip_through_pandas(cli: Callable[..., Any], tmp_path: Path) -> None:
    """Periods read as text (as the README says to read them), numbers as the library's."""
    import pandas as pd

    for command in ("export", "compare"):
        path = tmp_path / f"{command}.csv"
        cli(command, "-o", str(path))
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        periods = [c for c in ("period", "from_period", "to_period") if c in header]
        frame = pd.read_csv(path, dtype={c: str for c in periods}, keep_default_na=False)
        for column in periods:
            assert all(isinstance(v, str) for v in frame[column]), column
        if command == "export":
            expected = zonestats.load().observations(merged=False)
            assert frame["period"].tolist() == expected["period"].tolist()
            assert frame["value"].tolist() == expected["value"].tolist()
        else:
            text = path.read_text(encoding="utf-8")
            assert "0.19999999999999996" not in text and "00000000001" not in text


def test_csv_headers_in_chinese(cli: Callable[..., Any]) -> None:
    header = cli("list", "--csv", "--headers", "zh").stdout.splitlines()[0]
    assert header.startswith("指标,名称,英文名称,类别")
    assert cli("list", "--csv").stdout.splitlines()[0].startswith("indicator,name,name_en")


@pytest.mark.parametrize("command", [["export"], ["list"], ["compare"]])
def test_an_xlsx_file_of_some_rows_keeps_its_sources(
    cli: Callable[..., Any], tmp_path: Path, command: list[str]
) -> None:
    """--limit cuts the rows, not the sheet of the reports they cite: alike for a table
    read from YAML and one read from a long table (a frame)."""
    openpyxl = pytest.importorskip("openpyxl")
    table = tmp_path / "obs.csv"
    cli("export", "--csv", "-n", "0", "-o", str(table))
    for data in ([], ["-d", str(table)]):
        target = tmp_path / "out.xlsx"
        cli(*command, *data, "-n", "2", "-o", str(target))
        book = openpyxl.load_workbook(target)
        assert book.sheetnames[-1] == "来源", (command, data, book.sheetnames)
