"""Growth claims: the claim grammar, linking a report's claims to their series, the verdicts,
claims recorded in a dataset (check and validate), and `check` in every output format.

Every computed value below is worked out by hand here, from the report's figures, never by
the code under test.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zonestats.analysis.claims import CheckedClaim, Verdict, check_dataset
from zonestats.errors import DataError, ZonestatsError
from zonestats.extract import extract, parse_report
from zonestats.extract.claims import check_report
from zonestats.io.inputs import load, problems
from zonestats.model.claims import ClaimKind, find_claims, read_claim
from zonestats.model.grammar import FOLD
from zonestats.model.quantity import Qualifier
from zonestats.output.claims_view import CLAIM_COLUMNS

from .conftest import FIXTURES

REPORT = FIXTURES / "claims.txt"
DATASET = FIXTURES / "claims.yaml"


def _checked(text: str, published: Any = None) -> list[CheckedClaim]:
    report = parse_report(text, published, "report.txt")
    return check_report(report, extract(report))


def _verdicts(checked: list[CheckedClaim]) -> list[tuple[str, str]]:
    return [(c.claim.written, c.judgement.verdict.value) for c in checked]


# ---- the acceptance report: three series, three stated averages, one claim alone ------------

LISTS_REPORT = """青禾经济开发区2020年发展报告
发布时间：2021-02-20  来源：青禾日报

2016年至2019年,园区工业产值分别为80亿元、96亿元、115亿元和138亿元，年均增长20%。
2016年到2020年，园区企业从50家增加到125家，年均增长28%。
2016年至2020年,税收收入分别为5亿元、6亿元、7亿元、8亿元和10亿元，年均增长22%。
全区招商引资工作稳步推进，年均增长15%。
"""


def test_the_acceptance_report_with_lists() -> None:
    """Needs series from 分别 lists (and 从A到B pairs): 80亿元 → 138亿元 over 3 years is
    19.93% a year (20% holds); 50家 → 125家 over 4 years 25.74% (28% does not); 5亿元 →
    10亿元 over 4 years 18.92% (22% does not); a claim with no figure near it cannot be
    checked."""
    checked = _checked(LISTS_REPORT)
    assert _verdicts(checked) == [
        ("年均增长20%", "holds"),
        ("年均增长28%", "does_not_hold"),
        ("年均增长22%", "does_not_hold"),
        ("年均增长15%", "cannot_check"),
    ]
    expected = [(138 / 80) ** (1 / 3) - 1, (125 / 50) ** (1 / 4) - 1, 2 ** (1 / 4) - 1]
    for item, computed in zip(checked, expected, strict=False):
        assert item.judgement.computed == pytest.approx(computed)
    assert [len(c.points) for c in checked] == [4, 2, 5, 0]
    assert (checked[0].judgement.start.period, checked[0].judgement.end.period) == ("2016", "2019")
    assert checked[2].gap_points == pytest.approx((2 ** (1 / 4) - 1 - 0.22) * 100)
    assert checked[3].judgement.note == "no series found near the claim"


def test_list_series_as_extract_numbers_them() -> None:
    """The acceptance report with its 分别 lists numbered as series by hand, as extract
    numbers them (one series number, a period each): the same verdicts."""
    from dataclasses import replace

    report = parse_report(LISTS_REPORT)
    years = {"80亿元": 2016, "96亿元": 2017, "115亿元": 2018, "138亿元": 2019}
    years |= {"5亿元": 2016, "6亿元": 2017, "7亿元": 2018, "8亿元": 2019, "10亿元": 2020}
    tax = LISTS_REPORT.index("税收")
    candidates = [
        replace(c, period=str(years[c.written]), series=900 + (c.start > tax))
        if c.written in years
        else c
        for c in extract(report)
    ]
    checked = check_report(report, candidates)
    assert [c.judgement.verdict.value for c in checked] == [
        "holds", "does_not_hold", "does_not_hold", "cannot_check",
    ]  # fmt: skip
    assert checked[0].judgement.computed == pytest.approx((138 / 80) ** (1 / 3) - 1)
    assert checked[2].judgement.computed == pytest.approx(2 ** (1 / 4) - 1)
    assert [len(c.points) for c in checked] == [4, 2, 5, 0]


def test_the_acceptance_report_with_pairs() -> None:
    """The fixture report, series from 从A到B pairs: 80亿元 → 138亿元 in 2016–2019 (20%
    holds), 50家 → 125家 in 2016–2020 (28% does not), 8亿元 → 10亿元 in 2017–2020 (9% does
    not: 7.72%), 2.1% → 3.5% is +1.4 points (holds), and a claim alone."""
    checked = _checked(REPORT.read_text(encoding="utf-8"))
    assert _verdicts(checked) == [
        ("年均增长20%", "holds"),
        ("年均增长28%", "does_not_hold"),
        ("年均增长9%", "does_not_hold"),
        ("提高1.4个百分点", "holds"),
        ("年均增长15%", "cannot_check"),
    ]
    by_hand = [(138 / 80) ** (1 / 3) - 1, (125 / 50) ** (1 / 4) - 1, (10 / 8) ** (1 / 3) - 1]
    by_hand.append((3.5 - 2.1) / 100)
    for item, computed in zip(checked, by_hand, strict=False):
        assert item.judgement.computed == pytest.approx(computed)
    assert abs(checked[1].gap_points or 0) > 1 and abs(checked[2].gap_points or 0) > 1
    assert [c.line for c in checked] == [4, 5, 6, 7, 8]
    assert checked[4].judgement.note == "no series found near the claim"
    assert [p.written for p in checked[0].points] == ["80亿元", "138亿元"]


# ---- linking -----------------------------------------------------------------------------------

HEAD = "青禾经济开发区工作报告\n发布时间：2021-02-20\n"


@pytest.mark.parametrize(
    ("body", "verdict", "note"),
    [
        # the claim's own figure (150%) is never a value of the series
        ("园区企业从50家增加到125家，增长150%。", "holds", ""),
        # the nearest series before, in the same paragraph
        ("2016年到2020年，园区企业从50家增加到125家。年均增长25.7%。", "holds", ""),
        # a line break ends the paragraph: nothing before the claim on its line
        (
            "2016年到2020年，园区企业从50家增加到125家。\n年均增长25.7%。",
            "cannot_check",
            "no series found near the claim",
        ),
        # a figure alone in the claim's sentence: one value
        ("园区企业从50家增加到125家。税收收入12亿元，较上年增长20%。", "cannot_check",
         "the series has one value"),
        # 增长X倍 is ×(X+1): 10 → 30 is ×3, which fits 增长2倍, not 增长3倍
        ("园区企业从10家增加到30家，增长2倍。", "holds", ""),
        ("园区企业从10家增加到30家，增长3倍。", "does_not_hold",
         "3倍 read as ×4, the standard reading, though the figures fit ×3"),
        # a bound at an end is no figure to grow from
        ("园区企业从50家增加到100多家，增长1倍。", "cannot_check",
         "not comparable: 100多家 is a bound"),
        # an aim is not what happened
        ("2016年到2020年，园区企业从50家增加到125家，力争年均增长26%。", "cannot_check",
         "a target or a forecast, not what happened"),
        # a pair without periods: no years for an annual rate, but the step for 较上年
        ("园区企业从50家增加到125家，年均增长25.7%。", "cannot_check",
         "an annual average needs years, not 2021-02-20 and 2021-02-20"),
        ("营业收入从10亿元增长到12亿元，较上年增长20%。", "holds", ""),
        # points need shares
        ("园区企业从50家增加到125家，提高2个百分点。", "cannot_check",
         "percentage points need values in %"),
        # the span a claim names must be covered
        ("2016年到2020年，园区企业从50家增加到125家，比2015年翻一番。", "cannot_check",
         "the series has no value for 2015"),
        ("2016年到2020年，园区企业从50家增加到125家，2016年至2020年年均增长25.7%。", "holds",
         ""),
        ("2016年到2020年，园区企业从50家增加到100家，比2016年翻一番。", "holds", ""),
        # a stated bound holds where the figures reach it
        ("园区企业从50家增加到125家，增长超过100%。", "holds", "stated as a lower bound"),
        ("园区企业从50家增加到125家，增长不到100%。", "does_not_hold", "stated as an upper bound"),
    ],
)  # fmt: skip
def test_linking_and_verdicts(body: str, verdict: str, note: str) -> None:
    (checked,) = _checked(HEAD + body + "\n")
    assert (checked.judgement.verdict.value, checked.judgement.note) == (verdict, note)


def test_a_report_in_traditional_characters_states_the_same_claims() -> None:
    to_traditional = {simplified: traditional for traditional, simplified in FOLD.items()}
    to_traditional.pop("%", None)
    text = REPORT.read_text(encoding="utf-8")
    traditional = "".join(to_traditional.get(ch, ch) for ch in text)
    assert "增長" in traditional and "億" in traditional
    simplified = _checked(text)
    converted = _checked(traditional)
    assert [(c.claim.kind, c.claim.stated, c.judgement.verdict) for c in converted] == [
        (c.claim.kind, c.claim.stated, c.judgement.verdict) for c in simplified
    ]
    assert [c.judgement.computed for c in converted] == [c.judgement.computed for c in simplified]


# ---- the claim grammar -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kind", "stated", "tolerance", "extra"),
    [
        ("年均增长24%", ClaimKind.CAGR, 0.24, 0.5, {}),
        ("年均增长24.53%", ClaimKind.CAGR, 0.2453, 0.5, {}),
        ("年均增速为8.25%", ClaimKind.CAGR, 0.0825, 0.5, {}),
        ("年均递增12%", ClaimKind.CAGR, 0.12, 0.5, {}),
        ("年平均增长7.5%", ClaimKind.CAGR, 0.075, 0.5, {}),
        ("年均下降3%", ClaimKind.CAGR, -0.03, 0.5, {}),
        ("增长20%", ClaimKind.CHANGE, 0.2, 0.5, {}),
        ("增加20%", ClaimKind.CHANGE, 0.2, 0.5, {}),
        ("下降5%", ClaimKind.CHANGE, -0.05, 0.5, {}),
        ("减少12.5%", ClaimKind.CHANGE, -0.125, 0.5, {}),
        ("增长百分之二十", ClaimKind.CHANGE, 0.2, 0.5, {}),
        ("增长超过20%", ClaimKind.CHANGE, 0.2, 0.5, {"qualifier": Qualifier.MORE_THAN}),
        ("增长20%以上", ClaimKind.CHANGE, 0.2, 0.5, {"qualifier": Qualifier.AT_LEAST}),
        ("翻一番", ClaimKind.MULTIPLE, 1.0, 0.5, {}),
        ("翻番", ClaimKind.MULTIPLE, 1.0, 0.5, {}),
        ("翻了一番", ClaimKind.MULTIPLE, 1.0, 0.5, {}),
        ("翻两番", ClaimKind.MULTIPLE, 3.0, 0.5, {}),
        ("增长3倍", ClaimKind.MULTIPLE, 3.0, 50.0, {"times": 3.0}),
        ("增长三倍", ClaimKind.MULTIPLE, 3.0, 50.0, {"times": 3.0}),
        ("增长2.5倍", ClaimKind.MULTIPLE, 2.5, 5.0, {"times": 2.5}),
        ("提高2个百分点", ClaimKind.POINTS, 0.02, 0.5, {}),
        ("下降0.3个百分点", ClaimKind.POINTS, -0.003, 0.5, {}),
        ("年均提高1个百分点", ClaimKind.POINTS, 0.01, 0.5, {"per_year": True}),
        ("2016年至2020年年均增长24%", ClaimKind.CAGR, 0.24, 0.5, {"start": "2016", "end": "2020"}),
        ("2016-2020年年均增长24%", ClaimKind.CAGR, 0.24, 0.5, {"start": "2016", "end": "2020"}),
        ("2016年以来年均增长24%", ClaimKind.CAGR, 0.24, 0.5, {"start": "2016"}),
        ("比2015年翻一番", ClaimKind.MULTIPLE, 1.0, 0.5, {"start": "2015"}),
        ("与2015年相比，增长1倍", ClaimKind.MULTIPLE, 1.0, 50.0, {"start": "2015"}),
        ("较上年增长20%", ClaimKind.CHANGE, 0.2, 0.5, {"previous": True}),
        ("同比增长12%", ClaimKind.CHANGE, 0.12, 0.5, {"previous": True}),
    ],
)  # fmt: skip
def test_the_claim_grammar(
    written: str, kind: ClaimKind, stated: float, tolerance: float, extra: dict[str, Any]
) -> None:
    claim = read_claim(written)
    assert (claim.kind, claim.tolerance_points, claim.written) == (kind, tolerance, written)
    assert claim.stated == pytest.approx(stated)
    for name, value in extra.items():
        assert getattr(claim, name) == value, name
    traditional = {simplified: old for old, simplified in FOLD.items()}
    spelled = "".join(traditional.get(ch, ch) for ch in written)
    assert read_claim(spelled).stated == claim.stated  # traditional reads as simplified
    assert read_claim(spelled).kind is claim.kind


@pytest.mark.parametrize(
    "written",
    ["增长", "年均增长24", "下降3倍", "产值138亿元", "年均翻一番", "增长到3倍", "增长20%了"],
)
def test_what_is_no_claim_is_unreadable(written: str) -> None:
    with pytest.raises(ZonestatsError) as error:
        read_claim(written)
    assert error.value.code == "unreadable-claim"


def test_claims_are_found_in_running_text() -> None:
    text = "增加值增长10%，产值增长到3倍，较上年增長20.5%"
    assert [(c.written, c.stated) for _, _, c in find_claims(text)] == [
        ("增长10%", 0.1),
        ("较上年增長20.5%", 0.205),
    ]


# ---- claims recorded in a dataset ---------------------------------------------------------------


def test_recorded_claims_are_judged_against_the_dataset() -> None:
    checked = check_dataset(load(DATASET))
    assert [(c.indicator, c.judgement.verdict) for c in checked] == [
        ("industrial_output", Verdict.HOLDS),
        ("enterprises", Verdict.DOES_NOT_HOLD),
        ("tax_revenue", Verdict.DOES_NOT_HOLD),
    ]
    assert checked[1].judgement.computed == pytest.approx(2.5 ** (1 / 4) - 1)
    assert checked[2].judgement.computed == pytest.approx(1.25 ** (1 / 3) - 1)
    assert {c.zone for c in checked} == {"青禾经开区"} and checked[0].line == 51


def test_validate_warns_of_a_claim_that_does_not_hold(cli: Callable[..., Any]) -> None:
    result = cli("validate", str(DATASET))  # a warning leaves the dataset valid: exit 0
    assert result.stdout == ""
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{DATASET}:54:5: warning: the claim '年均增长28%' does not")
    assert warnings[0].endswith("[claim-does-not-hold]")
    report = json.loads(cli("validate", str(DATASET), "--json").stdout)
    assert report["valid"] is True and report["counts"]["warnings"] == 2
    assert [w["line"] for w in report["warnings"]] == [54, 57]


def test_verify_checks_the_quotes_of_claims_too(cli: Callable[..., Any], tmp_path: Path) -> None:
    cli("verify", str(DATASET), "--source", str(REPORT))
    text = DATASET.read_text(encoding="utf-8").replace("年均增长9%", "年均增长10%")
    changed = tmp_path / "changed.yaml"  # the claim's quote alone is no longer the report's
    changed.write_text(text, "utf-8")
    found = cli("verify", str(changed), "--source", str(REPORT), expect=1).stdout
    assert "[quote-not-in-source]" in found


TWO_ZONES = """schema_version: 2
zones:
  - {id: east, name: 东区, province: 浙江省, level: provincial}
  - {id: west, name: 西区, province: 浙江省, level: provincial}
sources:
  - {title: 两区报告, publisher: 日报, date: "2021-02-20"}
indicators:
  - id: firms
    name: 企业数
    name_en: Firms
    category: industry
    unit: 家
    observations:
      - {zone: east, period: "2016", value: 50家, quote: 东区企业从50家增加到125家}
      - {zone: east, period: "2020", value: 125家, quote: 东区企业从50家增加到125家}
      - {zone: west, period: "2016", value: 40家, quote: 西区企业从40家增加到80家}
      - {zone: west, period: "2020", value: 80家, quote: 西区企业从40家增加到80家}
claims:
"""
GOOD_CLAIM = "  - {zone: west, quote: 西区企业翻一番, stated: 翻一番, indicator: firms}\n"


def test_a_claim_names_its_zone(tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    east = "  - {zone: east, quote: 东区企业翻一番, stated: 翻一番, indicator: firms}\n"
    path.write_text(TWO_ZONES + GOOD_CLAIM + east, encoding="utf-8")
    checked = check_dataset(load(path))
    assert [(c.zone, c.judgement.verdict.value) for c in checked] == [
        ("西区", "holds"),  # 40 → 80 is ×2
        ("东区", "does_not_hold"),  # 50 → 125 is ×2.5
    ]
    assert load(path).in_province("浙江").claims == load(path).claims


@pytest.mark.parametrize(
    ("claim", "code"),
    [
        ("{zone: west, quote: 西区企业翻一番, stated: 翻一番, indicator: farms}", "unknown-indicator"),
        ("{zone: west, quote: 西区企业翻一番, stated: 翻一番番, indicator: firms}", "unreadable-claim"),
        ("{zone: west, quote: 西区企业翻一番, stated: 翻两番, indicator: firms}", "claim-not-in-quote"),
        ("{zone: south, quote: 西区企业翻一番, stated: 翻一番, indicator: firms}", "unknown-zone"),
        ("{quote: 西区企业翻一番, stated: 翻一番, indicator: firms}", "missing-field"),
        ("{zone: west, stated: 翻一番, indicator: firms}", "missing-field"),
        ("{zone: west, quote: 西区企业翻一番, stated: 翻一番, indicator: firms, to: 2020x}",
         "bad-period"),
        ("{zone: west, quote: 西区企业翻一番, stated: 翻一番, indicator: firms, by: me}",
         "unknown-field"),
        ("{zone: west, quote: 2016年至2020年翻一番, stated: 2016年至2020年翻一番, indicator: firms,"
         " from: '2017'}", "claim-span-differs"),
        ("{zone: west, quote: 西区企业翻一番, stated: '', indicator: firms}", "blank-value"),
    ],
)  # fmt: skip
def test_bad_claims_are_problems_with_codes(tmp_path: Path, claim: str, code: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(TWO_ZONES + GOOD_CLAIM + f"  - {claim}\n", encoding="utf-8")
    found = problems(path)
    assert [(p.code, p.line) for p in found] == [(code, 20)]
    with pytest.raises(DataError):
        load(path)


def test_a_claim_list_that_is_no_list_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(TWO_ZONES.replace("claims:\n", "claims: 年均增长24%\n"), encoding="utf-8")
    assert [p.code for p in problems(path)] == ["wrong-type"]


def test_the_schema_describes_claims() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from zonestats.io.text import read_text
    from zonestats.io.yaml_parser import read_yaml
    from zonestats.model.schema import json_schema

    document, _ = read_yaml(read_text(DATASET), str(DATASET))
    jsonschema.validate(document, json_schema())
    bad = json.loads(json.dumps(document))
    bad["claims"][0]["said"] = "x"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, json_schema())


# ---- the command, in every format ----------------------------------------------------------------


def _oracle(checked: list[CheckedClaim]) -> list[dict[str, Any]]:
    """What --json must say of each claim, from the library's results."""
    return [
        {
            "quote": c.quote,
            "claim": c.claim.written,
            "kind": c.claim.kind.value,
            "from_period": c.judgement.start.period if c.judgement.start else None,
            "to_period": c.judgement.end.period if c.judgement.end else None,
            "stated": c.claim.stated,
            "computed": c.judgement.computed,
            "verdict": c.judgement.verdict.value,
            "note": c.judgement.note,
            "tolerance_points": c.claim.tolerance_points,
        }
        for c in checked
    ]


def test_json_is_what_the_library_says(cli: Callable[..., Any]) -> None:
    records = json.loads(cli("check", str(REPORT), "--json").stdout)
    oracle = _oracle(_checked(REPORT.read_text(encoding="utf-8")))
    assert [{k: r[k] for k in oracle[0]} for r in records] == [
        {**o, "stated": pytest.approx(o["stated"]), "computed": o["computed"] and pytest.approx(o["computed"])}
        for o in oracle
    ]  # fmt: skip
    gap = records[1]["gap_points"]
    assert gap == pytest.approx(((125 / 50) ** 0.25 - 1 - 0.28) * 100)
    assert records[4]["gap_points"] is None and records[4]["computed"] is None


def test_csv_and_the_other_machine_formats(cli: Callable[..., Any], tmp_path: Path) -> None:
    keys = [c.key for c in CLAIM_COLUMNS if c.machine and c.key != "zone"]
    text = cli("check", str(REPORT), "--csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == ",".join(keys)
    assert [r["verdict"] for r in rows][:3] == ["holds", "does_not_hold", "does_not_hold"]
    lines = cli("check", str(REPORT), "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line)["verdict"] for line in lines] == [r["verdict"] for r in rows]
    tsv = cli("check", str(REPORT), "-f", "tsv").stdout
    assert tsv.splitlines()[0] == "\t".join(keys)
    zh = cli("check", str(REPORT), "--csv", "--headers", "zh").stdout.splitlines()[0]
    assert "结论" in zh and "verdict" not in zh
    xlsx = tmp_path / "claims.xlsx"
    cli("check", str(REPORT), "-o", str(xlsx))
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(xlsx, read_only=True).active
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert header == keys
    markdown = cli("check", str(REPORT), "-f", "markdown").stdout
    assert markdown.count("\n") == 2 + len(rows) and "不成立" in markdown


def test_people_read_chinese_all_through(cli: Callable[..., Any]) -> None:
    for path in (REPORT, DATASET):
        table = cli("check", str(path), "--lang", "zh").stdout
        assert "成立" in table and "不成立" in table
        assert re.findall("[A-Za-z]+", table) == [], path
    english = cli("check", str(REPORT), "--lang", "en").stdout
    assert "does not hold" in english and "cannot check" in english
    assert "no series found near the claim" in english


def test_the_exit_code(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("check", str(REPORT))  # verdicts are data: exit 0
    assert result.stderr.strip().endswith("5 claims: 2 hold, 2 do not hold, 1 cannot be checked")
    cli("check", str(REPORT), "--exit-code", expect=1)
    holding = tmp_path / "holds.txt"
    holding.write_text(HEAD + "园区企业从50家增加到125家，增长150%。\n", encoding="utf-8")
    cli("check", str(holding), "--exit-code")
    cli("check", str(DATASET), "--exit-code", expect=1)


def test_a_report_without_a_date(cli: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("报告\n2020年营业收入从10亿元增长到12亿元，较上年增长20%。\n", encoding="utf-8")
    for extra in ([], ["--published", "2021-02-20"]):
        (record,) = json.loads(cli("check", str(path), "--json", *extra).stdout)
        assert record["verdict"] == "holds"
    result = cli("check", str(path), "--published", "2021-13-01", expect=1)
    assert "--published" in result.stderr


def test_bad_inputs_are_one_line_errors(cli: Callable[..., Any], tmp_path: Path) -> None:
    missing = cli("check", str(tmp_path / "none.txt"), expect=1)
    assert missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(TWO_ZONES + "  - {stated: 翻一番}\n", encoding="utf-8")
    result = cli("check", str(bad), expect=1)
    assert result.stdout == "" and "missing-field" in result.stderr


def test_help_is_clean(cli: Callable[..., Any]) -> None:
    text = cli("check", "--help").stdout
    assert "--exit-code" in text and "--published" in text
    for jargon in ("<list[", "TEXT", "Value error"):
        assert jargon not in text


ONE_ZONE = """schema_version: 1
zone: {name: 青禾经开区, name_en: Qinghe, province: 浙江省, level: provincial}
source: {title: 报告, publisher: 日报, date: "2021-02-20"}
indicators:
  - id: share
    name: 研发投入占比
    name_en: R&D share
    category: innovation
    unit: "%"
    observations:
      - {period: "2019", value: 2.1%, quote: 研发投入占比由2.1%提高到3.5%}
      - {period: "2020", value: 3.5%, quote: 研发投入占比由2.1%提高到3.5%}
claims:
  - {quote: 研发投入占比由2.1%提高到3.5%，提高2个百分点, stated: 提高2个百分点, indicator: share}
"""


def test_claims_of_a_schema_1_dataset(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(ONE_ZONE, encoding="utf-8")
    (checked,) = check_dataset(load(path))
    assert checked.zone == "青禾经开区" and checked.judgement.verdict is Verdict.DOES_NOT_HOLD
    assert checked.judgement.computed == pytest.approx(0.014)  # 3.5% - 2.1% is 1.4 points
    assert checked.gap_points == pytest.approx(-0.6)
    path.write_text(ONE_ZONE.replace("indicator: share}", "indicator: share, zone: x}"), "utf-8")
    assert [p.code for p in problems(path)] == ["unknown-field"]


def test_a_claim_about_something_else_is_not_judged_by_the_series_before_it() -> None:
    """The series before a claim in its paragraph is the claim's only when the claim names
    nothing else that grows: 园区税收 and 工业投资 have no figures here, 企业数 has."""
    text = (
        "简报\n发布时间：2022-03-01\n"
        "园区企业从2016年的50家增加到2021年的100家。园区税收增长100%。"
        "园区工业投资年均增长3%。企业数年均增长15%。\n"
    )
    checked = check_report(parse_report(text), extract(parse_report(text)))
    assert [(c.claim.written, c.judgement.verdict.value, c.judgement.note) for c in checked] == [
        ("增长100%", "cannot_check", "no series found near the claim"),
        ("年均增长3%", "cannot_check", "no series found near the claim"),
        ("年均增长15%", "holds", ""),
    ]
    assert checked[2].judgement.computed == pytest.approx(2 ** (1 / 5) - 1)


def test_the_note_on_a_reading_of_bei_is_chinese_under_zh() -> None:
    from zonestats.output.words import note_zh

    chinese = note_zh("3倍 read as ×4, the standard reading, though the figures fit ×3")
    assert chinese == "3倍按标准读法为 ×4,但数据符合 ×3"


def test_a_target_says_so_and_one_value_shows_no_start() -> None:
    text = (
        "简报\n发布时间：2022-03-01\n"
        "力争到2025年,园区产值年均增长20%。\n"
        "2021年园区税收8亿元,同比增长12%。\n"
    )
    checked = check_report(parse_report(text), extract(parse_report(text)))
    assert [c.judgement.note for c in checked] == [
        "a target or a forecast, not what happened",
        "the series has one value",
    ]
    assert checked[1].judgement.start is None and checked[1].judgement.end is not None
