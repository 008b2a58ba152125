"""What the console keeps in the database (renstra.console.cache, models.KeptFigures) and the
task that keeps it ahead of the request (renstra.console.tasks, enqueued by
renstra.console.warming): the first request after the worker computes nothing and shows what a
request computing everything shows; a realization entered, a version approved or a Renja
created or changed has the region's figures computed again after the commit; a Renja's target
changes the key of what is kept; a request before the worker computes what is missing itself;
nothing is kept or enqueued where the install keeps nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache as django_cache
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from renstra.console import warming
from renstra.console.models import KeptFigures
from renstra.console.service import region_console
from renstra.console.tasks import warm_console
from renstra.interchange.region_demo import generate_region
from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.services import save_realization
from renstra.plans.choices import VersionStatus
from renstra.plans.models import Indicator
from renstra.review.services import change_status, start_review
from renstra.sakip.models import RenjaIndicator
from renstra.sakip.services import create_renja, update_target
from tests.growth import queries

YEAR = 2019
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DUMMY = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
WARM_TASK = "renstra.console.tasks.warm_console"


@pytest.fixture
def keeping(settings):
    """An install that keeps (the suite otherwise keeps nothing)."""
    settings.CACHES = LOCMEM
    django_cache.clear()
    yield settings
    django_cache.clear()


@pytest.fixture
def city(v2):
    """Five generated agencies beside the demo's BKPSDM, with their example realization."""
    return generate_region(template=v2, agencies=5, realization=True).versions


def _figures(console) -> list:
    return [
        (
            row.agency.pk,
            row.version and row.version.pk,
            row.open_errors,
            row.figures,
            row.has_dashboard,
        )
        for row in console.rows
    ]


def _computed_everything(settings, region):
    """The console as a request that keeps nothing computes it."""
    caches = settings.CACHES
    settings.CACHES = DUMMY
    try:
        return region_console(region, YEAR)
    finally:
        settings.CACHES = caches


def _entry(version, planner, quarter=4, text="1 orang"):
    indicator = Indicator.objects.filter(version=version, activity__isnull=False).first()
    save_realization(indicator, YEAR, quarter, text, user=planner)


def test_the_worker_keeps_what_a_request_would_compute_and_the_first_request_computes_nothing(
    v2, city, keeping
):
    region = v2.plan.agency.region
    result = warm_console.enqueue(region.pk, [YEAR])  # the suite's backend runs it at once
    # The five generated plans and the demo's, for each year with realization (the example
    # realization: 2017, 2018 and 2019, the default year).
    assert result.return_value == 6 * 3
    # Per version its errors and its figures of each year.
    assert KeptFigures.objects.count() == 6 + 6 * 3
    assert set(KeptFigures.objects.values_list("year", flat=True)) == {0, 2017, 2018, YEAR}

    first = region_console(region, YEAR)
    assert first.computed == 0
    assert _figures(first) == _figures(_computed_everything(keeping, region))
    assert region_console(region, 2017).computed == 0
    assert warm_console.enqueue(region.pk, [YEAR]).return_value == 0  # nothing left to do


def test_what_is_kept_costs_as_many_queries_for_fifteen_agencies_as_for_five(v2, city, keeping):
    region = v2.plan.agency.region
    five = (queries(region_console, region, YEAR), queries(region_console, region, YEAR))
    generate_region(template=v2, agencies=15, realization=True)
    fifteen = region_console(region, YEAR)
    assert fifteen.computed == 10  # the new ones only
    assert queries(region_console, region, YEAR) == five[1]
    KeptFigures.objects.all().delete()
    assert (queries(region_console, region, YEAR), queries(region_console, region, YEAR)) == five


def test_an_entry_has_the_region_computed_again_after_the_commit(
    v2, city, keeping, make_user, django_capture_on_commit_callbacks
):
    region = v2.plan.agency.region
    warm_console.enqueue(region.pk, [YEAR])
    version = city[0]
    planner = make_user("perencana_kept", "planner", version)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _entry(version, planner)
    assert len(callbacks) == 1  # one flush per transaction
    console = region_console(region, YEAR)
    assert console.computed == 0  # the task ran after the commit (the suite's backend: inline)
    row = {r.agency.pk: r for r in console.rows}[version.plan.agency_id]
    assert row.figures.filled[3] == 1
    assert _figures(console) == _figures(_computed_everything(keeping, region))


def test_an_approval_has_the_region_computed_after_the_commit(
    v2, city, keeping, make_user, django_capture_on_commit_callbacks
):
    region = v2.plan.agency.region
    warm_console.enqueue(region.pk, [YEAR])
    old = city[1]
    draft = start_review(version=old, reason="perubahan (uji)")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for step in (VersionStatus.SUBMITTED, VersionStatus.VERIFIED, VersionStatus.APPROVED):
            change_status(version=draft, to_status=step, note="uji")
    assert len(callbacks) == 1
    console = region_console(region, YEAR)
    assert console.computed == 0
    row = {r.agency.pk: r for r in console.rows}[old.plan.agency_id]
    assert row.version == draft
    assert _figures(console) == _figures(_computed_everything(keeping, region))


def test_a_request_before_the_worker_computes_itself_and_the_worker_then_finds_it_kept(
    v2, city, keeping, make_user, database_tasks, django_capture_on_commit_callbacks
):
    region = v2.plan.agency.region
    version = city[2]
    with django_capture_on_commit_callbacks(execute=True):
        _entry(version, make_user("perencana_db", "planner", version), quarter=4)
    (task,) = DBTaskResult.objects.filter(task_path=WARM_TASK)
    assert (task.status, task.args_kwargs["args"]) == ("READY", [region.pk, [YEAR]])
    assert task.priority < 0  # behind a planner's import or export
    assert KeptFigures.objects.count() == 0  # the worker has not run

    console = region_console(region, YEAR)  # the page meanwhile: computed, correct
    assert console.computed == 6
    row = {r.agency.pk: r for r in console.rows}[version.plan.agency_id]
    assert row.figures.filled[3] == 1

    database_tasks()  # renstra worker --batch
    task.refresh_from_db()
    # The request kept 2019; the worker computed the other years with realization.
    assert (task.status, task.return_value) == ("SUCCESSFUL", 6 * 2)


def test_the_worker_first_then_the_request(
    v2, city, keeping, make_user, database_tasks, django_capture_on_commit_callbacks
):
    region = v2.plan.agency.region
    version = city[3]
    with django_capture_on_commit_callbacks(execute=True):
        _entry(version, make_user("perencana_db2", "planner", version), quarter=4)
    database_tasks()
    (task,) = DBTaskResult.objects.filter(task_path=WARM_TASK)
    assert (task.status, task.return_value) == ("SUCCESSFUL", 6 * 3)
    console = region_console(region, YEAR)
    assert console.computed == 0
    assert _figures(console) == _figures(_computed_everything(keeping, region))


def test_a_rolled_back_entry_enqueues_nothing(v2, city, keeping, make_user):
    version = city[0]
    planner = make_user("perencana_rb", "planner", version)
    with pytest.raises(RuntimeError), transaction.atomic():
        _entry(version, planner)
        raise RuntimeError("batal")
    # The next write starts afresh: only its own region and year are noted.
    indicator = Indicator.objects.filter(version=version, activity__isnull=False).last()
    enqueued = []
    with transaction.atomic():
        save_realization(indicator, 2018, 4, "2 orang", user=planner)
        noted = transaction.get_connection()._console_noted
        assert noted.realizations == {(indicator.pk, 2018)}
        enqueued.append(warming.flush(noted))
    assert enqueued == [{version.plan.agency.region_id: [2018]}]


def test_nothing_is_kept_or_enqueued_where_the_install_keeps_nothing(
    v2, city, make_user, database_tasks, django_capture_on_commit_callbacks
):
    region = v2.plan.agency.region
    version = city[0]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _entry(version, make_user("perencana_none", "planner", version))
    assert callbacks == [] and DBTaskResult.objects.count() == 0
    assert region_console(region, YEAR).computed == 6
    assert region_console(region, YEAR).computed == 6
    assert KeptFigures.objects.count() == 0


def test_a_renja_target_changed_has_that_agencys_figures_computed_again(v2, city, keeping):
    """The year is measured against its Renja when there is one (renstra.monitoring.year_plans):
    a draft Renja's target may change any day, and what is kept must follow it."""
    region = v2.plan.agency.region
    version = city[0]
    planner = get_user_model().objects.create_user("perencana-renja", password="rahasia-123")
    warm_console.enqueue(region.pk, [YEAR])
    renja = create_renja(version=version, year=YEAR, user=planner)
    assert region_console(region, YEAR).computed == 1  # the Renja's targets: another key
    indicator, target = next(
        (indicator, target)
        for indicator in Indicator.objects.filter(version=version, activity__isnull=False)
        for target in indicator.targets.filter(year=YEAR)
        if target.value and indicator.realizations.filter(year=YEAR).exists()
    )
    item = RenjaIndicator.objects.get(item__renja=renja, source_indicator_id=indicator.pk)
    update_target(indicator=item, raw=str(target.value * 2), reason="Arahan (uji)")
    console = region_console(region, YEAR)
    assert console.computed == 1
    assert _figures(console) == _figures(_computed_everything(keeping, region))
    row = {r.agency.pk: r for r in console.rows}[version.plan.agency_id]
    assert row.figures.achievements == [
        r.achievement.value for r in evaluate(version, YEAR).indicators
    ]


def test_a_renja_created_or_changed_has_the_region_computed_after_the_commit(
    v2, city, keeping, django_capture_on_commit_callbacks
):
    region = v2.plan.agency.region
    version = city[1]
    planner = get_user_model().objects.create_user("perencana-renja2", password="rahasia-123")
    warm_console.enqueue(region.pk, [YEAR])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        renja = create_renja(version=version, year=YEAR, user=planner)
    assert len(callbacks) == 1
    assert region_console(region, YEAR).computed == 0
    item = RenjaIndicator.objects.filter(item__renja=renja).exclude(target_raw="").first()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        update_target(indicator=item, raw=item.target_raw + "0", reason="Arahan (uji)")
    assert len(callbacks) == 1
    console = region_console(region, YEAR)
    assert console.computed == 0
    assert _figures(console) == _figures(_computed_everything(keeping, region))
