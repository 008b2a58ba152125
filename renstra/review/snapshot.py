"""A plan version as plain data, from the live tables or as it stood at a past moment (from
the change history). The comparison of versions and the "as of" views work on these.

Items are keyed by (kind, id). The kinds are the keys of the levels a review covers
(renstra.plans.levels: tujuan … kegiatan) and "indikator". Each item knows its parent key, the
item it was copied from (by a review), its code, number, name, order and a few comparable fields;
indicators carry their targets {year: raw text}; programs and kegiatan their funding {year:
Decimal amount or None}.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Q

from renstra.plans.levels import BY_KEY, FUNDED, INDICATOR, INDICATOR_OWNERS, LEVELS, Level
from renstra.plans.models import Funding, Indicator, PlanVersion, Program, Target
from renstra.plans.readmodel import read_version

# The levels a review compares, shows as of a date, lists in the history and takes comments on.
# Sub kegiatan are not among them yet: their indicators have no parent in a snapshot and their
# funding is left out, as before the levels were named in one place.
REVIEWED_LEVELS: tuple[Level, ...] = tuple(
    level for level in LEVELS if level is not BY_KEY["sub_kegiatan"]
)
KINDS: tuple[str, ...] = (*(level.key for level in REVIEWED_LEVELS), INDICATOR)
INDICATOR_FIELDS = (
    "kind",
    "unit",
    "target_group",
    "baseline_raw",
    "end_target_raw",
    "intended_result",
)
_OWNERS = tuple(level for level in INDICATOR_OWNERS if level in REVIEWED_LEVELS)
_FUNDED = tuple(level for level in FUNDED if level in REVIEWED_LEVELS)


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


@dataclass
class _Rows:
    """The rows a snapshot is built from: live (from the read model) or as of a date."""

    items: dict[str, list]  # level key -> its items
    indicators: list
    targets: list
    funding: list
    links: dict[int, list[int]]  # program id -> ids of the sasaran it serves


def _item(kind: str, obj, parent, code: str = "") -> Item:
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


def _first_set(row, levels: tuple[Level, ...]) -> tuple[str, int] | None:
    """(level key, id) of the first of `levels` whose foreign key on `row` is set."""
    for level in levels:
        value = getattr(row, level.name + "_id")
        if value:
            return (level.key, value)
    return None


def _build(version: PlanVersion, rows: _Rows, when: datetime | None) -> VersionSnapshot:
    items: dict[tuple[str, int], Item] = {}
    for level in REVIEWED_LEVELS:
        for obj in rows.items[level.key]:
            parent = (
                (level.parent, getattr(obj, level.parent_field + "_id")) if level.parent else None
            )
            item = _item(level.key, obj, parent, obj.code if level.coded else "")
            if level.key == "program":
                item.fields["objectives"] = sorted(rows.links.get(obj.id, []))
            elif level.key == "sasaran":
                item.fields["rpjmd_refs"] = list(obj.rpjmd_refs or [])
            items[item.key] = item
    for indicator in rows.indicators:
        item = _item(INDICATOR, indicator, _first_set(indicator, _OWNERS))
        item.fields = {name: getattr(indicator, name) for name in INDICATOR_FIELDS}
        items[item.key] = item
    for target in rows.targets:
        owner = items.get((INDICATOR, target.indicator_id))
        if owner is not None:
            owner.targets[target.year] = target.raw_text
    for funding in rows.funding:
        owner = items.get(_first_set(funding, _FUNDED))
        if owner is not None:
            owner.funding[funding.year] = funding.amount
    for item in items.values():
        item.targets = dict(sorted(item.targets.items()))
        item.funding = dict(sorted(item.funding.items()))
    ordered = dict(
        sorted(items.items(), key=lambda kv: (KINDS.index(kv[0][0]), kv[1].order, kv[1].id))
    )
    return VersionSnapshot(version.pk, str(version), ordered, when)


def snapshot_of(version: PlanVersion) -> VersionSnapshot:
    """The version as it is now, from its read model (a constant number of queries)."""
    read = read_version(version)
    rows = _Rows(
        items={level.key: read.items(level.key) for level in REVIEWED_LEVELS},
        indicators=list(read.indicator_by_id.values()),
        targets=read.targets,
        funding=read.funding,
        links={p.pk: [o.pk for o in p.objective_list] for p in read.programs},
    )
    return _build(version, rows, None)


def _objective_links(version: PlanVersion) -> dict[int, list[int]]:
    """program id -> ids of the sasaran it serves (these links have no history of their own)."""
    links: dict[int, list[int]] = {}
    for program_id, objective_id in Program.objectives.through.objects.filter(
        program__version=version
    ).values_list("program_id", "objective_id"):
        links.setdefault(program_id, []).append(objective_id)
    return links


def snapshot_as_of(version: PlanVersion, when: datetime) -> VersionSnapshot:
    """The version as it stood at `when`, rebuilt from the change history, level by level
    (parents before children: LEVELS is in that order).

    Program-to-objective links have no history of their own; the current links are used.
    """
    items: dict[str, list] = {}
    for level in REVIEWED_LEVELS:
        history = level.model.history.as_of(when)
        if level.parent is None:
            items[level.key] = list(history.filter(version_id=version.pk))
        else:
            parent_ids = [parent.id for parent in items[level.parent]]
            items[level.key] = list(history.filter(**{level.parent_field + "_id__in": parent_ids}))
    indicators = list(Indicator.history.as_of(when).filter(version_id=version.pk))
    targets = list(Target.history.as_of(when).filter(indicator_id__in=[i.id for i in indicators]))
    funded = [
        Q(**{level.name + "_id__in": [item.id for item in items[level.key]]}) for level in _FUNDED
    ]
    funding = list(Funding.history.as_of(when).filter(reduce(or_, funded)))
    rows = _Rows(items, indicators, targets, funding, _objective_links(version))
    return _build(version, rows, when)
