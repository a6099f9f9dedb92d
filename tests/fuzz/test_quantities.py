"""Quantities: whatever the text, parse_quantity reads it or raises zonestats' own error;
whatever it reads, format_quantity writes back as text that reads the same."""

from __future__ import annotations

from hypothesis import assume
from hypothesis import strategies as st

from zonestats import Qualifier, ZonestatsError, format_quantity, parse_quantity
from zonestats.model.quantity import format_number, normalise, parse_number

from . import strategies as S
from .harness import fuzz, tolerated

_ANY_TEXT = st.one_of(S.quantities(), S.hostile_text(), st.text(), S.hostile_runs(max_size=50))


@fuzz(short=400, long=20_000, text=_ANY_TEXT)
def test_parse_quantity_raises_only_zonestats_errors(text: str) -> None:
    quantity = tolerated(parse_quantity, text)
    tolerated(parse_number, text)
    tolerated(normalise, text)
    if quantity is not None:
        assert isinstance(quantity.value, float)
        assert quantity.value == quantity.value and abs(quantity.value) != float("inf")
        assert quantity.qualifier in Qualifier
        assert quantity.written == text


@fuzz(short=250, long=20_000, text=S.quantities())
def test_what_parses_formats_back_to_the_same_quantity(text: str) -> None:
    """parse -> format -> parse gives the same value, unit and qualifier."""
    try:
        quantity = parse_quantity(text)
    except ZonestatsError:
        assume(False)
        return
    written = format_quantity(quantity.value, quantity.unit, quantity.qualifier)
    again = parse_quantity(written)
    assert (again.value, again.unit, again.qualifier) == (
        quantity.value,
        quantity.unit,
        quantity.qualifier,
    ), f"{text!r} reads as {quantity}; written back as {written!r}, which reads as {again}"


@fuzz(
    short=200,
    long=10_000,
    value=st.one_of(
        st.integers(-(10**17), 10**17).map(float),
        st.floats(-1e18, 1e18, allow_nan=False, allow_infinity=False),
        st.decimals(-(10**9), 10**9, places=3, allow_nan=False, allow_infinity=False).map(float),
    ),
    unit=st.sampled_from([None, "个", "元", "%", "元/亩", "kg", "个百分点", "位", "千瓦时"]),
    qualifier=st.sampled_from(list(Qualifier)),
)
def test_format_quantity_writes_what_parse_quantity_reads(
    value: float, unit: str | None, qualifier: Qualifier
) -> None:
    """The other way round: any base value written as a report would reads back the same."""
    written = format_quantity(value, unit, qualifier)
    quantity = parse_quantity(written)
    assert (quantity.value, quantity.unit, quantity.qualifier) == (value, unit, qualifier), (
        f"{value!r} {unit!r} {qualifier} written as {written!r} (number {format_number(value)!r})"
        f" reads as {quantity}"
    )


@fuzz(short=300, long=10_000, figure=S.known_figures())
def test_well_formed_figures_read_as_their_value(figure: S.KnownFigure) -> None:
    """A whole number in any numerals, with a magnitude, unit and qualifier word, reads as
    what it says: 一千一百一十户 is 1110 户, 兩萬 is 20000, 近三千万元 about 3e7 元."""
    quantity = parse_quantity(figure.written)
    assert (quantity.value, quantity.unit, quantity.qualifier.value) == (
        figure.value,
        figure.unit,
        figure.qualifier,
    ), f"{figure.written!r} reads as {quantity}"
