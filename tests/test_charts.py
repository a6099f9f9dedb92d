"""Charts: the data each kind plots (values, order, axis direction), on the bundled data
and on the four-zone fixtures; the terminal drawing within its width; the files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import zonestats
from zonestats.analysis.chart_kinds import ChartKind
from zonestats.analysis.charts import axis_scale, chart
from zonestats.output.chart_text import chart_lines
from zonestats.output.layout import cell_width

from .conftest import FIXTURES

FOUR = FIXTURES / "four_zones"


def _points(drawn: Any) -> dict[str, list[tuple[str, float]]]:
    return {s.name: [(p.x, round(p.y, 3)) for p in s.points] for s in drawn.series}


def test_growth_bars_on_the_bundled_data() -> None:
    drawn = chart(zonestats.load())
    assert drawn.kind is ChartKind.GROWTH
    bars = drawn.series[0].points
    assert [(p.x, p.y) for p in bars] == [("湖北美的冰箱产值", 82.0), ("湖北美的冰箱产能", 80.0)]
    assert not drawn.log  # 82x and 80x: one order of magnitude
    assert any("national_rank" in note for note in drawn.notes)  # a rank is no multiple
    assert drawn.sources == ("来源:荆州开发区:党旗高扬在工业主战场(湖北文明网,2021-06-30)",)


def test_growth_goes_on_a_log_scale_when_multiples_span_orders_of_magnitude(
    tmp_path: Path,
) -> None:
    drawn = chart(zonestats.load(FOUR), ["industrial_output", "signed_projects"])
    multiples = {p.x: p.y for p in drawn.series[0].points}
    assert multiples["工业总产值(江北经开区)"] == pytest.approx(2.4)
    assert multiples["签约项目数(江北经开区)"] == pytest.approx(41 / 30)
    assert drawn.log is False  # 2.4x and 1.4x
    table = tmp_path / "spread.csv"
    table.write_text(
        "zone,indicator,name,period,value,unit\n"
        "甲区,a,产值,2010,1,亿元\n甲区,a,产值,2020,82,亿元\n"
        "甲区,b,企业数,2010,100,家\n甲区,b,企业数,2020,150,家\n",
        encoding="utf-8",
    )
    spread = chart(zonestats.load(table))
    assert [(p.x, p.y) for p in spread.series[0].points] == [("产值", 82.0), ("企业数", 1.5)]
    assert spread.log is True and spread.y_label == "倍数(对数刻度)"


def test_ranks_are_percentiles_when_evaluations_differ_and_run_downwards() -> None:
    drawn = chart(zonestats.load(FOUR), ["national_rank"])
    assert drawn.kind is ChartKind.RANKS and drawn.inverted
    assert drawn.x_order == ("2018", "2021", "2023")
    assert _points(drawn) == {
        "江北经开区": [("2018", 54.795), ("2021", 27.65), ("2023", 20.0)],
        "南山高新区": [("2018", 45.662), ("2021", 36.866), ("2023", 21.739)],
        "西岭开发区": [("2018", 68.493), ("2021", 18.433), ("2023", 30.435)],
    }  # 北塘, with one place, is no line: said in a note
    assert drawn.unit == "%" and "1 个开发区仅有一个名次,未画出" in drawn.notes


def test_ranks_of_one_evaluation_size_are_places() -> None:
    drawn = chart(zonestats.load(), ["national_rank"])
    assert _points(drawn) == {"荆州开发区": [("2016", 126.0), ("2020", 46.0)]}
    assert drawn.inverted and drawn.y_label == "名次"


def test_a_series_per_zone_in_time_order_and_in_one_unit() -> None:
    drawn = chart(zonestats.load(FOUR), ["industrial_output"])
    assert drawn.kind is ChartKind.SERIES
    assert _points(drawn) == {
        "江北经开区": [("2016", 1e10), ("2018", 1.5e10), ("2020", 2.4e10)],
        "南山高新区": [("2018", 8e9), ("2020", 1.2e10), ("2021", 1.3e10)],
    }
    assert axis_scale(drawn) == (1e8, "亿元")  # 亿元 on the axis, not 1e10
    money = chart(zonestats.load(FOUR), ["foreign_investment"])
    assert "南山高新区" not in _points(money)  # 美元 is not drawn beside 元
    assert money.notes == ("另有单位为美元的数值未画出",)


def test_a_slope_takes_each_zones_first_and_last_value() -> None:
    drawn = chart(zonestats.load(FOUR), ["industrial_output"], ChartKind.SLOPE)
    assert _points(drawn) == {
        "江北经开区": [("2016", 1e10), ("2020", 2.4e10)],
        "南山高新区": [("2018", 8e9), ("2021", 1.3e10)],
    }


def test_one_indicator_for_kinds_of_one(cli: Callable[..., Any]) -> None:
    result = cli("chart", "-d", str(FOUR), "--kind", "series", expect=1)
    assert "shows one indicator" in result.stderr


@pytest.mark.parametrize("width", [20, 24, 40, 60, 80, 120])
@pytest.mark.parametrize("indicators", [[], ["national_rank"], ["industrial_output"]])
def test_the_terminal_chart_fits_its_width(width: int, indicators: list[str]) -> None:
    drawn = chart(zonestats.load(FOUR), indicators)
    lines = chart_lines(drawn, width, zh=True)
    assert max(cell_width(line) for line in lines) <= width
    for series in drawn.series:
        for point in series.points:
            if drawn.kind is not ChartKind.GROWTH:  # a period is never split
                assert any(point.x in line for line in lines)
            if cell_width(point.label) < width:
                assert any(point.label in line for line in lines)


def test_the_longer_bar_is_the_better_place() -> None:
    drawn = chart(zonestats.load(FOUR), ["national_rank"])
    lines = chart_lines(drawn, 80, zh=True)
    best = next(line for line in lines if "18.4%" in line)  # 西岭 2021, 40th of 217
    worst = next(line for line in lines if "68.5%" in line)  # 西岭 2018, 150th of 219
    assert best.count("█") > worst.count("█")


def test_an_svg_keeps_its_chinese_text(cli: Callable[..., Any], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "ranks.svg"
    cli("chart", "national_rank", "-d", str(FOUR), "-o", str(target))
    svg = target.read_text(encoding="utf-8")
    assert "国家级经开区综合考评排名" in svg and "江北经开区" in svg
    assert "来源:江北经开区2023年工作报告" in svg


def test_an_html_chart_is_one_self_contained_page(cli: Callable[..., Any], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "growth.html"
    cli("chart", "-o", str(target))
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "增长倍数" in page
    for reference in ("src=", 'href="http', "url(http", "<script", "<link", "@import"):
        assert reference not in page, reference


def test_png_without_a_chinese_font_says_what_to_install(
    cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("matplotlib")
    from zonestats.output import chart_files

    monkeypatch.setattr(chart_files, "cjk_font", lambda: None)
    target = tmp_path / "growth.png"
    result = cli("chart", "-o", str(target), expect=1)
    assert "fonts-noto-cjk" in result.stderr and not target.exists()


def test_an_unknown_chart_format_is_refused(cli: Callable[..., Any], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    result = cli("chart", "-o", str(tmp_path / "growth.gif"), expect=1)
    assert ".svg, .png, .pdf, .html" in result.stderr


def test_the_report_page_links_every_figure_to_its_quote(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    import re

    target = tmp_path / "report.html"
    cli("report", "-d", str(FOUR), "-o", str(target))
    page = target.read_text(encoding="utf-8")
    assert "<title>江北经开区、南山高新区、西岭开发区、北塘经开区 数据报告</title>" in page
    assert page.count("<svg") == 2  # the growth chart and the rank chart
    links = re.findall(r'<a class="figure" href="#(q\d+)" title="([^"]*)">([^<]*)</a>', page)
    dataset = zonestats.load(FOUR)
    series = {(o["zone"], o["indicator"]) for o in dataset.observations().to_dict("records")}
    assert len(links) == len(series)  # every series' latest figure
    for anchor, hover, _ in links:
        assert f'<li id="{anchor}">' in page and "《" in hover
    assert any(shown == "超过9000万元" for _, _, shown in links)
    assert "数据检查未发现问题" in page
    for reference in ("src=", "<script", "<link", "@import"):
        assert reference not in page


def test_the_report_lists_what_validate_finds(cli: Callable[..., Any], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("value: 第73位", "value: 第74位"), encoding="utf-8")
    target = tmp_path / "report.html"
    cli("report", "-d", str(bad), "-o", str(target), "--lang", "en")
    page = target.read_text(encoding="utf-8")
    assert "value-not-in-quote" in page and 'class="problems"' in page


def test_the_report_is_html_only(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("report", "-o", str(tmp_path / "report.pdf"), expect=1)
    assert "-o FILE.html" in result.stderr


def test_english_charts_name_zones_in_english() -> None:
    drawn = chart(zonestats.load(FOUR), ["national_rank"], zh=False)
    assert [s.name for s in drawn.series][:2] == [
        "Jiangbei Economic Development Zone",
        "Nanshan High-tech Zone",
    ]
    assert drawn.title == "Rank in the national evaluation"
    assert drawn.y_label == "percentile (%, lower is better)"


def test_series_and_slope_on_the_bundled_data() -> None:
    dataset = zonestats.load()
    drawn = chart(dataset, ["midea_fridge_capacity"])
    assert drawn.kind is ChartKind.SERIES
    assert _points(drawn) == {"荆州开发区": [("2008", 100_000.0), ("2021", 8_000_000.0)]}
    assert axis_scale(drawn) == (1e4, "万台")
    slope = chart(dataset, ["midea_fridge_output"], ChartKind.SLOPE)
    assert _points(slope) == {"荆州开发区": [("2008", 1e8), ("2021", 8.2e9)]}
    assert axis_scale(slope) == (1e8, "亿元")


def _national(tmp_path: Path, zones: int, indicators: int, unit: str = "亿元") -> Path:
    """A long table of many zones: each indicator of each zone from 2010 to 2020, zone z's
    indicator i growing (z + 1) * (i + 1) times."""
    rows = ["zone,indicator,name,period,value,unit,out_of"]
    for z in range(zones):
        for i in range(indicators):
            rank = unit == "位"
            start, end = (z + 5, z + 1) if rank else (1, (z + 1) * (i + 1))
            out_of = str(zones + 5) if rank else ""
            rows.append(f"区{z},x{i},指标{i},2010,{start},{unit},{out_of}")
            rows.append(f"区{z},x{i},指标{i},2020,{end},{unit},{out_of}")
    path = tmp_path / f"national_{unit}.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_growth_chart_of_a_national_table_draws_the_largest_multiples(
    tmp_path: Path,
) -> None:
    from zonestats.analysis.charts import MOST_BARS

    drawn = chart(zonestats.load(_national(tmp_path, 20, 4)), zh=False)
    bars = drawn.series[0].points
    multiples = sorted(((z + 1) * (i + 1) for z in range(20) for i in range(4)), reverse=True)
    assert [p.y for p in bars] == multiples[:MOST_BARS]
    assert drawn.x_order == tuple(p.x for p in bars)
    assert drawn.notes == (
        f"{MOST_BARS} of 80 drawn: the largest multiples; name indicators or --province to choose",
    )


@pytest.mark.parametrize("zh", [True, False])
def test_many_ranks_left_out_of_growth_make_one_note(tmp_path: Path, zh: bool) -> None:
    values = _national(tmp_path, 2, 2)
    ranks = _national(tmp_path, 2, 5, unit="位")
    renamed = ranks.read_text(encoding="utf-8").replace(",x", ",r")
    ranks.write_text(renamed, encoding="utf-8")
    drawn = chart(zonestats.load([values, ranks]), zh=zh)
    rank_notes = [n for n in drawn.notes if "rank" in n or "排名" in n]
    assert len(rank_notes) == 1
    assert "r0, r1, r2" in rank_notes[0] and ("2 more" in rank_notes[0] or "等5项" in rank_notes[0])


def test_lines_of_many_zones_are_those_at_the_top(tmp_path: Path) -> None:
    from zonestats.analysis.charts import MOST_LINES

    zones = MOST_LINES + 7
    series = chart(zonestats.load(_national(tmp_path, zones, 1)), ["x0"], zh=False)
    assert series.kind is ChartKind.SLOPE  # two periods
    largest = [f"区{z}" for z in range(zones)][-MOST_LINES:]  # the largest last values
    assert [s.name for s in series.series] == largest  # in their order
    assert series.notes == (
        f"{MOST_LINES} of {zones} drawn: the largest last values; name indicators or "
        "--province to choose",
    )
    ranks = chart(zonestats.load(_national(tmp_path, zones, 1, unit="位")), ["x0"], zh=False)
    assert ranks.kind is ChartKind.RANKS
    assert [s.name for s in ranks.series] == [f"区{z}" for z in range(MOST_LINES)]  # places 1…
    assert ranks.notes[-1].startswith(f"{MOST_LINES} of {zones} drawn: the best last places")


def test_the_report_of_a_national_table_stays_one_page(
    cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rank charts of the indicators ranking the most zones, at most MOST_RANK_CHARTS; each
    category's table at most MOST_ROWS figures, every one linked to its quote; each cut said."""
    pytest.importorskip("matplotlib")
    import re

    from zonestats.output import report_page

    monkeypatch.setattr(report_page, "MOST_ROWS", 4)
    ranks = tmp_path / "ranks.csv"
    rows = ["zone,indicator,name,period,value,unit,out_of"]
    for i in range(report_page.MOST_RANK_CHARTS + 2):  # indicator r{i} ranks i + 1 zones
        for z in range(i + 1):
            rows += [f"区{z},r{i},排名{i},{p},{z + 1},位,9" for p in (2018, 2020)]
    ranks.write_text("\n".join(rows) + "\n", encoding="utf-8")
    target = tmp_path / "report.html"
    cli("report", "-d", str(ranks), "-d", str(_national(tmp_path, 3, 3)), "-o", str(target))
    page = target.read_text(encoding="utf-8")
    drawn = re.findall(r"<h2>(排名\d+)</h2>", page)
    most = report_page.MOST_RANK_CHARTS
    assert drawn == [f"排名{i}" for i in range(most + 1, 1, -1)]  # most zones first; r0 is one
    assert "另有2项排名指标未画出" in page
    links = re.findall(r'<a class="figure" href="#(q\d+)"', page)
    assert len(links) == 4  # one category (no category given: other), four of its figures
    assert all(f'<li id="{anchor}">' in page for anchor in links)
    series = sum(range(1, most + 3)) + 3 * 3  # the zones each rank ranks, and 3 zones × 3
    assert f"仅列出前4项(共{series}项)" in page
