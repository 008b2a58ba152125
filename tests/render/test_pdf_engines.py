"""The two PDF engines print the same pieces (renderers/pdf.py): Typst, the default, and
WeasyPrint. A planner's text reaches Typst as string literals, never as markup; a word too
long for its column is broken into hyphenated lines without losing a letter."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from renstra.core.numbers import format_rupiah
from renstra.render.renderers.pdf import hard_breaks, render_pdf_document, text_width
from renstra.render.renderers.pdf_typst import string
from renstra.render.table import Cell, CellKind, Column, HeaderCell, Row, Signatory, Table

# Typst markup and code a planner might type, on purpose or not.
TRICKY = '#set page(width: 1mm) *tebal* _miring_ [kurung] "kutip" \\ $x^2$ <label> @ref // komentar'
LONG_WORD = "Penyelenggaraanpengembangankompetensiaparatursipilnegara"


def _table(texts: list[str]) -> Table:
    columns = [
        Column("kode", "Kode", CellKind.CODE),
        Column("uraian", "Uraian", CellKind.TEXT),
        Column("sempit", "Sempit", CellKind.TEXT),
        Column("pagu", "Pagu (Rp)", CellKind.MONEY),
    ]
    rows = [
        Row(
            [
                Cell("0{}".format(n), CellKind.CODE),
                Cell(text),
                Cell(LONG_WORD),
                Cell(Decimal("1047655345.50"), CellKind.MONEY),
            ]
        )
        for n, text in enumerate(texts, start=1)
    ]
    return Table(
        key="uji",
        title="Tabel Uji #1",
        subtitle="Badan Uji [BKPSDM]",
        columns=columns,
        header_rows=[
            [HeaderCell("Kode", rowspan=2), HeaderCell("Uraian dan sempit", colspan=2)]
            + [HeaderCell("Pagu (Rp)", rowspan=2)],
            [HeaderCell("Uraian"), HeaderCell("Sempit")],
        ],
        rows=rows,
        signatories=[Signatory(position="Kepala Badan", name="Drs. Budi Santoso, M.Si.")],
    )


def _text(body: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(body)).pages]


@pytest.mark.parametrize("engine", ["typst", "weasyprint"])
def test_both_engines_print_the_page_the_layout_decides(engine):
    body = render_pdf_document(
        [_table(["Pengembangan kompetensi ASN"])],
        running_title="Renstra Uji",
        cover=["Rencana Strategis Badan Uji", "Periode 2016-2021"],
        engine=engine,
    )
    reader = PdfReader(io.BytesIO(body))
    box = reader.pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 330  # F4 landscape
    assert round(float(box.height) / 72 * 25.4) == 215
    pages = _text(body)
    assert len(pages) == 2
    assert "Rencana Strategis Badan Uji" in pages[0]
    assert "Renstra Uji" not in pages[0]  # no running title on the cover
    assert "Halaman 1 dari 2" in pages[0]
    table = pages[1]
    for text in ("Renstra Uji", "TABEL UJI #1", "Badan Uji [BKPSDM]", "Kode", "Pagu (Rp)"):
        assert text in table, (engine, text)
    assert format_rupiah(Decimal("1047655345.50")) in table
    assert "Drs. Budi Santoso, M.Si." in table
    assert "Halaman 2 dari 2" in table


def test_a_planners_text_prints_as_typed_in_typst():
    pages = _text(render_pdf_document([_table([TRICKY])], running_title="#x", engine="typst"))
    flat = " ".join(" ".join(pages).split())
    for piece in TRICKY.split():
        assert piece in flat, piece


def test_typst_string_literals_escape_what_would_end_them():
    assert string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    assert string("x\x00y\u00ady") == '"xyy"'  # control characters and soft hyphens: nothing


def test_a_word_too_long_for_its_column_breaks_at_syllables_into_lines_that_fit():
    broken = hard_breaks("Meningkatnya profesionalitas ASN", 8, bold=False)
    lines = broken.split("\n")
    assert len(lines) > 2
    for line in lines[:-1]:
        assert line.endswith("-")
    for line in lines:
        # The line's last word is what had to fit.
        assert text_width(line.split(" ")[-1]) <= 8, line
    assert broken.replace("-\n", "") == "Meningkatnya profesionalitas ASN"
    assert hard_breaks("Meningkatnya profesionalitas", 40, bold=False) == (
        "Meningkatnya profesionalitas"
    )


def test_no_letter_of_a_long_word_is_lost_in_the_typst_pdf():
    text = "".join(_text(render_pdf_document([_table(["x"])], running_title="t", engine="typst")))
    assert LONG_WORD in text.replace("-\n", "").replace("\n", "")


def test_typst_draws_the_apps_svg_charts_with_their_text():
    """The dashboard's charts (render/charts.py) print through Typst as they do on the page:
    the engine could take the dashboard too (it stays on WeasyPrint: one page, no speed to win)."""
    from renstra.render.charts import bar_chart
    from renstra.render.renderers.pdf_typst import compile_pdf

    svg = bar_chart(
        [("Program Pelayanan Administrasi", Decimal("95.5")), ("Program Disiplin", Decimal("60"))],
        title="Capaian per program",
    )
    source = '#set text(font: "DejaVu Sans")\n#image(bytes({}), format: "svg", width: 60%)\n'
    text = _text(compile_pdf(source.format(string(svg))))[0]
    for piece in ("Capaian per program", "Program Pelayanan Administrasi", "95,5%", "Target 100%"):
        assert piece in text


def test_typst_compiles_in_a_child_and_says_why_it_failed(monkeypatch):
    """Typst runs in a child process per PDF (its memoized layout stays in the process that ran
    it: in a server each PDF added to the memory for good, tests/bench/bench_pdf.py prints the
    process's peak); a source it cannot compile is an error with Typst's own message."""
    import sys

    from renstra.render.renderers.pdf_typst import TypstFailed, compile_pdf

    monkeypatch.setitem(sys.modules, "typst", None)  # no typst in this process
    assert compile_pdf("Halo").startswith(b"%PDF")
    with pytest.raises(TypstFailed, match="Typst gagal menyusun PDF.*unknown variable"):
        compile_pdf("#tidak-ada")
