"""XLSX, PDF and CSV renderers, read back the way a user's tools would read them."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from renstra.render.formats import render_table
from renstra.render.registry import TABLES
from renstra.render.table import Cell, CellKind, Column, HeaderCell, Row, Table
from renstra.reports.export import build_table, render_plan


def _sheet(body: bytes):
    return openpyxl.load_workbook(io.BytesIO(body)).active


def _find(ws, text):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError("{!r} not in sheet".format(text))


def test_xlsx_of_tabel_6_1_has_numeric_amounts_that_add_up(v2):
    ws = _sheet(render_table(build_table(v2, "6.1"), "xlsx"))
    program = _find(ws, "16")
    year_2019 = _find(ws, "2019").column
    kegiatan_rows = []
    row = program.row + 1
    while ws.cell(row=row, column=1).value != "48":
        kegiatan_rows.append(row)
        row += 1
    declared = ws.cell(row=program.row, column=year_2019)
    assert (declared.value, declared.data_type, declared.number_format) == (
        5078274020,
        "n",
        "#,##0",
    )
    amounts = [ws.cell(row=r, column=year_2019).value for r in kegiatan_rows]
    assert all(isinstance(a, int | float | Decimal) for a in amounts if a is not None)
    assert sum(a for a in amounts if a is not None) == 5078274020
    assert ws.cell(row=program.row, column=2).font.bold is True
    assert ws.cell(row=kegiatan_rows[0], column=2).font.bold is False


def test_xlsx_header_title_block_and_print_setup(v2):
    ws = _sheet(render_table(build_table(v2, "6.1"), "xlsx"))
    assert ws["A1"].value == "TABEL 6.1 PENDANAAN INDIKATIF"
    assert "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bontang" in ws["A2"].value
    assert "versi 2" in ws["A2"].value
    assert ws["A3"].value.startswith("Dicetak ")
    funding = _find(ws, "Pendanaan Indikatif")
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert (
        "{}:{}".format(
            funding.coordinate, ws.cell(row=funding.row, column=funding.column + 4).coordinate
        )
        in merged
    )
    numbers = [ws.cell(row=funding.row + 2, column=c).value for c in range(1, 8)]
    assert numbers == ["1", "2", "3", "4", "5", "6", "7"]
    assert ws.freeze_panes == "A{}".format(funding.row + 3)
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 14
    assert ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "${}:${}".format(funding.row, funding.row + 2)


def _hostile_table():
    texts = ["=SUM(A1:A2)", "+62 812", "@cmd", "-1+2", "-", "-5"]
    return Table(
        key="x",
        title="Uji",
        subtitle="",
        columns=[Column("teks", "Teks"), Column("rp", "Rp", CellKind.MONEY)],
        header_rows=[[HeaderCell("Teks"), HeaderCell("Rp")]],
        rows=[Row([Cell(t), Cell(Decimal("1000"), CellKind.MONEY)]) for t in texts],
    )


def test_text_that_looks_like_a_formula_stays_text_in_xlsx():
    ws = _sheet(render_table(_hostile_table(), "xlsx"))
    cells = [ws.cell(row=r, column=1) for r in range(1, ws.max_row + 1)]
    hostile = [c for c in cells if c.value in ("=SUM(A1:A2)", "+62 812", "@cmd", "-1+2", "-", "-5")]
    assert len(hostile) == 6
    assert {c.data_type for c in hostile} == {"s"}


def test_text_that_looks_like_a_formula_is_defused_in_csv():
    for excel in (False, True):
        body = render_table(_hostile_table(), "csv", excel=excel).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body), delimiter=";" if excel else ","))
        assert [r[0] for r in rows[1:]] == ["'=SUM(A1:A2)", "'+62 812", "'@cmd", "'-1+2", "-", "-5"]


def test_pdf_of_tabel_6_2_repeats_the_header_and_numbers_its_pages(v2):
    reader = PdfReader(io.BytesIO(render_table(build_table(v2, "6.2"), "pdf")))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert (
            "Kode Rek" in text and "Indikator Program/Kegiatan" in text and "Target Capaian" in text
        )
        assert "Halaman {} dari {}".format(number, len(pages)) in text
        assert "RENSTRA BKPSDM KOTA BONTANG 2016-2021 (REVIEW)" in text
    assert "Persentase kelulusan peserta diklat" in pages[0]
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (330, 215)


def test_pdf_on_a4(v2):
    reader = PdfReader(io.BytesIO(render_table(build_table(v2, "6.1"), "pdf", paper="a4")))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (297, 210)


def test_whole_plan_workbook_has_a_sheet_per_table_in_document_order(v2):
    workbook = openpyxl.load_workbook(io.BytesIO(render_plan(v2, "xlsx")))
    assert workbook.sheetnames == [
        "Tabel 5.1",
        "Indikator Tujuan dan Sasaran",
        "Tabel 6.1",
        "Tabel 6.2",
        "Tabel 7.1",
        "T-C.27",
    ]
    assert workbook.sheetnames.index("Tabel 6.1") < workbook.sheetnames.index("Tabel 6.2")


def test_whole_plan_pdf_starts_with_a_cover(v2):
    reader = PdfReader(io.BytesIO(render_plan(v2, "pdf")))
    cover = " ".join(reader.pages[0].extract_text().split())
    assert (
        "Rencana Strategis Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bontang"
        in cover
    )
    assert "Periode 2016-2021" in cover
    text = "".join(page.extract_text() for page in reader.pages[1:])
    for definition in TABLES.values():
        if definition.in_plan_document:
            assert definition.title.upper() in " ".join(text.upper().split())


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf", "html"])
def test_every_table_in_every_format_from_its_page(client, v2, fmt):
    for key, definition in TABLES.items():
        response = client.get("/versi/{}/tabel/{}.{}".format(v2.pk, key, fmt))
        assert response.status_code == 200, key
        table = build_table(v2, key)
        if fmt == "csv":
            assert response.content.decode().splitlines()[0] == ",".join(
                c.key for c in table.columns
            )
        elif fmt == "xlsx":
            assert _sheet(response.content)["A1"].value == definition.title.upper()
        elif fmt == "pdf":
            text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
            assert definition.title.upper() in text.upper()
        else:
            assert "<h1>{}</h1>".format(definition.title) in response.content.decode()
    page = client.get("/versi/{}/tabel/6.2/".format(v2.pk)).content.decode()
    assert "/versi/{}/tabel/6.2.{}".format(v2.pk, fmt) in page


def test_cli_exports_one_table_and_the_whole_plan(v2, tmp_path):
    call_command("export", plan=v2.pk, table="6.1", format="xlsx", output=str(tmp_path / "t.xlsx"))
    assert _find(_sheet((tmp_path / "t.xlsx").read_bytes()), "16.58").row > 5
    call_command(
        "export", plan=v2.pk, all=True, format="pdf", paper="a4", output=str(tmp_path / "r.pdf")
    )
    assert len(PdfReader(str(tmp_path / "r.pdf")).pages) > 5
    with pytest.raises(CommandError, match="Dengan --all pilih --format xlsx atau pdf"):
        call_command("export", plan=v2.pk, all=True, format="csv")
    with pytest.raises(CommandError, match="Kertas 'a3' tidak dikenal"):
        call_command("export", plan=v2.pk, table="6.1", format="pdf", paper="a3")


def test_whole_plan_downloads(client, v2):
    assert client.get("/versi/{}/renstra.xlsx".format(v2.pk))["Content-Type"].startswith(
        "application/vnd.openxml"
    )
    assert (
        client.get("/versi/{}/renstra.pdf?kertas=a4".format(v2.pk))["Content-Type"]
        == "application/pdf"
    )
    assert client.get("/versi/{}/renstra.csv".format(v2.pk)).status_code == 404
