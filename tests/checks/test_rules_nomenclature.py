"""The nomenclature rules against the 2020 edition (shared/reference, as kept by SIMCAN): a plan
on Permendagri 90/2019 whose codes and names are the edition's has no finding; each way of
breaking it gives exactly one; plans on Permendagri 13/2006 or local codes get none."""

from collections import Counter

import pytest

from renstra.checks.engine import RULES, run_checks
from renstra.nomenclature.reading import read_rows
from renstra.nomenclature.services import load_edition
from renstra.plans.models import Plan, Region, SubActivity
from renstra.plans.queries import version_with_plan
from tests.checks.builders import add_sub_activity, build_plan, clean_version_data
from tests.growth import queries
from tests.nomenclature_data import SIMCAN_2020
from tests.realplans import load_real_plan

NOMENCLATURE_RULES = [
    "nomenclature_unknown_code",
    "nomenclature_name_differs",
    "sub_activity_under_wrong_activity",
]
PENUNJANG = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH"
PLANNING = "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
STAFFING = "Administrasi Kepegawaian Perangkat Daerah"


def p90_data(staffing_code="5.03.01.2.05", staffing_name=STAFFING) -> dict:
    """The builders' clean plan, as BKPSDM of a city codes it by the 2020 edition."""
    data = clean_version_data()
    program = data["programs"][0]
    program.update(code="5.03.01", name=PENUNJANG)
    program["activities"][0].update(code="5.03.01.2.01", name=PLANNING)
    program["activities"][1].update(code=staffing_code, name=staffing_name)
    return data


def p90_plan(name="Uji90", **changes):
    return version_with_plan(build_plan(p90_data(**changes), code_scheme="pmdn90", name=name).pk)


def test_the_seed_gets_no_nomenclature_finding(edition_2020, v1, v2):
    for version in (v1, v2):
        assert run_checks(version, [*NOMENCLATURE_RULES, "code_format"]) == []


def test_a_plan_coded_by_the_edition_has_no_finding_at_all(edition_2020):
    assert [f.message for f in run_checks(p90_plan())] == []


def test_one_wrong_code_gives_exactly_one_finding_with_suggestions(edition_2020):
    [finding] = run_checks(p90_plan(staffing_code="5.03.01.2.99"))
    assert finding.rule == "nomenclature_unknown_code"
    assert finding.severity == RULES[finding.rule].severity == "error"
    assert finding.location.code == "5.03.01.2.99"
    assert finding.values["edition"] == "2020"
    suggestions = finding.values["suggestions"]
    assert len(suggestions) == 3
    assert suggestions[0] == {"code": "5.03.01.2.05", "name": STAFFING}
    assert finding.message.startswith(
        "Kode kegiatan 5.03.01.2.99 (Administrasi Kepegawaian Perangkat Daerah) tidak ada dalam "
        "nomenklatur Permendagri 90/2019 edisi 2020 (edisi terbaru; Renstra ini belum menyebut "
        "edisinya) untuk kabupaten/kota. Yang namanya paling dekat: 5.03.01.2.05 Administrasi "
        "Kepegawaian Perangkat Daerah; "
    )


def test_a_name_that_differs_from_the_nomenclature(edition_2020):
    [finding] = run_checks(p90_plan(staffing_name="Administrasi Umum Perangkat Daerah"))
    assert finding.rule == "nomenclature_name_differs"
    assert finding.severity == "warning"
    assert finding.values["expected"] == STAFFING
    assert finding.values["code_for_name"] == "5.03.01.2.06"
    assert "Nama 'Administrasi Umum Perangkat Daerah' adalah nama kode 5.03.01.2.06." in (
        finding.message
    )


def test_case_spacing_and_punctuation_are_not_a_different_name(edition_2020):
    loose = "administrasi  kepegawaian perangkat-daerah"
    assert run_checks(p90_plan(staffing_name=loose), NOMENCLATURE_RULES) == []


def test_a_sub_kegiatan_under_the_wrong_kegiatan(edition_2020):
    version = p90_plan()
    # Pendataan dan Pengolahan Administrasi Kepegawaian belongs to 5.03.01.2.05, not .01.
    sub = add_sub_activity(version, code="5.03.01.2.05.0003")
    SubActivity.objects.filter(pk=sub.pk).update(
        name="Pendataan dan Pengolahan Administrasi Kepegawaian"
    )
    findings = run_checks(version_with_plan(version.pk))
    assert [f.rule for f in findings] == ["sub_activity_under_wrong_activity"]
    assert findings[0].values["expected_activity_code"] == "5.03.01.2.05"
    assert (
        "menurut nomenklatur Permendagri 90/2019 edisi 2020 (edisi terbaru; Renstra ini belum "
        "menyebut edisinya) sub kegiatan itu termasuk kegiatan 5.03.01.2.05 Administrasi "
        "Kepegawaian Perangkat Daerah"
    ) in findings[0].message


def test_sub_kegiatan_numbers_of_two_and_four_digits_are_one_code(edition_2020):
    version = p90_plan()
    sub = add_sub_activity(version, code="5.03.01.2.01.0001")
    SubActivity.objects.filter(pk=sub.pk).update(
        name="Penyusunan Dokumen Perencanaan Perangkat Daerah"
    )
    assert run_checks(version_with_plan(version.pk)) == []


def test_a_province_is_checked_against_the_provinces_codes(edition_2020):
    version = p90_plan()
    Region.objects.filter(pk=version.plan.agency.region_id).update(kind="provinsi")
    findings = run_checks(version_with_plan(version.pk), NOMENCLATURE_RULES)
    # The kegiatan codes of a regency or city (K = 2) are not a province's.
    unknown = [f for f in findings if f.rule == "nomenclature_unknown_code"]
    assert [f.location.code for f in unknown] == ["5.03.01.2.01", "5.03.01.2.05"]
    assert "Kode itu ada untuk kabupaten/kota: " in unknown[0].message
    assert [f.rule for f in findings if f not in unknown] == ["nomenclature_name_differs"]
    assert findings[-1].values["expected"] == PENUNJANG + " PROVINSI"


def test_a_plan_is_checked_against_its_own_edition(edition_2020, tmp_path):
    # A later edition (by name) that lacks the plan's kegiatan: plans without an edition of
    # their own follow it; a plan that names 2020 keeps 2020.
    later = tmp_path / "2030.csv"
    later.write_text(
        'code,name,level,jns_pemda\nX.XX.01,{},program,2\nX.XX.01.2.01,"{}",kegiatan,2\n'.format(
            PENUNJANG, PLANNING
        ),
        encoding="utf-8",
    )
    load_edition(name="2030", rows=read_rows(later.read_bytes(), later.name))
    default = run_checks(p90_plan(), NOMENCLATURE_RULES)
    assert [(f.rule, f.location.code, f.values["edition"]) for f in default] == [
        ("nomenclature_unknown_code", "5.03.01.2.05", "2030")
    ]
    own = p90_plan(name="Uji2020")
    Plan.objects.filter(pk=own.plan_id).update(nomenclature_edition=edition_2020)
    own = version_with_plan(own.pk)
    assert run_checks(own, NOMENCLATURE_RULES) == []
    Plan.objects.filter(pk=own.plan_id).update(nomenclature_edition=None)
    assert len(run_checks(version_with_plan(own.pk), NOMENCLATURE_RULES)) == 1


def test_no_edition_loaded_means_no_nomenclature_finding(db, forget):
    assert run_checks(p90_plan(staffing_code="5.03.01.2.99"), NOMENCLATURE_RULES) == []


def test_local_codes_are_checked_for_uniqueness_only(edition_2020):
    data = clean_version_data()
    program = data["programs"][0]
    program["code"] = "A"
    program["activities"][0]["code"] = "KEG-1"
    program["activities"][1]["code"] = "KEG-1"
    version = build_plan(data, code_scheme="lokal", name="Lokal")
    assert [f.rule for f in run_checks(version)] == ["duplicate_code"]
    program["activities"][1]["code"] = "B.7"
    version = build_plan(data, code_scheme="lokal", name="Lokal2")
    assert run_checks(version) == []


def test_a_check_reads_the_edition_once_not_once_per_plan(edition_2020):
    first = p90_plan(staffing_code="5.03.01.2.99")
    run_checks(first)  # the edition is read into memory here
    second = p90_plan(name="Uji90b", staffing_code="5.03.01.2.98")
    # The read model's eleven queries and the RPJMD in force, as for a plan on Permendagri
    # 13/2006.
    assert queries(run_checks, second) == 12


def test_the_primary_sumedang_plan_against_the_2020_edition(edition_2020):
    findings = run_checks(load_real_plan("sumedang_tc27"), NOMENCLATURE_RULES)
    # The plan was written with a later edition: two names that the 2020 edition words
    # otherwise; every one of its 21 codes is in the 2020 edition.
    assert Counter(f.rule for f in findings) == {"nomenclature_name_differs": 2}
    assert [(f.location.code, f.values["expected"]) for f in findings] == [
        ("5.01.01", PENUNJANG),
        ("5.01.02.2.03", "Pengendalian, Evaluasi dan Pelaporan Pembangunan Daerah"),
    ]


@pytest.mark.parametrize("rule_name", NOMENCLATURE_RULES)
def test_nomenclature_rules_are_registered(rule_name):
    assert rule_name in RULES


def test_a_new_load_of_the_edition_is_seen_by_the_next_check(edition_2020, tmp_path):
    version = p90_plan(staffing_code="5.03.01.2.99")
    assert [f.rule for f in run_checks(version, NOMENCLATURE_RULES)] == [
        "nomenclature_unknown_code"
    ]
    changed = tmp_path / "2020.csv"
    changed.write_bytes(SIMCAN_2020.read_bytes() + b"X.XX.01.2.99,Kegiatan Baru,kegiatan,2,90\n")
    report = load_edition(name="2020", rows=read_rows(changed.read_bytes(), changed.name))
    assert (report.added, report.changed, report.removed) == (1, 0, 0)
    assert [f.rule for f in run_checks(version, NOMENCLATURE_RULES)] == [
        "nomenclature_name_differs"
    ]
