"""The pure-Python YAML parser, for a PyYAML built without libyaml: PyYAML's Scanner and
Parser where they agree with libyaml, and libyaml's rules where they do not (tabs, a BOM at
the start of a line, the end of the last line, plain scalars in flow collections, block
scalars' indentation, directives, tags, nesting, the place of an empty key or value in a
flow collection), with libyaml's words for every error: its events are libyaml's.
"""

# PyYAML's stubs leave the Scanner's and Parser's own methods untyped.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from typing import Any

from yaml.error import Mark
from yaml.events import MappingEndEvent
from yaml.parser import Parser, ParserError
from yaml.scanner import Scanner, ScannerError
from yaml.tokens import (
    AnchorToken,
    DirectiveToken,
    FlowEntryToken,
    FlowMappingEndToken,
    FlowSequenceEndToken,
    KeyToken,
    StreamEndToken,
    ValueToken,
)

from zonestats.io.yaml_scan import ALPHA, BLANK, BLANKZ, BREAK, BREAKZ, LibyamlScalars

_NOT_PLAIN = frozenset(BLANKZ + "-?:,[]{}#&*!|>'\"%@`")
_LIBYAML_DEPTH = 1000  # levels of nesting libyaml scans at most
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


class PureParser(LibyamlScalars, Parser):
    """Events as libyaml gives them, from PyYAML's pure-Python scanner and parser."""

    def __init__(self, text: str, name: str) -> None:
        self._read(text, name)
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
        elif char == "-" and self.peek(1) in BLANKZ:
            self.fetch_block_entry()
        elif char == "?" and (flow or self.peek(1) in BLANKZ):
            self.fetch_key()
        elif char == ":" and (flow or self.peek(1) in BLANKZ):
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
            or (char == "-" and self.peek(1) not in BLANK)
            or (not flow and char in "?:" and self.peek(1) not in BLANKZ)
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
                while char not in BREAKZ:
                    self.forward()
                    char = self.peek()
            if char not in BREAK:
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
        while self.peek(length) in ALPHA:
            length += 1
        name = self.prefix(length)
        self.forward(length)
        context = "while scanning a directive"
        if not name:
            raise self._error(context, start_mark, "could not find expected directive name")
        if self.peek() not in BLANKZ:
            raise self._error(context, start_mark, "found unexpected non-alphabetical character")
        value: Any
        if name == "YAML":
            while self.peek() in BLANK:
                self.forward()
            major = self._version_number(start_mark)
            if self.peek() != ".":
                problem = "did not find expected digit or '.' character"
                raise self._error("while scanning a %YAML directive", start_mark, problem)
            self.forward()
            value = (major, self._version_number(start_mark))
        elif name == "TAG":
            while self.peek() in BLANK:
                self.forward()
            handle = self._tag_handle(True, start_mark)
            if self.peek() not in BLANK:
                problem = "did not find expected whitespace"
                raise self._error("while scanning a %TAG directive", start_mark, problem)
            while self.peek() in BLANK:
                self.forward()
            value = (handle, self._tag_uri(True, True, "", start_mark))
            if self.peek() not in BLANKZ:
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
        while self.peek(length) in ALPHA:
            length += 1
        value = self.prefix(length)
        self.forward(length)
        end_mark = self.get_mark()
        if not length or (self.peek() not in BLANKZ and self.peek() not in "?:,]}%@`"):
            context = (
                "while scanning an anchor"
                if TokenClass is AnchorToken
                else ("while scanning an alias")
            )
            problem = "did not find expected alphabetic or numeric character"
            raise self._error(context, start_mark, problem)
        return TokenClass(value, start_mark, end_mark)

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
