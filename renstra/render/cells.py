"""The one place where a user's text becomes a spreadsheet or CSV cell, inert: nothing a
planner typed or imported (an item named "=HYPERLINK(…)" or "=cmd|' /C calc'!A0") is ever run
as a formula when the file is opened (OWASP: CSV injection).

- CSV cells: a text beginning with =, +, -, @, a tab or a carriage return gets a "'" in front;
  a lone "-" (no target) and numbers such as "-5" or "+2,5 %" stay as they are, since no
  spreadsheet reads them as formulas.
- XLSX cells: written as a string cell, never a formula, and marked with Excel's quotePrefix
  so that editing the cell in Excel keeps it text. The text itself is unchanged, so a workbook
  exported and imported again gives back exactly what was typed. `set_text` for openpyxl (the
  template workbook), `write_text` for XlsxWriter (the report tables).
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_LIKE = re.compile(r"^[+-]?\d[\d.,]*\s*%?$")


def formula_like(text: str) -> bool:
    """Would a spreadsheet read `text` as a formula (or a DDE command)?"""
    return text.startswith(FORMULA_STARTS) and len(text) > 1 and not _NUMBER_LIKE.match(text)


def csv_text(text: str) -> str:
    """`text` as a CSV cell a spreadsheet will not run."""
    return "'" + text if formula_like(text) else text


def set_text(cell, text: str):
    """Put `text` into an openpyxl cell as inert text; returns the cell."""
    cell.value = text
    cell.data_type = "s"  # a string cell: never a formula, whatever the text begins with
    if formula_like(text):
        cell.quotePrefix = True
    return cell


def write_text(sheet, row: int, col: int, text: str, look, quoted_look) -> None:
    """Put `text` into an XlsxWriter worksheet (`row`, `col` from 0) as inert text: always
    write_string, never write(), which turns a text beginning with '=' into a formula; in
    `quoted_look` (the same look with Excel's quote prefix) when it looks like a formula. An
    empty text leaves the cell blank, in `look`. A line typed in a browser ends in CR LF: it
    is written as LF, as a spreadsheet reads the text openpyxl wrote (XlsxWriter keeps a CR
    as the escape _x000D_)."""
    if not text:
        sheet.write_blank(row, col, None, look)
        return
    look = quoted_look if formula_like(text) else look
    sheet.write_string(row, col, text.replace("\r\n", "\n"), look)
