"""Check a long table's cells column by column, with the dataset's own fields and rules.

Each column is read by the field it holds in a YAML dataset (zonestats.model.fields), once
per distinct value; each observation rule (zonestats.model.rules) runs on whole columns,
or once per distinct combination of its inputs. Every problem names the file and the row
(its line in a text file, counting the header); rows with a problem are left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from zonestats.errors import Problem, ZonestatsError
from zonestats.io.cells import RowReport, TextColumn, constant_text, few_strings
from zonestats.io.contents import Contents
from zonestats.io.limits import MAX_CELL
from zonestats.io.table_rules import Input, check_rules, rule_inputs
from zonestats.model.fields import COLUMN_FIELDS, REQUIRED_COLUMNS, SURELY_VALID
from zonestats.model.merge import ZONE_COLUMNS, ZoneRecord, zone_record
from zonestats.model.period import span
from zonestats.model.quantity import Qualifier
from zonestats.model.table import COLUMNS, ObservationTable

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

_NUMERIC = ("value", "out_of")


def check_cells(cells: pd.DataFrame, path: Path, lines: np.ndarray) -> Contents:
    """The valid rows of a long table's cells as observations, and every problem; each
    row's line is given (as read_chunks gives them, or of rows picked from a file)."""
    name = str(path)
    report = RowReport(name, lines)
    columns = [str(c) for c in cells.columns]
    _check_columns(columns, cells.empty, report)
    if report.problems:
        return Contents(ObservationTable.empty([name]), [], report.problems)
    coded = {c: TextColumn(cells[c]) for c in columns if not _typed_number(cells, c)}
    for column, cells_of in coded.items():
        _refuse_long(column, cells_of, report)
    text = {c: t for c, t in coded.items() if c not in _NUMERIC}
    for column, cells_of in text.items():
        _check_field(column, cells_of, report)
    numbers = {c: _numbers(cells, c, coded.get(c), report) for c in _NUMERIC}
    inputs = rule_inputs(text, numbers, len(cells), report)
    check_rules(inputs, report)
    qualifier, qualifier_codes = _qualifier(text.get("qualifier"), inputs["read_qualifier"])
    keep = ~report.bad
    frame = _frame(text, numbers, qualifier, path, lines, keep)
    table = ObservationTable(frame, [name])
    for column, codes in _codes(text, qualifier_codes).items():
        table.seed_codes(column, codes if keep.all() or isinstance(codes, int) else codes[keep])
    report.problems.sort(key=lambda p: p.line or 0)
    return Contents(table, _zones(table, name), report.problems)


def _check_columns(columns: list[str], empty: bool, report: RowReport) -> None:
    if not columns and empty:  # a list of no records: nothing to say of columns
        report.problems.append(Problem(report.path, "no-rows", "the table has no rows", 1))
        return
    unknown = [c for c in columns if c not in COLUMN_FIELDS]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if unknown:
        s = "s" if len(unknown) > 1 else ""
        known = ", ".join(COLUMNS)
        report.whole("unknown-column", f"unknown column{s} {', '.join(unknown)} (known: {known})")
    if missing:
        s = "s" if len(missing) > 1 else ""
        report.whole("missing-column", f"missing column{s} {', '.join(missing)}")
    if not report.problems and empty:
        report.problems.append(
            Problem(report.path, "no-rows", "the table has no rows", report.first_row)
        )


def _typed_number(cells: pd.DataFrame, column: str) -> bool:
    """A value or out_of column that holds numbers, not text (Parquet's typed columns)."""
    import pandas as pd

    return column in _NUMERIC and pd.api.types.is_numeric_dtype(cells[column])


def _refuse_long(column: str, coded: TextColumn, report: RowReport) -> None:
    """Cells longer than any cell of a dataset may be: refused, and no more checked."""
    lengths = coded.lengths()
    long = lengths > MAX_CELL
    if not long.any():
        return
    coded.long = long

    def message(row: int) -> str:
        length = int(lengths[coded.codes[row]])
        return f"'{column}' is {length:,} characters, more than the {MAX_CELL:,} a cell may hold"

    report.rows(coded.refuse(long), "cell-too-long", message)


def _check_field(column: str, coded: TextColumn, report: RowReport) -> None:
    """Each distinct value through the column's field converter (but those that surely pass
    it, and those too long to check); empty required cells."""
    import numpy as np

    convert = COLUMN_FIELDS[column].convert
    assert convert is not None
    codes: dict[int, str] = {}
    messages: dict[int, str] = {}
    unsure = _unsure(coded, SURELY_VALID.get(convert, ()))
    for index, value in zip(unsure.tolist(), coded.distinct.take(unsure).tolist(), strict=True):
        try:
            if value != "":
                convert(value)
        except ZonestatsError as error:
            codes[index], messages[index] = error.code or "invalid", error.message
    if codes:
        failed = np.zeros(len(coded.distinct), dtype=bool)
        failed[list(codes)] = True
        coded.refuse(failed)
    for code in dict.fromkeys(codes.values()):
        of_code = np.zeros(len(coded.distinct), dtype=bool)
        of_code[[i for i, c in codes.items() if c == code]] = True
        report.rows(
            coded.spread(of_code, False),
            code,
            lambda r: f"'{column}': {messages[int(coded.codes[r])]}",
        )
    if column in REQUIRED_COLUMNS:
        report.rows(~coded.present(), "missing-field", lambda r: f"{column} is missing")


def _unsure(coded: TextColumn, patterns: tuple[str, ...]) -> np.ndarray:
    """The distinct values that do not match every pattern of what surely passes."""
    import numpy as np
    import pandas as pd

    everything = np.arange(len(coded.distinct))
    if coded.long is not None:
        everything = everything[~coded.long]
    if not patterns or not isinstance(coded.distinct.array, pd.arrays.ArrowStringArray):
        return everything
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pa.array(coded.distinct.array)
    sure = np.ones(len(coded.distinct), dtype=bool)
    for pattern in patterns:
        sure &= np.asarray(pc.fill_null(pc.match_substring_regex(values, pattern), False))
    result: np.ndarray = everything[~sure[everything]]
    return result


def _numbers(
    cells: pd.DataFrame, column: str, coded: TextColumn | None, report: RowReport
) -> np.ndarray:
    """A value or out_of column as float64 (NaN where empty or refused); cells that are no
    number reported. Text is read by the column's field converter, as in YAML."""
    import numpy as np

    if column not in cells:
        return np.full(len(cells), np.nan)
    if coded is None:  # typed numbers
        values, wrong = _typed_numbers(cells[column], column)
        texts, missing = cells[column], np.isnan(values) & ~wrong
    else:
        values, wrong = _text_numbers(coded, column)
        texts, missing = coded.cells, ~coded.present()
    code = "not-a-number" if column == "value" else "not-a-whole-number"
    what = "a number" if column == "value" else "a whole number of 1 or more"
    report.rows(wrong, code, lambda r: f"{column} '{texts.iat[r]}' is not {what}")
    if column == "value":
        report.rows(missing, "missing-field", lambda r: "value is missing")
    if wrong.any():
        values[wrong] = np.nan
    return values


def _typed_numbers(raw: pd.Series, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Numbers stored as numbers: their values, and where they are no finite number (or for
    out_of, no whole number of 1 or more)."""
    import numpy as np

    values = raw.to_numpy(dtype="float64", na_value=np.nan, copy=True)
    given = ~np.isnan(values)
    with np.errstate(invalid="ignore"):
        wrong = given & ~np.isfinite(values)
        if column == "out_of":
            wrong |= given & ((values < 1) | (np.mod(values, 1) != 0))
    return values, wrong


def _text_numbers(coded: TextColumn, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Numbers written as text, read by the column's field converter once per distinct
    value; those that surely pass it are read column-wise. Their values, and where the
    converter refuses them."""
    import numpy as np

    convert = COLUMN_FIELDS[column].convert
    assert convert is not None
    count = len(coded.distinct)
    parsed = np.full(count, np.nan)
    failed = np.zeros(count, dtype=bool)
    unsure = _unsure(coded, SURELY_VALID.get(convert, ()))
    sure = np.ones(count, dtype=bool)
    sure[unsure] = False
    if coded.long is not None:
        sure &= ~coded.long
    if sure.any():
        parsed[sure] = _cast(coded.distinct, sure)
    for index, value in zip(unsure.tolist(), coded.distinct.take(unsure).tolist(), strict=True):
        try:
            if value != "":
                parsed[index] = float(convert(value))
        except ZonestatsError:
            failed[index] = True
    return coded.spread(parsed, np.nan), coded.refuse(failed)


def _cast(distinct: Any, chosen: np.ndarray) -> np.ndarray:
    """Distinct texts that surely read as numbers, read column-wise."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = pa.array(distinct.array).filter(pa.array(chosen))
    return np.asarray(pc.cast(texts, pa.float64()), dtype="float64")


def _qualifier(stated: TextColumn | None, read: Input) -> tuple[Any, np.ndarray | None]:
    """The qualifier as stated, else as the wording reads, else exact: a text column, and
    its codes where they are the stated column's (a table that states every qualifier)."""
    if stated is not None and not stated.has_empty:
        return stated.cells, stated.codes
    result = read.values().copy()
    if stated is not None:
        given = stated.present()
        result[given] = stated.values()[given]
    result[result == None] = Qualifier.EXACT.value  # noqa: E711 (element-wise)
    return few_strings(result), None


def _codes(text: dict[str, TextColumn], qualifier: np.ndarray | None) -> dict[str, Any]:
    """The codes of the frame's text columns that the reading already has: those of the
    columns as read (not the zone where it fills empty cells, nor a qualifier worked out),
    and of the columns the table lacks (one value, or none)."""
    codes: dict[str, Any] = {c: t.codes for c, t in text.items() if c != "qualifier"}
    if "zone" in text and text["zone"].has_empty:
        del codes["zone"]
    if qualifier is not None:
        codes["qualifier"] = qualifier
    for column in COLUMNS:
        if column not in text and column not in _NUMERIC and column != "qualifier":
            codes[column] = 0 if column == "zone" else -1  # one value in every row
    return codes


def _frame(
    text: dict[str, TextColumn],
    numbers: dict[str, np.ndarray],
    qualifier: Any,
    path: Path,
    lines: np.ndarray,
    keep: np.ndarray,
) -> pd.DataFrame:
    """The rows kept, as the observations table's columns; empty text is None (a name or
    category left empty takes another row's later, zonestats.model.definitions.fill_definitions),
    and a zone left empty is the file's name."""
    import numpy as np
    import pandas as pd

    rows = len(keep)
    columns: dict[str, Any] = {
        "value": numbers["value"],
        "out_of": pd.array(numbers["out_of"], dtype="Float64").astype("Int64"),
        "qualifier": qualifier,
    }
    nothing = constant_text(None, rows)  # one column of nothing, for every column absent
    for column in COLUMNS:
        if column in columns:
            continue
        default = path.stem if column == "zone" else None
        coded = text.get(column)
        if coded is None:
            columns[column] = nothing if default is None else constant_text(default, rows)
        elif coded.has_empty and default is not None:
            columns[column] = coded.cells.fillna(default)
        else:
            columns[column] = coded.cells
    periods = text["period"]
    columns["_file"] = np.zeros(rows, dtype=np.int64)
    columns["_line"] = lines
    columns["_col"] = nothing
    columns["_span"] = _spans(periods)
    columns["_used"] = np.ones(rows, dtype=bool)
    columns["_copy"] = np.zeros(rows, dtype=bool)
    frame = pd.DataFrame({c: _plain(v) for c, v in columns.items()})
    if not keep.all():
        frame = frame[keep].reset_index(drop=True)
    return frame


def _spans(periods: TextColumn) -> Any:
    """The dates each row's period covers, as a categorical column made from the periods'
    codes (2021 and 2021-01/2021-12 are one category)."""
    import numpy as np
    import pandas as pd

    codes, spans = pd.factorize(pd.Series([_span_of(p) for p in periods.listed()], dtype=object))
    per_row = np.append(codes, -1)[periods.codes]  # code -1 (no period) stays -1
    return pd.Categorical.from_codes(per_row, categories=spans)


def _span_of(period: str) -> str | None:
    """The dates a period covers; None for one that is not a period (its row is left out)."""
    try:
        return span(period)
    except ZonestatsError:
        return None


def _plain(values: Any) -> Any:
    return values.array if hasattr(values, "array") else values


def _zones(table: ObservationTable, path: str) -> list[ZoneRecord]:
    """The zones a table's rows name, with what they say of them."""
    return [zone_record(path, row) for _, row in table.distinct(ZONE_COLUMNS)]
