"""The dataset as typed objects: zone, source, indicators and their observations."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from zonestats.errors import ZonestatsError
from zonestats.model.quantity import Qualifier

if TYPE_CHECKING:
    import pandas as pd

SCHEMA_VERSION = 1

OBSERVATION_COLUMNS = (
    "zone",
    "indicator",
    "name",
    "name_en",
    "category",
    "period",
    "value",
    "unit",
    "qualifier",
    "written",
    "quote",
    "period_note",
    "better",
    "out_of",
)
"""The observations table's columns, in the order every output writes them."""


class Better(StrEnum):
    """Which way an indicator improves: a rank improves as it goes down."""

    HIGHER = "higher"
    LOWER = "lower"


class Level(StrEnum):
    """The zone's administrative level."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"


CATEGORY_NAMES = {
    "ranking": "排名",
    "industry": "产业",
    "investment": "招商引资",
    "innovation": "科技创新",
    "party_building": "党建",
    "community": "社区治理",
    "rural": "乡村振兴",
    "poverty": "脱贫攻坚",
}
"""Chinese labels for the usual categories; a dataset may use others, shown as written."""

_PERIOD_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A year (2020), month (2021-05), day (2021-02-03) or range (2021-01/2021-05)."""

    start: date
    end: date
    text: str

    def __str__(self) -> str:
        return self.text


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """Read a period as the dataset writes it; the end of a month or year is inclusive."""
    first, sep, last = text.partition("/")
    start, _ = _period_bounds(first, text)
    _, end = _period_bounds(last if sep else first, text)
    if end < start:
        raise ZonestatsError(f"period '{text}' ends before it starts")
    return Period(start, end, text)


def _period_bounds(part: str, whole: str) -> tuple[date, date]:
    match = _PERIOD_PART.match(part)
    if not match:
        raise ZonestatsError(
            f"period '{whole}' is not a year, month, date or range "
            "(2020, 2021-05, 2021-02-03, 2021-01/2021-05)"
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day), date(year, month, day)
    except ValueError:
        raise ZonestatsError(f"period '{whole}' is not a real date") from None


@dataclass(frozen=True, slots=True)
class Zone:
    name: str
    name_en: str
    province: str
    level: Level


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    publisher: str
    date: date
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Observation:
    """One figure: its period, its value in base units, how the report wrote it, and where."""

    period: Period
    value: float
    written: str
    qualifier: Qualifier
    quote: str
    period_note: str | None = None
    line: int | None = None

    @property
    def period_inferred(self) -> bool:
        """True when the report does not write the period and it was worked out."""
        return self.period_note is not None


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    name_en: str
    category: str
    unit: str
    observations: tuple[Observation, ...]
    better: Better | None = None
    out_of: int | None = None
    note: str | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Dataset:
    """A zone's figures from one source."""

    zone: Zone
    source: Source
    indicators: tuple[Indicator, ...]
    path: Path | None = None
    schema_version: int = SCHEMA_VERSION

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id; a ZonestatsError naming close ids if there is none."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        import difflib

        close = difflib.get_close_matches(indicator_id, [i.id for i in self.indicators], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ZonestatsError(f"no indicator '{indicator_id}' in {self.zone.name}{hint}")

    def categories(self) -> list[str]:
        """Categories in the order they first appear."""
        return list(dict.fromkeys(i.category for i in self.indicators))

    def observations(self) -> pd.DataFrame:
        """One row per observation, columns as in OBSERVATION_COLUMNS, values in base units."""
        import numpy as np
        import pandas as pd

        indicators = self.indicators
        counts = [len(i.observations) for i in indicators]
        rows = [o for i in indicators for o in i.observations]

        def per_indicator(values: list[object]) -> object:
            # Indicator columns repeat once per observation; built as arrays, not lists.
            return np.repeat(np.array(values, dtype=object), counts)

        def per_row(values: list[object]) -> object:
            return np.array(values, dtype=object)

        columns = {
            "zone": np.full(len(rows), self.zone.name, dtype=object),
            "indicator": per_indicator([i.id for i in indicators]),
            "name": per_indicator([i.name for i in indicators]),
            "name_en": per_indicator([i.name_en for i in indicators]),
            "category": per_indicator([i.category for i in indicators]),
            "period": per_row([o.period.text for o in rows]),
            "value": np.fromiter((o.value for o in rows), dtype="float64", count=len(rows)),
            "unit": per_indicator([i.unit for i in indicators]),
            "qualifier": per_row([o.qualifier.value for o in rows]),
            "written": per_row([o.written for o in rows]),
            "quote": per_row([o.quote for o in rows]),
            "period_note": per_row([o.period_note for o in rows]),
            "better": per_indicator([i.better.value if i.better else None for i in indicators]),
            "out_of": pd.array(
                np.repeat(np.array([i.out_of for i in indicators], dtype=object), counts),
                dtype="Int64",
            ),
        }
        return pd.DataFrame(columns, columns=list(OBSERVATION_COLUMNS))
