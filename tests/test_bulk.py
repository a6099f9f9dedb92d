"""Long tables of observations as input, row limits, and the progress display."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zonestats
from zonestats.output.options import Format, OutputOptions
from zonestats.output.table import Table, table_from_frame
from zonestats.output.views import EXPORT_COLUMNS, growth_columns
from zonestats.output.writers import render

from .conftest import FIXTURES, run_on_terminal

SUFFIXES = ["csv", "tsv", "jsonl", "parquet"]


def _export(cli: Callable[..., Any], tmp_path: Path, suffix: str, *data: str) -> Path:
    target = tmp_path / f"observations.{suffix}"
    args = [a for d in data for a in ("-d", d)]
    if suffix == "parquet":
        dataset = zonestats.load(list(data) or None)
        dataset.observations(merged=False).to_parquet(target, index=False)
    else:
        cli("export", *args, "-o", str(target))
    return target


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_compare_on_the_export_gives_the_same_numbers(
    cli: Callable[..., Any], tmp_path: Path, suffix: str
) -> None:
    exported = _export(cli, tmp_path, suffix)
    assert cli("compare", "-d", str(exported), "--json").stdout == cli("compare", "--json").stdout
    assert cli("export", "-d", str(exported), "--csv").stdout == cli("export", "--csv").stdout


def test_a_long_table_of_several_zones(cli: Callable[..., Any], tmp_path: Path) -> None:
    zones = [str(FIXTURES / "minimal.yaml"), str(FIXTURES / "zone_b.yaml")]
    exported = _export(cli, tmp_path, "csv", *zones)
    from_table = json.loads(cli("compare", "-d", str(exported), "--json").stdout)
    from_yaml = json.loads(cli("compare", "-d", zones[0], "-d", zones[1], "--json").stdout)
    assert from_table == from_yaml and {r["zone"] for r in from_table} == {
        "示例开发区",
        "样例经开区",
    }


def _csv_with(tmp_path: Path, change: Callable[[pd.DataFrame], pd.DataFrame]) -> Path:
    frame = zonestats.load(FIXTURES / "minimal.yaml").observations()
    path = tmp_path / "bad.csv"
    change(frame.copy()).to_csv(path, index=False)
    return path


def _set(column: str, row: int, value: Any) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame[column] = frame[column].astype(object)
        frame.loc[row, column] = value
        return frame

    return change


BAD_TABLES: list[tuple[str, Callable[[pd.DataFrame], pd.DataFrame], str, int]] = [
    ("unknown column", lambda f: f.assign(colour="red"), "unknown column colour", 1),
    ("missing column", lambda f: f.drop(columns=["unit"]), "missing column unit", 1),
    ("not a number", _set("value", 1, "seventy"), "value 'seventy' is not a number", 3),
    ("missing value", _set("value", 0, None), "value is missing", 2),
    ("bad period", _set("period", 2, "2021-13"), "not a real date", 4),
    ("bad id", _set("indicator", 0, "Rank!"), "'Rank!' is not a snake_case id", 2),
    ("unknown qualifier", _set("qualifier", 1, "roughly"), "unknown qualifier 'roughly'", 3),
    ("unknown better", _set("better", 1, "up"), "unknown better 'up' (one of: higher, lower)", 3),
    ("unit missing", _set("unit", 0, None), "unit is missing", 2),
    (
        "value not in quote",
        _set("written", 0, "第74位"),
        "'第74位' does not appear in its quote",
        2,
    ),
    ("reads otherwise", _set("value", 0, 74.0), "'第73位' reads as 73, not 74", 2),
    (
        "other unit",
        _set("unit", 0, "个"),
        "'第73位' is counted in 位, but the indicator's unit is 个",
        2,
    ),
    ("two names", _set("name", 1, "别名"), "has another name here ('别名', not '国家级", 3),
    ("same period twice", _set("period", 1, "2019"), "two exact observations for period 2019", 3),
    ("bad out_of", _set("out_of", 0, "many"), "out_of 'many' is not a whole number", 2),
]


@pytest.mark.parametrize(
    ("change", "words", "row"), [c[1:] for c in BAD_TABLES], ids=[c[0] for c in BAD_TABLES]
)
def test_bad_tables(
    cli: Callable[..., Any],
    tmp_path: Path,
    change: Callable[[pd.DataFrame], pd.DataFrame],
    words: str,
    row: int,
) -> None:
    path = _csv_with(tmp_path, change)
    result = cli("compare", "-d", str(path), expect=1)
    assert result.stdout == ""
    line = result.stderr.strip()
    assert line.startswith(f"error: {path}:{row}: ") and words in line, line
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "the file is empty"),
        ("indicator,period,value,unit\n签约,2020,5,个\n".encode("gb18030"), "GBK/GB18030"),
        (b"indicator,period,value,unit\n", "the table has no rows"),
    ],
    ids=["empty", "gb18030", "header only"],
)
def test_unreadable_tables(
    cli: Callable[..., Any], tmp_path: Path, content: bytes, words: str
) -> None:
    path = tmp_path / "table.csv"
    path.write_bytes(content)
    result = cli("export", "-d", str(path), expect=1)
    assert words in result.stderr and len(result.stderr.splitlines()) == 1


def test_many_bad_rows_are_all_listed_and_validate_folds_them(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    frame = pd.DataFrame(
        {"indicator": "x", "period": [str(2000 + i) for i in range(25)], "value": "?", "unit": "个"}
    )
    path = tmp_path / "many.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(zonestats.DataError) as caught:
        zonestats.load_observations(path)
    assert [p.line for p in caught.value.problems] == list(range(2, 27))
    report = json.loads(cli("validate", "--json", str(path), expect=1).stdout)
    assert report["counts"]["problems"] == 25 and len(report["problems"]) == 25
    assert report["counts"]["by_code"] == {"not-a-number": 25}
    printed = cli("validate", str(path), expect=1).stdout.splitlines()
    assert len(printed) == 21 and printed[19].startswith(f"{path}:21: value '?'")
    assert printed[-1] == f"{path}:26: ... and 5 more rows like that [not-a-number]"


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_summary_of_a_table_is_that_of_its_dataset(
    cli: Callable[..., Any], tmp_path: Path, suffix: str
) -> None:
    """The export keeps the zone and the source, so a table sums up as its YAML does."""
    exported = _export(cli, tmp_path, suffix)
    assert cli("summary", "-d", str(exported), "--json").stdout == cli("summary", "--json").stdout
    for lang in ("zh", "en"):
        from_table = cli("summary", "-d", str(exported), "--lang", lang).stdout
        assert from_table == cli("summary", "--lang", lang).stdout


def test_the_column_writer_matches_the_row_writer(dataset: zonestats.Dataset) -> None:
    """CSV from a DataFrame, written column-wise, is the text the row-by-row writer makes."""
    from zonestats.analysis import growth_table

    frame = dataset.observations()
    growth = growth_table(frame)
    extra = pd.DataFrame({"x": [1.5, float("nan"), -0.0, 1e16, 123456789.0, 0.1 + 0.2]})
    for source, columns in (
        (frame, EXPORT_COLUMNS),
        (growth, growth_columns(growth, False)),
        (extra, (growth_columns(growth, False)[0].__class__("x", "", ""),)),
    ):
        by_frame = table_from_frame(source.assign(periods="", remarks=""), columns)
        by_rows = Table(by_frame.columns, list(by_frame.rows))
        assert _csv(by_frame) == _csv(by_rows)


def _csv(table: Table) -> str:
    out = io.StringIO()
    stdout, sys.stdout = sys.stdout, out
    try:
        render(table, OutputOptions(format=Format.CSV))
    finally:
        sys.stdout = stdout
    return out.getvalue()


def test_limit_cuts_rows_and_says_how_to_see_them(cli: Callable[..., Any]) -> None:
    result = cli("export", "--csv", "--limit", "3")
    assert len(result.stdout.splitlines()) == 4
    assert result.stderr == (
        "showing 3 of 41 rows; --limit 0 shows them all, --csv or -o FILE.xlsx writes them "
        "for a spreadsheet\n"
    )
    assert len(cli("export", "--csv", "--limit", "0").stdout.splitlines()) == 42


@pytest.mark.parametrize("format", ["table", "markdown"])
def test_limit_cuts_each_table_of_the_summary_for_people(
    cli: Callable[..., Any], format: str
) -> None:
    """Every section of the summary at most --limit rows (the headline and counts whole),
    one note for all of them; --limit 0 shows every row."""
    from zonestats.analysis.summary import summarize

    whole = summarize(zonestats.load())
    result = cli("summary", "--format", format, "--lang", "en", "--limit", "2")
    everything = cli("summary", "--format", format, "--lang", "en", "--limit", "0")
    assert everything.stderr == ""
    shown = [i.indicator for i in whole.latest if i.indicator in result.stdout]
    every = [i.indicator for i in whole.latest if i.indicator in everything.stdout]
    categories = {i.category for i in whole.latest}
    assert every == [i.indicator for i in whole.latest]
    assert len(shown) == sum(
        min(2, len([i for i in whole.latest if i.category == c])) for c in categories
    )
    cut = sum(len([i for i in whole.latest if i.category == c]) > 2 for c in categories)
    cut += len(whole.movers) > 2
    assert result.stderr.startswith(f"showing at most 2 rows of each table ({cut} of ")
    assert len(result.stderr.splitlines()) == 1


def test_limit_cuts_the_summary_s_rows_for_programs_and_not_its_json(
    cli: Callable[..., Any],
) -> None:
    rows = cli("summary", "--csv", "--limit", "3")
    assert len(rows.stdout.splitlines()) == 4
    assert rows.stderr.startswith("showing 3 of ")
    document = cli("summary", "--json", "--limit", "3")
    assert document.stdout == cli("summary", "--json").stdout
    assert document.stderr == ""


def test_long_tables_are_cut_when_not_on_a_terminal(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    frame = pd.DataFrame(
        {
            "indicator": "x",
            "period": [str(1000 + i) for i in range(1200)],
            "value": 1.0,
            "unit": "个",
        }
    )
    path = tmp_path / "long.csv"
    frame.to_csv(path, index=False)
    result = cli("export", "-d", str(path))
    assert result.stderr.startswith("showing 1,000 of 1,200 rows")
    assert cli("export", "-d", str(path), "--csv").stderr == ""


def test_progress_on_a_terminal_only(cli: Callable[..., Any]) -> None:
    shown = run_on_terminal(["compare", "--csv"], {"ZONESTATS_PROGRESS_DELAY": "0"}, "stderr")
    assert "reading the bundled dataset" in shown
    quiet = run_on_terminal(["compare", "--csv"], {}, "stderr")
    assert "reading" not in quiet  # the bundled data loads in well under a second
    assert cli("compare", "--csv").stderr == ""  # not a terminal: nothing


BROWSING = [["list"], ["list", "--category", "industry"], ["show", "national_rank"]]


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("command", BROWSING, ids=[" ".join(c) for c in BROWSING])
def test_list_and_show_of_the_export_are_those_of_the_dataset(
    cli: Callable[..., Any], tmp_path: Path, suffix: str, command: list[str]
) -> None:
    exported = _export(cli, tmp_path, suffix)
    for fmt in ("table", "csv", "json", "markdown"):
        from_yaml = cli(*command, "-f", fmt).stdout
        assert cli(*command, "-d", str(exported), "-f", fmt).stdout == from_yaml, fmt
    # In English the dataset's title gives the zone's English name, which a table lacks.
    for fmt in ("csv", "json"):
        from_yaml = cli(*command, "--lang", "en", "-f", fmt).stdout
        assert cli(*command, "-d", str(exported), "--lang", "en", "-f", fmt).stdout == from_yaml


def test_list_and_show_of_several_zones(cli: Callable[..., Any], tmp_path: Path) -> None:
    zones = [str(FIXTURES / "minimal.yaml"), str(FIXTURES / "zone_b.yaml")]
    exported = str(_export(cli, tmp_path, "csv", *zones))
    listed = json.loads(cli("list", "-d", exported, "--json").stdout)
    assert [(r["zone"], r["indicator"]) for r in listed] == [
        ("示例开发区", "national_rank"),
        ("示例开发区", "signed_projects"),
        ("样例经开区", "national_rank"),
        ("样例经开区", "signed_projects"),
    ]
    for one in zones:
        alone = json.loads(cli("list", "-d", one, "--json").stdout)
        zone = zonestats.load(one).zone.name
        assert [
            {k: v for k, v in r.items() if k != "zone"} for r in listed if r["zone"] == zone
        ] == alone
    shown = cli("show", "national_rank", "-d", exported, "--csv").stdout.splitlines()
    assert shown[0].startswith("zone,period,")
    assert [line.split(",")[0] for line in shown[1:]] == ["示例开发区"] * 2 + ["样例经开区"] * 2
    table = cli("list", "-d", exported).stdout
    assert "开发区" in table.splitlines()[0] and "样例经开区" in table


def test_browsing_a_long_table_says_what_is_wrong(cli: Callable[..., Any], tmp_path: Path) -> None:
    exported = str(_export(cli, tmp_path, "csv"))
    result = cli("show", "national_rnk", "-d", exported, expect=1)
    assert result.stderr == "error: no indicator 'national_rnk'; did you mean national_rank?\n"
    result = cli("list", "--category", "sport", "-d", exported, expect=1)
    assert result.stderr.startswith("error: no category 'sport' (known: ranking, industry")


_FIGURES = st.tuples(
    st.sampled_from(["", "第", "约", "超过", "近"]),
    st.one_of(
        st.integers(0, 10**13).map(str),
        st.decimals(0, 10**6, places=3, allow_nan=False).map(str),
        st.sampled_from(["１２", "1,234", "五", "3.", ".5", "0012", "1" * 19]),
    ),
    st.sampled_from(["", "万", "亿", "万亿", "多", "余万", "千"]),
    st.sampled_from(
        [
            "",
            "个",
            "位",
            "名",
            "万元",
            "元",
            "%",
            "个百分点",
            "kg",
            "家",
            "人次",
            "多家",
            "十",
            " 个",
            "台套件组合",
            "亿元以上",
            "第",
            "Mt",
        ]
    ),
).map("".join)


@given(st.lists(_FIGURES, min_size=1, max_size=40, unique=True))
def test_values_read_column_wise_read_as_one_by_one(texts: list[str]) -> None:
    """The column-wise reading of plain figures gives what the grammar gives each one."""
    from zonestats.io.figures import read_figures
    from zonestats.model.rules import read_written

    value, unit, qualifier, error = read_figures(pd.Index(texts, dtype=pd.StringDtype("pyarrow")))
    for index, text in enumerate(texts):
        try:
            reading = read_written(text)
        except zonestats.ZonestatsError as problem:
            assert error[index] == problem.message, text
            continue
        assert error[index] is None, text
        assert value[index] == pytest.approx(reading.value, rel=1e-12), text
        assert (unit[index], qualifier[index]) == (reading.unit, reading.qualifier.value), text


def _problems(path: Path) -> list[tuple[int | None, str]]:
    from zonestats.io.inputs import problems

    return [(p.line, p.code) for p in problems([path])]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("noperiod.csv", "indicator,period,value,unit\nfirms,,1,家\nfirms,,2,家\n"),
        ("allempty.csv", "indicator,period,value,unit\n,,,\n"),
        ("noperiod.jsonl", '{"indicator":"firms","period":null,"value":1,"unit":"家"}\n'),
    ],
    ids=["csv", "all empty", "jsonl"],
)
def test_a_period_column_with_no_period_is_missing_on_every_row(
    tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    found = _problems(path)
    rows = {line for line, _ in found}
    assert found and all((line, "missing-field") in found for line in rows)
    assert {code for _, code in found} == {"missing-field"}


def _export_of(cli: Callable[..., Any], path: Path) -> list[dict[str, str]]:
    import csv

    return list(csv.DictReader(io.StringIO(cli("export", "-d", str(path), "--csv").stdout)))


@pytest.mark.parametrize("suffix", ["csv", "tsv", "jsonl", "json"])
def test_text_columns_are_read_as_the_text_written(
    cli: Callable[..., Any], tmp_path: Path, suffix: str
) -> None:
    """A zone 0101 stays 0101 and a written 2.00 stays 2.00, whatever the other rows hold."""
    rows = [
        {
            "zone": "0101",
            "indicator": "share",
            "period": "2020",
            "value": "1.5",
            "unit": "%",
            "written": "1.50",
            "quote": "占比1.50",
        },
        {
            "zone": "0101",
            "indicator": "share",
            "period": "2021",
            "value": "2",
            "unit": "%",
            "written": "2.00",
            "quote": "占比2.00",
        },
    ]
    path = tmp_path / f"wn.{suffix}"
    frame = pd.DataFrame(rows)
    if suffix in ("csv", "tsv"):
        frame.to_csv(path, index=False, sep="," if suffix == "csv" else "\t")
    else:  # numbers as JSON numbers: their digits are the text written
        lines = [json.dumps(r, ensure_ascii=False).replace('"1.50"', "1.50") for r in rows]
        lines = [line.replace('"2.00"', "2.00") for line in lines]
        path.write_text(
            "\n".join(lines) if suffix == "jsonl" else "[" + ",".join(lines) + "]",
            encoding="utf-8",
        )
    exported = _export_of(cli, path)
    assert [(r["zone"], r["written"]) for r in exported] == [("0101", "1.50"), ("0101", "2.00")]


def test_json_numbers_come_back_as_written(cli: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "pf.jsonl"
    path.write_text(
        '{"zone":"甲区","indicator":"r","period":"2020","value":2.72,"unit":"%"}\n'
        '{"zone":"甲区","indicator":"r","period":"2021","value":0.6,"unit":"%"}\n',
        encoding="utf-8",
    )
    assert [r["value"] for r in _export_of(cli, path)] == ["2.72", "0.6"]
    assert zonestats.load(path).observations()["value"].tolist() == [2.72, 0.6]


@pytest.mark.parametrize("engine", ["never", "always"])
def test_a_blank_line_of_json_lines_is_counted(
    cli: Callable[..., Any], tmp_path: Path, engine: str
) -> None:
    """Problems name the line a record is on, blank lines counted, read whole or through
    the engine, and in what any command says of it."""
    path = tmp_path / "gaps.jsonl"
    path.write_text(
        "\n"
        '{"zone":"甲区","indicator":"r","period":"2020","value":1,"unit":"家"}\n'
        "\n\n"
        '{"zone":"甲区","indicator":"r","period":"2021","value":"many","unit":"家"}\n'
        '{"zone":"甲区","indicator":"r","period":"2022","value":3,"unit":"家"}\n',
        encoding="utf-8",
    )
    result = cli("validate", str(path), expect=1, env={"ZONESTATS_ENGINE": engine})
    assert f"{path}:5: value 'many' is not a number [not-a-number]" in result.stdout
    shown = cli("show", "r", "-d", str(path), "--json", expect=1).stderr
    assert f"{path}:5:" in shown


def test_a_json_table_after_much_white_space_is_a_table(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    exported = _export(cli, tmp_path, "csv")
    records = pd.read_csv(exported, dtype=str).to_json(orient="records", force_ascii=False)
    path = tmp_path / "ws.json"
    path.write_text(" " * 200 + "\n" * 100 + records, encoding="utf-8")
    assert cli("export", "-d", str(path), "--csv").stdout == cli("export", "--csv").stdout


def test_json_lines_named_json_are_told_to_be_named_jsonl(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    exported = _export(cli, tmp_path, "jsonl")
    path = tmp_path / "nd.json"
    path.write_bytes(exported.read_bytes())
    assert _problems(path) == [(2, "unreadable-table")]
    assert "name it .jsonl" in cli("validate", str(path), expect=1).stdout


def test_a_cell_too_long_is_refused_with_its_row_and_column(tmp_path: Path) -> None:
    from zonestats.io.inputs import problems
    from zonestats.io.limits import MAX_CELL

    long = "长" * (MAX_CELL + 1)
    for suffix, separator in (("csv", ","), ("tsv", "\t")):
        path = tmp_path / f"long.{suffix}"
        path.write_text(
            separator.join(["indicator", "period", "value", "unit", "quote"])
            + "\n"
            + separator.join(["firms", "2020", "1", "家", "ok"])
            + "\n"
            + separator.join(["firms", "2021", "2", "家", long])
            + "\n"
            + separator.join(["firms", "2022", "9" * (MAX_CELL + 1), "家", "x"])
            + "\n",
            encoding="utf-8",
        )
        found = problems([path])
        assert [(p.line, p.code) for p in found] == [(3, "cell-too-long"), (4, "cell-too-long")]
        assert found[0].message.startswith("'quote' is 100,001 characters")
        assert found[1].message.startswith("'value' is 100,001 characters")
    lines = tmp_path / "long.jsonl"
    record = {"indicator": "firms", "period": "2021", "value": 1, "unit": "家"}
    lines.write_text(
        json.dumps(record) + "\n" + json.dumps({**record, "quote": long}) + "\n",
        encoding="utf-8",
    )
    assert _problems(lines) == [(2, "cell-too-long")]


@pytest.mark.parametrize("suffix", ["csv", "tsv", "jsonl", "json"])
def test_a_binary_table_is_refused_as_binary(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"binary.{suffix}"
    path.write_bytes(b"[indicator,period\n\x00\x01\x02\xff\xfe\x00,x\n")
    assert _problems(path) == [(None, "binary-file")]


_NUMBER_TEXTS = st.one_of(
    st.from_regex(r"-?[0-9]{1,15}(\.[0-9]{1,15})?", fullmatch=True),
    st.from_regex(r"[0-9]{1,13}", fullmatch=True),
    st.floats().map(repr),
    st.sampled_from(
        [" 41", "+41", "41.", ".5e2", "NaN", "1e999", "0", "00", "0012", "4_1", "４１"]
    ),
)
_SURE_NUMBERS = {  # what zonestats.model.fields may count as surely passing
    "number": (r"^-?[0-9]{1,15}(?:\.[0-9]{1,15})?$",),
    "whole": (r"^[0-9]{1,12}$", r"[1-9]"),
}


@given(st.lists(_NUMBER_TEXTS, min_size=1, max_size=40, unique=True))
def test_numbers_read_column_wise_read_as_one_by_one(texts: list[str]) -> None:
    """Numbers written as text read as their field's converter reads them, whether they go
    through it one by one or are read column-wise as surely passing it."""
    from unittest import mock

    from zonestats.io.cells import TextColumn
    from zonestats.io.columns import _text_numbers
    from zonestats.model import fields

    sure = {getattr(fields, name): patterns for name, patterns in _SURE_NUMBERS.items()}
    for column, convert in (("value", fields.number), ("out_of", fields.whole)):
        for patterns in ({}, sure):
            with mock.patch.dict(fields.SURELY_VALID, patterns):
                values, wrong = _text_numbers(TextColumn(pd.Series(texts, dtype="str")), column)
            for index, text in enumerate(texts):
                try:
                    expected = float(convert(text))
                except zonestats.ZonestatsError:
                    assert wrong[index] and np.isnan(values[index]), text
                    continue
                assert not wrong[index] and values[index] == expected, text


def test_a_json_cell_holding_a_list_is_no_single_value(tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonl"
    record = {"indicator": "x", "period": "2020", "value": 1, "unit": "个", "note": True}
    path.write_text(
        json.dumps(record) + "\n" + json.dumps({**record, "quote": ["签约1个"]}) + "\n",
        encoding="utf-8",
    )
    assert _problems(path) == [(2, "wrong-type")]
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert zonestats.load(path).observations()["note"].tolist() == ["true"]


_PANEL = pd.DataFrame(
    {
        "zone": ["甲区", "甲区", "乙区", "乙区"],
        "indicator": ["firms"] * 4,
        "name": ["企业数"] * 4,
        "period": ["2020", "2021", "2020", "2021"],
        "value": [10, 12, 5, 9],
        "unit": ["家"] * 4,
        "written": ["10家", "12家", "5家", "9家"],
        "quote": ["甲区有10家", "甲区有12家", "乙区有5家", "乙区有9家"],
    }
)


@pytest.mark.parametrize("suffix", ["parquet", "csv"])
def test_a_table_partitioned_in_folders_reads_as_the_whole(
    cli: Callable[..., Any], tmp_path: Path, suffix: str
) -> None:
    """panel/period=2021/part.parquet: the folder's column is every row's (the files hold
    none), by folder or by glob, and compare gives what the one table gives."""
    flat = tmp_path / "flat.csv"
    _PANEL.sort_values(["zone", "period"]).to_csv(flat, index=False)  # the folders' order
    for (zone, period), rows in _PANEL.groupby(["zone", "period"]):
        folder = tmp_path / "panel" / f"zone={zone}" / f"period={period}"
        folder.mkdir(parents=True)
        part = rows.drop(columns=["zone", "period"])
        if suffix == "parquet":
            part.to_parquet(folder / "part.parquet", index=False)
        else:
            part.to_csv(folder / "part.csv", index=False)
    whole = cli("compare", "-d", str(flat), "--csv").stdout
    assert cli("compare", "-d", str(tmp_path / "panel"), "--csv").stdout == whole
    glob = str(tmp_path / "panel" / "*" / "*" / f"*.{suffix}")
    assert cli("compare", "-d", glob, "--csv").stdout == whole


def test_a_partition_s_value_is_unescaped_and_the_file_s_own_column_wins(tmp_path: Path) -> None:
    from zonestats.io.long_table import with_partitions

    cells = pd.DataFrame({"zone": pd.array(["甲区"], dtype="string")})
    folders = ("run=3", "zone=%E4%B9%99%E5%8C%BA", "period=2021-01%2F2021-06")
    with_partitions(cells, tmp_path.joinpath(*folders, "p.csv"))
    assert cells.to_dict("records") == [{"zone": "甲区", "period": "2021-01/2021-06"}]


_CELLS = st.one_of(
    st.none(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8),
    st.sampled_from(["=1+2", "+1", "-3", "@x", "\tTab", "\rCR", "a,b", 'say "hi"', "#x", ""]),
    st.sampled_from(["a\nb", "c\r\nd", "e\rf", "全区291个", " lead", "trail ", "NULL"]),
)
_NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**17), 10**17).map(float),
    st.sampled_from([0.0, -0.0, 0.1 + 0.2, 2.5, 1e16, 1e22, 123456789012.5, 5e-324]),
)


@settings(max_examples=25, deadline=None)
@given(
    texts=st.lists(_CELLS, min_size=1, max_size=30),
    numbers=st.lists(_NUMBERS, min_size=1, max_size=30),
    delimiter=st.sampled_from([",", "\t"]),
)
def test_the_engine_writes_a_large_table_s_rows_as_the_row_writer_does(
    texts: list[str | None], numbers: list[float], delimiter: str
) -> None:
    """COPY and the row writer give the same bytes: numbers (12 significant digits, whole
    ones as integers, -0, nothing for NaN), flags, integers with gaps, text with formula
    starts, quotes, line ends and empty cells."""
    from zonestats.output import copy as engine
    from zonestats.output import writers

    size = max(len(texts), len(numbers))
    frame = pd.DataFrame(
        {
            "text": pd.Series([texts[i % len(texts)] for i in range(size)], dtype=object),
            "number": [numbers[i % len(numbers)] for i in range(size)],
            "flag": pd.array([[True, False, None][i % 3] for i in range(size)], dtype="boolean"),
            "count": pd.array([[7, None, -2][i % 3] for i in range(size)], dtype="Int64"),
        }
    )
    rows = io.StringIO()
    writers._frame_rows(frame, rows, delimiter)  # the row writer
    copied = io.StringIO()
    assert engine.copy_rows(frame, copied, delimiter, min_rows=0)
    assert copied.getvalue() == rows.getvalue()
