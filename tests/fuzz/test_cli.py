"""The command line on hostile inputs: every command ends in success or in zonestats' own
error (exit code 0 or 1), never in the catch-all for faults of zonestats itself; what it
shows people carries no raw control characters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

from zonestats.io.inputs import check

from . import strategies as S
from .harness import assert_handled, cli, fuzz, run_cli, sandbox, scratch, stderr_of, tolerated

REPORT = S.FIXTURES / "three_zones.txt"
MINIMAL = S.FIXTURES / "minimal.yaml"

Command = Callable[[Path, Path, str], tuple[str | Path, ...]]

COMMANDS: list[Command] = [
    lambda p, out, ident: ("validate", p),
    lambda p, out, ident: ("validate", p, "--json"),
    lambda p, out, ident: ("validate", p, MINIMAL),
    lambda p, out, ident: ("list", "-d", p),
    lambda p, out, ident: ("list", "-d", p, "--json", "--lang", "en"),
    lambda p, out, ident: ("summary", "-d", p),
    lambda p, out, ident: ("summary", "-d", p, "--json"),
    lambda p, out, ident: ("compare", "-d", p),
    lambda p, out, ident: ("compare", "-d", p, "-d", MINIMAL, "--csv"),
    lambda p, out, ident: ("compare", "-d", p, "--from", "2016", "--to", "2021", "-f", "markdown"),
    lambda p, out, ident: ("show", "-d", p, "--", ident),
    lambda p, out, ident: ("export", "-d", p, "--csv"),
    lambda p, out, ident: ("export", "-d", p, "-o", out / "export.csv"),
    lambda p, out, ident: ("export", "-d", p, "-o", out / "export.tsv", "--bom"),
    lambda p, out, ident: ("export", "-d", p, "-o", out / "export.xlsx"),
    lambda p, out, ident: ("export", "-d", p, "-f", "jsonl", "--units", "raw"),
    lambda p, out, ident: ("verify", p, "--source", REPORT),
]


def _indicator(path: Path) -> str:
    dataset = tolerated(lambda: check([path])[0])
    ids = dataset.table.column("indicator") if dataset is not None else []
    return str(ids[0]) if len(ids) else "national_rank"


def _picks() -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(0, len(COMMANDS) - 1), min_size=4, max_size=7, unique=True)


def _run_commands(mutated: S.Mutated, picks: list[int]) -> None:
    with scratch() as folder:
        path = mutated.write(folder)
        (folder / "out").mkdir()
        ident = _indicator(path)
        for pick in picks:
            cli(*COMMANDS[pick](path, folder / "out", ident))


@fuzz(short=25, long=1_500, mutated=S.renamed(S.mutated_yaml()), picks=_picks())
def test_commands_on_mutated_datasets_never_reach_the_catch_all(
    mutated: S.Mutated, picks: list[int]
) -> None:
    _run_commands(mutated, picks)


@fuzz(short=25, long=1_500, mutated=S.renamed(S.mutated_tables()), picks=_picks())
def test_commands_on_mutated_tables_never_reach_the_catch_all(
    mutated: S.Mutated, picks: list[int]
) -> None:
    _run_commands(mutated, picks)


@fuzz(short=10, long=1_000, first=S.inputs(), second=S.hostile_text_inputs())
def test_commands_on_two_inputs_never_reach_the_catch_all(
    first: S.Mutated, second: S.Mutated
) -> None:
    with scratch() as folder:
        (folder / "a").mkdir()
        (folder / "b").mkdir()
        a, b = first.write(folder / "a"), second.write(folder / "b")
        for command in ("summary", "compare", "list", "export"):
            cli(command, "-d", a, "-d", b)
        cli("validate", folder)
        cli("compare", "-d", str(folder / "*" / "*"), "--json")


@fuzz(
    short=25,
    long=1_500,
    text=S.reports(),
    encoding=st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    published=st.sampled_from(
        [None, "2021-06-30", "2020-02-29", "0001-01-01", "2021-02-30", "yesterday"]
    ),
)
def test_extract_never_reaches_the_catch_all(
    text: str, encoding: str, published: str | None
) -> None:
    with scratch() as folder:
        report = folder / "report.txt"
        report.write_bytes(text.encode(encoding, "replace"))
        dated = ("--published", published) if published else ()
        cli("extract", report, *dated)
        cli("extract", report, *dated, "--csv", "--units", "raw")
        cli("extract", report, *dated, "-f", "table")
        cli("extract", report, *dated, "-o", folder / "candidates.xlsx")
        drafted = run_cli("extract", report, *dated, "-o", folder / "draft.yaml")
        if drafted.exit_code == 0:
            cli("validate", folder / "draft.yaml")
            cli("verify", folder / "draft.yaml", "--source", report)
            cli("summary", "-d", folder / "draft.yaml")


_OPTION_TEXT = st.one_of(
    S.hostile_text().map(lambda text: text.replace("\x00", "")),  # no argument can hold NUL
    st.sampled_from(
        S.PERIODS
        + ["2016", "2021", "2021-06-30", "2020-01/2020-05", "national_rank", "ranking", "-"]
    ),
    st.sampled_from(S.HOSTILE_PATHS),
)
_BASES = [str(p) for p in S.base_dataset_paths()]
_OUT, _DATA = (
    "\0out",
    "\0data",
)  # stand for the scratch folder and the input (no argument holds NUL)


@st.composite
def _hostile_invocations(draw: st.DrawFn) -> tuple[list[str], dict[str, str]]:
    """A command with hostile option values and output targets, on the base datasets, in a
    hostile terminal environment."""
    text = draw(_OPTION_TEXT)
    data = ["-d", draw(st.sampled_from(_BASES))]
    output = draw(
        st.sampled_from(
            [
                [],
                [],
                ["-o", _OUT + "/OUT.CSV"],
                ["-o", _OUT + "/missing/x.csv"],
                ["-o", _OUT],
                ["-o", "-"],
                ["-o", _OUT + "/x.unknown"],
                ["-o", _OUT + "/x.md"],
                ["-o", _OUT + "/x.json"],
                ["-o", _DATA],
                ["-f", "xlsx"],
                ["-o", _OUT + "/x.xlsx", "-f", "csv"],
                ["--bom", "-f", "tsv"],
                ["-n", "0"],
                ["-n", "1"],
            ]  # fmt: skip
        )
    )
    command = draw(
        st.sampled_from(
            [
                ["compare", "--from", text],
                ["compare", "--to", text],
                ["compare", "--from", text, "--to", text],
                ["compare", "--", text],
                ["compare", "-c", text],
                ["list", "-c", text],
                ["show", "--", text],
                ["summary", "--movers", draw(st.sampled_from(["0", "1", "100000", "-1", "x"]))],
                ["export"],
                ["list", "--lang", "en", "--units", "raw"],
                ["validate", text],
                ["verify", "--source", text],
                ["extract", text],
                ["extract", str(REPORT), "--published", text],
                ["list", "-d", text],
            ]  # fmt: skip
        )
    )
    if command[0] in ("validate", "verify", "extract") or command[:2] == ["list", "-d"]:
        data = []
    if command[0] in ("validate", "verify"):
        output = []
    env = {
        "COLUMNS": draw(st.sampled_from(["100", "1", "2", "7", "0", "-5", "abc", "100000"])),
        "LINES": draw(st.sampled_from(["40", "1", "0", "x"])),
    }
    return [*command[:1], *data, *output, *command[1:]], env


@fuzz(short=30, long=2_000, invocation=_hostile_invocations())
def test_hostile_options_never_reach_the_catch_all(
    invocation: tuple[list[str], dict[str, str]],
) -> None:
    args, env = invocation
    with sandbox() as folder:
        data = next((a for a in args if a in _BASES), _BASES[0])
        args = [
            a.replace(_OUT, str(folder)).replace(_DATA, data) if a.startswith("\0") else a
            for a in args
        ]
        result = run_cli(*args, env=env)
        shown = tuple(args)
        if result.exit_code == 2:  # a usage error: the framework's own message, not a fault
            assert "Traceback" not in stderr_of(result)
            return
        assert_handled(result, shown)


# ---- what people see --------------------------------------------------------------------------

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _raw_controls(text: str) -> list[str]:
    """Characters a terminal acts on rather than shows: C0 controls but line feed (and tab),
    DEL, C1 controls, and bidi overrides and isolates."""
    return sorted(
        {
            repr(c)
            for c in text
            if (unicodedata.category(c) == "Cc" and c not in "\n\t") or c in _BIDI
        }
    )


_PEOPLE = [
    ("list",),
    ("summary",),
    ("compare",),
    ("export", "-f", "table", "--limit", "0"),
    ("export", "-f", "markdown"),
    ("list", "-f", "markdown", "--lang", "en"),
]


@fuzz(short=10, long=1_000, mutated=S.hostile_text_inputs())
def test_what_people_see_has_no_raw_control_characters(mutated: S.Mutated) -> None:
    """Tables, markdown, messages and notes show control characters, escape sequences and
    bidi overrides from the data escaped, never raw."""
    with scratch() as folder:
        path = mutated.write(folder)
        ident = _indicator(path)
        runs = [(*command, "-d", path) for command in _PEOPLE]
        runs += [
            ("show", "-d", path, "--", ident),
            ("validate", path),
            ("verify", path, "--source", REPORT),
        ]
        for args in runs:
            result = cli(*args)
            shown = result.stdout_bytes.decode("utf-8", "replace") + stderr_of(result)
            found = _raw_controls(shown)
            assert not found, f"`zonestats {' '.join(map(str, args))}` shows raw {', '.join(found)}"


def test_the_raw_control_check_sees_escapes() -> None:
    assert _raw_controls("a\x1b[31mb\u202ec\n\t") == ["'\\u202e'", "'\\x1b'"]
    assert not re.search(r"\x1b", "plain")
