"""The observations table: one row per figure cited from a report, the one representation
of data that every command works on.

A table read from YAML holds Python lists (small, and no pandas to import for `list` or
`validate`); one read from a long table holds the pandas DataFrame it was read into (large,
and already in columns). The few operations that depend on the storage are here, and
nowhere else: a column as a list, distinct combinations, repeated keys, rows kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = (
    "zone",
    "indicator",
    "name",
    "name_en",
    "category",
    "period",
    "value",
    "unit",
    "qualifier",
    "written",
    "quote",
    "period_note",
    "better",
    "out_of",
    "note",
    "zone_id",
    "zone_name_en",
    "zone_aliases",
    "province",
    "level",
    "source_title",
    "source_publisher",
    "source_date",
    "source_url",
)
"""The observations table's columns, in the order every output writes them."""

POSITION = ("_file", "_line", "_col")
"""Where each row was read: the input's number among the table's files, its line (a
table's row, counting the header as line 1) and, for YAML, its column."""

INTERNAL = (*POSITION, "_span", "_used", "_copy")
"""Position; the dates the period covers (2021 and 2021-01/2021-12 are one period); whether
analysis uses the row (False where another row gives the same observation: see
zonestats.model.merge); and whether the row only repeats a citation another row makes."""


class ObservationTable:
    """Observations as columns (COLUMNS, POSITION and _used), over lists or a DataFrame."""

    def __init__(self, data: dict[str, list[Any]] | pd.DataFrame, files: Sequence[str]) -> None:
        self._lists = data if isinstance(data, dict) else None
        self._frame: pd.DataFrame | None = None if isinstance(data, dict) else data
        self._codes: dict[str, Any] = {}
        self._distinct: dict[tuple[str, ...], list[tuple[int, tuple[Any, ...]]]] = {}
        self.files = tuple(files)

    @classmethod
    def empty(cls, files: Sequence[str] = ()) -> ObservationTable:
        return cls({name: [] for name in (*COLUMNS, *INTERNAL)}, files)

    def __len__(self) -> int:
        if self._lists is not None:
            return len(self._lists["indicator"])
        assert self._frame is not None
        return len(self._frame)

    @property
    def in_lists(self) -> bool:
        return self._lists is not None

    def column(self, name: str) -> list[Any]:
        """A column as a list of plain values, None where missing."""
        if self._lists is not None:
            return self._lists[name]
        assert self._frame is not None
        column = self._frame[name]
        if column.hasnans:
            column = column.astype(object).where(column.notna(), None)
        values: list[Any] = column.tolist()
        return values

    def cell(self, column: str, row: int) -> Any:
        """One cell's plain value (None where missing)."""
        if self._lists is not None:
            return self._lists[column][row]
        import pandas as pd

        assert self._frame is not None
        value: Any = self._frame[column].iat[row]
        return None if pd.isna(value) else value

    def has_missing(self, column: str) -> bool:
        """Whether any cell of a column is missing."""
        if self._lists is not None:
            return None in self._lists[column]
        assert self._frame is not None
        return bool(self._frame[column].isna().any())

    def frame(self, internal: bool = False) -> pd.DataFrame:
        """The table as a DataFrame: COLUMNS (and with ``internal`` the rest), values in
        base units as float64, out_of as Int64, missing text as None."""
        if self._frame is None:
            self._frame = _frame_of(self._lists or {})
            self._lists = None
        names = [*COLUMNS, *INTERNAL] if internal else list(COLUMNS)
        return self._frame[names]

    def used(self) -> ObservationTable:
        """The rows analysis uses: one per observation."""
        return self._where("_used", True)

    def cited(self) -> ObservationTable:
        """Every citation once: the rows but those that repeat another's citation."""
        return self._where("_copy", False)

    def _where(self, flag: str, wanted: bool) -> ObservationTable:
        if self._lists is not None:
            values = self._lists[flag]
            if all(v is wanted for v in values):
                return self
            return self.select([i for i, v in enumerate(values) if v is wanted])
        assert self._frame is not None
        mask = self._frame[flag].to_numpy(dtype=bool) == wanted
        return self if mask.all() else self.select(mask.nonzero()[0])

    def select(self, rows: Sequence[int] | Any) -> ObservationTable:
        """The rows at these positions, in that order."""
        if self._lists is not None:
            picked = {k: [v[i] for i in rows] for k, v in self._lists.items()}
            return ObservationTable(picked, self.files)
        assert self._frame is not None
        picked_rows: pd.DataFrame = self._frame.take(rows)
        return ObservationTable(picked_rows.reset_index(drop=True), self.files)

    def set_column(self, name: str, values: Sequence[Any]) -> None:
        """Replace a column's values (a list, or an array for a DataFrame)."""
        self._codes.pop(name, None)
        self._distinct = {k: v for k, v in self._distinct.items() if name not in k}
        if self._lists is not None:
            self._lists[name] = list(values)
        else:
            assert self._frame is not None
            self._frame[name] = values

    def seed_codes(self, column: str, codes: Any) -> None:
        """Give a DataFrame's column the integer codes its reader already has (-1 where
        missing, equal codes for equal values; one int for a column of one value), so that
        they are not computed again."""
        self._codes[column] = codes

    def _column_codes(self, column: str) -> Any:
        codes = self._codes.get(column)
        if codes is None:
            import pandas as pd

            assert self._frame is not None
            codes = self._codes[column] = pd.factorize(self._frame[column])[0]
        return codes

    def _key(self, columns: Sequence[str]) -> Any:
        """One integer per row for its combination of these columns' values."""
        import numpy as np
        import pandas as pd

        key = np.zeros(len(self), dtype=np.int64)
        bound = 1  # every key is below this
        for column in columns:
            codes = self._column_codes(column)
            if isinstance(codes, int):
                continue  # one value in every row tells no rows apart
            size = int(codes.max(initial=0)) + 2
            if bound * size >= 2**62:  # compact the key first, so that it never overflows
                key = pd.factorize(key)[0].astype(np.int64)
                bound = int(key.max(initial=0)) + 1
            key = key * size + codes + 1
            bound *= size
        return key

    def array(self, column: str) -> Any:
        """One column as an array (a DataFrame's other columns are not copied)."""
        import numpy as np

        if self._lists is not None:
            return np.asarray(self._lists[column])
        assert self._frame is not None
        return self._frame[column].to_numpy()

    def coded(self, columns: Sequence[str]) -> tuple[Any, list[tuple[Any, ...]]]:
        """Each row's combination of these columns' values as a code (numbered in order of
        first appearance), and the combinations (missing values as None)."""
        import numpy as np

        if self._lists is not None:
            combinations = [values for _, values in self.distinct(columns)]
            index = {values: code for code, values in enumerate(combinations)}
            keys = zip(*(self._lists[c] for c in columns), strict=True)
            return np.fromiter((index[k] for k in keys), np.int64, len(self)), combinations
        codes, found = self._factorized(columns)
        return codes, [values for _, values in found]

    def distinct(self, columns: Sequence[str]) -> list[tuple[int, tuple[Any, ...]]]:
        """Each distinct combination of these columns' values, with the first row that has
        it, in the order they first appear (kept until one of the columns changes)."""
        found = self._distinct.get(tuple(columns))
        if found is None:
            found = self._distinct[tuple(columns)] = self._find_distinct(columns)
        return found

    def _find_distinct(self, columns: Sequence[str]) -> list[tuple[int, tuple[Any, ...]]]:
        if self._lists is not None:
            seen: dict[tuple[Any, ...], int] = {}
            for row, key in enumerate(zip(*(self._lists[c] for c in columns), strict=True)):
                seen.setdefault(key, row)
            return [(row, key) for key, row in seen.items()]
        return self._factorized(columns)[1]

    def _factorized(self, columns: Sequence[str]) -> tuple[Any, list[tuple[int, tuple[Any, ...]]]]:
        """A DataFrame's codes of these columns' combinations (in order of first
        appearance) and distinct(columns), from one pass over the rows."""
        import numpy as np
        import pandas as pd

        assert self._frame is not None
        codes = pd.factorize(self._key(columns))[0]
        # codes number combinations as they first appear: each one's first row is where
        # the highest code so far grows
        rows = np.flatnonzero(np.diff(np.maximum.accumulate(codes), prepend=-1))
        firsts = self._frame[list(columns)].iloc[rows]
        firsts = firsts.astype(object).where(firsts.notna(), None)
        values = list(firsts.itertuples(index=False, name=None))
        found = list(zip(rows.tolist(), values, strict=True))
        self._distinct.setdefault(tuple(columns), found)
        return codes, found

    def best_rows(
        self, groups: Sequence[str], by: Sequence[str], key: Callable[..., Any]
    ) -> list[tuple[int, int]]:
        """Per group of rows with equal values of ``groups`` (in the order groups first
        appear): the row whose values of ``by`` give the greatest ``key`` (of equals, the
        last), and how many rows the group has. ``key`` is called once per distinct
        combination of ``by``."""
        if self._lists is not None:
            keys: dict[tuple[Any, ...], Any] = {}
            best: dict[tuple[Any, ...], tuple[Any, int]] = {}
            counts: dict[tuple[Any, ...], int] = {}
            rows = zip(
                *(self._lists[c] for c in groups), *(self._lists[c] for c in by), strict=True
            )
            for row, values in enumerate(rows):
                group, of_key = values[: len(groups)], values[len(groups) :]
                found_key = keys.get(of_key)
                if found_key is None:
                    found_key = keys[of_key] = key(*of_key)
                counts[group] = counts.get(group, 0) + 1
                found = best.get(group)
                if found is None or found_key >= found[0]:
                    best[group] = (found_key, row)
            return [(row, counts[group]) for group, (_, row) in best.items()]
        return self._best_rows_of_frame(groups, by, key)

    def _best_rows_of_frame(
        self, groups: Sequence[str], by: Sequence[str], key: Callable[..., Any]
    ) -> list[tuple[int, int]]:
        import numpy as np

        codes, combinations = self.coded(by)
        keys = [key(*values) for values in combinations]
        order = sorted(range(len(keys)), key=keys.__getitem__)
        rank = np.zeros(len(keys), dtype=np.int64)  # equal keys, equal ranks
        for place, code in enumerate(order):
            before = order[place - 1]
            rank[code] = rank[before] if place and keys[before] == keys[code] else place
        group, _ = self.coded(groups)  # numbered in order of first appearance
        rows = np.arange(len(self))
        ordered = np.lexsort((rows, rank[codes], group))
        ends = np.flatnonzero(np.diff(group[ordered], append=-1) != 0)
        counts = np.bincount(group)
        return list(zip(ordered[ends].tolist(), counts.tolist(), strict=True))

    def repeated(self, columns: Sequence[str]) -> list[list[int]]:
        """The rows that share their values of these columns with another row, in groups,
        each group in table order."""
        if self._lists is not None:
            groups: dict[tuple[Any, ...], list[int]] = {}
            for row, values in enumerate(zip(*(self._lists[c] for c in columns), strict=True)):
                groups.setdefault(values, []).append(row)
            return [rows for rows in groups.values() if len(rows) > 1]
        import numpy as np
        import pandas as pd

        key = pd.Series(self._key(columns))
        twice = np.flatnonzero(key.duplicated(keep=False).to_numpy())
        found: dict[int, list[int]] = {}
        for row, group in zip(twice.tolist(), key.iloc[twice].tolist(), strict=True):
            found.setdefault(group, []).append(row)
        return list(found.values())

    @staticmethod
    def concat(tables: Iterable[ObservationTable]) -> ObservationTable:
        """One table of several, rows in order; each table's _file codes renumbered."""
        parts = list(tables)
        files: list[str] = []
        offsets = []
        for part in parts:
            offsets.append(len(files))
            files.extend(part.files)
        if len(parts) == 1:
            return parts[0]
        if all(p.in_lists for p in parts):
            lists: dict[str, list[Any]] = {n: [] for n in (*COLUMNS, *INTERNAL)}
            for part, offset in zip(parts, offsets, strict=True):
                for name, values in lists.items():
                    column = part.column(name)
                    values.extend([v + offset for v in column] if name == "_file" else column)
            return ObservationTable(lists, files)
        import pandas as pd

        frames = []
        for part, offset in zip(parts, offsets, strict=True):
            frame = part.frame(internal=True)
            frames.append(frame.assign(_file=frame["_file"] + offset) if offset else frame)
        return ObservationTable(pd.concat(frames, ignore_index=True), files)


def _frame_of(lists: dict[str, list[Any]]) -> pd.DataFrame:
    """Lists as a DataFrame: numbers as numbers, text as Python objects (kept as they are:
    turning them into Arrow strings costs more than the whole reading of a dataset)."""
    import numpy as np
    import pandas as pd

    count = len(lists["indicator"])
    columns: dict[str, Any] = {}
    for name in (*COLUMNS, *INTERNAL):
        values = lists[name]
        if name == "value":
            columns[name] = np.fromiter(values, dtype="float64", count=count)
        elif name == "out_of":
            columns[name] = pd.array(values, dtype="Int64")
        elif name in ("_file", "_line"):
            columns[name] = np.fromiter(values, dtype="int64", count=count)
        elif name in ("_used", "_copy"):
            columns[name] = np.fromiter(values, dtype=bool, count=count)
        else:
            array = np.empty(count, dtype=object)
            array[:] = values
            columns[name] = pd.Series(array, dtype=object, copy=False)
    return pd.DataFrame(columns)
