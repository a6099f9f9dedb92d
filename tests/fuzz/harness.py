"""What the fuzz properties share: the chosen profile and the `fuzz` decorator, the command
line run in-process, scratch folders, and time measured in a child process."""

from __future__ import annotations

import functools
import gc
import math
import multiprocessing
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from typer.testing import CliRunner, Result

from zonestats.cli import app
from zonestats.errors import ZonestatsError

PROFILE = os.environ.get("ZONESTATS_FUZZ", "short").strip().lower() or "short"
"""`short` (the default: a few dozen examples per property, derandomised) or `long`."""

PROFILES = ("short", "long")

CASES: Counter[str] = Counter()
"""How often each property's body ran in this session (generated examples, replays and
shrinks alike), for the summary at the end of the run."""


def profile_name(profile: str = PROFILE) -> str:
    return f"zonestats-fuzz-{profile}"


def examples(short: int, long: int) -> int:
    """Examples for a property under the chosen profile (ZONESTATS_FUZZ_EXAMPLES overrides)."""
    override = os.environ.get("ZONESTATS_FUZZ_EXAMPLES")
    if override:
        return int(override)
    return long if PROFILE == "long" else short


def fuzz(short: int, long: int, **strategies: Any) -> Callable[[Callable[..., None]], Any]:
    """@given(**strategies) with the profile's settings and a per-property example budget;
    counts every run of the body in CASES."""
    if PROFILE not in PROFILES:
        raise ValueError(f"ZONESTATS_FUZZ={PROFILE!r}: use one of {', '.join(PROFILES)}")

    def decorate(test: Callable[..., None]) -> Any:
        @functools.wraps(test)
        def counted(*args: Any, **kwargs: Any) -> None:
            CASES[test.__name__] += 1
            test(*args, **kwargs)

        chosen = settings(_profile(), max_examples=examples(short, long))
        return chosen(given(**strategies)(counted))

    return decorate


def _profile() -> settings:
    """The chosen profile, registered by conftest.py (imported here when a test module is
    loaded without pytest, as in a script replaying an example)."""
    import importlib

    try:
        return settings.get_profile(profile_name())
    except Exception:
        importlib.import_module(f"{__package__}.conftest")
        return settings.get_profile(profile_name())


# ---- library calls ---------------------------------------------------------------------------


def tolerated(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The function's result, or None where it raised zonestats' own error; anything else
    propagates and fails the property."""
    try:
        return function(*args, **kwargs)
    except ZonestatsError as error:
        assert isinstance(error.message, str) and error.message, "an error without a message"
        return None


@contextmanager
def scratch() -> Iterator[Path]:
    """A fresh folder for one example's files, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="zonestats-fuzz-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def sandbox() -> Iterator[Path]:
    """A scratch folder holding a copy of the test fixtures, as the working directory: where
    relative paths and globs ('**', 'tests/fixtures/*.yaml') find a small, known tree."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    with scratch() as folder:
        shutil.copytree(fixtures, folder / "tests" / "fixtures")
        before = os.getcwd()
        os.chdir(folder)
        try:
            yield folder
        finally:
            os.chdir(before)


# ---- the command line ------------------------------------------------------------------------

CLI_ENV = {"COLUMNS": "100", "LINES": "40", "NO_COLOR": "1", "TERM": "dumb"}
CATCH_ALL = "unexpected "
"""How zonestats.cli.app reports an exception that is not a ZonestatsError:
"error: unexpected <Type>: <message> (rerun with --debug)", exit code 1."""


def run_cli(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """Run a zonestats command in-process, stdout and stderr captured apart."""
    runner = CliRunner()
    try:
        return runner.invoke(app, [str(a) for a in args], env={**CLI_ENV, **(env or {})})
    finally:
        gc.unfreeze()  # `read` freezes what it loaded, for a process that ends soon after


def stderr_of(result: Result) -> str:
    return result.stderr_bytes.decode("utf-8", "replace") if result.stderr_bytes else ""


def assert_handled(result: Result, args: tuple[str | Path, ...]) -> None:
    """The command ended by success or by zonestats' own error: exit code 0 or 1, no
    traceback, and never the catch-all for faults of zonestats itself."""
    stderr = stderr_of(result)
    shown = " ".join(str(a) for a in args)
    catch_all = [line for line in stderr.splitlines() if line.startswith("error: " + CATCH_ALL)]
    assert not catch_all, f"`zonestats {shown}` reached the catch-all: {catch_all[0][:500]}"
    exception = result.exception
    if exception is not None and not isinstance(exception, SystemExit):
        raise AssertionError(
            f"`zonestats {shown}` raised {type(exception).__name__}"
        ) from exception
    assert result.exit_code in (0, 1), (
        f"`zonestats {shown}` exited {result.exit_code}: {stderr[:500]}"
    )
    assert "Traceback" not in stderr, f"`zonestats {shown}` printed a traceback"


def cli(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """run_cli, then assert_handled."""
    result = run_cli(*args, env=env)
    assert_handled(result, args)
    return result


# ---- time per byte ---------------------------------------------------------------------------

SLOWDOWN_BOUND = 20.0
"""How many times the time per byte of an ordinary input of a similar size a generated one
may take."""

MIN_SIZE = 100_000
"""Inputs this size and larger are timed (bytes of UTF-8); below it fixed costs dominate."""


def timed(function: Callable[[], Any], limit: float) -> float:
    """Seconds the function takes in a forked child (its ZonestatsError counts as an end
    like any other); math.inf when it is still running after ``limit`` seconds, when it is
    killed. Another exception in the child fails the property."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child() -> None:
        start = time.perf_counter()
        try:
            function()
        except ZonestatsError:
            pass
        except BaseException as error:  # reported to the parent, which fails
            sender.send(("error", f"{type(error).__name__}: {error}"[:2000]))
            return
        sender.send(("ok", time.perf_counter() - start))

    process = context.Process(target=child, daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(limit):
            return math.inf
        kind, value = receiver.recv()
    except EOFError:  # the child died without a word
        raise AssertionError("the timed child process died") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if kind == "error":
        raise AssertionError(f"raised in the timed call: {value}")
    return float(value)


_BASELINES: dict[tuple[str, int], float] = {}


def baseline_per_byte(kind: str, size: int, make: Callable[[int], Callable[[], Any]]) -> float:
    """Seconds per byte of the ordinary input of this kind, at ``size`` rounded up to 50 KB:
    the least of three runs, measured once per session (``make(size)`` gives the call)."""
    bucket = -(-size // 50_000) * 50_000
    key = (kind, bucket)
    if key not in _BASELINES:
        call = make(bucket)
        runs = [timed(call, 120.0) for _ in range(3)]
        _BASELINES[key] = min(runs) / bucket
    return _BASELINES[key]


def assert_time_per_byte(
    kind: str,
    size: int,
    call: Callable[[], Any],
    make_baseline: Callable[[int], Callable[[], Any]],
    description: str,
) -> None:
    """The call's time per byte stays below SLOWDOWN_BOUND times the baseline's. A call
    over the bound is measured again against a fresh baseline before it counts."""
    assert size >= MIN_SIZE
    for attempt in range(2):
        per_byte = baseline_per_byte(kind, size, make_baseline)
        limit = SLOWDOWN_BOUND * per_byte * size
        elapsed = timed(call, limit * 1.5 + 0.2)
        if elapsed <= limit:
            return
        if attempt == 0:
            _BASELINES.pop((kind, -(-size // 50_000) * 50_000), None)
    shown = "killed at" if math.isinf(elapsed) else "took"
    seconds = limit * 1.5 + 0.2 if math.isinf(elapsed) else elapsed
    raise AssertionError(
        f"{description}: {size:,} bytes {shown} {seconds:.2f} s, "
        f"{seconds / (per_byte * size):.0f}x the time per byte of an ordinary input "
        f"({per_byte * 1e6:.2f} us/byte; bound {SLOWDOWN_BOUND:.0f}x)"
    )
