"""The Perjanjian Kinerja (pk_document) as a Word file the agency edits before signing: the same
pages as the PDF (pk_pdf) built with python-docx, F4 portrait with the tata naskah dinas
margins set in the section, real tables with borders (the sasaran cell merged over its
indicators, header rows repeated on a new page, rows not split), the annex from a new page,
the signatures in a borderless table so that the names stand level. A draft or an example PK
says so in the page header of every page.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from renstra.sakip.pk_document import PkDocument

FONT = "Arial"
SIZE = Pt(11)
TABLE_SIZE = Pt(10)
HALF = Mm((215 - 30 - 20) / 2)  # half the text width: F4 less the left and right margins
CENTER, LEFT, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)


def _page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(215), Mm(330)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, SIZE
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.15


def _marks(document, marks: tuple[str, ...]) -> None:
    if not marks:
        return
    paragraph = document.sections[0].header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run("  ·  ".join(marks))
    run.bold, run.font.size = True, Pt(16)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


def _paragraph(container, text: str = "", *, align=JUSTIFY, bold=False, size=None, after=6):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size is not None:
            run.font.size = size
    return paragraph


def _heading(document, lines: tuple[str, ...], *, new_page: bool = False) -> None:
    for index, line in enumerate(lines):
        paragraph = _paragraph(document, line, align=CENTER, bold=True, after=0)
        paragraph.paragraph_format.keep_with_next = True
        if index == 0 and new_page:
            paragraph.paragraph_format.page_break_before = True
    _paragraph(document, after=6)


def _party(document, name: str, position: str, role: str) -> None:
    # "Nama<tab>:<tab>..." with a hanging indent: a long position wraps under itself, and the
    # agency edits plain paragraphs rather than a hidden table.
    for label, value, bold in (("Nama", name, True), ("Jabatan", position, False)):
        paragraph = document.add_paragraph()
        form = paragraph.paragraph_format
        form.left_indent, form.first_line_indent = Mm(32), Mm(-26)
        form.tab_stops.add_tab_stop(Mm(26))
        form.tab_stops.add_tab_stop(Mm(32))
        paragraph.add_run("{}\t:\t".format(label))
        paragraph.add_run(value).bold = bold
    paragraph = _paragraph(document, role, align=LEFT, after=8)
    paragraph.paragraph_format.left_indent = Mm(6)


def _repeat_header(row) -> None:
    row_properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)


def _keep_rows_whole(table) -> None:
    for row in table.rows:
        cant_split = OxmlElement("w:cantSplit")
        cant_split.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(cant_split)


def _cell(cell, text: str, *, align=LEFT, bold=False, shade=False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, TABLE_SIZE
    if shade:
        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:color"), "auto")
        fill.set(qn("w:fill"), "E6E6E6")
        cell._tc.get_or_add_tcPr().append(fill)


def _table(document, headers: tuple[str, ...], widths: tuple):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, label in zip(table.rows[0].cells, headers, strict=True):
        _cell(cell, label, align=CENTER, bold=True, shade=True)
    _repeat_header(table.rows[0])
    return table, widths


def _set_widths(table, widths) -> None:
    # Both the grid (LibreOffice reads it) and every cell (Word reads these).
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _targets(document, doc: PkDocument) -> None:
    widths = (Mm(10), Mm(55), Mm(70), Mm(30))
    table, widths = _table(document, ("No", "Sasaran", "Indikator Kinerja", "Target"), widths)
    for group in doc.groups:
        first = len(table.rows)
        for line in group.indicators:
            cells = table.add_row().cells
            _cell(cells[2], line.name)
            _cell(cells[3], line.target, align=CENTER)
        top = table.rows[first].cells
        _cell(top[0], str(group.number), align=CENTER)
        _cell(top[1], group.statement)
        if len(group.indicators) > 1:
            last = table.rows[first + len(group.indicators) - 1].cells
            for column in (0, 1):
                merged = top[column].merge(last[column])
                merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    _set_widths(table, widths)
    _keep_rows_whole(table)


def _budgets(document, doc: PkDocument) -> None:
    widths = (Mm(10), Mm(110), Mm(45))
    table, widths = _table(document, ("No", doc.budget_header, "Anggaran (Rp)"), widths)
    for line in doc.budgets:
        cells = table.add_row().cells
        _cell(cells[0], str(line.number), align=CENTER)
        _cell(cells[1], line.name)
        _cell(cells[2], line.amount_text, align=RIGHT)
    cells = table.add_row().cells
    label = cells[0].merge(cells[1])
    _cell(label, "Jumlah", align=CENTER, bold=True)
    _cell(cells[2], doc.total_text, align=RIGHT, bold=True)
    _set_widths(table, widths)
    _keep_rows_whole(table)
    # The last rows and the total go to a new page with the signatures rather than leave
    # them alone on one (as the PDF does).
    for row in table.rows[-3:]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _signatures(document, doc: PkDocument) -> None:
    """Pihak kedua left, pihak pertama right under the place and date, one row a line so the
    names stand level; no rank or NIP row when neither party has one."""
    signers = doc.signers
    rows = [("", doc.place_date), tuple(s.role + "," for s in signers)]
    rows.append(tuple(s.position for s in signers))
    rows.append(None)  # the room to sign
    rows.append(tuple(s.name for s in signers))
    for text in (lambda s: s.rank, lambda s: s.nip_line):
        if any(text(s) for s in signers):
            rows.append(tuple(text(s) for s in signers))
    _paragraph(document, after=6).paragraph_format.keep_with_next = True
    table = document.add_table(rows=len(rows), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    name_row = rows.index(None) + 1
    for index, (row, texts) in enumerate(zip(table.rows, rows, strict=True)):
        if texts is None:
            row.height, row.height_rule = Mm(24), WD_ROW_HEIGHT_RULE.AT_LEAST
            texts = ("", "")
        for cell, text in zip(row.cells, texts, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = CENTER
            paragraph.paragraph_format.keep_with_next = True
            run = paragraph.add_run(text)
            run.bold = run.underline = index == name_row
    _set_widths(table, (HALF, HALF))
    _keep_rows_whole(table)


def pk_docx(doc: PkDocument) -> bytes:
    """The .docx file's bytes."""
    document = Document()
    _page(document)
    _marks(document, doc.marks)
    document.core_properties.title = " ".join(doc.heading)
    _heading(document, doc.heading)
    _paragraph(document, doc.opening)
    _party(document, doc.first.name, doc.first.position, doc.first_role)
    _party(document, doc.second.name, doc.second.position, doc.second_role)
    for text in doc.commitments:
        _paragraph(document, text)
    _signatures(document, doc)
    _heading(document, doc.annex_heading, new_page=True)
    _targets(document, doc)
    _paragraph(document, after=6)
    _budgets(document, doc)
    _signatures(document, doc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
