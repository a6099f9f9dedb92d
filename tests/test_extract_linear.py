"""extract on texts no report is written like: runs of numerals longer than any figure,
thousands of figures in one sentence, text without punctuation, e-mail-like runs, long lines.
How long they take is measured by benchmarks/run.py (ratios against an ordinary report, never
timed here); these tests check what comes out, on small sizes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import yaml

from zonestats.extract import draft, draft_yaml, extract, parse_report
from zonestats.extract import sentences as sentences_module
from zonestats.extract.figures import MAX_RUN, MAX_SENTENCE, Extraction

PUBLISHED = date(2021, 6, 30)


def _scan(text: str) -> Extraction:
    return extract(parse_report(text, PUBLISHED))


def _figures(text: str) -> list[tuple[str, float, Any]]:
    return [(c.written, c.value, c.unit) for c in _scan(text)]


# ---- runs longer than any figure ---------------------------------------------------------


def test_a_run_longer_than_any_figure_is_reported_once_and_skipped() -> None:
    run = "1" * 100_000
    text = f"今年园区新增企业15家。\n编号{run}个。\n签约项目20多个。"
    found = _scan(text)
    assert [(c.written, c.value) for c in found] == [("15家", 15), ("20多个", 20)]
    [skipped] = found.skipped
    start = text.index(run)
    assert (skipped.start, skipped.end, skipped.line, skipped.length) == (
        start,
        start + len(run),
        2,
        len(run),
    )
    assert text[skipped.start : skipped.end] == run
    assert "100,000 characters of numerals" in skipped.describe()
    assert "line 2" in skipped.describe()


def test_the_bound_is_the_longest_figure() -> None:
    """MAX_RUN numerals in a row are still read; one more, and the run is skipped."""
    at_bound = "一" * MAX_RUN
    assert _scan(f"共有{at_bound}个。").skipped == []
    beyond = _scan(f"共有{at_bound}一个。")
    assert [s.length for s in beyond.skipped] == [MAX_RUN + 1]
    assert list(beyond) == []


@pytest.mark.parametrize("character", list("1１多万亿十第") + ["3.", "1,"])
def test_a_text_of_one_numeral_repeated_is_one_skipped_run(character: str) -> None:
    found = _scan(character * 5_000 + "\n园区新增企业15家。")
    assert [(c.written, c.value) for c in found] == [("15家", 15)]
    assert [(s.start, s.length) for s in found.skipped] == [(0, len(character) * 5_000)]


@pytest.mark.parametrize("rule", ["-" * 5_000, "." * 200, "+-" * 100, "-" * 41])
def test_rules_of_dashes_and_dots_are_no_figure_and_no_report(rule: str) -> None:
    found = _scan(f"{rule}\n园区新增企业15家。\n{rule}")
    assert [(c.written, c.value) for c in found] == [("15家", 15)]
    assert found.skipped == []
    glued = _scan(f"园区新增企业15家。{rule}15家")  # numerals in the run: reported
    assert [(c.written, c.value) for c in glued] == [("15家", 15)]
    assert [s.length for s in glued.skipped] == [len(rule) + 2]


def test_skipped_runs_are_listed_in_the_draft_which_still_reads() -> None:
    text = "园区新增企业15家。" + "9" * 50 + "\n" + "8" * 60 + "个"
    report = parse_report(text, PUBLISHED)
    found = extract(report)
    data = draft(report, found)
    assert len(data.skipped) == 2
    written = draft_yaml(data)
    comments = [line for line in written.splitlines() if line.startswith("#")]
    assert any("2 runs of numerals" in line for line in comments)
    assert any("line 1: 50 characters" in line for line in comments)
    assert any("line 2: 60 characters" in line for line in comments)
    loaded = yaml.safe_load(written)
    assert [o["value"] for i in loaded["indicators"] for o in i["observations"]] == ["15家"]
    assert yaml.safe_load(yaml.safe_dump(data, allow_unicode=True)) == dict(data)


# ---- many figures, long sentences, no punctuation ------------------------------------------


def test_thousands_of_figures_in_one_sentence() -> None:
    values = list(range(100, 5_100))
    text = "全年" + ",".join(f"{v}个" for v in values) + "。"
    found = _scan(text)
    assert [(c.written, c.value, c.unit) for c in found] == [(f"{v}个", v, "个") for v in values]
    assert found[0].quote == "全年100个"
    assert all(c.quote == c.written for c in found[1:])  # each figure is its own clause
    assert len({c.id for c in found}) == len(values)


def test_a_sentence_longer_than_the_bound_is_cut_between_figures() -> None:
    piece = "园区坚持党建引领围绕招商引资新增企业15家新建厂房12万平方米总投资约3亿元"
    text = piece * (3 * MAX_SENTENCE // len(piece))  # no punctuation at all
    found = _figures(text)
    expected = [("15家", 15, "家"), ("12万平方米", 120_000, "平方米"), ("约3亿元", 3e8, "元")]
    assert found == expected * (len(text) // len(piece))


def test_cutting_sentences_keeps_every_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "".join(
        f"{n}年园区新增企业{n % 97 + 2}家,签约项目{n % 13 + 2}个,总投资突破{n % 50 + 1}亿元"
        for n in range(2000, 2040)
    )
    whole = _figures(text)
    assert len(whole) == 120
    monkeypatch.setattr(sentences_module, "MAX_SENTENCE", 70)
    assert _figures(text) == whole
    monkeypatch.setattr(sentences_module, "MAX_SENTENCE", 45)
    assert _figures(text) == whole


def test_chinese_without_punctuation_is_read_like_its_sentences() -> None:
    sentence = "截至目前全区共有高新技术企业123家科技型中小企业近600家研发投入超过30亿元"
    found = _figures(sentence * 400)
    assert (
        found
        == [
            ("123家", 123, "家"),
            ("近600家", 600, "家"),
            ("超过30亿元", 3e9, "元"),
        ]
        * 400
    )


def test_blocks_give_what_the_whole_text_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        "2020年,全区签约亿元项目41个,总投资约30亿元。联系电话:0716-8123456",
        "邮箱:office@example.com 去年,园区新增企业15家,其中高新技术企业3家。",
        "从2008年落户到现在,冰箱产能从10万台提升到800万台。" + "7" * 60,
        "“1+36”产业集群,今年有望突破300亿元。3月18日,50亿元的项目开工。",
    ]
    text = "\n".join(lines * 30)

    def seen() -> tuple[list[tuple[Any, ...]], list[tuple[int, int, int]]]:
        found = _scan(text)
        return (
            [(c.written, c.start, c.period, c.period_note, c.quote, c.id, c.series) for c in found],
            [(s.start, s.end, s.line) for s in found.skipped],
        )

    whole = seen()
    assert len(whole[0]) == 30 * 8 and len(whole[1]) == 30
    monkeypatch.setattr(sentences_module, "BLOCK", 50)
    assert seen() == whole


# ---- what is not a figure, at length --------------------------------------------------------


@pytest.mark.parametrize(
    "filler",
    [
        "ab.cd-ef+gh_" * 4_000,  # an e-mail's name, with no @
        "user" * 10_000 + "@",  # and an @ with no domain
        "a@" * 20_000,
        "x@" + "y" * 40_000 + ".",
        "http://" * 5_000,
        "ICP备" * 5_000,
        "电话" * 5_000,
        "“" * 10_000,
        "《" * 10_000,
        "第" * 10_000,
        " " * 40_000,
        "将" * 10_000 + "1",
    ],
    ids=[
        "name",
        "name-at",
        "at-pairs",
        "long-domain",
        "urls",
        "icp",
        "phone-words",
        "quotes",
        "titles",
        "ordinal",
        "spaces",
        "prefix-words",
    ],
)
def test_pathological_fillers_leave_the_figures_around_them(filler: str) -> None:
    text = f"园区新增企业15家,{filler},签约项目20多个。"
    assert [(w, v) for w, v, _ in _figures(text)] == [("15家", 15), ("20多个", 20)]


def test_addresses_and_numbers_are_still_masked() -> None:
    text = (
        "请发送至office2023@example.com或 a.b+c-d@mail.example.org.cn,"
        "电话:0716-8123456,网址http://www.example.gov.cn/2022/07/15.html,"
        "鄂ICP备12345678号,园区新增企业15家。"
    )
    assert _figures(text) == [("15家", 15, "家")]
