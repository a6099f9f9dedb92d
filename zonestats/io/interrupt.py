"""Signals that end the process, turned into an exception where something begun must be
cleaned up first (a temporary file beside an output, the engine's temporary folder)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from zonestats.errors import Interrupted


class Signalled:
    """The signal that ended a block, if one did."""

    def __init__(self) -> None:
        self.signum: int | None = None

    def interrupted(self) -> BaseException:
        """The exception the signal stands for: KeyboardInterrupt for SIGINT, else
        Interrupted."""
        assert self.signum is not None
        return KeyboardInterrupt() if self.signum == signal.SIGINT else Interrupted(self.signum)


@contextmanager
def signals_interrupt() -> Iterator[Signalled]:
    """Turn SIGTERM and SIGHUP into an exception for the block (SIGINT already is one), so
    that what was begun is cleaned up before the process ends. A library stopped by the
    signal that says so its own way (DuckDB mid-query: a RuntimeError) is the signal too."""
    seen = Signalled()

    def interrupt(signum: int, frame: Any) -> None:
        seen.signum = signum
        raise seen.interrupted()

    previous = {}
    try:
        for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            if (
                number == signal.SIGINT
                and signal.getsignal(number) is not signal.default_int_handler
            ):
                continue  # Ctrl-C ignored, or handled by someone else: theirs
            previous[number] = signal.signal(number, interrupt)
    except ValueError:  # not the main thread: signals stay as they are
        pass
    try:
        yield seen
    except Exception:
        if seen.signum is not None:
            raise seen.interrupted() from None
        raise
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
