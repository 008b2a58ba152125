"""How pages get the object they may use, asked of the rules (django-rules): 404 when the user
may not see it (whether it exists is not told: an evaluator of another region gets 404), 403
with the app's Indonesian message when they may see it but not do what they ask. The apps
above (sakip, lkjip, register, lke) name their permissions and messages; this is the one way
of asking."""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.plans.models import Agency

AGENCY_NOT_FOUND = gettext_noop("Perangkat Daerah tidak ditemukan.")


def check(request, obj, *, view: str, perm: str, denied: Mapping[str, str], not_found: str):
    """404 unless the user has `view` on `obj`; then 403 with denied[perm] unless they have
    `perm` too (no `perm`: seeing is enough)."""
    if not request.user.has_perm(view, obj):
        raise Http404(_(not_found))
    if perm and not request.user.has_perm(perm, obj):
        raise PermissionDenied(_(denied[perm]))


def agency_for(request, agency_id: int, *, view: str, perm: str, denied) -> Agency:
    """The agency (with its region) by id, checked as `check` says."""
    agency = Agency.objects.select_related("region").filter(pk=agency_id).first()
    if agency is None:
        raise Http404(_(AGENCY_NOT_FOUND))
    check(request, agency, view=view, perm=perm, denied=denied, not_found=AGENCY_NOT_FOUND)
    return agency
