"""The performance tree drawn (renstra.render.tree_svg) and printed (renstra.render.tree_pdf):
one function makes the drawing, so that the page shows and the PDF prints the same SVG."""

from django.utils.translation import gettext as _

from renstra.plans.performance_tree import COLUMNS, PerformanceTree, day_label, level_labels
from renstra.plans.titles import running_title, title_block
from renstra.render.tree_pdf import tree_pdf
from renstra.render.tree_svg import TreeDrawing, draw_tree


def tree_title(tree: PerformanceTree) -> str:
    plan = tree.version.plan
    return _("Pohon Kinerja {agency} {region} {period}").format(
        agency=plan.agency.short_name, region=plan.agency.region.name, period=plan.period
    )


def drawing_of(tree: PerformanceTree) -> TreeDrawing:
    """The tree as SVG, with a legend of its levels (and the example-data mark)."""
    counts = tree.counts()
    labels = level_labels()
    described = ", ".join(
        "{} {}".format(counts[level], labels[level]) for level in COLUMNS if counts.get(level)
    )
    return draw_tree(
        tree.roots,
        columns=COLUMNS,
        title=tree_title(tree),
        description=_("Pohon kinerja: {}.").format(described or _("belum ada butir")),
        legend=[(level, labels[level]) for level in COLUMNS if counts.get(level)],
        caption=_("«contoh»: unit kerja dan pejabat contoh") if tree.has_example else "",
        statement_label=_("Kinerja"),
        no_targets=_("target belum diisi"),
    )


def subtitle_lines(tree: PerformanceTree, *, example_note: bool = True) -> list[str]:
    """The lines under the title: the version, where units and officials come from, the RPJMD
    read, and (unless the page says it its own way: `example_note`) the example-data mark."""
    lines = [
        title_block(tree.version),
        _(
            "Unit kerja: yang ditetapkan dalam versi, atau penugasan Perangkat Daerah; pejabat "
            "per {}."
        ).format(day_label(tree.day)),
    ]
    if tree.rpjmd is not None:
        lines.append(
            _("Sasaran RPJMD menurut {plan} versi {number}.").format(
                plan=tree.rpjmd.version.plan.title, number=tree.rpjmd.version.number
            )
        )
    if tree.has_example and example_note:
        lines.append(
            _(
                "DATA CONTOH: unit kerja, pejabat dan penugasan bertanda «contoh» bukan data "
                "sebenarnya."
            )
        )
    return lines


def pdf_of(tree: PerformanceTree, *, paper: str = "f4") -> bytes:
    """The drawing on F4 (or A4) landscape pages."""
    return tree_pdf(
        drawing_of(tree),
        title=tree_title(tree),
        subtitle=subtitle_lines(tree),
        running_title=running_title(tree.version),
        paper=paper,
    )
