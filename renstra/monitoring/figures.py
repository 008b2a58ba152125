"""Figures as the dashboard shows them: rounded to what their unit allows, for display only
(stored realization and the evaluation's values keep every decimal).

- A count of things (orang, laporan, dokumen, kali, unit kendaraan roda dua … any unit that is
  not a measure) is a whole number: a projection of 1,3333 laporan is shown as 1 laporan
  (rounded half up). An indicator averaged over its quarters (`Rollup.AVERAGE`) is exempt: an
  average of counts may well be 22,5 orang.
- A percentage has one decimal, as the predicate spread of the dashboard has it (81,33 → 81,3%).
- A measure (a duration in days or less, money, length, weight, area, volume, a score, a bare
  number) keeps at most two decimals. Weeks, months and years count: '12 bulan' of a service
  are twelve months in which it was given (an average duration is exempt as above).

Zeros after the decimal mark are not shown (27,0% is 27%). Grades and texts are shown as they
are.
"""

from decimal import ROUND_HALF_UP, Decimal

from renstra.core.achievement import Rollup
from renstra.core.numbers import format_id_number
from renstra.core.targets import ParsedTarget, Quantity, TargetKind

PERCENT_PLACES = 1
MEASURE_PLACES = 2

# First words of units that measure rather than count (lower case): how long a service takes
# (hari, jam), how much money, length, weight, area or volume, a score.
MEASURES = frozenset(
    {
        "%",
        "persen",
        "detik",
        "menit",
        "jam",
        "hari",
        "rp",
        "rp.",
        "rupiah",
        "juta",
        "miliar",
        "km",
        "m",
        "meter",
        "cm",
        "mm",
        "m2",
        "m²",
        "m3",
        "m³",
        "km2",
        "km²",
        "ha",
        "hektar",
        "hektare",
        "are",
        "kg",
        "gram",
        "g",
        "ton",
        "kuintal",
        "liter",
        "l",
        "kwh",
        "watt",
        "poin",
        "skor",
        "nilai",
        "indeks",
        "level",
        "tingkat",
        "rasio",
    }
)

_NUMERIC = (TargetKind.NUMBER, TargetKind.PERCENT, TargetKind.COMPOSITE)


def counts(unit: str) -> bool:
    """Whether `unit` counts things: any unit but a percent, none, or a unit of measure (its
    first word in MEASURES)."""
    words = (unit or "").strip().lower().split()
    return bool(words) and words[0] not in MEASURES


def rounded(value: Decimal, places: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: Decimal, places: int) -> str:
    """`value` rounded half up to `places`, written the Indonesian way without trailing zeros:
    1.3333 → '1' (0), 81.333 → '81,3' (1), 27 → '27'."""
    return format_id_number(rounded(value, places))


def percent(value: Decimal | None) -> str:
    """A percentage with one decimal ('' for none): 44.44 → '44,4%', 100.00 → '100%'."""
    return "" if value is None else number(value, PERCENT_PLACES) + "%"


def _quantity(quantity: Quantity, whole: bool) -> str:
    if quantity.unit == "%":
        return percent(quantity.value)
    places = 0 if whole and counts(quantity.unit) else MEASURE_PLACES
    return (number(quantity.value, places) + " " + quantity.unit).strip()


def figure(parsed: ParsedTarget | None, rule: Rollup | str | None = None) -> str:
    """A realization, projection or target value as the dashboard shows it; `rule` is the
    indicator's roll-up (an average keeps the decimals of its counts)."""
    if parsed is None:
        return ""
    if parsed.kind not in _NUMERIC or not parsed.quantities:
        return parsed.text
    whole = rule is None or Rollup(rule) != Rollup.AVERAGE
    texts = [_quantity(q, whole) for q in parsed.quantities]
    if len(texts) == 1:
        return texts[0]
    return ", ".join(texts[:-1]) + (" dan " if len(texts) == 2 else ", dan ") + texts[-1]
