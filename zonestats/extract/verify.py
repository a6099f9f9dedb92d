"""Check that a dataset still says what its source says: quotes in the report, values in quotes."""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import Any

from zonestats.errors import DataError, Problem
from zonestats.io.tree import Mapping, Sequence
from zonestats.io.yaml_parser import read_yaml
from zonestats.model.fields import check

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
_SPACE = re.compile(r"\s+")
_HINT_LIMIT = 2_000_000  # characters of source beyond which no closest passage is looked for


def normalise_text(text: str) -> str:
    """Fold full-width forms to half-width (NFKC), curly quotes to straight, drop whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))


def verify(dataset: Path, source: Path) -> list[Problem]:
    """Every problem: the schema's, plus each quote not found in the source report."""
    from zonestats.extract import read_report
    from zonestats.io.inputs import read_text

    name = str(dataset)
    try:
        raw, found = read_yaml(read_text(dataset), name)
    except DataError as error:
        return list(error.problems)
    report = normalise_text(read_report(source))
    if raw is not None:
        found += check(raw, name)[1]
        for quote, where in _quotes(raw):
            if normalise_text(quote) not in report:
                hint = _closest(report, normalise_text(quote))
                message = f"quote not found in {source}: '{quote}'" + (
                    f" (closest passage: '{hint}')" if hint else ""
                )
                found.append(Problem(name, message, where[0]))
    return sorted(found, key=lambda p: (p.line or 0, p.col or 0))


def _quotes(raw: Any) -> list[tuple[str, tuple[int, int]]]:
    """Each observation's quote and where it stands, however broken the rest of the file."""
    quotes = []
    indicators = raw.get("indicators") if isinstance(raw, Mapping) else None
    for indicator in indicators if isinstance(indicators, Sequence) else []:
        observations = indicator.get("observations") if isinstance(indicator, Mapping) else None
        for observation in observations if isinstance(observations, Sequence) else []:
            if isinstance(observation, Mapping) and isinstance(observation.get("quote"), str):
                quotes.append((observation["quote"], observation.value_positions["quote"]))
    return quotes


def _closest(report: str, quote: str) -> str:
    if len(report) > _HINT_LIMIT or not quote:
        return ""
    matcher = difflib.SequenceMatcher(None, report, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(report), 0, len(quote))
    if match.size < 2:
        return ""
    start = max(0, match.a - match.b)
    return report[start : start + len(quote)]
