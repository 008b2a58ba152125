"""Targets and baselines of a numeric indicator that do not read as a number (issue 14: a target
typed as 'duapuluh kali' was saved silently and never flagged)."""

import pytest

from renstra.checks.engine import Severity, run_checks
from renstra.plans.grid import SAVED, TARGET, RowKey, program_rows, save_row
from renstra.plans.models import Indicator
from tests.checks.builders import build_plan, clean_version_data

RULES = ["target_not_a_number", "baseline_not_a_number"]


def _trip_indicator(version) -> Indicator:
    # 'Jumlah perjalanan dinas yang dilakukan' (01.18), targets '50 kali' … '200 kali'.
    return Indicator.objects.get(version=version, activity__code="01.18")


def _save_target(version, indicator, year, text):
    program = indicator.activity.program
    key = RowKey(TARGET, "indicator", indicator.pk)
    row = next(r for r in program_rows(program, version.plan.target_years) if r.key == key)
    return save_row(version=version, key=key, values={year: text}, token=row.token)


def test_a_target_typed_in_words_in_the_grid_is_flagged_until_fixed(draft):
    indicator = _trip_indicator(draft)
    assert (indicator.value_type, indicator.unit) == ("number", "kali")
    assert run_checks(draft, RULES) == []

    # The grid keeps the text as typed (a verifier may still judge a text target) …
    assert _save_target(draft, indicator, 2019, "duapuluh kali").outcome == SAVED
    [finding] = run_checks(draft, RULES)
    assert finding.rule == "target_not_a_number"
    assert finding.severity == Severity.ERROR
    assert "Target tahun 2019 'duapuluh kali'" in finding.message
    assert "capaiannya tidak dapat dihitung" in finding.message
    assert finding.message.endswith("Contoh: 20 kali.")
    location = finding.location
    assert (location.table, location.kind, location.item_id, location.year) == (
        "6.2",
        "kegiatan",
        indicator.activity_id,
        2019,
    )
    assert finding.values == {
        "target": "duapuluh kali",
        "value_type": "number",
        "example": "20 kali",
    }

    # … and the finding goes once the target is a number again.
    assert _save_target(draft, indicator, 2019, "20 kali").outcome == SAVED
    assert run_checks(draft, RULES) == []


def _plan_with(mutate):
    data = clean_version_data()
    mutate(data["programs"][0]["activities"][0]["indicators"][0])
    return build_plan(data)


@pytest.mark.parametrize(
    ("value_type", "unit", "example"),
    [
        ("number", "orang", "20 orang"),
        ("number", "", "20"),
        ("percent", "%", "20 %"),
        ("index", "", "20"),
    ],
)
def test_every_numeric_type_is_checked_with_an_example_in_its_unit(db, value_type, unit, example):
    def mutate(indicator):
        indicator.update(value_type=value_type, unit=unit)
        indicator["targets"][2018] = "belum ditentukan"

    [finding] = run_checks(_plan_with(mutate), RULES)
    assert finding.values == {
        "target": "belum ditentukan",
        "value_type": value_type,
        "example": example,
    }
    assert finding.message.endswith("Contoh: {}.".format(example))


@pytest.mark.parametrize("value_type", ["text", "grade", "composite"])
def test_indicators_not_measured_by_a_number_may_have_text_targets(db, value_type):
    def mutate(indicator):
        indicator["value_type"] = value_type
        indicator["targets"][2018] = "tersusunnya pedoman"
        indicator["baseline"] = "belum ada"

    assert run_checks(_plan_with(mutate), RULES) == []


@pytest.mark.parametrize("text", ["20 kali", "20", "15 %", "2,5 %", "-", "1.250 orang"])
def test_numbers_and_no_target_marks_are_not_flagged(db, text):
    def mutate(indicator):
        indicator["value_type"] = "number"
        indicator["targets"][2018] = text
        indicator["baseline"] = text

    assert run_checks(_plan_with(mutate), RULES) == []


def test_a_percentage_typed_as_text_is_still_a_percentage(db):
    # A bare '%' made the importer infer the type 'text'; the name says it is a percentage.
    def mutate(indicator):
        indicator["name"] = "Persentase peserta diklat yang lulus"
        indicator["targets"] = {2019: "%"}

    version = _plan_with(mutate)
    assert Indicator.objects.get(
        version=version, name__startswith="Persentase peserta"
    ).value_type == ("text")
    [finding] = run_checks(version, RULES)
    assert (finding.rule, finding.location.year) == ("target_not_a_number", 2019)
    assert "diukur dengan persen" in finding.message
    assert finding.message.endswith("Contoh: 20 %.")


def test_the_end_of_period_condition_and_the_baseline_are_read_too(db):
    def mutate(indicator):
        indicator["end_target"] = "dua puluh orang"
        indicator["baseline"] = "sepuluh orang"

    findings = run_checks(_plan_with(mutate), RULES)
    assert [(f.rule, f.severity, f.location.year) for f in findings] == [
        ("target_not_a_number", Severity.ERROR, None),
        ("baseline_not_a_number", Severity.WARNING, None),
    ]
    end, baseline = findings
    assert end.message.startswith("Kondisi akhir periode 'dua puluh orang' indikator")
    assert baseline.message.startswith("Kondisi awal 'sepuluh orang' indikator")
    assert "'-' bila datanya tidak ada" in baseline.message
    assert end.key != baseline.key
