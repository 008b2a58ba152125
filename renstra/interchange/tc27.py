"""Import of a T-C.27 table (Rencana Program, Kegiatan dan Pendanaan, Permendagri 86/2017) from
its CSV transcription: one row per tujuan, sasaran, program or kegiatan (per indicator).

Columns: level, kode, uraian, indikator, baseline, target_y1..5, rp_y1..5, target_akhir,
rp_akhir, unit_kerja, lokasi, kode_raw, src_line, note (the shape of shared/real-plans).
The rows become the same structured description the demo uses, and go into the database through
`create_version`: all of it or, when any cell is wrong, none of it.
"""

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from renstra.core.errors import CellError, ImportRejected
from renstra.core.targets import normalize_space
from renstra.interchange.plan_data import create_version
from renstra.plans.levels import BY_KEY, Level
from renstra.plans.models import Agency, Plan, PlanVersion, Region

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
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _rp(value: str, row: int, column: str, name: str, errors: list[CellError]) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        errors.append(
            CellError(
                name, row, column, text, "Rp harus angka rupiah tanpa pemisah, mis. 11566246594."
            )
        )
        return None
    if amount < 0:
        errors.append(CellError(name, row, column, text, "Rp tidak boleh negatif."))
        return None
    return text


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
        src = int(row["src_line"]) if (row.get("src_line") or "").strip().isdigit() else index
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
            amount = _rp(row.get("rp_" + col, ""), index, "rp_" + col, name, errors)
            if amount is not None:
                funding[year] = amount
        declared_total = _rp(row.get("rp_akhir", ""), index, "rp_akhir", name, errors)
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
            goals.append({"name": row["uraian"], "src": src, "objectives": []})
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
                "name": row["uraian"],
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


@transaction.atomic
def import_tc27(rows: list[dict], source: Tc27Source, *, name: str = "CSV") -> PlanVersion:
    """Create region, agency, plan and its first version from a T-C.27 table, or nothing."""
    data = plan_data_from_rows(rows, source, name=name)
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
