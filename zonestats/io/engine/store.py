"""The key columns of every valid row of every input, in a DuckDB table that spills to a
temporary folder of its own past the memory limit."""

from __future__ import annotations

import shutil
import tempfile
from typing import TYPE_CHECKING, Any

from zonestats.errors import ZonestatsError
from zonestats.io.limits import memory_limit
from zonestats.model.dataset import SOURCE_COLUMNS
from zonestats.model.merge import DEFINITION, SERIES

if TYPE_CHECKING:
    import numpy as np

    from zonestats.model.table import ObservationTable

KEYS: dict[str, tuple[str, ...]] = {
    **{c: (c,) for c in (*SERIES, "period", "_span", "qualifier")},
    "definition": DEFINITION,
    "source": SOURCE_COLUMNS,
}
"""What the engine keeps of each row, besides where the row is: a code for each column's
value, or for the values of a group of columns together (an indicator's definition, a
report)."""


class Store:
    """A DuckDB connection holding table `keys`: _file (the input's number), _row (the row's
    place among its input's valid rows), _line, then KEYS, each as a code (an integer per
    distinct combination of its columns' values, empty ones too: rows group and compare as
    their values do, in a fraction of the memory)."""

    def __init__(self) -> None:
        import duckdb

        self.folder = tempfile.mkdtemp(prefix="zonestats-engine-")
        self.errors: type[Exception] = duckdb.Error  # what the engine raises
        self.codes: dict[str, dict[Any, int]] = {c: {} for c in KEYS}
        try:
            self.connection: Any = duckdb.connect()
            self._configure()
            columns = ", ".join(f'"{c}" INTEGER' for c in KEYS)
            places = "_file INTEGER, _row INTEGER, _line BIGINT"
            self.connection.execute(f"CREATE TABLE keys ({places}, {columns})")
        except duckdb.Error as error:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise ZonestatsError(f"--memory-limit: {str(error).splitlines()[0]}") from None

    def _configure(self) -> None:
        folder = self.folder.replace("'", "''")
        self.connection.execute(f"SET temp_directory = '{folder}'")
        self.connection.execute("SET preserve_insertion_order = false")
        limit = memory_limit()
        if limit:
            self.connection.execute("SET memory_limit = ?", [limit])

    def add(self, table: ObservationTable, file: int, first: int) -> None:
        """Every row of a checked table, as input number ``file``, its rows numbered from
        ``first``."""
        import numpy as np
        import pyarrow as pa

        rows = len(table)
        columns = {
            "_file": pa.array(np.full(rows, file, dtype=np.int32)),
            "_row": pa.array(np.arange(first, first + rows, dtype=np.int32)),
            "_line": pa.array(np.asarray(table.array("_line"), dtype=np.int64)),
        }
        for key in KEYS:
            columns[key] = pa.array(self._coded(key, table))
        self.connection.register("added", pa.table(columns))
        try:
            self.connection.execute("INSERT INTO keys SELECT * FROM added")
        finally:
            self.connection.unregister("added")

    def _coded(self, key: str, table: ObservationTable) -> np.ndarray:
        """The codes of each row's values of a key's columns (new ones get the next)."""
        import numpy as np

        codes, combinations = table.coded(KEYS[key])
        known = self.codes[key]
        ids = np.fromiter((known.setdefault(c, len(known)) for c in combinations), np.int32)
        taken: np.ndarray = ids[codes] if len(ids) else np.zeros(0, np.int32)
        return taken

    def code(self, key: str, *values: Any) -> int | None:
        """The code of some values of a key's columns (None: no row holds them)."""
        return self.codes[key].get(values)

    def values(self, key: str) -> list[tuple[Any, ...]]:
        """A key's distinct values, each at its code."""
        return list(self.codes[key])

    def all_lines(self) -> dict[int, np.ndarray]:
        """Per input, the lines of every row it holds, in order."""
        import numpy as np

        query = "SELECT _file, list(_line ORDER BY _line) AS lines FROM keys GROUP BY _file"
        found = self.connection.execute(query).fetchall()
        return {int(file): np.asarray(lines, dtype=np.int64) for file, lines in found}

    def close(self) -> None:
        try:
            self.connection.close()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
