"""The plan checker: small named rules over one plan version, each yielding findings.

A rule is a function of a `PlanSnapshot` (the whole version, read once in a constant number of
queries) that yields `Finding`s. Rules never query the database themselves, so a check costs the
same handful of queries for any plan size and time linear in it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.core.numbers import plain_number
from renstra.plans.models import (
    Activity,
    Funding,
    Goal,
    Indicator,
    Objective,
    PlanVersion,
    PolicyDirection,
    Program,
    Strategy,
    Target,
)


class Severity(StrEnum):
    """Galat must be fixed; peringatan should be looked at; saran is advice."""

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"

    @property
    def label(self) -> str:
        """The severity's name in the active language (Indonesian by default)."""
        return _(SEVERITY_LABELS[self.value])


SEVERITY_LABELS = {
    "error": gettext_noop("Galat"),
    "warning": gettext_noop("Peringatan"),
    "suggestion": gettext_noop("Saran"),
}


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.SUGGESTION: 2}


@dataclass(frozen=True)
class Location:
    """Where a finding is: the table of the document, the item (kind, id, code, name), a year."""

    table: str
    kind: str = ""  # tujuan, sasaran, strategi, program, kegiatan, indikator, versi
    item_id: int | None = None
    code: str = ""
    name: str = ""
    year: int | None = None
    indicator: str = ""

    def as_dict(self) -> dict:
        data = {"table": self.table, "kind": self.kind, "code": self.code, "name": self.name}
        if self.item_id is not None:
            data["item_id"] = self.item_id
        if self.year is not None:
            data["year"] = self.year
        if self.indicator:
            data["indicator"] = self.indicator
        return data


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    location: Location
    values: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        """A stable identity across runs, used to acknowledge a finding."""
        loc = self.location
        return "|".join(
            str(part)
            for part in (
                self.rule,
                loc.kind,
                loc.item_id or "",
                loc.year or "",
                loc.indicator or "",
            )
        )

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location.as_dict(),
            "values": {k: _jsonable(v) for k, v in self.values.items()},
        }


def _jsonable(value):
    # Whole rupiah become JSON integers (exact); anything with decimals stays an exact string.
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else plain_number(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Rule:
    name: str
    severity: Severity
    title: str
    check: Callable[["PlanSnapshot"], Iterable[tuple[Location, str, dict]]]

    def run(self, snapshot: "PlanSnapshot") -> list[Finding]:
        return [
            Finding(self.name, self.severity, message, location, values)
            for location, message, values in self.check(snapshot)
        ]


RULES: dict[str, Rule] = {}


def rule(name: str, severity: Severity, title: str):
    """Register a rule: a generator of (location, Indonesian message, values)."""

    def register(func):
        RULES[name] = Rule(name, severity, title, func)
        return func

    return register


class PlanSnapshot:
    """One plan version read whole, in eleven flat queries whatever its size, and linked in
    Python: every item gets plain lists (`activity_list`, `indicator_list`, `target_list`,
    `funding_list`, `objective_list`, `strategy_list`, `policy_direction_list`), so rules walk
    the plan without touching the database or Django's related managers."""

    def __init__(self, version: PlanVersion):
        self.version = version
        self.plan = version.plan
        self.years = self.plan.target_years
        order = ("order", "pk")
        self.goals = list(Goal.objects.filter(version=version).order_by(*order))
        objectives = list(Objective.objects.filter(goal__version=version).order_by(*order))
        strategies = list(
            Strategy.objects.filter(objective__goal__version=version).order_by(*order)
        )
        directions = list(
            PolicyDirection.objects.filter(strategy__objective__goal__version=version).order_by(
                *order
            )
        )
        self.programs = list(Program.objects.filter(version=version).order_by(*order))
        activities = list(Activity.objects.filter(program__version=version).order_by(*order))
        indicators = list(Indicator.objects.filter(version=version).order_by(*order))
        targets = list(Target.objects.filter(indicator__version=version).order_by("year"))
        funding = list(
            Funding.objects.filter(
                Q(program__version=version) | Q(activity__program__version=version)
            ).order_by("year")
        )
        links = list(
            Program.objectives.through.objects.filter(program__version=version).values_list(
                "program_id", "objective_id"
            )
        )
        objectives_by_id = {o.pk: o for o in objectives}
        _attach(self.goals, objectives, "goal_id", "objective_list")
        _attach(objectives, strategies, "objective_id", "strategy_list")
        _attach(strategies, directions, "strategy_id", "policy_direction_list")
        _attach(self.programs, activities, "program_id", "activity_list")
        for owner_list, owner_key in (
            (self.goals, "goal_id"),
            (objectives, "objective_id"),
            (self.programs, "program_id"),
            (activities, "activity_id"),
        ):
            _attach(owner_list, indicators, owner_key, "indicator_list")
        _attach(indicators, targets, "indicator_id", "target_list")
        _attach(self.programs, funding, "program_id", "funding_list")
        _attach(activities, funding, "activity_id", "funding_list")
        for program in self.programs:
            program.objective_list = []
        programs_by_id = {p.pk: p for p in self.programs}
        for program_id, objective_id in links:
            programs_by_id[program_id].objective_list.append(objectives_by_id[objective_id])
        self.activities = [(p, a) for p in self.programs for a in p.activity_list]
        self.objectives = [o for g in self.goals for o in g.objective_list]
        self.strategies = [s for o in self.objectives for s in o.strategy_list]
        self.has_funding = bool(funding)

    def indicators(self):
        """(owner kind, owner, indicator) for every indicator of the version."""
        for goal in self.goals:
            for indicator in goal.indicator_list:
                yield "tujuan", goal, indicator
            for objective in goal.objective_list:
                for indicator in objective.indicator_list:
                    yield "sasaran", objective, indicator
        for program in self.programs:
            for indicator in program.indicator_list:
                yield "program", program, indicator
            for activity in program.activity_list:
                for indicator in activity.indicator_list:
                    yield "kegiatan", activity, indicator


def all_rules() -> dict[str, Rule]:
    """Every registered rule by name (the rule modules register theirs when the checks app is
    ready; apps above checks register more from their own AppConfig.ready())."""
    return RULES


def _attach(parents: list, children: list, foreign_key: str, attribute: str) -> None:
    """Give each parent the list of children whose `foreign_key` points at it, in order."""
    by_parent = {parent.pk: [] for parent in parents}
    for parent in parents:
        setattr(parent, attribute, by_parent[parent.pk])
    for child in children:
        bucket = by_parent.get(getattr(child, foreign_key))
        if bucket is not None:
            bucket.append(child)


def run_checks(version: PlanVersion, rules: Iterable[str] | None = None) -> list[Finding]:
    """All findings of a version, ordered by severity, then rule, then document order."""
    registry = all_rules()
    unknown = sorted(set(rules or ()) - set(registry))
    if unknown:
        raise ValueError("Aturan tidak dikenal: {}.".format(", ".join(unknown)))
    snapshot = PlanSnapshot(version)
    selected = [registry[name] for name in rules] if rules else list(registry.values())
    findings: list[Finding] = []
    for current in selected:
        findings.extend(current.run(snapshot))
    findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return findings


def label(item) -> str:
    """'16.58 Pemberian bantuan …' or, without a code, the printed number and name."""
    ident = getattr(item, "code", "") or item.number
    return "{} {}".format(ident, item.name).strip() if ident else item.name
