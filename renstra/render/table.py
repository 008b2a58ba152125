"""The neutral report table: defined once, rendered to HTML, CSV, XLSX and PDF.

A table definition (e.g. renstra.reports.tables) returns a `Table`: its columns (with a machine key,
used as the CSV header), the document's header rows with column spans, the numbered column row
("1 2 3 ..."), body rows of typed cells, total rows ("Jumlah") after them, and the signature
block printed below. Renderers never know which table they render.

Total rows are ordinary rows marked `total=True` (see `total_row`): printed bold with a rule
above in HTML, XLSX and PDF, and left out of CSV, whose rows are the items only (a consumer
summing a column of the CSV would otherwise count everything twice). A table with a "Jumlah"
per year and a grand total has two total rows; a table whose form has footer rows (the
evaluation's "rata-rata capaian", "predikat") adds them the same way.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class CellKind(StrEnum):
    """How a cell's value is shown: money and numbers are numbers, never pre-formatted text."""

    TEXT = "text"
    CODE = "code"
    MONEY = "money"
    NUMBER = "number"
    PERCENT = "percent"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: CellKind = CellKind.TEXT


@dataclass(frozen=True)
class HeaderCell:
    label: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Cell:
    """One value. `rowspan` > 1 merges it down; the rows below carry the same value with
    `covered=True`, so that flat formats (CSV) repeat it and merging formats skip it."""

    value: str | Decimal | None
    kind: CellKind = CellKind.TEXT
    rowspan: int = 1
    covered: bool = False
    note: str = ""
    # > 1 merges it right, over the next cells of its row, which are `covered` (total rows:
    # "Jumlah" over the text columns). Flat formats print the value once, in the first cell.
    colspan: int = 1


@dataclass
class Row:
    cells: list[Cell]
    style: str = ""  # "program", "activity", "indicator", ... for bold/indent in renderers
    level: int = 0
    marks: list[str] = field(default_factory=list)  # reasons the row is flagged, in Indonesian
    total: bool = False  # a total row ("Jumlah"): bold, a rule above, not in CSV


@dataclass(frozen=True)
class Signatory:
    """One signature of the block below a table: "Bontang, 7 Desember 2026", the position, room
    to sign, the name, the rank (pangkat) and "NIP. ...". `heading` names the act where a form
    has several ("Disusun", "Dievaluasi"). All texts as printed: the caller formats them."""

    position: str
    name: str
    nip: str = ""  # as printed, e.g. "19700101 199503 1 001"
    rank: str = ""
    place_date: str = ""  # "Bontang, 7 Desember 2026"
    heading: str = ""


@dataclass
class Table:
    key: str
    title: str
    subtitle: str
    columns: list[Column]
    header_rows: list[list[HeaderCell]]
    rows: list[Row]
    numbered: bool = True
    notes: list[str] = field(default_factory=list)
    # Lines printed above the table, e.g. "VISI: ..." and "MISI I: ..." of Tabel 5.1 (T-C.26).
    preamble: list[str] = field(default_factory=list)
    # Text shown in place of body rows when there are none, e.g. Tabel 7.1 of the seed:
    # "TUJUAN DAN SARAN TIDAK MASUK DALAM RPJMD".
    empty_text: str = ""
    # Printed at the top of every page, e.g. "RENSTRA BKPSDM KOTA BONTANG 2016-2021 (REVIEW)".
    running_title: str = ""
    # Printed below the table, left to right ("Disusun" left, "Dievaluasi" right); a single
    # signatory stands on the right, as Indonesian documents place it. Empty: no block.
    signatories: list[Signatory] = field(default_factory=list)

    @property
    def body_rows(self) -> list[Row]:
        """The rows of items, without total rows."""
        return [row for row in self.rows if not row.total]

    @property
    def column_numbers(self) -> list[str]:
        return [str(i) for i in range(1, len(self.columns) + 1)]


def merge_down(rows: list[Row], column: int) -> None:
    """Merge equal, adjacent values of one column into rowspans (in place), within a group.

    Rows are grouped by the identity of `Cell.value` objects the definition put there on purpose:
    a definition calls this only on rows that belong to one item.
    """
    if not rows:
        return
    first = rows[0].cells[column]
    first.rowspan = len(rows)
    for row in rows[1:]:
        row.cells[column].covered = True


def total_row(
    label: str, columns: list[Column], values: dict[int, Decimal | None], *, label_span: int = 1
) -> Row:
    """A total row: `label` ("Jumlah") merged over the first `label_span` columns, then
    `values` by column index (a value at index i with a wider merge: see `Cell.colspan`), empty
    cells elsewhere. Each cell keeps its column's kind, so money stays money in every format.

    Values are numbers, never formulas: the definition states the sum it means (a program's
    declared amount or the sum of its kegiatan), exactly, in Decimal.
    """
    cells = [Cell(label, columns[0].kind, colspan=label_span)]
    cells += [Cell(None, columns[i].kind, covered=True) for i in range(1, label_span)]
    cells += [Cell(values.get(i), columns[i].kind) for i in range(label_span, len(columns))]
    return Row(cells, style="total", total=True)


def merge_right(row: Row, column: int, span: int) -> None:
    """Merge one cell of `row` over the next `span` - 1 cells (in place)."""
    row.cells[column].colspan = span
    for cell in row.cells[column + 1 : column + span]:
        cell.covered = True
        cell.value = None
