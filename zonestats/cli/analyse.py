"""Commands that compute from a dataset: compare and export."""

# No postponed annotations here: Typer reads these signatures at every run, and evaluating
# annotation strings then costs start-up time.

from typing import Annotated

import typer

from zonestats.cli.app import app, inputs, note, protected, read
from zonestats.cli.options import (
    AtOption,
    BomFlag,
    CategoryOption,
    CommonFlag,
    CsvFlag,
    DataOption,
    FormatOption,
    FromOption,
    HeadersOption,
    JsonFlag,
    LangOption,
    LimitOption,
    OutputOption,
    ProvinceOption,
    StepsFlag,
    ToOption,
    UnitsOption,
    complete_ids,
    output_options,
)
from zonestats.output.options import Headers, Lang, Units


@app.command("compare")
def compare(
    indicators: Annotated[
        list[str] | None,
        typer.Argument(
            help="Indicator ids (default: every one with a trend).",
            metavar="ID",
            show_default=False,
            autocompletion=complete_ids,
        ),
    ] = None,
    category: CategoryOption = None,
    start: FromOption = None,
    end: ToOption = None,
    at: AtOption = None,
    common: CommonFlag = False,
    steps: StepsFlag = False,
    province: ProvinceOption = None,
    data: DataOption = None,
    format: FormatOption = None,
    as_csv: CsvFlag = False,
    as_json: JsonFlag = False,
    output: OutputOption = None,
    lang: LangOption = Lang.ZH,
    units: UnitsOption = Units.CN,
    bom: BomFlag = False,
    headers: HeadersOption = Headers.KEYS,
    limit: LimitOption = None,
) -> None:
    """Growth of each indicator between two periods; with several zones, set beside each other."""
    from zonestats.analysis.growth import Selection, end_periods, growth_table
    from zonestats.analysis.zones import compare_zones
    from zonestats.io.engine.needed import Needs
    from zonestats.model.period import check_range
    from zonestats.output.views import growth_rows, zones_table
    from zonestats.output.writers import render

    if at is not None and end is not None:
        raise typer.BadParameter("give --to or --at, not both", param_hint="'--at'")
    check_range(start, end if at is None else at)
    paths = inputs(data)
    options = output_options(
        format, as_csv, as_json, output, lang, units, bom, limit, headers, protected(paths)
    )
    needs = None if steps else Needs(ends=end_periods(start, end, at))
    dataset = read(paths, province=province, needs=needs)
    several = len(dataset.zones) > 1  # zones with observations
    single = several and not steps  # a zone's only observation still stands beside others
    chosen = (tuple(indicators or ()), category, start, end, single, at, common, steps)
    selection = Selection(*chosen)
    growth = growth_table(dataset.observations(), selection)
    if growth.empty:
        note("no indicator has observations at both ends; try other --from/--to or ids")
    if several and not steps:
        zones = [zone.name for zone in dataset.zones]
        growth = compare_zones(growth, zones, observed=dataset.seen)
        if options.format.for_people and not growth.empty:
            render(zones_table(growth, zones, options.lang), options)
            return
    render(growth_rows(growth, several), options, dataset)


@app.command("panel")
def panel(
    indicators: Annotated[
        list[str],
        typer.Argument(
            help="Indicator ids, one block each.",
            metavar="ID",
            show_default=False,
            autocompletion=complete_ids,
        ),
    ],
    wide: Annotated[
        bool,
        typer.Option("--wide", help="Machine formats: a row per zone, a column per period."),
    ] = False,
    province: ProvinceOption = None,
    data: DataOption = None,
    format: FormatOption = None,
    as_csv: CsvFlag = False,
    as_json: JsonFlag = False,
    output: OutputOption = None,
    lang: LangOption = Lang.ZH,
    units: UnitsOption = Units.CN,
    bom: BomFlag = False,
    headers: HeadersOption = Headers.KEYS,
    limit: LimitOption = None,
) -> None:
    """One indicator across zones and periods: zones as rows, periods as columns."""
    from zonestats.analysis.panel import panels
    from zonestats.output.panel_view import panel_report, panel_rows
    from zonestats.output.writers import render

    paths = inputs(data)
    options = output_options(
        format, as_csv, as_json, output, lang, units, bom, limit, headers, protected(paths)
    )
    dataset = read(paths, province=province)
    zones = [zone.name for zone in dataset.zones]
    found = panels(dataset.observations(), list(dict.fromkeys(indicators)), zones)
    if options.format.for_people:
        render(panel_report(found, options.lang), options)
    else:
        render(panel_rows(found, wide), options, dataset)


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
    headers: HeadersOption = Headers.KEYS,
    limit: LimitOption = None,
) -> None:
    """Every cited figure as one tidy table (with its quote and report), for spreadsheets."""
    from zonestats.output.views import export_table
    from zonestats.output.writers import render

    paths = inputs(data)
    options = output_options(
        format, as_csv, as_json, output, lang, units, bom, limit, headers, protected(paths)
    )
    dataset = read(paths, conflicts=False)  # every report's figure is written
    render(export_table(dataset.observations(merged=False)), options, dataset)
