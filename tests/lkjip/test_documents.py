"""The LKjIP as PDF and as Word file read back the same: the chapters in order (the PDF's
outline, the Word file's Heading 1), every row of Bab III's tables with the content's values
(the figures of the evaluation, tests/lkjip/test_content.py), the budget table, and the head
of agency's Perjanjian Kinerja when there is one."""

import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from renstra.lkjip.content import lkjip_content
from renstra.lkjip.lkjip_docx import lkjip_docx
from renstra.lkjip.lkjip_pdf import lkjip_pdf
from renstra.lkjip.parts import CHAPTERS
from renstra.lkjip.services import create_lkjip, save_narrative
from renstra.plans.models import AgencySignature
from renstra.sakip.agreements import create_agreement
from tests.sakip.conftest import DAY

CHAPTER_TITLES = list(CHAPTERS.values())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _docx_tables(document, headers) -> list[list[tuple[str, ...]]]:
    """The body rows of every table whose first row is `headers`, as texts; a row of one
    merged cell (a group's label) as a 1-tuple."""
    found = []
    for table in document.tables:
        rows = [tuple(cell.text for cell in row.cells) for row in table.rows]
        if rows and rows[0] == tuple(headers):
            found.append([r if len(set(r)) > 1 else (r[0],) for r in rows[1:]])
    return found


@pytest.fixture
def written(lkjip):
    return save_narrative(
        lkjip=lkjip,
        fields={
            "summary": "Ikhtisar uji.",
            "introduction": "Pendahuluan uji.\nParagraf kedua.",
            "efficiency": "Efisiensi uji.",
            "closing": "Penutup uji.",
        },
        analyses={lkjip_content(lkjip).objectives[0].objective_id: "Analisis sasaran uji."},
    )


def test_the_word_file_has_the_chapters_and_the_tables_values(written):
    content = lkjip_content(written)
    document = Document(io.BytesIO(lkjip_docx(content)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == CHAPTER_TITLES
    texts = [p.text for p in document.paragraphs]
    for narrative in ("Ikhtisar uji.", "Paragraf kedua.", "Analisis sasaran uji.", "Penutup uji."):
        assert narrative in texts
    tables = _docx_tables(document, content.indicator_headers)
    expected = []
    for section in content.objectives:
        rows = []
        for group in section.groups:
            rows.append((group.label,))
            rows += [line.cells() for line in group.lines]
        expected.append(rows)
    assert tables == expected
    budget = _docx_tables(document, content.budget_headers)
    assert budget == [[b.cells() for b in content.budgets] + [content.budget_total]]


def test_the_pdf_has_the_chapters_and_the_tables_values(written):
    content = lkjip_content(written)
    reader = PdfReader(io.BytesIO(lkjip_pdf(content)))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == CHAPTER_TITLES
    text = _squash("".join(page.extract_text() for page in reader.pages))
    for narrative in ("Ikhtisar uji.", "Paragraf kedua.", "Analisis sasaran uji.", "Penutup uji."):
        assert _squash(narrative) in text
    lines = [line for section in content.objectives for line in section.indicators]
    assert len(lines) == 20
    for line in lines:
        for cell in line.cells():
            assert _squash(cell) in text, (line.number, cell)
    for budget in content.budgets:
        for cell in budget.cells():
            assert _squash(cell) in text
    assert _squash("Jumlah 6.642.837.006 5.613.798.273 84,51") in text


def test_the_head_of_agencys_pk_is_in_chapter_two(sample, planner, renja, region_head, head_unit):
    agreement = create_agreement(unit=head_unit, year=2019, user=planner, day=DAY)
    lkjip = create_lkjip(agency=sample.plan.agency, year=2019, user=planner)
    content = lkjip_content(lkjip)
    assert content.agreement is not None
    assert content.agreement_note.startswith("Perjanjian Kinerja antara Kepala")
    rows = [(line.name, line.target) for g in content.agreement.groups for line in g.indicators]
    assert rows == [(t.name, t.target_raw) for t in agreement.targets.order_by("order", "pk")]
    document = Document(io.BytesIO(lkjip_docx(content)))
    table = _docx_tables(document, ("No", "Sasaran Strategis", "Indikator Kinerja", "Target"))
    assert [r[2:] for r in table[0]] == rows
    text = _squash(
        "".join(p.extract_text() for p in PdfReader(io.BytesIO(lkjip_pdf(content))).pages)
    )
    for name, target in rows:
        assert _squash(name) in text and _squash(target) in text
    assert _squash(content.agreement.total_text) in text


def test_the_signature_stands_at_the_right_of_the_page(lkjip):
    """The head's signature block is printed in the right half of the page (an aligned box in
    a justified paragraph once landed on the left)."""
    AgencySignature.objects.update_or_create(
        agency=lkjip.agency,
        defaults={"place": "Bontang", "position": "Kepala BKPSDM", "name": "Penanda Tangan Uji"},
    )
    reader = PdfReader(io.BytesIO(lkjip_pdf(lkjip_content(lkjip))))
    found = []

    def visit(text, cm, tm, font, size):
        if "Penanda Tangan Uji" in text:
            found.append(cm[4] + tm[4])

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    width = float(reader.pages[0].mediabox.width)
    assert found and all(x > width / 2 for x in found)
