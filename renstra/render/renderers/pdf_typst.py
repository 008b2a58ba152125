"""The PDF engine: Typst (through its Python package), fed the pieces renderers/pdf.py lays out.

pdf.py decides everything a page shows: the column widths and the font of each table, which
rows go on which page when a wide table is printed in parts, where a body word too long for
its column breaks. This module writes that as Typst source and compiles it: F4 or A4
landscape, the running title on every page but the cover, "Halaman N dari M" and the print
date, header rows (merged cells and the numbered column row) repeated on every page, rows
kept whole, program and total rows bold (a rule above a total), flagged rows marked, the
signature block kept whole after the table. Each table's title is a heading: the PDF's
outline lists the tables.

Every text of the plan goes into the source as a Typst string literal (quotes, backslashes
and control characters escaped), never as markup: a planner's "#", "*" or "[" prints as typed.

Why Typst and not WeasyPrint (still selectable, settings.PDF_ENGINE): on the same pieces it
is an order of magnitude faster (tests/bench/bench_pdf.py) and its time grows with the rows.

Soft hyphens are not handed to Typst: the glyph before one gets the hyphen as its text in the
PDF (Typst 0.15), so "e" would read as "e\\u00ad" to a reader copying text. A word too long
for its column is broken by pdf.py into lines ending in a hyphen instead (hard_breaks).
"""

from __future__ import annotations

import glob
import itertools
import os
import subprocess
import sys
from datetime import date

from renstra.render.renderers.html import display
from renstra.render.table import CellKind, Signatory, Table, header_positions

_NUMERIC = (CellKind.MONEY, CellKind.NUMBER, CellKind.PERCENT)
PAGE_SIZE = {"f4": ("330mm", "215mm"), "a4": ("297mm", "210mm")}

# Where Debian (fonts-dejavu-core), other distributions and macOS keep DejaVu Sans.
_FONT_GLOBS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/**/DejaVuSans.ttf",
    "/usr/local/share/fonts/**/DejaVuSans.ttf",
    os.path.expanduser("~/Library/Fonts/DejaVuSans.ttf"),
)


def font_directory() -> str:
    """The directory of DejaVu Sans (the PDF's font, also the one pdf.py measures with)."""
    for pattern in _FONT_GLOBS:
        found = glob.glob(pattern, recursive=True)
        if found:
            return os.path.dirname(found[0])
    raise RuntimeError(
        "Huruf DejaVu Sans tidak ditemukan; PDF tidak dapat dibuat. Pasang paket "
        "fonts-dejavu-core (Debian/Ubuntu) atau huruf DejaVu Sans."
    )


# Backslash and quote escaped, newline and tab as escapes, other control characters and soft
# hyphens (see above) dropped: they print as nothing anyway.
_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        '"': '\\"',
        "\n": "\\n",
        "\t": "\\t",
        "\u00ad": None,
        **{chr(code): None for code in range(32) if chr(code) not in "\n\t"},
    }
)


def string(text) -> str:
    """`text` as a Typst string literal."""
    return '"' + str(text).translate(_ESCAPES) + '"'


def _pt(value: float) -> str:
    return "{:.2f}pt".format(value).replace(".00pt", "pt")


PREAMBLE = """\
#let th-fill = rgb("#e4e7ec")
#let total-fill = rgb("#f1f2f4")
#let mark-fill = rgb("#fff1d6")
#let th(body, c: 1, r: 1) = table.cell(colspan: c, rowspan: r, fill: th-fill, align: center + top, breakable: r == 1, strong(body))
#let cn(body) = table.cell(fill: total-fill, align: center, text(size: 6.5pt, body))
#set document(title: {title})
#set page(width: {width}, height: {height}, margin: (top: 14mm, bottom: 13mm, left: 9mm, right: 9mm),
  header: context if counter(page).get().first() > {cover_pages} {{
    align(center, text(size: 8pt, weight: "bold", fill: rgb("#333"), {running}))
  }},
  footer: context {{
    text(size: 7pt, fill: rgb("#555"), {printed})
    h(1fr)
    text(size: 8pt, "Halaman " + str(counter(page).get().first()) + " dari " + str(counter(page).final().first()))
  }})
#set text(font: "DejaVu Sans", size: 7.5pt, lang: "id", hyphenate: false, fill: rgb("#111"), top-edge: "ascender", bottom-edge: "descender")
#set par(leading: 0.1em, spacing: 0.6em)
#set table(stroke: 0.4pt + rgb("#333"), inset: 0.5mm)
#set table.cell(breakable: false)
#show heading: it => block(below: 1mm, text(size: 11pt, weight: "bold", upper(it.body)))
"""


def _cover(lines: list[str]) -> str:
    title, rest = lines[0], lines[1:]
    body = "".join("v(3mm), text(size: 12pt, {}),".format(string(line)) for line in rest)
    return (
        '#page(align(center, stack(v(45mm), text(size: 20pt, weight: "bold", {}), {})))\n'
    ).format(string(title), body)


def _header(table: Table) -> list[str]:
    cells = []
    for placed in header_positions(table):
        for _first, header in placed:
            args = ""
            if header.colspan > 1:
                args += ", c: {}".format(header.colspan)
            if header.rowspan > 1:
                args += ", r: {}".format(header.rowspan)
            cells.append("th({}{})".format(string(header.label), args))
    if table.numbered:
        cells.extend("cn({})".format(string(n)) for n in table.column_numbers)
    return cells


def _body(rows) -> list[str]:
    cells = []
    for row in rows:
        bold = row.style == "program" or row.total
        fill = "total-fill" if row.total else ("mark-fill" if row.marks else "")
        for index, cell in enumerate(row.cells):
            if cell.covered:
                continue
            text = string(display(cell))
            body = "strong({})".format(text) if bold else text
            args = []
            if cell.rowspan > 1:
                args.append("rowspan: {}, breakable: true".format(cell.rowspan))
            if cell.colspan > 1:
                args.append("colspan: {}".format(cell.colspan))
            if fill:
                args.append("fill: " + fill)
            if row.total:
                args.append('stroke: (top: 1.2pt + rgb("#111"), rest: 0.4pt + rgb("#333"))')
            if row.level and index == 1:
                args.append("inset: (left: 3mm, rest: 0.5mm)")
            if args:
                cells.append("table.cell({}, {})".format(", ".join(args), body))
            else:
                cells.append(body)
    return cells


def _signatory(person: Signatory) -> str:
    lines = [string(text) for text in (person.heading, person.place_date, person.position) if text]
    lines.append("v(17mm)")
    lines.append("strong(underline({}))".format(string(person.name)))
    lines.extend(
        string(t) for t in (person.rank, "NIP. {}".format(person.nip) if person.nip else "") if t
    )
    return "align(center, text(size: 8.5pt, stack(spacing: 0.6em, {})))".format(", ".join(lines))


def _signatures(people: list[Signatory]) -> str:
    if not people:
        return ""
    if len(people) == 1:
        columns, cells = "(55%, 45%)", "[], " + _signatory(people[0])
    else:
        share = round(100 / len(people), 2)
        columns = "({})".format(", ".join(["{}%".format(share)] * len(people)))
        cells = ", ".join(_signatory(p) for p in people)
    return "block(breakable: false, above: 6mm, grid(columns: {}, {}))".format(columns, cells)


_TAILS = itertools.count(1)


def section(
    table: Table,
    widths: list[float],
    font: float,
    subtitle: list[str],
    first: bool,
    tail_from: int | None = None,
) -> str:
    """One table (or one page of a part of one) as Typst source: from a new page unless
    `first`, its heading, subtitle lines, preamble, the table, notes and signatures.

    `tail_from`: the first of the rows that go with the signature block (the last item and
    the totals, see pdf._tail_start). They follow the table on its page when they and the
    block fit there, else they move to the next page together, under the repeated header:
    a signature never stands on a page of its own, away from the table it signs."""
    out = [] if first else ["#pagebreak(weak: true)\n"]
    out.append("#[\n#set text(size: {})\n".format(_pt(font)))
    out.append("#heading(level: 1, {})\n".format(string(table.title)))
    lines = [line for line in subtitle if line]
    if lines:
        out.append("#block(below: 2mm, text(size: 8pt, {}))\n".format(string("\n".join(lines))))
    for line in table.preamble:
        out.append("#block(below: 1mm, text(size: 8pt, {}))\n".format(string(line)))
    columns = "columns: ({},), align: ({},)".format(
        ", ".join("{}%".format(w) for w in widths),
        ", ".join("right" if column.kind in _NUMERIC else "left" for column in table.columns),
    )
    header = "table.header(repeat: true, {})".format(", ".join(_header(table)))
    rows = table.rows
    if not rows and table.empty_text:
        body = [
            "table.cell(colspan: {}, align: center, inset: 4mm, strong({}))".format(
                len(table.columns), string(table.empty_text)
            )
        ]
    else:
        body = _body(rows if tail_from is None else rows[:tail_from])
    notes = ""
    if table.notes:
        notes = "text(size: 7pt, list({}))".format(
            ", ".join("highlight(fill: mark-fill, {})".format(string(n)) for n in table.notes)
        )
    signatures = _signatures(table.signatories)
    if tail_from is None:
        out.append("#table({},\n  {},\n  {})\n".format(columns, header, ",\n  ".join(body)))
        if notes:
            out.append("#" + notes + "\n")
        if signatures:
            out.append("#" + signatures + "\n")
    else:
        label = "tail-{}".format(next(_TAILS))
        out.append(
            "#let head = {}\n"
            "#block(below: 0pt, table({},\n  head,\n  {}))\n"
            "#metadata(none) <{}>\n"
            "#context {{\n"
            "  let tail = (with-head) => block(breakable: false, above: 0pt, {{\n"
            "    table({}, ..if with-head {{ (head,) }} else {{ () }},\n  {})\n"
            "    {}\n    {}\n"
            "  }})\n"
            "  let room = page.height - 13mm - locate(<{}>).position().y\n"
            "  if measure(tail(false), width: page.width - 18mm).height <= room {{ tail(false) }}"
            " else {{ pagebreak(); tail(true) }}\n"
            "}}\n".format(
                header,
                columns,
                ",\n  ".join(body),
                label,
                columns,
                ",\n  ".join(_body(rows[tail_from:])),
                notes,
                signatures,
                label,
            )
        )
    out.append("]\n")
    return "".join(out)


def document(sections: list[str], *, running_title: str, cover, paper: str) -> str:
    width, height = PAGE_SIZE[paper]
    head = PREAMBLE.format(
        title=string(running_title),
        width=width,
        height=height,
        cover_pages=1 if cover else 0,
        running=string(running_title),
        printed=string("Dicetak {}".format(date.today().strftime("%d-%m-%Y"))),
    )
    return head + (_cover(cover) if cover else "") + "".join(sections)


# Run in a child process for each PDF: the typst package keeps what it memoizes for as long as
# its process lives (no eviction), so in a server or worker every PDF added to the process's
# memory, half a gigabyte for an evaluation table ten times the demo's, and each compile grew
# slower. A child gives its memory back when it ends; starting it costs about 60 ms.
_CHILD = """
import sys
import typst

try:
    pdf = typst.compile(
        sys.stdin.buffer.read(),
        font_paths=[sys.argv[1]],
        ignore_system_fonts=True,
        pdf_tags=False,  # tags made the evaluation's PDF 15 times bigger; nothing reads them
    )
except typst.TypstError as error:
    sys.stderr.write(str(error))
    sys.exit(3)
sys.stdout.buffer.write(pdf)
"""


class TypstFailed(RuntimeError):
    """Typst could not compile the source (a defect of ours: every text goes in as a string)."""


def compile_pdf(source: str) -> bytes:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, font_directory()],
        input=source.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        raise TypstFailed(
            "Typst gagal menyusun PDF (status {}): {}".format(
                done.returncode, done.stderr.decode("utf-8", "replace")[-2000:]
            )
        )
    return done.stdout
