"""The Renstra XLSX workbook: a template to fill in, the export of any plan version in exactly
that layout, and its import as a new plan or a new draft version of an existing plan.

Sheets (renstra.interchange.workbook_layout): petunjuk (instructions), identitas, tujuan-sasaran,
strategi-kebijakan, program-kegiatan-pendanaan, indikator-target. The workbook is the plan
document of renstra.interchange.jsonio in rows: the export writes export_version(v), the import
reads the rows back into that document and hands it to the same check and the same writer as a
JSON import (jsonio.import_document); errors come back as (sheet, row, column, value, reason).

Import safety (renstra.interchange.workbook_package): size, zip-bomb and part limits, no macros,
no external links, no DTDs, checked before openpyxl opens the file; then read-only parsing with
row and column limits (LIMITS). Random, truncated or damaged files end in ImportRejected with an
Indonesian message, never another exception.
"""

import io
import logging
from datetime import date

from openpyxl import load_workbook

from renstra.core.errors import ImportRejected
from renstra.interchange.collections_pause import fewer_collections
from renstra.interchange.jsonio import export_version, import_document
from renstra.interchange.plan_schema import FORMAT, FORMAT_VERSION
from renstra.interchange.workbook_identity import read_identity
from renstra.interchange.workbook_items import (
    read_goals,
    read_indicators,
    read_programs,
    read_strategies,
)
from renstra.interchange.workbook_layout import (
    DATA_SHEETS,
    SHEET_COLUMNS,
    SHEET_GOALS,
    SHEET_GUIDE,
    SHEET_IDENTITY,
    SHEET_INDICATORS,
    SHEET_ORDER,
    SHEET_PROGRAMS,
    SHEET_STRATEGIES,
)
from renstra.interchange.workbook_package import LIMITS, check_package, refuse_file
from renstra.interchange.workbook_read import Reading, SheetReader
from renstra.interchange.workbook_write import build_workbook, owners, target_years
from renstra.plans.models import PlanVersion

__all__ = [
    "LIMITS",
    "export_workbook",
    "import_reading",
    "import_workbook",
    "read_workbook",
    "template_workbook",
]

logger = logging.getLogger(__name__)


def template_workbook(years: list[int] | None = None) -> bytes:
    """The empty workbook to fill in: instructions, identity keys, headers, lists to choose
    from and example rows. `years` are the year columns (default: the next five years)."""
    if years is None:
        first = date.today().year + 1
        years = list(range(first, first + 5))
    note = (
        "Kolom 'Pagu TTTT' dan 'Target TTTT' memuat satu tahun masing-masing; ubah tahun di "
        "judul kolom sesuai periode Renstra, tambah atau hapus kolom tahun bila perlu."
    )
    return build_workbook(None, list(years), list(years), note)


def export_workbook(version: PlanVersion) -> bytes:
    """The plan version in the template's layout, filled; importing it gives the same version."""
    data = export_version(version)
    plan_years = target_years(data["plan"])
    funding, targets = set(plan_years), set(plan_years)
    for program in data["programs"]:
        for item in [program, *program["activities"]]:
            funding.update(f["year"] for f in item["funding"])
            for sub in item.get("sub_activities", []):
                funding.update(f["year"] for f in sub["funding"])
    for owner in owners(data):
        for ind in owner["indicators"]:
            targets.update(t["year"] for t in ind["targets"])
    note = "Satu kolom per tahun; kolom tahun di luar periode muncul bila ada isinya."
    return build_workbook(data, sorted(funding), sorted(targets), note)


def import_workbook(
    data: bytes, *, revises: PlanVersion | None = None, filename: str = "", user=None
) -> PlanVersion:
    """Import a workbook of this layout as a new plan or, with `revises`, as the next draft
    version of that version's plan, revising it: all of it in one transaction, or nothing and
    ImportRejected with every error as (sheet, row, column, value, reason). Unsafe or
    unreadable files are refused the same way."""
    source = filename or "buku kerja"
    reading = read_workbook(data, filename=source)
    return import_reading(reading, revises=revises, source=source, user=user)


def import_reading(
    reading: Reading, *, revises: PlanVersion | None, source: str, user=None
) -> PlanVersion:
    """Import what read_workbook found (callers may look at reading.document first, e.g. to
    check that the user may import a plan of that agency)."""
    return import_document(
        reading.document,
        revises=revises,
        source_name=source,
        user=user,
        locate=reading.locate,
        errors=reading.errors,
        order=lambda e: (SHEET_ORDER.get(e.source, -1), e.row),
        identity_known=reading.identity_known,
    )


def read_workbook(data: bytes, *, filename: str) -> Reading:
    """The plan document a workbook holds, with every error found while reading it. Raises
    ImportRejected (one error) for a file that may not or cannot be opened as a workbook."""
    with fewer_collections():
        return _read_workbook(data, filename)


def _read_workbook(data: bytes, filename: str) -> Reading:
    archive = check_package(data, filename)
    unreadable = "Berkas bukan buku kerja .xlsx yang utuh (rusak, terpotong, atau jenis lain)."
    try:
        workbook = load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False, keep_vba=False
        )
    except Exception as exc:  # openpyxl raises many kinds for malformed packages
        raise refuse_file(filename, unreadable) from exc
    try:
        missing = [name for name in DATA_SHEETS if name not in workbook.sheetnames]
        if missing:
            raise refuse_file(
                filename,
                "Lembar {} tidak ada; gunakan templat buku kerja Renstra.".format(
                    ", ".join("'{}'".format(m) for m in missing)
                ),
            )
        reader = SheetReader(archive, filename)
        for name in workbook.sheetnames:
            if name not in DATA_SHEETS and name != SHEET_GUIDE:
                reader.error(
                    name,
                    0,
                    "",
                    "",
                    "Lembar tidak dikenal; isinya tidak akan diimpor. Pindahkan isinya ke lembar "
                    "templat atau hapus lembar ini.",
                )
        before = len(reader.errors)
        identity = read_identity(reader, workbook[SHEET_IDENTITY])
        identity_known = len(reader.errors) == before
        sheets = {}
        for name in DATA_SHEETS[1:]:
            sheets[name] = reader.rows(workbook[name], SHEET_COLUMNS[name])
        goals = read_goals(reader, sheets[SHEET_GOALS])
        read_strategies(reader, sheets[SHEET_STRATEGIES])
        programs = read_programs(reader, sheets[SHEET_PROGRAMS])
        read_indicators(reader, sheets[SHEET_INDICATORS])
        for program in programs:
            for activity in program["activities"]:
                if activity.get("program_indicator") in reader.broken:
                    activity["program_indicator"] = None
    except ImportRejected:
        raise
    except Exception as exc:  # a malformed sheet can make the XML reader fail in many ways
        logger.warning("unreadable workbook %s", filename, exc_info=True)
        raise refuse_file(filename, unreadable) from exc
    finally:
        workbook.close()
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        **identity,
        "goals": goals,
        "programs": programs,
    }
    return Reading(document, reader.errors, reader.where, identity_known)
