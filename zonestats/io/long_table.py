"""Read the tidy long table that `export` writes (.csv, .tsv, .jsonl, .parquet) as observations.

The checks are the dataset's own, done column-wise: ids, periods, numbers, qualifiers, units,
values against their quotes, one name and unit per indicator, one observation per period.
Every problem names the file and the row (its line in a text file, counting the header).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zonestats.errors import DataError, Problem, ZonestatsError
from zonestats.model.dataset import OBSERVATION_COLUMNS, Better, parse_period
from zonestats.model.quantity import Qualifier, parse_quantity, plain_number

if TYPE_CHECKING:
    import pandas as pd

SUFFIXES = (".csv", ".tsv", ".tab", ".jsonl", ".ndjson", ".parquet")
REQUIRED = ("indicator", "period", "value", "unit")
MAX_REPORTED = 20
"""Rows reported for one kind of problem; the rest are counted."""

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TEXT_COLUMNS = [c for c in OBSERVATION_COLUMNS if c not in ("value", "out_of")]


def is_bulk(path: Path) -> bool:
    """Whether a --data file is a table of observations rather than a YAML dataset."""
    return path.suffix.lower() in SUFFIXES


def read_observations(path: Path) -> pd.DataFrame:
    """A long table of observations, checked; columns as in OBSERVATION_COLUMNS."""
    raw, first_row = _read(path)
    return _check(raw, path, first_row)


def _read(path: Path) -> tuple[pd.DataFrame, int]:
    """The file as a table of text columns, and the line number of its first data row."""
    import pandas as pd

    name = str(path)
    if not path.exists():
        raise DataError.at(Problem(name, "no such file"))
    if path.is_dir():
        raise DataError.at(Problem(name, "is a directory, not a file"))
    if path.stat().st_size == 0:
        raise DataError.at(Problem(name, "the file is empty"))
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return _read_parquet(path), 1
        if suffix in (".jsonl", ".ndjson"):
            frame = pd.read_json(path, lines=True, dtype=False)
            return frame, 1
        options: dict[str, Any] = {
            "sep": "\t" if suffix in (".tsv", ".tab") else ",",
            "keep_default_na": False,  # only an empty cell is missing: "NA" is text
            "na_values": [""],
            "encoding": "utf-8-sig",
        }
        # Only the period must not be read as a number; other text columns are read as
        # text anyway, and one that is not (a zone named 1001) is turned back later.
        types = {"period": "str", "value": "float64", "out_of": "float64"}
        try:
            return pd.read_csv(path, dtype=types, **options), 2
        except pd.errors.ParserError:
            raise
        except ValueError:
            # A number that is not one: read it as text, so the checks can say which row.
            return pd.read_csv(path, dtype=str, **options), 2
    except UnicodeDecodeError as error:
        from zonestats.io.inputs import read_text

        read_text(path)  # says where, and whether the file looks like GB18030
        raise DataError.at(Problem(name, f"not UTF-8 text: {error.reason}")) from None
    except (ValueError, pd.errors.ParserError) as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable"
        raise DataError.at(Problem(name, f"cannot read the table: {message}")) from None
    except OSError as error:
        raise DataError.at(Problem(name, f"cannot read the file: {error.strerror}")) from None


def _read_parquet(path: Path) -> pd.DataFrame:
    import pandas as pd

    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ZonestatsError(
            f"{path}: reading .parquet needs pyarrow: pip install 'zonestats[parquet]'"
        ) from None
    try:
        return pd.read_parquet(path)
    except Exception as error:  # pyarrow raises its own types for damaged files
        raise DataError.at(Problem(str(path), f"cannot read the Parquet file: {error}")) from None


class _Rows:
    """Collects problems by row, keeping the first few of each kind."""

    def __init__(self, path: Path, first_row: int) -> None:
        self.path, self.first_row = str(path), first_row
        self.problems: list[Problem] = []

    def report(self, positions: Iterable[int], message: Any) -> None:
        """One problem per bad row (message may be a function of the row), up to MAX_REPORTED."""
        rows = list(positions)
        for position in rows[:MAX_REPORTED]:
            text = message(position) if callable(message) else message
            self.problems.append(Problem(self.path, text, position + self.first_row))
        if len(rows) > MAX_REPORTED:
            more = len(rows) - MAX_REPORTED
            self.problems.append(
                Problem(self.path, f"... and {more} more rows like that", rows[-1] + self.first_row)
            )

    def whole(self, message: str) -> None:
        self.problems.append(Problem(self.path, message, 1))


class _Codes:
    """Each text column factorized once, for every check that needs it: an integer code per
    row, and the distinct values in order of appearance."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame
        self._done: dict[str, tuple[Any, Any]] = {}

    def __call__(self, column: str) -> tuple[Any, Any]:
        if column not in self._done:
            import pandas as pd

            self._done[column] = pd.factorize(self._frame[column])
        return self._done[column]

    def spread(self, column: str, test: Any) -> Any:
        """A test run once per distinct value, spread back over the rows."""
        import numpy as np

        codes, distinct = self(column)
        results = np.array([bool(test(v)) for v in distinct], dtype=bool)
        return results[codes] if len(distinct) else np.zeros(len(codes), dtype=bool)


def _contained(parts: pd.Series, texts: pd.Series) -> Any:
    """Whether each row's part occurs in its text. Arrow strings are compared as their UTF-8
    bytes, which are quicker to hand to Python than text and give the same answer: a valid
    UTF-8 string can only match another at a character boundary."""
    import numpy as np
    import pandas as pd

    if isinstance(parts.array, pd.arrays.ArrowStringArray) and isinstance(
        texts.array, pd.arrays.ArrowStringArray
    ):
        import pyarrow as pa

        def items(column: pd.Series) -> list[bytes]:
            utf8 = pa.array(column.array).cast(pa.large_binary())
            listed: list[bytes] = utf8.to_numpy(zero_copy_only=False).tolist()
            return listed

        found = np.fromiter(map(bytes.find, items(texts), items(parts)), np.int64, len(texts))
        return found >= 0
    inside = map(operator.contains, texts.to_numpy(dtype=object), parts.to_numpy(dtype=object))
    return np.fromiter(inside, bool, len(texts))


def _check(raw: pd.DataFrame, path: Path, first_row: int) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    rows = _Rows(path, first_row)
    columns = [str(c) for c in raw.columns]
    unknown = [c for c in columns if c not in OBSERVATION_COLUMNS]
    missing = [c for c in REQUIRED if c not in columns]
    if unknown:
        rows.whole(
            f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
            f"(known: {', '.join(OBSERVATION_COLUMNS)})"
        )
    if missing:
        rows.whole(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    if rows.problems:
        raise DataError.from_problems(rows.problems)
    if raw.empty:
        raise DataError.from_problems([Problem(str(path), "the table has no rows", first_row)])

    frame = pd.DataFrame(
        {c: _text_column(raw[c]) if c in raw else "" for c in _TEXT_COLUMNS}, index=raw.index
    )
    positions = np.arange(len(frame))

    def bad(mask: Any) -> Any:
        if not mask.any():  # the usual case, and cheap to ask of an Arrow-backed mask
            return positions[:0]
        return positions[np.asarray(mask, dtype=bool)]

    # Text columns that may be left empty get their defaults.
    for column, default in (
        ("zone", path.stem),
        ("name", frame["indicator"]),
        ("name_en", frame["indicator"]),
        ("category", "other"),
        ("qualifier", Qualifier.EXACT.value),
    ):
        empty = frame[column] == ""
        if empty.any():
            frame.loc[empty, column] = default

    codes = _Codes(frame)
    ids = frame["indicator"]
    not_id = codes.spread("indicator", lambda i: not _ID.match(i))
    rows.report(bad(not_id), lambda r: f"'{ids.iat[r]}' is not a snake_case id")
    period_codes, distinct = codes("period")
    period_errors = np.array([_period_error(str(p)) for p in distinct], dtype=object)
    wrong_period = period_errors[period_codes] if len(distinct) else np.array([], dtype=object)
    rows.report(bad(wrong_period != None), lambda r: str(wrong_period[r]))  # noqa: E711
    rows.report(bad(codes.spread("unit", lambda u: u == "")), "unit is missing")
    known = {q.value for q in Qualifier}
    rows.report(
        bad(codes.spread("qualifier", lambda q: q not in known)),
        lambda r: (
            f"unknown qualifier '{frame['qualifier'].iat[r]}' (one of: {', '.join(sorted(known))})"
        ),
    )
    better = frame["better"]
    directions = {"", *(b.value for b in Better)}
    rows.report(
        bad(codes.spread("better", lambda b: b not in directions)),
        lambda r: f"unknown better '{better.iat[r]}' (one of: higher, lower)",
    )

    value_text = raw["value"]
    if pd.api.types.is_numeric_dtype(value_text):
        values = value_text.astype("float64")
        blank = value_text.isna()
    else:
        values = pd.to_numeric(value_text, errors="coerce").astype("float64")
        blank = value_text.isna() | (value_text.astype(str).str.strip() == "")
    not_number = values.isna() | ~np.isfinite(values.to_numpy())
    rows.report(
        bad(not_number),
        lambda r: (
            "value is missing" if blank.iat[r] else f"value '{value_text.iat[r]}' is not a number"
        ),
    )
    out_of_text = raw["out_of"] if "out_of" in raw else pd.Series("", index=raw.index)
    if pd.api.types.is_numeric_dtype(out_of_text):
        out_of = out_of_text.astype("float64")
        given = out_of.notna().to_numpy()
    else:
        text = out_of_text.fillna("").astype(str).str.strip()
        given = (text != "").to_numpy(dtype=bool)
        out_of = pd.to_numeric(text.where(given, None), errors="coerce").astype("float64")
    number = out_of.to_numpy()[given]  # usually none: most indicators are not ranks
    whole = np.zeros(len(given), dtype=bool)
    with np.errstate(invalid="ignore"):
        whole[given] = ~np.isnan(number) & (np.mod(number, 1) == 0) & (number >= 1)
    wrong_out_of = given & ~whole
    rows.report(bad(wrong_out_of), lambda r: f"out_of '{out_of_text.iat[r]}' is not a whole number")

    _check_written(frame, codes, values, not_number, rows, bad)
    if not rows.problems:
        _check_consistency(frame, codes, out_of, rows, bad)
    if rows.problems:
        raise DataError.from_problems(sorted(rows.problems, key=lambda p: p.line or 0))

    frame["value"] = values
    frame["out_of"] = out_of.astype("Int64")
    for column in ("written", "quote", "period_note", "better"):
        frame[column] = frame[column].replace("", None)
    return frame[list(OBSERVATION_COLUMNS)].reset_index(drop=True)


def _text_column(column: pd.Series) -> pd.Series:
    """A column as text, empty where missing; numbers as plain numbers (2020, not 2020.0)."""
    import pandas as pd

    if pd.api.types.is_string_dtype(column) and column.dtype != object:
        return column.fillna("")
    codes, distinct = pd.factorize(column, use_na_sentinel=False)
    texts = [
        "" if v is None or v != v else plain_number(v) if isinstance(v, float) else str(v)
        for v in distinct
    ]
    return pd.Series(pd.array(texts, dtype="str").take(codes), index=column.index)


@lru_cache(maxsize=4096)
def _period_error(text: str) -> str | None:
    try:
        parse_period(text)
    except ZonestatsError as error:
        return error.message
    return None


@lru_cache(maxsize=200_000)
def _reads_as(written: str) -> tuple[float, str | None] | str:
    try:
        quantity = parse_quantity(written)
    except ZonestatsError as error:
        return error.message
    return quantity.value, quantity.unit


# A figure as plain as most in a long table: 800万台, 41个, 12.5%, 第126位. These are read
# column-wise; what parse_quantity might read otherwise never matches (digits are ASCII, a
# unit holds no numeral or qualifier word) and goes to it, one distinct value at a time.
# The unit is what follows the number and its magnitude; one holding 万 or 亿 is refused,
# so that in what is read here they can only be the magnitude.
_PLAIN_FIGURE = (
    r"^(?:第[0-9]{1,9}(?:位|名)"
    r"|[0-9]{1,18}(?:\.[0-9]{1,18})?(?:万亿|亿|万)?(?:%|[A-Za-z\x{4e00}-\x{9fff}]{1,4})?)$"
)
_PLAIN_NUMBER = r"^第?(?P<number>[0-9.]+)"
_PLAIN_HEAD = r"^第?[0-9.]+(?:万亿|亿|万)?"  # what is left is the unit
_WORDS_IN_UNIT = "[零〇一二两三四五六七八九十百千万亿多余以上下左右之大第]"
_MAGNITUDES = (("万", 1e4), ("亿", 1e8), ("万亿", 1e12))  # 万亿 last: it holds 万 and 亿


def _read_written(distinct: Any, units: Any) -> tuple[Any, Any, Any]:
    """Each distinct value as written, read: its value, its unit as a code among the units
    (-1 when it names none, -2 when no row has that unit) and why it cannot be read."""
    import numpy as np
    import pandas as pd

    value = np.full(len(distinct), np.nan)
    unit = np.full(len(distinct), -1, dtype=np.int64)
    error = np.empty(len(distinct), dtype=object)
    others = np.arange(len(distinct))
    if isinstance(getattr(distinct, "array", None), pd.arrays.ArrowStringArray):
        others = _read_plain_figures(distinct.array, units, value, unit)
    unit_code_of = {name: code for code, name in enumerate(units)}
    for index in others.tolist():
        text = distinct[index]
        if not text:
            continue
        reading = _reads_as(text)
        if isinstance(reading, str):
            error[index] = reading
        else:
            value[index] = reading[0]
            if reading[1] is not None:
                unit[index] = unit_code_of.get(reading[1], -2)
    return value, unit, error


def _read_plain_figures(texts: Any, units: Any, value: Any, unit: Any) -> Any:
    """Read the plain figures among Arrow strings into value and unit, column-wise; return
    the positions of the others."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    strings = pa.array(texts)
    if isinstance(strings, pa.ChunkedArray):
        strings = strings.combine_chunks()
    plain = np.asarray(pc.fill_null(pc.match_substring_regex(strings, _PLAIN_FIGURE), False))
    figures = strings.filter(pa.array(plain))
    names = pc.replace_substring_regex(figures, _PLAIN_HEAD, "")
    worded = np.asarray(pc.match_substring_regex(names, _WORDS_IN_UNIT))
    numbers = np.asarray(pc.cast(pc.extract_regex(figures, _PLAIN_NUMBER).field("number"), "f8"))
    factor = np.ones(len(figures))
    for word, times in _MAGNITUDES:
        factor[np.asarray(pc.match_substring(figures, word))] = times
    numbers = numbers * factor
    found = pc.index_in(names, pa.array(list(units), names.type))
    codes = np.array(pc.fill_null(found, -2), dtype=np.int64)  # a copy, to be written
    codes[np.asarray(pc.equal(names, ""))] = -1
    taken = np.flatnonzero(plain)[~worded]
    value[taken] = numbers[~worded]
    unit[taken] = codes[~worded]
    left = np.ones(len(plain), dtype=bool)
    left[taken] = False
    return np.flatnonzero(left)


def _check_written(
    frame: pd.DataFrame,
    codes: _Codes,
    values: pd.Series,
    not_number: pd.Series,
    rows: _Rows,
    bad: Any,
) -> None:
    """The value as written must stand in its quote and read as the number, in its unit."""
    import numpy as np

    has_quote = (frame["quote"] != "").to_numpy(dtype=bool)
    has_written = (frame["written"] != "").to_numpy(dtype=bool)
    written, quote = frame["written"], frame["quote"]
    outside = has_written & has_quote & ~_contained(written, quote)
    rows.report(
        bad(outside),
        lambda r: f"value '{written.iat[r]}' does not appear in its quote '{quote.iat[r]}'",
    )
    rows.report(bad(has_quote & ~has_written), "a quote needs the value as written (written)")
    # Each distinct value as written is read once; rows take its reading by their code, and
    # its unit as a code among the units, so that no row is compared as text.
    written_codes, distinct = codes("written")
    unit_codes, units = codes("unit")
    read_value, read_unit, read_error = _read_written(distinct, units)
    checked = has_written & ~not_number.to_numpy()
    error = read_error[written_codes]
    unreadable = checked & (error != None)  # noqa: E711 (element-wise)
    rows.report(bad(unreadable), lambda r: f"cannot read value '{written.iat[r]}': {error[r]}")
    number = values.to_numpy()
    reads = read_value[written_codes]
    with np.errstate(invalid="ignore"):
        differs = checked & ~unreadable & ~np.isclose(reads, number, rtol=1e-9, atol=0)
    rows.report(
        bad(differs),
        lambda r: (
            f"value '{written.iat[r]}' reads as {plain_number(float(reads[r]))}, "
            f"not {plain_number(float(number[r]))}"
        ),
    )
    unit_read = read_unit[written_codes]
    other_unit = checked & ~unreadable & (unit_read != -1) & (unit_read != unit_codes)
    rows.report(
        bad(other_unit),
        lambda r: (
            f"value '{written.iat[r]}' is counted in {_reads_as(written.iat[r])[1]} "
            f"but the unit is {units[unit_codes[r]]}"
        ),
    )


def _check_consistency(
    frame: pd.DataFrame, codes: _Codes, out_of: pd.Series, rows: _Rows, bad: Any
) -> None:
    """One name, unit, category, direction and out_of per indicator; one figure per period.

    Everything is compared as integer codes: a series (zone and indicator) breaks the rule
    where a column's smallest and largest code in it differ.
    """
    import numpy as np
    import pandas as pd

    zone = codes("zone")[0].astype("int64")
    indicator = codes("indicator")[0].astype("int64")
    series = zone * (int(indicator.max(initial=0)) + 1) + indicator
    series = pd.factorize(series)[0]
    columns = {c: frame[c] for c in ("name", "name_en", "category", "unit", "better")}
    columns["out_of"] = out_of.fillna(-1)
    for label, column in columns.items():
        column_codes = codes(label)[0] if label != "out_of" else pd.factorize(column)[0]
        low = np.full(series.max(initial=-1) + 1, np.iinfo("int64").max)
        np.minimum.at(low, series, column_codes)
        differs = column_codes != low[series]
        first: dict[int, Any] = {}
        rows.report(
            bad(differs),
            lambda r, c=column, lab=label, lo=low, fs=first: (
                f"indicator '{frame['indicator'].iat[r]}' has another {lab} here "
                f"('{_shown(c.iat[r])}', not '{_shown(_first(c, series, lo, r, fs))}')"
            ),
        )
    period = codes("period")[0].astype("int64")
    qualifier = codes("qualifier")[0].astype("int64")
    key = (series.astype("int64") * (int(period.max(initial=0)) + 1) + period) * 16 + qualifier
    duplicated = pd.Series(key).duplicated(keep="first").to_numpy()
    rows.report(
        bad(duplicated),
        lambda r: (
            f"indicator '{frame['indicator'].iat[r]}' has two "
            f"{frame['qualifier'].iat[r]} observations for period {frame['period'].iat[r]}"
        ),
    )


def _first(column: pd.Series, series: Any, low: Any, row: int, cache: dict[int, Any]) -> Any:
    """The value the series' other rows have (its smallest code), found when reporting."""
    import numpy as np
    import pandas as pd

    group = series[row]
    if group not in cache:
        members = np.flatnonzero(series == group)
        codes = pd.factorize(column)[0]
        cache[group] = column.iat[members[codes[members] == low[group]][0]]
    return cache[group]


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return "" if value == -1 else plain_number(value)
    return str(value)
