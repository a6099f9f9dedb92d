"""Check a long table's cells column by column, with the dataset's own fields and rules.

Each column is read by the field it holds in a YAML dataset (zonestats.model.fields), once
per distinct value; each observation rule (zonestats.model.rules) runs on whole columns,
or once per distinct combination of its inputs. Every problem names the file and the row
(its line in a text file, counting the header); rows with a problem are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zonestats.errors import Problem, ZonestatsError
from zonestats.io.cells import RowReport, TextColumn, constant_text, few_strings
from zonestats.io.contents import Contents
from zonestats.io.figures import read_figures
from zonestats.model.fields import COLUMN_FIELDS, REQUIRED_COLUMNS
from zonestats.model.merge import ZONE_COLUMNS, ZoneRecord, zone_record
from zonestats.model.period import span
from zonestats.model.quantity import Qualifier
from zonestats.model.rules import RULES
from zonestats.model.table import COLUMNS, ObservationTable

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

_NUMERIC = ("value", "out_of")


@dataclass(frozen=True, slots=True)
class _Input:
    """A rule's input column: a value per row, where it is given, and (for text) its codes,
    so that a rule on single values runs once per distinct combination."""

    values: np.ndarray
    given: np.ndarray
    codes: np.ndarray | None = None


def check_cells(cells: pd.DataFrame, path: Path, first_row: int) -> Contents:
    """The valid rows of a long table's cells as observations, and every problem."""
    name = str(path)
    report = RowReport(name, first_row, len(cells))
    columns = [str(c) for c in cells.columns]
    _check_columns(columns, cells.empty, report)
    if report.problems:
        return Contents(ObservationTable.empty([name]), [], report.problems)
    text = {c: TextColumn(cells[c]) for c in columns if c not in _NUMERIC}
    for column, coded in text.items():
        _check_field(column, coded, report)
    numbers = {c: _numbers(cells, c, report) for c in _NUMERIC}
    inputs = _inputs(text, numbers, len(cells), report)
    _check_rules(inputs, report)
    qualifier = _qualifier(text.get("qualifier"), inputs["read_qualifier"])
    keep = ~report.bad
    frame = _frame(text, numbers, qualifier, path, first_row, keep)
    table = ObservationTable(frame, [name])
    for column, coded in text.items():
        # The frame's qualifier is the one worked out, and its zone fills empty cells: there
        # the cells' codes are not the column's.
        if column != "qualifier" and not (column == "zone" and coded.has_empty):
            table.seed_codes(column, coded.codes[keep] if not keep.all() else coded.codes)
    report.problems.sort(key=lambda p: p.line or 0)
    return Contents(table, _zones(table, name), report.problems)


def _check_columns(columns: list[str], empty: bool, report: RowReport) -> None:
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


def _check_field(column: str, coded: TextColumn, report: RowReport) -> None:
    """Each distinct value through the column's field converter; empty required cells."""
    import numpy as np

    convert = COLUMN_FIELDS[column].convert
    assert convert is not None
    codes: list[str | None] = []
    messages: list[str] = []
    for value in coded.listed():
        try:
            if value != "":
                convert(value)
            codes.append(None)
            messages.append("")
        except ZonestatsError as error:
            codes.append(error.code or "invalid")
            messages.append(error.message)
    coded.invalid = coded.spread(np.array([c is not None for c in codes], dtype=bool), False)
    for code in dict.fromkeys(c for c in codes if c is not None):
        mask = coded.spread(np.array([c == code for c in codes], dtype=bool), False)
        report.rows(mask, code, lambda r: f"'{column}': {messages[coded.codes[r]]}")
    if column in REQUIRED_COLUMNS:
        report.rows(~coded.present(), "missing-field", lambda r: f"{column} is missing")


def _numbers(cells: pd.DataFrame, column: str, report: RowReport) -> np.ndarray:
    """A numeric column as float64 (NaN where empty); cells that are no number reported."""
    import numpy as np
    import pandas as pd

    if column not in cells:
        return np.full(len(cells), np.nan)
    raw = cells[column]
    if pd.api.types.is_numeric_dtype(raw):
        values = raw.to_numpy(dtype="float64", na_value=np.nan, copy=True)
        given = ~np.isnan(values)
        with np.errstate(invalid="ignore"):
            wrong = given & ~np.isfinite(values)
            if column == "out_of":
                wrong |= given & ((values < 1) | (np.mod(values, 1) != 0))
        texts = raw.astype(object)
    else:
        coded = TextColumn(raw)
        convert = COLUMN_FIELDS[column].convert
        assert convert is not None
        parsed, failed = [], []
        for value in coded.listed():
            try:
                parsed.append(float(convert(value)) if value != "" else np.nan)
                failed.append(False)
            except ZonestatsError:
                parsed.append(np.nan)
                failed.append(True)
        values = coded.spread(np.array(parsed, dtype="float64"), np.nan)
        wrong = coded.spread(np.array(failed, dtype=bool), False)
        texts = coded.cells
    code = "not-a-number" if column == "value" else "not-a-whole-number"
    what = "a number" if column == "value" else "a whole number of 1 or more"
    report.rows(wrong, code, lambda r: f"{column} '{texts.iat[r]}' is not {what}")
    if column == "value":
        report.rows(np.isnan(values) & ~wrong, "missing-field", lambda r: "value is missing")
    if wrong.any():
        values[wrong] = np.nan
    return values


def _inputs(
    text: dict[str, TextColumn], numbers: dict[str, np.ndarray], rows: int, report: RowReport
) -> dict[str, _Input]:
    """Every field a rule reads, per row: the text columns, what each written value reads
    as, and the numbers."""
    import numpy as np

    def absent() -> _Input:
        return _Input(np.full(rows, None, dtype=object), np.zeros(rows, dtype=bool))

    def of_text(coded: TextColumn) -> _Input:
        return _Input(coded.values(), coded.usable(), coded.codes)

    def of_number(values: np.ndarray) -> _Input:
        return _Input(values, ~np.isnan(values))

    inputs = {
        c: of_text(text[c]) if c in text else absent()
        for c in ("written", "quote", "unit", "qualifier")
    }
    inputs.update(number=of_number(numbers["value"]), value=of_number(numbers["value"]))
    inputs["out_of"] = of_number(numbers["out_of"])
    written = text.get("written")
    if written is None:
        inputs.update(
            read_value=of_number(np.full(rows, np.nan)), read_unit=absent(), read_qualifier=absent()
        )
        return inputs
    value, unit, qualifier, error = read_figures(written.distinct)
    unreadable = written.spread(error != None, False)  # noqa: E711 (element-wise)
    report.rows(unreadable, "unreadable-value", lambda r: str(error[written.codes[r]]))
    inputs["read_value"] = of_number(written.spread(value, np.nan))
    for name, per_distinct in (("read_unit", unit), ("read_qualifier", qualifier)):
        given = written.spread(per_distinct != None, False)  # noqa: E711
        inputs[name] = _Input(written.spread(per_distinct, None), given, written.codes)
    return inputs


def _check_rules(inputs: dict[str, _Input], report: RowReport) -> None:
    """Every observation rule, on whole columns or once per distinct input."""
    import numpy as np

    for rule in RULES:
        where = inputs[rule.inputs[0]].given.copy()
        for name in rule.inputs[1:]:
            where &= inputs[name].given
        if not where.any():
            continue
        if rule.per_value:
            codes = [inputs[name].codes for name in rule.inputs]
            assert all(c is not None for c in codes)
            holds = _per_value(rule.holds, [inputs[n].values for n in rule.inputs], codes, where)
        else:
            arguments = [inputs[name].values[where] for name in rule.inputs]
            holds = np.asarray(rule.holds(*arguments), dtype=bool)
        broken = np.zeros(len(where), dtype=bool)
        broken[np.flatnonzero(where)[~holds]] = True

        def message(row: int, rule: Any = rule) -> str:
            fields = {k: _scalar(v.values[row]) for k, v in inputs.items()}
            return str(rule.message(fields))

        report.rows(broken, rule.code, message)


def _per_value(
    test: Callable[..., Any], values: list[np.ndarray], codes: list[Any], where: np.ndarray
) -> np.ndarray:
    """A test run once per distinct combination of its inputs' codes, spread over the rows
    where it applies."""
    import numpy as np
    import pandas as pd

    key = np.zeros(int(where.sum()), dtype=np.int64)
    for column in codes:
        picked = column[where]
        key = key * (int(column.max(initial=0)) + 2) + picked + 1
        key = pd.factorize(key)[0]  # compact again, so that many columns never overflow
    rows = np.flatnonzero(where)
    firsts = pd.Series(key).drop_duplicates().index.to_numpy()
    results = np.fromiter(
        (bool(test(*(v[rows[i]] for v in values))) for i in firsts.tolist()),
        dtype=bool,
        count=len(firsts),
    )
    spread: np.ndarray = results[key]
    return spread


def _scalar(value: Any) -> Any:
    if isinstance(value, float) and value != value:
        return None
    return value


def _qualifier(stated: TextColumn | None, read: _Input) -> np.ndarray:
    """The qualifier as stated, else as the wording reads, else exact."""

    result = read.values.copy()
    if stated is not None:
        given = stated.present()
        result[given] = stated.values()[given]
    result[result == None] = Qualifier.EXACT.value  # noqa: E711 (element-wise)
    return result


def _frame(
    text: dict[str, TextColumn],
    numbers: dict[str, np.ndarray],
    qualifier: np.ndarray,
    path: Path,
    first_row: int,
    keep: np.ndarray,
) -> pd.DataFrame:
    """The rows kept, as the observations table's columns; empty text is None (a name or
    category left empty takes another row's later, zonestats.model.merge.fill_definitions),
    and a zone left empty is the file's name."""
    import numpy as np
    import pandas as pd

    rows = len(keep)
    columns: dict[str, Any] = {
        "value": numbers["value"],
        "out_of": pd.array(numbers["out_of"], dtype="Float64").astype("Int64"),
        "qualifier": few_strings(qualifier),
    }
    for column in COLUMNS:
        if column in columns:
            continue
        default = path.stem if column == "zone" else None
        coded = text.get(column)
        if coded is None:
            columns[column] = constant_text(default, rows)
        elif coded.has_empty:
            columns[column] = coded.cells.where(coded.present(), default)
        else:
            columns[column] = coded.cells
    periods = text["period"]
    spans = np.array([_span_of(p) for p in periods.listed()], dtype=object)
    columns["_file"] = np.zeros(rows, dtype=np.int64)
    columns["_line"] = np.arange(first_row, first_row + rows, dtype=np.int64)
    columns["_col"] = constant_text(None, rows)
    columns["_span"] = few_strings(periods.spread(spans, None))
    columns["_used"] = np.ones(rows, dtype=bool)
    columns["_copy"] = np.zeros(rows, dtype=bool)
    frame = pd.DataFrame({c: _plain(v) for c, v in columns.items()})
    if not keep.all():
        frame = frame[keep].reset_index(drop=True)
    return frame


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
