"""Command-line options declared once, and their resolution into OutputOptions."""

from __future__ import annotations

import inspect
import os
import shutil
import sys
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from zonestats.output.render import Format, Lang, OutputOptions, Units, resolve_format

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        help="Dataset file, or a long table of observations (.csv, .tsv, .jsonl, .parquet) "
        "as export writes it (default: the bundled dataset).",
        dir_okay=True,
        show_default=False,
    ),
]
YamlDataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        help="Dataset file, YAML (default: the bundled one).",
        dir_okay=True,
        show_default=False,
    ),
]
DataFilesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        "-d",
        help="Dataset file or long table of observations; repeat it to put several zones "
        "or reports side by side (default: the bundled dataset).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format (default: table, or from the --output extension).",
        case_sensitive=False,
        show_default=False,
    ),
]
CsvFlag = Annotated[bool, typer.Option("--csv", help="Shorthand for --format csv.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE (format from its extension, .xlsx included), replacing it atomically.",
        show_default=False,
    ),
]
LangOption = Annotated[
    Lang, typer.Option("--lang", help="Language of headers and names.", case_sensitive=False)
]
UnitsOption = Annotated[
    Units,
    typer.Option(
        "--units", help="Table cells as 800万台 (cn) or 8000000 (raw).", case_sensitive=False
    ),
]
BomFlag = Annotated[
    bool, typer.Option("--bom", help="Start CSV/TSV with a UTF-8 BOM (Excel on Chinese Windows).")
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        min=0,
        help="At most N rows, in any format; 0 for all. A table on a terminal shows a "
        "screenful (elsewhere 1000 rows) unless told.",
        show_default=False,
    ),
]

TABLE_ROWS_OFF_TERMINAL = 1000
"""Rows a table shows when it is not written to a terminal and no --limit is given."""


def output_options(
    format: Format | None = None,
    as_csv: bool = False,
    as_json: bool = False,
    output: Path | None = None,
    lang: Lang = Lang.ZH,
    units: Units = Units.CN,
    bom: bool = False,
    limit: int | None = None,
    protected: tuple[Path, ...] = (),
) -> OutputOptions:
    """Resolve the shared output options, before any output is written."""
    chosen = resolve_format(format, output, as_csv, as_json)
    to_terminal = output is None and sys.stdout.isatty()
    if limit is None and chosen is Format.TABLE:
        screen = shutil.get_terminal_size().lines
        limit = max(10, screen - 8) if to_terminal else TABLE_ROWS_OFF_TERMINAL
    return OutputOptions(
        format=chosen,
        output=output,
        lang=lang,
        units=units,
        bom=bom,
        terminal=to_terminal,
        color=not os.environ.get("NO_COLOR"),
        protected=protected,
        limit=limit or None,
    )


SHARED_OPTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("format", FormatOption, None),
    ("as_csv", CsvFlag, False),
    ("as_json", JsonFlag, False),
    ("output", OutputOption, None),
    ("lang", LangOption, Lang.ZH),
    ("units", UnitsOption, Units.CN),
    ("bom", BomFlag, False),
    ("limit", LimitOption, None),
)
"""Every table command's output options: name, declaration, default."""


def with_output_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the shared output options. It is called with them resolved into one
    OutputOptions, as ``options``, before it writes anything; every file it reads (its Path
    arguments, and the bundled dataset) is protected from being overwritten by --output."""
    from zonestats.io.inputs import bundled_path

    hints = typing.get_type_hints(command, include_extras=True)
    own = [
        parameter.replace(annotation=hints[parameter.name])
        for parameter in inspect.signature(command).parameters.values()
        if parameter.name != "options"
    ]
    shared = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
        for name, kind, default in SHARED_OPTIONS
    ]

    def run(**values: Any) -> None:
        chosen = {name: values.pop(name) for name, _, _ in SHARED_OPTIONS}
        inputs = tuple(_paths(values.values())) + (bundled_path(),)
        command(**values, options=output_options(**chosen, protected=inputs))

    run.__signature__ = inspect.Signature([*own, *shared])  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in [*own, *shared]}
    run.__name__, run.__doc__ = command.__name__, command.__doc__
    run.__module__, run.__qualname__ = command.__module__, command.__qualname__
    return run


def _paths(values: Any) -> list[Path]:
    found: list[Path] = []
    for value in values:
        if isinstance(value, Path):
            found.append(value)
        elif isinstance(value, list | tuple):
            found.extend(v for v in value if isinstance(v, Path))
    return found
