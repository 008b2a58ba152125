"""Read-only pages of plans: the list of plans and a version's cascade."""

from dataclasses import dataclass

from django.shortcuts import render
from django.template.loader import render_to_string

from renstra.plans.editing import INDICATOR_OWNER_KINDS
from renstra.plans.funding import funding_mismatches
from renstra.plans.models import PlanVersion
from renstra.plans.page_cache import cached_parts
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


PAGE_TEMPLATES = ("plans/version_head.html", "plans/version_cascade.html", "plans/edit_links.html")


def version_detail(request, version_id: int):
    version = version_for(request, version_id)
    may_edit = request.user.has_perm("plans.edit_version", version)
    may_monitor = request.user.has_perm("monitoring.view", version)
    tables = list(TABLES.values())
    if may_edit:  # edit links and forms of this user: never from the cache
        parts = _parts(version, tables, may_monitor=may_monitor, may_edit=True, request=request)
    else:
        parts = cached_parts(
            version,
            "version_page",
            PAGE_TEMPLATES,
            lambda: _parts(version, tables, may_monitor=may_monitor, may_edit=False),
            # The head's links: the monitoring link is the user's; the tables are the registry's.
            vary=[may_monitor, [(t.key, str(t.title)) for t in tables]],
        )
    context = {
        "version": version,
        "plan": version.plan,
        "may_edit": may_edit,
        "may_monitor": may_monitor,
        **parts,
    }
    return render(request, "plans/version_detail.html", context)


def _parts(version, tables, *, may_monitor: bool, may_edit: bool, request=None) -> dict:
    """The page's head (plans/version_head.html: title, links, table links) and its cascade
    (plans/version_cascade.html): the same for every user with the same `may_monitor` who may
    not edit the version."""
    head = render_to_string(
        PAGE_TEMPLATES[0],
        {"version": version, "plan": version.plan, "tables": tables, "may_monitor": may_monitor},
    )
    return {"head": head, "cascade": _cascade(version, may_edit=may_edit, request=request)}


def _cascade(version, *, may_edit: bool, request=None) -> str:
    """The version's goals and its program table (plans/version_cascade.html): the same for
    every user who may not edit the version."""
    read = read_version(version)
    notes = _Notes()
    context = {
        "version": version,
        "plan": version.plan,
        "years": read.years,
        "goals": read.goals,
        "programs": [_program_row(program, read.years, notes) for program in read.programs],
        "notes": notes.texts(),
        "may_edit": may_edit,
        # edit_links.html offers "+ indikator" on these levels
        "indicator_owners": INDICATOR_OWNER_KINDS,
    }
    return render_to_string(PAGE_TEMPLATES[1], context, request=request)


@dataclass
class _Cell:
    item: object  # a Target or a Funding
    note: int | None  # the number of its transcription note under the table


class _Notes:
    """The transcription notes of the page (why a value's year was inferred), numbered in the
    order they are first met: one list under the table instead of the same long note repeated
    on every cell of a row (a third of the page's weight)."""

    def __init__(self):
        self.numbers: dict[str, int] = {}

    def cells(self, items, years) -> list[_Cell | None]:
        by_year = {item.year: item for item in items}
        return [self._cell(by_year.get(year)) for year in years]

    def _cell(self, item) -> _Cell | None:
        if item is None:
            return None
        note = item.inferred_note
        number = self.numbers.setdefault(note, len(self.numbers) + 1) if note else None
        return _Cell(item, number)

    def texts(self) -> list[str]:
        return list(self.numbers)


def _program_row(program, years, notes: _Notes):
    return {
        "program": program,
        "funding": notes.cells(program.funding_list, years),
        "mismatches": funding_mismatches(program),
        "indicators": [_indicator_row(i, years, notes) for i in program.indicator_list],
        "activities": [
            {
                "activity": activity,
                "funding": notes.cells(activity.funding_list, years),
                "indicators": [_indicator_row(i, years, notes) for i in activity.indicator_list],
            }
            for activity in program.activity_list
        ],
    }


def _indicator_row(indicator, years, notes: _Notes):
    return {"indicator": indicator, "targets": notes.cells(indicator.target_list, years)}
