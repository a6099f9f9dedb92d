"""Zones side by side: each zone's latest value and change of every indicator, the
difference from the first zone, and the leader where the better direction is known."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

_PER_ZONE = (("to_period", "period"), ("to_value", "value"), ("to_qualifier", "qualifier"))


def side_by_side(growth: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator with each zone's latest value and change, and their differences.

    The difference is each zone's latest value minus the first zone's; `leader` names the
    zone whose latest value is best where the better direction is known ("tie" when two
    are). Columns are "<zone>|period", "<zone>|value", "<zone>|qualifier", "<zone>|change"
    and, from the second zone on, "<zone>|difference".
    """
    import numpy as np
    import pandas as pd

    order = list(dict.fromkeys(growth["indicator"].tolist()))
    index = pd.Index(order, name="indicator")
    meta = growth.drop_duplicates("indicator").set_index("indicator").reindex(index)
    columns: dict[str, Any] = {c: meta[c] for c in ("name", "name_en", "unit", "better")}
    zones: list[str] = []
    for zone, rows in growth.groupby("zone", sort=False):
        rows = rows.drop_duplicates("indicator").set_index("indicator").reindex(index)
        zones.append(str(zone))
        for source, name in _PER_ZONE:
            columns[f"{zone}|{name}"] = rows[source]
        columns[f"{zone}|change"] = rows["change"].astype("float64")
    first = columns[f"{zones[0]}|value"]
    for zone in zones[1:]:
        columns[f"{zone}|difference"] = columns[f"{zone}|value"] - first
    values = np.column_stack([columns[f"{z}|value"].to_numpy(dtype="float64") for z in zones])
    columns["leader"] = _leaders(values, meta["better"].tolist(), zones)
    return pd.DataFrame(columns, index=index).reset_index()


def _leaders(values: Any, better: list[Any], zones: list[str]) -> list[str | None]:
    import numpy as np

    leaders: list[str | None] = []
    for row, direction in zip(values, better, strict=True):
        if direction not in ("higher", "lower") or np.isnan(row).all():
            leaders.append(None)
            continue
        pick = np.nanargmin(row) if direction == "lower" else np.nanargmax(row)
        ties = np.count_nonzero(row == row[pick])
        leaders.append(zones[int(pick)] if ties == 1 else "tie")
    return leaders
