"""Zones side by side: each zone's latest value and change of every indicator, the
difference from the first zone, and the leader where the better direction is known."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

_PER_ZONE = (
    ("to_period", "period"),
    ("to_value", "value"),
    ("to_qualifier", "qualifier"),
    ("unit", "unit"),
)


def side_by_side(growth: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator with each zone's latest value and change, and their differences.

    The difference is each zone's latest value minus the first zone's, where both are in
    one unit; `leader` names the zone whose latest value is best among those in the unit of
    the first zone that has the indicator, where the better direction is known ("tie" when
    two are). Columns are
    "<zone>|period", "<zone>|value", "<zone>|qualifier", "<zone>|unit", "<zone>|change"
    and, from the second zone on, "<zone>|difference". Built as grids of indicators by
    zones, so that hundreds of zones cost one pass over the growth table.
    """
    import numpy as np
    import pandas as pd

    zones = list(dict.fromkeys(growth["zone"].tolist()))
    order = list(dict.fromkeys(growth["indicator"].tolist()))
    row = pd.Index(order).get_indexer(growth["indicator"])
    column = pd.Index(zones).get_indexer(growth["zone"])

    def grid(key: str, numeric: bool) -> np.ndarray:
        cells = np.full(
            (len(order), len(zones)),
            np.nan if numeric else None,
            dtype=float if numeric else object,
        )
        cells[row, column] = growth[key].to_numpy(dtype=float if numeric else object)
        return cells

    # Each indicator's name and direction: the first zone's that gives one.
    meta = growth.groupby("indicator", sort=False)[["name", "name_en", "unit", "better"]].first()
    columns: dict[str, Any] = {c: meta[c].reindex(order).to_numpy() for c in meta.columns}
    grids = {name: grid(key, name == "value") for key, name in _PER_ZONE}
    grids["change"] = grid("change", True)
    # Values in another unit than the first zone's that has the indicator are never set
    # against it (nor is a zone that lacks it).
    units = grids["unit"]
    first = np.argmax(units != None, axis=1)  # noqa: E711 (element-wise)
    reference = units[np.arange(len(order)), first][:, None]
    comparable = np.where(units == reference, grids["value"], np.nan)
    for index, zone in enumerate(zones):
        for name in ("period", "value", "qualifier", "unit", "change"):
            columns[f"{zone}|{name}"] = grids[name][:, index]
        if index:
            columns[f"{zone}|difference"] = comparable[:, index] - comparable[:, 0]
    columns["leader"] = _leaders(comparable, columns["better"].tolist(), zones)
    return pd.DataFrame(columns, index=pd.Index(order, name="indicator")).reset_index()


def _leaders(values: np.ndarray, better: list[Any], zones: list[str]) -> list[str | None]:
    import numpy as np

    leaders: list[str | None] = []
    for row, direction in zip(values, better, strict=True):
        if direction not in ("higher", "lower") or np.count_nonzero(~np.isnan(row)) < 2:
            leaders.append(None)  # a leader needs two zones to lead among
            continue
        pick = np.nanargmin(row) if direction == "lower" else np.nanargmax(row)
        ties = np.count_nonzero(row == row[pick])
        leaders.append(zones[int(pick)] if ties == 1 else "tie")
    return leaders
