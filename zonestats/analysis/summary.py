"""The summary of a dataset: what it holds, the headline movers, each series' latest value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zonestats.analysis.browse import Latest, latest
from zonestats.analysis.growth import growth_table
from zonestats.model.dataset import Dataset
from zonestats.model.period import parse_period
from zonestats.model.terms import is_rank


@dataclass(frozen=True, slots=True)
class Mover:
    """A headline change: a multiple of growth, or places gained in a ranking."""

    zone: str
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
    magnitude: float  # the multiple, or the places gained (see percentile_gained)
    cagr: float | None
    from_percentile: float | None
    to_percentile: float | None
    qualifier: str
    # Where the two evaluations ranked different numbers, places do not compare: the rank
    # moved by this share of the zones, and magnitude is that share of the later evaluation.
    percentile_gained: float | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """What a newcomer reads first about a dataset."""

    dataset: Dataset
    observations: int
    indicators: int
    categories: dict[str, int]  # indicators per category
    with_trend: int  # series with two or more observations
    years: tuple[int, int] | None  # the first and last year observed
    movers: tuple[Mover, ...]
    latest: tuple[Latest, ...]


def summarize(dataset: Dataset, movers: int = 5) -> Summary:
    """Counts, the biggest multiples and rank gains, and each series' latest value."""
    frame = dataset.observations()
    growth = growth_table(frame)
    could_move = growth["improved"].eq(True).fillna(False) | growth["multiple"].gt(1).fillna(False)
    records: list[dict[str, Any]] = growth[could_move.astype(bool)].to_dict("records")  # type: ignore[assignment]
    headline = [m for m in map(_mover, records) if m is not None]
    headline.sort(key=lambda m: -m.magnitude)
    newest = latest(dataset)
    categories: dict[str, set[str]] = {}
    for item in newest:
        categories.setdefault(item.category, set()).add(item.indicator)
    periods = [parse_period(p) for p in dict.fromkeys(frame["period"].tolist())]
    years = (
        (min(p.start.year for p in periods), max(p.end.year for p in periods)) if periods else None
    )
    return Summary(
        dataset=dataset,
        observations=len(frame),
        indicators=len({item.indicator for item in newest}),
        categories={c: len(ids) for c, ids in categories.items()},
        with_trend=sum(1 for item in newest if item.observations > 1),
        years=years,
        movers=tuple(headline[:movers]),
        latest=tuple(newest),
    )


def _missing(value: Any) -> bool:
    return value is None or value != value


def _true(value: Any) -> bool:
    """Whether a yes-or-unknown value (True, False, None or NA) is yes."""
    try:
        return bool(value)
    except TypeError:  # NA: unknown
        return False


def _rank_gain(row: dict[str, Any]) -> tuple[float, float | None] | None:
    """How far a rank improved (growth's verdict): the places gained, or where the two
    evaluations ranked different numbers, the share of the zones gained and that share of
    the later evaluation as places; None where it did not improve."""
    if not _true(row["improved"]):
        return None
    from_share, to_share = row["from_percentile"], row["to_percentile"]
    if _missing(from_share) or _missing(to_share) or row["from_out_of"] == row["to_out_of"]:
        return abs(row["from_value"] - row["to_value"]), None
    share = abs(from_share - to_share)
    return share * row["to_out_of"], share


def _mover(row: dict[str, Any]) -> Mover | None:
    """A growth row as a headline mover: a rank that improved, or a value that grew."""
    share = None
    if is_rank(row["unit"], row["from_out_of"], row["to_out_of"]):
        gain = _rank_gain(row)
        if gain is None:
            return None
        kind, (magnitude, share) = "rank", gain
    elif not _missing(row["multiple"]) and row["multiple"] > 1:
        kind, magnitude = "multiple", row["multiple"]
    else:
        return None

    def number(value: Any) -> float | None:
        return None if _missing(value) else float(value)

    return Mover(
        zone=row["zone"],
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
        percentile_gained=share,
    )
