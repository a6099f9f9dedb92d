"""The YAML reader: one answer for every file, whichever parser reads it.

libyaml's events and the pure-Python parser's events feed one loop, so values, positions
and problems are the same; a corpus of damaged datasets (tabs, anchors, tags, stray
characters, bad indentation, unclosed quotes, BOMs, control characters) holds them to it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zonestats.io import yaml_parser
from zonestats.io.limits import MAX_CELL
from zonestats.io.tree import Mapping, Sequence
from zonestats.io.yaml_parser import read_yaml

from .conftest import FIXTURES, ROOT

SEED = 20210630
SOURCES = [ROOT / "data" / "article.yaml", *sorted(FIXTURES.glob("*.yaml"))]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _at(rng: random.Random, text: str, insert: str) -> str:
    place = rng.randrange(len(text) + 1)
    return text[:place] + insert + text[place:]


def _on_a_line(rng: random.Random, text: str, change: Callable[[str], str]) -> str:
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if line.strip()]
    i = rng.choice(candidates)
    lines[i] = change(lines[i])
    return "\n".join(lines)


def _value_start(rng: random.Random, text: str, insert: str) -> str:
    """`insert` just before a value written after `key: `."""
    places = [
        i + 2 for i in range(len(text) - 2) if text[i : i + 2] == ": " and text[i + 2] != "\n"
    ]
    if not places:
        return _at(rng, text, insert)
    place = rng.choice(places)
    return text[:place] + insert + text[place:]


def _key_start(rng: random.Random, text: str, insert: str) -> str:
    """`insert` just before a key of a block mapping."""

    def change(line: str) -> str:
        body = line.lstrip(" -")
        start = len(line) - len(body)
        return line[:start] + insert + body

    return _on_a_line(rng, text, change)


def _replace_one(rng: random.Random, text: str, old: str, new: str) -> str:
    places = [i for i in range(len(text)) if text.startswith(old, i)]
    if not places:
        return _at(rng, text, new)
    place = rng.choice(places)
    return text[:place] + new + text[place + len(old) :]


def _indent(rng: random.Random, text: str, delta: int) -> str:
    def change(line: str) -> str:
        return " " + line if delta > 0 else (line[1:] if line.startswith(" ") else line)

    return _on_a_line(rng, text, change)


def _tab_indent(rng: random.Random, text: str) -> str:
    def change(line: str) -> str:
        return "\t" + line[2:] if line.startswith("  ") else "\t" + line

    return _on_a_line(rng, text, change)


def _long_value(rng: random.Random, text: str) -> str:
    size = rng.choice((MAX_CELL, MAX_CELL + 1, MAX_CELL + 7))
    quote = rng.choice(("", '"', "'"))
    return _value_start(rng, text, quote + "长" * size + quote + " # ")


MUTATIONS: dict[str, Callable[[random.Random, str], str]] = {
    "tab after a colon": lambda r, t: _replace_one(r, t, ": ", ":\t"),
    "tabs after a colon": lambda r, t: _replace_one(r, t, ": ", ": \t\t"),
    "tab after a dash": lambda r, t: _replace_one(r, t, "- ", "-\t"),
    "tab indentation": _tab_indent,
    "tab at a line's end": lambda r, t: _on_a_line(r, t, lambda line: line + "\t"),
    "tab before a comment": lambda r, t: _on_a_line(r, t, lambda line: line + "\t# note"),
    "tab in a flow": lambda r, t: _value_start(r, t, "[a,\tb]\t# "),
    "tab in a flow mapping": lambda r, t: _value_start(r, t, "{a:\tb,\tc: d} # "),
    "tab anywhere": lambda r, t: _at(r, t, "\t"),
    "tab in a quoted value": lambda r, t: _value_start(r, t, '"a\tb" # '),
    "R&D in a comment": lambda r, t: _on_a_line(r, t, lambda line: line + " # R&D * !"),
    "comment line with &*!": lambda r, t: _at(r, t, "\n# R&D *x !y\n"),
    "& in a value": lambda r, t: _value_start(r, t, "R&D "),
    "* and ! in a value": lambda r, t: _value_start(r, t, "x * y! "),
    "anchor": lambda r, t: _value_start(r, t, "&a "),
    "anchor on a key": lambda r, t: _key_start(r, t, "&k "),
    "alias": lambda r, t: _value_start(r, t, "*a # "),
    "alias as a key": lambda r, t: _key_start(r, t, "*k : v\n"),
    "anchor and alias": lambda r, t: _value_start(r, _value_start(r, t, "&a "), "*a # "),
    "int tag": lambda r, t: _value_start(r, t, "!!int "),
    "str tag": lambda r, t: _value_start(r, t, "!!str "),
    "null tag": lambda r, t: _value_start(r, t, "!!null "),
    "local tag": lambda r, t: _value_start(r, t, "!local "),
    "non-specific tag": lambda r, t: _value_start(r, t, "! "),
    "python tag": lambda r, t: _value_start(r, t, "!!python/object/apply:os.system "),
    "tag on a key": lambda r, t: _key_start(r, t, r.choice(("!!int ", "!x ", "! ", "!!str "))),
    "tag on a collection": lambda r, t: _value_start(r, t, "!!set {a: b} # "),
    "tag directive": lambda r, t: "%TAG !e! tag:example.com,2000:\n---\n" + t,
    "delete a character": lambda r, t: (lambda i: t[:i] + t[i + 1 :])(r.randrange(len(t))),
    "duplicate a character": lambda r, t: (lambda i: t[:i] + t[i] + t[i:])(r.randrange(len(t))),
    "indent one more": lambda r, t: _indent(r, t, 1),
    "indent one less": lambda r, t: _indent(r, t, -1),
    "unclosed double quote": lambda r, t: _value_start(r, t, '"'),
    "unclosed single quote": lambda r, t: _value_start(r, t, "'"),
    "unclosed bracket": lambda r, t: _value_start(r, t, "["),
    "unclosed brace": lambda r, t: _value_start(r, t, "{"),
    "stray closing bracket": lambda r, t: _at(r, t, r.choice("]}")),
    "stray quote": lambda r, t: _at(r, t, r.choice("\"'")),
    "stray special": lambda r, t: _at(r, t, r.choice(":-?,#|>%@`")),
    "BOM at the start": lambda r, t: "\ufeff" + t,
    "BOM inside": lambda r, t: _at(r, t, "\ufeff"),
    "control character": lambda r, t: _at(r, t, r.choice("\x00\x01\x08\x0b\x0c\x1b\x7f")),
    "unicode line break": lambda r, t: _at(r, t, r.choice("\x85\u2028\u2029")),
    "carriage returns": lambda r, t: t.replace("\n", "\r\n"),
    "lone carriage return": lambda r, t: _at(r, t, "\r"),
    "document start": lambda r, t: _on_a_line(r, t, lambda line: "---\n" + line),
    "document end": lambda r, t: _on_a_line(r, t, lambda line: "...\n" + line),
    "duplicate a line": lambda r, t: _on_a_line(r, t, lambda line: line + "\n" + line),
    "block scalar": lambda r, t: _value_start(r, t, "|\n  x\n  y\n # "),
    "complex key": lambda r, t: _key_start(r, t, "? "),
    "long scalar": _long_value,
}


def mutants(count: int = 400, seed: int = SEED) -> list[tuple[str, str]]:
    """`count` damaged datasets, each as (what was done, text), the same every run."""
    rng = random.Random(seed)
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in SOURCES]
    names = list(MUTATIONS)
    made = []
    for i in range(count):
        name, text = texts[i % len(texts)]
        first = names[i % len(names)] if i < 2 * len(names) else rng.choice(names)
        text = MUTATIONS[first](rng, text)
        what = f"{name}: {first}"
        if rng.random() < 0.25:
            second = rng.choice(names)
            text = MUTATIONS[second](rng, text)
            what += f", {second}"
        made.append((what, text))
    return made


def as_plain(value: Any) -> Any:
    """A parsed document with every position spelled out, for comparing two parsers."""
    if isinstance(value, Mapping):
        return (
            "map",
            (value.line, value.col),
            [
                (k, as_plain(v), value.positions[k], value.value_positions[k])
                for k, v in value.items()
            ],
        )
    if isinstance(value, Sequence):
        return ("seq", (value.line, value.col), [as_plain(v) for v in value], value.positions)
    return value


def answer(text: str, pure: bool) -> tuple[Any, list[tuple[str, int | None, int | None, str]]]:
    """What read_yaml makes of a text: the data with every position, and the problems."""
    data, problems = read_yaml(text, "f.yaml", pure=pure)
    return as_plain(data), [(p.code, p.line, p.col, p.message) for p in problems]


def both(text: str) -> tuple[Any, list[tuple[str, int | None, int | None, str]]]:
    """The answer of libyaml, checked to be the pure-Python parser's too."""
    fast = answer(text, pure=False)
    assert answer(text, pure=True) == fast
    return fast


def codes(text: str) -> list[tuple[str, int | None, int | None]]:
    return [(code, line, col) for code, line, col, _ in both(text)[1]]


needs_libyaml = pytest.mark.skipif(not yaml_parser.FAST, reason="PyYAML is built without libyaml")


@needs_libyaml
def test_both_parsers_agree_on_damaged_datasets() -> None:
    """Four hundred damaged datasets: the same data, positions and problems (code, line,
    column, words) from libyaml and from the pure-Python parser."""
    made = mutants()
    found: dict[str, int] = {}
    disagree = []
    for what, text in made:
        fast = answer(text, pure=False)
        if answer(text, pure=True) != fast:
            disagree.append(what)
        for code, *_ in fast[1] or [("clean",)]:
            found[code] = found.get(code, 0) + 1
    assert disagree == []
    # The corpus holds every kind of answer, and more than a few of each.
    kinds = ("clean", "yaml-syntax", "yaml-alias", "yaml-tag", "yaml-character")
    assert all(found.get(kind, 0) >= 10 for kind in kinds), found
    assert all(found.get(code) for code in ("duplicate-key", "key-not-text", "cell-too-long"))


ATOMS = [
    "a", "b c", "長", ":", ": ", " ", "  ", "\t", "\n", "\n", "\n  ", "- ", "-", "? ", "?",
    "[", "]", "{", "}", ", ", ",", "#c", " #c", "'", '"', "'q'", '"q"', "| ", "|\n", ">-\n",
    "&x ", "*x", "! ", "!t ", "!!str ", "!!int ", "%", "@", "\\", "---", "...", "\ufeff",
    "\r", "\r\n", "\x85", "\u2028", "k: v\n", "  k: v\n", "- x\n", '"a\tb"', ":x", "x:",
    "%TAG ! t:\n", "%YAML 1.1\n", "!<t:x> ", "{a: , b}", "[a: , b]", "{? : x}", "[? : x]",
    '"\\x4g"', '"\\u00e9"', '"\\q"', "|2\n", "\x01", '"a\\\n  b"', "'a\n\n  b'", "x\n  y",
]  # fmt: skip


@needs_libyaml
@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(ATOMS), max_size=16).map("".join))
def test_both_parsers_agree_on_any_text(text: str) -> None:
    assert answer(text, pure=True) == answer(text, pure=False)


@pytest.mark.parametrize("comment", ["", "# R&D\n", "# *x !y\n"])
def test_a_tab_after_a_colon_is_fine_whatever_else_the_file_holds(comment: str) -> None:
    data, problems = both(f"{comment}name:\tvalue\nlist: [a,\tb]\t# note\n")
    assert problems == []
    assert data[2][0][:2] == ("name", "value")
    assert data[2][1][1][2] == ["a", "b"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a:\n\tb: c\n", (2, 1)),  # a tab that indents
        ("- a\n-\tb\n", (2, 2)),  # after '-'
        ("? a\n:\tb\n", (2, 2)),  # after ':' of a complex key
        ("a: b\n\tc: d\n", (2, 1)),  # in a plain scalar's indentation
        ("a: |\n\tb\n", (2, 1)),  # in a block scalar's indentation
    ],
)
def test_tabs_where_libyaml_refuses_them(text: str, where: tuple[int, int]) -> None:
    assert codes(text) == [("yaml-syntax", *where)]


@needs_libyaml
def test_libyaml_reads_every_file(monkeypatch: pytest.MonkeyPatch, minimal_text: str) -> None:
    def refuse(*args: Any) -> None:
        raise AssertionError("the pure-Python parser ran")

    monkeypatch.setattr(yaml_parser, "_PureParser", refuse)
    for text in (minimal_text, minimal_text.replace("示例日报", "R&D日报 # *x !y")):
        data, problems = read_yaml(text, "f.yaml")
        assert data["zone"]["name"] == "示例开发区" and problems == []
    data, problems = read_yaml(minimal_text.replace("示例日报", "&a !!int 1"), "f.yaml")
    assert [p.code for p in problems] == ["yaml-alias", "yaml-tag"]


def test_the_pure_parser_reads_when_libyaml_is_missing(
    monkeypatch: pytest.MonkeyPatch, minimal_text: str
) -> None:
    made = []
    pure_parser = yaml_parser._PureParser

    def record(text: str, path: str) -> Any:
        made.append(path)
        return pure_parser(text, path)

    monkeypatch.setattr(yaml_parser, "FAST", False)
    monkeypatch.setattr(yaml_parser, "_PureParser", record)
    data, problems = read_yaml(minimal_text, "f.yaml")
    assert made == ["f.yaml"] and data["zone"]["name"] == "示例开发区" and problems == []


ALIASES = "anchors and aliases (&name, *name) are not allowed; write the value out"


def test_anchors_and_aliases_are_refused_and_never_expanded() -> None:
    data, problems = both("a: &x [1, 2]\nb: *x\n*x : c\nd: &y e\n")
    assert data[2] == [
        ("a", ("seq", (1, 4), ["1", "2"], [(1, 8), (1, 11)]), (1, 1), (1, 4)),
        ("b", None, (2, 1), (2, 4)),
        ("d", "e", (4, 1), (4, 4)),
    ]
    assert problems == [
        ("yaml-alias", 1, 4, ALIASES),
        ("yaml-alias", 2, 4, ALIASES),
        ("yaml-alias", 3, 1, ALIASES),
        ("key-not-text", 3, 1, "a key must be plain text"),
        ("yaml-alias", 4, 4, ALIASES),
    ]


def test_tags_are_refused_but_those_that_change_nothing() -> None:
    text = (
        "a: !!int 3\nb: !local x\nc: !!str 010\nd: ! 5\ne: !!null x\nf: ! ~\ng: ! ''\n"
        "h: !!map {k: v}\ni: !<tag:example.com,2000:x> y\n"
    )
    data, problems = both(text)
    values = {key: value for key, value, *_ in data[2]}
    assert values == {
        "a": None, "b": None, "c": "010", "d": "5", "e": None, "f": None, "g": None,
        "h": ("map", (8, 4), [("k", "v", (8, 11), (8, 14))]), "i": None,
    }  # fmt: skip
    assert problems == [
        ("yaml-tag", 1, 4, "tags such as tag:yaml.org,2002:int are not allowed; remove it"),
        ("yaml-tag", 2, 4, "tags such as !local are not allowed; remove it"),
        ("yaml-tag", 9, 4, "tags such as tag:example.com,2000:x are not allowed; remove it"),
    ]


def test_what_is_refused_whole_is_not_read() -> None:
    # A tagged list or mapping, and a key that is a list or mapping: nothing in them is
    # read (so no duplicate key in them is reported), but an alias in them is still refused.
    text = "a: !!set {x: 1, x: 2, y: *z}\n? {k: 1, k: 2, j: *z}\n: v\n!!int 1: w\n!!str s: t\n"
    data, problems = both(text)
    assert data[2] == [("a", None, (1, 1), (1, 4)), ("s", "t", (5, 1), (5, 10))]
    assert [(code, line, col) for code, line, col, _ in problems] == [
        ("yaml-tag", 1, 4),
        ("yaml-alias", 1, 26),
        ("key-not-text", 2, 3),
        ("yaml-alias", 2, 19),
        ("key-not-text", 4, 1),
    ]


def test_quoted_and_plain_scalars_fold_as_libyaml_folds_them() -> None:
    text = 'a: "x\\\n   y"\nb: "x\\\n\n  y"\nc: \'x\n\n  y\'\nd: x\n  y\n\n  z\ne: "x \\\n  \\ y"\n'
    data, problems = both(text)
    assert [value for _, value, *_ in data[2]] == ["xy", "x\ny", "x\ny", "x y\nz", "x  y"]


def test_a_value_longer_than_a_cell_is_a_problem() -> None:
    long = "长" * (MAX_CELL + 1)
    text = f"a: {long}\nb: '{'x' * MAX_CELL}'\nc:\n  - |\n    {long}\n? {long}\n: dropped\nd: ok\n"
    data, problems = both(text)
    assert [(key, value if value is None else len(value)) for key, value, *_ in data[2][:2]] == [
        ("a", None),
        ("b", MAX_CELL),
    ]
    assert data[2][2][1][2] == [None] and data[2][3][:2] == ("d", "ok")
    message = "a value of 100,001 characters, more than the 100,000 a value may hold"
    assert problems == [
        ("cell-too-long", 1, 4, message),
        ("cell-too-long", 4, 5, message.replace("100,001", "100,002")),  # with its line break
        ("cell-too-long", 6, 3, message),
    ]


def test_a_refused_character_in_a_long_file_is_found_as_libyaml_finds_it() -> None:
    # libyaml reads 16 KiB at a time: a syntax error before the chunk with a control
    # character is reported, one after it is not.
    lines = "".join(f"k{i:05d}: '值{i}值 值值'\n" for i in range(3000))
    early_error = lines.replace("k00100: ", "k00100: : ", 1) + "z: \x01\n"
    assert codes(early_error) == [("yaml-syntax", 101, 9)]
    late_error = lines.replace("k00100: ", "k00100: \x01", 1) + "z: [\n"
    assert codes(late_error) == [("yaml-character", 101, 9)]
