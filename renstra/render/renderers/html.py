"""HTML: the table as the document prints it, with merged headers, the numbered column row,
merged cells, program rows bold, flagged rows marked, total rows (class "total": bold, a rule
above) and the signature block below.

On a page the table sits in a frame (div.table-frame) that scrolls it both ways, so that a table
wider than the screen never widens the page; the app's stylesheet keeps the header rows and the
cells of the first column (class "first-col") in view while it scrolls. Print and PDF ignore
the frame."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from renstra.core.numbers import format_id_number, format_rupiah
from renstra.render.table import Cell, CellKind, Signatory, Table, header_positions


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


def _td(cell: Cell, indent: bool = False, first: bool = False) -> SafeString:
    classes = (
        "num" if cell.kind in (CellKind.MONEY, CellKind.NUMBER, CellKind.PERCENT) else cell.kind
    )
    if indent:
        classes += " indent"
    if first and cell.colspan == 1:
        classes += " first-col"
    return format_html(
        '<td class="{}"{}{}{}>{}</td>',
        classes,
        format_html(' rowspan="{}"', cell.rowspan) if cell.rowspan > 1 else "",
        format_html(' colspan="{}"', cell.colspan) if cell.colspan > 1 else "",
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
tr.total td { font-weight: bold; border-top: 2px solid #111; }
tr.marked td, .mark { background: #fff1d6; }
table.signatures { width: 100%; margin-top: 1.5em; border-collapse: collapse; }
table.signatures td { border: none; vertical-align: top; text-align: center; }
table.signatures p { margin: 0; }
table.signatures p.sign-space { height: 4.5em; }
table.signatures p.name { font-weight: bold; text-decoration: underline; }
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


def _first_column_headers(table: Table) -> set[int]:
    """The indexes of the header rows whose first cell stands in the first column (the others
    start further right, under a cell merged down from a row above)."""
    return {
        index
        for index, placed in enumerate(header_positions(table))
        if placed and placed[0][0] == 0
    }


def _header_class(header, first: bool) -> SafeString | str:
    # A header merged over several columns stays put: held at the left edge it would cover
    # the headers of the columns it spans as they scroll by.
    return mark_safe(' class="first-col"') if first and header.colspan == 1 else ""


def render_html_fragment(table: Table, widths: list[float] | None = None) -> SafeString:
    """The table as HTML; `widths` (percent per column) adds a colgroup for fixed print layout."""
    first_rows = _first_column_headers(table)
    head = format_html_join(
        "",
        "<tr>{}</tr>",
        (
            (
                format_html_join(
                    "",
                    '<th{} colspan="{}" rowspan="{}">{}</th>',
                    (
                        (
                            _header_class(h, row_index in first_rows and index == 0),
                            h.colspan,
                            h.rowspan,
                            h.label,
                        )
                        for index, h in enumerate(header_row)
                    ),
                ),
            )
            for row_index, header_row in enumerate(table.header_rows)
        ),
    )
    if table.numbered:
        head += format_html(
            '<tr class="colnum">{}</tr>',
            format_html_join(
                "",
                "<th{}>{}</th>",
                (
                    (mark_safe(' class="first-col"') if index == 0 else "", n)
                    for index, n in enumerate(table.column_numbers)
                ),
            ),
        )
    body_rows = []
    for row in table.rows:
        cells = mark_safe(
            "".join(
                _td(cell, indent=bool(row.level) and index == 1, first=index == 0)
                for index, cell in enumerate(row.cells)
                if not cell.covered
            )
        )
        classes = " ".join(
            filter(
                None,
                [
                    row.style,
                    "level-{}".format(row.level),
                    "marked" if row.marks else "",
                    "total" if row.total and row.style != "total" else "",
                ],
            )
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
    signatures = render_signatures(table.signatories)
    preamble = format_html_join(
        "", '<p class="preamble">{}</p>', ((line,) for line in table.preamble)
    )
    return format_html(
        '{}<div class="table-frame"><table class="report" data-table="{}"><colgroup>{}</colgroup>'
        "<thead>{}</thead><tbody>{}</tbody></table></div>{}{}",
        preamble,
        table.key,
        format_html_join("", '<col style="width:{}%">', ((w,) for w in widths or [])),
        head,
        mark_safe("".join(body_rows)),
        format_html('<ul class="table-notes">{}</ul>', notes) if table.notes else "",
        signatures,
    )


def _signatory(person: Signatory) -> SafeString:
    lines = [
        ("heading", person.heading),
        ("place-date", person.place_date),
        ("position", person.position),
        ("sign-space", ""),
        ("name", person.name),
        ("rank", person.rank),
        ("nip", "NIP. {}".format(person.nip) if person.nip else ""),
    ]
    return format_html_join(
        "",
        '<p class="{}">{}</p>',
        ((name, text) for name, text in lines if text or name == "sign-space"),
    )


def render_signatures(signatories: list[Signatory]) -> SafeString | str:
    """The signature block: one cell per signatory, side by side; a single one on the right
    (the left 55% stays empty), as Indonesian documents place the head's signature. A table
    of one row, so that the PDF keeps it whole on one page."""
    if not signatories:
        return ""
    share = round(100 / len(signatories), 2) if len(signatories) > 1 else 45
    cells = format_html_join(
        "",
        '<td class="signatory" style="width:{}%">{}</td>',
        ((share, _signatory(person)) for person in signatories),
    )
    if len(signatories) == 1:
        cells = format_html('<td class="blank" style="width:55%"></td>{}', cells)
    return format_html('<table class="signatures"><tr>{}</tr></table>', cells)
