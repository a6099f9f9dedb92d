"""The placeholders `zonestats extract` leaves in a draft, and the one rule that refuses them:
every field converter (zonestats.model.fields) calls refuse_placeholder, so a YAML dataset
and a long table alike refuse them (code placeholder), each naming its field."""

from __future__ import annotations

from zonestats.errors import invalid

TO_TRANSLATE = "(to translate)"
"""What a draft writes for an English name, before the words it suggests translating."""
NO_TITLE = "(title)"
NO_PUBLISHER = "(publisher)"
NO_ZONE_NAME = "(zone name)"
NO_PROVINCE = "(province)"
NO_UNIT = "(unit)"
"""What a draft writes for the unit of a magnitude written alone (迈向千亿: 千亿 of what?)."""
NO_DATE = "(date: the report states none)"
"""What a draft writes for the date of a report that states none (and no --published)."""
UNKNOWN_ZONE = "?"
"""What a draft writes for the zone of a figure whose zone the report does not say."""
PLACEHOLDERS: dict[str, str] = {
    TO_TRANSLATE: "write the English name",
    NO_TITLE: "write the report's title",
    NO_PUBLISHER: "write who published the report",
    NO_ZONE_NAME: "write the zone's name",
    NO_PROVINCE: "write the zone's province (e.g. 湖南省)",
    NO_UNIT: "write the unit the figure counts (元, 台, 个)",
    NO_DATE[: NO_DATE.index(":") + 1]: "write the date the report was published (YYYY-MM-DD)",
}
"""The placeholders `zonestats extract` leaves in a draft, each a value that starts with its
mark, and what to write instead. Every field refuses them (code placeholder), as it does a
zone of UNKNOWN_ZONE: a draft is a dataset once they are all filled in."""
PLACEHOLDER_CODE = "placeholder"
"""The code of the problem a placeholder is."""
_MARKS = tuple(PLACEHOLDERS)
PLACEHOLDER_STARTS = frozenset(mark[0] for mark in (*_MARKS, UNKNOWN_ZONE))


def refuse_placeholder(value: str) -> None:
    """Refuse a placeholder a draft left (code placeholder), saying what to write; converters
    call it for values that start with one of PLACEHOLDER_STARTS."""
    if value.startswith(_MARKS):
        hint = next(hint for mark, hint in PLACEHOLDERS.items() if value.startswith(mark))
    elif value == UNKNOWN_ZONE:
        hint = "write the id of the zone (the report does not say which)"
    else:
        return
    raise invalid("placeholder", f"'{value}' is a placeholder the draft left; {hint}")


def _escaped(mark: str) -> str:
    return "".join(f"\\{char}" if char in "()?" else char for char in mark)


NO_PLACEHOLDER = f"^(?!{'|'.join(map(_escaped, _MARKS))}|{_escaped(UNKNOWN_ZONE)}$)"
"""The JSON Schema pattern of a text that is no placeholder (zonestats schema)."""
