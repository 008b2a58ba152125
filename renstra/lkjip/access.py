"""How the LKjIP pages get the agency or the LKjIP they may use (renstra.lkjip.rules): 404 when
the user may not see the agency's LKjIP (whether it exists is not told), 403 when they may see
it but not do what they ask."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.lkjip.models import Lkjip
from renstra.plans.models import Agency

NOT_FOUND = gettext_noop("LKjIP tidak ditemukan.")
AGENCY_NOT_FOUND = gettext_noop("Perangkat Daerah tidak ditemukan.")
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


def _check(request, agency: Agency, perm: str, not_found: str) -> None:
    if not request.user.has_perm("lkjip.view", agency):
        raise Http404(_(not_found))
    if perm and not request.user.has_perm(perm, agency):
        raise PermissionDenied(_(DENIED[perm]))


def agency_for(request, agency_id: int, *, perm: str = "") -> Agency:
    agency = Agency.objects.select_related("region").filter(pk=agency_id).first()
    if agency is None:
        raise Http404(_(AGENCY_NOT_FOUND))
    _check(request, agency, perm, AGENCY_NOT_FOUND)
    return agency


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
    _check(request, lkjip.agency, perm, NOT_FOUND)
    return lkjip
