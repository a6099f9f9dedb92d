"""Tables for people on a screen: fitted to a terminal's width (zonestats.output.layout),
or at their natural width for pipes and files, where no cell may be wrapped or cut."""

from __future__ import annotations

from typing import IO

from zonestats.errors import printable
from zonestats.output.cells import display
from zonestats.output.layout import Grid, lay_out, wrap
from zonestats.output.options import Lang, OutputOptions
from zonestats.output.table import Column, Report, Table, head

_BOLD, _PLAIN = "\x1b[1m", "\x1b[0m"


def people_columns(table: Table, lang: Lang) -> list[Column]:
    return [c for c in table.columns if c.people and c.lang in (None, lang)]


def grid(table: Table, options: OutputOptions) -> Grid:
    """The table's text as people read it, in the chosen language and units."""
    columns = people_columns(table, options.lang)
    return Grid(
        title=printable(table.title) if table.title else None,
        headers=[c.header(options.lang) for c in columns],
        rows=[
            [display(c, record, options).split("\n") for c in columns] for record in table.records()
        ],
        right=[c.kind.numeric for c in columns],
        wraps=[c.wrap and not c.kind.numeric for c in columns],
        priority=[c.priority for c in columns],
        grouped=[c.group for c in columns],
    )


def write_table(table: Table, options: OutputOptions, out: IO[str]) -> None:
    out.write(_screen_text(table, options, budget=options.lines))


def write_report_table(report: Report, options: OutputOptions, out: IO[str]) -> None:
    width = options.env.width if options.terminal else None
    for line in map(printable, report.heading):
        out.write("".join(part + "\n" for part in (wrap(line, width) if width else [line])))
    for section in report.sections:  # a screenful of each on a terminal
        out.write("\n" + _screen_text(section, options, options.lines, section.title))


def _screen_text(
    table: Table, options: OutputOptions, budget: int | None, name: str | None = None
) -> str:
    """The table's lines: fitted and styled on a terminal, whole elsewhere. With a budget of
    screen lines, the rows that fit it, and a note on stderr of what was left out (naming
    the table, where it is one of a report's)."""
    width = options.env.width if options.terminal else None
    total = len(table.rows)
    if budget is not None and total > budget:  # a row takes a line at least: the rest
        table = head(table, budget)  # cannot fit, and is not laid out
    cells = grid(table, options)
    lines, starts, dropped = lay_out(cells, width)
    header_end = starts[0] if starts else len(lines)
    if budget is not None and len(lines) > budget and len(starts) > 1:
        fit = [s for s in starts[1:] if s <= budget] or [starts[1]]
        shown = starts.index(fit[-1])
        lines = lines[: fit[-1]]
        print(
            f"{f'{printable(name)}: ' if name else ''}"
            f"showing {shown:,} of {total:,} rows (a screenful); --limit 0 shows them "
            "all, --csv or -o FILE.xlsx writes them for a spreadsheet",
            file=options.env.stderr,
        )
    if dropped:
        print(
            f"left out at {width} columns: {', '.join(dropped)} "
            "(a wider terminal, --format csv or -o FILE.xlsx shows them)",
            file=options.env.stderr,
        )
    if options.terminal and options.env.color:
        lines = [
            f"{_BOLD}{line}{_PLAIN}" if i < header_end else line for i, line in enumerate(lines)
        ]
    return "".join(line + "\n" for line in lines)
