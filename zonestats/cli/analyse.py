"""Commands that compute from a dataset: compare and export."""

# No postponed annotations here: Typer reads these signatures at every run, and evaluating
# annotation strings then costs start-up time.

from typing import Annotated

import typer

from zonestats.cli.app import app, inputs, note, protected, read
from zonestats.cli.options import (
    BomFlag,
    CategoryOption,
    CsvFlag,
    DataOption,
    FormatOption,
    JsonFlag,
    LangOption,
    LimitOption,
    OutputOption,
    UnitsOption,
    output_options,
)
from zonestats.output.options import Lang, Units


@app.command("compare")
def compare(
    indicators: Annotated[
        list[str] | None,
        typer.Argument(
            help="Indicator ids (default: every one with a trend).",
            metavar="[ID]...",
            show_default=False,
        ),
    ] = None,
    category: CategoryOption = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from", help="Start period, e.g. 2016 (default: the first).", metavar="PERIOD"
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="End period, e.g. 2021 (default: the last).", metavar="PERIOD"),
    ] = None,
    data: DataOption = None,
    format: FormatOption = None,
    as_csv: CsvFlag = False,
    as_json: JsonFlag = False,
    output: OutputOption = None,
    lang: LangOption = Lang.ZH,
    units: UnitsOption = Units.CN,
    bom: BomFlag = False,
    limit: LimitOption = None,
) -> None:
    """Growth of each indicator between two periods; with several zones, side by side."""
    from zonestats.analysis.growth import Selection, growth_table
    from zonestats.analysis.zones import side_by_side
    from zonestats.model.period import check_range
    from zonestats.output.views import growth_rows, side_by_side_table
    from zonestats.output.writers import render

    check_range(start, end)
    paths = inputs(data)
    options = output_options(
        format, as_csv, as_json, output, lang, units, bom, limit, protected(paths)
    )
    dataset = read(paths)
    several = len(dataset.zones) > 1  # zones with observations
    selection = Selection(tuple(indicators or ()), category, start, end, keep_single=several)
    growth = growth_table(dataset.observations(), selection)
    if growth.empty:
        note("no indicator has observations at both ends; try other --from/--to or ids")
    if several and options.format.for_people and not growth.empty:
        wide = side_by_side(growth)
        zones = list(dict.fromkeys(growth["zone"].tolist()))
        render(side_by_side_table(wide, zones), options)
    else:
        render(growth_rows(growth, several), options)


@app.command("export")
def export(
    data: DataOption = None,
    format: FormatOption = None,
    as_csv: CsvFlag = False,
    as_json: JsonFlag = False,
    output: OutputOption = None,
    lang: LangOption = Lang.ZH,
    units: UnitsOption = Units.CN,
    bom: BomFlag = False,
    limit: LimitOption = None,
) -> None:
    """Every cited figure as one tidy table (with its quote and report), for spreadsheets."""
    from zonestats.output.views import export_table
    from zonestats.output.writers import render

    paths = inputs(data)
    options = output_options(
        format, as_csv, as_json, output, lang, units, bom, limit, protected(paths)
    )
    dataset = read(paths, conflicts=False)  # every report's figure is written
    render(export_table(dataset.observations(merged=False)), options)
