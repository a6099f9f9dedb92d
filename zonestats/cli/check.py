"""Commands that check inputs: validate, verify, check (growth claims) and schema."""

# No postponed annotations here: Typer reads these signatures at every run, and evaluating
# annotation strings then costs start-up time.

import json
from pathlib import Path
from typing import Annotated

import typer

from zonestats.cli.app import app, inputs, note, protected, read
from zonestats.cli.options import (
    BomFlag,
    CsvFlag,
    DataOption,
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
from zonestats.errors import ExitCode, Problem, problem_report
from zonestats.output.options import Headers, Lang, Units

FOLD_AFTER = 20
"""Rows of a long table printed for one kind of problem; the rest are counted on a line."""


@app.command("validate")
def validate(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Datasets, long tables, folders, globs or - for what is piped in (default: the "
            "bundled dataset).",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a report as JSON: every problem, and counts.")
    ] = False,
) -> None:
    """Check inputs, each alone and all together; print every problem as
    path:line:col: message [code] (and, on stderr, each recorded growth claim the figures do
    not bear out as a warning)."""
    from zonestats.io.engine.needed import Needs
    from zonestats.io.inputs import NOT_FATAL, check

    # Of large long tables, only the rows that tie rows together are kept (every row is
    # checked; zonestats.io.engine)
    dataset, problems = check([*(files or []), *(data or [])], Needs())
    warnings: list[Problem] = []
    if dataset.claims and all(p.code in NOT_FATAL for p in problems):
        from zonestats.analysis.claims import claim_warnings

        warnings = claim_warnings(dataset)
    if as_json:
        report = problem_report(list(dataset.files), problems, warnings)
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for problem in folded(problems):
            typer.echo(str(problem))
        for warning in warnings:
            typer.echo(warning.warning(), err=True)
        bad = {p.path for p in problems}
        for path in dataset.files:
            if path not in bad:
                typer.echo(f"{path}: valid", err=True)
    if problems:
        raise typer.Exit(ExitCode.ERROR)


def folded(problems: list[Problem]) -> list[Problem]:
    """Problems as validate prints them: every one, but of a long table only the first
    FOLD_AFTER rows of each code, and a line at the last that counts the rest."""
    from collections import Counter

    from zonestats.io.kinds import is_long_table

    table = {path: is_long_table(Path(path)) for path in dict.fromkeys(p.path for p in problems)}
    total = Counter((p.path, p.code) for p in problems if table[p.path])
    seen: Counter[tuple[str, str]] = Counter()
    shown = []
    for problem in problems:
        key = (problem.path, problem.code)
        seen[key] += 1
        if total[key] <= FOLD_AFTER or seen[key] <= FOLD_AFTER:
            shown.append(problem)
        elif seen[key] == total[key]:
            more = total[key] - FOLD_AFTER
            message = f"... and {more} more row{'s' if more > 1 else ''} like that"
            shown.append(Problem(problem.path, problem.code, message, problem.line))
    return shown


@app.command("verify")
def verify(
    datasets: Annotated[
        list[str] | None,
        typer.Argument(
            help="The datasets (or long tables, folders, globs) to check.",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    *,
    source: Annotated[
        list[Path],
        typer.Option(
            "--source",
            "-s",
            help="The report they were made from; repeat it for several.",
            metavar="REPORT",
            show_default=False,
        ),
    ],
    data: DataOption = None,
) -> None:
    """Prove datasets still say what their reports say; print each failure as
    path:line: message [code]."""
    from zonestats.extract.verify import verify as check_against

    inputs = [*(datasets or []), *(data or [])]
    found = check_against(inputs, source)
    for problem in found:
        typer.echo(problem.short())
    if found:
        raise typer.Exit(ExitCode.ERROR)
    names = ", ".join(inputs) or "the bundled dataset"
    typer.echo(f"{names}: every quote is in {', '.join(str(s) for s in source)}", err=True)


@app.command("check")
def check_claims(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Reports (text) or datasets that record claims (YAML, or a bundled name).",
            metavar="PATH",
            show_default=False,
        ),
    ],
    published: PublishedOption = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit with 1 when a claim does not hold.")
    ] = False,
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
    """Check the growth claims of reports (年均增长24%, 翻一番, 增长3倍, 提高2个百分点)
    or recorded in datasets against their figures: holds, does_not_hold or cannot_check."""
    from zonestats.analysis.claims import Verdict, check_dataset, summary
    from zonestats.cli.draft import _date_option
    from zonestats.extract import extract, parse_report, read_report
    from zonestats.extract.claims import check_report
    from zonestats.io.inputs import BUNDLED, is_input
    from zonestats.output.claims_view import claims_table
    from zonestats.output.writers import render

    datasets = [p for p in paths if p in BUNDLED or is_input(Path(p))]
    reports = [Path(p) for p in paths if p not in datasets]
    files = inputs(datasets) if datasets else []
    options = output_options(
        format, as_csv, as_json, output, lang, units, bom, limit, headers,
        protected([*files, *reports]),
    )  # fmt: skip
    day = _date_option(published)
    checked = []
    for path in reports:
        report = parse_report(read_report(path), day, str(path))
        checked += check_report(report, extract(report))
    if files:
        checked += check_dataset(read(files))
    render(claims_table(checked, options.lang), options)
    note(summary(checked))
    if exit_code and any(c.judgement.verdict is Verdict.DOES_NOT_HOLD for c in checked):
        raise typer.Exit(ExitCode.ERROR)


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of a dataset file (both shapes), for editors and other tools."""
    from zonestats.model.schema import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))
