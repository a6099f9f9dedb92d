"""Draft a dataset from the figures found in a report.

A report whose figures are all about one zone (it names one, none, or several of which one
holds every figure) gives a schema 1 draft: one zone, one source. A report whose figures are
about several zones gives a schema 2 draft: a zone for each zone that holds figures, and the
report's subject (zonestats.extract.zones), each with an id (zonestats.extract.zone_facts),
and each observation names its zone (zonestats.extract.assign; `zone: ?` where the report
does not say). Figures of different zones share an indicator where they stand in one list or
series (A、B、C经开区分别位列...), where their suggested names are the same once the zones'
names are taken out of them (青山经开区位列第35位, 白水经开区位列第88位), and where they stand in
parallel clauses of one sentence (青山经开区实现产值1250亿元，白水经开区实现860亿元); never
figures of different units.

What the report does not say is left as a placeholder (zonestats.model.placeholders.PLACEHOLDERS:
(to translate), (publisher), (province), a source date of (date: the report states none),
zone ?), which `validate` refuses until it is filled in; the draft's header says so.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from zonestats.extract.assign import sentence_start, zones_of
from zonestats.extract.figures import Candidate, Skipped
from zonestats.extract.places import PROVINCE_FORMS
from zonestats.extract.report import ReportText
from zonestats.extract.zone_facts import level, province, zone_ids
from zonestats.extract.zones import ReportZones, find_zones
from zonestats.model.placeholders import (
    NO_DATE,
    NO_PROVINCE,
    NO_PUBLISHER,
    NO_TITLE,
    NO_UNIT,
    NO_ZONE_NAME,
    TO_TRANSLATE,
    UNKNOWN_ZONE,
)
from zonestats.model.quantity import parse_quantity

_MONEY = re.compile(r"产值|收入|营收|投资|税|元|资金|效益")


class Draft(dict[str, Any]):
    """A draft dataset as plain data (a dict, ready for YAML), the runs of numerals the scan
    skipped (`skipped`) and what its header says to fill in (`notes`, lines of text)."""

    skipped: list[Skipped]
    notes: list[str]


# yaml.safe_dump writes a Draft as the mapping it is.
yaml.representer.SafeRepresenter.add_representer(
    Draft, yaml.representer.SafeRepresenter.represent_dict
)

NO_DATE_NOTE = (
    f"The report states no date: source date is {NO_DATE}. Write the date it",
    "was published (YYYY-MM-DD), or extract again with --published DATE (periods worked out",
    "from the report's latest year may then change).",
)


def draft(report: ReportText, candidates: list[Candidate]) -> Draft:
    """A dataset (as plain data, ready for YAML) with one indicator per figure or pair, and
    per list of figures of different zones."""
    zones = find_zones(report)
    assigned = zones_of(report.text, zones, candidates) if zones.zones else None
    held = _held(zones, assigned)
    notes = list(NO_DATE_NOTE) if report.published is None else []
    source = {
        "title": report.title or NO_TITLE,
        "publisher": report.publisher or NO_PUBLISHER,
        "date": report.published.isoformat() if report.published else NO_DATE,
    }
    if assigned is None or (len(held) <= 1 and None not in assigned):
        only = held[0] if held else None
        data = {
            "schema_version": 1,
            "zone": _zone(report, zones, only, aliases=False),
            "source": source,
            "indicators": _indicators(candidates),
        }
    else:
        ids = dict(zip(held, zone_ids([zones.zones[i] for i in held]), strict=True))
        unknown = assigned.count(None)
        notes.append(f"The figures are about {len(held)} zones: each observation names its zone.")
        if unknown:
            figures = "1 figure" if unknown == 1 else f"{unknown} figures"
            notes.append(f"zone: ? marks {figures} whose zone the report does not say: write")
            notes.append("the id of the zone (one of the zones' ids).")
        data = {
            "schema_version": 2,
            "zones": [{"id": ids[i], **_zone(report, zones, i, aliases=True)} for i in held],
            "sources": [source],
            "indicators": _shared_indicators(
                report.text,
                candidates,
                [UNKNOWN_ZONE if z is None else ids[z] for z in assigned],
                _names_pattern(zones),
            ),
        }
    result = Draft(data)
    result.skipped = list(getattr(candidates, "skipped", ()))
    result.notes = notes + [
        f"{note.describe()} (read these figures by hand)"
        for note in getattr(candidates, "notes", ())
    ]
    return result


def _held(zones: ReportZones, assigned: list[int | None] | None) -> list[int]:
    """The zones a draft lists: the subject first, then each zone that holds a figure, in
    the order the report names them (every zone named, where none holds a figure)."""
    held = {z for z in assigned or () if z is not None}
    if zones.subject is not None:
        held.add(zones.subject)
    if not held and assigned:
        held = set(range(len(zones.zones)))
    return sorted(held, key=lambda index: (index != zones.subject, index))


def _zone(
    report: ReportText, zones: ReportZones, index: int | None, aliases: bool
) -> dict[str, Any]:
    """A zone of the draft: its name, English name to translate, `aliases` (where it has
    any), province and level; placeholders for no zone."""
    zone = zones.zones[index] if index is not None else None
    found = province(report.text, zones, index) if index is not None else None
    written: dict[str, Any] = {
        "name": zone.name if zone is not None else NO_ZONE_NAME,
        "name_en": TO_TRANSLATE,
    }
    if zone is not None and zone.aliases and aliases:
        written["aliases"] = list(zone.aliases)
    written["province"] = found or NO_PROVINCE
    written["level"] = level(report.text, zone)
    return written


def _observation(candidate: Candidate) -> dict[str, Any]:
    observation: dict[str, Any] = {
        "period": candidate.period,
        "value": candidate.written,
        "number": _plain(candidate.value),
    }
    if candidate.qualifier is not parse_quantity(candidate.written).qualifier:
        observation["qualifier"] = candidate.qualifier.value
    if candidate.period_note:
        observation["period_note"] = candidate.period_note
    observation["quote"] = candidate.quote
    return observation


def _indicator(identifier: str, name: str, candidate: Candidate) -> dict[str, Any]:
    indicator: dict[str, Any] = {
        "id": identifier,
        "name": name,
        "name_en": f"{TO_TRANSLATE} {identifier.replace('_', ' ')}",
        "category": candidate.category,
        "unit": candidate.unit or _unit_guess(candidate),
    }
    if candidate.unit == "位":
        indicator["better"] = "lower"
    indicator["observations"] = []
    return indicator


def _indicators(candidates: list[Candidate]) -> list[dict[str, Any]]:
    """One indicator per figure, or per pair (one id, two periods)."""
    indicators: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    for candidate in candidates:
        observation = _observation(candidate)
        existing = by_id.get(candidate.id)
        if existing is not None and not any(
            o["period"] == candidate.period for o in existing["observations"]
        ):
            existing["observations"].append(observation)
            continue
        identifier = candidate.id if existing is None else _free(candidate.id, by_id)
        indicator = _indicator(identifier, candidate.name, candidate)
        indicator["observations"].append(observation)
        by_id[identifier] = indicator
        indicators.append(indicator)
    return indicators


class _Shared:
    """Indicators of figures of several zones, each observation naming its zone. A figure
    joins, where its zone has no figure of its period there yet, the indicator of its pair
    (one id), of its list or series, or, where that holds no figure of its zone, of a figure
    of another zone with the same name once the zones' names are out, or of the figure
    before it in its sentence with its unit whose name starts with its own (the parallel
    clauses of 青山经开区实现规模以上工业总产值1250亿元，白水经开区实现860亿元)."""

    def __init__(self, text: str, names: re.Pattern[str]) -> None:
        self.text, self.names = text, names
        self.indicators: list[dict[str, Any]] = []
        self.by_id: dict[str, dict[str, Any]] = {}
        self.by_series: dict[int, dict[str, Any]] = {}
        self.by_name: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.by_sentence: dict[tuple[int, str], dict[str, Any]] = {}
        self.held: dict[str, set[tuple[str, str]]] = {}  # each indicator's (zone, period)s

    def add(self, candidate: Candidate, zone: str) -> None:
        bare = _without(candidate.name, self.names)
        unit = candidate.unit or _unit_guess(candidate)
        key = (bare or candidate.name, unit, candidate.category)
        sentence = (sentence_start(self.text, candidate.start), unit)
        parallel = self.by_sentence.get(sentence)
        if parallel is not None and not parallel["name"].startswith(bare):
            parallel = None
        series = self.by_series.get(candidate.series) if candidate.series is not None else None
        choices = [
            (self.by_id.get(candidate.id), False),
            (series, False),
            (self.by_name.get(key), True),
            (parallel, True),
        ]
        target = next(
            (found for found, other in choices if self._fits(found, zone, candidate, other)), None
        )
        if target is None:
            target = _indicator(_free(candidate.id, self.held), bare or candidate.name, candidate)
            self.held[target["id"]] = set()
            self.indicators.append(target)
        target["observations"].append({"zone": zone, **_observation(candidate)})
        self.held[target["id"]].add((zone, candidate.period))
        self.by_id.setdefault(candidate.id, target)
        self.by_name.setdefault(key, target)
        self.by_sentence.setdefault(sentence, target)
        if candidate.series is not None:
            self.by_series.setdefault(candidate.series, target)

    def _fits(
        self, found: dict[str, Any] | None, zone: str, candidate: Candidate, other: bool
    ) -> bool:
        """Whether a figure of a zone may join an indicator: one of its unit, where its zone
        has no figure of its period, and (`other`) no figure at all."""
        if found is None or found["unit"] != (candidate.unit or _unit_guess(candidate)):
            return False
        held = self.held[found["id"]]
        if (zone, candidate.period) in held:
            return False
        return not other or all(z != zone for z, _ in held)


def _free(identifier: str, taken: dict[str, Any]) -> str:
    """The id, or the first of id_b, id_c, ... (then id_27, ...) not taken."""
    free, number = identifier, 0
    while free in taken:
        number += 1
        free = f"{identifier}_{chr(ord('a') + number) if number < 26 else number + 1}"
    return free


_LIST_EDGES = "、,，和与及 "


def _names_pattern(zones: ReportZones) -> re.Pattern[str]:
    """Every name the report gives a zone (longest first), with a province before it."""
    forms = sorted({form for zone in zones.zones for form in zone.forms}, key=len, reverse=True)
    provinces = sorted(PROVINCE_FORMS, key=len, reverse=True)
    return re.compile(
        f"(?:{'|'.join(provinces)})?(?:{'|'.join(re.escape(form) for form in forms)})"
    )


def _shared_indicators(
    text: str, candidates: list[Candidate], zones: list[str], names: re.Pattern[str]
) -> list[dict[str, Any]]:
    """The indicators of figures of several zones (see _Shared), each figure's zone given."""
    shared = _Shared(text, names)
    for candidate, zone in zip(candidates, zones, strict=True):
        shared.add(candidate, zone)
    return shared.indicators


def _without(name: str, names: re.Pattern[str]) -> str:
    """A figure's suggested name without the zones' names in it and the list marks they
    leave: 青山经开区位列 is 位列 (and 红石经开区 nothing)."""
    shorter = names.sub("", name)
    if shorter == name:
        return name
    shorter = re.sub("[、,，]{2,}", "、", shorter).strip(_LIST_EDGES)
    return shorter.removeprefix("分别").strip(_LIST_EDGES)


def _unit_guess(candidate: Candidate) -> str:
    """The unit of a figure written without one: 元 for money (产值破百亿), 个 for what N大
    counts (五大产业园); a magnitude alone (迈向千亿) leaves the unit for the user."""
    if candidate.value >= 10_000 and _MONEY.search(candidate.quote):
        return "元"
    if candidate.value >= 10_000:
        return NO_UNIT
    return "个"


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
