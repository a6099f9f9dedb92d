"""The command that drafts a dataset from a report: extract."""

# No postponed annotations here: Typer reads these signatures at every run, and evaluating
# annotation strings then costs start-up time.

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zonestats.cli.app import app, note, protected
from zonestats.cli.options import (
    BomFlag,
    CsvFlag,
    FormatOption,
    HeadersOption,
    JsonFlag,
    LangOption,
    LimitOption,
    OutputOption,
    PublishedOption,
    UnitsOption,
    output_options,
)
from zonestats.errors import ZonestatsError
from zonestats.output.options import Headers, Lang, Units

if TYPE_CHECKING:
    from zonestats.cli.batch import OutputChoice
    from zonestats.extract import Skipped

MAX_SKIPPED_NOTES = 5
"""Runs of numerals too long to be figures noted one by one on stderr; the rest are counted."""


@app.command("extract")
def extract(
    reports: Annotated[
        list[str],
        typer.Argument(
            help="Reports (UTF-8 text): files, folders (their .txt and .md files) or globs.",
            metavar="REPORT...",
            show_default=False,
        ),
    ],
    published: PublishedOption = None,
    format: FormatOption = None,
    as_csv: CsvFlag = False,
    as_json: JsonFlag = False,
    output: OutputOption = None,
    lang: LangOption = Lang.ZH,
    units: UnitsOption = Units.CN,
    bom: BomFlag = False,
    headers: HeadersOption = Headers.KEYS,
    limit: LimitOption = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Processes for several reports (default: one a core).",
            metavar="N",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Draft a dataset from a report: every figure with its quote, period and unit.

    Writes the draft YAML (to stdout, or to --output draft.yaml); with --format or an output
    of another kind, shows the candidates as a table instead. -o FOLDER (one that exists, or
    a name without an extension) writes a draft a report; with several reports --csv,
    --json or -o FILE write one table of every candidate, with the report it came from.
    """
    from zonestats.extract.batch import report_paths

    day = _date_option(published)
    paths = report_paths(reports)
    to_folder = output is not None and _is_folder(output)
    if len(paths) > 1 or to_folder:
        from zonestats.cli.batch import extract_reports

        choice = (format, as_csv, as_json, output, lang, units, bom, limit, headers)
        extract_reports(paths, day, jobs, to_folder, choice)
        return
    _one_report(paths[0], day, (format, as_csv, as_json, output, lang, units, bom, limit, headers))


def _is_folder(output: Path) -> bool:
    """Whether -o names a folder of drafts: one that exists, or a new name without an
    extension (-o drafts/); not -, a device, a pipe or a file."""
    if str(output) == "-":
        return False
    if output.exists():
        return output.is_dir()
    return not output.suffix


def _is_stream(output: Path) -> bool:
    """Whether -o names a device or a pipe (/dev/stdout, a FIFO): written in place."""
    return output.exists() and not output.is_file() and not output.is_dir()


def _one_report(report: Path, day: date | None, choice: "OutputChoice") -> None:
    from zonestats.extract import draft, draft_yaml_pieces, parse_report, read_report
    from zonestats.extract import extract as find_figures
    from zonestats.output.files import write_output
    from zonestats.output.views import candidate_table
    from zonestats.output.writers import render

    format, as_csv, as_json, output, lang, units, bom, limit, headers = choice
    report_data = parse_report(read_report(report), day, str(report))
    candidates = find_figures(report_data)
    stream = output is not None and (str(output) == "-" or _is_stream(output))
    no_table = format is None and not as_csv and not as_json
    wants_yaml = output is not None and output.suffix.lower() in (".yaml", ".yml")
    if wants_yaml or (no_table and (output is None or stream)):
        pieces = draft_yaml_pieces(draft(report_data, candidates))
        if output is None or str(output) == "-":
            for piece in pieces:
                typer.echo(piece, nl=False)
        else:
            write_output(output, lambda out: out.writelines(pieces), protected=protected([report]))
        count = len(candidates)
        note(f"{count} figure{'' if count == 1 else 's'} found in {report}")
    else:
        options = output_options(
            format, as_csv, as_json, output, lang, units, bom, limit, headers, protected([report])
        )
        render(candidate_table(candidates), options)
    _note_skipped(candidates.skipped, report)
    for list_note in candidates.notes:
        note(f"note: {report}: {list_note.describe()}")


def _note_skipped(skipped: list["Skipped"], report: Path) -> None:
    """Runs of numerals too long to be figures, said once each on stderr (at most a few)."""
    for run in skipped[:MAX_SKIPPED_NOTES]:
        note(f"note: {report}: {run.describe()}")
    if len(skipped) > MAX_SKIPPED_NOTES:
        note(f"note: {report}: skipped {len(skipped) - MAX_SKIPPED_NOTES:,} more such runs")


def _date_option(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ZonestatsError(f"--published: '{text}' is not a date (YYYY-MM-DD)") from None
