"""Help and errors for people: suggestions, the ids where an id is missing, our own wording
of bad option values, clean help, and shell completion."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

from .conftest import FIXTURES, ROOT


def test_show_without_an_id_lists_the_ids(cli: Callable[..., Any]) -> None:
    result = cli("show")
    assert "national_rank" in result.stdout and "midea_fridge_capacity" in result.stdout
    assert "zonestats show ID" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["show", "national_rnak"], "did you mean national_rank"),
        (["list", "-c", "rankng"], "did you mean ranking"),
        (["compare", "signed_projects_100m"], "did you mean projects_signed_100m"),
        (["panel", "national_rnk"], "did you mean national_rank"),
    ],
)
def test_close_names_are_suggested(cli: Callable[..., Any], args: list[str], words: str) -> None:
    assert words in cli(*args, expect=1).stderr


def test_a_zone_named_wrong_is_suggested(cli: Callable[..., Any], tmp_path: Any) -> None:
    text = (FIXTURES / "three_zones.yaml").read_text(encoding="utf-8")
    path = tmp_path / "zones.yaml"
    path.write_text(text.replace("- zone: baishui", "- zone: baishu", 1), encoding="utf-8")
    result = cli("validate", str(path), expect=1)
    assert "no zone 'baishu' in this file" in result.stdout
    assert "did you mean baishui?" in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["summary", "--movers", "x"], "give a whole number"),
        (["summary", "--movers", "-1"], "give a number no less than 0"),
        (["list", "-n", "-2"], "give a number no less than 0"),
        (["--max-input", "0", "list"], "give a number no less than 1"),
        (["list", "--lang", "fr"], "'fr' is not one of 'zh', 'en'"),
        (["list", "-f", "xls"], "'xls' is not one of"),
    ],
)
def test_bad_option_values_in_our_words(
    cli: Callable[..., Any], args: list[str], words: str
) -> None:
    result = cli(*args, expect=2)
    assert words in result.stderr
    assert "Value error" not in result.stderr and "Input should" not in result.stderr


@pytest.mark.parametrize(
    "command",
    ["list", "show", "compare", "panel", "summary", "export", "validate", "verify", "extract"],
)
def test_help_has_clean_metavars(cli: Callable[..., Any], command: str) -> None:
    text = cli(command, "--help").stdout
    for jargon in ("<list[", "<int range>", "[[", "TEXT", "INTEGER", "Value error"):
        assert jargon not in text, (command, jargon)


def _complete(words: str) -> list[str]:
    env = {
        **os.environ,
        "_ZONESTATS_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    script = "import sys; sys.argv = ['zonestats']; from zonestats.cli.app import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=ROOT
    )
    return done.stdout.split()


def test_shell_completion_of_commands_and_ids() -> None:
    assert "compare" in _complete("zonestats comp")
    assert _complete("zonestats show national_") == [
        "national_rank",
        "national_zones_evaluated",
    ]
    four = str(FIXTURES / "four_zones")
    assert _complete(f"zonestats panel -d {four} indus") == ["industrial_output"]


def test_completion_can_be_installed(cli: Callable[..., Any]) -> None:
    text = cli("--help").stdout
    assert "--install-completion" in text and "--show-completion" in text
