"""The environment output goes to: streams, whether they are terminals, the terminal's size,
whether colour is wanted. Read from the system once; tests make their own."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True, slots=True)
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
        size = shutil.get_terminal_size()
        return cls(
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdout_isatty=sys.stdout.isatty(),
            stderr_isatty=sys.stderr.isatty(),
            width=size.columns,
            height=size.lines,
            color=not os.environ.get("NO_COLOR"),
        )

    @classmethod
    def plain(cls) -> Environment:
        """The process's streams as if no terminal were attached: what a library caller gets
        by default."""
        return cls(stdout=sys.stdout, stderr=sys.stderr)
