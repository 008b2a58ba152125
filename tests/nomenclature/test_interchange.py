"""A plan's code scheme and nomenclature edition travel with it: JSON and workbook exports name
the edition, imports find it again (or say it is not loaded), and a round trip keeps it."""

import json

import pytest

from renstra.core.errors import ImportRejected
from renstra.interchange.jsonio import comparable, export_version, import_version
from renstra.interchange.workbook import export_workbook, import_workbook
from renstra.plans.models import Plan, PlanVersion
from renstra.plans.queries import version_with_plan
from tests.checks.builders import build_plan, clean_version_data


def through_json(data: dict) -> dict:
    return json.loads(json.dumps(data))


@pytest.fixture
def p90_version(edition_2020):
    data = clean_version_data()
    data["programs"][0]["code"] = "5.03.02"
    data["programs"][0]["activities"][0]["code"] = "5.03.02.2.01"
    data["programs"][0]["activities"][1]["code"] = "5.03.02.2.02"
    version = build_plan(data, code_scheme="pmdn90", name="Uji90")
    Plan.objects.filter(pk=version.plan_id).update(nomenclature_edition=edition_2020)
    return version_with_plan(version.pk)


def test_json_names_the_edition_and_a_round_trip_keeps_it(p90_version, edition_2020):
    data = export_version(p90_version)
    assert data["plan"]["code_scheme"] == "pmdn90"
    assert data["plan"]["nomenclature_edition"] == "2020"
    imported = import_version(through_json(data))
    assert imported.plan.nomenclature_edition == edition_2020
    assert comparable(export_version(version_with_plan(imported.pk))) == comparable(data)


def test_the_workbook_names_the_edition_and_a_round_trip_keeps_it(p90_version, edition_2020):
    imported = import_workbook(export_workbook(p90_version), filename="uji.xlsx")
    assert (imported.plan.code_scheme, imported.plan.nomenclature_edition) == (
        "pmdn90",
        edition_2020,
    )


def test_a_plan_without_an_edition_exports_null_and_imports_without_one(v2):
    data = export_version(v2)
    assert data["plan"]["nomenclature_edition"] is None
    assert import_version(through_json(data)).plan.nomenclature_edition is None


def test_an_edition_not_loaded_here_is_refused_saying_how_to_load_it(p90_version):
    data = through_json(export_version(p90_version))
    data["plan"]["nomenclature_edition"] = "2031"
    with pytest.raises(ImportRejected) as rejected:
        import_version(data)
    [error] = rejected.value.errors
    assert error.column == "$.plan.nomenclature_edition"
    assert error.reason == (
        "Edisi nomenklatur '2031' belum dimuat di sistem ini (edisi yang ada: 2020). Muat dulu "
        "dengan 'renstra nomenclature load BERKAS.csv --edition 2031', atau tulis edisi yang ada."
    )


def test_an_edition_is_only_for_permendagri_90_plans(v2, edition_2020):
    data = through_json(export_version(v2))
    data["plan"]["nomenclature_edition"] = "2020"
    with pytest.raises(ImportRejected) as rejected:
        import_version(data)
    assert [e.reason for e in rejected.value.errors] == [
        "Edisi nomenklatur hanya untuk Renstra berkode Permendagri 90/2019 (skema kode pmdn90); "
        "kosongkan isian ini."
    ]


def test_a_new_draft_must_name_the_plans_edition(p90_version):
    data = through_json(export_version(p90_version))
    data["plan"]["nomenclature_edition"] = None
    PlanVersion.objects.filter(pk=p90_version.pk).update(status="approved")  # no open draft
    with pytest.raises(ImportRejected) as rejected:
        import_version(data, revises=p90_version)
    assert [e.column for e in rejected.value.errors] == ["$.plan.nomenclature_edition"]
    assert "tersimpan: '2020'" in rejected.value.errors[0].reason


def test_local_codes_round_trip(db):
    data = clean_version_data()
    data["programs"][0]["code"] = "A"
    version = build_plan(data, code_scheme="lokal", name="Lokal")
    exported = export_version(version)
    assert exported["plan"]["code_scheme"] == "lokal"
    imported = import_version(through_json(exported))
    assert imported.plan.code_scheme == "lokal"
