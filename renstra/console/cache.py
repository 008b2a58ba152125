"""What the console computes per version in force, kept in the cache (settings.CACHES, as
renstra.plans.page_cache) for as long as what it is made of stays the same: the console of a
city of 400 agencies reads and checks 400 plans, which takes seconds; kept, it takes a few
queries.

Two entries per version, each under a key that names everything it is made of, so that a
change anywhere gives another key and the entry is computed again (nothing is ever cleared):

- the keys of its error findings (the checker's): the version (its id and creation time, so
  that a restored or another database never meets these, and its status: only approved
  versions, which never change, are kept), its plan (code scheme and edition, period), the
  region's kind, the RPJMD in force it is read against (version and sasaran numbers), every
  nomenclature edition with its revision, and the source of the rules and of the checker.
  Which findings a verifier acknowledged is read on every request, not kept.
- its figures of the year (renstra.console.service.YearFigures): the version as above, the
  year, and its realization of the year by count, latest change and highest id (a figure
  entered, changed or deleted changes one of them), and the source of the evaluation and of
  the formulas.
"""

import functools
import hashlib
import inspect
import json
import sys

from django.core.cache import cache
from django.db.models import Count, Max
from django.forms.models import model_to_dict

from renstra.checks.engine import all_rules
from renstra.monitoring.models import Realization
from renstra.nomenclature.models import Edition
from renstra.plans.choices import VersionStatus
from renstra.plans.models import PlanVersion
from renstra.plans.rpjmd import RpjmdInForce

# Raised when what an entry holds changes shape (the code it is computed by is in the key).
LAYOUT = 1
TIMEOUT = 7 * 24 * 3600
# The code that makes the figures of a year, beside the console's own.
FIGURE_MODULES = (
    "renstra.console.service",
    "renstra.monitoring.evaluation",
    "renstra.monitoring.year_rows",
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


def _rules_source() -> str:
    modules = {rule.check.__module__ for rule in all_rules().values()}
    return _source(tuple(sorted(modules | {"renstra.checks.engine"})))


def _version(version: PlanVersion) -> list:
    return [version.pk, version.created_at.isoformat(), version.status]


def keepable(version: PlanVersion) -> bool:
    """Only an approved version is kept: it never changes (renstra.plans.frozen)."""
    return version.status == VersionStatus.APPROVED


def editions() -> list:
    """Every nomenclature edition with its revision (a load raises it): one query."""
    return list(Edition.objects.order_by("pk").values_list("pk", "name", "revision"))


def errors_key(version: PlanVersion, rpjmd: RpjmdInForce | None, marks: list) -> str:
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
    return "renstra:console:errors:{}:{}".format(version.pk, _digest(parts))


def realization_marks(versions: list[PlanVersion], year: int) -> dict[int, list]:
    """{version id: [count, latest change, highest id]} of the year's realization: one query."""
    rows = (
        Realization.objects.filter(indicator__version__in=versions, year=year)
        .values("indicator__version_id")
        .annotate(n=Count("pk"), changed=Max("updated_at"), top=Max("pk"))
        .order_by()
    )
    return {row["indicator__version_id"]: [row["n"], row["changed"], row["top"]] for row in rows}


def figures_key(version: PlanVersion, year: int, marks: dict[int, list]) -> str:
    parts = [
        LAYOUT,
        _version(version),
        model_to_dict(version.plan),
        year,
        marks.get(version.pk),
        _source(FIGURE_MODULES),
    ]
    return "renstra:console:figures:{}:{}:{}".format(version.pk, year, _digest(parts))


def get_many(keys: list[str]) -> dict:
    return cache.get_many(keys) if keys else {}


def set_many(entries: dict) -> None:
    if entries:
        cache.set_many(entries, TIMEOUT)
