"""The one exception type zonestats raises, the coded problems it carries, and exit codes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

_CONTROLS = r"\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_CONTROLS}]")
_CONTROL_OR_NEWLINE = re.compile(rf"[{_CONTROLS}\n]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, newlines: bool = False) -> str:
    """Text from data as it may reach a terminal: control characters, escape sequences and
    bidirectional overrides shown escaped (``\\x1b``, ``\\u202e``), never acted on; with
    ``newlines``, line breaks are kept (cells of a table that wraps them)."""
    pattern = _CONTROL if newlines else _CONTROL_OR_NEWLINE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escaped, text)


MAX_MESSAGE = 400
"""The longest message a problem shows: a value quoted in it is cut in the middle past that."""


def brief(text: str, limit: int = MAX_MESSAGE) -> str:
    """Text cut in the middle to at most about ``limit`` characters, saying how much went."""
    if len(text) <= limit:
        return text
    keep = limit // 2
    return f"{text[:keep]}…[{len(text) - 2 * keep:,} characters]…{text[-keep:]}"


class ExitCode(IntEnum):
    """Process exit codes, the same for every command."""

    OK = 0
    ERROR = 1  # bad input, invalid data, a failed check
    USAGE = 2  # wrong options or arguments (Click's own code)
    INTERRUPTED = 130


PROBLEM_CODES: dict[str, str] = {
    # Files
    "file-not-found": "the input does not exist",
    "not-a-file": "the input is a directory or a device where a file was expected",
    "unreadable-file": "the file cannot be read (permissions, I/O)",
    "empty-file": "the file holds nothing",
    "not-utf8": "the text is not UTF-8 (a GBK/GB18030 file gets the iconv line to convert it)",
    "binary-file": "the file is binary, not text",
    "unknown-input-kind": "the file's extension names no dataset or table format",
    "no-inputs": "a folder or glob holds no dataset",
    "input-too-large": "a file larger than the input limit (--max-input, ZONESTATS_MAX_INPUT)",
    "cell-too-long": "one cell, YAML scalar or table line longer than 100,000 characters",
    # YAML
    "yaml-syntax": "the YAML cannot be parsed",
    "yaml-character": "a character YAML does not allow",
    "yaml-alias": "anchors and aliases (&name, *name), refused and never expanded",
    "yaml-tag": "tags (!!python/object, !!int), refused and never constructed",
    "too-deep": "nesting deeper than any dataset needs",
    "duplicate-key": "a key given twice in one mapping",
    "key-not-text": "a mapping key that is not plain text",
    "no-data": "the document holds no data",
    "unsupported-schema-version": "a schema_version this zonestats does not read",
    # Structure
    "wrong-type": "a mapping, list or single value where another is expected",
    "missing-field": "a required field (or a table cell that must be filled) is missing",
    "unknown-field": "a field the schema does not know",
    "unknown-column": "a table column the observations table does not have",
    "missing-column": "a table lacks a required column",
    "no-rows": "a table with a header and no rows",
    "unreadable-table": "the table's file cannot be parsed as its format",
    # Values of fields
    "blank-value": "a text field that is empty or only spaces",
    "space-at-edge": "a zone's, indicator's or unit's name that begins or ends with a space",
    "bad-id": "an id that is not snake_case (a-z, 0-9, _; a letter first)",
    "bad-period": "a period that is not a year, month, date or range, or not a real one",
    "bad-date": "a date that is not YYYY-MM-DD or not a real day",
    "not-a-number": "a number that is not a plain number",
    "not-a-whole-number": "a count (out_of, schema_version) that is not a whole number",
    "unknown-qualifier": "a qualifier that is not one of the known ones",
    "unknown-direction": "a `better` that is neither higher nor lower",
    "unknown-level": "a zone level that is not national, provincial or municipal",
    "quote-too-long": "a quote longer than a clause (200 characters)",
    "placeholder": "a placeholder a draft left, such as (to translate), (province) or zone ?",
    # Observations
    "unreadable-value": "a value as written that cannot be read as a quantity",
    "value-not-in-quote": "the value as written does not stand in its quote",
    "number-mismatch": "the value in base units is not what the written value reads as",
    "unit-mismatch": "the written value is counted in another unit than the indicator's",
    "qualifier-contradicts-wording": "the qualifier contradicts what the value's wording says",
    "rank-above-out-of": "a rank beyond the number of places ranked",
    # A dataset as a whole
    "duplicate-id": "an indicator, zone or source id given twice in one file",
    "unknown-zone": "an observation names a zone the file does not define",
    "unknown-source": "an observation names a source the file does not define",
    "zone-identity-conflict": "two zones with different ids share a name or alias",
    "indicator-differs": "one zone's indicator has another name, unit, category or direction",
    "duplicate-observation": "one source gives one zone's indicator twice for a period",
    "conflicting-values": "two sources give different values for one observation",
    # Recorded growth claims
    "unreadable-claim": "a claim's `stated` that the claim grammar does not read",
    "unknown-indicator": "a claim names an indicator the file does not define",
    "claim-not-in-quote": "a claim's `stated` does not stand in its quote",
    "claim-span-differs": "a claim's `from` or `to` differs from the year its wording names",
    "claim-does-not-hold": "a warning: the dataset's figures do not bear out a recorded claim",
    # Checks against a report
    "quote-not-in-source": "a quote that the source report does not hold",
}
"""Every problem code zonestats reports, with what it means: stable, for scripts."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: a file, a code, a message, and a line and column
    when known (rows of a table count the header as line 1)."""

    path: str
    code: str
    message: str
    line: int | None = None
    col: int | None = None

    def where(self, with_col: bool = True) -> str:
        """'path:line:col', as far as it is known."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None and with_col:
                where += f":{self.col}"
        return where

    def short(self) -> str:
        """'path:line: message [code]', without the column (for line-by-line checks)."""
        return printable(f"{self.where(with_col=False)}: {brief(self.message)} [{self.code}]")

    def __str__(self) -> str:
        return printable(f"{self.where()}: {brief(self.message)} [{self.code}]")

    def warning(self) -> str:
        """'path:line:col: warning: message [code]', for what leaves an input valid."""
        return printable(f"{self.where()}: warning: {brief(self.message)} [{self.code}]")

    def as_dict(self) -> dict[str, str | int | None]:
        return {
            "path": self.path,
            "line": None if self.line is None else int(self.line),
            "col": None if self.col is None else int(self.col),
            "code": self.code,
            "message": brief(self.message),
        }


class ZonestatsError(Exception):
    """An error a user can act on. Its text is one line; ``problems`` lists every finding,
    and ``code`` says what kind of fault it is where one is known."""

    def __init__(
        self, message: str, problems: tuple[Problem, ...] = (), code: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems
        self.code = code

    @classmethod
    def at(cls, problem: Problem) -> ZonestatsError:
        """An error about one place in one file."""
        return cls(str(problem), (problem,), problem.code)


class DataError(ZonestatsError):
    """An input that cannot be read or does not follow the schema."""

    @classmethod
    def from_problems(cls, problems: list[Problem]) -> DataError:
        count = len(problems)
        first = str(problems[0])
        summary = first if count == 1 else f"{first} (and {count - 1} more problems)"
        return cls(summary, tuple(problems), problems[0].code)


def invalid(code: str, message: str) -> ZonestatsError:
    """The error a field converter or a rule raises: a message and its problem code."""
    return ZonestatsError(message, code=code)


def problem_report(
    files: list[str], problems: list[Problem], warnings: list[Problem] | None = None
) -> dict[str, object]:
    """Problems as one object for programs: whether all is valid, each file's count of
    problems, every problem, counts by code, and the warnings (which leave it valid)."""
    per_file = dict.fromkeys(files, 0)
    by_code: dict[str, int] = {}
    for problem in problems:
        per_file[problem.path] = per_file.get(problem.path, 0) + 1
        by_code[problem.code] = by_code.get(problem.code, 0) + 1
    return {
        "valid": not problems,
        "files": [{"path": k, "problems": n, "valid": n == 0} for k, n in per_file.items()],
        "problems": [p.as_dict() for p in problems],
        "warnings": [w.as_dict() for w in warnings or []],
        "counts": {
            "problems": len(problems),
            "files": len(per_file),
            "by_code": by_code,
            "warnings": len(warnings or []),
        },
    }


class Interrupted(BaseException):
    """A signal that ends the process (SIGTERM, SIGHUP), raised where cleanup must run
    first; the process then exits with 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
