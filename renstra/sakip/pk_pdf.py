"""The Perjanjian Kinerja (pk_document) as a PDF through Typst: F4 portrait (215 x 330 mm) with
the margins of the tata naskah dinas (left 30 mm for binding), the statement page, then from a
new page the annex with its two tables (header rows repeated when a table runs over a page,
rows kept whole) and the signatures again, kept whole with the table's last rows. A draft or
an example PK has its mark across every page.

Typst only: the document has no HTML page to share with WeasyPrint (settings.PDF_ENGINE
chooses the engine of the report tables). Every text goes into the source as a string literal
(pdf_typst.string), never as markup.
"""

from __future__ import annotations

from renstra.render.renderers.pdf_typst import compile_pdf, string
from renstra.sakip.pk_document import PkDocument, Signer

PAGE = (
    "#set page(width: 215mm, height: 330mm, margin: (top: 20mm, bottom: 20mm, left: 30mm, "
    "right: 20mm), background: {background}, footer: context {{\n"
    "  let n = counter(page).final().first()\n"
    '  if n > 1 {{ align(center, text(size: 8pt, fill: rgb("#555"), "Halaman " + '
    'str(counter(page).get().first()) + " dari " + str(n))) }}\n'
    "}})\n"
)
PREAMBLE = """\
#set document(title: {title})
#set text(font: "DejaVu Sans", size: 10.5pt, lang: "id", hyphenate: false)
#set par(justify: true, leading: 0.65em, spacing: 1.1em)
#set table(stroke: 0.5pt + black, inset: (x: 1.6mm, y: 1.4mm))
#show table: set par(justify: false)
#show table: set text(size: 9.5pt)
#show grid: set par(justify: false)
#set table.cell(breakable: false)
#let th(body) = table.cell(fill: rgb("#e6e6e6"), align: center + horizon, strong(body))
#let heading-lines(..lines) = align(center, block(below: 8mm, text(size: 11.5pt, weight: "bold",
  stack(spacing: 0.6em, ..lines.pos()))))
"""
# The party's name, position and role sentence, aligned as in the regulation's annex.
PARTY = (
    "#block(above: 4mm, below: 4mm, breakable: false, pad(left: 6mm, grid(columns: (20mm, 5mm, "
    '1fr), row-gutter: 0.6em, {name_label}, ":", strong({name}), {position_label}, ":", '
    "{position}, grid.cell(colspan: 3, {role}))))\n"
)


def _background(marks: tuple[str, ...]) -> str:
    if not marks:
        return "none"
    lines = ", ".join("align(center, {})".format(string(mark)) for mark in marks)
    return (
        'rotate(-40deg, text(size: 64pt, weight: "bold", fill: rgb(200, 0, 0, 45), '
        "stack(spacing: 12mm, dir: ttb, {})))".format(lines)
    )


def _cell_lines(signers: tuple[Signer, Signer], text) -> list[str]:
    return [string(text(signer)) for signer in signers]


def signatures(document: PkDocument) -> str:
    """Pihak kedua left, pihak pertama right under the place and date; positions, names,
    ranks and NIPs on shared rows so that the names stand level whatever the positions'
    lengths. No rank or NIP row when neither party has one."""
    signers = document.signers
    cells = ["[]", string(document.place_date)]
    cells += _cell_lines(signers, lambda s: s.role + ",")
    cells += _cell_lines(signers, lambda s: s.position)
    cells += ["[]", "[]"]  # the room to sign: the row's height
    cells += ["strong(underline({}))".format(string(s.name)) for s in signers]
    heights = ["auto", "auto", "auto", "24mm", "auto"]
    for text in (lambda s: s.rank, lambda s: s.nip_line):
        if any(text(s) for s in signers):
            cells += _cell_lines(signers, text)
            heights.append("auto")
    return (
        "block(breakable: false, above: 9mm, grid(columns: (1fr, 1fr), column-gutter: 8mm, "
        "row-gutter: 0.45em, rows: ({}), align: center + top, {}))".format(
            ", ".join(heights), ", ".join(cells)
        )
    )


def _statement_page(document: PkDocument) -> list[str]:
    out = ["#heading-lines({})\n".format(", ".join(string(line) for line in document.heading))]
    out.append("#par({})\n".format(string(document.opening)))
    for signer, role in (
        (document.first, document.first_role),
        (document.second, document.second_role),
    ):
        out.append(
            PARTY.format(
                name_label=string("Nama"),
                name=string(signer.name),
                position_label=string("Jabatan"),
                position=string(signer.position),
                role=string(role),
            )
        )
    for paragraph in document.commitments:
        out.append("#par({})\n".format(string(paragraph)))
    out.append("#" + signatures(document) + "\n")
    return out


def _targets_table(document: PkDocument) -> str:
    cells = []
    for group in document.groups:
        span = len(group.indicators)
        for index, line in enumerate(group.indicators):
            if index == 0:
                cells.append(
                    "table.cell(rowspan: {0}, breakable: {1}, align: center, {2}), "
                    "table.cell(rowspan: {0}, breakable: {1}, {3})".format(
                        span,
                        "true" if span > 1 else "false",
                        string(group.number),
                        string(group.statement),
                    )
                )
            cells.append(
                "{}, table.cell(align: center, {})".format(string(line.name), string(line.target))
            )
    header = ", ".join(
        "th({})".format(string(label)) for label in ("No", "Sasaran", "Indikator Kinerja", "Target")
    )
    return (
        "#table(columns: (10mm, 1fr, 1fr, 28mm), align: left + top,\n"
        "  table.header(repeat: true, {}),\n  {})\n".format(header, ",\n  ".join(cells))
    )


BUDGET_COLUMNS = "columns: (10mm, 1fr, 42mm), align: left + top"
# The budget rows that stay with the signatures: the last ones and the total.
TAIL_ROWS = 2
# The Typst for the budget table's end and the signatures, placed where the table's body ends:
# on that page when they fit, else on the next one under the table's header again. A signature
# never stands on a page without the table it signs (as pdf_typst.section does for reports).
BUDGET_TAIL = """\
#let budget-head = {header}
#block(below: 0pt, table({columns},
  budget-head,
  {body}))
#metadata(none) <budget-end>
#context {{
  let tail = (with-head) => block(breakable: false, above: 0pt, {{
    table({columns}, ..if with-head {{ (budget-head,) }} else {{ () }},
      {tail})
    {signatures}
  }})
  let room = page.height - 20mm - locate(<budget-end>).position().y
  if measure(tail(false), width: page.width - 50mm).height <= room {{ tail(false) }} else {{
    pagebreak()
    tail(true)
  }}
}}
"""


def _budget_cells(document: PkDocument) -> list[str]:
    cells = [
        "table.cell(align: center, {}), {}, table.cell(align: right, {})".format(
            string(line.number), string(line.name), string(line.amount_text)
        )
        for line in document.budgets
    ]
    cells.append(
        "table.cell(colspan: 2, align: center, strong({})), "
        "table.cell(align: right, strong({}))".format(string("Jumlah"), string(document.total_text))
    )
    return cells


def _budget_and_signatures(document: PkDocument) -> str:
    header = "table.header(repeat: true, {})".format(
        ", ".join(
            "th({})".format(string(label))
            for label in ("No", document.budget_header, "Anggaran (Rp)")
        )
    )
    cells = _budget_cells(document)
    split = len(cells) - 1 - TAIL_ROWS
    if split <= 0:  # a short table goes whole with the signatures
        return "#block(breakable: false, {{ table({}, {}, {})\n {} }})\n".format(
            BUDGET_COLUMNS, header, ", ".join(cells), signatures(document)
        )
    return BUDGET_TAIL.format(
        header=header,
        columns=BUDGET_COLUMNS,
        body=",\n  ".join(cells[:split]),
        tail=",\n      ".join(cells[split:]),
        signatures=signatures(document),
    )


def _annex(document: PkDocument) -> list[str]:
    out = ["#pagebreak()\n"]
    out.append(
        "#heading-lines({})\n".format(", ".join(string(line) for line in document.annex_heading))
    )
    out.append(_targets_table(document))
    out.append("#v(6mm)\n")
    out.append(_budget_and_signatures(document))
    return out


def pk_pdf_source(document: PkDocument) -> str:
    """The Typst source (tests read it; pk_pdf compiles it)."""
    out = [
        PAGE.format(background=_background(document.marks)),
        PREAMBLE.format(title=string(" ".join(document.heading))),
    ]
    out += _statement_page(document)
    out += _annex(document)
    return "".join(out)


def pk_pdf(document: PkDocument) -> bytes:
    return compile_pdf(pk_pdf_source(document))
