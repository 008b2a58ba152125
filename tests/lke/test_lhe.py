"""The LHE (Laporan Hasil Evaluasi) of an LKE evaluation walked to final through the services:
its total and grade equal the ones worked out here by hand from the test template's weights,
and the PDF and the Word file read back with the same figures, chapters, components, the
evaluator's reason for differing from the system, the recommendations and last year's follow-up;
an evaluation not final is marked DRAF."""

import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from renstra.lke.choices import RecommendationStatus
from renstra.lke.lhe_content import CHAPTERS, lhe_content
from renstra.lke.lhe_docx import lhe_docx
from renstra.lke.lhe_pdf import lhe_pdf
from renstra.lke.models import LkeComponent
from renstra.lke.recommendations import add_recommendation, update_recommendation
from renstra.lke.services import (
    finalize,
    return_to_evaluator,
    save_evaluator_answer,
    save_review_answer,
    save_self_answer,
    start_evaluation,
    submit_evaluation,
    submit_self,
)
from tests.lke.conftest import answer_rest, answers_by_code

# The test template's sub-component weights (tests/lke/fixtures/lke-uji.yaml) and the fractions
# of the answers (PermenPAN-RB 88/2021), written out again here rather than read from the code.
WEIGHTS = {
    "1.a": Decimal(6),
    "1.b": Decimal(9),
    "1.c": Decimal(15),
    "2.a": Decimal(6),
    "2.b": Decimal(9),
    "2.c": Decimal(15),
    "3.a": Decimal(3),
    "3.b": Decimal("4.5"),
    "3.c": Decimal("7.5"),
    "4.a": Decimal(5),
    "4.b": Decimal("7.5"),
    "4.c": Decimal("12.5"),
}
FRACTION = {
    "Y": Decimal(1),
    "T": Decimal(0),
    "A": Decimal(1),
    "B": Decimal("0.75"),
    "C": Decimal("0.5"),
    "D": Decimal("0.25"),
    "E": Decimal(0),
}
# The agency's own answers: everything at the top but two.
SELF = {
    "1.a.1": "Y",
    "1.a.2": "Y",
    "1.b.1": "A",
    "1.b.2": "C",
    "1.c.1": "A",
    "2.a.1": "Y",
    "2.b.1": "A",
    "2.c.1": "A",
    "3.a.1": "Y",
    "3.b.1": "B",
    "3.c.1": "A",
    "4.a.1": "Y",
    "4.b.1": "A",
    "4.c.1": "A",
    "4.c.2": "A",
}
# The evaluator's values; the stub suggests 1.a.1 Y, 1.b.1 B and 3.a.1 T (tests/lke/conftest.py):
# 1.b.1 and 3.a.1 differ from the suggestion, with these reasons.
EVALUATOR = {
    "1.a.1": "Y",
    "1.a.2": "Y",
    "1.b.1": "C",
    "1.b.2": "B",
    "1.c.1": "B",
    "2.a.1": "Y",
    "2.b.1": "A",
    "2.c.1": "C",
    "3.a.1": "Y",
    "3.b.1": "B",
    "3.c.1": "C",
    "4.a.1": "Y",
    "4.b.1": "B",
    "4.c.1": "D",
    "4.c.2": "B",
}
REASONS = {
    "1.b.1": "Dua indikator sasaran belum mempunyai satuan dan formula.",
    "3.a.1": "LKjIP diserahkan dalam bentuk cetak di luar sistem pada 28 Februari.",
}
# The head of the inspectorate raises 4.c.2 in review.
REVIEW = {"4.c.2": "A"}
CARRIED_TEXT = "Susun Indikator Kinerja Utama yang terukur untuk setiap sasaran."
FOLLOW_UP = "IKU direviu bersama Bappeda; dua indikator telah diganti."
RETURN_NOTE = "Periksa kembali bukti kriteria 2.c.1."
NEW_TEXT = "Tetapkan jadwal pengisian realisasi triwulanan dan pantau ketepatannya."


def _by_hand(values: dict[str, str]) -> Decimal:
    """Σ sub-component weight × mean of its criteria's fractions."""
    by_sub: dict[str, list[Decimal]] = {}
    for code, value in values.items():
        by_sub.setdefault(code.rsplit(".", 1)[0], []).append(FRACTION[value])
    return sum(
        (WEIGHTS[sub] * sum(fractions) / len(fractions) for sub, fractions in by_sub.items()),
        Decimal(0),
    )


def _printed(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)).replace(".", ",")


def _grade(total: Decimal) -> str:
    """The grade of PermenPAN-RB 88/2021 by its thresholds (a score above the bound)."""
    bounds = ((90, "AA (Sangat Memuaskan)"), (80, "A (Memuaskan)"), (70, "BB (Sangat Baik)"))
    bounds += ((60, "B (Baik)"), (50, "CC (Cukup)"), (30, "C (Kurang)"))
    return next((name for bound, name in bounds if total > bound), "D (Sangat Kurang)")


FINAL_VALUES = {**EVALUATOR, **REVIEW}


def test_the_totals_worked_out_by_hand():
    # 6 + 5,625 + 11,25 + 6 + 9 + 7,5 + 3 + 3,375 + 3,75 + 5 + 5,625 + 7,8125
    total = _by_hand(FINAL_VALUES)
    assert total == Decimal("73.9375")
    assert (_printed(total), _grade(total)) == ("73,94", "BB (Sangat Baik)")
    # 100 - 9 × 0,25 (1.b.2 C) - 4,5 × 0,25 (3.b.1 B): half up, not half even (96,62)
    own = _by_hand(SELF)
    assert own == Decimal("96.625")
    assert (_printed(own), _grade(own)) == ("96,63", "AA (Sangat Memuaskan)")


@pytest.fixture
def final_2019(template, agency, planner, auditor, inspector):
    """The 2019 evaluation walked to final: last year's recommendation carried and followed
    up, the self-assessment, the evaluator's values with two overrides and a recommendation,
    the review raising one value, final by the head of the inspectorate."""
    inspector.first_name, inspector.last_name = "Rahmat", "Hidayat"
    inspector.save()
    last = start_evaluation(agency=agency, year=2018, user=auditor)
    # Last year's is there for its recommendation: answered T / E throughout (a stage is
    # submitted only with every criterion answered), its score 0 as when left unanswered.
    answer_rest(last, "self_value", planner)
    last = submit_self(evaluation=last, user=planner)
    add_recommendation(evaluation=last, text=CARRIED_TEXT, user=auditor)
    answer_rest(last, "evaluator_value", auditor)
    submit_evaluation(evaluation=last, user=auditor)
    finalize(evaluation=last, user=inspector)

    evaluation = start_evaluation(agency=agency, year=2019, user=auditor)
    answers = answers_by_code(evaluation)
    for code, value in SELF.items():
        save_self_answer(answer=answers[code], value=value, user=planner)
    carried = evaluation.recommendations.get()
    update_recommendation(
        recommendation=carried,
        status=RecommendationStatus.IN_PROGRESS,
        follow_up=FOLLOW_UP,
        user=planner,
    )
    evaluation = submit_self(evaluation=evaluation, user=planner)
    answers = answers_by_code(evaluation)
    for code, value in EVALUATOR.items():
        save_evaluator_answer(
            answer=answers[code],
            value=value,
            override_reason=REASONS.get(code, ""),
            user=auditor,
        )
    add_recommendation(
        evaluation=evaluation,
        text=NEW_TEXT,
        component=LkeComponent.objects.get(template=template, code="2"),
        user=auditor,
    )
    submit_evaluation(evaluation=evaluation, user=auditor)
    return_to_evaluator(evaluation=evaluation, note=RETURN_NOTE, user=inspector)
    evaluation = submit_evaluation(evaluation=evaluation, user=auditor)
    for code, value in REVIEW.items():
        save_review_answer(answer=answers[code], value=value, user=inspector)
    return finalize(evaluation=evaluation, user=inspector)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_content_has_the_totals_worked_out_by_hand(final_2019, agency):
    content = lhe_content(final_2019)
    total, own = _by_hand(FINAL_VALUES), _by_hand(SELF)
    assert (content.total, content.grade) == (_printed(total), _grade(total))
    assert (content.self_total, content.self_grade) == (_printed(own), _grade(own))
    assert content.marks == ()
    assert content.file_stem == "lhe-bkpsdm-2019"
    assert content.cover_names == (agency.name.upper(), "PEMERINTAH KOTA BONTANG")
    rows = {line.number: line.cells() for line in content.scores if line.number}
    assert rows["1"] == ("1", "Perencanaan Kinerja", "30,00", "27,75", "22,88")
    assert rows["1.b"] == ("1.b", "Kualitas", "9,00", "6,75", "5,63")
    assert rows["4.c"] == ("4.c", "Pemanfaatan", "12,50", "12,50", "7,81")
    assert content.scores[-2].cells() == ("", "Nilai Akhir", "100,00", "96,63", "73,94")
    assert content.scores[-1].cells() == (
        "",
        "Predikat",
        "",
        "AA (Sangat Memuaskan)",
        "BB (Sangat Baik)",
    )
    assert [line.cells() for line in content.overrides] == [
        (
            "1",
            "1.b.1 Indikator kinerja telah terukur.",
            "B: 80 % indikator terukur.",
            "C",
            REASONS["1.b.1"],
        ),
        ("2", "3.a.1 LKjIP telah disusun.", "T: LKjIP belum ada.", "Y", REASONS["3.a.1"]),
    ]
    assert [r.cells() for r in content.recommendations] == [
        ("1", "2 Pengukuran Kinerja", NEW_TEXT, "Belum ditindaklanjuti")
    ]
    assert [r.carried_cells() for r in content.carried] == [
        ("1", "Umum", CARRIED_TEXT, "Dalam proses", FOLLOW_UP)
    ]
    assert [(s.stage, s.by) for s in content.stages] == [
        ("Evaluasi dimulai", "auditor_lke"),
        ("Penilaian mandiri diajukan", "perencana_lke"),
        ("Hasil evaluasi diajukan untuk reviu", "auditor_lke"),
        ("Dikembalikan kepada evaluator: " + RETURN_NOTE, "Rahmat Hidayat"),
        ("Hasil evaluasi ditetapkan (final)", "Rahmat Hidayat"),
    ]
    assert all(s.day != "belum" for s in content.stages)
    (signature,) = content.signatures
    assert (signature.position, signature.name) == ("Inspektur Kota Bontang", "Rahmat Hidayat")
    assert signature.place_date.startswith("Bontang, ")


def test_the_document_is_indonesian_whatever_the_users_language(final_2019):
    with translation.override("en"):
        content = lhe_content(final_2019)
    (signature,) = content.signatures
    assert " Desember 20" in signature.place_date
    assert content.carried[0].status == "Dalam proses"


def test_the_content_is_read_in_a_fixed_number_of_queries(final_2019, django_assert_num_queries):
    with django_assert_num_queries(5):
        lhe_content(final_2019)


def test_the_pdf_reads_back_the_figures_chapters_and_texts(final_2019):
    content = lhe_content(final_2019)
    reader = PdfReader(io.BytesIO(lhe_pdf(content)))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == list(CHAPTERS.values())
    text = _squash("".join(page.extract_text() for page in reader.pages))
    for expected in (
        "LAPORANHASILEVALUASI",
        "AKUNTABILITASKINERJAINSTANSIPEMERINTAH",
        "PEMERINTAHKOTABONTANG",
        "73,94",
        "96,63",
        "BB(SangatBaik)",
        "AA(SangatMemuaskan)",
        "PerencanaanKinerja",
        "PengukuranKinerja",
        "PelaporanKinerja",
        "EvaluasiAkuntabilitasKinerjaInternal",
        REASONS["1.b.1"],
        REASONS["3.a.1"],
        NEW_TEXT,
        CARRIED_TEXT,
        FOLLOW_UP,
        "InspekturKotaBontang",
        "RahmatHidayat",
        "Halaman2dari",
    ):
        assert _squash(expected) in text, expected
    assert "DRAF" not in text


def _docx_texts(data: bytes) -> tuple[list[str], list[str], list[str]]:
    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    paragraphs = [p.text for p in document.paragraphs]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    header = [p.text for p in document.sections[0].header.paragraphs]
    return headings, paragraphs + header, cells


def test_the_word_file_reads_back_the_figures_chapters_and_texts(final_2019):
    content = lhe_content(final_2019)
    headings, paragraphs, cells = _docx_texts(lhe_docx(content))
    assert headings == list(CHAPTERS.values())
    for expected in ("LAPORAN HASIL EVALUASI", "PEMERINTAH KOTA BONTANG", "Rahmat Hidayat"):
        assert expected in paragraphs
    assert "Inspektur Kota Bontang" in paragraphs
    assert any("73,94" in p and "BB (Sangat Baik)" in p for p in paragraphs)
    assert "BB\n(Sangat Baik)" in cells  # the grade row: the label below the grade
    for expected in (
        "73,94",
        "96,63",
        "Perencanaan Kinerja",
        "Pengukuran Kinerja",
        "Pelaporan Kinerja",
        "Evaluasi Akuntabilitas Kinerja Internal",
        REASONS["1.b.1"],
        NEW_TEXT,
        CARRIED_TEXT,
        FOLLOW_UP,
    ):
        assert expected in cells, expected
    assert "DRAF" not in paragraphs


def test_an_evaluation_not_final_is_a_draft(evaluation):
    content = lhe_content(evaluation)
    assert content.marks == ("DRAF",)
    assert content.total == "0,00"
    assert content.grade == "D (Sangat Kurang)"
    (signature,) = content.signatures
    assert signature.name == "........................"
    pdf = PdfReader(io.BytesIO(lhe_pdf(content)))
    assert all("DRAF" in page.extract_text() for page in pdf.pages)
    _headings, paragraphs, _cells = _docx_texts(lhe_docx(content))
    assert "DRAF" in paragraphs
