from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renstra.core.numbers import (
    NumberFormatError,
    format_id_number,
    format_rupiah,
    parse_amount,
    parse_id_number,
    plain_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.047.655.345", Decimal("1047655345")),
        ("711.827.200,00", Decimal("711827200.00")),
        ("Rp 1.500", Decimal("1500")),
        ("Rp. 2.000.000", Decimal("2000000")),
        ("1.500", Decimal("1500")),
        ("1,5", Decimal("1.5")),
        ("81", Decimal("81")),
        ("0", Decimal("0")),
        ("93.5", Decimal("93.5")),
        (" 272.700.000 ", Decimal("272700000")),
        ("-1.000", Decimal("-1000")),
    ],
)
def test_parse_id_number_reads_indonesian_formats(text, expected):
    assert parse_id_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1.00.000", "1,000,000", "12a", "-"])
def test_parse_id_number_rejects_non_numbers_in_indonesian(text):
    with pytest.raises(NumberFormatError, match="bukan angka"):
        parse_id_number(text)


def test_parse_amount_keeps_dash_as_zero_and_empty_as_none():
    assert parse_amount("-") == Decimal("0")
    assert parse_amount("") is None
    assert parse_amount(None) is None
    assert parse_amount("711.827.200,00") == Decimal("711827200.00")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1047655345"), "1.047.655.345"),
        (Decimal("711827200.00"), "711.827.200"),
        (Decimal("2.5"), "2,5"),
        (Decimal("999"), "999"),
        (Decimal("1000"), "1.000"),
        (Decimal("-1234.56"), "-1.234,56"),
    ],
)
def test_format_id_number(value, expected):
    assert format_id_number(value) == expected


def test_format_rupiah_with_prefix_and_none():
    assert format_rupiah(Decimal("1047655345"), prefix=True) == "Rp 1.047.655.345"
    assert format_rupiah(None) == ""


def test_plain_number_has_no_grouping():
    assert plain_number(Decimal("711827200.00")) == "711827200"
    assert plain_number(Decimal("23956020")) == "23956020"
    assert plain_number(Decimal("2.50")) == "2.5"


money = st.decimals(min_value=0, max_value=Decimal("1e15"), places=2, allow_nan=False)


@given(money)
def test_format_then_parse_gives_the_same_amount(value):
    assert parse_id_number(format_id_number(value)) == value


@given(money)
def test_format_with_two_places_then_parse_gives_the_same_amount(value):
    assert parse_id_number(format_id_number(value, places=2)) == value


@given(st.integers(min_value=0, max_value=10**15))
def test_integers_with_thousands_groups_roundtrip(value):
    text = format_id_number(value)
    assert "," not in text
    assert parse_id_number(text) == value
    assert plain_number(parse_id_number(text)) == str(value)
