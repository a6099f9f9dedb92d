"""extract on reports that name several zones: which zones a report names, the zone it is
about and its province, each figure's zone, one indicator for the figures of several zones;
and validate refusing every placeholder a draft leaves. The reports are invented."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import zonestats
from zonestats.extract import Candidate, draft, draft_yaml, extract, parse_report
from zonestats.extract.zones import find_zones
from zonestats.io.inputs import problems
from zonestats.io.text import read_text
from zonestats.io.yaml_parser import read_yaml
from zonestats.model.schema import json_schema

from .conftest import FIXTURES

PUBLISHED = date(2023, 3, 10)
HEAD = "发布时间:2023-03-10 09:00  来源:示例新闻网\n\n"


def _report(title: str, body: str) -> str:
    return f"{title}\n{HEAD}{body}"


def _draft(text: str, candidates: list[Candidate] | None = None) -> dict[str, Any]:
    report = parse_report(text, PUBLISHED)
    return draft(report, extract(report) if candidates is None else candidates)


def _zones_of(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Each observation of a schema 2 draft as (value as written, zone id), in order."""
    return [(o["value"], o["zone"]) for i in data["indicators"] for o in i["observations"]]


def _names(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(z.name, z.aliases) for z in find_zones(parse_report(text, PUBLISHED)).zones]


# ---- zones named in a report ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zones"),
    [
        ("全国218个国家级开发区参加考核。", []),
        ("各开发区、省级开发区和国家级经开区都在发展。", []),
        ("开发区新增企业15家。", []),
        ("推动开发区建设，在开发区实现开发区高质量发展。", []),
        ("湖北省开发区工作会议召开。", []),
        ("两个开发区签约。", []),
        ("荆州开发区新增企业15家。", [("荆州开发区", ())]),
        ("天津经开区新增企业15家。", [("天津经开区", ())]),
        (
            "荆州开发区、荆州经开区和荆州经济技术开发区是一个开发区。",
            [("荆州开发区", ("荆州经开区", "荆州经济技术开发区"))],
        ),
        ("武汉东湖高新区和东湖高新区是一个。", [("武汉东湖高新区", ("东湖高新区",))]),
        ("推动荆州开发区与宜昌高新区合作。", [("荆州开发区", ()), ("宜昌高新区", ())]),
        ("荆州开发区和荆州高新区。", [("荆州开发区", ()), ("荆州高新区", ())]),
    ],
    ids=[
        "national-level",
        "each-provincial-national",
        "alone",
        "verbs",
        "a-province's-zones",
        "two-zones",
        "one",
        "a-municipality",
        "short-and-long-forms",
        "district-and-city",
        "two-kinds",
        "a-place's-two-zones",
    ],
)
def test_zones_need_a_place_and_are_each_named_once(
    text: str, zones: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert _names(text) == zones


def test_traditional_zone_names_are_the_zones_of_their_simplified_form() -> None:
    text = "青山經濟技術開發區上半年運行\n湖南青山經開區新增企業15家，國家級開發區與青山经开区。"
    [zone] = find_zones(parse_report(text, PUBLISHED)).zones
    assert (zone.name, zone.aliases) == ("青山經濟技術開發區", ("青山經開區", "青山经开区"))
    assert zone.province == "湖南"
    assert _names("國家級開發區、各開發區、省級開發區") == []


def test_a_list_item_names_its_zone_by_any_of_its_names_or_its_place() -> None:
    zones = find_zones(parse_report("青山经开区与白水经济技术开发区、白水经开区。", PUBLISHED))
    assert [z.name for z in zones.zones] == ["青山经开区", "白水经济技术开发区"]
    named = [zones.named(item) for item in ("湖南青山经开区", "白水经开区", "白水", "红石经开区")]
    assert named == [0, 1, 1, None]


# ---- the subject and its province -------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "subject"),
    [(1, 0, "青山"), (3, 1, "青山"), (4, 2, "青山"), (1, 3, "白水"), (2, 1, None), (3, 2, None)],
)
def test_without_a_zone_in_its_title_a_report_is_about_a_zone_named_far_most(
    first: int, second: int, subject: str | None
) -> None:
    """At least three mentions and twice as many as any other zone; else no subject."""
    body = "青山经开区新增企业5家。" * first + "白水经开区新增企业5家。" * second
    zones = find_zones(parse_report(_report("经开区动态", body), PUBLISHED))
    found = zones.zones[zones.subject].place if zones.subject is not None else None
    assert found == subject


EXPELLED = _report(
    "青山经开区综合排名跃升",
    "据悉，江西白水经开区因连续两年考核排名靠后被移出名单，江西省商务厅表示江西将整改。\n"
    "青山经开区今年位列全国第35位，比上年前进17位。湖南省商务厅表示，青山经开区将继续提升。\n",
)


def test_the_subject_is_the_zone_of_the_title_not_the_zone_named_first(tmp_path: Path) -> None:
    data = _draft(
        EXPELLED.replace("湖南省商务厅表示，青山经开区", "湖南省商务厅表示，青山经济技术开发区")
    )
    assert data["schema_version"] == 1  # every figure is about the subject
    assert data["zone"]["name"] == "青山经开区"
    path = tmp_path / "draft.yaml"
    path.write_text(draft_yaml(data), encoding="utf-8")  # a zone of schema 1 has no aliases
    assert {p.code for p in problems(path)} == {"placeholder"}
    assert data["zone"]["province"] == "湖南省"  # not 江西, named most and first
    assert [o["value"] for i in data["indicators"] for o in i["observations"]] == [
        "第35位",
        "17位",
    ]


def test_without_a_title_zone_the_subject_is_not_the_zone_named_first() -> None:
    body = "白水经开区被移出名单。" + "青山经开区新增企业5家。" * 3 + "湖南省青山经开区获评先进。"
    data = _draft(_report("经开区动态", body))
    assert (data["zone"]["name"], data["zone"]["province"]) == ("青山经开区", "湖南省")


@pytest.mark.parametrize(
    ("body", "province"),
    [
        ("湖北荆州经开区新增企业15家。", "湖北省"),
        ("广西柳州经开区新增企业15家。", "广西壮族自治区"),
        ("荆州经开区新增企业15家，湖北省商务厅通报。", "湖北省"),
        ("武汉经开区新增企业15家。", "湖北省"),
        ("天津经开区新增企业15家。", "天津市"),
        ("荆州经开区新增企业15家。\n江西、江西和江西的企业来访。", "(province)"),
        ("荆州经开区与江西红石经开区签约，荆州经开区新增企业15家。", "(province)"),
    ],
    ids=[
        "written-before",
        "an-autonomous-region",
        "in-its-sentence",
        "national-dataset",
        "a-municipality",
        "only-elsewhere",
        "only-in-a-sentence-of-two",
    ],
)
def test_the_province_is_the_subject_s(body: str, province: str) -> None:
    data = _draft(_report(body.split("新增")[0] + "动态", body))
    assert data["schema_version"] == 1
    assert data["zone"]["province"] == province


# ---- each figure's zone -----------------------------------------------------------------------

RANKS = _report(
    "经开区考核结果出炉",
    "在今年的考核中，湖南青山经开区、白水经开区、江西红石经开区分别位列第35位、第88位和第97位。\n",
)


def _listed(text: str, items: list[str]) -> list[Candidate]:
    """The figures of RANKS as a scan that pairs each with its list item gives them: one
    series, each figure its item."""
    found = extract(parse_report(text, PUBLISHED))
    assert [c.written for c in found] == ["第35位", "第88位", "第97位"]
    return [replace(c, listed=item, series=1) for c, item in zip(found, items, strict=True)]


def test_three_zones_ranks_in_a_list_are_one_indicator_with_a_zone_each() -> None:
    data = _draft(RANKS, _listed(RANKS, ["湖南青山经开区", "白水经开区", "江西红石经开区"]))
    assert data["schema_version"] == 2
    assert [(z["id"], z["name"], z["province"]) for z in data["zones"]] == [
        ("zone_1", "青山经开区", "湖南省"),
        ("zone_2", "白水经开区", "(province)"),
        ("zone_3", "红石经开区", "江西省"),
    ]
    [ranks] = data["indicators"]
    assert (ranks["unit"], ranks["better"], ranks["name"]) == ("位", "lower", "位列")
    assert _zones_of(data) == [("第35位", "zone_1"), ("第88位", "zone_2"), ("第97位", "zone_3")]


def test_a_list_of_figures_in_different_units_is_not_one_indicator() -> None:
    text = _report("经开区动态", "青山经开区、白水经开区分别增长12%和引进项目30个。\n")
    found = extract(parse_report(text, PUBLISHED))
    assert [c.written for c in found] == ["12%", "30个"]
    listed = [
        replace(c, listed=item, series=1) for c, item in zip(found, ["青山", "白水"], strict=True)
    ]
    data = _draft(text, listed)
    assert [(i["unit"], [o["zone"] for o in i["observations"]]) for i in data["indicators"]] == [
        ("%", ["zone_1"]),
        ("个", ["zone_2"]),
    ]


def test_the_scan_pairs_a_list_of_zones_with_its_figures() -> None:
    data = _draft(RANKS)  # the scan's own `listed`, not one made by hand
    assert _zones_of(data) == [("第35位", "zone_1"), ("第88位", "zone_2"), ("第97位", "zone_3")]
    assert len(data["indicators"]) == 1


def test_a_sentence_of_several_zones_without_a_list_gives_no_zone() -> None:
    text = _report("经开区动态", "青山经开区和白水经开区今年共引进项目30个，新增就业2000人。\n")
    assert _zones_of(_draft(text)) == [("30个", "?"), ("2000人", "?")]


CARRY = _report(
    "经开区上半年经济运行情况",
    "青山经开区今年新增企业15家。全年实现产值1250亿元。\n"
    "白水经开区今年新增企业8家。全年实现产值860亿元。\n"
    "全区新增就业岗位3000个。\n",
)


def test_a_zone_named_in_a_paragraph_carries_to_its_sentences_and_stops_at_its_end() -> None:
    data = _draft(CARRY)
    assert [(z["id"], z["name"]) for z in data["zones"]] == [
        ("zone_1", "青山经开区"),
        ("zone_2", "白水经开区"),
    ]
    assert [(i["name"], i["unit"]) for i in data["indicators"]] == [
        ("今年新增企业", "家"),
        ("全年实现产值", "元"),
        ("新增就业岗位", "个"),
    ]
    assert _zones_of(data) == [
        ("15家", "zone_1"),
        ("8家", "zone_2"),
        ("1250亿元", "zone_1"),
        ("860亿元", "zone_2"),
        ("3000个", "?"),  # its own paragraph, no subject
    ]


PARALLEL = _report(
    "经开区产值",
    "2022年，青山经开区实现规模以上工业总产值1250亿元，白水经开区实现860亿元，"
    "红石经开区突破500亿元。\n",
)


def test_parallel_clauses_of_several_zones_are_one_indicator() -> None:
    data = _draft(PARALLEL)
    [output] = data["indicators"]
    assert output["name"] == "实现规模以上工业总产值"
    assert _zones_of(data) == [
        ("1250亿元", "zone_1"),
        ("860亿元", "zone_2"),
        ("突破500亿元", "zone_3"),
    ]


NO_ZONE = _report(
    "经开区动态",
    "青山经开区新增企业15家，白水经开区新增企业8家。\n"
    "青山经开区与白水经开区合作引进项目30个。\n"
    "全市共有规上企业300家。\n",
)


def test_a_figure_no_zone_is_named_for_is_unknown_and_validate_refuses_it(
    tmp_path: Path,
) -> None:
    data = _draft(NO_ZONE)
    assert _zones_of(data) == [
        ("15家", "zone_1"),
        ("8家", "zone_2"),
        ("30个", "?"),  # two zones in its clause
        ("300家", "?"),  # none in its paragraph, and no subject
    ]
    path = tmp_path / "draft.yaml"
    path.write_text(draft_yaml(data), encoding="utf-8")
    assert "# zone: ? marks 2 figures" in path.read_text(encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    unknown = [n for n, line in enumerate(lines, 1) if line == "  - zone: '?'"]
    refused = [p for p in problems(path) if "'zone'" in p.message]
    assert [(p.line, p.code) for p in refused] == [(n, "placeholder") for n in unknown]


def test_a_multi_zone_draft_verifies_and_validates_once_filled(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    report = tmp_path / "report.txt"
    report.write_text(NO_ZONE, encoding="utf-8")
    path = tmp_path / "draft.yaml"
    cli("extract", str(report), "-o", str(path))
    cli("verify", str(path), "--source", str(report))
    refused = cli("validate", str(path), expect=1).stdout.splitlines()
    assert refused and all(line.endswith("[placeholder]") for line in refused)
    text = path.read_text(encoding="utf-8").replace("zone: '?'", "zone: zone_1")
    text = text.replace("name_en: (to translate)\n", "name_en: A zone\n")
    text = text.replace("(to translate) ", "").replace("(province)", "湖南省")
    path.write_text(text, encoding="utf-8")
    cli("validate", str(path))
    cli("verify", str(path), "--source", str(report))
    dataset = zonestats.load(path)
    assert [z.name for z in dataset.zones] == ["青山经开区", "白水经开区"]


def test_a_zone_of_the_national_dataset_takes_its_id_and_province() -> None:
    body = "武汉经开区新增企业15家，青山经开区新增企业8家。"
    data = _draft(_report("经开区动态", body))
    assert [(z["id"], z["name"], z["province"], z["level"]) for z in data["zones"]] == [
        ("wuhan_etdz", "武汉经开区", "湖北省", "national"),
        ("zone_2", "青山经开区", "(province)", "provincial"),
    ]


def test_a_traditional_report_of_several_zones() -> None:
    text = (
        "青山經濟技術開發區上半年運行情況\n"
        "湖南青山經開區今年新增企業15家。白水經開區今年新增企業8家，青山经开区新增就業崗位300個。\n"
    )
    data = _draft(text)
    assert [(z["id"], z["name"], z.get("aliases"), z["province"]) for z in data["zones"]] == [
        ("zone_1", "青山經濟技術開發區", ["青山經開區", "青山经开区"], "湖南省"),
        ("zone_2", "白水經開區", None, "(province)"),
    ]
    assert _zones_of(data) == [("15家", "zone_1"), ("8家", "zone_2"), ("300個", "zone_1")]


# ---- placeholders -------------------------------------------------------------------------------

MINIMAL = FIXTURES / "minimal.yaml"
THREE = FIXTURES / "three_zones.yaml"


@pytest.mark.parametrize(
    ("fixture", "written", "field", "placeholder", "code"),
    [
        (MINIMAL, "  name: 示例开发区", "name", "(zone name)", "placeholder"),
        (
            MINIMAL,
            "  name_en: Example Development Zone",
            "name_en",
            "(to translate)",
            "placeholder",
        ),
        (MINIMAL, "  province: 湖北省", "province", "(province)", "placeholder"),
        (MINIMAL, "  title: 示例开发区年度报告", "title", "(title)", "placeholder"),
        (MINIMAL, "  publisher: 示例日报", "publisher", "(publisher)", "placeholder"),
        (MINIMAL, "    unit: 个", "unit", "(unit)", "placeholder"),
        (
            MINIMAL,
            '  date: "2022-01-15"',
            "date",
            "'(date: the report states none)'",
            "placeholder",
        ),
        (
            MINIMAL,
            "    name_en: National rank",
            "name_en",
            "(to translate) national rank",
            "placeholder",
        ),
        (THREE, "      - zone: baishui", "zone", "'?'", "placeholder"),
        (MINIMAL, "    name_en: National rank", "name_en", "(pilot) rank", None),
        (MINIMAL, "    name_en: National rank", "name_en", "?!", None),
    ],
)
def test_validate_refuses_each_placeholder_at_its_line(
    tmp_path: Path, fixture: Path, written: str, field: str, placeholder: str, code: str | None
) -> None:
    lines = fixture.read_text(encoding="utf-8").splitlines()
    at = lines.index(written)
    lines[at] = f"{written.split(':')[0]}: {placeholder}"
    path = tmp_path / "data.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [(p.line, p.code, p.message.split(":")[0]) for p in problems(path)]
    assert found == ([(at + 1, code, f"'{field}'")] if code else [])
    document, _ = read_yaml(read_text(path), str(path))
    if code:  # `zonestats schema` refuses it too
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(document, json_schema())
    else:
        jsonschema.validate(document, json_schema())


TABLE = (
    "zone,zone_id,province,level,indicator,name,name_en,category,period,value,unit,written,"
    "quote,source_title,source_publisher,source_date\n"
    "青山经开区,qingshan,湖南省,national,new_firms,新增企业,New firms,industry,2022,15,家,15家,"
    "青山经开区新增企业15家,经开区动态,示例新闻网,2023-07-10\n"
)


@pytest.mark.parametrize(
    ("column", "cell", "placeholder", "code"),
    [
        ("zone", "青山经开区", "(zone name)", "placeholder"),
        ("zone_id", "qingshan", "?", "placeholder"),
        ("province", "湖南省", "(province)", "placeholder"),
        ("name_en", "New firms", "(to translate) new firms", "placeholder"),
        ("source_title", "经开区动态", "(title)", "placeholder"),
        ("source_publisher", "示例新闻网", "(publisher)", "placeholder"),
        ("source_date", "2023-07-10", "(date: the report states none)", "placeholder"),
        ("name_en", "New firms", "(new) firms", None),
    ],
)
def test_a_table_refuses_the_same_placeholders(
    tmp_path: Path, column: str, cell: str, placeholder: str, code: str | None
) -> None:
    header, row = TABLE.splitlines()
    cells = row.split(",")
    at = header.split(",").index(column)
    assert cells[at] == cell
    cells[at] = placeholder
    path = tmp_path / "data.csv"
    path.write_text(f"{header}\n{','.join(cells)}\n", encoding="utf-8")
    found = [(p.line, p.code, p.message.split(":")[0]) for p in problems(path)]
    assert found == ([(2, code, f"'{column}'")] if code else [])


def test_a_report_without_a_date_gets_a_placeholder_date_never_today(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    report = tmp_path / "report.txt"
    report.write_text("园区新增企业15家。2022年实现产值50亿元。\n", encoding="utf-8")
    path = tmp_path / "draft.yaml"
    cli("extract", str(report), "-o", str(path))
    text = path.read_text(encoding="utf-8")
    assert "date: '(date: the report states none)'" in text
    assert date.today().isoformat() not in text
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("The report states no date" in line for line in header)
    refused = cli("validate", str(path), expect=1).stdout.splitlines()
    assert [line for line in refused if "'date'" in line] == [
        f"{path}:15:9: 'date': '(date: the report states none)' is a placeholder the draft "
        "left; write the date the report was published (YYYY-MM-DD) [placeholder]"
    ]
