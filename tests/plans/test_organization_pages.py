"""The organisation page of an agency and its forms, per role: the agency's planners and the
administrators change units and record a change of official; everyone else who may read the
agency's plans sees the tree read-only; the public sees it (without NIP) once the agency has a
public approved plan, else not at all (404)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renstra.accounts.models import Membership
from renstra.plans.choices import UnitKind
from renstra.plans.models import Agency, Program, Unit
from renstra.plans.officials import Official
from renstra.plans.organization import record_official_change, save_unit

D = datetime.date


def _url(agency, rest=""):
    return "/perangkat-daerah/{}/organisasi/{}".format(agency.pk, rest)


@pytest.fixture
def demo_agency(v2):
    return v2.plan.agency


@pytest.fixture
def people(make_user, v2, django_user_model):
    made = {
        role: make_user(role, role, v2)
        for role in ("planner", "head", "verifier", "auditor", "admin")
    }
    other = Agency.objects.create(region=v2.plan.agency.region, short_name="DLH", name="DLH")
    made["other_planner"] = django_user_model.objects.create_user("lain")
    Membership.objects.create(user=made["other_planner"], role="planner", agency=other)
    return made


def _page(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_the_demo_tree_with_eselon_officials_and_the_example_notice(client, demo_agency, people):
    page = _page(client, people["head"], _url(demo_agency)).content.decode()
    assert "DATA CONTOH" in page
    for text in (
        "Kepala Badan",
        "eselon II.b",
        "Jabatan Pimpinan Tinggi Pratama",
        "Bidang Pengembangan Aparatur",
        "eselon III.b",
        "Jabatan Administrator",
        "Subbidang Pendidikan dan Pelatihan",
        "Jabatan Pengawas",
        "Pejabat Contoh C, S.E., M.M.",  # the Kepala today
        "NIP. 19710620 199503 1 001",
        "Pejabat Contoh D, S.Kom.",
        "riwayat pejabat (3)",
        "Plt. Kepala Badan Kepegawaian",  # in the Kepala's history
    ):
        assert text in page, text
    # Units nest: the Subbagian inside the Sekretariat's list, inside the Kepala's.
    head = page.index("<strong>Kepala Badan</strong>")
    secretariat = page.index("<strong>Sekretariat</strong>")
    assert head < secretariat < page.index("<strong>Subbagian Keuangan</strong>")
    assert "ganti pejabat" not in page and "+ unit kerja" not in page  # the head reads only


@pytest.mark.parametrize("role", ["planner", "admin"])
def test_planners_of_the_agency_and_admins_see_the_edit_links(client, demo_agency, people, role):
    page = _page(client, people[role], _url(demo_agency)).content.decode()
    assert "ganti pejabat" in page and "+ unit kerja" in page


@pytest.mark.parametrize("role", ["head", "verifier", "auditor", "other_planner", None])
def test_everyone_else_reads_without_edit_links(client, demo_agency, people, role):
    response = _page(client, people.get(role), _url(demo_agency))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Pejabat Contoh C, S.E., M.M." in page
    assert "ganti pejabat" not in page
    # A NIP (it holds a date of birth) only for who may read the agency's plans signed in.
    assert ("NIP. 19710620 199503 1 001" in page) == (role in ("head", "verifier", "auditor"))


def test_the_public_does_not_see_an_agency_without_a_public_plan(client, demo_agency, people):
    agency = Agency.objects.create(region=demo_agency.region, short_name="DISPAR", name="Dispar")
    save_unit(unit=Unit(agency=agency, name="Kepala Dinas", kind=UnitKind.HEAD))
    assert _page(client, None, _url(agency)).status_code == 404
    assert _page(client, people["other_planner"], _url(agency)).status_code == 404
    assert _page(client, people["verifier"], _url(agency)).status_code == 200  # its region
    assert _page(client, None, "/perangkat-daerah/99999/organisasi/").status_code == 404


def test_a_planner_adds_and_moves_a_unit(client, demo_agency, people):
    client.force_login(people["planner"])
    division = Unit.objects.get(agency=demo_agency, name="Bidang Mutasi dan Promosi")
    response = client.post(
        _url(demo_agency, "unit/baru/"),
        {"name": "Seksi Uji", "kind": "seksi", "eselon": "IV.a", "parent": division.pk, "order": 3},
    )
    assert response.status_code == 302 and response["Location"] == _url(demo_agency)
    unit = Unit.objects.get(agency=demo_agency, name="Seksi Uji")
    assert (unit.kind, unit.eselon, unit.parent, unit.is_example) == (
        "seksi",
        "IV.a",
        division,
        False,
    )
    # Under its own unit: refused with the reason by the field, nothing changed.
    refused = client.post(
        _url(demo_agency, "unit/{}/ubah/".format(division.pk)),
        {"name": division.name, "kind": "bidang", "eselon": "III.b", "parent": unit.pk, "order": 1},
    )
    assert refused.status_code == 200
    assert "Masukkan pilihan yang valid" in refused.content.decode()  # not even offered
    division.refresh_from_db()
    assert division.parent.kind == UnitKind.HEAD


def test_a_second_kepala_is_refused_on_the_page(client, demo_agency, people):
    client.force_login(people["planner"])
    count = Unit.objects.count()
    refused = client.post(
        _url(demo_agency, "unit/baru/"), {"name": "Kepala Kedua", "kind": "kepala", "order": 0}
    )
    assert refused.status_code == 200
    assert "sudah mempunyai unit Kepala" in refused.content.decode()
    assert Unit.objects.count() == count


def test_the_head_may_not_change_the_organisation(client, demo_agency, people):
    client.force_login(people["head"])
    count = Unit.objects.count()
    response = client.post(_url(demo_agency, "unit/baru/"), {"name": "X", "kind": "seksi"})
    assert response.status_code == 403
    assert Unit.objects.count() == count


def test_a_planner_records_a_change_of_official(client, demo_agency, people):
    client.force_login(people["planner"])
    unit = Unit.objects.get(agency=demo_agency, name="Bidang Pengembangan Aparatur")
    url = _url(demo_agency, "unit/{}/pejabat/".format(unit.pk))
    form = client.get(url).content.decode()
    assert 'value="Kepala Bidang Pengembangan Aparatur"' in form  # the holder's position
    assert "Pejabat Contoh D, S.Kom." in form  # the history under the form
    data = {
        "name": "Dra. Rina Wati, M.Pd.",
        "nip": "19800202 200501 2 003",
        "rank": "Pembina (IV/a)",
        "position": "Kepala Bidang Pengembangan Aparatur",
        "acting": "",
        "start_date": "2021-03-01",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    officials = list(
        Official.objects.filter(unit=unit).values_list("name", "end_date", "is_example")
    )
    assert officials == [
        ("Pejabat Contoh D, S.Kom.", D(2021, 2, 28), True),
        ("Dra. Rina Wati, M.Pd.", None, False),
    ]
    # Again from a day before the last start: refused by the field, nothing changed.
    data.update(name="Orang Lain", start_date="2021-02-01")
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "sudah tercatat mulai menjabat pada 1 Maret 2021" in refused.content.decode()
    assert Official.objects.filter(unit=unit).count() == 2


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_query_count_does_not_grow_with_the_organisation(
    client, demo_agency, people, draft
):
    """Pinned, so that a new query is a decision: session, user and profile (3), the agency,
    the user's memberships, the agency's versions (3), then units, officials, programs,
    kegiatan and the agency's assignments in one query each (5)."""
    client.force_login(people["planner"])
    url = _url(demo_agency)
    small = _queries(client, url)
    division = Unit.objects.get(agency=demo_agency, name="Bidang Mutasi dan Promosi")
    for n in range(10):
        unit = save_unit(unit=Unit(agency=demo_agency, name="Seksi {}".format(n), parent=division))
        record_official_change(
            unit=unit,
            name="Pejabat {}".format(n),
            nip="19800202 200501 2 003",
            position="Kepala Seksi {}".format(n),
            start_date=D(2020, 1, 1),
        )
    programs = Program.objects.filter(version=draft)
    programs.update(unit=division)
    large = _queries(client, url)
    assert small == large == 11
    page = client.get(url).content.decode()
    # The latest version the planner may read is the draft: its programs show under the unit
    # the draft names (the version's own unit goes before the agency's assignment).
    program = programs.order_by("order").first()
    division_part = slice(page.index("Bidang Mutasi dan Promosi"), page.index("Subbidang Mutasi"))
    assert program.name in page[division_part]
    # The public sees the approved public version's: there the demo's (example) assignment
    # puts the program under Bidang Pengembangan Aparatur.
    client.logout()
    page = client.get(url).content.decode()
    division_part = slice(page.index("Bidang Mutasi dan Promosi"), page.index("Subbidang Mutasi"))
    assert program.name not in page[division_part]
    assert program.name in page[page.index("Bidang Pengembangan Aparatur") :]


def test_the_version_page_links_to_the_organisation(client, v2, demo_agency):
    page = client.get("/versi/{}/".format(v2.pk)).content.decode()
    assert 'href="{}">Susunan organisasi</a>'.format(_url(demo_agency)) in page


def test_the_admin_lists_units_and_officials(admin_client, demo_agency):
    head = Unit.objects.get(agency=demo_agency, kind=UnitKind.HEAD)
    page = admin_client.get("/admin/plans/unit/{}/change/".format(head.pk)).content.decode()
    assert "Pejabat Contoh B, S.H., M.H." in page  # the officials inline, history and all
    listing = admin_client.get("/admin/plans/official/?q=Contoh").content.decode()
    assert "Pejabat Contoh D, S.Kom." in listing
