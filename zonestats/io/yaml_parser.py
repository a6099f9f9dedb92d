"""Read YAML as plain text values with their positions, refusing what a dataset never needs.

Every scalar reaches the schema as the text written (``NO``, ``010``, ``1e3``, ``12:30`` and
bare dates stay strings; only an empty value, ``~`` and ``null`` are None). Anchors, aliases
and tags are refused and never constructed; duplicate keys, deep nesting and values longer
than a cell are problems, not silent surprises.

One loop builds the document from a parser's events, whichever parser it is: libyaml's when
PyYAML has it, and otherwise a pure-Python one that follows libyaml's rules (where a tab may
stand, where an error is reported), so that a file reads the same everywhere.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from zonestats.errors import Problem
from zonestats.io.limits import MAX_CELL
from zonestats.io.tree import Mapping, Sequence
from zonestats.io.yaml_pure import PureParser as _PureParser

MAX_DEPTH = 32
"""Deeper nesting than any dataset needs; refusing it keeps recursion bounded."""

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_PLAIN_TAGS = frozenset({"!", _STR, _NULL, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_MARKS = "&*!"  # the characters that start an anchor, an alias or a tag

try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    FAST = False
else:
    FAST = True

_AWAITING_KEY = object()  # a mapping's next item is a key
_SKIPPED = object()  # a mapping's next item is the value of a refused key: dropped


@contextmanager
def collections_paused() -> Iterator[None]:
    """Pause the garbage collector: a load allocates millions of objects and frees none, so
    collections would only walk them again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_yaml(text: str, path: str, *, pure: bool = False) -> tuple[Any, list[Problem]]:
    """Parse one YAML document into Mapping/Sequence/str/None values and a list of problems.

    A syntax error ends the parse and is the only problem; other problems are collected
    so that a user sees every one of them at once. libyaml parses unless PyYAML lacks it
    or ``pure`` asks for the pure-Python parser (which gives the same answer).
    """
    problems: list[Problem] = []
    fast = FAST and not pure
    with collections_paused():
        parser: Any = CParser(text) if fast else _PureParser(text, path)
        try:
            data = _build_from_events(parser.get_event, text, path, problems)
        except _TooDeep as deep:
            return None, [
                _problem(path, deep.mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
            ]
        except yaml.MarkedYAMLError as error:
            return None, [_syntax_problem(path, error)]
        except yaml.YAMLError as error:
            return None, [_reader_problem(path, text, error, in_bytes=fast)]
        finally:
            parser.dispose()
        if data is None and not problems:
            problems.append(Problem(path, "no-data", "the file holds no data", 1, 1))
        return data, problems


def _build_from_events(
    get: Callable[[], Any], text: str, path: str, problems: list[Problem]
) -> Any:
    """Build the document straight from a parser's events, with no node tree in between.

    Each container is placed in its parent when it opens; a stack holds the open ones with,
    for a mapping, the key waiting for its value.
    """
    # Long on purpose: one loop over the events, no call per event (but for the rare ones:
    # an anchor, alias or tag, a bad key, an overlong value, a second document), is what
    # makes libyaml's speed count on a dataset of a hundred thousand indicators. Only text
    # with an anchor's, alias's or tag's first character can have one: other text pays one
    # test of a local per event for them, and a value's length is one comparison.
    marked = any(mark in text for mark in _MARKS)
    longest = MAX_CELL
    get()  # the stream's start
    document = get()
    if type(document) is StreamEndEvent:
        return None
    root: Any = None
    stack: list[list[Any]] = []  # [container, key or _AWAITING_KEY or _SKIPPED, key's place]
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            value = event.value
            if marked and (event.anchor is not None or event.tag is not None):
                item = _marked_scalar(event, stack, path, problems)
            else:
                item = None if event.implicit[0] and value in _NULLS else value
            if len(value) > longest and item is not None:
                item = _too_long(event, item, stack, path, problems)
                if item is _SKIPPED:
                    continue
            opened = None
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise _TooDeep(event.start_mark)
            mark = event.start_mark
            if (
                marked
                and (event.anchor is not None or event.tag is not None)
                and _refused_collection(event, stack, path, problems)
            ):
                _skip(get, len(stack), path, problems)
                item = opened = None
            else:
                container = Mapping if kind is MappingStartEvent else Sequence
                item = opened = container(mark.line + 1, mark.column + 1)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
            continue
        elif kind is AliasEvent:
            problems.append(_problem(path, event.start_mark, "yaml-alias", _ALIASES))
            item = opened = None
        else:  # the document's end
            break
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        if not stack:
            root = item
        else:
            top = stack[-1]
            parent = top[0]
            if type(parent) is Sequence:
                parent.append(item)
                parent.positions.append(where)
            elif top[1] is _AWAITING_KEY:
                if kind is ScalarEvent and item is not None and item not in parent.positions:
                    top[1], top[2] = item, where
                else:
                    problems.append(_key_problem(path, item, parent, where))
                    top[1] = _SKIPPED
                    if opened is not None:  # a key that is a list or mapping is never read
                        _skip(get, len(stack), path, problems)
                        continue
            else:
                if top[1] is not _SKIPPED:
                    parent[top[1]] = item
                    parent.positions[top[1]] = top[2]
                    parent.value_positions[top[1]] = where
                top[1] = _AWAITING_KEY
        if opened is not None:
            stack.append([opened, _AWAITING_KEY, None])
    _end_of_stream(get(), document)
    return root


def _at_key(stack: list[list[Any]]) -> bool:
    return bool(stack) and type(stack[-1][0]) is Mapping and stack[-1][1] is _AWAITING_KEY


def _marked_scalar(event: Any, stack: list[list[Any]], path: str, problems: list[Problem]) -> Any:
    """A scalar with an anchor (refused, the value kept) or a tag: the non-specific `!` and
    the core tags of text and null are read as if not written; any other tag refuses the
    value (or, on a key, makes it no plain text)."""
    if event.anchor is not None:
        problems.append(_problem(path, event.start_mark, "yaml-alias", _ALIASES))
    tag = event.tag
    if tag is None:
        return None if event.implicit[0] and event.value in _NULLS else event.value
    if _at_key(stack):
        if tag == "!":
            return None if event.value in _NULLS else event.value
        return event.value if tag == _STR else None
    if tag not in _PLAIN_TAGS:
        message = f"tags such as {tag} are not allowed; remove it"
        problems.append(_problem(path, event.start_mark, "yaml-tag", message))
        return None
    if tag == _NULL or (tag == "!" and event.value in _NULLS):
        return None
    return event.value


def _refused_collection(
    event: Any, stack: list[list[Any]], path: str, problems: list[Problem]
) -> bool:
    """Whether a list or mapping with an anchor (refused, the contents kept) or a tag is
    refused whole: any tag but `!` and the core ones (a key is refused as a key instead)."""
    if event.anchor is not None:
        problems.append(_problem(path, event.start_mark, "yaml-alias", _ALIASES))
    tag = event.tag
    if tag is None or tag in _PLAIN_TAGS or _at_key(stack):
        return False
    message = f"tags such as {tag} are not allowed; remove it"
    problems.append(_problem(path, event.start_mark, "yaml-tag", message))
    return True


def _skip(get: Callable[[], Any], depth: int, path: str, problems: list[Problem]) -> None:
    """Pass over the contents of a refused list or mapping, which are never read; anchors
    and aliases in them are still refused, and nesting still bounded."""
    level = 1
    while level:
        event = get()
        kind = type(event)
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            if depth + level >= MAX_DEPTH:
                raise _TooDeep(event.start_mark)
            level += 1
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            level -= 1
            continue
        if kind is AliasEvent or event.anchor is not None:
            problems.append(_problem(path, event.start_mark, "yaml-alias", _ALIASES))


def _too_long(
    event: Any, value: str, stack: list[list[Any]], path: str, problems: list[Problem]
) -> Any:
    """A value longer than a cell: a problem, and None in its place (a key so long is
    dropped with its value)."""
    message = f"a value of {len(value):,} characters, more than the {MAX_CELL:,} a value may hold"
    problems.append(_problem(path, event.start_mark, "cell-too-long", message))
    if _at_key(stack):
        stack[-1][1] = _SKIPPED
        return _SKIPPED
    return None


def _key_problem(path: str, key: Any, mapping: Mapping, where: tuple[int, int]) -> Problem:
    """A key that is no plain text, or one the mapping has already."""
    if not isinstance(key, str):
        return Problem(path, "key-not-text", "a key must be plain text", *where)
    message = f"duplicate key '{key}' (first at line {mapping.positions[key][0]})"
    return Problem(path, "duplicate-key", message, *where)


def _end_of_stream(event: Any, document: Any) -> None:
    """Refuse a second document in the stream."""
    if type(event) is not StreamEndEvent:
        raise ComposerError(
            "expected a single document in the stream",
            document.start_mark,
            "but found another document",
            event.start_mark,
        )


_ALIASES = "anchors and aliases (&name, *name) are not allowed; write the value out"


class _TooDeep(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


def _problem(path: str, mark: Any, code: str, message: str) -> Problem:
    return Problem(path, code, message, mark.line + 1, mark.column + 1)


def _syntax_problem(path: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    words = " ".join(part for part in (error.context, error.problem) if part)
    message = f"YAML syntax error: {words or 'cannot parse'}"
    if mark is None:
        return Problem(path, "yaml-syntax", message)
    return _problem(path, mark, "yaml-syntax", message)


def _reader_problem(path: str, text: str, error: yaml.YAMLError, in_bytes: bool) -> Problem:
    """A character the reader refused; libyaml counts its position in UTF-8 bytes."""
    position = getattr(error, "position", None)
    if position is None:
        return Problem(path, "yaml-syntax", f"YAML error: {error}")
    if in_bytes:
        position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    char = getattr(error, "character", None)
    if isinstance(char, int):
        char = chr(char)
    what = f"character {char!r}" if isinstance(char, str) else "a character"
    message = f"{what} is not allowed in YAML; remove it"
    return Problem(path, "yaml-character", message, line, col)


_JSON_ONLY = re.compile("[\x7f-\x9f\ufffe\uffff]")
_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)


def json_as_yaml(text: str) -> str:
    """JSON text as YAML reads it to the same strings. Each pair of UTF-16 escapes
    (\\ud840\\udc00, how JSON writes a character beyond U+FFFF) becomes the one escape YAML
    reads (\\U00020000), as YAML refuses halves; raw characters JSON allows in a string and
    YAML does not (DEL, C1 controls, U+FFFE, U+FFFF) become escapes, as does NEL, a line break
    to YAML."""
    if _JSON_ONLY.search(text):
        text = _JSON_ONLY.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    if "\\u" not in text and "\\U" not in text:
        return text

    def joined(match: re.Match[str]) -> str:
        high, low = int(match.group(2), 16), int(match.group(3), 16)
        code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        return f"{match.group(1)}\\U{code:08x}"

    return _SURROGATE_PAIR.sub(joined, text)
