"""verify's closest passage for a quote the report does not hold, and the draft's YAML text:
both bounded in work whatever the report (benchmarks/run.py times them), both giving what
they gave before: difflib's longest match, and yaml.safe_dump's text."""

from __future__ import annotations

import difflib
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from zonestats.extract import draft_yaml
from zonestats.extract import verify as verify_module
from zonestats.extract.verify import Passages, normalise_text

# ---- the closest passage ---------------------------------------------------------------------


def _difflib_hint(report: str, quote: str) -> str:
    """The hint as verify gave it with difflib (quadratic in the report's length)."""
    matcher = difflib.SequenceMatcher(None, report, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(report), 0, len(quote))
    if match.size < 2:
        return ""
    start = max(0, match.a - match.b)
    return report[start : start + len(quote)]


def _edited(rng: random.Random, text: str, length: int) -> str:
    start = rng.randrange(len(text) - length)
    quote = list(text[start : start + length])
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(quote))
        if rng.random() < 0.5:
            quote[at] = rng.choice("0123456789")
        else:
            quote.insert(at, "和")
    return "".join(quote)


def _longest(a: str, b: str) -> int:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.find_longest_match(0, len(a), 0, len(b)).size


def test_the_hint_holds_the_longest_match() -> None:
    """The passage is the report's, as long as the quote, aligned on a longest run the two
    share (difflib's, or one as long: where runs tie, the one matching more is taken)."""
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    report = "".join(rng.choice(alphabet) for _ in range(6_000))
    passages = Passages(report)
    same = 0
    for _ in range(150):
        quote = _edited(rng, report, rng.randint(4, 60))
        hint, expected = passages.closest(quote), _difflib_hint(report, quote)
        same += hint == expected
        if not expected:  # nothing of two characters in common
            assert hint == ""
            continue
        assert hint in report and len(hint) == len(expected)
        assert _longest(hint, quote) == _longest(report, quote), quote
    assert same > 120  # ties aside, difflib's passage


def test_the_hint_on_the_article(article: str) -> None:
    report = normalise_text(article)
    passages = Passages(report)
    for quote, passage in [
        ("全区共有73家高新技术企业", "全区共有72家高新技术企业"),
        ("调整了18个联合党支部和", "调整了18个联合党支部,"),
        ("荆州开发区从4年前的第126位跃升至47位", "荆州开发区从4年前的第126位跃升至46位"),
    ]:
        assert passages.closest(quote) == passage == _difflib_hint(report, quote)
    assert passages.closest("x") == ""


def test_of_matches_as_long_the_closest_is_the_one_matching_more() -> None:
    report = "前,全区共有4家高新技术企业。" * 3 + "全区共有100家高新技术企业。" + "志愿服务" * 50
    assert Passages(report).closest("全区共有173家高新技术企业") == "全区共有100家高新技术企业"


def test_the_hint_in_a_long_report_is_the_edited_passage() -> None:
    rng = random.Random(3)
    lines = [
        f"第{i}项:{rng.choice('东南西北')}区新增企业{rng.randint(1, 999)}家,"
        f"总投资{rng.randint(1, 99)}亿元,编号{rng.randint(10**6, 10**7)}。"
        for i in range(40_000)
    ]
    report = "".join(lines)
    target = lines[31_234]
    quote = target.replace("新增企业", "新增企业约")
    assert target in Passages(report).closest(quote)


def test_no_hint_beyond_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify_module, "HINT_LIMIT", 10)
    assert Passages("全区共有72家高新技术企业").closest("全区共有73家高新技术企业") == ""


def test_verify_prints_the_closest_passage(
    cli: Callable[..., Any], dataset_path: Path, article_path: Path, tmp_path: Path
) -> None:
    text = dataset_path.read_text(encoding="utf-8")
    old = "quote: 全区共有72家高新技术企业"
    assert old in text
    path = tmp_path / "tampered.yaml"
    path.write_text(text.replace(old, "quote: 全区共有73家高新技术企业", 1), encoding="utf-8")
    result = cli("verify", str(path), "--source", str(article_path), expect=1)
    assert "(closest passage: '全区共有72家高新技术企业')" in result.stdout


# ---- the draft's YAML ------------------------------------------------------------------------

_HEADER_LINES = 2


def _safe_dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


_PIECES = [
    "全区共有72家高新技术企业", "800万台", "2021", "2021-06-30", "2021-01/2021-05", "%",
    "90%以上", "第126位", "a: b", "a:b", "#x", "x #y", "x#y", "'q'", "it's", '"q"', "- x",
    "-5", ".5", "...", "---", "~", "null", "yes", "No", "on", "0x1F", "1_000", "1e5", "1.5",
    "去年, counted from the report's date", "(to translate) projects 12", " lead", "trail ",
    "two  spaces", "tab\there", "line\nbreak", "\u2028", "\x85", "\ufeff", "\x7f", "é", "Ω",
    "“引号”", "《书名》", "=", "<<", "@at", "`tick", "!bang", "&amp", "*star", "|pipe", ">gt",
    "[x]", "{x}", "?q", "? q", ":c", "x:", "x: ", "", "荆州" * 30, "word " * 30,
]  # fmt: skip


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 4)))


def _random_value(rng: random.Random) -> Any:
    kind = rng.random()
    if kind < 0.1:
        return rng.choice([0, 7, -3, 10**20, 0.5, 1e-5, 1e17, 12.5, None, True, float("inf")])
    return _random_text(rng)


def test_the_draft_yaml_is_what_safe_dump_writes() -> None:
    rng = random.Random(11)
    indicators = []
    for i in range(1_000):
        observations = [
            {
                key: _random_value(rng)
                for key in ("period", "value", "number", "qualifier", "period_note", "quote")
                if rng.random() < 0.9
            }
            for _ in range(rng.randint(1, 2))
        ]
        indicator: dict[str, Any] = {
            "id": f"figure_{i}",
            "name": _random_text(rng),
            "name_en": f"(to translate) figure {i}",
            "category": rng.choice(["industry", "other"]),
            "unit": _random_value(rng),
            "observations": observations,
        }
        if rng.random() < 0.05:
            indicator["observations"] = []
        if rng.random() < 0.05:
            indicator["yes"] = "a key read as a word"
        indicators.append(indicator)
    data = {
        "schema_version": 1,
        "zone": {"name": "示例开发区", "province": "湖北省"},
        "source": {"title": "示例: 报道", "date": "2021-06-30"},
        "indicators": indicators,
    }
    written = draft_yaml(data)
    assert written.split("\n", _HEADER_LINES)[_HEADER_LINES] == _safe_dump(data)
    for empty in ({**data, "indicators": []}, {"indicators": indicators[:5], "zone": {}}):
        assert draft_yaml(empty).split("\n", _HEADER_LINES)[_HEADER_LINES] == _safe_dump(empty)
