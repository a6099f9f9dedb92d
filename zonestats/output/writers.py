"""One writer per output format, and render(), which picks it from resolved options."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

from zonestats.errors import printable
from zonestats.output.cells import (
    FORMULA_START,
    delimited_cell,
    display,
    json_value,
    machine_cell,
    tidy_array,
)
from zonestats.output.copy import copy_rows
from zonestats.output.files import write_output
from zonestats.output.json_rows import json_rows
from zonestats.output.options import Format, OutputOptions
from zonestats.output.screen import people_columns, write_report_table, write_table
from zonestats.output.table import Report, Table, head, header_of
from zonestats.output.xlsx import write_xlsx


def render(table: Table | Report, options: OutputOptions, cited: Any = None) -> None:
    """Write a table or report to stdout or to the output file, in the chosen format; an
    xlsx file gets a sheet of the sources of ``cited`` (a dataset), read only then."""
    if cited is not None and options.format is Format.XLSX:
        from zonestats.output.views import source_table

        if isinstance(table, Report):
            table = table.rows
        table = dataclasses.replace(table, sources=source_table(cited.sources))
    if isinstance(table, Report):
        writer = _REPORT_WRITERS.get(options.format, _report_rows(_WRITERS[options.format]))
        table = _limited_report(table, options)
    else:
        writer = _WRITERS[options.format]
        table = _limited(table, options)
    options.format.check_output(options.output)
    if options.output is None:
        out = options.env.stdout
        escape = options.env.stdout_isatty and options.format in _FOR_PROGRAMS
        writer(table, options, _Escaping(out) if escape else out)
        out.flush()
        return
    write_output(
        options.output,
        lambda out: writer(table, options, out),
        binary=options.format.binary,
        protected=options.protected,
    )


_FOR_PROGRAMS = frozenset({Format.CSV, Format.TSV, Format.JSON, Format.JSONL})
"""Formats whose writers give data as it is; people's formats escape it cell by cell."""


class _Escaping:
    """A terminal as the stream of a writer for programs (CSV, JSON on a screen): control
    characters from data shown escaped, so that they cannot act on the terminal."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(printable(text, newlines=True))

    def flush(self) -> None:
        self._out.flush()


def _limited_report(report: Report, options: OutputOptions) -> Report:
    """A report cut to --limit rows: each section people read, or the rows table programs
    get (a JSON document is whole); one note on stderr of what was left out."""
    keep = options.limit
    if keep is None or options.format is Format.JSON:
        return report
    if not options.format.for_people:
        return dataclasses.replace(report, rows=_limited(report.rows, options))
    long = [len(s.rows) > keep for s in report.sections]
    if any(long):
        print(
            f"showing at most {keep:,} rows of each table ({sum(long)} of "
            f"{len(report.sections)} cut); --limit 0 shows them all, --csv or -o FILE.xlsx "
            "writes them for a spreadsheet",
            file=options.env.stderr,
        )
    sections = tuple(
        head(s, keep) if cut else s for s, cut in zip(report.sections, long, strict=True)
    )
    return dataclasses.replace(report, sections=sections)


def _limited(table: Table, options: OutputOptions) -> Table:
    """The first --limit rows, with a note on stderr of what was left out and how to see it."""
    total = len(table.rows)
    if options.limit is None or total <= options.limit:
        return table
    print(
        f"showing {options.limit:,} of {total:,} rows; --limit 0 shows them all, "
        "--csv or -o FILE.xlsx writes them for a spreadsheet",
        file=options.env.stderr,
    )
    return head(table, options.limit)


def _machine_view(table: Table) -> tuple[list[str], list[int]]:
    """The keys and positions of the columns programs get."""
    picked = [(i, c.key) for i, c in enumerate(table.columns) if c.machine]
    return [key for _, key in picked], [i for i, _ in picked]


def _write_delimited(table: Table, options: OutputOptions, out: IO[str], delimiter: str) -> None:
    import csv

    if options.bom:
        out.write("\ufeff")
    keys, positions = _machine_view(table)
    headers = [header_of(table.columns[i], options) for i in positions]
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerow(headers)
    _delimited_rows(table, out, delimiter)


def _delimited_rows(table: Table, out: IO[str], delimiter: str) -> None:
    """A table's rows as CSV or TSV (a header row is written alike either way)."""
    keys, positions = _machine_view(table)
    if table.frame is not None:
        frame = table.frame[keys]
        if not copy_rows(frame, out, delimiter):  # a large table: the same bytes, by COPY
            _frame_rows(frame, out, delimiter)
        return
    _write_rows([[delimited_cell(row[i]) for i in positions] for row in table.rows], out, delimiter)


def _frame_rows(frame: Any, out: IO[str], delimiter: str) -> None:
    """A frame's rows as the row writer writes them, computed column by column."""
    _write_rows(list(zip(*_columns_as_text(frame), strict=True)), out, delimiter)


def _write_rows(rows: list[Sequence[str]], out: IO[str], delimiter: str) -> None:
    import csv

    if any(_has_carriage_return(row) for row in rows):
        # The csv module quotes a cell for the characters of its line terminator only: with
        # "\r\n" a cell holding a lone CR is quoted too, and each row's end becomes "\n".
        writer = csv.writer(_RowEnds(out), delimiter=delimiter, lineterminator="\r\n")
    else:
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerows(rows)


LINE_FORMATS = frozenset({Format.CSV, Format.TSV, Format.JSONL})
"""Formats of one record a line, which a table written in parts (a part a worker) gives
byte for byte as a whole."""


def body_text(table: Table, format: Format) -> str:
    """A table's records as a line format writes them after its header (CSV, TSV: the
    rows; JSONL: every line): what a part of a table written in parts is."""
    import io

    out = io.StringIO()
    if format is Format.JSONL:
        _jsonl_rows(table, out)
    else:
        _delimited_rows(table, out, "\t" if format is Format.TSV else ",")
    return out.getvalue()


def render_parts(columns: Table, parts: Iterable[str], options: OutputOptions) -> None:
    """Write a table of a line format from its parts (body_text of each), after the header
    of `columns` (a table of no rows with the table's columns), as render writes the whole."""
    if options.format not in LINE_FORMATS:
        raise ValueError(f"{options.format.value} is not written in parts")

    def write(out: Any) -> None:  # a stream, or a terminal's escaping one
        _WRITERS[options.format](columns, options, out)  # the header alone
        for part in parts:
            out.write(part)

    if options.output is None:
        out = options.env.stdout
        write(_Escaping(out) if options.env.stdout_isatty else out)
        out.flush()
        return
    write_output(options.output, write, protected=options.protected)


def _has_carriage_return(cells: Sequence[str]) -> bool:
    return "\r" in "".join(cells)  # one pass in C over a column or a row


class _RowEnds:
    """A stream for a csv writer ending rows with "\r\n": it writes them ending with "\n"."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out

    def write(self, row: str) -> int:
        return self._out.write(row[:-2] + "\n")


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
            formula = text.str.startswith(FORMULA_START)
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
    text[rest] = list(map(repr, tidy_array(values[rest]).tolist()))
    result: list[str] = text.tolist()
    return result


def _write_csv(table: Table, options: OutputOptions, out: IO[str]) -> None:
    _write_delimited(table, options, out, ",")


def _write_tsv(table: Table, options: OutputOptions, out: IO[str]) -> None:
    _write_delimited(table, options, out, "\t")


def _json_records(table: Table) -> list[dict[str, Any]]:
    keys, positions = _machine_view(table)
    return [
        {key: json_value(machine_cell(row[i])) for key, i in zip(keys, positions, strict=True)}
        for row in table.rows
    ]


def _write_json(table: Table, options: OutputOptions, out: IO[str]) -> None:
    import json

    if _frame_records(table, out, indented=True):
        return
    json.dump(_json_records(table), out, ensure_ascii=False, indent=2, allow_nan=False)
    out.write("\n")


def _write_jsonl(table: Table, options: OutputOptions, out: IO[str]) -> None:
    _jsonl_rows(table, out)


def _jsonl_rows(table: Table, out: IO[str]) -> None:
    import json

    if _frame_records(table, out, indented=False):
        return
    for record in _json_records(table):
        out.write(json.dumps(record, ensure_ascii=False, allow_nan=False))
        out.write("\n")


def _frame_records(table: Table, out: IO[str], *, indented: bool) -> bool:
    """A large table's records, written column by column (the same bytes); False, having
    written nothing, where the table has no frame or is short."""
    if table.frame is None:
        return False
    keys, _ = _machine_view(table)
    return json_rows(table.frame[keys], out, indented=indented)


def _escape_markdown(text: str) -> str:
    """A cell on one line of a Markdown table (line breaks are already escaped or spaces)."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _write_markdown(table: Table, options: OutputOptions, out: IO[str]) -> None:
    columns = people_columns(table, options.lang)
    headers = [_escape_markdown(c.header(options.lang)) for c in columns]
    out.write("| " + " | ".join(headers) + " |\n")
    aligns = ["---:" if c.kind.numeric else "---" for c in columns]
    out.write("| " + " | ".join(aligns) + " |\n")
    for record in table.records():
        cells = [_escape_markdown(display(c, record, options)) for c in columns]
        out.write("| " + " | ".join(cells) + " |\n")


def write_parquet(table: Table, options: OutputOptions, out: IO[bytes]) -> None:
    """The machine columns as a Parquet file: numbers as numbers, text as it is (no
    spreadsheet reads it, so nothing is neutralised)."""
    import io

    import pandas as pd

    keys, positions = _machine_view(table)
    if table.frame is not None:
        frame = table.frame[keys]
    else:
        rows = [[machine_cell(row[i]) for i in positions] for row in table.rows]
        frame = pd.DataFrame(rows, columns=keys)
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    out.write(buffer.getvalue())


def _write_report_markdown(report: Report, options: OutputOptions, out: IO[str]) -> None:
    for line in map(printable, report.heading):
        out.write(line + "  \n" if line else "\n")
    for section in report.sections:
        out.write(f"\n### {printable(section.title)}\n\n" if section.title else "\n")
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
    Format.TABLE: write_report_table,
    Format.MARKDOWN: _write_report_markdown,
    Format.JSON: _write_report_json,
}

_WRITERS: dict[Format, Callable[[Table, OutputOptions, Any], None]] = {
    Format.TABLE: write_table,
    Format.CSV: _write_csv,
    Format.TSV: _write_tsv,
    Format.JSON: _write_json,
    Format.JSONL: _write_jsonl,
    Format.MARKDOWN: _write_markdown,
    Format.XLSX: write_xlsx,
    Format.PARQUET: write_parquet,
}
