"""One set of rules: the same faults give the same problem codes on the same observations,
whether the observations are written as YAML, CSV, TSV, JSONL or Parquet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zonestats.errors import PROBLEM_CODES
from zonestats.io.inputs import problems

from .conftest import ROOT

SOURCES = {
    "s1": {"title": "示例开发区年报", "publisher": "示例日报", "date": "2021-03-01"},
    "s2": {"title": "示例开发区年中通报", "publisher": "示例新闻网", "date": "2021-08-01"},
}
BASE = {
    "zone": "z1",
    "source": "s1",
    "name": "签约项目数",
    "name_en": "Signed projects",
    "category": "investment",
    "unit": "个",
    "better": "higher",
    "period": "2020",
    "written": "41个",
    "number": "41",
    "quote": "全年签约项目41个",
    "qualifier": None,
    "out_of": None,
    "period_note": None,
}
RANK = {
    "name": "考核排名",
    "name_en": "Rank",
    "category": "ranking",
    "unit": "位",
    "better": "lower",
    "written": "第46位",
    "number": "46",
    "quote": "位列第46位",
    "out_of": "218",
}
LONG_QUOTE = "全年签约项目41个" + "，其中制造业项目占多数" * 20

# Each case: its id, the observations (changes to BASE) and the codes each one must get.
# A case with two observations is a rule between them.
CASES: list[tuple[str, list[dict[str, Any]], list[set[str]]]] = [
    ("valid", [{}], [set()]),
    ("valid rank", [RANK], [set()]),
    ("valid bound", [{"written": "20多个", "number": "20", "quote": "签约20多个"}], [set()]),
    ("bad id", [{"indicator": "Signed-Projects"}], [{"bad-id"}]),
    ("bad category", [{"category": "Investment!"}], [{"bad-id"}]),
    ("blank name", [{"name": "   "}], [{"blank-value"}]),
    ("name ending with a space", [{"name": "签约项目 "}], [{"space-at-edge"}]),
    ("unit after a space", [{"unit": "\u3000个"}], [{"space-at-edge"}]),
    ("blank value", [{"written": "   "}], [{"blank-value"}]),
    ("bad period", [{"period": "2021-13"}], [{"bad-period"}]),
    ("unreal date", [{"period": "2021-02-30"}], [{"bad-period"}]),
    ("period range reversed", [{"period": "2021-05/2021-01"}], [{"bad-period"}]),
    ("number in words", [{"number": "四十一"}], [{"not-a-number"}]),
    ("number out of range", [{"number": "1e999"}], [{"not-a-number"}]),
    ("unknown qualifier", [{"qualifier": "roughly"}], [{"unknown-qualifier"}]),
    ("unknown direction", [{"better": "up"}], [{"unknown-direction"}]),
    ("out_of not whole", [{**RANK, "out_of": "many"}], [{"not-a-whole-number"}]),
    ("out_of zero", [{**RANK, "out_of": "0"}], [{"not-a-whole-number"}]),
    ("quote too long", [{"quote": LONG_QUOTE}], [{"quote-too-long"}]),
    ("unreadable value", [{"written": "很多", "quote": "签约很多"}], [{"unreadable-value"}]),
    ("unknown unit", [{"written": "41圆个", "quote": "签约41圆个"}], [{"unreadable-value"}]),
    ("value not in quote", [{"quote": "全年签约项目42个"}], [{"value-not-in-quote"}]),
    ("number mismatch", [{"number": "42"}], [{"number-mismatch"}]),
    ("magnitude mismatch", [{"written": "4万个", "quote": "签约4万个"}], [{"number-mismatch"}]),
    ("unit mismatch", [{"unit": "家"}], [{"unit-mismatch"}]),
    ("percent for count", [{"written": "41%", "quote": "占41%"}], [{"unit-mismatch"}]),
    (
        "qualifier contradicts",
        [{"written": "20多个", "number": "20", "quote": "签约20多个", "qualifier": "exact"}],
        [{"qualifier-contradicts-wording"}],
    ),
    (
        "bound contradicts",
        [{"written": "41个以上", "quote": "签约41个以上", "qualifier": "more_than"}],
        [{"qualifier-contradicts-wording"}],
    ),
    (
        "rank above out_of",
        [{**RANK, "written": "第300位", "number": "300", "quote": "位列第300位"}],
        [{"rank-above-out-of"}],
    ),
    (
        "two faults",
        [{"period": "2021-13", "quote": "全年签约项目42个"}],
        [{"bad-period", "value-not-in-quote"}],
    ),
    ("duplicate", [{}, {}], [set(), {"duplicate-observation"}]),
    (
        "conflict",
        [{}, {"source": "s2", "written": "43个", "number": "43", "quote": "签约项目43个"}],
        [set(), {"conflicting-values"}],
    ),
    (
        "agreeing sources",
        [{}, {"source": "s2", "quote": "签约项目41个"}],
        [set(), set()],
    ),
]


Cases = list[tuple[str, list[dict[str, Any]], list[set[str]]]]


def _observations(cases: Cases) -> list[tuple[int, dict[str, Any]]]:
    """Every observation of every case, each case with an indicator of its own."""
    rows = []
    for number, (_, changes, _) in enumerate(cases):
        for change in changes:
            rows.append((number, {**BASE, "indicator": f"case_{number}", **change}))
    return rows


def _yaml(path: Path, cases: Cases) -> dict[int, int]:
    """The cases as a schema-2 dataset; the first line of each case's indicator."""
    lines = [
        "schema_version: 2",
        "zones:",
        "  - {id: z1, name: 示例开发区, province: 湖北省, level: national}",
        "sources:",
        *(f"  - {json.dumps({'id': k, **v}, ensure_ascii=False)}" for k, v in SOURCES.items()),
        "indicators:",
    ]
    starts: dict[int, int] = {}
    for number, row in _observations(cases):
        if number not in starts:
            starts[number] = len(lines) + 1
            lines.append(f"  - id: {json.dumps(row['indicator'])}")
            for key in ("name", "name_en", "category", "unit", "better"):
                lines.append(f"    {key}: {json.dumps(row[key], ensure_ascii=False)}")
            lines.append("    observations:")
        fields = {
            "zone": row["zone"],
            "source": row["source"],
            "period": row["period"],
            "value": row["written"],
            "number": row["number"],
            "quote": row["quote"],
            "qualifier": row["qualifier"],
            "out_of": row["out_of"],
        }
        given = {k: v for k, v in fields.items() if v is not None}
        lines.append(f"      - {json.dumps(given, ensure_ascii=False)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return starts


def _table(path: Path, cases: Cases) -> None:
    """The cases as a long table, every cell text."""
    records = []
    for _, row in _observations(cases):
        source = SOURCES[row["source"]]
        records.append(
            {
                "zone": "示例开发区",
                "zone_id": row["zone"],
                "indicator": row["indicator"],
                "name": row["name"],
                "name_en": row["name_en"],
                "category": row["category"],
                "period": row["period"],
                "value": row["number"],
                "unit": row["unit"],
                "qualifier": row["qualifier"],
                "written": row["written"],
                "quote": row["quote"],
                "better": row["better"],
                "out_of": row["out_of"],
                "source_title": source["title"],
                "source_publisher": source["publisher"],
                "source_date": source["date"],
            }
        )
    frame = pd.DataFrame(records, dtype=object)
    suffix = path.suffix
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix == ".tsv":
        frame.to_csv(path, index=False, sep="\t")
    elif suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.astype("string").to_parquet(path, index=False)


def _found_in_yaml(tmp_path: Path, cases: Cases = CASES) -> set[tuple[int, str]]:
    path = tmp_path / "cases.yaml"
    starts = _yaml(path, cases)
    firsts = sorted((line, case) for case, line in starts.items())
    found = set()
    for problem in problems(path):
        assert problem.line is not None, problem
        case = max(c for line, c in firsts if line <= problem.line)
        found.add((case, problem.code))
    return found


def _found_in_table(path: Path, cases: Cases = CASES) -> set[tuple[int, str]]:
    _table(path, cases)
    first = 2 if path.suffix in (".csv", ".tsv") else 1
    numbers = [case for case, _ in _observations(cases)]
    found = set()
    for problem in problems(path):
        assert problem.line is not None, problem
        found.add((numbers[problem.line - first], problem.code))
    return found


def _expected() -> set[tuple[int, str]]:
    return {
        (number, code)
        for number, (_, _, codes) in enumerate(CASES)
        for observation in codes
        for code in observation
    }


def test_the_cases_cover_every_observation_rule() -> None:
    from zonestats.model.rules import RULES

    expected = {code for _, code in _expected()}
    faulty = [changes for _, changes, codes in CASES if any(codes)]
    assert len([c for changes in faulty for c in changes]) >= 20
    assert {rule.code for rule in RULES} <= expected


def test_yaml_gives_the_expected_codes(tmp_path: Path) -> None:
    assert _found_in_yaml(tmp_path) == _expected()


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet"])
def test_every_table_format_gives_the_codes_yaml_gives(tmp_path: Path, suffix: str) -> None:
    assert _found_in_table(tmp_path / f"cases{suffix}") == _found_in_yaml(tmp_path)


# Each alone in its file, so that the number columns hold nothing else: a number is read by
# its field's converter whatever the other rows of its table hold.
ONE_PER_FILE: Cases = [
    ("number with a space", [{"number": " 41"}], [{"not-a-number"}]),
    ("number with a plus", [{"number": "+41"}], [{"not-a-number"}]),
    ("number ending in a point", [{"number": "41."}], [{"not-a-number"}]),
    ("number starting with a point", [{"number": ".5e2"}], [{"not-a-number"}]),
    ("number NaN", [{"number": "NaN"}], [{"not-a-number"}]),
    ("number Infinity", [{"number": "Infinity"}], [{"not-a-number"}]),
    ("full-width number", [{"number": "４１"}], [{"not-a-number"}]),
    ("number with an underscore", [{"number": "4_1"}], [{"not-a-number"}]),
    ("negative number", [{"number": "-4"}], [{"number-mismatch"}]),
    ("number with decimals", [{"number": "41.00"}], [set()]),
    ("number with an exponent", [{"number": "4.1e1"}], [set()]),
    ("out_of with decimals", [{**RANK, "out_of": "218.0"}], [{"not-a-whole-number"}]),
    ("out_of with an exponent", [{**RANK, "out_of": "2.18e2"}], [{"not-a-whole-number"}]),
    ("out_of with a space", [{**RANK, "out_of": " 218"}], [{"not-a-whole-number"}]),
    ("out_of with a plus", [{**RANK, "out_of": "+218"}], [{"not-a-whole-number"}]),
    ("out_of with a leading zero", [{**RANK, "out_of": "0218"}], [set()]),
]


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet"])
@pytest.mark.parametrize("case", ONE_PER_FILE, ids=[c[0] for c in ONE_PER_FILE])
def test_a_number_alone_in_its_file_follows_the_yaml_rules(
    tmp_path: Path, suffix: str, case: tuple[str, list[dict[str, Any]], list[set[str]]]
) -> None:
    expected = {(0, code) for code in case[2][0]}
    assert _found_in_yaml(tmp_path, [case]) == expected
    assert _found_in_table(tmp_path / f"case{suffix}", [case]) == expected


def test_every_problem_code_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [code for code in PROBLEM_CODES if f"`{code}`" not in readme]
    assert missing == []


_WRITTEN = st.tuples(
    st.sampled_from(["", "第", "约", "超过", "近"]),
    st.integers(0, 10**6).map(str),
    st.sampled_from(["", "万", "亿", "多"]),
    st.sampled_from(["", "个", "家", "位", "%", "元", "以上", "圆"]),
).map("".join)


@settings(max_examples=60, deadline=None)
@given(
    observations=st.lists(
        st.fixed_dictionaries(
            {
                "written": _WRITTEN,
                "quote": st.sampled_from(["签约", "共有", "达"]),
                "number": st.integers(0, 10**6).map(str),
                "unit": st.sampled_from(["个", "家", "位", "%", "元"]),
                "qualifier": st.sampled_from([None, "exact", "more_than", "approx", "target"]),
                "out_of": st.sampled_from([None, "230", "50"]),
            }
        ),
        min_size=1,
        max_size=8,
    )
)
def test_random_observations_get_the_same_codes_from_yaml_and_csv(
    tmp_path_factory: pytest.TempPathFactory, observations: list[dict[str, Any]]
) -> None:
    """Whatever the figure, its quote, number, unit, qualifier and out_of, YAML and CSV agree."""
    cases: Cases = [
        # Every other quote holds its figure; the rest do not.
        (f"random {i}", [{**o, "quote": o["quote"] + o["written"] * (i % 2)}], [set()])
        for i, o in enumerate(observations)
        if o["written"]
    ]
    if not cases:
        return
    folder = tmp_path_factory.mktemp("random")
    assert _found_in_table(folder / "cases.csv", cases) == _found_in_yaml(folder, cases)


def test_every_problem_code_used_is_registered() -> None:
    """Codes are written where problems are made; each must be one PROBLEM_CODES lists."""
    import ast
    import re

    code = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
    makers = {"Problem", "invalid", "Rule", "choice", "problem", "rows", "whole"}
    used: dict[str, str] = {}
    for path in sorted((ROOT / "zonestats").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in makers:
                continue
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    if code.fullmatch(arg.value):
                        used[arg.value] = f"{path.name}:{node.lineno}"
    assert len(used) >= 30
    assert {c: where for c, where in used.items() if c not in PROBLEM_CODES} == {}


def test_places_are_places_whether_written_in_wei_or_ming(tmp_path: Path) -> None:
    """第4名 under an indicator counted in 位 is the same unit (a place); 5名 of people under 个
    is not."""
    import zonestats

    row = "zone,indicator,period,value,unit,written,quote\n"
    table = tmp_path / "places.csv"
    table.write_text(row + "甲区,rank,2023,4,位,第四名,分别列第四名\n", encoding="utf-8")
    assert zonestats.load(table).observations()["value"].tolist() == [4.0]
    people = tmp_path / "people.csv"
    people.write_text(row + "甲区,staff,2023,5,个,5名,共5名\n", encoding="utf-8")
    from zonestats.io.inputs import problems

    assert [p.code for p in problems([people])] == ["unit-mismatch"]
