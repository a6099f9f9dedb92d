"""The summary as a report: heading, headline movers with bars, latest values by category."""

from __future__ import annotations

from typing import Any

from zonestats.analysis.summary import Mover, Summary
from zonestats.model.quantity import Qualifier, format_number
from zonestats.model.terms import CATEGORY_NAMES
from zonestats.output.options import Lang
from zonestats.output.table import Column, Kind, Report, Table
from zonestats.output.views import ZONE_COLUMN
from zonestats.output.words import LEVEL_NAMES, marked

BAR_WIDTH = 16

LATEST_COLUMNS = (
    Column("category", "类别", "category", people=False),
    Column("indicator", "指标", "indicator", wrap=False, priority=0),
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
    Column("bar", "对数刻度", "log scale", wrap=False, priority=0),
)


def summary_report(summary: Summary, lang: Lang) -> Report:
    """The summary as a Report: heading, headline movers with bars, latest values by
    category (with a zone column when the dataset holds several zones)."""
    zh = lang is Lang.ZH
    several = len(summary.dataset.zones) > 1
    zone_column = (ZONE_COLUMN,) if several else ()
    movers = tuple(_mover_row(m, summary, zh, several) for m in summary.movers)
    title = "主要变化" if zh else "Headline movers"
    sections = [Table((*zone_column, *MOVER_COLUMNS), movers, title)] if movers else []
    latest_rows = [
        (
            *((x.zone,) if several else ()),
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
    columns = (*zone_column, *LATEST_COLUMNS)
    category_at = len(zone_column)
    for category in summary.categories:
        rows = [r for r in latest_rows if r[category_at] == category]
        sections.append(Table(columns, rows, _category_label(category, zh)))
    return Report(
        _heading(summary, zh), tuple(sections), _data(summary), Table(columns, latest_rows)
    )


def _category_label(category: str, zh: bool) -> str:
    return CATEGORY_NAMES.get(category, category) if zh else category


def _heading(summary: Summary, zh: bool) -> tuple[str, ...]:
    """Who and what: the zone and source when there is one of each, else the counts."""
    dataset = summary.dataset
    sep = "、" if zh else ", "
    counts = sep.join(f"{_category_label(c, zh)} {n}" for c, n in summary.categories.items())
    if zh:
        figures = (
            f"{summary.indicators} 项指标,{summary.observations} 个观测值,"
            f"{summary.with_trend} 项有趋势;类别:{counts}"
        )
    else:
        figures = (
            f"{_count(summary.indicators, 'indicator')}, "
            f"{_count(summary.observations, 'observation')}, "
            f"{summary.with_trend} with a trend; categories: {counts}"
        )
    zones, sources = dataset.zones, dataset.sources
    if len(zones) == 1 and len(sources) == 1:
        return (*_one_zone(zones[0], zh), _one_source(sources[0], dataset.files[0], zh), figures)
    years = summary.years
    span = (
        ""
        if years is None
        else (f"{years[0]}–{years[1]}" if years[0] != years[1] else str(years[0]))
    )
    names = sep.join(z.name for z in zones[:8]) + (sep + "…" if len(zones) > 8 else "")
    if zh:
        whole = f"{len(zones)} 个开发区({names}),{len(sources)} 份报告,{span} 年"
    else:
        whole = f"{len(zones)} zones ({names}), {_count(len(sources), 'report')}, years {span}"
    return (whole, figures)


def _count(number: int, noun: str) -> str:
    """'1 report', '3 reports'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _one_zone(zone: Any, zh: bool) -> tuple[str, ...]:
    level = (LEVEL_NAMES[zone.level] if zh else zone.level.value) if zone.level else ""
    facts = [f for f in (zone.province, level) if f]
    if zh:
        return (" · ".join([zone.name, *facts]),)
    name = f"{zone.name} ({zone.name_en})" if zone.name_en else zone.name
    return (", ".join([name, *facts]),)


def _one_source(source: Any, file: str, zh: bool) -> str:
    if source.title is None:
        return f"来源:{file}" if zh else f"Source: {file}"
    day = source.date.isoformat() if source.date else ""
    facts = [f for f in (source.publisher, day) if f]
    if zh:
        return f"来源:{source.title}({','.join(facts)})" if facts else f"来源:{source.title}"
    return "Source: " + ", ".join([source.title, *facts])


def _figure(value: float, unit: str, qualifier: str, period: str, zh: bool) -> str:
    return f"{marked(Qualifier(qualifier), format_number(value) + unit, zh)} ({period})"


def _mover_row(mover: Mover, summary: Summary, zh: bool, several: bool) -> tuple[Any, ...]:
    biggest = max((m.magnitude for m in summary.movers), default=1.0)
    shares = f"{_share(mover.from_percentile)}→{_share(mover.to_percentile)}"
    if mover.kind == "rank" and mover.percentile_gained is not None:
        growth = f"百分位 {shares}" if zh else f"percentile {shares}"  # places do not compare
    elif mover.kind == "rank":
        places = format_number(mover.magnitude)
        growth = f"上升{places}位" if zh else f"+{places} places"
        if mover.from_percentile is not None or mover.to_percentile is not None:
            growth += f" ({shares})"
    else:
        growth = f"{mover.magnitude:.3g}×"
    if mover.qualifier != "exact":
        growth = marked(Qualifier(mover.qualifier), growth, zh)
    return (
        *((mover.zone,) if several else ()),
        mover.indicator,
        mover.name,
        mover.name_en,
        _figure(mover.from_value, mover.unit, mover.from_qualifier, mover.from_period, zh),
        _figure(mover.to_value, mover.unit, mover.to_qualifier, mover.to_period, zh),
        growth,
        mover.cagr,
        _log_bar(mover.magnitude, biggest),
    )


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _data(summary: Summary) -> dict[str, Any]:
    """The summary as one JSON object."""
    dataset = summary.dataset
    zone = dataset.zones[0] if len(dataset.zones) == 1 else None
    source = dataset.sources[0] if len(dataset.sources) == 1 else None
    return {
        "zone": _zone_data(zone) if zone else None,
        "source": _source_data(source) if source else None,
        "zones": [_zone_data(z) for z in dataset.zones],
        "sources": [_source_data(s) for s in dataset.sources],
        "years": list(summary.years) if summary.years else None,
        "indicators": summary.indicators,
        "observations": summary.observations,
        "with_trend": summary.with_trend,
        "categories": dict(summary.categories),
        "movers": [_mover_data(m) for m in summary.movers],
        "latest": {
            category: [_latest_data(x) for x in summary.latest if x.category == category]
            for category in summary.categories
        },
    }


def _zone_data(zone: Any) -> dict[str, Any]:
    return {
        "id": zone.id,
        "name": zone.name,
        "name_en": zone.name_en,
        "province": zone.province,
        "level": zone.level.value if zone.level else None,
        "aliases": list(zone.aliases),
    }


def _source_data(source: Any) -> dict[str, Any]:
    return {
        "title": source.title,
        "publisher": source.publisher,
        "date": source.date.isoformat() if source.date else None,
        "url": source.url,
    }


def _mover_data(m: Mover) -> dict[str, Any]:
    return {
        "zone": m.zone,
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
        "places_gained": abs(m.from_value - m.to_value) if m.kind == "rank" else None,
        "percentile_gained": m.percentile_gained,
        "cagr": m.cagr,
        "from_percentile": m.from_percentile,
        "to_percentile": m.to_percentile,
        "qualifier": m.qualifier,
    }


def _latest_data(x: Any) -> dict[str, Any]:
    return {
        "zone": x.zone,
        "indicator": x.indicator,
        "name": x.name,
        "name_en": x.name_en,
        "period": x.period,
        "value": x.value,
        "unit": x.unit,
        "qualifier": x.qualifier,
        "written": x.written,
    }


def _log_bar(magnitude: float, biggest: float) -> str:
    """A bar whose length grows with log10: 80× and 80 places gained are the same length."""
    import math

    if not (1 < magnitude < math.inf and 1 < biggest < math.inf):
        return ""
    return "█" * max(1, round(BAR_WIDTH * math.log10(magnitude) / math.log10(biggest)))
