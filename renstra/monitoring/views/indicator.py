"""One indicator's year: its figures per period with their evidence and history, the note,
cause of a shortfall and follow-up, and the verifier's approval or return."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from renstra.core.achievement import ROLLUP_LABELS, describe_rollup, projection_note
from renstra.core.targets import parse_target
from renstra.monitoring import services
from renstra.monitoring.cells import figure_token
from renstra.monitoring.choices import QUARTER_LABELS, QUARTERS, YEARLY
from renstra.monitoring.evaluation import YEARLY_TYPES, indicator_year
from renstra.monitoring.export import predicate_label, show
from renstra.monitoring.models import Evidence, Realization
from renstra.monitoring.views.common import page_context, page_year, version_indicator
from renstra.plans.choices import ValueType
from renstra.plans.permissions import denied, version_for

DECISIONS = ("approve", "return")
FORM_FIELDS = ("raw", "note", "deviation_cause", "follow_up")  # of a period's form
VERDICTS = {"ya": True, "tidak": False}


def _periods(indicator, year: int, kept: dict | None = None) -> list[dict]:
    """The periods the page shows (the year alone for yearly values), each with its figure, the
    token of the figure its form shows (renstra.monitoring.cells), its evidence files, and what
    was typed into it and not stored (`kept`, after a conflict)."""
    evidence = Evidence.objects.filter(
        realization__indicator=indicator, realization__year=year
    ).select_related("uploaded_by")
    entries = Realization.objects.filter(indicator=indicator, year=year).select_related(
        "entered_by", "updated_by", "decided_by"
    )
    by_quarter = {e.quarter: e for e in entries}
    shown = (YEARLY,) if indicator.value_type in YEARLY_TYPES else (*QUARTERS, YEARLY)
    periods = []
    for quarter in shown:
        entry = by_quarter.get(quarter)
        periods.append(
            {
                "quarter": quarter,
                "label": QUARTER_LABELS[quarter],
                "entry": entry,
                "token": figure_token(entry),
                "typed": kept if kept and kept["quarter"] == quarter else None,
                "evidence": [e for e in evidence if entry and e.realization_id == entry.pk],
            }
        )
    return periods


def indicator_page(request, version_id: int, year: int, indicator_id: int):
    version = version_for(request, version_id, "monitor")
    year = page_year(version, year)
    indicator = version_indicator(version, indicator_id)
    kept = None
    if request.method == "POST":
        kept = _act(request, version, year, indicator)
        if kept is None:
            return redirect(reverse("monitoring:indicator", args=[version.pk, year, indicator.pk]))
    result = indicator_year(indicator, year)
    history = (
        Realization.history.filter(indicator_id=indicator.pk, year=year)
        .select_related("history_user")
        .order_by("-history_date")[:50]
    )
    quarterly = {
        q: parse_target(result.entries[q].raw_text) for q in QUARTERS if q in result.entries
    }
    return render(
        request,
        "monitoring/indicator.html",
        page_context(
            request,
            version,
            year,
            indicator=indicator,
            r=result,
            periods=_periods(indicator, year, kept),
            history=history,
            rollup_text=describe_rollup(result.rule),
            rollup_label=ROLLUP_LABELS[result.rule],
            projection_text=projection_note(result.rule, quarterly) if quarterly else "",
            predicate=predicate_label(result.predicate),
            show=show,
            accept=",".join(sorted(settings.EVIDENCE_TYPES)),
            is_text=indicator.value_type == ValueType.TEXT,
        ),
        status=409 if kept else 200,
    )


def _act(request, version, year: int, indicator) -> dict | None:
    """Do what the indicator page's form asks; the outcome goes to the messages. A save made
    over a figure someone changed since is not written: its fields come back, to be shown
    again beside the message with both values."""
    action = request.POST.get("action", "")
    if action in DECISIONS and not request.user.has_perm("monitoring.decide", version):
        raise PermissionDenied(denied("decide"))
    if action not in DECISIONS and not request.user.has_perm("monitoring.enter", version):
        raise PermissionDenied(denied("enter"))
    quarter = _quarter(request.POST.get("quarter", ""))
    try:
        if action == "save":
            _save(request, year, indicator, quarter)
            return
        entry = None
        if quarter is not None:
            entry = Realization.objects.filter(
                indicator=indicator, year=year, quarter=quarter
            ).first()
        if entry is None:
            raise services.EntryRefused(_("Belum ada realisasi untuk periode itu."))
        if action == "submit":
            services.submit([entry], user=request.user)
            messages.success(request, _("Realisasi diajukan untuk disetujui."))
        elif action in DECISIONS:
            _decide(request, entry, approve=action == "approve")
        else:
            raise services.EntryRefused(_("Tindakan tidak dikenal."))
    except services.CellChanged as exc:
        messages.error(request, str(exc))
        return {"quarter": quarter, **{f: request.POST.get(f, "") for f in FORM_FIELDS}}
    except services.EntryRefused as exc:
        messages.error(request, str(exc))
    return None


def _quarter(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _save(request, year: int, indicator, quarter: int | None) -> None:
    if quarter not in QUARTER_LABELS:
        raise services.EntryRefused(_("Pilih triwulan."))
    services.save_with_evidence(
        indicator=indicator,
        year=year,
        quarter=quarter,
        raw=request.POST.get("raw", ""),
        user=request.user,
        note=request.POST.get("note", ""),
        deviation_cause=request.POST.get("deviation_cause", ""),
        follow_up=request.POST.get("follow_up", ""),
        upload=request.FILES.get("evidence"),
        expected_token=request.POST.get("token"),
    )
    messages.success(request, _("Realisasi disimpan."))


def _decide(request, entry, *, approve: bool) -> None:
    services.decide(
        entry,
        user=request.user,
        approve=approve,
        note=request.POST.get("status_note", ""),
        verdict=VERDICTS.get(request.POST.get("verdict", "")),
    )
    if approve:
        messages.success(request, _("Realisasi disetujui dan dikunci."))
    else:
        messages.success(request, _("Realisasi dikembalikan dengan catatan."))
