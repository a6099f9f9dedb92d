"""Every zonestats command the README shows runs, and prints what the README says it prints.

Console examples (`$ zonestats …` followed by output) are run and each line of the output
they show must be a line of what the command prints (stdout and stderr; `...` stands for
lines left out). Shell examples are run as a script, each command to succeed. Both run in a
folder holding the files the examples name, made from the fixtures and the source report.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"```(console|sh)\n(.*?)```", re.S)
_NOT_OURS = ("pip ", "python ", "ruff ", ". .venv", "bash ")


def _console_examples() -> list[tuple[str, list[str]]]:
    examples: list[tuple[str, list[str]]] = []
    for kind, body in _BLOCK.findall(README):
        if kind != "console":
            continue
        for line in body.splitlines():
            if line.startswith("$ "):
                examples.append((line[2:], []))
            elif examples:
                examples[-1][1].append(line)
    return [(c, shown) for c, shown in examples if c.startswith("zonestats ")]


def _shell_examples() -> list[str]:
    scripts = []
    for kind, body in _BLOCK.findall(README):
        lines = [line for line in body.splitlines() if line.startswith("zonestats ")]
        if kind == "sh" and lines:
            scripts.append("\n".join(lines))
    return scripts


def _workspace(path: Path, report: Path) -> Path:
    """A folder with every file the examples name."""
    copies = {
        "report_2021.yaml": FIXTURES / "report_2021.yaml",
        "report_2022.yaml": FIXTURES / "report_2022.yaml",
        "correction.yaml": FIXTURES / "report_2022_revised.yaml",
        "a.yaml": FIXTURES / "minimal.yaml",
        "b.yaml": FIXTURES / "zone_b.yaml",
        "report.txt": report,
    }
    for name, source in copies.items():
        shutil.copy(source, path / name)
    (path / "tests").symlink_to(ROOT / "tests")
    (path / "news").mkdir()
    for name in ("2021-01.txt", "2021-02.txt"):  # a folder of reports
        shutil.copy(report, path / "news" / name)
    article = (ROOT / "data" / "article.yaml").read_text(encoding="utf-8")
    tampered = article.replace("value: 72家", "value: 71家").replace(
        "quote: 全区共有72家高新技术企业", "quote: 全区共有73家高新技术企业"
    )
    (path / "tampered.yaml").write_text(tampered, encoding="utf-8")
    draft = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").splitlines()
    draft[20] = draft[20].replace("第73位", "第74位")
    draft.insert(30, "    unit: 个")
    (path / "draft.yaml").write_text("\n".join(draft) + "\n", encoding="utf-8")
    return path


def _run(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    shell = f'zonestats() {{ "{sys.executable}" -m zonestats "$@"; }}\nset -e\n{script}\n'
    return subprocess.run(
        ["bash", "-c", shell],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"},
    )


@pytest.mark.parametrize(
    ("command", "shown"), _console_examples(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_console_example_prints_what_it_shows(
    tmp_path: Path, article_path: Path, command: str, shown: list[str]
) -> None:
    done = _run(command.split("#")[0] + " || true", _workspace(tmp_path, article_path))
    printed = {line.rstrip() for line in (done.stdout + done.stderr).splitlines()}
    assert "Traceback" not in done.stderr
    for line in shown:
        if line.strip() and line.strip() != "...":
            assert line.rstrip() in printed, f"{command}\nnot printed: {line!r}\n{done.stdout}"


@pytest.mark.parametrize("script", _shell_examples(), ids=lambda s: s.splitlines()[0][:40])
def test_a_shell_example_runs(tmp_path: Path, article_path: Path, script: str) -> None:
    done = _run(script, _workspace(tmp_path, article_path))
    assert done.returncode == 0, f"{script}\n{done.stderr}"


def test_the_examples_are_found() -> None:
    assert len(_console_examples()) >= 8 and len(_shell_examples()) >= 3
    assert all(not c.startswith(_NOT_OURS) for c, _ in _console_examples())
    assert shlex.split("zonestats list")  # the examples are shell words
