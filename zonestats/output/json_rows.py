"""The records of a large table's JSON or JSONL written column by column: the bytes the
record writer gives (zonestats.output.writers: json.dumps of each row's machine cells), at
the engine's speed.

Each column's cells become the JSON text of each cell once: a number as `json_value` makes
it (whole ones as integers, the others to 12 significant digits, null for NaN and
infinities), an integer as written, a flag as true/false, a text as json writes it (no
ASCII escapes), and any other value by the record writer's own steps, once per distinct
value. Arrow then joins a record's texts between its keys, a block of rows at a time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from zonestats.output.cells import json_value, machine_cell, tidy_array

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

MIN_ROWS = 10_000
"""Tables shorter than this are written record by record (it is as fast)."""
BLOCK_ROWS = 100_000
"""Rows joined and written at a time (their text is held once more as it is written)."""

_WHOLE_LIMIT = 2.0**53  # json_value writes whole numbers below it as integers


def json_rows(frame: Any, out: IO[str], *, indented: bool, min_rows: int | None = None) -> bool:
    """Write the frame's rows as records (JSONL: a line each; indented: the whole list as
    json.dump with indent=2 writes it, and a line end); False, having written nothing,
    where the table is short or has no columns."""
    keys = [str(key) for key in frame.columns]
    least = MIN_ROWS if min_rows is None else min_rows
    if len(frame) < max(least, 1) or not keys or len(set(keys)) < len(keys):
        return False
    cells = [_cell_texts(frame.iloc[:, number]) for number in range(len(keys))]
    if indented:
        out.write("[\n")
    blocks = list(range(0, len(frame), BLOCK_ROWS))
    for start in blocks:
        data = _joined(keys, cells, start, min(start + BLOCK_ROWS, len(frame)), indented)
        if indented and start == blocks[-1]:
            data = data[: -len(b",\n")] + b"\n]\n"  # the last record ends the list
        _write(out, data)
    return True


def _write(out: IO[str], data: bytes) -> None:
    """UTF-8 text to a stream: straight to the bytes below a UTF-8 file or stdout (no
    decoding and encoding again), else as text."""
    import codecs
    import io
    import os

    if (
        isinstance(out, io.TextIOWrapper)
        and codecs.lookup(out.encoding).name == "utf-8"
        and os.linesep == "\n"  # a stream turns no line end into another
    ):
        out.flush()
        out.buffer.write(data)
    else:
        out.write(data.decode("utf-8"))


def _joined(
    keys: Sequence[str],
    cells: Sequence[tuple[np.ndarray | None, pa.Array]],
    start: int,
    stop: int,
    indented: bool,
) -> bytes:
    """The records of rows start to stop, each ending as the next one follows it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def text(value: str) -> pa.Scalar:
        return pa.scalar(value, pa.large_string())

    before, between, after = (
        ("  {\n    ", ",\n    ", "\n  },\n") if indented else ("{", ", ", "}\n")
    )
    parts: list[Any] = []
    for number, (key, (codes, texts)) in enumerate(zip(keys, cells, strict=True)):
        name = json.dumps(key, ensure_ascii=False) + ": "
        parts.append(text((before if number == 0 else between) + name))
        parts.append(
            texts.slice(start, stop - start) if codes is None else texts.take(codes[start:stop])
        )
    parts.append(text(after))
    joined = pc.binary_join_element_wise(*parts, text(""))
    return _as_bytes(joined)


def _as_bytes(values: pa.Array) -> bytes:
    """The texts of an array with no nulls, one after another as UTF-8 (its data, as it is
    held)."""
    import numpy as np

    _, offsets, data = values.buffers()
    ends = np.frombuffer(offsets, dtype=np.int64)[values.offset : values.offset + len(values) + 1]
    return memoryview(data)[int(ends[0]) : int(ends[-1])].tobytes()


def _cell_texts(column: Any) -> tuple[np.ndarray | None, pa.Array]:
    """A column's cells as JSON: the texts, and each row's place among them (None: a text
    a row, in order)."""
    import pandas as pd

    if pd.api.types.is_bool_dtype(column):
        return _coded(column, ["true", "false"], lambda value: 0 if value else 1)
    if isinstance(column.dtype, pd.CategoricalDtype):
        return _of_distinct(column.cat.codes.to_numpy(), list(column.cat.categories))
    if pd.api.types.is_float_dtype(column):
        return None, _large_text(_numbers(column.to_numpy(dtype="float64", na_value=float("nan"))))
    if pd.api.types.is_integer_dtype(column):
        given = column.notna().to_numpy()
        texts = [str(v) if g else "null" for v, g in zip(column.tolist(), given, strict=True)]
        return None, _large_text(texts)
    if pd.api.types.is_string_dtype(column) and _all_text(column):
        codes, distinct = pd.factorize(column)
        return _of_distinct(codes, distinct.tolist())
    values = column.astype(object)
    values = values.where(values.notna(), None)  # as the record writer reads the frame
    return None, _large_text([_scalar(value) for value in values.tolist()])


def _all_text(column: Any) -> bool:
    import pandas as pd

    if column.dtype != object:
        return True  # a string dtype
    return pd.api.types.infer_dtype(column, skipna=True) in ("string", "empty")


def _coded(column: Any, texts: list[str], code: Any) -> tuple[np.ndarray, pa.Array]:
    """A column of few values (flags): each row's code, null where missing."""
    import numpy as np

    given = column.notna().to_numpy()
    values = column.to_numpy(dtype=object)
    codes = np.array([code(v) if g else len(texts) for v, g in zip(values, given, strict=True)])
    return codes.astype(np.int64), _large_text([*texts, "null"])


def _of_distinct(codes: np.ndarray, distinct: list[Any]) -> tuple[np.ndarray, pa.Array]:
    """Cells given as codes into their distinct values (-1: missing): each value's JSON once."""
    import numpy as np

    texts = [_scalar(value) for value in distinct]
    codes = np.where(codes < 0, len(texts), codes).astype(np.int64)
    return codes, _large_text([*texts, "null"])


def _scalar(value: Any) -> str:
    """One cell as the record writer writes it."""
    if type(value) is str:  # most cells: the fast way
        return json.encoder.encode_basestring(value)
    return json.dumps(json_value(machine_cell(value)), ensure_ascii=False, allow_nan=False)


def _numbers(values: np.ndarray) -> list[str]:
    """json_value for a whole array: rounded to 12 significant digits, whole ones below
    2**53 as integers, the others as Python writes floats; null for NaN and infinities."""
    import numpy as np

    text = np.full(len(values), "null", dtype=object)
    finite = np.isfinite(values)
    with np.errstate(invalid="ignore"):
        whole = finite & (values == np.trunc(values))
    tidied = values.copy()
    tidied[finite & ~whole] = tidy_array(values[finite & ~whole])
    with np.errstate(invalid="ignore"):
        integral = finite & (tidied == np.trunc(tidied)) & (np.abs(tidied) < _WHOLE_LIMIT)
    text[integral] = list(map(str, tidied[integral].astype(np.int64).tolist()))
    rest = finite & ~integral
    text[rest] = list(map(repr, tidied[rest].tolist()))
    result: list[str] = text.tolist()
    return result


def _large_text(texts: list[str]) -> pa.Array:
    import pyarrow as pa

    return pa.array(texts, type=pa.large_string())
