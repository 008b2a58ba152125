"""What imports read is bounded: digits of a number, the size of an error and of a list of
errors; and the parsers under the imports fail only in the ways they say."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renstra.core.errors import MAX_COLLECTED, MAX_REPORTED, CellError, ImportRejected
from renstra.core.numbers import (
    MAX_DIGITS,
    NumberFormatError,
    count_digits,
    parse_amount,
    parse_id_number,
    quote,
    too_many_digits,
)
from renstra.core.targets import parse_target


def test_amounts_up_to_max_digits_are_exact_and_longer_ones_are_refused():
    assert MAX_DIGITS == 30
    assert parse_amount("9" * 30) == Decimal("9" * 30)
    assert str(parse_amount("9" * 28 + ",55")) == "9" * 28 + ".55"
    for text in ("9" * 31, "9" * 5000, "1." + "000." * 10 + "001"):
        with pytest.raises(NumberFormatError, match="terlalu panjang"):
            parse_amount(text)


def test_negative_numbers_keep_every_digit():
    """Unary minus rounds to the decimal context's 28 digits; the parse must not."""
    assert parse_id_number("-" + "9" * 40) == Decimal("-" + "9" * 40)


def test_digits_are_counted_without_leading_zeros_or_separators():
    assert count_digits("0.001.500,50") == 6
    assert count_digits("Rp 1.047.655.345") == 10
    assert too_many_digits("9" * 30) is None
    assert too_many_digits("0" * 100 + "9") is None
    assert too_many_digits("9" * 31) == "Angka terlalu panjang: 31 angka, paling banyak 30."


def test_messages_quote_at_most_forty_characters():
    assert quote("abc") == "abc"
    assert quote("x" * 100) == "x" * 37 + "..."
    with pytest.raises(NumberFormatError) as caught:
        parse_id_number("a" * 10_000)
    assert len(str(caught.value)) < 120


@given(st.text(max_size=80) | st.sampled_from(["9" * 4400, "-" + "9" * 4400, "1,5e3", "١٢٣"]))
def test_parse_amount_fails_only_with_its_own_error(text):
    try:
        value = parse_amount(text)
    except NumberFormatError:
        return
    assert value is None or count_digits(text) <= MAX_DIGITS


@given(st.text(max_size=200) | st.sampled_from(["9" * 5000 + " orang", "1," + "1" * 5000 + "%"]))
def test_parse_target_never_fails_on_a_text(text):
    if not text.split():
        with pytest.raises(ValueError):
            parse_target(text)
    else:
        assert parse_target(text).kind


def test_an_error_quotes_a_value_and_a_reason_in_bounded_form():
    error = CellError("x.csv", 2, "k" * 500, "v" * 10_000, "r" * 5000)
    assert len(error.column) == 200 and error.column.endswith("...")
    assert len(error.value) == 200 and error.value.endswith("...")
    assert len(error.reason) == 1000
    assert CellError("x", 1, "c", None, "r").value == ""
    assert CellError("x", 1, "c", 2018, "r").value == "2018"
    assert (
        CellError("x", 1, "c", [10**5000], "r").value == "(nilai terlalu besar untuk ditampilkan)"
    )


def test_a_rejection_lists_at_most_max_reported_errors_and_says_how_many_more():
    errors = [CellError("x.csv", n, "c", "", "salah") for n in range(MAX_REPORTED + 50)]
    rejected = ImportRejected(errors)
    assert len(rejected.errors) == MAX_REPORTED + 1
    assert rejected.errors[-1].reason.startswith("... dan sedikitnya 50 kesalahan lain")
    assert str(rejected).startswith("Impor ditolak: {} kesalahan.".format(MAX_REPORTED + 50))
    flood = ImportRejected([errors[0]] * MAX_COLLECTED)
    assert str(flood).startswith("Impor ditolak: sedikitnya {} kesalahan.".format(MAX_COLLECTED))
    few = ImportRejected(errors[:3])
    assert few.errors == errors[:3]
