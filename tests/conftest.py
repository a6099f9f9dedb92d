"""Shared fixtures: the bundled dataset, the source article, small fixture files, a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import zonestats
from zonestats.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLE_NAME = "jingzhou-2021-06-30.txt"

# Exact-output tests read tables at this width, without colour.
CLI_ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


def screen(text: str) -> list[str]:
    """Terminal output as lines without the padding rich leaves at their ends."""
    return [line.rstrip() for line in text.splitlines()]


def run_on_terminal(args: list[str], env: dict[str, str], stream: str = "stdout") -> str:
    """Run zonestats with stdout or stderr on a pseudo-terminal; what it wrote there."""
    import pty
    import subprocess
    import sys

    main, secondary = pty.openpty()
    outputs = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, stream: secondary}
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    process = subprocess.Popen(
        [sys.executable, "-m", "zonestats", *args],
        stdout=outputs["stdout"],
        stderr=outputs["stderr"],
        cwd=ROOT,
        env={**clean, "COLUMNS": "100", "TERM": "xterm-256color", **env},
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def _article_path() -> Path:
    base = os.environ.get("ZONESTATS_SOURCE_DIR")
    folder = Path(base) if base else ROOT.parent / "shared" / "source"
    return folder / ARTICLE_NAME


@pytest.fixture(scope="session")
def article() -> str:
    """The source report's text, read from ../shared/source (never copied into the project)."""
    path = _article_path()
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the source article {path} is missing; CI must see ../shared/source")
        pytest.skip(f"source article not found at {path}")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def article_path(article: str) -> Path:
    return _article_path()


@pytest.fixture(scope="session")
def dataset_path() -> Path:
    return ROOT / "data" / "article.yaml"


@pytest.fixture(scope="session")
def dataset(dataset_path: Path) -> zonestats.Dataset:
    return zonestats.load(dataset_path)


@pytest.fixture
def minimal_text() -> str:
    return (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str | bytes, str], Path]:
    """Write text or bytes to a file in a temporary folder and return its path."""

    def write(content: str | bytes, name: str = "data.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run a zonestats command in-process at a fixed width and without colour."""
    runner = CliRunner()

    def invoke(*args: str, expect: int | None = 0, env: dict[str, str] | None = None) -> Result:
        result = runner.invoke(app, list(args), env={**CLI_ENV, **(env or {})})
        if expect is not None:
            assert result.exit_code == expect, (
                f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
            )
        return result

    return invoke


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Show the extractor's measured accuracy at the end of every run."""
    from .test_extract import ACCURACY

    if ACCURACY:
        terminalreporter.write_line(
            f"extract accuracy on {ARTICLE_NAME}: "
            f"recall {ACCURACY['found']:.0f}/{ACCURACY['curated']:.0f} = {ACCURACY['recall']:.1%}, "
            f"precision {ACCURACY['real']:.0f}/{ACCURACY['candidates']:.0f} = "
            f"{ACCURACY['precision']:.1%}"
        )
