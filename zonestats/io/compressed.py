"""Tables compressed with gzip (obs.csv.gz, panel.jsonl.gz): read as the table they hold,
by the extension under .gz, after unpacking them to a temporary file (a reader may go
through a table twice, and a large one need not fit in memory). The input limit holds for
what the file unpacks to."""

from __future__ import annotations

import gzip
import os
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from zonestats.errors import DataError, Problem
from zonestats.io.limits import ENV_MAX_INPUT, MB, max_input_mb

GZIP = ".gz"
_PIECE = 1 << 20
_GZIP_MAGIC = b"\x1f\x8b"


def table_suffix(path: Path) -> str:
    """A table's kind by its extension: t.csv is .csv, and so is t.csv.gz."""
    suffix = path.suffix.lower()
    return Path(path.stem).suffix.lower() if suffix == GZIP else suffix


def is_compressed(path: Path) -> bool:
    return path.suffix.lower() == GZIP


def head(path: Path, size: int) -> bytes:
    """The first bytes of what a compressed file holds (none where it cannot be read)."""
    try:
        with _packed(path) as raw, gzip.open(raw, "rb") as file:
            return file.read(size)
    except (OSError, EOFError, zlib.error, DataError):
        return b""


def _packed(path: Path) -> BinaryIO:
    """A compressed file opened, or a pipe's bytes (a pipe is read once: read_bytes keeps
    them, within the input limit, for every reading)."""
    import io
    import stat

    from zonestats.io.text import read_bytes

    if stat.S_ISFIFO(path.stat().st_mode):
        return io.BytesIO(read_bytes(path))
    return path.open("rb")


def unpacked_size(path: Path) -> int:
    """What a compressed file unpacks to, about (gzip keeps it modulo 4 GiB, at its end)."""
    size = path.stat().st_size
    try:
        with path.open("rb") as file:
            file.seek(-4, os.SEEK_END)
            kept = int.from_bytes(file.read(4), "little")
    except OSError:
        return size
    while kept < size:  # unpacked to 4 GiB or more: the count went round
        kept += 1 << 32
    return kept


@contextmanager
def unpacked(path: Path) -> Iterator[Path]:
    """The table a compressed file holds, as a temporary file removed afterwards (a signal
    that ends the process too); a plain file as it is."""
    from zonestats.io.interrupt import signals_interrupt

    if not is_compressed(path):
        yield path
        return
    with signals_interrupt():  # the file goes however the process ends
        fd, temporary = tempfile.mkstemp(prefix="zonestats-", suffix=table_suffix(path))
        try:
            with os.fdopen(fd, "wb") as out:
                _unpack(path, out)
            yield Path(temporary)
        finally:
            Path(temporary).unlink(missing_ok=True)


def _unpack(path: Path, out: BinaryIO) -> None:
    name = str(path)
    limit = max_input_mb() * MB
    written = 0
    try:
        with _packed(path) as raw:
            magic = raw.read(2)
            if not magic:
                raise DataError.at(Problem(name, "empty-file", "the file is empty"))
            if magic != _GZIP_MAGIC:
                message = "not a gzip file, as its extension .gz says"
                raise DataError.at(Problem(name, "unreadable-file", message))
            raw.seek(0)
            with gzip.open(raw, "rb") as file:
                while piece := file.read(_PIECE):
                    written += len(piece)
                    if written > limit:
                        raise DataError.at(_too_large(name, limit // MB))
                    out.write(piece)
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        reason = "it ends early" if isinstance(error, EOFError) else str(error)
        message = f"cannot unpack the gzip file: {reason}"
        raise DataError.at(Problem(name, "unreadable-file", message)) from None
    except OSError as error:  # a file that cannot be read, a disk full
        message = f"cannot unpack the gzip file: {error.strerror or error}"
        raise DataError.at(Problem(name, "unreadable-file", message)) from None


def _too_large(name: str, limit: int) -> Problem:
    message = (
        f"the table it holds is larger than the input limit of {limit:,} MB; "
        f"raise it with --max-input MB or {ENV_MAX_INPUT}"
    )
    return Problem(name, "input-too-large", message)
