"""Growth, comparison across zones, browsing and the summary, from the observations table.

The names below are imported when first used, so that browsing (which needs only
zonestats.analysis.browse) does not pay for the rest.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zonestats.analysis.browse import Latest, citations, latest
    from zonestats.analysis.claims import CheckedClaim, Verdict, check_dataset, judge
    from zonestats.analysis.growth import GROWTH_COLUMNS, Selection, growth_table
    from zonestats.analysis.summary import Mover, Summary, summarize
    from zonestats.analysis.zones import COMPARISON_COLUMNS, compare_zones

_WHERE = {
    "CheckedClaim": "claims",
    "Verdict": "claims",
    "check_dataset": "claims",
    "judge": "claims",
    "Latest": "browse",
    "citations": "browse",
    "latest": "browse",
    "GROWTH_COLUMNS": "growth",
    "Selection": "growth",
    "growth_table": "growth",
    "Mover": "summary",
    "Summary": "summary",
    "summarize": "summary",
    "COMPARISON_COLUMNS": "zones",
    "compare_zones": "zones",
}

__all__ = [
    "COMPARISON_COLUMNS",
    "GROWTH_COLUMNS",
    "CheckedClaim",
    "Latest",
    "Mover",
    "Selection",
    "Summary",
    "Verdict",
    "check_dataset",
    "citations",
    "compare_zones",
    "growth_table",
    "judge",
    "latest",
    "summarize",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'zonestats.analysis' has no attribute '{name}'")
    return getattr(import_module(f"zonestats.analysis.{module}"), name)
