"""A long table's cells as the checks use them: text columns coded once (a code per row,
the distinct values), problems reported by row, and text columns built back cheaply."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from zonestats.errors import Problem
from zonestats.model.quantity import plain_number

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MAX_REPORTED = 20
"""Rows reported for one kind of problem; the rest are counted."""


class RowReport:
    """Problems by row, the first MAX_REPORTED of each code listed and the rest counted;
    the rows with a problem."""

    def __init__(self, path: str, first_row: int, rows: int) -> None:
        import numpy as np

        self.path, self.first_row = path, first_row
        self.problems: list[Problem] = []
        self.bad = np.zeros(rows, dtype=bool)

    def rows(self, mask: np.ndarray, code: str, message: Callable[[int], str]) -> None:
        import numpy as np

        if not mask.any():
            return
        self.bad |= mask
        positions = np.flatnonzero(mask)
        for position in positions[:MAX_REPORTED].tolist():
            line = position + self.first_row
            self.problems.append(Problem(self.path, code, message(position), line))
        if len(positions) > MAX_REPORTED:
            more, last = len(positions) - MAX_REPORTED, int(positions[-1]) + self.first_row
            message_more = f"... and {more} more rows like that"
            self.problems.append(Problem(self.path, code, message_more, last))

    def whole(self, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, code, message, 1))


class TextColumn:
    """A text column: the cells as read, a code per row (-1 where empty) and the distinct
    values, in order of first appearance."""

    def __init__(self, column: pd.Series) -> None:
        import pandas as pd

        self.cells = text_column(column)
        codes, distinct = pd.factorize(self.cells)
        empty = (self.cells == "").to_numpy(dtype=bool)
        self.has_empty = bool(empty.any())
        if self.has_empty:
            codes = codes.copy()
            codes[empty] = -1
        self.codes: np.ndarray = codes
        self.distinct = distinct  # "" among them where a cell is empty
        self.invalid: np.ndarray | None = None  # cells their field's converter refuses
        self._listed: list[str] | None = None

    def listed(self) -> list[str]:
        """The distinct values as a list (read once: an Arrow array is slow to walk)."""
        if self._listed is None:
            self._listed = self.distinct.tolist()
        return self._listed

    def present(self) -> np.ndarray:
        result: np.ndarray = self.codes >= 0
        return result

    def usable(self) -> np.ndarray:
        """Cells that are there and that their field's converter accepts."""
        present = self.present()
        return present if self.invalid is None else present & ~self.invalid

    def values(self) -> np.ndarray:
        """The values as an object array, None where empty."""
        import numpy as np

        return self.spread(np.array(self.listed(), dtype=object), None)

    def spread(self, per_distinct: np.ndarray, missing: Any) -> np.ndarray:
        """A value per distinct value spread over the rows; ``missing`` where empty."""
        import numpy as np

        if not len(per_distinct):
            return np.full(len(self.codes), missing, dtype=per_distinct.dtype)
        taken: np.ndarray = per_distinct[np.maximum(self.codes, 0)]
        if self.has_empty:
            taken[self.codes < 0] = missing
        return taken


def text_column(column: pd.Series) -> pd.Series:
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


def constant_text(value: str | None, rows: int) -> Any:
    """A text column of one value (or of none), built without a Python object per row."""
    import numpy as np
    import pyarrow as pa

    dictionary = pa.array([value], type=pa.large_string())
    return _arrow(dictionary.take(pa.array(np.zeros(rows, dtype=np.int8))))


def few_strings(values: np.ndarray) -> Any:
    """An object array of a few distinct strings (None for none) as an Arrow-backed text
    column."""
    import pandas as pd
    import pyarrow as pa

    codes, distinct = pd.factorize(values)
    dictionary = pa.array(list(distinct), type=pa.large_string())
    return _arrow(dictionary.take(pa.array(codes, mask=codes < 0)))


def _arrow(array: Any) -> Any:
    import pandas as pd
    import pyarrow as pa

    return pd.arrays.ArrowStringArray(pa.chunked_array([array]))
