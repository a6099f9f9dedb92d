"""The command that draws: chart."""

# No postponed annotations here: Typer reads these signatures at every run.

from pathlib import Path
from typing import Annotated, Any

import typer

from zonestats.analysis.chart_kinds import ChartKind
from zonestats.cli.app import app, environment, inputs, note, protected, read
from zonestats.cli.options import DataOption, LangOption, ProvinceOption, complete_ids
from zonestats.output.options import Lang


@app.command("chart")
def chart(
    indicators: Annotated[
        list[str] | None,
        typer.Argument(
            help="Indicator ids (default: the growth of every series with a trend).",
            metavar="ID",
            show_default=False,
            autocompletion=complete_ids,
        ),
    ] = None,
    kind: Annotated[
        ChartKind | None,
        typer.Option(
            "--kind",
            "-k",
            help="growth, ranks, slope or series (default: the one that fits the data).",
            case_sensitive=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the chart to FILE: .svg, .png, .pdf or .html (default: the terminal).",
            metavar="FILE",
        ),
    ] = None,
    province: ProvinceOption = None,
    data: DataOption = None,
    lang: LangOption = Lang.ZH,
) -> None:
    """Draw the chart that fits the data, or the kind asked for: on the terminal, or as a file."""
    from zonestats.analysis.charts import chart as make_chart

    paths = inputs(data)
    dataset = read(paths, province=province)
    zh = lang is Lang.ZH
    drawn = make_chart(dataset, tuple(indicators or ()), kind, zh)
    if output is None or str(output) == "-":
        from zonestats.output.chart_text import chart_lines

        env = environment()
        width = env.width if env.stdout_isatty else 80
        env.stdout.write("".join(line + "\n" for line in chart_lines(drawn, width, zh)))
        return
    from zonestats.output.chart_files import write_chart

    write_chart(drawn, output, zh, protected(paths))


@app.command("report")
def report(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The page to write: FILE.html.", metavar="FILE"),
    ],
    province: ProvinceOption = None,
    data: DataOption = None,
    lang: LangOption = Lang.ZH,
) -> None:
    """One self-contained HTML page: summary, charts, latest values with their quotes, checks."""
    from zonestats.io.inputs import check
    from zonestats.output.files import write_output
    from zonestats.output.report_page import check_report_path, report_html

    check_report_path(output.suffix.lower())
    paths = inputs(data)
    dataset, found = check(paths)  # the page shows the valid figures and lists the rest
    if province is not None:
        dataset = dataset.in_province(province)
    if not len(dataset.table):
        from zonestats.errors import DataError, ZonestatsError

        raise DataError.from_problems(found) if found else ZonestatsError("no observations")
    page = report_html(dataset, found, lang is Lang.ZH).encode("utf-8")
    if found:
        note(f"note: {len(found)} problems in the inputs are listed on the page")

    def write(out: Any) -> None:
        out.write(page)

    write_output(output, write, binary=True, protected=protected(paths))
