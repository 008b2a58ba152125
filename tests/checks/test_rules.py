"""Each rule against a clean plan (no finding) and a plan broken in exactly that respect."""

import pytest

from renstra.checks.engine import RULES, all_rules, run_checks
from renstra.core.indicator_names import unnamed_indicator_name
from tests.checks.builders import YEARS, build_plan, clean_version_data, each_year
from tests.checks.test_rules_nomenclature import NOMENCLATURE_RULES
from tests.plans.test_rpjmd import RPJMD_RULES


def _program(data):
    return data["programs"][0]


def _activity(data, index=0):
    return _program(data)["activities"][index]


def _objective(data):
    return data["goals"][0]["objectives"][0]


def break_program_total(d):
    _program(d)["funding"][2018] = "100.000.001"


def break_program_total_blank(d):
    del _program(d)["funding"][2019]


def break_end_total(d):
    _activity(d)["declared_total"] = "300.000.000"  # the five years sum to 300.000.000 ... plus 1
    _activity(d)["declared_total"] = "300.000.001"


def break_funding_without_target(d):
    _activity(d)["indicators"][0]["targets"][2020] = "0"


def break_target_without_funding(d):
    del _activity(d)["funding"][2021]
    _program(d)["funding"][2021] = "40.000.000"


def break_duplicate_code(d):
    _activity(d, 1)["code"] = "05.01"


def break_missing_code(d):
    _activity(d, 1)["code"] = ""


def break_code_format(d):
    _activity(d, 1)["code"] = "5.2"


def break_code_mangled(d):
    _activity(d, 1)["code_raw"] = "05|02,0"


def break_activity_prefix(d):
    _activity(d, 1)["code"] = "06.02"


def break_goal_indicator(d):
    d["goals"][0]["indicators"] = []


def break_objective_indicator(d):
    _objective(d)["indicators"] = []


def break_program_outcome(d):
    _program(d)["indicators"][0]["kind"] = "output"


def break_activity_output(d):
    _activity(d, 1)["indicators"][0]["kind"] = "outcome"


def break_indicator_targets(d):
    _objective(d)["indicators"][0]["targets"] = {}


def break_missing_year(d):
    del _program(d)["indicators"][0]["targets"][2017]


def break_outside_period(d):
    _program(d)["indicators"][0]["targets"][2022] = "100 %"


def break_unit(d):
    _activity(d)["indicators"][0]["targets"][2019] = "20 pegawai"


def break_percent_over_100(d):
    _program(d)["indicators"][0]["targets"][2021] = "120 %"


def break_end_target(d):
    _activity(d)["indicators"][0]["end_target"] = "100 orang"


def break_target_in_words(d):
    # Typed in words on an indicator already measured by a number (as in the grid): the type is
    # the indicator's, not inferred again from the new text.
    indicator = _activity(d)["indicators"][0]
    indicator["value_type"] = "number"
    indicator["targets"][2019] = "duapuluh orang"


def break_baseline_in_words(d):
    _activity(d)["indicators"][0]["baseline"] = "n/a"


def break_baseline(d):
    _activity(d, 1)["indicators"][0]["baseline"] = ""


def break_duplicate_indicator(d):
    indicators = _activity(d)["indicators"]
    indicators.append(dict(indicators[0]))


def break_measurable(d):
    d["goals"][0]["indicators"][0]["name"] = "Meningkatnya kepuasan layanan"


def break_program_objective(d):
    _program(d)["objectives"] = []


def break_objective_program(d):
    second = dict(_objective(d), number="1.2", name="Sasaran kedua")
    d["goals"][0]["objectives"].append(second)


def break_objective_strategy(d):
    second = dict(_objective(d), number="1.2", name="Sasaran kedua", strategies=[])
    d["goals"][0]["objectives"].append(second)
    _program(d)["objectives"] = ["1.1", "1.2"]


def break_policy_direction(d):
    _objective(d)["strategies"][0]["policy_directions"] = []


def break_rpjmd(d):
    d["rpjmd_note"] = "TUJUAN DAN SASARAN TIDAK MASUK DALAM RPJMD"


def break_unnamed_indicator(d):
    # As a T-C.27 import names an indicator whose row prints targets but no name.
    _program(d)["indicators"][0]["name"] = unnamed_indicator_name(_program(d)["name"])


def break_unplaced_row(d):
    d["unplaced_rows"] = [
        {
            "row": 2,
            "reason": "baris bidang_urusan disimpan apa adanya",
            "level": "bidang_urusan",
            "kode": "5.03",
            "uraian": "KEPEGAWAIAN",
            "rp_y1": "15214568742",
        }
    ]


CASES = {
    "program_total_differs": (
        break_program_total,
        1,
        "tahun 2018: total tertulis Rp 100.000.001 tetapi jumlah kegiatannya Rp 100.000.000 (selisih Rp 1)",
    ),
    "program_total_blank": (
        break_program_total_blank,
        1,
        "tahun 2019: kolom Rp program kosong, padahal kegiatannya berjumlah Rp 100.000.000",
    ),
    "end_total_differs": (
        break_end_total,
        1,
        "Rp akhir periode tertulis 300.000.001 tetapi jumlah Rp tahunannya 300.000.000",
    ),
    "funding_without_target": (
        break_funding_without_target,
        1,
        "didanai pada tahun 2020 tetapi tidak punya target",
    ),
    "target_without_funding": (
        break_target_without_funding,
        1,
        "punya target pada tahun 2021 tetapi tidak ada pagu",
    ),
    "duplicate_code": (break_duplicate_code, 1, "Kode 05.01 dipakai untuk 2 kegiatan berbeda"),
    "missing_code": (break_missing_code, 1, "Kegiatan 'Diklat teknis' tidak berkode"),
    "code_format": (break_code_format, 1, "Kode kegiatan '5.2' (Diklat teknis) tidak sesuai"),
    "code_mangled_by_excel": (break_code_mangled, 1, "tercetak '05 02,0'"),
    "activity_code_outside_program": (break_activity_prefix, 1, "kodenya tidak diawali '05.'"),
    "goal_without_indicator": (
        break_goal_indicator,
        1,
        "Tujuan 'Meningkatnya kualitas layanan kepegawaian' tidak punya indikator",
    ),
    "objective_without_indicator": (
        break_objective_indicator,
        1,
        "Sasaran 'Meningkatnya kompetensi ASN' tidak punya indikator",
    ),
    "program_without_outcome_indicator": (
        break_program_outcome,
        1,
        "tidak punya indikator hasil (outcome)",
    ),
    "activity_without_output_indicator": (
        break_activity_output,
        1,
        "Kegiatan 05.02 Diklat teknis tidak punya indikator keluaran",
    ),
    "indicator_without_targets": (
        break_indicator_targets,
        1,
        "'Persentase ASN kompeten' (sasaran 1.1 Meningkatnya kompetensi ASN) tidak punya target tahunan 2017–2021",
    ),
    "target_missing_year": (break_missing_year, 1, "tidak punya target untuk tahun 2017"),
    "target_outside_period": (
        break_outside_period,
        1,
        "untuk tahun 2022, di luar periode 2017–2021",
    ),
    "target_unit_differs": (
        break_unit,
        1,
        "Target '20 pegawai' tahun 2019 tertulis dalam 'pegawai'",
    ),
    "percent_over_100": (break_percent_over_100, 1, "Target '120 %' tahun 2021"),
    "end_target_differs": (
        break_end_target,
        1,
        "kondisi akhir periode '100 orang' tidak sama dengan target 2021 '20 orang'",
    ),
    "target_not_a_number": (
        break_target_in_words,
        1,
        "Target tahun 2019 'duapuluh orang' indikator 'Jumlah peserta diklat' (kegiatan 05.01 "
        "Pendidikan dan pelatihan formal) tidak terbaca sebagai angka, padahal indikator ini "
        "diukur dengan angka: capaiannya tidak dapat dihitung. Tulis nilainya dengan angka, "
        "diikuti satuannya. Contoh: 20 orang.",
    ),
    "baseline_not_a_number": (
        break_baseline_in_words,
        1,
        "Kondisi awal 'n/a' indikator 'Jumlah peserta diklat' (kegiatan 05.01 Pendidikan dan "
        "pelatihan formal) tidak terbaca sebagai angka, padahal indikator ini diukur dengan "
        "angka. Tulis kondisi tahun 2016 dengan angka, diikuti satuannya (Contoh: 20 orang), "
        "atau '-' bila datanya tidak ada.",
    ),
    "baseline_missing": (
        break_baseline,
        1,
        "'Jumlah peserta diklat teknis' (kegiatan 05.02 Diklat teknis) tidak punya kondisi awal",
    ),
    "duplicate_indicator": (break_duplicate_indicator, 1, "tercantum dua kali pada kegiatan 05.01"),
    "indicator_not_measurable": (
        break_measurable,
        1,
        "'Meningkatnya kepuasan layanan' berbunyi seperti pernyataan",
    ),
    "program_without_objective": (
        break_program_objective,
        1,
        "tidak dikaitkan dengan sasaran mana pun",
    ),
    "objective_without_program": (
        break_objective_program,
        1,
        "Sasaran 'Sasaran kedua' tidak didukung program",
    ),
    "objective_without_strategy": (
        break_objective_strategy,
        1,
        "Sasaran 'Sasaran kedua' tidak punya strategi",
    ),
    "strategy_without_policy_direction": (
        break_policy_direction,
        1,
        "Strategi 'Peningkatan kompetensi ASN' tidak punya arah kebijakan",
    ),
    "rpjmd_reference_missing": (break_rpjmd, 1, "('TUJUAN DAN SASARAN TIDAK MASUK DALAM RPJMD')"),
    "unnamed_indicator": (
        break_unnamed_indicator,
        1,
        "untuk program 05 Program peningkatan kapasitas sumber daya aparatur tanpa nama "
        "indikatornya",
    ),
    "unplaced_source_row": (
        break_unplaced_row,
        1,
        "Baris 2 sumber (bidang_urusan 5.03 KEPEGAWAIAN) disimpan apa adanya karena Renstra belum "
        "punya tempat untuknya: baris bidang_urusan disimpan apa adanya.",
    ),
}


def test_every_rule_has_a_case():
    # The nomenclature rules need an edition loaded: their cases are in test_rules_nomenclature;
    # the RPJMD rules need the region's RPJMD: theirs are in tests/plans/test_rpjmd.
    assert set(CASES) | set(NOMENCLATURE_RULES) | set(RPJMD_RULES) == set(all_rules())


def test_the_clean_plan_has_no_finding(db):
    assert [f.message for f in run_checks(build_plan(clean_version_data()))] == []


@pytest.mark.parametrize("rule_name", sorted(CASES))
def test_rule_finds_exactly_what_was_broken(db, rule_name):
    mutate, count, text = CASES[rule_name]
    data = clean_version_data()
    mutate(data)
    findings = [f for f in run_checks(build_plan(data)) if f.rule == rule_name]
    assert len(findings) == count, [f.message for f in findings]
    assert text in findings[0].message
    assert findings[0].severity == RULES[rule_name].severity


def test_clean_plan_in_permendagri_90_codes(db):
    data = clean_version_data()
    program = data["programs"][0]
    program["code"] = "5.01.01"
    program["activities"][0]["code"] = "5.01.01.2.01"
    program["activities"][1]["code"] = "5.01.01.2.02"
    version = build_plan(data, code_scheme="pmdn90")
    assert [f.message for f in run_checks(version)] == []
    program["activities"][1]["code"] = "5.01.01.2,02"
    broken = build_plan(data, code_scheme="pmdn90", name="Uji2")
    assert [f.rule for f in run_checks(broken)] == ["code_format"]


def test_findings_carry_location_and_values_for_json(db):
    data = clean_version_data()
    break_program_total(data)
    finding = run_checks(build_plan(data), ["program_total_differs"])[0]
    assert finding.as_dict() == {
        "rule": "program_total_differs",
        "severity": "error",
        "message": finding.message,
        "location": {
            "table": "6.1",
            "kind": "program",
            "code": "05",
            "name": "Program peningkatan kapasitas sumber daya aparatur",
            "item_id": finding.location.item_id,
            "year": 2018,
        },
        "values": {"declared": 100000001, "activities_sum": 100000000, "difference": 1},
    }


def test_years_constant_matches_the_plan(db):
    version = build_plan(clean_version_data())
    assert version.plan.target_years == YEARS
    assert each_year("x") == dict.fromkeys(YEARS, "x")
