"""Command-line options declared once, and their resolution into OutputOptions."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from zonestats.render import Format, Lang, OutputOptions, Units, resolve_format

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        help="Dataset file (default: the bundled one).",
        dir_okay=True,
        show_default=False,
    ),
]
DataFilesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        "-d",
        help="Dataset file; repeat it to put several zones or reports side by side "
        "(default: the bundled one).",
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
    format: Format | None,
    csv: bool,
    json: bool,
    output: Path | None,
    lang: Lang,
    units: Units,
    bom: bool,
    protected: tuple[Path, ...] = (),
    limit: int | None = None,
) -> OutputOptions:
    """Resolve the shared output options, before any output is written."""
    chosen = resolve_format(format, output, csv, json)
    to_terminal = output is None and sys.stdout.isatty()
    color = False if os.environ.get("NO_COLOR") or not to_terminal else None
    if limit is None and chosen is Format.TABLE:
        screen = shutil.get_terminal_size().lines
        limit = max(10, screen - 8) if to_terminal else TABLE_ROWS_OFF_TERMINAL
    return OutputOptions(
        format=chosen,
        output=output,
        lang=lang,
        units=units,
        bom=bom,
        color=color,
        protected=protected,
        limit=limit or None,
    )
