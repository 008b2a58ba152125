"""The Perjanjian Kinerja to print and sign (issue 19): one content (pk_document) as PDF and as
Word file, each read back as a reader would, and downloaded by who may see the agency."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from renstra.accounts.models import Membership
from renstra.core.numbers import format_rupiah
from renstra.plans.models import Agency, Unit
from renstra.sakip.agreements import agreement_perubahan, create_agreement, sign_agreement
from renstra.sakip.models import (
    AgreementBudget,
    AgreementTarget,
    PerformanceAgreement,
)
from renstra.sakip.pk_document import COMMITMENTS, OPENING, pk_document
from renstra.sakip.pk_docx import pk_docx
from renstra.sakip.pk_pdf import pk_pdf

DAY = datetime.date(2019, 4, 15)
HEAD_NIP = "NIP. 19710620 199503 1 001"  # the demo's head on 15 April 2019, as printed


@pytest.fixture
def planner(make_user, v2):
    return make_user("perencana-pk-dok", "planner", v2)


def _loaded(agreement) -> PerformanceAgreement:
    return PerformanceAgreement.objects.select_related("agency", "unit").get(pk=agreement.pk)


@pytest.fixture
def head_pk(renja, region_head, head_unit, planner):
    return _loaded(create_agreement(unit=head_unit, year=2019, user=planner, day=DAY))


@pytest.fixture
def bidang_pk(renja, planner):
    unit = Unit.objects.get(agency=renja.agency, name="Bidang Pengembangan Aparatur")
    return _loaded(create_agreement(unit=unit, year=2019, user=planner, day=DAY))


def _flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(data: bytes) -> str:
    return _flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def docx_text(data: bytes) -> str:
    """Every paragraph, page header and table cell of the Word file, in document order."""
    document = Document(io.BytesIO(data))
    parts = [p.text for section in document.sections for p in section.header.paragraphs]
    body = document.element.body
    for block in body.iterchildren():
        if block.tag == qn("w:p"):
            parts.append("".join(t.text or "" for t in block.iter(qn("w:t"))))
        elif block.tag == qn("w:tbl"):
            for cell in block.iter(qn("w:tc")):
                parts.append("".join(t.text or "" for t in cell.iter(qn("w:t"))))
    return _flat(" ".join(parts))


def _both(agreement) -> dict[str, str]:
    document = pk_document(agreement)
    return {"pdf": pdf_text(pk_pdf(document)), "docx": docx_text(pk_docx(document))}


def test_the_heads_pk_prints_parties_annex_and_total_in_pdf_and_word(head_pk):
    targets = list(head_pk.targets.all())
    budgets = list(head_pk.budgets.all())
    total = sum((row.amount or Decimal(0) for row in budgets), Decimal(0))
    assert total == Decimal("11217712189.00")  # the demo's programs of 2019
    for fmt, text in _both(head_pk).items():
        for expected in (
            "PERJANJIAN KINERJA TAHUN 2019 BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA "
            "KOTA BONTANG",
            "LAMPIRAN PERJANJIAN KINERJA TAHUN 2019",
            OPENING,
            *COMMITMENTS,
            "Pejabat Contoh C, S.E., M.M.",
            "Wali Kota Contoh",
            HEAD_NIP,
            "Bontang, 15 April 2019",
            "Jumlah {}".format(format_rupiah(total)),
            "DRAF",
        ):
            assert _flat(expected) in text, (fmt, expected)
        assert text.count(HEAD_NIP) == 2, fmt  # under the statement and under the annex
        assert "NIP" not in text.replace(HEAD_NIP, ""), fmt  # the Wali Kota has none: no line
        for row in targets:
            for value in (row.statement, row.name, row.target_raw):
                assert _flat(value) in text, (fmt, value)
        for row in budgets:
            assert _flat(row.name) in text, (fmt, row.name)
            if row.amount is not None:
                assert format_rupiah(row.amount) in text, (fmt, row.name)
        assert "DATA CONTOH" not in text, fmt


def test_an_administrators_pk_prints_both_nips_and_merges_the_sasaran_in_word(bidang_pk):
    assert (bidang_pk.first_nip, bidang_pk.second_nip) == (
        "197809092003121003",
        "197106201995031001",
    )
    for fmt, text in _both(bidang_pk).items():
        assert "PERJANJIAN KINERJA TAHUN 2019 BIDANG PENGEMBANGAN APARATUR BADAN" in text, fmt
        for expected in (
            "Pejabat Contoh D, S.Kom.",
            "Pejabat Contoh C, S.E., M.M.",
            "NIP. 19780909 200312 1 003",
            HEAD_NIP,
            "Kegiatan Anggaran (Rp)",
        ):
            assert expected in text, (fmt, expected)
        for row in bidang_pk.targets.all():
            assert _flat(row.name) in text and row.target_raw in text, fmt
        total = format_rupiah(sum((b.amount or 0 for b in bidang_pk.budgets.all()), Decimal(0)))
        assert "Jumlah {}".format(total) in text, fmt

    table = Document(io.BytesIO(pk_docx(pk_document(bidang_pk)))).tables[1]
    assert [c.text for c in table.rows[0].cells] == ["No", "Sasaran", "Indikator Kinerja", "Target"]
    merges = [[tc.vMerge for tc in row._tr.tc_lst][:2] for row in table.rows[1:]]
    # The demo's three rows share one sasaran: one cell (and one number) over the three.
    assert merges == [["restart", "restart"], ["continue", "continue"], ["continue", "continue"]]


def test_the_word_file_is_f4_with_its_margins_and_the_annex_on_a_new_page(head_pk):
    document = Document(io.BytesIO(pk_docx(pk_document(head_pk))))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (215, 330)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [20, 20, 30, 20]
    annex = [p for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert [p.text for p in annex] == ["LAMPIRAN PERJANJIAN KINERJA TAHUN 2019"]
    budget = document.tables[2]
    assert budget.style.name == "Table Grid"  # printed with its borders
    assert [c.text for c in budget.rows[-1].cells] == ["Jumlah", "Jumlah", "11.217.712.189"]


def test_the_pdf_is_f4_portrait(head_pk):
    reader = PdfReader(io.BytesIO(pk_pdf(pk_document(head_pk))))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        215,
        330,
    )
    pages = [page.extract_text() for page in reader.pages]
    assert ["LAMPIRAN PERJANJIAN KINERJA TAHUN 2019" in page for page in pages] == [False, True]


def test_a_signed_pk_has_no_draft_mark_an_example_says_so_and_a_perubahan_is_titled(
    head_pk, planner
):
    PerformanceAgreement.objects.filter(pk=head_pk.pk).update(is_example=True)
    sign_agreement(agreement=_loaded(head_pk), user=planner)
    signed = _loaded(head_pk)
    for fmt, text in _both(signed).items():
        assert "DRAF" not in text and "DATA CONTOH" in text, fmt
    new = agreement_perubahan(agreement=signed, reason="Refocusing anggaran", user=planner)
    document = pk_document(_loaded(new))
    assert document.heading[:2] == ("PERJANJIAN KINERJA TAHUN 2019", "PERUBAHAN")
    assert document.marks == ("DRAF", "DATA CONTOH")


def test_text_with_typst_markup_prints_as_typed(head_pk):
    typed = 'Sasaran "uji" #set *tebal* [kurung] \\ $x$ <label> @ref'
    AgreementTarget.objects.filter(agreement=head_pk).update(statement=typed)
    assert typed in pdf_text(pk_pdf(pk_document(head_pk)))


def test_the_document_is_read_in_two_queries(head_pk, django_assert_num_queries):
    with django_assert_num_queries(2):
        pk_document(head_pk)


def test_pdf_and_word_are_downloaded_by_who_reads_the_agency(client, head_pk, planner, v2):
    client.force_login(planner)
    for fmt, start in (("pdf", b"%PDF"), ("docx", b"PK")):
        answer = client.get(reverse("sakip:pk_download", args=[head_pk.pk, fmt]))
        assert answer.status_code == 200 and answer.content.startswith(start), fmt
        unit = head_pk.unit.name.lower().replace(" ", "-")
        assert answer["Content-Disposition"] == (
            'attachment; filename="pk-bkpsdm-2019-{}-1.{}"'.format(unit, fmt)
        )
    assert client.get("/pk/{}/pk.odt".format(head_pk.pk)).status_code == 404
    other = get_user_model().objects.create_user("perencana-lain-pk", password="rahasia-123")
    elsewhere = Agency.objects.create(region=v2.plan.agency.region, short_name="X", name="Dinas X")
    Membership.objects.create(user=other, role="planner", agency=elsewhere)
    client.force_login(other)
    for fmt in ("pdf", "docx"):
        answer = client.get(reverse("sakip:pk_download", args=[head_pk.pk, fmt]))
        assert answer.status_code == 404, fmt
    client.logout()
    assert client.get(reverse("sakip:pk_download", args=[head_pk.pk, "docx"])).status_code == 404


def test_a_long_annex_keeps_the_signatures_with_the_last_rows_and_the_total(bidang_pk):
    AgreementBudget.objects.bulk_create(
        AgreementBudget(
            agreement=bidang_pk,
            order=100 + n,
            level="kegiatan",
            name="Kegiatan tambahan nomor {}".format(n),
            amount_raw="1.000",
            amount=Decimal(1000),
        )
        for n in range(1, 61)
    )
    document = pk_document(bidang_pk)
    assert len(document.budgets) == 76
    for amount in range(60, 20, -3):
        # With the table ending anywhere on a page, the signatures follow it there or move
        # with its last rows (under its header again) to the next page.
        AgreementBudget.objects.filter(agreement=bidang_pk, order__gt=100 + amount).delete()
        pages = [
            _flat(page.extract_text())
            for page in PdfReader(io.BytesIO(pk_pdf(pk_document(bidang_pk)))).pages
        ]
        last = pages[-1]
        assert "Kegiatan tambahan nomor {}".format(amount) in last, amount
        assert "Jumlah" in last and "Anggaran (Rp)" in last, amount
        assert last.count("NIP. ") == 2 and "Pejabat Contoh D, S.Kom." in last, amount


def test_a_pk_whose_rows_were_all_removed_still_prints_with_a_zero_total(head_pk):
    AgreementTarget.objects.filter(agreement=head_pk).delete()
    AgreementBudget.objects.filter(agreement=head_pk).delete()
    for fmt, text in _both(head_pk).items():
        assert "Jumlah 0" in text and HEAD_NIP in text, fmt
