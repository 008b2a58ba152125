"""How the LKjIP pages get the agency or the LKjIP they may use (renstra.lkjip.rules): 404 when
the user may not see the agency's LKjIP (whether it exists is not told), 403 when they may see
it but not do what they ask."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.accounts import access
from renstra.lkjip.models import Lkjip
from renstra.plans.choices import PlanKind
from renstra.plans.models import Agency, Plan, Region

NOT_FOUND = gettext_noop("LKjIP tidak ditemukan.")
REGION_NOT_FOUND = gettext_noop("Pemerintah Daerah tidak ditemukan.")
DENIED = {
    "lkjip.edit": gettext_noop(
        "Hanya perencana Perangkat Daerah ini dan administrator yang dapat menyusun, mengubah "
        "dan mengajukan LKjIP."
    ),
    "lkjip.verify": gettext_noop(
        "Hanya verifikator Pemerintah Daerah ini dan administrator yang dapat memverifikasi "
        "atau mengembalikan LKjIP."
    ),
    "lkjip.finalize": gettext_noop(
        "Hanya kepala dan perencana Perangkat Daerah ini dan administrator yang dapat "
        "menjadikan LKjIP final."
    ),
}


def agency_for(request, agency_id: int, *, perm: str = "") -> Agency:
    return access.agency_for(request, agency_id, view="lkjip.view", perm=perm, denied=DENIED)


def lkjip_for(request, lkjip_id: int, *, perm: str = "") -> Lkjip:
    """The LKjIP with its agency, region and version (with its plan and RPJMD)."""
    lkjip = (
        Lkjip.objects.select_related(
            "agency__region", "version__plan__regional_plan", "verified_by"
        )
        .filter(pk=lkjip_id)
        .first()
    )
    if lkjip is None:
        raise Http404(_(NOT_FOUND))
    access.check(
        request, lkjip.agency, view="lkjip.view", perm=perm, denied=DENIED, not_found=NOT_FOUND
    )
    return lkjip


def rpjmd_holder(region: Region) -> Agency | None:
    """The agency that holds the region's RPJMD (Bappeda), which keeps the Pemda's LKjIP: the
    agency of the region's latest RPJMD plan."""
    plan = (
        Plan.objects.filter(agency__region=region, kind=PlanKind.RPJMD)
        .select_related("agency__region")
        .order_by("-period_start", "-pk")
        .first()
    )
    return plan.agency if plan else None


def region_for(request, region_id: int, *, perm: str = "") -> tuple[Region, Agency | None]:
    """The region and the agency holding its RPJMD. Seen by who sees the region's console
    (its verifiers, auditors, administrators) and by who sees the holder's LKjIP (Bappeda's
    planners and head); `perm` is asked of the holder. 404 for anyone else."""
    region = Region.objects.filter(pk=region_id).first()
    if region is None:
        raise Http404(_(REGION_NOT_FOUND))
    holder = rpjmd_holder(region)
    user = request.user
    sees = user.has_perm("console.view_region", region) or (
        holder is not None and user.has_perm("lkjip.view", holder)
    )
    if not sees:
        raise Http404(_(REGION_NOT_FOUND))
    if perm and (holder is None or not user.has_perm(perm, holder)):
        raise PermissionDenied(_(DENIED[perm]))
    return region, holder
