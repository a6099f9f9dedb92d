"""Read a table of JSON records (a .json list of them, or JSON Lines: one on each line) as
cells of text.

Every cell is the text written: a number as its digits (`2.00` stays `2.00`, `0.6` is never
0.6000000000000001), true and false as words, so that a number is checked by its field's
converter as a YAML scalar is; null is an empty cell. A value that is itself a list or an
object is refused (wrong-type), as in YAML.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from zonestats.errors import DataError, Problem
from zonestats.io.limits import MAX_CELL

if TYPE_CHECKING:
    import pandas as pd

JSON_LINES = (".jsonl", ".ndjson")
"""Extensions of JSON Lines: one record on each line."""


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object as a dict; a key given twice is refused (the last would win unseen)."""
    record = dict(pairs)
    if len(record) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return record


_DECODER = json.JSONDecoder(
    parse_float=str, parse_int=str, parse_constant=str, object_pairs_hook=_object
)


def looks_like_json_lines(start: bytes) -> bool:
    """Whether text that starts with "{" holds a record on each line: its first line is one
    whole object, and the next line starts another."""
    lines = start.split(b"\n", 2)
    if len(lines) < 2:
        return False
    first, second = lines[0].strip(), lines[1].lstrip()
    return first.startswith(b"{") and first.endswith(b"}") and second.startswith(b"{")


def json_cells(source: Any, name: str, lines: bool) -> tuple[pd.DataFrame, list[int]]:
    """The records of a JSON table as a DataFrame of text cells (missing where null or
    absent), columns in the order they first appear; and each record's line (JSON Lines:
    its line in the file, blank lines counted; a .json list: its place in the list)."""
    data = source.getvalue() if hasattr(source, "getvalue") else source.read_bytes()
    text = data.decode("utf-8-sig")  # UnicodeDecodeError: the caller says where
    if lines:
        records, numbers = _lines(text, name)
    else:
        records = _document(text, name)
        numbers = list(range(1, len(records) + 1))
    return _frame(records, name, numbers), numbers


def _lines(text: str, name: str) -> tuple[list[dict[str, Any]], list[int]]:
    """The records of JSON Lines, one on each line (blank lines are none), and their lines;
    every line that holds no record (too long, not JSON, a key twice, not an object) is
    said, each at its line."""
    records, numbers = [], []
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            records.append(_line_record(line, name, number))
            numbers.append(number)
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError.from_problems(problems)
    return records, numbers


def _line_record(line: str, name: str, number: int) -> dict[str, Any]:
    if len(line) > MAX_CELL:
        message = (
            f"line {number} is {len(line):,} characters, more than the {MAX_CELL:,} "
            "a line of a table may hold"
        )
        raise DataError.at(Problem(name, "cell-too-long", message, number))
    try:
        record = _DECODER.decode(line)
    except json.JSONDecodeError as error:
        message = f"cannot read the table: not JSON: {error.msg}"
        problem = Problem(name, "unreadable-table", message, number, error.colno)
        raise DataError.at(problem) from None
    except _DuplicateKey as error:
        raise DataError.at(_duplicate(name, error.key, number)) from None
    return _record(record, name, number)


def _document(text: str, name: str) -> list[dict[str, Any]]:
    """The records of a .json table: one list of objects."""
    try:
        document = _DECODER.decode(text)
    except _DuplicateKey as error:
        raise DataError.at(_duplicate(name, error.key, _record_of_duplicate(text))) from None
    except json.JSONDecodeError as error:
        message = f"cannot read the table: not JSON: {error.msg}"
        if error.msg == "Extra data" and text.lstrip("\ufeff \t\r\n").startswith("{"):
            message = (
                "the file holds JSON Lines (a record on each line), not one JSON document: "
                "name it .jsonl"
            )
        raise DataError.at(
            Problem(name, "unreadable-table", message, error.lineno, error.colno)
        ) from None
    if not isinstance(document, list):
        what = _kind(document)
        message = f"cannot read the table: a .json table is a list of records, not {what}"
        raise DataError.at(Problem(name, "unreadable-table", message, 1))
    return [_record(record, name, number) for number, record in enumerate(document, 1)]


_BETWEEN = re.compile(r"[\s,]*")


def _record_of_duplicate(text: str) -> int | None:
    """The place in the list of the first record that gives a key twice (a .json table's
    rows count from 1), read again record by record."""
    at, number = text.find("[") + 1, 0
    try:
        while at:
            at = _skipped(text, at)
            if at >= len(text) or text[at] == "]":
                return None
            number += 1
            _, at = _DECODER.raw_decode(text, at)
    except _DuplicateKey:
        return number
    except ValueError:
        return None
    return None


def _skipped(text: str, at: int) -> int:
    """Where the next record starts: past white space and a comma."""
    found = _BETWEEN.match(text, at)
    return found.end() if found else at


def _duplicate(name: str, key: str, line: int | None) -> Problem:
    message = f"the key '{key}' is given twice in one record"
    return Problem(name, "duplicate-key", message, line)


def _record(record: Any, name: str, number: int) -> dict[str, Any]:
    if not isinstance(record, dict):
        message = f"cannot read the table: record {number} is {_kind(record)}, not an object"
        raise DataError.at(Problem(name, "unreadable-table", message, number))
    return record


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return "null" if value is None else f"the value {str(value)[:40]!r}"


def _frame(records: list[dict[str, Any]], name: str, lines: list[int]) -> pd.DataFrame:
    """Records as columns of text: the keys of every record, in order of first appearance."""
    import pandas as pd

    count = len(records)
    first = list(records[0]) if records else []
    if all(list(r) == first for r in records):  # the usual table: every record alike
        values = zip(*(r.values() for r in records), strict=True) if first else iter(())
        columns = dict(zip(first, (list(v) for v in values), strict=True))
    else:
        columns = {}
        for index, record in enumerate(records):
            for key, value in record.items():
                columns.setdefault(key, [None] * count)[index] = value
    return pd.DataFrame(
        {key: _text(values, key, name, lines) for key, values in columns.items()},
        index=pd.RangeIndex(count),
    )


def _text(values: list[Any], key: str, name: str, lines: list[int]) -> Any:
    """A column of JSON values as text: strings as they are, numbers as their digits, true
    and false as words; a list or an object is no single value (wrong-type)."""
    import pandas as pd
    import pyarrow as pa

    try:
        array = pa.array(values, type=pa.large_string())
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        array = pa.array([_one(v, key, name, line) for line, v in zip(lines, values, strict=True)])
    return pd.arrays.ArrowStringArray(pa.chunked_array([array])).astype("str")


def _one(value: Any, key: str, name: str, line: int) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    message = f"'{key}' must be a single value, not {_kind(value)}"
    raise DataError.at(Problem(name, "wrong-type", message, line))
