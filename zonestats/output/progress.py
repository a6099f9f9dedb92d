"""A progress display on stderr for loads that take more than a second, on a terminal only."""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from zonestats.errors import ZonestatsError

DELAY = 1.0
"""Seconds of work before the display appears (ZONESTATS_PROGRESS_DELAY overrides it)."""


@contextmanager
def progress(description: str, on_terminal: bool) -> Iterator[None]:
    """Show a spinner, the description and the time taken while the block runs, once it has
    run for DELAY seconds; nothing at all when stderr is not a terminal."""
    if not on_terminal:
        yield
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    display = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    display.add_task(description, total=None)
    with _shown_after_delay(display):
        yield


@contextmanager
def counting(description: str, total: int, on_terminal: bool) -> Iterator[Callable[[], None]]:
    """A bar of `total` steps on stderr, once the work has run for DELAY seconds; the block
    gets the function that counts a step. Nothing at all when stderr is not a terminal."""
    if not on_terminal:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    display = Progress(
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True, force_terminal=True),  # the caller knows it is one
        transient=True,
    )
    task = display.add_task(description, total=total)
    with _shown_after_delay(display):
        yield lambda: display.advance(task)


@contextmanager
def _shown_after_delay(display: Any) -> Iterator[None]:
    """A rich display started once the block has run for DELAY seconds (never after it
    ends), and stopped with it."""
    lock = threading.Lock()
    done = False

    def show() -> None:
        with lock:
            if not done:
                display.start()

    timer = threading.Timer(_delay(), show)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            done = True
            timer.cancel()
            display.stop()


def _delay() -> float:
    """DELAY, or the seconds ZONESTATS_PROGRESS_DELAY gives."""
    text = os.environ.get("ZONESTATS_PROGRESS_DELAY", "").strip()
    if not text:
        return DELAY
    try:
        delay = float(text)
    except ValueError:
        delay = math.nan
    if not math.isfinite(delay) or delay < 0:
        raise ZonestatsError(
            f"ZONESTATS_PROGRESS_DELAY={text[:40]!r}: give a number of seconds, 0 or more"
        )
    return delay
