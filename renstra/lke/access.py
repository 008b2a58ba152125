"""How the LKE pages get the agency or the evaluation they may use (renstra.lke.rules): 404
when the user may not see the agency's evaluation (whether it exists is not told; an evaluator
of another region gets 404), 403 with an Indonesian message when they may see it but not do
what they ask."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.lke.models import LkeEvaluation
from renstra.lke.rules import DENIED
from renstra.plans.models import Agency

NOT_FOUND = gettext_noop("Evaluasi SAKIP tidak ditemukan.")
AGENCY_NOT_FOUND = gettext_noop("Perangkat Daerah tidak ditemukan.")


def _check(request, agency: Agency, perm: str, not_found: str) -> None:
    if not request.user.has_perm("lke.view", agency):
        raise Http404(_(not_found))
    if perm and not request.user.has_perm(perm, agency):
        raise PermissionDenied(_(DENIED[perm]))


def agency_for(request, agency_id: int, *, perm: str = "") -> Agency:
    agency = Agency.objects.select_related("region").filter(pk=agency_id).first()
    if agency is None:
        raise Http404(_(AGENCY_NOT_FOUND))
    _check(request, agency, perm, AGENCY_NOT_FOUND)
    return agency


def evaluation_for(request, evaluation_id: int, *, perm: str = "") -> LkeEvaluation:
    """The evaluation with its agency, region and template."""
    evaluation = (
        LkeEvaluation.objects.select_related("agency__region", "template")
        .filter(pk=evaluation_id)
        .first()
    )
    if evaluation is None:
        raise Http404(_(NOT_FOUND))
    _check(request, evaluation.agency, perm, NOT_FOUND)
    return evaluation
