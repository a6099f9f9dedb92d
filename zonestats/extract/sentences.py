"""A report's text in blocks of lines, sentences (cut when too long) and clauses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zonestats.extract.masks import MAX_RUN, RUN_CHARACTER

MAX_SENTENCE = 2000
"""The longest piece of text read as one sentence. Report sentences are a few hundred
characters at most; a longer one (a text without punctuation) is cut at a clause mark or
between words, so that no figure is split."""

BLOCK = 1 << 20
"""Characters read at a time: a block ends at a line end (a longer line is one block). No
mask reaches across a line end, so blocks give what the whole text would."""

_SENTENCE = re.compile(r"[^。!?！？;；\n]++")
# A clause mark, but not the comma of 1,250 (thousands); written as one class first, so that
# the search skips to the candidates.
_CLAUSE_MARK = re.compile(r"[,，。!?！？;；:：\n](?!(?<=\d,)\d{3})")
_CUT_MARK = re.compile(r"[,，:：、\s](?!(?<=\d,)\d)")


def blocks(text: str) -> Iterator[tuple[int, int]]:
    """The text in blocks of whole lines, about BLOCK characters each."""
    start, length = 0, len(text)
    while start < length:
        end = start + BLOCK
        if end >= length:
            yield start, length
            return
        cut = text.rfind("\n", start, end)
        if cut < 0:
            cut = text.find("\n", end)
        end = length if cut < 0 else cut + 1
        yield start, end
        start = end


def sentences(masked: str) -> Iterator[tuple[int, int]]:
    """The sentences of a masked block, a longer one in pieces of at most MAX_SENTENCE."""
    for sentence in _SENTENCE.finditer(masked):
        yield from _pieces(masked, *sentence.span())


def _pieces(masked: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence, or pieces of at most MAX_SENTENCE characters of a longer one: cut after the
    last clause mark or space in the piece's last quarter, else after the last character that
    is not part of a number (runs of those are at most MAX_RUN long)."""
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = -1
        for mark in _CUT_MARK.finditer(masked, limit - MAX_SENTENCE // 4, limit):
            cut = mark.end()
        if cut < 0:
            cut = limit
            for at in range(limit, limit - MAX_RUN - 2, -1):
                if not RUN_CHARACTER.match(masked, at - 1):
                    cut = at
                    break
        yield start, cut
        start = cut
    yield start, end


def clauses(masked: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The clauses of a sentence: between clause marks (a comma between digits and three
    more is a thousands separator), empty ones left out."""
    at = start
    for mark in _CLAUSE_MARK.finditer(masked, start, end):
        if mark.start() > at:
            yield at, mark.start()
        at = mark.end()
    if end > at:
        yield at, end
