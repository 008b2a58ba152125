"""PDF (WeasyPrint) from the same HTML as the page: F4 landscape (A4 as an option), the table
header repeated on every page, a running title and "Halaman N dari M", rows kept whole."""

from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from renstra.reports.renderers.html import render_html_fragment
from renstra.reports.table import Table

PAPER = {"f4": "330mm 215mm", "a4": "297mm 210mm"}

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
table.report {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
table.report thead {{ display: table-header-group; }}
table.report th, table.report td {{ border: 0.4pt solid #333; padding: 1mm 1.2mm; vertical-align: top;
  overflow-wrap: anywhere; }}
table.report th {{ background: #e4e7ec; text-align: center; font-weight: bold; }}
table.report tr.colnum th {{ background: #f1f2f4; font-weight: normal; font-size: 6.5pt; }}
table.report tr {{ page-break-inside: avoid; break-inside: avoid; }}
table.report td.num {{ text-align: right; white-space: nowrap; }}
table.report tr.program td {{ font-weight: bold; }}
table.report tr.level-1 td:nth-child(2) {{ padding-left: 3mm; }}
table.report tr.marked td {{ background: #fff1d6; }}
table.report tr.empty td {{ text-align: center; font-weight: bold; padding: 4mm; }}
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


def _section(table: Table, first: bool):
    return format_html(
        '<section class="table{}"><h1>{}</h1><p class="subtitle">{}</p>{}</section>',
        " first" if first else "",
        table.title,
        table.subtitle,
        render_html_fragment(table),
    )


def render_pdf_document(
    tables: list[Table], *, running_title: str, cover=None, paper: str = "f4"
) -> bytes:
    """One PDF with the tables in order, each from a new page, after an optional cover page."""
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    if paper not in PAPER:
        raise ValueError("Ukuran kertas '{}' tidak dikenal. Pilih f4 atau a4.".format(paper))
    sections = mark_safe(
        "".join(_section(t, first=(i == 0 and cover is None)) for i, t in enumerate(tables))
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
    return HTML(string=str(document)).write_pdf()


def render_pdf(table: Table, *, paper: str = "f4") -> bytes:
    return render_pdf_document(
        [table], running_title=table.running_title or table.title, paper=paper
    )
