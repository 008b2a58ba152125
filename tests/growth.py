"""Make a plan version bigger, for tests that pin a query count independent of plan size.

    grow(version, programs=4, goals=2)

adds, on every level, items with indicators, targets and funding: goals with sasaran (linked
to the new programs), strategies and policy directions; programs with kegiatan and sub kegiatan.
A version that is not a draft is opened for the writes and put back in its state afterwards
(through SQL, like a fixture would, not through the lifecycle)."""

from contextlib import contextmanager
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from renstra.plans import frozen
from renstra.plans.models import (
    Activity,
    Funding,
    Goal,
    Indicator,
    Objective,
    PolicyDirection,
    Program,
    Strategy,
    SubActivity,
    Target,
)


def queries(function, *args, **kwargs) -> int:
    """How many SQL queries one call of `function` makes."""
    with CaptureQueriesContext(connection) as captured:
        function(*args, **kwargs)
    return len(captured.captured_queries)


@contextmanager
def unfrozen():
    """Take the database's wall around locked versions down for the block (tests that build a
    bigger approved plan); it stands again after. DDL is transactional on SQLite and
    PostgreSQL, so a failing block rolls back with the test."""
    frozen.uninstall(connection)
    try:
        yield
    finally:
        frozen.install(connection)


def _set_status(version, status: str) -> None:
    with unfrozen(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE plans_planversion SET status = %s WHERE id = %s", [status, version.pk]
        )
    version.refresh_from_db()


def _indicator(version, year, **owner):
    indicator = Indicator.objects.create(
        version=version, name="Jumlah uji", kind="output", unit="dokumen", **owner
    )
    Target.objects.create(
        indicator=indicator, year=year, raw_text="4 dokumen", kind="number", value=4, unit="dokumen"
    )
    return indicator


def grow(version, programs: int = 4, goals: int = 1) -> list[Indicator]:
    """Add `goals` goals and `programs` programs (each with three kegiatan and a sub kegiatan
    per kegiatan) to `version`; returns the new kegiatan indicators."""
    status = version.status
    if status not in ("draft", "returned"):
        _set_status(version, "draft")
    year = version.plan.target_years[1]
    objectives = []
    for g in range(goals):
        goal = Goal.objects.create(version=version, number="9{}".format(g), name="Tujuan uji")
        _indicator(version, year, goal=goal)
        objective = Objective.objects.create(
            goal=goal, number="9{}.1".format(g), name="Sasaran uji"
        )
        _indicator(version, year, objective=objective)
        strategy = Strategy.objects.create(objective=objective, name="Strategi uji")
        PolicyDirection.objects.create(strategy=strategy, name="Arah kebijakan uji")
        objectives.append(objective)
    made = []
    for p in range(programs):
        program = Program.objects.create(
            version=version, code="9{}".format(p), name="Program uji {}".format(p), order=900 + p
        )
        program.objectives.set(objectives)
        Funding.objects.create(program=program, year=year, raw_text="1.500", amount=Decimal(1500))
        _indicator(version, year, program=program)
        for a in range(3):
            activity = Activity.objects.create(
                program=program, code="9{}.0{}".format(p, a), name="Kegiatan uji", order=a
            )
            Funding.objects.create(activity=activity, year=year, raw_text="500", amount=500)
            made.append(_indicator(version, year, activity=activity))
            sub = SubActivity.objects.create(activity=activity, name="Sub kegiatan uji")
            Funding.objects.create(sub_activity=sub, year=year, raw_text="500", amount=500)
            _indicator(version, year, sub_activity=sub)
    if status != version.status:
        _set_status(version, status)
    return made
