"""One table in one format, and the formats and papers users may ask for."""

from renstra.render.renderers import render_csv, render_html
from renstra.render.renderers.pdf import render_pdf
from renstra.render.renderers.xlsx import render_xlsx
from renstra.render.table import Table

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
PAPERS = ("f4", "a4")


def render_table(table: Table, fmt: str, *, excel: bool = False, paper: str = "f4") -> bytes:
    if fmt == "csv":
        return render_csv(table, excel=excel)
    if fmt == "html":
        return render_html(table)
    if fmt == "xlsx":
        return render_xlsx(table, paper=paper)
    if fmt == "pdf":
        return render_pdf(table, paper=paper)
    raise ValueError(
        "Format '{}' tidak dikenal. Pilih salah satu: {}.".format(fmt, ", ".join(CONTENT_TYPES))
    )
