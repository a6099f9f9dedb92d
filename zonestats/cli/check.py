"""Commands that check inputs: validate, verify and schema."""

# No postponed annotations here: Typer reads these signatures at every run, and evaluating
# annotation strings then costs start-up time.

import json
from pathlib import Path
from typing import Annotated

import typer

from zonestats.cli.app import app
from zonestats.cli.options import DataOption
from zonestats.errors import ExitCode, Problem, problem_report

FOLD_AFTER = 20
"""Rows of a long table printed for one kind of problem; the rest are counted on a line."""


@app.command("validate")
def validate(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Datasets, long tables, folders or globs (default: the bundled dataset).",
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
    path:line:col: message [code]."""
    from zonestats.io.inputs import check

    dataset, problems = check([*(files or []), *(data or [])])
    if as_json:
        report = problem_report(list(dataset.files), problems)
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for problem in folded(problems):
            typer.echo(str(problem))
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

    from zonestats.io.long_table import is_long_table

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


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of a dataset file (both shapes), for editors and other tools."""
    from zonestats.model.fields import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))
