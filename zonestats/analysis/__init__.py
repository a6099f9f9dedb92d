"""Growth, comparison across zones, browsing and the summary, from the observations table."""

from zonestats.analysis.browse import Latest, citations, latest
from zonestats.analysis.growth import GROWTH_COLUMNS, Selection, growth_table
from zonestats.analysis.summary import Mover, Summary, summarize
from zonestats.analysis.zones import side_by_side

__all__ = [
    "GROWTH_COLUMNS",
    "Latest",
    "Mover",
    "Selection",
    "Summary",
    "citations",
    "growth_table",
    "latest",
    "side_by_side",
    "summarize",
]
