"""Read-only pages of plans: the list of plans and a version's cascade."""

from django.shortcuts import render

from renstra.plans.editing import INDICATOR_OWNER_KINDS
from renstra.plans.funding import funding_mismatches
from renstra.plans.models import PlanVersion
from renstra.plans.permissions import version_for, visible_versions
from renstra.plans.readmodel import read_version
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
    read = read_version(version)
    context = {
        "version": version,
        "plan": version.plan,
        "years": read.years,
        "goals": read.goals,
        "programs": [_program_row(program, read.years) for program in read.programs],
        "tables": TABLES.values(),
        "may_edit": request.user.has_perm("plans.edit_version", version),
        "may_monitor": request.user.has_perm("monitoring.view", version),
        # edit_links.html offers "+ indikator" on these levels
        "indicator_owners": INDICATOR_OWNER_KINDS,
    }
    return render(request, "plans/version_detail.html", context)


def _program_row(program, years):
    return {
        "program": program,
        "funding": _by_year(program.funding_list, years),
        "mismatches": funding_mismatches(program),
        "indicators": [_indicator_row(i, years) for i in program.indicator_list],
        "activities": [
            {
                "activity": activity,
                "funding": _by_year(activity.funding_list, years),
                "indicators": [_indicator_row(i, years) for i in activity.indicator_list],
            }
            for activity in program.activity_list
        ],
    }


def _by_year(funding, years):
    amounts = {f.year: f for f in funding}
    return [amounts.get(y) for y in years]


def _indicator_row(indicator, years):
    targets = {t.year: t for t in indicator.target_list}
    return {"indicator": indicator, "targets": [targets.get(y) for y in years]}


def performance_tree(request, version_id: int):
    """Pohon kinerja: tujuan -> sasaran -> program -> kegiatan, each with its indicators."""
    version = version_for(request, version_id)
    read = read_version(version)
    # Programs under each sasaran in document order (a sasaran's program_list is in link order).
    by_objective: dict[int, list] = {}
    for program in read.programs:
        for objective in program.objective_list:
            by_objective.setdefault(objective.pk, []).append(program)
    unlinked = [program for program in read.programs if not program.objective_list]
    tree = [
        {
            "goal": goal,
            "objectives": [
                {"objective": objective, "programs": by_objective.get(objective.pk, [])}
                for objective in goal.objective_list
            ],
        }
        for goal in read.goals
    ]
    return render(
        request, "plans/tree.html", {"version": version, "tree": tree, "unlinked": unlinked}
    )
