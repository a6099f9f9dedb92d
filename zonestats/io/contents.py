"""What reading one input gives: its valid rows, the zones it defines, the claims it
records, every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zonestats.errors import Problem
from zonestats.model.merge import ZoneRecord
from zonestats.model.table import ObservationTable

if TYPE_CHECKING:
    from zonestats.model.claims import RecordedClaim


@dataclass
class Contents:
    """One input's observations (the rows without a problem), its zones, the growth claims
    it records (those without a problem) and its problems."""

    table: ObservationTable
    zones: list[ZoneRecord]
    problems: list[Problem] = field(default_factory=list)
    claims: list[RecordedClaim] = field(default_factory=list)

    @classmethod
    def unreadable(cls, path: str, problems: list[Problem]) -> Contents:
        return cls(ObservationTable.empty([path]), [], problems)
