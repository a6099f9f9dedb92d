"""The tables the commands print: browsing tables from a Dataset (no pandas), analysis
tables from the DataFrames of zonestats.analysis, and the summary report."""

from __future__ import annotations

from typing import Any

from zonestats.errors import ZonestatsError
from zonestats.model.dataset import Dataset, Indicator
from zonestats.output.render import Column, Kind, Lang, Table

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
    better = indicator.better.value if indicator.better is not None else None
    name = indicator.name if lang is Lang.ZH else indicator.name_en
    return _title(indicator.id, name, indicator.unit, better, indicator.out_of)


def _title(indicator: str, name: str, unit: str, better: str | None, out_of: int | None) -> str:
    facts = [unit]
    if better is not None:
        facts.append(f"{better} is better")
    if out_of is not None:
        facts.append(f"of {out_of}")
    return f"{indicator} {name} ({', '.join(facts)})"


# ---- the same browsing tables from a long table of observations ------------------------

ZONE_COLUMN = Column("zone", "开发区", "zone", wrap=False)


def indicator_table_from_frame(frame: Any, lang: Lang, category: str | None = None) -> Table:
    """``list`` of a long table: each zone's indicators with their latest observation, the
    zone as the title, or as a first column when the table holds several."""
    from zonestats.analysis import latest
    from zonestats.output.render import table_from_frame

    rows = latest(frame, category)
    zones = rows["zone"].unique()
    if len(zones) == 1:
        return table_from_frame(rows, INDICATOR_COLUMNS, title=str(zones[0]))
    return table_from_frame(rows, (ZONE_COLUMN, *INDICATOR_COLUMNS))


def observation_table_from_frame(frame: Any, indicator: str, lang: Lang) -> Table:
    """``show`` of a long table: one indicator's observations, of every zone that has it."""
    import pandas as pd

    from zonestats.analysis import series_of
    from zonestats.output.render import table_from_frame

    rows = series_of(frame, indicator)
    first = rows.iloc[0]
    better = None if pd.isna(first["better"]) else str(first["better"])
    out_of = None if pd.isna(first["out_of"]) else int(first["out_of"])
    name = first["name"] if lang is Lang.ZH else first["name_en"]
    title = _title(indicator, name, first["unit"], better, out_of)
    several = rows["zone"].nunique() > 1
    columns = (ZONE_COLUMN, *OBSERVATION_COLUMNS) if several else OBSERVATION_COLUMNS
    return table_from_frame(rows, columns, title=title)


# ---- analysis tables (the frames come from zonestats.analysis) ---------------------------

EXPORT_COLUMNS = (
    Column("zone", "开发区", "zone", people=False),
    Column("indicator", "指标", "indicator", wrap=False),
    Column("name", "名称", "name", people=False),
    Column("name_en", "英文名称", "name", people=False),
    Column("category", "类别", "category", people=False),
    Column("period", "时期", "period", wrap=False),
    Column("value", "数值", "value", Kind.QUANTITY),
    Column("unit", "单位", "unit", people=False),
    Column("qualifier", "限定", "qualifier", people=False),
    Column("written", "原文数值", "as written", people=False),
    Column("quote", "原文", "quote"),
    Column("period_note", "时期说明", "period note", people=False),
    Column("better", "优向", "better", people=False),
    Column("out_of", "总数", "out of", Kind.NUMBER, people=False),
)


def export_table(frame: Any) -> Table:
    """The tidy observations table, every column, for spreadsheets and scripts."""
    from zonestats.output.render import table_from_frame

    return table_from_frame(frame, EXPORT_COLUMNS)


def growth_columns(growth: Any, several_zones: bool) -> tuple[Column, ...]:
    """The growth table's columns; zone only across datasets, percentiles only for ranks."""
    ranks = bool(growth["to_percentile"].notna().any())
    columns = [
        Column("zone", "开发区", "zone", wrap=False),
        Column("indicator", "指标", "indicator", people=False),
        Column("name", "名称", "name", lang=Lang.ZH),
        Column("name_en", "英文名称", "name", lang=Lang.EN),
        Column("category", "类别", "category", people=False),
        Column("unit", "单位", "unit", people=False),
        Column("from_period", "起", "from", people=False),
        Column("to_period", "止", "to", people=False),
        Column("periods", "时期", "periods", wrap=False, machine=False),
        Column("from_value", "起值", "from", Kind.QUANTITY, qualifier_key="from_qualifier"),
        Column("to_value", "止值", "to", Kind.QUANTITY, qualifier_key="to_qualifier"),
        Column("from_qualifier", "起值限定", "from qualifier", people=False),
        Column("to_qualifier", "止值限定", "to qualifier", people=False),
        Column("change", "变化", "change", Kind.CHANGE),
        Column("multiple", "倍数", "multiple", Kind.MULTIPLE),
        Column("pct_change", "增幅", "% change", Kind.FRACTION, people=False),
        Column("years", "年数", "years", Kind.NUMBER, people=False),
        Column("cagr", "年均增长", "CAGR", Kind.FRACTION),
        Column("better", "优向", "better", people=False),
        Column("improved", "改善", "better?", Kind.FLAG),
        Column("from_percentile", "起百分位", "from pct", Kind.FRACTION, people=False),
        Column("to_percentile", "止百分位", "to pct", Kind.FRACTION, people=False),
        Column("qualifier", "限定", "qualifier", people=False),
        Column("note", "说明", "note", people=False),
        Column("remarks", "说明", "note", machine=False),
    ]
    drop = set() if several_zones else {"zone"}
    if not ranks:
        drop |= {"from_percentile", "to_percentile"}
    return tuple(c for c in columns if c.key not in drop)


def growth_rows(growth: Any, several_zones: bool) -> Table:
    """The growth table, one row per indicator (and zone)."""
    from zonestats.output.render import table_from_frame

    periods = growth["from_period"] + "→" + growth["to_period"]
    remarks = growth["note"]
    if growth["to_percentile"].notna().any():
        percentiles = (
            "percentile "
            + growth["from_percentile"].map(_percent)
            + "→"
            + growth["to_percentile"].map(_percent)
        )
        ranked = growth["to_percentile"].notna()
        remarks = remarks.where(~ranked, (remarks + "; ").where(remarks != "", "") + percentiles)
    frame = growth.assign(periods=periods, remarks=remarks)
    return table_from_frame(frame, growth_columns(growth, several_zones))


def _percent(value: Any) -> str:
    return "" if value != value else f"{value:.1%}"


def side_by_side_table(wide: Any, zones: list[str]) -> Table:
    """Zones side by side (people's formats): each zone's latest value and change, and the
    difference of its latest value from the first zone's."""
    from zonestats.output.render import table_from_frame

    columns = [
        Column("indicator", "指标", "indicator", people=False),
        Column("name", "名称", "name", lang=Lang.ZH),
        Column("name_en", "英文名称", "name", lang=Lang.EN),
        Column("unit", "单位", "unit", people=False),
    ]
    for index, zone in enumerate(zones):
        columns += [
            Column(f"{zone}|value", zone, zone, Kind.QUANTITY, qualifier_key=f"{zone}|qualifier"),
            Column(f"{zone}|qualifier", "", "", people=False),
            Column(f"{zone}|change", "变化", "change", Kind.CHANGE),
        ]
        if index:
            columns.append(Column(f"{zone}|difference", "差值", "diff.", Kind.CHANGE))
    columns.append(Column("leader", "领先", "leader", wrap=False))
    return table_from_frame(wide, columns, " vs ".join(zones))


BAR_WIDTH = 16

LATEST_COLUMNS = (
    Column("category", "类别", "category", people=False),
    Column("indicator", "指标", "indicator", wrap=False),
    Column("name", "名称", "name", lang=Lang.ZH),
    Column("name_en", "英文名称", "name", lang=Lang.EN),
    Column("period", "时期", "period", wrap=False),
    Column("value", "最新值", "latest value", Kind.QUANTITY),
    Column("unit", "单位", "unit", people=False),
    Column("qualifier", "限定", "qualifier", people=False),
    Column("written", "原文数值", "as written", people=False),
)

MOVER_COLUMNS = (
    Column("indicator", "指标", "indicator", people=False),
    Column("name", "名称", "name", lang=Lang.ZH),
    Column("name_en", "英文名称", "name", lang=Lang.EN),
    Column("from", "起", "from", wrap=False),
    Column("to", "止", "to", wrap=False),
    Column("growth", "变化", "growth", wrap=False),
    Column("cagr", "年均增长", "CAGR", Kind.FRACTION),
    Column("bar", "对数刻度", "log scale", wrap=False),
)


def summary_report(summary: Any, lang: Lang) -> Any:
    """The summary as a Report: heading, headline movers with bars, latest values by category."""
    from zonestats.model.dataset import CATEGORY_NAMES
    from zonestats.model.quantity import Qualifier, format_number
    from zonestats.output.render import Report

    dataset = summary.dataset
    zone, source = dataset.zone, dataset.source
    zh = lang is Lang.ZH

    def figure(value: float, unit: str, qualifier: str, period: str) -> str:
        symbol = Qualifier(qualifier).symbol
        text = format_number(value) + unit
        return f"{symbol + ' ' if symbol else ''}{text} ({period})"

    def category_label(category: str) -> str:
        return CATEGORY_NAMES.get(category, category) if zh else category

    counts = (", " if not zh else "、").join(
        f"{category_label(c)} {n}" for c, n in summary.categories.items()
    )
    if zh:
        heading = (
            f"{zone.name} · {zone.province} · {zone.level.value}",
            f"来源:{source.title}({source.publisher},{source.date.isoformat()})",
            f"{len(dataset.indicators)} 项指标,{summary.observations} 个观测值,"
            f"{summary.with_trend} 项有趋势;类别:{counts}",
        )
    else:
        heading = (
            f"{zone.name} ({zone.name_en}), {zone.province}, {zone.level.value}",
            f"Source: {source.title}, {source.publisher}, {source.date.isoformat()}",
            f"{len(dataset.indicators)} indicators, {summary.observations} observations, "
            f"{summary.with_trend} with a trend; categories: {counts}",
        )

    biggest = max((m.magnitude for m in summary.movers), default=1.0)
    mover_rows = []
    for mover in summary.movers:
        if mover.kind == "rank":
            places = format_number(mover.magnitude)
            growth = f"上升{places}位" if zh else f"+{places} places"
            if mover.from_percentile is not None and mover.to_percentile is not None:
                growth += f" ({mover.from_percentile:.1%}→{mover.to_percentile:.1%})"
        else:
            growth = f"{mover.magnitude:.3g}×"
        if mover.qualifier != "exact":
            growth = f"{Qualifier(mover.qualifier).symbol} {growth}"
        mover_rows.append(
            (
                mover.indicator,
                mover.name,
                mover.name_en,
                figure(mover.from_value, mover.unit, mover.from_qualifier, mover.from_period),
                figure(mover.to_value, mover.unit, mover.to_qualifier, mover.to_period),
                growth,
                mover.cagr,
                _log_bar(mover.magnitude, biggest),
            )
        )
    sections = [Table(MOVER_COLUMNS, mover_rows, "主要变化" if zh else "Headline movers")]
    latest_rows = [
        (
            x.category,
            x.indicator,
            x.name,
            x.name_en,
            x.period,
            x.value,
            x.unit,
            x.qualifier,
            x.written,
        )
        for x in summary.latest
    ]
    for category in summary.categories:
        rows = [r for r in latest_rows if r[0] == category]
        sections.append(Table(LATEST_COLUMNS, rows, category_label(category)))

    data = {
        "zone": {
            "name": zone.name,
            "name_en": zone.name_en,
            "province": zone.province,
            "level": zone.level.value,
        },
        "source": {
            "title": source.title,
            "publisher": source.publisher,
            "date": source.date.isoformat(),
            "url": source.url,
        },
        "indicators": len(dataset.indicators),
        "observations": summary.observations,
        "with_trend": summary.with_trend,
        "categories": dict(summary.categories),
        "movers": [
            {
                "indicator": m.indicator,
                "name": m.name,
                "name_en": m.name_en,
                "unit": m.unit,
                "kind": m.kind,
                "from_period": m.from_period,
                "to_period": m.to_period,
                "from_value": m.from_value,
                "to_value": m.to_value,
                "from_qualifier": m.from_qualifier,
                "to_qualifier": m.to_qualifier,
                "multiple": m.magnitude if m.kind == "multiple" else None,
                "places_gained": m.magnitude if m.kind == "rank" else None,
                "cagr": m.cagr,
                "from_percentile": m.from_percentile,
                "to_percentile": m.to_percentile,
                "qualifier": m.qualifier,
            }
            for m in summary.movers
        ],
        "latest": {
            category: [
                {
                    "indicator": x.indicator,
                    "name": x.name,
                    "name_en": x.name_en,
                    "period": x.period,
                    "value": x.value,
                    "unit": x.unit,
                    "qualifier": x.qualifier,
                    "written": x.written,
                }
                for x in summary.latest
                if x.category == category
            ]
            for category in summary.categories
        },
    }
    return Report(heading, tuple(sections), data, Table(LATEST_COLUMNS, latest_rows))


def _log_bar(magnitude: float, biggest: float) -> str:
    """A bar whose length grows with log10: 80× and 80 places gained are the same length."""
    import math

    if magnitude <= 1 or biggest <= 1:
        return ""
    return "█" * max(1, round(BAR_WIDTH * math.log10(magnitude) / math.log10(biggest)))


CANDIDATE_COLUMNS = (
    Column("written", "原文数值", "as written", wrap=False),
    Column("value", "数值", "value", Kind.QUANTITY),
    Column("unit", "单位", "unit", people=False),
    Column("qualifier", "限定", "qualifier", people=False),
    Column("period", "时期", "period", wrap=False),
    Column("period_note", "时期说明", "period note", people=False),
    Column("quote", "原文", "quote"),
    Column("id", "建议id", "suggested id", wrap=False),
    Column("name", "建议名称", "suggested name", people=False),
    Column("category", "类别", "category", people=False),
    Column("pair", "成对", "pair", Kind.NUMBER, people=False),
)


def candidate_table(candidates: Any) -> Table:
    """The figures extract found, one row each."""
    rows = [
        (
            c.written,
            c.value,
            c.unit,
            c.qualifier.value,
            c.period,
            c.period_note,
            c.quote,
            c.id,
            c.name,
            c.category,
            c.pair,
        )
        for c in candidates
    ]
    return Table(CANDIDATE_COLUMNS, rows)
