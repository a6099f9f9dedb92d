"""Read a file's bytes as UTF-8 text, saying exactly why when it cannot be read."""

from __future__ import annotations

import codecs
from pathlib import Path

from zonestats.errors import DataError, Problem

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_bytes(path: Path) -> bytes:
    """A file's bytes; a DataError (file-not-found, not-a-file, unreadable-file) if none."""
    name = str(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError.at(Problem(name, "file-not-found", "no such file")) from None
    except IsADirectoryError:
        raise DataError.at(Problem(name, "not-a-file", "is a directory, not a file")) from None
    except PermissionError:
        message = "permission denied: cannot read the file"
        raise DataError.at(Problem(name, "unreadable-file", message)) from None
    except OSError as error:
        message = f"cannot read the file: {error.strerror}"
        raise DataError.at(Problem(name, "unreadable-file", message)) from None


def decode(data: bytes, name: str, reject_binary: bool = False) -> str:
    """Bytes as UTF-8 text (a BOM is fine); a DataError that says why they are not.

    With ``reject_binary``, text with NUL bytes near its start is refused as binary.
    """
    if reject_binary and b"\x00" in data[:8192] and not data.startswith(_UTF16_BOMS):
        raise DataError.at(Problem(name, "binary-file", "looks like a binary file, not text"))
    if data.startswith(_UTF16_BOMS):
        message = "the file is UTF-16; save it as UTF-8"
        raise DataError.at(Problem(name, "not-utf8", message, 1, 1))
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError.at(not_utf8(name, data, error.start)) from None
    if not text.strip():
        raise DataError.at(Problem(name, "empty-file", "the file is empty"))
    return text


def read_text(path: Path, reject_binary: bool = False) -> str:
    """A file's text as UTF-8; a DataError that says why it cannot be read."""
    return decode(read_bytes(path), str(path), reject_binary)


def not_utf8(name: str, data: bytes, offset: int) -> Problem:
    """Where the bytes stop being UTF-8, and how to convert a GBK/GB18030 file."""
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    message = f"not UTF-8 text (byte 0x{data[offset]:02X})"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return Problem(name, "not-utf8", f"{message}; save the file as UTF-8", line, col)
    path = Path(name)
    converted = path.with_name(f"{path.stem}-utf8{path.suffix}")
    return Problem(
        name,
        "not-utf8",
        f"{message}; the file looks like GBK/GB18030: convert it with "
        f"iconv -f GB18030 -t UTF-8 '{name}' > '{converted}'",
        line,
        col,
    )
