"""The report page: one self-contained HTML file (no request to anywhere: styles and charts
inline) with the summary, the headline growth chart, the rank charts, each category's
latest values, every figure linked to its quote and its report, and the problems
`validate` finds. Prints on A4."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from zonestats.analysis.chart_kinds import ChartKind
from zonestats.analysis.charts import chart
from zonestats.analysis.growth import Selection, growth_table
from zonestats.errors import Problem, ZonestatsError
from zonestats.model.quantity import Qualifier, format_number
from zonestats.model.terms import CATEGORY_NAMES, RANK_UNITS
from zonestats.output.chart_files import figure_bytes, html_page
from zonestats.output.words import marked

if TYPE_CHECKING:
    import pandas as pd

    from zonestats.model.dataset import Dataset

MOST_RANK_CHARTS = 6
"""Rank charts on a page: of the rank indicators with the most zones ranked (a national
table has thousands; `zonestats chart ID` draws any of them)."""
MOST_ROWS = 500
"""Latest values a category's table lists, each with its quote (`zonestats export` writes
every figure)."""

_STYLE = """<style>
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { padding: 0.2em 0.8em; border-bottom: 1px solid #ddd; text-align: left; }
td.value { text-align: right; white-space: nowrap; }
a.figure { color: inherit; text-decoration: underline dotted; }
ol.quotes li { margin: 0.3em 0; } .quote { color: #444; } .source { color: #777; }
.problems li { color: #a00; }
@media print { @page { size: A4; margin: 15mm; } a.figure { text-decoration: none; }
  h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
</style>"""


def report_html(dataset: Dataset, problems: Sequence[Problem], zh: bool) -> str:
    """The page for a dataset (any number of zones and reports)."""
    from zonestats.analysis.summary import summarize

    summary = summarize(dataset)
    names = {z.name: z.name if zh else z.name_en or z.name for z in dataset.zones}
    zones = list(names.values())
    title = (
        ("、".join(zones[:4]) + (" 等" if len(zones) > 4 else "")) if zh else ", ".join(zones[:4])
    )
    title += " 数据报告" if zh else " — data report"
    latest = _latest(dataset)
    cites: list[dict[str, Any]] = []
    parts = [_STYLE, _facts(summary, zh)]
    parts += _charts(dataset, latest, zh)
    parts += _categories(
        latest.assign(zone=latest["zone"].map(names).fillna(latest["zone"])), zh, cites
    )
    parts.append(_quotes(cites, zh))
    parts.append(_problems(problems, zh))
    return html_page(title, "\n".join(parts), zh)


def _facts(summary: Any, zh: bool) -> str:
    years = f"{summary.years[0]}–{summary.years[1]}" if summary.years else "–"
    if zh:
        text = (
            f"{len(summary.dataset.zones)} 个开发区,{len(summary.dataset.sources)} 份报告,"
            f"{summary.indicators} 项指标,{summary.observations} 个观测值,年份 {years}。"
        )
    else:
        text = (
            f"{len(summary.dataset.zones)} zones, {len(summary.dataset.sources)} reports, "
            f"{summary.indicators} indicators, {summary.observations} observations, {years}."
        )
    return f"<p>{escape(text)}</p>"


def _charts(dataset: Dataset, latest: pd.DataFrame, zh: bool) -> list[str]:
    """The growth chart of the headline movers and a rank chart per rank indicator that a
    zone has two places of."""
    parts = []
    growth = chart(dataset, (), ChartKind.GROWTH, zh)
    if growth.series[0].points:
        parts.append(_section("主要增长" if zh else "Headline growth", _svg(growth, zh)))
    ranked = _ranked(latest)
    for indicator in ranked[:MOST_RANK_CHARTS]:
        ranks = chart(dataset, (indicator,), ChartKind.RANKS, zh)
        if any(len(s.points) > 1 for s in ranks.series):
            parts.append(_section(ranks.title, _svg(ranks, zh)))
    if len(ranked) > MOST_RANK_CHARTS:
        left = len(ranked) - MOST_RANK_CHARTS
        note = (
            f"另有{left:,}项排名指标未画出(画出的是参评开发区最多的{MOST_RANK_CHARTS}项);"
            "zonestats chart 指标 可画出任一项。"
            if zh
            else f"{left:,} more rank indicators not drawn (those drawn rank the most zones); "
            "zonestats chart ID draws any of them."
        )
        parts.append(f"<p>{escape(note)}</p>")
    return parts


def _ranked(latest: pd.DataFrame) -> list[str]:
    """The rank indicators, those with the most zones ranked first (ties in their order)."""
    rows = latest[latest["unit"].isin(list(RANK_UNITS)) | latest["out_of"].notna()]
    zones = rows.groupby("indicator", sort=False)["zone"].nunique()
    return zones.sort_values(ascending=False, kind="stable").index.tolist()


def _svg(drawn: Any, zh: bool) -> str:
    svg = figure_bytes(drawn, ".svg", zh).decode("utf-8")
    return "<figure>" + svg[svg.index("<svg") :] + "</figure>"


def _section(title: str, body: str) -> str:
    return f"<section>\n<h2>{escape(title)}</h2>\n{body}\n</section>"


def _latest(dataset: Dataset) -> pd.DataFrame:
    """Each series' latest observation with its quote and report."""
    frame = dataset.observations()
    growth = growth_table(frame, Selection(keep_single=True))
    ends = growth[["zone", "indicator", "to_period", "to_qualifier", "to_out_of"]].rename(
        columns={"to_period": "period", "to_qualifier": "qualifier", "to_out_of": "end_out_of"}
    )
    keys = ["zone", "indicator", "period", "qualifier"]
    return ends.merge(frame.drop_duplicates(keys), on=keys, how="left")


def _categories(latest: pd.DataFrame, zh: bool, cites: list[dict[str, Any]]) -> list[str]:
    parts = []
    several = latest["zone"].nunique() > 1
    for category, rows in latest.groupby("category", sort=False):
        name = CATEGORY_NAMES.get(str(category), str(category)) if zh else str(category)
        head = ["开发区"] if several and zh else ["zone"] if several else []
        head += ["指标", "时期", "最新值"] if zh else ["indicator", "period", "latest value"]
        lines = ["<table>", "<tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
        shown = rows.head(MOST_ROWS)
        records: list[dict[str, Any]] = shown.to_dict("records")  # type: ignore[assignment]
        for row in records:
            cites.append(row)
            number = len(cites)
            text = marked(
                Qualifier(row["qualifier"] or "exact"),
                format_number(float(row["value"])) + str(row["unit"] or ""),
                zh,
            )
            hover = f"{row['quote']} — {_source(row, zh)}"
            cells = [str(row["zone"])] if several else []
            label = row["name"] if zh else row["name_en"] or row["name"]
            cells += [str(label), str(row["period"])]
            tds = "".join(f"<td>{escape(c)}</td>" for c in cells)
            link = (
                f'<a class="figure" href="#q{number}" title="{escape(hover)}">{escape(text)}</a>'
                f"<sup>{number}</sup>"
            )
            lines.append(f'<tr>{tds}<td class="value">{link}</td></tr>')
        lines.append("</table>")
        if len(rows) > MOST_ROWS:
            lines.append(f"<p>{escape(_rows_left_out(len(rows), zh))}</p>")
        parts.append(_section(name, "\n".join(lines)))
    return parts


def _rows_left_out(count: int, zh: bool) -> str:
    if zh:
        return f"仅列出前{MOST_ROWS}项(共{count:,}项);zonestats export 可导出全部数值及原文。"
    return f"The first {MOST_ROWS} of {count:,} listed; zonestats export writes every figure."


def _source(row: dict[str, Any], zh: bool) -> str:
    facts = [str(f) for f in (row.get("source_publisher"), row.get("source_date")) if _given(f)]
    title = str(row.get("source_title") or "")
    return (
        f"《{title}》" + (f"({','.join(facts)})" if facts else "")
        if zh
        else (", ".join([title, *facts]))
    )


def _given(value: Any) -> bool:
    return value is not None and value == value and str(value) != ""


def _quotes(cites: list[dict[str, Any]], zh: bool) -> str:
    items = []
    for number, row in enumerate(cites, 1):
        url = row.get("source_url")
        source = escape(_source(row, zh))
        if _given(url):
            source = f'<a href="{escape(str(url))}">{source}</a>'
        items.append(
            f'<li id="q{number}"><span class="quote">“{escape(str(row["quote"]))}”</span> '
            f'<span class="source">{source}</span></li>'
        )
    body = '<ol class="quotes">\n' + "\n".join(items) + "\n</ol>"
    return _section("原文与出处" if zh else "Quotes and sources", body)


def _problems(problems: Sequence[Problem], zh: bool) -> str:
    if not problems:
        text = "数据检查未发现问题。" if zh else "validate finds no problem."
        return _section("数据检查" if zh else "Checks", f"<p>{text}</p>")
    items = "\n".join(f"<li>{escape(str(p))}</li>" for p in problems)
    return _section("数据检查" if zh else "Checks", f'<ul class="problems">\n{items}\n</ul>')


def check_report_path(suffix: str) -> None:
    if suffix != ".html":
        raise ZonestatsError("the report is one HTML page: give -o FILE.html")
