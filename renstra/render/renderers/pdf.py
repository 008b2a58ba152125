"""PDF (WeasyPrint) from the same HTML as the page: F4 landscape (A4 as an option), the table
header repeated on every page, a running title and "Halaman N dari M", rows kept whole."""

import gc
from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from renstra.render.renderers.html import display, render_html_fragment
from renstra.render.table import CellKind, Table

PAPER = {"f4": "330mm 215mm", "a4": "297mm 210mm"}
# Characters of 7.5pt DejaVu Sans that fit across the printable width (page less 18mm margins),
# less about 1.7 characters of cell padding per column (see column_layout).
# (1.7 mm is the width of a digit, the widest common glyph, at 7.5pt.)
LINE_CHARS = {"f4": 312 / 1.7, "a4": 279 / 1.7}
PADDING_CHARS = 1.2  # 2 x 0.8 mm of cell padding and a border, in digit widths
BASE_FONT_PT = 7.5
MIN_FONT_PT = 5.5

PRINT_CSS = """
@page {{
  size: {size};
  margin: 14mm 9mm 13mm 9mm;
  @top-center {{ content: "{running}"; font: bold 8pt "DejaVu Sans", sans-serif; color: #333; }}
  @bottom-right {{ content: "Halaman " counter(page) " dari " counter(pages); font: 8pt "DejaVu Sans", sans-serif; }}
  @bottom-left {{ content: "Dicetak {printed}"; font: 7pt "DejaVu Sans", sans-serif; color: #555; }}
}}
@page cover {{ @top-center {{ content: none; }} }}
body {{ font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 7.5pt; color: #111; }}
h1 {{ font-size: 11pt; margin: 0 0 1mm; text-transform: uppercase; }}
p.subtitle {{ margin: 0 0 2mm; font-size: 8pt; }}
p.preamble {{ margin: 0 0 1mm; font-size: 8pt; }}
section.table {{ page-break-before: always; }}
section.table.first {{ page-break-before: auto; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
thead {{ display: table-header-group; }}
th, td {{ border: 0.4pt solid #333; padding: 0.8mm; vertical-align: top; overflow-wrap: anywhere; }}
th {{ background: #e4e7ec; text-align: center; }}
.colnum {{ background: #f1f2f4; font-weight: normal; font-size: 6.5pt; }}
tr {{ break-inside: avoid; }}
.num {{ text-align: right; white-space: nowrap; }}
.program {{ font-weight: bold; }}
.indent {{ padding-left: 3mm; }}
.marked {{ background: #fff1d6; }}
.empty {{ text-align: center; font-weight: bold; padding: 4mm; }}
ul.table-notes {{ font-size: 7pt; }}
.cover {{ page: cover; text-align: center; padding-top: 45mm; }}
.cover h1 {{ font-size: 20pt; text-transform: none; }}
.cover p {{ font-size: 12pt; margin: 3mm 0; }}
"""


def _css(running_title: str, paper: str) -> str:
    running = running_title.replace("\\", "").replace('"', "'")
    return PRINT_CSS.format(
        size=PAPER[paper], running=running, printed=date.today().strftime("%d-%m-%Y")
    )


def column_layout(table: Table, paper: str) -> tuple[list[float], float]:
    """Column widths (percent) and a font size (pt) such that every number fits on one line and
    every word of a text column fits its cell: nothing is clipped, nothing overflows.

    Each column needs at least its longest unbreakable content (a whole amount, a code, the
    longest word) and would like room for its typical text. Preferences are met when the page
    allows; otherwise the minimums are, and when even those do not fit, the font shrinks.
    """
    minimum, preferred = [], []
    for index, column in enumerate(table.columns):
        texts = [display(row.cells[index]) for row in table.rows if not row.cells[index].covered]
        if column.kind in (CellKind.MONEY, CellKind.NUMBER, CellKind.PERCENT, CellKind.CODE):
            need = max([len(t) for t in texts] + [4]) + 2  # bold program rows are wider
            minimum.append(need)
            preferred.append(need)
            continue
        header_words = [min(len(w), 10) for w in column.label.split()]
        words = [len(w) for t in texts for w in t.split()] + header_words + [4]
        lengths = sorted(len(t) for t in texts) or [0]
        typical = lengths[max(0, int(len(lengths) * 0.9) - 1)]
        minimum.append(min(max(words), 16) + 1)
        preferred.append(max(minimum[-1], min(typical, 48) / 1.6))
    padding = PADDING_CHARS * len(table.columns)
    capacity = LINE_CHARS[paper] - padding
    font = BASE_FONT_PT
    if sum(preferred) <= capacity:
        widths = preferred
    elif sum(minimum) <= capacity:
        spare = capacity - sum(minimum)
        wish = sum(p - m for p, m in zip(preferred, minimum, strict=True)) or 1
        widths = [m + (p - m) * spare / wish for p, m in zip(preferred, minimum, strict=True)]
    else:
        widths = minimum
        font = max(MIN_FONT_PT, BASE_FONT_PT * (LINE_CHARS[paper] / (sum(minimum) + padding)))
    # A column's share of the table counts its padding and borders too.
    boxes = [w + PADDING_CHARS for w in widths]
    total = sum(boxes)
    return [round(100 * b / total, 2) for b in boxes], round(font, 2)


def _section(table: Table, first: bool, paper: str):
    widths, font = column_layout(table, paper)
    return format_html(
        '<section class="table{}" style="font-size:{}pt"><h1>{}</h1><p class="subtitle">{}</p>{}</section>',
        " first" if first else "",
        font,
        table.title,
        table.subtitle,
        render_html_fragment(table, widths),
    )


def render_pdf_document(
    tables: list[Table], *, running_title: str, cover=None, paper: str = "f4"
) -> bytes:
    """One PDF with the tables in order, each from a new page, after an optional cover page."""
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    if paper not in PAPER:
        raise ValueError("Ukuran kertas '{}' tidak dikenal. Pilih f4 atau a4.".format(paper))
    sections = mark_safe(
        "".join(
            _section(t, first=(i == 0 and cover is None), paper=paper) for i, t in enumerate(tables)
        )
    )
    cover_html = (
        format_html(
            '<div class="cover"><h1>{}</h1>{}</div>',
            cover[0],
            format_html_join("", "<p>{}</p>", ((line,) for line in cover[1:])),
        )
        if cover
        else ""
    )
    document = format_html(
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{}</title><style>{}</style></head>'
        "<body>{}{}</body></html>",
        running_title,
        mark_safe(_css(running_title, paper)),
        cover_html,
        sections,
    )
    # WeasyPrint builds millions of short-lived objects; the cyclic garbage collector walking
    # them costs a quarter of the time and frees nothing that reference counting would not.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return HTML(string=str(document)).write_pdf()
    finally:
        if collecting:
            gc.enable()


def render_pdf(table: Table, *, paper: str = "f4") -> bytes:
    return render_pdf_document(
        [table], running_title=table.running_title or table.title, paper=paper
    )
