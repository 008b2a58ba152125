"""Editing the cascade on pages: create, edit, delete with its dependents, reorder; who may."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from renstra.accounts.models import Membership
from renstra.plans import services
from renstra.plans.guard import VersionLocked
from renstra.plans.history import ChangePath, change_path
from renstra.plans.models import (
    Activity,
    Agency,
    Goal,
    Indicator,
    Objective,
    PolicyDirection,
    Program,
    Strategy,
)
from tests.growth import grow, queries


@pytest.fixture
def planner(client, draft, make_user):
    user = make_user("perencana-uji", "planner", draft)
    client.force_login(user)
    return user


def test_program_code_is_checked_against_the_scheme(client, draft, planner):
    url = "/versi/{}/butir/program/baru/".format(draft.pk)
    page = client.post(url, {"code": "5.2", "name": "Program baru"}).content.decode()
    assert "Kode &#x27;5.2&#x27; tidak sesuai Permendagri 13/2006" in page
    assert not Program.objects.filter(version=draft, name="Program baru").exists()
    page = client.post(url, {"code": "16", "name": "Program baru"}).content.decode()
    assert "Kode 16 sudah dipakai program lain di versi ini." in page
    client.post(url, {"code": "11", "name": "Program baru"})
    program = Program.objects.get(version=draft, code="11")
    assert program.order == Program.objects.filter(version=draft).count()


def test_activity_code_must_start_with_its_program(client, draft, planner):
    program = Program.objects.get(version=draft, code="16")
    url = "/versi/{}/butir/kegiatan/baru/?induk={}".format(draft.pk, program.pk)
    page = client.post(url, {"code": "17.99", "name": "Diklat baru"}).content.decode()
    assert "Kode kegiatan harus diawali kode programnya: 16.xx" in page
    client.post(url, {"code": "16.99", "name": "Diklat baru"})
    assert Activity.objects.get(program=program, code="16.99").name == "Diklat baru"


def test_edit_and_add_an_indicator(client, draft, planner):
    goal = Goal.objects.get(version=draft)
    client.post(
        "/versi/{}/butir/tujuan/{}/ubah/".format(draft.pk, goal.pk),
        {"number": "1", "name": "Meningkatnya profesionalitas ASN daerah"},
    )
    goal.refresh_from_db()
    assert (goal.number, goal.name) == ("1", "Meningkatnya profesionalitas ASN daerah")
    client.post(
        "/versi/{}/butir/indikator/baru/?pemilik=tujuan&induk={}".format(draft.pk, goal.pk),
        {
            "name": "Indeks sistem merit",
            "kind": "impact",
            "polarity": "higher_is_better",
            "value_type": "index",
        },
    )
    assert list(goal.indicators.values_list("name", flat=True)) == ["Indeks sistem merit"]


def test_delete_lists_what_depends_on_the_item(client, draft, planner):
    program = Program.objects.get(version=draft, code="48")
    url = "/versi/{}/butir/program/{}/hapus/".format(draft.pk, program.pk)
    page = client.get(url).content.decode()
    assert "48.02 Pendidikan dan pelatihan struktural bagi PNS daerah" in page
    assert "Persentase kelulusan peserta diklat" in page  # its indicator
    assert Program.objects.filter(pk=program.pk).exists()
    client.post(url)
    assert not Program.objects.filter(pk=program.pk).exists()
    assert not Activity.objects.filter(program_id=program.pk).exists()


def test_reorder(client, draft, planner):
    def codes():
        return list(
            Program.objects.filter(version=draft).order_by("order").values_list("code", flat=True)
        )

    assert codes()[:2] == ["05", "16"]
    second = Program.objects.get(version=draft, code="16")
    client.post("/versi/{}/butir/program/{}/geser/".format(draft.pk, second.pk), {"arah": "naik"})
    assert codes()[:2] == ["16", "05"]


def test_who_may_edit(client, v2, draft, make_user):
    program = Program.objects.get(version=draft, code="16")
    edit = "/versi/{}/butir/program/{}/ubah/".format(draft.pk, program.pk)
    client.force_login(make_user("auditor-uji", "auditor"))
    assert client.get(edit).status_code == 403  # sees everything, changes nothing
    other = Agency.objects.create(
        region=draft.plan.agency.region, short_name="DISKOMINFO", name="Dinas Kominfo"
    )
    outsider = get_user_model().objects.create_user("perencana-lain", password="rahasia-123")
    Membership.objects.create(user=outsider, role="planner", agency=other)
    client.force_login(outsider)
    assert client.get(edit).status_code == 404  # another agency's draft does not exist for them
    client.force_login(make_user("perencana-uji", "planner", draft))
    assert client.get(edit).status_code == 200
    approved = Program.objects.get(version=v2, code="16")
    assert (
        client.get("/versi/{}/butir/program/{}/ubah/".format(v2.pk, approved.pk)).status_code == 403
    )
    assert (
        client.get("/versi/{}/butir/program/{}/ubah/".format(draft.pk, approved.pk)).status_code
        == 404
    )


def test_performance_tree(client, v1, v2):
    page = client.get("/versi/{}/pohon/".format(v2.pk)).content.decode()
    goal = page.index("Meningkatnya profesionalitas ASN")
    assert (
        goal
        < page.index("Indeks profesionalitas ASN")
        < page.index("Program 16")
        < page.index("Kegiatan 16.58")
    )
    assert "Jumlah PNS yang mengikuti program tugas belajar" in page
    old = client.get("/versi/{}/pohon/".format(v1.pk)).content.decode()
    assert "Program tanpa sasaran" in old and "PROGRAM PENINGKATAN DISIPLIN APARATUR" in old
    assert Indicator.objects.filter(version=v2).count() == 93


def test_a_page_edit_is_recorded_as_made_on_a_page_by_the_planner(client, draft, planner):
    program = Program.objects.get(version=draft, code="16")
    client.post(
        "/versi/{}/butir/program/{}/ubah/".format(draft.pk, program.pk),
        {"code": "16", "name": "Program diklat (ubah)"},
    )
    record = program.history.order_by("-history_id").first()
    assert (record.name, record.change_path, record.history_user) == (
        "Program diklat (ubah)",
        "halaman",
        planner,
    )


def test_an_indicator_added_on_a_page_parses_its_baseline_and_end_target(client, draft, planner):
    activity = Activity.objects.get(program__version=draft, code="16.58")
    client.post(
        "/versi/{}/butir/indikator/baru/?pemilik=kegiatan&induk={}".format(draft.pk, activity.pk),
        {
            "name": "Jumlah lulusan",
            "kind": "output",
            "polarity": "higher_is_better",
            "value_type": "number",
            "baseline_raw": "12 orang",
            "end_target_raw": "",
        },
    )
    indicator = activity.indicators.get(name="Jumlah lulusan")
    assert (indicator.baseline_value, indicator.end_target_value) == (Decimal(12), None)
    assert indicator.order == activity.indicators.count()
    assert indicator.version == draft


# --- the services the pages call, as API, CLI and imports call them ----------------------------


def test_services_create_edit_move_and_delete_through_the_callers_path(draft, planner):
    goal = Goal.objects.get(version=draft)
    objective = goal.objectives.first()
    with change_path(ChangePath.CLI):
        program = services.create_item(
            version=draft,
            kind="program",
            parent=draft,
            data={"code": "11", "name": "Program baru", "objectives": [objective]},
            user=planner,
        )
        strategy = services.create_item(
            version=draft, kind="strategi", parent=objective, data={"name": "Strategi baru"}
        )
        services.update_item(
            version=draft, kind="program", item=program, data={"name": "Program baru (ubah)"}
        )
    program.refresh_from_db()
    assert program.order == Program.objects.filter(version=draft).count()
    assert list(program.objectives.all()) == [objective]
    assert strategy.order == objective.strategies.count()
    created, changed = program.history.order_by("history_id")
    assert (created.change_path, created.history_user, created.name) == (
        "cli",
        planner,
        "Program baru",
    )
    assert (changed.change_path, changed.name) == ("cli", "Program baru (ubah)")

    first, second = Program.objects.filter(version=draft).order_by("order", "pk")[:2]
    assert services.move_item(version=draft, kind="program", item=second, up=True)
    assert not services.move_item(version=draft, kind="program", item=second, up=True)
    assert list(Program.objects.filter(version=draft).order_by("order")[:2]) == [second, first]

    services.delete_item(version=draft, kind="program", item=program)
    assert not Program.objects.filter(pk=program.pk).exists()


def test_services_refuse_a_locked_version_and_a_parent_of_another_version(draft, v2):
    approved_goal = Goal.objects.get(version=v2)
    with pytest.raises(VersionLocked):
        services.create_item(version=v2, kind="tujuan", parent=v2, data={"name": "Tujuan baru"})
    with pytest.raises(VersionLocked):
        services.update_item(version=v2, kind="tujuan", item=approved_goal, data={"name": "x"})
    with pytest.raises(VersionLocked):
        services.delete_item(version=v2, kind="tujuan", item=approved_goal)
    with pytest.raises(ValueError):
        services.create_item(
            version=draft, kind="sasaran", parent=approved_goal, data={"name": "Sasaran baru"}
        )
    with pytest.raises(ValueError):
        services.create_item(version=draft, kind="sasaran", parent=draft, data={"name": "x"})
    with pytest.raises(ValueError):
        services.update_item(version=draft, kind="tujuan", item=approved_goal, data={"name": "x"})
    assert Goal.objects.get(pk=approved_goal.pk).name != "x"


# --- query counts of the edit pages ------------------------------------------------------------

# (edit page, delete page) per kind, pinned so that a new query is a decision: session, user and
# profile (3), the version with its missions (2), the user's memberships (1), the item (1) and the
# parents its version is read through (0-3); then a program's form reads its choices of sasaran
# and units and the sasaran it supports (3), and the delete page collects what depends on the
# item, one query per kind of dependent.
EDIT_QUERIES = {
    "tujuan": (7, 16),
    "sasaran": (9, 15),  # and the RPJMD in force, whose sasaran the form offers
    "strategi": (9, 10),
    "arah_kebijakan": (10, 10),
    "program": (10, 21),
    "kegiatan": (8, 15),
    "indikator": (7, 10),
}


def _first_items(version) -> dict:
    return {
        "tujuan": Goal.objects.filter(version=version).first(),
        "sasaran": Objective.objects.filter(goal__version=version).first(),
        "strategi": Strategy.objects.filter(objective__goal__version=version).first(),
        "arah_kebijakan": PolicyDirection.objects.filter(
            strategy__objective__goal__version=version
        ).first(),
        "program": Program.objects.get(version=version, code="16"),
        "kegiatan": Activity.objects.filter(program__version=version).first(),
        "indikator": Indicator.objects.filter(version=version, activity__isnull=False).first(),
    }


def _edit_page_queries(client, version, items) -> dict:
    counts = {}
    for kind, item in items.items():
        urls = [
            "/versi/{}/butir/{}/{}/{}/".format(version.pk, kind, item.pk, action)
            for action in ("ubah", "hapus")
        ]
        counts[kind] = tuple(queries(client.get, url) for url in urls)
    return counts


def test_edit_pages_query_count_does_not_grow_with_the_plan(client, draft, planner):
    items = _first_items(draft)
    before = _edit_page_queries(client, draft, items)
    grow(draft, programs=4, goals=2)
    assert _edit_page_queries(client, draft, items) == before == EDIT_QUERIES


def test_create_pages_query_count_does_not_grow_with_the_plan(client, draft, planner):
    items = _first_items(draft)
    parents = {"sasaran": "tujuan", "strategi": "sasaran", "arah_kebijakan": "strategi"}
    parents.update(kegiatan="program")
    urls = ["/versi/{}/butir/{}/baru/".format(draft.pk, kind) for kind in ("tujuan", "program")]
    urls += [
        "/versi/{}/butir/{}/baru/?induk={}".format(draft.pk, kind, items[parent].pk)
        for kind, parent in parents.items()
    ]
    urls += [
        "/versi/{}/butir/indikator/baru/?pemilik={}&induk={}".format(
            draft.pk, owner, items[owner].pk
        )
        for owner in ("tujuan", "sasaran", "program", "kegiatan")
    ]
    before = [queries(client.get, url) for url in urls]
    grow(draft, programs=4, goals=2)
    assert [queries(client.get, url) for url in urls] == before
    assert max(before) <= 10


def test_delete_page_query_count_does_not_grow_with_the_dependents(client, draft, planner):
    """What depends on a program is collected one query per kind of dependent, not per item."""
    grow(draft, programs=1)
    program = Program.objects.get(version=draft, code="90")
    url = "/versi/{}/butir/program/{}/hapus/".format(draft.pk, program.pk)
    before = queries(client.get, url)
    for n in range(3):
        activity = Activity.objects.create(program=program, code="90.1{}".format(n), name="Baru")
        Indicator.objects.create(version=draft, activity=activity, name="Jumlah", kind="output")
    assert queries(client.get, url) == before
