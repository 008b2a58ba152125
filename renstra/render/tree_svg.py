"""A performance tree (pohon kinerja) drawn as SVG: boxes joined by elbow connectors, laid out
left to right, one column per level, so that a deep tree reads across a landscape page and
grows downwards with its leaves. The same string goes inline into the page and, as an image,
into the PDF (renstra.render.tree_pdf), which cuts it into pages where no box is cut
(`TreeDrawing.cuts`).

The nodes are plain data (`TreeNode`): whoever builds them decides their texts, in the user's
language; this module only measures, wraps and draws. Every text is XML-escaped; the same input
gives the same bytes. Long texts wrap inside their box (a very long one ends with '…' after
many lines; the box's tooltip has it whole), and each box is as tall as its content.
"""

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from renstra.render.charts import (
    FONT_FAMILY,
    MUTED_COLOR,
    TEXT_COLOR,
    _clean,
    _el,
    _num,
    _text,
    _text_width,
    _tip,
    _wrap,
)

__all__ = ["LEVEL_COLORS", "TreeDrawing", "TreeIndicator", "TreeLink", "TreeNode", "draw_tree"]


@dataclass
class TreeIndicator:
    """An indicator of a node with its targets as (year, text) pairs, in order; `unit` (its
    satuan) is for tables, not drawn (the targets carry theirs)."""

    name: str
    targets: list[tuple[str, str]] = field(default_factory=list)
    unit: str = ""


@dataclass
class TreeLink:
    """A line about a link of the node with another tree's node; `incoming`: it points here."""

    text: str
    incoming: bool = False


@dataclass
class TreeNode:
    """One box: `level` picks its column and colour, `heading` its coloured strip ("Kegiatan
    16.58"), then its name, statement, indicators, who is responsible, links and notes."""

    key: str
    level: str
    heading: str
    name: str
    statement: str = ""
    indicators: list[TreeIndicator] = field(default_factory=list)
    unit_line: str = ""
    official_line: str = ""
    unit_missing: bool = False  # unit_line says nobody is responsible yet: drawn as a warning
    links: list[TreeLink] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    placeholder: bool = False  # a group, not an item of a plan: dashed, no indicators
    children: list["TreeNode"] = field(default_factory=list)
    # For tables (not drawn): the unit's name and eselon and the official, apart.
    unit_name: str = ""
    eselon: str = ""
    official: str = ""
    code: str = ""


@dataclass
class TreeDrawing:
    """The SVG, its size in px, and the y positions where a page may end without cutting a
    box (between rows of boxes), top to bottom."""

    svg: str
    width: float
    height: float
    cuts: list[float]


# Dark enough for white headings; told apart in greyscale by their order of columns anyway.
LEVEL_COLORS = {
    "pemda": "#4b2e83",
    "sasaran": "#005a8c",
    "program": "#00735a",
    "kegiatan": "#9a3d00",
    "sub_kegiatan": "#7a3360",
}
OTHER_COLOR = "#444d56"
LINK_COLOR = "#6a3d9a"
WARN_COLOR = "#b42318"
LINE_COLOR = "#8c959f"

# Box widths: as wide as a landscape page allows for the columns used (about WIDTH_GOAL px
# in all), within these bounds: a shallow tree gets wide boxes, which makes them shorter.
BOX_MIN, BOX_MAX, WIDTH_GOAL = 250, 420, 1400
GAP_X = 44
GAP_Y = 10
GAP_ROOT = 22
MARGIN = 12
PAD = 7
HEAD = 20
_ID = re.compile(r"[^A-Za-z0-9_-]")


@dataclass
class _Line:
    text: str
    size: float
    height: float
    weight: str = "normal"
    style: str = "normal"
    color: str = TEXT_COLOR
    indent: float = 0
    rule: bool = False  # a thin rule above this line


class _Writer:
    """The lines of a box's content, wrapped to its width."""

    def __init__(self, box_width: float, statement_label: str, no_targets: str):
        self.width = box_width - 2 * PAD
        self.statement_label, self.no_targets = statement_label, no_targets

    def lines(self, text: str, size: float, height: float, most: int, **style) -> list[_Line]:
        indent = style.get("indent", 0)
        bold = style.get("weight") == "bold"
        wrapped = _wrap(_clean(text), self.width - indent, size, most, bold=bold)
        return [_Line(line, size, height, **style) for line in wrapped if line]

    def content(self, node: TreeNode) -> list[_Line]:
        out = self.lines(node.name, 11, 14, 8, weight="bold")
        if node.statement and _clean(node.statement) != _clean(node.name):
            statement = "{}: {}".format(self.statement_label, node.statement)
            out += self.lines(statement, 10, 13, 6, style="italic")
        for number, indicator in enumerate(node.indicators):
            first = self.lines("• " + indicator.name, 10, 13, 5)
            if first and number == 0 and out:
                first[0].rule = True  # the indicators apart from the name
            out += first
            targets = " · ".join("{}: {}".format(year, text) for year, text in indicator.targets)
            out += self.lines(targets or self.no_targets, 9, 12, 4, color=MUTED_COLOR, indent=9)
        for note in node.notes:
            out += self.lines(note, 9, 12, 3, style="italic", color=MUTED_COLOR)
        color = WARN_COLOR if node.unit_missing else TEXT_COLOR
        who = self.lines(node.unit_line, 9.5, 12, 2, weight="bold", color=color)
        who += self.lines(node.official_line, 9.5, 12, 2)
        if who:
            who[0].rule = True
        out += who
        for link in node.links:
            arrow = "← " if link.incoming else "→ "
            out += self.lines(arrow + link.text, 9, 12, 4, color=LINK_COLOR)
        return out


@dataclass
class _Box:
    node: TreeNode
    column: int
    lines: list[_Line] = field(default_factory=list)
    x: float = 0
    y: float = 0
    children: list["_Box"] = field(default_factory=list)

    @property
    def height(self) -> float:
        return HEAD + PAD + sum(line.height + (4 if line.rule else 0) for line in self.lines) + PAD


def draw_tree(
    roots: list[TreeNode],
    *,
    columns: list[str],
    title: str,
    description: str,
    legend: list[tuple[str, str]] = (),
    caption: str = "",
    statement_label: str = "Kinerja",
    no_targets: str = "target belum diisi",
) -> TreeDrawing:
    """The tree under `roots` as SVG. `columns`: the level keys left to right (a node of a
    level not listed goes one column right of its parent). `legend`: (level, label) pairs
    drawn above the tree with `caption` after them; `title` and `description` are the SVG's
    accessible name and description."""
    boxes: list[_Box] = []
    edges: list[tuple[_Box, _Box]] = []

    def make(node: TreeNode, parent_column: int) -> _Box:
        column = columns.index(node.level) if node.level in columns else parent_column + 1
        box = _Box(node, column)
        boxes.append(box)
        box.children = [make(child, column) for child in node.children]
        edges.extend((box, child) for child in box.children)
        return box

    tops = [make(root, -1) for root in roots]
    used = sorted({box.column for box in boxes}) or [0]
    shift = {column: index for index, column in enumerate(used)}
    box_width = (WIDTH_GOAL - 2 * MARGIN - (len(used) - 1) * GAP_X) / len(used)
    box_width = round(min(max(box_width, BOX_MIN), BOX_MAX))
    writer = _Writer(box_width, statement_label, no_targets)
    for box in boxes:
        box.lines = writer.content(box.node)
        box.x = MARGIN + shift[box.column] * (box_width + GAP_X)

    legend_height = 28 if legend or caption else 0
    bottom = MARGIN + legend_height
    for box in tops:
        bottom = _place(box, bottom) + GAP_ROOT
    height = max(bottom - GAP_ROOT + MARGIN, MARGIN * 2 + legend_height + 20)
    width = MARGIN * 2 + len(used) * box_width + (len(used) - 1) * GAP_X

    body = [_legend(legend, caption)] if legend_height else []
    body += [_edge(parent, child, box_width) for parent, child in edges]
    ids: set[str] = set()
    body += [_draw(box, box_width, ids) for box in boxes]
    if not boxes:
        body.append(_text(description, x=MARGIN, y=MARGIN + legend_height + 14, fill=MUTED_COLOR))
    svg = _document(width, height, title, description, body)
    return TreeDrawing(svg, width, height, _cuts(boxes, MARGIN + legend_height, height))


def _place(box: _Box, top: float) -> float:
    """Lay `box` and what is under it out from `top`; returns the bottom of the lot. Leaves
    stack; a parent stands level with its first child."""
    children = box.children
    if not children:
        box.y = top
        return top + box.height
    below = top
    for child in children:
        below = _place(child, below) + GAP_Y
    below -= GAP_Y
    # Level with its first child: a parent heads its group, as an outline does, and a page
    # of a long group still shows whose it is (a parent in the middle of a hundred kegiatan
    # would stand pages away from most of them).
    box.y = top
    return max(below, box.y + box.height)


def _cuts(boxes: list[_Box], top: float, height: float) -> list[float]:
    spans = sorted((box.y, box.y + box.height) for box in boxes)
    cuts, reach = [top - 4], top
    for start, end in spans:
        if start > reach + 2:
            cuts.append((reach + start) / 2)
        reach = max(reach, end)
    return [cut for cut in cuts if 0 < cut < height]


def _color(level: str) -> str:
    return LEVEL_COLORS.get(level, OTHER_COLOR)


def _edge(parent: _Box, child: _Box, box_width: float) -> str:
    x1, y1 = parent.x + box_width, parent.y + HEAD / 2
    x2, y2 = child.x, child.y + HEAD / 2
    middle = x2 - GAP_X / 2
    path = "M{} {}H{}V{}H{}".format(_num(x1), _num(y1), _num(middle), _num(y2), _num(x2))
    return _el("path", {"d": path, "fill": "none", "stroke": LINE_COLOR, "stroke-width": 1.2})


def _draw(box: _Box, box_width: float, ids: set[str]) -> str:
    node, color = box.node, _color(box.node.level)
    x, y, height = box.x, box.y, box.height
    frame = {
        "x": x,
        "y": y,
        "width": box_width,
        "height": height,
        "rx": 4,
        "fill": "#fafbfc" if node.placeholder else "#ffffff",
        "stroke": color,
        "stroke-width": 1.4,
    }
    if node.placeholder:
        frame["stroke-dasharray"] = "5 3"
    parts = [_tip(_clean(" — ".join(t for t in (node.heading, node.name, node.statement) if t)))]
    parts.append(_el("rect", frame))
    strip = {"x": x, "y": y, "width": box_width, "height": HEAD, "rx": 4, "fill": color}
    parts.append(_el("rect", strip))
    parts.append(_el("rect", {**strip, "y": y + HEAD - 4, "height": 4, "rx": 0}))
    heading = _wrap(_clean(node.heading), box_width - 2 * PAD, 10.5, 1, bold=True)[0]
    parts.append(
        _text(heading, x=x + PAD, y=y + 14, font_size=10.5, font_weight="bold", fill="#ffffff")
    )
    at = y + HEAD + PAD
    for line in box.lines:
        if line.rule:
            rule = {"x1": x + PAD, "x2": x + box_width - PAD, "y1": at + 1, "y2": at + 1}
            parts.append(_el("line", {**rule, "stroke": LINE_COLOR, "stroke-width": 0.6}))
            at += 4
        at += line.height
        attrs = {"x": x + PAD + line.indent, "y": at - 3, "font_size": line.size}
        if line.weight != "normal":
            attrs["font_weight"] = line.weight
        if line.style != "normal":
            attrs["font_style"] = line.style
        if line.color != TEXT_COLOR:
            attrs["fill"] = line.color
        parts.append(_text(line.text, **attrs))
    ident = base = "node-" + _ID.sub("-", node.key)
    while ident in ids:  # an item drawn twice (a program under two sasaran)
        ident = "{}-{}".format(base, len(ids))
    ids.add(ident)
    return _el("g", {"id": ident, "class": "node node-" + _ID.sub("-", node.level)}, "".join(parts))


def _legend(legend: list[tuple[str, str]], caption: str) -> str:
    parts, x = [], MARGIN
    for level, label in legend:
        text = _clean(label)
        parts.append(
            _el(
                "rect",
                {
                    "x": x,
                    "y": MARGIN + 2,
                    "width": 12,
                    "height": 12,
                    "rx": 2,
                    "fill": _color(level),
                },
            )
        )
        parts.append(_text(text, x=x + 16, y=MARGIN + 12, font_size=10))
        x += 16 + _text_width(text, 10) + 14
    if caption:
        parts.append(
            _text(
                _clean(caption),
                x=x,
                y=MARGIN + 12,
                font_size=10,
                font_style="italic",
                fill=MUTED_COLOR,
            )
        )
    return _el("g", {"class": "legend"}, "".join(parts))


def _document(width: float, height: float, title: str, description: str, body: list[str]) -> str:
    head = (
        '<svg xmlns="http://www.w3.org/2000/svg" class="performance-tree"'
        ' viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img"'
        ' aria-labelledby="tree-title" aria-describedby="tree-desc"'
        ' font-family="{font}" font-size="11" fill="{ink}">'
    ).format(w=_num(width), h=_num(height), font=FONT_FAMILY, ink=TEXT_COLOR)
    return "".join(
        [
            head,
            _el("title", {"id": "tree-title"}, escape(_clean(title))),
            _el("desc", {"id": "tree-desc"}, escape(_clean(description))),
            *body,
            "</svg>",
        ]
    )
