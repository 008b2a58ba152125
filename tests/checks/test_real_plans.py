"""The checker on the demo (the seed) and on the real Sumedang plans: what the documents really
contain, and nothing else. Expected findings were checked by hand against the sources."""

import json
from collections import Counter

import pytest
from django.core.management import call_command

from renstra.checks.engine import run_checks
from tests.realplans import load_real_plan


def by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_demo_v2_codes_used_twice_and_items_without_code(v2):
    findings = run_checks(v2)
    duplicates = {f.values["code"]: f.values["items"] for f in by_rule(findings, "duplicate_code")}
    assert duplicates == {
        "17.85": ["Seleksi Penerimaan Calon ASN", "Monitoring dan evaluasi penilaian kinerja ASN"],
        "16.61": [
            "Diklat akuntansi berbasis akrual",
            "Pendidikan dan pelatihan perhitungan angka kredit JFT",
        ],
    }
    uncoded = {
        f.location.name: f.values["codes_elsewhere"] for f in by_rule(findings, "missing_code")
    }
    assert uncoded == {
        "Pendidikan dan pelatihan perhitungan angka kredit JFT": ["16.61"],
        "Pendidikan dan pelatihan analisa kebutuhan diklat": ["16.27"],
        "Diklat penatausahaan aset daerah": ["16.29"],
        "Pelaksanaan penyesuaian ijazah": ["17.19"],
        "Pelaksanaan Ujian Dinas": ["17.43"],
        "Pemeliharaan Rutin/Berkala Gedung Kantor": ["02.21"],
        "Pengadaan Pakaian Khusus Hari-Hari Tertentu": ["03.35"],
        "Peningkatan Kinerja Aparatur": ["03.08"],
        "Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja Perangkat Daerah": [
            "06.01"
        ],
    }


def test_demo_v2_has_no_false_funding_alarm(v2):
    findings = run_checks(v2)
    # Every declared program total of the seed's Tabel 6.1 equals the sum of its kegiatan.
    assert by_rule(findings, "program_total_differs") == []
    assert by_rule(findings, "program_total_blank") == []
    # With the year placement of the transcription, targets and funding of every kegiatan cover
    # the same years (rows with fewer values were placed by their funding, see the demo README).
    assert by_rule(findings, "funding_without_target") == []
    assert by_rule(findings, "target_without_funding") == []


def test_demo_v1_rows_whose_targets_do_not_cover_the_period(v1):
    findings = run_checks(v1)
    missing = sorted(
        (f.location.name, tuple(f.values["missing_years"]))
        for f in by_rule(findings, "target_missing_year")
    )
    assert missing == [
        ("Kajian Penyusunan Standar Kompetensi Jabatan", (2019, 2020, 2021)),
        ("Pelaksanaan Pameran Pembangunan", (2018, 2019, 2020, 2021)),
        ("Pendidikan dan Pelatihan bagi Jabatan Fungsional", (2017,)),
        ("Rapat Koordinasi Kepegawaian", (2017,)),
    ]
    without = sorted(f.location.indicator for f in by_rule(findings, "indicator_without_targets"))
    assert len(without) == 11  # the 9 sasaran indicators of Bab VI and 2 program indicators
    assert "Skor IKM" in without


def test_demo_v1_cascade_gaps(v1):
    findings = run_checks(v1)
    assert [f.location.name for f in by_rule(findings, "program_without_objective")] == [
        "PROGRAM PENINGKATAN DISIPLIN APARATUR"
    ]
    assert len(by_rule(findings, "strategy_without_policy_direction")) == 2
    assert (
        len(by_rule(findings, "missing_code")) == 1
    )  # one finding: this version numbers, never codes
    grades = [
        f for f in by_rule(findings, "target_unit_differs") if f.values["unit"] == "nilai huruf"
    ]
    assert len(grades) == 5  # "Persentase penyusunan laporan sesuai standar" targets "B"


def test_demo_targets_and_baselines_of_numeric_indicators_read_as_numbers(v1, v2):
    # Every target, end condition and baseline of the seed's numeric indicators is a number, a
    # percent or '-'; its only text targets belong to composite indicators ('1 unit kendaraan
    # roda dua dan 1', cut off in the printout), which are not numeric.
    for version in (v1, v2):
        assert run_checks(version, ["target_not_a_number", "baseline_not_a_number"]) == []


def test_primary_sumedang_plan(db):
    findings = run_checks(load_real_plan("sumedang_tc27"))
    mangled = sorted(f.location.code for f in by_rule(findings, "code_mangled_by_excel"))
    assert mangled == ["5.01.01.2.0{}".format(n) for n in (1, 2, 3, 5, 6, 8, 9)]
    blank = sorted(
        (
            (f.location.code, str(f.location.year or "akhir"), f.values["activities_sum"])
            for f in by_rule(findings, "program_total_blank")
        ),
        key=str,
    )
    assert blank == sorted(
        [
            ("5.01.02", "2021", 1911702250),
            ("5.01.02", "2022", 2620100000),
            ("5.01.02", "2023", 2510350000),
            ("5.01.02", "akhir", 7042152250),
            ("5.05.02", "2021", 543000000),
            ("5.05.02", "2022", 1925000000),
            ("5.05.02", "2023", 2192500000),
            ("5.05.02", "akhir", 4660500000),
        ],
        key=str,
    )
    # Nothing else is wrong with the money or the codes of this plan.
    assert Counter(f.rule for f in findings) == {
        "code_mangled_by_excel": 7,
        "program_total_blank": 8,
        "goal_without_indicator": 1,  # the tujuan and sasaran print no indicator
        "objective_without_indicator": 2,
        "baseline_missing": 2,  # program 5.01.02 and kegiatan 5.01.01.2.09 print no baseline
    }


def test_secondary_sumedang_plans(db):
    diskominfo = run_checks(load_real_plan("sumedang_diskominfo_tc27"))
    assert [f.location.code for f in by_rule(diskominfo, "code_format")] == ["2.2 Paket.02.2.02"]
    assert {f.values["end_target"] for f in by_rule(diskominfo, "end_target_differs")} == {
        "14 sistem",
        "54.26%",
    }
    assert (
        len([f for f in by_rule(diskominfo, "target_unit_differs") if f.values["unit"] == "%"]) == 3
    )
    bkpsdm = run_checks(load_real_plan("sumedang_bkpsdm_tc27"))
    assert sorted(f.location.code for f in by_rule(bkpsdm, "code_format")) == [
        "03.02",
        "03.02.2.01",
        "03.02.2.02",
        "03.02.2.03",
        "03.02.2.04",
    ]
    assert [
        (f.location.code, f.values["years"]) for f in by_rule(bkpsdm, "funding_without_target")
    ] == [
        ("5.03.01.2.03", [2022, 2023]),
        ("03.02.2.02", [2023]),
    ]
    assert by_rule(bkpsdm, "program_total_differs") == []


def test_sumedang_targets_and_baselines_that_are_no_numbers(db):
    # Program 03.02 of BKPSDM prints only '%' in 2022 on three of its four indicators (README of
    # shared/real-plans): a percentage without its number, so no achievement can be computed.
    bkpsdm = run_checks(load_real_plan("sumedang_bkpsdm_tc27"))
    assert [
        (f.location.code, f.location.year, f.values["target"], f.location.indicator[:30])
        for f in by_rule(bkpsdm, "target_not_a_number")
    ] == [
        ("03.02", 2022, "%", "Persentase pengadaan ASN sesua"),
        ("03.02", 2022, "%", "Persentase penempatan ASN sesu"),
        ("03.02", 2022, "%", "Persentase ASN yang mengikuti "),
    ]
    # Baselines printed 'n/a': one in BKPSDM, seven in Diskominfo; none in Bappelitbangda
    # (whose findings are pinned whole above).
    assert [f.location.indicator for f in by_rule(bkpsdm, "baseline_not_a_number")] == [
        "Indeks Profesionalitas ASN"
    ]
    diskominfo = run_checks(load_real_plan("sumedang_diskominfo_tc27"))
    assert by_rule(diskominfo, "target_not_a_number") == []
    baselines = by_rule(diskominfo, "baseline_not_a_number")
    assert [f.values["baseline"] for f in baselines] == ["n/a"] * 7
    assert Counter(f.values["value_type"] for f in baselines) == {"number": 4, "percent": 3}


def test_cli_json_and_exit_status(v2, capsys):
    with pytest.raises(SystemExit) as exit_status:
        call_command("check", plan=v2.pk, format="json")
    assert exit_status.value.code == 1
    findings = json.loads(capsys.readouterr().out)
    assert {"rule", "severity", "message", "location", "values"} == set(findings[0])
    assert findings[0]["severity"] == "error"
    assert {"table", "code"} <= set(findings[0]["location"])


def test_cli_exit_status_zero_without_errors(db, capsys):
    from tests.checks.builders import build_plan, clean_version_data

    version = build_plan(clean_version_data())
    call_command("check", plan=version.pk)
    assert capsys.readouterr().out.strip() == "0 temuan: 0 galat, 0 peringatan, 0 saran."
