"""The zonestats command line: parse options, call the library, render, and report errors once."""

from __future__ import annotations

import gc
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Annotated, Any, TypeGuard

import typer
from typer.core import TyperGroup

from zonestats import __version__
from zonestats.cli.options import (
    BomFlag,
    CsvFlag,
    DataFilesOption,
    DataOption,
    FormatOption,
    JsonFlag,
    LangOption,
    LimitOption,
    OutputOption,
    UnitsOption,
    YamlDataOption,
    output_options,
    with_output_options,
)
from zonestats.errors import ExitCode, ZonestatsError
from zonestats.output.render import Lang, OutputOptions, Units, render


class _Group(TyperGroup):
    """The one place where errors become a red line on stderr and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ZonestatsError as error:
            if ctx.meta.get("zonestats.debug"):
                traceback.print_exc()
            _error_line(error.message)
            raise typer.Exit(ExitCode.ERROR) from None
        except BrokenPipeError:
            _quiet_broken_pipe()
            raise typer.Exit(ExitCode.OK) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as error:
            if hasattr(error, "exit_code") and hasattr(error, "show"):
                raise  # a usage error, which the command-line framework reports itself
            # Not the user's input: a fault of ours. One line still, and the way to see more.
            if ctx.meta.get("zonestats.debug"):
                traceback.print_exc()
            _error_line(f"unexpected {type(error).__name__}: {error} (rerun with --debug)")
            raise typer.Exit(ExitCode.ERROR) from None


app = typer.Typer(
    cls=_Group,
    help="Figures from Chinese development-zone reports: a verified dataset, and its analysis.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _stderr() -> Any:
    """A console on stderr for messages (colour only where stderr is a terminal)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _error_line(message: str) -> None:
    _stderr().print("[red]error:[/red] ", end="", markup=True)
    _stderr().print(message, markup=False)


def _quiet_broken_pipe() -> None:
    # The reader went away (zonestats export --csv | head -1): stop quietly, and keep
    # Python from complaining again when it flushes stdout at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _note(message: str) -> None:
    _stderr().print(message, markup=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zonestats {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    ctx.meta["zonestats.debug"] = debug


def _is_long_table(data: Path | None) -> TypeGuard[Path]:
    from zonestats.io.long_table import is_bulk

    return data is not None and is_bulk(data)


def _load(data: Path | None) -> Any:
    from zonestats.io.inputs import load
    from zonestats.output.progress import progress

    with progress(f"reading {data or 'the bundled dataset'}"):
        dataset = load(data)
    gc.freeze()  # what was loaded lives until the end: later collections need not walk it
    return dataset


def _observations(paths: list[Path]) -> Any:
    """One observations table from every --data input (YAML datasets or long tables)."""
    from zonestats.analysis import combine
    from zonestats.io.inputs import load_observations
    from zonestats.output.progress import progress

    frames = []
    inputs: list[Path | None] = list(paths) or [None]
    for path in inputs:
        with progress(f"reading {path or 'the bundled dataset'}"):
            frames.append(load_observations(path))
    gc.freeze()  # what was loaded lives until the end: later collections need not walk it
    return combine(frames)


@app.command("list")
@with_output_options
def list_indicators(
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="Only this category.")
    ] = None,
    data: DataOption = None,
    *,
    options: OutputOptions,
) -> None:
    """List the indicators with their latest value."""
    if _is_long_table(data):
        from zonestats.output.views import indicator_table_from_frame

        table = indicator_table_from_frame(_observations([data]), options.lang, category)
    else:
        from zonestats.output.views import indicator_table

        table = indicator_table(_load(data), options.lang, category)
    render(table, options)


@app.command("show")
@with_output_options
def show(
    indicator: Annotated[str, typer.Argument(help="Indicator id, e.g. national_rank.")],
    data: DataOption = None,
    *,
    options: OutputOptions,
) -> None:
    """Show every observation of one indicator, with the quote it comes from."""
    if _is_long_table(data):
        from zonestats.output.views import observation_table_from_frame

        table = observation_table_from_frame(_observations([data]), indicator, options.lang)
    else:
        from zonestats.output.views import observation_table

        table = observation_table(_load(data).indicator(indicator), options.lang)
    render(table, options)


@app.command("summary")
@with_output_options
def summary(
    data: YamlDataOption = None,
    movers: Annotated[int, typer.Option("--movers", min=0, help="How many headline movers.")] = 5,
    *,
    options: OutputOptions,
) -> None:
    """The one screen to read first: zone, source, headline movers, latest values."""
    from zonestats.analysis import summarize
    from zonestats.output.views import summary_report

    if _is_long_table(data):
        raise ZonestatsError(
            f"{data}: the summary needs a YAML dataset (its zone and source); "
            "a table of observations serves list, show, compare and export"
        )
    render(summary_report(summarize(_load(data), movers), options.lang), options)


@app.command("compare")
@with_output_options
def compare(
    indicators: Annotated[
        list[str] | None,
        typer.Argument(help="Indicator ids (default: every one with a trend).", show_default=False),
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="Only this category.")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="Start period, e.g. 2016 (default: the first).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="End period, e.g. 2021 (default: the last).")
    ] = None,
    data: DataFilesOption = None,
    *,
    options: OutputOptions,
) -> None:
    """Growth of each indicator between two periods; with several --data, zones side by side."""
    from zonestats.analysis import Selection, growth_table, side_by_side
    from zonestats.output.views import growth_rows, side_by_side_table

    paths = data or []
    frame = _observations(paths)
    zones = list(frame["zone"].unique())  # in order of appearance
    several = len(zones) > 1
    selection = Selection(tuple(indicators or ()), category, start, end, keep_single=several)
    growth = growth_table(frame, selection)
    if growth.empty:
        _note("no indicator has observations at both ends; try other --from/--to or ids")
    if several and options.format.for_people and not growth.empty:
        render(side_by_side_table(side_by_side(growth), zones), options)
    else:
        render(growth_rows(growth, several), options)


@app.command("export")
@with_output_options
def export(
    data: DataFilesOption = None,
    *,
    options: OutputOptions,
) -> None:
    """Every observation as one tidy table, for spreadsheets and scripts."""
    from zonestats.output.views import export_table

    paths = data or []
    render(export_table(_observations(paths)), options)


@app.command("extract")
def extract(
    report: Annotated[Path, typer.Argument(help="The report's text (UTF-8).", show_default=False)],
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date YYYY-MM-DD, to resolve 去年, 今年, 4年前 "
            "(default: the date the report states).",
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
    from zonestats.output.render import write_atomically
    from zonestats.output.views import candidate_table

    day = _date_option(published)
    report_data = parse_report(read_report(report), day, str(report))
    candidates = find_figures(report_data)
    wants_yaml = output is not None and output.suffix.lower() in (".yaml", ".yml")
    if wants_yaml or (output is None and format is None and not as_csv and not as_json):
        text = draft_yaml(draft(report_data, candidates))
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_atomically(output, lambda out: print(text, end="", file=out), protected=(report,))
        _note(f"{len(candidates)} figures found in {report}")
        return
    # The draft is this command's main output, so it resolves the table options itself.
    options = output_options(
        format, as_csv, as_json, output, lang, units, bom, limit, protected=(report,)
    )
    render(candidate_table(candidates), options)


@app.command("verify")
def verify(
    dataset: Annotated[Path, typer.Argument(help="The dataset to check.", show_default=False)],
    source: Annotated[
        Path,
        typer.Option("--source", "-s", help="The report it was made from.", show_default=False),
    ],
) -> None:
    """Prove a dataset still says what its source says; print each failure as path:line."""
    from zonestats.extract.verify import verify as check_against

    found = check_against(dataset, source)
    for problem in found:
        typer.echo(problem.short())
    if found:
        raise typer.Exit(ExitCode.ERROR)
    typer.echo(f"{dataset}: every quote is in {source}", err=True)


def _date_option(text: str | None) -> Any:
    from datetime import date

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ZonestatsError(f"--published: '{text}' is not a date (YYYY-MM-DD)") from None


@app.command("validate")
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Dataset files (default: the bundled dataset).", show_default=False),
    ] = None,
) -> None:
    """Check datasets against the schema; print every problem as path:line:col: message."""
    from zonestats.io.inputs import bundled_path, problems

    paths = files or [bundled_path()]
    failed = 0
    for path in paths:
        found = problems(path)
        for problem in found:
            typer.echo(str(problem))
        if found:
            failed += 1
        else:
            typer.echo(f"{path}: valid", err=True)
    if failed:
        raise typer.Exit(ExitCode.ERROR)


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of a dataset file, for editors and other tools."""
    from zonestats.model.fields import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    """Entry point of the zonestats command."""
    try:
        app()
    except BrokenPipeError:
        _quiet_broken_pipe()
        sys.exit(ExitCode.OK)
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
    finally:
        # Everything left lives until exit: spare the interpreter a last walk over it all.
        gc.freeze()
