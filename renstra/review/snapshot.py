"""A plan version as plain data, from the live tables or as it stood at a past moment (from
the change history). The comparison of versions and the "as of" views work on these.

Items are keyed by (kind, id). Kinds: tujuan, sasaran, strategi, arah_kebijakan, program,
kegiatan, indikator. Each item knows its parent key, the item it was copied from (by a review),
its code, number, name, order and a few comparable fields; indicators carry their targets
{year: raw text}; programs and kegiatan their funding {year: Decimal amount or None}.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Q

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

KINDS = ("tujuan", "sasaran", "strategi", "arah_kebijakan", "program", "kegiatan", "indikator")
INDICATOR_FIELDS = (
    "kind",
    "unit",
    "target_group",
    "baseline_raw",
    "end_target_raw",
    "intended_result",
)


@dataclass
class Item:
    kind: str
    id: int
    parent: tuple[str, int] | None
    copied_from: int | None
    code: str
    number: str
    name: str
    order: int
    fields: dict = field(default_factory=dict)
    targets: dict[int, str] = field(default_factory=dict)
    funding: dict[int, Decimal | None] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.id)

    @property
    def label(self) -> str:
        ident = self.code or self.number
        return "{} {}".format(ident, self.name).strip() if ident else self.name


@dataclass
class VersionSnapshot:
    version_id: int
    label: str
    items: dict[tuple[str, int], Item]
    as_of: datetime | None = None

    def of_kind(self, kind: str) -> list[Item]:
        return [item for item in self.items.values() if item.kind == kind]


def _item(kind, obj, parent, code="") -> Item:
    return Item(
        kind=kind,
        id=obj.id,
        parent=parent,
        copied_from=getattr(obj, "copied_from_id", None),
        code=code,
        number=obj.number or "",
        name=obj.name,
        order=obj.order,
    )


def _build(version: PlanVersion, models: dict, when: datetime | None) -> VersionSnapshot:
    (
        goals,
        objectives,
        strategies,
        directions,
        programs,
        activities,
        indicators,
        targets,
        funding,
        links,
    ) = (
        models[k]
        for k in (
            "goals",
            "objectives",
            "strategies",
            "directions",
            "programs",
            "activities",
            "indicators",
            "targets",
            "funding",
            "links",
        )
    )
    items: dict[tuple[str, int], Item] = {}
    for g in goals:
        items[("tujuan", g.id)] = _item("tujuan", g, None)
    for o in objectives:
        items[("sasaran", o.id)] = _item("sasaran", o, ("tujuan", o.goal_id))
    for s in strategies:
        items[("strategi", s.id)] = _item("strategi", s, ("sasaran", s.objective_id))
    for d in directions:
        items[("arah_kebijakan", d.id)] = _item("arah_kebijakan", d, ("strategi", d.strategy_id))
    for p in programs:
        item = _item("program", p, None, p.code)
        item.fields["objectives"] = sorted(links.get(p.id, []))
        items[("program", p.id)] = item
    for a in activities:
        items[("kegiatan", a.id)] = _item("kegiatan", a, ("program", a.program_id), a.code)
    owners = (
        ("goal_id", "tujuan"),
        ("objective_id", "sasaran"),
        ("program_id", "program"),
        ("activity_id", "kegiatan"),
    )
    for i in indicators:
        parent = next(((kind, getattr(i, attr)) for attr, kind in owners if getattr(i, attr)), None)
        item = _item("indikator", i, parent)
        item.fields = {name: getattr(i, name) for name in INDICATOR_FIELDS}
        items[("indikator", i.id)] = item
    for t in targets:
        owner = items.get(("indikator", t.indicator_id))
        if owner is not None:
            owner.targets[t.year] = t.raw_text
    for f in funding:
        key = ("program", f.program_id) if f.program_id else ("kegiatan", f.activity_id)
        owner = items.get(key)
        if owner is not None:
            owner.funding[f.year] = f.amount
    for item in items.values():
        item.targets = dict(sorted(item.targets.items()))
        item.funding = dict(sorted(item.funding.items()))
    ordered = dict(
        sorted(items.items(), key=lambda kv: (KINDS.index(kv[0][0]), kv[1].order, kv[1].id))
    )
    return VersionSnapshot(version.pk, str(version), ordered, when)


def _objective_links(version: PlanVersion) -> dict[int, list[int]]:
    """program id -> ids of the sasaran it serves (these links have no history of their own)."""
    links: dict[int, list[int]] = {}
    for program_id, objective_id in Program.objectives.through.objects.filter(
        program__version=version
    ).values_list("program_id", "objective_id"):
        links.setdefault(program_id, []).append(objective_id)
    return links


def snapshot_of(version: PlanVersion) -> VersionSnapshot:
    """The version as it is now, in a constant number of queries."""
    links = _objective_links(version)
    models = {
        "goals": Goal.objects.filter(version=version),
        "objectives": Objective.objects.filter(goal__version=version),
        "strategies": Strategy.objects.filter(objective__goal__version=version),
        "directions": PolicyDirection.objects.filter(strategy__objective__goal__version=version),
        "programs": Program.objects.filter(version=version),
        "activities": Activity.objects.filter(program__version=version),
        "indicators": Indicator.objects.filter(version=version),
        "targets": Target.objects.filter(indicator__version=version),
        "funding": Funding.objects.filter(
            Q(program__version=version) | Q(activity__program__version=version)
        ),
        "links": links,
    }
    return _build(version, models, None)


def snapshot_as_of(version: PlanVersion, when: datetime) -> VersionSnapshot:
    """The version as it stood at `when`, rebuilt from the change history.

    Program-to-objective links have no history of their own; the current links are used.
    """
    goals = list(Goal.history.as_of(when).filter(version_id=version.pk))
    objectives = list(Objective.history.as_of(when).filter(goal_id__in=[g.id for g in goals]))
    strategies = list(
        Strategy.history.as_of(when).filter(objective_id__in=[o.id for o in objectives])
    )
    directions = list(
        PolicyDirection.history.as_of(when).filter(strategy_id__in=[s.id for s in strategies])
    )
    programs = list(Program.history.as_of(when).filter(version_id=version.pk))
    activities = list(Activity.history.as_of(when).filter(program_id__in=[p.id for p in programs]))
    indicators = list(Indicator.history.as_of(when).filter(version_id=version.pk))
    targets = list(Target.history.as_of(when).filter(indicator_id__in=[i.id for i in indicators]))
    funding = list(
        Funding.history.as_of(when).filter(
            Q(program_id__in=[p.id for p in programs])
            | Q(activity_id__in=[a.id for a in activities])
        )
    )
    links = _objective_links(version)
    models = {
        "goals": goals,
        "objectives": objectives,
        "strategies": strategies,
        "directions": directions,
        "programs": programs,
        "activities": activities,
        "indicators": indicators,
        "targets": targets,
        "funding": funding,
        "links": links,
    }
    return _build(version, models, when)
