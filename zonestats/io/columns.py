"""Check a long table's cells column by column, with the dataset's own fields and rules.

Each column is read by the field it holds in a YAML dataset (zonestats.model.fields), once
per distinct value; each observation rule (zonestats.model.rules) runs on whole columns,
or once per distinct combination of its inputs. Every problem names the file and the row
(its line in a text file, counting the header); rows with a problem are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zonestats.errors import Problem, ZonestatsError
from zonestats.io.cells import RowReport, TextColumn, constant_text, few_strings, first_rows
from zonestats.io.contents import Contents
from zonestats.io.figures import read_figures
from zonestats.model.fields import COLUMN_FIELDS, REQUIRED_COLUMNS, SURELY_VALID
from zonestats.model.merge import ZONE_COLUMNS, ZoneRecord, zone_record
from zonestats.model.period import span
from zonestats.model.quantity import Qualifier
from zonestats.model.rules import RULES
from zonestats.model.table import COLUMNS, ObservationTable

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

_NUMERIC = ("value", "out_of")


class _Input:
    """A rule's input column: where it is given, and its values, either as a code per row
    and the value each code stands for (text, and what written values read as: a rule on
    them runs once per distinct combination) or as an array (numbers)."""

    def __init__(
        self,
        given: np.ndarray,
        values: np.ndarray | None = None,
        codes: np.ndarray | None = None,
        distinct: np.ndarray | None = None,
    ) -> None:
        self.given, self.codes, self.distinct = given, codes, distinct
        self._values = values

    def values(self) -> np.ndarray:
        """A value per row (None or NaN where not given), made when first asked for."""
        if self._values is None:
            assert self.codes is not None and self.distinct is not None
            self._values = self.distinct[self.codes]
            self._values[~self.given] = None
        return self._values

    def at(self, row: int) -> Any:
        if self._values is not None or self.codes is None:
            return _scalar(self.values()[row])
        assert self.distinct is not None
        return self.distinct[self.codes[row]] if self.given[row] else None


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
    qualifier, qualifier_codes = _qualifier(text.get("qualifier"), inputs["read_qualifier"])
    keep = ~report.bad
    frame = _frame(text, numbers, qualifier, path, first_row, keep)
    table = ObservationTable(frame, [name])
    for column, codes in _codes(text, qualifier_codes).items():
        table.seed_codes(column, codes if keep.all() or isinstance(codes, int) else codes[keep])
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
    """Each distinct value through the column's field converter (but those that surely pass
    it); empty required cells."""
    import numpy as np

    convert = COLUMN_FIELDS[column].convert
    assert convert is not None
    codes: dict[int, str] = {}
    messages: dict[int, str] = {}
    for index in _unsure(coded, SURELY_VALID.get(convert, ())).tolist():
        value = coded.distinct[index]
        try:
            if value != "":
                convert(value)
        except ZonestatsError as error:
            codes[index], messages[index] = error.code or "invalid", error.message
    if codes:
        failed = np.zeros(len(coded.distinct), dtype=bool)
        failed[list(codes)] = True
        coded.invalid = coded.spread(failed, False)
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
    if not patterns or not isinstance(coded.distinct.array, pd.arrays.ArrowStringArray):
        return everything
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pa.array(coded.distinct.array)
    sure = np.ones(len(everything), dtype=bool)
    for pattern in patterns:
        sure &= np.asarray(pc.fill_null(pc.match_substring_regex(values, pattern), False))
    result: np.ndarray = everything[~sure]
    return result


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
        texts = raw
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

    nothing = np.zeros(rows, dtype=bool)

    def of_text(column: str) -> _Input:
        coded = text.get(column)
        if coded is None:
            return _Input(nothing, codes=np.zeros(rows, np.int64), distinct=np.array([None]))
        distinct = np.array([*coded.listed(), None], dtype=object)  # code -1: the None
        return _Input(coded.usable(), codes=coded.codes, distinct=distinct)

    def of_number(values: np.ndarray) -> _Input:
        return _Input(~np.isnan(values), values)

    inputs = {c: of_text(c) for c in ("written", "quote", "unit", "qualifier")}
    inputs.update(number=of_number(numbers["value"]), value=of_number(numbers["value"]))
    inputs["out_of"] = of_number(numbers["out_of"])
    written = text.get("written")
    if written is None:
        empty = inputs["written"]
        inputs.update(read_value=of_number(np.full(rows, np.nan)), read_unit=empty)
        inputs["read_qualifier"] = empty
        return inputs
    value, unit, qualifier, error = read_figures(written.distinct)
    unreadable = written.spread(error != None, False)  # noqa: E711 (element-wise)
    report.rows(unreadable, "unreadable-value", lambda r: str(error[written.codes[r]]))
    inputs["read_value"] = of_number(written.spread(value, np.nan))
    for name, per_distinct in (("read_unit", unit), ("read_qualifier", qualifier)):
        given = written.spread(per_distinct != None, False)  # noqa: E711
        distinct = np.concatenate([per_distinct, np.array([None], dtype=object)])
        inputs[name] = _Input(given, codes=written.codes, distinct=distinct)
    return inputs


def _check_rules(inputs: dict[str, _Input], report: RowReport) -> None:
    """Every observation rule: once per distinct combination of its inputs where they are
    coded (text) and few, else on whole columns."""
    import numpy as np

    rows = len(report.bad)
    for rule in RULES:
        used = [inputs[name] for name in rule.inputs]
        where = used[0].given.copy()
        for column in used[1:]:
            where &= column.given
        if not where.any():
            continue
        coded = all(c.codes is not None for c in used)
        few = coded and all(len(c.distinct) <= rows // 4 for c in used)  # type: ignore[arg-type]
        if rule.per_value or few:
            holds = _per_value(rule.holds, used, where)
        else:
            holds = np.asarray(rule.holds(*(c.values()[where] for c in used)), dtype=bool)
        broken = np.zeros(len(where), dtype=bool)
        broken[np.flatnonzero(where)[~holds]] = True

        def message(row: int, rule: Any = rule) -> str:
            return str(rule.message({k: v.at(row) for k, v in inputs.items()}))

        report.rows(broken, rule.code, message)


def _per_value(test: Callable[..., Any], used: list[_Input], where: np.ndarray) -> np.ndarray:
    """A test run once per distinct combination of its inputs' codes, spread over the rows
    where it applies."""
    import numpy as np
    import pandas as pd

    key = np.zeros(int(where.sum()), dtype=np.int64)
    bound = 1  # every key is below this
    for column in used:
        assert column.codes is not None and column.distinct is not None
        size = len(column.distinct) + 1
        if bound * size >= 2**62:  # compact the key first, so that it never overflows
            key = pd.factorize(key)[0].astype(np.int64)
            bound = int(key.max(initial=0)) + 1
        key = key * size + column.codes[where] + 1
        bound *= size
    key, combinations = pd.factorize(key)  # a code per combination, in order of appearance
    firsts = np.flatnonzero(where)[first_rows(key, len(combinations))]
    arguments = [c.distinct[c.codes[firsts]].tolist() for c in used]  # type: ignore[index]
    results = np.fromiter(map(test, *arguments), dtype=bool, count=len(firsts))
    spread: np.ndarray = results[key]
    return spread


def _scalar(value: Any) -> Any:
    if isinstance(value, float) and value != value:
        return None
    return value


def _qualifier(stated: TextColumn | None, read: _Input) -> tuple[Any, np.ndarray | None]:
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
    columns["_line"] = np.arange(first_row, first_row + rows, dtype=np.int64)
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
    per_row = np.where(periods.codes >= 0, codes[np.maximum(periods.codes, 0)], -1)
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
