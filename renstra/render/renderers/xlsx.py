"""XLSX: the document's header rows with merged cells, the numbered column row, numbers as
numbers with a thousands format, frozen header, Folio/F4 landscape print setup with the header
repeated on every page and fit to page width, and a title block. Total rows are bold under a
heavier rule, their sums written as numbers (exact Decimal, never a formula: the sum the
definition means is not always a column sum). The signature block stands below the table,
inside the print area.

Text is always written as text: a cell beginning with '=' is never a formula
(renstra.render.cells.write_text).

Written with XlsxWriter (openpyxl still reads workbooks: imports, tests). Each distinct look
(font, fill, border, alignment, number format) is one format, made once per workbook and shared
by every cell that has it, and the cells go straight to the file. openpyxl built and hashed a
Font, Alignment, Border and Fill for every cell: the whole plan at the size of a big agency took
seconds (tests/bench/bench_xlsx.py).
"""

import io
from datetime import date
from decimal import Decimal

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from renstra.core.collector import collector_paused
from renstra.render.cells import write_text
from renstra.render.table import CellKind, Row, Signatory, Table

FOLIO = 14  # Excel's paper size code for Folio 8.5 x 13 in (F4), DOMAIN.md §6
A4 = 9
# The parts a look is made of, as XlsxWriter format properties; a look is a tuple of parts.
THIN = "#444444"
BORDER = (("border", 1), ("border_color", THIN))  # 1: thin, on all four sides
TOTAL_BORDER = (
    ("left", 1),
    ("right", 1),
    ("bottom", 1),
    ("top", 2),  # 2: medium, the heavier rule above a total row
    ("left_color", THIN),
    ("right_color", THIN),
    ("bottom_color", THIN),
    ("top_color", "#111111"),
)
TOTAL_FILL = (("pattern", 1), ("bg_color", "#F1F2F4"))
HEADER_FILL = (("pattern", 1), ("bg_color", "#E4E7EC"))
NUMBER_ROW_FILL = (("pattern", 1), ("bg_color", "#F1F2F4"))
MARK_FILL = (("pattern", 1), ("bg_color", "#FFF1D6"))
WRAP_TOP = (("text_wrap", True), ("valign", "top"))
CENTER = (("text_wrap", True), ("valign", "vcenter"), ("align", "center"))
SIGNATURE = (("text_wrap", True), ("valign", "top"), ("align", "center"))
BOLD = (("bold", True),)
NAME_FONT = (("bold", True), ("underline", 1))  # 1: single
QUOTED = (("quote_prefix", True),)
TITLE_FONT = (("bold", True), ("size", 12))
SUBTITLE_FONT = (("size", 10),)
PRINTED_FONT = (("size", 8), ("italic", True))
NUMBER_ROW_FONT = (("size", 8),)

NUMBER_KINDS = (CellKind.MONEY, CellKind.NUMBER, CellKind.PERCENT)
WIDTHS = {CellKind.CODE: 12, CellKind.MONEY: 17, CellKind.NUMBER: 12, CellKind.PERCENT: 10}
MAX_TEXT_WIDTH = 45
# A width set in pixels is stored as pixels / 7 characters: 7 pixels a character store exactly
# the widths openpyxl stored (XlsxWriter's width in characters adds Excel's cell padding).
PIXELS_PER_CHARACTER = 7
HEADER_MAX = 255  # characters Excel allows in a page header


class _Looks:
    """One XlsxWriter format per distinct look, made on first use and shared by every cell with
    that look: a workbook of 30,000 cells has a few dozen formats. A look is a tuple of parts
    (BORDER, BOLD, ...). A text cell takes a pair: the look without and with Excel's quote
    prefix (renstra.render.cells.write_text picks one)."""

    def __init__(self, workbook: Workbook):
        self._workbook = workbook
        self._formats: dict[tuple, Format] = {}
        self._body: dict[tuple, tuple[Format, Format]] = {}

    def __call__(self, *parts: tuple) -> Format:
        look = self._formats.get(parts)
        if look is None:
            properties = {name: value for part in parts for name, value in part}
            look = self._formats[parts] = self._workbook.add_format(properties)
        return look

    def text(self, *parts: tuple) -> tuple[Format, Format]:
        return self(*parts), self(*parts, QUOTED)

    def body(
        self,
        total: bool,
        marked: bool,
        bold: bool | None = None,
        indent: int = 0,
        number_format: str | None = None,
    ) -> tuple[Format, Format]:
        """The look of a body cell, by a key cheap to hash (this runs for every cell): its row's
        rule and fill; for a cell that is not covered (`bold` given) its font, alignment and
        number format too."""
        key = (total, marked, bold, indent, number_format)
        pair = self._body.get(key)
        if pair is None:
            parts = [TOTAL_BORDER if total else BORDER]
            parts.append(MARK_FILL if marked else TOTAL_FILL if total else ())
            if bold is not None:
                parts += [BOLD if bold else (), WRAP_TOP, (("indent", indent),) if indent else ()]
            if number_format:
                parts.append((("num_format", number_format),))
            pair = self._body[key] = self.text(*parts)
        return pair


def _money_format(value: Decimal) -> str:
    return "#,##0" if value == value.to_integral_value() else "#,##0.00"


def _number(value, kind: CellKind) -> tuple[float, str]:
    """The number a money, number or percent cell holds and its number format. A float,
    written with 16 significant digits as openpyxl wrote it (an amount of 5078274020.00 reads
    back as 5078274020), past the 15 digits Excel keeps."""
    value = Decimal(value)
    if kind == CellKind.MONEY:
        return float(value), _money_format(value)
    if kind == CellKind.PERCENT:
        return float(value / 100), "0.00%"
    return float(value), "#,##0.##"


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


def _merge(ws: Worksheet, row: int, col: int, last_row: int, last_col: int, look: Format) -> None:
    """Merge a range (0-based, last row and column included), every cell of it in `look`. The
    value is written after, by a typed writer: merge_range's own write() reads '=…' as a
    formula. A single cell is left alone."""
    if last_row > row or last_col > col:
        ws.merge_range(row, col, last_row, last_col, None, look)


def write_table(
    ws: Worksheet,
    looks: _Looks,
    table: Table,
    *,
    printed_on: date | None = None,
    paper: str = "f4",
) -> None:
    """Write one table into a worksheet, with its title block and print setup. Rows and columns
    count from 0 here, as XlsxWriter's do (Excel's row 1 is row 0)."""
    width = len(table.columns)
    last_col = width - 1
    printed = "Dicetak {}".format((printed_on or date.today()).strftime("%d-%m-%Y"))
    block = [(table.title.upper(), TITLE_FONT), (table.subtitle, SUBTITLE_FONT)]
    block += [(line, SUBTITLE_FONT) for line in table.preamble]
    block.append((printed, PRINTED_FONT))
    row = 0
    for text, font in block:
        _merge(ws, row, 0, row, last_col, looks(font, WRAP_TOP))
        write_text(ws, row, 0, text, *looks.text(font, WRAP_TOP))
        row += 1
    row += 1
    header_top = row
    header = looks.text(BORDER, HEADER_FILL, BOLD, CENTER)
    occupied: set[tuple[int, int]] = set()
    for header_row in table.header_rows:
        col = 0
        for cell in header_row:
            while (row, col) in occupied:
                col += 1
            last_row, end_col = row + cell.rowspan - 1, col + cell.colspan - 1
            occupied.update(
                (r, c) for r in range(row, last_row + 1) for c in range(col, end_col + 1)
            )
            _merge(ws, row, col, last_row, end_col, header[0])
            write_text(ws, row, col, cell.label, *header)
            col += cell.colspan
        row += 1
    if table.numbered:
        number = looks.text(CENTER, NUMBER_ROW_FONT, NUMBER_ROW_FILL, BORDER)
        for col, text in enumerate(table.column_numbers):
            write_text(ws, row, col, text, *number)
        row += 1
    header_bottom = row - 1
    body_top = row
    widths = [
        WIDTHS.get(column.kind) or _text_width(table, index)
        for index, column in enumerate(table.columns)
    ]
    per_line = [max(1, int(width * 1.1) - 1) for width in widths]  # characters of a line
    for body_row in table.rows:
        _write_row(ws, looks, body_row, row, per_line)
        row += 1
    if not table.rows and table.empty_text:
        empty = looks.text(CENTER, BOLD, BORDER)
        _merge(ws, row, 0, row, last_col, empty[0])
        write_text(ws, row, 0, table.empty_text, *empty)
        row += 1
    last_row = row - 1
    for note in table.notes:
        row += 1
        _merge(ws, row, 0, row, last_col, looks(MARK_FILL))
        write_text(ws, row, 0, note, *looks.text(MARK_FILL))
        last_row = row
    for index, width in enumerate(widths):
        ws.set_column_pixels(index, index, width * PIXELS_PER_CHARACTER)
    if table.signatories:
        last_row = _write_signatures(ws, looks, table.signatories, row + 2, widths) - 1
    ws.print_area(0, 0, max(last_row, header_bottom), last_col)
    ws.freeze_panes(body_top, 0)
    ws.repeat_rows(header_top, header_bottom)
    ws.set_landscape()
    ws.set_paper(A4 if paper == "a4" else FOLIO)
    ws.fit_to_pages(ONE_PAGE_WIDE, 0)  # one page wide, as many pages down as it takes
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.set_footer("&CHalaman &P dari &N")
    if table.running_title:
        ws.set_header(_page_header(table.running_title))


def _page_header(title: str) -> str:
    """The centre of the page header: '&' starts a code there and '&&' prints one; cut to
    Excel's 255 characters (XlsxWriter leaves a longer header out) between two characters
    of the title, never inside an '&&'."""
    escaped = title.replace("&", "&&")
    while len(escaped) > HEADER_MAX - 2:
        title = title[: len(title) - (len(escaped) - (HEADER_MAX - 2) + 1) // 2]
        escaped = title.replace("&", "&&")
    return "&C" + escaped


def _write_row(ws: Worksheet, looks: _Looks, body_row: Row, row: int, per_line: list[int]):
    """One body row: bold for programs and totals, the heavier rule above totals, flagged rows
    shaded; a covered cell keeps its own row's rule and fill under the merge. The row is as
    high as its longest wrapped text (`per_line`: characters a line of each column holds):
    Excel and LibreOffice do not grow the rows of a generated file by themselves, and wrapped
    text would overlap the next row. (This runs for every cell of the workbook: XlsxWriter's
    writers without their check for 'A1' notation, looks found once per row where they can.)"""
    total, marked = body_row.total, bool(body_row.marks)
    bold = body_row.style == "program" or total
    write_blank, write_number = ws._write_blank, ws._write_number
    body = looks.body
    plain_pair = body(total, marked, bold)
    under = None  # the look of a covered cell
    lines = 1
    for col, item in enumerate(body_row.cells):
        if item.covered:
            if under is None:
                under = body(total, marked)[0]
            write_blank(row, col, None, under)
            continue
        value = item.value
        number_format = None
        if value is not None and item.kind in NUMBER_KINDS:
            number, number_format = _number(value, item.kind)
        if number_format is None and (col != 1 or not body_row.level):
            plain, quoted = plain_pair
        else:
            plain, quoted = body(
                total, marked, bold, body_row.level if col == 1 else 0, number_format
            )
        merged = item.rowspan > 1 or item.colspan > 1
        if merged:
            _merge(ws, row, col, row + item.rowspan - 1, col + item.colspan - 1, plain)
        if value is None:
            write_blank(row, col, None, plain)
            continue
        text = str(value)
        if number_format:
            write_number(row, col, number, plain)
        else:
            write_text(ws, row, col, text, plain, quoted)
        if not merged and (len(text) > per_line[col] or "\n" in text):
            lines = max(
                lines, sum(-(-max(1, len(part)) // per_line[col]) for part in text.split("\n"))
            )
    ws.set_row(row, 15 * lines)


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
    ws: Worksheet, looks: _Looks, signatories: list[Signatory], row: int, widths: list[int]
) -> int:
    """The signature block from `row` (0-based) down, one merged line per text, signatories side
    by side and their lines aligned; returns the first row after it."""
    lines = [
        ("heading", lambda p: p.heading, ()),
        ("place_date", lambda p: p.place_date, ()),
        ("position", lambda p: p.position, ()),
        ("space", lambda p: "", ()),
        ("name", lambda p: p.name, NAME_FONT),
        ("rank", lambda p: p.rank, ()),
        ("nip", lambda p: "NIP. {}".format(p.nip) if p.nip else "", ()),
    ]
    groups = _signature_columns(len(signatories), widths)
    for kind, text_of, font in lines:
        texts = [text_of(person) for person in signatories]
        if kind != "space" and not any(texts):
            continue
        height = 1
        for (first, last), text in zip(groups, texts, strict=False):
            look = looks.text(font, SIGNATURE)
            _merge(ws, row, first - 1, row, last - 1, look[0])  # columns counted from 1
            write_text(ws, row, first - 1, text, *look)
            per_line = max(1, int(sum(widths[first - 1 : last]) * 1.1) - 1)
            height = max(height, -(-len(text) // per_line))
        # The empty line is the room to sign: about 2 cm.
        ws.set_row(row, 55 if kind == "space" else 15 * height)
        row += 1
    return row


def sheet_title(text: str, used: set[str]) -> str:
    """A worksheet name Excel accepts: at most 31 characters, none of []:*?/\\, not empty, not
    beginning or ending with an apostrophe, unique whatever its case (`used` holds the names
    taken, in lower case)."""
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in text)[:31].strip("'") or "Tabel"
    candidate, n = clean, 2
    while candidate.lower() in used:
        suffix = " ({})".format(n)
        candidate, n = clean[: 31 - len(suffix)].rstrip("'") + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def _sheet_name(table: Table) -> str:
    if table.key[0].isdigit():
        return "Tabel {}".format(table.key)  # "Tabel 6.1"
    if table.key.startswith("T-"):
        return table.key  # "T-C.27"
    return table.title


class _ExplicitOne(int):
    """1, written out. XlsxWriter leaves fitToWidth out of the page setup when it is 1, the file
    format's default (Excel and LibreOffice print one page wide either way), but openpyxl then
    reads it as None: a reader of the file, our tests among them, could not tell the sheet is
    fitted to the page width. Equal to 1, this one passes XlsxWriter's `fit_width != 1`."""

    def __ne__(self, other):
        return True

    __hash__ = int.__hash__


ONE_PAGE_WIDE = _ExplicitOne(1)


def render_xlsx(table: Table, *, paper: str = "f4") -> bytes:
    return render_workbook([table], paper=paper)


def render_workbook(tables: list[Table], *, paper: str = "f4") -> bytes:
    """One workbook, one sheet per table, in the given order."""
    buffer = io.BytesIO()
    # in_memory: no temporary files. constant_memory stays off: merges and row heights are
    # written after the cells of the rows they touch.
    workbook = Workbook(buffer, {"in_memory": True})
    looks = _Looks(workbook)
    used: set[str] = set()
    # Every cell stays in the worksheets' tables until the file is written: the collector
    # would walk them over and over (renstra.core.collector).
    with collector_paused():
        for table in tables:
            sheet = workbook.add_worksheet(sheet_title(_sheet_name(table), used))
            write_table(sheet, looks, table, paper=paper)
        workbook.close()
    return buffer.getvalue()
