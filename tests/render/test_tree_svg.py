"""The performance tree's SVG (render/tree_svg.py) and its PDF pages (render/tree_pdf.py), from
plain nodes: valid, escaped, sized to its content, the same bytes for the same input, and cut
into pages only between boxes."""

import io
import xml.etree.ElementTree as ET

from pypdf import PdfReader

from renstra.render.tree_pdf import page_slices, svg_window, tree_pdf
from renstra.render.tree_svg import TreeIndicator, TreeLink, TreeNode, draw_tree

NS = "{http://www.w3.org/2000/svg}"
COLUMNS = ["sasaran", "program", "kegiatan"]


def _kegiatan(n: int, name: str = "Kegiatan uji") -> TreeNode:
    return TreeNode(
        key="kegiatan-{}".format(n),
        level="kegiatan",
        heading="Kegiatan 1.{:02d}".format(n),
        name="{} {}".format(name, n),
        indicators=[
            TreeIndicator("Jumlah dokumen", [("2020", "1 dokumen"), ("2021", "2 dokumen")])
        ],
        unit_line="Subbidang Uji · eselon IV.a",
    )


def _tree(kegiatan: int = 3, name: str = "Kegiatan uji") -> list[TreeNode]:
    program = TreeNode(
        key="program-1",
        level="program",
        heading="Program 1",
        name='Program <uji> & "mutu"',
        statement="Meningkatnya mutu",
        unit_line="Bidang Uji · eselon III.a",
        official_line="Pejabat Uji",
        links=[TreeLink("ke Dinkes: Program 1.02 Kesehatan", incoming=False)],
        children=[_kegiatan(n, name) for n in range(kegiatan)],
    )
    return [
        TreeNode(
            key="sasaran-1",
            level="sasaran",
            heading="Sasaran 1",
            name="Sasaran uji",
            children=[program],
        )
    ]


def _draw(roots):
    return draw_tree(roots, columns=COLUMNS, title="Pohon uji", description="uji")


def _boxes(svg: str) -> list[tuple[float, float]]:
    root = ET.fromstring(svg)
    spans = []
    for group in root.iter(NS + "g"):
        if "node" in group.get("class", "").split():
            frame = group.find(NS + "rect")
            spans.append(
                (float(frame.get("y")), float(frame.get("y")) + float(frame.get("height")))
            )
    return spans


def test_the_svg_is_valid_escaped_and_the_same_for_the_same_input():
    drawing = _draw(_tree())
    root = ET.fromstring(drawing.svg)  # well-formed
    texts = " ".join(t.text or "" for t in root.iter(NS + "text"))
    assert 'Program <uji> & "mutu"' in texts
    assert "→ ke Dinkes: Program 1.02 Kesehatan" in texts
    assert "2020: 1 dokumen · 2021: 2 dokumen" in texts
    assert root.find(NS + "title").text == "Pohon uji"
    assert drawing.svg == _draw(_tree()).svg
    assert len(_boxes(drawing.svg)) == 5


def test_boxes_grow_with_their_text_and_columns_with_the_levels():
    short = _draw(_tree(1))
    long = _draw(_tree(1, name="Penyelenggaraan " * 30))
    assert long.height > short.height
    texts = [t.text for t in ET.fromstring(long.svg).iter(NS + "text")]
    assert any(text.endswith("…") for text in texts)  # cut after many lines, not lost silently
    assert short.width == 12 * 2 + 3 * 420 + 2 * 44  # three columns, as wide as a page allows


def test_an_item_drawn_twice_gets_ids_of_its_own():
    roots = _tree(1)
    roots.append(
        TreeNode(
            key="sasaran-2",
            level="sasaran",
            heading="Sasaran 2",
            name="Lain",
            children=[roots[0].children[0]],
        )
    )
    ids = [g.get("id") for g in ET.fromstring(_draw(roots).svg).iter(NS + "g") if g.get("id")]
    assert len(ids) == len(set(ids)) == 6


def test_pages_are_cut_between_boxes_and_show_only_their_part():
    drawing = _draw(_tree(40))
    scale, slices = page_slices(drawing)
    assert len(slices) > 2
    spans = _boxes(drawing.svg)
    for _top, bottom in slices[:-1]:
        assert not any(start < bottom < end for start, end in spans), bottom
    top, bottom = slices[1]
    window = svg_window(drawing.svg, top, bottom)
    kept = _boxes(window)
    assert kept and all(end >= top and start <= bottom for start, end in kept)
    assert len(kept) < len(spans)
    pdf = tree_pdf(drawing, title="Pohon uji", subtitle=["baris"], running_title="UJI")
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == len(slices)
    assert "Kegiatan uji 39" in pages[-1] and "Kegiatan uji 39" not in pages[0]
