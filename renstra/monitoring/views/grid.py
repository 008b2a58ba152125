"""The realization grid of a year: one row per indicator, each row saved in place (HTMX) when
a cell is left, with filters for one's own indicators, those at risk, a status."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.monitoring import services
from renstra.monitoring.choices import QUARTER_LABELS, QUARTERS, YEARLY, EntryStatus
from renstra.monitoring.csv_import import COLUMNS
from renstra.monitoring.evaluation import YEARLY_TYPES, default_year, evaluate, indicator_year
from renstra.monitoring.views.common import (
    page_context,
    page_year,
    posted_row,
    version_indicator,
)
from renstra.plans.permissions import version_for

PERIODS = (*QUARTERS, YEARLY)


def home(request, version_id: int):
    version = version_for(request, version_id, "monitor")
    return redirect("monitoring:entry", version.pk, default_year(version))


def _rows(evaluation, request):
    """The evaluation's indicator results, filtered as the page's query asks."""
    results = evaluation.indicators
    if request.GET.get("pemilik") == "saya":
        results = [r for r in results if r.assignment and r.assignment.person_id == request.user.pk]
    if request.GET.get("risiko"):
        results = [r for r in results if r.at_risk]
    if request.GET.get("status"):
        wanted = request.GET["status"]
        results = [r for r in results if any(e.status == wanted for e in r.entries.values())]
    return results


def _entry_context(request, version, year: int, **extra) -> dict:
    evaluation = evaluate(version, year)
    return page_context(
        request,
        version,
        year,
        evaluation=evaluation,
        results=_rows(evaluation, request),
        yearly_types=YEARLY_TYPES,
        filters=request.GET,
        statuses=EntryStatus.choices,
        columns=", ".join(COLUMNS),
        **extra,
    )


def entry_page(request, version_id: int, year: int):
    version = version_for(request, version_id, "monitor")
    year = page_year(version, year)
    return render(request, "monitoring/entry.html", _entry_context(request, version, year))


@require_POST
def save_row(request, version_id: int, year: int, indicator_id: int):
    """Save the quarters (and the year value) of one indicator typed into its row, under the
    optimistic lock of renstra.monitoring.cells. A cell someone else changed since it was shown
    is a conflict (409): the row comes back with both values and the typed one still in it."""
    version = version_for(request, version_id, "enter")
    year = page_year(version, year)
    indicator = version_indicator(version, indicator_id)
    held = services.save_realization_row(
        indicator=indicator, year=year, user=request.user, **posted_row(request, PERIODS)
    )
    status = 409 if held.conflicts else 200
    if request.headers.get("HX-Request"):
        # Only what the row shows: version_for has just said the user may enter, and the
        # permissions of the whole page would cost their queries again on every save.
        context = {
            "version": version,
            "year": year,
            "r": indicator_year(indicator, year),
            "held": held,
            "may_enter": True,
            "yearly_types": YEARLY_TYPES,
            "quarter_labels": QUARTER_LABELS,
        }
        return render(request, "monitoring/entry_row.html", context, status=status)
    if held.conflicts or held.refused:  # what was not stored stays typed in its row
        context = _entry_context(request, version, year, held=held)
        return render(request, "monitoring/entry.html", context, status=status)
    messages.success(request, _("Realisasi disimpan."))
    return redirect(
        reverse("monitoring:entry", args=[version.pk, year]) + "#ind-{}".format(indicator.pk)
    )
