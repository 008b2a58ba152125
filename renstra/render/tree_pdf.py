"""A drawn tree (renstra.render.tree_svg) as a PDF through Typst: the page's very SVG string,
scaled to the width of an F4 (or A4) landscape page and cut into pages where no box is cut
(the drawing's `cuts`); a part taller than a page, which has no such place, is cut where the
page ends. Every page shows a window on the one drawing (`svg_window`: the same SVG with its
view moved down, without the boxes and connectors the window does not reach), so the PDF and
the page cannot differ, and a page carries only its own text (a reader searching the PDF finds
a name on the page that shows it) rather than the whole tree again.

Title, subtitle lines and notes are the caller's, in the user's language; every text goes into
the Typst source as a string literal (renstra.render.renderers.pdf_typst.string).
"""

import re
import xml.etree.ElementTree as ET
from datetime import date

from renstra.render.renderers.pdf_typst import PAGE_SIZE, compile_pdf, string
from renstra.render.tree_svg import TreeDrawing

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 9, 14, 13  # mm, as the table PDFs
HEADING = 16  # mm the title and subtitle take on the first page
# At most this many mm per px: a small tree is not blown up beyond a readable size.
MAX_SCALE = 0.3


SVG = "http://www.w3.org/2000/svg"
GROUP, RECT, PATH = ("{" + SVG + "}" + tag for tag in ("g", "rect", "path"))
_NUMBERS = re.compile(r"-?\d+(?:\.\d+)?")


def _reach(element: ET.Element) -> tuple[float, float] | None:
    """The vertical extent of a box (a group whose first rectangle is its frame) or of a
    connector (a path of absolute M/H/V steps); None for what is drawn everywhere."""
    if element.tag == GROUP and "node" in element.get("class", "").split():
        frame = element.find(RECT)
        top = float(frame.get("y"))
        return top, top + float(frame.get("height"))
    if element.tag == PATH:
        path = element.get("d", "")
        ys = [float(n) for n in _NUMBERS.findall(path.split("V")[0])[1:2]]
        ys += [float(n) for n in _NUMBERS.findall(path.split("V")[1])[:1]] if "V" in path else []
        return min(ys), max(ys)
    if element.tag == GROUP:  # the legend, at the top
        return 0, 30
    return None


def svg_windows(svg: str, parts: list[tuple[float, float]]) -> list[str]:
    """The parts (top, bottom in px) of the drawing `svg`, each its viewBox moved there and
    without what lies wholly outside it (the drawing is read once for all of them)."""
    ET.register_namespace("", SVG)
    root = ET.fromstring(svg)
    width = root.get("width")
    elements = [(element, _reach(element)) for element in root]
    windows = []
    for top, bottom in parts:
        window = ET.Element(root.tag, dict(root.attrib))
        window.extend(
            element
            for element, reach in elements
            if reach is None or (reach[1] >= top and reach[0] <= bottom)
        )
        window.set("viewBox", "0 {:.2f} {} {:.2f}".format(top, width, bottom - top))
        window.set("height", "{:.2f}".format(bottom - top))
        windows.append(ET.tostring(window, encoding="unicode"))
    return windows


def svg_window(svg: str, top: float, bottom: float) -> str:
    """One part of the drawing (svg_windows)."""
    return svg_windows(svg, [(top, bottom)])[0]


def _mm(value: float) -> str:
    return "{:.3f}mm".format(value)


def page_slices(
    drawing: TreeDrawing, *, paper: str = "f4"
) -> tuple[float, list[tuple[float, float]]]:
    """(mm per px, [(top, bottom) in px of each page's part]): parts end at a cut when one
    fits, else where the page is full."""
    width, height = (float(size.removesuffix("mm")) for size in PAGE_SIZE[paper])
    scale = min((width - 2 * MARGIN_X) / drawing.width, MAX_SCALE)
    room = height - MARGIN_TOP - MARGIN_BOTTOM
    slices, top, first = [], 0.0, True
    while top < drawing.height - 0.5:
        limit = top + (room - (HEADING if first else 0)) / scale
        if limit >= drawing.height:
            bottom = drawing.height
        else:
            fitting = [cut for cut in drawing.cuts if top + 20 < cut <= limit]
            bottom = fitting[-1] if fitting else limit
        slices.append((top, bottom))
        top, first = bottom, False
    return scale, slices


def tree_pdf_source(
    drawing: TreeDrawing,
    *,
    title: str,
    subtitle: list[str],
    running_title: str,
    paper: str = "f4",
) -> str:
    """The Typst source of the PDF (tests read it; tree_pdf compiles it)."""
    width, height = PAGE_SIZE[paper]
    scale, slices = page_slices(drawing, paper=paper)
    image_width = _mm(drawing.width * scale)
    out = [
        "#set document(title: {})\n".format(string(title)),
        "#set page(width: {}, height: {}, margin: (top: {}mm, bottom: {}mm, x: {}mm),\n".format(
            width, height, MARGIN_TOP, MARGIN_BOTTOM, MARGIN_X
        ),
        '  header: align(center, text(size: 8pt, weight: "bold", fill: rgb("#333"), {})),\n'.format(
            string(running_title)
        ),
        '  footer: context { text(size: 7pt, fill: rgb("#555"), '
        + string("Dicetak {}".format(date.today().strftime("%d-%m-%Y")))
        + '); h(1fr); text(size: 8pt, "Halaman " + str(counter(page).get().first()) + " dari "'
        " + str(counter(page).final().first())) })\n",
        '#set text(font: "DejaVu Sans", size: 8pt, lang: "id")\n',
        '#block(below: 2mm, text(size: 11pt, weight: "bold", upper({})))\n'.format(string(title)),
    ]
    if subtitle:
        out.append("#block(below: 2mm, text(size: 8pt, {}))\n".format(string("\n".join(subtitle))))
    for number, window in enumerate(svg_windows(drawing.svg, slices)):
        if number:
            out.append("#pagebreak()\n")
        out.append(
            '#box(clip: true, image(bytes({}), format: "svg", width: {}))\n'.format(
                string(window), image_width
            )
        )
    return "".join(out)


def tree_pdf(
    drawing: TreeDrawing,
    *,
    title: str,
    subtitle: list[str],
    running_title: str,
    paper: str = "f4",
) -> bytes:
    """The drawing as PDF pages (see the module's docstring)."""
    source = tree_pdf_source(
        drawing, title=title, subtitle=subtitle, running_title=running_title, paper=paper
    )
    return compile_pdf(source)
