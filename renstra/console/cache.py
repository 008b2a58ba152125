"""What the console computes per version in force, kept in the database
(renstra.console.models.KeptFigures) for as long as what it is made of stays the same: the
console of a city of 400 agencies reads, checks and evaluates 400 plans, which takes seconds;
kept, it takes a few queries. The task worker computes it ahead of the first request when a
version is approved or a realization entered (renstra.console.warming, renstra.console.tasks);
whatever is not kept yet is computed by the request that needs it.

Two entries per version, each under a digest that names everything it is made of, so that a
change anywhere gives another digest and the entry is computed again (a row under another
digest is never read, and is replaced when computed again):

- the keys of its error findings (the checker's): the version (its id and creation time, so
  that a restored or another database never meets these, and its status: only approved
  versions, which never change, are kept), its plan (code scheme and edition, period), the
  region's kind, the RPJMD in force it is read against (version and sasaran numbers), every
  nomenclature edition with its revision, and the source of the rules and of the checker.
  Which findings a verifier acknowledged is read on every request, not kept.
- its figures of the year (renstra.console.figures.YearFigures): the version as above, the
  year, its realization of the year by count, latest change and highest id (a figure
  entered, changed or deleted changes one of them), the targets of its plan of the year when
  there is one (the Renja's, renstra.monitoring.year_plans), and the source of the evaluation
  and of the formulas.

Nothing is kept where the install keeps nothing (RENSTRA_CACHE_URL=none: settings.CACHES is
the dummy cache), nor under the test suite, whose tests change frozen versions behind the
rules; the tests of what is kept turn the cache on.
"""

import functools
import hashlib
import inspect
import json
import pickle
import sys
from typing import NamedTuple

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.db.models import Count, Max
from django.forms.models import model_to_dict
from django.utils import timezone

from renstra.checks.engine import all_rules
from renstra.console.models import KeptFigures
from renstra.monitoring.models import Realization
from renstra.monitoring.year_plans import PROVIDERS
from renstra.nomenclature.models import Edition
from renstra.plans.choices import VersionStatus
from renstra.plans.models import PlanVersion
from renstra.plans.rpjmd import RpjmdInForce
from renstra.sakip.models import Renja, RenjaIndicator

# Raised when what an entry holds changes shape (the code it is computed by is in the key).
LAYOUT = 2


class Key(NamedTuple):
    """Where an entry is kept (its version and year, 0 for the error findings) and the digest
    of what it is made of."""

    version_id: int
    year: int
    digest: str


# The code that makes the figures of a year, beside the console's own, and the classes they are
# kept as (pickled: a kept entry is read only by the code that made it).
FIGURE_MODULES = (
    "renstra.console.figures",
    "renstra.console.rollup",
    "renstra.monitoring.evaluation",
    "renstra.monitoring.year_rows",
    "renstra.monitoring.year_plans",
    "renstra.core.achievement",
    "renstra.core.targets",
    "renstra.core.numbers",
)


def _digest(parts) -> str:
    text = json.dumps(parts, default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


@functools.cache
def _source(names: tuple[str, ...]) -> str:
    """The digest of the source of these modules (read once per process)."""
    return _digest([inspect.getsource(sys.modules[name]) for name in sorted(names)])


def _providers_source() -> str:
    """The source of the plans of the year's providers (the Renja's: what it reads of them)."""
    return _source(tuple(sorted({provider.__module__ for provider in PROVIDERS})))


def _rules_source() -> str:
    modules = {rule.check.__module__ for rule in all_rules().values()}
    return _source(tuple(sorted(modules | {"renstra.checks.engine"})))


def _version(version: PlanVersion) -> list:
    return [version.pk, version.created_at.isoformat(), version.status]


def keeping() -> bool:
    """Does this install keep anything (see the module's docstring)?"""
    return not isinstance(caches["default"], DummyCache)


def keepable(version: PlanVersion) -> bool:
    """Only an approved version is kept: it never changes (renstra.plans.frozen)."""
    return version.status == VersionStatus.APPROVED


def editions() -> list:
    """Every nomenclature edition with its revision (a load raises it): one query."""
    return list(Edition.objects.order_by("pk").values_list("pk", "name", "revision"))


def errors_key(version: PlanVersion, rpjmd: RpjmdInForce | None, marks: list) -> Key:
    plan = version.plan
    rpjmd_mark = [rpjmd.version.pk, rpjmd.version.status, sorted(rpjmd.sasaran)] if rpjmd else None
    parts = [
        LAYOUT,
        _version(version),
        model_to_dict(plan),
        plan.agency.region.kind,
        rpjmd_mark,
        marks,
        _rules_source(),
    ]
    return Key(version.pk, KeptFigures.ERRORS, _digest(parts))


def realization_marks(versions: list[PlanVersion], year: int) -> dict[int, list]:
    """{version id: [count, latest change, highest id]} of the year's realization: one query."""
    rows = (
        Realization.objects.filter(indicator__version__in=versions, year=year)
        .values("indicator__version_id")
        .annotate(n=Count("pk"), changed=Max("updated_at"), top=Max("pk"))
        .order_by()
    )
    return {row["indicator__version_id"]: [row["n"], row["changed"], row["top"]] for row in rows}


def year_plan_marks(versions: list[PlanVersion], year: int) -> dict[int, list]:
    """{version id: its agency's Renja of the year, each with its indicators' targets}: the
    evaluation measures the year against the Renja when there is one
    (renstra.monitoring.year_plans), and a draft Renja's target changes any day. Two queries.

    Read here rather than through the provider (renja_year_plans), which answers with whole
    plans of the year, budgets and all: at 400 agencies 0.7 s a request against 0.13 s for
    this. Every Renja of the agency's
    year is in the mark, not only the one the provider picks (renja_of_year): any change to
    any of them gives another key, never a stale one."""
    agencies: dict[int, list[int]] = {}
    for version in versions:
        agencies.setdefault(version.plan.agency_id, []).append(version.pk)
    if not agencies:
        return {}
    found = Renja.objects.filter(agency__in=list(agencies), year=year).order_by("pk")
    by_agency: dict[int, list] = {}
    owner: dict[int, int] = {}
    for pk, agency_id, *mark in found.values_list(
        "pk", "agency_id", "number", "status", "based_on_id"
    ):
        by_agency.setdefault(agency_id, []).append([pk, *mark])
        owner[pk] = agency_id
    if not owner:
        return {}
    targets = (
        RenjaIndicator.objects.filter(item__renja__in=list(owner))
        .order_by("pk")
        .values_list(
            "item__renja_id",
            "pk",
            "source_indicator_id",
            "target_raw",
            "target_kind",
            "target_value",
        )
    )
    for renja_id, *mark in targets:
        by_agency[owner[renja_id]].append(mark)
    return {
        version_id: by_agency[agency_id]
        for agency_id, version_ids in agencies.items()
        if agency_id in by_agency
        for version_id in version_ids
    }


def figures_key(
    version: PlanVersion, year: int, marks: dict[int, list], plans: dict[int, list]
) -> Key:
    parts = [
        LAYOUT,
        _version(version),
        model_to_dict(version.plan),
        year,
        marks.get(version.pk),
        plans.get(version.pk),
        _source(FIGURE_MODULES),
        _providers_source(),
    ]
    return Key(version.pk, year, _digest(parts))


def get_many(keys: list[Key]) -> dict[Key, object]:
    """The entries kept under `keys`: one query (none when nothing is kept)."""
    if not keys or not keeping():
        return {}
    wanted = {key.digest: key for key in keys}
    rows = KeptFigures.objects.filter(digest__in=list(wanted)).values_list("digest", "payload")
    return {wanted[digest]: pickle.loads(payload) for digest, payload in rows}


def set_many(entries: dict[Key, object]) -> None:
    """Keep `entries`, each in place of what its version and year held: one query."""
    if not entries or not keeping():
        return
    now = timezone.now()
    rows = [
        KeptFigures(
            version_id=key.version_id,
            year=key.year,
            digest=key.digest,
            payload=pickle.dumps(value, pickle.HIGHEST_PROTOCOL),
            computed_at=now,
        )
        for key, value in entries.items()
    ]
    # An upsert: a worker and a request computing the same version meet here harmlessly.
    KeptFigures.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["version", "year"],
        update_fields=["digest", "payload", "computed_at"],
    )
