"""Charts as files, drawn by matplotlib (the `charts` extra): SVG with its text kept as text,
PNG and PDF with a CJK font found on the system, and HTML as one self-contained page with
the SVG inline. Imported only by the commands that chart."""

from __future__ import annotations

import io
import warnings
from html import escape
from pathlib import Path
from typing import Any

from zonestats.analysis.chart_kinds import ChartKind
from zonestats.analysis.charts import Chart, axis_scale
from zonestats.errors import ZonestatsError
from zonestats.model.quantity import Qualifier
from zonestats.output.words import marked

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
    "Droid Sans Fallback",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
)
"""Fonts that hold simplified Chinese, most wanted first."""

FORMATS = (".svg", ".png", ".pdf", ".html")

_METADATA: dict[str, dict[str, Any]] = {
    ".svg": {"Date": None, "Creator": "zonestats"},
    ".png": {"Software": "zonestats"},
    ".pdf": {"CreationDate": None, "Creator": "zonestats"},
}
"""No creation date (the same chart gives the same file) and zonestats as its maker."""

_INSTALL = (
    "no font with Chinese characters found for {what}; install one, e.g. "
    "`apt-get install fonts-noto-cjk` (Debian/Ubuntu), `dnf install google-noto-sans-cjk-fonts` "
    "(Fedora) or `brew install --cask font-noto-sans-cjk` (macOS), or write .svg or .html"
)


def pyplot() -> Any:
    """matplotlib's pyplot on the file-only backend; a clear error where it is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ZonestatsError(
            "charts as files need matplotlib: pip install 'zonestats[charts]'"
        ) from None
    return plt


def cjk_font() -> str | None:
    """The first CJK font matplotlib finds on this system, by family name."""
    pyplot()
    from matplotlib import font_manager

    manager = font_manager.fontManager
    names = {font.name for font in manager.ttflist}
    found = next((name for name in CJK_FONTS if name in names), None)
    if found is None:  # matplotlib's cache may predate the fonts: look at the system's
        known = {font.fname for font in manager.ttflist}
        for path in font_manager.findSystemFonts():
            if path not in known:
                try:
                    manager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue  # a file matplotlib cannot read is no font for us
        names = {font.name for font in manager.ttflist}
        found = next((name for name in CJK_FONTS if name in names), None)
    return found


def figure_bytes(chart: Chart, suffix: str, zh: bool) -> bytes:
    """The chart drawn as an SVG, PNG or PDF file, or an HTML page holding its SVG."""
    if suffix not in FORMATS:
        known = ", ".join(FORMATS)
        raise ZonestatsError(f"cannot tell the chart format from {suffix!r} ({known})")
    if suffix == ".html":
        svg = figure_bytes(chart, ".svg", zh).decode("utf-8")
        svg = svg[svg.index("<svg") :]  # inline: no XML declaration nor doctype
        return html_page(chart.title, f"<figure>{svg}</figure>", zh).encode("utf-8")
    plt = pyplot()
    font = cjk_font()
    if font is None and suffix in (".png", ".pdf"):
        raise ZonestatsError(_INSTALL.format(what=suffix[1:].upper()))
    families = [font] if font else list(CJK_FONTS)
    with plt.rc_context(
        {"font.family": "sans-serif", "font.sans-serif": [*families, "DejaVu Sans"],
         "svg.fonttype": "none", "svg.hashsalt": "zonestats", "pdf.fonttype": 42,
         "text.parse_math": False,
         "axes.unicode_minus": False}
    ):  # fmt: skip
        figure = _draw(plt, chart, zh)
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            if font is None:  # an SVG keeps its text: the reader's browser has the glyphs
                warnings.filterwarnings("ignore", message="Glyph .* missing")
            figure.savefig(
                buffer, format=suffix[1:], bbox_inches="tight", dpi=150, metadata=_METADATA[suffix]
            )
        plt.close(figure)
    return buffer.getvalue()


def _draw(plt: Any, chart: Chart, zh: bool) -> Any:
    if chart.kind is ChartKind.GROWTH:
        return _growth(plt, chart, zh)
    return _lines(plt, chart, zh)


def _growth(plt: Any, chart: Chart, zh: bool) -> Any:
    points = chart.series[0].points
    figure, axes = plt.subplots(figsize=(8, 0.5 * len(points) + 1.8))
    labels = [p.x for p in points]
    values = [p.y for p in points]
    axes.barh(range(len(points)), values, color="#3b6ea5")
    axes.set_yticks(range(len(points)), labels)
    axes.invert_yaxis()  # the largest at the top
    if chart.log:
        axes.set_xscale("log")
    for index, point in enumerate(points):
        text = marked(Qualifier(point.qualifier or "exact"), point.label, zh)
        axes.annotate(text, (point.y, index), xytext=(4, 0), textcoords="offset points",
                      va="center")  # fmt: skip
    axes.set_xlabel(chart.y_label)
    _frame(figure, axes, chart)
    return figure


def _lines(plt: Any, chart: Chart, zh: bool) -> Any:
    figure, axes = plt.subplots(figsize=(8, 5))
    positions = {x: i for i, x in enumerate(chart.x_order)}
    divisor, label = axis_scale(chart)
    for series in chart.series:
        xs = [positions[p.x] for p in series.points]
        ys = [p.y / divisor for p in series.points]
        # a legend hides labels that start with "_": a zero-width space keeps them
        label = "\u200b" + series.name if series.name.startswith("_") else series.name
        (line,) = axes.plot(xs, ys, marker="o", label=label)
        if series.points:
            axes.annotate(
                series.name, (xs[-1], ys[-1]), xytext=(6, 0), textcoords="offset points",
                va="center", color=line.get_color(),
            )  # fmt: skip
    axes.set_xticks(range(len(chart.x_order)), list(chart.x_order))
    if chart.inverted:
        axes.invert_yaxis()  # rank 1 at the top
    axes.set_ylabel(label)
    axes.legend(loc="best", fontsize="small")
    _frame(figure, axes, chart)
    return figure


def _frame(figure: Any, axes: Any, chart: Chart) -> None:
    axes.set_title(chart.title)
    axes.spines[["top", "right"]].set_visible(False)
    footer = "\n".join([*chart.notes, *chart.sources])
    if footer:
        figure.text(0.01, -0.02, footer, ha="left", va="top", fontsize="small", color="#555")


def html_page(title: str, body: str, zh: bool) -> str:
    """A self-contained page: no script, style or font from anywhere else."""
    lang = "zh-CN" if zh else "en"
    fonts = ", ".join(f'"{f}"' for f in CJK_FONTS)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>\n"
        f"body {{ font-family: {fonts}, sans-serif; margin: 2em auto; max-width: 60em;"
        " color: #222; }\nfigure { margin: 0; } svg { max-width: 100%; height: auto; }\n"
        "@media print { body { margin: 0; max-width: none; } }\n"
        f"</style>\n</head>\n<body>\n<h1>{escape(title)}</h1>\n{body}\n</body>\n</html>\n"
    )


def write_chart(chart: Chart, path: Path, zh: bool, protected: tuple[Path, ...]) -> None:
    """The chart written to `path` (its format from the extension), replacing it whole."""
    from zonestats.output.files import write_output

    data = figure_bytes(chart, path.suffix.lower(), zh)

    def write(out: Any) -> None:
        out.write(data)

    write_output(path, write, binary=True, protected=protected)
