"""Write an output file: into a regular file atomically (a temporary beside it, then a
rename), into a device or a pipe in place; never over an input, never over a read-only file,
and never leaving a temporary behind, whatever signal ends the write."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from zonestats.errors import ZonestatsError
from zonestats.io.interrupt import signals_interrupt

TEMPORARY_PREFIX = ".zonestats-"
"""How a temporary output file begins (it ends in .tmp): short, and recognisable."""

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "is a directory",
}


def write_output(
    target: Path,
    write: Callable[[IO[Any]], None],
    binary: bool = False,
    protected: tuple[Path, ...] = (),
) -> None:
    """Write an output file. A regular file (or a new one) is written to a temporary beside
    it and renamed over it, so that it is never half-written; a device or a pipe
    (/dev/stdout, a FIFO) is written in place. Refuses to write over any of the
    ``protected`` inputs (the same file by any path: symlinks, hard links, bind mounts), over
    a read-only file, and over anything else that is not a regular file."""
    existing = _stat(target)
    if existing is not None:
        if any(_same(existing, p) for p in protected):
            raise ZonestatsError(f"{target}: refusing to overwrite an input file")
        mode = existing.st_mode
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            _write_in_place(target, write, binary)
            return
        if stat.S_ISDIR(mode):
            raise ZonestatsError(f"{target}: is a directory")
        if not stat.S_ISREG(mode):
            raise ZonestatsError(f"{target}: not a regular file; refusing to replace it")
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise ZonestatsError(f"{target}: the file is read-only; not replaced")
    _write_beside(target, write, binary, existing)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ZonestatsError(f"{path}: {_reason(error)}") from None


def _same(info: os.stat_result, other: Path) -> bool:
    try:
        theirs = other.stat()
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == (theirs.st_dev, theirs.st_ino)


def _write_in_place(target: Path, write: Callable[[IO[Any]], None], binary: bool) -> None:
    try:
        out: IO[Any]
        with (
            open(target, "wb") if binary else open(target, "w", encoding="utf-8", newline="") as out
        ):
            write(out)
    except OSError as error:
        raise ZonestatsError(f"{target}: cannot write: {_reason(error)}") from None


def _write_beside(
    target: Path, write: Callable[[IO[Any]], None], binary: bool, existing: os.stat_result | None
) -> None:
    """The temporary sits beside the file the target resolves to (one file system, so the
    rename is atomic), and is removed on any failure or signal."""
    import tempfile

    resolved = target.resolve()
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=TEMPORARY_PREFIX, suffix=".tmp", dir=resolved.parent
        )
    except OSError as error:
        raise ZonestatsError(f"{target}: cannot write: {_reason(error)}") from None
    try:
        with signals_interrupt():
            out: IO[Any]
            opened = (
                open(handle, "wb") if binary else open(handle, "w", encoding="utf-8", newline="")
            )
            with opened as out:
                write(out)
            os.chmod(temporary, stat.S_IMODE(existing.st_mode) if existing else _new_mode())
            os.replace(temporary, resolved)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ZonestatsError(f"{target}: cannot write: {_reason(error)}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _new_mode() -> int:
    """What a new file gets under the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _reason(error: OSError) -> str:
    return _REASONS.get(error.errno or 0) or error.strerror or str(error)
