"""The tables the browsing commands print, built from a Dataset (no pandas needed)."""

from __future__ import annotations

from zonestats.errors import ZonestatsError
from zonestats.model import Dataset, Indicator
from zonestats.render import Column, Kind, Lang, Table

INDICATOR_COLUMNS = (
    Column("indicator", "指标", "indicator", wrap=False),
    Column("name", "名称", "name", lang=Lang.ZH),
    Column("name_en", "英文名称", "name", lang=Lang.EN),
    Column("category", "类别", "category", wrap=False),
    Column("unit", "单位", "unit", people=False),
    Column("observations", "观测", "obs", Kind.NUMBER),
    Column("latest_period", "最新时期", "latest", wrap=False),
    Column("latest_value", "最新值", "value", Kind.QUANTITY),
    Column("qualifier", "限定", "qualifier", people=False),
)

OBSERVATION_COLUMNS = (
    Column("period", "时期", "period", wrap=False),
    Column("written", "原文数值", "as written", wrap=False),
    Column("value", "数值", "value", Kind.QUANTITY),
    Column("unit", "单位", "unit", people=False),
    Column("qualifier", "限定", "qualifier", people=False),
    Column("quote", "原文", "quote"),
    Column("period_note", "时期说明", "period note"),
)


def indicator_table(dataset: Dataset, lang: Lang, category: str | None = None) -> Table:
    """One row per indicator with its latest observation, optionally of one category."""
    indicators = dataset.indicators
    if category is not None:
        indicators = tuple(i for i in indicators if i.category == category)
        if not indicators:
            known = ", ".join(dataset.categories())
            raise ZonestatsError(
                f"no category '{category}' in {dataset.zone.name} (known: {known})"
            )
    rows = []
    for indicator in indicators:
        latest = max(indicator.observations, key=lambda o: (o.period.end, o.period.start))
        rows.append(
            (
                indicator.id,
                indicator.name,
                indicator.name_en,
                indicator.category,
                indicator.unit,
                len(indicator.observations),
                latest.period.text,
                latest.value,
                latest.qualifier.value,
            )
        )
    title = f"{dataset.zone.name if lang is Lang.ZH else dataset.zone.name_en}"
    return Table(INDICATOR_COLUMNS, rows, title=title)


def observation_table(indicator: Indicator, lang: Lang) -> Table:
    """Every observation of one indicator, in period order, with its quote."""
    rows = [
        (
            obs.period.text,
            obs.written,
            obs.value,
            indicator.unit,
            obs.qualifier.value,
            obs.quote,
            obs.period_note,
        )
        for obs in sorted(indicator.observations, key=lambda o: (o.period.start, o.period.end))
    ]
    return Table(OBSERVATION_COLUMNS, rows, title=indicator_title(indicator, lang))


def indicator_title(indicator: Indicator, lang: Lang) -> str:
    """'national_rank 国家级开发区考核排名 (位, lower is better, of 218)'."""
    name = indicator.name if lang is Lang.ZH else indicator.name_en
    facts = [indicator.unit]
    if indicator.better is not None:
        facts.append(f"{indicator.better.value} is better")
    if indicator.out_of is not None:
        facts.append(f"of {indicator.out_of}")
    return f"{indicator.id} {name} ({', '.join(facts)})"
