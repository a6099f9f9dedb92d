"""Time per byte is bounded: a generated input of 100 KB or more takes no more than
SLOWDOWN_BOUND times the time per byte of an ordinary input of a similar size, measured in
the same run (each in a child process, killed once it is past the bound)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from zonestats.extract import draft, extract, parse_report
from zonestats.io.inputs import check

from . import strategies as S
from .harness import MIN_SIZE, assert_time_per_byte, fuzz, scratch

_SIZES = st.integers(MIN_SIZE, 2 * MIN_SIZE)
_PUBLISHED = date(2021, 6, 30)


def _extract_text(text: str) -> Callable[[], Any]:
    def call() -> None:
        report = parse_report(text, _PUBLISHED, "report.txt")
        draft(report, extract(report))

    return call


def _ordinary_report(size: int) -> Callable[[], Any]:
    return _extract_text(S.ordinary_report(size))


@dataclass(frozen=True)
class Large:
    """A piece, repeated to ``size`` bytes (kept small here so that a failing example reads)."""

    piece: str
    size: int
    amid_ordinary: bool

    def text(self) -> str:
        if self.amid_ordinary:  # a hostile run in the middle of an ordinary report
            half = S.ordinary_report(self.size // 2)
            return (
                half[: len(half) // 2]
                + S.scaled_to(self.piece, self.size // 2)
                + half[len(half) // 2 :]
            )
        return S.scaled_to(self.piece, self.size)


_PIECES = st.one_of(
    S.hostile_runs(max_size=3),
    st.lists(S.report_sentences(), min_size=1, max_size=3).map("".join),
    st.tuples(S.report_sentences(), S.hostile_runs(max_size=20)).map("".join),
    st.lists(st.sampled_from(S.QUANTITY_TOKENS), min_size=1, max_size=6).map("".join),
    S.hostile_text(),
).filter(lambda piece: piece != "")


@fuzz(short=5, long=300, large=st.builds(Large, _PIECES, _SIZES, st.booleans()))
def test_extraction_time_per_byte_is_bounded(large: Large) -> None:
    text = large.text()
    size = len(text.encode("utf-8"))
    assert_time_per_byte("extract", size, _extract_text(text), _ordinary_report, f"extract {large}")


# ---- loading ---------------------------------------------------------------------------------


def _article_indicators(size: int) -> dict[str, Any]:
    """The bundled dataset with its indicators repeated under fresh ids to about ``size``
    bytes of YAML."""
    document = json.loads(json.dumps(S.base_documents()["article.yaml"]))
    indicators = document["indicators"]
    one = len(yaml.safe_dump({"indicators": indicators}, allow_unicode=True).encode("utf-8"))
    copies = max(1, -(-size // one))
    document["indicators"] = [
        {**indicator, "id": f"{indicator['id']}_{copy}"}
        for copy in range(copies)
        for indicator in indicators
    ]
    return document


def _check_file(path: Path) -> Callable[[], Any]:
    return lambda: check([path])


_BASELINE_DIR: list[Path] = []


def _ordinary_file(kind: str, size: int) -> Path:
    import tempfile

    if not _BASELINE_DIR:
        _BASELINE_DIR.append(Path(tempfile.mkdtemp(prefix="zonestats-fuzz-baseline-")))
    path = _BASELINE_DIR[0] / f"ordinary-{size}.{kind}"
    if not path.exists():
        document = _article_indicators(size)
        if kind == "yaml":
            path.write_text(
                yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
        else:
            path.write_bytes(S.write_table(_frame_of(document), kind))
    return path


def _frame_of(document: dict[str, Any]) -> Any:
    """A dataset as the long table export writes, built without zonestats (the rows only)."""
    import pandas as pd

    rows = []
    for indicator in document["indicators"]:
        for observation in indicator["observations"]:
            rows.append(
                {
                    "zone": "荆州开发区",
                    "indicator": indicator["id"],
                    "name": indicator["name"],
                    "category": indicator["category"],
                    "period": observation["period"],
                    "value": observation["number"],
                    "unit": indicator["unit"],
                    "qualifier": observation.get("qualifier"),
                    "written": observation["value"],
                    "quote": observation["quote"],
                    "source_title": "荆州开发区:党旗高扬在工业主战场",
                    "source_publisher": "湖北文明网",
                    "source_date": "2021-06-30",
                }
            )
    return pd.DataFrame(rows, dtype=object)


_FIELDS = ["value", "quote", "period", "number", "qualifier", "name", "unit", "period_note", "id"]


@dataclass(frozen=True)
class Hostile:
    """Every observation's (or indicator's) ``field`` set to ``value``, or, with ``one``,
    one cell holding ``value`` repeated to the size of the file."""

    field: str
    value: str
    size: int
    one: bool


_HOSTILE_VALUES = st.one_of(S.quantities(), S.hostile_text(), S.hostile_runs(max_size=40)).filter(
    bool
)


def _hostile_document(spec: Hostile) -> dict[str, Any]:
    if spec.one:
        document = json.loads(json.dumps(S.base_documents()["article.yaml"]))
        value = S.scaled_to(spec.value, spec.size)
        targets = [document["indicators"][0]["observations"][0], document["indicators"][0]]
    else:
        document = _article_indicators(spec.size)
        value = spec.value
        targets = [o for i in document["indicators"] for o in i["observations"]] + document[
            "indicators"
        ]
    for target in targets:
        if spec.field in target:
            target[spec.field] = value
            if spec.one:
                break
    return document


@fuzz(
    short=4,
    long=300,
    spec=st.builds(Hostile, st.sampled_from(_FIELDS), _HOSTILE_VALUES, _SIZES, st.booleans()),
)
def test_yaml_loading_time_per_byte_is_bounded(spec: Hostile) -> None:
    with scratch() as folder:
        path = folder / "hostile.yaml"
        path.write_text(
            yaml.safe_dump(_hostile_document(spec), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        size = path.stat().st_size
        if size < 100_000:
            return  # a hostile value that shrank the file below the size worth timing
        make = lambda bucket: _check_file(_ordinary_file("yaml", bucket))  # noqa: E731
        assert_time_per_byte("yaml", size, _check_file(path), make, f"load {spec}")


@fuzz(
    short=4,
    long=300,
    spec=st.builds(Hostile, st.sampled_from(_FIELDS), _HOSTILE_VALUES, _SIZES, st.booleans()),
    table_format=st.sampled_from(["csv", "tsv", "jsonl"]),
)
def test_table_loading_time_per_byte_is_bounded(spec: Hostile, table_format: str) -> None:
    with scratch() as folder:
        frame = _frame_of(_hostile_document(spec))
        column = {"id": "indicator", "number": "value", "value": "written"}.get(
            spec.field, spec.field
        )
        if column in frame.columns and not spec.one:
            frame[column] = spec.value
        path = folder / f"hostile.{table_format}"
        path.write_bytes(S.write_table(frame, table_format))
        size = path.stat().st_size
        if size < 100_000:
            return
        make = lambda bucket: _check_file(_ordinary_file(table_format, bucket))  # noqa: E731
        assert_time_per_byte(
            table_format, size, _check_file(path), make, f"load {table_format} {spec}"
        )
