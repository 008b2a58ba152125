"""The LKjIP (renstra.lkjip.content) as a Word file the agency edits before signing: the same
chapters, paragraphs and tables as the PDF (lkjip_pdf), built with python-docx; F4 portrait
with the tata naskah dinas margins, chapters as Heading 1 from a new page (Word's navigation
pane and table of contents find them), tables with borders, header rows repeated on a new
page and rows kept whole. A draft or an example report says so in the page header.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from renstra.lkjip.parts import EMPTY, NO_SUPPORT, LkjipContent, ObjectiveSection
from renstra.render.table import Signatory

FONT = "Arial"
SIZE = Pt(11)
TABLE_SIZE = Pt(8)
CENTER, LEFT, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
INDICATOR_WIDTHS = (10, 34, 13, 13, 15, 15, 15, 22, 14, 14)
BUDGET_WIDTHS = (9, 12, 56, 28, 28, 16, 16)


def _page(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    section.top_margin, section.bottom_margin = Mm(22), Mm(22)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "List Bullet"):
        style = document.styles[name]
        style.font.name = FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), FONT)
        # The headings' theme font (Calibri Light) would win over the named one.
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        style.font.color.rgb = RGBColor(0, 0, 0)
    document.styles["Normal"].font.size = SIZE
    document.styles["Normal"].paragraph_format.space_after = Pt(6)
    document.styles["Heading 1"].font.size = Pt(13)
    document.styles["Heading 2"].font.size = Pt(11)
    document.styles["Heading 3"].font.size = Pt(10.5)


def _marks(document, marks: tuple[str, ...]) -> None:
    if not marks:
        return
    paragraph = document.sections[0].header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run("  ·  ".join(marks))
    run.bold, run.font.size = True, Pt(14)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


def _paragraph(document, text: str = "", *, align=JUSTIFY, bold=False, italic=False, size=None):
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size is not None:
            run.font.size = size
    return paragraph


def _paragraphs(document, text: str) -> None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        _paragraph(document, EMPTY, italic=True)
    for line in lines:
        _paragraph(document, line)


def _chapter(document, text: str) -> None:
    heading = document.add_heading(text, level=1)
    heading.alignment = CENTER
    heading.paragraph_format.page_break_before = True


def _cell(cell, text: str, *, align=LEFT, bold=False, shade: str = "") -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.font.size = bold, TABLE_SIZE
    if shade:
        fill = OxmlElement("w:shd")
        fill.set(qn("w:val"), "clear")
        fill.set(qn("w:color"), "auto")
        fill.set(qn("w:fill"), shade)
        cell._tc.get_or_add_tcPr().append(fill)


def _table(document, headers):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, label in zip(table.rows[0].cells, headers, strict=True):
        _cell(cell, label, align=CENTER, bold=True, shade="E6E6E6")
    # Narrow cell margins (1 mm): ten columns on F4 portrait leave no room for Word's 1.9 mm.
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement("w:{}".format(side))
        margin.set(qn("w:w"), "57")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    return table


def _finish(table, widths_mm) -> None:
    widths = [Mm(w) for w in widths_mm]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        cant_split = OxmlElement("w:cantSplit")
        cant_split.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(cant_split)
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _row(table, cells, *, centered=(), right=(), bold=False) -> None:
    row = table.add_row().cells
    for index, (cell, text) in enumerate(zip(row, cells, strict=True)):
        align = RIGHT if index in right else CENTER if index in centered else LEFT
        _cell(cell, text, align=align, bold=bold)


def _group_row(table, label: str) -> None:
    row = table.add_row().cells
    merged = row[0].merge(row[-1])
    _cell(merged, label, bold=True, shade="F3F3F3")
    # A program's name stays on the page of its first indicator.
    merged.paragraphs[0].paragraph_format.keep_with_next = True


def _cover(document, content: LkjipContent) -> None:
    for _index in range(8):
        _paragraph(document)
    for line in content.title:
        _paragraph(document, line, align=CENTER, bold=True, size=Pt(18))
    for _index in range(10):
        _paragraph(document)
    for name in content.cover_names:
        _paragraph(document, name, align=CENTER, bold=True, size=Pt(13))


def _planning(document, content: LkjipContent) -> None:
    _chapter(document, content.chapter("planning"))
    document.add_heading(content.section("renstra"), level=2)
    _paragraph(
        document,
        "Kinerja tahun {} diukur terhadap {}. Visi: {}".format(
            content.year, content.plan_title, content.vision or "-"
        ),
    )
    for mission in content.missions:
        document.add_paragraph(mission, style="List Bullet")
    table = _table(document, ("Tujuan", "Sasaran", "Indikator Kinerja"))
    for goal in content.goals:
        top = len(table.rows)
        for number, statement, indicators in goal.objectives:
            first = len(table.rows)
            for indicator in indicators or ("",):
                _row(table, ("", "", indicator))
            _cell(table.rows[first].cells[1], "{}. {}".format(number, statement))
            if len(table.rows) - first > 1:
                table.rows[first].cells[1].merge(table.rows[-1].cells[1])
        if len(table.rows) > top:
            _cell(table.rows[top].cells[0], "{}. {}".format(goal.number, goal.statement))
            if len(table.rows) - top > 1:
                table.rows[top].cells[0].merge(table.rows[-1].cells[0])
    _finish(table, (55, 55, 55))
    document.add_heading(content.section("agreement"), level=2)
    _paragraph(document, content.agreement_note)
    agreement = content.agreement
    if agreement is None:
        return
    table = _table(document, ("No", "Sasaran Strategis", "Indikator Kinerja", "Target"))
    for group in agreement.groups:
        first = len(table.rows)
        for line in group.indicators:
            _row(table, ("", "", line.name, line.target), centered=(3,))
        _cell(table.rows[first].cells[0], str(group.number), align=CENTER)
        _cell(table.rows[first].cells[1], group.statement)
        if len(group.indicators) > 1:
            for column in (0, 1):
                table.rows[first].cells[column].merge(table.rows[-1].cells[column])
    _finish(table, (8, 65, 65, 27))
    _paragraph(document)
    table = _table(document, ("No", agreement.budget_header, "Anggaran (Rp)"))
    for line in agreement.budgets:
        _row(table, (str(line.number), line.name, line.amount_text), centered=(0,), right=(2,))
    _row(table, ("", "Jumlah", agreement.total_text), right=(2,), bold=True)
    _finish(table, (8, 117, 40))


def _objective(document, content: LkjipContent, section: ObjectiveSection) -> None:
    document.add_heading(section.heading, level=3)
    if section.groups:
        table = _table(document, content.indicator_headers)
        for group in section.groups:
            _group_row(table, group.label)
            for line in group.lines:
                _row(table, line.cells(), centered=(0, 2, 3, 4, 5, 6, 7, 8, 9))
        _finish(table, INDICATOR_WIDTHS)
    else:
        _paragraph(document, "Sasaran ini tidak mempunyai indikator yang dievaluasi.", italic=True)
    if section.achievement is not None:
        _paragraph(
            document,
            "Capaian sasaran tahun {}: {} % (predikat {}).".format(
                content.year, section.achievement_text, section.predicate
            ),
        )
    if section.standards:
        _paragraph(document, content.standard_intro, bold=True)
        table = _table(document, content.standard_headers)
        for line in section.standards:
            _row(table, line.standard_cells, centered=(0, 2, 3, 4))
        _finish(table, (8, 50, 22, 22, 20, 43))
    if content.is_region and section.objective_id:
        _paragraph(document, content.support_intro, bold=True)
        if section.support is not None:
            table = _table(document, content.support_headers)
            _row(table, section.support.cells(), centered=(1, 2, 3, 4, 5))
            _finish(table, (55, 20, 20, 20, 25, 25))
        else:
            _paragraph(document, NO_SUPPORT, italic=True)
    if section.deviations:
        _paragraph(document, "Penyebab deviasi dan tindak lanjut:", bold=True)
        for line in section.deviations:
            item = document.add_paragraph(style="List Bullet")
            item.add_run(line.name).bold = True
            item.add_run().add_break()
            item.add_run("Penyebab: {}".format(line.cause or "-"))
            item.add_run().add_break()
            item.add_run("Tindak lanjut: {}".format(line.follow_up or "-"))
    if section.objective_id:
        _paragraph(document, "Analisis capaian:", bold=True)
        _paragraphs(document, section.analysis)


def _accountability(document, content: LkjipContent) -> None:
    _chapter(document, content.chapter("accountability"))
    document.add_heading(content.section("achievement"), level=2)
    _paragraph(document, content.achievement_intro)
    for section in content.objectives:
        _objective(document, content, section)
    document.add_heading(content.section("budget"), level=2)
    table = _table(document, content.budget_headers)
    for line in content.budgets:
        _row(table, line.cells(), centered=(0, 1), right=(3, 4, 5, 6))
    _row(table, content.budget_total, right=(3, 4, 5, 6), bold=True)
    _finish(table, BUDGET_WIDTHS)
    document.add_heading(content.section("efficiency"), level=2)
    _paragraphs(document, content.efficiency)
    if content.is_region:
        document.add_heading(content.section("agencies"), level=2)
        if content.agencies:
            table = _table(document, content.agency_headers)
            for line in content.agencies:
                _row(table, line.cells(), centered=(0, 3, 4, 5))
            _finish(table, (8, 55, 45, 17, 20, 20))
        if content.support_rule:
            _paragraph(document, content.support_rule, size=Pt(9))
        for note in content.support_notes:
            _paragraph(document, note)


def _signature(document, people: tuple[Signatory, ...]) -> None:
    if not people:
        return
    person = people[0]
    lines = [person.place_date, person.position, "", "", "", person.name]
    if person.rank:
        lines.append(person.rank)
    if person.nip:
        lines.append("NIP. {}".format(person.nip))
    _paragraph(document)
    for index, text in enumerate(lines):
        paragraph = _paragraph(document, text, align=CENTER, bold=index == 5)
        paragraph.paragraph_format.left_indent = Mm(85)
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.keep_with_next = index < len(lines) - 1


def _annex(document, content: LkjipContent) -> None:
    first, second, third = content.annex_titles
    _chapter(document, content.chapter("annex"))
    document.add_heading(first, level=2)
    _paragraph(document, content.agreement_note.rstrip(":") + ".")
    _paragraph(
        document,
        "Tabel sasaran, indikator, target dan anggarannya tercantum pada Bab II bagian 2.2.",
    )
    document.add_heading(second, level=2)
    if content.ikus:
        table = _table(document, content.iku_headers)
        for line in content.ikus:
            _row(table, line.cells(), centered=(0,))
        _finish(table, (8, 39, 40, 39, 39))
    else:
        _paragraph(document, content.iku_empty_note, italic=True)
    document.add_heading(third, level=2)
    _paragraph(document, content.evaluation_note)


def lkjip_docx(content: LkjipContent) -> bytes:
    """The .docx file's bytes."""
    document = Document()
    _page(document)
    _marks(document, content.marks)
    document.core_properties.title = "LKjIP {} Tahun {}".format(content.agency, content.year)
    _cover(document, content)
    _chapter(document, content.chapter("summary"))
    for fact in content.summary_facts:
        _paragraph(document, fact)
    _paragraphs(document, content.summary)
    _chapter(document, content.chapter("introduction"))
    _paragraphs(document, content.introduction)
    _planning(document, content)
    _accountability(document, content)
    _chapter(document, content.chapter("closing"))
    _paragraphs(document, content.closing)
    _signature(document, content.signatures)
    _annex(document, content)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
