"""Submitting every open figure a grid shows (the enterer), or approving every submitted one
(the verifier), in one go."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.monitoring import services
from renstra.monitoring.views.common import page_year
from renstra.plans.permissions import denied, version_for


def _back(request, version, year: int) -> str:
    """The page the form was sent from (`next`, on this site only), else the grid it acts on."""
    default = reverse(
        "monitoring:budget" if request.POST.get("anggaran") else "monitoring:entry",
        args=[version.pk, year],
    )
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


def _require(request, version, action: str) -> None:
    if not request.user.has_perm("monitoring.{}".format(action), version):
        raise PermissionDenied(denied(action))


@require_POST
def bulk(request, version_id: int, year: int):
    """Submit or approve the year's figures of the indicators listed on the page (and, from the
    budget page, the year's budget figures)."""
    version = version_for(request, version_id, "monitor")
    year = page_year(version, year)
    action = request.POST.get("action")
    chosen = {
        "version": version,
        "year": year,
        "indicator_ids": [int(i) for i in request.POST.getlist("indikator") if i.isdigit()],
        "budget": bool(request.POST.get("anggaran")),
        "user": request.user,
    }
    try:
        if action == "submit":
            _require(request, version, "enter")
            count = services.submit_many(**chosen)
            messages.success(request, _("{} realisasi diajukan.").format(count))
        elif action == "approve":
            _require(request, version, "decide")
            done = services.approve_many(**chosen)
            messages.success(request, _("{} realisasi disetujui.").format(done.approved))
            if done.skipped:
                messages.info(
                    request,
                    _(
                        "{} realisasi bertarget teks perlu dinilai satu per satu (tercapai "
                        "ya/tidak) di halaman indikatornya."
                    ).format(done.skipped),
                )
        else:
            raise services.EntryRefused(_("Tindakan tidak dikenal."))
    except services.EntryRefused as exc:
        messages.error(request, str(exc))
    return redirect(_back(request, version, year))
