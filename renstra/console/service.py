"""Bappeda's console over a region and a year: for every agency (Perangkat Daerah) the Renstra in
force and any newer version on its way, the checker's open errors, how much of the year's
realization is filled per quarter, the year's average achievement with its predicate and the
indicators at risk; a total for the region; and the roll-up to the RPJMD's sasaran
(renstra.console.rollup).

A fixed number of queries whatever the number of agencies: the agencies, every version of
their plans, the RPJMD in force, the marks of what is kept (nomenclature editions, the year's
realization and the targets of the plan of the year per version) and what is kept under them
(renstra.console.cache; the task worker keeps it ahead of the request,
renstra.console.tasks), then for the versions whose figures are not kept yet
(renstra.console.figures) one read of them all (renstra.plans.readmodel.read_versions,
eleven queries), the checker over those reads (the RPJMD in force, once) and the year's
realization; the acknowledgements on every request. Nothing is computed here that the
checker or the evaluation computes: the errors are the checker's (renstra.checks.engine), the
achievement, predicate and risk those of renstra.monitoring.evaluation.evaluate over the same
reads.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max
from django.utils import timezone

from renstra.checks.models import Acknowledgement
from renstra.console.documents import YearDocuments, year_documents
from renstra.console.figures import YearFigures, per_version
from renstra.console.rollup import RpjmdRollup, predicate_label, rollup
from renstra.core.achievement import Achievement, Predicate, aggregate, predicate
from renstra.monitoring.choices import QUARTERS
from renstra.monitoring.models import Realization
from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.models import Agency, Plan, PlanVersion, Region
from renstra.plans.rpjmd import RpjmdInForce, rpjmds_in_force
from renstra.register.register import overdue_labels, read_documents, registers_of

# Versions on their way to replacing the one in force.
ON_THEIR_WAY = (
    VersionStatus.DRAFT,
    VersionStatus.SUBMITTED,
    VersionStatus.RETURNED,
    VersionStatus.VERIFIED,
)
_TENTH = Decimal("0.1")
# Versions read, checked and evaluated at once by the task worker (renstra.plans.readmodel:
# callers take them in batches of a few dozen to bound memory).
KEEP_BATCH = 50


@dataclass
class AgencyRow:
    """One agency of the console."""

    agency: Agency
    plan: Plan | None = None  # the Renstra of the year (its period covers it), if any
    version: PlanVersion | None = None  # its approved version: in force
    newer: PlanVersion | None = None  # a later version on its way
    latest: PlanVersion | None = None  # without one in force: the plan's latest version
    open_errors: int | None = None
    figures: YearFigures | None = None
    has_dashboard: bool = False  # the year is a target year of the version in force
    documents: YearDocuments = field(default_factory=YearDocuments)  # Renja, PK, LKjIP
    overdue: list[str] = field(default_factory=list)  # the register's overdue documents

    @property
    def filled_percent(self) -> list[Decimal | None]:
        figures = self.figures
        if figures is None:
            return [None] * len(QUARTERS)
        return [share(n, figures.indicators) for n in figures.filled]

    @property
    def average(self) -> Decimal | None:
        return self.figures.average.value if self.figures else None

    @property
    def predicate(self) -> Predicate | None:
        return self.figures.predicate if self.figures else None

    @property
    def predicate_label(self) -> str:
        return predicate_label(self.predicate)

    @property
    def at_risk(self) -> int | None:
        return self.figures.at_risk if self.figures else None

    @property
    def shown_version(self) -> PlanVersion | None:
        """The version the row names: the one in force, else the plan's latest."""
        return self.version or self.latest


@dataclass
class Total:
    """The region's line: sums, and shares and the average over every indicator of it."""

    agencies: int
    in_force: int
    open_errors: int
    indicators: int
    filled_percent: list[Decimal | None]
    average: Achievement
    predicate: Predicate | None
    at_risk: int

    @property
    def predicate_label(self) -> str:
        return predicate_label(self.predicate)


@dataclass
class Console:
    """The console of a region and year: a row per agency, the region's line, the roll-up to
    the RPJMD in force (None without one), and whether example realization is among it."""

    region: Region
    year: int
    years: list[int]  # the years it may be opened on
    rows: list[AgencyRow]
    total: Total
    rollup: RpjmdRollup | None
    has_example: bool = False
    computed: int = 0  # versions whose errors or figures were computed now, not kept


def share(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in percent, one decimal (None of nothing)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_TENTH, ROUND_HALF_UP)


def region_years(region: Region) -> list[int]:
    """The years the console offers: every year of the region's Renstra periods."""
    spans = Plan.objects.filter(agency__region=region, kind=PlanKind.RENSTRA).values_list(
        "period_start", "period_end"
    )
    return sorted({year for start, end in spans for year in range(start, end + 1)})


def _realization_in_force(region: Region):
    return Realization.objects.filter(
        indicator__version__plan__agency__region=region,
        indicator__version__status=VersionStatus.APPROVED,
        indicator__version__plan__kind=PlanKind.RENSTRA,
    )


def realization_years(region: Region) -> list[int]:
    """The years with realization in an approved Renstra of the region."""
    years = _realization_in_force(region).order_by().values_list("year", flat=True).distinct()
    return sorted(years)


def default_year(region: Region, years: list[int]) -> int:
    """The latest year with realization in an approved Renstra of the region; else this year,
    or the nearest year of the region's plans."""
    latest = _realization_in_force(region).aggregate(latest=Max("year"))["latest"]
    if latest is not None:
        return latest
    this_year = timezone.localdate().year
    if not years or this_year in years:
        return this_year
    return min(years, key=lambda year: abs(year - this_year))


def _choose(versions: list[PlanVersion], year: int, row: AgencyRow) -> None:
    """The Renstra of `year` among an agency's versions: a plan whose period covers the year,
    one with an approved version first, the latest period first."""
    plans: dict[int, list[PlanVersion]] = {}
    for version in versions:
        plans.setdefault(version.plan_id, []).append(version)
    covering = [
        sorted(found, key=lambda v: v.number)
        for found in plans.values()
        if found[0].plan.period_start <= year <= found[0].plan.period_end
    ]
    if not covering:
        return
    covering.sort(
        key=lambda found: (
            any(v.status == VersionStatus.APPROVED for v in found),
            found[0].plan.period_start,
            found[0].plan_id,
        )
    )
    chosen = covering[-1]
    row.plan = chosen[0].plan
    approved = [v for v in chosen if v.status == VersionStatus.APPROVED]
    row.version = approved[-1] if approved else None
    after = row.version.number if row.version else 0
    newer = [v for v in chosen if v.number > after and v.status in ON_THEIR_WAY]
    row.newer = newer[-1] if newer else None
    row.latest = None if row.version else chosen[-1]


def _acknowledged(versions: list[PlanVersion]) -> dict[int, set[str]]:
    """{version id: keys of the findings a verifier acknowledged}: read on every request."""
    acknowledged: dict[int, set[str]] = {}
    keys = Acknowledgement.objects.filter(version__in=versions).values_list(
        "version_id", "finding_key"
    )
    for version_id, key in keys:
        acknowledged.setdefault(version_id, set()).add(key)
    return acknowledged


def _chosen(region: Region, year: int):
    """The region's agencies as rows with the Renstra of `year` chosen, every version of the
    region's plans, and the RPJMD in force of each regional plan they name."""
    agencies = list(Agency.objects.filter(region=region).order_by("short_name", "pk"))
    versions = list(
        PlanVersion.objects.filter(plan__agency__region=region)
        .select_related("plan__agency__region", "plan__regional_plan", "revises")
        .order_by("plan_id", "number")
    )
    renstra: dict[int, list[PlanVersion]] = {}
    for version in versions:
        if version.plan.kind == PlanKind.RENSTRA:
            renstra.setdefault(version.plan.agency_id, []).append(version)
    rows = [AgencyRow(agency) for agency in agencies]
    for row in rows:
        _choose(renstra.get(row.agency.pk, []), year, row)
    # One query for the RPJMD in force of every regional plan the region's plans name: the
    # checker's key and the roll-up read it.
    rpjmds = rpjmds_in_force({v.plan.regional_plan_id for v in versions})
    return rows, versions, rpjmds


def keep_figures(region: Region, year: int, *, batch: int = KEEP_BATCH) -> int:
    """Compute and keep what the console of `region` and `year` does not find kept, `batch`
    versions at a time (their reads bound the memory; each batch is kept as soon as it is
    computed, so a request meanwhile finds it): the task worker's part
    (renstra.console.tasks). Returns the versions computed."""
    rows, _versions, rpjmds = _chosen(region, year)
    in_force = [row.version for row in rows if row.version is not None]
    computed = 0
    for start in range(0, len(in_force), batch):
        computed += per_version(in_force[start : start + batch], year, rpjmds)[2]
    return computed


def region_console(region: Region, year: int, *, years: list[int] | None = None) -> Console:
    """The console of `region` for `year` (see the module's docstring)."""
    rows, versions, rpjmds = _chosen(region, year)
    in_force = [row.version for row in rows if row.version is not None]
    errors, figures, computed = per_version(in_force, year, rpjmds)
    acknowledged = _acknowledged(in_force)
    agencies = [row.agency for row in rows]
    found = read_documents([agency.pk for agency in agencies], year)
    documents = year_documents(found)
    registers = registers_of(agencies, region, year, found)
    for row in rows:
        row.documents = documents[row.agency.pk]
        row.overdue = overdue_labels(registers[row.agency.pk])
        if row.version is None:
            continue
        done = acknowledged.get(row.version.pk, set())
        row.open_errors = sum(1 for key in errors[row.version.pk] if key not in done)
        row.has_dashboard = year in row.plan.target_years
        row.figures = figures[row.version.pk]
    if years is None:
        years = sorted(
            {y for v in versions if v.plan.kind == PlanKind.RENSTRA for y in _period(v.plan)}
        )
    return Console(
        region=region,
        year=year,
        years=years,
        rows=rows,
        total=_total(rows),
        rollup=_rollup(versions, rows, year, rpjmds),
        has_example=any(row.figures and row.figures.has_example for row in rows),
        computed=computed,
    )


def _period(plan: Plan) -> range:
    return range(plan.period_start, plan.period_end + 1)


def _total(rows: list[AgencyRow]) -> Total:
    counted = [row for row in rows if row.figures is not None]
    indicators = sum(row.figures.indicators for row in counted)
    filled = [sum(row.figures.filled[i] for row in counted) for i in range(len(QUARTERS))]
    average = aggregate([value for row in counted for value in row.figures.achievements])
    return Total(
        agencies=len(rows),
        in_force=len(counted),
        open_errors=sum(row.open_errors or 0 for row in rows),
        indicators=indicators,
        filled_percent=[share(n, indicators) for n in filled],
        average=average,
        predicate=predicate(average.value),
        at_risk=sum(row.figures.at_risk for row in counted),
    )


def _rollup(
    versions: list[PlanVersion], rows: list[AgencyRow], year: int, rpjmds: dict[int, RpjmdInForce]
) -> RpjmdRollup | None:
    """The roll-up to the sasaran of the RPJMD in force of the year: the regional plan whose
    period covers the year (the latest, if several do) among those the region's plans name."""
    regional = {
        v.plan.regional_plan_id: v.plan.regional_plan
        for v in versions
        if v.plan.regional_plan_id is not None
    }
    covering = [rp for rp in regional.values() if rp.period_start <= year <= rp.period_end]
    if not covering:
        return None
    chosen = max(covering, key=lambda rp: (rp.period_start, rp.pk))
    rpjmd = rpjmds.get(chosen.pk)
    if rpjmd is None:
        return None
    linked = [
        (row.agency, link)
        for row in rows
        if row.figures is not None and row.plan.regional_plan_id == chosen.pk
        for link in row.figures.links
    ]
    return rollup(rpjmd, linked, year)


SORTS = {
    "pd": lambda row: row.agency.short_name.casefold(),
    "status": lambda row: row.shown_version.get_status_display() if row.shown_version else None,
    "galat": lambda row: row.open_errors,
    "tw1": lambda row: row.filled_percent[0],
    "tw2": lambda row: row.filled_percent[1],
    "tw3": lambda row: row.filled_percent[2],
    "tw4": lambda row: row.filled_percent[3],
    "capaian": lambda row: row.average,
    "risiko": lambda row: row.at_risk,
}


def sorted_rows(rows: list[AgencyRow], order: str) -> tuple[list[AgencyRow], str]:
    """The rows by `order` ("capaian", or "-capaian" for descending; an unknown key sorts by
    agency), rows without a value last whatever the direction; ties by agency. Returns the
    rows and the order applied."""
    descending = order.startswith("-")
    key = order.lstrip("-")
    if key not in SORTS:
        key, descending = "pd", False
    by_name = sorted(rows, key=SORTS["pd"])
    known = [row for row in by_name if SORTS[key](row) is not None]
    unknown = [row for row in by_name if SORTS[key](row) is None]
    known.sort(key=SORTS[key], reverse=descending)
    return known + unknown, ("-" if descending else "") + key
