"""PDF column widths: a header word never breaks (its column is made wide enough, measured with
the font's own widths), a body word too long for its column is hyphenated the Indonesian way."""

import io
import re
from decimal import Decimal

from pypdf import PdfReader

from renstra.render.formats import render_table
from renstra.render.renderers.pdf import (
    BASE_FONT_PT,
    LINE_CHARS,
    PADDING_CHARS,
    _fitted,
    _header_spans,
    _layout,
    _longest_word,
    text_width,
)
from renstra.render.table import Cell, CellKind, Column, HeaderCell, Row, Table

SOFT = "\u00ad"


def test_text_width_counts_in_digits_of_dejavu_sans():
    assert text_width("0123456789") == 10
    assert text_width("W") > text_width("i") * 3
    assert text_width("Lokasi", bold=True) > text_width("Lokasi")
    # A hyphenated word is one unbreakable run in a header.
    assert _longest_word("Unit Kerja PD Penanggung-jawab", bold=True) == text_width(
        "Penanggung-jawab", bold=True
    )


def _crowded(columns: int = 21) -> Table:
    """As many columns as T-C.27, long header words, big amounts: the font has to shrink."""
    labels = ["Penanggung-jawab", "Lokasi", "Perencanaan", "Realisasi", "Kegiatan (output)"]
    cols = [
        Column(
            "c{}".format(i),
            labels[i % len(labels)],
            CellKind.MONEY if i % 2 else CellKind.TEXT,
        )
        for i in range(columns)
    ]
    rows = [
        Row(
            [
                Cell(Decimal("48837441826"), CellKind.MONEY)
                if c.kind == CellKind.MONEY
                else Cell("Meningkatnya profesionalitas ASN")
                for c in cols
            ]
        )
        for _n in range(3)
    ]
    return Table(
        key="uji",
        title="Uji",
        subtitle="",
        columns=cols,
        header_rows=[[HeaderCell(c.label) for c in cols]],
        rows=rows,
    )


def _rooms(table: Table, paper: str = "f4") -> tuple[list[float], float]:
    """Each column's room for text in digits of the chosen font, from the printed percents."""
    percents, font, _content = _layout(table, paper)
    return [
        (p / 100 * LINE_CHARS[paper] - PADDING_CHARS) * BASE_FONT_PT / font for p in percents
    ], font


def test_every_header_word_and_every_amount_fits_its_column():
    table = _crowded()
    rooms, font = _rooms(table)
    assert font < BASE_FONT_PT
    for first, span, label in _header_spans(table):
        assert span == 1
        assert rooms[first] >= _longest_word(label, bold=True), label
    for index, column in enumerate(table.columns):
        if column.kind == CellKind.MONEY:
            assert rooms[index] >= text_width("48.837.441.826", bold=True)


def test_a_header_word_is_never_split_in_the_pdf():
    table = _crowded()
    text = PdfReader(io.BytesIO(render_table(table, "pdf"))).pages[0].extract_text()
    for word in ("Penanggung-jawab", "Lokasi", "Perencanaan", "Realisasi", "(output)"):
        assert word in text, word
    assert not re.search(r"Lokas\s+i|Penanggu\s+ng|Penanggung-\s+jawab", text)


def test_a_body_word_too_long_for_its_column_gets_indonesian_soft_hyphens():
    assert _fitted("Meningkatnya profesionalitas ASN", 20, bold=False) == (
        "Meningkatnya profesionalitas ASN"
    )
    narrow = _fitted("Meningkatnya profesionalitas ASN", 6, bold=False)
    assert narrow.split(" ")[0] == SOFT.join(["Me", "ning", "kat", "nya"])
    assert narrow.endswith(" ASN")  # a word that fits is left alone
    # Parts between slashes are hyphenated apart; the slash is a break already.
    parts = _fitted("singkat/sosialisasi", 6, bold=False)
    assert parts == "singkat/so{0}si{0}a{0}li{0}sa{0}si".format(SOFT)
