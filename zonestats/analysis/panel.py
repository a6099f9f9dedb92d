"""One indicator across zones and periods: the table analysts build in a spreadsheet, zones
as rows and periods as columns, with each zone's change over its first and last period and,
for ranks, each place's percentile among that year's number of zones and its place among
the zones shown. Gaps stay gaps: nothing is filled in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zonestats.analysis.growth import Selection, growth_table, select
from zonestats.analysis.series import precedence
from zonestats.analysis.zones import compare_zones
from zonestats.model.period import period_position
from zonestats.model.terms import RANK_UNITS

if TYPE_CHECKING:
    import pandas as pd

PANEL_COLUMNS = (
    "indicator",
    "name",
    "name_en",
    "zone",
    "period",
    "value",
    "unit",
    "qualifier",
    "written",
    "out_of",
    "percentile",
    "place_among_zones",
    "note",
)
"""The tidy panel's columns: one row per zone, indicator and period observed."""

SPAN_COLUMNS = (
    "from_period",
    "to_period",
    "change",
    "change_qualifier",
    "years",
    "cagr",
    "improved",
    "span_note",
)
"""What the wide panel adds to each zone's row: the change over its first and last period."""


@dataclass(frozen=True, slots=True)
class Panel:
    """One indicator's panel."""

    indicator: str
    name: str
    name_en: str
    unit: str
    better: str | None
    rank: bool
    zones: tuple[str, ...]
    periods: tuple[str, ...]  # in time order
    cells: pd.DataFrame  # PANEL_COLUMNS, a row per zone and period observed
    spans: pd.DataFrame  # per zone: zone and SPAN_COLUMNS

    def wide(self) -> pd.DataFrame:
        """A row per zone: each period's value (and for ranks its out_of, percentile and
        place among the zones, as "<period>|out_of" …), then the change over the span."""
        import pandas as pd

        columns: dict[str, object] = {"indicator": self.indicator, "zone": list(self.zones)}
        wide = pd.DataFrame(columns)
        keys = [
            "value",
            "qualifier",
            *(("out_of", "percentile", "place_among_zones") if self.rank else ()),
        ]
        for period in self.periods:
            at = self.cells[self.cells["period"] == period].set_index("zone")
            for key in keys:
                name = period if key == "value" else f"{period}|{key}"
                wide[name] = at[key].reindex(list(self.zones)).to_numpy()
        wide["unit"] = self.unit
        spans = self.spans.set_index("zone").reindex(list(self.zones))
        for key in SPAN_COLUMNS:
            wide[key] = spans[key].array  # its own dtype: improved stays true/false
        return wide


def panels(frame: pd.DataFrame, indicators: Sequence[str], zones: Sequence[str]) -> list[Panel]:
    """The panel of each indicator, from the observations table (Dataset.observations())."""
    chosen = select(frame, Selection(tuple(indicators)))
    spans = growth_table(chosen, Selection(tuple(indicators), keep_single=True))
    return [_panel(chosen, spans, indicator, zones) for indicator in indicators]


def _panel(
    frame: pd.DataFrame, growth: pd.DataFrame, indicator: str, zones: Sequence[str]
) -> Panel:
    import numpy as np

    rows = frame[frame["indicator"] == indicator]
    # of one zone's period, the most precise figure
    rows = rows.assign(_level=precedence(rows["qualifier"])).sort_values("_level", kind="stable")
    rows = rows.drop_duplicates(["zone", "period"]).drop(columns="_level")
    present = set(rows["zone"].tolist())
    shown = [z for z in zones if z in present]
    periods = sorted(
        set(rows["period"]), key=lambda p: (period_position(p)[1], period_position(p)[0], p)
    )
    out_of = rows["out_of"].astype("Float64").to_numpy("float64", na_value=np.nan)
    places = compare_zones(
        rows.assign(
            to_period=rows["period"],
            to_value=rows["value"],
            to_qualifier=rows["qualifier"],
            to_out_of=rows["out_of"],
            better=growth[growth["indicator"] == indicator]["better"].iloc[0],
        ),
        shown,
        by=("indicator", "to_period"),
        differences=False,
    )
    cells = rows.assign(
        percentile=rows["value"].to_numpy(dtype="float64") / out_of,
        place_among_zones=places["rank_among_zones"].to_numpy(),
        note=places["comparison_note"].to_numpy(),
    )
    cells["out_of"] = cells["out_of"].astype("Float64").astype("Int64")
    cells["_zone"] = cells["zone"].map({z: i for i, z in enumerate(shown)})
    cells["_time"] = cells["period"].map({p: i for i, p in enumerate(periods)})
    cells = cells.sort_values(["_zone", "_time"]).reset_index(drop=True)
    better = growth[growth["indicator"] == indicator]["better"].iloc[0]
    spans = growth[growth["indicator"] == indicator].rename(
        columns={"note": "span_note", "qualifier": "change_qualifier"}
    )
    first = rows.iloc[0]
    rank = bool(cells["out_of"].notna().any() or first["unit"] in RANK_UNITS)
    return Panel(
        indicator,
        str(first["name"]),
        str(first["name_en"]),
        str(first["unit"]),
        better if isinstance(better, str) else None,
        rank,
        tuple(shown),
        tuple(periods),
        cells[list(PANEL_COLUMNS)],
        spans[["zone", *SPAN_COLUMNS]].reset_index(drop=True),
    )
