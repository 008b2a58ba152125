"""Who holds each program and kegiatan: the agency's assignments, kept beside its (frozen)
versions and matched by code (and name) in every version; the demo's example assignment of
BKPSDM's reviewed version; the planners' form on the organisation page."""

import re

import pytest
from django.core.exceptions import ValidationError

from renstra.interchange.demo_organization import load_demo_assignments
from renstra.plans.assignments import UnitAssignment, assignments_for, save_assignments
from renstra.plans.models import Activity, Program, Unit
from renstra.plans.readmodel import read_version
from renstra.plans.services import update_item

LEVELS = ("program", "kegiatan", "sub_kegiatan")


def _found(version):
    read = read_version(version)
    agency = version.plan.agency
    units = {unit.pk: unit for unit in Unit.objects.filter(agency=agency)}
    return read, assignments_for(agency, units, {level: read.items(level) for level in LEVELS})


def _holder(version, level, code, name=None):
    read, found = _found(version)
    (item,) = [i for i in read.items(level) if i.code == code and (name is None or i.name == name)]
    holder = found.responsible(level, item)
    return holder.unit.name if holder else None


def test_the_demo_assigns_every_program_and_kegiatan_of_version_2_as_example(v2):
    read, found = _found(v2)
    for level, eselon in (("program", "III"), ("kegiatan", "IV")):
        for item in read.items(level):
            holder = found.responsible(level, item)
            assert holder is not None and holder.source == "penugasan", item
            assert holder.unit.eselon.startswith(eselon + "."), item
    records = UnitAssignment.objects.filter(agency=v2.plan.agency)
    assert records.count() == 79 and not records.filter(is_example=False).exists()
    assert _holder(v2, "kegiatan", "06.10") == "Subbagian Perencanaan"
    assert _holder(v2, "kegiatan", "06.04") == "Subbagian Keuangan"
    assert _holder(v2, "program", "17") == "Bidang Mutasi dan Promosi"
    # Loading the demo again changes nothing.
    stamps = list(records.order_by("pk").values_list("pk", "unit_id", "updated_at"))
    assert load_demo_assignments(v2.plan) == 0
    assert list(records.order_by("pk").values_list("pk", "unit_id", "updated_at")) == stamps


def test_version_1_gets_the_units_of_the_items_it_shares_by_name(v1):
    # Version 1 has no codes: a kegiatan named as in version 2 (case aside) matches by name.
    assert _holder(v1, "kegiatan", "", "Pendidikan dan Pelatihan Formal") == (
        "Subbidang Pendidikan dan Pelatihan"
    )
    assert _holder(v1, "kegiatan", "", "Kajian Akademik tentang Kesejahteraan Pegawai") is None


def test_a_review_keeps_the_units_by_code_even_when_it_renames(draft):
    activity = Activity.objects.get(program__version=draft, code="16.58")
    update_item(version=draft, kind="kegiatan", item=activity, data={"name": "Tugas belajar ASN"})
    assert _holder(draft, "kegiatan", "16.58") == "Subbidang Pengembangan Kompetensi"
    # A code two kegiatan share is told apart by name: renamed, one of them has no unit.
    twin = Activity.objects.get(program__version=draft, name="Seleksi Penerimaan Calon ASN")
    update_item(version=draft, kind="kegiatan", item=twin, data={"name": "Seleksi CASN"})
    assert _holder(draft, "kegiatan", "17.85", "Seleksi CASN") is None
    assert _holder(draft, "kegiatan", "17.85", "Monitoring dan evaluasi penilaian kinerja ASN") == (
        "Subbidang Penilaian Kinerja"
    )


def test_a_version_that_names_its_unit_goes_before_the_assignment(draft):
    program = Program.objects.get(version=draft, code="16")
    secretariat = Unit.objects.get(agency=draft.plan.agency, name="Sekretariat")
    update_item(version=draft, kind="program", item=program, data={"unit": secretariat})
    read, found = _found(draft)
    (item,) = [p for p in read.programs if p.code == "16"]
    holder = found.responsible("program", item)
    assert (holder.unit.name, holder.source) == ("Sekretariat", "versi")


def test_a_unit_holds_only_the_levels_its_eselon_may(v2):
    read, _assigned = _found(v2)
    agency = v2.plan.agency
    program = next(p for p in read.programs if p.code == "16")
    subfield = Unit.objects.get(agency=agency, name="Subbidang Mutasi")
    before = list(UnitAssignment.objects.values_list("pk", "unit_id"))
    with pytest.raises(ValidationError, match="program dipegang unit eselon III"):
        save_assignments(
            agency=agency,
            items_by_level={level: read.items(level) for level in LEVELS},
            chosen=[("program", program, subfield)],
        )
    assert list(UnitAssignment.objects.values_list("pk", "unit_id")) == before


@pytest.fixture
def planner(client, v2, make_user):
    user = make_user("perencana-uji", "planner", v2)
    client.force_login(user)
    return user


def test_planners_assign_on_the_organisation_page(client, v2, planner):
    agency = v2.plan.agency
    organisation = client.get("/perangkat-daerah/{}/organisasi/".format(agency.pk)).content.decode()
    assert "Penugasan program dan kegiatan" in organisation
    url = "/perangkat-daerah/{}/organisasi/penugasan/?versi={}".format(agency.pk, v2.pk)
    assert url in organisation
    page = client.get(url).content.decode()
    activity = Activity.objects.get(program__version=v2, code="17.44")
    field = "kegiatan-{}".format(activity.pk)
    assert 'name="{}"'.format(field) in page
    # The form posts every row as shown; one changed: only that one is saved.
    form = page.split("<form", 1)[1]
    data = dict(re.findall(r'name="(\w+-\d+)".*?<option value="(\d*)" selected', form, re.S))
    assert len(data) == 79
    mutation = Unit.objects.get(agency=agency, name="Subbidang Mutasi")
    data[field] = str(mutation.pk)
    data["csrfmiddlewaretoken"] = "x"
    response = client.post(url, data)
    assert response.status_code == 302
    assert _holder(v2, "kegiatan", "17.44") == "Subbidang Mutasi"
    record = UnitAssignment.objects.get(agency=agency, code="17.44")
    assert record.updated_by == planner and not record.is_example
    assert UnitAssignment.objects.filter(agency=agency, is_example=True).count() == 78
    # The tree shows the change.
    tree = client.get("/versi/{}/pohon/".format(v2.pk)).content.decode()
    assert "Subbidang Mutasi · eselon IV.a" in tree


def test_a_head_reads_but_does_not_assign(client, v2, make_user):
    client.force_login(make_user("kepala-uji", "head", v2))
    agency = v2.plan.agency
    assert (
        client.get("/perangkat-daerah/{}/organisasi/penugasan/".format(agency.pk)).status_code
        == 403
    )
