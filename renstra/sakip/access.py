"""How the SAKIP year's pages get the agency, Renja, IKU or Perjanjian Kinerja they may use
(renstra.sakip.rules): 404 when the user may not see the agency's SAKIP year (whether it exists
is not told), 403 when they may see it but not change it."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.plans.models import Agency
from renstra.sakip.models import (
    AgreementBudget,
    AgreementScan,
    AgreementTarget,
    Iku,
    PerformanceAgreement,
    Renja,
    RenjaFunding,
    RenjaIndicator,
)

NOT_FOUND = gettext_noop("Perangkat Daerah tidak ditemukan.")
RENJA_NOT_FOUND = gettext_noop("Renja tidak ditemukan.")
DENIED = gettext_noop(
    "Hanya perencana Perangkat Daerah ini dan administrator yang dapat mengubah Renja dan IKU."
)
AGREEMENT_NOT_FOUND = gettext_noop("Perjanjian Kinerja tidak ditemukan.")
AGREEMENT_DENIED = {
    "sakip.edit": gettext_noop(
        "Hanya perencana Perangkat Daerah ini dan administrator yang dapat menyusun dan mengubah "
        "Perjanjian Kinerja."
    ),
    "sakip.sign": gettext_noop(
        "Hanya kepala dan perencana Perangkat Daerah ini dan administrator yang dapat menandai "
        "Perjanjian Kinerja ditandatangani."
    ),
}


def _check(request, agency: Agency, edit: bool, not_found: str) -> None:
    if not request.user.has_perm("sakip.view", agency):
        raise Http404(_(not_found))
    if edit and not request.user.has_perm("sakip.edit", agency):
        raise PermissionDenied(_(DENIED))


def agency_for(request, agency_id: int, *, edit: bool = False) -> Agency:
    agency = Agency.objects.select_related("region").filter(pk=agency_id).first()
    if agency is None:
        raise Http404(_(NOT_FOUND))
    _check(request, agency, edit, NOT_FOUND)
    return agency


def renja_for(request, renja_id: int, *, edit: bool = False) -> Renja:
    renja = (
        Renja.objects.select_related("agency__region", "based_on__plan", "previous")
        .filter(pk=renja_id)
        .first()
    )
    if renja is None:
        raise Http404(_(RENJA_NOT_FOUND))
    _check(request, renja.agency, edit, RENJA_NOT_FOUND)
    return renja


def renja_indicator(renja: Renja, indicator_id: int) -> RenjaIndicator:
    found = RenjaIndicator.objects.filter(pk=indicator_id, item__renja=renja)
    indicator = found.select_related("item__renja").first()
    if indicator is None:
        raise Http404(_("Indikator tidak ditemukan di Renja ini."))
    return indicator


def renja_funding(renja: Renja, funding_id: int) -> RenjaFunding:
    funding = (
        RenjaFunding.objects.filter(pk=funding_id, item__renja=renja)
        .select_related("item__renja")
        .first()
    )
    if funding is None:
        raise Http404(_("Baris pagu tidak ditemukan di Renja ini."))
    return funding


def iku_for(agency: Agency, iku_id: int) -> Iku:
    iku = Iku.objects.filter(pk=iku_id, agency=agency).first()
    if iku is None:
        raise Http404(_("IKU tidak ditemukan di Perangkat Daerah ini."))
    return iku


def agreement_for(request, agreement_id: int, *, perm: str = "") -> PerformanceAgreement:
    """The PK with its agency, unit and the PK it changes; 404 when the user may not see the
    agency's SAKIP year, 403 when `perm` (sakip.edit, sakip.sign) is asked and not held."""
    agreement = (
        PerformanceAgreement.objects.select_related(
            "agency__region", "unit", "previous", "signed_by", "renja"
        )
        .filter(pk=agreement_id)
        .first()
    )
    if agreement is None or not request.user.has_perm("sakip.view", agreement.agency):
        raise Http404(_(AGREEMENT_NOT_FOUND))
    if perm and not request.user.has_perm(perm, agreement.agency):
        raise PermissionDenied(_(AGREEMENT_DENIED[perm]))
    return agreement


def agreement_target(agreement: PerformanceAgreement, target_id: int) -> AgreementTarget:
    target = AgreementTarget.objects.filter(pk=target_id, agreement=agreement).first()
    if target is None:
        raise Http404(_("Baris target tidak ditemukan di Perjanjian Kinerja ini."))
    target.agreement = agreement
    return target


def agreement_budget(agreement: PerformanceAgreement, budget_id: int) -> AgreementBudget:
    budget = AgreementBudget.objects.filter(pk=budget_id, agreement=agreement).first()
    if budget is None:
        raise Http404(_("Baris anggaran tidak ditemukan di Perjanjian Kinerja ini."))
    budget.agreement = agreement
    return budget


def agreement_scan(agreement: PerformanceAgreement, scan_id: int) -> AgreementScan:
    scan = AgreementScan.objects.filter(pk=scan_id, agreement=agreement).first()
    if scan is None:
        raise Http404(_("Pindaian tidak ditemukan di Perjanjian Kinerja ini."))
    return scan
