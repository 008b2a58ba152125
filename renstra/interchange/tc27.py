"""Import of a T-C.27 table (Rencana Program, Kegiatan dan Pendanaan, Permendagri 86/2017) from
its CSV transcription, or from a workbook whose first sheet has the same columns
(renstra.interchange.tc27_workbook): one row per tujuan, sasaran, program, kegiatan or sub
kegiatan, and per further indicator.

Columns: level, kode, uraian, indikator, satuan, kelompok_sasaran, baseline, target_y1..N,
rp_y1..N, target_akhir, rp_akhir, unit_kerja, lokasi, and the transcriptions' satuan_derived,
kode_raw, src_line, note (the shape of shared/real-plans; any of them but level and uraian may
be left out). The table does not say whose it is nor which calendar year its year columns are:
that is the Tc27Source, given by the command's options or the import page's form, or taken from
the plan a new draft revises.

The rows become the plan document of renstra.interchange.jsonio (renstra.interchange.
tc27_document) and go through the same check and the same writer as a JSON or workbook import
(jsonio.import_document): all of it in one transaction or, when any cell is wrong, nothing, and
ImportRejected with every error as (file, row, column, value, reason).

Any bytes may arrive (`import_tc27_file`): a file that is too large, not UTF-8 or not CSV, or
has more than MAX_ROWS rows is refused with one error.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from renstra.core.errors import CellError, ImportRejected
from renstra.core.indicator_names import UNNAMED_MARK
from renstra.interchange.jsonio import import_document
from renstra.interchange.tc27_document import Tc27Builder, Tc27Reading
from renstra.interchange.tc27_layout import year_columns
from renstra.interchange.tc27_workbook import read_tc27_workbook
from renstra.plans.choices import CodeScheme
from renstra.plans.levels import CODE_FORMATS
from renstra.plans.models import Agency, Indicator, PlanVersion

# A T-C.27 table has a row per item and per further indicator: the real ones have a few dozen
# rows; a table of more than 1,000 rows is no single agency's.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 1000
DEFAULT_LABEL = "Impor tabel T-C.27"
# How errors of the table's identity (not in its rows) name the place to correct them: the
# import page's fields and the command's options say the same words.
IDENTITY_LABELS = {
    ("region",): "Pemda",
    ("region", "name"): "Pemda",
    ("region", "kind"): "jenis Pemda",
    ("agency",): "Perangkat Daerah",
    ("agency", "name"): "Perangkat Daerah",
    ("agency", "short_name"): "singkatan Perangkat Daerah",
    ("plan",): "periode",
    ("plan", "title"): "judul Renstra",
    ("plan", "period_start"): "periode",
    ("plan", "period_end"): "periode",
    ("plan", "baseline_year"): "tahun kondisi awal",
    ("plan", "code_scheme"): "skema kode",
    ("version",): "",
    ("version", "label"): "label versi",
}


@dataclass(frozen=True)
class Tc27Source:
    """Who and when a T-C.27 table belongs to: what the table itself does not say in its rows.

    `years`: the calendar year of each year column ("y1" -> 2021), for a table that prints only
    some years of its period; None: the columns are the plan's target years in order (the year
    after the baseline year, or the period's first year, onwards). `period`: (first, last year);
    None: from `years`. `baseline_year`: None is the year before the period (Sumedang 2019-2023
    has its baseline in 2018; Bontang 2016-2021 counts 2016 as its baseline). `code_scheme`: ""
    is chosen from the codes (detect_code_scheme)."""

    region: str
    region_kind: str
    agency_name: str
    agency_short_name: str
    title: str
    years: dict[str, int] | None = None
    code_scheme: str = ""
    label: str = DEFAULT_LABEL
    source: str = ""
    period: tuple[int, int] | None = None
    baseline_year: int | None = None

    @property
    def period_years(self) -> tuple[int, int]:
        if self.period is not None:
            return self.period
        values = sorted((self.years or {}).values())
        return values[0], values[-1]

    @property
    def baseline(self) -> int:
        return self.period_years[0] - 1 if self.baseline_year is None else self.baseline_year

    def year_map(self, header) -> dict[int, int]:
        """Year column number -> calendar year, for the year columns of `header`."""
        if self.years is not None:
            return {int(col.lstrip("y")): year for col, year in self.years.items()}
        start, end = self.period_years
        target_years = list(range(max(self.baseline + 1, start), end + 1))
        present = sorted(year_columns(header))
        return {n: target_years[n - 1] for n in present if n <= len(target_years)}


def source_of_version(version: PlanVersion, *, years: dict[str, int] | None = None) -> Tc27Source:
    """The source of a table imported as a new draft of `version`'s plan: its plan's identity."""
    plan = version.plan
    agency = plan.agency
    return Tc27Source(
        region=agency.region.name,
        region_kind=agency.region.kind,
        agency_name=agency.name,
        agency_short_name=agency.short_name,
        title=plan.title,
        years=years,
        code_scheme=plan.code_scheme,
        label=version.label,
        period=(plan.period_start, plan.period_end),
        baseline_year=plan.baseline_year,
    )


def read_rows(path: Path) -> list[dict]:
    path = Path(path)
    return rows_from_bytes(path.read_bytes(), path.name)


def _refuse(name: str, reason: str) -> ImportRejected:
    return ImportRejected([CellError(name, 0, "", "", reason)])


def csv_text(data: bytes, name: str) -> tuple[str, str]:
    """(text, delimiter) of an uploaded CSV file: UTF-8 with or without BOM, separated by ','
    or ';' (whichever its first line has more of); ImportRejected saying why a file is not."""
    if len(data) > MAX_BYTES:
        raise _refuse(name, "Berkas lebih dari {} MB.".format(MAX_BYTES // 1024 // 1024))
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(name, "Berkas bukan teks UTF-8; simpan ulang sebagai CSV UTF-8.") from exc
    if "\x00" in text:
        raise _refuse(name, "Berkas bukan teks CSV.")
    first = text.split("\n", 1)[0]
    return text, ";" if first.count(";") > first.count(",") else ","


def rows_from_bytes(data: bytes, name: str = "CSV") -> list[dict]:
    """The rows of a T-C.27 CSV file (csv_text) by header, or ImportRejected saying why the
    file cannot be read."""
    text, delimiter = csv_text(data, name)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        header = [h.strip() for h in reader.fieldnames or []]
        twice = sorted({h for h in header if h and header.count(h) > 1})
        if twice:
            raise _refuse(
                name,
                "Judul kolom {} muncul lebih dari sekali; setiap kolom hanya sekali.".format(
                    ", ".join("'{}'".format(h) for h in twice)
                ),
            )
        reader.fieldnames = header
        for row in reader:
            if len(rows) == MAX_ROWS:
                raise _refuse(name, "Lebih dari {} baris; bagi tabelnya.".format(MAX_ROWS))
            rows.append(row)
    except csv.Error as exc:
        raise _refuse(
            name, "CSV tidak dapat dibaca di baris {}: {}.".format(reader.line_num, exc)
        ) from exc
    if not any(_filled(row) for row in rows):
        raise _refuse(name, "Berkas tidak berisi baris tabel T-C.27.")
    return rows


def _filled(row: dict) -> bool:
    return bool(row.get(None)) or any(isinstance(v, str) and v.strip() for v in row.values())


@dataclass
class Tc27File:
    """A T-C.27 table read from a file: its rows (the first is the file's row 2) and the cells
    that could not be read."""

    name: str
    rows: list[dict]
    errors: list[CellError]


def read_tc27_file(data: bytes, name: str) -> Tc27File | None:
    """The T-C.27 table of a .csv file, or of an .xlsx whose first sheet has the T-C.27 columns;
    None for an .xlsx that is not such a table (the import template). Unreadable files raise
    ImportRejected."""
    if not name.lower().endswith(".xlsx"):
        return Tc27File(name, rows_from_bytes(data, name), [])
    found = read_tc27_workbook(data, name)
    if found is None:
        return None
    rows, errors = found
    if not any(_filled(row) for row in rows):
        raise _refuse(name, "Berkas tidak berisi baris tabel T-C.27.")
    return Tc27File(name, rows, errors)


def detect_code_scheme(codes: dict[str, list[str]]) -> str:
    """The code scheme the codes of a table follow: the national scheme whose shapes (DOMAIN.md
    §5) at least half of them have, the one most of them have; else a scheme without shapes
    (an agency's local codes) where the system has one; else Permendagri 90/2019."""
    pairs = [(level, code) for level, values in codes.items() for code in values]
    best, best_count = CodeScheme.PERMENDAGRI_90_2019.value, -1
    for scheme, shapes in CODE_FORMATS.items():
        count = sum(1 for level, code in pairs if level in shapes and shapes[level][0].match(code))
        if count > best_count:
            best, best_count = str(scheme), count
    if pairs and best_count * 2 >= len(pairs):
        return best
    unshaped = [value for value in CodeScheme.values if value not in CODE_FORMATS]
    if pairs and unshaped:
        return unshaped[0]
    return CodeScheme.PERMENDAGRI_90_2019.value


def _identity(source: Tc27Source, revises: PlanVersion | None) -> dict:
    agency = revises.plan.agency if revises is not None else None
    if agency is None:
        agency = Agency.objects.filter(
            region__name=source.region, short_name=source.agency_short_name
        ).first()
    start, end = source.period_years
    plan = {
        "title": source.title,
        "period_start": start,
        "period_end": end,
        "baseline_year": source.baseline,
        "code_scheme": source.code_scheme,
    }
    edition = getattr(revises.plan, "nomenclature_edition", None) if revises else None
    if edition is not None:  # a plan that names the edition of its nomenclature keeps it
        plan["nomenclature_edition"] = edition.name
    return {
        "region": {"name": source.region, "kind": source.region_kind},
        # A table names its agency, never the agency's former names or code: those of the
        # agency the system holds are kept, so that they are not taken for a difference.
        "agency": {
            "name": source.agency_name,
            "short_name": source.agency_short_name,
            "former_names": list(agency.former_names) if agency else [],
            "code": agency.code if agency else "",
        },
        "regional_plan": None,
        "plan": plan,
        "version": {"number": 1, "label": source.label, "source": source.source},
    }


def read_tc27(
    rows: list[dict],
    source: Tc27Source,
    *,
    name: str = "CSV",
    revises: PlanVersion | None = None,
    errors: list[CellError] = (),
    first_row: int = 2,
    kept=(),
) -> Tc27Reading:
    """The plan document of a table's rows (the first is the file's row `first_row`, 2 below a
    header in row 1), with every error found reading them, and `errors` found before (cells a
    workbook reader could not read). `kept`: columns without a T-C.27 field whose cells are
    kept verbatim in the version's unplaced_rows (renstra.interchange.column_mapping)."""
    header = [h for h in (rows[0].keys() if rows else ()) if h is not None]
    builder = Tc27Builder(
        name, header, source.year_map(header), _identity(source, revises), IDENTITY_LABELS, kept
    )
    builder.errors.extend(errors)
    for index, row in enumerate(rows, start=first_row):
        builder.add(index, row)
    reading = builder.reading()
    plan = reading.document["plan"]
    if not plan["code_scheme"]:
        plan["code_scheme"] = detect_code_scheme(reading.codes)
    if not reading.document["version"]["source"]:
        reading.document["version"]["source"] = "Tabel T-C.27 dari berkas {}".format(name)
    return reading


def import_reading(
    reading: Tc27Reading, *, revises: PlanVersion | None = None, user=None
) -> PlanVersion:
    """Check and write what read_tc27 made, as a new plan or, with `revises`, as the next draft
    of that version's plan: all of it, or ImportRejected with every error and nothing."""
    return import_document(
        reading.document,
        revises=revises,
        source_name=reading.name,
        user=user,
        locate=reading.locate,
        errors=reading.errors,
        order=lambda e: e.row,
    )


def import_tc27_table(
    table: Tc27File, source: Tc27Source, *, revises: PlanVersion | None = None, user=None
) -> PlanVersion:
    """Import a table read by read_tc27_file (see import_tc27)."""
    reading = read_tc27(table.rows, source, name=table.name, revises=revises, errors=table.errors)
    return import_reading(reading, revises=revises, user=user)


def import_tc27(
    rows: list[dict],
    source: Tc27Source,
    *,
    name: str = "CSV",
    revises: PlanVersion | None = None,
    user=None,
) -> PlanVersion:
    """Import a T-C.27 table's rows: a new plan of the source's region and agency (both created
    when the system has none of that name) or the next draft of `revises`' plan."""
    reading = read_tc27(rows, source, name=name, revises=revises)
    return import_reading(reading, revises=revises, user=user)


def import_tc27_file(
    data: bytes,
    source: Tc27Source,
    *,
    name: str = "CSV",
    revises: PlanVersion | None = None,
    user=None,
) -> PlanVersion:
    """Import a T-C.27 CSV file given as bytes: all of it, or ImportRejected and nothing."""
    return import_tc27(rows_from_bytes(data, name), source, name=name, revises=revises, user=user)


def import_notes(version: PlanVersion) -> list[str]:
    """What a person should know of an import that was accepted: the indicators named from
    their rows because the source prints no name, and the source rows kept verbatim because the
    plan has no place for them (one line each; the checker lists both as findings)."""
    notes = []
    unnamed = list(
        Indicator.objects.filter(version=version, name__endswith=UNNAMED_MARK)
        .order_by("pk")
        .values_list("name", flat=True)
    )
    if unnamed:
        notes.append(
            "{} indikator tanpa nama di sumber dinamai dari barisnya (temuan pemeriksaan "
            "'Indikator tanpa nama'):".format(len(unnamed))
        )
        notes += ["  {}".format(name) for name in unnamed]
    rows = [entry for entry in version.unplaced_rows or [] if isinstance(entry, dict)]
    if rows:
        notes.append(
            "{} baris sumber disimpan apa adanya karena Renstra belum punya tempatnya (temuan "
            "pemeriksaan 'Baris sumber tanpa tempat di Renstra'):".format(len(rows))
        )
        for entry in rows:
            words = (entry.get("level"), entry.get("kode"), entry.get("uraian"))
            notes.append(
                "  baris {}: {}: {}".format(
                    entry.get("row"),
                    " ".join(str(w) for w in words if w),
                    entry.get("reason") or "",
                )
            )
    return notes
