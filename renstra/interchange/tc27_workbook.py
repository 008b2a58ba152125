"""A T-C.27 table kept as a workbook: an .xlsx whose first sheet has the T-C.27 CSV's columns in
its first row (level, kode, uraian, ..., target_y1, rp_y1, ...), e.g. the CSV opened and saved in
Excel. It is told from the import template (renstra.interchange.workbook) by its sheets and
that header, and read with the template's safety checks and cell rules: the package is checked
before openpyxl opens it, and a cell Excel has changed (a code turned into a number, a value
into a date, a formula) is an error of that cell, never a guess.
"""

import io
import logging

from openpyxl import load_workbook

from renstra.core.errors import CellError, ImportRejected
from renstra.core.targets import normalize_space
from renstra.interchange.collections_pause import fewer_collections
from renstra.interchange.tc27_layout import is_tc27_header
from renstra.interchange.workbook_cells import cell_text
from renstra.interchange.workbook_layout import DATA_SHEETS
from renstra.interchange.workbook_package import check_package, refuse_file
from renstra.interchange.workbook_read import SheetReader

logger = logging.getLogger(__name__)
# How each column's cells are read (workbook_cells.cell_text): codes must stay text.
_KINDS = {"kode": "code", "kode_raw": "code"}


def read_tc27_workbook(data: bytes, name: str) -> tuple[list[dict], list[CellError]] | None:
    """The rows of a T-C.27 workbook by header (one per sheet row from row 2, empty rows
    included, so that a row's place in the list is its row number) and the errors of cells
    that cannot be read; None when the workbook is not a T-C.27 table (the import template, or
    anything else, which the template's reader then answers). Unsafe or unreadable files raise
    ImportRejected."""
    with fewer_collections():
        return _read(data, name)


def _read(data: bytes, name: str):
    archive = check_package(data, name)
    unreadable = "Berkas bukan buku kerja .xlsx yang utuh (rusak, terpotong, atau jenis lain)."
    try:
        workbook = load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False, keep_vba=False
        )
    except Exception as exc:  # openpyxl raises many kinds for malformed packages
        raise refuse_file(name, unreadable) from exc
    try:
        if all(sheet in workbook.sheetnames for sheet in DATA_SHEETS) or not workbook.worksheets:
            return None
        grid = SheetReader(archive, name).cells(workbook.worksheets[0])
    except ImportRejected:
        raise
    except Exception as exc:  # a malformed sheet can make the XML reader fail in many ways
        logger.warning("unreadable workbook %s", name, exc_info=True)
        raise refuse_file(name, unreadable) from exc
    finally:
        workbook.close()
    header = {}
    for column, cell in (grid.get(1) or {}).items():
        text, _reason = cell_text(cell, "text")
        header[column] = normalize_space(text or "")
    if not is_tc27_header(header.values()):
        return None
    errors: list[CellError] = []
    titles = [h for h in header.values() if h]
    for title in sorted({h for h in titles if titles.count(h) > 1}):
        errors.append(
            CellError(
                name, 1, title, title, "Judul kolom ini muncul dua kali; setiap kolom sekali."
            )
        )
    rows: list[dict] = []
    last = max(grid) if grid else 1
    for number in range(2, last + 1):
        cells = grid.get(number) or {}
        row: dict = dict.fromkeys((h for h in header.values() if h), "")
        extra = []
        for column, cell in sorted(cells.items()):
            title = header.get(column, "")
            text, reason = cell_text(cell, _KINDS.get(title, "text"))
            if text is None:
                errors.append(CellError(name, number, title, str(cell.value)[:200], reason))
                text = ""
            if title:
                row[title] = text
            elif text:
                extra.append(text)
        if extra:
            row[None] = extra
        rows.append(row)
    return rows, errors
