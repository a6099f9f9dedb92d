"""The rules every observation must keep, whatever file it comes from.

Each rule reads a few of an observation's fields, already read by their converters
(zonestats.model.fields), and says whether it holds. The test is written with operators
that work alike on single values and on whole columns (numpy arrays), so the YAML reader
applies it to each observation and the long-table reader to a column at once; a test that
only works on single values (text containment) is applied once per distinct combination of
its inputs. Either way, the same rule gives the same problem code and message.

The inputs: written (the value as the report writes it); read_value, read_unit and
read_qualifier (what it reads as); number (the value in base units where the file states
it); value (that number, or the reading's); quote; unit; qualifier (as the file states it);
out_of (the observation's own, or its indicator's).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from zonestats.errors import ZonestatsError, invalid
from zonestats.model.quantity import Qualifier, Quantity, parse_quantity, plain_number
from zonestats.model.terms import RANK_UNITS

RELATIVE_TOLERANCE = 1e-9
"""How far a stated number may be from what its written value reads as."""


def read_written(written: str) -> Quantity:
    """The value as written, read by the quantity grammar (code unreadable-value)."""
    try:
        return parse_quantity(written)
    except ZonestatsError as error:
        raise invalid(
            "unreadable-value", f"cannot read value '{written}': {error.message}"
        ) from None


@dataclass(frozen=True)
class Rule:
    """A check of one observation: its code, the fields its test reads (in order), the
    field a problem points at, the test (true where the rule holds), and the message of a
    broken rule, made from the observation's fields by name. A rule is checked only where
    every field its test reads is there."""

    code: str
    inputs: tuple[str, ...]
    at: str
    holds: Callable[..., Any]
    message: Callable[[Mapping[str, Any]], str]
    per_value: bool = False  # the test takes single values only


_EXACT = Qualifier.EXACT.value


def _same_unit(read: Any, unit: Any) -> Any:
    """Whether a written value counts in the indicator's unit; places are places, whether a
    report writes 第4名 or 第4位. For one value or, column-wise, for arrays of them."""
    if isinstance(read, str) or read is None:
        return read == unit or (read in RANK_UNITS and unit in RANK_UNITS)
    import numpy as np

    places = list(RANK_UNITS)
    return (read == unit) | (np.isin(read, places) & np.isin(unit, places))


def _n(value: Any) -> str:
    return plain_number(float(value))


RULES = (
    Rule(
        "value-not-in-quote",
        ("written", "quote"),
        "written",
        lambda written, quote: written in quote,
        lambda o: f"value '{o['written']}' does not appear in its quote '{o['quote']}'",
        per_value=True,
    ),
    Rule(
        "number-mismatch",
        ("read_value", "number"),
        "number",
        lambda read, number: abs(read - number) <= RELATIVE_TOLERANCE * abs(read),
        lambda o: f"value '{o['written']}' reads as {_n(o['read_value'])}, not {_n(o['number'])}",
    ),
    Rule(
        "unit-mismatch",
        ("read_unit", "unit"),
        "written",
        _same_unit,
        lambda o: (
            f"value '{o['written']}' is counted in {o['read_unit']}, "
            f"but the indicator's unit is {o['unit']}"
        ),
    ),
    Rule(
        "qualifier-contradicts-wording",
        ("read_qualifier", "qualifier"),
        "qualifier",
        lambda read, stated: (read == _EXACT) | (stated == read),
        lambda o: (
            f"qualifier '{o['qualifier']}' contradicts value '{o['written']}', which reads as "
            f"'{o['read_qualifier']}'"
        ),
    ),
    Rule(
        "rank-above-out-of",
        ("value", "out_of"),
        "written",
        lambda value, out_of: value <= out_of,
        lambda o: f"rank {o['written'] or _n(o['value'])} is beyond out_of {_n(o['out_of'])}",
    ),
)
"""Every observation rule, in the order they are checked."""


def resolved(read: Quantity | None, number: float | None, stated: Any) -> tuple[Any, Any]:
    """An observation's value and qualifier: the stated number, else what the written
    value reads as; the stated qualifier, else what the wording says, else exact."""
    value = number if number is not None else (read.value if read else None)
    if stated is not None:
        return value, stated
    return value, read.qualifier if read is not None else Qualifier.EXACT
