"""Comparisons across zones that never mislead, and the panel view.

The fixtures in four_zones/ are four invented zones: 江北 (the first, every indicator), 南山
(money in 美元, signed projects over another period), 西岭 (values with 多) and 北塘 (a single
observation of each indicator). Expected figures are worked out by hand from the fixtures.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from zonestats.analysis import compare_zones
from zonestats.analysis.bounds import difference_qualifier

from .conftest import FIXTURES

FOUR = str(FIXTURES / "four_zones")
ZONE = {
    "jiangbei": str(FIXTURES / "four_zones" / "1_jiangbei.yaml"),
    "nanshan": str(FIXTURES / "four_zones" / "2_nanshan.yaml"),
    "xiling": str(FIXTURES / "four_zones" / "3_xiling.yaml"),
}
JB, NS, XL, BT = "江北经开区", "南山高新区", "西岭开发区", "北塘经开区"


def _compared(cli: Callable[..., Any], *args: str) -> dict[tuple[str, str], dict[str, Any]]:
    rows = json.loads(cli("compare", "-d", FOUR, "--json", *args).stdout)
    return {(row["indicator"], row["zone"]): row for row in rows}


def _line(text: str, *cells: str) -> str:
    """The one line of a table holding every cell."""
    found = [line for line in text.splitlines() if all(cell in line for cell in cells)]
    assert len(found) == 1, f"{cells} in {len(found)} lines of\n{text}"
    return found[0]


# ---- honest figures in the machine formats --------------------------------------------------


def test_ranks_of_one_evaluation_are_placed_and_led(cli: Callable[..., Any]) -> None:
    rows = _compared(cli, "national_rank")
    expected = {  # 2023, all of 230: 46, 50, 70, 20
        JB: (None, 2, False),
        NS: (4, 3, False),
        XL: (24, 4, False),
        BT: (-26, 1, True),
    }
    for zone, (difference, place, leader) in expected.items():
        row = rows[("national_rank", zone)]
        assert (row["difference"], row["rank_among_zones"], row["leader"]) == (
            difference,
            place,
            leader,
        ), zone
        assert row["to_period"] == "2023"
        assert row["difference_qualifier"] == (None if zone == JB else "exact")


def test_another_currency_is_never_set_against_yuan(cli: Callable[..., Any]) -> None:
    rows = _compared(cli, "foreign_investment")
    nanshan = rows[("foreign_investment", NS)]
    assert nanshan["difference"] is None and nanshan["rank_among_zones"] is None
    assert nanshan["difference_unit"] is None
    assert rows[("foreign_investment", XL)]["difference_unit"] == "元"
    assert nanshan["leader"] is None
    assert "units differ: 美元 vs 元" in nanshan["comparison_note"]
    assert nanshan["unit"] == "美元" and nanshan["to_value"] == 2000 * 10**4


def test_a_bound_carries_into_the_difference_and_decides_no_leader(
    cli: Callable[..., Any],
) -> None:
    rows = _compared(cli, "foreign_investment")
    xiling = rows[("foreign_investment", XL)]
    assert xiling["difference"] == 9000 * 10**4 - 11037 * 10**4  # 9000多万元 - 11037万元
    assert xiling["difference_qualifier"] == "more_than"
    for zone in (JB, XL):  # > 9000万 may be more or less than 11037万
        row = rows[("foreign_investment", zone)]
        assert row["leader"] is None and row["rank_among_zones"] is None
        assert "the bounds do not decide its place" in row["comparison_note"]


def test_another_period_is_never_compared(cli: Callable[..., Any]) -> None:
    rows = _compared(cli, "signed_projects")
    nanshan = rows[("signed_projects", NS)]
    assert nanshan["difference"] is None and nanshan["leader"] is None
    assert "periods differ: 2021-01/2021-06 vs 2021-01/2021-05" in nanshan["comparison_note"]
    # the others: 41, 20多 and 12 over 2021-01/2021-05
    assert rows[("signed_projects", XL)]["difference"] == 20 - 41
    assert rows[("signed_projects", XL)]["difference_qualifier"] == "more_than"
    beitang = rows[("signed_projects", BT)]
    assert (beitang["difference"], beitang["difference_qualifier"]) == (12 - 41, "exact")
    # 12 is surely last; 41 and 20多 are not decided between them
    assert (beitang["rank_among_zones"], beitang["leader"]) == (3, False)
    assert rows[("signed_projects", JB)]["rank_among_zones"] is None
    assert rows[("signed_projects", JB)]["leader"] is None


def test_a_leader_needs_two_comparable_zones(cli: Callable[..., Any]) -> None:
    rows = _compared(cli, "industrial_output")  # 江北 up to 2020, 南山 up to 2021
    assert rows[("industrial_output", JB)]["leader"] is None
    assert "no other zone to compare with" in rows[("industrial_output", JB)]["comparison_note"]
    assert "periods differ: 2021 vs 2020" in rows[("industrial_output", NS)]["comparison_note"]


@pytest.mark.parametrize(
    ("at", "periods", "difference"),
    [
        ("2020", ("2020", "2020"), (120 - 240) * 10**8),
        ("2019", ("2018", "2018"), (80 - 150) * 10**8),
    ],
)
def test_at_compares_the_latest_observation_up_to_a_period(
    cli: Callable[..., Any], at: str, periods: tuple[str, str], difference: float
) -> None:
    rows = _compared(cli, "industrial_output", "--at", at)
    jiangbei, nanshan = rows[("industrial_output", JB)], rows[("industrial_output", NS)]
    assert (jiangbei["to_period"], nanshan["to_period"]) == periods
    assert nanshan["difference"] == difference
    assert (jiangbei["leader"], nanshan["leader"]) == (True, False)
    assert (jiangbei["rank_among_zones"], nanshan["rank_among_zones"]) == (1, 2)


def test_common_keeps_the_indicators_every_zone_has(cli: Callable[..., Any]) -> None:
    indicators = {indicator for indicator, _ in _compared(cli, "--common")}
    assert indicators == {"national_rank", "signed_projects"}
    # up to 2021 北塘 has no rank yet
    assert {indicator for indicator, _ in _compared(cli, "--common", "--at", "2021")} == {
        "signed_projects"
    }


def test_steps_give_each_step_its_span_and_cagr(cli: Callable[..., Any]) -> None:
    rows = json.loads(
        cli("compare", "industrial_output", "-d", ZONE["jiangbei"], "--steps", "--json").stdout
    )
    assert [(r["from_period"], r["to_period"], r["years"]) for r in rows] == [
        ("2016", "2018", 2.0),
        ("2018", "2020", 2.0),
    ]
    assert [r["change"] for r in rows] == [50 * 10**8, 90 * 10**8]
    assert rows[0]["cagr"] == pytest.approx(math.sqrt(1.5) - 1)
    assert rows[1]["cagr"] == pytest.approx(math.sqrt(1.6) - 1)
    whole = json.loads(cli("compare", "industrial_output", "-d", ZONE["jiangbei"], "--json").stdout)
    assert [(r["from_period"], r["to_period"]) for r in whole] == [("2016", "2020")]
    assert whole[0]["cagr"] == pytest.approx(2.4**0.25 - 1)


def test_to_and_at_together_are_refused(cli: Callable[..., Any]) -> None:
    result = cli("compare", "-d", FOUR, "--to", "2021", "--at", "2021", expect=2)
    assert "give --to or --at, not both" in result.stderr


def test_csv_carries_the_same_comparison_as_json(cli: Callable[..., Any]) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("compare", "-d", FOUR, "--csv").stdout)))
    by_key = {(r["indicator"], r["zone"]): r for r in rows}
    assert by_key[("signed_projects", XL)]["difference"] == "-21"
    assert by_key[("signed_projects", XL)]["difference_qualifier"] == "more_than"
    assert by_key[("national_rank", BT)]["leader"] == "true"
    assert by_key[("foreign_investment", NS)]["difference"] == ""


# ---- the table people read ----------------------------------------------------------------


def test_the_table_shows_period_unit_bounds_and_why(cli: Callable[..., Any]) -> None:
    table = cli("compare", "-d", FOUR).stdout
    assert "江北经开区、南山高新区、西岭开发区、北塘经开区 对比" in table
    assert "超过-2037万元" in _line(table, XL, "超过9000万元")
    assert "单位不同:美元 与 元" in _line(table, NS, "2000万美元")
    line = _line(table, NS, "56个")
    assert "2021-01/2021-06" in line and "时期不同:2021-01/2021-06 与 2021-01/2021-05" in line
    assert "✓" in _line(table, BT, "20位") and "-26位" in _line(table, BT, "20位")
    rank = _line(table, JB, "46位")
    assert "-74位" in rank and " 5 " in rank  # the change and its span in years
    english = cli("compare", "-d", FOUR, "--lang", "en").stdout
    assert "units differ: 美元 vs 元" in _line(english, NS, "2000万美元")
    assert "differ" not in table and "bounds" not in table  # --lang zh: Chinese notes


# ---- the rules, one by one ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "other", "expected"),
    [
        ("exact", "exact", "exact"),
        ("exact", "more_than", "more_than"),
        ("exact", "at_least", "at_least"),
        ("exact", "at_most", "at_most"),
        ("more_than", "exact", "less_than"),
        ("at_least", "exact", "at_most"),
        ("less_than", "exact", "more_than"),
        ("more_than", "less_than", "less_than"),
        ("more_than", "more_than", None),
        ("less_than", "at_most", None),
        ("exact", "approx", "approx"),
        ("expected", "exact", "expected"),
        ("target", "approx", "target"),
    ],
)
def test_the_qualifier_of_a_difference(first: str, other: str, expected: str | None) -> None:
    assert difference_qualifier(first, other) == expected


def _growth(rows: list[tuple[str, str, float, str, float | None, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "zone": zone,
                "indicator": "x",
                "unit": unit,
                "to_period": period,
                "to_value": value,
                "to_qualifier": qualifier,
                "to_out_of": out_of,
                "better": "lower" if unit == "位" else "higher",
            }
            for zone, period, value, qualifier, out_of, unit in rows
        ]
    )


def _leader(frame: pd.DataFrame, zone: str) -> bool | None:
    value = frame.loc[zone, "leader"]
    return None if pd.isna(value) else bool(value)


def test_ranks_among_different_numbers_compare_by_percentile() -> None:
    compared = compare_zones(
        _growth(
            [
                ("甲", "2021", 30, "exact", 100, "位"),  # 30%
                ("乙", "2021", 50, "exact", 250, "位"),  # 20%
                ("丙", "2021", 5, "exact", None, "位"),  # among how many?
            ]
        )
    )
    rows = compared.set_index("zone")
    assert rows.loc["乙", "difference"] == pytest.approx(0.2 - 0.3)
    assert rows.loc["乙", "difference_unit"] == "percentile"
    assert (_leader(rows, "乙"), _leader(rows, "甲")) == (True, False)
    assert "compared by percentile" in rows.loc["乙", "comparison_note"]
    assert pd.isna(rows.loc["丙", "rank_among_zones"]) and _leader(rows, "丙") is None
    assert "no out_of" in rows.loc["丙", "comparison_note"]


def test_a_tie_names_no_leader_and_shares_the_place() -> None:
    compared = compare_zones(
        _growth(
            [
                ("甲", "2021", 10, "exact", None, "个"),
                ("乙", "2021", 10, "exact", None, "个"),
                ("丙", "2021", 3, "exact", None, "个"),
            ]
        )
    ).set_index("zone")
    assert compared["rank_among_zones"].tolist() == [1, 1, 3]
    assert [_leader(compared, z) for z in "甲乙丙"] == [None, None, False]
    assert "tied for first place" in compared.loc["甲", "comparison_note"]


@pytest.mark.parametrize(
    ("qualifier", "leaders"),
    [
        ("more_than", (False, True)),  # > 10 beats 10
        ("at_least", (None, None)),  # >= 10 may equal it
        ("less_than", (True, False)),  # < 10 loses to 10
        ("expected", (None, None)),  # two equal points: a tie
    ],
)
def test_a_bound_decides_a_lead_only_where_it_must(
    qualifier: str, leaders: tuple[bool | None, bool | None]
) -> None:
    compared = compare_zones(
        _growth(
            [("甲", "2021", 10, "exact", None, "个"), ("乙", "2021", 10, qualifier, None, "个")]
        )
    ).set_index("zone")
    assert (_leader(compared, "甲"), _leader(compared, "乙")) == leaders


def test_a_lead_resting_on_an_expected_value_says_so() -> None:
    compared = compare_zones(
        _growth(
            [("甲", "2021", 10, "exact", None, "个"), ("乙", "2021", 20, "expected", None, "个")]
        )
    ).set_index("zone")
    assert _leader(compared, "乙") is True
    assert "the lead rests on an expected value" in compared.loc["乙", "comparison_note"]
    assert compared.loc["乙", "difference_qualifier"] == "expected"


# ---- the panel ------------------------------------------------------------------------------

# national_rank of 江北, 南山, 西岭: 2018 of 219, 2021 of 217, 2023 of 230
PANEL = {
    (JB, "2018"): (120, 219, 2),
    (NS, "2018"): (100, 219, 1),
    (XL, "2018"): (150, 219, 3),
    (JB, "2021"): (60, 217, 2),
    (NS, "2021"): (80, 217, 3),
    (XL, "2021"): (40, 217, 1),
    (JB, "2023"): (46, 230, 1),
    (NS, "2023"): (50, 230, 2),
    (XL, "2023"): (70, 230, 3),
}
THREE_ZONES = [arg for path in ZONE.values() for arg in ("-d", path)]


def test_the_panel_of_ranks_gives_percentiles_and_places(cli: Callable[..., Any]) -> None:
    rows = json.loads(cli("panel", "national_rank", *THREE_ZONES, "--json").stdout)
    got = {(r["zone"], r["period"]): r for r in rows}
    assert set(got) == set(PANEL)
    for key, (place, out_of, among) in PANEL.items():
        row = got[key]
        assert (row["value"], row["out_of"], row["place_among_zones"]) == (place, out_of, among)
        assert row["percentile"] == pytest.approx(place / out_of)
    assert [r["zone"] for r in rows[:3]] == [JB, JB, JB]  # zones in order, periods in time


def test_the_wide_panel_has_a_row_per_zone(cli: Callable[..., Any]) -> None:
    text = cli("panel", "national_rank", *THREE_ZONES, "--csv", "--wide").stdout
    rows = {r["zone"]: r for r in csv.DictReader(io.StringIO(text))}
    assert list(rows) == [JB, NS, XL]
    assert rows[JB]["2018"] == "120" and rows[JB]["2023|place_among_zones"] == "1"
    assert rows[XL]["2021|out_of"] == "217"
    assert (rows[JB]["from_period"], rows[JB]["to_period"], rows[JB]["change"]) == (
        "2018",
        "2023",
        "-74",
    )


def test_the_panel_table_shows_gaps_as_gaps(cli: Callable[..., Any]) -> None:
    table = cli("panel", "national_rank", "industrial_output", "-d", FOUR).stdout
    assert "national_rank" in table and "industrial_output" in table
    beitang = _line(table, BT, "20位")
    assert beitang.count("位") == 1  # 2023 only; 2018 and 2021 left empty
    assert "8.7%/230 · 第1" in beitang  # 20 of 230, first of the four in 2023
    nanshan = _line(table, NS, "80亿元")
    assert "130亿元" in nanshan and "+50亿元" in nanshan  # 2018 → 2021
    assert "240亿元" in _line(table, JB, "100亿元")


def test_the_panel_needs_known_ids(cli: Callable[..., Any]) -> None:
    result = cli("panel", "national_rnk", "-d", FOUR, expect=1)
    assert "national_rank" in result.stderr and "Traceback" not in result.stderr


def test_no_place_passes_over_a_zone_whose_latest_figure_is_later(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    """甲 was first in 2021 and reports 2023 too: among the 2021 figures nobody leads in its
    place; with --at 2021 it leads."""
    table = tmp_path / "ranks.csv"
    table.write_text(
        "zone,indicator,period,value,unit,out_of\n"
        "甲区,rank,2021,1,位,100\n甲区,rank,2023,2,位,100\n"
        "乙区,rank,2021,2,位,100\n丙区,rank,2021,3,位,100\n",
        encoding="utf-8",
    )
    rows = {r["zone"]: r for r in json.loads(cli("compare", "-d", str(table), "--json").stdout)}
    assert all(r["leader"] is None and r["rank_among_zones"] is None for r in rows.values())
    assert "no place: a zone left out has a figure of 2021 too" in rows["乙区"]["comparison_note"]
    at = {
        r["zone"]: r
        for r in json.loads(cli("compare", "-d", str(table), "--at", "2021", "--json").stdout)
    }
    assert (at["甲区"]["leader"], at["甲区"]["rank_among_zones"]) == (True, 1)


def test_zones_with_no_series_at_both_ends_compare_to_an_empty_table(
    cli: Callable[..., Any],
) -> None:
    """Found by the fuzz suite: no series of three zones has figures of 2016 and 2021."""
    result = cli("compare", "-d", str(FIXTURES / "three_zones.yaml"), "--from", "2016", "--to",
                 "2021", "--json")  # fmt: skip
    assert json.loads(result.stdout) == []
    assert "no indicator has observations at both ends" in result.stderr
