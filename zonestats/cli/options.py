"""The command line's options, declared once and listed in each command, and their
resolution into the library's values before anything is written."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zonestats.output.env import Environment
from zonestats.output.options import Format, Headers, Lang, OutputOptions, Units, resolve_format

DataOption = Annotated[
    list[str] | None,
    typer.Option(
        "--data",
        "-d",
        help="Input: a YAML dataset, a long table (.csv, .tsv, .jsonl, .parquet; .csv.gz and "
        "so on), a folder of them, a glob ('panel/*.csv') or - for what is piped in; repeat "
        "it for several (default: the bundled dataset).",
        metavar="PATH",
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
        metavar="FILE",
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
        help="At most N rows, in any format; 0 for all. A table on a terminal shows the "
        "rows that fit a screen (elsewhere 1000 rows) unless told.",
        metavar="N",
        show_default=False,
    ),
]
HeadersOption = Annotated[
    Headers,
    typer.Option(
        "--headers",
        help="The header row of csv, tsv and xlsx: the stable keys, or zh for Chinese labels.",
        case_sensitive=False,
    ),
]
ProvinceOption = Annotated[
    str | None,
    typer.Option("--province", help="Only the zones of this province, e.g. 江苏.", metavar="NAME"),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="Publication date YYYY-MM-DD, to resolve 去年, 今年, 4年前 "
        "(default: the date the report states).",
        metavar="DATE",
    ),
]
CategoryOption = Annotated[
    str | None, typer.Option("--category", "-c", help="Only this category.", metavar="NAME")
]


def complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of indicator ids: those of the --data inputs already typed, or of
    the bundled dataset; nothing where they cannot be read."""
    try:
        from zonestats.io.inputs import load, resolve

        dataset = load(resolve(ctx.params.get("data")))
        return [i.id for i in dataset.indicators if i.id.startswith(incomplete)]
    except Exception:  # noqa: BLE001 (a completion never fails the shell)
        return []


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
    headers: Headers = Headers.KEYS,
    protected: tuple[Path, ...] = (),
    env: Environment | None = None,
) -> OutputOptions:
    """Resolve the shared output options, before any output is written."""
    env = env or Environment.from_system()
    if output is not None and str(output) == "-":
        output = None  # -o - is standard output
    chosen = resolve_format(format, output, as_csv, as_json)
    to_terminal = output is None and env.stdout_isatty
    lines = None
    if limit is None and chosen is Format.TABLE:
        if to_terminal:
            lines = max(10, env.height - 3)  # a screenful, counted in lines
        else:
            limit = TABLE_ROWS_OFF_TERMINAL
    return OutputOptions(
        format=chosen,
        output=output,
        lang=lang,
        units=units,
        bom=bom,
        limit=limit or None,
        lines=lines,
        headers=headers,
        protected=protected,
        env=env,
    )


FromOption = Annotated[
    str | None,
    typer.Option("--from", help="Start period, e.g. 2016 (default: the first).", metavar="PERIOD"),
]
ToOption = Annotated[
    str | None,
    typer.Option("--to", help="End period, e.g. 2021 (default: the last).", metavar="PERIOD"),
]
AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        help="End at each zone's latest observation at or before this period, e.g. 2021.",
        metavar="PERIOD",
    ),
]
CommonFlag = Annotated[bool, typer.Option("--common", help="Only the indicators every zone has.")]
StepsFlag = Annotated[
    bool,
    typer.Option("--steps", help="Every step between consecutive observations, with its span."),
]
