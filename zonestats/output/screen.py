"""Tables for people on a screen: fitted to a terminal with rich, or at natural width
for pipes and files."""

from __future__ import annotations

from typing import IO, Any

from zonestats.errors import printable
from zonestats.output.cells import display
from zonestats.output.options import Lang, OutputOptions
from zonestats.output.table import Column, Report, Table


def people_columns(table: Table, lang: Lang) -> list[Column]:
    return [c for c in table.columns if c.people and c.lang in (None, lang)]


def console(options: OutputOptions, out: IO[str]) -> Any:
    from rich.console import Console

    env = options.env
    return Console(
        file=out,
        highlight=False,
        width=env.width,
        force_terminal=True,
        color_system="auto" if env.color else None,
    )


def write_table(table: Table, options: OutputOptions, out: IO[str]) -> None:
    if options.terminal:
        console(options, out).print(_rich_table(table, options))
    else:
        out.write(_plain_table(table, options))


def _rich_table(table: Table, options: OutputOptions) -> Any:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    columns = people_columns(table, options.lang)
    rich_table = RichTable(
        title=Text(printable(table.title), style="table.title") if table.title else None,
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_edge=False,
    )
    for column in columns:
        numeric = column.kind.numeric
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
    columns = people_columns(table, options.lang)
    header = [[c.header(options.lang)] for c in columns]
    body = [
        [display(c, record, options).split("\n") for c in columns] for record in table.records()
    ]
    widths = [
        max(_cell_width(line) for row in [header, *body] for line in row[i])
        for i in range(len(columns))
    ]
    right = [c.kind.numeric for c in columns]
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
        title = printable(table.title)
        total = max(sum(widths) + 3 * len(widths) - 1, _cell_width(title))
        excess = total - _cell_width(title)
        lines.insert(0, " " * (excess // 2) + title + " " * (excess - excess // 2))
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


def write_report_table(report: Report, options: OutputOptions, out: IO[str]) -> None:
    if not options.terminal:
        out.write("".join(printable(line) + "\n" for line in report.heading))
        for section in report.sections:
            out.write("\n" + _plain_table(section, options))
        return
    screen = console(options, out)
    for line in report.heading:
        screen.print(printable(line), markup=False)
    for section in report.sections:
        screen.print()
        screen.print(_rich_table(section, options))
