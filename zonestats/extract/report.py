"""A report's text and what it says of itself: title, publication date, publisher."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from zonestats.errors import DataError, Problem
from zonestats.io.text import read_text


@dataclass(slots=True)
class ReportText:
    """A report's text and what is known of it."""

    text: str
    title: str
    published: date | None
    publisher: str | None
    path: str = "<text>"


_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # below 32, not \t \n \r \f


def read_report(path: Path) -> str:
    """A report's UTF-8 text; a DataError for binary files (and the loader's encoding checks)."""
    text = read_text(path, reject_binary=True)
    controls = len(_CONTROLS.findall(text, 0, 65536))
    if controls > len(text[:65536]) // 100:
        message = "looks like a binary file, not a text report"
        raise DataError.at(Problem(str(path), "binary-file", message))
    return text


_DATE_LINE = re.compile(
    r"(?:发表|发布|更新)?(?:时间|日期)[:：]\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})"
)
_PUBLISHER = re.compile(r"来源[:：]\s*([^\s\n]{2,20})")


MAX_TITLE = 200
"""A title longer than this (a text without line breaks) is cut."""

_VISIBLE = re.compile(r"\S")
_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")  # as str.splitlines


def parse_report(text: str, published: date | None = None, path: str = "<text>") -> ReportText:
    """The text with its title (first line), publication date and publisher when it says them."""
    title = ""
    first = _VISIBLE.search(text)
    if first is not None:
        start = first.start()
        end = _LINE_BREAK.search(text, start)
        title = text[start : min(end.start() if end else len(text), start + MAX_TITLE)].rstrip()
    if published is None:
        found = _DATE_LINE.search(text[:2000])
        if found:
            try:
                published = date(*(int(g) for g in found.groups()))
            except ValueError:
                published = None
    publisher = _PUBLISHER.search(text[:2000])
    return ReportText(text, title, published, publisher.group(1) if publisher else None, path)
