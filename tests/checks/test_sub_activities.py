"""Sub kegiatan (Permendagri 90/2019) in the checker: their indicators and codes are checked like
those of a kegiatan, through the levels every rule reads (renstra.plans.levels)."""

from renstra.checks.engine import run_checks
from tests.checks.builders import YEARS, add_sub_activity, pmdn90_version


def test_a_sound_sub_kegiatan_adds_no_finding(db):
    version = pmdn90_version()
    add_sub_activity(version)
    assert [f.message for f in run_checks(version)] == []


def test_a_sub_kegiatan_indicator_without_targets_is_found(db):
    version = pmdn90_version()
    sub = add_sub_activity(version, targets=())
    [finding] = run_checks(version)
    assert finding.rule == "indicator_without_targets"
    assert finding.message == (
        "Indikator 'Jumlah modul diklat' (sub kegiatan 5.01.01.2.01.0001 Penyusunan modul "
        "diklat) tidak punya target tahunan 2017–2021."
    )
    location = finding.location
    assert (location.table, location.kind, location.item_id) == ("6.2", "sub_kegiatan", sub.pk)


def test_a_sub_kegiatan_indicator_without_baseline_is_found(db):
    version = pmdn90_version()
    add_sub_activity(version, baseline="")
    assert [(f.rule, f.location.kind) for f in run_checks(version)] == [
        ("baseline_missing", "sub_kegiatan")
    ]


def test_a_missing_target_year_of_a_funded_sub_kegiatan_is_found(db):
    version = pmdn90_version()
    add_sub_activity(version, targets=YEARS[1:])
    [finding] = run_checks(version)
    assert finding.rule == "target_missing_year"
    assert finding.values["missing_years"] == [YEARS[0]]


def test_a_sub_kegiatan_code_outside_the_scheme_is_found(db):
    version = pmdn90_version()
    add_sub_activity(version, code="5.01.01.2.01.1")
    [finding] = run_checks(version)
    assert finding.rule == "code_format"
    assert finding.message.startswith("Kode sub kegiatan '5.01.01.2.01.1' (Penyusunan modul")
    assert finding.location.kind == "sub_kegiatan"


def test_the_findings_page_does_not_link_a_sub_kegiatan(client, db, make_user):
    # The version page has no row of a sub kegiatan to link to.
    version = pmdn90_version()
    add_sub_activity(version, targets=())
    client.force_login(make_user("perencana-90", "planner", version))
    page = client.get("/versi/{}/temuan/".format(version.pk)).content.decode()
    assert "tidak punya target tahunan" in page
    assert "#sub_kegiatan-" not in page
