"""Budget realization of the year: what each kegiatan spent per quarter, against its funding,
with absorption and efficiency."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renstra.monitoring import services
from renstra.monitoring.choices import QUARTER_LABELS, QUARTERS
from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.models import BudgetRealization
from renstra.monitoring.views.common import page_context, page_year, posted_cells
from renstra.plans.models import Activity
from renstra.plans.permissions import version_for


def budget_page(request, version_id: int, year: int):
    version = version_for(request, version_id, "monitor")
    year = page_year(version, year)
    evaluation = evaluate(version, year)
    entries: dict[int, dict[int, BudgetRealization]] = {}
    for b in BudgetRealization.objects.filter(activity__program__version=version, year=year):
        entries.setdefault(b.activity_id, {})[b.quarter] = b
    return render(
        request,
        "monitoring/budget.html",
        page_context(request, version, year, evaluation=evaluation, entries=entries),
    )


@require_POST
def save_budget_row(request, version_id: int, year: int, activity_id: int):
    version = version_for(request, version_id, "enter")
    year = page_year(version, year)
    activity = get_object_or_404(
        Activity.objects.select_related("program__version__plan"),
        pk=activity_id,
        program__version=version,
    )
    refused = services.save_budget_row(
        activity=activity, year=year, cells=posted_cells(request, QUARTERS), user=request.user
    )
    for quarter, message in refused.items():
        messages.error(request, "{} {}: {}".format(activity.code, QUARTER_LABELS[quarter], message))
    return redirect(
        reverse("monitoring:budget", args=[version.pk, year]) + "#keg-{}".format(activity.pk)
    )
