"""Units as a tree and the officials who head them: the tree's rules, periods that do not
overlap, a change of official that keeps the history, who was in office on a day, the unit
above (the Perjanjian Kinerja signs with its head), and the demo's example organisation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from renstra.interchange.demo import load_demo
from renstra.interchange.demo_organization import load_demo_organization
from renstra.plans.choices import PositionLevel, UnitKind
from renstra.plans.models import Agency, Unit
from renstra.plans.officials import Official
from renstra.plans.organization import (
    head_of_agency_on,
    official_on,
    record_official_change,
    save_unit,
    unit_above,
)

D = datetime.date
NIP_A = "19700101 199503 1 001"
NIP_B = "19750505 200003 2 002"


@pytest.fixture
def agency(v2):
    return Agency.objects.create(
        region=v2.plan.agency.region, short_name="DISKOMINFO", name="Dinas Kominfo"
    )


@pytest.fixture
def tree(agency):
    """Kepala; Sekretariat under it with a Subbagian; a Bidang without a unit above."""
    head = save_unit(unit=Unit(agency=agency, name="Kepala Dinas", kind=UnitKind.HEAD))
    secretariat = save_unit(
        unit=Unit(
            agency=agency,
            name="Sekretariat",
            kind=UnitKind.SECRETARIAT,
            parent=head,
            eselon="III.a",
        )
    )
    subdivision = save_unit(
        unit=Unit(
            agency=agency,
            name="Subbagian Umum",
            kind=UnitKind.SUBDIVISION,
            parent=secretariat,
            eselon="IV.a",
        )
    )
    division = save_unit(
        unit=Unit(agency=agency, name="Bidang Statistik", kind=UnitKind.DIVISION, eselon="III.b")
    )
    return {"head": head, "secretariat": secretariat, "sub": subdivision, "division": division}


def _change(unit, name, start, nip=NIP_A, **more):
    return record_official_change(
        unit=unit, name=name, nip=nip, position="Kepala Dinas Kominfo", start_date=start, **more
    )


def _refused(unit: Unit, **changes) -> ValidationError:
    for name, value in changes.items():
        setattr(unit, name, value)
    with pytest.raises(ValidationError) as caught:
        save_unit(unit=unit)
    return caught.value


# --- the tree ----------------------------------------------------------------------------------


def test_the_eselon_gives_the_jabatan_kind(tree):
    assert tree["head"].position_level is None  # no eselon recorded
    assert tree["secretariat"].position_level == PositionLevel.ADMINISTRATOR
    assert tree["sub"].position_level == PositionLevel.SUPERVISOR
    assert Unit(eselon="II.b").position_level.label == "Jabatan Pimpinan Tinggi Pratama"


def test_a_unit_above_from_another_agency_is_refused(tree, v2):
    other = Unit.objects.create(agency=v2.plan.agency, name="Bidang Lain")
    error = _refused(tree["division"], parent=other)
    assert error.message_dict["parent"] == [
        "Unit atasan harus unit kerja Perangkat Daerah yang sama."
    ]
    assert Unit.objects.get(pk=tree["division"].pk).parent_id is None


@pytest.mark.parametrize("above", ["secretariat", "sub"])
def test_a_cycle_is_refused(tree, above):
    """The Sekretariat under itself, or under its own Subbagian."""
    error = _refused(tree["secretariat"], parent=tree[above])
    assert "susunan organisasi menjadi berputar" in error.message_dict["parent"][0]
    assert Unit.objects.get(pk=tree["secretariat"].pk).parent_id == tree["head"].pk


def test_one_kepala_per_agency_at_the_top(tree, agency):
    with pytest.raises(ValidationError) as caught:
        save_unit(unit=Unit(agency=agency, name="Kepala Kedua", kind=UnitKind.HEAD))
    assert "sudah mempunyai unit Kepala" in str(caught.value)
    error = _refused(tree["head"], parent=tree["division"])
    assert "Unit Kepala berada di puncak" in str(error)
    assert Unit.objects.filter(agency=agency, kind=UnitKind.HEAD).count() == 1
    # The database holds the rule too, whatever path writes.
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(agency=agency, name="Kepala Ketiga", kind=UnitKind.HEAD)


def test_the_unit_above(tree):
    assert unit_above(tree["sub"]) == tree["secretariat"]
    assert unit_above(tree["secretariat"]) == tree["head"]
    assert unit_above(tree["division"]) == tree["head"]  # directly under the head
    assert unit_above(tree["head"]) is None


def test_an_agency_is_deleted_with_its_tree_and_officials(tree, agency):
    _change(tree["head"], "Budi", D(2020, 1, 1))
    agency.delete()
    assert not Unit.objects.filter(pk__in=[u.pk for u in tree.values()]).exists()
    assert not Official.objects.filter(unit_id=tree["head"].pk).exists()


# --- officials ---------------------------------------------------------------------------------


def test_a_change_ends_the_previous_period_the_day_before_and_keeps_it(tree):
    head = tree["head"]
    first = _change(head, "Drs. Budi Santoso, M.Si.", D(2018, 1, 2), rank="Pembina (IV/a)")
    second = _change(head, "Siti Aminah, S.E.", D(2019, 7, 1), nip=NIP_B, acting="Plt.")
    first.refresh_from_db()
    assert (first.start_date, first.end_date) == (D(2018, 1, 2), D(2019, 6, 30))
    assert (second.start_date, second.end_date) == (D(2019, 7, 1), None)
    assert first.nip == "197001011995031001"  # stored as its digits
    assert first.printed_nip == NIP_A
    assert second.printed_position == "Plt. Kepala Dinas Kominfo"
    assert [o.name for o in Official.objects.filter(unit=head)] == [
        "Drs. Budi Santoso, M.Si.",
        "Siti Aminah, S.E.",
    ]


def test_official_on_either_side_of_a_change(tree, agency):
    head = tree["head"]
    _change(head, "Budi", D(2018, 1, 2))
    _change(head, "Siti", D(2019, 7, 1), nip=NIP_B)
    assert official_on(head, D(2018, 1, 1)) is None  # before anyone was recorded
    assert official_on(head, D(2018, 1, 2)).name == "Budi"
    assert official_on(head, D(2019, 6, 30)).name == "Budi"
    assert official_on(head, D(2019, 7, 1)).name == "Siti"
    assert official_on(head, D(2030, 1, 1)).name == "Siti"
    assert head_of_agency_on(agency, D(2019, 6, 30)).name == "Budi"
    assert head_of_agency_on(agency, D(2019, 6, 30)).unit == head
    assert official_on(tree["division"], D(2019, 7, 1)) is None


def test_a_change_dated_on_or_before_the_last_start_is_refused_and_changes_nothing(tree):
    head = tree["head"]
    _change(head, "Budi", D(2018, 1, 2))
    _change(head, "Siti", D(2019, 7, 1), nip=NIP_B)
    before = list(Official.objects.filter(unit=head).values_list("name", "start_date", "end_date"))
    for start in (D(2019, 7, 1), D(2019, 1, 1)):
        with pytest.raises(ValidationError) as caught:
            _change(head, "Ani", start)
        assert caught.value.message_dict["start_date"] == [
            "Siti sudah tercatat mulai menjabat pada 1 Juli 2019: pergantian hanya dapat "
            "dicatat sesudah tanggal itu."
        ]
    after = list(Official.objects.filter(unit=head).values_list("name", "start_date", "end_date"))
    assert after == before


def test_overlapping_periods_are_refused(tree):
    head = tree["head"]
    _change(head, "Budi", D(2018, 1, 2))
    _change(head, "Siti", D(2019, 7, 1), nip=NIP_B)
    budi = Official.objects.get(name="Budi")
    budi.end_date = D(2019, 7, 1)  # the day Siti starts
    with pytest.raises(ValidationError) as caught:
        budi.full_clean()
    assert caught.value.messages == [
        "Masa jabatan ini bertumpang tindih dengan masa jabatan Siti (sejak 1 Juli 2019) di unit "
        "yang sama: satu unit dipimpin satu pejabat pada satu waktu."
    ]
    between = Official(
        unit=head,
        name="Ani",
        nip=NIP_A,
        position="Plh.",
        start_date=D(2018, 5, 1),
        end_date=D(2018, 5, 10),
    )
    with pytest.raises(ValidationError, match="bertumpang tindih dengan masa jabatan Budi"):
        between.full_clean()
    backwards = Official(
        unit=tree["division"],
        name="Ani",
        nip=NIP_A,
        position="Kepala Bidang",
        start_date=D(2018, 5, 10),
        end_date=D(2018, 5, 1),
    )
    with pytest.raises(ValidationError, match="Akhir menjabat tidak boleh sebelum"):
        backwards.full_clean()


def test_the_database_holds_one_open_period_per_unit(tree):
    _change(tree["head"], "Budi", D(2018, 1, 2))
    with pytest.raises(IntegrityError), transaction.atomic():
        Official.objects.create(
            unit=tree["head"], name="Siti", nip=NIP_B, position="Kepala", start_date=D(2020, 1, 1)
        )


def test_an_invalid_nip_is_refused(tree):
    with pytest.raises(ValidationError) as caught:
        _change(tree["division"], "Ani", D(2020, 1, 1), nip="19700101 199503 1 00")
    assert caught.value.message_dict["nip"][0].startswith("NIP terdiri atas 18 angka")
    assert not Official.objects.filter(unit=tree["division"]).exists()


# --- the demo ----------------------------------------------------------------------------------


def test_the_demo_has_example_units_with_eselon_and_example_officials(v2):
    agency = v2.plan.agency
    units = Unit.objects.filter(agency=agency)
    assert units.count() == 17
    assert set(units.values_list("is_example", flat=True)) == {True}
    head = units.get(kind=UnitKind.HEAD)
    assert (head.name, head.eselon) == ("Kepala Badan", "II.b")
    division = units.get(name="Bidang Pengembangan Aparatur")
    assert (division.eselon, division.parent) == ("III.b", head)
    assert units.get(name="Subbagian Perencanaan").parent.name == "Sekretariat"
    assert set(
        Official.objects.filter(unit__agency=agency).values_list("is_example", flat=True)
    ) == {True}
    assert head_of_agency_on(agency, D(2018, 12, 31)).name == "Pejabat Contoh A, S.Sos., M.Si."
    acting = head_of_agency_on(agency, D(2019, 1, 2))
    assert acting.printed_position.startswith("Plt. Kepala Badan Kepegawaian")
    assert head_of_agency_on(agency, D(2019, 4, 1)).name == "Pejabat Contoh C, S.E., M.M."
    assert official_on(division, D(2020, 1, 1)).position == "Kepala Bidang Pengembangan Aparatur"


def test_loading_the_demo_again_leaves_the_organisation_as_it_is(v2):
    agency = v2.plan.agency

    def snapshot():
        return (
            sorted(Unit.objects.filter(agency=agency).values_list("pk", "name", "parent_id")),
            sorted(
                Official.objects.filter(unit__agency=agency).values_list(
                    "pk", "name", "start_date", "end_date"
                )
            ),
        )

    before = snapshot()
    load_demo()
    assert load_demo_organization(agency) == 0
    assert snapshot() == before
