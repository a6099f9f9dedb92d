"""Write an output file atomically, never over an input."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from zonestats.errors import ZonestatsError


def write_atomically(
    target: Path,
    write: Callable[[IO[Any]], None],
    binary: bool = False,
    protected: tuple[Path, ...] = (),
) -> None:
    """Write to a temporary file beside the target, then rename: no half-written files.

    Refuses to replace any of the ``protected`` inputs.
    """
    import tempfile

    resolved = target.resolve()
    if any(resolved == p.resolve() for p in protected):
        raise ZonestatsError(f"{target}: refusing to overwrite an input file")
    if target.is_dir():
        raise ZonestatsError(f"{target}: is a directory")
    directory = resolved.parent
    if not directory.is_dir():
        raise ZonestatsError(f"{target}: the folder {directory} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    try:
        out: IO[Any]
        with (
            open(handle, "wb") if binary else open(handle, "w", encoding="utf-8", newline="")
        ) as out:
            write(out)
        os.chmod(temporary, _file_mode(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _file_mode(target: Path) -> int:
    """The replaced file's permissions, or what a new file gets under the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
