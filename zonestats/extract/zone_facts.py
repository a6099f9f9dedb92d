"""What a draft says of a zone a report names: its province, its level and its id.

The province is, in order: a province written right before a name of the zone (湖北省荆州经开区,
湖北荆州开发区); else the province named most often in the sentences that name the zone and
no other (the first of those named as often); else the province the bundled national dataset
gives the zone, where one of its zones is this one (the same name, or the same place and
kind: 武汉经开区 is 武汉经济技术开发区); else none, and the draft writes a placeholder.

The id is the national dataset's id of the zone (the same in every file), else zone_1,
zone_2, ... in the order of the draft's zones.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from zonestats.errors import ZonestatsError
from zonestats.extract.assign import sentence_end, sentence_start
from zonestats.extract.places import PROVINCES, provinces_in
from zonestats.extract.zones import NamedZone, ReportZones, reading_of
from zonestats.model import grammar
from zonestats.model.grammar import fold

MAX_SENTENCES = 200
"""Sentences of a zone read for its province, at most."""


@dataclass(frozen=True, slots=True)
class NationalZone:
    """A zone of the bundled national dataset, as the draft matches zones to it."""

    id: str
    names: frozenset[str]  # folded
    place: str
    kind: str
    province: str | None


@lru_cache(maxsize=1)
def national_zones() -> tuple[NationalZone, ...]:
    """The zones of the bundled national dataset (none where it cannot be read)."""
    from zonestats.io.inputs import bundled_path
    from zonestats.io.text import read_text
    from zonestats.io.tree import Mapping, Sequence
    from zonestats.io.yaml_parser import read_yaml

    path = bundled_path("national")
    try:
        raw, _ = read_yaml(read_text(path), str(path))
    except (OSError, ZonestatsError):
        return ()
    items = raw.get("zones") if isinstance(raw, Mapping) else None
    found = []
    for item in items if isinstance(items, Sequence) else []:
        name, identifier = item.get("name"), item.get("id")
        if not isinstance(name, str) or not isinstance(identifier, str):
            continue
        aliases = item.get("aliases")
        names = [name, *(a for a in aliases if isinstance(a, str))] if aliases else [name]
        place, kind = reading_of(name) or ("", "")
        province = item.get("province")
        found.append(
            NationalZone(
                identifier,
                frozenset(fold(n) for n in names),
                place,
                kind,
                province if isinstance(province, str) else None,
            )
        )
    return tuple(found)


def national(zone: NamedZone) -> NationalZone | None:
    """The zone of the national dataset a report's zone is, if any: one with a name of it,
    else the one of its place and kind (a 开发区 is a 经开区)."""
    names = set(zone.names)
    entries = national_zones()
    for entry in entries:
        if names & entry.names:
            return entry
    kinds = {zone.kind, "etdz"} if zone.kind == "zone" else {zone.kind}
    same = [e for e in entries if e.kind in kinds and e.place.endswith(zone.place)]
    return same[0] if len(same) == 1 else None


def province(text: str, zones: ReportZones, index: int) -> str | None:
    """The full name of a zone's province (see the module's doc), or None."""
    zone = zones.zones[index]
    if zone.province is not None:
        return PROVINCES[zone.province]
    named = _named_with(text, zones, index)
    if named is not None:
        return PROVINCES[named]
    entry = national(zone)
    return entry.province if entry is not None else None


def _named_with(text: str, zones: ReportZones, index: int) -> str | None:
    """The province named most often in the sentences that name the zone and no other."""
    starts = [start for start, _, _ in zones.mentions]
    counts: Counter[str] = Counter()
    seen: set[int] = set()
    for start, end in zones.zones[index].mentions[:MAX_SENTENCES]:
        low, high = sentence_start(text, start), sentence_end(text, end)
        if low in seen:
            continue
        seen.add(low)
        others = zones.mentions[bisect_left(starts, low) : bisect_left(starts, high)]
        if any(zone != index for _, _, zone in others):
            continue
        counts.update(provinces_in(fold(text[low:high])))
    return counts.most_common(1)[0][0] if counts else None


_NATIONAL_WORD = tuple(grammar.spellings("国家级"))


def level(text: str, zone: NamedZone | None) -> str:
    """national for a zone of the national dataset or a report that says 国家级, else
    provincial: a guess to check."""
    if zone is not None and national(zone) is not None:
        return "national"
    return "national" if any(word in text for word in _NATIONAL_WORD) else "provincial"


def zone_ids(zones: list[NamedZone]) -> list[str]:
    """Each zone's id: the national dataset's, else zone_1, zone_2, ... by position."""
    ids: list[str] = []
    for number, zone in enumerate(zones, 1):
        entry = national(zone)
        identifier = entry.id if entry is not None else f"zone_{number}"
        ids.append(identifier if identifier not in ids else f"zone_{number}")
    return ids
