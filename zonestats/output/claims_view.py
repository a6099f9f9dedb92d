"""The table `check` prints: each growth claim, the figures it rests on, what they give and
the verdict. Machine formats get the stable keys (stated and computed as fractions, the
gap in points); people's formats get the claim, the periods, the values, the computed
change, the gap and the verdict in the chosen language."""

from __future__ import annotations

from collections.abc import Sequence

from zonestats.analysis.claims import CheckedClaim
from zonestats.model.claims import ClaimKind
from zonestats.output.options import Lang
from zonestats.output.table import Column, Kind, Table
from zonestats.output.words import VERDICT_NAMES

CLAIM_COLUMNS = (
    Column("file", "文件", "file", people=False),
    Column("line", "行", "line", Kind.NUMBER, people=False),
    Column("zone", "开发区", "zone", wrap=False),
    Column("indicator", "指标", "indicator", people=False),
    Column("name", "名称", "name", people=False),
    Column("name_en", "英文名称", "name", people=False),
    Column("label", "指标", "indicator", machine=False, priority=1),
    Column("quote", "原文", "quote"),
    Column("claim", "声明", "claim", wrap=False),
    Column("kind", "类型", "kind", people=False),
    Column("from_period", "起", "from", people=False),
    Column("to_period", "止", "to", people=False),
    Column("periods", "时期", "periods", wrap=False, machine=False),
    Column("from_value", "起值", "from", Kind.QUANTITY, qualifier_key="from_qualifier"),
    Column("to_value", "止值", "to", Kind.QUANTITY, qualifier_key="to_qualifier"),
    Column("unit", "单位", "unit", people=False),
    Column("from_qualifier", "起值限定", "from qualifier", people=False),
    Column("to_qualifier", "止值限定", "to qualifier", people=False),
    Column("series", "数列", "series", people=False),
    Column("stated", "声明值", "stated", Kind.FRACTION, people=False),
    Column("computed", "计算值", "computed", Kind.FRACTION, people=False),
    Column("computed_shown", "计算值", "computed", wrap=False, machine=False),
    Column("gap_points", "差距(百分点)", "gap (points)", Kind.NUMBER, people=False),
    Column("gap_shown", "差距", "gap", wrap=False, machine=False),
    Column("tolerance_points", "容差(百分点)", "tolerance (points)", Kind.NUMBER, people=False),
    Column("verdict", "结论", "verdict", people=False),
    Column("verdict_shown", "结论", "verdict", wrap=False, machine=False),
    Column("note", "说明", "note", Kind.NOTE),
)
"""Every column of the claims table, in order."""


def _verdict(verdict: str, lang: Lang) -> str:
    return VERDICT_NAMES[verdict] if lang is Lang.ZH else verdict.replace("_", " ")


def _points(value: float, lang: Lang) -> str:
    return f"{round(value, 1) + 0.0:+.1f}" + ("个百分点" if lang is Lang.ZH else " pp")


def _computed(item: CheckedClaim, lang: Lang) -> str:
    """The change the figures give, as the claim states it: points for points, else %."""
    computed = item.judgement.computed
    if computed is None:
        return ""
    if item.claim.kind is ClaimKind.POINTS:
        return _points(computed * 100, lang)
    return f"{computed:+.1%}"


def _row(item: CheckedClaim, lang: Lang) -> tuple[object, ...]:
    judgement, claim = item.judgement, item.claim
    start, end = judgement.start, judgement.end
    gap = item.gap_points
    label = (item.name if lang is Lang.ZH else item.name_en or item.indicator) or item.indicator
    series = "; ".join(f"{p.period}: {p.written}" for p in item.points)
    return (
        item.file, item.line, item.zone, item.indicator, item.name, item.name_en,
        label or "", item.quote, claim.written, claim.kind.value,
        start.period if start else None, end.period if end else None,
        f"{start.period}→{end.period}" if start and end and start is not end else "",
        start.value if start else None, end.value if end else None,
        (start.unit if start else None), start.qualifier if start else None,
        end.qualifier if end else None, series or None, claim.stated, judgement.computed,
        _computed(item, lang), gap, _points(gap, lang) if gap is not None else "",
        claim.tolerance_points, judgement.verdict.value,
        _verdict(judgement.verdict.value, lang), judgement.note,
    )  # fmt: skip


def claims_table(checked: Sequence[CheckedClaim], lang: Lang) -> Table:
    """The claims and their verdicts, one row each; the zone and the indicator's name only
    where a claim has a zone (a dataset's: a report's series have suggested names only)."""
    columns: tuple[Column, ...] = CLAIM_COLUMNS
    if not any(item.zone for item in checked):
        columns = tuple(c for c in columns if c.key not in ("zone", "label"))
    rows = [_row(item, lang) for item in checked]
    keep = [i for i, c in enumerate(CLAIM_COLUMNS) if c in columns]
    return Table(columns, [tuple(row[i] for i in keep) for row in rows])
