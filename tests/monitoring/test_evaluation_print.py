"""The evaluation table printed for signature: legible on F4 in three parts that repeat No.,
Kode and Indikator, the parts of the same rows on consecutive pages; "Jumlah", the average and
the predicate under the table; "Disusun" by the agency's head, "Dievaluasi" by Bappeda's."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from renstra.core.numbers import format_rupiah
from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.export import evaluation_table
from renstra.plans.models import AgencySignature
from renstra.render.formats import render_table
from renstra.render.renderers.pdf import _layout, _page_groups
from renstra.render.table import column_slice


@pytest.fixture
def signed(sample):
    AgencySignature.objects.create(
        agency=sample.plan.agency,
        place="Bontang",
        position="Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bontang",
        name="Drs. Budi Santoso, M.Si.",
        rank="Pembina Utama Muda (IV/c)",
        nip="197001011995031001",
    )
    return sample


@pytest.fixture
def table(signed):
    return evaluation_table(evaluate(signed, 2019))


@pytest.fixture
def pages(table) -> list[str]:
    reader = PdfReader(io.BytesIO(render_table(table, "pdf")))
    return [page.extract_text() for page in reader.pages]


def _column(table, key):
    return [c.key for c in table.columns].index(key)


def test_three_parts_at_a_legible_size_repeating_the_key_columns(table):
    parts = [column_slice(table, keep) for keep in table.print_parts]
    assert sorted({i for keep in table.print_parts for i in keep}) == list(range(31))
    for part in parts:
        assert [c.key for c in part.columns[:3]] in (
            ["no", "sasaran", "kode"],
            ["no", "kode", "indikator"],
        )
        _widths, font, _rooms = _layout(part, "f4")
        assert font >= 6.0, (part.column_numbers, font)
    # The form's column numbers stay those of the whole table.
    assert parts[1].column_numbers[:4] == ["1", "3", "5", "12"]
    assert parts[2].column_numbers[-1] == "31"


def test_the_printed_evaluation(table, pages):
    """One rendering (15 s on the demo), read back for all that the print must hold."""
    _the_parts_of_the_same_rows_follow_each_other_page_by_page(table, pages)
    _header_words_are_never_split(pages)
    _jumlah_is_the_sum_of_the_programs_and_the_signature_block_closes_it(table, pages)


def _the_parts_of_the_same_rows_follow_each_other_page_by_page(table, pages):
    parts = [column_slice(table, keep) for keep in table.print_parts]
    groups = _page_groups(parts, [_layout(p, "f4") for p in parts], "f4")
    assert len(groups) > 1
    assert len(pages) == 3 * len(groups)  # no group ran over onto a page of its own
    kode = _column(table, "kode")
    for number, rows in enumerate(groups):
        codes = [table.rows[i].cells[kode].value for i in rows]
        codes = [c for c in codes if c]
        for part in range(3):
            text = pages[3 * number + part]
            assert (
                "Halaman {} dari {}, bagian {} dari 3".format(number + 1, len(groups), part + 1)
                in text
            )
            for code in codes:
                assert code in text, (number, part, code)


def _header_words_are_never_split(pages):
    words = ["penanggung", "Realisasi", "Triwulan", "Indikator", "Predikat", "Tindak"]
    for text in pages:
        for word in words:
            broken = [word[:i] + "\n" + word[i:] for i in range(2, len(word) - 1)]
            assert not any(b in text for b in broken), word


def _jumlah_is_the_sum_of_the_programs_and_the_signature_block_closes_it(table, pages):
    totals = [row for row in table.rows if row.total]
    assert [row.cells[0].value for row in totals] == [
        "Jumlah",
        "Rata-rata capaian kinerja (%)",
        "Predikat kinerja",
    ]
    programs = [row for row in table.rows if row.style == "program"]
    for key in ("5rp", "7rp", "8rp", "12rp", "13rp"):
        index = _column(table, key)
        expected = sum(
            (
                row.cells[index].value
                for row in programs  # a program's rows share its rupiah: counted once
                if row.cells[index].value is not None and not row.cells[index].covered
            ),
            Decimal(0),
        )
        assert expected > 0, key
        assert totals[0].cells[index].value == expected, key
    # The first part prints the plan's sums, the second the year's, on their last pages.
    assert format_rupiah(totals[0].cells[_column(table, "7rp")].value) in pages[-3]
    assert format_rupiah(totals[0].cells[_column(table, "12rp")].value) in pages[-2]
    last = pages[-1]
    assert "Rata-rata capaian kinerja" in last and "Predikat kinerja" in last
    for text in ("Disusun", "Dievaluasi", "Drs. Budi Santoso, M.Si.", "NIP. 19700101 199503 1 001"):
        assert text in last
    assert "Kepala Bappeda" in last
    assert all("Disusun" not in page for page in pages[:-1])


def test_without_a_signature_block_no_signatures(sample):
    table = evaluation_table(evaluate(sample, 2019))
    assert table.signatories == []
