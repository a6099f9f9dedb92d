"""A draft dataset as YAML text: what yaml.safe_dump writes, after a header that says what
to do with it, written an indicator at a time."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from zonestats.extract.figures import Skipped


def draft_yaml(data: dict[str, Any]) -> str:
    """The draft as YAML text that `zonestats validate` reads (draft_yaml_pieces joined)."""
    return "".join(draft_yaml_pieces(data))


def draft_yaml_pieces(data: dict[str, Any]) -> Iterator[str]:
    """The draft's YAML text in pieces, an indicator a piece (to write out as they come):
    what yaml.safe_dump writes (unicode as is, keys in order, lines of 100), after a header
    that says what to fill in (the draft's `notes`) and lists the runs of numerals the scan
    skipped.

    Most scalars of a draft (ids, Chinese names and quotes, written values, numbers) are
    written directly, as the YAML emitter would write them; any other scalar, and any
    indicator not of a draft's plain shape, goes through the emitter. So the text is the
    emitter's, in time that grows with the number of figures only.
    """
    header = (
        "# Draft made by `zonestats extract`: check every figure, fix ids and categories, "
        "fill in each\n"
        "# placeholder ((to translate), (publisher), (province), zone: ?...: "
        "validate refuses them).\n"
    )
    header += "".join(f"# {line}\n" for line in getattr(data, "notes", []))
    skipped: list[Skipped] = getattr(data, "skipped", [])
    if skipped:
        runs = "1 run" if len(skipped) == 1 else f"{len(skipped):,} runs"
        header += f"# Skipped, {runs} of numerals too long to be figures:\n"
        header += "".join(f"#   {run.describe()}\n" for run in skipped[:_SKIPPED_SHOWN])
        if len(skipped) > _SKIPPED_SHOWN:
            header += f"#   and {len(skipped) - _SKIPPED_SHOWN:,} more\n"
    plain = dict(data)
    indicators = plain.get("indicators")
    if list(plain)[-1:] != ["indicators"] or not isinstance(indicators, list) or not indicators:
        yield header + _dump(plain)
        return
    del plain["indicators"]
    yield header + (_dump(plain) if plain else "") + "indicators:\n"
    writer = _Writer()
    for indicator in indicators:
        text = writer.indicator(indicator) if isinstance(indicator, dict) else None
        yield text if text is not None else _dump([indicator])


_SKIPPED_SHOWN = 20


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=_WIDTH)


_WIDTH = 100
_STR = "tag:yaml.org,2002:str"
_KEY = re.compile(r"[a-z][a-z_]*\Z")
_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null"})  # keys read otherwise
# A string the emitter writes as it is (when it reads back as a string) or in single quotes
# (when it would read as a number, a date or a word): printable, without line breaks, not
# starting with a mark the emitter reads as an indicator, no ": " or " #" in it, no space at
# the end. (The emitter folds it only at a space beyond the width, checked apart.)
_PRINTABLE = r"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff\U0010ffff"
_PLAIN = re.compile(
    rf"[^{_PRINTABLE} #,\[\]{{}}&*!|>'\"%@`?:\-.~]"
    rf"(?:[^{_PRINTABLE}:#]|:(?! |\Z)|(?<! )#)*+(?<! )\Z"
)
_BREAK = re.compile("[\n\x85\u2028\u2029]")  # what the emitter writes as a line break
_CONTEXT_FREE = 1 << 16  # scalars the emitter wrote, kept by their text (units, notes)


class _Writer:
    """An indicator of a draft as the YAML emitter writes it under `indicators:`, or None
    where a scalar or the shape is one to leave to the emitter."""

    def __init__(self) -> None:
        resolver = yaml.resolver.Resolver()
        self.resolve: Callable[[type, str, tuple[bool, bool]], str] = resolver.resolve
        self.written: dict[str, str] = {}  # what the emitter wrote for other scalars

    def indicator(self, indicator: dict[str, Any]) -> str | None:
        lines = []
        prefix = "- "
        for key, value in indicator.items():
            if not isinstance(key, str) or not _KEY.match(key) or key in _WORDS:
                return None
            if key == "observations" and isinstance(value, list) and value:
                lines.append(f"{prefix}{key}:\n")
                for observation in value:
                    if not isinstance(observation, dict) or not observation:
                        return None
                    inner = "  - "
                    for name, item in observation.items():
                        if not isinstance(name, str) or not _KEY.match(name) or name in _WORDS:
                            return None
                        text = self.scalar(item, 4 + len(name) + 2)
                        if text is None:
                            return None
                        lines.append(f"{inner}{name}: {text}\n")
                        inner = "    "
            else:
                text = self.scalar(value, 2 + len(key) + 2)
                if text is None:
                    return None
                lines.append(f"{prefix}{key}: {text}\n")
            prefix = "  "
        return "".join(lines)

    def scalar(self, value: Any, column: int) -> str | None:
        """A scalar as the emitter writes it, starting at `column`; None to leave it to it."""
        kind = type(value)
        if kind is str:
            return self.text(value, column)
        if value is None:
            return "null"
        if kind is bool:
            return "true" if value else "false"
        if kind is int:
            return str(value)
        if kind is float and math.isfinite(value):
            text = repr(value).lower()
            if "." not in text and "e" in text:
                text = text.replace("e", ".0e", 1)
            return (
                text
                if self.resolve(yaml.nodes.ScalarNode, text, (True, False)).endswith("float")
                else None
            )
        return None

    def text(self, value: str, column: int) -> str | None:
        if _PLAIN.match(value) and not (" " in value and column + len(value) + 2 > _WIDTH):
            if self.resolve(yaml.nodes.ScalarNode, value, (True, False)) == _STR:
                return value  # (a space beyond the width would have been a fold)
            if "'" not in value:
                return f"'{value}'"  # it would read as a number, a date or a word
        # Others (a unit of %, a note with a comma) as the emitter writes them alone; the
        # same wherever they stand while the line does not reach the width.
        written = self.written.get(value)
        if written is None:
            written = _dump({"k": value})[3:-1]
            if len(self.written) < _CONTEXT_FREE:
                self.written[value] = written
        if _BREAK.search(written) or column + len(written) > _WIDTH:
            return None  # on several lines, indented by where it stands
        return written
