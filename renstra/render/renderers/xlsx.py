"""XLSX (openpyxl): the document's header rows with merged cells, the numbered column row,
numbers as numbers with a thousands format, frozen header, Folio/F4 landscape print setup with
the header repeated on every page and fit to page width, and a title block. Total rows are bold
under a heavier rule, their sums written as numbers (exact Decimal, never a formula: the sum
the definition means is not always a column sum). The signature block stands below the table,
inside the print area.

Text is always written as text: a cell beginning with '=' is never a formula.
"""

import io
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from renstra.render.cells import set_text
from renstra.render.table import CellKind, Signatory, Table

FOLIO = 14  # Excel's paper size code for Folio 8.5 x 13 in (F4), DOMAIN.md §6
A4 = 9
THIN = Side(style="thin", color="444444")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TOTAL_BORDER = Border(left=THIN, right=THIN, top=Side(style="medium", color="111111"), bottom=THIN)
TOTAL_FILL = PatternFill("solid", fgColor="F1F2F4")
HEADER_FILL = PatternFill("solid", fgColor="E4E7EC")
NUMBER_ROW_FILL = PatternFill("solid", fgColor="F1F2F4")
MARK_FILL = PatternFill("solid", fgColor="FFF1D6")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
WIDTHS = {CellKind.CODE: 12, CellKind.MONEY: 17, CellKind.NUMBER: 12, CellKind.PERCENT: 10}
MAX_TEXT_WIDTH = 45


def _money_format(value: Decimal) -> str:
    return "#,##0" if value == value.to_integral_value() else "#,##0.00"


def _write_text(ws: Worksheet, row: int, col: int, text: str):
    return set_text(ws.cell(row=row, column=col), text)


def _text_width(table: Table, index: int) -> int:
    longest = max(
        [
            len(str(row.cells[index].value or ""))
            for row in table.rows[:200]
            if row.cells[index].colspan == 1  # a merged total label is no one column's text
        ]
        + [len(table.columns[index].label)]
    )
    return max(8, min(MAX_TEXT_WIDTH, longest + 2))


def write_table(
    ws: Worksheet, table: Table, *, printed_on: date | None = None, paper: str = "f4"
) -> None:
    """Write one table into a worksheet, with its title block and print setup."""
    width = len(table.columns)
    last_col = get_column_letter(width)
    row = 1
    block = [(table.title.upper(), Font(bold=True, size=12)), (table.subtitle, Font(size=10))]
    block += [(line, Font(size=10)) for line in table.preamble]
    block.append(
        (
            "Dicetak {}".format((printed_on or date.today()).strftime("%d-%m-%Y")),
            Font(size=8, italic=True),
        )
    )
    for text, font in block:
        cell = _write_text(ws, row, 1, text)
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells("A{0}:{1}{0}".format(row, last_col))
        row += 1
    row += 1
    header_top = row
    occupied: set[tuple[int, int]] = set()
    for header_row in table.header_rows:
        col = 1
        for header in header_row:
            while (row, col) in occupied:
                col += 1
            cell = _write_text(ws, row, col, header.label)
            for r in range(row, row + header.rowspan):
                for c in range(col, col + header.colspan):
                    occupied.add((r, c))
                    target = ws.cell(row=r, column=c)
                    target.border = BORDER
                    target.fill = HEADER_FILL
            cell.font = Font(bold=True)
            cell.alignment = CENTER
            if header.rowspan > 1 or header.colspan > 1:
                ws.merge_cells(
                    start_row=row,
                    start_column=col,
                    end_row=row + header.rowspan - 1,
                    end_column=col + header.colspan - 1,
                )
            col += header.colspan
        row += 1
    if table.numbered:
        for col, number in enumerate(table.column_numbers, start=1):
            cell = _write_text(ws, row, col, number)
            cell.alignment = CENTER
            cell.font = Font(size=8)
            cell.fill = NUMBER_ROW_FILL
            cell.border = BORDER
        row += 1
    header_bottom = row - 1
    body_top = row
    for body_row in table.rows:
        bold = body_row.style == "program" or body_row.total
        for col, item in enumerate(body_row.cells, start=1):
            cell = ws.cell(row=row, column=col)
            cell.border = TOTAL_BORDER if body_row.total else BORDER
            if body_row.marks:
                cell.fill = MARK_FILL
            elif body_row.total:
                cell.fill = TOTAL_FILL
            if item.covered:
                continue
            if item.value is not None:
                if item.kind == CellKind.MONEY:
                    cell.value = Decimal(item.value)
                    cell.number_format = _money_format(Decimal(item.value))
                elif item.kind == CellKind.NUMBER:
                    cell.value = Decimal(item.value)
                    cell.number_format = "#,##0.##"
                elif item.kind == CellKind.PERCENT:
                    cell.value = Decimal(item.value) / 100
                    cell.number_format = "0.00%"
                else:
                    _write_text(ws, row, col, str(item.value))
            cell.font = Font(bold=bold)
            indent = body_row.level if col == 2 else 0
            cell.alignment = Alignment(wrap_text=True, vertical="top", indent=indent)
            if item.rowspan > 1 or item.colspan > 1:
                ws.merge_cells(
                    start_row=row,
                    start_column=col,
                    end_row=row + item.rowspan - 1,
                    end_column=col + item.colspan - 1,
                )
        row += 1
    if not table.rows and table.empty_text:
        cell = _write_text(ws, row, 1, table.empty_text)
        cell.alignment = CENTER
        cell.font = Font(bold=True)
        ws.merge_cells("A{0}:{1}{0}".format(row, last_col))
        for col in range(1, width + 1):
            ws.cell(row=row, column=col).border = BORDER
        row += 1
    for note in table.notes:
        row += 1
        cell = _write_text(ws, row, 1, note)
        cell.fill = MARK_FILL
        ws.merge_cells("A{0}:{1}{0}".format(row, last_col))
    widths = []
    for index, column in enumerate(table.columns):
        letter = get_column_letter(index + 1)
        widths.append(WIDTHS.get(column.kind) or _text_width(table, index))
        ws.column_dimensions[letter].width = widths[-1]
    _fit_row_heights(ws, table, body_top, widths)
    if table.signatories:
        row = _write_signatures(ws, table.signatories, row + 2, widths)
    ws.print_area = "A1:{}{}".format(last_col, max(row - 1, header_bottom))
    ws.freeze_panes = ws.cell(row=body_top, column=1)
    ws.print_title_rows = "{}:{}".format(header_top, header_bottom)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4 if paper == "a4" else FOLIO
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "Halaman &P dari &N"
    if table.running_title:
        ws.oddHeader.center.text = table.running_title


def _fit_row_heights(ws: Worksheet, table: Table, body_top: int, widths: list[int]) -> None:
    """Set each body row's height for its wrapped text: Excel and LibreOffice do not grow rows
    of a generated file by themselves, and wrapped text would overlap the next row."""
    for offset, body_row in enumerate(table.rows):
        lines = 1
        for index, item in enumerate(body_row.cells):
            if item.covered or item.value is None or item.rowspan > 1 or item.colspan > 1:
                continue
            text = str(item.value)
            per_line = max(1, int(widths[index] * 1.1) - 1)
            lines = max(lines, sum(-(-max(1, len(part)) // per_line) for part in text.split("\n")))
        ws.row_dimensions[body_top + offset].height = 15 * lines


def _signature_columns(count: int, widths: list[int]) -> list[tuple[int, int]]:
    """(first, last) column (1-based) of each signatory's block: a single signatory takes the
    columns at the right that make up at least a third of the width; several share the width
    in contiguous groups of about equal width."""
    total = sum(widths)
    if count == 1:
        first, taken = len(widths), widths[-1]
        while first > 1 and taken < total / 3:
            first -= 1
            taken += widths[first - 1]
        return [(first, len(widths))]
    groups, start, taken = [], 1, 0
    for col, width in enumerate(widths, start=1):
        taken += width
        room_left = len(widths) - col >= count - len(groups) - 1
        if taken >= total * (len(groups) + 1) / count and room_left and len(groups) < count - 1:
            groups.append((start, col))
            start = col + 1
    groups.append((start, len(widths)))
    return groups


def _write_signatures(
    ws: Worksheet, signatories: list[Signatory], row: int, widths: list[int]
) -> int:
    """The signature block from `row` down, one merged line per text, signatories side by side
    and their lines aligned; returns the first row after it."""
    lines = [
        ("heading", lambda p: p.heading, Font()),
        ("place_date", lambda p: p.place_date, Font()),
        ("position", lambda p: p.position, Font()),
        ("space", lambda p: "", Font()),
        ("name", lambda p: p.name, Font(bold=True, underline="single")),
        ("rank", lambda p: p.rank, Font()),
        ("nip", lambda p: "NIP. {}".format(p.nip) if p.nip else "", Font()),
    ]
    groups = _signature_columns(len(signatories), widths)
    for kind, text_of, font in lines:
        texts = [text_of(person) for person in signatories]
        if kind != "space" and not any(texts):
            continue
        height = 1
        for (first, last), text in zip(groups, texts, strict=False):
            if text:
                _write_text(ws, row, first, text).font = font
            cell = ws.cell(row=row, column=first)
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
            if last > first:
                ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
            per_line = max(1, int(sum(widths[first - 1 : last]) * 1.1) - 1)
            height = max(height, -(-len(text) // per_line))
        # The empty line is the room to sign: about 2 cm.
        ws.row_dimensions[row].height = 55 if kind == "space" else 15 * height
        row += 1
    return row


def sheet_title(text: str, used: set[str]) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in text)[:31]
    candidate, n = clean, 2
    while candidate in used:
        suffix = " ({})".format(n)
        candidate, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate


def _sheet_name(table: Table) -> str:
    if table.key[0].isdigit():
        return "Tabel {}".format(table.key)  # "Tabel 6.1"
    if table.key.startswith("T-"):
        return table.key  # "T-C.27"
    return table.title


def render_xlsx(table: Table, *, paper: str = "f4") -> bytes:
    return render_workbook([table], paper=paper)


def render_workbook(tables: list[Table], *, paper: str = "f4") -> bytes:
    """One workbook, one sheet per table, in the given order."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        ws = workbook.create_sheet(sheet_title(_sheet_name(table), used))
        write_table(ws, table, paper=paper)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
