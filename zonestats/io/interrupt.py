"""Signals that end the process, turned into an exception where something begun must be
cleaned up first (a temporary file beside an output, the engine's temporary folder)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from zonestats.errors import Interrupted


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception for the block (SIGINT already is one), so
    that what was begun is cleaned up before the process ends."""

    def interrupt(signum: int, frame: Any) -> None:
        raise Interrupted(signum)

    previous = {}
    try:
        for number in (signal.SIGTERM, signal.SIGHUP):
            previous[number] = signal.signal(number, interrupt)
    except ValueError:  # not the main thread: signals stay as they are
        pass
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
