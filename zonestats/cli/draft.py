"""The command that drafts a dataset from a report: extract."""

# No postponed annotations here: Typer reads these signatures at every run, and evaluating
# annotation strings then costs start-up time.

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from zonestats.cli.app import app, note, protected
from zonestats.cli.options import (
    BomFlag,
    CsvFlag,
    FormatOption,
    JsonFlag,
    LangOption,
    LimitOption,
    OutputOption,
    UnitsOption,
    output_options,
)
from zonestats.errors import ZonestatsError
from zonestats.output.options import Lang, Units


@app.command("extract")
def extract(
    report: Annotated[
        Path,
        typer.Argument(help="The report's text (UTF-8).", metavar="REPORT", show_default=False),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date YYYY-MM-DD, to resolve 去年, 今年, 4年前 "
            "(default: the date the report states).",
            metavar="DATE",
        ),
    ] = None,
    format: FormatOption = None,
    as_csv: CsvFlag = False,
    as_json: JsonFlag = False,
    output: OutputOption = None,
    lang: LangOption = Lang.ZH,
    units: UnitsOption = Units.CN,
    bom: BomFlag = False,
    limit: LimitOption = None,
) -> None:
    """Draft a dataset from a report: every figure with its quote, period and unit.

    Writes the draft YAML (to stdout, or to --output draft.yaml); with --format or an output
    of another kind, shows the candidates as a table instead.
    """
    from zonestats.extract import draft, draft_yaml, parse_report, read_report
    from zonestats.extract import extract as find_figures
    from zonestats.output.files import write_output
    from zonestats.output.views import candidate_table
    from zonestats.output.writers import render

    day = _date_option(published)
    report_data = parse_report(read_report(report), day, str(report))
    candidates = find_figures(report_data)
    wants_yaml = output is not None and output.suffix.lower() in (".yaml", ".yml")
    if wants_yaml or (output is None and format is None and not as_csv and not as_json):
        text = draft_yaml(draft(report_data, candidates))
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_output(
                output, lambda out: print(text, end="", file=out), protected=protected([report])
            )
        note(f"{len(candidates)} figures found in {report}")
        return
    options = output_options(
        format, as_csv, as_json, output, lang, units, bom, limit, protected([report])
    )
    render(candidate_table(candidates), options)


def _date_option(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ZonestatsError(f"--published: '{text}' is not a date (YYYY-MM-DD)") from None
