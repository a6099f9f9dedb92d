"""Loading and validating datasets: every bad input gets a located, one-line message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zonestats
from zonestats import DataError, ZonestatsError
from zonestats.io.inputs import bundled_path, problems
from zonestats.model.dataset import OBSERVATION_COLUMNS


def _replace(old: str, new: str) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return mutate


NESTED = "[" * 40 + "]" * 40

# id, how to make the bad file from tests/fixtures/minimal.yaml, problem code, words expected,
# line expected
BAD_INPUTS: list[tuple[str, Callable[[str], str | bytes], str, list[str], int | None]] = [
    ("empty", lambda t: "", "empty-file", ["the file is empty"], None),
    ("blank", lambda t: "  \n\n", "empty-file", ["the file is empty"], None),
    ("gbk", lambda t: t.encode("gb18030"), "not-utf8", ["not UTF-8", "GBK/GB18030", "iconv"], 3),
    ("utf16", lambda t: t.encode("utf-16"), "not-utf8", ["UTF-16", "UTF-8"], 1),
    (
        "syntax",
        _replace("    unit: 位\n", "    unit: 位: 个\n"),
        "yaml-syntax",
        ["YAML syntax error"],
        16,
    ),
    (
        "unclosed",
        _replace("    unit: 位\n", "    unit: [位\n"),
        "yaml-syntax",
        ["YAML syntax error"],
        None,
    ),
    (
        "two documents",
        lambda t: t + "---\nzone: x\n",
        "yaml-syntax",
        ["YAML syntax error", "single"],
        35,
    ),
    (
        "binary",
        lambda t: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        "binary-file",
        ["looks like a binary file"],
        None,
    ),
    (
        "nul byte",
        lambda t: t.replace("示例日报", "示例\x00日报"),
        "binary-file",
        ["looks like a binary file"],
        None,
    ),
    (
        "nul byte far in",
        lambda t: "#" * 9000 + "\n" + t.replace("示例日报", "示例\x00日报"),
        "yaml-character",
        ["not allowed"],
        10,
    ),
    (
        "duplicate key",
        _replace("    unit: 位\n", "    unit: 位\n    unit: 名\n"),
        "duplicate-key",
        ["duplicate key 'unit'", "first at line 16"],
        17,
    ),
    (
        "anchor",
        _replace("        quote: 由上年第73位", "        quote: &q 由上年第73位"),
        "yaml-alias",
        ["anchors and aliases (&name, *name) are not allowed"],
        22,
    ),
    (
        "alias",
        _replace("  name_en: Example", "  name_en: *x\n  other: Example"),
        "yaml-alias",
        ["aliases"],
        4,
    ),
    (
        "python tag",
        _replace(
            "    name: 签约项目数", "    name: !!python/object/apply:os.system [touch HACKED]"
        ),
        "yaml-tag",
        ["tags such as", "not allowed"],
        27,
    ),
    (
        "int tag",
        _replace("    out_of: 230", "    out_of: !!int 230"),
        "yaml-tag",
        ["tags such as"],
        18,
    ),
    (
        "nesting",
        _replace("    name_en: Signed projects", f"    name_en: {NESTED}"),
        "too-deep",
        ["nesting"],
        28,
    ),
    (
        "yaml 1.1 exponent",
        _replace("value: 第73位", "value: 1e3"),
        "unreadable-value",
        ["cannot read value '1e3'"],
        21,
    ),
    (
        "yaml 1.1 sexagesimal",
        _replace('period: "2019"', "period: 12:30"),
        "bad-period",
        ["'12:30'"],
        20,
    ),
    (
        "yaml 1.1 boolean",
        _replace("level: national", "level: NO"),
        "unknown-level",
        ["unknown level 'NO'"],
        6,
    ),
    ("missing field", _replace("    unit: 位\n", ""), "missing-field", ["is missing 'unit'"], 12),
    (
        "unknown field",
        _replace("    unit: 位\n", "    unit: 位\n    colour: red\n"),
        "unknown-field",
        ["unknown field 'colour'"],
        17,
    ),
    (
        "list for text",
        _replace("    unit: 位", "    unit: [位, 名]"),
        "wrong-type",
        ["single value, not a list"],
        16,
    ),
    (
        "mapping for list",
        lambda t: t.split("indicators:")[0] + "indicators: {}\n",
        "wrong-type",
        ["list"],
        11,
    ),
    (
        "not a number",
        _replace("out_of: 230", "out_of: many"),
        "not-a-whole-number",
        ["'many' is not a whole number"],
        18,
    ),
    (
        "bad date",
        _replace('date: "2022-01-15"', "date: 2022-02-30"),
        "bad-date",
        ["not a date"],
        10,
    ),
    (
        "bad period",
        _replace('period: "2019"', "period: 2019-13"),
        "bad-period",
        ["not a real date"],
        20,
    ),
    ("top is a list", lambda t: "- a\n- b\n", "wrong-type", ["must be a mapping"], 1),
    (
        "schema version",
        _replace("schema_version: 1", "schema_version: 3"),
        "unsupported-schema-version",
        ["not supported"],
        1,
    ),
    (
        "duplicate id",
        _replace("  - id: signed_projects", "  - id: national_rank"),
        "duplicate-id",
        ["duplicate indicator id 'national_rank'", "first at line 12"],
        26,
    ),
    (
        "bad id",
        _replace("  - id: signed_projects", "  - id: Signed-Projects"),
        "bad-id",
        ["snake_case"],
        26,
    ),
    (
        "unreadable value",
        _replace("value: 20多个", "value: 很多"),
        "unreadable-value",
        ["cannot read value '很多'"],
        33,
    ),
    (
        "value not in quote",
        _replace("value: 第73位", "value: 第74位"),
        "value-not-in-quote",
        ["'第74位' does not appear in its quote"],
        21,
    ),
    (
        "unknown qualifier",
        _replace("        value: 第73位\n", "        value: 第73位\n        qualifier: roughly\n"),
        "unknown-qualifier",
        ["unknown qualifier 'roughly'", "more_than"],
        22,
    ),
    (
        "contradicting qualifier",
        _replace("        value: 20多个\n", "        value: 20多个\n        qualifier: exact\n"),
        "qualifier-contradicts-wording",
        ["qualifier 'exact' contradicts value '20多个'"],
        34,
    ),
    (
        "unit mismatch",
        _replace("    unit: 个", "    unit: 家"),
        "unit-mismatch",
        ["counted in 个"],
        33,
    ),
    (
        "rank beyond out_of",
        _replace("out_of: 230", "out_of: 50"),
        "rank-above-out-of",
        ["beyond out_of 50"],
        21,
    ),
    (
        "same period twice",
        _replace('period: "2020"', 'period: "2019"'),
        "duplicate-observation",
        ["two exact observations for period 2019", "first at line 20"],
        23,
    ),
]


@pytest.mark.parametrize(
    ("mutate", "code", "words", "line"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_validate_reports_bad_input(
    cli: Callable[..., Any],
    minimal_text: str,
    write_file: Callable[..., Path],
    mutate: Callable[[str], str | bytes],
    code: str,
    words: list[str],
    line: int | None,
) -> None:
    path = write_file(mutate(minimal_text))
    result = cli("validate", str(path), expect=1)
    output = result.stdout
    for word in words:
        assert word in output, output
    coded = [x for x in output.splitlines() if x.endswith(f" [{code}]")]
    assert coded, output
    if line is not None:
        assert any(x.startswith(f"{path}:{line}:") for x in coded), output
    report = json.loads(cli("validate", str(path), "--json", expect=1).stdout)
    assert code in report["counts"]["by_code"] and not report["valid"]
    assert "Traceback" not in result.output
    assert not (path.parent / "HACKED").exists()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing", "no such file [file-not-found]"),
        ("empty folder", "no dataset or table in this folder"),
        ("glob", "no file matches this pattern [no-inputs]"),
        ("report", "cannot tell what this file holds from its extension"),
    ],
)
def test_validate_reports_unusable_paths(
    cli: Callable[..., Any], tmp_path: Path, case: str, message: str
) -> None:
    path = {
        "missing": tmp_path / "nothing.yaml",
        "empty folder": tmp_path,
        "glob": tmp_path / "*.csv",
        "report": tmp_path / "report.txt",
    }[case]
    if case == "report":
        path.write_text("荆州开发区新签约项目41个\n", encoding="utf-8")
    result = cli("validate", str(path), expect=1)
    assert result.stdout.startswith(f"{path}: {message}") and result.stdout.count("\n") == 1


def test_bad_input_to_other_commands_is_one_red_line(
    cli: Callable[..., Any], minimal_text: str, write_file: Callable[..., Path]
) -> None:
    path = write_file(
        minimal_text.replace("value: 第73位", "value: 第74位").replace("unit: 个", "")
    )
    result = cli("list", "--data", str(path), expect=1)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {path}:21:")
    assert "(and 1 more problems)" in lines[0]


def test_debug_shows_the_traceback(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("--debug", "list", "--data", str(tmp_path / "none.yaml"), expect=1)
    assert "Traceback" in result.stderr
    assert "no such file" in result.stderr


def test_every_problem_is_reported(
    cli: Callable[..., Any], minimal_text: str, write_file: Callable[..., Path]
) -> None:
    text = (
        minimal_text.replace("level: national", "level: county")
        .replace("value: 第73位", "value: 第74位")
        .replace("    unit: 个\n", "    unit: 个\n    unit: 项\n")
    )
    path = write_file(text)
    result = cli("validate", str(path), expect=1)
    assert result.stdout.splitlines() == [
        f"{path}:6:10: 'level': unknown level 'county' (one of: national, provincial, municipal)"
        " [unknown-level]",
        f"{path}:21:16: value '第74位' does not appear in its quote '由上年第73位上升至第36位'"
        " [value-not-in-quote]",
        f"{path}:31:5: duplicate key 'unit' (first at line 30) [duplicate-key]",
    ]


def test_validate_accepts_the_bundled_and_fixture_datasets(
    cli: Callable[..., Any], dataset_path: Path
) -> None:
    result = cli("validate")
    assert result.stdout == ""
    assert result.stderr == f"{bundled_path()}: valid\n"
    fixture = Path(__file__).parent / "fixtures" / "minimal.yaml"
    cli("validate", str(fixture), str(dataset_path))


def test_validate_goes_on_after_a_bad_file(
    cli: Callable[..., Any], dataset_path: Path, tmp_path: Path
) -> None:
    result = cli("validate", str(tmp_path / "gone.yaml"), str(dataset_path), expect=1)
    assert result.stdout == f"{tmp_path / 'gone.yaml'}: no such file [file-not-found]\n"
    assert f"{dataset_path}: valid" in result.stderr


def test_bom_and_bare_dates_are_fine(minimal_text: str, write_file: Callable[..., Path]) -> None:
    text = minimal_text.replace('date: "2022-01-15"', "date: 2022-01-15")
    dataset = zonestats.load(write_file(b"\xef\xbb\xbf" + text.encode()))
    assert dataset.source.date.isoformat() == "2022-01-15"


def test_yaml_11_surprises_reach_the_schema_as_text(
    minimal_text: str, write_file: Callable[..., Path]
) -> None:
    text = (
        minimal_text.replace("name_en: Example Development Zone", "name_en: NO")
        .replace("name: 示例开发区", "name: 010")
        .replace("province: 湖北省", "province: 12:30")
        .replace("publisher: 示例日报", "publisher: 1e3")
        .replace("out_of: 230", "out_of: 0230")
    )
    dataset = zonestats.load(write_file(text))
    assert (dataset.zone.name_en, dataset.zone.name) == ("NO", "010")
    assert (dataset.zone.province, dataset.source.publisher) == ("12:30", "1e3")
    assert dataset.indicator("national_rank").out_of == 230  # decimal, never octal


def test_unreadable_file(
    monkeypatch: pytest.MonkeyPatch, minimal_text: str, write_file: Callable[..., Path]
) -> None:
    path = write_file(minimal_text)

    def refuse(path: object, flags: int) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("zonestats.io.text.os.open", refuse)
    with pytest.raises(DataError, match="permission denied"):
        zonestats.load(path)


def test_aliases_are_never_expanded(write_file: Callable[..., Path]) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    found = problems(write_file(bomb))
    assert len([p for p in found if "aliases" in p.message]) == 9 + 8 * 3


def test_load_defaults_to_the_bundled_dataset() -> None:
    dataset = zonestats.load()
    assert dataset.zone.name == "荆州开发区"
    assert dataset.path == bundled_path()


def test_observations_dataframe(dataset: zonestats.Dataset) -> None:
    frame = dataset.observations()
    assert tuple(frame.columns) == OBSERVATION_COLUMNS
    assert len(frame) == sum(len(i.observations) for i in dataset.indicators)
    assert str(frame["value"].dtype) == "float64"
    row = frame[(frame["indicator"] == "midea_fridge_capacity") & (frame["period"] == "2021")]
    assert row["value"].tolist() == [8_000_000.0]
    assert row[["unit", "qualifier", "written"]].values.tolist() == [["台", "exact", "800万台"]]
    assert set(frame["unit"]) >= {"台", "元", "家", "个", "名", "人", "户", "%", "位"}
    more = frame[frame["written"] == "100多家"]
    assert more["qualifier"].tolist() == ["more_than"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_any_bytes_raise_only_our_error(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    try:
        zonestats.load(path)
    except ZonestatsError as error:
        assert error.problems and str(path) in error.message


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_datasets_raise_only_our_error(
    data: st.DataObject, tmp_path: Path, minimal_text: str
) -> None:
    start = data.draw(st.integers(0, len(minimal_text)))
    end = data.draw(st.integers(start, min(len(minimal_text), start + 30)))
    insert = data.draw(st.text(alphabet=":-[]{}&*!#|>'\"\n 01一万亿多%", max_size=8))
    path = tmp_path / "damaged.yaml"
    path.write_text(minimal_text[:start] + insert + minimal_text[end:], encoding="utf-8")
    try:
        zonestats.load(path)
    except ZonestatsError as error:
        assert error.problems


def test_text_with_an_ampersand_is_fine(minimal_text: str, write_file: Callable[..., Path]) -> None:
    dataset = zonestats.load(write_file(minimal_text.replace("示例日报", '"R&D * 日报!"')))
    assert dataset.source.publisher == "R&D * 日报!"


BOTH_PARSERS = {
    "nested": "a: 1\nb:\n  - x\n  - {c: d, e: [f, g]}\n  -\n    h: i\n",
    "nulls and quoted nulls": "a: ~\nb:\nc: null\nd: 'null'\ne: \"\"\nf: NULL\n",
    "text stays text": "a: NO\nb: 010\nc: 1e3\nd: 12:30\ne: 2021-06-30\n",
    "block scalars": "a: |\n  line one\n  line two\nb: >\n  folded\n  text\n",
    "duplicate keys": "a: 1\nb: 2\na:\n  nested: [1, 2]\nc: 3\n",
    "null key": "~: 1\nb: 2\n",
    "complex key": "? [a, b]\n: c\nd: e\n",
    "mapping key in flow": "{[x]: 1, y: 2}\n",
    "deep nesting": "a: " + "[" * 40 + "]" * 40 + "\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "empty": "# only a comment\n",
    "a bare scalar": "just text\n",
    "a list at the top": "- 1\n- 2\n",
    "syntax error": "a: [1, 2\nb: 3\n",
}


def _as_plain(value: Any) -> Any:
    """A parsed document with every position spelled out, for comparing two parsers."""
    from zonestats.io.tree import Mapping, Sequence

    if isinstance(value, Mapping):
        return (
            "map",
            (value.line, value.col),
            [
                (k, _as_plain(v), value.positions[k], value.value_positions[k])
                for k, v in value.items()
            ],
        )
    if isinstance(value, Sequence):
        return ("seq", (value.line, value.col), [_as_plain(v) for v in value], value.positions)
    return value


@pytest.mark.parametrize("text", list(BOTH_PARSERS.values()), ids=list(BOTH_PARSERS))
def test_both_parsers_read_the_same(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """libyaml's events and the checked pure-Python parser give the same values, positions
    and problems, so which one runs never shows."""
    from zonestats.io import yaml_parser as yamlread

    if not yamlread.FAST:
        pytest.skip("this PyYAML is built without libyaml")
    fast_data, fast_problems = yamlread.read_yaml(text, "f.yaml")
    monkeypatch.setattr(yamlread, "FAST", False)
    checked_data, checked_problems = yamlread.read_yaml(text, "f.yaml")
    assert _as_plain(fast_data) == _as_plain(checked_data)
    assert _worded(fast_problems) == _worded(checked_problems)


def _worded(problems: list[Any]) -> list[tuple[Any, ...]]:
    # The two parsers word a syntax error each in their own way; where it is, is the same.
    return [
        (p.line, p.col, "syntax" if p.message.startswith("YAML syntax error") else p.message)
        for p in problems
    ]


def test_pyarrow_and_openpyxl_are_dependencies() -> None:
    import re
    from importlib.metadata import requires

    needed = {
        re.split(r"[<>=!~ ;\[]", requirement)[0].lower()
        for requirement in requires("zonestats") or []
        if "extra ==" not in requirement
    }
    assert {"pyarrow", "openpyxl"} <= needed


def test_parquet_with_a_broken_pyarrow_is_one_plain_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    from zonestats.io.long_table import read_cells

    path = tmp_path / "table.parquet"
    zonestats.load().observations().to_parquet(path, index=False)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(zonestats.ZonestatsError) as caught:
        read_cells(path)
    message = caught.value.message
    assert message.startswith(f"{path}: cannot read Parquet: ") and "\n" not in message
    assert "zonestats[parquet]" not in message
