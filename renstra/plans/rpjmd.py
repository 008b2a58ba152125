"""The RPJMD a Renstra refers to, and the RPJMD sasaran its sasaran support.

An RPJMD is a plan of its own (Plan.kind rpjmd, filed under the planning board's agency) with
the same cascade, indicators, targets, funding and lifecycle as a Renstra; it and the Renstra
of its region share the RegionalPlan (the RPJMD's identity: name, period, visi and misi).

An agency's sasaran names the RPJMD sasaran it supports by number (Objective.rpjmd_refs). The
numbers are read against the RPJMD version *in force*: the latest approved version of the
region's RPJMD plan; while none is approved, the latest version submitted or verified, so that
Bappeda and the agencies can link to an RPJMD under review. Revising the RPJMD never touches an
approved Renstra; a number the new RPJMD no longer has is a finding of the checker.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.models import Objective, PlanVersion, RegionalPlan

# In order of preference: an approved RPJMD, else one on its way to approval.
IN_FORCE = (VersionStatus.APPROVED, VersionStatus.VERIFIED, VersionStatus.SUBMITTED)


@dataclass
class RpjmdSasaran:
    """A sasaran of the RPJMD in force: its number, text and the goal it serves."""

    number: str
    name: str
    goal_number: str
    goal_name: str
    objective_id: int

    @property
    def label(self) -> str:
        return "{} {}".format(self.number, self.name).strip()


@dataclass
class RpjmdInForce:
    """The RPJMD version in force for a regional plan, with its sasaran by number."""

    version: PlanVersion
    sasaran: dict[str, RpjmdSasaran]


def rpjmds_in_force(regional_plan_ids: Iterable[int]) -> dict[int, RpjmdInForce]:
    """{regional plan id: its RPJMD in force} for those that have one, in one query: the sasaran
    of every RPJMD version on its way or approved, the best version of each kept."""
    ids = {pk for pk in regional_plan_ids if pk}
    if not ids:
        return {}
    rows = (
        Objective.objects.filter(
            goal__version__plan__kind=PlanKind.RPJMD,
            goal__version__plan__regional_plan_id__in=ids,
            goal__version__status__in=IN_FORCE,
        )
        .select_related("goal__version__plan")
        .order_by("goal__order", "goal__pk", "order", "pk")
    )
    versions: dict[int, PlanVersion] = {}
    sasaran: dict[int, dict[str, RpjmdSasaran]] = {}
    for objective in rows:
        version = objective.goal.version
        versions[version.pk] = version
        sasaran.setdefault(version.pk, {})[objective.number.strip()] = RpjmdSasaran(
            number=objective.number.strip(),
            name=objective.name,
            goal_number=objective.goal.number,
            goal_name=objective.goal.name,
            objective_id=objective.pk,
        )
    chosen: dict[int, PlanVersion] = {}
    for version in versions.values():
        rp = version.plan.regional_plan_id
        if rp not in chosen or _rank(version) < _rank(chosen[rp]):
            chosen[rp] = version
    return {rp: RpjmdInForce(v, sasaran[v.pk]) for rp, v in chosen.items()}


def _rank(version: PlanVersion) -> tuple[int, int]:
    return (IN_FORCE.index(version.status), -version.number)


def rpjmd_in_force(regional_plan: RegionalPlan | int | None) -> RpjmdInForce | None:
    """The RPJMD in force for `regional_plan`, or None when it has no RPJMD plan on its way
    (an RPJMD without any sasaran counts as none: there is nothing to link to)."""
    if regional_plan is None:
        return None
    pk = regional_plan if isinstance(regional_plan, int) else regional_plan.pk
    return rpjmds_in_force([pk]).get(pk)


def rpjmd_for(version: PlanVersion) -> RpjmdInForce | None:
    """The RPJMD a Renstra version's sasaran are read against (None for an RPJMD itself, or a
    Renstra whose region has no RPJMD plan yet)."""
    plan = version.plan
    if plan.kind == PlanKind.RPJMD:
        return None
    return rpjmd_in_force(plan.regional_plan_id)
