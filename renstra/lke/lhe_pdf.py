"""The LHE (renstra.lke.lhe_content) as a PDF through Typst, laid out as the LKjIP is
(renstra.lkjip.lkjip_pdf, whose page, preamble and small helpers it uses): F4 portrait with the
tata naskah dinas margins, a cover, each chapter from a new page with its heading in the PDF's
outline, tables with their header rows repeated and rows kept whole, "Halaman N dari M" below
every page but the cover, the head of the inspectorate's signature after Bab IV, and "DRAF"
across every page while the evaluation is not final.

Every text goes into the source as a Typst string literal (pdf_typst.string), never as markup.
"""

from __future__ import annotations

from renstra.lke.lhe_content import LheContent, ScoreLine

# The LKjIP's page, preamble and helpers (private there, shared on purpose: the two documents
# of the SAKIP year look alike): _background the marks across the page, _heading puts a
# level-1 heading on a new page, _row and _table write the table cells.
from renstra.lkjip.lkjip_pdf import (
    PAGE,
    PREAMBLE,
    _background,
    _heading,
    _row,
    _signature,
    _table,
)
from renstra.render.renderers.pdf_typst import compile_pdf, string

STAGE_COLUMNS = "(8mm, 1fr, 32mm, 45mm)"
SCORE_COLUMNS = "(12mm, 1fr, 16mm, 34mm, 34mm)"
OVERRIDE_COLUMNS = "(8mm, 1fr, 1fr, 20mm, 1fr)"
RECOMMENDATION_COLUMNS = "(8mm, 42mm, 1fr, 32mm)"
CARRIED_COLUMNS = "(8mm, 32mm, 1fr, 24mm, 1fr)"


def _par(text: str, *, size: str = "", bold: bool = False) -> str:
    body = string(text)
    if bold:
        body = "strong({})".format(body)
    if size:
        body = "text(size: {}, {})".format(size, body)
    # A bold sentence of long words justified leaves gaps wider than the words.
    return "#par({}{})\n".format("justify: false, " if bold else "", body)


def _cover(content: LheContent) -> list[str]:
    """The title and the names centred, not justified (a justified title line spreads its
    words over the page)."""
    return [
        "#[\n#set par(justify: false)\n#v(45mm)\n",
        '#align(center, text(size: 18pt, weight: "bold", stack(spacing: 5mm, {})))\n'.format(
            ", ".join(string(line) for line in content.title)
        ),
        "#v(60mm)\n",
        '#align(center, text(size: 13pt, weight: "bold", stack(spacing: 4mm, {})))\n'.format(
            ", ".join(string(name) for name in content.cover_names)
        ),
        "]\n#pagebreak()\n",
    ]


def _empty(text: str) -> str:
    return "#empty({})\n".format(string(text))


def _score_row(line: ScoreLine) -> str:
    """A component's row bold on grey, a sub-component's name indented, the total and grade
    rows bold with a rule above the total."""
    cells = []
    for index, text in enumerate(line.cells()):
        body = "strong({})".format(string(text)) if line.level != 1 else string(text)
        grade, _space, label = text.partition(" (")
        if line.level == 2 and index > 2 and label:
            # "AA" over "(Sangat Memuaskan)" in plain type: bold, the two do not fit a line.
            body = "stack(spacing: 1.2mm, strong({}), text(size: 7.5pt, {}))".format(
                string(grade), string("(" + label)
            )
        args = ["align: left" if index == 1 else "align: center"]
        if line.level == 0:
            args.append('fill: rgb("#f3f3f3")')
        if line.level == 1 and index == 1:
            args.append("inset: (left: 6mm, rest: 1.3mm)")
        if line.level == 2:
            args.append('fill: rgb("#e6e6e6")')
        cells.append("table.cell({}, {})".format(", ".join(args), body))
    return ", ".join(cells)


def _introduction(content: LheContent) -> list[str]:
    out = [_heading(1, content.chapter("introduction")), _heading(2, content.section("basis"))]
    out.append("#enum({})\n".format(", ".join(string(line) for line in content.basis)))
    out.append(_heading(2, content.section("aim")))
    out.append(_par(content.aim))
    out.append(_heading(2, content.section("scope")))
    out.append(_par(content.scope_intro))
    out.append("#list({})\n".format(", ".join(string(line) for line in content.scope)))
    out.append(_heading(2, content.section("stages")))
    rows = [", ".join(_row(line.cells(), centered={0, 2})) for line in content.stages]
    out.append(_table(STAGE_COLUMNS, content.stage_headers, rows))
    return out


def _results(content: LheContent) -> list[str]:
    out = [_heading(1, content.chapter("results")), _heading(2, content.section("scores"))]
    out.append(_par(content.scores_intro))
    out.append(
        _table(SCORE_COLUMNS, content.score_headers, [_score_row(s) for s in content.scores])
    )
    out.append("#v(2mm)\n")
    out.append(_par(content.conclusion, bold=True))
    out.append(_par(content.rule, size="8.5pt"))
    out.append(_heading(2, content.section("overrides")))
    if content.overrides:
        out.append(_par(content.overrides_intro))
        rows = [", ".join(_row(line.cells(), centered={0, 3})) for line in content.overrides]
        out.append(_table(OVERRIDE_COLUMNS, content.override_headers, rows))
    else:
        out.append(_empty(content.no_overrides))
    return out


def _recommendations(content: LheContent) -> list[str]:
    out = [
        _heading(1, content.chapter("recommendations")),
        _heading(2, content.section("current")),
    ]
    if content.recommendations:
        rows = [", ".join(_row(r.cells(), centered={0, 3})) for r in content.recommendations]
        out.append(_table(RECOMMENDATION_COLUMNS, content.recommendation_headers, rows))
    else:
        out.append(_empty(content.no_recommendations))
    out.append(_heading(2, content.section("carried")))
    if content.carried:
        rows = [", ".join(_row(r.carried_cells(), centered={0, 3})) for r in content.carried]
        out.append(_table(CARRIED_COLUMNS, content.carried_headers, rows))
    else:
        out.append(_empty(content.no_carried))
    return out


def lhe_pdf_source(content: LheContent) -> str:
    """The Typst source (tests may read it; lhe_pdf compiles it)."""
    out = [
        PAGE.format(background=_background(content.marks), running=string(content.running)),
        PREAMBLE.format(title=string(content.running)),
    ]
    out += _cover(content)
    out += _introduction(content)
    out += _results(content)
    out += _recommendations(content)
    out.append(_heading(1, content.chapter("closing")))
    out += [_par(line) for line in content.closing]
    out.append(_signature(content.signatures))
    return "".join(out)


def lhe_pdf(content: LheContent) -> bytes:
    """The PDF file's bytes."""
    return compile_pdf(lhe_pdf_source(content))
