"""Import of a T-C.27 table (Rencana Program, Kegiatan dan Pendanaan, Permendagri 86/2017) from
its CSV transcription: one row per tujuan, sasaran, program or kegiatan (per indicator).

Columns: level, kode, uraian, indikator, baseline, target_y1..5, rp_y1..5, target_akhir,
rp_akhir, unit_kerja, lokasi, kode_raw, src_line, note (the shape of shared/real-plans).
The rows become the same structured description the demo uses, and go into the database through
`create_version`: all of it or, when any cell is wrong, none of it.

Any bytes may arrive (`import_tc27_file`): a file that is too large, not UTF-8 or not CSV, more
than MAX_ROWS rows, and every cell that its column could not store (too long, a number too large
or with more decimals than its column keeps, a unit longer than a target's) are refused with
ImportRejected, one error per cell.
"""

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from renstra.core.errors import CellError, ImportRejected, refused_while_writing
from renstra.core.targets import normalize_space
from renstra.interchange.plan_checker import MAX_TEXT, Checker
from renstra.interchange.plan_data import create_version
from renstra.plans.levels import BY_KEY, Level
from renstra.plans.models import (
    Activity,
    Agency,
    Funding,
    Indicator,
    Plan,
    PlanVersion,
    Program,
    Region,
    Target,
    Unit,
)
from renstra.plans.services import target_fields

# The CSV's own words in its level column, and the level of the cascade each stands for
# (renstra.plans.levels); a bidang urusan row has no level in the model and is kept verbatim.
URUSAN = "bidang_urusan"
ROW_LEVELS: dict[str, Level | None] = {
    "tujuan": BY_KEY["tujuan"],
    "sasaran": BY_KEY["sasaran"],
    "program": BY_KEY["program"],
    "kegiatan": BY_KEY["kegiatan"],
    "subkegiatan": BY_KEY["sub_kegiatan"],
    URUSAN: None,
}
YEAR_COLUMNS = ("y1", "y2", "y3", "y4", "y5")
# A T-C.27 table has a row per item and per further indicator: the real ones have a few dozen
# rows. It is written item by item (create_version, about 10 ms a row), so 1,000 rows take some
# 10 s; a larger table is no single agency's.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 1000
# Rp as the table writes it: whole rupiah without separators, or with '.' and at most two
# decimals (11566246594, 1500.50): what parse_amount reads as the same number.
_RP = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")
# The model field each column is stored in, for its length.
COLUMN_FIELDS = {
    "kode": (Program, "code"),
    "kode_raw": (Program, "code_raw"),
    "uraian": (Program, "name"),
    "indikator": (Indicator, "name"),
    "baseline": (Indicator, "baseline_raw"),
    "target_akhir": (Indicator, "end_target_raw"),
    "unit_kerja": (Unit, "name"),
    "lokasi": (Activity, "location"),
    "note": (Program, "note"),
    "rp_akhir": (Program, "declared_total_raw"),
    **{"target_" + col: (Target, "raw_text") for col in YEAR_COLUMNS},
    **{"rp_" + col: (Funding, "raw_text") for col in YEAR_COLUMNS},
}


@dataclass(frozen=True)
class Tc27Source:
    """Who and when a T-C.27 table belongs to: what the table itself does not say in its rows."""

    region: str
    region_kind: str
    agency_name: str
    agency_short_name: str
    title: str
    years: dict[str, int]  # year column ("y1") -> calendar year, only the columns printed
    code_scheme: str = "pmdn90"
    label: str = "Renstra"
    source: str = ""


def read_rows(path: Path) -> list[dict]:
    path = Path(path)
    return rows_from_bytes(path.read_bytes(), path.name)


def rows_from_bytes(data: bytes, name: str = "CSV") -> list[dict]:
    """The rows of a T-C.27 CSV file (UTF-8, with or without BOM) by header, or ImportRejected
    saying why the file cannot be read."""

    def refuse(reason: str) -> ImportRejected:
        return ImportRejected([CellError(name, 0, "", "", reason)])

    if len(data) > MAX_BYTES:
        raise refuse("Berkas lebih dari {} MB.".format(MAX_BYTES // 1024 // 1024))
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse("Berkas bukan teks UTF-8; simpan ulang sebagai CSV UTF-8.") from exc
    if "\x00" in text:
        raise refuse("Berkas bukan teks CSV.")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    try:
        for row in reader:
            if len(rows) == MAX_ROWS:
                raise refuse("Lebih dari {} baris; bagi tabelnya.".format(MAX_ROWS))
            rows.append(row)
    except csv.Error as exc:
        raise refuse(
            "CSV tidak dapat dibaca di baris {}: {}.".format(reader.line_num, exc)
        ) from exc
    if not rows:
        raise refuse("Berkas tidak berisi baris tabel T-C.27.")
    return rows


def import_tc27_file(data: bytes, source: "Tc27Source", *, name: str = "CSV") -> PlanVersion:
    """Import a T-C.27 CSV file given as bytes: all of it, or ImportRejected and nothing."""
    return import_tc27(rows_from_bytes(data, name), source, name=name)


def _rp(
    value: str, row: int, column: str, name: str, errors: list[CellError], bad: set
) -> str | None:
    text = (value or "").strip()
    if not text or column in bad:  # a cell too long for its column is reported once
        return None
    if text.startswith("-") and _RP.match(text[1:]):
        errors.append(CellError(name, row, column, text, "Rp tidak boleh negatif."))
        return None
    if not _RP.match(text):
        errors.append(
            CellError(
                name, row, column, text, "Rp harus angka rupiah tanpa pemisah, mis. 11566246594."
            )
        )
        return None
    checker = Checker()
    field = Funding._meta.get_field("amount")
    if not checker.fits(Decimal(text), (), text, field.max_digits, field.decimal_places):
        errors.append(CellError(name, row, column, text, checker.problems[0].reason))
        return None
    return text


def _cells(row: dict, index: int, name: str, source_ref: str, errors: list[CellError]) -> set:
    """An error for each cell of the row that does not fit the field it is stored in: lengths,
    and the numbers and units of targets and baselines. Returns the columns with an error."""
    bad = set()
    for column, value in row.items():
        if not isinstance(value, str):
            continue  # cells beyond the header (restkey) are kept verbatim, never parsed
        model, field_name = COLUMN_FIELDS.get(column, (None, None))
        limit = model._meta.get_field(field_name).max_length if model else None
        text = normalize_space(value) if model else value
        if len(text) > (limit or MAX_TEXT):
            bad.add(column)
            errors.append(
                CellError(
                    name,
                    index,
                    str(column),
                    text,
                    "Terlalu panjang: {} karakter, paling banyak {}.".format(
                        len(text), limit or MAX_TEXT
                    ),
                )
            )
        elif model in (Target, Indicator) and field_name != "name" and text:
            for reason in _target_problems(text):
                bad.add(column)
                errors.append(CellError(name, index, str(column), text, reason))
    if len(source_ref) > Indicator._meta.get_field("source_ref").max_length:
        errors.append(
            CellError(
                name,
                index,
                "src_line",
                source_ref,
                "Rujukan sumber '{}' lebih dari 100 karakter; perpendek nama berkasnya.".format(
                    source_ref[:40]
                ),
            )
        )
    return bad


def _target_problems(text: str) -> list[str]:
    """Why a target (or baseline) text cannot be stored as its parse: a number beyond the
    value's digits, a unit longer than a target keeps."""
    checker = Checker()
    fields = target_fields(text)
    value = Target._meta.get_field("value")
    numbers = [fields["value"]] + [Decimal(part["value"]) for part in fields["components"]]
    for number in numbers:
        if number is not None:
            checker.fits(number, (), text, value.max_digits, value.decimal_places)
    if len(fields["unit"]) > Target._meta.get_field("unit").max_length:
        checker.problem((), text, "Satuan yang tertulis lebih dari 100 karakter; pisahkan uraian.")
    return [p.reason for p in checker.problems[:1]]


def _indicator(row: dict, years: dict[str, int], src: int) -> dict | None:
    name = normalize_space(row.get("indikator") or "")
    if not name:
        return None
    targets = {}
    for col, year in years.items():
        text = normalize_space(row.get("target_" + col) or "")
        if text:
            targets[year] = text
    return {
        "name": name,
        "baseline": normalize_space(row.get("baseline") or ""),
        "end_target": normalize_space(row.get("target_akhir") or ""),
        "targets": targets,
        "src": src,
    }


def plan_data_from_rows(rows: list[dict], source: Tc27Source, *, name: str = "CSV") -> dict:
    """The version description of a T-C.27 table. Raises ImportRejected with every bad cell."""
    errors: list[CellError] = []
    goals: list[dict] = []
    programs: list[dict] = []
    unplaced: list[dict] = []
    objective_number = 0
    current = {"sasaran": None, "program": None, "kegiatan": None}
    for index, row in enumerate(rows, start=2):  # row 1 is the header
        word = (row.get("level") or "").strip()
        line = (row.get("src_line") or "").strip()
        # Only a plain line number is one: not '²' (a digit to str.isdigit), nor 5,000 digits.
        src = int(line) if line.isascii() and line.isdigit() and len(line) <= 9 else index
        bad = _cells(row, index, name, "{}:{}".format(name, src), errors)
        if word not in ROW_LEVELS:
            errors.append(
                CellError(
                    name,
                    index,
                    "level",
                    word,
                    "Tingkat harus salah satu dari: {}.".format(", ".join(ROW_LEVELS)),
                )
            )
            continue
        level = ROW_LEVELS[word].key if ROW_LEVELS[word] else None
        funding = {}
        for col, year in source.years.items():
            amount = _rp(row.get("rp_" + col, ""), index, "rp_" + col, name, errors, bad)
            if amount is not None:
                funding[year] = amount
        declared_total = _rp(row.get("rp_akhir", ""), index, "rp_akhir", name, errors, bad)
        further = (row.get("note") or "").startswith("further indicator")
        indicator = _indicator(row, source.years, src)
        if level is None or (further and (funding or declared_total)):
            # No place in the model yet for an urusan row or Rp on an extra indicator row: kept verbatim.
            unplaced.append(
                {"row": index, "reason": "baris {} disimpan apa adanya".format(word), **row}
            )
            if level is None:
                continue
        if level == "tujuan":
            goals.append({"name": row.get("uraian") or "", "src": src, "objectives": []})
            continue
        if level == "sasaran":
            if not goals:
                goals.append(
                    {"name": "", "src": src, "objectives": [], "note": "Tujuan tidak tercetak."}
                )
            if further and current["sasaran"] is not None:
                if indicator:
                    current["sasaran"]["indicators"].append(indicator)
                continue
            objective_number += 1
            objective = {
                "number": str(objective_number),
                "name": row.get("uraian") or "",
                "src": src,
                "indicators": [indicator] if indicator else [],
            }
            if funding or declared_total:
                unplaced.append(
                    {"row": index, "reason": "pagu pada baris sasaran disimpan apa adanya", **row}
                )
            goals[-1]["objectives"].append(objective)
            current["sasaran"] = objective
            continue
        item = {
            "code": row.get("kode") or "",
            "code_raw": row.get("kode_raw") or "",
            "name": row.get("uraian") or "",
            "src": src,
            "note": row.get("note") or "",
            "unit": row.get("unit_kerja") or "",
            "indicators": [indicator] if indicator else [],
        }
        if level == "program":
            if further and current["program"] is not None:
                if indicator:
                    current["program"]["indicators"].append(indicator)
                continue
            item.update(
                funding=funding,
                declared_total=declared_total,
                objectives=[current["sasaran"]["number"]] if current["sasaran"] else [],
                activities=[],
            )
            programs.append(item)
            current["program"] = item
        elif level == "kegiatan":
            if current["program"] is None:
                errors.append(
                    CellError(
                        name,
                        index,
                        "level",
                        word,
                        "Kegiatan muncul sebelum programnya; letakkan di bawah baris program.",
                    )
                )
                continue
            if further and current["kegiatan"] is not None:
                if indicator:
                    current["kegiatan"]["indicators"].append(indicator)
                continue
            item.update(
                funding=funding, declared_total=declared_total, location=row.get("lokasi") or ""
            )
            current["program"]["activities"].append(item)
            current["kegiatan"] = item
        else:
            errors.append(
                CellError(
                    name, index, "level", word, "Sub kegiatan belum dapat diimpor dari tabel ini."
                )
            )
    if errors:
        raise ImportRejected(errors)
    return {
        "number": 1,
        "label": source.label,
        "source": source.source,
        "goals": goals,
        "programs": programs,
        "unplaced_rows": unplaced,
    }


def import_tc27(rows: list[dict], source: Tc27Source, *, name: str = "CSV") -> PlanVersion:
    """Create region, agency, plan and its first version from a T-C.27 table, or nothing."""
    data = plan_data_from_rows(rows, source, name=name)
    try:
        with transaction.atomic():
            return _create(data, source, name)
    except (DatabaseError, ValidationError) as exc:
        # Every cell is checked before writing; this is the last guard, not the way errors are
        # meant to be found.
        raise refused_while_writing(name, exc, "Basis data menolak data ini") from exc


def _create(data: dict, source: Tc27Source, name: str) -> PlanVersion:
    region, _ = Region.objects.get_or_create(
        name=source.region, defaults={"kind": source.region_kind}
    )
    agency, _ = Agency.objects.get_or_create(
        region=region, short_name=source.agency_short_name, defaults={"name": source.agency_name}
    )
    years = sorted(source.years.values())
    plan = Plan.objects.create(
        agency=agency,
        title=source.title,
        period_start=years[0],
        period_end=years[-1],
        baseline_year=years[0] - 1,
        code_scheme=source.code_scheme,
    )
    return create_version(plan=plan, data=data, source=name)
