"""The performance tree as tables (renstra.render.table), for XLSX, CSV, PDF and the page:

- `tree_table`: the tree row by row, in drawing order: one row per node and indicator (a node's
  own cells merged down over its indicators), with its level, code or number, name,
  performance statement, indicator, satuan, target per year, unit, eselon and official;
- `cascade_table`: the cascading of performance per unit (kaskade kinerja): per unit of the
  agency, in the organisation's order (the head, then each unit followed by the units under
  it), the nodes it is responsible for with their indicators and
  targets, under a heading row naming the unit, its eselon and its official. An item drawn
  twice in the tree (a program of two sasaran) is listed once.
"""

from django.utils.translation import gettext as _

from renstra.plans.performance_tree import PerformanceTree, day_label, level_labels
from renstra.plans.titles import running_title, title_block
from renstra.render.table import Cell, CellKind, Column, HeaderCell, Row, Table, merge_down
from renstra.render.tree_svg import TreeIndicator, TreeNode

C = CellKind


def _indicator_cells(indicator: TreeIndicator | None, years: list[int]) -> list[Cell]:
    if indicator is None:
        return [Cell("")] + [Cell("")] + [Cell("") for _year in years]
    by_year = dict(indicator.targets)
    return [Cell(indicator.name), Cell(indicator.unit)] + [
        Cell(by_year.get(str(year), "")) for year in years
    ]


def _node_rows(node: TreeNode, own: list[Cell], years: list[int], depth: int) -> list[Row]:
    """One row per indicator (one row without), `own` cells first and merged down."""
    style = "program" if node.level in ("pemda", "sasaran") else ""
    rows = [
        Row([Cell(cell.value, cell.kind) for cell in own] + _indicator_cells(indicator, years))
        for indicator in (node.indicators or [None])
    ]
    for row in rows:
        row.style, row.level = style, depth
    if len(rows) > 1:
        for column in range(len(own)):
            merge_down(rows, column)
    return rows


def _columns(years: list[int], first: list[Column], last: list[Column]) -> list[Column]:
    middle = [
        Column("indikator", _("Indikator kinerja")),
        Column("satuan", _("Satuan")),
        *(Column("target_{}".format(year), str(year)) for year in years),
    ]
    return first + middle + last


def _headers(columns: list[Column], years: list[int], first: int) -> list[list[HeaderCell]]:
    """Two header rows: 'Target' over the years, every other title over both rows."""
    top, below = [], []
    year_start = first + 2
    for index, column in enumerate(columns):
        if year_start <= index < year_start + len(years):
            if index == year_start:
                top.append(HeaderCell(_("Target"), colspan=len(years)))
            below.append(HeaderCell(column.label))
        else:
            top.append(HeaderCell(column.label, rowspan=2))
    return [top, below] if years else [top]


def tree_table(tree: PerformanceTree) -> Table:
    labels = level_labels()
    years = tree.years
    first = [
        Column("tingkat", _("Tingkat")),
        Column("kode", _("Kode/nomor"), C.CODE),
        Column("uraian", _("Uraian")),
        Column("kinerja", _("Pernyataan kinerja")),
    ]
    last = [
        Column("unit_kerja", _("Unit kerja penanggung jawab")),
        Column("eselon", _("Eselon")),
        Column("pejabat", _("Pejabat")),
        Column("crosscutting", _("Crosscutting")),
    ]
    columns = _columns(years, first, last)
    rows = []
    for node, depth in tree.walk():
        level = labels.get(node.level, node.level)
        if node.placeholder:
            level = node.heading
        own = [Cell(level), Cell(node.code, C.CODE), Cell(node.name), Cell(node.statement)]
        node_rows = _node_rows(node, own, years, depth)
        tail = [
            node.unit_name,
            node.eselon,
            node.official,
            "; ".join(("← " if link.incoming else "→ ") + link.text for link in node.links),
        ]
        for row in node_rows:
            row.cells += [Cell(value) for value in tail]
        if len(node_rows) > 1:
            for column in range(len(columns) - len(tail), len(columns)):
                merge_down(node_rows, column)
        rows.extend(node_rows)
    return _table(tree, "pohon-kinerja", _("Pohon Kinerja"), columns, len(first), rows)


def cascade_table(tree: PerformanceTree) -> Table:
    labels = level_labels()
    years = tree.years
    first = [
        Column("tingkat", _("Tingkat")),
        Column("kode", _("Kode/nomor"), C.CODE),
        Column("uraian", _("Uraian")),
        Column("kinerja", _("Pernyataan kinerja")),
    ]
    columns = _columns(years, first, [])
    by_unit: dict[str, list[TreeNode]] = {}
    heads: dict[str, str] = {}
    seen = set()
    for node, _depth in tree.walk():
        if node.placeholder or node.level == "pemda" or node.key in seen:
            continue
        seen.add(node.key)
        unit = node.unit_name or ""
        by_unit.setdefault(unit, []).append(node)
        if unit:
            heads[unit] = " · ".join(
                part
                for part in (
                    unit,
                    _("eselon {}").format(node.eselon) if node.eselon else "",
                    node.official,
                )
                if part
            )
    last = len(tree.unit_order)
    order = sorted(by_unit, key=lambda unit: (unit == "", tree.unit_order.get(unit, last)))
    rows = []
    for unit in order:
        heading = heads.get(unit) or _("Penanggung jawab belum ditetapkan")
        head_row = Row([Cell(heading)] + [Cell("", covered=True) for _c in columns[1:]])
        head_row.cells[0].colspan = len(columns)
        head_row.style = "program"
        rows.append(head_row)
        for node in by_unit[unit]:
            own = [
                Cell(labels.get(node.level, node.level)),
                Cell(node.code, C.CODE),
                Cell(node.name),
                Cell(node.statement),
            ]
            rows.extend(_node_rows(node, own, years, 1))
    return _table(
        tree, "kaskade-kinerja", _("Kaskade Kinerja per Unit Kerja"), columns, len(first), rows
    )


def _table(tree: PerformanceTree, key: str, title: str, columns, leading: int, rows) -> Table:
    """Both tables of the tree: its columns (`leading` before the target years), its rows."""
    return Table(
        key=key,
        title=title,
        subtitle=_subtitle(tree),
        columns=columns,
        header_rows=_headers(columns, tree.years, leading),
        rows=rows,
        numbered=False,
        notes=_notes(tree),
        running_title=running_title(tree.version),
        empty_text=_("Versi ini belum mempunyai sasaran, program atau kegiatan."),
    )


def _subtitle(tree: PerformanceTree) -> str:
    return "{} · {}".format(
        title_block(tree.version), _("pejabat per {}").format(day_label(tree.day))
    )


def _notes(tree: PerformanceTree) -> list[str]:
    if not tree.has_example:
        return []
    return [
        _(
            "DATA CONTOH: unit kerja, pejabat dan penugasan yang bertanda «contoh» bukan data "
            "sebenarnya (dokumen Renstra contoh tidak memuat susunan organisasi)."
        )
    ]
