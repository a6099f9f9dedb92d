"""Draft a dataset from the figures found in a report."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from zonestats.extract.figures import Candidate
from zonestats.extract.report import ReportText
from zonestats.model.quantity import parse_quantity

_MONEY = re.compile(r"产值|收入|营收|投资|税|元|资金|效益")

# ---- the draft dataset -----------------------------------------------------------------------

_PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
)  # fmt: skip
_ZONE = re.compile(
    r"[\u4e00-\u9fff]{2,8}?(?:经济技术开发区|高新技术产业开发区|经开区|高新区|开发区|新区|产业园区)"
)


def draft(report: ReportText, candidates: list[Candidate]) -> dict[str, Any]:
    """A dataset (as plain data, ready for YAML) with one indicator per figure or pair."""
    zone = _ZONE.search(report.title) or _ZONE.search(report.text)
    mentions = {p: report.text.count(p) for p in _PROVINCES}
    province = max(mentions, key=lambda p: mentions[p]) if any(mentions.values()) else None
    indicators: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    for candidate in candidates:
        observation: dict[str, Any] = {
            "period": candidate.period,
            "value": candidate.written,
            "number": _plain(candidate.value),
        }
        if candidate.qualifier is not parse_quantity(candidate.written).qualifier:
            observation["qualifier"] = candidate.qualifier.value
        if candidate.period_note:
            observation["period_note"] = candidate.period_note
        observation["quote"] = candidate.quote
        existing = by_id.get(candidate.id)
        if existing is not None and not any(
            o["period"] == candidate.period for o in existing["observations"]
        ):
            existing["observations"].append(observation)
            continue
        identifier = candidate.id if existing is None else f"{candidate.id}_b"
        indicator: dict[str, Any] = {
            "id": identifier,
            "name": candidate.name,
            "name_en": f"(to translate) {identifier.replace('_', ' ')}",
            "category": candidate.category,
            "unit": candidate.unit or _unit_guess(candidate),
        }
        if candidate.unit == "位":
            indicator["better"] = "lower"
        indicator["observations"] = [observation]
        by_id[identifier] = indicator
        indicators.append(indicator)
    return {
        "schema_version": 1,
        "zone": {
            "name": zone.group(0) if zone else "(zone name)",
            "name_en": "(to translate)",
            "province": f"{province}省"
            if province and province not in ("北京", "天津", "上海", "重庆")
            else (province or "(province)"),
            "level": "national" if "国家级" in report.text else "provincial",
        },
        "source": {
            "title": report.title or "(title)",
            "publisher": report.publisher or "(publisher)",
            "date": (report.published or date.today()).isoformat(),
        },
        "indicators": indicators,
    }


def _unit_guess(candidate: Candidate) -> str:
    """The unit of a figure written without one: 元 for money (产值破百亿), else 个 (五大)."""
    if candidate.value >= 10_000 and _MONEY.search(candidate.quote):
        return "元"
    return "个"


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def draft_yaml(data: dict[str, Any]) -> str:
    """The draft as YAML text that `zonestats validate` reads."""
    import yaml

    header = (
        "# Draft made by `zonestats extract`: check every figure, translate names, fix ids\n"
        "# and categories, drop what is not a figure, then run `zonestats verify`.\n"
    )
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return header + body
