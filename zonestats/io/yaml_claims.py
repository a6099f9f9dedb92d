"""The growth claims a YAML dataset records (its top-level `claims` list), checked field by
field as the rest of the file is, every problem at its line and column."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Protocol

from zonestats.io.tree import Mapping
from zonestats.model import fields as F
from zonestats.model.claims import RecordedClaim, StatedClaim
from zonestats.model.dataset import unknown
from zonestats.model.merge import ZoneRecord

Where = tuple[int, int] | None


class Walker(Protocol):
    """What reads the rest of the document (zonestats.io.yaml_dataset's walker)."""

    path: str

    def problem(self, where: Where, code: str, message: str) -> None: ...

    def fields(
        self, raw: Any, fields: tuple[F.Field, ...], what: str, where: Where
    ) -> dict[str, Any] | None: ...

    def items(self, raw: Any, what: str, where: Where) -> list[tuple[Any, tuple[int, int]]]: ...


def read_claims(
    walker: Walker,
    raw: Mapping,
    zones: dict[str, ZoneRecord],
    version: int,
    indicators: Collection[str],
) -> list[RecordedClaim]:
    """The claims of a document that have no problem; a problem for each fault of the others:
    a field's (unreadable-claim among them), an indicator or zone the file does not define,
    a claim not in its quote, periods that differ from the span the claim names."""
    spec = F.CLAIM if version == 1 else F.CLAIM_V2
    found = []
    for item, where in walker.items(
        raw.get("claims"), "'claims'", raw.value_positions.get("claims")
    ):
        values = walker.fields(item, spec, "a claim", where)
        if values is None:
            continue
        known = _indicator(walker, item, values.get("indicator"), indicators)
        zone = _zone(walker, item, values.get("zone"), zones, where)
        claim: StatedClaim | None = values.get("stated")
        quote = values.get("quote")
        if claim is not None and quote is not None and item["stated"].strip() not in quote:
            message = f"the claim '{item['stated'].strip()}' does not appear in its quote '{quote}'"
            walker.problem(item.value_positions["stated"], "claim-not-in-quote", message)
            claim = None
        if claim is not None and not _same_span(walker, item, values, claim):
            claim = None
        if claim is None or quote is None or not known or zone is None:
            continue
        found.append(
            RecordedClaim(
                quote, item["stated"].strip(), claim, values["indicator"], zone,
                values.get("from"), values.get("to"), walker.path, where[0], where[1],
            )
        )  # fmt: skip
    return found


def _indicator(walker: Walker, raw: Mapping, given: str | None, known: Collection[str]) -> bool:
    if given is None:
        return False
    if given in known:
        return True
    message = f"'indicator': {unknown('indicator', given, list(known))} in this file"
    walker.problem(raw.value_positions["indicator"], "unknown-indicator", message)
    return False


def _zone(
    walker: Walker, raw: Mapping, given: str | None, zones: dict[str, ZoneRecord], where: Where
) -> str | None:
    """The name of the zone a claim speaks of: the one it names, or the file's only one."""
    if given is None:
        if len(zones) == 1:
            return next(iter(zones.values())).name
        if zones:
            message = f"a claim is missing 'zone' (the file has {len(zones)} zones)"
            walker.problem(where, "missing-field", message)
        return None
    if given in zones:
        return zones[given].name
    message = f"'zone': {unknown('zone', given, list(zones))} in this file"
    walker.problem(raw.value_positions["zone"], "unknown-zone", message)
    return None


def _same_span(walker: Walker, raw: Mapping, values: dict[str, Any], claim: StatedClaim) -> bool:
    """Whether `from` and `to` agree with the years the claim names (a problem if not)."""
    for key, named in (("from", claim.start), ("to", claim.end)):
        given = values.get(key)
        if given is not None and named is not None and given[:4] != named:
            message = f"'{key}' is {given}, but the claim names {named}"
            walker.problem(raw.value_positions[key], "claim-span-differs", message)
            return False
    return True
