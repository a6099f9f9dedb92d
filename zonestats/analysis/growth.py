"""Growth of every series (a zone's indicator) from a start to an end observation,
computed column-wise: change, multiple, CAGR, places gained for ranks and percentiles
with each period's own out_of, and the qualifier that says how far the figure holds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zonestats.analysis.bounds import growth_qualifier
from zonestats.analysis.series import (
    LEVELS as _LEVELS,
)
from zonestats.analysis.series import (
    distinct_periods,
    matching,
    order_keys,
    period_ends_and_lengths,
    pick,
    series_codes,
    time_ranks,
)
from zonestats.errors import ZonestatsError
from zonestats.model.dataset import unknown
from zonestats.model.period import period_position
from zonestats.model.terms import RANK_UNITS

if TYPE_CHECKING:
    import numpy as np
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
    "from_out_of",
    "to_out_of",
    "from_percentile",
    "to_percentile",
    "qualifier",
    "note",
)
"""Every column of the growth table, in order."""

_META = ("zone", "indicator", "name", "name_en", "category", "unit", "better")


@dataclass(frozen=True, slots=True)
class Selection:
    """Which indicators and periods a growth table covers."""

    indicators: tuple[str, ...] = ()
    category: str | None = None
    start: str | None = None
    end: str | None = None
    keep_single: bool = False  # keep series with one observation (zones side by side)
    at: str | None = None  # the end: each series' latest observation at or before this period
    common: bool = False  # only the indicators every zone has
    steps: bool = False  # every step between consecutive observations, not only the span


def annual_rate(multiple: Any, years: Any) -> Any:
    """The compound annual growth rate (CAGR) of a multiple over a span of years, for a
    number or an array alike: multiple ** (1 / years) - 1."""
    return multiple ** (1 / years) - 1


def years_between(start: str, end: str) -> float:
    """The years from one period to another, counted as growth counts them, from where one
    ends to where the other ends (2016 to 2020 is 4)."""
    return period_position(end)[1] - period_position(start)[1]


def growth_table(frame: pd.DataFrame, selection: Selection = Selection()) -> pd.DataFrame:
    """Growth from a start to an end observation of every series that has both.

    The frame is one row per observation (Dataset.observations()). Without --from/--to the
    first and last observations are used; series with a single observation are left out
    unless named, when their row says why there is no growth.
    """
    frame = select(frame, selection).reset_index(drop=True)
    pair = _steps(frame, selection) if selection.steps else _pairs(frame, selection)
    if selection.common:
        zones = frame["zone"].nunique()
        held = pair.groupby("indicator", sort=False)["zone"].nunique()
        pair = pair[pair["indicator"].isin(held.index[held == zones])].reset_index(drop=True)
    figures = _figures(pair)
    return _table(pair, figures)


def select(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """The rows of the selected indicators and category; an error naming close ids."""
    if selection.indicators:
        known = list(dict.fromkeys(frame["indicator"].tolist()))
        missing = [i for i in selection.indicators if i not in set(known)]
        if missing:
            raise ZonestatsError(unknown("indicator", missing[0], known))
        frame = frame[frame["indicator"].isin(selection.indicators)]
    if selection.category is not None:
        subset = frame[frame["category"] == selection.category]
        if subset.empty:
            known = list(dict.fromkeys(frame["category"].tolist()))
            raise ZonestatsError(unknown("category", selection.category, known))
        frame = subset
    return frame


def _pairs(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """Each series' start and end observation side by side (from_* and to_* columns)."""
    import numpy as np

    latest, earliest, codes, (distinct, positions) = order_keys(frame)
    series, count = series_codes(frame)
    start = matching(distinct, positions, selection.start, "--from")[codes]
    end = _ends(distinct, positions, selection)[codes]
    first = pick(series, count, earliest, start, latest=False)
    last = pick(series, count, latest, end, latest=True)
    both = (first < len(frame)) & (last >= 0)
    first, last = first[both], last[both]
    named = frame["indicator"].to_numpy()[first]
    kept = (first != last) | np.isin(named, selection.indicators) | selection.keep_single
    return _pair_frame(frame, first[kept], last[kept])


def _ends(distinct: Any, positions: np.ndarray, selection: Selection) -> np.ndarray:
    """Which distinct periods an end may be: those of --to, or, with --at, every period
    that ends by the end of it."""
    if selection.at is None:
        return matching(distinct, positions, selection.end, "--to")
    try:
        _, high = period_position(selection.at)
    except ZonestatsError as error:
        raise ZonestatsError(f"--at: {error.message}") from None
    result: np.ndarray = positions[:, 1] <= high + 1e-9
    return result


def end_periods(
    start: str | None, end: str | None, at: str | None
) -> Callable[[Sequence[str]], tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Where growth may find a series' ends, for an engine that keeps only those rows: of
    distinct periods, each one's rank in time, and whether a start (--from) or an end (--to,
    --at) may be there; as _pairs works them out."""
    selection = Selection(start=start, end=end, at=at)

    def ends(periods: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        import pandas as pd

        codes, distinct, positions = distinct_periods(pd.Series(list(periods), dtype=object))
        rank = time_ranks(positions)[codes]
        first = matching(distinct, positions, selection.start, "--from")[codes]
        return rank, first, _ends(distinct, positions, selection)[codes]

    return ends


def _steps(frame: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """Every step of each series: one pair per two consecutive observations (one per
    period: of one period, the most precise) between --from and --to."""
    import numpy as np

    latest, _, codes, (distinct, positions) = order_keys(frame)
    series, _ = series_codes(frame)
    chosen = (
        matching(distinct, positions, selection.start, "--from")
        & _ends(distinct, positions, selection)
    )[codes]
    # by series, then time, the most precise of a period first
    rows = np.flatnonzero(chosen)
    rows = rows[np.lexsort((-latest[rows], latest[rows] // _LEVELS, series[rows]))]
    ranks = latest[rows] // _LEVELS
    fresh = np.ones(len(rows), dtype=bool)
    fresh[1:] = (series[rows][1:] != series[rows][:-1]) | (ranks[1:] != ranks[:-1])
    rows = rows[fresh]
    step = series[rows][1:] == series[rows][:-1]
    return _pair_frame(frame, rows[:-1][step], rows[1:][step])


def _pair_frame(frame: pd.DataFrame, first: np.ndarray, last: np.ndarray) -> pd.DataFrame:
    """The start rows and end rows side by side (from_* and to_* columns)."""
    import numpy as np

    # Both ends in one take, of the columns needed (not the quotes: less to copy).
    ends = frame[[*_META, "period", "value", "qualifier", "out_of"]].iloc[
        np.concatenate([first, last])
    ]
    start_rows, end_rows = ends.iloc[: len(first)], ends.iloc[len(first) :]
    pair = start_rows[list(_META)].reset_index(drop=True)
    for prefix, rows in (("from", start_rows), ("to", end_rows)):
        pair[f"{prefix}_period"] = rows["period"].to_numpy()
        pair[f"{prefix}_value"] = rows["value"].to_numpy(dtype="float64")
        pair[f"{prefix}_qualifier"] = rows["qualifier"].to_numpy()
        pair[f"{prefix}_out_of"] = (
            rows["out_of"].astype("Float64").to_numpy("float64", na_value=np.nan)
        )
        pair[f"_{prefix}_end"], pair[f"_{prefix}_length"] = period_ends_and_lengths(rows["period"])
    pair["_same"] = first == last
    return pair


def _figures(pair: pd.DataFrame) -> dict[str, Any]:
    """The growth figures of every pair, as arrays."""
    import numpy as np
    import pandas as pd

    f, t = pair["from_value"].to_numpy(), pair["to_value"].to_numpy()
    same = pair["_same"].to_numpy()
    unequal = _unequal_lengths(pair)
    years = pair["_to_end"].to_numpy() - pair["_from_end"].to_numpy()
    from_out, to_out = pair["from_out_of"].to_numpy(), pair["to_out_of"].to_numpy()
    rank = ~np.isnan(from_out) | ~np.isnan(to_out) | pair["unit"].isin(RANK_UNITS).to_numpy()
    base_ok = f > 0
    grows = base_ok & ~rank & ~same & ~unequal
    with np.errstate(all="ignore"):  # what overflows is dropped below, with a note
        multiple = np.where(grows, t / np.where(base_ok, f, 1.0), np.nan)
        cagr_ok = grows & (t >= 0) & (years > 0)
        cagr = np.where(
            cagr_ok,
            annual_rate(np.where(cagr_ok, multiple, 1.0), np.where(cagr_ok, years, 1.0)),
            np.nan,
        )
        from_pct, to_pct = f / from_out, t / to_out
        change = np.where(same | unequal, np.nan, t - f)
        pct_change = np.where(np.isnan(multiple), np.nan, change / np.where(base_ok, f, 1.0))
    overflow = np.isinf(change) | np.isinf(multiple) | np.isinf(pct_change) | np.isinf(cagr)
    change, multiple, pct_change, cagr = (
        np.where(np.isinf(x), np.nan, x) for x in (change, multiple, pct_change, cagr)
    )
    stated = pair["better"].to_numpy(dtype=object)
    assumed = np.full(len(rank), None, dtype=object)
    assumed[rank] = "lower"  # a rank improves as it goes down, unless the data says otherwise
    better = pd.Series(np.where(pd.notna(stated), stated, assumed), dtype=object)
    # Places in evaluations of different sizes do not compare; their percentiles do.
    by_share = ~np.isnan(from_pct) & ~np.isnan(to_pct) & (from_out != to_out)
    moved = np.where(by_share, to_pct - from_pct, change)
    improved = pd.array(np.where(better == "lower", moved < 0, moved > 0), dtype="boolean")
    improved[(better.isna() | same | unequal).to_numpy()] = pd.NA
    return {
        "change": change,
        "multiple": multiple,
        "pct_change": pct_change,
        "years": np.where(same, np.nan, years.round(6)),
        "cagr": cagr,
        "better": better,
        "improved": improved,
        "from_percentile": from_pct,
        "to_percentile": to_pct,
        "_rank": rank,
        "_same": same,
        "_years": years,
        "_overflow": overflow,
        "_unequal": unequal,
    }


_POINT = 1 / 24
"""A period shorter than this (half a month) is a point in time: a level on a day (a stock,
as at 2021-06-30), which compares with the level a year or a month ends at."""


def _unequal_lengths(pair: pd.DataFrame) -> np.ndarray:
    """Pairs whose ends last different lengths of time (a year and a month, a half-year and
    a year): what flowed over them does not compare, so they are not compared. A level on
    a day is compared with any period's."""
    import numpy as np

    start, end = pair["_from_length"].to_numpy(), pair["_to_length"].to_numpy()
    differ = ~np.isclose(start, end, rtol=0, atol=1e-9)
    unequal: np.ndarray = ~pair["_same"].to_numpy() & differ & (start >= _POINT) & (end >= _POINT)
    return unequal


def _table(pair: pd.DataFrame, figures: dict[str, Any]) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    qualifier, note = growth_qualifier(pair["from_qualifier"], pair["to_qualifier"])
    same = figures["_same"]
    columns: dict[str, Any] = {name: pair[name] for name in GROWTH_COLUMNS if name in pair}
    columns.update({k: v for k, v in figures.items() if not k.startswith("_")})
    columns["qualifier"] = np.where(same, None, qualifier)
    columns["note"] = _join(_notes(pair, figures), np.where(same, "", note))
    for end in ("from_out_of", "to_out_of"):
        columns[end] = pd.array(pair[end].to_numpy(), dtype="Float64").astype("Int64")
    return pd.DataFrame(columns, columns=list(GROWTH_COLUMNS))


def _notes(pair: pd.DataFrame, figures: dict[str, Any]) -> np.ndarray:
    """Why a figure is missing or what it means: n.m. reasons, ranks, percentage points."""
    import numpy as np

    f = pair["from_value"].to_numpy()
    rank, same, years = figures["_rank"], figures["_same"], figures["_years"]
    compared = ~same & ~figures["_unequal"]  # the pairs whose figures are worked out
    base_ok = f > 0
    other = ~rank & compared
    from_out, to_out = pair["from_out_of"].to_numpy(), pair["to_out_of"].to_numpy()
    both = ~np.isnan(from_out) & ~np.isnan(to_out)
    notes = _conditions(
        [
            (same, "n.m.: only one observation"),
            (rank & compared, "rank: change in places"),
            (
                rank & compared & both & (from_out != to_out),
                "ranked among different numbers: compare the percentiles",
            ),
            (other & (f == 0), "n.m.: base is 0"),
            (other & (f < 0), "n.m.: base is negative"),
            (other & base_ok & (years == 0), "n.m.: period span is zero"),
            (other & base_ok & (years < 0), "n.m.: end is before start"),
            ((pair["unit"] == "%").to_numpy() & compared, "change in percentage points"),
            (figures["_overflow"], "n.m.: beyond the range of numbers"),
        ],
        len(pair),
    )
    # Where one end of a ranked pair states its out_of and the other does not, say which.
    one = rank & compared & (np.isnan(from_out) != np.isnan(to_out))
    period = np.where(np.isnan(from_out), pair["from_period"], pair["to_period"]).astype(object)
    missing = np.full(len(pair), "", dtype=object)
    missing[one] = "no out_of for " + period[one]
    unequal = figures["_unequal"]
    lengths = np.full(len(pair), "", dtype=object)
    lengths[unequal] = (
        "n.m.: ends last different lengths of time: "
        + pair["from_period"].to_numpy(dtype=object)[unequal]
        + " vs "
        + pair["to_period"].to_numpy(dtype=object)[unequal]
    )
    return _join(_join(notes, missing), lengths)


def _conditions(conditions: Iterable[tuple[Any, str]], length: int) -> np.ndarray:
    """Per row, the texts of the conditions that hold there, in order, joined by "; ": each
    distinct combination joined once."""
    import numpy as np

    held = np.zeros(length, dtype=np.int64)
    texts = []
    for bit, (mask, text) in enumerate(conditions):
        held |= np.asarray(mask, dtype=bool).astype(np.int64) << bit
        texts.append(text)
    combinations, inverse = np.unique(held, return_inverse=True)
    joined = [
        "; ".join(text for bit, text in enumerate(texts) if combination >> bit & 1)
        for combination in combinations.tolist()
    ]
    result: np.ndarray = np.array(joined, dtype=object)[inverse.reshape(-1)]
    return result


def _join(left: Any, right: Any) -> np.ndarray:
    """Two texts per row joined by "; " (either alone where the other is empty)."""
    import numpy as np

    left = np.asarray(left, dtype=object)
    right = np.asarray(right, dtype=object)
    given = left != ""
    result: np.ndarray = np.where(given, left, right)
    both = given & (right != "")
    if both.any():
        result[both] = left[both] + "; " + right[both]
    return result
