"""The environment output goes to: streams, whether they are terminals, the terminal's size,
whether colour is wanted. Read from the system once; tests make their own."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True)
class Environment:
    """Where output goes and what it may assume of it."""

    stdout: IO[str]
    stderr: IO[str]
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    width: int = 80
    height: int = 24
    color: bool = False  # styles and colours on a terminal (never with NO_COLOR)

    @classmethod
    def from_system(cls) -> Environment:
        """The process's own streams and terminal (COLUMNS and LINES override its size)."""
        width, height = _terminal_size()
        return cls(
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdout_isatty=sys.stdout.isatty(),
            stderr_isatty=sys.stderr.isatty(),
            width=width,
            height=height,
            color=not os.environ.get("NO_COLOR"),
        )

    @classmethod
    def plain(cls) -> Environment:
        """The process's streams as if no terminal were attached: what a library caller gets
        by default."""
        return cls(stdout=sys.stdout, stderr=sys.stderr)


def _terminal_size() -> tuple[int, int]:
    """Columns and lines: COLUMNS and LINES where set, else the terminal's, else 80 by 24
    (what shutil.get_terminal_size does, without importing shutil at start-up)."""
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno() if sys.__stdout__ else 1)
        measured = (size.columns, size.lines)
    except (AttributeError, ValueError, OSError):
        measured = (0, 0)
    result = []
    for name, found, fallback in (("COLUMNS", measured[0], 80), ("LINES", measured[1], 24)):
        try:
            value = int(os.environ[name])
        except (KeyError, ValueError):
            value = 0
        result.append(value if value > 0 else found if found > 0 else fallback)
    return result[0], result[1]
