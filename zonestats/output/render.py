"""Write a table in every output format: one writer per format, chosen from resolved options."""

from __future__ import annotations

import dataclasses
import math
import os
import stat
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from zonestats.errors import ZonestatsError
from zonestats.model.quantity import Qualifier, format_number, plain_number


class Format(StrEnum):
    """Output formats. table and markdown are for people; the rest are for programs."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"
    XLSX = "xlsx"

    @property
    def for_people(self) -> bool:
        return self in (Format.TABLE, Format.MARKDOWN)


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


class Units(StrEnum):
    """How table cells show numbers: Chinese form (800万台) or the raw base value."""

    CN = "cn"
    RAW = "raw"


class Kind(StrEnum):
    """What a column holds, which decides how people-facing formats show it."""

    TEXT = "text"
    NUMBER = "number"
    QUANTITY = "quantity"  # a value in base units; the row's unit and qualifier go with it
    CHANGE = "change"  # a signed quantity: +790万台, -80位
    FRACTION = "fraction"  # 0.401 shown as 40.1%
    MULTIPLE = "multiple"  # 80.0 shown as 80×
    FLAG = "flag"  # True / False / None shown as yes / no / blank


_EXTENSIONS = {
    ".csv": Format.CSV,
    ".tsv": Format.TSV,
    ".tab": Format.TSV,
    ".json": Format.JSON,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".txt": Format.TABLE,
    ".xlsx": Format.XLSX,
}


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its key in machine formats, its headers for people, and what it holds."""

    key: str
    zh: str
    en: str
    kind: Kind = Kind.TEXT
    unit_key: str = "unit"
    qualifier_key: str = "qualifier"
    wrap: bool = True  # False: never break the cell (ids, periods)
    people: bool = True  # False: machine formats only (the unit shown inside a quantity)
    machine: bool = True  # False: people's formats only (a display column built from others)
    lang: Lang | None = None  # people's formats show it only in this language (name, name_en)

    def header(self, lang: Lang) -> str:
        return self.zh if lang is Lang.ZH else self.en


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of plain values (numbers in base units, None for nothing) under typed columns.

    A table made from a DataFrame keeps it, so that CSV and TSV are written column-wise.
    """

    columns: tuple[Column, ...]
    rows: Sequence[Sequence[Any]]
    title: str | None = None
    frame: Any = None

    def records(self) -> list[dict[str, Any]]:
        keys = [c.key for c in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]


@dataclass(frozen=True, slots=True)
class Report:
    """A document of several tables, such as the summary.

    People's formats print the heading and every section; json writes ``data``; the other
    machine formats write the ``rows`` table.
    """

    heading: tuple[str, ...]
    sections: tuple[Table, ...]
    data: dict[str, Any]
    rows: Table


def table_from_frame(frame: Any, columns: Sequence[Column], title: str | None = None) -> Table:
    """A Table over a pandas DataFrame's columns (missing values become None)."""
    selected = frame[[c.key for c in columns]]
    return Table(tuple(columns), _FrameRows(selected), title, selected)


class _FrameRows(Sequence[tuple[Any, ...]]):
    """A DataFrame's rows as tuples of plain values, made only when someone reads them."""

    def __init__(self, frame: Any) -> None:
        self._frame = frame
        self._rows: list[tuple[Any, ...]] | None = None

    def _materialise(self) -> list[tuple[Any, ...]]:
        if self._rows is None:
            values = self._frame.astype(object)
            values = values.where(values.notna(), None)
            self._rows = list(values.itertuples(index=False, name=None))
        return self._rows

    def __len__(self) -> int:
        return len(self._frame)

    def __getitem__(self, index: Any) -> Any:
        return self._materialise()[index]

    def __iter__(self) -> Any:
        return iter(self._materialise())


@dataclass(frozen=True, slots=True)
class OutputOptions:
    """Output choices, resolved from the command line before anything is written."""

    format: Format = Format.TABLE
    output: Path | None = None
    lang: Lang = Lang.ZH
    units: Units = Units.CN
    bom: bool = False
    terminal: bool = False  # written to a terminal: tables are fitted to its width
    color: bool = True  # on a terminal, styled (False with NO_COLOR: no escape codes at all)
    protected: tuple[Path, ...] = field(default=())  # inputs that must never be overwritten
    limit: int | None = None  # at most this many rows; None for all


def resolve_format(
    requested: Format | None, output: Path | None, csv_flag: bool = False, json_flag: bool = False
) -> Format:
    """The format from --format, --csv/--json and the output file's extension, in that order."""
    chosen = [f for f, on in ((Format.CSV, csv_flag), (Format.JSON, json_flag)) if on]
    if requested is not None:
        chosen.append(requested)
    if len(set(chosen)) > 1:
        raise ZonestatsError(f"choose one format, not {' and '.join(sorted(set(chosen)))}")
    if chosen:
        if chosen[0] is Format.XLSX and output is None:
            raise ZonestatsError("xlsx is written to a file: add --output FILE.xlsx")
        return chosen[0]
    if output is not None:
        suffix = output.suffix.lower()
        if suffix not in _EXTENSIONS:
            known = ", ".join(sorted(_EXTENSIONS))
            raise ZonestatsError(
                f"cannot tell the format of {output} from its extension ({known}); add --format"
            )
        return _EXTENSIONS[suffix]
    return Format.TABLE


def render(table: Table | Report, options: OutputOptions) -> None:
    """Write a table or report to stdout or to the output file, in the chosen format."""
    if isinstance(table, Report):
        writer = _REPORT_WRITERS.get(options.format, _report_rows(_WRITERS[options.format]))
    else:
        writer = _WRITERS[options.format]
        table = _limited(table, options)
    if options.output is None:
        if options.format is Format.XLSX:
            raise ZonestatsError("xlsx is written to a file: add --output FILE.xlsx")
        writer(table, options, sys.stdout)
        sys.stdout.flush()
        return
    write_atomically(
        options.output,
        lambda out: writer(table, options, out),
        binary=options.format is Format.XLSX,
        protected=options.protected,
    )


def _limited(table: Table, options: OutputOptions) -> Table:
    """The first --limit rows, with a note on stderr of what was left out and how to see it."""
    total = len(table.rows)
    if options.limit is None or total <= options.limit:
        return table
    keep = options.limit
    print(
        f"showing {keep:,} of {total:,} rows; --limit 0 shows them all, "
        "--csv or -o FILE.xlsx writes them for a spreadsheet",
        file=sys.stderr,
    )
    if table.frame is not None:
        return table_from_frame(table.frame.head(keep), table.columns, table.title)
    return Table(table.columns, list(table.rows[:keep]), table.title)


def write_atomically(
    target: Path,
    write: Callable[[IO[Any]], None],
    binary: bool = False,
    protected: tuple[Path, ...] = (),
) -> None:
    """Write to a temporary file beside the target, then rename: no half-written files.

    Refuses to replace any of the ``protected`` inputs.
    """
    import tempfile

    resolved = target.resolve()
    if any(resolved == p.resolve() for p in protected):
        raise ZonestatsError(f"{target}: refusing to overwrite an input file")
    if target.is_dir():
        raise ZonestatsError(f"{target}: is a directory")
    directory = resolved.parent
    if not directory.is_dir():
        raise ZonestatsError(f"{target}: the folder {directory} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    try:
        out: IO[Any]
        with (
            open(handle, "wb") if binary else open(handle, "w", encoding="utf-8", newline="")
        ) as out:
            write(out)
        os.chmod(temporary, _file_mode(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _file_mode(target: Path) -> int:
    """The replaced file's permissions, or what a new file gets under the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# ---- cells -------------------------------------------------------------------------------


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def display(column: Column, row: dict[str, Any], options: OutputOptions) -> str:
    """A cell as people read it, following --units."""
    value = row[column.key]
    if _is_missing(value):
        return ""
    if column.kind is Kind.QUANTITY:
        if options.units is Units.RAW:
            return plain_number(value)
        qualifier = Qualifier(row.get(column.qualifier_key) or Qualifier.EXACT)
        text = format_number(value) + (row.get(column.unit_key) or "")
        return f"{qualifier.symbol} {text}" if qualifier.symbol else text
    if column.kind is Kind.CHANGE:
        if options.units is Units.RAW:
            return plain_number(value)
        sign = "+" if value > 0 else "-" if value < 0 else ""
        qualifier = Qualifier(row.get(column.qualifier_key) or Qualifier.EXACT)
        text = sign + format_number(abs(value)) + (row.get(column.unit_key) or "")
        return f"{qualifier.symbol} {text}" if qualifier.symbol else text
    if column.kind is Kind.FRACTION:
        return f"{value:.1%}" if options.units is Units.CN else plain_number(value)
    if column.kind is Kind.MULTIPLE:
        return f"{value:.3g}×" if options.units is Units.CN else plain_number(value)
    if column.kind is Kind.FLAG:
        return "✓" if value else "✗"
    if column.kind is Kind.NUMBER:
        if options.units is Units.CN and isinstance(value, float | int):
            return f"{value:,.10g}" if not float(value).is_integer() else f"{int(value):,}"
        return plain_number(value)
    return str(value)


def _machine_cell(value: Any) -> Any:
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if math.isinf(value):
            return None
        return value
    if hasattr(value, "item"):  # numpy scalars
        return _machine_cell(value.item())
    return str(value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Keep a spreadsheet from running a text cell as a formula: a leading ' disarms it."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _delimited_cell(value: Any) -> str:
    value = _machine_cell(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return plain_number(value)
    return neutralise(value)


# ---- writers -----------------------------------------------------------------------------


def _machine_view(table: Table) -> tuple[list[str], list[int]]:
    """The keys and positions of the columns programs get."""
    picked = [(i, c.key) for i, c in enumerate(table.columns) if c.machine]
    return [key for _, key in picked], [i for i, _ in picked]


def _write_delimited(table: Table, options: OutputOptions, out: IO[str], delimiter: str) -> None:
    import csv

    if options.bom:
        out.write("\ufeff")
    keys, positions = _machine_view(table)
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(keys)
    if table.frame is not None:
        writer.writerows(zip(*_columns_as_text(table.frame[keys]), strict=True))
        return
    for row in table.rows:
        writer.writerow([_delimited_cell(row[i]) for i in positions])


def _columns_as_text(frame: Any) -> list[list[str]]:
    """Every cell as the row-by-row writer would write it, computed column by column."""
    import numpy as np
    import pandas as pd

    columns = []
    for key in frame.columns:
        column = frame[key]
        if pd.api.types.is_bool_dtype(column):
            text = column.map({True: "true", False: "false"}, na_action="ignore")
            columns.append(text.astype(object).where(column.notna(), "").tolist())
        elif pd.api.types.is_float_dtype(column):
            columns.append(_numbers_as_text(column.to_numpy(dtype="float64", na_value=np.nan)))
        elif pd.api.types.is_integer_dtype(column):
            columns.append(column.astype(str).astype(object).where(column.notna(), "").tolist())
        else:
            text = column.where(column.notna(), "").astype(str)
            formula = text.str.startswith(_FORMULA_START)
            if formula.any():
                text = text.where(~formula, "'" + text)
            columns.append(text.tolist())
    return columns


def _numbers_as_text(values: Any) -> list[str]:
    """plain_number for a whole array: integral values by integer formatting, the rest by
    repr (Python's shortest round-trip text), nothing for NaN and infinities."""
    import numpy as np

    text = np.full(len(values), "", dtype=object)
    finite = np.isfinite(values)
    with np.errstate(invalid="ignore"):
        integral = finite & (values == np.trunc(values)) & (np.abs(values) < 1e16)
    text[integral] = list(map(str, values[integral].astype(np.int64).tolist()))
    text[integral & np.signbit(values) & (values == 0)] = "-0"  # as repr(-0.0) reads
    rest = finite & ~integral
    text[rest] = list(map(repr, values[rest].tolist()))
    result: list[str] = text.tolist()
    return result


def _write_csv(table: Table, options: OutputOptions, out: IO[str]) -> None:
    _write_delimited(table, options, out, ",")


def _write_tsv(table: Table, options: OutputOptions, out: IO[str]) -> None:
    _write_delimited(table, options, out, "\t")


def _json_records(table: Table) -> list[dict[str, Any]]:
    keys, positions = _machine_view(table)
    return [
        {key: _machine_cell(row[i]) for key, i in zip(keys, positions, strict=True)}
        for row in table.rows
    ]


def _write_json(table: Table, options: OutputOptions, out: IO[str]) -> None:
    import json

    json.dump(_json_records(table), out, ensure_ascii=False, indent=2, allow_nan=False)
    out.write("\n")


def _write_jsonl(table: Table, options: OutputOptions, out: IO[str]) -> None:
    import json

    for record in _json_records(table):
        out.write(json.dumps(record, ensure_ascii=False, allow_nan=False))
        out.write("\n")


def _escape_markdown(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _people_columns(table: Table, lang: Lang) -> list[Column]:
    return [c for c in table.columns if c.people and c.lang in (None, lang)]


def _write_markdown(table: Table, options: OutputOptions, out: IO[str]) -> None:
    columns = _people_columns(table, options.lang)
    headers = [_escape_markdown(c.header(options.lang)) for c in columns]
    out.write("| " + " | ".join(headers) + " |\n")
    aligns = ["---:" if c.kind is not Kind.TEXT else "---" for c in columns]
    out.write("| " + " | ".join(aligns) + " |\n")
    for record in table.records():
        cells = [_escape_markdown(display(c, record, options)) for c in columns]
        out.write("| " + " | ".join(cells) + " |\n")


def _console(options: OutputOptions, out: IO[str]) -> Any:
    from rich.console import Console

    return Console(file=out, highlight=False, color_system="auto" if options.color else None)


def _write_table(table: Table, options: OutputOptions, out: IO[str]) -> None:
    if options.terminal:
        _console(options, out).print(_rich_table(table, options))
    else:
        out.write(_plain_table(table, options))


def _rich_table(table: Table, options: OutputOptions) -> Any:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    columns = _people_columns(table, options.lang)
    rich_table = RichTable(
        title=Text(table.title, style="table.title") if table.title else None,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
    )
    for column in columns:
        numeric = column.kind is not Kind.TEXT
        rich_table.add_column(
            column.header(options.lang),
            justify="right" if numeric else "left",
            overflow="fold" if column.wrap and not numeric else "ellipsis",
            no_wrap=numeric or not column.wrap,
        )
    for record in table.records():
        rich_table.add_row(*(Text(display(c, record, options)) for c in columns))
    return rich_table


def _plain_table(table: Table, options: OutputOptions) -> str:
    """The table as a terminal shows it (title, header, rule, padded cells), at its natural
    width: for pipes and files, where no cell may be wrapped or cut."""
    columns = _people_columns(table, options.lang)
    header = [[c.header(options.lang)] for c in columns]
    body = [
        [display(c, record, options).split("\n") for c in columns] for record in table.records()
    ]
    widths = [
        max(_cell_width(line) for row in [header, *body] for line in row[i])
        for i in range(len(columns))
    ]
    right = [c.kind is not Kind.TEXT for c in columns]
    lines: list[str] = []
    for row in [header, *body]:
        for depth in range(max(len(cell) for cell in row)):
            cells = []
            for lines_of_cell, width, to_right in zip(row, widths, right, strict=True):
                text = lines_of_cell[depth] if depth < len(lines_of_cell) else ""
                gap = " " * (width - _cell_width(text))
                cells.append(f" {gap}{text} " if to_right else f" {text}{gap} ")
            lines.append(" ".join(cells))
        if row is header:
            lines.append("─" * (sum(widths) + 3 * len(widths) - 1))
    if table.title:
        total = max(sum(widths) + 3 * len(widths) - 1, _cell_width(table.title))
        excess = total - _cell_width(table.title)
        lines.insert(0, " " * (excess // 2) + table.title + " " * (excess - excess // 2))
    return "".join(line + "\n" for line in lines)


def _cell_width(text: str) -> int:
    """Columns a text takes on a terminal: two for wide (CJK) characters, none for marks."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _write_xlsx(table: Table, options: OutputOptions, out: IO[bytes]) -> None:
    import io

    try:
        from openpyxl import Workbook
    except ImportError:
        raise ZonestatsError(
            "writing .xlsx needs openpyxl: pip install 'zonestats[xlsx]'"
        ) from None
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="zonestats")
    keys, positions = _machine_view(table)
    sheet.append(keys)
    for row in table.rows:
        cells = []
        for value in (row[i] for i in positions):
            value = _machine_cell(value)
            cells.append(neutralise(value) if isinstance(value, str) else value)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    out.write(buffer.getvalue())


def _write_report_table(report: Report, options: OutputOptions, out: IO[str]) -> None:
    if not options.terminal:
        out.write("".join(line + "\n" for line in report.heading))
        for section in report.sections:
            out.write("\n" + _plain_table(section, options))
        return
    console = _console(options, out)
    for line in report.heading:
        console.print(line, markup=False)
    for section in report.sections:
        console.print()
        console.print(_rich_table(section, options))


def _write_report_markdown(report: Report, options: OutputOptions, out: IO[str]) -> None:
    for line in report.heading:
        out.write(line + "  \n" if line else "\n")
    for section in report.sections:
        out.write(f"\n### {section.title}\n\n" if section.title else "\n")
        _write_markdown(dataclasses.replace(section, title=None), options, out)


def _write_report_json(report: Report, options: OutputOptions, out: IO[str]) -> None:
    import json

    json.dump(report.data, out, ensure_ascii=False, indent=2, allow_nan=False)
    out.write("\n")


def _report_rows(writer: Callable[[Table, OutputOptions, Any], None]) -> Any:
    def write(report: Report, options: OutputOptions, out: Any) -> None:
        writer(report.rows, options, out)

    return write


_REPORT_WRITERS: dict[Format, Callable[[Report, OutputOptions, Any], None]] = {
    Format.TABLE: _write_report_table,
    Format.MARKDOWN: _write_report_markdown,
    Format.JSON: _write_report_json,
}

_WRITERS: dict[Format, Callable[[Table, OutputOptions, Any], None]] = {
    Format.TABLE: _write_table,
    Format.CSV: _write_csv,
    Format.TSV: _write_tsv,
    Format.JSON: _write_json,
    Format.JSONL: _write_jsonl,
    Format.MARKDOWN: _write_markdown,
    Format.XLSX: _write_xlsx,
}
