"""Any spreadsheet a planner brings, as a grid of cells: one sheet of an .xlsx or a .csv file,
for the column-mapping step of the import (renstra.interchange.column_mapping).

A workbook is read with the template's safety checks and cell rules (the package is checked
before openpyxl opens it; merged cells are filled in; a cell Excel has changed is an error of
that cell when it is read, never a guess). A CSV is read as the T-C.27 CSV is: UTF-8, with or
without BOM, separated by ',' or ';'.

`needs_mapping` tells the import page which uploads take the mapping step: a .csv or .xlsx that
is neither the import template nor a T-C.27 table (its header in the first row of the first
sheet). Anything it cannot read goes the usual way, whose task says why.
"""

import csv
import io
import logging
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from renstra.core.errors import CellError, ImportRejected
from renstra.core.targets import normalize_space
from renstra.interchange.collections_pause import fewer_collections
from renstra.interchange.tc27 import MAX_BYTES, csv_text
from renstra.interchange.tc27_layout import is_tc27_header
from renstra.interchange.workbook_cells import Cell, cell_text
from renstra.interchange.workbook_layout import DATA_SHEETS, SHEET_GUIDE
from renstra.interchange.workbook_package import LIMITS, check_package, refuse_file
from renstra.interchange.workbook_read import SheetReader

logger = logging.getLogger(__name__)
# Where a header row is looked for, and how many rows a header may span (two where a merged
# "Tahun 2021" stands over "Target" and "Rp").
HEADER_SEARCH_ROWS = 30
MAX_HEADER_ROWS = 3
UNREADABLE = "Berkas bukan buku kerja .xlsx yang utuh (rusak, terpotong, atau jenis lain)."


@dataclass
class SheetGrid:
    """The non-empty cells of one sheet ({row: {column: Cell}}, both from 1), the names of the
    workbook's sheets ([] for a CSV) and the one read ("" for a CSV)."""

    name: str
    sheets: list[str]
    sheet: str
    cells: dict[int, dict[int, Cell]]
    is_csv: bool = False

    @property
    def last_row(self) -> int:
        return max(self.cells, default=0)

    def width(self, first: int = 1) -> int:
        return max((max(cols) for row, cols in self.cells.items() if row >= first), default=0)

    def text(self, row: int, column: int, kind: str = "text") -> tuple[str | None, str]:
        """The cell as text, or (None, reason) for a cell Excel has changed (workbook_cells)."""
        cell = self.cells.get(row, {}).get(column)
        if cell is None:
            return "", ""
        if self.is_csv:  # a CSV's text is kept as written, as the T-C.27 CSV's
            return cell.value, ""
        return cell_text(cell, kind)

    def shown(self, row: int, column: int) -> str:
        """The cell as a person should see it on a page, also when it cannot be read."""
        text, _reason = self.text(row, column)
        cell = self.cells.get(row, {}).get(column)
        return text if text is not None else str(cell.value)[:200]

    @property
    def where(self) -> str:
        """How errors name the place: the file, and the sheet of a workbook."""
        return "{}, lembar {}".format(self.name, self.sheet) if self.sheet else self.name


def letter(column: int) -> str:
    return get_column_letter(column)


def read_grid(data: bytes, name: str, sheet: str = "") -> SheetGrid:
    """The grid of `sheet` (default: the first) of a workbook, or of a CSV file; ImportRejected
    with one error for a file that cannot or may not be read."""
    if len(data) > MAX_BYTES:
        raise refuse_file(name, "Berkas lebih dari {} MB.".format(MAX_BYTES // 1024 // 1024))
    if name.lower().endswith(".csv"):
        return _csv_grid(data, name)
    with fewer_collections():
        return _xlsx_grid(data, name, sheet)


def _csv_grid(data: bytes, name: str) -> SheetGrid:
    text, delimiter = csv_text(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    cells: dict[int, dict[int, Cell]] = {}
    try:
        for number, values in enumerate(reader, start=1):
            if number > LIMITS.max_data_rows:
                raise refuse_file(
                    name, "Lebih dari {} baris; bagi tabelnya.".format(LIMITS.max_data_rows)
                )
            if len(values) > LIMITS.max_columns:
                raise refuse_file(
                    name,
                    "Baris {} berisi lebih dari {} kolom.".format(number, LIMITS.max_columns),
                )
            row = {c: Cell(v) for c, v in enumerate(values, start=1) if v.strip()}
            if row:
                cells[number] = row
    except csv.Error as exc:
        raise refuse_file(
            name, "CSV tidak dapat dibaca di baris {}: {}.".format(reader.line_num, exc)
        ) from exc
    return SheetGrid(name, [], "", cells, is_csv=True)


def _xlsx_grid(data: bytes, name: str, sheet: str) -> SheetGrid:
    archive = check_package(data, name)
    try:
        workbook = load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False, keep_vba=False
        )
    except Exception as exc:  # openpyxl raises many kinds for malformed packages
        raise refuse_file(name, UNREADABLE) from exc
    try:
        sheets = [ws.title for ws in workbook.worksheets]
        if not sheets:
            raise refuse_file(name, "Buku kerja tidak berisi lembar kerja.")
        chosen = sheet if sheet in sheets else sheets[0]
        cells = SheetReader(archive, name).cells(workbook[chosen])
    except ImportRejected:
        raise
    except Exception as exc:  # a malformed sheet can make the XML reader fail in many ways
        logger.warning("unreadable workbook %s", name, exc_info=True)
        raise refuse_file(name, UNREADABLE) from exc
    finally:
        workbook.close()
    return SheetGrid(name, sheets, chosen, cells)


def needs_mapping(data: bytes, name: str) -> bool:
    """Whether an upload takes the column-mapping step: a .csv or .xlsx that is neither the
    import template (a workbook with any of its sheets) nor a T-C.27 table. Files that cannot
    be read are left to the import task, which says why."""
    lower = name.lower()
    if len(data) > MAX_BYTES or not lower.endswith((".csv", ".xlsx")):
        return False
    try:
        if lower.endswith(".xlsx") and _is_template(data, name):
            return False
        grid = read_grid(data, name)
    except ImportRejected:
        return False
    if not grid.cells:  # an empty first sheet: the table may be on another
        return len(grid.sheets) > 1
    return not is_tc27_header(header_labels(grid, 1, 1))


def _is_template(data: bytes, name: str) -> bool:
    check_package(data, name)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for malformed packages
        raise refuse_file(name, UNREADABLE) from exc
    try:
        return any(s in workbook.sheetnames for s in (*DATA_SHEETS, SHEET_GUIDE))
    finally:
        workbook.close()


def default_header_row(grid: SheetGrid) -> int:
    """The first row with two different texts at least: a title merged across the columns
    above the table is one text (merged cells are filled in), so it is passed over."""
    rows = sorted(grid.cells)[:HEADER_SEARCH_ROWS]
    for row in rows:
        texts = {grid.shown(row, c) for c in grid.cells[row]}
        if len(texts - {""}) >= 2:
            return row
    return rows[0] if rows else 1


def header_labels(grid: SheetGrid, header_row: int, header_rows: int) -> list[str]:
    """The title of each column, from column A to the last column that holds anything: the
    texts of its header rows top to bottom, a text repeated by a merged cell said once."""
    width = grid.width(header_row)
    labels = []
    for column in range(1, width + 1):
        parts: list[str] = []
        for row in range(header_row, header_row + header_rows):
            text = normalize_space(grid.shown(row, column))
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        labels.append(" ".join(parts))
    return labels


def column_name(labels: list[str], column: int) -> str:
    """How a page and an error name a column of the file: its title and its letter."""
    title = labels[column - 1] if column <= len(labels) else ""
    if not title:
        return "kolom {} (tanpa judul)".format(letter(column))
    return "{} (kolom {})".format(title, letter(column))


def bad_cell(grid: SheetGrid, row: int, column: int, reason: str, label: str) -> CellError:
    cell = grid.cells.get(row, {}).get(column)
    return CellError(grid.where, row, label, "" if cell is None else str(cell.value), reason)
