"""What is due and not yet entered ("belum diisi"), or entered without the explanation a
shortfall needs, per owner: the list a planner sends round."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.views.common import page_context, page_year
from renstra.plans.permissions import version_for


def _owner(assignment) -> str:
    """The owner's name as the list heads it: person · unit."""
    if not assignment or not (assignment.person or assignment.unit):
        return _("Belum ada penanggung jawab")
    person = assignment.person
    parts = [
        person.get_full_name() or person.get_username() if person else "",
        assignment.unit.name if assignment.unit else "",
    ]
    return " · ".join(p for p in parts if p)


def due_page(request, version_id: int, year: int):
    version = version_for(request, version_id, "monitor")
    year = page_year(version, year)
    evaluation = evaluate(version, year)
    groups: dict[str, list] = {}
    for result in evaluation.indicators:
        if result.missing or result.needs_explanation:
            groups.setdefault(_owner(result.assignment), []).append(result)
    return render(
        request,
        "monitoring/due.html",
        page_context(
            request,
            version,
            year,
            groups=sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])),
            total=sum(len(v) for v in groups.values()),
            evaluation=evaluation,
        ),
    )
