"""libyaml's reading, tags and scalars in Python, for the pure-Python YAML parser: characters
counted as libyaml counts them (a BOM is one), refused as it reads them (a chunk at a time),
tags, block, quoted and plain scalars scanned by its rules, its words for every error.
"""

# PyYAML's stubs leave the Scanner's own methods untyped.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

import re

from yaml.error import Mark
from yaml.reader import ReaderError
from yaml.scanner import Scanner, ScannerError
from yaml.tokens import ScalarToken, TagToken

BLANK = " \t"
BREAK = "\r\n\x85\u2028\u2029"
BREAKZ = BREAK + "\0"
BLANKZ = BLANK + BREAKZ
_HEX = frozenset("0123456789ABCDEFabcdef")
ALPHA = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-")
_URI = ALPHA | frozenset(";/?:@&=+$.%!~*'()")
_ENDS_PLAIN_IN_FLOW = frozenset(",[]{}")
_DOCUMENT_MARKERS = ("---", "...")
_ESCAPES = {  # what follows a backslash in a double-quoted scalar, and what it stands for
    **dict(zip("0abtnvfre", "\0\x07\x08\t\n\x0b\x0c\r\x1b", strict=True)),
    **{"\t": "\t", " ": " ", '"': '"', "/": "/", "\\": "\\"},
    **{"N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"},
}
_CODE_LENGTHS = {"x": 2, "u": 4, "U": 8}
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CHUNK = 16384  # libyaml reads its input this many bytes at a time
_PLAIN_RUN = re.compile("[^\0 \t\r\n\x85\u2028\u2029:,\\[\\]{}]+")


class LibyamlScalars(Scanner):
    """PyYAML's Scanner reading and scanning scalars as libyaml does."""

    def _read(self, text: str, name: str) -> None:
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
        while self.peek() in BLANK:
            self.forward()
        if self.peek() == "#":
            while self.peek() not in BREAKZ:
                self.forward()
        if self.peek() not in BREAKZ:
            raise self._error(context, start_mark, "did not find expected comment or line break")
        self.scan_line_break()

    def _at_document_marker(self) -> bool:
        return self.column == 0 and self.prefix(3) in _DOCUMENT_MARKERS and self.peek(3) in BLANKZ

    # Tags.

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
        if self.peek() not in BLANKZ and (not self.flow_level or self.peek() != ","):
            problem = "did not find expected whitespace or line break"
            raise self._error("while scanning a tag", start_mark, problem)
        return TagToken((handle, suffix), start_mark, self.get_mark())

    def _tag_handle(self, directive: bool, start_mark: Mark) -> str:
        if self.peek() != "!":
            context = "while scanning a tag directive" if directive else "while scanning a tag"
            raise self._error(context, start_mark, "did not find expected '!'")
        length = 1
        while self.peek(length) in ALPHA:
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

    # Scalars.

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
            trailing_blank = self.peek() in BLANK
            if style == ">" and leading_break == "\n" and not leading_blank and not trailing_blank:
                if not trailing_breaks:
                    chunks.append(" ")
            else:
                chunks.append(leading_break)
            chunks.extend(trailing_breaks)
            leading_blank = trailing_blank
            length = 0
            while self.peek(length) not in BREAKZ:
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
            if self.peek() not in BREAK:
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
            while char not in BLANKZ:
                if single and char == "'" and self.peek(1) == "'":
                    chunks.append("'")
                    self.forward(2)
                elif char == style:
                    break
                elif single or char != "\\":
                    chunks.append(char)
                    self.forward()
                elif self.peek(1) in BREAK:  # an escaped line break
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
            while char not in BLANKZ:
                if char == ":":
                    if flow and self.peek(1) in ",?[]{}":
                        problem = "found unexpected ':'"
                        raise self._error("while scanning a plain scalar", start_mark, problem)
                    if self.peek(1) in BLANKZ:
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
            if char not in BLANK and char not in BREAK:
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
        while char in BLANK or char in BREAK:
            if char in BLANK:
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
