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

from dataclasses import dataclass, field, replace
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
    # For print (PDF): groups of column indexes printed as parts side by side, each on its own
    # pages and each repeating the key columns it lists (see renstra.render.renderers.pdf).
    # Empty: the table prints whole.
    print_parts: list[list[int]] = field(default_factory=list)
    # The numbers of the numbered column row when they are not 1..n (a part of a wider table
    # keeps the numbers of the form's columns).
    numbers: list[str] = field(default_factory=list)

    @property
    def body_rows(self) -> list[Row]:
        """The rows of items, without total rows."""
        return [row for row in self.rows if not row.total]

    @property
    def column_numbers(self) -> list[str]:
        return self.numbers or [str(i) for i in range(1, len(self.columns) + 1)]


def header_positions(table: "Table") -> list[list[tuple[int, HeaderCell]]]:
    """Per header row, (first column, cell) of each header cell, rowspans above resolved."""
    rows, occupied = [], set()
    for index, header_row in enumerate(table.header_rows):
        col, placed = 0, []
        for header in header_row:
            while (index, col) in occupied:
                col += 1
            placed.append((col, header))
            occupied.update(
                (r, c)
                for r in range(index, index + header.rowspan)
                for c in range(col, col + header.colspan)
            )
            col += header.colspan
        rows.append(placed)
    return rows


def _sliced_row(row: Row, keep: list[int]) -> Row:
    """`row` with the columns `keep` only. A cell merged to the right over kept and dropped
    columns stays merged over the kept ones; rowspans are per column and stay as they are."""
    owner = {}  # column -> first column of the merge covering it
    for start, cell in enumerate(row.cells):
        if not cell.covered and cell.colspan > 1:
            for col in range(start, start + cell.colspan):
                owner[col] = start
    kept = set(keep)
    cells = []
    for col in keep:
        start = owner.get(col)
        cell = row.cells[col]
        if start is None:
            cells.append(replace(cell))
            continue
        span = row.cells[start]
        inside = [c for c in range(start, start + span.colspan) if c in kept]
        if col == inside[0]:  # the first kept column of the merge carries it
            cells.append(replace(span, colspan=len(inside), covered=False))
        else:
            cells.append(replace(cell, covered=True, value=None, colspan=1))
    return replace(row, cells=cells)


def column_slice(table: "Table", keep: list[int], **changes) -> "Table":
    """The table with the columns `keep` (indexes, in order): headers merged over the kept
    columns they covered, the form's column numbers kept, rows sliced (see _sliced_row)."""
    kept = set(keep)
    header_rows = []
    for placed in header_positions(table):
        cells = []
        for first, header in placed:
            inside = [c for c in range(first, first + header.colspan) if c in kept]
            if inside:
                cells.append((keep.index(inside[0]), replace(header, colspan=len(inside))))
        header_rows.append([cell for _pos, cell in sorted(cells, key=lambda pc: pc[0])])
    numbers = table.column_numbers
    return replace(
        table,
        columns=[table.columns[i] for i in keep],
        header_rows=header_rows,
        rows=[_sliced_row(row, keep) for row in table.rows],
        numbers=[numbers[i] for i in keep],
        print_parts=[],
        **changes,
    )


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
