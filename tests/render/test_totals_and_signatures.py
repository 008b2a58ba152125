"""The neutral table's total rows and signature block in every format, on tables built here
(no plan, no database): what any app's table gets from renstra.render."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from pypdf import PdfReader

from renstra.render.formats import render_table
from renstra.render.renderers.html import render_html_fragment
from renstra.render.renderers.xlsx import _signature_columns
from renstra.render.table import (
    Cell,
    CellKind,
    Column,
    HeaderCell,
    Row,
    Signatory,
    Table,
    column_slice,
    merge_right,
    total_row,
)

HEAD = Signatory(
    place_date="Bontang, 7 Desember 2026",
    position="Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    name="Drs. Budi Santoso, M.Si.",
    rank="Pembina Utama Muda (IV/c)",
    nip="19700101 199503 1 001",
)
COLUMNS = [
    Column("kode", "Kode", CellKind.CODE),
    Column("uraian", "Uraian"),
    Column("2020", "2020", CellKind.MONEY),
    Column("2021", "2021", CellKind.MONEY),
]


def _table(rows: int = 3, signatories=(HEAD,)) -> Table:
    body = [
        Row(
            [
                Cell("0{}".format(n), CellKind.CODE),
                Cell("Kegiatan {}".format(n)),
                Cell(Decimal(1000 * n), CellKind.MONEY),
                Cell(Decimal("0.50") * n, CellKind.MONEY),
            ]
        )
        for n in range(1, rows + 1)
    ]
    jumlah = total_row(
        "Jumlah",
        COLUMNS,
        {2: sum((r.cells[2].value for r in body), Decimal(0)), 3: Decimal("0.50") * 6},
        label_span=2,
    )
    grand = total_row("Total 2020–2021", COLUMNS, {2: Decimal("6003.00")}, label_span=2)
    merge_right(grand, 2, 2)
    return Table(
        key="uji",
        title="Tabel Uji",
        subtitle="Badan Uji",
        columns=COLUMNS,
        header_rows=[[HeaderCell(c.label) for c in COLUMNS]],
        rows=body + [jumlah, grand],
        signatories=list(signatories),
    )


def _sheet(table: Table):
    return openpyxl.load_workbook(io.BytesIO(render_table(table, "xlsx"))).active


def _find(ws, text):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError("{!r} not in sheet".format(text))


# --- the model ----------------------------------------------------------------------------------


def test_a_total_row_merges_its_label_and_keeps_each_columns_kind():
    row = total_row("Jumlah", COLUMNS, {2: Decimal(5)}, label_span=2)
    assert row.total and row.style == "total"
    assert [c.kind for c in row.cells] == [c.kind for c in COLUMNS]
    assert (row.cells[0].value, row.cells[0].colspan) == ("Jumlah", 2)
    assert row.cells[1].covered
    assert [c.value for c in row.cells[2:]] == [Decimal(5), None]
    table = _table()
    assert len(table.body_rows) == 3 and len(table.rows) == 5


# --- CSV, HTML ----------------------------------------------------------------------------------


def test_csv_has_one_line_per_item_and_no_total_line():
    rows = list(csv.reader(io.StringIO(render_table(_table(), "csv").decode("utf-8"))))
    assert rows[0] == ["kode", "uraian", "2020", "2021"]
    assert [r[0] for r in rows[1:]] == ["01", "02", "03"]


def test_html_prints_total_rows_bold_under_a_rule_and_the_signature_below():
    html = str(render_html_fragment(_table()))
    assert '<tr class="total level-0"><td class="code" colspan="2">Jumlah</td>' in html
    assert '<td class="num" colspan="2">6.003</td>' in html
    assert html.index("</table>") < html.index('<table class="signatures">')
    block = html[html.index('<table class="signatures">') :]
    texts = [
        "Bontang, 7 Desember 2026",
        "Kepala Badan Kepegawaian",
        "Drs. Budi Santoso, M.Si.",
        "Pembina Utama Muda (IV/c)",
        "NIP. 19700101 199503 1 001",
    ]
    assert [block.index(t) for t in texts] == sorted(block.index(t) for t in texts)
    # One signatory stands on the right: an empty cell on its left.
    assert '<td class="blank" style="width:55%"></td><td class="signatory"' in block
    standalone = render_table(_table(), "html").decode("utf-8")
    assert "tr.total td { font-weight: bold; border-top" in standalone


def test_no_signatories_no_block():
    table = _table(signatories=())
    assert "signatures" not in str(render_html_fragment(table))
    ws = _sheet(table)
    grand = _find(ws, "Total 2020–2021")
    assert ws.print_area == "'{}'!$A$1:$D${}".format(ws.title, grand.row)


# --- XLSX ---------------------------------------------------------------------------------------


def test_xlsx_total_rows_are_bold_numbers_under_a_heavier_rule():
    ws = _sheet(_table())
    jumlah = _find(ws, "Jumlah")
    assert "A{0}:B{0}".format(jumlah.row) in {str(r) for r in ws.merged_cells.ranges}
    sums = [ws.cell(row=jumlah.row, column=c) for c in (3, 4)]
    assert [c.value for c in sums] == [6000, 3]
    assert {c.data_type for c in sums} == {"n"}  # numbers, not formulas
    assert sums[0].number_format == "#,##0" and sums[1].number_format == "#,##0"
    assert all(c.font.bold for c in [jumlah, *sums])
    assert {c.border.top.style for c in [jumlah, *sums]} == {"medium"}
    item = ws.cell(row=jumlah.row - 1, column=3)
    assert not item.font.bold and item.border.top.style == "thin"
    grand = _find(ws, "Total 2020–2021")
    assert ws.cell(row=grand.row, column=3).value == 6003
    assert "C{0}:D{0}".format(grand.row) in {str(r) for r in ws.merged_cells.ranges}
    assert not any(cell.data_type == "f" for row in ws.iter_rows() for cell in row)


def test_xlsx_signature_block_stands_below_the_table_in_the_print_area():
    ws = _sheet(_table())
    grand = _find(ws, "Total 2020–2021")
    place = _find(ws, "Bontang, 7 Desember 2026")
    name = _find(ws, "Drs. Budi Santoso, M.Si.")
    nip = _find(ws, "NIP. 19700101 199503 1 001")
    assert grand.row < place.row < _find(ws, HEAD.position).row < name.row < nip.row
    assert place.column == name.column == nip.column > 1  # on the right
    assert name.font.bold and name.font.underline == "single"
    assert nip.data_type == "s"
    assert ws.print_area == "'{}'!$A$1:$D${}".format(ws.title, nip.row)
    # Room to sign between the position and the name.
    assert ws.row_dimensions[name.row - 1].height >= 50


def test_two_signatories_stand_side_by_side_with_their_lines_aligned():
    evaluator = Signatory(
        heading="Dievaluasi",
        place_date="Bontang, 8 Desember 2026",
        position="Kepala Bappeda",
        name="Ir. Siti Aminah",
        nip="19710202 199603 2 002",
    )
    composer = Signatory(
        heading="Disusun",
        place_date=HEAD.place_date,
        position=HEAD.position,
        name=HEAD.name,
        nip=HEAD.nip,
    )
    table = _table(signatories=(composer, evaluator))
    html = str(render_html_fragment(table))
    assert html.index("Disusun") < html.index("Dievaluasi")
    assert html.count('<td class="signatory" style="width:50.0%">') == 2
    ws = _sheet(table)
    left, right = _find(ws, "Disusun"), _find(ws, "Dievaluasi")
    assert left.row == right.row and left.column < right.column
    assert _find(ws, HEAD.name).row == _find(ws, "Ir. Siti Aminah").row


@pytest.mark.parametrize(
    "count,widths,groups",
    [
        (1, [12, 45, 17, 17, 17, 17, 17], [(5, 7)]),
        (2, [12, 45, 17, 17, 17, 17, 17], [(1, 3), (4, 7)]),
        (2, [10, 10, 10, 10], [(1, 2), (3, 4)]),
        (3, [10, 10, 10], [(1, 1), (2, 2), (3, 3)]),
    ],
)
def test_signature_columns(count, widths, groups):
    assert _signature_columns(count, widths) == groups


# --- PDF ----------------------------------------------------------------------------------------


def _pages(table: Table) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(render_table(table, "pdf"))).pages]


def test_pdf_prints_the_totals_and_the_signature():
    text = "\n".join(_pages(_table()))
    assert "Jumlah 6.000 3" in text
    assert "Total 2020–2021 6.003" in text
    assert text.index("Total 2020–2021") < text.index("Bontang, 7 Desember 2026")
    assert "NIP. 19700101 199503 1 001" in text


def test_pdf_keeps_the_signature_block_whole_on_one_page_with_the_end_of_its_table():
    """Whatever the length of the table, the block is never split over two pages, and never
    stands on a page without the table it signs: with as many rows as fill a page (and a few
    more or less) its first and last line share a page with the last item and the totals.
    Where the block does not fit below the table, the last item and the totals move with it,
    under the repeated header."""
    moved = False
    for rows in range(30, 46, 3):
        pages = _pages(_table(rows=rows))
        first = [i for i, t in enumerate(pages) if "Bontang, 7 Desember 2026" in t]
        last = [i for i, t in enumerate(pages) if "NIP. 19700101 199503 1 001" in t]
        assert first == last and len(first) == 1, rows
        page = pages[first[0]]
        for text in ("Kegiatan {}".format(rows), "Jumlah", "Total 2020–2021"):
            assert text in page, (rows, text)
        assert "Kegiatan {}".format(rows) not in "".join(pages[: first[0]]), rows
        if first[0] > 0 and "Kegiatan {}".format(rows - 1) in pages[first[0] - 1]:
            moved = True
            assert page.count("Kode") == 1  # the header repeated above the moved rows
    assert moved  # some length pushed the end of the table and the block to the next page


def test_a_column_slice_keeps_the_headers_merges_and_numbers_of_its_columns():
    table = _table()
    table.header_rows = [
        [HeaderCell("Kode", rowspan=2), HeaderCell("Uraian", rowspan=2), HeaderCell("Pagu", 2)],
        [HeaderCell("2020"), HeaderCell("2021")],
    ]
    table.rows.append(total_row("Jumlah", COLUMNS, {2: Decimal(1), 3: Decimal(2)}, label_span=2))
    part = column_slice(table, [0, 3])
    assert [c.key for c in part.columns] == ["kode", "2021"]
    assert part.column_numbers == ["1", "4"]
    assert [[(h.label, h.colspan, h.rowspan) for h in r] for r in part.header_rows] == [
        [("Kode", 1, 2), ("Pagu", 1, 1)],
        [("2021", 1, 1)],
    ]
    total = part.rows[-1]
    # "Jumlah" was merged over Kode and Uraian: over the one kept column now.
    assert (total.cells[0].value, total.cells[0].colspan, total.cells[0].covered) == (
        "Jumlah",
        1,
        False,
    )
    assert total.cells[1].value == Decimal(2)
    # Merged over a dropped first column: the first kept column carries the label.
    other = column_slice(table, [1, 2])
    assert (other.rows[-1].cells[0].value, other.rows[-1].cells[0].colspan) == ("Jumlah", 1)
    assert table.columns[1].key == "uraian"  # the table itself is unchanged
