"""The one place where a user's text becomes a spreadsheet or CSV cell, inert: nothing a
planner typed or imported (an item named "=HYPERLINK(…)" or "=cmd|' /C calc'!A0") is ever run
as a formula when the file is opened (OWASP: CSV injection).

- CSV cells: a text beginning with =, +, -, @, a tab or a carriage return gets a "'" in front;
  a lone "-" (no target) and numbers such as "-5" or "+2,5 %" stay as they are, since no
  spreadsheet reads them as formulas.
- XLSX cells (openpyxl): written as a string cell, never a formula, and marked with Excel's
  quotePrefix so that editing the cell in Excel keeps it text. The text itself is unchanged,
  so a workbook exported and imported again gives back exactly what was typed.
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
