"""A progress display on stderr for loads that take more than a second, on a terminal only."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

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
    lock = threading.Lock()
    done = False

    def show() -> None:
        with lock:
            if not done:
                display.start()

    delay = float(os.environ.get("ZONESTATS_PROGRESS_DELAY", DELAY))
    timer = threading.Timer(delay, show)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            done = True
            timer.cancel()
            display.stop()
