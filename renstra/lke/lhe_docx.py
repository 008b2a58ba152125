"""The LHE (renstra.lke.lhe_content) as a Word file the inspectorate edits before signing: the
same chapters, paragraphs and tables as the PDF (lhe_pdf), built with python-docx as the LKjIP's
Word file is (renstra.lkjip.lkjip_docx, whose page setup and helpers it uses): F4 portrait with
the tata naskah dinas margins, chapters as Heading 1 from a new page, tables with borders,
header rows repeated and rows kept whole, "DRAF" in the page header while the evaluation is not
final.
"""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from renstra.lke.lhe_content import LheContent

# The LKjIP's Word helpers (private there, shared on purpose: the two documents of the SAKIP
# year look alike): page setup and fonts, the draft mark, paragraphs, chapters, table cells,
# tables with a repeated header, column widths with rows kept whole, the cover, the signature.
from renstra.lkjip.lkjip_docx import (
    _chapter,
    _cover,
    _finish,
    _marks,
    _page,
    _paragraph,
    _row,
    _signature,
    _table,
)

STAGE_WIDTHS = (10, 75, 35, 45)
SCORE_WIDTHS = (12, 71, 18, 32, 32)
OVERRIDE_WIDTHS = (8, 45, 45, 20, 47)
RECOMMENDATION_WIDTHS = (8, 42, 85, 30)
CARRIED_WIDTHS = (8, 32, 55, 22, 48)


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _list(document, lines, style: str) -> None:
    for line in lines:
        document.add_paragraph(line, style=style)


def _introduction(document, content: LheContent) -> None:
    _chapter(document, content.chapter("introduction"))
    document.add_heading(content.section("basis"), level=2)
    _list(document, content.basis, "List Number")
    document.add_heading(content.section("aim"), level=2)
    _paragraph(document, content.aim)
    document.add_heading(content.section("scope"), level=2)
    _paragraph(document, content.scope_intro)
    _list(document, content.scope, "List Bullet")
    document.add_heading(content.section("stages"), level=2)
    table = _table(document, content.stage_headers)
    for line in content.stages:
        _row(table, line.cells(), centered=(0, 2))
    _finish(table, STAGE_WIDTHS)


def _results(document, content: LheContent) -> None:
    _chapter(document, content.chapter("results"))
    document.add_heading(content.section("scores"), level=2)
    _paragraph(document, content.scores_intro)
    table = _table(document, content.score_headers)
    for line in content.scores:
        cells = line.cells()
        if line.level == 2:
            # "AA" over "(Sangat Memuaskan)": the label does not fit the column's line.
            cells = tuple(text.replace(" (", "\n(") for text in cells)
        _row(table, cells, centered=(0, 2, 3, 4), bold=line.level != 1)
        cells = table.rows[-1].cells
        if line.level == 1:
            cells[1].paragraphs[0].paragraph_format.left_indent = Mm(4)
        else:
            shade = "F3F3F3" if line.level == 0 else "E6E6E6"
            for cell in cells:
                _shade(cell, shade)
    _finish(table, SCORE_WIDTHS)
    _paragraph(document)
    _paragraph(document, content.conclusion, bold=True)
    _paragraph(document, content.rule, size=Pt(9))
    document.add_heading(content.section("overrides"), level=2)
    if content.overrides:
        _paragraph(document, content.overrides_intro)
        table = _table(document, content.override_headers)
        for line in content.overrides:
            _row(table, line.cells(), centered=(0, 3))
        _finish(table, OVERRIDE_WIDTHS)
    else:
        _paragraph(document, content.no_overrides, italic=True)


def _recommendations(document, content: LheContent) -> None:
    _chapter(document, content.chapter("recommendations"))
    document.add_heading(content.section("current"), level=2)
    if content.recommendations:
        table = _table(document, content.recommendation_headers)
        for line in content.recommendations:
            _row(table, line.cells(), centered=(0, 3))
        _finish(table, RECOMMENDATION_WIDTHS)
    else:
        _paragraph(document, content.no_recommendations, italic=True)
    document.add_heading(content.section("carried"), level=2)
    if content.carried:
        table = _table(document, content.carried_headers)
        for line in content.carried:
            _row(table, line.carried_cells(), centered=(0, 3))
        _finish(table, CARRIED_WIDTHS)
    else:
        _paragraph(document, content.no_carried, italic=True)


def lhe_docx(content: LheContent) -> bytes:
    """The .docx file's bytes."""
    document = Document()
    _page(document)
    _marks(document, content.marks)
    document.core_properties.title = content.running
    _cover(document, content)
    _introduction(document, content)
    _results(document, content)
    _recommendations(document, content)
    _chapter(document, content.chapter("closing"))
    for line in content.closing:
        _paragraph(document, line)
    _signature(document, content.signatures)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
