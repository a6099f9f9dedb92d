"""What a chart shows, worked out from the observations: the kind that fits the data (or
the one asked for), its series and points in order, and how its axes run. Drawing is the
output layer's (zonestats.output.chart_text for terminals, chart_files for SVG, PNG, PDF
and HTML); the data here is what tests check.

- growth: a bar per series, its multiple (log scale where multiples span orders of
  magnitude) or, for ranks, the places gained;
- ranks: a line per zone through its places in each evaluation, rank 1 at the top; by
  percentile where evaluations ranked different numbers of zones;
- slope: one indicator's first and last value per zone;
- series: one indicator's values over periods, a line per zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zonestats.analysis.chart_kinds import ChartKind
from zonestats.analysis.growth import Selection, growth_table, select
from zonestats.errors import ZonestatsError
from zonestats.model.period import period_position
from zonestats.model.terms import RANK_UNITS

if TYPE_CHECKING:
    import pandas as pd

    from zonestats.model.dataset import Dataset

LOG_SPAN = 20.0
"""Bars go on a log scale where the largest is this many times the smallest (82x and 1.5x)."""
MOST_BARS = 30
"""A growth chart draws the largest multiples, at most this many (a national table has
tens of thousands of series: no chart shows them all)."""
MOST_LINES = 20
"""A chart of lines draws at most this many zones: those at the top at their last point
(the largest values, the best places)."""


@dataclass(frozen=True, slots=True)
class Point:
    """One plotted value: where it stands on the x axis (a period, or a bar's label), the
    value plotted (a multiple, a place, a percentile in %, a value in base units), its
    qualifier, and the text a reader sees beside it."""

    x: str
    y: float
    qualifier: str
    label: str


@dataclass(frozen=True, slots=True)
class Series:
    name: str  # a zone, or for growth bars the indicator (and zone)
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    kind: ChartKind
    title: str
    y_label: str
    series: tuple[Series, ...]
    x_order: tuple[str, ...]  # periods in time order, or bar labels top to bottom
    log: bool = False
    inverted: bool = False  # rank 1 at the top
    unit: str = ""
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


def chart(
    dataset: Dataset,
    indicators: Sequence[str] = (),
    kind: ChartKind | None = None,
    zh: bool = True,
) -> Chart:
    """The chart of these indicators (default: the growth of every series with a trend), of
    the kind asked for or the one that fits: one rank indicator gives ranks, one indicator
    of several zones with two periods a slope, one indicator a series, several growth."""
    frame = dataset.observations()
    if indicators:
        frame = select(frame, Selection(tuple(indicators)))
    if not zh:  # zones by their English names, where each has its own
        english = {z.name: z.name_en or z.name for z in dataset.zones}
        if len(set(english.values())) == len(english):
            frame = frame.assign(zone=frame["zone"].map(english).fillna(frame["zone"]))
    chosen = kind or _fitting(frame, indicators)
    sources = _sources(frame, zh)
    if chosen is ChartKind.GROWTH:
        return _growth(frame, indicators, zh, sources)
    if len(set(frame["indicator"])) != 1:
        raise ZonestatsError(f"a {chosen} chart shows one indicator: name one id")
    if chosen is ChartKind.RANKS:
        if not _is_rank(frame):
            raise ZonestatsError("a ranks chart shows places: this indicator holds no rank")
        return _ranks(frame, zh, sources)
    if _is_rank(frame):
        raise ZonestatsError(f"a rank is drawn as a ranks chart (rank 1 at the top), not {chosen}")
    return _values(frame, chosen, zh, sources)


def _fitting(frame: pd.DataFrame, indicators: Sequence[str]) -> ChartKind:
    if len(indicators) != 1:
        return ChartKind.GROWTH
    if _is_rank(frame):
        return ChartKind.RANKS
    zones, periods = frame["zone"].nunique(), frame["period"].nunique()
    return ChartKind.SLOPE if zones > 1 and periods == 2 else ChartKind.SERIES


def _is_rank(frame: pd.DataFrame) -> bool:
    return bool(frame["out_of"].notna().any() or frame["unit"].isin(list(RANK_UNITS)).all())


def _name(row: Any, zh: bool) -> str:
    return str(row["name"] if zh else row["name_en"] or row["name"])


def _growth(
    frame: pd.DataFrame, indicators: Sequence[str], zh: bool, sources: tuple[str, ...]
) -> Chart:
    import numpy as np

    growth = growth_table(frame, Selection(tuple(indicators)))
    ranked = growth["unit"].isin(list(RANK_UNITS)) | growth["to_out_of"].notna()
    skipped = sorted(set(growth.loc[ranked, "indicator"]))
    growth = growth[~ranked & growth["multiple"].notna()]
    several = growth["zone"].nunique() > 1
    notes = _left_out(len(growth), MOST_BARS, zh, "倍数最大的", "the largest multiples")
    largest = np.argsort(-growth["multiple"].to_numpy(dtype=float), kind="stable")[:MOST_BARS]
    bars = []
    for row in growth.iloc[largest].to_dict("records"):  # the largest first, equals in order
        label = _name(row, zh)
        if several:
            label += f"({row['zone']})" if zh else f" ({row['zone']})"
        multiple = float(row["multiple"])
        bars.append(Point(label, multiple, str(row["qualifier"] or "exact"), f"{multiple:.3g}×"))
    positive = [p.y for p in bars if p.y > 0]
    log = bool(positive) and max(positive) / min(positive) >= LOG_SPAN
    title = "增长倍数" if zh else "Growth multiples"
    y_label = ("倍数(对数刻度)" if zh else "multiple (log scale)") if log else title
    notes += _ranks_skipped(skipped, zh)
    return Chart(
        ChartKind.GROWTH,
        title,
        y_label,
        (Series(title, tuple(bars)),),
        tuple(p.x for p in bars),
        log=log,
        notes=notes,
        sources=sources,
    )


_NAMED = 3
"""Indicators named in a note before it counts the rest."""


def _ranks_skipped(skipped: list[str], zh: bool) -> tuple[str, ...]:
    """The note of the ranks a growth chart leaves out: a line each, or past a few, one."""
    if len(skipped) <= _NAMED:
        return tuple(
            (f"排名不以倍数计:{i} 见 --kind ranks" if zh else f"{i} is a rank: see --kind ranks")
            for i in skipped
        )
    named = ", ".join(skipped[:_NAMED])
    if zh:
        return (f"排名不以倍数计:{named} 等{len(skipped):,}项 见 --kind ranks",)
    return (f"{named} and {len(skipped) - _NAMED:,} more are ranks: see --kind ranks",)


def _periods(frame: pd.DataFrame) -> tuple[str, ...]:
    return tuple(sorted(set(frame["period"]), key=lambda p: (period_position(p)[::-1], p)))


def _ranks(frame: pd.DataFrame, zh: bool, sources: tuple[str, ...]) -> Chart:
    """A line per zone through its places (rank 1 at the top), by percentile where the
    evaluations ranked different numbers of zones."""
    sizes = {float(v) for v in frame["out_of"].dropna()}
    by_share = len(sizes) > 1 and frame["out_of"].notna().all()
    first = frame.iloc[0]
    series = []
    for zone, rows in frame.groupby("zone", sort=False):
        points = []
        for row in rows.to_dict("records"):
            place = float(row["value"])
            if by_share:
                share = 100 * place / float(row["out_of"])
                text = f"{share:.1f}%({place:g}/{row['out_of']})"
                points.append(Point(str(row["period"]), share, str(row["qualifier"]), text))
            else:
                text = f"第{place:g}位" if zh else f"#{place:g}"
                points.append(Point(str(row["period"]), place, str(row["qualifier"]), text))
        order = {p: i for i, p in enumerate(_periods(frame))}
        series.append(Series(str(zone), tuple(sorted(points, key=lambda p: order[p.x]))))
    notes: tuple[str, ...] = ()
    single = [s for s in series if len(s.points) < 2]
    if single and len(single) < len(series):  # a bump chart is of the zones that moved
        series = [s for s in series if len(s.points) >= 2]
        left = (
            f"{len(single)} 个开发区仅有一个名次,未画出"
            if zh
            else f"{len(single)} zones with one place left out"
        )
        notes = (left,)
    notes += _left_out(len(series), MOST_LINES, zh, "末次名次最靠前的", "the best last places")
    series = _top(series, lambda line: line.points[-1].y)
    y_label = "名次" if zh else "place"
    if by_share:
        y_label = "百分位(%,越小越好)" if zh else "percentile (%, lower is better)"
        notes = (
            *notes,
            "各年参评总数不同,按百分位比较" if zh else "evaluations of different sizes",
        )
    return Chart(
        ChartKind.RANKS,
        _name(first, zh),
        y_label,
        tuple(series),
        _periods(frame),
        inverted=True,
        unit="%" if by_share else str(first["unit"]),
        notes=notes,
        sources=sources,
    )


def _values(frame: pd.DataFrame, kind: ChartKind, zh: bool, sources: tuple[str, ...]) -> Chart:
    """One indicator's values per zone: every period (series), or the first and last
    (slope). Values of another unit than the first zone's are left out, and said."""
    from zonestats.model.quantity import format_number

    first = frame.iloc[0]
    unit = str(first["unit"])
    other = sorted(set(frame["unit"]) - {unit})
    frame = frame[frame["unit"] == unit]
    order = {p: i for i, p in enumerate(_periods(frame))}
    series = []
    for zone, rows in frame.groupby("zone", sort=False):
        records = sorted(rows.to_dict("records"), key=lambda r: order[r["period"]])
        if kind is ChartKind.SLOPE:
            records = [records[0], records[-1]] if len(records) > 1 else records
        points = tuple(
            Point(
                str(r["period"]),
                float(r["value"]),
                str(r["qualifier"]),
                format_number(float(r["value"])) + unit,
            )
            for r in records
        )
        series.append(Series(str(zone), points))
    notes = tuple(
        (f"另有单位为{u}的数值未画出" if zh else f"values in {u} left out") for u in other
    )
    notes += _left_out(len(series), MOST_LINES, zh, "末值最大的", "the largest last values")
    series = _top(series, lambda line: -line.points[-1].y)
    shown = {p.x for s in series for p in s.points}
    return Chart(
        kind,
        _name(first, zh),
        unit,
        tuple(series),
        tuple(p for p in _periods(frame) if p in shown),
        unit=unit,
        notes=notes,
        sources=sources,
    )


def _top(lines: list[Series], key: Any) -> list[Series]:
    """The first MOST_LINES lines by ``key`` (the smallest first; ties in their order), in
    their order."""
    if len(lines) <= MOST_LINES:
        return lines
    chosen = sorted(range(len(lines)), key=lambda i: key(lines[i]))[:MOST_LINES]
    return [lines[i] for i in sorted(chosen)]


def _left_out(count: int, most: int, zh: bool, which_zh: str, which_en: str) -> tuple[str, ...]:
    """The note of a chart that draws only ``most`` of ``count`` bars or lines."""
    if count <= most:
        return ()
    if zh:
        return (f"仅画出{which_zh}{most}项(共{count:,}项);可指定指标或 --province 选择",)
    return (f"{most} of {count:,} drawn: {which_en}; name indicators or --province to choose",)


def _sources(frame: pd.DataFrame, zh: bool) -> tuple[str, ...]:
    """The reports the plotted observations come from, one line each."""
    lines = []
    columns = ["source_title", "source_publisher", "source_date"]
    for title, publisher, day in frame[columns].drop_duplicates().itertuples(index=False):
        facts = [str(f) for f in (publisher, day) if isinstance(f, str) and f]
        title = title if isinstance(title, str) and title else ("(未注明)" if zh else "(untitled)")
        if zh:
            lines.append(f"来源:{title}" + (f"({','.join(facts)})" if facts else ""))
        else:
            lines.append("Source: " + ", ".join([title, *facts]))
    return tuple(lines)


def axis_scale(chart: Chart) -> tuple[float, str]:
    """The divisor and the label of the value axis: values of 10⁸ and more in 亿 (亿元, not
    1e9), of 10⁴ and more in 万; ranks, multiples and percentages as they are."""
    if chart.kind in (ChartKind.GROWTH, ChartKind.RANKS) or chart.unit == "%":
        return 1.0, chart.y_label
    values = [abs(p.y) for s in chart.series for p in s.points]
    top = max(values, default=0.0)
    for divisor, word in ((1e8, "亿"), (1e4, "万")):
        if top >= divisor:
            return divisor, word + chart.unit
    return 1.0, chart.unit
