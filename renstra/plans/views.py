"""Read-only pages of plans: the list of plans and a version's cascade."""

from django.shortcuts import render

from renstra.plans.funding import funding_mismatches
from renstra.plans.models import PlanVersion
from renstra.plans.permissions import version_for, visible_versions
from renstra.plans.queries import goals_of, programs_of
from renstra.render.registry import TABLES


def plan_list(request):
    versions = visible_versions(
        request.user,
        PlanVersion.objects.select_related("plan__agency__region", "revises").order_by(
            "plan__agency__region__name", "plan__agency__short_name", "plan__period_start", "number"
        ),
    )
    return render(request, "plans/plan_list.html", {"versions": versions})


def version_detail(request, version_id: int):
    version = version_for(request, version_id)
    years = version.plan.target_years
    programs = list(programs_of(version))
    program_rows = []
    for program in programs:
        program_rows.append(
            {
                "program": program,
                "funding": _by_year(program.funding.all(), years),
                "mismatches": funding_mismatches(program),
                "indicators": [_indicator_row(i, years) for i in program.indicators.all()],
                "activities": [
                    {
                        "activity": activity,
                        "funding": _by_year(activity.funding.all(), years),
                        "indicators": [_indicator_row(i, years) for i in activity.indicators.all()],
                    }
                    for activity in program.activities.all()
                ],
            }
        )
    context = {
        "version": version,
        "plan": version.plan,
        "years": years,
        "goals": goals_of(version),
        "programs": program_rows,
        "tables": TABLES.values(),
        "may_edit": request.user.has_perm("plans.edit_version", version),
        "may_monitor": request.user.has_perm("monitoring.view", version),
    }
    return render(request, "plans/version_detail.html", context)


def _by_year(funding, years):
    amounts = {f.year: f for f in funding}
    return [amounts.get(y) for y in years]


def _indicator_row(indicator, years):
    targets = {t.year: t for t in indicator.targets.all()}
    return {"indicator": indicator, "targets": [targets.get(y) for y in years]}


def performance_tree(request, version_id: int):
    """Pohon kinerja: tujuan -> sasaran -> program -> kegiatan, each with its indicators."""
    version = version_for(request, version_id)
    goals = list(goals_of(version))
    programs = list(programs_of(version))
    by_objective: dict[int, list] = {}
    unlinked = []
    for program in programs:
        linked = list(program.objectives.all())
        for objective in linked:
            by_objective.setdefault(objective.pk, []).append(program)
        if not linked:
            unlinked.append(program)
    tree = [
        {
            "goal": goal,
            "objectives": [
                {"objective": objective, "programs": by_objective.get(objective.pk, [])}
                for objective in goal.objectives.all()
            ],
        }
        for goal in goals
    ]
    return render(
        request, "plans/tree.html", {"version": version, "tree": tree, "unlinked": unlinked}
    )
