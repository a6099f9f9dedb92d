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
    from zonestats.model.table import ObservationTable

KEYS = (*SERIES, "period", "_span", "qualifier", *DEFINITION, *SOURCE_COLUMNS)
"""What the engine keeps of each row (all text), besides where the row is."""


class Store:
    """A DuckDB connection holding table `keys`: _file (the input's number), _row (the row's
    place among its input's valid rows), _line, then KEYS, each as a code (an integer per
    distinct value of its column, NULL for none: rows group and compare as their values
    do, in a fraction of the memory)."""

    def __init__(self) -> None:
        import duckdb

        self.folder = tempfile.mkdtemp(prefix="zonestats-engine-")
        self.connection: Any = duckdb.connect()
        try:
            self._configure()
        except duckdb.Error as error:
            self.close()
            raise ZonestatsError(f"--memory-limit: {str(error).splitlines()[0]}") from None
        self.codes: dict[str, dict[Any, int]] = {c: {} for c in KEYS}
        columns = ", ".join(f'"{c}" INTEGER' for c in KEYS)
        places = "_file INTEGER, _row BIGINT, _line BIGINT"
        self.connection.execute(f"CREATE TABLE keys ({places}, {columns})")

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

        frame = table.frame(internal=True)
        columns = {
            "_file": pa.array(np.full(len(frame), file, dtype=np.int32)),
            "_row": pa.array(np.arange(first, first + len(frame), dtype=np.int64)),
            "_line": pa.array(frame["_line"].to_numpy(dtype="int64")),
        }
        columns.update({c: self._coded(c, frame[c]) for c in KEYS})
        self.connection.register("added", pa.table(columns))
        try:
            self.connection.execute("INSERT INTO keys SELECT * FROM added")
        finally:
            self.connection.unregister("added")

    def _coded(self, column: str, values: Any) -> Any:
        """A column's values as their codes (new values get the next ones)."""
        import numpy as np
        import pandas as pd
        import pyarrow as pa

        codes, distinct = pd.factorize(values)
        known = self.codes[column]
        ids = np.array([known.setdefault(v, len(known)) for v in distinct.tolist()], np.int32)
        taken = ids[np.maximum(codes, 0)] if len(ids) else np.zeros(len(codes), np.int32)
        return pa.array(taken, mask=codes < 0)

    def code(self, column: str, value: Any) -> int | None:
        """A value's code in a column (None: no row holds it)."""
        return self.codes[column].get(value)

    def values(self, column: str) -> list[Any]:
        """A column's distinct values, each at its code."""
        return list(self.codes[column])

    def close(self) -> None:
        try:
            self.connection.close()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
