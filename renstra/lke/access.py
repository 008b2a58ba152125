"""How the LKE pages get the agency or the evaluation they may use (renstra.lke.rules): 404
when the user may not see the agency's evaluation (whether it exists is not told; an evaluator
of another region gets 404), 403 with an Indonesian message when they may see it but not do
what they ask."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.accounts import access
from renstra.lke.models import LkeEvaluation
from renstra.lke.rules import DENIED
from renstra.plans.models import Agency

NOT_FOUND = gettext_noop("Evaluasi SAKIP tidak ditemukan.")


def agency_for(request, agency_id: int, *, perm: str = "") -> Agency:
    return access.agency_for(request, agency_id, view="lke.view", perm=perm, denied=DENIED)


def evaluation_for(request, evaluation_id: int, *, perm: str = "") -> LkeEvaluation:
    """The evaluation with its agency, region and template."""
    evaluation = (
        LkeEvaluation.objects.select_related("agency__region", "template")
        .filter(pk=evaluation_id)
        .first()
    )
    if evaluation is None:
        raise Http404(_(NOT_FOUND))
    access.check(
        request, evaluation.agency, view="lke.view", perm=perm, denied=DENIED, not_found=NOT_FOUND
    )
    return evaluation
