"""Read a long table of observations (.csv, .tsv, .jsonl, .parquet, or .json as a list of
records, as `export` writes them) into a DataFrame of its cells, for zonestats.io.columns
to check.

Every cell of a text format is read as the text written: `0101` stays `0101`, `2.00` stays
`2.00`, and a number is checked by its field's converter like any YAML scalar. Only
Parquet, whose columns carry their own types, gives numbers as numbers.
"""

from __future__ import annotations

import io
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from zonestats.errors import DataError, Problem
from zonestats.io.compressed import unpacked
from zonestats.io.json_table import JSON_LINES, json_cells
from zonestats.io.kinds import BLANK, SNIFF, first_text, kind_of
from zonestats.io.parquet_table import parquet_chunks
from zonestats.io.text import check_input
from zonestats.model.fields import COLUMN_FIELDS

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from zonestats.io.record_lines import RecordLines

T = TypeVar("T")


def read_cells(path: Path) -> tuple[pd.DataFrame, np.ndarray]:
    """The file as a table of cells, and each row's line (a text table's header is line 1;
    a blank line of JSON Lines counts)."""
    [(cells, lines)] = read_chunks(path, None)
    return cells, lines


def read_chunks(path: Path, rows: int | None) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    """The file's cells in tables of at most ``rows`` rows (all in one where None; JSON is
    always one), each with its rows' lines; at least one table, empty where the file has no
    rows. The problem that makes a file unreadable is raised when it is met."""
    name = str(path)
    check_input(path)
    suffix = kind_of(path)
    with unpacked(path) as readable:
        yield from _read_chunks(path, _source(readable, name), suffix, rows)


def _read_chunks(
    path: Path, source: Any, suffix: str, rows: int | None
) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    import numpy as np
    import pandas as pd

    name = str(path)
    try:
        if suffix == ".parquet":
            chunks = parquet_chunks(source, name, rows)
            yield from _with_partitions(((c, _consecutive(f, len(c))) for c, f in chunks), path)
            return
        _refuse_binary(source, name)
        _refuse_blank(source, name)
        if suffix in (*JSON_LINES, ".json"):
            cells, numbers = json_cells(source, name, lines=suffix != ".json")
            yield with_partitions(cells, path), np.asarray(numbers, dtype=np.int64)
            return
        separator = "\t" if suffix in (".tsv", ".tab") else ","
        yield from _with_partitions(_delimited_chunks(source, name, separator, rows), path)
    except UnicodeDecodeError as error:
        _explain_not_utf8(source, name)
        problem = Problem(name, "not-utf8", f"not UTF-8 text: {error.reason}")
        raise DataError.at(problem) from None
    except (ValueError, pd.errors.ParserError) as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable"
        raise DataError.at(_unreadable(message, source, suffix, name)) from None
    except OSError as error:
        problem = Problem(name, "unreadable-file", f"cannot read the file: {error.strerror}")
        raise DataError.at(problem) from None


_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_OPEN_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")
_NEVER_CLOSED = "a quote opened on this line is never closed"


def _unreadable(message: str, source: Any, suffix: str, name: str) -> Problem:
    """Why a table cannot be read; for a CSV or TSV whose rows do not fit its header, or
    whose quote is never closed, in plain words at the line an editor shows."""
    from zonestats.io.record_lines import segment_line

    separator = "\t" if suffix in (".tsv", ".tab") else ","
    if fields := _FIELDS.search(message):
        expected, line, saw = (int(n) for n in fields.groups())
        at = segment_line(source, separator, line - 1)
        text = f"a row of {_cells(saw)}, where the header has {expected}"
        return Problem(name, "unreadable-table", f"cannot read the table: {text}", at or line)
    if quote := _OPEN_QUOTE.search(message):
        at = segment_line(source, separator, int(quote.group(1)))
        return Problem(name, "unreadable-table", f"cannot read the table: {_NEVER_CLOSED}", at)
    return Problem(name, "unreadable-table", f"cannot read the table: {message}")


def _with_partitions(
    chunks: Iterator[tuple[pd.DataFrame, np.ndarray]], path: Path
) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    """Each table with its partitions' columns, and its rows' lines."""
    for cells, lines in chunks:
        yield with_partitions(cells, path), lines


def _consecutive(first: int, rows: int) -> np.ndarray:
    import numpy as np

    return np.arange(first, first + rows, dtype=np.int64)


_HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"


def with_partitions(cells: pd.DataFrame, path: Path) -> pd.DataFrame:
    """The cells with the columns a partitioned layout keeps in the file's folders
    (panel/period=2021/part.parquet: period 2021 on every row), where the file has none of
    its own; values as the folders write them (%-escaped), read as text. A folder named
    with = for a column zonestats does not know is no partition."""
    from urllib.parse import unquote

    import pandas as pd
    import pyarrow as pa

    for folder in path.parent.parts:
        column, equals, value = folder.partition("=")
        if not equals or column not in COLUMN_FIELDS or column in cells.columns:
            continue  # not a partition of a column of ours (/data/run=3/), or the file's own
        text = None if value == _HIVE_NULL else unquote(value)
        values = pa.array([text] * len(cells), type=pa.large_string())
        cells[column] = pd.arrays.ArrowStringArray(pa.chunked_array([values]))
    return cells


def _source(path: Path, name: str) -> Any:
    """What a reader reads: the path of a regular file (not empty), or the bytes of a pipe
    (read once, within the input limit)."""
    from zonestats.io.text import read_bytes

    if stat.S_ISFIFO(path.stat().st_mode):
        data = read_bytes(path)
        if not data:
            raise DataError.at(Problem(name, "empty-file", "the file is empty"))
        return io.BytesIO(data)
    if path.stat().st_size == 0:
        raise DataError.at(Problem(name, "empty-file", "the file is empty"))
    return path


def _explain_not_utf8(source: Any, name: str) -> None:
    """Raise the problem that says where text stops being UTF-8, and whether the file looks
    like GB18030."""
    from zonestats.io.text import decode

    decode(source.read_bytes() if isinstance(source, Path) else source.getvalue(), name)


def _refuse_blank(source: Any, name: str) -> None:
    """A text file of nothing but white space (and a BOM) holds no table."""
    if isinstance(source, Path):
        with source.open("rb") as file:
            start = first_text(file)
    else:
        start = source.getvalue().lstrip(BLANK)
    if not start:
        raise DataError.at(Problem(name, "empty-file", "the file holds nothing but white space"))


def _head(source: Any) -> bytes:
    """A text file's first bytes, enough to tell what it holds."""
    if isinstance(source, Path):
        with source.open("rb") as file:
            return file.read(SNIFF)
    head: bytes = source.getvalue()[:SNIFF]
    return head


def _refuse_binary(source: Any, name: str) -> None:
    """A binary file is refused as binary-file, by the rule every text input follows."""
    from zonestats.io.text import decode

    try:
        decode(_head(source), name, reject_binary=True)
    except DataError as error:
        if error.code == "binary-file":
            raise
        # Anything else about the text is said by the reader, which sees all of it.


def csv_options(separator: str) -> dict[str, Any]:
    """How the table reader reads a CSV or TSV: every column as text, only an empty cell
    missing."""
    import pandas as pd
    import pyarrow as pa

    return {
        "sep": separator,
        "dtype": pd.ArrowDtype(pa.large_string()),  # text into Arrow as pandas keeps it
        "keep_default_na": False,
        "na_values": [""],
        "encoding": "utf-8",  # the C reader skips a BOM itself (utf-8-sig: decoded in Python)
        "index_col": False,  # widths are checked by the scan
    }


def _delimited_chunks(
    source: Any, name: str, separator: str, rows: int | None
) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
    """Every column as text; only an empty cell is missing ("NA" is text). Each row's line
    as an editor shows it: the header, blank lines and line breaks in quoted cells count.
    A row of more or fewer cells than the header is refused (the reader would fill it with
    empty cells, or take a first row's extra cell for an index and shift every other)."""
    import pandas as pd

    from zonestats.io.record_lines import record_lines

    options = csv_options(separator)
    scanned = _started(lambda: record_lines(source, separator))  # while pandas parses
    if _first_break_is_a_return(source) and scanned().returns:
        options["lineterminator"] = "\r"  # see _first_break_is_a_return
    try:
        if rows is None:
            cells = as_arrow_text(_quiet(lambda: pd.read_csv(source, **options)))
            _refuse_repeated(cells, source, name, separator)
            starts = _as_read(scanned(), source, separator, len(cells))
            yield cells, _checked(starts, name).lines(0, len(cells))
            return
        done, read = 0, 0
        with pd.read_csv(source, chunksize=rows, **options) as reader:
            while (chunk := _quiet(lambda: next(reader, None))) is not None:
                if not read:
                    _refuse_repeated(chunk, source, name, separator)
                    starts = _checked(scanned(), name)
                yield as_arrow_text(chunk), starts.lines(done, len(chunk))
                done, read = done + len(chunk), read + 1
        if not read:  # a header and no rows  # pragma: no cover (pandas yields one)
            yield as_arrow_text(pd.read_csv(source, **options)), _consecutive(2, 0)
    except pd.errors.ParserError as error:
        fields, quote = _FIELDS.search(str(error)), _OPEN_QUOTE.search(str(error))
        if fields or (quote and scanned().unclosed is not None):
            _checked(scanned(), name)  # rows of another width, a quote, each at its line
        raise


def _first_break_is_a_return(source: Any) -> bool:
    """Whether the file's first line ends with \\r alone (an old Mac's line ends). The
    reader, which takes \\n, \\r\\n and \\r alike, drops the separator after a blank line
    ended by \\r alone (a row's empty first cell: every cell one column along); told that
    \\r ends lines, it does not."""
    found = re.search(rb"\r\n?|\n", _head(source))
    return found is not None and found.group() == b"\r"


def _quiet(read: Callable[[], T]) -> T:
    """What the reader reads, without its warning that a row is wider than the header
    (the scan refuses such rows, at their lines)."""
    import warnings

    import pandas as pd

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        return read()


def _as_read(starts: RecordLines, source: Any, separator: str, rows: int) -> RecordLines:
    """The scan's records where it counts as many as the reader read; else (a quote the
    reader reads as text: x"y) as Python's csv reader reads them, or where that cannot
    tell either, a line each."""
    from zonestats.io.record_lines import RecordLines, records_as_read

    if starts.count - 1 == rows:
        return starts
    again = records_as_read(source, separator)
    return again if again.count - 1 == rows else RecordLines.one_a_line()


def _cells(count: int) -> str:
    return "1 cell" if count == 1 else f"{count} cells"


def _checked(starts: RecordLines, name: str) -> RecordLines:
    """The scan's records, where each has as many cells as the header and every quoted cell
    is closed."""
    header = starts.header_cells
    message = "cannot read the table: a row of {}, where the header has {}"
    problems = [
        Problem(name, "unreadable-table", message.format(_cells(cells), header), line)
        for line, cells in starts.wrong
    ]
    if starts.unclosed is not None:  # the file's last record
        message = f"cannot read the table: {_NEVER_CLOSED}"
        problems.append(Problem(name, "unreadable-table", message, starts.unclosed))
    if problems:
        raise DataError.from_problems(problems)
    return starts


def _refuse_repeated(cells: pd.DataFrame, source: Any, name: str, separator: str) -> None:
    """A header naming a column twice is refused (the reader renames the second zone
    zone.1, a column no one wrote)."""
    import csv
    import io

    columns = {str(c) for c in cells.columns}
    if not any(c.rpartition(".")[0] in columns for c in columns):
        return
    data = source.getvalue() if hasattr(source, "getvalue") else source.read_bytes()
    text = io.StringIO(data.decode("utf-8-sig", errors="replace"), newline="")
    reader = csv.reader(text, delimiter=separator)
    header = next((r for r in reader if any(c.strip() for c in r)), [])
    seen: set[str] = set()
    for column in header:
        if column in seen:
            message = f"cannot read the table: the column '{column}' is given twice"
            raise DataError.at(Problem(name, "unreadable-table", message, reader.line_num))
        seen.add(column)


def _started(work: Callable[[], T]) -> Callable[[], T]:
    """Work begun in a thread; its result, waited for, when called."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(1, thread_name_prefix="zonestats-lines")
    future = pool.submit(work)
    pool.shutdown(wait=False)
    return future.result


def as_arrow_text(frame: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd
    import pyarrow as pa

    columns = {c: pa.chunked_array(frame[c].array.__arrow_array__()) for c in frame.columns}
    return pd.DataFrame({c: pd.arrays.ArrowStringArray(v) for c, v in columns.items()})
