"""Hypothesis strategies for the fuzz suite: quantities as reports write them (and as nobody
writes them), hostile text values, mutated datasets in every input format, report texts.

Every word comes from the quantity grammar (zonestats.model.grammar) in every spelling, so
that what the parser is asked to read grows with the grammar.
"""

from __future__ import annotations

import functools
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from zonestats.model import grammar

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

# ---- the grammar's words, every spelling ----------------------------------------------------


def _spelled(words: Any) -> list[str]:
    return sorted({s for word in words for s in grammar.spellings(word)}, key=lambda s: (len(s), s))


ASCII_DIGITS = "0123456789"
FULLWIDTH_DIGITS = "０１２３４５６７８９"
OTHER_DIGITS = (
    "٠١٢٣٤٥٦٧٨٩"  # Arabic-Indic: Unicode decimal digits
    "०१२३४५६७८९"  # Devanagari
    "𝟎𝟏𝟐𝟑𝟗"  # mathematical bold
    "¹²³⁴⁰"  # superscripts: digits to str.isdigit, not decimals
    "①②⑩⑳"  # circled numbers
    "ⅫⅣ½¾"  # roman numerals and vulgar fractions: numeric, not digits
    "〡〢〣"  # Hangzhou numerals
)
CHINESE_DIGITS = _spelled(grammar.DIGITS)  # 零〇一二两兩三…
FINANCIAL_DIGITS = _spelled(grammar.FINANCIAL_DIGITS)  # 壹贰貳叁叄肆…
SMALL_UNITS = _spelled(grammar.SMALL_UNITS)  # 十百千
FINANCIAL_SMALL_UNITS = _spelled(grammar.FINANCIAL_SMALL_UNITS)  # 拾佰仟
MAGNITUDES = _spelled(grammar.MAGNITUDES)  # 万萬亿億兆万亿…
SOME = _spelled(grammar.SOME)  # 数數几幾
DECIMAL_POINTS = [grammar.DECIMAL_POINT, "點", ".", "．"]
BEFORE_WORDS = _spelled(w for w, _ in grammar.BEFORE_WORDS)
AFTER_WORDS = _spelled(w for w, _ in grammar.AFTER_WORDS)
NEUTRAL_WORDS = _spelled(grammar.NEUTRAL_WORDS)
UNITS = _spelled(grammar.UNITS) + ["％", "kg", "TEU", "MW", "元/亩", "万元/亩", "人次/年"]
FRACTIONS = list(grammar.FRACTIONS)  # 百分之, 千分之
SIGNS = list(grammar.SIGNS) + ["－", "＋", "负", "負"]
TENTHS = grammar.TENTHS  # 成

QUANTITY_TOKENS = [
    *ASCII_DIGITS,
    *FULLWIDTH_DIGITS,
    *CHINESE_DIGITS,
    *FINANCIAL_DIGITS,
    *SMALL_UNITS,
    *FINANCIAL_SMALL_UNITS,
    *MAGNITUDES,
    *SOME,
    *DECIMAL_POINTS,
    *BEFORE_WORDS,
    *AFTER_WORDS,
    *NEUTRAL_WORDS,
    *UNITS,
    *FRACTIONS,
    *SIGNS,
    TENTHS,
    grammar.MAJOR,
    ",",
    "，",
    " ",
    "\u3000",
    "/",
    "第",
    "位",
]
"""Every piece a quantity is made of, for token soups."""

# ---- numbers written as reports write them ---------------------------------------------------


def chinese_numeral(number: int, financial: bool = False, two: str = "二") -> str:
    """A whole number below 10^16 in Chinese numerals: 1110 -> 一千一百一十, 30005 -> 三万零五."""
    digits = list("零壹贰叁肆伍陆柒捌玖") if financial else list("零一二三四五六七八九")
    small = ["", *("拾佰仟" if financial else "十百千")]
    if not financial:
        digits[2] = two
    if number == 0:
        return digits[0]

    def section(value: int) -> str:
        out, zero = "", False
        for place in (3, 2, 1, 0):
            digit = value // 10**place % 10
            if digit:
                if zero and out:
                    out += digits[0]
                zero = False
                # 两 stands for 2 before 百 and 千 only (两百, 两千; 十二, 一百零二).
                spoken = "二" if digit == 2 and place < 2 and not financial else digits[digit]
                out += spoken + small[place]
            elif out:
                zero = True
        return out

    parts: list[str] = []
    pending_zero = False
    for magnitude, word in ((10**12, "万亿"), (10**8, "亿"), (10**4, "万"), (1, "")):
        value = number // magnitude % 10**4 if magnitude < 10**12 else number // magnitude
        if value:
            text = section(value)
            if parts and (pending_zero or value < 1000):
                text = digits[0] + text
            parts.append(text + word)
            pending_zero = False
        elif parts:
            pending_zero = True
    return "".join(parts)


@dataclass(frozen=True)
class KnownFigure:
    """A figure written one way with the value, unit and qualifier a reader gets from it."""

    written: str
    value: float
    unit: str | None
    qualifier: str


_QUALIFIER_BEFORE = {w: q for w, q in grammar.BEFORE_WORDS}
_QUALIFIER_AFTER = {w: q for w, q in grammar.AFTER_WORDS}


@st.composite
def known_figures(draw: st.DrawFn) -> KnownFigure:
    """Well-formed figures whose value is known: a whole number in Arabic, full-width or
    Chinese (simplified, financial, traditional) numerals, an optional magnitude, unit and
    one qualifier word before or after."""
    number = draw(st.integers(0, 10**8))
    style = draw(st.sampled_from(["arabic", "fullwidth", "chinese", "financial", "thousands"]))
    if style == "arabic":
        text = str(number)
    elif style == "fullwidth":
        text = str(number).translate(str.maketrans(ASCII_DIGITS, FULLWIDTH_DIGITS))
    elif style == "thousands":
        text = f"{number:,}"
    elif style == "financial":
        text = chinese_numeral(number, financial=True)
    else:
        text = chinese_numeral(number, two=draw(st.sampled_from(["二", "两"])))
    if style in ("chinese", "financial") and draw(st.booleans()):
        text = _traditionalise((text, draw(st.randoms(use_true_random=False))))  # 兩萬, 貳
    magnitude = draw(st.sampled_from(["", "万", "亿", "萬", "億"]))
    multiplier = {"": 1, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}[magnitude]
    if magnitude and style in ("chinese", "financial") and (number >= 10**4 or number == 0):
        magnitude, multiplier = "", 1  # 一万万 is not a number
    unit = draw(st.sampled_from([None, "个", "家", "元", "台", "人", "亩", "吨", "%", "位"]))
    qualifier, before, after = "exact", "", ""
    side = draw(st.sampled_from(["none", "before", "after"]))
    if side == "before":
        before = draw(st.sampled_from(sorted(_QUALIFIER_BEFORE)))
        qualifier = _QUALIFIER_BEFORE[before]
    elif side == "after" and unit is not None:
        after = draw(st.sampled_from(["以上", "以下", "左右", "以内", "上下"]))
        qualifier = _QUALIFIER_AFTER[after]
    written = f"{before}{text}{magnitude}{unit or ''}{after}"
    return KnownFigure(written, float(number * multiplier), unit, qualifier)


def _arabic_number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(0, 10**20).map(str),
        st.decimals(0, 10**9, places=4, allow_nan=False, allow_infinity=False).map(str),
        st.integers(0, 10**12).map(lambda n: f"{n:,}"),
        st.integers(0, 10**9).map(
            lambda n: str(n).translate(str.maketrans(ASCII_DIGITS, FULLWIDTH_DIGITS))
        ),
        st.text(
            st.sampled_from(ASCII_DIGITS + FULLWIDTH_DIGITS + OTHER_DIGITS), min_size=1, max_size=12
        ),
    )


def _chinese_number() -> st.SearchStrategy[str]:
    whole = st.builds(
        chinese_numeral,
        st.integers(0, 10**15),
        st.booleans(),
        st.sampled_from(["二", "两"]),
    )
    spelled = st.tuples(whole, st.randoms(use_true_random=False)).map(_traditionalise)
    digit_by_digit = st.text(st.sampled_from(CHINESE_DIGITS), min_size=1, max_size=6)  # 二〇二一
    decimal = st.tuples(whole, st.sampled_from(DECIMAL_POINTS), digit_by_digit).map("".join)
    some = st.tuples(
        st.sampled_from(["", *SOME]),
        st.sampled_from(SMALL_UNITS),
        st.sampled_from(["", *SOME, *CHINESE_DIGITS]),
    ).map("".join)  # 数十, 十几, 几百
    tenths = st.tuples(
        st.sampled_from(CHINESE_DIGITS + list(ASCII_DIGITS)),
        st.just(TENTHS),
        st.sampled_from(["", *CHINESE_DIGITS]),
    ).map("".join)  # 八成五
    fraction = st.tuples(st.sampled_from(FRACTIONS), whole).map("".join)  # 百分之三十
    return st.one_of(whole, spelled, digit_by_digit, decimal, some, tenths, fraction)


def _traditionalise(args: tuple[str, random.Random]) -> str:
    text, rnd = args
    table: dict[str, list[str]] = {}
    for old, new in grammar.FOLD.items():
        table.setdefault(new, []).append(old)
    return "".join(rnd.choice([c, *table.get(c, [])]) for c in text)


def well_formed_quantities() -> st.SearchStrategy[str]:
    """Figures shaped as reports write them: words before, a sign or fraction, a number in
    any numerals, 多/余 before a magnitude, a unit, a word after."""
    number = st.one_of(_arabic_number(), _chinese_number())
    return st.tuples(
        st.lists(st.sampled_from(BEFORE_WORDS + NEUTRAL_WORDS), max_size=2).map("".join),
        st.sampled_from(["", "", "", *SIGNS]),
        number,
        st.sampled_from(["", "", "多", "余", "餘"]),
        st.sampled_from(["", "", *MAGNITUDES]),
        st.sampled_from(["", "", *UNITS, grammar.MAJOR]),
        st.sampled_from(["", "", "", *AFTER_WORDS]),
    ).map("".join)


def token_soups() -> st.SearchStrategy[str]:
    """Grammar pieces in any order: 万多十百分之亿点…"""
    return st.lists(st.sampled_from(QUANTITY_TOKENS), min_size=1, max_size=10).map("".join)


def quantities() -> st.SearchStrategy[str]:
    """Anything a value cell may hold: well-formed figures, token soups, and nonsense."""
    return st.one_of(
        well_formed_quantities(),
        well_formed_quantities(),
        st.builds(lambda k: k.written, known_figures()),
        token_soups(),
        st.text(max_size=12),
        st.tuples(well_formed_quantities(), hostile_text(), well_formed_quantities()).map("".join),
    )


# ---- hostile text -------------------------------------------------------------------------------

CONTROL = [chr(c) for c in (*range(0, 32), 127)] + ["\x85", "\x9b", "\u2028", "\u2029"]
INVISIBLE = ["\ufeff", "\u200b", "\u200d", "\u202e", "\u2066", "\u00ad", "\u180e", "\ufffd"]
ESCAPES = [
    "\x1b[31m",
    "\x1b[0m",
    "\x1b[2J\x1b[H",
    "\x1b]0;title\x07",
    "\x1b]8;;http://example.invalid\x1b\\link\x1b]8;;\x1b\\",
    "\x9b31m",
    "\\x1b[31m",
    "\\n",
    "\\",
    "\\u0000",
    "[red]markup[/red]",
    "[bold",
    "[/]",
    "[link=file:///etc/passwd]x[/link]",
    "%s%n",
    "{0}{}",
    "$(true)",
    "`true`",
]
LINE_BREAKS = ["\r", "\n", "\r\n", "\n\n", "a\rb", "a\r\nb", "x\n", "\v", "\f"]
FORMULAS = [
    "=1+2",
    "+1",
    "-1",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    '=HYPERLINK("http://example.invalid","x")',
    "=",
    "+",
    "-",
    "@",
    "＝1",
    "=cmd|' /C calc'!A0",
    "-2+3",
    "- 5",
]
NUMBERS = [
    "9" * 400,
    "1" + "0" * 30,
    "1e309",
    "-1e309",
    "1e-400",
    "inf",
    "-inf",
    "Infinity",
    "nan",
    "NaN",
    "-0",
    "0x10",
    "1_000",
    "1,000",
    "0.1.2",
    ".5",
    "5.",
    "١٢٣",
    "１２３",
    "²",
    "①",
    "½",
    "9223372036854775808",
    "-9223372036854775809",
    "1e15",
    "99999999999999999999.5",
]
YAML_SPECIALS = [
    "&a x",
    "*a",
    "!!python/object/apply:os.system ['true']",
    "!!int 3",
    "<<",
    "? x",
    "- x",
    "# comment",
    "---",
    "...",
    "%YAML 1.1",
    "{a: b}",
    "[1, 2]",
    "|",
    ">",
    "'",
    '"',
    "null",
    "~",
    "",
    " ",
    "yes",
    "NO",
    "010",
    "12:30",
    "2021-01-01",
    ": x",
    "a: b",
]
TABLE_SPECIALS = [
    ",",
    '"',
    '""',
    'a,"b',
    "\t",
    "sep=,",
    "a\tb",
    "'",
    "NA",
    "N/A",
    "None",
    "#N/A",
    "TRUE",
]
PERIODS = [
    "2021-13",
    "2021-02-29",
    "2020-02-29",
    "0000",
    "9999-12",
    "9999-12-31/0001-01-01",
    "2021/2020",
    "2021-01/2021-01",
    "20210",
    "２０２１",
    "2021 ",
    "2021\n",
    "21",
    "2021-1",
]
LONG = ["长" * 5000, "x" * 100_001, "第1位" * 2000, "一" * 3000, "万" * 3000]
HOSTILE = (
    CONTROL + INVISIBLE + ESCAPES + LINE_BREAKS + FORMULAS + NUMBERS + YAML_SPECIALS
    + TABLE_SPECIALS + PERIODS
)  # fmt: skip


HOSTILE_PATHS = [
    "x" * 300 + ".csv",
    "a/" * 2100 + "x.yaml",
    "",
    ".",
    "tests",
    "/dev/null",
    "/dev/zero",
    "/proc/self/status",
    "-",
    "~",
    "**",
    "[",
    "tests/fixtures/*.yaml",
    "tests/fixtures/minimal.yaml/",
    "tests/fixtures/minimal.yaml/x",
    "/nonexistent/dir/x.csv",
]
"""Paths and globs an input option may name: too long, a folder, a device, a pattern."""


def hostile_text(long: bool = False) -> st.SearchStrategy[str]:
    """A hostile text value: control characters, escape sequences, CR/LF, formula starts,
    huge numbers, non-ASCII digits, YAML and CSV syntax, or a mix of them and random text."""
    pieces = st.sampled_from(HOSTILE)
    mixed = st.lists(
        st.one_of(pieces, st.text(max_size=4), st.sampled_from(QUANTITY_TOKENS)),
        min_size=1,
        max_size=5,
    ).map("".join)
    options = [pieces, pieces, mixed, st.text(max_size=20)]
    if long:
        options.append(st.sampled_from(LONG))
    return st.one_of(*options)


# ---- datasets -------------------------------------------------------------------------------


def base_dataset_paths() -> list[Path]:
    """The bundled dataset and every YAML fixture."""
    return [ROOT / "data" / "article.yaml", *sorted(FIXTURES.glob("*.yaml"))]


@functools.cache
def base_texts() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in base_dataset_paths()}


@functools.cache
def base_documents() -> dict[str, Any]:
    """Each base dataset as plain data, every scalar a string (as zonestats reads them)."""
    return {name: yaml.load(text, Loader=yaml.BaseLoader) for name, text in base_texts().items()}


@dataclass
class Mutated:
    """An input file to write: its name (the extension says its kind), its bytes, and the
    mutations that made it, for the report of a failing example."""

    name: str
    data: bytes
    steps: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        preview = self.data[:300]
        more = f" …(+{len(self.data) - 300} bytes)" if len(self.data) > 300 else ""
        return f"Mutated({self.name!r}, steps={self.steps!r}, data={preview!r}{more})"

    def write(self, folder: Path) -> Path:
        path = folder / self.name
        path.write_bytes(self.data)
        return path


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every scalar and every container of a document."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_leaves(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_leaves(value, (*path, index)))
    return found


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def _set(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    _get(node, path[:-1])[path[-1]] = value
    return node


def _nested(depth: int, leaf: Any) -> Any:
    for level in range(depth):
        leaf = [leaf] if level % 2 else {"k": leaf}
    return leaf


_FIELD_VALUES: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
    "value": quantities,
    "number": lambda: st.one_of(st.sampled_from(NUMBERS), quantities(), st.integers().map(str)),
    "period": lambda: st.one_of(st.sampled_from(PERIODS), st.integers(-5, 10**5).map(str)),
    "date": lambda: st.sampled_from([*PERIODS, "2021-06-31", "2021-6-3", "20210630"]),
    "qualifier": lambda: st.sampled_from(
        [
            "exact",
            "more_than",
            "at_least",
            "less_than",
            "at_most",
            "approx",
            "expected",
            "target",
            "EXACT",
            "more than",
            " exact",
            "exact\n",
            "多",
        ]  # fmt: skip
    ),
    "out_of": lambda: st.one_of(st.sampled_from(NUMBERS), st.integers(-10, 10**6).map(str)),
    "schema_version": lambda: st.sampled_from(["1", "2", "3", "0", "1.0", "01", "２", "1\n"]),
    "id": lambda: st.sampled_from(
        [
            "national_rank",
            "national_rank\n",
            "national_rank ",
            "\tx",
            "Rank!",
            "_x",
            "a" * 300,
            "jingzhou",
            "jingzhou\n",
        ]
    ),
    "zone": lambda: st.sampled_from(["jingzhou", "jingzhou\n", "nowhere", "示例开发区", ""]),
    "source": lambda: st.sampled_from(["0", "1", "nowhere", "x\n"]),
    "better": lambda: st.sampled_from(["higher", "lower", "up", "Higher", "lower\n"]),
    "level": lambda: st.sampled_from(
        ["national", "provincial", "municipal", "国家级", "national\n"]
    ),
    "unit": lambda: st.one_of(st.sampled_from(UNITS), hostile_text()),
}


@st.composite
def mutated_documents(draw: st.DrawFn) -> tuple[str, Any, list[str]]:
    """A base dataset as plain data with one to four changes: values replaced by hostile or
    field-shaped ones, keys dropped or added, containers where scalars belong, deep nesting,
    ids with trailing newlines, whole observations or indicators repeated."""
    name = draw(st.sampled_from(sorted(base_documents())))
    document = json.loads(json.dumps(base_documents()[name]))  # a deep copy
    steps: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        paths = _leaves(document)
        path = draw(st.sampled_from(paths))
        target = _get(document, path)
        key = path[-1] if path and isinstance(path[-1], str) else None
        kind = draw(
            st.sampled_from(
                [
                    "hostile",
                    "hostile",
                    "field",
                    "field",
                    "affix",
                    "drop",
                    "add",
                    "container",
                    "deep",
                    "repeat",
                    "trailing",
                ]  # fmt: skip
            )
        )
        if kind in ("field", "affix", "trailing") and not isinstance(target, str):
            kind = "hostile"
        if kind == "hostile":
            value: Any = draw(hostile_text(long=True))
        elif kind == "field":
            maker = _FIELD_VALUES.get(key or "", lambda: hostile_text())
            value = draw(maker())
        elif kind == "affix":
            extra = draw(hostile_text())
            value = draw(
                st.sampled_from([extra + target, target + extra, target[:1] + extra + target[1:]])
            )
        elif kind == "trailing":
            value = target + draw(
                st.sampled_from(["\n", " ", "\t", "\r\n", "\u3000", "\x00", "\n\n"])
            )
        elif kind == "drop":
            if path:
                parent = _get(document, path[:-1])
                del parent[path[-1]]
                steps.append(f"drop {path!r}")
            continue
        elif kind == "add":
            if isinstance(target, dict):
                target[draw(st.sampled_from(["extra", "id", "x\n", "", "数值", "value "]))] = draw(
                    hostile_text()
                )
                steps.append(f"add a key at {path!r}")
            elif isinstance(target, list):
                target.append(draw(st.one_of(hostile_text(), st.just({}), st.just([]))))
                steps.append(f"append at {path!r}")
            continue
        elif kind == "container":
            value = draw(st.sampled_from([{}, [], {"a": "b"}, ["x"], [None], None]))
        elif kind == "deep":
            value = _nested(draw(st.integers(1, 60)), draw(hostile_text()))
        else:  # repeat a mapping that sits in a list: two indicators or observations alike
            if path and isinstance(path[-1], int):
                _get(document, path[:-1]).append(json.loads(json.dumps(target)))
                steps.append(f"repeat {path!r}")
            continue
        document = _set(document, path, value)
        steps.append(f"{kind} {path!r} = {value!r:.80}")
    return name, document, steps


_TEXT_CHANGES = [
    "tab-indent",
    "tab-after-colon",
    "anchor",
    "alias",
    "tag",
    "crlf",
    "bom",
    "trailing-space",
    "duplicate-line",
    "control",
    "truncate",
    "deep-flow",
    "second-document",
    "none",
    "none",
    "none",
]


@st.composite
def mutated_yaml(draw: st.DrawFn) -> Mutated:
    """A base dataset mutated as data, written as YAML in one of several styles, then maybe
    changed as text (tabs, anchors, tags, CRLF, a BOM, control characters, a cut) or as bytes
    (not UTF-8, UTF-16, NUL)."""
    name, document, steps = draw(mutated_documents())
    style = draw(st.sampled_from([None, None, '"', "'", "|"]))
    text = yaml.safe_dump(
        document,
        allow_unicode=draw(st.booleans()),
        sort_keys=False,
        default_style=style,
        default_flow_style=draw(st.sampled_from([False, False, None, True])),
        width=draw(st.sampled_from([80, 100, 10**9])),
    )
    steps.append(f"dumped style={style!r}")
    change = draw(st.sampled_from(_TEXT_CHANGES))
    lines = text.split("\n")
    at = draw(st.integers(0, max(0, len(lines) - 1)))
    line = lines[at]
    if change == "tab-indent":
        stripped = line.lstrip(" ")
        lines[at] = "\t" * ((len(line) - len(stripped) + 1) // 2) + stripped
    elif change == "tab-after-colon":
        lines = [x.replace(": ", ":\t", 1) if i % 3 == at % 3 else x for i, x in enumerate(lines)]
    elif change == "anchor":
        lines[at] = line.replace(": ", ": &a ", 1)
    elif change == "alias":
        lines[at] = line.replace(": ", ": &a ", 1)
        later = draw(st.integers(0, max(0, len(lines) - 1)))
        lines[later] = lines[later].replace(": ", ": *a ", 1)
    elif change == "tag":
        tag = draw(
            st.sampled_from(
                [
                    "!!python/object/apply:os.system ['true']",
                    "!!int",
                    "!!binary",
                    "!custom",
                    "!!str",
                ]
            )
        )
        lines[at] = line.replace(": ", f": {tag} ", 1)
    elif change == "crlf":
        lines = [x + "\r" for x in lines]
    elif change == "trailing-space":
        lines[at] = line + draw(st.sampled_from([" ", "\t", "  \t ", "\u3000"]))
    elif change == "duplicate-line":
        lines.insert(at, line)
    elif change == "control":
        position = draw(st.integers(0, len(line)))
        lines[at] = line[:position] + draw(st.sampled_from(CONTROL + INVISIBLE)) + line[position:]
    elif change == "truncate":
        lines = lines[: at + 1]
        lines[-1] = line[: draw(st.integers(0, len(line)))]
    elif change == "deep-flow":
        depth = draw(st.integers(1, 2000))
        lines[at] = (
            line.split(":", 1)[0] + ": " + "[" * depth + "1" + "]" * depth if ":" in line else line
        )
    elif change == "second-document":
        lines.append("---")
        lines.append(draw(st.sampled_from(["a: b", "", "[1]"])))
    text = "\n".join(lines)
    if change != "none":
        steps.append(f"text: {change} at line {at + 1}")
    data = text.encode("utf-8", "surrogatepass")
    encoding = draw(
        st.sampled_from(["utf-8"] * 12 + ["bom", "gb18030", "utf-16", "nul", "bad-byte", "latin-1"])
    )
    if encoding == "bom":
        data = b"\xef\xbb\xbf" + data
    elif encoding == "gb18030":
        data = text.encode("gb18030", "replace")
    elif encoding == "utf-16":
        data = text.encode("utf-16", "surrogatepass")
    elif encoding == "nul":
        position = draw(st.integers(0, len(data)))
        data = data[:position] + b"\x00" + data[position:]
    elif encoding == "bad-byte":
        position = draw(st.integers(0, len(data)))
        data = (
            data[:position]
            + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe4\xb8"]))
            + data[position:]
        )
    elif encoding == "latin-1":
        data = text.encode("latin-1", "replace")
    if encoding != "utf-8":
        steps.append(f"bytes: {encoding}")
    suffix = draw(st.sampled_from([".yaml", ".yaml", ".yml", ".json"]))
    if suffix == ".json":
        try:  # a dataset as JSON: the same shape, another syntax
            data = json.dumps(document, ensure_ascii=draw(st.booleans())).encode(
                "utf-8", "surrogatepass"
            )
            steps.append("as JSON")
        except (TypeError, ValueError):
            suffix = ".yaml"
    return Mutated(f"{Path(name).stem}{suffix}", data, steps)


# ---- long tables ----------------------------------------------------------------------------

TABLE_FORMATS = ["csv", "tsv", "jsonl", "json", "parquet", "xlsx"]


@functools.cache
def base_frames() -> dict[str, Any]:
    """Each base dataset's observations table, as `export` writes it, every cell as text."""
    import zonestats

    frames = {}
    for path in base_dataset_paths():
        try:
            frame = zonestats.load(path).observations(merged=False)
        except zonestats.ZonestatsError:
            continue
        frames[path.name] = frame
    return frames


def _cell_value() -> st.SearchStrategy[Any]:
    return st.one_of(
        hostile_text(long=True),
        quantities(),
        st.sampled_from(
            [None, float("nan"), float("inf"), -0.0, 10**30, -(2**63), 2**64, 1e-320, True]
        ),
        st.integers(),
        st.floats(),
    )


@st.composite
def mutated_frames(draw: st.DrawFn) -> tuple[str, Any, list[str]]:
    """A base observations table with cells replaced by hostile values, columns dropped,
    renamed, added or repeated, rows repeated or removed."""
    import pandas as pd

    name = draw(st.sampled_from(sorted(base_frames())))
    frame = base_frames()[name].copy().astype(object)
    steps: list[str] = []
    for _ in range(draw(st.integers(1, 5))):
        frame = frame.astype(object)  # every column takes any value
        kind = draw(
            st.sampled_from(
                ["cell", "cell", "cell", "column", "drop", "rename", "add", "rows", "header-only"]
            )
        )
        columns = list(frame.columns)
        if kind == "cell" and len(frame):
            row = draw(st.integers(0, len(frame) - 1))
            column = draw(st.sampled_from(columns))
            value = draw(_cell_value())
            frame.iat[row, columns.index(column)] = value
            steps.append(f"cell {row},{column} = {value!r:.80}")
        elif kind == "column" and len(frame):
            column = draw(st.sampled_from(columns))
            value = draw(_cell_value())
            frame[column] = [value] * len(frame)
            steps.append(f"column {column} = {value!r:.80}")
        elif kind == "drop" and len(columns) > 1:
            column = draw(st.sampled_from(columns))
            frame = frame.drop(columns=[column])
            steps.append(f"drop column {column}")
        elif kind == "rename":
            column = draw(st.sampled_from(columns))
            new = draw(st.one_of(hostile_text(), st.sampled_from(columns)))
            frame = frame.rename(columns={column: new})
            steps.append(f"rename {column} -> {new!r}")
        elif kind == "add":
            new = draw(
                st.one_of(hostile_text(), st.sampled_from(["colour", "value ", "Value", "_line"]))
            )
            frame[new] = draw(_cell_value())
            steps.append(f"add column {new!r}")
        elif kind == "rows" and len(frame):
            picks = draw(st.lists(st.integers(0, len(frame) - 1), max_size=2 * len(frame)))
            frame = frame.iloc[picks].reset_index(drop=True)
            steps.append(f"rows {picks}")
        elif kind == "header-only":
            frame = frame.iloc[:0]
            steps.append("no rows")
    return name, pd.DataFrame(frame), steps


def _text_for_table(value: Any) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value if isinstance(value, str) else str(value)


def write_table(frame: Any, table_format: str) -> bytes:
    """A frame as a file of one format, as a user's tool (pandas, a spreadsheet) writes it."""
    import pandas as pd

    buffer = BytesIO()
    columns = [str(c) for c in frame.columns]
    frame = frame.copy()
    frame.columns = columns
    if table_format in ("csv", "tsv"):
        text = frame.to_csv(index=False, sep="," if table_format == "csv" else "\t")
        return text.encode("utf-8", "surrogatepass")
    if table_format in ("jsonl", "json") and len(set(columns)) != len(columns):
        frame = frame.loc[:, ~pd.Index(columns).duplicated()]  # a record has each key once
    if table_format == "jsonl":
        return "".join(
            json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False) + "\n"
            for row in frame.to_dict("records")
        ).encode("utf-8", "surrogatepass")
    if table_format == "json":
        records = [{k: _jsonable(v) for k, v in row.items()} for row in frame.to_dict("records")]
        return json.dumps(records, ensure_ascii=False).encode("utf-8", "surrogatepass")
    if table_format == "parquet":
        if len(set(columns)) != len(columns):
            frame = frame.loc[:, ~pd.Index(columns).duplicated()]
        text = frame.map(_text_for_table).astype("string")
        text = text.map(
            lambda v: v if not isinstance(v, str) else v.encode("utf-8", "replace").decode("utf-8")
        )
        text.astype("string").to_parquet(buffer, index=False)
        return buffer.getvalue()
    if table_format == "xlsx":
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        workbook = Workbook()
        sheet = workbook.active
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) for c in columns])
        for row in frame.itertuples(index=False):
            cells = []
            for value in row:
                value = _text_for_table(value)
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub(
                        "", value.encode("utf-8", "replace").decode("utf-8")
                    )[:32767]
                cells.append(value)
            sheet.append(cells)
        workbook.save(buffer)
        return buffer.getvalue()
    raise ValueError(table_format)


def _jsonable(value: Any) -> Any:
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


@st.composite
def mutated_tables(draw: st.DrawFn, formats: tuple[str, ...] = tuple(TABLE_FORMATS)) -> Mutated:
    """A base dataset's observations as a long table in one format, mutated cell-wise, then
    maybe as bytes (a stray quote, CR, NUL, a cut, not UTF-8)."""
    name, frame, steps = draw(mutated_frames())
    table_format = draw(st.sampled_from(formats))
    data = write_table(frame, table_format)
    if table_format in ("csv", "tsv", "jsonl", "json"):
        change = draw(
            st.sampled_from(
                ["none"] * 6
                + ["quote", "cr", "nul", "cut", "bad-byte", "bom", "crlf", "blank-lines"]
            )
        )
        position = draw(st.integers(0, len(data)))
        if change == "quote":
            data = data[:position] + b'"' + data[position:]
        elif change == "cr":
            data = data[:position] + b"\r" + data[position:]
        elif change == "nul":
            data = data[:position] + b"\x00" + data[position:]
        elif change == "cut":
            data = data[:position]
        elif change == "bad-byte":
            data = data[:position] + b"\xff" + data[position:]
        elif change == "bom":
            data = b"\xef\xbb\xbf" + data
        elif change == "crlf":
            data = data.replace(b"\n", b"\r\n")
        elif change == "blank-lines":
            data = data.replace(b"\n", b"\n\n")
        if change != "none":
            steps.append(f"bytes: {change} at {position}")
    elif table_format == "parquet" and draw(st.integers(0, 9)) == 0:
        position = draw(st.integers(0, len(data)))
        data = data[:position]
        steps.append(f"bytes: cut at {position}")
    suffix = {
        "tsv": draw(st.sampled_from(["tsv", "tab"])),
        "jsonl": draw(st.sampled_from(["jsonl", "ndjson"])),
    }.get(table_format, table_format)
    return Mutated(f"{Path(name).stem}.{suffix}", data, steps)


_NAMES = [
    "{stem}{suffix}",
    "{stem}{suffix}",
    "{stem}{suffix}",
    "{stem}{upper}",
    "a[1]{suffix}",
    "*{suffix}",
    "?{suffix}",
    "-d{suffix}",
    "--help{suffix}",
    "=1+2{suffix}",
    "报告 2021{suffix}",
    "line\nbreak{suffix}",
    "tab\t{suffix}",
    "\x1b[31mred{suffix}",
    "\u202eevil{suffix}",
    "{stem}.txt",
    "{stem}",
    "{stem}{suffix}.bak",
    "{stem}.csv{suffix}",
    "x" * 200 + "{suffix}",
]
"""File names: ordinary, with glob characters, option-like, with controls, odd extensions."""


@st.composite
def renamed(draw: st.DrawFn, mutated: st.SearchStrategy[Mutated]) -> Mutated:
    """A mutated input under a hostile file name."""
    found = draw(mutated)
    path = Path(found.name)
    template = draw(st.sampled_from(_NAMES))
    name = template.format(stem=path.stem, suffix=path.suffix, upper=path.suffix.upper())
    if name != found.name:
        found.steps.append(f"named {name!r}")
    return Mutated(name, found.data, found.steps)


def inputs() -> st.SearchStrategy[Mutated]:
    """Any mutated input: a YAML (or JSON) dataset or a long table in any format, mostly
    under its own name, sometimes under a hostile one."""
    return renamed(st.one_of(mutated_yaml(), mutated_tables()))


# ---- report texts ----------------------------------------------------------------------------

_ZONES = ["荆州开发区", "青山经开区", "示例高新区", "白水经济技术开发区", "红石产业园区"]
_TIMES = [
    "",
    "",
    "2020年",
    "2021年1月至5月",
    "今年",
    "去年",
    "3月18日",
    "4年前",
    "目前",
    "到现在",
    "截至目前",
    "二〇二一年",
    "今年2月29日",
]
_VERBS = [
    "实现",
    "完成",
    "签约",
    "引进",
    "达到",
    "累计",
    "新增",
    "共有",
    "排名",
    "上升至",
    "从10万台提升到",
    "由上年第73位上升至",
]
_THINGS = [
    "工业总产值",
    "项目",
    "高新技术企业",
    "税收",
    "户贫困户",
    "志愿服务队",
    "产能",
    "亿元以上项目",
    "党员",
]
_PUNCT = ["，", "。", ",", "；", "！", "\n", "、", ""]
_NOISE = [
    "电话:027-12345678",
    "ICP备12345678号",
    "http://example.invalid/a?b=1",
    "admin@example.invalid",
    "“十四五”",
    "《开发区条例》",
    "一、",
    "(三)",
    "12:30",
    "2021-06-30",
    "发布时间:2021-06-30",
    "来源:湖北文明网",
]


@st.composite
def report_sentences(draw: st.DrawFn) -> str:
    """A report-like sentence with figures: a zone, a time, a verb, a figure, punctuation."""
    parts = [
        draw(st.sampled_from(["", *_ZONES])),
        draw(st.sampled_from(_TIMES)),
        draw(st.sampled_from(_VERBS)),
        draw(st.sampled_from(_THINGS)),
        draw(st.one_of(well_formed_quantities(), st.builds(lambda k: k.written, known_figures()))),
        draw(st.sampled_from(["", "", *_THINGS])),
        draw(st.sampled_from(_PUNCT)),
    ]
    if draw(st.integers(0, 5)) == 0:
        parts.insert(draw(st.integers(0, len(parts))), draw(st.sampled_from(_NOISE)))
    return "".join(parts)


HOSTILE_RUNS = [
    "一", "万", "亿", "十", "1", "0", "第", "约", "多", "年", "1年", "1万", "一万", "数十", "两百",
    "1.", "-", "a.", "从1到", "第1位", "约1万", "1,", "，", "。", "\n", "“", "《", "1万元", "百分之",
    "点", "去年", "4年前", "1月", "电话", "@a", "http://", "壹", "萬", "億", "１", "〇", " ", "\t",
]  # fmt: skip
"""Pieces that hostile runs repeat: numerals, magnitudes, marks, separators."""


@st.composite
def hostile_runs(draw: st.DrawFn, min_size: int = 1, max_size: int = 400) -> str:
    """A piece repeated many times (no punctuation for the whole line), maybe amid text."""
    piece = draw(
        st.one_of(
            st.sampled_from(HOSTILE_RUNS),
            st.lists(st.sampled_from(HOSTILE_RUNS), min_size=2, max_size=3).map("".join),
        )
    )
    count = draw(st.integers(min_size, max_size))
    return piece * count


@st.composite
def reports(draw: st.DrawFn) -> str:
    """A report's text: a title line, maybe a date line, and sentences, hostile runs,
    noise and random text in any mix."""
    title = draw(
        st.sampled_from(
            ["", *(_ZONES[i] + "工作报告" for i in range(len(_ZONES))), "\ufeff标题", " "]
        )
    )
    lines = [title]
    if draw(st.booleans()):
        lines.append(
            draw(
                st.sampled_from(
                    [
                        "发布时间:2021-06-30 09:00  来源:示例新闻网",
                        "日期:2022-02-30",
                        "时间:2021年6月30日",
                        "发布时间:0000-00-00",
                    ]
                )
            )
        )
    body = draw(
        st.lists(
            st.one_of(
                report_sentences(),
                report_sentences(),
                hostile_runs(max_size=60),
                st.text(max_size=30),
                st.sampled_from(HOSTILE),
            ),
            max_size=25,
        )
    )
    separator = draw(st.sampled_from(["", "\n", "\r\n", "。"]))
    lines.append(separator.join(body))
    return "\n".join(lines)


# ---- ordinary texts and inputs of a given size, for the time-per-byte property ----------------


_ENDINGS = ["。", "；", "。\n"]


def ordinary_report(size: int, seed: int = 0) -> str:
    """A report-like text of about ``size`` bytes of UTF-8: sentences with figures, as a
    zone's work report writes them (the baseline input)."""
    rnd = random.Random(seed)
    sentences = ["发布时间:2021-06-30 09:00  来源:示例新闻网"]
    total = 0
    while total < size:
        figure = f"{rnd.randint(1, 9999)}{rnd.choice(['', '万', '亿'])}{rnd.choice(['元', '个', '家', '台', '吨', '%'])}"
        sentence = (
            f"{rnd.choice(_ZONES)}{rnd.choice(_TIMES)}{rnd.choice(_VERBS[:8])}{rnd.choice(_THINGS)}"
            f"{rnd.choice(['', '近', '超过', '约'])}{figure}{rnd.choice(['', '多', '以上'])}，"
            f"同比增长{rnd.randint(1, 99)}.{rnd.randint(0, 9)}%{rnd.choice(_ENDINGS)}"
        )
        sentences.append(sentence)
        total += len(sentence.encode("utf-8"))
    return "".join(sentences)


def scaled_to(piece: str, size: int) -> str:
    """A piece repeated to at least ``size`` bytes of UTF-8."""
    unit = max(1, len(piece.encode("utf-8")))
    return piece * (size // unit + 1)


# ---- valid datasets with hostile text, for outputs -------------------------------------------

TEXT_KEYS = (
    "name",
    "name_en",
    "period_note",
    "note",
    "province",
    "title",
    "publisher",
    "url",
    "aliases",
    "quote",
)
"""Fields of free text: any characters are allowed in them, so a dataset stays valid with
hostile text there (a quote keeps the value it holds)."""

TEXT_COLUMNS = (
    "zone", "name", "name_en", "period_note", "note", "quote", "zone_name_en", "zone_aliases",
    "province", "source_title", "source_publisher", "source_url",
)  # fmt: skip


def short_hostile_text() -> st.SearchStrategy[str]:
    """Hostile text that fits any text field (no blank values, under 200 characters)."""
    return hostile_text().map(lambda t: t[:150]).filter(lambda t: t.strip() != "")


@st.composite
def hostile_text_yaml(draw: st.DrawFn) -> Mutated:
    """A base dataset, still valid, with hostile text in some of its free-text fields."""
    name = draw(st.sampled_from(sorted(base_documents())))
    document = json.loads(json.dumps(base_documents()[name]))
    paths = [
        p for p in _leaves(document) if any(isinstance(k, str) and k in TEXT_KEYS for k in p[-2:])
    ]
    paths = [p for p in paths if isinstance(_get(document, p), str)]
    steps = []
    for path in draw(st.lists(st.sampled_from(paths), min_size=1, max_size=6, unique=True)):
        value = draw(short_hostile_text())
        old = _get(document, path)
        if path[-1] == "quote":
            value = draw(st.sampled_from([value + old, old + value]))[:200]
        _set(document, path, value)
        steps.append(f"{path!r} = {value!r}")
    text = yaml.safe_dump(document, allow_unicode=draw(st.booleans()), sort_keys=False, width=10**9)
    return Mutated(name, text.encode("utf-8", "surrogatepass"), steps)


@st.composite
def hostile_text_tables(
    draw: st.DrawFn, formats: tuple[str, ...] = ("csv", "tsv", "jsonl", "parquet")
) -> Mutated:
    """A base observations table, still valid, with hostile text in its free-text columns:
    the same text on every row of an indicator (or zone, or source) where a column belongs
    to one of them."""
    name = draw(st.sampled_from(sorted(base_frames())))
    frame = base_frames()[name].copy().astype(object)
    steps = []
    owners = {"name": "indicator", "name_en": "indicator", "note": "indicator", "zone_name_en": "zone",
              "zone_aliases": "zone", "province": "zone", "source_title": "source_title",
              "source_publisher": "source_title", "source_url": "source_title"}  # fmt: skip
    for column in draw(
        st.lists(st.sampled_from(TEXT_COLUMNS), min_size=1, max_size=5, unique=True)
    ):
        value = draw(short_hostile_text())
        owner = owners.get(column)
        if column in ("quote", "period_note"):
            row = draw(st.integers(0, len(frame) - 1))
            old = frame.at[row, column]
            text = value if column == "period_note" else (value + str(old))[:200]
            frame.at[row, column] = text
            steps.append(f"{column}[{row}] = {text!r}")
        elif column == "zone":
            frame[column] = value.replace("|", "/")
            steps.append(f"zone = {value!r}")
        elif owner is not None:
            key = draw(st.sampled_from(sorted(set(map(str, frame[owner].tolist())))))
            if column == "zone_aliases":
                value = value.replace("|", "/")
            frame.loc[frame[owner].astype(str) == key, column] = value
            steps.append(f"{column} of {owner} {key!r} = {value!r}")
    table_format = draw(st.sampled_from(formats))
    return Mutated(f"{Path(name).stem}.{table_format}", write_table(frame, table_format), steps)


def hostile_text_inputs() -> st.SearchStrategy[Mutated]:
    return st.one_of(hostile_text_yaml(), hostile_text_tables())
