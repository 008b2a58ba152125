"""The checks of single values of a plan document, by the model field each will be stored in.

A Checker collects Problems (path, value, reason in Indonesian) and returns clean values; it never
stops at the first problem. Lengths, digits and choices come from the model fields themselves,
so a model change cannot be silently outgrown. Texts and JSON values are also checked for what a
database cannot store (NUL characters, unpaired surrogates, nesting deeper than 20 levels), and
numbers for what it would round: nothing is rounded silently.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, models

from renstra.core.errors import MAX_COLLECTED
from renstra.core.numbers import (
    NIL_MARKS,
    NumberFormatError,
    digits_reason,
    parse_amount,
    parse_id_number,
    too_many_digits,
)
from renstra.core.targets import parse_target
from renstra.plans import levels
from renstra.plans.models import (
    Agency,
    Indicator,
    Mission,
    Plan,
    PlanVersion,
    Region,
    RegionalPlan,
    Target,
)

Path = tuple[str | int, ...]

# A key names an item inside one document; keys the export writes are position paths such as
# "T1.S2" (tujuan 1, sasaran 2) or "P3.K1.I2" (program 3, kegiatan 1, indikator 2).
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$")
# Keys the check gives to items the document left without one; no document key can look so.
AUTO_KEY_PREFIX = "#"
YEAR_RANGE = (1900, 2200)
# SQLite keeps a decimal column as a double: digits beyond 15 would be rounded on the way in.
SQLITE_DIGITS = 15
# The longest text of a field without a length of its own (names, notes, definitions): what one
# cell of Excel holds, so that a document holds nothing its workbook could not.
MAX_TEXT = 32_767

# Texts that must not be empty (the rest may be, as documents print empty cells).
REQUIRED_TEXT = {
    (Region, "name"),
    (Region, "kind"),
    (Agency, "name"),
    (Agency, "short_name"),
    (RegionalPlan, "name"),
    (RegionalPlan, "vision"),
    (Mission, "number"),
    (Mission, "text"),
    (Plan, "title"),
    (PlanVersion, "label"),
    (Indicator, "name"),
    (Target, "raw_text"),
    # Every item of the cascade has a name (the model requires it).
    *((level.model, "name") for level in levels.LEVELS),
}
# The level `Checker.keys` gives an indicator's key; items of the cascade get their level's
# English name ('policy_direction', renstra.plans.levels).
INDICATOR = "indicator"


def level_word(name: str) -> str:
    """A level as messages and the workbook's 'tingkat' column write it, in every language: its
    Indonesian label in lower case ('policy_direction' or 'arah_kebijakan' -> 'arah kebijakan',
    'indicator' -> 'indikator')."""
    if name == INDICATOR:
        return levels.INDICATOR_LABEL.lower()
    return levels.level(name).label_source.lower()


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a document: where (a path), the value found there, and why."""

    path: Path
    value: object
    reason: str


def path_text(path: Path) -> str:
    """'$.programs[2].activities[0].name' for ('programs', 2, 'activities', 0, 'name')."""
    text = "$"
    for part in path:
        text += "[{}]".format(part) if isinstance(part, int) else ".{}".format(part)
    return text


def show(value) -> str:
    """A value as an error message quotes it: short, on one line."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value[:200]
    else:
        try:
            text = str(value)
        except (ValueError, RecursionError):
            # An int past Python's 4,300 digits (or a structure holding one) has no text.
            text = "(nilai terlalu besar untuk ditampilkan)"
    text = text.replace("\n", " ")
    return text if len(text) <= 120 else text[:117] + "..."


_MISSING = object()


def _int_text(value: int) -> str | None:
    """An int as text, or None past Python's limit of int/str conversion (4,300 digits)."""
    try:
        return str(value)
    except ValueError:
        return None


def plain_decimal(value: Decimal) -> str:
    """A Decimal as the document writes it: no exponent, no trailing zeros ('81', '0.5')."""
    text = "{:f}".format(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Checker:
    """Collects problems while it cleans a document; `keys` maps every item key to its level."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.keys: dict[str, str] = {}
        self._key_paths: dict[str, Path] = {}

    def problem(self, path: Path, value, reason: str) -> None:
        if len(self.problems) < MAX_COLLECTED:  # more are not shown (renstra.core.errors)
            self.problems.append(Problem(tuple(path), show(value), reason))

    # --- shapes ------------------------------------------------------------------------------

    def mapping(self, value, path: Path, allowed) -> dict | None:
        """A JSON object with only the allowed keys (unknown keys are reported, not ignored)."""
        if not isinstance(value, dict):
            self.problem(path, value, "Harus berupa objek JSON ({...}).")
            return None
        for name in value:
            if name not in allowed:
                self.problem(
                    tuple(path) + (str(name),),
                    "",
                    "Isian '{}' tidak dikenal di sini; yang dikenal: {}.".format(
                        name, ", ".join(allowed)
                    ),
                )
        return value

    def section(self, data: dict, name: str, allowed) -> dict | None:
        """A required top-level object of the document."""
        if name not in data:
            self.problem((name,), "", "Bagian '{}' wajib ada.".format(name))
            return None
        return self.mapping(data[name], (name,), allowed)

    def listing(self, obj: dict, name: str, path: Path) -> list:
        value = obj.get(name, [])
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(tuple(path) + (name,), value, "Harus berupa daftar ([...]).")
            return []
        return value

    # --- scalars, by the model field they will be stored in ---------------------------------

    def field(self, model, name: str, obj: dict, path: Path, default=_MISSING):
        """The clean value of obj[name] for model field `name` (its default when absent)."""
        field = model._meta.get_field(name)
        here = tuple(path) + (name,)
        if name not in obj:
            if (model, name) in REQUIRED_TEXT:
                self.problem(here, "", "Wajib diisi.")
            if default is not _MISSING:
                return default
            if field.has_default():
                value = field.get_default()
                return list(value) if isinstance(value, list) else value
            return None if field.null else ""
        value = obj[name]
        if isinstance(field, models.DecimalField):
            return self.decimal(value, here, field.max_digits, field.decimal_places, field.null)
        if isinstance(field, models.JSONField):
            if not isinstance(value, list):
                self.problem(here, value, "Harus berupa daftar ([...]).")
                return []
            return value if self.storable_json(value, here) else []
        if isinstance(field, models.BooleanField):
            if not isinstance(value, bool):
                self.problem(here, value, "Harus true atau false.")
                return False
            return value
        if isinstance(field, models.IntegerField):
            return self.integer(value, here, minimum=1, maximum=32767)
        return self.text(value, here, model, field)

    def text(self, value, path: Path, model, field) -> str:
        if not isinstance(value, str):
            self.problem(path, value, "Harus berupa teks (dalam tanda petik).")
            return ""
        if not self.storable_text(value, path):
            return ""
        if (model, field.name) in REQUIRED_TEXT and not value.strip():
            self.problem(path, value, "Wajib diisi.")
            return value
        if field.choices and value not in {c[0] for c in field.choices}:
            allowed = [c[0] for c in field.choices]
            if not (field.blank and value == ""):
                self.problem(path, value, "Harus salah satu dari: {}.".format(", ".join(allowed)))
                return ""
        limit = field.max_length or MAX_TEXT
        if len(value) > limit:
            self.problem(
                path,
                value,
                "Terlalu panjang: {} karakter, paling banyak {}.".format(len(value), limit),
            )
            # Nothing is read from a text that cannot be stored (one mistake, one message).
            return ""
        return value

    def storable_text(self, value: str, path: Path) -> bool:
        """Texts a database can store: no NUL character, no unpaired surrogate."""
        if "\x00" in value:
            self.problem(
                path, value.replace("\x00", ""), "Teks berisi karakter NUL; hapus karakter itu."
            )
            return False
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            self.problem(path, "", "Teks berisi karakter yang tidak sah (surrogate Unicode).")
            return False
        return True

    def storable_json(self, value, path: Path) -> bool:
        """JSON values as stored: made of JSON types, at most 20 levels deep, storable texts."""
        stack = [(value, 0)]
        while stack:
            item, depth = stack.pop()
            if depth > 20:
                self.problem(path, "", "Struktur JSON terlalu dalam (lebih dari 20 tingkat).")
                return False
            if isinstance(item, dict):
                if not all(isinstance(k, str) for k in item):
                    self.problem(path, item, "Kunci objek JSON harus teks.")
                    return False
                stack += [(k, depth + 1) for k in item] + [(v, depth + 1) for v in item.values()]
            elif isinstance(item, list):
                stack += [(v, depth + 1) for v in item]
            elif isinstance(item, str):
                if not self.storable_text(item, path):
                    return False
            elif isinstance(item, float):
                if item != item or item in (float("inf"), float("-inf")):
                    self.problem(path, item, "Angka JSON tidak sah (NaN atau tak hingga).")
                    return False
            elif not (item is None or isinstance(item, bool | int)):
                self.problem(path, item, "Bukan nilai JSON.")
                return False
        return True

    def integer(self, value, path: Path, *, minimum: int, maximum: int) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, value, "Harus bilangan bulat, mis. 2021.")
            return None
        if not minimum <= value <= maximum:
            self.problem(path, value, "Harus antara {} dan {}.".format(minimum, maximum))
            return None
        return value

    def year(self, value, path: Path) -> int | None:
        return self.integer(value, path, minimum=YEAR_RANGE[0], maximum=YEAR_RANGE[1])

    def decimal(self, value, path: Path, digits: int, places: int, nullable: bool = True):
        if value is None:
            if not nullable:
                self.problem(path, value, "Wajib diisi.")
            return None
        if isinstance(value, Decimal) and value.is_finite():
            return value if self.fits(value, path, value, digits, places) else None
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.problem(
                path,
                value,
                'Tulis angka sebagai teks dengan titik desimal, mis. "1047655345.5" '
                "(angka pecahan JSON dapat berubah nilainya).",
            )
            return None
        text = str(value).strip() if isinstance(value, str) else _int_text(value)
        if text is None or not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
            self.problem(path, value, 'Bukan angka desimal, mis. "1047655345.5".')
            return None
        if too_many_digits(text):
            self.problem(path, value, too_many_digits(text))
            return None
        number = Decimal(text)
        return number if self.fits(number, path, value, digits, places) else None

    def fits(self, number: Decimal, path: Path, value, digits: int, places: int) -> bool:
        """Whether `number` can be stored exactly in a field of `digits` and `places`.

        Counted from the number's digits and exponent, never through int() or str() of it
        (Python refuses those past 4,300 digits) nor normalize() (which rounds past 28)."""
        _, all_digits, exponent = number.as_tuple()
        if not isinstance(exponent, int):
            self.problem(path, value, 'Bukan angka desimal, mis. "1047655345.5".')
            return False
        # Trailing zeros say nothing: 81.500 has one decimal, 1500 two significant digits.
        # Decimal keeps no leading zeros, except in a zero (0.00: digits (0,)).
        significant = len(all_digits)
        while significant > 1 and all_digits[significant - 1] == 0:
            significant -= 1
        exponent += len(all_digits) - significant
        if all_digits == (0,) * len(all_digits):
            significant, exponent = 1, 0
        decimals = -exponent if exponent < 0 else 0
        whole = max(0, significant + exponent) if exponent > -significant else 0
        if digits_reason(significant):
            self.problem(path, value, digits_reason(significant))
            return False
        if decimals > places:
            self.problem(
                path,
                value,
                "Paling banyak {} angka di belakang koma; nilai tidak dibulatkan diam-diam, "
                "tuliskan nilainya dengan {} desimal.".format(places, places),
            )
            return False
        if whole > digits - places:
            self.problem(
                path,
                value,
                "Angka terlalu besar: paling banyak {} angka sebelum koma.".format(digits - places),
            )
            return False
        if significant > SQLITE_DIGITS and connection.vendor == "sqlite":
            self.problem(
                path,
                value,
                "Angka dengan lebih dari {} digit bermakna tidak dapat disimpan tepat di basis "
                "data ini (SQLite) dan akan dibulatkan; periksa nilainya.".format(SQLITE_DIGITS),
            )
            return False
        return True

    # --- keys --------------------------------------------------------------------------------

    def key(self, obj: dict, path: Path, level: str) -> str:
        """The item's key as given, or an automatic one; given keys must be unique."""
        value = obj.get("key")
        if value is None or value == "":
            key = AUTO_KEY_PREFIX + path_text(path)
        elif not isinstance(value, str) or not KEY_PATTERN.match(value):
            self.problem(
                tuple(path) + ("key",),
                value,
                "Kunci hanya boleh huruf, angka, titik, garis bawah dan tanda minus "
                "(paling banyak 100), diawali huruf atau angka, mis. 'T1.S2'.",
            )
            key = AUTO_KEY_PREFIX + path_text(path)
        elif value in self.keys:
            self.problem(
                tuple(path) + ("key",),
                value,
                "Kunci '{}' sudah dipakai oleh {} di {}; setiap butir perlu kunci sendiri.".format(
                    value, level_word(self.keys[value]), path_text(self._key_paths[value])
                ),
            )
            key = AUTO_KEY_PREFIX + path_text(path)
        else:
            key = value
        self.keys[key] = level
        self._key_paths[key] = tuple(path)
        return key

    # --- amounts and targets from their raw text ----------------------------------------------

    def amount_from_raw(self, raw: str, path: Path, digits: int) -> Decimal | None:
        """A rupiah amount from its raw text, exactly (never rounded), or a problem."""
        text = raw.strip()
        if not text or text in NIL_MARKS:
            return parse_amount(text)
        try:
            number = parse_id_number(text)
        except NumberFormatError as exc:
            self.problem(path, raw, str(exc))
            return None
        if number < 0:
            self.problem(path, raw, "Pagu tidak boleh negatif.")
            return None
        if not self.fits(number, path, raw, digits, 2):
            return None
        return parse_amount(text)

    def target_value(self, raw: str, path: Path) -> Decimal | None:
        """The number of a number or percent text (baseline, end target), or None."""
        if not raw.strip():
            return None
        value = parse_target(raw).value
        field = Indicator._meta.get_field("baseline_value")
        if value is not None and not self.fits(
            value, path, raw, field.max_digits, field.decimal_places
        ):
            return None
        return value
