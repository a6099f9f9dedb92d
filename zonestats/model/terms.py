"""The closed vocabularies of a dataset: which way is better, zone levels, usual categories."""

from __future__ import annotations

from enum import StrEnum


class Better(StrEnum):
    """Which way an indicator improves: a rank improves as it goes down."""

    HIGHER = "higher"
    LOWER = "lower"


class Level(StrEnum):
    """The zone's administrative level."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"


CATEGORY_NAMES = {
    "ranking": "排名",
    "economy": "经济",
    "industry": "产业",
    "investment": "招商引资",
    "innovation": "科技创新",
    "party_building": "党建",
    "community": "社区治理",
    "rural": "乡村振兴",
    "poverty": "脱贫攻坚",
    "other": "其他",
}
"""Chinese labels for the usual categories; a dataset may use others, shown as written."""

RANK_UNITS = frozenset({"位", "名"})
"""Units that make an indicator a rank even without an out_of."""


def is_rank(unit: str, *out_of: object) -> bool:
    """Whether figures are places in a ranking: a rank unit, or an out_of given."""
    return unit in RANK_UNITS or any(o is not None and o == o for o in out_of)
