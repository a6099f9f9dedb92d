"""The growth engine, checked against figures computed here from the dataset's own values."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

import zonestats
from zonestats import ZonestatsError
from zonestats.analysis import (
    Selection,
    compare_zones,
    growth_table,
    summarize,
)
from zonestats.model.dataset import OBSERVATION_COLUMNS
from zonestats.model.period import period_position

from .conftest import FIXTURES


def _values(dataset: zonestats.Dataset, indicator: str) -> dict[str, float]:
    return {o.period.text: o.value for o in dataset.indicator(indicator).observations}


def _row(growth: pd.DataFrame, indicator: str) -> dict[str, Any]:
    rows = growth[growth["indicator"] == indicator].to_dict("records")
    assert len(rows) == 1, rows
    return rows[0]


@pytest.fixture(scope="module")
def growth(dataset: zonestats.Dataset) -> pd.DataFrame:
    return growth_table(dataset.observations())


def test_national_rank(growth: pd.DataFrame, dataset: zonestats.Dataset) -> None:
    values = _values(dataset, "national_rank")
    row = _row(growth, "national_rank")
    assert row["change"] == values["2020"] - values["2016"] == -80
    assert row["improved"] is True or row["improved"] == True  # noqa: E712 (numpy bool)
    # The report gives the number of zones evaluated (218) for 2020 only: no 2016 percentile.
    assert pd.isna(row["from_percentile"]) and pd.isna(row["from_out_of"])
    assert round(row["to_percentile"] * 100, 1) == round(46 / 218 * 100, 1) == 21.1
    assert row["to_out_of"] == 218 and "no out_of for 2016" in row["note"]
    assert row["years"] == 4
    assert all(pd.isna(row[k]) for k in ("multiple", "pct_change", "cagr"))
    assert "rank" in row["note"]


def test_midea_capacity(growth: pd.DataFrame, dataset: zonestats.Dataset) -> None:
    values = _values(dataset, "midea_fridge_capacity")
    row = _row(growth, "midea_fridge_capacity")
    multiple = values["2021"] / values["2008"]
    assert row["multiple"] == multiple == 80
    assert row["pct_change"] == pytest.approx(79.0)
    assert row["years"] == 2021 - 2008
    assert row["cagr"] == pytest.approx(80 ** (1 / 13) - 1)
    assert round(row["cagr"] * 100, 1) == 40.1
    assert row["change"] == 8_000_000 - 100_000


def test_midea_output(growth: pd.DataFrame, dataset: zonestats.Dataset) -> None:
    values = _values(dataset, "midea_fridge_output")
    row = _row(growth, "midea_fridge_output")
    assert row["multiple"] == values["2021"] / values["2008"] == 82
    assert row["cagr"] == pytest.approx(82 ** (1 / 13) - 1)


def test_only_indicators_with_a_trend_by_default(
    growth: pd.DataFrame, dataset: zonestats.Dataset
) -> None:
    trending = [i.id for i in dataset.indicators if len(i.observations) > 1]
    assert list(growth["indicator"]) == trending


def test_named_single_observation_says_why(dataset: zonestats.Dataset) -> None:
    frame = dataset.observations()
    row = _row(growth_table(frame, Selection(("high_tech_enterprises",))), "high_tech_enterprises")
    assert pd.isna(row["change"]) and pd.isna(row["multiple"]) and pd.isna(row["cagr"])
    assert row["note"] == "n.m.: only one observation"


def test_unknown_indicator_and_category(dataset: zonestats.Dataset) -> None:
    frame = dataset.observations()
    with pytest.raises(ZonestatsError, match="did you mean national_rank"):
        growth_table(frame, Selection(("national_rnk",)))
    with pytest.raises(ZonestatsError, match="no category 'weather'"):
        growth_table(frame, Selection(category="weather"))


def _frame(rows: list[tuple[str, str, float, str]], **meta: Any) -> pd.DataFrame:
    """A small observations table: (indicator, period, value, qualifier) rows."""
    records = []
    for indicator, period, value, qualifier in rows:
        record = dict.fromkeys(OBSERVATION_COLUMNS)
        record.update(
            zone="测试区",
            indicator=indicator,
            name=indicator,
            name_en=indicator,
            category="industry",
            unit="元",
            period=period,
            value=value,
            qualifier=qualifier,
        )
        record.update(meta)
        records.append(record)
    return pd.DataFrame(records, columns=list(OBSERVATION_COLUMNS))


@pytest.mark.parametrize(
    ("rows", "note", "nulls"),
    [
        (
            [("x", "2019", 0, "exact"), ("x", "2020", 5, "exact")],
            "n.m.: base is 0",
            ["multiple", "cagr", "pct_change"],
        ),
        (
            [("x", "2019", -2, "exact"), ("x", "2020", 5, "exact")],
            "n.m.: base is negative",
            ["multiple", "cagr"],
        ),
        (
            [("x", "2021", 2, "exact"), ("x", "2021-01/2021-12", 5, "exact")],
            "n.m.: period span is zero",
            ["cagr"],
        ),
    ],
    ids=["zero base", "negative base", "zero span"],
)
def test_not_meaningful_cases_are_explicit(
    rows: list[tuple[str, str, float, str]], note: str, nulls: list[str]
) -> None:
    row = _row(growth_table(_frame(rows)), "x")
    assert note in row["note"]
    for key in nulls:
        assert pd.isna(row[key]), key
    assert not any(isinstance(v, float) and math.isinf(v) for v in row.values())
    assert row["change"] == rows[1][2] - rows[0][2]


def test_zero_span_keeps_the_multiple() -> None:
    rows = [("x", "2021", 2, "exact"), ("x", "2021-01/2021-12", 5, "exact")]
    row = _row(growth_table(_frame(rows)), "x")
    assert row["multiple"] == 2.5 and row["years"] == 0


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2021", "2022-07"),
        ("2021", "2021-12"),
        ("2022-01/2022-06", "2022-07"),
        ("2021", "2022-01/2022-06"),
        ("2020-01/2020-03", "2021"),
    ],
)
@pytest.mark.parametrize("steps", [False, True])
def test_ends_of_different_lengths_are_not_compared(start: str, end: str, steps: bool) -> None:
    """A year's value against a month's says nothing of growth: no figure, and why."""
    rows = [("x", start, 150, "exact"), ("x", end, 15, "exact")]
    row = _row(growth_table(_frame(rows), Selection(steps=steps)), "x")
    assert row["note"] == f"n.m.: ends last different lengths of time: {start} vs {end}"
    for key in ("change", "multiple", "pct_change", "cagr", "improved"):
        assert pd.isna(row[key]), key
    assert (row["from_value"], row["to_value"]) == (150, 15)  # the figures themselves shown


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [
        ("2020-01/2020-06", "2021-01/2021-06", 1),
        ("2020", "2021-06-30", 0.5),  # a level on a day against the level a year ends at
        ("2021-03-31", "2021-06", 0.25),
    ],
)
def test_ends_of_one_length_or_a_day_are_compared(start: str, end: str, years: float) -> None:
    rows = [("x", start, 2, "exact"), ("x", end, 5, "exact")]
    row = _row(growth_table(_frame(rows)), "x")
    assert row["multiple"] == 2.5 and row["years"] == pytest.approx(years)
    assert row["note"] == ""


@pytest.mark.parametrize(
    ("start", "end", "qualifier"),
    [
        ("exact", "more_than", "more_than"),
        ("more_than", "exact", "less_than"),
        ("more_than", "more_than", "approx"),
        ("exact", "approx", "approx"),
        ("exact", "expected", "expected"),
        ("more_than", "target", "target"),
        ("at_most", "exact", "more_than"),
        ("exact", "exact", "exact"),
    ],
)
def test_qualifiers_travel_with_growth(start: str, end: str, qualifier: str) -> None:
    row = _row(growth_table(_frame([("x", "2019", 100, start), ("x", "2020", 150, end)])), "x")
    assert (row["from_qualifier"], row["to_qualifier"], row["qualifier"]) == (start, end, qualifier)
    assert (row["note"] != "") is (qualifier != "exact")


def test_from_and_to_select_periods() -> None:
    frame = _frame(
        [("x", "2019", 10, "exact"), ("x", "2020", 20, "exact"), ("x", "2021-06-30", 40, "exact")]
    )
    row = _row(growth_table(frame, Selection(start="2020", end="2021")), "x")
    assert (row["from_period"], row["to_period"], row["multiple"]) == ("2020", "2021-06-30", 2.0)
    assert row["years"] == pytest.approx(0.5)
    with pytest.raises(ZonestatsError, match="--from: period 'last year'"):
        growth_table(frame, Selection(start="last year"))


def test_period_positions_count_whole_years_and_months() -> None:
    assert period_position("2021")[1] - period_position("2008")[1] == 13
    assert period_position("2021-01/2021-05")[1] - period_position("2020-01/2020-05")[1] == 1
    assert period_position("2021-06-30")[1] - period_position("2020")[1] == pytest.approx(0.5)


def test_cross_zone_growth_and_side_by_side() -> None:
    dataset = zonestats.load([FIXTURES / n for n in ("minimal.yaml", "zone_b.yaml", "zone_c.yaml")])
    growth = growth_table(dataset.observations(), Selection(keep_single=True))
    ranks = growth[growth["indicator"] == "national_rank"].set_index("zone")
    assert ranks.loc["示例开发区", "change"] == 36 - 73
    assert ranks.loc["样例经开区", "change"] == 88 - 101
    assert pd.isna(ranks.loc["试点高新区", "change"])
    compared = compare_zones(growth).set_index(["indicator", "zone"])
    assert compared.loc[("national_rank", "样例经开区"), "difference"] == 88 - 36
    assert compared.loc[("national_rank", "试点高新区"), "difference"] == 12 - 36
    assert compared.loc[("national_rank", "试点高新区"), "leader"]
    assert compared.loc[("signed_projects", "样例经开区"), "change"] == 30 - 25


def test_summary(dataset: zonestats.Dataset) -> None:
    summary = summarize(dataset)
    assert summary.observations == sum(len(i.observations) for i in dataset.indicators)
    assert summary.with_trend == 3
    assert sum(summary.categories.values()) == len(dataset.indicators)
    kinds = [(m.indicator, m.kind, m.magnitude) for m in summary.movers]
    assert kinds == [
        ("midea_fridge_output", "multiple", 82.0),
        ("national_rank", "rank", 80.0),
        ("midea_fridge_capacity", "multiple", 80.0),
    ]
    latest = {x.indicator: x for x in summary.latest}
    assert latest["midea_fridge_capacity"].value == 8_000_000
    assert latest["midea_suppliers"].qualifier == "more_than"


def test_side_by_side_leads_where_the_first_zone_lacks_the_indicator(tmp_path: Any) -> None:
    path = tmp_path / "lead.csv"
    path.write_text(
        "zone,indicator,period,value,unit,written,better\n"
        "甲区,a,2021,5,个,5个,higher\n"
        "乙区,b,2021,10,个,10个,higher\n"
        "丙区,b,2021,20,个,20个,higher\n"
        "乙区,a,2021,7,个,7个,higher\n",
        encoding="utf-8",
    )
    growth = growth_table(zonestats.load(path).observations(), Selection(keep_single=True))
    compared = compare_zones(growth).set_index(["indicator", "zone"])
    assert compared.loc[("a", "乙区"), "leader"] and compared.loc[("b", "丙区"), "leader"]
    assert pd.isna(compared.loc[("b", "乙区"), "difference"])  # 甲区, the first zone, has no b
    assert "no difference: 甲区 has no figure" in compared.loc[("b", "乙区"), "comparison_note"]
    # A direction that only a later zone's row states is the indicator's direction.
    growth.loc[growth["zone"] == "乙区", "better"] = None
    assert compare_zones(growth).set_index(["indicator", "zone"]).loc[("b", "丙区"), "leader"]


def _ranks(tmp_path: Any, later: tuple[int, int]) -> Any:
    path = tmp_path / "rank.csv"
    path.write_text(
        "zone,indicator,period,value,unit,written,out_of,better\n"
        "甲区,rank,2020,90,位,第90位,218,lower\n"
        f"甲区,rank,2021,{later[0]},位,第{later[0]}位,{later[1]},lower\n"
        "甲区,firms,2020,10,家,10家,,higher\n"
        "甲区,firms,2021,11,家,11家,,higher\n",
        encoding="utf-8",
    )
    return path


def test_summary_movers_judge_ranks_of_different_evaluations_by_percentile(
    tmp_path: Any,
) -> None:
    worse = summarize(zonestats.load(_ranks(tmp_path, (60, 100))))  # 41.3% then 60.0%
    assert [m.indicator for m in worse.movers] == ["firms"]
    better = summarize(zonestats.load(_ranks(tmp_path, (30, 100))))  # 41.3% then 30.0%
    rank = better.movers[0]
    assert (rank.indicator, rank.kind) == ("rank", "rank")
    assert rank.percentile_gained == pytest.approx(90 / 218 - 0.3)
    assert rank.magnitude == pytest.approx((90 / 218 - 0.3) * 100)
