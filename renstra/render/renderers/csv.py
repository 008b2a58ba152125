"""CSV: UTF-8, a header of column keys, plain numbers ('.' decimal point, no grouping), one
line per item. Total rows ("Jumlah") are left out: the CSV is the machine-readable form whose
columns and rows the README documents, a total is derived from its rows, and a total line
would be counted again by whoever sums a column. XLSX, PDF and HTML print them.

With excel=True: a BOM and ';' as separator, which Excel in an Indonesian locale opens right.
"""

import csv
import io

from renstra.core.numbers import plain_number
from renstra.render.cells import csv_text
from renstra.render.table import CellKind, Table


def _plain(cell) -> str:
    if cell.value is None:
        return ""
    if cell.kind in (CellKind.MONEY, CellKind.NUMBER, CellKind.PERCENT):
        return plain_number(cell.value)
    return csv_text(str(cell.value))


def render_csv(table: Table, *, excel: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\n")
    writer.writerow([column.key for column in table.columns])
    for row in table.body_rows:
        writer.writerow([_plain(cell) for cell in row.cells])
    text = buffer.getvalue()
    return (("\ufeff" if excel else "") + text).encode("utf-8")
