"""Datasets and long tables, mutated: reading them, checking them and analysing what loads
raise nothing but zonestats' own error; both YAML parsers read a text alike."""

from __future__ import annotations

import inspect
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume
from hypothesis import strategies as st

import zonestats
from zonestats.errors import PROBLEM_CODES, Problem, problem_report
from zonestats.io import yaml_parser
from zonestats.io.inputs import check, quotes_of

from . import strategies as S
from .harness import fuzz, sandbox, scratch, tolerated


def analyse(dataset: zonestats.Dataset) -> None:
    """Every analysis and every view of a dataset, each allowed to raise only ZonestatsError."""
    from zonestats.analysis import (
        Selection,
        citations,
        compare_zones,
        growth_table,
        latest,
        summarize,
    )
    from zonestats.analysis.panel import panels
    from zonestats.output.env import Environment
    from zonestats.output.options import Format, Lang, OutputOptions, Units
    from zonestats.output.panel_view import panel_report, panel_rows
    from zonestats.output.summary_view import summary_report
    from zonestats.output.views import (
        citation_table,
        export_table,
        growth_rows,
        indicator_table,
        zones_table,
    )
    from zonestats.output.writers import render

    frame = dataset.observations()
    every = dataset.observations(merged=False)
    ids = list(dict.fromkeys(frame["indicator"].tolist()))
    periods = sorted(set(frame["period"].tolist()))
    for conflict in dataset.conflicts:
        conflict.note()
    tolerated(lambda: (dataset.zone, dataset.source, dataset.path))
    tolerated(lambda: [dataset.indicator(i) for i in ids[:3]])
    dataset.indicators  # noqa: B018
    dataset.categories  # noqa: B018
    selections = [
        Selection(),
        Selection(keep_single=True),
        Selection(indicators=tuple(ids[:2]), keep_single=True),
        Selection(start=periods[0] if periods else None, end=periods[-1] if periods else None),
        Selection(category="ranking", start="2020", end="2016"),
        Selection(keep_single=True, at=periods[-1] if periods else None, common=True),
        Selection(steps=True),
    ]
    tables = []
    several = len(dataset.zones) > 1
    for selection in selections:
        growth = tolerated(growth_table, frame, selection)
        if growth is not None:
            tables.append(growth_rows(growth, several))
            if not growth.empty and several:
                zones = [zone.name for zone in dataset.zones]
                compared = tolerated(compare_zones, growth, zones)
                if compared is not None:
                    tables.append(growth_rows(compared, several))
                    tables.append(zones_table(compared, zones, Lang.ZH))
    found = tolerated(panels, frame, ids[:2], [zone.name for zone in dataset.zones])
    if found:
        tables += [panel_report(found, Lang.EN), panel_rows(found, wide=True)]
    rows = tolerated(latest, dataset)
    if rows is not None:
        tables.append(indicator_table(rows, None))
    tolerated(latest, dataset, "ranking")
    for identifier in ids[:2]:
        cited = tolerated(citations, dataset, identifier)
        if cited is not None:
            tables.append(citation_table(cited, Lang.EN))
    tables.append(export_table(every))
    summary = tolerated(summarize, dataset)
    if summary is not None:
        tables.append(summary_report(summary, Lang.ZH))
    for table in tables:
        for chosen in (Format.TABLE, Format.CSV, Format.JSON, Format.MARKDOWN):
            out = io.StringIO()
            env = Environment(stdout=out, stderr=io.StringIO(), width=100)
            options = OutputOptions(
                format=chosen,
                output=None,
                lang=Lang.ZH,
                units=Units.CN,
                bom=False,
                limit=None,
                protected=(),
                env=env,
            )
            tolerated(render, table, options)


def _problems_are_well_formed(problems: list[Problem]) -> None:
    for problem in problems:
        assert problem.code in PROBLEM_CODES, problem
        assert isinstance(problem.message, str) and problem.message, problem
        str(problem), problem.short()  # noqa: B018


def _read_every_way(path: Path) -> None:
    dataset, problems = check([path])
    _problems_are_well_formed(problems)
    problem_report([str(path)], problems)
    quotes_of(path)
    loaded = tolerated(zonestats.load, path)
    tolerated(zonestats.load_observations, [path])
    if loaded is not None:
        assert not [p for p in problems if p.code != "conflicting-values"]
        analyse(loaded)
    elif dataset.table is not None and len(dataset.table):
        analyse(dataset)  # what check keeps: the observations without problems of their own


@fuzz(short=30, long=3_000, mutated=S.mutated_yaml())
def test_mutated_yaml_raises_only_zonestats_errors(mutated: S.Mutated) -> None:
    with scratch() as folder:
        _read_every_way(mutated.write(folder))


@fuzz(short=25, long=3_000, mutated=S.mutated_tables())
def test_mutated_tables_raise_only_zonestats_errors(mutated: S.Mutated) -> None:
    with scratch() as folder:
        _read_every_way(mutated.write(folder))


@fuzz(short=10, long=1_000, first=S.inputs(), second=S.inputs())
def test_two_mutated_inputs_together_raise_only_zonestats_errors(
    first: S.Mutated, second: S.Mutated
) -> None:
    """Merging: zones, indicators and observations of two hostile inputs as one dataset."""
    with scratch() as folder:
        (folder / "a").mkdir()
        (folder / "b").mkdir()
        paths = [first.write(folder / "a"), second.write(folder / "b")]
        dataset, problems = check(paths)
        _problems_are_well_formed(problems)
        loaded = tolerated(zonestats.load, paths)
        if loaded is not None:
            analyse(loaded)


@fuzz(
    short=40,
    long=3_000,
    specs=st.lists(
        st.one_of(
            st.sampled_from(S.HOSTILE_PATHS),
            S.hostile_text(),
            st.sampled_from(["a\x00b.yaml", "\x00"]),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_any_input_path_raises_only_zonestats_errors(specs: list[str]) -> None:
    """load and check take any text as paths and globs: too long, with NUL, a folder, a device."""
    with sandbox():
        tolerated(zonestats.load, specs)
        tolerated(check, specs)
        tolerated(zonestats.load, specs[0])


# ---- the two YAML parsers ----------------------------------------------------------------------


def _read_with(text: str, pure: bool) -> tuple[Any, list[tuple[str, int | None, int | None]]]:
    """What one parser makes of the text: the data, and each problem's code and place."""
    if _HAS_PURE:
        data, problems = yaml_parser.read_yaml(text, "x.yaml", pure=pure)  # type: ignore[call-arg]
        return _plain(data), sorted((p.code, p.line, p.col) for p in problems)
    # Parsers chosen by what the text holds: libyaml without & * !, the checked one with them.
    problems: list[Problem] = []
    try:
        if not pure:
            data = yaml_parser._build_from_events(text, "x.yaml", problems)
        else:
            node = yaml_parser._compose(text, "x.yaml", problems)
            data = None if node is None else yaml_parser._construct(node, "x.yaml", problems, 0)
    except yaml_parser._TooDeep:
        return "too-deep", []
    except yaml_parser.yaml.MarkedYAMLError:
        return "yaml-syntax", []
    except yaml_parser.yaml.YAMLError:
        return "yaml-character", []
    return _plain(data), sorted((p.code, None, None) for p in problems)


_HAS_PURE = "pure" in inspect.signature(yaml_parser.read_yaml).parameters


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _yaml_texts() -> st.SearchStrategy[str]:
    def decoded(mutated: S.Mutated) -> str:
        return mutated.data.decode("utf-8", "replace").lstrip("\ufeff")

    snippets = st.lists(
        st.sampled_from(
            [
                "a:",
                " ",
                "\t",
                "b",
                "- ",
                "\n",
                "  ",
                ": ",
                "'",
                '"',
                "#",
                "[",
                "]",
                "{",
                "}",
                ",",
                "? ",
                "|",
                ">",
                "x y",
                "\r\n",
                "...",
                "---",
                "-1",
                "值",
                "\\t",
            ]  # fmt: skip
        ),
        max_size=30,
    ).map("".join)
    return st.one_of(S.mutated_yaml().map(decoded), snippets)


@pytest.mark.skipif(not getattr(yaml_parser, "FAST", True), reason="PyYAML without libyaml")
@fuzz(short=300, long=10_000, text=_yaml_texts())
def test_both_yaml_parsers_read_a_text_alike(text: str) -> None:
    """libyaml where PyYAML has it, a pure-Python parser where not (or, in older versions,
    where the text holds & * !): which one reads a dataset must not change what it says,
    whether it is valid YAML, or where a problem is."""
    if not _HAS_PURE and yaml_parser._NEEDS_CHECKS.search(text):
        return  # only the checked parser reads it
    fast, slow = _read_with(text, pure=False), _read_with(text, pure=True)
    assert fast == slow, f"libyaml: {fast!r:.300}\npure Python: {slow!r:.300}"


def _reads_back(document: Any, text: str) -> None:
    """The text, which a writer made of the document, reads as the document with either parser."""
    for pure in (False, True) if _HAS_PURE else (False,):
        options = {"pure": True} if pure else {}
        data, problems = yaml_parser.read_yaml(text, "x.json", **options)
        codes = [p.code for p in problems]
        parser = "pure Python" if pure else "default"
        assert "yaml-syntax" not in codes and "yaml-character" not in codes, (
            f"{parser} parser: {problems[0]} in {text[:300]!r}"
        )
        if set(codes) & {"too-deep", "cell-too-long"} or document in (None, {}, []):
            continue
        assert _plain(data) == document, (
            f"{parser} parser: {text[:300]!r} reads as {_plain(data)!r:.300}"
        )


@fuzz(short=60, long=5_000, drawn=S.mutated_documents(), ascii_only=st.booleans())
def test_what_json_dumps_writes_reads_back_the_same(
    drawn: tuple[str, Any, list[str]], ascii_only: bool
) -> None:
    """A dataset written by Python's json (a .json dataset), ASCII-only as json.dumps writes
    by default or not, reads as the same strings."""

    # as a .json input is read: UTF-16 escape pairs joined first (json writes astral characters so)
    text = yaml_parser.json_as_yaml(json.dumps(drawn[1], ensure_ascii=ascii_only))
    _reads_back(drawn[1], text)


@fuzz(short=60, long=5_000, drawn=S.mutated_documents(), ascii_only=st.booleans())
def test_what_yaml_safe_dump_writes_reads_back_the_same(
    drawn: tuple[str, Any, list[str]], ascii_only: bool
) -> None:
    """A dataset written by PyYAML's safe_dump, with or without allow_unicode, reads as the
    same strings with either parser."""
    # PyYAML's emitter writes NEL raw inside a quoted scalar, where every YAML reader (its own
    # too) reads a line break: a fault of that writer, not of reading
    assume(ascii_only or "\x85" not in json.dumps(drawn[1], ensure_ascii=False))
    text = S.yaml.safe_dump(drawn[1], allow_unicode=not ascii_only, sort_keys=False)
    _reads_back(drawn[1], text)
