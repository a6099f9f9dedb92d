"""Regex alternations of the quantity grammar's words, in every spelling (simplified and
traditional), longest first, so that a longer word wins over a word it starts with; and the
fold of a report's text to simplified characters, which the scan reads."""

from __future__ import annotations

import re
from collections.abc import Iterable

from zonestats.model import grammar


def spelled(words: Iterable[str]) -> list[str]:
    """Every spelling of the words, longest first."""
    return sorted(
        {s for word in words for s in grammar.spellings(word)}, key=lambda s: (-len(s), s)
    )


def either(words: Iterable[str]) -> str:
    """A regex alternation of every spelling of the words."""
    return "|".join(map(re.escape, spelled(words)))


def guarded(words: Iterable[str]) -> str:
    """An alternation of the words in which each one-character word is guarded against the
    words that hold it and mean something else (约 but not 签约, 竞 but not 竞拍:
    grammar.OTHER_WORDS)."""
    others = [w for w in spelled(grammar.OTHER_WORDS) if len(w) == 2]
    alternatives = []
    for word in spelled(words):
        before = "".join(sorted({w[0] for w in others if w[1] == word}))
        after = "".join(sorted({w[1] for w in others if w[0] == word}))
        alternatives.append(
            (f"(?<![{before}])" if before else "")
            + re.escape(word)
            + (f"(?![{after}])" if after else "")
        )
    return "|".join(alternatives)


LIST_WORDS: tuple[str, ...] = ("以及", "、", "和", "及", "与")
"""The words between the items of a list (120亿元、150亿元和180亿元), longest first."""
LIST_WORD = "|".join(LIST_WORDS)

_TO_FOLD = re.compile(f"[{re.escape(''.join(sorted(grammar.FOLD)))}]")


def fold_text(text: str) -> str:
    """A report's text with the traditional characters of every word the scan looks for in
    simplified form (grammar.FOLD), of the same length; a text with nothing to fold is
    returned as it is."""
    if _TO_FOLD.search(text) is None:
        return text
    return grammar.fold(text)
