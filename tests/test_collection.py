"""Many reports, many zones, many years: datasets of several zones, inputs combined across
years, merging and conflicts, zone identities, and every command on every input."""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import zonestats
from zonestats.analysis import Selection, growth_table
from zonestats.io.inputs import problems

from .conftest import FIXTURES

THREE = str(FIXTURES / "three_zones.yaml")
THREE_TEXT = str(FIXTURES / "three_zones.txt")
YEAR_1 = str(FIXTURES / "report_2021.yaml")
YEAR_2 = str(FIXTURES / "report_2022.yaml")
REVISED = str(FIXTURES / "report_2022_revised.yaml")
MINIMAL = str(FIXTURES / "minimal.yaml")
ZONE_B = str(FIXTURES / "zone_b.yaml")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ---- a report about three zones, in one file -------------------------------------------


def test_three_zones_in_one_file_validate_and_verify(cli: Callable[..., Any]) -> None:
    assert cli("validate", THREE).stderr == f"{THREE}: valid\n"
    result = cli("verify", THREE, "--source", THREE_TEXT)
    assert result.stdout == "" and "every quote is in" in result.stderr
    dataset = zonestats.load(THREE)
    assert [z.id for z in dataset.zones] == ["qingshan", "baishui", "hongshi"]
    assert len(dataset.sources) == 1 and dataset.source.publisher == "示例新闻网"


def test_three_zones_compare(cli: Callable[..., Any]) -> None:
    rows = _rows(cli("compare", "-d", THREE, "--csv").stdout)
    assert {r["zone"] for r in rows} == {"青山经开区", "白水经开区", "红石经开区"}
    ranks = {r["zone"]: r for r in rows if r["indicator"] == "national_rank"}
    # Each evaluation's own number of zones: 217 in 2021, 230 in 2022.
    qingshan = ranks["青山经开区"]
    assert (qingshan["from_out_of"], qingshan["to_out_of"]) == ("217", "230")
    assert float(qingshan["from_percentile"]) == pytest.approx(52 / 217)
    assert float(qingshan["to_percentile"]) == pytest.approx(35 / 230)
    assert "compare the percentiles" in qingshan["note"]
    table = cli("compare", "-d", THREE, "--lang", "en").stdout
    assert table.splitlines()[0].strip() == "青山经开区 vs 白水经开区 vs 红石经开区"


def test_a_verify_failure_in_a_zone_of_several(cli: Callable[..., Any], tmp_path: Path) -> None:
    text = (
        Path(THREE)
        .read_text(encoding="utf-8")
        .replace("白水经开区实现860亿元", "白水经开区实现870亿元")
    )
    text = text.replace("value: 860亿元", "value: 870亿元")
    path = tmp_path / "three.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("verify", str(path), "--source", THREE_TEXT, expect=1)
    assert result.stdout.count("[quote-not-in-source]") == 1
    assert "白水经开区实现870亿元" in result.stdout


# ---- one zone across years -------------------------------------------------------------


def test_two_schema_1_reports_of_one_zone_compare_across_years(cli: Callable[..., Any]) -> None:
    assert cli("validate", YEAR_1, YEAR_2).stdout == ""
    rows = {
        r["indicator"]: r for r in _rows(cli("compare", "-d", YEAR_1, "-d", YEAR_2, "--csv").stdout)
    }
    rank = rows["national_rank"]
    assert (rank["from_period"], rank["to_period"], rank["change"]) == ("2019", "2021", "-30")
    # The denominator belongs to each observation: 218 in the first report, 217 in the second.
    assert (rank["from_out_of"], rank["to_out_of"]) == ("218", "217")
    assert float(rank["to_percentile"]) == pytest.approx(60 / 217)
    signed = rows["signed_projects"]
    assert (signed["from_value"], signed["to_value"], signed["multiple"]) == ("30", "36", "1.2")


def test_a_figure_two_reports_agree_on_is_one_observation_with_both_sources() -> None:
    dataset = zonestats.load([YEAR_1, YEAR_2])
    assert dataset.conflicts == ()
    merged = dataset.observations()
    cited = dataset.observations(merged=False)
    signed_2020 = cited[(cited["indicator"] == "signed_projects") & (cited["period"] == "2020")]
    assert sorted(signed_2020["source_title"]) == [
        "样板开发区2020年工作总结",
        "样板开发区2021年工作总结",
    ]
    one = merged[(merged["indicator"] == "signed_projects") & (merged["period"] == "2020")]
    assert len(one) == 1 and one["source_title"].iloc[0] == "样板开发区2021年工作总结"


def test_a_third_report_with_another_value_is_a_conflict(cli: Callable[..., Any]) -> None:
    result = cli("validate", YEAR_1, YEAR_2, REVISED, expect=1)
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].endswith("[conflicting-values]")
    assert lines[0].startswith(f"{REVISED}:21:") and f"第60位 at {YEAR_2}:21" in lines[0]
    report = json.loads(cli("validate", YEAR_1, YEAR_2, REVISED, "--json", expect=1).stdout)
    assert report["counts"]["by_code"] == {"conflicting-values": 1}
    assert [f["valid"] for f in report["files"]] == [True, True, False]


def test_analysis_uses_the_later_published_source_and_says_so(cli: Callable[..., Any]) -> None:
    result = cli("compare", "-d", YEAR_1, "-d", YEAR_2, "-d", REVISED, "national_rank", "--csv")
    assert _rows(result.stdout)[0]["to_value"] == "58"
    assert result.stderr.startswith("note: 样板开发区 national_rank 2021: the sources differ")
    assert "using 第58位, from the later-published source (2022-06-01)" in result.stderr
    # Given in the other order, the later-published source still wins.
    again = cli("compare", "-d", REVISED, "-d", YEAR_2, "-d", YEAR_1, "national_rank", "--csv")
    assert _rows(again.stdout)[0]["to_value"] == "58"


def test_show_lists_both_figures_of_a_conflict(cli: Callable[..., Any]) -> None:
    records = json.loads(
        cli("show", "national_rank", "-d", YEAR_1, "-d", YEAR_2, "-d", REVISED, "--json").stdout
    )
    twenty_one = [r for r in records if r["period"] == "2021"]
    assert [r["written"] for r in twenty_one] == ["第58位", "第60位"]
    assert "analysis uses this" in twenty_one[0]["note"]
    assert "analysis uses 第58位" in twenty_one[1]["note"]


# ---- ranks of evaluations of different sizes ----------------------------------------------


def _ranks_table(tmp_path: Path, rows: list[tuple[str, int, int]]) -> Path:
    path = tmp_path / "ranks.csv"
    frame = pd.DataFrame(
        [
            {
                "zone": "样板开发区",
                "indicator": "national_rank",
                "period": period,
                "value": rank,
                "unit": "位",
                "out_of": out_of,
                "written": f"第{rank}位",
                "quote": f"在{out_of}个国家级开发区中位列第{rank}位",
            }
            for period, rank, out_of in rows
        ]
    )
    frame.to_csv(path, index=False)
    return path


def test_a_long_table_of_ranks_keeps_each_years_denominator(tmp_path: Path) -> None:
    path = _ranks_table(tmp_path, [("2018", 50, 219), ("2019", 40, 218)])
    row = growth_table(zonestats.load(path).observations()).iloc[0]
    assert row["from_percentile"] == pytest.approx(50 / 219)
    assert row["to_percentile"] == pytest.approx(40 / 218)
    assert row["improved"] and row["better"] == "lower"  # a rank improves as it falls


def test_a_rank_above_its_out_of_is_refused(cli: Callable[..., Any], tmp_path: Path) -> None:
    path = _ranks_table(tmp_path, [("2018", 50, 219), ("2019", 300, 218)])
    result = cli("compare", "-d", str(path), expect=1)
    assert result.stderr.startswith(f"error: {path}:3: rank 第300位 is beyond out_of 218")
    assert "[rank-above-out-of]" in result.stderr


# ---- every command on several zones -------------------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["show", "national_rank"], ["summary"]])
def test_browsing_commands_show_every_zone(cli: Callable[..., Any], command: list[str]) -> None:
    out = cli(*command, "-d", MINIMAL, "-d", ZONE_B).stdout
    assert "示例开发区" in out and "样例经开区" in out


def test_list_and_show_have_a_zone_column_with_several_zones(cli: Callable[..., Any]) -> None:
    listed = _rows(cli("list", "-d", MINIMAL, "-d", ZONE_B, "--csv").stdout)
    assert [r["zone"] for r in listed] == ["示例开发区"] * 2 + ["样例经开区"] * 2
    shown = _rows(cli("show", "national_rank", "-d", MINIMAL, "-d", ZONE_B, "--csv").stdout)
    assert [(r["zone"], r["period"]) for r in shown] == [
        ("示例开发区", "2019"),
        ("示例开发区", "2020"),
        ("样例经开区", "2019"),
        ("样例经开区", "2020"),
    ]


def test_the_summary_of_a_collection_counts_zones_reports_and_years(
    cli: Callable[..., Any],
) -> None:
    out = cli("summary", "-d", MINIMAL, "-d", ZONE_B, "-d", THREE, "--lang", "en").stdout
    assert out.splitlines()[0].startswith("5 zones (示例开发区, 样例经开区, 青山经开区")
    assert "3 reports, years 2019–2022" in out.splitlines()[0]
    data = json.loads(cli("summary", "-d", MINIMAL, "-d", ZONE_B, "--json").stdout)
    assert data["zone"] is None and [z["name"] for z in data["zones"]] == [
        "示例开发区",
        "样例经开区",
    ]
    assert {m["zone"] for m in data["movers"]} == {"示例开发区", "样例经开区"}


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_zones_side_by_side_with_no_trend_in_what_is_asked(
    cli: Callable[..., Any], fmt: str
) -> None:
    """Naming an indicator none of whose series has two observations runs in every format."""
    result = cli("compare", "-d", THREE, "-d", MINIMAL, "industrial_output", "-f", fmt)
    assert "1250亿元" in result.stdout or "125000000000" in result.stdout


def test_three_hundred_zones_side_by_side_print_no_warning(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    frame = pd.DataFrame(
        [
            {
                "zone": f"开发区{z:03d}",
                "indicator": f"x{i}",
                "period": str(year),
                "value": z + i + year,
                "unit": "个",
                "better": "higher",
            }
            for z in range(300)
            for i in range(5)
            for year in (2020, 2021)
        ]
    )
    path = tmp_path / "zones.csv"
    frame.to_csv(path, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = cli("compare", "-d", str(path), "-n", "0")
    lines = result.stdout.splitlines()
    assert result.stderr == "" and lines[0].strip() == "300 个开发区对比"
    assert len(lines) == 3 + 5 * 300 and "开发区299" in lines[-1]


# ---- zones under several names, and inputs of every kind ----------------------------------


def test_a_zone_known_by_an_alias_is_one_zone(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    text = Path(MINIMAL).read_text(encoding="utf-8").replace("示例开发区", "青山经济技术开发区")
    other.write_text(text.replace('period: "2019"', 'period: "2018"'), encoding="utf-8")
    dataset = zonestats.load([THREE, other])
    assert [z.id for z in dataset.zones] == ["qingshan", "baishui", "hongshi"]
    frame = dataset.observations()
    assert set(frame["zone"]) == {"青山经开区", "白水经开区", "红石经开区"}
    ranks = frame[(frame["zone"] == "青山经开区") & (frame["indicator"] == "national_rank")]
    assert sorted(ranks["period"]) == ["2018", "2020", "2021", "2022"]


def test_two_zones_may_not_share_a_name(write_file: Callable[..., Path]) -> None:
    text = (
        Path(THREE)
        .read_text(encoding="utf-8")
        .replace("    name: 白水经开区", "    name: 白水经开区\n    aliases: [青山经开区]")
    )
    found = problems(write_file(text))
    assert [p.code for p in found] == ["zone-identity-conflict"]


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (
            '      - zone: baishui\n        period: "2022"',
            '      - zone: heishan\n        period: "2022"',
            "unknown-zone",
        ),
        (
            '      - {zone: hongshi, period: "2022", value: 突破500亿元',
            '      - {period: "2022", value: 突破500亿元',
            "missing-field",
        ),
        ("  - id: baishui", "  - id: qingshan", "duplicate-id"),
        ("schema_version: 2", "schema_version: 3", "unsupported-schema-version"),
    ],
    ids=["unknown zone", "zone not named", "two zones one id", "future version"],
)
def test_bad_references_in_a_file_of_several_zones(
    write_file: Callable[..., Path], old: str, new: str, code: str
) -> None:
    text = Path(THREE).read_text(encoding="utf-8")
    assert old in text
    found = problems(write_file(text.replace(old, new, 1)))
    assert code in {p.code for p in found}, found


def test_folders_globs_and_one_file_named_twice(cli: Callable[..., Any], tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "old").mkdir(parents=True)
    (folder / "old" / "2021.yaml").write_text(Path(YEAR_1).read_text(encoding="utf-8"), "utf-8")
    (folder / "2022.yaml").write_text(Path(YEAR_2).read_text(encoding="utf-8"), "utf-8")
    (folder / "notes.txt").write_text("not a dataset", "utf-8")
    (folder / ".hidden.yaml").write_text("broken: [", "utf-8")
    by_folder = cli("compare", "-d", str(folder), "--csv").stdout
    by_glob = cli("compare", "-d", f"{folder}/**/*.yaml", "--csv").stdout
    by_files = cli("compare", "-d", YEAR_1, "-d", YEAR_2, "--csv").stdout
    assert by_folder == by_glob == by_files
    twice = cli("export", "-d", YEAR_1, "-d", f"{FIXTURES}/../fixtures/report_2021.yaml", "--csv")
    assert twice.stdout == cli("export", "-d", YEAR_1, "--csv").stdout


def test_yaml_and_long_tables_mix(cli: Callable[..., Any], tmp_path: Path) -> None:
    table = tmp_path / "year_2.csv"
    cli("export", "-d", YEAR_2, "-o", str(table))
    mixed = cli("compare", "-d", YEAR_1, "-d", str(table), "--csv").stdout
    assert mixed == cli("compare", "-d", YEAR_1, "-d", YEAR_2, "--csv").stdout


def test_the_export_of_several_reports_reads_back_the_same(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    table = tmp_path / "all.csv"
    cli("export", "-d", YEAR_1, "-d", YEAR_2, "-d", THREE, "-o", str(table))
    for command in (["compare", "--json"], ["list", "--csv"], ["summary", "--json"]):
        from_table = cli(*command, "-d", str(table)).stdout
        assert from_table == cli(*command, "-d", YEAR_1, "-d", YEAR_2, "-d", THREE).stdout


def test_selection_across_zones_keeps_single_observations() -> None:
    frame = zonestats.load([THREE, MINIMAL]).observations()
    growth = growth_table(frame, Selection(("industrial_output",), keep_single=True))
    assert len(growth) == 3 and growth["change"].isna().all()


def test_validate_reads_a_table_as_a_table(cli: Callable[..., Any], tmp_path: Path) -> None:
    path = _ranks_table(tmp_path, [("2018", 50, 219), ("2019", 300, 218), ("2020-13", 40, 217)])
    lines = cli("validate", str(path), expect=1).stdout.splitlines()
    assert lines == [
        f"{path}:3: rank 第300位 is beyond out_of 218 [rank-above-out-of]",
        f"{path}:4: 'period': period '2020-13' is not a real date [bad-period]",
    ]


def _table(tmp_path: Path, name: str, rows: list[dict[str, Any]]) -> Path:
    path = tmp_path / name
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_two_qualifiers_of_one_period_are_two_observations(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    """约100家 and 100多家 for one year say different things; neither is a duplicate."""
    rows = [
        {
            "zone": "甲区",
            "indicator": "firms",
            "period": "2021",
            "value": 100,
            "unit": "家",
            "written": w,
        }
        for w in ("约100家", "100多家")
    ]
    path = _table(tmp_path, "q.csv", rows)
    assert cli("validate", str(path)).stdout == ""
    listed = _rows(cli("list", "-d", str(path), "--csv").stdout)
    assert (listed[0]["observations"], listed[0]["qualifier"]) == ("2", "more_than")


def test_one_period_written_two_ways_is_one_observation(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    row = {"zone": "甲区", "indicator": "firms", "value": 100, "unit": "家", "written": "100家"}
    one_file = _table(
        tmp_path, "one.csv", [{**row, "period": "2021"}, {**row, "period": "2021-01/2021-12"}]
    )
    assert "[duplicate-observation]" in cli("validate", str(one_file), expect=1).stdout
    first = _table(tmp_path, "a.csv", [{**row, "period": "2021"}])
    second = _table(
        tmp_path, "b.csv", [{**row, "period": "2021-01/2021-12", "value": 110, "written": "110家"}]
    )
    result = cli("validate", str(first), str(second), expect=1)
    assert result.stdout.rstrip().endswith("[conflicting-values]")
    compared = cli("compare", "-d", str(first), "-d", str(second), "firms", "--csv")
    assert "from the input given last (the publication dates do not tell" in compared.stderr


def test_zones_in_other_units_are_never_set_against_each_other(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    rows = [
        {
            "zone": "甲区",
            "indicator": "output",
            "period": "2021",
            "value": 8e8,
            "unit": "元",
            "written": "8亿元",
            "better": "higher",
        },
        {
            "zone": "乙区",
            "indicator": "output",
            "period": "2021",
            "value": 5,
            "unit": "%",
            "written": "5%",
            "better": "higher",
        },
        {
            "zone": "丙区",
            "indicator": "output",
            "period": "2021",
            "value": 9e8,
            "unit": "元",
            "written": "9亿元",
            "better": "higher",
        },
    ]
    path = _table(tmp_path, "units.csv", rows)
    table = cli("compare", "-d", str(path), "--lang", "en").stdout
    line = next(line for line in table.splitlines()[1:] if "乙区" in line.split())
    assert "5%" in line and "units differ: % vs 元" in line
    line = next(line for line in table.splitlines()[1:] if "丙区" in line.split())
    assert "9亿元" in line and "+1亿元" in line and "✓" in line
    from zonestats.analysis import compare_zones

    compared = compare_zones(
        growth_table(zonestats.load(path).observations(), Selection(keep_single=True))
    ).set_index("zone")
    assert pd.isna(compared.loc["乙区", "difference"]) and compared.loc["乙区", "unit"] == "%"


def test_a_table_without_names_takes_them_from_another_input(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    path = _table(
        tmp_path,
        "later.csv",
        [
            {
                "zone": "示例开发区",
                "indicator": "national_rank",
                "period": "2021",
                "value": 30,
                "unit": "位",
                "out_of": 230,
            }
        ],
    )
    assert cli("validate", MINIMAL, str(path)).stdout == ""
    listed = _rows(cli("list", "-d", MINIMAL, "-d", str(path), "--csv").stdout)
    rank = next(r for r in listed if r["indicator"] == "national_rank")
    assert (rank["name"], rank["category"], rank["observations"]) == (
        "国家级开发区考核排名",
        "ranking",
        "3",
    )
    alone = _rows(cli("list", "-d", str(path), "--csv").stdout)[0]
    assert (alone["name"], alone["category"]) == ("national_rank", "other")


def test_an_export_of_a_dataset_and_its_own_export_reads_back(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    once = tmp_path / "once.csv"
    cli("export", "-d", THREE, "-o", str(once))
    twice = tmp_path / "twice.json"
    cli("export", "-d", THREE, "-d", str(once), "-o", str(twice))
    assert cli("validate", str(twice)).stdout == ""
    assert cli("export", "-d", str(twice), "--csv").stdout == once.read_text(encoding="utf-8")


def test_a_rank_improves_by_its_percentile_when_the_evaluations_differ(tmp_path: Path) -> None:
    path = _ranks_table(tmp_path, [("2018", 50, 100), ("2019", 60, 200)])
    row = growth_table(zonestats.load(path).observations()).iloc[0]
    assert row["change"] == 10 and bool(row["improved"])  # 50% then 30% of the zones


# ---- the second review's findings ------------------------------------------------------

_ID_IS_NAME = """\
schema_version: 2
zones:
  - {id: xinqu, name: xinqu, province: 湖北省, level: national}
sources:
  - {id: s1, title: 年报, publisher: 日报, date: "2021-03-01"}
indicators:
  - id: firms
    name: 企业
    name_en: Firms
    category: other
    unit: 家
    observations:
      - {zone: xinqu, source: s1, period: "2020", value: 41家, quote: 企业41家}
"""


def test_a_zone_whose_id_is_its_name(tmp_path: Path) -> None:
    dataset_path = tmp_path / "idname.yaml"
    dataset_path.write_text(_ID_IS_NAME, encoding="utf-8")
    table = _table(
        tmp_path,
        "idname.csv",
        [
            {
                "zone": "xinqu",
                "zone_id": "xinqu",
                "indicator": "firms",
                "period": "2021",
                "value": 42,
                "unit": "家",
            }
        ],
    )
    assert problems([dataset_path]) == [] and problems([dataset_path, table]) == []
    dataset = zonestats.load([dataset_path, table])
    assert [z.id for z in dataset.zones] == ["xinqu"]
    assert dataset.observations()["value"].tolist() == [41.0, 42.0]


def _rank_row(source: str, day: str, out_of: int | None) -> dict[str, Any]:
    row = {
        "zone": "甲区",
        "indicator": "rank",
        "period": "2021",
        "value": 60,
        "unit": "位",
        "written": "第60位",
        "source_title": source,
        "source_date": day,
    }
    return row if out_of is None else {**row, "out_of": out_of}


def test_sources_that_differ_only_in_out_of_say_so(tmp_path: Path) -> None:
    first = _table(tmp_path, "oa.csv", [_rank_row("甲报", "2022-01-01", 217)])
    second = _table(tmp_path, "ob.csv", [_rank_row("乙报", "2022-03-01", 218)])
    found = problems([first, second])
    assert [p.code for p in found] == ["conflicting-values"]
    assert "第60位 (of 218) here, but 第60位 (of 217) at" in found[0].message
    (conflict,) = zonestats.load([first, second]).conflicts
    assert "(第60位 (of 217) in 《甲报》" in conflict.note()
    from zonestats.analysis import citations

    notes = [c.note for c in citations(zonestats.load([first, second]), "rank")]
    assert "the reports differ: analysis uses 第60位 (of 218) of 《乙报》 (2022-03-01)" in notes


def test_a_source_that_leaves_out_of_out_says_nothing_of_it(tmp_path: Path) -> None:
    stated = _table(tmp_path, "oa.csv", [_rank_row("甲报", "2022-01-01", 217)])
    silent = _table(tmp_path, "oc.csv", [_rank_row("丙报", "2022-03-01", None)])
    for inputs in ([stated, silent], [silent, stated]):
        assert problems(inputs) == []
        dataset = zonestats.load(inputs)
        assert dataset.conflicts == ()
        assert dataset.observations()["out_of"].tolist() == [217]
        assert dataset.observations(merged=False)["out_of"].tolist() == [217, 217]


def test_a_name_differing_in_one_file_is_found_whatever_the_other_files_say(
    tmp_path: Path,
) -> None:
    row = {"zone": "甲区", "indicator": "firms", "unit": "家"}
    other = _table(tmp_path, "na.csv", [{**row, "name": "企业数", "period": "2020", "value": 90}])
    names = [("企业数量", "2021", 100), ("注册企业", "2022", 110)]
    mine = _table(
        tmp_path,
        "nb.csv",
        [{**row, "name": n, "period": p, "value": v} for n, p, v in names],
    )
    expected = [("nb.csv", 3, "indicator-differs")]
    assert [(Path(p.path).name, p.line, p.code) for p in problems([mine])] == expected
    assert [(Path(p.path).name, p.line, p.code) for p in problems([other, mine])] == expected


def test_a_definition_stated_for_one_zone_serves_every_zone(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    path = _table(
        tmp_path,
        "cat.csv",
        [
            {"zone": "甲区", "indicator": "firms", "period": "2021", "value": 100, "unit": "家"},
            {
                "zone": "乙区",
                "indicator": "firms",
                "period": "2021",
                "value": 120,
                "unit": "家",
                "category": "investment",
                "better": "higher",
            },
        ],
    )
    listed = _rows(cli("list", "-c", "investment", "-d", str(path), "--csv").stdout)
    assert [(r["zone"], r["category"]) for r in listed] == [
        ("甲区", "investment"),
        ("乙区", "investment"),
    ]
    compared = _rows(cli("compare", "-d", str(path), "--csv").stdout)
    assert {r["better"] for r in compared} == {"higher"}
    table = cli("compare", "-d", str(path), "--lang", "en").stdout.splitlines()
    assert "✓" in next(line for line in table[1:] if "乙区" in line.split())


def test_the_summary_of_zones_without_a_trend(cli: Callable[..., Any], tmp_path: Path) -> None:
    row = {"indicator": "firms", "period": "2021", "unit": "家", "category": "investment"}
    path = _table(
        tmp_path,
        "two.csv",
        [{**row, "zone": "甲区", "value": 100}, {**row, "zone": "乙区", "value": 120}],
    )
    out = cli("summary", "-d", str(path), "--lang", "en").stdout
    assert out.splitlines()[:2] == [
        "2 zones (甲区, 乙区), 1 report, years 2021",
        "1 indicator, 2 observations, 0 with a trend; categories: investment 1",
    ]
    assert "Headline movers" not in out and "主要变化" not in cli("summary", "-d", str(path)).stdout
    assert json.loads(cli("summary", "-d", str(path), "--json").stdout)["movers"] == []
