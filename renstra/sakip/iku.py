"""The IKU of an agency: which indicators of its Renstra (or, for the planning board, of the
RPJMD) are its Indikator Kinerja Utama, with the IKU form's definition, formula, data source
and responsible unit. Writes go through save_iku and delete_iku."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renstra.plans.choices import PlanKind
from renstra.plans.models import Agency, Indicator, PlanVersion
from renstra.sakip.choices import IkuScope
from renstra.sakip.models import Iku

# IKU measure the agency's sasaran strategis (and the Pemda's tujuan/sasaran in the RPJMD).
IKU_OWNERS = ("goal", "objective")


def iku_versions(agency: Agency) -> list[PlanVersion]:
    """The versions whose indicators an IKU is chosen from: per plan of the agency (its
    Renstra; for the planning board the RPJMD too), the newest approved version, else the
    newest; newest plans first."""
    versions = PlanVersion.objects.filter(plan__agency=agency).select_related("plan")
    chosen: dict[int, PlanVersion] = {}
    for version in versions.order_by("-plan__period_start", "plan_id", "-number"):
        current = chosen.get(version.plan_id)
        if current is None or (current.status != "approved" and version.status == "approved"):
            chosen[version.plan_id] = version
    return list(chosen.values())


def iku_version(agency: Agency) -> PlanVersion | None:
    """The Renstra version the agency's own IKU come from (see iku_versions)."""
    renstra = [v for v in iku_versions(agency) if v.plan.kind == PlanKind.RENSTRA]
    return renstra[0] if renstra else None


def iku_indicators(agency: Agency) -> list[Indicator]:
    """The indicators of tujuan and sasaran an IKU may be chosen from (one query)."""
    versions = iku_versions(agency)
    if not versions:
        return []
    return list(
        Indicator.objects.filter(version__in=versions)
        .exclude(goal__isnull=True, objective__isnull=True)
        .select_related("goal", "objective", "version__plan")
        .order_by("version__plan__kind", "goal__order", "objective__order", "order", "pk")
    )


@transaction.atomic
def save_iku(*, iku: Iku) -> Iku:
    """Save an IKU (new or changed): the indicator belongs to the agency, its name, sasaran and
    unit are taken from it when left empty, the scope follows the plan's kind (an RPJMD's
    indicator is an IKU of the Pemda), the unit is one of the agency's."""
    errors = {}
    indicator = iku.indicator
    if indicator is not None:
        plan = indicator.version.plan
        if plan.agency_id != iku.agency_id:
            errors["indicator"] = _("Indikator ini bukan milik Renstra Perangkat Daerah ini.")
        else:
            iku.scope = IkuScope.REGION if plan.kind == PlanKind.RPJMD else IkuScope.AGENCY
            iku.name = iku.name or indicator.name
            iku.measure_unit = iku.measure_unit or indicator.unit
            owner = indicator.objective or indicator.goal
            iku.objective = iku.objective or (owner.name if owner is not None else "")
            if not iku.year_start:
                iku.year_start, iku.year_end = plan.period_start, plan.period_end
    if not (iku.name or "").strip():
        errors["name"] = _("Pilih indikator Renstra atau tuliskan nama IKU.")
    if iku.unit_id is not None and iku.unit.agency_id != iku.agency_id:
        errors["unit"] = _("Unit penanggung jawab harus unit kerja Perangkat Daerah ini.")
    if iku.year_start and iku.year_end and iku.year_end < iku.year_start:
        errors["year_end"] = _("Tahun akhir IKU tidak boleh sebelum tahun awalnya.")
    if errors:
        raise ValidationError(errors)
    iku.full_clean()
    iku.save()
    return iku


@transaction.atomic
def delete_iku(*, iku: Iku) -> None:
    """The indicator is no longer an IKU (the indicator itself stays in the Renstra)."""
    iku.delete()
