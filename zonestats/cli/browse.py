"""Commands that show a dataset: list, show and summary."""

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
    HeadersOption,
    JsonFlag,
    LangOption,
    LimitOption,
    OutputOption,
    UnitsOption,
    complete_ids,
    output_options,
)
from zonestats.output.options import Headers, Lang, Units


@app.command("list")
def list_indicators(
    category: CategoryOption = None,
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
    """List each zone's indicators with their latest value."""
    from zonestats.analysis.browse import latest
    from zonestats.output.views import indicator_table
    from zonestats.output.writers import render

    paths = inputs(data)
    options = output_options(
        format, as_csv, as_json, output, lang, units, bom, limit, headers, protected(paths)
    )
    dataset = read(paths)
    title = None
    if len(dataset.zones) == 1:
        zone = dataset.zones[0]
        title = zone.name if lang is Lang.ZH or not zone.name_en else zone.name_en
    render(indicator_table(latest(dataset, category), title), options, dataset)


@app.command("show")
def show(
    indicator: Annotated[
        str | None,
        typer.Argument(
            help="Indicator id, e.g. national_rank (without one: the ids there are).",
            metavar="ID",
            show_default=False,
            autocompletion=complete_ids,
        ),
    ] = None,
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
    """Show every figure of one indicator, with the quote and report it comes from."""
    from zonestats.analysis.browse import citations
    from zonestats.output.views import citation_table
    from zonestats.output.writers import render

    paths = inputs(data)
    options = output_options(
        format, as_csv, as_json, output, lang, units, bom, limit, headers, protected(paths)
    )
    dataset = read(paths, conflicts=False)  # the table shows where the reports differ
    if indicator is None:
        from zonestats.analysis.browse import latest
        from zonestats.output.views import indicator_table

        note("give an indicator id to see its figures: zonestats show ID; the ids are:")
        render(indicator_table(latest(dataset), None), options, dataset)
        return
    render(citation_table(citations(dataset, indicator), lang), options, dataset)


@app.command("summary")
def summary(
    data: DataOption = None,
    movers: Annotated[
        int, typer.Option("--movers", min=0, help="How many headline movers.", metavar="N")
    ] = 5,
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
    """The one screen to read first: zones, sources, headline movers, latest values."""
    from zonestats.analysis.summary import summarize
    from zonestats.output.summary_view import summary_report
    from zonestats.output.writers import render

    paths = inputs(data)
    options = output_options(
        format, as_csv, as_json, output, lang, units, bom, limit, headers, protected(paths)
    )
    render(summary_report(summarize(read(paths), movers), lang), options)


@app.command("datasets")
def datasets(
    format: FormatOption = None,
    as_csv: CsvFlag = False,
    as_json: JsonFlag = False,
    lang: LangOption = Lang.ZH,
) -> None:
    """The datasets shipped with zonestats, by the name --data takes."""
    import zonestats
    from zonestats.io.inputs import BUNDLED, bundled_path
    from zonestats.output.views import bundled_table
    from zonestats.output.writers import render

    options = output_options(format, as_csv, as_json, None, lang)
    found = {name: zonestats.load(bundled_path(name)) for name in BUNDLED}
    render(bundled_table(found, {n: bundled_path(n) for n in BUNDLED}), options)
