"""The Renja as the plan of its year for the evaluation (renstra.monitoring.year_plans): its
indicators' targets and its items' budgets (the DPA pagu when set, else the pagu indikatif),
keyed by the Renstra ids they were copied from. Registered from SakipConfig.ready().

The Renja of a year is the latest final one, else the latest draft (renja_of_year). It speaks
for the version it was made from: another version's ids are not its (that version is evaluated
against its own year, as before)."""

from renstra.monitoring.year_plans import YearPlan
from renstra.plans.models import PlanVersion
from renstra.sakip.choices import RenjaStatus
from renstra.sakip.models import Renja, RenjaIndicator, RenjaItem


def renja_of_year(renjas: list[Renja]) -> Renja | None:
    """Of one agency's Renja of one year (any order): the latest final, else the latest."""
    ordered = sorted(renjas, key=lambda r: -r.number)
    return next(
        (r for r in ordered if r.status == RenjaStatus.FINAL), ordered[0] if ordered else None
    )


def renja_year_plans(versions: list[PlanVersion], year: int) -> dict[int, YearPlan]:
    """Three queries whatever the number of versions (none without a Renja of the year)."""
    by_agency: dict[int, list[Renja]] = {}
    wanted = {version.plan.agency_id for version in versions}
    if not wanted:
        return {}
    for renja in Renja.objects.filter(agency__in=wanted, year=year).select_related("agency"):
        by_agency.setdefault(renja.agency_id, []).append(renja)
    chosen = {}
    for version in versions:
        renja = renja_of_year(by_agency.get(version.plan.agency_id, []))
        if renja is not None and renja.based_on_id == version.pk:
            chosen[renja.pk] = (version.pk, renja)
    if not chosen:
        return {}
    plans = {
        version_id: YearPlan(label="{} ({})".format(renja, RenjaStatus(renja.status).label.lower()))
        for version_id, renja in chosen.values()
    }
    items = RenjaItem.objects.filter(renja__in=list(chosen)).select_related("funding")
    for item in items.only(
        "renja_id", "source_kind", "source_id", "funding__pagu", "funding__dpa_amount"
    ):
        if item.source_id is None:
            continue
        funding = item.funding
        amount = funding.dpa_amount if funding.dpa_amount is not None else funding.pagu
        plans[chosen[item.renja_id][0]].budgets[(item.source_kind, item.source_id)] = amount
    indicators = RenjaIndicator.objects.filter(item__renja__in=list(chosen)).values_list(
        "item__renja_id", "source_indicator_id", "target_raw"
    )
    for renja_id, indicator_id, raw in indicators:
        if indicator_id is not None:
            plans[chosen[renja_id][0]].targets[indicator_id] = raw
    return plans
