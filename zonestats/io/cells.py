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


class RowReport:
    """Problems by row, each row's own (a table's problems are never cut short here; what
    prints them may fold them); the rows with a problem."""

    def __init__(self, path: str, lines: np.ndarray) -> None:
        import numpy as np

        self.path, self.lines = path, lines  # each row's line
        self.first_row = int(lines[0]) if len(lines) else 1
        self.problems: list[Problem] = []
        self.bad = np.zeros(len(lines), dtype=bool)

    def rows(self, mask: np.ndarray, code: str, message: Callable[[int], str]) -> None:
        import numpy as np

        if not mask.any():
            return
        self.bad |= mask
        path, lines = self.path, self.lines
        self.problems.extend(
            Problem(path, code, message(position), int(lines[position]))
            for position in np.flatnonzero(mask).tolist()
        )

    def whole(self, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, code, message, 1))


class TextColumn:
    """A text column: the cells as read (missing where empty), a code per row (-1 where
    empty) and the distinct values, in order of first appearance."""

    def __init__(self, column: pd.Series) -> None:
        import numpy as np

        codes, distinct, cells = _coded(column)
        blank = np.flatnonzero(np.asarray(distinct == "", dtype=bool))
        if len(blank):  # a cell of "" is as empty as a missing one
            codes = np.where(codes == blank[0], -1, codes)
            cells = None if cells is None else cells.where(codes >= 0)
        self._cells = cells  # built from the codes when first asked for, where None
        self.codes: np.ndarray = codes
        self.distinct = distinct  # "" among them where a cell was written as ""
        self.has_empty = bool((codes < 0).any())
        self.invalid: np.ndarray | None = None  # cells their field's converter refuses
        self.long: np.ndarray | None = None  # distinct values longer than a cell may be
        self.refused: np.ndarray | None = None  # distinct values refused (long or invalid)
        self._listed: list[str] | None = None
        self._index = column.index

    @property
    def cells(self) -> pd.Series:
        """The cells as text, missing where empty."""
        import pandas as pd

        if self._cells is None:
            values: list[str | None] = list(self.listed())
            self._cells = pd.Series(coded_text(self.codes, values), index=self._index)
        return self._cells

    def listed(self) -> list[str]:
        """The distinct values as a list (read once: an Arrow array is slow to walk)."""
        if self._listed is None:
            self._listed = self.distinct.tolist()
        return self._listed

    def lengths(self) -> np.ndarray:
        """The length of each distinct value, in characters."""
        import numpy as np
        import pandas as pd

        if isinstance(self.distinct.array, pd.arrays.ArrowStringArray):
            import pyarrow as pa
            import pyarrow.compute as pc

            return np.asarray(pc.utf8_length(pa.array(self.distinct.array)), dtype=np.int64)
        return np.fromiter(map(len, self.listed()), dtype=np.int64, count=len(self.distinct))

    def refuse(self, per_distinct: np.ndarray) -> np.ndarray:
        """Mark the cells of some distinct values as refused; those cells, per row."""
        self.refused = per_distinct if self.refused is None else self.refused | per_distinct
        cells = self.spread(per_distinct, False)
        self.invalid = cells if self.invalid is None else self.invalid | cells
        return cells

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


def _coded(column: pd.Series) -> tuple[np.ndarray, pd.Index, pd.Series | None]:
    """A column's code per row (-1 where missing), its distinct values in order of first
    appearance, and its cells as text (None: to be built from the codes). A column read as
    a dictionary of texts (Parquet's own encoding) is coded from its dictionary codes,
    without reading a text twice."""
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype) and pd.api.types.is_string_dtype(
        column.cat.categories
    ):
        codes, used = pd.factorize(column.cat.codes.to_numpy(), use_na_sentinel=True)
        present = used >= 0
        codes = _renumbered(codes, used, present)
        distinct = pd.Index(column.cat.categories.array.take(used[present]))
        return codes, distinct, None
    cells = text_column(column)
    codes, distinct = pd.factorize(cells)
    return codes, distinct, cells


def _renumbered(codes: np.ndarray, used: np.ndarray, present: np.ndarray) -> np.ndarray:
    """Codes into `used` made codes into its values >= 0 (a missing cell's code, -1 in the
    dictionary, becomes -1)."""
    import numpy as np

    if present.all():
        return codes
    places = np.cumsum(present) - 1
    renumbered: np.ndarray = np.where(present[codes], places[codes], -1)
    return renumbered


def text_column(column: pd.Series) -> pd.Series:
    """A column as text, missing where empty; numbers as plain numbers (2020, not 2020.0)."""
    import pandas as pd

    if pd.api.types.is_string_dtype(column) and column.dtype != object:
        return column
    codes, distinct = pd.factorize(column)
    texts = [plain_number(v) if isinstance(v, float) else str(v) for v in distinct]
    strings = pd.array(texts, dtype="str").take(codes, allow_fill=True)
    return pd.Series(strings, index=column.index)


def constant_text(value: str | None, rows: int) -> Any:
    """A text column of one value (or of none), built without a Python object per row."""
    import pyarrow as pa

    if value is None:
        return _arrow(pa.nulls(rows, pa.large_string()))
    return _arrow(pa.repeat(pa.scalar(value, pa.large_string()), rows))


def few_strings(values: np.ndarray) -> Any:
    """An object array of a few distinct strings (None for none) as an Arrow-backed text
    column."""
    import pandas as pd

    codes, distinct = pd.factorize(values)
    return coded_text(codes, list(distinct))


def coded_text(codes: np.ndarray, values: list[str | None]) -> Any:
    """A text column from a code per row (-1 for none) and the values the codes stand for."""
    import pyarrow as pa

    dictionary = pa.array(values, type=pa.large_string())
    return _arrow(dictionary.take(pa.array(codes, mask=codes < 0)))


def _arrow(array: Any) -> Any:
    import pandas as pd
    import pyarrow as pa

    return pd.arrays.ArrowStringArray(pa.chunked_array([array]))


def first_rows(codes: np.ndarray, count: int) -> np.ndarray:
    """For codes 0..count-1 (each used), the first row of each: written last to first, so
    that the first row's write is the one that stays."""
    import numpy as np

    first = np.empty(count, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    return first
