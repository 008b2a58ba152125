"""Frozen means frozen in the database: loaddata, raw SQL and the admin all fail to change an
approved version or approved realization, on SQLite and PostgreSQL alike; drafts stay open and
the lifecycle's own moves still pass."""

import json

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from renstra.accounts.models import Membership
from renstra.monitoring.models import Realization
from renstra.monitoring.sample import load_sample_realization
from renstra.plans import frozen
from renstra.plans.models import Goal, Indicator, PlanVersion, Target


def _sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, list(params))
        return cursor.rowcount


def _refused(statement, params=()):
    with pytest.raises(IntegrityError, match="terkunci|disetujui"), transaction.atomic():
        _sql(statement, params)


@pytest.fixture
def target(v2):
    return Target.objects.filter(indicator__version=v2).order_by("pk").first()


def test_every_trigger_is_installed(db):
    # Update and delete on 12 tables below a version, the version, and 2 realization tables.
    assert len(frozen.installed(connection)) == 2 * (len(frozen.CHILDREN) + 1 + 2)


def test_raw_sql_cannot_change_or_delete_anything_of_an_approved_version(v2, target):
    _refused("UPDATE plans_target SET raw_text = 'RAW 999' WHERE id = %s", [target.pk])
    _refused("DELETE FROM plans_target WHERE id = %s", [target.pk])
    goal = Goal.objects.filter(version=v2).first()
    _refused("UPDATE plans_goal SET name = 'x' WHERE id = %s", [goal.pk])
    _refused(
        "UPDATE plans_funding SET amount = 1 WHERE activity_id IN "
        "(SELECT a.id FROM plans_activity a JOIN plans_program p ON p.id = a.program_id "
        "WHERE p.version_id = %s)",
        [v2.pk],
    )
    _refused(
        "DELETE FROM plans_program_objectives WHERE program_id IN "
        "(SELECT id FROM plans_program WHERE version_id = %s)",
        [v2.pk],
    )
    # The version itself: no field changes, no way back to draft, no delete.
    _refused("UPDATE plans_planversion SET label = 'x' WHERE id = %s", [v2.pk])
    _refused("UPDATE plans_planversion SET status = 'draft' WHERE id = %s", [v2.pk])
    _refused("DELETE FROM plans_planversion WHERE id = %s", [v2.pk])
    target.refresh_from_db()
    assert target.raw_text != "RAW 999"


def test_moving_an_item_into_a_locked_version_is_refused(v2, draft):
    goal = Goal.objects.filter(version=draft).first()
    _refused("UPDATE plans_goal SET version_id = %s WHERE id = %s", [v2.pk, goal.pk])


def test_drafts_stay_open_and_the_lifecycle_moves_pass(v2, draft):
    goal = Goal.objects.filter(version=draft).first()
    assert _sql("UPDATE plans_goal SET name = 'diubah' WHERE id = %s", [goal.pk]) == 1
    assert _sql("UPDATE plans_planversion SET label = 'draf uji' WHERE id = %s", [draft.pk]) == 1
    # approved -> superseded is the lifecycle's own move (a newer version was approved)
    with transaction.atomic():
        assert (
            _sql("UPDATE plans_planversion SET status = 'superseded' WHERE id = %s", [v2.pk]) == 1
        )
        transaction.set_rollback(True)


def test_loaddata_cannot_change_an_approved_version(v2, target, tmp_path):
    fixture = tmp_path / "ubah.json"
    fields = {
        "indicator": target.indicator_id,
        "year": target.year,
        "raw_text": "LOADDATA 999",
        "kind": target.kind,
        "value": "999",
        "unit": target.unit,
        "grade": target.grade,
        "components": target.components,
        "inferred_note": target.inferred_note,
    }
    fixture.write_text(json.dumps([{"model": "plans.target", "pk": target.pk, "fields": fields}]))
    with pytest.raises(IntegrityError, match="terkunci"), transaction.atomic():
        call_command("loaddata", str(fixture), verbosity=0)
    target.refresh_from_db()
    assert target.raw_text != "LOADDATA 999"


def test_the_admin_cannot_change_an_approved_version(client, v2, target, make_user):
    admin = make_user("admin-uji", "admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    assert Membership.objects.filter(user=admin).exists()
    client.force_login(admin)
    page = client.get("/admin/plans/target/{}/change/".format(target.pk))
    assert page.status_code == 200
    response = client.post(
        "/admin/plans/target/{}/change/".format(target.pk),
        {
            "indicator": target.indicator_id,
            "year": target.year,
            "raw_text": "ADMIN 999",
            "kind": target.kind,
            "value": "999",
            "unit": target.unit,
            "grade": target.grade,
            "components": json.dumps(target.components),
            "inferred_note": target.inferred_note,
        },
    )
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.raw_text != "ADMIN 999"
    indicator = Indicator.objects.get(pk=target.indicator_id)
    response = client.post(
        "/admin/plans/indicator/{}/delete/".format(indicator.pk), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_approved_realization_is_frozen_in_the_database(sample_realization):
    approved = Realization.objects.filter(status="approved").order_by("pk").first()
    _refused("UPDATE monitoring_realization SET raw_text = '0' WHERE id = %s", [approved.pk])
    _refused("DELETE FROM monitoring_realization WHERE id = %s", [approved.pk])
    approved.refresh_from_db()
    assert approved.raw_text != "0"


@pytest.fixture
def sample_realization(v2):
    load_sample_realization(v2)
    assert PlanVersion.objects.get(pk=v2.pk).status == "approved"
