"""The LKjIP (renstra.lkjip.content) as a PDF through Typst: F4 portrait with the margins of the
tata naskah dinas (left 30 mm for binding), a cover, each chapter from a new page with its
heading in the PDF's outline, the tables with their header rows repeated on a new page and
rows kept whole, "Halaman N dari M" below every page but the cover, the agency head's
signature after Bab IV, and a draft or example report marked across every page.

Every text goes into the source as a Typst string literal (pdf_typst.string), never as
markup: what a planner writes prints as typed.
"""

from __future__ import annotations

from renstra.lkjip.parts import EMPTY, NO_SUPPORT, LkjipContent, ObjectiveSection
from renstra.render.renderers.pdf_typst import compile_pdf, string
from renstra.render.table import Signatory

PAGE = (
    "#set page(width: 215mm, height: 330mm, margin: (top: 22mm, bottom: 22mm, left: 30mm, "
    "right: 20mm), background: {background}, footer: context {{\n"
    "  let n = counter(page).get().first()\n"
    '  if n > 1 {{ align(center, text(size: 8pt, fill: rgb("#555"), {running} + " — Halaman " '
    '+ str(n) + " dari " + str(counter(page).final().first()))) }}\n'
    "}})\n"
)
PREAMBLE = """\
#set document(title: {title})
#set text(font: "DejaVu Sans", size: 10.5pt, lang: "id", hyphenate: false)
#set par(justify: true, leading: 0.7em, spacing: 1.1em, first-line-indent: 0pt)
#set table(stroke: 0.5pt + black, inset: (x: 1.4mm, y: 1.2mm))
#show table: set par(justify: false)
#show table: set text(size: 8.5pt)
#set table.cell(breakable: false)
#show heading.where(level: 1): it => {{
  pagebreak(weak: true)
  align(center, block(below: 8mm, text(size: 13pt, weight: "bold", it.body)))
}}
#show heading.where(level: 2): it => block(above: 7mm, below: 4mm, text(size: 11pt,
  weight: "bold", it.body))
#show heading.where(level: 3): it => block(above: 6mm, below: 3mm, text(size: 10.5pt,
  weight: "bold", it.body))
#let th(body) = table.cell(fill: rgb("#e6e6e6"), align: center + horizon, strong(body))
#let group(n, body) = table.cell(colspan: n, fill: rgb("#f3f3f3"), strong(body))
#let empty(body) = text(style: "italic", fill: rgb("#777"), body)
"""
INDICATOR_COLUMNS = "(8mm, 1fr, 11mm, 13mm, 15mm, 14mm, 15mm, 22mm, 14mm, 15mm)"
BUDGET_COLUMNS = "(8mm, 10mm, 1fr, 28mm, 28mm, 15mm, 16mm)"
CENTERED = {0, 2, 3, 4, 5, 6, 7, 8, 9}
STANDARD_COLUMNS = "(8mm, 1fr, 20mm, 20mm, 18mm, 1fr)"
SUPPORT_COLUMNS = "(1fr, 16mm, 16mm, 16mm, 20mm, 22mm)"
AGENCY_COLUMNS = "(8mm, 1fr, 1fr, 16mm, 22mm, 22mm)"


def _background(marks: tuple[str, ...]) -> str:
    if not marks:
        return "none"
    lines = ", ".join("align(center, {})".format(string(mark)) for mark in marks)
    return (
        'rotate(-40deg, text(size: 60pt, weight: "bold", fill: rgb(200, 0, 0, 40), '
        "stack(spacing: 12mm, dir: ttb, {})))".format(lines)
    )


def _paragraphs(text: str) -> list[str]:
    """A planner's text, a paragraph per line; an empty chapter says so in grey."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ["#empty({})\n".format(string(EMPTY))]
    return ["#par({})\n".format(string(line)) for line in lines]


def _heading(level: int, text: str) -> str:
    return "#heading(level: {}, {})\n".format(level, string(text))


def _header_row(headers) -> str:
    return "table.header(repeat: true, {})".format(
        ", ".join("th({})".format(string(h)) for h in headers)
    )


def _row(cells, centered=frozenset(), right=frozenset(), bold=False) -> list[str]:
    out = []
    for index, text in enumerate(cells):
        body = string(text)
        if bold:
            body = "strong({})".format(body)
        if index in right:
            out.append("table.cell(align: right, {})".format(body))
        elif index in centered:
            out.append("table.cell(align: center, {})".format(body))
        else:
            out.append(body)
    return out


def _table(columns: str, headers, rows: list[str]) -> str:
    return "#table(columns: {}, align: left + top,\n  {},\n  {})\n".format(
        columns, _header_row(headers), ",\n  ".join(rows)
    )


def _cover(content: LkjipContent) -> list[str]:
    lines = [
        "#v(45mm)\n",
        '#align(center, text(size: 18pt, weight: "bold", stack(spacing: 5mm, {})))\n'.format(
            ", ".join(string(line) for line in content.title)
        ),
        "#v(60mm)\n",
        '#align(center, text(size: 13pt, weight: "bold", stack(spacing: 4mm, {})))\n'.format(
            ", ".join(string(name) for name in content.cover_names)
        ),
        "#pagebreak()\n",
    ]
    return lines


def _summary(content: LkjipContent) -> list[str]:
    out = [_heading(1, content.chapter("summary"))]
    out += ["#par({})\n".format(string(fact)) for fact in content.summary_facts]
    out += _paragraphs(content.summary)
    return out


def _planning(content: LkjipContent) -> list[str]:
    out = [_heading(1, content.chapter("planning")), _heading(2, content.section("renstra"))]
    out.append(
        "#par({})\n".format(
            string(
                "Kinerja tahun {} diukur terhadap {}. Visi: {}".format(
                    content.year, content.plan_title, content.vision or "-"
                )
            )
        )
    )
    if content.missions:
        out.append("#list({})\n".format(", ".join(string(m) for m in content.missions)))
    rows = []
    for goal in content.goals:
        span = max(1, sum(max(1, len(o[2])) for o in goal.objectives))
        first = True
        for number, statement, indicators in goal.objectives or (("", "", ()),):
            sub = max(1, len(indicators))
            for i, indicator in enumerate(indicators or ("",)):
                cells = []
                if first:
                    cells.append(
                        "table.cell(rowspan: {}, {})".format(
                            span, string("{}. {}".format(goal.number, goal.statement))
                        )
                    )
                    first = False
                if i == 0:
                    cells.append(
                        "table.cell(rowspan: {}, {})".format(
                            sub, string("{}. {}".format(number, statement) if number else "")
                        )
                    )
                cells.append(string(indicator))
                rows.append(", ".join(cells))
    out.append(_table("(1fr, 1fr, 1fr)", ("Tujuan", "Sasaran", "Indikator Kinerja"), rows))
    out.append(_heading(2, content.section("agreement")))
    out.append("#par({})\n".format(string(content.agreement_note)))
    out += _agreement_tables(content)
    return out


def _agreement_tables(content: LkjipContent) -> list[str]:
    agreement = content.agreement
    if agreement is None:
        return []
    rows = []
    for group in agreement.groups:
        span = len(group.indicators)
        for index, line in enumerate(group.indicators):
            cells = []
            if index == 0:
                cells.append(
                    "table.cell(rowspan: {0}, align: center, {1}), table.cell(rowspan: {0}, {2})".format(
                        span, string(group.number), string(group.statement)
                    )
                )
            cells.append(
                "{}, table.cell(align: center, {})".format(string(line.name), string(line.target))
            )
            rows.append(", ".join(cells))
    out = [
        _table(
            "(8mm, 1fr, 1fr, 26mm)",
            ("No", "Sasaran Strategis", "Indikator Kinerja", "Target"),
            rows,
        )
    ]
    budget_rows = [
        ", ".join(_row((str(b.number), b.name, b.amount_text), centered={0}, right={2}))
        for b in agreement.budgets
    ]
    budget_rows.append(
        "table.cell(colspan: 2, align: center, strong({})), table.cell(align: right, strong({}))".format(
            string("Jumlah"), string(agreement.total_text)
        )
    )
    out.append("#v(3mm)\n")
    out.append(
        _table("(8mm, 1fr, 40mm)", ("No", agreement.budget_header, "Anggaran (Rp)"), budget_rows)
    )
    return out


def _objective(content: LkjipContent, section: ObjectiveSection) -> list[str]:
    out = [_heading(3, section.heading)]
    rows = []
    width = len(content.indicator_headers)
    for group in section.groups:
        rows.append("group({}, {})".format(width, string(group.label)))
        for line in group.lines:
            rows.append(", ".join(_row(line.cells(), centered=CENTERED)))
    if rows:
        out.append(_table(INDICATOR_COLUMNS, content.indicator_headers, rows))
    else:
        out.append(
            "#empty({})\n".format(string("Sasaran ini tidak mempunyai indikator yang dievaluasi."))
        )
    if section.achievement is not None:
        out.append(
            "#par({})\n".format(
                string(
                    "Capaian sasaran tahun {}: {} % (predikat {}).".format(
                        content.year, section.achievement_text, section.predicate
                    )
                )
            )
        )
    if section.standards:
        out.append("#par(strong({}))\n".format(string(content.standard_intro)))
        rows = [
            ", ".join(_row(line.standard_cells, centered={0, 2, 3, 4}))
            for line in section.standards
        ]
        out.append(_table(STANDARD_COLUMNS, content.standard_headers, rows))
    if content.is_region and section.objective_id:
        out.append("#par(strong({}))\n".format(string(content.support_intro)))
        if section.support is not None:
            out.append(
                _table(
                    SUPPORT_COLUMNS,
                    content.support_headers,
                    [", ".join(_row(section.support.cells(), centered={1, 2, 3, 4, 5}))],
                )
            )
        else:
            out.append("#empty({})\n".format(string(NO_SUPPORT)))
    if section.deviations:
        out.append("#par(strong({}))\n".format(string("Penyebab deviasi dan tindak lanjut:")))
        items = [
            "[#strong({}) \\ #{} \\ #{}]".format(
                string(line.name),
                string("Penyebab: {}".format(line.cause or "-")),
                string("Tindak lanjut: {}".format(line.follow_up or "-")),
            )
            for line in section.deviations
        ]
        out.append("#list(spacing: 3mm, {})\n".format(", ".join(items)))
    if section.objective_id:
        out.append("#par(strong({}))\n".format(string("Analisis capaian:")))
        out += _paragraphs(section.analysis)
    return out


def _accountability(content: LkjipContent) -> list[str]:
    out = [
        _heading(1, content.chapter("accountability")),
        _heading(2, content.section("achievement")),
    ]
    out.append("#par({})\n".format(string(content.achievement_intro)))
    for section in content.objectives:
        out += _objective(content, section)
    out.append(_heading(2, content.section("budget")))
    rows = [
        ", ".join(_row(b.cells(), centered={0, 1}, right={3, 4, 5, 6})) for b in content.budgets
    ]
    rows.append(", ".join(_row(content.budget_total, right={3, 4, 5, 6}, bold=True)))
    out.append(_table(BUDGET_COLUMNS, content.budget_headers, rows))
    out.append(_heading(2, content.section("efficiency")))
    out += _paragraphs(content.efficiency)
    if content.is_region:
        out.append(_heading(2, content.section("agencies")))
        rows = [", ".join(_row(a.cells(), centered={0, 3, 4, 5})) for a in content.agencies]
        if rows:
            out.append(_table(AGENCY_COLUMNS, content.agency_headers, rows))
        if content.support_rule:
            out.append("#par(text(size: 9pt, {}))\n".format(string(content.support_rule)))
        out += ["#par({})\n".format(string(note)) for note in content.support_notes]
    return out


def _signature(people: tuple[Signatory, ...]) -> str:
    """The signature in an 80 mm column at the right of the page, kept whole (a grid: an
    aligned box inside a justified paragraph lands on the left)."""
    lines = []
    for person in people[:1]:
        lines += [string(person.place_date), string(person.position), "v(22mm)"]
        lines.append("strong(underline({}))".format(string(person.name)))
        lines += [string(t) for t in (person.rank, person.nip and "NIP. " + person.nip) if t]
    if not lines:
        return ""
    return (
        "#block(breakable: false, above: 12mm, grid(columns: (1fr, 80mm), [], "
        "align(center, stack(spacing: 2mm, {}))))\n".format(", ".join(lines))
    )


def _annex(content: LkjipContent) -> list[str]:
    first, second, third = content.annex_titles
    out = [_heading(1, content.chapter("annex"))]
    out.append(_heading(2, first))
    out.append("#par({})\n".format(string(content.agreement_note.rstrip(":") + ".")))
    out.append(
        "#par({})\n".format(
            string(
                "Tabel sasaran, indikator, target dan anggarannya tercantum pada Bab II bagian 2.2."
            )
        )
    )
    out.append(_heading(2, second))
    if content.ikus:
        rows = [", ".join(_row(i.cells(), centered={0})) for i in content.ikus]
        out.append(_table("(8mm, 1fr, 1fr, 1fr, 1fr)", content.iku_headers, rows))
    else:
        out.append("#empty({})\n".format(string(content.iku_empty_note)))
    out.append(_heading(2, third))
    out.append("#par({})\n".format(string(content.evaluation_note)))
    return out


def lkjip_pdf_source(content: LkjipContent) -> str:
    """The Typst source (tests read it; lkjip_pdf compiles it)."""
    running = "LKjIP {} Tahun {}".format(content.agency, content.year)
    out = [
        PAGE.format(background=_background(content.marks), running=string(running)),
        PREAMBLE.format(title=string(running)),
    ]
    out += _cover(content)
    out += _summary(content)
    out.append(_heading(1, content.chapter("introduction")))
    out += _paragraphs(content.introduction)
    out += _planning(content)
    out += _accountability(content)
    out.append(_heading(1, content.chapter("closing")))
    out += _paragraphs(content.closing)
    out.append(_signature(content.signatures))
    out += _annex(content)
    return "".join(out)


def lkjip_pdf(content: LkjipContent) -> bytes:
    return compile_pdf(lkjip_pdf_source(content))
