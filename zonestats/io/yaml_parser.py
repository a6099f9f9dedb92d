# PyYAML's stubs leave the Scanner's and Parser's own methods untyped.
# mypy: disable-error-code="no-untyped-call"
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
from yaml.error import Mark
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.parser import Parser, ParserError
from yaml.reader import ReaderError
from yaml.scanner import Scanner, ScannerError
from yaml.tokens import (
    AnchorToken,
    DirectiveToken,
    FlowEntryToken,
    FlowMappingEndToken,
    FlowSequenceEndToken,
    KeyToken,
    ScalarToken,
    StreamEndToken,
    TagToken,
    ValueToken,
)

from zonestats.errors import Problem
from zonestats.io.limits import MAX_CELL
from zonestats.io.tree import Mapping, Sequence

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


# The pure-Python parser: PyYAML's Scanner and Parser where they agree with libyaml, libyaml's
# rules ported where they do not (tabs, a BOM at the start of a line, the end of the last
# line, plain scalars in flow collections, block scalars' indentation, directives, tags, the
# place of an empty key or value in a flow collection), and libyaml's words for every error.

_BLANK = " \t"
_BREAK = "\r\n\x85\u2028\u2029"
_BREAKZ = _BREAK + "\0"
_BLANKZ = _BLANK + _BREAKZ
_ALPHA = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-")
_HEX = frozenset("0123456789ABCDEFabcdef")
_URI = _ALPHA | frozenset(";/?:@&=+$.%!~*'()")
_NOT_PLAIN = frozenset(_BLANKZ + "-?:,[]{}#&*!|>'\"%@`")
_ENDS_PLAIN_IN_FLOW = frozenset(",[]{}")
_DOCUMENT_MARKERS = ("---", "...")
_ESCAPES = {  # what follows a backslash in a double-quoted scalar, and what it stands for
    **dict(zip("0abtnvfre", "\0\x07\x08\t\n\x0b\x0c\r\x1b", strict=True)),
    **{"\t": "\t", " ": " ", '"': '"', "/": "/", "\\": "\\"},
    **{"N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"},
}
_CODE_LENGTHS = {"x": 2, "u": 4, "U": 8}
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LIBYAML_DEPTH = 1000  # levels of nesting libyaml scans at most
_CHUNK = 16384  # libyaml reads its input this many bytes at a time
_PLAIN_RUN = re.compile("[^\0 \t\r\n\x85\u2028\u2029:,\\[\\]{}]+")
_IN_OTHER_WORDS = {  # PyYAML's words for an error, and libyaml's
    "sequence entries are not allowed here": (
        "block sequence entries are not allowed in this context"
    ),
    "mapping keys are not allowed here": "mapping keys are not allowed in this context",
    "mapping values are not allowed here": "mapping values are not allowed in this context",
    "expected '<document start>'": "did not find expected <document start>",
    "expected the node content": "did not find expected node content",
    "expected ',' or ']'": "did not find expected ',' or ']'",
    "found undefined tag handle": "found undefined tag handle",
    "expected <block end>": "did not find expected key",
}


class _PureParser(Scanner, Parser):
    """Events as libyaml gives them, from PyYAML's pure-Python scanner and parser."""

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        bad = _NOT_PRINTABLE.search(text)
        self._bad: tuple[int, str] | None = None
        if bad is None:
            self.buffer = text + "\0"
        else:
            # libyaml reads its input a chunk of bytes at a time (from the first character
            # the last one left incomplete), checking the characters as it reads them: the
            # parse goes on up to the chunk that holds the one it refuses.
            self._bad = bad.start(), bad.group()
            encoded = text.encode("utf-8")
            bad_end = len(text[: bad.start() + 1].encode("utf-8"))
            start, end = 0, _CHUNK
            while end < bad_end:
                start = end
                while encoded[start] & 0xC0 == 0x80:  # in the middle of a character
                    start -= 1
                end = start + _CHUNK
            self.buffer = encoded[:start].decode("utf-8")
        self.pointer = 1 if text.startswith("\ufeff") else 0  # the BOM that opens a stream
        self.index = self.line = self.column = 0
        self.encoding = None
        Scanner.__init__(self)
        Parser.__init__(self)

    def get_event(self) -> Any:
        try:
            return super().get_event()
        except (ScannerError, ParserError) as error:
            problem = error.problem or ""
            if error.context == "while parsing a block collection":
                error.problem = "did not find expected '-' indicator"
            else:
                for words, libyaml_words in _IN_OTHER_WORDS.items():
                    if problem.startswith(words):
                        error.problem = libyaml_words
                        break
            raise

    # The reader: characters counted as libyaml counts them (a BOM is one, a tab is one).

    def _past_the_end(self) -> str:
        if self._bad is None:
            return "\0"
        position, char = self._bad
        reason = "control characters are not allowed"
        raise ReaderError(self.name, position, ord(char), "utf-8", reason)

    def peek(self, index: int = 0) -> str:
        try:
            return self.buffer[self.pointer + index]
        except IndexError:
            return self._past_the_end()

    def prefix(self, length: int = 1) -> str:
        if self.pointer + length > len(self.buffer):
            self._past_the_end()
        return self.buffer[self.pointer : self.pointer + length]

    def forward(self, length: int = 1) -> None:
        for _ in range(length):
            char = self.peek()
            self.pointer += 1
            self.index += 1
            if char in "\n\x85\u2028\u2029" or (char == "\r" and self.peek() != "\n"):
                self.line += 1
                self.column = 0
            else:
                self.column += 1

    def get_mark(self) -> Mark:
        return Mark(self.name, self.index, self.line, self.column, None, 0)

    def _error(self, context: str, start_mark: Mark, problem: str) -> ScannerError:
        return ScannerError(context, start_mark, problem, self.get_mark())

    def _skip_to_line_end(self, context: str, start_mark: Mark) -> None:
        while self.peek() in _BLANK:
            self.forward()
        if self.peek() == "#":
            while self.peek() not in _BREAKZ:
                self.forward()
        if self.peek() not in _BREAKZ:
            raise self._error(context, start_mark, "did not find expected comment or line break")
        self.scan_line_break()

    def _at_document_marker(self) -> bool:
        return self.column == 0 and self.prefix(3) in _DOCUMENT_MARKERS and self.peek(3) in _BLANKZ

    # The scanner.

    def fetch_more_tokens(self) -> None:
        self.scan_to_next_token()
        self.stale_possible_simple_keys()
        self.unwind_indent(self.column)
        self.peek(3)  # libyaml reads four characters ahead here (a refused one stops it)
        char = self.peek()
        flow = self.flow_level
        if char == "\0":
            self.fetch_stream_end()
        elif char == "%" and self.column == 0:
            self.fetch_directive()
        elif char == "-" and self._at_document_marker():
            self.fetch_document_start()
        elif char == "." and self._at_document_marker():
            self.fetch_document_end()
        elif char == "[":
            self.fetch_flow_sequence_start()
        elif char == "{":
            self.fetch_flow_mapping_start()
        elif char == "]":
            self.fetch_flow_sequence_end()
        elif char == "}":
            self.fetch_flow_mapping_end()
        elif char == ",":
            self.fetch_flow_entry()
        elif char == "-" and self.peek(1) in _BLANKZ:
            self.fetch_block_entry()
        elif char == "?" and (flow or self.peek(1) in _BLANKZ):
            self.fetch_key()
        elif char == ":" and (flow or self.peek(1) in _BLANKZ):
            self.fetch_value()
        elif char == "*":
            self.fetch_alias()
        elif char == "&":
            self.fetch_anchor()
        elif char == "!":
            self.fetch_tag()
        elif char == "|" and not flow:
            self.fetch_literal()
        elif char == ">" and not flow:
            self.fetch_folded()
        elif char == "'":
            self.fetch_single()
        elif char == '"':
            self.fetch_double()
        elif (
            char not in _NOT_PLAIN
            or (char == "-" and self.peek(1) not in _BLANK)
            or (not flow and char in "?:" and self.peek(1) not in _BLANKZ)
        ):
            self.fetch_plain()
        else:
            mark = self.get_mark()
            context = "while scanning for the next token"
            raise ScannerError(context, mark, "found character that cannot start any token", mark)

    def scan_to_next_token(self) -> None:
        # Tabs separate tokens in a flow collection and after a token on the line, never
        # at a line's start nor after '-', '?' or ':'; a BOM may start any line.
        while True:
            if self.column == 0 and self.peek() == "\ufeff":
                self.forward()
            char = self.peek()
            while char == " " or (char == "\t" and (self.flow_level or not self.allow_simple_key)):
                self.forward()
                char = self.peek()
            if char == "#":
                while char not in _BREAKZ:
                    self.forward()
                    char = self.peek()
            if char not in _BREAK:
                return
            self.scan_line_break()
            if not self.flow_level:
                self.allow_simple_key = True

    def fetch_stream_end(self) -> None:
        if self.column:  # libyaml ends the last line
            self.column = 0
            self.line += 1
        self.unwind_indent(-1)
        self.remove_possible_simple_key()
        self.allow_simple_key = False
        mark = self.get_mark()
        self.tokens.append(StreamEndToken(mark, mark))
        self.done = True
        self.stale_possible_simple_keys()  # a key still required on an outer level is missed

    # libyaml refuses a thousand levels of nesting as it scans them, before any event.

    def add_indent(self, column: int) -> bool:
        if self.indent < column and len(self.indents) + self.flow_level >= _LIBYAML_DEPTH - 1:
            mark = self.get_mark()
            context = "while increasing block level"
            raise ScannerError(context, mark, "exceeded maximum nesting depth", mark)
        return super().add_indent(column)

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        self.save_possible_simple_key()
        if len(self.indents) + self.flow_level >= _LIBYAML_DEPTH:
            mark = self.get_mark()
            context = "while increasing flow level"
            raise ScannerError(context, mark, "exceeded maximum nesting depth", mark)
        self.flow_level += 1
        self.allow_simple_key = True
        start_mark = self.get_mark()
        self.forward()
        self.tokens.append(TokenClass(start_mark, self.get_mark()))

    def fetch_flow_collection_end(self, TokenClass: Any) -> None:
        self.remove_possible_simple_key()
        if self.flow_level:  # a stray ']' or '}' leaves the block context as it is
            self.flow_level -= 1
        self.allow_simple_key = False
        start_mark = self.get_mark()
        self.forward()
        self.tokens.append(TokenClass(start_mark, self.get_mark()))

    def scan_directive(self) -> DirectiveToken:
        start_mark = self.get_mark()
        self.forward()
        length = 0
        while self.peek(length) in _ALPHA:
            length += 1
        name = self.prefix(length)
        self.forward(length)
        context = "while scanning a directive"
        if not name:
            raise self._error(context, start_mark, "could not find expected directive name")
        if self.peek() not in _BLANKZ:
            raise self._error(context, start_mark, "found unexpected non-alphabetical character")
        value: Any
        if name == "YAML":
            while self.peek() in _BLANK:
                self.forward()
            major = self._version_number(start_mark)
            if self.peek() != ".":
                problem = "did not find expected digit or '.' character"
                raise self._error("while scanning a %YAML directive", start_mark, problem)
            self.forward()
            value = (major, self._version_number(start_mark))
        elif name == "TAG":
            while self.peek() in _BLANK:
                self.forward()
            handle = self._tag_handle(True, start_mark)
            if self.peek() not in _BLANK:
                problem = "did not find expected whitespace"
                raise self._error("while scanning a %TAG directive", start_mark, problem)
            while self.peek() in _BLANK:
                self.forward()
            value = (handle, self._tag_uri(True, True, "", start_mark))
            if self.peek() not in _BLANKZ:
                problem = "did not find expected whitespace or line break"
                raise self._error("while scanning a %TAG directive", start_mark, problem)
        else:
            raise self._error(context, start_mark, "found unknown directive name")
        end_mark = self.get_mark()
        self._skip_to_line_end(context, start_mark)
        return DirectiveToken(name, value, start_mark, end_mark)

    def _version_number(self, start_mark: Mark) -> int:
        length = 0
        while self.peek(length) in "0123456789":
            length += 1
            if length > 9:
                self.forward(length - 1)
                problem = "found extremely long version number"
                raise self._error("while scanning a %YAML directive", start_mark, problem)
        if not length:
            problem = "did not find expected version number"
            raise self._error("while scanning a %YAML directive", start_mark, problem)
        number = int(self.prefix(length))
        self.forward(length)
        return number

    def scan_anchor(self, TokenClass: Any) -> Any:
        start_mark = self.get_mark()
        self.forward()
        length = 0
        while self.peek(length) in _ALPHA:
            length += 1
        value = self.prefix(length)
        self.forward(length)
        end_mark = self.get_mark()
        if not length or (self.peek() not in _BLANKZ and self.peek() not in "?:,]}%@`"):
            context = (
                "while scanning an anchor"
                if TokenClass is AnchorToken
                else ("while scanning an alias")
            )
            problem = "did not find expected alphabetic or numeric character"
            raise self._error(context, start_mark, problem)
        return TokenClass(value, start_mark, end_mark)

    def scan_tag(self) -> TagToken:
        start_mark = self.get_mark()
        handle: str | None
        if self.peek(1) == "<":
            handle = None
            self.forward(2)
            suffix = self._tag_uri(True, False, "", start_mark)
            if self.peek() != ">":
                raise self._error(
                    "while scanning a tag", start_mark, "did not find the expected '>'"
                )
            self.forward()
        else:
            handle = self._tag_handle(False, start_mark)
            if len(handle) > 1 and handle[-1] == "!":
                suffix = self._tag_uri(False, False, "", start_mark)
            else:
                suffix = self._tag_uri(False, False, handle, start_mark)
                handle = "!"
                if not suffix:  # the non-specific tag
                    handle, suffix = None, "!"
        if self.peek() not in _BLANKZ and (not self.flow_level or self.peek() != ","):
            problem = "did not find expected whitespace or line break"
            raise self._error("while scanning a tag", start_mark, problem)
        return TagToken((handle, suffix), start_mark, self.get_mark())

    def _tag_handle(self, directive: bool, start_mark: Mark) -> str:
        if self.peek() != "!":
            context = "while scanning a tag directive" if directive else "while scanning a tag"
            raise self._error(context, start_mark, "did not find expected '!'")
        length = 1
        while self.peek(length) in _ALPHA:
            length += 1
        if self.peek(length) == "!":
            length += 1
        handle = self.prefix(length)
        self.forward(length)
        if directive and handle != "!" and handle[-1] != "!":
            raise self._error(
                "while parsing a tag directive", start_mark, "did not find expected '!'"
            )
        return handle

    def _tag_uri(self, verbatim: bool, directive: bool, head: str, start_mark: Mark) -> str:
        context = "while parsing a %TAG directive" if directive else "while parsing a tag"
        length = len(head)
        chunks = [head[1:]]
        char = self.peek()
        while char in _URI or (verbatim and char in ",[]"):
            if char == "%":
                chunks.append(self._uri_escapes(context, start_mark))
            else:
                chunks.append(char)
                self.forward()
            length += 1
            char = self.peek()
        if not length:
            raise self._error(context, start_mark, "did not find expected tag URI")
        return "".join(chunks)

    def _uri_escapes(self, context: str, start_mark: Mark) -> str:
        octets = bytearray()
        width = 0
        while True:
            if not (self.peek() == "%" and self.peek(1) in _HEX and self.peek(2) in _HEX):
                raise self._error(context, start_mark, "did not find URI escaped octet")
            octet = int(self.prefix(3)[1:], 16)
            if not width:
                width = (
                    1
                    if octet < 0x80
                    else 2
                    if octet >> 5 == 6
                    else 3
                    if octet >> 4 == 14
                    else 4
                    if octet >> 3 == 30
                    else 0
                )
                if not width:
                    raise self._error(context, start_mark, "found an incorrect leading UTF-8 octet")
            elif octet >> 6 != 2:
                raise self._error(context, start_mark, "found an incorrect trailing UTF-8 octet")
            octets.append(octet)
            self.forward(3)
            width -= 1
            if not width:
                return octets.decode("utf-8", "replace")

    def scan_block_scalar(self, style: str) -> ScalarToken:
        context = "while scanning a block scalar"
        start_mark = self.get_mark()
        self.forward()
        chomping = increment = 0
        for _ in range(2):  # a chomping indicator and an indentation one, in either order
            char = self.peek()
            if char in "+-" and not chomping:
                chomping = 1 if char == "+" else -1
            elif char in "0123456789" and not increment:
                if char == "0":
                    problem = "found an indentation indicator equal to 0"
                    raise self._error(context, start_mark, problem)
                increment = int(char)
            else:
                break
            self.forward()
        self._skip_to_line_end(context, start_mark)
        indent = 0
        if increment:
            indent = self.indent + increment if self.indent >= 0 else increment
        indent, trailing_breaks, end_mark = self._block_scalar_breaks(indent, start_mark)
        chunks: list[str] = []
        leading_break = ""
        leading_blank = False
        while self.column == indent and self.peek() != "\0":
            trailing_blank = self.peek() in _BLANK
            if style == ">" and leading_break == "\n" and not leading_blank and not trailing_blank:
                if not trailing_breaks:
                    chunks.append(" ")
            else:
                chunks.append(leading_break)
            chunks.extend(trailing_breaks)
            leading_blank = trailing_blank
            length = 0
            while self.peek(length) not in _BREAKZ:
                length += 1
            chunks.append(self.prefix(length))
            self.forward(length)
            leading_break = self.scan_line_break()
            indent, trailing_breaks, end_mark = self._block_scalar_breaks(indent, start_mark)
        if chomping != -1:
            chunks.append(leading_break)
        if chomping == 1:
            chunks.extend(trailing_breaks)
        return ScalarToken("".join(chunks), False, start_mark, end_mark, style)

    def _block_scalar_breaks(self, indent: int, start_mark: Mark) -> tuple[int, list[str], Mark]:
        max_indent = 0
        breaks = []
        end_mark = self.get_mark()
        while True:
            while (not indent or self.column < indent) and self.peek() == " ":
                self.forward()
            max_indent = max(max_indent, self.column)
            if (not indent or self.column < indent) and self.peek() == "\t":
                problem = "found a tab character where an indentation space is expected"
                raise self._error("while scanning a block scalar", start_mark, problem)
            if self.peek() not in _BREAK:
                break
            breaks.append(self.scan_line_break())
            end_mark = self.get_mark()
        if not indent:
            indent = max(max_indent, self.indent + 1, 1)
        return indent, breaks, end_mark

    def scan_flow_scalar(self, style: str) -> ScalarToken:
        single = style == "'"
        chunks: list[str] = []
        start_mark = self.get_mark()
        self.forward()
        while True:
            if self._at_document_marker():
                problem = "found unexpected document indicator"
                raise self._error("while scanning a quoted scalar", start_mark, problem)
            if self.peek() == "\0":
                problem = "found unexpected end of stream"
                raise self._error("while scanning a quoted scalar", start_mark, problem)
            leading_blanks = False
            char = self.peek()
            while char not in _BLANKZ:
                if single and char == "'" and self.peek(1) == "'":
                    chunks.append("'")
                    self.forward(2)
                elif char == style:
                    break
                elif single or char != "\\":
                    chunks.append(char)
                    self.forward()
                elif self.peek(1) in _BREAK:  # an escaped line break
                    self.forward()
                    self.scan_line_break()
                    leading_blanks = True
                    break
                else:
                    chunks.append(self._escape(start_mark))
                char = self.peek()
            if self.peek() == style:
                break
            chunks.extend(self._blanks(leading_blanks, -1, start_mark)[1])
        self.forward()
        return ScalarToken("".join(chunks), False, start_mark, self.get_mark(), style)

    def _escape(self, start_mark: Mark) -> str:
        context = "while parsing a quoted scalar"
        escape = self.peek(1)
        if escape in _ESCAPES:
            self.forward(2)
            return _ESCAPES[escape]
        if escape not in _CODE_LENGTHS:
            raise self._error(context, start_mark, "found unknown escape character")
        self.forward(2)
        length = _CODE_LENGTHS[escape]
        for k in range(length):
            if self.peek(k) not in _HEX:
                raise self._error(context, start_mark, "did not find expected hexdecimal number")
        code = int(self.prefix(length), 16)
        if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            raise self._error(context, start_mark, "found invalid Unicode character escape code")
        self.forward(length)
        return chr(code)

    def scan_plain(self) -> ScalarToken:
        chunks: list[str] = []
        start_mark = end_mark = self.get_mark()
        indent = self.indent + 1
        flow = self.flow_level
        leading_blanks = False
        spaces: list[str] = []  # what the blanks before the next words stand for
        while not self._at_document_marker():
            char = self.peek()
            if char == "#":
                break
            while char not in _BLANKZ:
                if char == ":":
                    if flow and self.peek(1) in ",?[]{}":
                        problem = "found unexpected ':'"
                        raise self._error("while scanning a plain scalar", start_mark, problem)
                    if self.peek(1) in _BLANKZ:
                        break
                elif flow and char in _ENDS_PLAIN_IN_FLOW:
                    break
                chunks.extend(spaces)
                spaces, leading_blanks = [], False
                run = _PLAIN_RUN.match(self.buffer, self.pointer)
                length = run.end() - self.pointer if run else 1
                chunks.append(self.prefix(length))
                self.pointer += length  # no line break in the run: only the column moves
                self.index += length
                self.column += length
                end_mark = self.get_mark()
                char = self.peek()
            if char not in _BLANK and char not in _BREAK:
                break
            leading_blanks, spaces = self._blanks(False, indent, start_mark)
            if not flow and self.column < indent:
                break
        if leading_blanks:
            self.allow_simple_key = True
        return ScalarToken("".join(chunks), True, start_mark, end_mark)

    def _blanks(
        self, leading_blanks: bool, indent: int, start_mark: Mark
    ) -> tuple[bool, list[str]]:
        """The blanks and line breaks after a flow or plain scalar's words: whether there was
        a line break, and what they stand for (a space, the breaks after the first, or the
        blanks themselves). A tab before `indent` on a plain scalar's next line is refused."""
        whitespaces: list[str] = []
        leading_break = ""
        trailing_breaks: list[str] = []
        char = self.peek()
        while char in _BLANK or char in _BREAK:
            if char in _BLANK:
                if leading_blanks and char == "\t" and self.column < indent:
                    problem = "found a tab character that violates indentation"
                    raise self._error("while scanning a plain scalar", start_mark, problem)
                if not leading_blanks:
                    whitespaces.append(char)
                self.forward()
            elif not leading_blanks:
                whitespaces = []
                leading_break = self.scan_line_break()
                leading_blanks = True
            else:
                trailing_breaks.append(self.scan_line_break())
            char = self.peek()
        if not leading_blanks:
            return False, whitespaces
        if leading_break == "\n":
            return True, trailing_breaks or [" "]
        return True, [leading_break, *trailing_breaks]

    # The parser.

    def process_directives(self) -> Any:
        self.yaml_version = None
        self.tag_handles = {}
        while self.check_token(DirectiveToken):
            token = self.peek_token()
            if token.name == "YAML":
                if self.yaml_version is not None:
                    raise ParserError(
                        None, None, "found duplicate %YAML directive", token.start_mark
                    )
                if token.value[0] != 1 or token.value[1] not in (1, 2):
                    raise ParserError(
                        None, None, "found incompatible YAML document", token.start_mark
                    )
                self.yaml_version = token.value
            else:
                handle, prefix = token.value
                if handle in self.tag_handles:
                    raise ParserError(
                        None, None, "found duplicate %TAG directive", token.start_mark
                    )
                self.tag_handles[handle] = prefix
            self.get_token()
        value = self.yaml_version, (self.tag_handles.copy() if self.tag_handles else None)
        for handle, prefix in self.DEFAULT_TAGS.items():
            self.tag_handles.setdefault(handle, prefix)
        return value

    # Where libyaml puts an empty key or value in a flow collection: at the next token.

    def parse_flow_sequence_entry_mapping_key(self) -> Any:
        self.get_token()
        if not self.check_token(ValueToken, FlowEntryToken, FlowSequenceEndToken):
            self.states.append(self.parse_flow_sequence_entry_mapping_value)
            return self.parse_flow_node()
        self.state = self.parse_flow_sequence_entry_mapping_value
        token = self.peek_token()
        if self.check_token(FlowSequenceEndToken):
            return self.process_empty_scalar(token.start_mark)
        self.get_token()  # libyaml passes over a ':' or ',' right after '?' here
        return self.process_empty_scalar(token.end_mark)

    def parse_flow_sequence_entry_mapping_value(self) -> Any:
        if self.check_token(ValueToken):
            self.get_token()
            if not self.check_token(FlowEntryToken, FlowSequenceEndToken):
                self.states.append(self.parse_flow_sequence_entry_mapping_end)
                return self.parse_flow_node()
        self.state = self.parse_flow_sequence_entry_mapping_end
        return self.process_empty_scalar(self.peek_token().start_mark)

    def parse_flow_mapping_key(self, first: bool = False) -> Any:
        if not self.check_token(FlowMappingEndToken):
            if not first:
                if not self.check_token(FlowEntryToken):
                    raise ParserError(
                        "while parsing a flow mapping",
                        self.marks[-1],
                        "did not find expected ',' or '}'",
                        self.peek_token().start_mark,
                    )
                self.get_token()
            if self.check_token(KeyToken):
                self.get_token()
                if not self.check_token(ValueToken, FlowEntryToken, FlowMappingEndToken):
                    self.states.append(self.parse_flow_mapping_value)
                    return self.parse_flow_node()
                self.state = self.parse_flow_mapping_value
                return self.process_empty_scalar(self.peek_token().start_mark)
            if not self.check_token(FlowMappingEndToken):
                self.states.append(self.parse_flow_mapping_empty_value)
                return self.parse_flow_node()
        token = self.get_token()
        self.state = self.states.pop()
        self.marks.pop()
        return MappingEndEvent(token.start_mark, token.end_mark)

    def parse_flow_mapping_value(self) -> Any:
        if self.check_token(ValueToken):
            self.get_token()
            if not self.check_token(FlowEntryToken, FlowMappingEndToken):
                self.states.append(self.parse_flow_mapping_key)
                return self.parse_flow_node()
        self.state = self.parse_flow_mapping_key
        return self.process_empty_scalar(self.peek_token().start_mark)
