"""What an input holds: told by its extension (t.csv, t.csv.gz), or where it has none (a
pipe: `-d -`, /dev/stdin, a file named without one) by its first bytes."""

from __future__ import annotations

import io
import re
import stat
from pathlib import Path
from typing import Any

from zonestats.io.compressed import head, is_compressed, table_suffix
from zonestats.io.json_table import JSON_LINES, looks_like_json_lines
from zonestats.model.fields import COLUMN_FIELDS

TABLES = (".csv", ".tsv", ".tab", *JSON_LINES, ".parquet")
"""Extensions of long tables (.json: by what it holds)."""
PACKED = ".gz"
"""What a nameless input compressed with gzip is told to be."""
BLANK = b"\xef\xbb\xbf \t\r\n"
SNIFF = 8192
"""Bytes looked at to tell what a file holds."""
_PARQUET, _GZIP = b"PAR1", b"\x1f\x8b"
_YAML_LINE = re.compile(r"#|%|---|[\w-]+:(\s|$)")
"""How a YAML dataset's first line may start, and no table's header does."""


def kind_of(path: Path) -> str:
    """The extension that says what an input holds: its own (under .gz, the compressed
    table's), or for one without, what its first bytes show."""
    suffix = table_suffix(path)
    return suffix if suffix else _sniff(_start(path))


def is_long_table(path: Path) -> bool:
    """Whether an input is a table of observations rather than a YAML dataset: by its
    kind, and for .json by what it holds (a list of records, or records one per line;
    not a dataset's mapping)."""
    kind = kind_of(path)
    if kind != ".json":
        return kind in TABLES
    if is_compressed(path):
        return holds_records(io.BytesIO(head(path, SNIFF)))
    if not path.suffix or _is_pipe(path):  # a pipe's bytes: read once, kept
        return holds_records(io.BytesIO(_start(path)))
    try:
        with path.open("rb") as file:
            return holds_records(file)
    except OSError:
        return False


def holds_records(file: Any) -> bool:
    """Whether JSON text is a list of records or JSON Lines (not a dataset's mapping)."""
    start = first_text(file)
    if start.startswith(b"{"):
        return looks_like_json_lines(start + file.read(SNIFF))
    return start.startswith(b"[")


def first_text(file: Any) -> bytes:
    """The file's bytes from its first one that is not blank (or a BOM), however far."""
    while chunk := file.read(SNIFF):
        start = chunk.lstrip(BLANK)
        if start:
            return bytes(start)
    return b""


def _is_pipe(path: Path) -> bool:
    try:
        return stat.S_ISFIFO(path.stat().st_mode)
    except OSError:
        return False


def _start(path: Path) -> bytes:
    """The first bytes of an input (of a pipe: what it held, read once); none where it
    cannot be read (its reader says why)."""
    from zonestats.errors import DataError
    from zonestats.io.text import read_bytes

    try:
        mode = path.stat().st_mode
        if stat.S_ISFIFO(mode):
            return read_bytes(path)[: SNIFF * 8]
        if not stat.S_ISREG(mode):  # a terminal, a device: read, it would wait
            return b""
        with path.open("rb") as file:
            return file.read(SNIFF * 8)
    except (OSError, DataError):
        return b""


def _sniff(start: bytes) -> str:
    """What bytes look like: Parquet, gzip, JSON, JSON Lines, a CSV or TSV whose header
    names a column of ours, else YAML."""
    if start.startswith(_PARQUET):
        return ".parquet"
    if start.startswith(_GZIP):
        return PACKED
    text = start.lstrip(BLANK)
    if text.startswith(b"["):
        return ".json"
    if text.startswith(b"{"):
        return ".jsonl" if looks_like_json_lines(text) else ".json"
    header = text.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8", "replace")
    if _YAML_LINE.match(header):  # a comment, a directive, a key: a column named in it is none
        return ".yaml"
    for separator, kind in (("\t", ".tsv"), (",", ".csv")):
        cells = [cell.strip().strip('"') for cell in header.split(separator)]
        if len(cells) > 1 and any(cell in COLUMN_FIELDS for cell in cells):
            return kind
    return ".yaml"
