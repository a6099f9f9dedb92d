"""Check that datasets still say what their reports say: every quote in a report, and every
rule of the dataset kept."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from zonestats.errors import Problem
from zonestats.extract.report import read_report

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
_SPACE = re.compile(r"\s+")
_HINT_LIMIT = 2_000_000  # characters of source beyond which no closest passage is looked for


def normalise_text(text: str) -> str:
    """Fold full-width forms to half-width (NFKC), curly quotes to straight, drop whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))


def verify(datasets: Sequence[str | Path], reports: Sequence[Path]) -> list[Problem]:
    """Every problem of the datasets, and each quote found in none of the reports (with the
    closest passage of the first report, where one is near)."""
    from zonestats.io.inputs import check, quotes_of, resolve

    paths = resolve(datasets)
    _, found = check(paths)
    texts = [normalise_text(read_report(report)) for report in reports]
    names = ", ".join(str(r) for r in reports)
    for path in paths:
        for quote, line, col in quotes_of(path):
            folded = normalise_text(quote)
            if any(folded in text for text in texts):
                continue
            hint = _closest(texts[0], folded)
            message = f"quote not found in {names}: '{quote}'" + (
                f" (closest passage: '{hint}')" if hint else ""
            )
            found.append(Problem(str(path), "quote-not-in-source", message, line, col))
    order = {str(p): i for i, p in enumerate(paths)}
    return sorted(found, key=lambda p: (order.get(p.path, len(order)), p.line or 0, p.col or 0))


def _closest(report: str, quote: str) -> str:
    if len(report) > _HINT_LIMIT or not quote:
        return ""
    matcher = difflib.SequenceMatcher(None, report, quote, autojunk=False)
    match = matcher.find_longest_match(0, len(report), 0, len(quote))
    if match.size < 2:
        return ""
    start = max(0, match.a - match.b)
    return report[start : start + len(quote)]
