"""When to compute the console's figures ahead of the request (renstra.console.tasks): after a
transaction that approved a version (a plan in force, or the RPJMD every plan of the region is
checked against), saved or deleted a realization, or saved a Renja or one of its indicators
(the plan of the year the year is measured against), one task per region it touched, with
the years of the realization and Renja.

Model signals rather than a call in the services that write: what is kept is derived data, not
a business effect, the console (a higher layer) may not be imported by monitoring or review,
and the console stays correct without it (what is kept is found under a digest of what it is
made of; a request computes whatever is missing). A write that sends no signal (a bulk load
of realization, as the demo's generated region does after approving its plans in the same
transaction) is covered by the approval; otherwise the first request computes it.

Nothing is enqueued where nothing is kept (cache.keeping()), nor when the transaction is
rolled back (on_commit).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from renstra.console import cache
from renstra.console.tasks import warm_console
from renstra.monitoring.models import Realization
from renstra.plans.choices import VersionStatus
from renstra.plans.models import Agency, Indicator, PlanVersion
from renstra.sakip.models import Renja, RenjaIndicator, RenjaItem


@dataclass
class Noted:
    """What one transaction wrote that the console keeps figures of."""

    realizations: set[tuple[int, int]] = field(default_factory=set)  # (indicator id, year)
    versions: set[int] = field(default_factory=set)  # approved
    renjas: set[tuple[int, int]] = field(default_factory=set)  # (agency id, year)
    renja_items: set[int] = field(default_factory=set)  # of a Renja indicator changed
    done: bool = False

    def flush(self) -> None:
        self.done = True
        flush(self)


def connect() -> None:
    """Called once from ConsoleConfig.ready()."""
    post_save.connect(_realization_changed, sender=Realization, dispatch_uid="console-warm-r")
    post_delete.connect(_realization_changed, sender=Realization, dispatch_uid="console-warm-rd")
    post_save.connect(_version_saved, sender=PlanVersion, dispatch_uid="console-warm-v")
    # The Renja of the year, which the year is measured against (cache.year_plan_marks).
    post_save.connect(_renja_saved, sender=Renja, dispatch_uid="console-warm-j")
    post_save.connect(_renja_indicator_saved, sender=RenjaIndicator, dispatch_uid="console-warm-ji")


def _realization_changed(sender, instance: Realization, **kwargs) -> None:
    if not kwargs.get("raw") and cache.keeping():  # raw: loaddata
        _note(lambda noted: noted.realizations.add((instance.indicator_id, instance.year)))


def _version_saved(sender, instance: PlanVersion, **kwargs) -> None:
    if not kwargs.get("raw") and instance.status == VersionStatus.APPROVED and cache.keeping():
        _note(lambda noted: noted.versions.add(instance.pk))


def _renja_saved(sender, instance, **kwargs) -> None:
    if not kwargs.get("raw") and cache.keeping():
        _note(lambda noted: noted.renjas.add((instance.agency_id, instance.year)))


def _renja_indicator_saved(sender, instance, **kwargs) -> None:
    if not kwargs.get("raw") and cache.keeping():
        _note(lambda noted: noted.renja_items.add(instance.item_id))


def _note(add) -> None:
    """Add to what the transaction in progress noted, registering its one flush on commit
    with the first write. The notes live as long as their flush is registered: a transaction
    (or the savepoint that registered it) rolled back drops the flush, and the next write
    starts afresh. Outside a transaction the flush runs at once."""
    connection = transaction.get_connection()
    noted = getattr(connection, "_console_noted", None)
    registered = (
        noted is not None
        and not noted.done
        and any(getattr(entry[1], "__self__", None) is noted for entry in connection.run_on_commit)
    )
    if registered:
        add(noted)
        return
    noted = Noted()
    connection._console_noted = noted
    add(noted)
    transaction.on_commit(noted.flush, robust=True)


def flush(noted: Noted) -> dict[int, list[int]]:
    """Enqueue one warm_console per region of what was noted; {region id: years}."""
    regions: dict[int, set[int]] = {}
    years_of: dict[int, set[int]] = {}
    for indicator_id, year in noted.realizations:
        years_of.setdefault(indicator_id, set()).add(year)
    if years_of:
        found = Indicator.objects.filter(pk__in=years_of).values_list(
            "pk", "version__plan__agency__region_id"
        )
        for pk, region_id in found:
            regions.setdefault(region_id, set()).update(years_of[pk])
    if noted.versions:
        found = PlanVersion.objects.filter(pk__in=noted.versions).values_list(
            "plan__agency__region_id", flat=True
        )
        for region_id in found:
            regions.setdefault(region_id, set())
    renjas = set(noted.renjas)
    if noted.renja_items:
        items = RenjaItem.objects.filter(pk__in=noted.renja_items)
        renjas.update(items.values_list("renja__agency_id", "renja__year"))
    if renjas:
        found = dict(
            Agency.objects.filter(pk__in={agency for agency, _year in renjas}).values_list(
                "pk", "region_id"
            )
        )
        for agency_id, year in renjas:
            if agency_id in found:
                regions.setdefault(found[agency_id], set()).add(year)
    enqueued = {region_id: sorted(years) for region_id, years in regions.items()}
    for region_id, years in enqueued.items():
        warm_console.enqueue(region_id, years)
    return enqueued
