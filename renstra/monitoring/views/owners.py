"""Who answers for each indicator (penanggung jawab): a unit of the agency and a person."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from renstra.monitoring import services
from renstra.monitoring.evaluation import default_year
from renstra.monitoring.views.common import page_context
from renstra.plans.levels import OWNER_FIELDS
from renstra.plans.models import Indicator, Unit
from renstra.plans.permissions import denied, version_for


def assign_page(request, version_id: int):
    version = version_for(request, version_id, "monitor")
    indicators = list(
        Indicator.objects.filter(version=version)
        .select_related(*OWNER_FIELDS, "assignment__unit", "assignment__person")
        .order_by("pk")
    )
    units = list(Unit.objects.filter(agency=version.plan.agency))
    people = list(
        get_user_model()
        .objects.filter(memberships__agency=version.plan.agency)
        .distinct()
        .order_by("username")
    )
    if request.method == "POST":
        _assign(request, version, indicators, units, people)
        return redirect("monitoring:assign", version.pk)
    return render(
        request,
        "monitoring/assign.html",
        page_context(
            request,
            version,
            default_year(version),
            indicators=indicators,
            units=units,
            people=people,
        ),
    )


def _assign(request, version, indicators, units, people) -> None:
    """Give the checked indicators the unit (chosen, or new by name) and person chosen among
    the agency's own."""
    if not request.user.has_perm("monitoring.assign", version):
        raise PermissionDenied(denied("assign"))
    checked = set(request.POST.getlist("indikator"))
    chosen = [i for i in indicators if str(i.pk) in checked]
    try:
        count = services.assign_owners(
            version=version,
            indicators=chosen,
            unit={str(u.pk): u for u in units}.get(request.POST.get("unit", "")),
            new_unit=request.POST.get("unit_baru", "").strip(),
            person={str(p.pk): p for p in people}.get(request.POST.get("person", "")),
            user=request.user,
        )
    except services.EntryRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Penanggung jawab ditetapkan untuk {} indikator.").format(count)
        )
