"""The T-C.27 importer on the three real Sumedang tables."""

import pytest
from django.db.models import Sum

from renstra.core.errors import ImportRejected
from renstra.interchange.tc27 import Tc27Source, import_tc27
from renstra.plans.models import Activity, Funding, Indicator, PlanVersion, Program
from tests.realplans import load_real_plan


def test_primary_plan_loads_with_its_codes_amounts_and_raw_codes(db):
    version = load_real_plan("sumedang_tc27")
    assert (version.plan.period_start, version.plan.period_end, version.plan.baseline_year) == (
        2019,
        2023,
        2018,
    )
    assert Program.objects.filter(version=version).count() == 4
    assert Activity.objects.filter(program__version=version).count() == 17
    program = Program.objects.get(version=version, code="5.01.01")
    assert program.funding.get(year=2021).amount == 11566246594
    assert program.declared_total == 35605703914
    activity = Activity.objects.get(program=program, code="5.01.01.2.01")
    assert activity.code_raw == "5|01|01|2,01"
    assert (
        activity.unit.name == "BADAN PERENCANAAN, PEMBANGUNAN, PENELITIAN DAN PENGEMBANGAN DAERAH"
    )
    blank = Program.objects.get(version=version, code="5.01.02")
    assert list(blank.funding.filter(year__gte=2021)) == []
    kegiatan_2021 = Funding.objects.filter(activity__program=blank, year=2021).aggregate(
        s=Sum("amount")
    )["s"]
    assert kegiatan_2021 == 1911702250


def test_secondary_plans_load_and_keep_rows_without_a_place(db):
    diskominfo = load_real_plan("sumedang_diskominfo_tc27")
    bkpsdm = load_real_plan("sumedang_bkpsdm_tc27")
    assert Activity.objects.filter(program__version=diskominfo).count() == 6
    assert Program.objects.filter(version=bkpsdm).count() == 2
    # 6 indicators on program 5.03.01, as printed one per row
    assert Indicator.objects.filter(program__version=bkpsdm, program__code="5.03.01").count() == 6
    assert [r["level"] for r in bkpsdm.unplaced_rows][:1] == ["bidang_urusan"]
    assert bkpsdm.unplaced_rows[0]["rp_akhir"] == "47496043200"


def test_rows_with_errors_are_rejected_whole_with_every_error(db):
    rows = [
        {"level": "program", "kode": "1.01.01", "uraian": "P", "rp_y1": "12a", "src_line": "1"},
        {"level": "kelompok", "kode": "", "uraian": "X", "src_line": "2"},
        {
            "level": "kegiatan",
            "kode": "1.01.01.2.01",
            "uraian": "K",
            "rp_y1": "-5",
            "src_line": "3",
        },
    ]
    source = Tc27Source(
        "Kab X", "kabupaten", "Dinas X", "DX", "Renstra X", {"y1": 2021, "y2": 2022}
    )
    before = PlanVersion.objects.count()
    with pytest.raises(ImportRejected) as rejected:
        import_tc27(rows, source, name="x.csv")
    assert [(e.source, e.row, e.column, e.value) for e in rejected.value.errors] == [
        ("x.csv", 2, "rp_y1", "12a"),
        ("x.csv", 3, "level", "kelompok"),
        ("x.csv", 4, "rp_y1", "-5"),
    ]
    assert [e.reason for e in rejected.value.errors[1:]] == [
        "Tingkat harus salah satu dari: tujuan, sasaran, program, kegiatan, subkegiatan, "
        "bidang_urusan.",
        "Pagu tidak boleh negatif.",
    ]
    assert PlanVersion.objects.count() == before
