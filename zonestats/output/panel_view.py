"""The panel as people read it (a block per indicator: zones as rows, periods as columns)
and as programs get it (tidy: a row per zone and period; wide: a row per zone)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zonestats.analysis.panel import PANEL_COLUMNS, Panel
from zonestats.output.options import Lang
from zonestats.output.table import Column, Kind, Report, Table, table_from_frame
from zonestats.output.views import ZONE_COLUMN, indicator_title

_TIDY = {
    "indicator": ("指标", "indicator", Kind.TEXT),
    "name": ("名称", "name", Kind.TEXT),
    "name_en": ("英文名称", "name", Kind.TEXT),
    "zone": ("开发区", "zone", Kind.TEXT),
    "period": ("时期", "period", Kind.TEXT),
    "value": ("数值", "value", Kind.QUANTITY),
    "unit": ("单位", "unit", Kind.TEXT),
    "qualifier": ("限定", "qualifier", Kind.TEXT),
    "written": ("原文数值", "as written", Kind.TEXT),
    "out_of": ("总数", "out of", Kind.NUMBER),
    "percentile": ("百分位", "percentile", Kind.FRACTION),
    "place_among_zones": ("所列名次", "place among zones", Kind.NUMBER),
    "note": ("说明", "note", Kind.NOTE),
}
_SPANS = {
    "from_period": ("起", "from", Kind.TEXT),
    "to_period": ("止", "to", Kind.TEXT),
    "change": ("变化", "change", Kind.CHANGE),
    "change_qualifier": ("变化限定", "change qualifier", Kind.TEXT),
    "years": ("年数", "years", Kind.NUMBER),
    "cagr": ("年均增长", "CAGR", Kind.FRACTION),
    "improved": ("改善", "better?", Kind.FLAG),
    "span_note": ("说明", "note", Kind.NOTE),
}


def panel_rows(panels: Sequence[Panel], wide: bool) -> Table:
    """Machine formats: the tidy panel, or with ``wide`` a row per indicator and zone."""
    import pandas as pd

    if not wide:
        frame = pd.concat([p.cells for p in panels], ignore_index=True)
        columns = [Column(k, *_TIDY[k]) for k in PANEL_COLUMNS]
        return table_from_frame(frame, columns)
    frame = pd.concat([p.wide() for p in panels], ignore_index=True)
    return table_from_frame(frame, [_wide_column(key) for key in frame.columns])


def _wide_column(key: str) -> Column:
    period, _, part = key.partition("|")
    if key in _SPANS:
        return Column(key, *_SPANS[key], qualifier_key="change_qualifier")
    if key in ("indicator", "zone", "unit"):
        return Column(key, key, key)
    kind = {"": Kind.QUANTITY, "percentile": Kind.FRACTION, "qualifier": Kind.TEXT}
    return Column(key, key, key, kind.get(part, Kind.NUMBER), qualifier_key=f"{period}|qualifier")


def panel_report(panels: Sequence[Panel], lang: Lang) -> Report:
    """People's formats: a block per indicator."""
    sections = tuple(_block(panel, lang) for panel in panels)
    return Report((), sections, {}, panel_rows(panels, wide=False))


def _block(panel: Panel, lang: Lang) -> Table:
    zh = lang is Lang.ZH
    frame = panel.wide()
    columns: list[Column] = [ZONE_COLUMN, Column("unit", "", "", people=False)]
    for period in panel.periods:
        columns += [
            Column(period, period, period, Kind.QUANTITY, qualifier_key=f"{period}|qualifier"),
            Column(f"{period}|qualifier", "", "", people=False),
        ]
        if panel.rank:
            frame[f"{period}|rank"] = [
                _rank_cell(share, size, place, zh)
                for share, size, place in zip(
                    frame[f"{period}|percentile"],
                    frame[f"{period}|out_of"],
                    frame[f"{period}|place_among_zones"],
                    strict=True,
                )
            ]
            header = "百分位/总数·所列名次" if zh else "pct/of · place"
            columns.append(Column(f"{period}|rank", header, header, wrap=False, priority=1))
    columns += [
        Column("change", "变化", "change", Kind.CHANGE, qualifier_key="change_qualifier"),
        Column("change_qualifier", "", "", people=False),
        Column("years", "年数", "years", Kind.NUMBER, priority=1),
        Column("cagr", "年均增长", "CAGR", Kind.FRACTION),
        Column("span_note", "说明", "note", Kind.NOTE),
    ]
    name = panel.name if zh else panel.name_en
    title = indicator_title(panel.indicator, name, panel.unit, panel.better, None, lang)
    return table_from_frame(frame, columns, title)


def _rank_cell(share: Any, size: Any, place: Any, zh: bool) -> str:
    """'21.1%/218 · 2': the percentile among the year's zones, and the place among those shown."""
    import pandas as pd

    parts = []
    if not pd.isna(share):
        parts.append(f"{share:.1%}/{int(size)}")
    if not pd.isna(place):
        parts.append(f"第{int(place)}" if zh else f"#{int(place)}")
    return " · ".join(parts)
