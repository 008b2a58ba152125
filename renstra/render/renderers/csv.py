"""CSV: UTF-8, a header of column keys, plain numbers ('.' decimal point, no grouping), one
line per item. Total rows ("Jumlah") are left out: the CSV is the machine-readable form whose
columns and rows the README documents, a total is derived from its rows, and a total line
would be counted again by whoever sums a column. XLSX, PDF and HTML print them.

With excel=True: a BOM and ';' as separator, which Excel in an Indonesian locale opens right.
"""

import csv
import io
import re

from renstra.core.numbers import plain_number
from renstra.render.table import CellKind, Table

FORMULA_STARTS = ("=", "+", "-", "@")
_NUMBER_LIKE = re.compile(r"^[+-]?\d[\d.,]*\s*%?$")


def safe_text(text: str) -> str:
    """Text that a spreadsheet will not run as a formula: a leading =, +, - or @ gets a "'"
    in front (OWASP CSV injection). A lone "-" (no target) and numbers such as "-5" stay as
    they are: no spreadsheet reads them as formulas."""
    if text.startswith(FORMULA_STARTS) and len(text) > 1 and not _NUMBER_LIKE.match(text):
        return "'" + text
    return text


def _plain(cell) -> str:
    if cell.value is None:
        return ""
    if cell.kind in (CellKind.MONEY, CellKind.NUMBER, CellKind.PERCENT):
        return plain_number(cell.value)
    return safe_text(str(cell.value))


def render_csv(table: Table, *, excel: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\n")
    writer.writerow([column.key for column in table.columns])
    for row in table.body_rows:
        writer.writerow([_plain(cell) for cell in row.cells])
    text = buffer.getvalue()
    return (("\ufeff" if excel else "") + text).encode("utf-8")
