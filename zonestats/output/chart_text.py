"""Charts on a terminal, drawn with Unicode blocks to the window's width: bars for growth,
and for ranks, slopes and series a bar per zone and period (the longer, the better for
ranks), each with its value as text. No colour: the shapes carry it."""

from __future__ import annotations

import math
from collections.abc import Callable

from zonestats.analysis.chart_kinds import ChartKind
from zonestats.analysis.charts import Chart, Point, axis_scale
from zonestats.errors import printable
from zonestats.model.quantity import Qualifier
from zonestats.output.layout import cell_width, wrap
from zonestats.output.words import marked

_EIGHTHS = " ▏▎▍▌▋▊▉"
MIN_BAR = 10
"""The fewest columns a bar may have; a narrower screen wraps the labels instead."""


def chart_lines(chart: Chart, width: int, zh: bool) -> list[str]:
    """The chart as lines no wider than `width`; one scale for every bar."""
    blocks: list[tuple[str | None, list[tuple[str, Point]]]]
    if chart.kind is ChartKind.GROWTH:
        blocks = [(None, [(p.x, p) for p in chart.series[0].points])]
    else:
        blocks = [(s.name, [(f"  {p.x}", p) for p in s.points]) for s in chart.series]
    rows = [row for _, block in blocks for row in block]
    if not rows:
        empty = [
            *wrap(printable(chart.title), width),
            "",
            "(无数据)" if zh else "(nothing to draw)",
        ]
        return empty + [""] + _footer(chart, width, zh)
    texts = {id(p): marked(Qualifier(p.qualifier or "exact"), p.label, zh) for _, p in rows}
    labels = max(cell_width(label) for label, _ in rows)
    text_width = max(cell_width(t) for t in texts.values())
    # a period stays whole: labels of periods are never narrower than the widest
    label_width = labels if chart.kind is not ChartKind.GROWTH else min(labels, max(width // 3, 4))
    stacked = label_width + MIN_BAR + text_width + 2 > width  # too narrow: bar under its label
    bar_width = width - text_width - 1 if stacked else width - label_width - text_width - 2
    bar_width = max(bar_width, 1)
    scale = _scale(chart, [p for _, p in rows])
    lines = [*wrap(printable(chart.title), width), ""]
    for name, block in blocks:
        if name is not None:
            lines += wrap(printable(name), width)
        for label, point in block:
            bar = _bar(scale(point), bar_width)
            text = texts[id(point)]
            if stacked:
                lines += wrap(printable(label), width)
                lines += wrap(f"{bar} {text}".rstrip(), width)
                continue
            parts = wrap(printable(label), label_width)
            first = parts[0] + " " * (label_width - cell_width(parts[0]))
            lines.append(f"{first} {bar} {text}".rstrip())
            lines += parts[1:]
    return lines + [""] + _footer(chart, width, zh)


def _footer(chart: Chart, width: int, zh: bool) -> list[str]:
    """The axis, the notes and the sources under a chart."""
    _, axis = axis_scale(chart)
    footer = [axis, *chart.notes, *chart.sources]
    if chart.inverted:
        footer.insert(0, "条越长,名次越靠前" if zh else "the longer the bar, the better the place")
    return [part for line in footer for part in wrap(printable(line), width)]


def _scale(chart: Chart, points: list[Point]) -> Callable[[Point], float]:
    """A function from a point to its bar's share of the full length (0 to 1)."""
    values = [p.y for p in points]
    top = max(values, default=1.0) or 1.0
    if chart.kind is ChartKind.RANKS:
        worst = max(values, default=1.0) or 1.0
        return lambda p: max(0.0, 1 - (p.y - 1) / worst) if chart.unit != "%" else 1 - p.y / 100
    if chart.log and min(values, default=0) > 0:
        low = math.log(min(min(values), 1.0))
        span = (math.log(top) - low) or 1.0
        return lambda p: (math.log(p.y) - low) / span if p.y > 0 else 0.0
    return lambda p: max(p.y, 0.0) / top


def _bar(share: float, width: int) -> str:
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[part] if part else "")
    return text + " " * (width - cell_width(text))
