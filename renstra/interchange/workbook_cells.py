"""Cells of a workbook as the texts the plan document holds.

Texts lose spaces at both ends (keys, codes, numbers and raw values also inner runs). A number
Excel made of a typed value is read back exactly as Excel holds it (15 significant digits) and
written the Indonesian way ('711827200,5', '81%' for a percent-formatted cell). A value Excel
mangled (a code turned into a number, a number into a date, more than 15 digits) is an error that
says so, never a silent guess.
"""

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from renstra.core.targets import normalize_space
from renstra.interchange.plan_checker import plain_decimal

MAX_SIGNIFICANT = 15  # digits Excel keeps of a number


@dataclass(frozen=True)
class Cell:
    value: object
    data_type: str = "s"
    number_format: str = "General"


def _excel_number(value) -> Decimal | None:
    """A number as Excel holds it (15 significant digits), exactly; None when it lost digits."""
    if isinstance(value, int):
        return Decimal(value)
    if not math.isfinite(value):
        return None
    number = Decimal(repr(value))
    if abs(number) >= Decimal(10) ** MAX_SIGNIFICANT:
        return None
    digits = len(number.as_tuple().digits)
    if digits > MAX_SIGNIFICANT:
        shift = number.adjusted() - MAX_SIGNIFICANT + 1
        number = number.quantize(Decimal(1).scaleb(shift))
    return number.normalize()


def cell_text(cell: Cell, kind: str) -> tuple[str | None, str]:
    """(text, '') for a readable cell, or (None, reason) for one Excel has turned into something
    else. Texts lose spaces at both ends; keys, codes, numbers and raw values also inner runs."""
    value = cell.value
    if value is None:
        return "", ""
    if cell.data_type == "f":
        return None, "Sel berisi rumus; ganti dengan nilainya (Tempel Spesial > Nilai)."
    if cell.data_type == "e":
        return None, "Sel berisi galat Excel; isi dengan nilai yang benar."
    if isinstance(value, datetime | date | time | timedelta):
        return None, (
            "Excel mengubah isian ini menjadi tanggal atau waktu; format sel sebagai Teks lalu "
            "ketik ulang nilainya seperti di dokumen."
        )
    if isinstance(value, bool):
        return None, "Nilai benar/salah (TRUE/FALSE) tidak dikenali di sini; tulis sebagai teks."
    if isinstance(value, str):
        text = value.strip()
        if kind not in ("text", "json", "notes", "info"):
            text = normalize_space(text)
        return text, ""
    if not isinstance(value, int | float):
        return None, "Isi sel tidak dikenali."
    number = _excel_number(value)
    if number is None:
        return None, (
            "Angka lebih dari 15 digit: Excel sudah membulatkannya. Format sel sebagai Teks lalu "
            "ketik ulang angkanya."
        )
    if kind == "code":
        return None, (
            "Kode terbaca sebagai angka ({}); Excel dapat menghapus angka 0 di depan atau di "
            "belakang (05 menjadi 5, 17.20 menjadi 17.2). Format sel sebagai Teks lalu ketik "
            "ulang kode seperti di dokumen.".format(plain_decimal(number))
        )
    integral = number == number.to_integral_value()
    if kind in ("key", "keys", "number", "level", "choice", "year", "int"):
        if integral:
            return str(int(number)), ""
        return None, (
            "Excel mengubah isian ini menjadi angka pecahan ({}); angka di belakang titik bisa "
            "hilang (1.10 menjadi 1.1). Format sel sebagai Teks lalu ketik ulang.".format(
                plain_decimal(number)
            )
        )
    if "%" in (cell.number_format or ""):
        return plain_decimal(number * 100).replace(".", ",") + "%", ""
    return plain_decimal(number).replace(".", ","), ""
