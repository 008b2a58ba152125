"""The dashboard of one plan version and year: the same server-side SVG charts on the page and
in its PDF (renstra.render.charts)."""

from collections import Counter
from decimal import Decimal

from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from renstra.core.achievement import PREDICATE_LABELS, Predicate
from renstra.monitoring.evaluation import Evaluation
from renstra.monitoring.export import predicate_label
from renstra.monitoring.figures import PERCENT_PLACES, rounded
from renstra.monitoring.models import BudgetRealization
from renstra.plans.models import Funding
from renstra.render.charts import (
    PREDICATE_COLORS,
    bar_chart,
    distribution_chart,
    grouped_bar_chart,
)


def program_labels(programs) -> list[str]:
    """'code name' of each program, as the charts label them (cut to fit, with the whole label
    as the SVG <title> shown on hover). The code comes first, so programs of one name ("PENINGKATAN
    KAPASITAS SUMBER DAYA APARATUR" is programs 05, 16 and 48 of the demo) stay apart however
    short the cut. Programs that share a code (or, without one, a name) are numbered after it in
    the order of the plan, so no two labels read the same."""
    codes = [getattr(p, "code", "") or getattr(p, "number", "") or "" for p in programs]
    keys = [code or program.name.casefold() for code, program in zip(codes, programs, strict=True)]
    shared = Counter(keys)
    seen: Counter = Counter()
    labels = []
    for code, key, program in zip(codes, keys, programs, strict=True):
        parts = [code] if code else []
        if shared[key] > 1:
            seen[key] += 1
            parts.append("({})".format(seen[key]))
        labels.append(" ".join([*parts, program.name]))
    return labels


def _percent(value: Decimal | None) -> Decimal | None:
    """A percentage as the charts draw it: one decimal (the chart's own number, not stored)."""
    return None if value is None else rounded(value, PERCENT_PLACES)


def charts(evaluation: Evaluation) -> dict[str, str]:
    """SVG text of each chart, by name. Percentages are drawn with one decimal, as the predicate
    spread draws them."""
    year = evaluation.year
    programs = evaluation.programs
    labels = program_labels([p.item for p in programs])
    achievement = bar_chart(
        [(label, _percent(p.achievement.value)) for label, p in zip(labels, programs, strict=True)],
        title=_("Capaian kinerja per program, {}").format(year),
        unit="%",
        reference=Decimal(100),
        colors=[
            PREDICATE_COLORS[p.predicate.value] if p.predicate else "#999999" for p in programs
        ],
    )
    budget = grouped_bar_chart(
        labels,
        [
            (_("Pagu {}").format(year), [p.planned for p in programs]),
            (_("Realisasi {}").format(year), [p.realized for p in programs]),
        ],
        title=_("Pagu dan realisasi anggaran per program, {} (Rp)").format(year),
    )
    counts = evaluation.predicate_counts()
    spread = distribution_chart(
        [(str(PREDICATE_LABELS[p]), counts[p], PREDICATE_COLORS[p.value]) for p in Predicate]
        + ([(_("Tidak dapat dihitung"), counts[None], "#bbbbbb")] if counts[None] else []),
        title=_("Sebaran predikat capaian indikator, {}").format(year),
    )
    return {"achievement": achievement, "budget": budget, "predicates": spread}


def years_chart(version) -> str:
    """Budget against realization of the whole plan by year (two aggregate queries). The
    planned amount of a year is the sum of its kegiatan's funding, as the realization is."""
    years = version.plan.target_years
    planned = dict(
        Funding.objects.filter(activity__program__version=version)
        .values("year")
        .annotate(total=Sum("amount"))
        .values_list("year", "total")
    )
    realized = dict(
        BudgetRealization.objects.filter(activity__program__version=version)
        .values("year")
        .annotate(total=Sum("amount"))
        .values_list("year", "total")
    )
    return grouped_bar_chart(
        [str(y) for y in years],
        [
            (_("Pagu kegiatan"), [planned.get(y) for y in years]),
            (_("Realisasi"), [realized.get(y) for y in years]),
        ],
        title=_("Pagu dan realisasi anggaran kegiatan per tahun (Rp)"),
    )


def render_pdf(evaluation: Evaluation) -> bytes:
    """The dashboard as a PDF (A4 landscape), with the same SVG charts as the page."""
    # WeasyPrint (and the Pango it loads) only when a PDF is made, not for every page.
    from weasyprint import HTML

    html = render_to_string(
        "monitoring/dashboard_print.html",
        {
            "evaluation": evaluation,
            "version": evaluation.version,
            "plan": evaluation.version.plan,
            "year": evaluation.year,
            "charts": charts(evaluation),
            "years_chart": years_chart(evaluation.version),
            "at_risk": evaluation.at_risk[:25],
            "average": evaluation.average,
            "average_predicate": predicate_label(evaluation.average_predicate),
        },
    )
    return HTML(string=html).write_pdf()
