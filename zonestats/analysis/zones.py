"""Zones set beside each other, honestly: each zone's latest value of an indicator against
the first zone's (the difference) and against every other zone's (the leader, the place
among the zones), only where the figures measure the same thing.

Two figures compare when they count in one unit over one period; ranks of evaluations of
different sizes compare by percentile. Bounds carry through: 20多个 against 30个 is a
difference of at most 10, and a leader or a place is given only where the bounds decide it.
Every figure left out says why in ``comparison_note``. Worked out column-wise: a national
table's thousands of indicators cost a few passes over arrays, not a loop over rows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any

from zonestats.analysis.bounds import (
    LOWER_BOUNDS,
    STRICT_BOUNDS,
    UPPER_BOUNDS,
    difference_qualifiers,
    surely_counts,
)
from zonestats.analysis.series import distinct_periods
from zonestats.model.terms import RANK_UNITS

if TYPE_CHECKING:
    from typing import TypeAlias

    import numpy as np
    import pandas as pd

    # Every (zone, indicator, period) of the data, or a function giving those of some zones
    # and indicators (Dataset.seen: a table of a million observations is not made a set).
    Triples: TypeAlias = Collection[tuple[str, str, str]]
    Observed: TypeAlias = Triples | Callable[[set[Any], set[Any]], Triples]

COMPARISON_COLUMNS = (
    "difference",
    "difference_unit",
    "difference_qualifier",
    "leader",
    "rank_among_zones",
    "comparison_note",
)
"""The columns compare_zones adds to a growth table."""

_MARKS = ("target", "expected", "approx")  # qualifiers that mark a result, strongest first
_MARK_WORDS = ("a target", "an expected value", "an approximate value")


def _seen(observed: Observed, zones: set[Any], ids: set[Any]) -> Triples:
    """The (zone, indicator, period) of the data (where it is a function, of these zones and
    indicators)."""
    if callable(observed):
        return observed(zones, ids)
    return observed if isinstance(observed, set | frozenset) else set(observed)


def compare_zones(
    growth: pd.DataFrame,
    zones: Sequence[str] | None = None,
    by: Sequence[str] = ("indicator",),
    differences: bool = True,
    observed: Observed = (),
) -> pd.DataFrame:
    """The growth table (one row per zone and indicator) with COMPARISON_COLUMNS added.

    ``difference`` is the row's latest value minus the first zone's (of ``zones``, or the
    first zone of the table), where the two compare; ``difference_qualifier`` says how far it
    holds. ``leader`` is True for the one zone whose figure surely beats every other
    comparable zone's (two at least), False for a zone another surely beats, and None where
    nothing decides it; ``rank_among_zones`` is the place among them (1 = best; ties share a
    place) where the bounds decide it. Rows are compared within groups of ``by`` (an
    indicator, or an indicator and a period for a panel); without ``differences`` only the
    places and the leader are worked out. ``observed`` holds every (zone, indicator, period)
    of the data (or a function of zones and indicators, asked only of the rows that need it):
    where a zone left out for its later period also has a figure of the period compared, no
    place and no leader are given (they would pass it over).
    """
    import numpy as np
    import pandas as pd

    result = growth.reset_index(drop=True).copy()
    if result.empty:  # nothing to compare (no series has both ends): the columns, no rows
        return result.reindex(columns=[*result.columns, *COMPARISON_COLUMNS])
    order = list(zones) if zones is not None else list(dict.fromkeys(result["zone"].tolist()))
    rows = _Rows(result, by, order[0] if order and differences else None)
    notes: list[np.ndarray] = []
    kept = rows.main_class(notes)
    basis, in_basis = rows.basis(kept, notes)
    difference, qualifier = rows.differences(kept, basis, in_basis, notes)
    passed_over = rows.passed_over(kept, result["indicator"].to_numpy(dtype=object), observed)
    place, leader = rows.places(in_basis, basis, notes, passed_over)
    result["difference"] = difference
    unit = np.where(rows.by_share, "percentile", rows.unit.astype(object)).astype(object)
    unit[np.isnan(difference)] = None
    result["difference_unit"] = unit
    result["difference_qualifier"] = qualifier
    result["leader"] = pd.array(leader, dtype="boolean")
    result["rank_among_zones"] = pd.array(place, dtype="Int64")
    result["comparison_note"] = _joined(notes, len(result))
    return result


class _Rows:
    """The growth rows as arrays, with the group each belongs to."""

    def __init__(self, frame: pd.DataFrame, by: Sequence[str], first: str | None) -> None:
        import numpy as np
        import pandas as pd

        self.n = len(frame)
        if len(by) == 1:
            self.group = pd.factorize(frame[by[0]])[0].astype(np.int64)
        else:
            self.group = pd.factorize(pd.MultiIndex.from_frame(frame[list(by)].astype(str)))[0]
            self.group = self.group.astype(np.int64)
        self.groups = int(self.group.max(initial=-1)) + 1
        self.zone = frame["zone"].to_numpy(dtype=object)
        self.first = first
        self.unit = frame["unit"].astype(object).to_numpy()
        periods = frame["to_period"].astype(str)
        self.period = periods.to_numpy(dtype=object)
        codes, _, positions = distinct_periods(periods)
        # one code per span (2021 and 2021-01/2021-12 cover the same months)
        spans = pd.factorize(pd.MultiIndex.from_arrays([positions[:, 0], positions[:, 1]]))[0]
        self.span_code = spans[codes].astype(np.int64) if len(codes) else np.zeros(0, np.int64)
        self.value = frame["to_value"].to_numpy(dtype="float64")
        qualifiers = frame["to_qualifier"].astype(object)
        self.qualifier = qualifiers.where(qualifiers.notna(), "exact").to_numpy(dtype=object)
        out_of = frame["to_out_of"].astype("Float64")
        self.out_of = out_of.to_numpy("float64", na_value=np.nan)
        self.rank = ~np.isnan(self.out_of) | np.isin(self.unit, list(RANK_UNITS))
        self.better = _directions(frame["better"].to_numpy(dtype=object), self.group, self.groups)

    def count(self, mask: np.ndarray) -> np.ndarray:
        """Per group, how many rows the mask holds."""
        import numpy as np

        return np.bincount(self.group[mask], minlength=self.groups)

    def main_class(self, notes: list[np.ndarray]) -> np.ndarray:
        """Whether each row is in the unit and period most of its group share (of equal
        counts, the first's); the others say why not."""
        import numpy as np
        import pandas as pd

        units = pd.factorize(self.unit)[0].astype(np.int64)
        spans = int(self.span_code.max(initial=0)) + 1
        key = (self.group * (int(units.max(initial=0)) + 1) + units) * spans + self.span_code
        cls = pd.factorize(key)[0]
        size = np.bincount(cls)
        first_row = np.full(len(size), self.n, dtype=np.int64)
        np.minimum.at(first_row, cls, np.arange(self.n))
        class_group = self.group[first_row]
        ranked = np.lexsort((first_row, -size, class_group))
        leading = ranked[np.r_[True, class_group[ranked][1:] != class_group[ranked][:-1]]]
        main = np.empty(self.groups, dtype=np.int64)
        main[class_group[leading]] = leading
        self.cls, self.representative = cls, first_row[main]
        kept: np.ndarray = cls == main[self.group]
        notes.append(self.why_not(self.representative[self.group], ~kept))
        return kept

    def why_not(self, other: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Why each masked row is not set beside the row `other` names (of its group); ""
        for the rows not masked."""
        import numpy as np

        result = np.full(self.n, "", dtype=object)
        rows = np.flatnonzero(mask)
        mine, theirs = rows, other[rows]
        units = self.unit[mine] != self.unit[theirs]
        result[rows] = [
            f"units differ: {self.unit[i]} vs {self.unit[j]}"
            if unit
            else f"periods differ: {self.period[i]} vs {self.period[j]}"
            for i, j, unit in zip(mine.tolist(), theirs.tolist(), units.tolist(), strict=True)
        ]
        return result

    def basis(self, kept: np.ndarray, notes: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """What each comparable row is compared by: its value, or, for ranks among different
        numbers of zones, its percentile. A rank without out_of beside ranks with one is left
        out (its evaluation's size is unknown); places all without out_of compare as places."""
        import numpy as np
        import pandas as pd

        sized = kept & self.rank & ~np.isnan(self.out_of)
        sizes = pd.Series(self.out_of[sized]).groupby(self.group[sized]).nunique()
        distinct = np.zeros(self.groups, dtype=np.int64)
        distinct[sizes.index.to_numpy(dtype=np.int64)] = sizes.to_numpy()
        unsized = kept & self.rank & np.isnan(self.out_of) & (distinct[self.group] > 0)
        by_share = kept & self.rank & ~unsized & (distinct[self.group] > 1)
        self.by_share = by_share
        with np.errstate(all="ignore"):
            basis = np.where(by_share, self.value / self.out_of, self.value)
        notes.append(
            np.select(
                [unsized, by_share],
                [
                    "no out_of: its place does not compare with the others",
                    "ranked among different numbers: compared by percentile",
                ],
                default="",
            ).astype(object)
        )
        return basis, kept & ~unsized

    def differences(
        self, kept: np.ndarray, basis: np.ndarray, in_basis: np.ndarray, notes: list[np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each row's figure minus its group's first-zone figure, where both compare."""
        import numpy as np

        difference = np.full(self.n, np.nan)
        qualifier = np.full(self.n, None, dtype=object)
        if self.first is None:
            notes.append(np.full(self.n, "", dtype=object))
            return difference, qualifier
        reference = np.full(self.groups, -1, dtype=np.int64)
        mine = np.flatnonzero(self.zone == self.first)
        reference[self.group[mine]] = mine
        ref = reference[self.group]
        has = (ref >= 0) & (ref != np.arange(self.n))
        safe = np.where(ref >= 0, ref, 0)
        other_class = has & (self.cls != self.cls[safe])
        said = other_class & ~kept & kept[safe]  # the same reason, said against the group
        comparable = has & ~other_class & in_basis & in_basis[safe]
        algebra = difference_qualifiers(self.qualifier[safe], self.qualifier)
        open_ = comparable & np.array([q is None for q in algebra], dtype=bool)
        done = comparable & ~open_
        difference[done] = basis[done] - basis[safe][done]
        qualifier[done] = algebra[done]
        note = np.full(self.n, "", dtype=object)
        note[ref < 0] = f"no difference: {self.first} has no figure"
        note[open_] = "no difference: the bounds do not decide it"
        apart = other_class & ~said
        reasons = self.why_not(safe, apart)
        for row in np.flatnonzero(apart | (has & ~other_class & ~comparable)).tolist():
            reason = reasons[row] if apart[row] else "not comparable"
            note[row] = f"no difference from {self.zone[safe[row]]}: {reason}"
        notes.append(note.astype(object))
        return difference, qualifier

    def passed_over(
        self,
        kept: np.ndarray,
        indicators: np.ndarray,
        observed: Observed,
    ) -> np.ndarray:
        """Per row, the period of its group's comparison where a zone left out of it has a
        figure of that period too (its latest is another); "" elsewhere."""
        import numpy as np

        result = np.full(self.n, "", dtype=object)
        main = self.representative[self.group]
        period = self.period[main]
        later = ~kept & (self.unit == self.unit[main])  # left out for its period, not its unit
        rows = np.flatnonzero(later).tolist()
        if not rows or (not callable(observed) and len(observed) == 0):
            return result
        seen = _seen(observed, {self.zone[r] for r in rows}, {indicators[r] for r in rows})
        for row in rows:
            if (self.zone[row], indicators[row], period[row]) in seen:
                result[self.group == self.group[row]] = period[row]
        return result

    def places(
        self,
        comparable: np.ndarray,
        basis: np.ndarray,
        notes: list[np.ndarray],
        passed_over: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The place of each row among its group's comparable rows (1 = best) where the
        bounds decide it, and the leader: the one row that surely beats every other."""
        import numpy as np

        many = self.count(comparable)[self.group]
        ranked = self.unranked(comparable, many, passed_over, notes)
        place = np.full(self.n, None, dtype=object)
        leader = np.full(self.n, None, dtype=object)
        if not ranked.any():
            notes.append(np.full(self.n, "", dtype=object))
            return place, leader
        low, high = self.intervals(basis)
        better, not_better, beats_all = surely_counts(self.group, ranked, low, high)
        total = many - 1
        decided = ranked & (better + not_better == total)
        first = decided & (better == 0)
        ties = self.count(first)[self.group]
        leads = ranked & (beats_all == total)
        place[decided] = (better[decided] + 1).tolist()
        leader[ranked & (better > 0)] = False
        leader[leads] = True
        marks = self.marks(ranked)
        notes.append(
            np.select(
                [
                    ranked & ~decided,
                    leads & (marks >= 0),
                    first & ~leads & (ties > 1),
                    first & ~leads,
                ],
                [
                    "the bounds do not decide its place",
                    "the lead rests on "
                    + np.array(_MARK_WORDS, dtype=object)[np.maximum(marks, 0)].astype(str),
                    "tied for first place: no leader",
                    "may be tied for first place: no leader",
                ],
                default="",
            ).astype(object)
        )
        return place, leader

    def unranked(
        self,
        comparable: np.ndarray,
        many: np.ndarray,
        passed_over: np.ndarray,
        notes: list[np.ndarray],
    ) -> np.ndarray:
        """The comparable rows that get places; the others say why not (no other zone, no
        better direction, a zone passed over)."""
        import numpy as np

        alone = comparable & (self.count(np.ones(self.n, bool))[self.group] > 1) & (many < 2)
        aimless = comparable & (many >= 2) & ~np.isin(self.better[self.group], ("higher", "lower"))
        over = comparable & (many >= 2) & (passed_over != "")
        period = passed_over.astype(str)
        notes.append(
            np.select(
                [alone, aimless, over],
                [
                    "no other zone to compare with",
                    "no better direction: no leader",
                    "no place: a zone left out has a figure of " + period
                    + " too (compare --at " + period + ")",
                ],
                default="",
            ).astype(object)
        )  # fmt: skip
        ranked: np.ndarray = comparable & (many >= 2) & ~aimless & ~over
        return ranked

    def intervals(self, basis: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each row's figure as an interval of goodness (higher is better): a point for an
        exact, approximate or expected figure, open on one side for a bound."""
        import numpy as np

        sign = np.where(self.better[self.group] == "lower", -1.0, 1.0)
        value = sign * np.nan_to_num(basis, nan=0.0)
        lower, upper = np.isin(self.qualifier, LOWER_BOUNDS), np.isin(self.qualifier, UPPER_BOUNDS)
        strict = np.isin(self.qualifier, STRICT_BOUNDS)
        rises = np.where(sign > 0, lower, upper)  # a bound that can only be better
        sinks = np.where(sign > 0, upper, lower)
        low = np.where(sinks, -np.inf, np.where(rises & strict, np.nextafter(value, np.inf), value))
        high = np.where(
            rises, np.inf, np.where(sinks & strict, np.nextafter(value, -np.inf), value)
        )
        return low, high

    def marks(self, ranked: np.ndarray) -> np.ndarray:
        """Per row, the strongest mark (target, expected, approximate) among its group's
        compared figures, as an index into _MARKS; -1 where none."""
        import numpy as np

        found = np.full(self.groups, -1, dtype=np.int64)
        for index, mark in reversed(list(enumerate(_MARKS))):
            found[self.count(ranked & (self.qualifier == mark)) > 0] = index
        result: np.ndarray = found[self.group]
        return result


def _directions(better: np.ndarray, group: np.ndarray, groups: int) -> np.ndarray:
    """Per group, the direction (higher or lower) its first row stating one gives; None
    where no row states one."""
    import numpy as np

    stated = np.flatnonzero(np.isin(better, ("higher", "lower")))
    first = np.full(groups, len(better), dtype=np.int64)
    np.minimum.at(first, group[stated], stated)
    result = np.full(groups, None, dtype=object)
    known = first < len(better)
    result[known] = better[first[known]]
    return result


def _joined(parts: list[np.ndarray], length: int) -> Any:
    """The notes of each row, joined by "; " in order, the empty ones left out."""
    import numpy as np

    result = np.full(length, "", dtype=object)
    for part in parts:
        both = (result != "") & (part != "")
        result = np.where(both, result + "; " + part, np.where(result != "", result, part))
    return result
