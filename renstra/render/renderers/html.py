"""HTML: the table as the document prints it, with merged headers, the numbered column row,
merged cells, program rows bold and flagged rows marked."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from renstra.core.numbers import format_id_number, format_rupiah
from renstra.render.table import Cell, CellKind, Table


def display(cell: Cell) -> str:
    """A cell's text for people: rupiah as 1.047.655.345, percent as 95,56%."""
    if cell.value is None:
        return ""
    if cell.kind == CellKind.MONEY:
        return format_rupiah(cell.value)
    if cell.kind == CellKind.NUMBER:
        return format_id_number(cell.value)
    if cell.kind == CellKind.PERCENT:
        return format_id_number(cell.value) + "%"
    return str(cell.value)


def _td(cell: Cell, indent: bool = False) -> SafeString:
    classes = (
        "num" if cell.kind in (CellKind.MONEY, CellKind.NUMBER, CellKind.PERCENT) else cell.kind
    )
    if indent:
        classes += " indent"
    return format_html(
        '<td class="{}"{}{}>{}</td>',
        classes,
        format_html(' rowspan="{}"', cell.rowspan) if cell.rowspan > 1 else "",
        format_html(' title="{}"', cell.note) if cell.note else "",
        display(cell),
    )


_STANDALONE_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; }
table.report { border-collapse: collapse; }
table.report th, table.report td { border: 1px solid #444; padding: 2px 4px; vertical-align: top; }
table.report th { background: #e4e7ec; }
td.num { text-align: right; white-space: nowrap; }
tr.program td { font-weight: bold; }
tr.marked td, .mark { background: #fff1d6; }
"""


def render_html(table: Table) -> bytes:
    """A complete HTML document of one table, for saving or opening apart from the app."""
    document = format_html(
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{}</title>'
        "<style>{}</style></head><body><h1>{}</h1><p>{}</p>{}</body></html>",
        table.title,
        mark_safe(_STANDALONE_CSS),
        table.title,
        table.subtitle,
        render_html_fragment(table),
    )
    return document.encode("utf-8")


def render_html_fragment(table: Table, widths: list[float] | None = None) -> SafeString:
    """The table as HTML; `widths` (percent per column) adds a colgroup for fixed print layout."""
    head = format_html_join(
        "",
        "<tr>{}</tr>",
        (
            (
                format_html_join(
                    "",
                    '<th colspan="{}" rowspan="{}">{}</th>',
                    ((h.colspan, h.rowspan, h.label) for h in header_row),
                ),
            )
            for header_row in table.header_rows
        ),
    )
    if table.numbered:
        head += format_html(
            '<tr class="colnum">{}</tr>',
            format_html_join("", "<th>{}</th>", ((n,) for n in table.column_numbers)),
        )
    body_rows = []
    for row in table.rows:
        cells = mark_safe(
            "".join(
                _td(cell, indent=bool(row.level) and index == 1)
                for index, cell in enumerate(row.cells)
                if not cell.covered
            )
        )
        classes = " ".join(
            filter(None, [row.style, "level-{}".format(row.level), "marked" if row.marks else ""])
        )
        title = format_html(' title="{}"', " ".join(row.marks)) if row.marks else ""
        body_rows.append(format_html('<tr class="{}"{}>{}</tr>', classes, title, cells))
    if not body_rows and table.empty_text:
        body_rows.append(
            format_html(
                '<tr class="empty"><td colspan="{}">{}</td></tr>',
                len(table.columns),
                table.empty_text,
            )
        )
    notes = format_html_join("", '<li class="mark">{}</li>', ((n,) for n in table.notes))
    preamble = format_html_join(
        "", '<p class="preamble">{}</p>', ((line,) for line in table.preamble)
    )
    return format_html(
        '{}<table class="report" data-table="{}"><colgroup>{}</colgroup><thead>{}</thead><tbody>{}</tbody></table>{}',
        preamble,
        table.key,
        format_html_join("", '<col style="width:{}%">', ((w,) for w in widths or [])),
        head,
        mark_safe("".join(body_rows)),
        format_html('<ul class="table-notes">{}</ul>', notes) if table.notes else "",
    )
