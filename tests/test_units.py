"""Reading Chinese quantities and writing base values back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zonestats import Qualifier, ZonestatsError, format_quantity, parse_quantity
from zonestats.model.quantity import format_number, parse_number

Q = Qualifier


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("800万台", 8_000_000, "台", Q.EXACT),
        ("10万台", 100_000, "台", Q.EXACT),
        ("82亿元", 8_200_000_000, "元", Q.EXACT),
        ("1亿元", 100_000_000, "元", Q.EXACT),
        ("11037万元", 110_370_000, "元", Q.EXACT),
        ("100多家", 100, "家", Q.MORE_THAN),
        ("30多个", 30, "个", Q.MORE_THAN),
        ("3000余万元", 30_000_000, "元", Q.MORE_THAN),
        ("1万多元", 10_000, "元", Q.MORE_THAN),
        ("90%以上", 90, "%", Q.AT_LEAST),
        ("100%", 100, "%", Q.EXACT),
        ("2.5个百分点", 2.5, "个百分点", Q.EXACT),
        ("第126位", 126, "位", Q.EXACT),
        ("46位", 46, "位", Q.EXACT),
        ("五大", 5, None, Q.EXACT),
        ("四茬", 4, "茬", Q.EXACT),
        ("三个", 3, "个", Q.EXACT),
        ("一千一百一十户", 1110, "户", Q.EXACT),
        ("两百人", 200, "人", Q.EXACT),
        ("十五", 15, None, Q.EXACT),
        ("三千零五", 3005, None, Q.EXACT),
        ("百亿", 10_000_000_000, None, Q.EXACT),
        ("破百亿", 10_000_000_000, None, Q.MORE_THAN),
        ("突破百亿", 10_000_000_000, None, Q.MORE_THAN),
        ("千亿", 100_000_000_000, None, Q.EXACT),
        ("1.2万亿元", 1_200_000_000_000, "元", Q.EXACT),
        ("1亿2000万元", 120_000_000, "元", Q.EXACT),
        ("有望突破300亿元", 30_000_000_000, "元", Q.EXACT.EXPECTED),
        ("预计50亿元", 5_000_000_000, "元", Q.EXPECTED),
        ("力争20家", 20, "家", Q.TARGET),
        ("超过200人", 200, "人", Q.MORE_THAN),
        ("近5000户", 5000, "户", Q.APPROX),
        ("约3亿美元", 300_000_000, "美元", Q.APPROX),
        ("200人左右", 200, "人", Q.APPROX),
        ("不到10个", 10, "个", Q.LESS_THAN),
        ("数十场", 10, "场", Q.MORE_THAN),
        ("１２３４５元", 12345, "元", Q.EXACT),
        ("1,234,567元", 1_234_567, "元", Q.EXACT),
        ("１，２３４元", 1234, "元", Q.EXACT),
        ("-5", -5, None, Q.EXACT),
        ("800 万台", 8_000_000, "台", Q.EXACT),
        ("0.5", 0.5, None, Q.EXACT),
    ],
)
def test_parse_quantity(text: str, value: float, unit: str | None, qualifier: Qualifier) -> None:
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.unit, quantity.qualifier) == (value, unit, qualifier)
    assert quantity.written == text


@pytest.mark.parametrize("text", ["", "元", "多家", "abc", "1.2.3元", "5 6", "12:30", "1e3"])
def test_parse_quantity_rejects(text: str) -> None:
    with pytest.raises(ZonestatsError):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("一千一百一十", 1110), ("二〇二一", 2021), ("十", 10), ("百亿", 10**10), ("万亿", 10**12)],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "text"),
    [
        (8_000_000, "台", Q.EXACT, "800万台"),
        (8.2e9, "元", Q.EXACT, "82亿元"),
        (110_370_000, "元", Q.EXACT, "11037万元"),
        (3928, "人", Q.EXACT, "3928人"),
        (12345, "元", Q.EXACT, "12345元"),
        (100, "家", Q.MORE_THAN, "100多家"),
        (1e10, "元", Q.MORE_THAN, "超过100亿元"),
        (90, "%", Q.AT_LEAST, "90%以上"),
        (3e10, "元", Q.EXPECTED, "预计300亿元"),
        (1.5e12, "元", Q.EXACT, "15000亿元"),
    ],
)
def test_format_quantity(value: float, unit: str, qualifier: Qualifier, text: str) -> None:
    assert format_quantity(value, unit, qualifier) == text


def test_format_number_uses_a_magnitude_only_when_it_stays_short() -> None:
    assert format_number(1_234_567) == "1234567"
    assert format_number(123_456_789) == "1.23456789亿"
    assert format_number(16000) == "1.6万"
    assert format_number(0.25) == "0.25"


_values = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15).map(float),
    st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False).map(float),
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False),
)


@given(value=_values, unit=st.sampled_from(["台", "元", "家", "%", "个百分点", "人", None]))
def test_format_then_parse_gives_the_value_back(value: float, unit: str | None) -> None:
    quantity = parse_quantity(format_quantity(value, unit))
    assert quantity.value == value
    assert quantity.unit == unit


@given(
    value=st.integers(min_value=1, max_value=10**13).map(float),
    qualifier=st.sampled_from(list(Qualifier)),
)
def test_qualifiers_survive_the_round_trip(value: float, qualifier: Qualifier) -> None:
    quantity = parse_quantity(format_quantity(value, "个", qualifier))
    assert (quantity.value, quantity.qualifier) == (value, qualifier)
