"""The one read model of a plan version: the whole version in a fixed number of flat queries
(eleven, whatever its size), linked in Python.

Everything that reads a whole version reads it through `read_version`: the checker, the
evaluation, the report tables, the JSON and IATI exports, the review copy and the comparison.
Monitoring adds its realization on top in its own app. Many versions at once (the checker over a
region's plans) are read through `read_versions`: the same eleven queries for all of them, each
version linked as `read_version` links one.

Every item gets plain lists of its children, in document order (`objective_list`,
`strategy_list`, `policy_direction_list`, `activity_list`, `sub_activity_list`,
`indicator_list`, `target_list`, `funding_list`; programs `objective_list`, sasaran
`program_list`), and the same children are placed in Django's prefetch cache, so
`program.activities.all()`, `indicator.targets.all()`, `activity.program` or `indicator.program`
in a template or a table definition never reach the database either.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Q

from renstra.core.collector import collector_paused
from renstra.plans.levels import BY_KEY, FUNDED, INDICATOR_OWNERS, LEVELS, Level
from renstra.plans.models import Funding, Indicator, PlanVersion, Program, Target
from renstra.plans.queries import version_with_plan

ORDER = ("order", "pk")


@dataclass
class OwnedIndicator:
    """An indicator with the level and item it belongs to."""

    level: Level
    owner: object
    indicator: Indicator

    @property
    def kind(self) -> str:
        return self.level.key


class VersionRead:
    """One plan version, read whole. Lists are in document order:

    goals, objectives, strategies, policy_directions   the goals side, flat
    programs, activities, sub_activities               the programs side, flat
    indicators, targets, funding                       every one of the version
    """

    def __init__(self, version: PlanVersion, rows: "_Rows | None" = None):
        self.version = version
        self.plan = version.plan
        self.years: list[int] = self.plan.target_years
        if rows is None:
            rows = _load([version])[version.pk]
        loaded = rows.items
        indicators = rows.indicators
        self.targets = rows.targets
        self.funding = rows.funding
        links = rows.links

        for level in LEVELS:
            if level.parent is None:
                for root in loaded[level.key]:
                    _cache_parent(root, "version", version)
            else:
                parent = BY_KEY[level.parent]
                _link(
                    loaded[parent.key],
                    loaded[level.key],
                    level.parent_field,
                    level.plural,  # the related name of the children (Strategy.objective -> strategies)
                    level.name + "_list",
                )
        for owner in INDICATOR_OWNERS:
            _link(loaded[owner.key], indicators, owner.name, "indicators", "indicator_list")
        for indicator in indicators:
            _cache_parent(indicator, "version", version)
        _link(indicators, self.targets, "indicator", "targets", "target_list")
        for level in FUNDED:
            _link(loaded[level.key], self.funding, level.name, "funding", "funding_list")
        self._link_programs_to_objectives(loaded["program"], loaded["sasaran"], links)

        # Document order, level by level: each root's children in turn, and theirs.
        for level in LEVELS:
            if level.parent is None:
                ordered = loaded[level.key]
            else:
                attribute = level.name + "_list"
                ordered = [
                    c
                    for p in getattr(self, BY_KEY[level.parent].plural)
                    for c in getattr(p, attribute)
                ]
            setattr(self, level.plural, ordered)
        self.indicator_by_id = {i.pk: i for i in indicators}
        self.has_funding = bool(self.funding)

    @staticmethod
    def _link_programs_to_objectives(programs, objectives, links) -> None:
        objectives_by_id = {o.pk: o for o in objectives}
        programs_by_id = {p.pk: p for p in programs}
        for program in programs:
            program.objective_list = []
        for objective in objectives:
            objective.program_list = []
        for program_id, objective_id in links:
            program, objective = programs_by_id[program_id], objectives_by_id[objective_id]
            program.objective_list.append(objective)
            objective.program_list.append(program)
        for program in programs:
            _cache_children(program, "objectives", program.objective_list)
        for objective in objectives:
            _cache_children(objective, "programs", objective.program_list)

    def items(self, key: str) -> list:
        """Every item of one level ('kegiatan'), in document order."""
        return getattr(self, BY_KEY[key].plural)

    def indicators(self) -> Iterator[OwnedIndicator]:
        """Every indicator of the version with its owner, in document order: each goal with its
        sasaran, then each program with its kegiatan and their sub kegiatan."""
        level = BY_KEY
        for goal in self.goals:
            yield from _owned(level["tujuan"], goal)
            for objective in goal.objective_list:
                yield from _owned(level["sasaran"], objective)
        for program in self.programs:
            yield from _owned(level["program"], program)
            for activity in program.activity_list:
                yield from _owned(level["kegiatan"], activity)
                for sub in activity.sub_activity_list:
                    yield from _owned(level["sub_kegiatan"], sub)


def read_version(version: PlanVersion | int) -> VersionRead:
    """The whole version (given, or by id with its plan, agency and region) read at once."""
    if isinstance(version, int):
        version = version_with_plan(version)
    with collector_paused():
        return VersionRead(version)


def read_versions(versions: Iterable[PlanVersion]) -> dict[int, VersionRead]:
    """Many versions (with their plans) read at once, {version id: VersionRead}: the same
    eleven queries for all of them, so a region's plans cost eleven queries, not eleven per
    plan. Each is linked as `read_version` links one; callers take them in batches of a few
    dozen to bound memory."""
    versions = list(versions)
    with collector_paused():
        rows = _load(versions)
        return {version.pk: VersionRead(version, rows[version.pk]) for version in versions}


@dataclass
class _Rows:
    """What the queries brought of one version, before linking."""

    items: dict[str, list] = field(default_factory=lambda: {level.key: [] for level in LEVELS})
    indicators: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    funding: list = field(default_factory=list)
    links: list[tuple[int, int]] = field(default_factory=list)


def _load(versions: list[PlanVersion]) -> dict[int, _Rows]:
    """The rows of `versions`, one query per table for all of them, sorted out by version: a
    root item names its version, any other row is placed through its parent (loaded first)."""
    ids = [version.pk for version in versions]
    rows = {pk: _Rows() for pk in ids}
    version_of: dict[str, dict[int, int]] = {}  # level key -> {item id: version id}
    for level in LEVELS:
        items = level.model.objects.filter(**{level.version_path + "__in": ids})
        if level.coded:
            items = items.select_related("unit")
        parents = version_of[level.parent] if level.parent else None
        id_field = level.parent_field + "_id"
        placed = version_of[level.key] = {}
        for item in items.order_by(*ORDER):
            version_id = item.version_id if parents is None else parents[getattr(item, id_field)]
            placed[item.pk] = version_id
            rows[version_id].items[level.key].append(item)
    indicator_version = {}
    for indicator in Indicator.objects.filter(version__in=ids).order_by(*ORDER):
        indicator_version[indicator.pk] = indicator.version_id
        rows[indicator.version_id].indicators.append(indicator)
    targets = Target.objects.filter(indicator__version__in=ids).order_by("year", "pk")
    for target in targets:
        rows[indicator_version[target.indicator_id]].targets.append(target)
    # Funding hangs on a program, kegiatan or sub kegiatan: the ids of each, as subqueries the
    # database answers from the funding table's indexes (an OR of joins scanned the whole table,
    # every version's funding, for each version read).
    funded = Q()
    for level in FUNDED:
        owners = level.model.objects.filter(**{level.version_path + "__in": ids}).values("pk")
        funded |= Q(**{level.name + "__in": owners})
    for funding in Funding.objects.filter(funded).order_by("year", "pk"):
        for level in FUNDED:
            owner_id = getattr(funding, level.name + "_id")
            if owner_id is not None:
                rows[version_of[level.key][owner_id]].funding.append(funding)
                break
    links = (
        Program.objectives.through.objects.filter(program__version__in=ids)
        .order_by("pk")
        .values_list("program_id", "objective_id")
    )
    for program_id, objective_id in links:
        rows[version_of["program"][program_id]].links.append((program_id, objective_id))
    return rows


def _owned(level: Level, owner) -> Iterator[OwnedIndicator]:
    for indicator in owner.indicator_list:
        yield OwnedIndicator(level, owner, indicator)


def _link(parents: list, children: list, parent_field: str, related: str, attribute: str):
    """Give each parent the list of children whose `parent_field` points at it (in the
    children's order), as `attribute` and for its related manager `related`; give each child
    its parent."""
    by_parent = {parent.pk: parent for parent in parents}
    buckets: dict[int, list] = {parent.pk: [] for parent in parents}
    id_field = parent_field + "_id"
    for child in children:
        parent_id = getattr(child, id_field)
        bucket = buckets.get(parent_id)
        if bucket is not None:
            bucket.append(child)
            _cache_parent(child, parent_field, by_parent[parent_id])
    for parent in parents:
        setattr(parent, attribute, buckets[parent.pk])
        _cache_children(parent, related, buckets[parent.pk])


def _cache_parent(child, field_name: str, parent) -> None:
    # What a forward foreign key's descriptor stores once it has fetched the parent.
    child._state.fields_cache[field_name] = parent


class _KnownRelated(dict):
    """An item's prefetch cache (Django's `_prefetched_objects_cache`) whose querysets are made
    only when a related manager is used: `program.activities.all()` answers from the list the
    read model linked, without a query, and the checker, which walks the lists, never pays for
    thousands of querysets it does not use."""

    def __init__(self, owner):
        super().__init__()
        self.owner = owner
        self.known: dict[str, list] = {}

    def __contains__(self, key) -> bool:
        return key in self.known or super().__contains__(key)

    def __missing__(self, key):
        children = self.known.pop(key)  # a KeyError makes Django build its own queryset
        # The related manager's own queryset (filtered to this item), with its results known:
        # what prefetch_related stores. (The key is gone from `known`, so this lookup misses.)
        queryset = getattr(self.owner, key).get_queryset()
        queryset._result_cache = children
        queryset._prefetch_done = True
        self[key] = queryset
        return queryset


def _cache_children(parent, related: str, children: list) -> None:
    cache = parent.__dict__.get("_prefetched_objects_cache")
    if not isinstance(cache, _KnownRelated):
        cache = _KnownRelated(parent)
        parent._prefetched_objects_cache = cache
    cache.known[related] = children
