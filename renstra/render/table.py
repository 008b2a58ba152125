"""The neutral report table: defined once, rendered to HTML, CSV (and later XLSX, PDF).

A table definition (e.g. renstra.reports.tables) returns a `Table`: its columns (with a machine key,
used as the CSV header), the document's header rows with column spans, the numbered column row
("1 2 3 ..."), and body rows of typed cells. Renderers never know which table they render.
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


@dataclass
class Row:
    cells: list[Cell]
    style: str = ""  # "program", "activity", "indicator", ... for bold/indent in renderers
    level: int = 0
    marks: list[str] = field(default_factory=list)  # reasons the row is flagged, in Indonesian


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
