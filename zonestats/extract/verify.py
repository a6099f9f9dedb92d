"""Check that datasets still say what their reports say: every quote in a report, and every
rule of the dataset kept."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from zonestats.errors import Problem
from zonestats.extract.report import read_report
from zonestats.model.placeholders import PLACEHOLDER_CODE

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
_SPACE = re.compile(r"\s+")

HINT_LIMIT = 16_000_000
"""Characters of a (folded) report beyond which no closest passage is looked for: the index
of its character pairs takes 8 bytes a character."""
_HINT_QUOTE = 400  # characters of a quote compared (quotes are at most 200)
_HINT_VOTES = 1 << 20  # places of a quote's character pairs counted, the rarest pairs first
_HINT_ALIGNMENTS = 256  # alignments of the quote compared character by character, at most


def normalise_text(text: str) -> str:
    """Fold full-width forms to half-width (NFKC), curly quotes to straight, drop whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))


def verify(datasets: Sequence[str | Path], reports: Sequence[Path]) -> list[Problem]:
    """Every problem of the datasets, and each quote found in none of the reports (with the
    closest passage of the first report, where one is near). Placeholders a draft leaves
    are not among them: a draft verifies before they are filled in (validate refuses them)."""
    from zonestats.io.inputs import check, quotes_of, resolve

    paths = resolve(datasets)
    _, found = check(paths)
    found = [problem for problem in found if problem.code != PLACEHOLDER_CODE]
    texts = [normalise_text(read_report(report)) for report in reports]
    names = ", ".join(str(r) for r in reports)
    passages: Passages | None = None
    for path in paths:
        for quote, line, col in quotes_of(path):
            folded = normalise_text(quote)
            if any(folded in text for text in texts):
                continue
            if passages is None:
                passages = Passages(texts[0])
            hint = passages.closest(folded)
            message = f"quote not found in {names}: '{quote}'" + (
                f" (closest passage: '{hint}')" if hint else ""
            )
            found.append(Problem(str(path), "quote-not-in-source", message, line, col))
    order = {str(p): i for i, p in enumerate(paths)}
    return sorted(found, key=lambda p: (order.get(p.path, len(order)), p.line or 0, p.col or 0))


class Passages:
    """A report's passage closest to a quote it does not hold: where the longest run of the
    quote's characters stands in it (difflib's longest match), aligned to the quote. Of
    alignments with runs as long, the one matching the most characters, then the one whose
    run starts earliest in the report.

    The places of every pair of adjacent characters of the report are sorted once (made on
    the first quote asked for); a quote's pairs look their places up, each place votes for an
    alignment of the quote, and the alignments with the most votes are compared character by
    character. The work per quote is bounded: its first _HINT_QUOTE characters, _HINT_VOTES
    places (the rarest pairs first), _HINT_ALIGNMENTS alignments.
    """

    def __init__(self, report: str) -> None:
        import numpy as np

        self.report = report
        if len(report) > HINT_LIMIT or len(report) < 2:
            self.keys = self.places = np.zeros(0, dtype=np.uint32)
            return
        keys = _pair_keys(report)
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.places = order.astype(np.int32)

    def closest(self, quote: str) -> str:
        """The passage of the report as long as the quote, aligned on their longest common
        run of characters; "" when there is none of two characters or more."""
        import numpy as np

        part = quote[:_HINT_QUOTE]
        if len(part) < 2 or not len(self.keys):
            return ""
        wanted = _pair_keys(part)
        low = np.searchsorted(self.keys, wanted, side="left")
        high = np.searchsorted(self.keys, wanted, side="right")
        counts = high - low
        chosen: list[Any] = []
        total = 0
        for offset in np.argsort(counts, kind="stable").tolist():
            count = int(counts[offset])
            if count == 0:
                continue
            if total + count > _HINT_VOTES:
                if not chosen:  # even the rarest pair is everywhere: some of its places
                    high[offset] = low[offset] + _HINT_VOTES
                    chosen.append(self.places[low[offset] : high[offset]].astype(np.int64) - offset)
                break
            chosen.append(self.places[low[offset] : high[offset]].astype(np.int64) - offset)
            total += count
        if not chosen:
            return ""
        alignments, votes = np.unique(np.concatenate(chosen), return_counts=True)
        best = (1, 0, 0, 0)  # run length, characters matched, -where the run starts, alignment
        for index in np.argsort(-votes, kind="stable")[:_HINT_ALIGNMENTS].tolist():
            if int(votes[index]) + 1 < best[0]:
                break  # n pairs make a run of n + 1 characters at most
            alignment = int(alignments[index])
            length, start, matched = _matches(self.report, part, alignment)
            best = max(best, (length, matched, -(alignment + start), alignment))
        length, _, _, alignment = best
        if length < 2:
            return ""
        begin = max(0, alignment)
        return self.report[begin : begin + len(quote)]


def _pair_keys(text: str) -> Any:
    """A 32-bit key for each pair of adjacent characters: the first multiplied by an odd
    number, exclusive-or the second (a hash: two pairs may share one, which only adds an
    alignment to compare)."""
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    keys = codes[:-1] * np.uint32(0x9E3779B1)  # wraps around: arithmetic modulo 2**32
    keys ^= codes[1:]
    return keys


def _matches(report: str, quote: str, alignment: int) -> tuple[int, int, int]:
    """With quote[0] at report[alignment]: the longest run of characters the two share, where
    it starts in the quote (the first of the longest), and how many they share in all."""
    first = max(0, -alignment)
    last = min(len(quote), len(report) - alignment)
    best = start = run = matched = 0
    for index in range(first, last):
        if report[alignment + index] == quote[index]:
            run += 1
            matched += 1
            if run > best:
                best, start = run, index - run + 1
        else:
            run = 0
    return best, start, matched
