"""Reading Chinese quantities and writing base values back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zonestats import Qualifier, ZonestatsError, format_quantity, parse_quantity
from zonestats.model import grammar
from zonestats.model.quantity import _parse_worded, format_number, parse_number

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
        # Traditional spellings read as simplified ones; the unit comes back simplified.
        ("1060億元", 106_000_000_000, "元", Q.EXACT),
        ("兩萬個", 20_000, "个", Q.EXACT),
        ("預計突破300億元", 30_000_000_000, "元", Q.EXPECTED),
        ("約3億美元", 300_000_000, "美元", Q.APPROX),
        ("3000餘萬元", 30_000_000, "元", Q.MORE_THAN),
        ("逾百家", 100, "家", Q.MORE_THAN),
        ("達到50家", 50, "家", Q.EXACT),
        ("將達到1500億元", 150_000_000_000, "元", Q.EXPECTED),
        ("總計12項", 12, "项", Q.EXACT),
        ("不少於30臺", 30, "台", Q.AT_LEAST),
        ("5000餘輛次", 5000, "辆次", Q.MORE_THAN),
        ("12.5％", 12.5, "%", Q.EXACT),
        # Words before a number in a row: a forecast outranks a bound.
        ("预计将达到300亿元", 30_000_000_000, "元", Q.EXPECTED),
        ("将近600家", 600, "家", Q.APPROX),
        ("不超过5个", 5, "个", Q.AT_MOST),
        ("合计41个", 41, "个", Q.EXACT),
        ("预期1.5万人", 15_000, "人", Q.EXPECTED),
        ("30家之多", 30, "家", Q.EXACT),
        ("5%以内", 5, "%", Q.AT_MOST),
        # Tenths and fractions are percentages.
        ("九成以上", 90, "%", Q.AT_LEAST),
        ("近七成", 70, "%", Q.APPROX),
        ("三成", 30, "%", Q.EXACT),
        ("八成五", 85, "%", Q.EXACT),
        ("七成多", 70, "%", Q.MORE_THAN),
        ("百分之三十", 30, "%", Q.EXACT),
        ("百分之十二点五", 12.5, "%", Q.EXACT),
        ("千分之五", 0.5, "%", Q.EXACT),
        ("百分之三十以上", 30, "%", Q.AT_LEAST),
        # The longest known unit at the end: 千 and 兆 of a unit are not magnitudes.
        ("100兆瓦", 100, "兆瓦", Q.EXACT),
        ("100万千瓦", 1_000_000, "千瓦", Q.EXACT),
        ("5千瓦时", 5, "千瓦时", Q.EXACT),
        ("100千米", 100, "千米", Q.EXACT),
        ("2.5百分点", 2.5, "百分点", Q.EXACT),
        ("12万平方米", 120_000, "平方米", Q.EXACT),
        ("50万标箱", 500_000, "标箱", Q.EXACT),
        ("5辆次", 5, "辆次", Q.EXACT),
        ("5kg", 5, "kg", Q.EXACT),
        ("100MW", 100, "MW", Q.EXACT),
        ("5万TEU", 50_000, "TEU", Q.EXACT),
        ("50万元/亩", 500_000, "元/亩", Q.EXACT),
        ("3兆元", 3_000_000_000_000, "元", Q.EXACT),
        ("3年余", 3, "年", Q.MORE_THAN),
        ("6个月", 6, "个月", Q.EXACT),
        # Chinese numerals: abbreviations, decimals, financial forms, "some".
        ("三千五", 3500, None, Q.EXACT),
        ("两万五", 25_000, None, Q.EXACT),
        ("一百五十", 150, None, Q.EXACT),
        ("一万零五", 10_005, None, Q.EXACT),
        ("一点五万", 15_000, None, Q.EXACT),
        ("零点五", 0.5, None, Q.EXACT),
        ("十二点五万元", 125_000, "元", Q.EXACT),
        ("贰拾伍万元", 250_000, "元", Q.EXACT),
        ("十几个", 10, "个", Q.MORE_THAN),
        ("几十家", 10, "家", Q.MORE_THAN),
        ("数百万元", 1_000_000, "元", Q.MORE_THAN),
        ("十多万人", 100_000, "人", Q.MORE_THAN),
        ("1万5", 15_000, None, Q.EXACT),
        ("1亿5000万元", 150_000_000, "元", Q.EXACT),
        ("1万亿5000亿元", 1_500_000_000_000, "元", Q.EXACT),
        ("负5%", -5, "%", Q.EXACT),
    ],
)
def test_parse_quantity(text: str, value: float, unit: str | None, qualifier: Qualifier) -> None:
    quantity = parse_quantity(text)
    assert (quantity.value, quantity.unit, quantity.qualifier) == (value, unit, qualifier)
    assert quantity.written == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no number in ''"),
        ("元", "no number in '元'"),
        ("多家", "no number in '多家'"),
        ("abc", "no number in 'abc'"),
        ("1.2.3元", "cannot read number '1.2.3元'"),
        ("5 6", "cannot read number '5 6'"),
        ("12:30", "cannot read number '12:30'"),
        ("1e3", "cannot read number '1e3'"),
        # An unknown word glued to a unit is an error, never a unit of its own.
        ("1060圆元", "cannot read the unit of '1060圆元': '圆'; it is no known unit"),
        ("5台套件组合", "'台套件组合'; it is no known unit"),
        ("3月", "cannot read the unit of '3月': '月'; it is no known unit"),
        ("/元", "cannot read the unit of '/元': '/' stands between two units"),
        ("5元//亩", "cannot read the unit of '5元//亩': '/' stands between two units"),
        ("九成元", "cannot read the unit of '九成元': a share has no other unit"),
        # Numerals and qualifier words inside a unit.
        ("亿多八", "cannot read number '亿多八'"),
        (
            "10亿以上元",
            "cannot read the unit of '10亿以上元': '以上'; the word '以上' stands in it",
        ),
        ("5个多元", "cannot read the unit of '5个多元': '个多'; the word '多' stands in it"),
        ("5个约元", "the word '约' stands in it"),
        # Doubled or misordered magnitudes and units.
        ("万万", "cannot read number '万万': 万 out of order"),
        ("亿亿", "cannot read number '亿亿': 亿 out of order"),
        ("1亿万元", "cannot read number '1亿万': 万 out of order"),
        ("一万二千亿", "cannot read number '一万二千亿': 亿 out of order"),
        ("十十", "cannot read number '十十': 十 out of order"),
        ("一百一千", "cannot read number '一百一千': 千 out of order"),
        ("萬萬", "cannot read number '万万': 万 out of order"),
        ("万" * 3000, "out of order"),
        # Beyond what a float holds.
        ("1" * 400, "is too large a number"),
        ("9" * 300 + "万亿元", "is too large a number"),
    ],
)
def test_parse_quantity_rejects(text: str, message: str) -> None:
    with pytest.raises(ZonestatsError) as caught:
        parse_quantity(text)
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一千一百一十", 1110),
        ("二〇二一", 2021),
        ("十", 10),
        ("百亿", 10**10),
        ("万亿", 10**12),
        ("兩萬", 20_000),
        ("三千零五", 3005),
        ("一百零五", 105),
        ("两百五", 250),
        ("1亿2", 120_000_000),
        ("2000万亿", 2 * 10**15),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "十五个", "万万", "数"])
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(ZonestatsError):
        parse_number(text)


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


# ---- one grammar, every spelling ----------------------------------------------------------

# The traditional forms of each simplified character, from the grammar's own fold.
_TRADITIONAL: dict[str, list[str]] = {}
for _old, _new in grammar.FOLD.items():
    _TRADITIONAL.setdefault(_new, []).append(_old)

_CHINESE_NUMBERS = st.one_of(
    st.sampled_from([d for d, v in grammar.DIGITS.items() if v]),
    st.tuples(
        st.sampled_from([d for d, v in grammar.DIGITS.items() if v]),
        st.sampled_from(list(grammar.SMALL_UNITS)),
        st.sampled_from(["", *(d for d, v in grammar.DIGITS.items() if v)]),
    ).map("".join),
)
_SIMPLIFIED_FIGURES = st.tuples(
    st.sampled_from(["", *(w for w, _ in grammar.BEFORE_WORDS), *grammar.NEUTRAL_WORDS]),
    st.one_of(st.integers(0, 10**9).map(str), _CHINESE_NUMBERS),
    st.sampled_from(["", *(w for w in grammar.MAGNITUDES if w == grammar.fold(w))]),
    st.sampled_from(["", *grammar.UNITS]),
    st.sampled_from(["", *(w for w, _ in grammar.AFTER_WORDS)]),
).map("".join)


@st.composite
def _spelled_both_ways(draw: st.DrawFn) -> tuple[str, str]:
    simplified = draw(_SIMPLIFIED_FIGURES)
    traditional = "".join(draw(st.sampled_from([c, *_TRADITIONAL.get(c, [])])) for c in simplified)
    return simplified, traditional


@given(_spelled_both_ways())
def test_traditional_and_simplified_spellings_read_the_same(texts: tuple[str, str]) -> None:
    simplified, traditional = texts
    expected = parse_quantity(simplified)
    quantity = parse_quantity(traditional)
    assert (quantity.value, quantity.unit, quantity.qualifier) == (
        expected.value,
        expected.unit,
        expected.qualifier,
    )
    assert quantity.written == traditional


@given(
    number=st.one_of(
        st.integers(0, 10**18).map(str),
        st.decimals(0, 10**6, places=4, allow_nan=False).map(str),
    ),
    magnitude=st.sampled_from(["", *grammar.MAGNITUDES]),
    unit=st.sampled_from(["", *(s for u in grammar.UNITS for s in grammar.spellings(u))]),
)
def test_plain_figures_read_the_same_on_the_fast_path(
    number: str, magnitude: str, unit: str
) -> None:
    """800万台 is looked up whole; it must read as the full grammar reads it."""
    text = number + magnitude + unit
    fast, full = parse_quantity(text), _parse_worded(text)
    assert (fast.value, fast.unit, fast.qualifier) == (full.value, full.unit, full.qualifier)


def test_every_spelling_of_a_grammar_word_folds_back_to_it() -> None:
    words = [
        *grammar.DIGITS,
        *grammar.MAGNITUDES,
        *(w for w, _ in grammar.BEFORE_WORDS + grammar.AFTER_WORDS),
        *grammar.NEUTRAL_WORDS,
        *grammar.FORECAST_WORDS,
        *grammar.AIM_WORDS,
        *grammar.UNITS,
    ]
    for word in words:
        simplified = grammar.fold(word)
        assert all(grammar.fold(s) == simplified for s in grammar.spellings(simplified)), word
    assert grammar.fold("預計突破300億元") == "预计突破300亿元"
    assert set(grammar.spellings("万亿")) == {"万亿", "萬亿", "万億", "萬億"}


def test_the_unit_table_is_simplified_distinct_and_longest_first() -> None:
    units = grammar.UNITS
    assert len(set(units)) == len(units)
    assert [len(u) for u in units] == sorted((len(u) for u in units), reverse=True)
    assert all(grammar.fold(u) == u for u in units)
    # A unit never holds a qualifier word, and a magnitude only to begin with (兆瓦): the
    # longest unit at the end is read first, so 100兆瓦 is 100 兆瓦.
    words = [w for w, _ in grammar.BEFORE_WORDS + grammar.AFTER_WORDS]
    assert not [(u, w) for u in units for w in words if w in u]
    assert not [(u, m) for u in units for m in grammar.MAGNITUDES if m in u[1:]]
    assert grammar.MAGNITUDES["萬億"] == grammar.MAGNITUDES["兆"] == 10**12


def test_grammar_characters_cover_the_words_that_change_a_reading() -> None:
    """A unit holding none of these characters reads exactly as written."""
    for text in ["5成", "5大", "5個", "5多", "5點", "5以上", "5萬", "5第", "5几"]:
        assert set(text[1:]) <= grammar.GRAMMAR_CHARACTERS, text
    plain = [u for u in grammar.UNITS if not set(u) & grammar.GRAMMAR_CHARACTERS]
    assert len(plain) > 80
    for unit in plain:
        assert parse_quantity(f"12{unit}").unit == unit
        assert _parse_worded(f"12万{unit}").unit == unit
