"""Growth, comparison across zones and the summary, computed from the observations table."""

from zonestats.analysis.growth import (
    GROWTH_COLUMNS,
    Selection,
    combine,
    growth_table,
    latest,
    observations,
    period_position,
    series_of,
    side_by_side,
    summarize,
)

__all__ = [
    "GROWTH_COLUMNS",
    "Selection",
    "combine",
    "growth_table",
    "latest",
    "observations",
    "period_position",
    "series_of",
    "side_by_side",
    "summarize",
]
