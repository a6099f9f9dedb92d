"""Report texts, generated and hostile: finding figures, drafting a dataset and verifying
quotes raise nothing but zonestats' own error, and a draft says what its report says."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import strategies as st

from zonestats.errors import ZonestatsError
from zonestats.extract import draft, draft_yaml, extract, parse_report
from zonestats.extract.verify import normalise_text, verify
from zonestats.io.inputs import check
from zonestats.model.period import parse_period

from . import strategies as S
from .harness import fuzz, scratch, tolerated

_PUBLISHED = st.sampled_from(
    [None, date(2021, 6, 30), date(2020, 2, 29), date(1, 1, 1), date(9999, 12, 31)]
)


@fuzz(short=50, long=5_000, text=S.reports(), published=_PUBLISHED)
def test_extraction_raises_only_zonestats_errors(text: str, published: date | None) -> None:
    report = parse_report(text, published, "report.txt")
    candidates = tolerated(extract, report)
    if candidates is None:
        return
    for candidate in candidates:
        assert text[candidate.start : candidate.end] or candidate.written
        assert candidate.quote == text[candidate.quote_start : candidate.quote_end]
    data = draft(report, candidates)
    draft_yaml(data)


@fuzz(
    short=40,
    long=2_000,
    text=S.reports(),
    published=st.sampled_from(
        [date(2021, 6, 30), date(2020, 2, 29), date(2000, 1, 1), date(2023, 12, 31)]
    ),
)
def test_a_draft_says_what_its_report_says(text: str, published: date) -> None:
    """The draft of a report is YAML zonestats reads, every period in it is a real one, and
    `verify` finds every quote in the report it came from."""
    report = parse_report(text, published, "report.txt")
    candidates = tolerated(extract, report)
    if not candidates:
        return
    for candidate in candidates:
        try:
            parse_period(candidate.period)
        except ZonestatsError as error:
            raise AssertionError(
                f"the figure {candidate.written!r} in {candidate.quote!r} gets period "
                f"{candidate.period!r}: {error.message}"
            ) from None
    with scratch() as folder:
        source = folder / "report.txt"
        source.write_text(text, encoding="utf-8")
        path = folder / "draft.yaml"
        path.write_text(draft_yaml(draft(report, candidates)), encoding="utf-8")
        _, problems = check([path])
        unreadable = [
            p for p in problems if p.code in ("yaml-syntax", "yaml-character", "too-deep")
        ]
        assert not unreadable, unreadable[0]
        missing = [
            p for p in tolerated(verify, [path], [source]) or [] if p.code == "quote-not-in-source"
        ]
        assert not missing, missing[0].message[:500]


@fuzz(
    short=30,
    long=2_000,
    text=S.reports(),
    quote=st.one_of(S.hostile_text(long=True), S.report_sentences()),
)
def test_verify_raises_only_zonestats_errors(text: str, quote: str) -> None:
    """verify with hostile quotes and reports, including reports that are no text."""
    import yaml

    with scratch() as folder:
        source = folder / "report.txt"
        source.write_bytes(text.encode("utf-8", "surrogatepass"))
        document = yaml.load(
            (S.FIXTURES / "minimal.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
        )
        document["indicators"][0]["observations"][0]["quote"] = quote
        path = folder / "data.yaml"
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        tolerated(verify, [path], [source])
        tolerated(verify, [Path(folder)], [source, source])


def test_normalised_quotes_are_found_in_normalised_text() -> None:
    """The folding verify uses keeps a quote inside its text (spot check of the helper the
    property above relies on)."""
    text = "全区共有７２家高新技术企业，“十四五”期间"
    assert normalise_text("共有７２家") in normalise_text(text)


# Words that hold a one-character qualifier word (约, 近, 破, 竞, 将) without meaning it: 签约
# "sign", 节约 "save", 附近 "nearby", 最近 "recent", 打破 "break", 竞拍 "bid".
_HOLDERS = ["签约", "节约", "附近", "最近", "打破", "竞拍", "制约", "接近于零的", "破产"]


@fuzz(
    short=30,
    long=1_000,
    holder=st.sampled_from(_HOLDERS[:6]),
    number=st.integers(2, 99_999),
    unit=st.sampled_from(["个", "家", "项", "万元", "亩"]),
)
def test_a_word_holding_a_qualifier_character_adds_no_qualifier(
    holder: str, number: int, unit: str
) -> None:
    """全区签约5个项目 signs five projects: the 约 of 签约 says nothing about the figure."""
    report = parse_report(f"全区{holder}{number}{unit}项目。", date(2021, 6, 30), "report.txt")
    found = [(c.written, c.qualifier.value) for c in extract(report)]
    assert found == [(f"{number}{unit}", "exact")], f"{holder}{number}{unit}: {found}"
