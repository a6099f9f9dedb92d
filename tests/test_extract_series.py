"""extract: series, periods carried through a paragraph, relative periods against the year the
text speaks of, parts of a year, the grammar's last words (quotation marks, N大), and a report
in traditional characters giving what its simplified form gives (a property)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from zonestats.extract import Candidate, draft, draft_yaml, extract, parse_report
from zonestats.extract.patterns import fold_text

PUBLISHED = date(2022, 7, 15)


def _scan(text: str, published: date | None = PUBLISHED) -> list[Candidate]:
    return list(extract(parse_report(text, published, "report.txt")))


def _groups(candidates: list[Candidate]) -> list[int | None]:
    """Series numbers renumbered by first appearance (1, 2, ...), None outside a series."""
    numbers: dict[int, int] = {}
    return [
        None if c.series is None else numbers.setdefault(c.series, len(numbers) + 1)
        for c in candidates
    ]


# ---- series ----------------------------------------------------------------------------------

SERIES = """白沙经开区统计公报摘要
2016年至2018年,白沙经开区地区生产总值分别为120亿元、150亿元和180亿元。
2019年、2020年和2021年,园区税收分别为8亿元、9.5亿元和11亿元。
2019—2021年园区出口额为3亿美元、4亿美元、6亿美元。
2022年,白沙经开区、黑水经开区和青石经开区分别位列第12位、第30位和第41位。
企业数和工业产值分别从2015年的50家、20亿元增加到2021年的80家、35亿元。
2021年,园区产值和税收分别增长12%和15%。
"""

SERIES_EXPECTED: list[tuple[str, str, int | None, str | None]] = [
    # written, period, series (by first appearance), the list item it is paired with
    ("120亿元", "2016", 1, None),
    ("150亿元", "2017", 1, None),
    ("180亿元", "2018", 1, None),
    ("8亿元", "2019", 2, None),
    ("9.5亿元", "2020", 2, None),
    ("11亿元", "2021", 2, None),
    ("3亿美元", "2019", 3, None),
    ("4亿美元", "2020", 3, None),
    ("6亿美元", "2021", 3, None),
    ("第12位", "2022", 4, "白沙经开区"),
    ("第30位", "2022", 5, "黑水经开区"),
    ("第41位", "2022", 6, "青石经开区"),
    ("50家", "2015", 7, "企业数"),
    ("20亿元", "2015", 8, "工业产值"),
    ("80家", "2021", 7, "企业数"),
    ("35亿元", "2021", 8, "工业产值"),
    ("12%", "2021", 9, "产值"),
    ("15%", "2021", 10, "税收"),
]


def test_series_give_one_figure_a_period_in_order() -> None:
    found = _scan(SERIES)
    assert [(c.written, c.period) for c in found] == [(w, p) for w, p, _, _ in SERIES_EXPECTED]
    assert _groups(found) == [g for _, _, g, _ in SERIES_EXPECTED]
    assert [c.listed for c in found] == [item for _, _, _, item in SERIES_EXPECTED]


def test_a_series_is_one_indicator_and_its_periods_say_how_they_were_read() -> None:
    found = _scan(SERIES)
    gdp = found[0:3]
    assert {c.id for c in gdp} == {"gdp_1"} and {c.name for c in gdp} == {"白沙经开区地区生产总值"}
    assert all("2016年至2018年" in (c.period_note or "") for c in gdp)
    assert [c.period_note for c in found[3:6]] == [None, None, None]  # each period named
    # The ranks of three zones in one list: one indicator, a figure per zone.
    ranks = found[9:12]
    assert len({c.id for c in ranks}) == 1 and len({c.series for c in ranks}) == 3
    # Parallel before/after lists: each start and end one indicator, named by its list item.
    assert found[12].id == found[14].id != found[13].id == found[15].id


MISMATCHED = """2019年至2021年,园区税收分别为8亿元和9亿元。
2019年、2020年,园区产值分别为50亿元、60亿元和70亿元。
园区企业和项目分别达到120家。
2019年至2021年,园区进出口额分别为1.5、2和2.6亿美元。
校验码123456789012345678901234567890123456789012345678901234567890。
"""


def test_a_list_that_does_not_fit_its_periods_is_noted_not_guessed() -> None:
    extraction = extract(parse_report(MISMATCHED, PUBLISHED, "report.txt"))
    assert [c.series for c in extraction] == [None] * 7
    assert [(c.written, c.period) for c in extraction][:5] == [
        ("8亿元", "2019/2021"),  # the span of the periods, never one of them guessed
        ("9亿元", "2019/2021"),
        ("50亿元", "2019/2020"),
        ("60亿元", "2019/2020"),
        ("70亿元", "2019/2020"),
    ]
    assert extraction[0].period_note == (
        "2 values for 3 periods (2019年至2021年): one of them, not known which"
    )
    assert [(n.line, n.message) for n in extraction.notes] == [
        (1, "2 values for 3 periods (2019年至2021年): not read as a series"),
        (2, "3 values for 2 periods (2019年、2020年): not read as a series"),
        (4, "1.5、2 before 2.6亿美元 are written without their unit: not read as figures"),
    ]
    assert [run.line for run in extraction.skipped] == [5]  # lines counted both ways
    header = draft_yaml(draft(parse_report(MISMATCHED, PUBLISHED), extraction)).split("\n#   ")[0]
    assert "# line 2: 3 values for 2 periods (2019年、2020年): not read as a series" in header


# ---- periods in context ----------------------------------------------------------------------

CONTEXT = """国家级经开区年度发展报告
2021年,国家级经开区实现地区生产总值13.7万亿元;实际使用外资和外商投资企业再投资金额3.9万亿元。全区新增高新技术企业2100家,研发投入占比达3.2%。
截至目前,园区共有企业5000家。新增项目120个。
2020年度国家级经开区综合考评结果公布。
白沙经开区排名由上年第85位上升至第52位。当年,园区新增税收8亿元。
上半年,园区工业产值320亿元,同比增长8%。1—5月,签约项目41个。前三季度实现税收12亿元。2021年第一季度产值90亿元。
去年四季度,园区出口额2亿美元;前10个月,新增企业60家。
"""

CONTEXT_EXPECTED = [
    ("13.7万亿元", "2021", None),
    ("3.9万亿元", "2021", "2021年, said before in the paragraph"),
    ("2100家", "2021", "2021年, said before in the paragraph"),
    ("达3.2%", "2021", "2021年, said before in the paragraph"),
    ("5000家", "2022-07-15", "截至目前: the report's date"),
    ("120个", "2022-07-15", "截至目前: the report's date; said before in the paragraph"),
    ("第85位", "2019", "上年, counted from 2020年度"),
    ("第52位", "2020", "the year 上年 counts from"),
    ("8亿元", "2020", "当年, counted from 2020年度"),
    ("320亿元", "2022-01/2022-06", "上半年, in the year of the report"),
    ("8%", "2022-01/2022-06", "上半年, in the year of the report"),
    ("41个", "2022-01/2022-05", "1—5月, in the year of the report"),
    ("12亿元", "2021-01/2021-09", "前三季度, of 2021: 2022's is not over by the report's date"),
    ("90亿元", "2021-01/2021-03", None),
    ("2亿美元", "2021-10/2021-12", "去年四季度, counted from the report's date"),
    ("60家", "2021-01/2021-10", "前10个月, of 2021: 2022's is not over by the report's date"),
]


def test_periods_carry_through_a_paragraph_and_count_from_the_year_spoken_of() -> None:
    found = _scan(CONTEXT)
    assert [(c.written, c.period, c.period_note) for c in found] == CONTEXT_EXPECTED


def test_a_period_does_not_carry_into_the_next_paragraph_nor_from_a_deadline() -> None:
    text = "2019年,园区新增企业30家。\n园区新增项目12个。力争到2025年产值达到500亿元。新增就业800人。\n"
    found = _scan(text)
    assert [(c.written, c.period) for c in found] == [
        ("30家", "2019"),
        ("12个", "2022-07-15"),
        ("达到500亿元", "2025"),
        ("800人", "2022-07-15"),
    ]


# ---- the grammar's last words ----------------------------------------------------------------

GRAMMAR = """园区产值突破“千亿”,打造"百亿级"产业集群,推动“双百”工程。
全区三大产业协调发展,四大领域齐头并进,五大产业园拔地而起,建成三大基地,实现“四大”目标。
"""


def test_quoted_magnitudes_are_figures_and_n_da_counts_only_things() -> None:
    found = _scan(GRAMMAR)
    assert [(c.written, c.value, c.unit, c.qualifier.value) for c in found] == [
        ("千亿", 1e11, None, "more_than"),
        ("百亿", 1e10, None, "exact"),
        ("四大", 4, None, "exact"),
        ("五大", 5, None, "exact"),
        ("三大", 3, None, "exact"),
    ]
    assert [c.quote for c in found][:2] == ["园区产值突破“千亿”", '打造"百亿级"产业集群']


# ---- traditional characters: the same figures (a property) -----------------------------------


def _traditional_forms() -> dict[str, list[str]]:
    from zonestats.model.grammar import FOLD

    forms: dict[str, list[str]] = {}
    for traditional, simplified in FOLD.items():
        if simplified != "%":
            forms.setdefault(simplified, []).append(traditional)
    return forms


_FORMS = _traditional_forms()
_SENTENCES = [
    line
    for report in (SERIES, MISMATCHED, CONTEXT, GRAMMAR)
    for line in report.splitlines()[1:]
    if line
]


def _described(candidates: list[Candidate]) -> list[tuple[Any, ...]]:
    return [
        (
            fold_text(c.written),
            c.value,
            c.unit,
            c.qualifier,
            c.period,
            fold_text(c.period_note or ""),
            c.id,
            c.category,
            fold_text(c.listed or ""),
            group,
        )
        for c, group in zip(candidates, _groups(candidates), strict=True)
    ]


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=6),
    data=st.data(),
)
def test_a_traditional_text_gives_the_figures_of_its_simplified_form(
    lines: list[str], data: st.DataObject
) -> None:
    simplified = "\n".join(lines) + "\n"
    traditional = "".join(
        data.draw(st.sampled_from([ch, *_FORMS[ch]])) if ch in _FORMS else ch for ch in simplified
    )
    found = _scan(traditional)
    assert all(traditional[c.start : c.end] == c.written for c in found)
    assert _described(found) == _described(_scan(simplified))


def test_a_before_after_phrase_under_a_span_of_years_takes_its_ends() -> None:
    found = _scan("2016年到2020年,园区企业从50家增加到125家。\n")
    assert [(c.written, c.period, c.period_note) for c in found] == [
        ("50家", "2016", "the first year of 2016年到2020年"),
        ("125家", "2020", "the last year of 2016年到2020年"),
    ]
    assert {c.name for c in found} == {"园区企业"}  # not 园区企业从增加到


# ---- what a careful reader records that a quick scan would not -------------------------------


def test_the_same_period_a_year_before_is_that_period_and_one_series_with_it() -> None:
    text = (
        "2022年1月至10月,园区投资60亿元,上年同期为50亿元。"
        "今年前三季度,园区税收8亿元,去年同期为7亿元,同比增长14.3%。\n"
    )
    found = _scan(text, date(2022, 11, 20))
    assert [(c.written, c.period) for c in found] == [
        ("60亿元", "2022-01/2022-10"),
        ("50亿元", "2021-01/2021-10"),
        ("8亿元", "2022-01/2022-09"),
        ("7亿元", "2021-01/2021-09"),
        ("14.3%", "2022-01/2022-09"),  # 同期 holds in its own clause only
    ]
    assert _groups(found) == [1, 1, 2, 2, None]


def test_the_base_of_a_comparison_is_no_figure_s_period() -> None:
    found = _scan("园区产值比2015年增长1倍,达到120亿元。\n")
    assert [(c.written, c.period) for c in found] == [
        ("1倍", "2022-07-15"),
        ("达到120亿元", "2022-07-15"),
    ]


def test_a_report_without_a_date_counts_from_the_latest_year_it_names() -> None:
    found = _scan(
        "2021年,园区新引进项目56个。去年,园区实现税收9.6亿元。目前园区有企业300家。\n", None
    )
    assert [(c.written, c.period) for c in found] == [
        ("56个", "2021"),
        ("9.6亿元", "2020"),
        ("300家", "2021"),
    ]
    assert "the latest year the report names" in (found[1].period_note or "")


def test_a_part_of_a_year_not_over_by_the_report_s_date_is_the_last_year_s() -> None:
    found = _scan("上半年,园区新增企业1200家;1—2月,签约项目8个。\n", date(2023, 3, 15))
    assert [(c.written, c.period) for c in found] == [
        ("1200家", "2022-01/2022-06"),
        ("8个", "2023-01/2023-02"),
    ]


def test_a_list_of_zones_with_what_it_is_of_is_one_indicator_a_zone_each() -> None:
    found = _scan("青溪经开区与白鹭高新区的产值分别为1050亿元和620亿元。\n")
    assert [(c.listed, c.name) for c in found] == [("青溪经开区", "产值"), ("白鹭高新区", "产值")]
    assert found[0].id == found[1].id and found[0].series != found[1].series


@settings(max_examples=30, deadline=None)
@given(
    lines=st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=6),
    config=st.sampled_from(["s2t", "s2tw", "s2hk"]),
)
def test_a_text_converted_by_another_tool_gives_the_same_figures(
    lines: list[str], config: str
) -> None:
    """Traditional text as OpenCC writes it (Taiwan and Hong Kong forms too), not as our own
    fold table would: the same figures, periods, series and ids."""
    from opencc import OpenCC

    simplified = "\n".join(lines) + "\n"
    traditional = OpenCC(config).convert(simplified)
    assert _described(_scan(traditional)) == _described(_scan(simplified))


def test_figures_each_after_a_year_of_their_own_are_one_series() -> None:
    found = _scan(
        "进出口总额2021年为80亿元,2022年为92亿元,同比增长15%。"
        "园区企业2019年120家,2020年150家,2021年180家;新增项目2021年12个,全区新增就业500人。\n"
    )
    assert [(c.written, c.period) for c in found][:6] == [
        ("80亿元", "2021"),
        ("92亿元", "2022"),
        ("15%", "2022"),
        ("120家", "2019"),
        ("150家", "2020"),
        ("180家", "2021"),
    ]
    assert _groups(found) == [1, 1, None, 2, 2, 2, None, None]  # a clause with its own subject
