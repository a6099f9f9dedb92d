"""Commands that check inputs: validate, verify and schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from zonestats.cli.app import app
from zonestats.cli.options import DataOption
from zonestats.errors import ExitCode, Problem


@app.command("validate")
def validate(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Datasets, long tables, folders or globs (default: the bundled dataset).",
            metavar="[PATH]...",
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
    from zonestats.io.inputs import check, resolve

    specs = [*(files or []), *(data or [])]
    try:
        paths = resolve(specs)
    except Exception:
        paths = []  # check() reports why, as problems
    _, problems = check(specs)
    if as_json:
        typer.echo(json.dumps(_report(paths, problems), ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            typer.echo(str(problem))
        bad = {p.path for p in problems}
        for path in paths:
            if str(path) not in bad:
                typer.echo(f"{path}: valid", err=True)
    if problems:
        raise typer.Exit(ExitCode.ERROR)


def _report(paths: list[Path], problems: list[Problem]) -> dict[str, object]:
    """validate --json: the problems, each file's count, and counts by code."""
    by_code: dict[str, int] = {}
    for problem in problems:
        by_code[problem.code] = by_code.get(problem.code, 0) + 1
    per_file = {str(p): 0 for p in paths}
    for problem in problems:
        per_file[problem.path] = per_file.get(problem.path, 0) + 1
    return {
        "valid": not problems,
        "files": [{"path": k, "problems": n, "valid": n == 0} for k, n in per_file.items()],
        "problems": [p.as_dict() for p in problems],
        "counts": {"problems": len(problems), "files": len(per_file), "by_code": by_code},
    }


@app.command("verify")
def verify(
    datasets: Annotated[
        list[Path],
        typer.Argument(
            help="The datasets (or long tables) to check.", metavar="PATH...", show_default=False
        ),
    ],
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
) -> None:
    """Prove datasets still say what their reports say; print each failure as
    path:line: message [code]."""
    from zonestats.extract.verify import verify as check_against

    found = check_against(datasets, source)
    for problem in found:
        typer.echo(problem.short())
    if found:
        raise typer.Exit(ExitCode.ERROR)
    names = ", ".join(str(d) for d in datasets)
    typer.echo(f"{names}: every quote is in {', '.join(str(s) for s in source)}", err=True)


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of a dataset file (both shapes), for editors and other tools."""
    from zonestats.model.fields import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))
