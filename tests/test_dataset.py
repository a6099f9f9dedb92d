"""Data fidelity: every figure of data/article.yaml is quoted verbatim from the source article."""

from __future__ import annotations

import re

import pytest

import zonestats
from zonestats import Qualifier, parse_quantity

# Figures in the article that the dataset leaves out on purpose, with the reason.
LEFT_OUT = {
    "从1变4": "restates 四大领域, recorded as white_goods_segments",
}
DATE_SUFFIX = re.compile(r"^(?:年|月|日|-\d|:\d)")


def _observations(dataset: zonestats.Dataset) -> list[tuple[str, zonestats.Observation]]:
    return [(i.id, o) for i in dataset.indicators for o in i.observations]


def test_every_quote_appears_verbatim_in_the_article(
    dataset: zonestats.Dataset, article: str
) -> None:
    missing = [(i, o.quote) for i, o in _observations(dataset) if o.quote not in article]
    assert missing == []


def test_every_value_appears_in_its_quote_and_parses_to_the_stored_value(
    dataset: zonestats.Dataset,
) -> None:
    for indicator in dataset.indicators:
        for obs in indicator.observations:
            assert obs.written in obs.quote, (indicator.id, obs.written)
            quantity = parse_quantity(obs.written)
            assert quantity.value == obs.value, (indicator.id, obs.written)
            assert quantity.unit in (None, indicator.unit), (indicator.id, obs.written)


def test_every_arabic_figure_of_the_article_is_in_some_quote(
    dataset: zonestats.Dataset, article: str
) -> None:
    """Completeness: a number of the report not covered by a quote is a date or left out."""
    body_end = article.index("责任编辑")  # the site footer: editor, e-mail, registration numbers
    covered = [False] * len(article)
    for _, obs in _observations(dataset):
        for match in re.finditer(re.escape(obs.quote), article):
            covered[match.start() : match.end()] = [True] * (match.end() - match.start())
    for phrase in LEFT_OUT:
        start = article.index(phrase)
        covered[start : start + len(phrase)] = [True] * len(phrase)
    uncovered = []
    for match in re.finditer(r"\d+", article[:body_end]):
        if all(covered[match.start() : match.end()]):
            continue
        if DATE_SUFFIX.match(article[match.end() :]) or article[match.start() - 1] in ":-":
            continue  # a date or a time, not a figure
        uncovered.append(article[max(0, match.start() - 8) : match.end() + 8])
    assert uncovered == []


def test_chinese_numeral_figures_are_recorded(dataset: zonestats.Dataset) -> None:
    written = {o.written for _, o in _observations(dataset)}
    assert {"五大", "四茬", "三个", "数十场", "破百亿", "千亿", "四大", "突破百亿"} <= written


def test_dataset_size_and_metadata(dataset: zonestats.Dataset) -> None:
    assert len(dataset.indicators) >= 38
    assert len(_observations(dataset)) >= 40
    assert dataset.zone.name == "荆州开发区"
    assert dataset.zone.id == "jingzhou" and "荆州经济技术开发区" in dataset.zone.aliases
    assert dataset.zone.province == "湖北省"
    assert dataset.source.publisher == "湖北文明网"
    assert dataset.source.date.isoformat() == "2021-06-30"
    assert dataset.source.title in ("荆州开发区:党旗高扬在工业主战场",)


def test_dataset_title_is_the_article_title(dataset: zonestats.Dataset, article: str) -> None:
    assert article.splitlines()[0] == dataset.source.title


@pytest.mark.parametrize(
    ("indicator", "period", "value", "qualifier"),
    [
        ("national_rank", "2016", 126, Qualifier.EXACT),
        ("national_rank", "2020", 46, Qualifier.EXACT),
        ("midea_fridge_capacity", "2008", 100_000, Qualifier.EXACT),
        ("midea_fridge_capacity", "2021", 8_000_000, Qualifier.EXACT),
        ("midea_fridge_output", "2008", 100_000_000, Qualifier.EXACT),
        ("midea_fridge_output", "2021", 8_200_000_000, Qualifier.EXACT),
        ("projects_signed_100m", "2021-01/2021-05", 41, Qualifier.EXACT),
        ("high_tech_enterprises", "2021-06-30", 72, Qualifier.EXACT),
        ("poor_households_lifted", "2020", 1110, Qualifier.EXACT),
        ("poor_people_lifted", "2020", 3928, Qualifier.EXACT),
        ("midea_suppliers", "2021", 100, Qualifier.MORE_THAN),
        ("party_member_share", "2021-06-30", 90, Qualifier.AT_LEAST),
        ("biopharma_revenue", "2022", 30_000_000_000, Qualifier.EXPECTED),
        ("partnership_economic_benefit", "2021-06-30", 110_370_000, Qualifier.EXACT),
    ],
)
def test_headline_figures(
    dataset: zonestats.Dataset, indicator: str, period: str, value: float, qualifier: Qualifier
) -> None:
    found = {o.period.text: o for o in dataset.indicator(indicator).observations}
    assert found[period].value == value
    assert found[period].qualifier is qualifier


def test_ranking_is_lower_is_better_out_of_218_in_2020(dataset: zonestats.Dataset) -> None:
    rank = dataset.indicator("national_rank")
    assert rank.better is zonestats.model.terms.Better.LOWER
    assert rank.unit == "位"
    # The report says 218 zones were evaluated in 2020 and gives no number for 2016.
    assert [(o.period.text, o.out_of) for o in rank.observations] == [("2016", None), ("2020", 218)]


def test_inferred_periods_say_how(dataset: zonestats.Dataset, article: str) -> None:
    early = {o.period.text: o for o in dataset.indicator("national_rank").observations}["2016"]
    assert early.period_inferred and "4年前" in (early.period_note or "")
    # 今年2月3日 in a report of 2021-06-30.
    start = dataset.indicator("midea_fridge_park_investment").observations[0]
    assert start.period.text == "2021-02-03" and start.period_inferred
    assert "今年2月3日" in article
