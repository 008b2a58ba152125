"""Indonesian number formats: '1.047.655.345', '711.827.200,00', 'Rp 1.500', '2,5'.

In Indonesian writing '.' groups thousands and ',' is the decimal mark. Documents also contain
English-style decimals ('93.5'); a dot that does not group exactly three digits is read as a
decimal point, so that nothing a user typed is misread as a thousand times its value.
"""

import re
from decimal import Context, Decimal, InvalidOperation

_RP_PREFIX = re.compile(r"^\s*Rp\.?\s*", re.IGNORECASE)
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_PLAIN = re.compile(r"^\d+(,\d+)?$")
_ENGLISH_DECIMAL = re.compile(r"^\d+\.\d{1,2}$|^\d+\.\d{4,}$")

NIL_MARKS = frozenset({"-", "–", "—"})

# The most digits (leading zeros aside) a number read by an import may have. No column holds
# more: targets, baselines and realization keep 24 (20 before the decimal mark, 4 after), money
# 18 (16 and 2), so a number of 25 to 30 digits still meets its column's own message ("paling
# banyak 20 angka sebelum koma"), while a longer one is refused before anything converts it:
# Python refuses int/str conversions past 4,300 digits, and decimal arithmetic rounds past 28.
MAX_DIGITS = 30
# Amounts are rounded to cents in a context wide enough for any amount of MAX_DIGITS digits, so
# the rounding itself never fails or rounds away whole digits.
_CENTS = Decimal("0.01")
_AMOUNT_CONTEXT = Context(prec=MAX_DIGITS + 3)


class NumberFormatError(ValueError):
    """Raised with an Indonesian message when a text is not a number."""


def quote(text, limit: int = 40) -> str:
    """A text as a message quotes it: at most `limit` characters, on one line."""
    text = str(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def count_digits(text: str) -> int:
    """The digits of a number as written, leading zeros aside: '0.001.500,50' -> 6."""
    return len("".join(ch for ch in str(text) if "0" <= ch <= "9").lstrip("0"))


def digits_reason(digits: int) -> str | None:
    """Why a number of `digits` digits is not read (more than MAX_DIGITS), or None."""
    if digits <= MAX_DIGITS:
        return None
    return "Angka terlalu panjang: {} angka, paling banyak {}.".format(digits, MAX_DIGITS)


def too_many_digits(text: str) -> str | None:
    """Why the number written in `text` is too long to be read (MAX_DIGITS), or None."""
    return digits_reason(count_digits(text))


def parse_id_number(text: str) -> Decimal:
    """Parse an Indonesian-formatted number into a Decimal, exactly.

    Accepts an optional 'Rp' prefix, a leading minus, '.' as thousands separator and ',' as
    decimal mark. Raises NumberFormatError for anything else (including an empty text).
    """
    if text is None:
        raise NumberFormatError("Nilai kosong, bukan angka.")
    cleaned = _RP_PREFIX.sub("", str(text)).strip().replace("\u00a0", "").replace(" ", "")
    negative = cleaned.startswith("-") and len(cleaned) > 1
    if negative:
        cleaned = cleaned[1:]
    if _THOUSANDS.match(cleaned):
        normal = cleaned.replace(".", "").replace(",", ".")
    elif _PLAIN.match(cleaned):
        normal = cleaned.replace(",", ".")
    elif _ENGLISH_DECIMAL.match(cleaned):
        normal = cleaned
    else:
        raise NumberFormatError(
            "'{}' bukan angka yang dikenali. Tulis angka seperti 1.047.655.345 atau 81,5.".format(
                quote(text)
            )
        )
    try:
        value = Decimal(normal)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above exclude this
        raise NumberFormatError("'{}' bukan angka.".format(quote(text))) from exc
    # copy_negate is exact; unary minus would round to the context's 28 digits.
    return value.copy_negate() if negative else value


def parse_amount(text: str | None) -> Decimal | None:
    """Parse a rupiah amount cell: None for an empty cell, 0 for a printed '-' (accounting nil).

    Raises NumberFormatError for a text that is not a number or has more than MAX_DIGITS digits.
    """
    if text is None or not str(text).strip():
        return None
    if str(text).strip() in NIL_MARKS:
        return Decimal(0)
    value = parse_id_number(text)
    reason = too_many_digits(text)
    if reason:
        raise NumberFormatError(reason)
    return value.quantize(_CENTS, context=_AMOUNT_CONTEXT)


def format_id_number(value: Decimal | int, places: int | None = None) -> str:
    """Format a number the Indonesian way: 1047655345 -> '1.047.655.345', 2.5 -> '2,5'.

    With places=None the decimals are shown only as far as they are not zero, so that nothing
    is rounded away; with places=n exactly n decimals are shown.
    """
    value = Decimal(value)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
        text = "{:f}".format(abs(value))
    else:
        text = "{:f}".format(abs(value))
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    if frac:
        result += "," + frac
    return ("-" if value < 0 and result.strip("0.,") else "") + result


def format_rupiah(value: Decimal | None, prefix: bool = False) -> str:
    """Rupiah for pages and print: '1.047.655.345' (cents shown only when not zero)."""
    if value is None:
        return ""
    text = format_id_number(value)
    return "Rp " + text if prefix else text


def plain_number(value: Decimal | None) -> str:
    """A number for CSV and machines: no thousands separator, '.' as decimal point."""
    if value is None:
        return ""
    text = "{:f}".format(Decimal(value))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
