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


_REPORT_FOLD: dict[str, str] = dict(
    (pair[0], pair[1])
    for pair in (
        "別别 當当 現现 後后 對对 從从 擴扩 躍跃 貧贫 脫脱 術术 發发 "
        "專专 黨党 組组 織织 願愿 區区 農农 產产 營营 業业 資资 簽签 進进 稅税 財财 貿贸 "
        "額额 開开 經经 濟济 園园 廠厂 設设 備备 級级 際际 準准 規规 質质 實实 裝装 機机 "
        "線线 車车 電电 門门 領领 導导 體体 聯联 網网 動动 務务 歷历"
    ).split()
)
"""Traditional forms of the characters of the words the scan looks for besides the quantity
grammar's (grammar.FOLD): times (當年, 現在), lists (分別, 與), links (增長到), categories
(產值, 稅收) and zones (經濟技術開發區). One character to one, so offsets stay true."""

_FOLD_TABLE = str.maketrans({**_REPORT_FOLD, **grammar.FOLD})
_TO_FOLD = re.compile(f"[{re.escape(''.join(sorted({**_REPORT_FOLD, **grammar.FOLD})))}]")


def fold_text(text: str) -> str:
    """A report's text in simplified characters (the grammar's words and the scan's), of the
    same length; a text with nothing to fold is returned as it is."""
    if _TO_FOLD.search(text) is None:
        return text
    return text.translate(_FOLD_TABLE)
