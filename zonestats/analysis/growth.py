"""Growth, cross-zone comparison and the summary, computed column-wise with pandas."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zonestats.errors import ZonestatsError
from zonestats.model.dataset import Dataset, parse_period

if TYPE_CHECKING:
    import pandas as pd

GROWTH_COLUMNS = (
    "zone",
    "indicator",
    "name",
    "name_en",
    "category",
    "unit",
    "from_period",
    "to_period",
    "from_value",
    "to_value",
    "from_qualifier",
    "to_qualifier",
    "change",
    "multiple",
    "pct_change",
    "years",
    "cagr",
    "better",
    "improved",
    "from_percentile",
    "to_percentile",
    "qualifier",
    "note",
)
"""Every column of the growth table, in order."""

_KEYS = ["zone", "indicator"]
_LOWER_BOUNDS = ("more_than", "at_least")
_UPPER_BOUNDS = ("less_than", "at_most")


def combine(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The observations of several inputs as one table; the zone column tells them apart.

    Two inputs may not hold the same zone: its figures would be counted twice.
    """
    import pandas as pd

    if len(frames) == 1:
        return frames[0]
    seen: dict[str, int] = {}
    for index, frame in enumerate(frames):
        for zone in frame["zone"].unique():
            if zone in seen:
                raise ZonestatsError(
                    f"two inputs both hold {zone}; compare different zones, "
                    "or merge one zone's reports into one dataset"
                )
            seen[zone] = index
    return pd.concat(frames, ignore_index=True)


def observations(datasets: Sequence[Dataset]) -> pd.DataFrame:
    """The observations of one or more datasets as one table."""
    return combine([d.observations() for d in datasets])


def period_position(text: str) -> tuple[float, float]:
    """Where a period starts and ends, in fractional years counted by months.

    A year ends at year + 1 and a month at the start of the next one, so 2008 -> 2021 is
    exactly 13 years and 2020-01/2020-05 -> 2021-01/2021-05 exactly one.
    """
    period = parse_period(text)
    return _position(period.start, False), _position(period.end, True)


def _position(day: Any, exclusive_end: bool) -> float:
    import calendar

    length = calendar.monthrange(day.year, day.month)[1]
    offset = day.day if exclusive_end else day.day - 1
    return float(day.year + (day.month - 1) / 12 + offset / length / 12)


def _period_positions(periods: pd.Series) -> tuple[Any, Any]:
    """Start and end positions of every row's period, parsing each distinct period once."""
    codes, _, positions = _distinct_periods(periods)
    return positions[codes, 0], positions[codes, 1]


def _distinct_periods(periods: pd.Series) -> tuple[Any, Any, Any]:
    """Each row's code among the distinct periods, those periods, and their (start, end)."""
    import numpy as np
    import pandas as pd

    codes, distinct = pd.factorize(periods)
    positions = np.array([period_position(str(p)) for p in distinct], dtype="float64")
    return codes, distinct, positions.reshape(-1, 2)


def _period_ranks(periods: pd.Series) -> tuple[Any, Any, Any, Any]:
    """Each row's period as a rank by end, then start (equal positions, equal ranks, as
    2021 and 2021-01/2021-12); with each row's code among the distinct periods, those
    periods and their (start, end)."""
    import numpy as np

    codes, distinct, positions = _distinct_periods(periods)
    order = np.lexsort((positions[:, 0], positions[:, 1]))
    ordered = positions[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    rank_of = np.empty(len(order), dtype=np.int64)
    rank_of[order] = np.cumsum(new) - 1
    return rank_of[codes], codes, distinct, positions


def _series(frame: pd.DataFrame) -> tuple[Any, Any]:
    """Each row's series (its zone's indicator) as a code, in order of first appearance."""
    import pandas as pd

    zone = pd.factorize(frame["zone"])[0].astype("int64")
    indicator = pd.factorize(frame["indicator"])[0].astype("int64")
    return pd.factorize(zone * (int(indicator.max(initial=0)) + 1) + indicator)


def _matching(periods: Any, positions: Any, period: str | None) -> Any:
    """Which distinct periods are the one asked for, or lie within it (2021 holds 2021-06-30)."""
    import numpy as np

    if period is None:
        return np.ones(len(positions), dtype=bool)
    try:
        low, high = period_position(period)
    except ZonestatsError as error:
        raise ZonestatsError(f"--from/--to: {error.message}") from None
    exact = np.array([str(p) == period for p in periods], dtype=bool)
    return exact | ((positions[:, 0] >= low - 1e-9) & (positions[:, 1] <= high + 1e-9))


def _ends(frame: pd.DataFrame, selection: Selection) -> tuple[Any, Any]:
    """Row positions of each series' start and end observation, series in the input's order.

    A series is a zone's indicator. Periods are ordered by their end, then their start; the
    start is a series' earliest row matching --from and the end its latest matching --to
    (of two rows for one period, the first and the last).
    """
    rank, codes, distinct, positions = _period_ranks(frame["period"])
    series, keys = _series(frame)
    start = _matching(distinct, positions, selection.start)[codes]
    end = _matching(distinct, positions, selection.end)[codes]
    first = _pick(series, len(keys), rank, start, latest=False, last_of_ties=False)
    final = _pick(series, len(keys), rank, end, latest=True, last_of_ties=True)
    both = (first < len(frame)) & (final >= 0)
    return first[both], final[both]


def _pick(series: Any, count: int, rank: Any, chosen: Any, latest: bool, last_of_ties: bool) -> Any:
    """Per series, among its chosen rows, the one of the latest (or earliest) period rank;
    of two for one period, the last (or first). No sort: two passes of integer maxima or
    minima. A series with no chosen row gets -1 when the last of ties is asked, else the
    number of rows."""
    import numpy as np

    best_rank = np.full(count, -1 if latest else len(rank), dtype=np.int64)
    (np.maximum if latest else np.minimum).at(best_rank, series[chosen], rank[chosen])
    chosen = chosen & (rank == best_rank[series])
    best_row = np.full(count, -1 if last_of_ties else len(rank), dtype=np.int64)
    rows = np.flatnonzero(chosen)
    (np.maximum if last_of_ties else np.minimum).at(best_row, series[rows], rows)
    return best_row


def latest(frame: pd.DataFrame, category: str | None = None) -> pd.DataFrame:
    """Each series' (a zone's indicator's) latest observation and how many it has, series in
    the order they first appear: what ``list`` shows of a long table.

    The latest is the one whose period ends last (then starts last); of two for one period,
    the first in the table, as for a dataset.
    """
    import numpy as np

    if category is not None:
        subset = frame[frame["category"] == category]
        if subset.empty:
            known = ", ".join(frame["category"].unique())
            raise ZonestatsError(f"no category '{category}' (known: {known})")
        frame = subset.reset_index(drop=True)
    rank = _period_ranks(frame["period"])[0]
    series, keys = _series(frame)
    every = np.ones(len(frame), dtype=bool)
    row = _pick(series, len(keys), rank, every, latest=True, last_of_ties=False)
    columns = ["zone", "indicator", "name", "name_en", "category", "unit"]
    result = frame[[*columns, "period", "value", "qualifier"]].iloc[row].reset_index(drop=True)
    result.insert(len(columns), "observations", np.bincount(series, minlength=len(keys)))
    renamed: pd.DataFrame = result.rename(
        columns={"period": "latest_period", "value": "latest_value"}
    )
    return renamed


def series_of(frame: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """Every observation of one indicator, of every zone, each zone's in period order (by
    start, then end; ties keep the table's order): what ``show`` shows of a long table."""
    import numpy as np
    import pandas as pd

    rows = frame[frame["indicator"] == indicator_id]
    if rows.empty:
        import difflib

        known = list(frame["indicator"].unique())
        close = difflib.get_close_matches(indicator_id, known, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ZonestatsError(f"no indicator '{indicator_id}'{hint}")
    start, end = _period_positions(rows["period"])
    zone = pd.factorize(rows["zone"])[0]
    order = np.lexsort((end, start, zone))  # stable: ties stay in the table's order
    return rows.iloc[order].reset_index(drop=True)


@dataclass(frozen=True, slots=True)
class Selection:
    """Which indicators and periods a growth table covers."""

    indicators: tuple[str, ...] = ()
    category: str | None = None
    start: str | None = None
    end: str | None = None
    keep_single: bool = False  # keep indicators with one observation (zones side by side)


def growth_table(frame: pd.DataFrame, selection: Selection = Selection()) -> pd.DataFrame:
    """Growth from a start to an end observation of every indicator (and zone) that has both.

    Without --from/--to the first and last observations are used; indicators with a single
    observation are left out unless named, when their row says why there is no growth.
    """
    import numpy as np
    import pandas as pd

    frame = _select(frame, selection).reset_index(drop=True)
    first_rows, last_rows = _ends(frame, selection)
    one = first_rows == last_rows  # the same observation at both ends
    named = frame["indicator"].iloc[first_rows].isin(selection.indicators).to_numpy(dtype=bool)
    kept = ~one | named | selection.keep_single
    first_rows, last_rows = first_rows[kept], last_rows[kept]
    same = first_rows == last_rows
    meta = [*_KEYS, "name", "name_en", "category", "unit", "better", "out_of"]
    # Both ends in one take, of the columns needed (not the quotes: less to copy).
    ends = frame[[*meta, "period", "value", "qualifier"]].iloc[
        np.concatenate([first_rows, last_rows])
    ]
    start, finish = ends.iloc[: len(first_rows)], ends.iloc[len(first_rows) :]
    end_from, end_to = (_period_positions(x["period"])[1] for x in (start, finish))
    pair = (
        start[meta]
        .reset_index(drop=True)
        .assign(
            period_from=start["period"].to_numpy(),
            value_from=start["value"].to_numpy(),
            qualifier_from=start["qualifier"].to_numpy(),
            _end_from=end_from,
            period_to=finish["period"].to_numpy(),
            value_to=finish["value"].to_numpy(),
            qualifier_to=finish["qualifier"].to_numpy(),
            _end_to=end_to,
        )
    )

    f = pair["value_from"].to_numpy(dtype="float64")
    t = pair["value_to"].to_numpy(dtype="float64")
    years = (pair["_end_to"] - pair["_end_from"]).to_numpy(dtype="float64")
    out_of = pair["out_of"].astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
    rank = ~np.isnan(out_of) | (pair["unit"] == "位").to_numpy()
    base_ok = f > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        multiple = np.where(base_ok & ~rank & ~same, t / np.where(base_ok, f, 1.0), np.nan)
        cagr_ok = base_ok & (t >= 0) & (years > 0) & ~rank & ~same
        cagr = np.where(
            cagr_ok,
            np.power(np.where(cagr_ok, multiple, 1.0), 1 / np.where(cagr_ok, years, 1.0)) - 1,
            np.nan,
        )
        from_pct = np.where(np.isnan(out_of), np.nan, f / out_of)
        to_pct = np.where(np.isnan(out_of), np.nan, t / out_of)
    change = np.where(same, np.nan, t - f)
    better = pair["better"]
    improved = pd.array(np.where(better == "lower", change < 0, change > 0), dtype="boolean")
    improved[(better.isna() | same).to_numpy()] = pd.NA

    notes = _notes(
        [
            (same, "n.m.: only one observation"),
            (rank & ~same, "rank: change in places"),
            (~rank & ~same & (f == 0), "n.m.: base is 0"),
            (~rank & ~same & (f < 0), "n.m.: base is negative"),
            (~rank & ~same & base_ok & (years == 0), "n.m.: period span is zero"),
            (~rank & ~same & base_ok & (years < 0), "n.m.: end is before start"),
            ((pair["unit"] == "%").to_numpy() & ~same, "change in percentage points"),
        ],
        len(pair),
    )
    qualifier, qualifier_note = _growth_qualifier(pair["qualifier_from"], pair["qualifier_to"])
    qualifier = np.where(same, None, qualifier)
    notes = _join(notes, np.where(same, "", qualifier_note))

    result = pd.DataFrame(
        {
            "zone": pair["zone"],
            "indicator": pair["indicator"],
            "name": pair["name"],
            "name_en": pair["name_en"],
            "category": pair["category"],
            "unit": pair["unit"],
            "from_period": pair["period_from"],
            "to_period": pair["period_to"],
            "from_value": f,
            "to_value": t,
            "from_qualifier": pair["qualifier_from"],
            "to_qualifier": pair["qualifier_to"],
            "change": change,
            "multiple": multiple,
            "pct_change": np.where(np.isnan(multiple), np.nan, change / np.where(base_ok, f, 1.0)),
            "years": np.where(same, np.nan, years.round(6)),
            "cagr": cagr,
            "better": better,
            "improved": improved,
            "from_percentile": from_pct,
            "to_percentile": to_pct,
            "qualifier": qualifier,
            "note": notes,
        },
        columns=list(GROWTH_COLUMNS),
    )
    return result


def _select(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    if selection.indicators:
        known = set(frame["indicator"].unique())
        missing = [i for i in selection.indicators if i not in known]
        if missing:
            import difflib

            close = difflib.get_close_matches(missing[0], sorted(known), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ZonestatsError(f"no indicator '{missing[0]}'{hint}")
        frame = frame[frame["indicator"].isin(selection.indicators)]
    if selection.category is not None:
        subset = frame[frame["category"] == selection.category]
        if subset.empty:
            known_categories = ", ".join(frame["category"].unique())
            raise ZonestatsError(f"no category '{selection.category}' (known: {known_categories})")
        frame = subset
    return frame


def _notes(conditions: Iterable[tuple[Any, str]], length: int) -> Any:
    import numpy as np

    notes = np.full(length, "", dtype=object)
    for mask, text in conditions:
        notes = _join(notes, np.where(mask, text, ""))
    return notes


def _join(left: Any, right: Any) -> Any:
    import numpy as np

    left = np.asarray(left, dtype=object)
    right = np.asarray(right, dtype=object)
    both = (left != "") & (right != "")
    return np.where(both, left + "; " + right, np.where(left != "", left, right))


def _growth_qualifier(start: pd.Series, end: pd.Series) -> tuple[Any, Any]:
    """How far growth can be trusted, given the qualifiers of its two ends.

    A lower bound at the end (800多) or an upper bound at the start makes growth a lower
    bound; the reverse makes it an upper bound; both, or an approximate end, make it
    approximate. An expected or target value at either end marks the growth the same way.
    """
    import numpy as np

    s, e = start.to_numpy(dtype=object), end.to_numpy(dtype=object)
    lower = np.isin(e, _LOWER_BOUNDS) | np.isin(s, _UPPER_BOUNDS)
    upper = np.isin(e, _UPPER_BOUNDS) | np.isin(s, _LOWER_BOUNDS)
    approx = (s == "approx") | (e == "approx") | (lower & upper)
    target = (s == "target") | (e == "target")
    expected = (s == "expected") | (e == "expected")
    qualifier = np.select(
        [target, expected, approx, lower, upper],
        ["target", "expected", "approx", "more_than", "less_than"],
        default="exact",
    )
    note = np.select(
        [target, expected, approx, lower, upper],
        [
            "growth to a target",
            "growth to an expected value",
            "approximate: an end is approximate or bounded both ways",
            "at least this: the end is a lower bound or the start an upper bound",
            "at most this: the start is a lower bound or the end an upper bound",
        ],
        default="",
    )
    return qualifier.astype(object), note


def side_by_side(growth: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator with each zone's latest value and change, and their differences.

    The difference is each zone's latest value minus the first zone's; `leader` names the zone
    whose latest value is best where the better direction is known.
    """
    import numpy as np
    import pandas as pd

    zones = list(growth["zone"].unique())
    wide = growth.pivot_table(
        index="indicator",
        columns="zone",
        values=["to_value", "change"],
        aggfunc="first",
        sort=False,
    )
    meta = growth.drop_duplicates("indicator").set_index("indicator")
    order = list(growth["indicator"].unique())
    result = pd.DataFrame(index=pd.Index(order, name="indicator"))
    for column in ("name", "name_en", "unit", "better"):
        result[column] = meta[column].reindex(order)
    qualifiers = growth.pivot_table(
        index="indicator", columns="zone", values="to_qualifier", aggfunc="first", sort=False
    )
    periods = growth.pivot_table(
        index="indicator", columns="zone", values="to_period", aggfunc="first", sort=False
    )
    for zone in zones:
        result[f"{zone}|period"] = periods.get(zone, pd.Series(dtype=object)).reindex(order)
        result[f"{zone}|value"] = wide["to_value"].get(zone, pd.Series(dtype=float)).reindex(order)
        result[f"{zone}|qualifier"] = qualifiers.get(zone, pd.Series(dtype=object)).reindex(order)
        result[f"{zone}|change"] = wide["change"].get(zone, pd.Series(dtype=float)).reindex(order)
    first = result[f"{zones[0]}|value"]
    for zone in zones[1:]:
        result[f"{zone}|difference"] = result[f"{zone}|value"] - first
    values = result[[f"{z}|value" for z in zones]].to_numpy(dtype="float64")
    leader: list[str | None] = []
    for row, better in zip(values, result["better"], strict=True):
        if better not in ("higher", "lower") or np.isnan(row).all():
            leader.append(None)
            continue
        pick = np.nanargmin(row) if better == "lower" else np.nanargmax(row)
        ties = np.count_nonzero(row == row[pick])
        leader.append(zones[int(pick)] if ties == 1 else "tie")
    result["leader"] = leader
    return result.reset_index()


# ---- summary ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mover:
    """A headline change: a multiple of growth, or places gained in a ranking."""

    indicator: str
    name: str
    name_en: str
    unit: str
    from_period: str
    to_period: str
    from_value: float
    to_value: float
    from_qualifier: str
    to_qualifier: str
    kind: str  # "multiple" or "rank"
    magnitude: float  # the multiple, or the places gained
    cagr: float | None
    from_percentile: float | None
    to_percentile: float | None
    qualifier: str


@dataclass(frozen=True, slots=True)
class Latest:
    indicator: str
    name: str
    name_en: str
    category: str
    period: str
    value: float
    unit: str
    qualifier: str
    written: str


@dataclass(frozen=True, slots=True)
class Summary:
    """What a newcomer reads first about a dataset."""

    dataset: Dataset
    observations: int
    categories: dict[str, int]
    with_trend: int
    movers: tuple[Mover, ...]
    latest: tuple[Latest, ...]


def summarize(dataset: Dataset, movers: int = 5) -> Summary:
    """Counts, the biggest multiples and rank gains, and each indicator's latest value."""
    frame = dataset.observations()
    growth = growth_table(frame)
    headline: list[Mover] = []
    row: dict[str, Any]
    for row in growth.to_dict("records"):  # type: ignore[assignment]
        is_rank = not _missing(row["to_percentile"]) or row["unit"] == "位"
        if is_rank:
            gained = row["from_value"] - row["to_value"]
            if row["better"] == "lower" and gained > 0:
                headline.append(_mover(row, "rank", gained))
        elif not _missing(row["multiple"]) and row["multiple"] > 1:
            headline.append(_mover(row, "multiple", row["multiple"]))
    headline.sort(key=lambda m: -m.magnitude)
    counts: dict[str, int] = {}
    for indicator in dataset.indicators:
        counts[indicator.category] = counts.get(indicator.category, 0) + 1
    latest = []
    for indicator in dataset.indicators:
        obs = max(indicator.observations, key=lambda o: (o.period.end, o.period.start))
        latest.append(
            Latest(
                indicator.id,
                indicator.name,
                indicator.name_en,
                indicator.category,
                obs.period.text,
                obs.value,
                indicator.unit,
                obs.qualifier.value,
                obs.written,
            )
        )
    return Summary(
        dataset=dataset,
        observations=len(frame),
        categories=counts,
        with_trend=sum(1 for i in dataset.indicators if len(i.observations) > 1),
        movers=tuple(headline[:movers]),
        latest=tuple(latest),
    )


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _mover(row: dict[str, Any], kind: str, magnitude: float) -> Mover:
    def number(value: Any) -> float | None:
        return None if _missing(value) else float(value)

    return Mover(
        indicator=row["indicator"],
        name=row["name"],
        name_en=row["name_en"],
        unit=row["unit"],
        from_period=row["from_period"],
        to_period=row["to_period"],
        from_value=float(row["from_value"]),
        to_value=float(row["to_value"]),
        from_qualifier=row["from_qualifier"],
        to_qualifier=row["to_qualifier"],
        kind=kind,
        magnitude=float(magnitude),
        cagr=number(row["cagr"]),
        from_percentile=number(row["from_percentile"]),
        to_percentile=number(row["to_percentile"]),
        qualifier=row["qualifier"],
    )
