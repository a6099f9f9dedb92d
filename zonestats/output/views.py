"""The tables commands print: browsing (list, show), the tidy export, growth, zones side by
side, and extract's candidates. Each is a Table of typed columns over plain rows or a
DataFrame; zonestats.output.writers writes it in any format."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from zonestats.analysis.zones import COMPARISON_COLUMNS
from zonestats.model.quantity import tidy
from zonestats.model.table import COLUMNS
from zonestats.output.options import Lang
from zonestats.output.table import Column, Kind, Table, table_from_frame
from zonestats.output.words import BETTER_NAMES

if TYPE_CHECKING:
    from zonestats.analysis.browse import Cited, Latest

ZONE_COLUMN = Column("zone", "开发区", "zone", wrap=False)

INDICATOR_COLUMNS = (
    Column("indicator", "指标", "indicator", wrap=False, priority=0),
    Column("name", "名称", "name", lang=Lang.ZH),
    Column("name_en", "英文名称", "name", lang=Lang.EN),
    Column("category", "类别", "category", Kind.CATEGORY, wrap=False, priority=1),
    Column("unit", "单位", "unit", people=False),
    Column("observations", "观测", "obs", Kind.NUMBER, priority=1),
    Column("latest_period", "最新时期", "latest", wrap=False),
    Column("latest_value", "最新值", "value", Kind.QUANTITY),
    Column("qualifier", "限定", "qualifier", people=False),
)


def indicator_table(rows: Sequence[Latest], title: str | None) -> Table:
    """``list``: each series' latest observation; a zone column when there are several
    zones, and the zone as the title when there is one."""
    several = len({r.zone for r in rows}) > 1
    columns = (ZONE_COLUMN, *INDICATOR_COLUMNS) if several else INDICATOR_COLUMNS
    values = [
        (
            *((r.zone,) if several else ()),
            r.indicator,
            r.name,
            r.name_en,
            r.category,
            r.unit,
            r.observations,
            r.period,
            r.value,
            r.qualifier,
        )
        for r in rows
    ]
    return Table(columns, values, title=None if several else title)


CITATION_COLUMNS = (
    Column("period", "时期", "period", wrap=False),
    Column("written", "原文数值", "as written", wrap=False, priority=1),
    Column("value", "数值", "value", Kind.QUANTITY),
    Column("unit", "单位", "unit", people=False),
    Column("qualifier", "限定", "qualifier", people=False),
    Column("out_of", "总数", "out of", Kind.NUMBER, priority=1),
    Column("quote", "原文", "quote"),
    Column("period_note", "时期说明", "period note", Kind.NOTE, priority=1),
    Column("source", "来源", "source"),
    Column("source_date", "发布日期", "published", wrap=False, people=False),
    Column("note", "说明", "note", Kind.NOTE),
)


def citation_table(cited: Sequence[Cited], lang: Lang) -> Table:
    """``show``: every cited figure of one indicator, with its quote; a zone column when
    several zones have it, out_of when its observations differ in it, the source when they
    come from several reports, and a note where reports agree or differ."""
    first = cited[0].row
    out_of = {c.row["out_of"] for c in cited}
    sources = {c.source for c in cited}
    shown = {
        "zone": len({c.row["zone"] for c in cited}) > 1,
        "out_of": len(out_of) > 1,
        "source": len(sources) > 1,
        "source_date": len(sources) > 1,
        "note": any(c.note for c in cited),
    }
    columns = [c for c in (ZONE_COLUMN, *CITATION_COLUMNS) if shown.get(c.key, True)]
    rows = []
    for c in cited:
        record = {**c.row, "source": c.source.label(c.file), "note": c.note}
        rows.append(tuple(record[column.key] for column in columns))
    name = first["name"] if lang is Lang.ZH else first["name_en"]
    common = out_of.pop() if len(out_of) == 1 else None
    units = "/".join(dict.fromkeys(c.row["unit"] for c in cited))  # zones may count otherwise
    title = indicator_title(first["indicator"], name, units, first["better"], common, lang)
    return Table(tuple(columns), rows, title=title)


def indicator_title(
    indicator: str,
    name: str,
    unit: str,
    better: str | None,
    out_of: int | None,
    lang: Lang = Lang.EN,
) -> str:
    """'national_rank National rank (位, lower is better, of 218)', or in Chinese
    'national_rank 国家级开发区考核排名(位,越低越好,共 218 个)'."""
    facts = [unit]
    zh = lang is Lang.ZH
    if better is not None:
        facts.append(BETTER_NAMES.get(better, better) if zh else f"{better} is better")
    if out_of is not None:
        facts.append(f"共 {out_of} 个" if zh else f"of {out_of}")
    if zh:
        return f"{indicator} {name}({','.join(facts)})"
    return f"{indicator} {name} ({', '.join(facts)})"


_PEOPLE_EXPORT = {"indicator", "period", "value", "quote"}
EXPORT_COLUMNS = tuple(
    Column(
        key,
        zh,
        en,
        Kind.QUANTITY if key == "value" else Kind.NUMBER if key == "out_of" else Kind.TEXT,
        wrap=key not in ("indicator", "period"),
        people=key in _PEOPLE_EXPORT,
    )
    for key, zh, en in zip(
        COLUMNS,
        (
            "开发区", "指标", "名称", "英文名称", "类别", "时期", "数值", "单位", "限定",
            "原文数值", "原文", "时期说明", "优向", "总数", "备注", "开发区标识",
            "开发区英文名", "开发区别名", "省份", "级别", "来源标题", "来源发布者", "发布日期",
            "来源网址",
        ),
        (
            "zone", "indicator", "name", "name", "category", "period", "value", "unit",
            "qualifier", "as written", "quote", "period note", "better", "out of", "note",
            "zone id", "zone name", "zone aliases", "province", "level", "source", "publisher",
            "published", "url",
        ),
        strict=True,
    )
)  # fmt: skip


def export_table(frame: Any) -> Table:
    """The tidy observations table, every column, for spreadsheets and scripts."""
    return table_from_frame(frame, EXPORT_COLUMNS)


def growth_columns(growth: Any, several_zones: bool) -> tuple[Column, ...]:
    """The growth table's columns; zone only across datasets, percentiles only for ranks."""
    ranks = bool(growth["from_out_of"].notna().any() or growth["to_out_of"].notna().any())
    columns = [
        ZONE_COLUMN,
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
        Column("multiple", "倍数", "multiple", Kind.MULTIPLE, priority=1),
        Column("pct_change", "增幅", "% change", Kind.FRACTION, people=False),
        Column("years", "年数", "years", Kind.NUMBER, people=False),
        Column("cagr", "年均增长", "CAGR", Kind.FRACTION),
        Column("better", "优向", "better", people=False),
        Column("improved", "改善", "better?", Kind.FLAG, priority=1),
        Column("from_out_of", "起总数", "from out of", Kind.NUMBER, people=False),
        Column("to_out_of", "止总数", "to out of", Kind.NUMBER, people=False),
        Column("from_percentile", "起百分位", "from pct", Kind.FRACTION, people=False),
        Column("to_percentile", "止百分位", "to pct", Kind.FRACTION, people=False),
        Column("qualifier", "限定", "qualifier", people=False),
        Column("note", "说明", "note", people=False),
        Column("remarks", "说明", "note", Kind.NOTE, machine=False),
        Column("difference", "差值", "difference", Kind.CHANGE, people=False),
        Column("difference_unit", "差值单位", "difference unit", people=False),
        Column("difference_qualifier", "差值限定", "difference qualifier", people=False),
        Column("leader", "领先", "leader", Kind.FLAG, people=False),
        Column("rank_among_zones", "名次", "place", Kind.NUMBER, people=False),
        Column("comparison_note", "比较说明", "comparison note", people=False),
    ]
    drop = set() if several_zones else {"zone"}
    drop |= {c for c in COMPARISON_COLUMNS if c not in growth.columns}
    if not ranks:
        drop |= {"from_out_of", "to_out_of", "from_percentile", "to_percentile"}
    return tuple(c for c in columns if c.key not in drop)


def growth_rows(growth: Any, several_zones: bool) -> Table:
    """The growth table, one row per indicator (and zone)."""
    periods = growth["from_period"] + "→" + growth["to_period"]
    remarks = growth["note"]
    ranked = growth["from_percentile"].notna() | growth["to_percentile"].notna()
    if ranked.any():
        percentiles = (
            "percentile "
            + growth["from_percentile"].map(_percent)
            + "→"
            + growth["to_percentile"].map(_percent)
        )
        remarks = remarks.where(~ranked, (remarks + "; ").where(remarks != "", "") + percentiles)
    frame = growth.assign(periods=periods, remarks=remarks)
    return table_from_frame(frame, growth_columns(growth, several_zones))


def _percent(value: Any) -> str:
    return "–" if value != value else f"{value:.1%}"


def zones_table(compared: Any, zones: Sequence[str], lang: Lang) -> Table:
    """Zones set beside each other (people's formats): one block of rows per indicator, a
    row per zone with its latest value, period, change and span, its difference from the
    first zone, its place among the zones, the leader, and why a figure is not compared."""
    import pandas as pd

    order = pd.factorize(compared["indicator"])[0]
    frame = compared.iloc[order.argsort(kind="stable")].reset_index(drop=True)
    indicator = frame["indicator"]
    name = (frame["name"] if lang is Lang.ZH else frame["name_en"]).fillna("")
    name = name.where(name != "", indicator)
    by_share = (frame["difference_unit"] == "percentile").fillna(False).astype(bool)
    points = (frame["difference"] * 100).map(lambda v: v if v != v else tidy(v))
    shown = frame.assign(
        label=name,
        shown_difference=frame["difference"].where(~by_share, points),
        shown_unit=frame["unit"].where(~by_share, "个百分点" if lang is Lang.ZH else " pp"),
        lead=frame["leader"].map(lambda v: "✓" if v is True else ""),
        remarks=_joined(frame["note"], frame["comparison_note"]),
    )
    columns = (
        Column("label", "指标", "indicator", group=True),
        ZONE_COLUMN,
        Column("to_period", "时期", "period", wrap=False),
        Column("to_value", "最新值", "latest", Kind.QUANTITY, qualifier_key="to_qualifier"),
        Column("unit", "", "", people=False),
        Column("to_qualifier", "", "", people=False),
        Column("change", "变化", "change", Kind.CHANGE),
        Column("qualifier", "", "", people=False),
        Column("years", "年数", "years", Kind.NUMBER, priority=1),
        Column(
            "shown_difference", "差值", "difference", Kind.CHANGE, "shown_unit",
            "difference_qualifier",
        ),
        Column("shown_unit", "", "", people=False),
        Column("difference_qualifier", "", "", people=False),
        Column("rank_among_zones", "名次", "place", Kind.NUMBER),
        Column("lead", "领先", "leader", wrap=False),
        Column("remarks", "说明", "note", Kind.NOTE),
    )  # fmt: skip
    zh = lang is Lang.ZH
    if len(zones) > 4:
        title = f"{len(zones)} 个开发区对比" if zh else f"{len(zones)} zones"
    else:
        title = "、".join(zones) + " 对比" if zh else " vs ".join(zones)
    return table_from_frame(shown, columns, title)


def _joined(left: Any, right: Any) -> Any:
    """Two text columns joined by "; " where both have text."""
    both = (left != "") & (right != "")
    return (left + "; " + right).where(both, left.where(left != "", right))


CANDIDATE_COLUMNS = (
    Column("written", "原文数值", "as written", wrap=False),
    Column("value", "数值", "value", Kind.QUANTITY),
    Column("unit", "单位", "unit", people=False),
    Column("qualifier", "限定", "qualifier", people=False),
    Column("period", "时期", "period", wrap=False),
    Column("period_note", "时期说明", "period note", people=False),
    Column("quote", "原文", "quote"),
    Column("id", "建议id", "suggested id", wrap=False, priority=1),
    Column("name", "建议名称", "suggested name", people=False),
    Column("category", "类别", "category", people=False),
    Column("series", "系列", "series", Kind.NUMBER, people=False),
    Column("listed", "对应项", "paired with", people=False),
)


FILE_COLUMN = Column("file", "文件", "file", wrap=False)


def candidate_table(candidates: Any, files: list[str] | None = None) -> Table:
    """The figures extract found, one row each; with `files` (one a candidate), the report
    each came from first."""
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
            c.series,
            c.listed,
        )
        for c in candidates
    ]
    if files is None:
        return Table(CANDIDATE_COLUMNS, rows)
    return Table(
        (FILE_COLUMN, *CANDIDATE_COLUMNS),
        [(file, *row) for file, row in zip(files, rows, strict=True)],
    )


SOURCE_COLUMNS = (
    Column("title", "标题", "title"),
    Column("publisher", "发布者", "publisher"),
    Column("date", "发布日期", "published", wrap=False),
    Column("url", "网址", "url"),
    Column("file", "文件", "file"),
)


def source_table(sources: Sequence[Any]) -> Table:
    """The reports a table cites, one row each (the second sheet of an xlsx file)."""
    rows = [
        (
            s.title,
            s.publisher,
            s.date.isoformat() if s.date else None,
            s.url,
            str(s.file) if s.file else None,
        )
        for s in sources
    ]
    return Table(SOURCE_COLUMNS, rows)


BUNDLED_COLUMNS = (
    Column("name", "名称", "name", wrap=False),
    Column("zones", "开发区", "zones", Kind.NUMBER),
    Column("observations", "观测", "observations", Kind.NUMBER),
    Column("years", "年份", "years", wrap=False),
    Column("sources", "来源", "sources"),
    Column("file", "文件", "file", people=False),
)


def bundled_table(datasets: dict[str, Any], files: dict[str, Any]) -> Table:
    """The bundled datasets: each one's name (for --data), zones, observations, years and
    the reports it comes from."""
    rows = []
    for name, dataset in datasets.items():
        frame = dataset.observations()
        years = sorted({str(p)[:4] for p in frame["period"]})
        span = f"{years[0]}–{years[-1]}" if years else ""
        titles = "; ".join(s.title or "" for s in dataset.sources)
        rows.append((name, len(dataset.zones), len(frame), span, titles, str(files[name])))
    return Table(BUNDLED_COLUMNS, rows)
