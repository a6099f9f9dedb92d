"""Read the distinct values of a table's `written` column as quantities, column-wise where
they are plain.

Most figures in a long table are plain: digits, then what follows them (800万台, 41个,
12.5%, 第126位). What follows is read once per distinct spelling by the quantity grammar
itself (parse_quantity of 1 with it), so no word of the grammar is written here; the
digits are read column-wise with Arrow. Anything else goes to parse_quantity one distinct
value at a time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from zonestats.errors import ZonestatsError
from zonestats.model.grammar import NUMERAL_CHARACTERS
from zonestats.model.rules import read_written

if TYPE_CHECKING:
    import numpy as np

_NUMBER = r"[0-9]{1,15}(?:\.[0-9]{1,15})?"
# After the digits, no character that writes a number (万十 is 万 and 十 more, not 万 times).
_REST = "[^0-9.,\\s" + "".join(sorted(NUMERAL_CHARACTERS)) + "]{0,12}"
_PLAIN = rf"^(?P<rank>第?)(?P<number>{_NUMBER})(?P<rest>{_REST})$"


def read_figures(distinct: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each distinct written value, read: its value, unit and qualifier (None when it has
    none or cannot be read), and the message saying why it cannot be read ("" for an
    empty value, which is not read at all)."""
    import numpy as np
    import pandas as pd

    count = len(distinct)
    value = np.full(count, np.nan)
    unit = np.full(count, None, dtype=object)
    qualifier = np.full(count, None, dtype=object)
    error = np.full(count, None, dtype=object)
    others = range(count)
    if count and isinstance(getattr(distinct, "array", None), pd.arrays.ArrowStringArray):
        others = _read_plain(distinct.array, value, unit, qualifier).tolist()
    for index in others:
        text = distinct[index]
        if not text:
            continue
        try:
            reading = read_written(text)
        except ZonestatsError as problem:
            error[index] = problem.message
            continue
        value[index] = reading.value
        unit[index] = reading.unit
        qualifier[index] = reading.qualifier.value
    return value, unit, qualifier, error


@lru_cache(maxsize=1024)
def _reading_of_one(spelling: str) -> tuple[float, str | None, str] | None:
    """What a figure with its number as 1 reads as (1万台: 10000, 台, exact): the multiplier
    of its number, its unit and qualifier; None when the grammar does not read it."""
    try:
        reading = read_written(spelling)
    except ZonestatsError:
        return None
    return reading.value, reading.unit, reading.qualifier.value


def _read_plain(texts: Any, value: Any, unit: Any, qualifier: Any) -> Any:
    """Read the plain figures among Arrow strings into the arrays, column-wise; return the
    positions of the others."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    strings = pa.array(texts)
    if isinstance(strings, pa.ChunkedArray):
        strings = strings.combine_chunks()
    parts = pc.extract_regex(strings, _PLAIN)
    plain = np.asarray(pc.is_valid(parts))
    parts = parts.filter(pa.array(plain))
    # The figure with its number as 1: 第1位, 1万台, 1多家; read once per spelling.
    ones = pc.replace_substring_regex(
        strings.filter(pa.array(plain)), _NUMBER, "1", max_replacements=1
    )
    codes, distinct = (np.asarray(x) for x in _factorize(ones))
    readings = [_reading_of_one(s) for s in distinct.tolist()]
    readable = np.array([r is not None for r in readings], dtype=bool)
    multiplier = np.array([r[0] if r else np.nan for r in readings], dtype="float64")
    units = np.array([r[1] if r else None for r in readings], dtype=object)
    qualifiers = np.array([r[2] if r else None for r in readings], dtype=object)
    ok = readable[codes] if len(distinct) else np.zeros(0, dtype=bool)
    numbers = np.asarray(pc.cast(parts.field("number"), "f8"))
    taken = np.flatnonzero(plain)[ok]
    value[taken] = numbers[ok] * multiplier[codes[ok]]
    unit[taken] = units[codes[ok]]
    qualifier[taken] = qualifiers[codes[ok]]
    left = np.ones(len(plain), dtype=bool)
    left[taken] = False
    return np.flatnonzero(left)


def _factorize(strings: Any) -> tuple[Any, Any]:
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(strings)
    return encoded.indices, encoded.dictionary
