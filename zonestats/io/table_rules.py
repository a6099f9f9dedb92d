"""The observation rules (zonestats.model.rules) on a long table's columns: each rule's
inputs per row, and each rule run once per distinct combination of its inputs where they
are coded text and few, on whole columns otherwise."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from zonestats.io.cells import RowReport, TextColumn, first_rows
from zonestats.io.figures import read_figures
from zonestats.model.rules import RULES

if TYPE_CHECKING:
    import numpy as np


class Input:
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


def rule_inputs(
    text: dict[str, TextColumn], numbers: dict[str, np.ndarray], rows: int, report: RowReport
) -> dict[str, Input]:
    """Every field a rule reads, per row: the text columns, what each written value reads
    as, and the numbers."""
    import numpy as np

    nothing = np.zeros(rows, dtype=bool)

    def of_text(column: str) -> Input:
        coded = text.get(column)
        if coded is None:
            return Input(nothing, codes=np.zeros(rows, np.int64), distinct=np.array([None]))
        distinct = np.array([*coded.listed(), None], dtype=object)  # code -1: the None
        return Input(coded.usable(), codes=coded.codes, distinct=distinct)

    def of_number(values: np.ndarray) -> Input:
        return Input(~np.isnan(values), values)

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
    if written.refused is not None:  # a value refused as text is not read (as in YAML)
        value[written.refused] = np.nan
        unit[written.refused] = qualifier[written.refused] = error[written.refused] = None
    unreadable = written.spread(error != None, False)  # noqa: E711 (element-wise)
    report.rows(unreadable, "unreadable-value", lambda r: str(error[written.codes[r]]))
    inputs["read_value"] = of_number(written.spread(value, np.nan))
    for name, per_distinct in (("read_unit", unit), ("read_qualifier", qualifier)):
        given = written.spread(per_distinct != None, False)  # noqa: E711
        distinct = np.concatenate([per_distinct, np.array([None], dtype=object)])
        inputs[name] = Input(given, codes=written.codes, distinct=distinct)
    return inputs


def check_rules(inputs: dict[str, Input], report: RowReport) -> None:
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


def _per_value(test: Callable[..., Any], used: list[Input], where: np.ndarray) -> np.ndarray:
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
