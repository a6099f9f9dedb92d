"""Read YAML as plain text values with their positions, refusing what a dataset never needs.

Every scalar reaches the schema as the text written (``NO``, ``010``, ``1e3``, ``12:30`` and
bare dates stay strings; only an empty value, ``~`` and ``null`` are None). Anchors, aliases
and tags are refused and never constructed; duplicate keys and deep nesting are problems,
not silent surprises. libyaml parses when it is present and the text holds none of the
characters that start an anchor, alias or tag; otherwise a checked pure-Python parser does.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml
from yaml.composer import Composer, ComposerError
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from zonestats.errors import Problem
from zonestats.io.tree import Mapping, Sequence

MAX_DEPTH = 32
"""Deeper nesting than any dataset needs; refusing it keeps recursion bounded."""

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN_TAGS = frozenset({_STR, _NULL, _SEQ, _MAP})
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class _Resolver(BaseResolver):
    """Resolves nothing implicitly except null: every other plain scalar is text."""


_Resolver.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _CheckedLoader(Reader, Scanner, Parser, Composer, _Resolver):
    """The pure-Python parser, watching the event stream for anchors, aliases and depth."""

    def __init__(self, text: str, path: str, problems: list[Problem]) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)
        self._path, self._problems, self._depth = path, problems, 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, AliasEvent):
            alias: Any = self.get_event()  # type: ignore[no-untyped-call]
            self._problems.append(_problem(self._path, alias.start_mark, "yaml-alias", _ALIASES))
            return ScalarNode(_NULL, "", alias.start_mark, alias.end_mark)
        if isinstance(event, ScalarEvent | CollectionStartEvent) and event.anchor is not None:
            self._problems.append(_problem(self._path, event.start_mark, "yaml-alias", _ALIASES))
            event.anchor = None  # composed as a plain node, so a later alias cannot reach it
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    FAST = False
else:
    FAST = True

_AWAITING_KEY = object()  # a mapping's next item is a key
_SKIPPED = object()  # a mapping's next item is the value of a refused key: dropped


def _build_from_events(text: str, path: str, problems: list[Problem]) -> Any:
    """Build the document straight from libyaml's events, with no node tree in between.

    Only for text without the characters that start an anchor, alias or tag, so that every
    scalar is plain text or null. Each container is placed in its parent when it opens; a
    stack holds the open ones with, for a mapping, the key waiting for its value.
    """
    # Long on purpose: one loop over the events, no call per event (but for a bad key),
    # is what makes libyaml's speed count on a dataset of a hundred thousand indicators.
    parser: Any = CParser(text)
    try:
        get = parser.get_event
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
                item = None if event.implicit[0] and event.value in _NULLS else event.value
                opened = None
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _TooDeep(event.start_mark)
                mark = event.start_mark
                container = Mapping if kind is MappingStartEvent else Sequence
                item = opened = container(mark.line + 1, mark.column + 1)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
                continue
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
    finally:
        parser.dispose()


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
_NEEDS_CHECKS = re.compile(r"[&*!]")


class _TooDeep(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


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


def read_yaml(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document into Mapping/Sequence/str/None values and a list of problems.

    A syntax error ends the parse and is the only problem; other problems are collected
    so that a user sees every one of them at once.
    """
    problems: list[Problem] = []
    with collections_paused():
        fast = FAST and not _NEEDS_CHECKS.search(text)
        try:
            if fast:
                data = _build_from_events(text, path, problems)
            else:
                node = _compose(text, path, problems)
                data = None if node is None else _construct(node, path, problems, 0)
        except _TooDeep as deep:
            return None, [
                _problem(path, deep.mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
            ]
        except yaml.MarkedYAMLError as error:
            return None, [_syntax_problem(path, error)]
        except yaml.YAMLError as error:
            return None, [_reader_problem(path, text, error, in_bytes=fast)]
        if data is None and not problems:
            problems.append(Problem(path, "no-data", "the file holds no data", 1, 1))
        return data, problems


def _compose(text: str, path: str, problems: list[Problem]) -> Node | None:
    loader = _CheckedLoader(text, path, problems)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _construct(node: Node, path: str, problems: list[Problem], depth: int) -> Any:
    if depth > MAX_DEPTH:
        problems.append(
            _problem(path, node.start_mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels")
        )
        return None
    if node.tag not in _PLAIN_TAGS:
        problems.append(
            _problem(
                path,
                node.start_mark,
                "yaml-tag",
                f"tags such as {node.tag} are not allowed; remove it",
            )
        )
        return None
    if isinstance(node, ScalarNode):
        return None if node.tag == _NULL else node.value
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, SequenceNode):
        items = Sequence(line, col)
        for item in node.value:
            items.append(_construct(item, path, problems, depth + 1))
            items.positions.append((item.start_mark.line + 1, item.start_mark.column + 1))
        return items
    assert isinstance(node, MappingNode)
    mapping = Mapping(line, col)
    for key_node, value_node in node.value:
        where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
            problems.append(Problem(path, "key-not-text", "a key must be plain text", *where))
            continue
        key = key_node.value
        if key in mapping.positions:
            first = mapping.positions[key][0]
            message = f"duplicate key '{key}' (first at line {first})"
            problems.append(Problem(path, "duplicate-key", message, *where))
            continue
        mapping[key] = _construct(value_node, path, problems, depth + 1)
        mapping.positions[key] = where
        mark = value_node.start_mark
        mapping.value_positions[key] = (mark.line + 1, mark.column + 1)
    return mapping


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
