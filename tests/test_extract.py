"""extract: figures found in report text; verify: a dataset still says what its source says."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import zonestats
from zonestats import Qualifier, parse_quantity
from zonestats.extract import Candidate, extract, parse_report

Q = Qualifier

# Passages where the article states again a figure that the dataset records once: the
# figure found there is real, though it matches no curated quote.
RESTATED = {
    "生物医药和新材料五大产业布局合理": "五大, as industrial_parks",
    "白色家电产业迈向千亿级是党建优势转化为产业优势的生动写照": "千亿, as white_goods_output_target",
}
ACCURACY: dict[str, float] = {}


def _spans(article: str, quote: str) -> list[tuple[int, int]]:
    spans, start = [], article.find(quote)
    while start >= 0:
        spans.append((start, start + len(quote)))
        start = article.find(quote, start + 1)
    return spans


def _matches(candidate: Candidate, obs: zonestats.Observation, article: str) -> bool:
    curated = parse_quantity(obs.written)
    return (
        candidate.value == obs.value
        and candidate.unit == curated.unit
        and candidate.qualifier is obs.qualifier
        and any(
            candidate.quote_start < end and start < candidate.quote_end
            for start, end in _spans(article, obs.quote)
        )
    )


def test_accuracy_on_the_article(dataset: zonestats.Dataset, article: str) -> None:
    candidates = extract(parse_report(article))
    observations = [o for i in dataset.indicators for o in i.observations]
    found = [o for o in observations if any(_matches(c, o, article) for c in candidates)]
    real = [
        c
        for c in candidates
        if any(_matches(c, o, article) for o in observations)
        or any(passage in c.quote for passage in RESTATED)
    ]
    recall = len(found) / len(observations)
    precision = len(real) / len(candidates)
    ACCURACY.update(
        recall=recall,
        precision=precision,
        curated=len(observations),
        found=len(found),
        candidates=len(candidates),
        real=len(real),
    )
    missed = [(o.written, o.quote) for o in observations if o not in found]
    noise = [(c.written, c.quote) for c in candidates if c not in real]
    print(
        f"extract on the article: recall {len(found)}/{len(observations)} = {recall:.1%}, "
        f"precision {len(real)}/{len(candidates)} = {precision:.1%}; "
        f"missed {missed}; noise {noise}"
    )
    assert recall >= 0.95, missed
    assert precision >= 0.90, noise


def test_article_periods_and_pairs(article: str) -> None:
    candidates = extract(parse_report(article))
    by_written = {c.written: c for c in candidates}
    assert (by_written["第126位"].period, by_written["46位"].period) == ("2016", "2020")
    assert by_written["第126位"].series == by_written["46位"].series is not None
    assert (by_written["10万台"].period, by_written["800万台"].period) == ("2008", "2021-06-30")
    assert by_written["30亿元"].period == "2021-02-03"
    assert "今年2月3日" in (by_written["30亿元"].period_note or "")
    assert by_written["41个"].period == "2021-01/2021-05"
    assert by_written["3928人"].period == "2020"
    assert by_written["有望突破300亿元"].period == "2022"


def _found(text: str, published: date | None = None) -> list[tuple[str, float, Any, str, str]]:
    return [
        (c.written, c.value, c.unit, c.qualifier.value, c.period)
        for c in extract(parse_report(text, published))
    ]


ZONE_A = """襄阳高新区:上半年经济运行稳中向好
发布时间:2022-07-15 09:30  来源:襄阳日报

2021年,襄阳高新区在全国169个国家级高新区综合评价中由上年第73位上升至第36位。
今年1月至6月,全区实现规上工业产值1,250.6亿元,同比增长12.5%,增速比去年同期提高2.3个百分点。
3月18日,总投资约50亿元的新能源电池项目开工,预计年产值突破百亿,力争到2025年形成千亿级产业集群。
截至目前,全区共有高新技术企业１２３家,科技型中小企业近600家,研发投入超过30亿元。
去年,园区新增就业岗位3000余个,引进博士以上人才200人左右。
联系电话:0710-3456789  邮箱:gxq@example.com.cn  网址:http://www.example.gov.cn/2022/07/15.html
鄂ICP备12345678号
"""


def test_zone_a_arabic_full_width_qualifiers_ranks_and_relative_periods() -> None:
    assert _found(ZONE_A) == [
        ("169个", 169, "个", "exact", "2021"),
        ("第73位", 73, "位", "exact", "2020"),
        ("第36位", 36, "位", "exact", "2021"),
        ("1,250.6亿元", 125_060_000_000, "元", "exact", "2022-01/2022-06"),
        ("12.5%", 12.5, "%", "exact", "2022-01/2022-06"),
        ("2.3个百分点", 2.3, "个百分点", "exact", "2022-01/2022-06"),
        ("约50亿元", 5_000_000_000, "元", "approx", "2022-03-18"),
        ("突破百亿", 10_000_000_000, None, "expected", "2022-03-18"),
        ("千亿", 100_000_000_000, None, "target", "2025"),
        ("１２３家", 123, "家", "exact", "2022-07-15"),
        ("近600家", 600, "家", "approx", "2022-07-15"),
        ("超过30亿元", 3_000_000_000, "元", "more_than", "2022-07-15"),
        ("3000余个", 3000, "个", "more_than", "2021"),
        ("200人左右", 200, "人", "approx", "2021"),
    ]


ZONE_B = """青山经开区多措并举推进乡村振兴
发表时间:2020-12-20  来源:青山新闻网

一、产业兴旺
今年,全区五大产业园产值破百亿、竞千亿。
去年,全镇建档立卡贫困人口一千一百一十户3928人全部脱贫,贫困发生率降至0.5%以下。
从2015年建园到现在,园区企业从12家增加到186家,年产值从3亿元提升至120亿元。
桑树一年可收四茬,亩均增收2000元以上,全年举办培训48场,培训农民5000余人次。
二、对外开放
园区出口额达1.2亿美元,签约项目20多个,其中10亿元以上项目3个。
服务热线:12345  举报电话:027-87654321
"""


def test_zone_b_chinese_numerals_compounds_pairs_and_currencies() -> None:
    assert _found(ZONE_B) == [
        ("五大", 5, None, "exact", "2020"),
        ("破百亿", 10_000_000_000, None, "more_than", "2020"),
        ("竞千亿", 100_000_000_000, None, "target", "2020"),
        ("一千一百一十户", 1110, "户", "exact", "2019"),
        ("3928人", 3928, "人", "exact", "2019"),
        ("0.5%以下", 0.5, "%", "at_most", "2019"),
        ("12家", 12, "家", "exact", "2015"),
        ("186家", 186, "家", "exact", "2020-12-20"),
        ("3亿元", 300_000_000, "元", "exact", "2015"),
        ("120亿元", 12_000_000_000, "元", "exact", "2020-12-20"),
        ("四茬", 4, "茬", "exact", "2020-12-20"),
        ("2000元以上", 2000, "元", "at_least", "2020-12-20"),
        ("48场", 48, "场", "exact", "2020-12-20"),
        ("5000余人次", 5000, "人次", "more_than", "2020-12-20"),
        ("达1.2亿美元", 120_000_000, "美元", "exact", "2020-12-20"),
        ("20多个", 20, "个", "more_than", "2020-12-20"),
        ("10亿元以上", 1_000_000_000, "元", "at_least", "2020-12-20"),
        ("3个", 3, "个", "exact", "2020-12-20"),
    ]


def test_zone_b_pairs_are_one_indicator() -> None:
    candidates = extract(parse_report(ZONE_B))
    pairs = {c.written: c.series for c in candidates if c.series is not None}
    assert pairs["12家"] == pairs["186家"] != pairs["3亿元"] == pairs["120亿元"]
    assert len(pairs) == 4


NOT_FIGURES = """关于召开园区安全生产会议的通知
2023年5月6日 14:30,在管委会3楼会议室召开会议。请各单位于5月8日前报名,联系人:王先生,电话:13812345678。
详情见 https://www.example.org/notice/2023/0506.html 或发送邮件至 office2023@example.com。
备案号:京ICP备2023012345号-1 京公网安备11010502030405号
1. 会议议程
2. 参会人员
(一)争做“三个表率”,落实“十四五”规划,弘扬“四千精神”
"""


def test_dates_ids_addresses_and_ordinals_are_not_figures() -> None:
    assert _found(NOT_FIGURES, date(2023, 5, 1)) == []


def test_published_resolves_relative_periods() -> None:
    text = "去年,园区新增企业15家。今年3月,签约项目8个。4年前,园区仅有企业3家。"
    assert _found(text, date(2024, 4, 1)) == [
        ("15家", 15, "家", "exact", "2023"),
        ("8个", 8, "个", "exact", "2024-03"),
        ("3家", 3, "家", "exact", "2020"),
    ]


SIMPLIFIED = """园区上半年经济运行情况
今年1月至6月,园区实现规上工业产值1060亿元,同比增长12.5%,增速提高2.3个百分点。
截至目前,全区共有高新技术企业两百家,科技型中小企业近600家,引进外资约3亿美元。
去年,园区新增就业岗位3000余个,签约项目20多个,其中10亿元以上项目3个,培训农民5000余人次。
预计全年产值将达到1500亿元,力争新增企业30家以上,总计投资超过50亿元。
新建厂房12万平方米,新增装机容量100万千瓦,年吞吐量达50万标箱。
"""
TRADITIONAL = """園區上半年經濟運行情況
今年1月至6月,園區實現規上工業產值1060億元,同比增長12.5%,增速提高2.3個百分點。
截至目前,全區共有高新技術企業兩百家,科技型中小企業近600家,引進外資約3億美元。
去年,園區新增就業崗位3000餘個,簽約項目20多個,其中10億元以上項目3個,培訓農民5000餘人次。
預計全年產值將達到1500億元,力爭新增企業30家以上,總計投資超過50億元。
新建廠房12萬平方米,新增裝機容量100萬千瓦,年吞吐量達50萬標箱。
"""


def test_a_traditional_report_gives_the_figures_of_its_simplified_form() -> None:
    from zonestats.model.grammar import fold

    published = date(2022, 7, 15)
    simplified = extract(parse_report(SIMPLIFIED, published))
    traditional = extract(parse_report(TRADITIONAL, published))
    assert [
        (fold(c.written), c.value, c.unit, c.qualifier, c.period, c.start, c.end)
        for c in traditional
    ] == [(c.written, c.value, c.unit, c.qualifier, c.period, c.start, c.end) for c in simplified]
    assert all(TRADITIONAL[c.start : c.end] == c.written for c in traditional)
    assert [(c.written, c.value, c.unit, c.qualifier.value) for c in simplified] == [
        ("1060亿元", 106_000_000_000, "元", "exact"),
        ("12.5%", 12.5, "%", "exact"),
        ("2.3个百分点", 2.3, "个百分点", "exact"),
        ("两百家", 200, "家", "exact"),
        ("近600家", 600, "家", "approx"),
        ("约3亿美元", 300_000_000, "美元", "approx"),
        ("3000余个", 3000, "个", "more_than"),
        ("20多个", 20, "个", "more_than"),
        ("10亿元以上", 1_000_000_000, "元", "at_least"),
        ("3个", 3, "个", "exact"),
        ("5000余人次", 5000, "人次", "more_than"),
        ("将达到1500亿元", 150_000_000_000, "元", "expected"),
        ("30家以上", 30, "家", "target"),
        ("超过50亿元", 5_000_000_000, "元", "more_than"),
        ("12万平方米", 120_000, "平方米", "exact"),
        ("100万千瓦", 1_000_000, "千瓦", "exact"),
        ("达50万标箱", 500_000, "标箱", "exact"),
    ]


def test_no_date_anywhere_is_a_clear_error() -> None:
    with pytest.raises(zonestats.ZonestatsError, match="--published"):
        extract(parse_report("园区新增企业15家。"))


# ---- the command line ---------------------------------------------------------------------


def test_extract_draft_validates_and_verifies(
    cli: Callable[..., Any], article_path: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.yaml"
    result = cli("extract", str(article_path), "-o", str(draft))
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"{len(extract(parse_report(article_path.read_text())))} figures"
    )
    refused = cli("validate", str(draft), expect=1).stdout.splitlines()
    assert refused and all(line.endswith("[placeholder]") for line in refused)
    cli("verify", str(draft), "--source", str(article_path))
    text = draft.read_text(encoding="utf-8")
    text = text.replace("name_en: (to translate)\n", "name_en: Jingzhou Development Zone\n")
    text = text.replace("unit: (unit)\n", "unit: 元\n")  # 竞千亿, 迈向千亿级: of what
    draft.write_text(text.replace("(to translate) ", ""), encoding="utf-8")
    cli("validate", str(draft))
    cli("verify", str(draft), "--source", str(article_path))
    dataset = zonestats.load(draft)
    capacity = next(i for i in dataset.indicators if i.unit == "台")
    assert [(o.period.text, o.value) for o in capacity.observations] == [
        ("2008", 100_000.0),
        ("2021-06-30", 8_000_000.0),
    ]
    assert dataset.zone.name == "荆州开发区" and dataset.zone.province == "湖北省"


def test_extract_to_stdout_and_as_a_table(cli: Callable[..., Any], tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("今年,园区签约项目20多个。", encoding="utf-8")
    yaml_text = cli("extract", str(report), "--published", "2022-05-01").stdout
    assert "value: 20多个" in yaml_text and "period: '2022'" in yaml_text
    rows = cli("extract", str(report), "--published", "2022-05-01", "--csv").stdout.splitlines()
    assert rows[0].startswith("written,value,unit,qualifier,period,")
    assert rows[1].startswith("20多个,20,个,more_than,2022,")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "the file is empty"),
        ("园区签约项目20多个。".encode("gb18030"), "GBK/GB18030"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ],
    ids=["empty", "gb18030", "binary"],
)
def test_extract_bad_reports(
    cli: Callable[..., Any], tmp_path: Path, content: bytes, words: str
) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(content)
    result = cli("extract", str(report), "--published", "2022-05-01", expect=1)
    assert words in result.stderr and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_extract_refuses_a_bad_date(cli: Callable[..., Any], article_path: Path) -> None:
    result = cli("extract", str(article_path), "--published", "2021-13-01", expect=1)
    assert result.stderr == "error: --published: '2021-13-01' is not a date (YYYY-MM-DD)\n"


def test_verify_passes_the_real_dataset(
    cli: Callable[..., Any], dataset_path: Path, article_path: Path
) -> None:
    result = cli("verify", str(dataset_path), "--source", str(article_path))
    assert result.stdout == ""


def _tampered(dataset_path: Path, tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    text = dataset_path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path = tmp_path / "tampered.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, line


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("value: 800万台", "value: 900万台", "'900万台' does not appear in its quote"),
        ("number: 8000000\n", "number: 9000000\n", "'800万台' reads as 8000000, not 9000000"),
        ("quote: 全区共有72家高新技术企业", "quote: 全区共有73家高新技术企业", "quote not found"),
        ("quote: 调整了18个联合党支部", "quote: 调整了18个联合党支部和", "quote not found"),
    ],
    ids=["digit in value", "digit in number", "quote edited", "quote extended"],
)
def test_verify_catches_tampering(
    cli: Callable[..., Any],
    dataset_path: Path,
    article_path: Path,
    tmp_path: Path,
    old: str,
    new: str,
    words: str,
) -> None:
    path, line = _tampered(dataset_path, tmp_path, old, new)
    result = cli("verify", str(path), "--source", str(article_path), expect=1)
    lines = result.stdout.splitlines()
    assert any(x.startswith(f"{path}:{line}: ") and words in x for x in lines), lines


def test_verify_ignores_spacing_and_width(
    cli: Callable[..., Any], dataset_path: Path, article_path: Path, tmp_path: Path
) -> None:
    path, _ = _tampered(
        dataset_path,
        tmp_path,
        "quote: 荆州开发区从4年前的第126位跃升至46位\n",
        "quote: 荆州开发区 从4年前的第１２６位跃升至46位\n",
    )
    result = cli("verify", str(path), "--source", str(article_path), expect=1)
    # The quote is found (spacing and full-width digits are folded), but the value is not in it.
    assert "quote not found" not in result.stdout
    assert "'第126位' does not appear in its quote" in result.stdout


def test_verify_missing_source(cli: Callable[..., Any], dataset_path: Path, tmp_path: Path) -> None:
    result = cli("verify", str(dataset_path), "--source", str(tmp_path / "none.txt"), expect=1)
    assert result.stderr == f"error: {tmp_path / 'none.txt'}: no such file [file-not-found]\n"


_FULL_WIDTH = str.maketrans(
    {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
)


def _full_width(text: str) -> str:
    """Text as most reports on the web write it: full-width punctuation (one character for
    one, so positions stay), but for separators inside numbers (1,000, 12:30)."""
    return re.sub(r"[,;:!?()]", lambda m: _keep_or_widen(text, m), text)


def _keep_or_widen(text: str, match: re.Match[str]) -> str:
    at, char = match.start(), match.group()
    inside_number = char in ",:" and text[at - 1 : at].isdigit() and text[at + 1 : at + 2].isdigit()
    return char if inside_number else char.translate(_FULL_WIDTH)


def test_accuracy_with_full_width_punctuation(dataset: zonestats.Dataset, article: str) -> None:
    """Full-width commas, colons and semicolons end clauses as ASCII ones do: the same figures
    are found in the same article written the way most reports are."""
    wide = _full_width(article)
    assert wide != article and len(wide) == len(article)
    ascii_candidates = extract(parse_report(article))
    wide_candidates = extract(parse_report(wide))
    assert [(c.written, c.value, c.unit, c.qualifier, c.period) for c in wide_candidates] == [
        (c.written, c.value, c.unit, c.qualifier, c.period) for c in ascii_candidates
    ]
    assert [(c.quote_start, c.quote_end) for c in wide_candidates] == [
        (c.quote_start, c.quote_end) for c in ascii_candidates
    ]


# ---- tenths and traditional characters ---------------------------------------------------------

TENTHS_REPORT = (
    "2020年,全区规模以上工业总产值1060亿元,同比增长12.5%,预计全年将达到1200亿元。"
    "全区九成以上企业已复工,近七成项目已开工,八成五的园区完成改造,三成企业为外资。"
    "各项工作一成不变地推进,完成项目5个。\n"
)
TENTHS_EXPECTED = [
    ("1060亿元", 1.06e11, "exact"),
    ("12.5%", 12.5, "exact"),
    ("将达到1200亿元", 1.2e11, "expected"),
    ("九成以上", 90.0, "at_least"),
    ("近七成", 70.0, "approx"),
    ("八成五", 85.0, "exact"),
    ("三成", 30.0, "exact"),
    ("5个", 5.0, "exact"),
]


def _figures_of(text: str) -> list[tuple[str, float, str, str]]:
    from datetime import date

    from zonestats.extract import extract, parse_report

    report = parse_report(text, date(2021, 1, 10), "report.txt")
    return [(c.written, c.value, c.qualifier.value, c.period) for c in extract(report)]


def test_tenths_are_shares_and_an_idiom_is_no_figure() -> None:
    found = _figures_of(TENTHS_REPORT)
    assert [(w, v, q) for w, v, q, _ in found] == TENTHS_EXPECTED  # not 一成 of 一成不变


def test_a_traditional_report_gives_the_same_figures() -> None:
    """The report written in traditional characters (every grammar character folded back)
    gives the same figures, values, qualifiers and periods."""
    from zonestats.model.grammar import FOLD

    to_traditional = {simplified: traditional for traditional, simplified in FOLD.items()}
    to_traditional.pop("%", None)  # keep ASCII %: the full-width form is another test's
    traditional = "".join(to_traditional.get(ch, ch) for ch in TENTHS_REPORT)
    assert traditional != TENTHS_REPORT
    simplified = _figures_of(TENTHS_REPORT)
    converted = _figures_of(traditional)
    fold = str.maketrans(FOLD)
    assert [(w.translate(fold), v, q, p) for w, v, q, p in converted] == simplified
