"""What the monitoring pages share: the year in the URL, the context of every page, the
indicator of a URL and the cells posted for one row of a grid."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from renstra.core.achievement import DEFAULT_SCALE
from renstra.monitoring.cells import SEEN_FIELD, TOKEN_FIELD, VALUE_FIELD
from renstra.monitoring.choices import QUARTER_LABELS, QUARTERS
from renstra.plans.levels import OWNER_FIELDS
from renstra.plans.models import Indicator


def page_year(version, year: int) -> int:
    """The year of the URL, if it is a target year of the plan (else 404)."""
    if year not in version.plan.target_years:
        raise Http404(_("Tahun itu di luar tahun target Renstra."))
    return year


def page_context(request, version, year: int, **extra) -> dict:
    """The context every monitoring page starts from: the version, the year and what the user
    may do with it."""
    return {
        "version": version,
        "plan": version.plan,
        "year": year,
        "years": version.plan.target_years,
        "may_enter": request.user.has_perm("monitoring.enter", version),
        "may_decide": request.user.has_perm("monitoring.decide", version),
        "may_assign": request.user.has_perm("monitoring.assign", version),
        "quarters": QUARTERS,
        "quarter_labels": QUARTER_LABELS,
        "scale": DEFAULT_SCALE.describe(),
        **extra,
    }


def version_indicator(version, indicator_id: int) -> Indicator:
    """The indicator of the URL in `version` (else 404), with its owner (a kegiatan's with its
    program, which the indicator's evaluation reads) and the version the page already read."""
    indicator = get_object_or_404(
        Indicator.objects.select_related(*OWNER_FIELDS, "activity__program"),
        pk=indicator_id,
        version=version,
    )
    indicator.version = version
    return indicator


def posted(request, name: str, quarters) -> dict[int, str]:
    """{quarter: text} of one field of the cells of a grid row the form posted: `name` is a
    field pattern of renstra.monitoring.cells (q1-q4 and q0 typed, t… tokens, a… texts seen)."""
    return {
        quarter: request.POST[name.format(quarter)]
        for quarter in quarters
        if name.format(quarter) in request.POST
    }


def posted_row(request, quarters) -> dict:
    """The keywords of a row save: the cells as typed, their tokens and the texts they showed."""
    return {
        "cells": posted(request, VALUE_FIELD, quarters),
        "tokens": posted(request, TOKEN_FIELD, quarters),
        "seen": posted(request, SEEN_FIELD, quarters),
    }
