"""Read a file's bytes as UTF-8 text, saying exactly why when it cannot be read."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from zonestats.errors import DataError, Problem
from zonestats.io.limits import ENV_MAX_INPUT, MB, max_input_mb

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


_PIPES: dict[tuple[int, int], bytes | DataError] = {}
"""What each pipe read held, or why it could not be read whole (a pipe can be read once;
its kind is told from its bytes)."""


def read_bytes(path: Path) -> bytes:
    """A file's bytes, from a regular file or a pipe and no more than the input limit; a
    DataError (file-not-found, not-a-file, unreadable-file, input-too-large) if none. A
    pipe is read once: asked again, its bytes are given again."""
    name = str(path)
    try:
        known = os.stat(path)
        if stat.S_ISFIFO(known.st_mode) and (known.st_dev, known.st_ino) in _PIPES:
            read = _PIPES[known.st_dev, known.st_ino]  # opened again, it would wait
            if isinstance(read, DataError):
                raise read
            return read
        fd = os.open(path, os.O_RDONLY)
    except OSError as error:
        raise DataError.at(_unreadable(name, error)) from None
    try:
        kind = os.fstat(fd)
        pipe = (kind.st_dev, kind.st_ino) if stat.S_ISFIFO(kind.st_mode) else None
        try:
            data = _read_within_limit(fd, name, kind)
        except DataError as error:  # a pipe read in part: asked again, it says so again
            if pipe:
                _PIPES[pipe] = error
            raise
        if pipe:
            _PIPES[pipe] = data
        return data
    except OSError as error:
        raise DataError.at(_unreadable(name, error)) from None
    finally:
        os.close(fd)


def _read_within_limit(fd: int, name: str, kind: os.stat_result) -> bytes:
    limit = max_input_mb()
    if stat.S_ISREG(kind.st_mode) and kind.st_size > limit * MB:
        raise DataError.at(_too_large(name, limit, f"{kind.st_size / MB:,.0f} MB"))
    if not (stat.S_ISREG(kind.st_mode) or stat.S_ISFIFO(kind.st_mode)):
        raise DataError.at(Problem(name, "not-a-file", f"is {_kind(kind.st_mode)}, not a file"))
    with os.fdopen(fd, "rb", closefd=False) as file:
        data = file.read(limit * MB + 1)
    if len(data) > limit * MB:
        raise DataError.at(_too_large(name, limit, None))
    return data


def check_input(path: Path) -> None:
    """Refuse, before a table reader opens it, what read_bytes would refuse: a missing file,
    a device or folder, a file over the input limit. Pipes are read by read_bytes."""
    name = str(path)
    try:
        kind = path.stat()
    except OSError as error:
        raise DataError.at(_unreadable(name, error)) from None
    if stat.S_ISREG(kind.st_mode):
        limit = max_input_mb()
        if kind.st_size > limit * MB:
            raise DataError.at(_too_large(name, limit, f"{kind.st_size / MB:,.0f} MB"))
    elif not stat.S_ISFIFO(kind.st_mode):
        raise DataError.at(Problem(name, "not-a-file", f"is {_kind(kind.st_mode)}, not a file"))


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "not a regular file"


def _too_large(name: str, limit: int, size: str | None) -> Problem:
    what = f"the file ({size}) is larger" if size else "the input goes on longer"
    message = (
        f"{what} than the input limit of {limit:,} MB; "
        f"raise it with --max-input MB or {ENV_MAX_INPUT}"
    )
    return Problem(name, "input-too-large", message)


def _unreadable(name: str, error: OSError) -> Problem:
    if isinstance(error, FileNotFoundError):
        return Problem(name, "file-not-found", "no such file")
    if isinstance(error, IsADirectoryError):
        return Problem(name, "not-a-file", "is a directory, not a file")
    if isinstance(error, PermissionError):
        return Problem(name, "unreadable-file", "permission denied: cannot read the file")
    return Problem(name, "unreadable-file", f"cannot read the file: {error.strerror or error}")


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
