"""The XLSX renderer (XlsxWriter) read back with openpyxl, on tables built here: one shared
format per look, numbers with their formats, user text inert wherever it lands, the print
setup, widths and the print area. The plan's own tables: tests/reports/test_renderers.py."""

import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from renstra.render.cells import formula_like
from renstra.render.formats import render_table
from renstra.render.renderers.xlsx import render_workbook, sheet_title
from renstra.render.table import (
    Cell,
    CellKind,
    Column,
    HeaderCell,
    Row,
    Signatory,
    Table,
    merge_down,
    total_row,
)

COLUMNS = [
    Column("kode", "Kode", CellKind.CODE),
    Column("uraian", "Uraian"),
    Column("rp", "Rp", CellKind.MONEY),
    Column("n", "Volume", CellKind.NUMBER),
    Column("persen", "Capaian", CellKind.PERCENT),
]


def _rows(count: int) -> list[Row]:
    rows = []
    for n in range(count):
        rows.append(
            Row(
                [
                    Cell("{:02}".format(n), CellKind.CODE),
                    Cell("Kegiatan {}".format(n)),
                    Cell(Decimal(n * 1000) + (Decimal("0.5") if n % 3 == 0 else 0), CellKind.MONEY),
                    Cell(Decimal(n) / 4, CellKind.NUMBER),
                    Cell(Decimal(n % 120), CellKind.PERCENT),
                ],
                style="program" if n % 10 == 0 else "activity",
                level=n % 3,
                marks=["ditandai"] if n % 7 == 0 else [],
            )
        )
    return rows


def _table(rows: list[Row], **fields) -> Table:
    fields.setdefault("header_rows", [[HeaderCell(c.label) for c in COLUMNS]])
    fields.setdefault("subtitle", "Badan Uji")
    return Table(key="uji", title="Tabel Uji", columns=COLUMNS, rows=rows, **fields)


def _sheet(body: bytes):
    return openpyxl.load_workbook(io.BytesIO(body)).active


def _find(ws, text):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError("{!r} not in sheet".format(text))


def test_cells_share_a_few_formats_however_many_there_are():
    rows = _rows(3000)
    rows.append(total_row("Jumlah", COLUMNS, {2: Decimal(1), 3: Decimal(2)}, label_span=2))
    body = render_table(_table(rows), "xlsx")
    styles = zipfile.ZipFile(io.BytesIO(body)).read("xl/styles.xml").decode()
    cell_xfs = re.search(r'<cellXfs count="(\d+)"', styles)
    assert int(cell_xfs.group(1)) < 60  # for 15,000 cells: a few dozen looks, each made once
    ws = _sheet(body)
    first = _find(ws, "Kegiatan 1").row
    assert ws.cell(row=first + 2998, column=2).value == "Kegiatan 2999"
    assert ws.cell(row=first + 2998, column=3).value == 2999000


def test_numbers_are_numbers_with_their_format():
    ws = _sheet(render_table(_table(_rows(4)), "xlsx"))
    row = _find(ws, "Kegiatan 3").row
    money, number, percent = (ws.cell(row=row, column=c) for c in (3, 4, 5))
    assert (money.value, money.data_type, money.number_format) == (3000.5, "n", "#,##0.00")
    assert (number.value, number.number_format) == (0.75, "#,##0.##")
    assert (percent.value, percent.number_format) == (0.03, "0.00%")
    whole = ws.cell(row=row - 1, column=3)
    assert (whole.value, whole.number_format) == (2000, "#,##0")


def test_rows_keep_their_look():
    ws = _sheet(render_table(_table(_rows(8)), "xlsx"))
    header = _find(ws, "Uraian")
    assert header.font.bold and header.fill.fgColor.rgb.endswith("E4E7EC")
    assert header.alignment.horizontal == "center" and header.border.bottom.style == "thin"
    program, marked = _find(ws, "Kegiatan 0"), _find(ws, "Kegiatan 7")
    assert program.font.bold and not _find(ws, "Kegiatan 1").font.bold
    assert marked.fill.fgColor.rgb.endswith("FFF1D6")
    assert _find(ws, "Kegiatan 2").alignment.indent == 2  # the level, in the Uraian column
    assert ws.cell(row=marked.row, column=1).alignment.indent == 0


def test_merged_cells_down_and_across():
    rows = _rows(3)
    merge_down(rows, 0)  # one code over three rows
    rows.append(total_row("Jumlah", COLUMNS, {2: Decimal(3000)}, label_span=2))
    ws = _sheet(render_table(_table(rows), "xlsx"))
    first = _find(ws, "Kegiatan 0").row
    jumlah = _find(ws, "Jumlah")
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A{}:A{}".format(first, first + 2) in merged
    assert "A{0}:B{0}".format(jumlah.row) in merged
    assert ws.cell(row=first + 1, column=1).value is None
    assert jumlah.border.top.style == "medium" and jumlah.fill.fgColor.rgb.endswith("F1F2F4")


def test_two_header_rows_merged_over_their_columns():
    header_rows = [
        [HeaderCell("Kode", rowspan=2), HeaderCell("Uraian", rowspan=2), HeaderCell("Nilai", 3)],
        [HeaderCell("Rp"), HeaderCell("Volume"), HeaderCell("Capaian")],
    ]
    ws = _sheet(render_table(_table(_rows(2), header_rows=header_rows), "xlsx"))
    nilai = _find(ws, "Nilai")
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"C{0}:E{0}".format(nilai.row), "A{}:A{}".format(nilai.row, nilai.row + 1)} <= merged
    assert _find(ws, "Rp").coordinate == "C{}".format(nilai.row + 1)
    assert ws.print_title_rows == "${}:${}".format(nilai.row, nilai.row + 2)
    assert ws.freeze_panes == "A{}".format(nilai.row + 3)


PAYLOAD = '=HYPERLINK("http://evil.example","klik")'


def test_user_text_is_inert_wherever_it_is_written():
    rows = _rows(2)
    rows[0].cells[1] = Cell(PAYLOAD)
    rows[1].cells[0] = Cell("@SUM(1+1)", CellKind.CODE)
    table = _table(
        rows,
        subtitle="+62 812 " + PAYLOAD,
        preamble=["-" + PAYLOAD],
        header_rows=[[HeaderCell(c.label) for c in COLUMNS[:-1]] + [HeaderCell(PAYLOAD)]],
        notes=["=1+1"],
        signatories=[Signatory(position="=cmd|' /C calc'!A0", name=PAYLOAD, nip="1")],
    )
    body = render_table(table, "xlsx")
    sheet = zipfile.ZipFile(io.BytesIO(body)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    ws = _sheet(body)
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    hostile = [c for c in texts if formula_like(c.value)]
    assert len(hostile) == 8
    assert all(c.data_type == "s" and c.quotePrefix for c in hostile)
    assert not any(c.quotePrefix for c in texts if not formula_like(c.value))


def test_a_line_typed_in_a_browser_and_a_control_character():
    rows = _rows(1)
    rows[0].cells[1] = Cell("baris satu\r\nbaris dua\x01")
    ws = _sheet(render_table(_table(rows), "xlsx"))  # openpyxl refused \x01: no workbook at all
    cell = ws.cell(row=_find(ws, "00").row, column=2)
    assert cell.value.startswith("baris satu\nbaris dua")


def test_print_setup_on_a4_with_the_running_title():
    table = _table(_rows(3), running_title="RENSTRA DINAS A & B 2016-2021")
    ws = _sheet(render_table(table, "xlsx", paper="a4"))
    setup = ws.page_setup
    assert (int(setup.paperSize), setup.orientation) == (9, "landscape")
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_options.horizontalCentered
    margins = ws.page_margins
    assert (margins.left, margins.right, margins.top, margins.bottom) == (0.4, 0.4, 0.5, 0.5)
    assert ws.oddFooter.center.text == "Halaman &P dari &N"
    assert ws.oddHeader.center.text == "RENSTRA DINAS A && B 2016-2021"  # '&&' prints one '&'


def test_a_long_running_title_is_cut_to_excels_limit_not_dropped():
    title = "RENSTRA DINAS A & B " * 20
    ws = _sheet(render_table(_table(_rows(1), running_title=title), "xlsx"))
    header = ws.oddHeader.center.text
    assert len(header) <= 253 and title.replace("&", "&&").startswith(header)
    assert (len(header) - len(header.rstrip("&"))) % 2 == 0  # no lone "&" at the end


def test_column_widths_in_characters_as_before():
    ws = _sheet(render_table(_table(_rows(3)), "xlsx"))
    widths = {}
    for dimension in ws.column_dimensions.values():  # equal neighbours come as one range
        for index in range(dimension.min, dimension.max + 1):
            widths[index] = dimension.width
    # Kode 12, Uraian its longest text ("Kegiatan 0") + 2, Rp 17, Volume 12, Capaian 10: the
    # widths openpyxl stored (Excel shows 12 as 11.29 characters and some padding).
    assert widths == {1: 12, 2: 12, 3: 17, 4: 12, 5: 10}


def test_the_notes_are_printed():
    table = _table(_rows(2), notes=["DATA CONTOH: bukan realisasi sebenarnya.", "Catatan dua."])
    ws = _sheet(render_table(table, "xlsx"))
    last = _find(ws, "Catatan dua.")
    assert ws.print_area == "'{}'!$A$1:$E${}".format(ws.title, last.row)
    assert last.fill.fgColor.rgb.endswith("FFF1D6")


def test_an_empty_table_says_so_across_its_width():
    table = _table([], empty_text="TUJUAN DAN SASARAN TIDAK MASUK DALAM RPJMD")
    ws = _sheet(render_table(table, "xlsx"))
    cell = _find(ws, "TUJUAN DAN SASARAN TIDAK MASUK DALAM RPJMD")
    assert "A{0}:E{0}".format(cell.row) in {str(r) for r in ws.merged_cells.ranges}
    assert cell.font.bold and cell.alignment.horizontal == "center"


@pytest.mark.parametrize(
    "title,taken,expected",
    [
        ("Tabel 6.1", set(), "Tabel 6.1"),
        ("a/b:c?", set(), "a-b-c-"),
        ("'Kutip'", set(), "Kutip"),
        ("", set(), "Tabel"),
        ("TABEL 6.1", {"tabel 6.1"}, "TABEL 6.1 (2)"),
        ("x" * 40, set(), "x" * 31),
    ],
)
def test_sheet_titles_excel_accepts(title, taken, expected):
    assert sheet_title(title, set(taken)) == expected


def test_tables_whose_titles_differ_only_in_case_get_a_sheet_each():
    tables = [
        Table(key="k", title=title, subtitle="", columns=COLUMNS[:1], header_rows=[], rows=[])
        for title in ("Daftar Temuan", "DAFTAR TEMUAN")
    ]
    book = openpyxl.load_workbook(io.BytesIO(render_workbook(tables)))
    assert book.sheetnames == ["Daftar Temuan", "DAFTAR TEMUAN (2)"]
