"""Read the tidy long table that `export` writes (.csv, .tsv, .jsonl, .parquet) as observations.

The checks are the dataset's own, done column-wise: ids, periods, numbers, qualifiers, units,
values against their quotes, one name and unit per indicator, one observation per period.
Every problem names the file and the row (its line in a text file, counting the header).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zonestats.errors import DataError, Problem, ZonestatsError
from zonestats.model import OBSERVATION_COLUMNS, Better, parse_period
from zonestats.units import Qualifier, parse_quantity, plain_number

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
            frame = pd.read_json(path, lines=True, dtype=False, convert_dates=False)
            return frame, 1
        separator = "\t" if suffix in (".tsv", ".tab") else ","
        frame = pd.read_csv(
            path,
            sep=separator,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding="utf-8-sig",
        )
        return frame, 2
    except UnicodeDecodeError as error:
        from zonestats.load import read_text

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

    frame = pd.DataFrame(index=raw.index)
    for column in _TEXT_COLUMNS:
        if column in raw:
            text = raw[column].astype(object).where(raw[column].notna(), "")
            frame[column] = text.map(_as_text) if text.dtype == object else text
        else:
            frame[column] = ""
    positions = np.arange(len(frame))

    def bad(mask: Any) -> Any:
        return positions[np.asarray(mask, dtype=bool)]

    # Text columns that may be left empty get their defaults.
    frame.loc[frame["zone"] == "", "zone"] = path.stem
    frame.loc[frame["name"] == "", "name"] = frame["indicator"]
    frame.loc[frame["name_en"] == "", "name_en"] = frame["indicator"]
    frame.loc[frame["category"] == "", "category"] = "other"
    frame.loc[frame["qualifier"] == "", "qualifier"] = Qualifier.EXACT.value

    ids = frame["indicator"]
    id_ok = {i: bool(_ID.match(i)) for i in pd.unique(ids)}
    rows.report(bad(~ids.map(id_ok)), lambda r: f"'{ids.iat[r]}' is not a snake_case id")
    periods = frame["period"]
    period_errors = {p: _period_error(p) for p in pd.unique(periods)}
    wrong_period = periods.map(period_errors)
    rows.report(bad(wrong_period.notna()), lambda r: str(wrong_period.iat[r]))
    rows.report(bad(frame["unit"] == ""), "unit is missing")
    known = {q.value for q in Qualifier}
    rows.report(
        bad(~frame["qualifier"].isin(known)),
        lambda r: f"unknown qualifier '{frame['qualifier'].iat[r]}' "
        f"(one of: {', '.join(sorted(known))})",
    )
    better = frame["better"]
    rows.report(
        bad(~better.isin(["", *(b.value for b in Better)])),
        lambda r: f"unknown better '{better.iat[r]}' (one of: higher, lower)",
    )

    value_text = raw["value"]
    values = pd.to_numeric(value_text, errors="coerce").astype("float64")
    not_number = values.isna() | ~np.isfinite(values.to_numpy())
    rows.report(
        bad(not_number),
        lambda r: f"value '{value_text.iat[r]}' is not a number"
        if str(value_text.iat[r]).strip()
        else "value is missing",
    )
    out_of_text = raw["out_of"] if "out_of" in raw else pd.Series("", index=raw.index)
    if pd.api.types.is_numeric_dtype(out_of_text):
        out_of = out_of_text.astype("Float64")
        given = out_of.notna()
    else:
        text = out_of_text.fillna("").astype(str).str.strip()
        given = text != ""
        out_of = pd.to_numeric(text.where(given, None), errors="coerce").astype("Float64")
    whole = (out_of.notna() & (out_of % 1 == 0) & (out_of >= 1)).fillna(False)
    wrong_out_of = (given & ~whole).to_numpy(dtype=bool)
    rows.report(bad(wrong_out_of), lambda r: f"out_of '{out_of_text.iat[r]}' is not a whole number")

    _check_written(frame, values, not_number, rows, bad)
    if not rows.problems:
        _check_consistency(frame, out_of, rows, bad)
    if rows.problems:
        raise DataError.from_problems(sorted(rows.problems, key=lambda p: p.line or 0))

    frame["value"] = values
    frame["out_of"] = out_of.astype("Int64")
    for column in ("written", "quote", "period_note", "better"):
        frame[column] = frame[column].replace("", None)
    return frame[list(OBSERVATION_COLUMNS)].reset_index(drop=True)


def _as_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return plain_number(value)
    return str(value)


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


def _check_written(
    frame: pd.DataFrame, values: pd.Series, not_number: pd.Series, rows: _Rows, bad: Any
) -> None:
    """The value as written must stand in its quote and read as the number."""
    import numpy as np

    written = frame["written"].to_numpy(dtype=object)
    quote = frame["quote"].to_numpy(dtype=object)
    has_quote = quote != ""
    has_written = written != ""
    outside = np.fromiter(
        (bool(w) and bool(q) and w not in q for w, q in zip(written, quote, strict=True)),
        dtype=bool,
        count=len(written),
    )
    rows.report(
        bad(outside),
        lambda r: f"value '{written[r]}' does not appear in its quote '{quote[r]}'",
    )
    rows.report(bad(has_quote & ~has_written), "a quote needs the value as written (written)")
    readings = [_reads_as(w) if w else None for w in written]
    number = values.to_numpy()
    units = frame["unit"].to_numpy(dtype=object)

    def wrong(r: int) -> str | None:
        reading = readings[r]
        if reading is None or not_number.iat[r]:
            return None
        if isinstance(reading, str):
            return f"cannot read value '{written[r]}': {reading}"
        value, unit = reading
        if not np.isclose(value, number[r], rtol=1e-9, atol=0):
            return f"value '{written[r]}' reads as {plain_number(value)}, not {plain_number(number[r])}"
        if unit is not None and unit != units[r]:
            return f"value '{written[r]}' is counted in {unit} but the unit is {units[r]}"
        return None

    messages = [wrong(r) for r in range(len(readings))]
    flagged = np.fromiter((m is not None for m in messages), dtype=bool, count=len(messages))
    rows.report(bad(flagged), lambda r: messages[r])


def _check_consistency(frame: pd.DataFrame, out_of: pd.Series, rows: _Rows, bad: Any) -> None:
    """One name, unit, category, direction and out_of per indicator; one figure per period."""
    keys = ["zone", "indicator"]
    table = frame[[*keys, "name", "name_en", "category", "unit", "better"]].assign(
        out_of=out_of.fillna(-1).astype("float64")
    )
    grouped = table.groupby(keys, sort=False)
    for column in ("name", "name_en", "category", "unit", "better", "out_of"):
        first = grouped[column].transform("first")
        differs = table[column] != first
        label = "out_of" if column == "out_of" else column
        rows.report(
            bad(differs),
            lambda r, c=column, f=first, lab=label: (
                f"indicator '{frame['indicator'].iat[r]}' has another {lab} here "
                f"('{_shown(table[c].iat[r])}', not '{_shown(f.iat[r])}')"
            ),
        )
    duplicated = frame.duplicated([*keys, "period", "qualifier"], keep="first")
    rows.report(
        bad(duplicated),
        lambda r: f"indicator '{frame['indicator'].iat[r]}' has two "
        f"{frame['qualifier'].iat[r]} observations for period {frame['period'].iat[r]}",
    )


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return "" if value == -1 else plain_number(value)
    return str(value)
