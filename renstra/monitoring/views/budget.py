"""Budget realization of the year: what each kegiatan spent per quarter, against its funding,
with absorption and efficiency."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.monitoring import services
from renstra.monitoring.choices import QUARTERS
from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.models import BudgetRealization
from renstra.monitoring.views.common import page_context, page_year, posted_row
from renstra.plans.models import Activity
from renstra.plans.permissions import version_for


def _budget_context(request, version, year: int, **extra) -> dict:
    evaluation = evaluate(version, year)
    entries: dict[int, dict[int, BudgetRealization]] = {}
    for b in BudgetRealization.objects.filter(activity__program__version=version, year=year):
        entries.setdefault(b.activity_id, {})[b.quarter] = b
    return page_context(request, version, year, evaluation=evaluation, entries=entries, **extra)


def budget_page(request, version_id: int, year: int):
    version = version_for(request, version_id, "monitor")
    year = page_year(version, year)
    return render(request, "monitoring/budget.html", _budget_context(request, version, year))


@require_POST
def save_budget_row(request, version_id: int, year: int, activity_id: int):
    """Save one kegiatan's quarters under the optimistic lock of renstra.monitoring.cells. What
    was not stored (a conflict, 409, or a refusal) is shown in the row, still typed in."""
    version = version_for(request, version_id, "enter")
    year = page_year(version, year)
    activity = get_object_or_404(
        Activity.objects.select_related("program__version__plan"),
        pk=activity_id,
        program__version=version,
    )
    held = services.save_budget_row(
        activity=activity, year=year, user=request.user, **posted_row(request, QUARTERS)
    )
    if held.conflicts or held.refused:
        context = _budget_context(request, version, year, held=held)
        status = 409 if held.conflicts else 200
        return render(request, "monitoring/budget.html", context, status=status)
    messages.success(request, _("Realisasi anggaran disimpan."))
    return redirect(
        reverse("monitoring:budget", args=[version.pk, year]) + "#keg-{}".format(activity.pk)
    )
