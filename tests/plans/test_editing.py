"""Editing the cascade on pages: create, edit, delete with its dependents, reorder; who may."""

import pytest

from renstra.plans.models import Activity, Agency, Goal, Indicator, Program


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
    from django.contrib.auth import get_user_model

    from renstra.accounts.models import Membership

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
