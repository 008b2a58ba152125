"""A T-C.27 table of the shape issue 17 reports from another regency's planning database: a
six-year period, local codes ("1", "1.1"), a unit column, and program rows that carry targets
("100" for six years) but no indicator name. Every target is kept, as an indicator named from its
row, and the checker flags it; the unit column is read."""

import io

import pytest
from django.core.management import call_command

from renstra.checks.engine import run_checks
from renstra.interchange.tc27 import detect_code_scheme
from renstra.plans.choices import CodeScheme
from renstra.plans.levels import CODE_FORMATS
from renstra.plans.models import Indicator, PlanVersion
from renstra.render.formats import render_table
from renstra.reports.export import build_table

YEARS = range(1, 7)
HEADER = (
    ["level", "kode", "uraian", "indikator", "satuan", "baseline"]
    + ["target_y{}".format(n) for n in YEARS]
    + ["rp_y{}".format(n) for n in YEARS]
    + ["target_akhir", "rp_akhir", "unit_kerja", "lokasi"]
)


def _row(level, code, name, indicator="", unit="", baseline="", targets=(), rp=(), **rest):
    cells = [level, code, name, indicator, unit, baseline]
    cells += list(targets) + [""] * (6 - len(targets))
    cells += list(rp) + [""] * (6 - len(rp))
    cells += [rest.get("akhir", ""), rest.get("rp_akhir", ""), rest.get("unit_kerja", ""), ""]
    return ",".join(cells)


HUNDREDS = ["100"] * 6
TABLE = "\n".join(
    [
        ",".join(HEADER),
        _row("tujuan", "1", "Meningkatnya kualitas perencanaan daerah"),
        _row("sasaran", "1.1", "Meningkatnya keselarasan dokumen perencanaan"),
        # Program rows with their targets but no indicator name, as the source prints them.
        _row(
            "program",
            "1",
            "Program Perencanaan Pembangunan Daerah",
            unit="%",
            targets=HUNDREDS,
            rp=["1000000"] * 6,
            akhir="100",
            rp_akhir="6000000",
            unit_kerja="Bidang Perencanaan",
        ),
        _row(
            "kegiatan",
            "1.1",
            "Penyusunan Dokumen RKPD",
            indicator="Jumlah dokumen RKPD",
            unit="dokumen",
            baseline="1",
            targets=["1"] * 6,
            rp=["1000000"] * 6,
        ),
        _row(
            "program",
            "2",
            "Program Penelitian dan Pengembangan Daerah",
            indicator="Persentase hasil penelitian yang ditindaklanjuti",
            unit="%",
            targets=["50", "60", "70", "80", "90", "100"],
        ),
        # A further row of the same program: its targets, again without a name.
        _row(
            "program",
            "2",
            "Program Penelitian dan Pengembangan Daerah",
            unit="%",
            targets=HUNDREDS,
        ),
        _row(
            "kegiatan",
            "2.1",
            "Penelitian Bidang Ekonomi",
            indicator="Jumlah hasil penelitian",
            unit="dokumen",
            targets=["2"] * 6,
        ),
    ]
)


@pytest.fixture
def imported(db, tmp_path) -> PlanVersion:
    path = tmp_path / "kabupaten_lain_tc27.csv"
    path.write_text(TABLE + "\n", encoding="utf-8")
    call_command(
        "import",
        str(path),
        "--region",
        "Kabupaten Lain",
        "--agency",
        "Badan Perencanaan Pembangunan Daerah",
        "--agency-short",
        "Bappeda",
        "--period",
        "2019-2024",
        stdout=io.StringIO(),
    )
    return PlanVersion.objects.get(plan__agency__short_name="Bappeda")


def _targets(indicator: Indicator) -> dict[int, str]:
    return {t.year: t.raw_text for t in indicator.targets.order_by("year")}


def test_program_targets_on_rows_without_an_indicator_name_are_all_kept(imported):
    plan = imported.plan
    assert (plan.period_start, plan.period_end, plan.baseline_year) == (2019, 2024, 2018)
    assert plan.target_years == [2019, 2020, 2021, 2022, 2023, 2024]
    first = Indicator.objects.get(program__version=imported, program__code="1")
    assert first.name == "Indikator Program Perencanaan Pembangunan Daerah (tanpa nama di sumber)"
    assert _targets(first) == dict.fromkeys(range(2019, 2025), "100")
    assert (first.unit, first.value_type, first.kind) == ("%", "percent", "outcome")
    assert first.end_target_raw == "100"
    assert first.note.startswith("Nama indikator tidak tertulis di sumber (baris 4)")
    second = list(Indicator.objects.filter(program__code="2").order_by("order"))
    assert [i.name for i in second] == [
        "Persentase hasil penelitian yang ditindaklanjuti",
        "Indikator Program Penelitian dan Pengembangan Daerah (tanpa nama di sumber)",
    ]
    assert _targets(second[1]) == dict.fromkeys(range(2019, 2025), "100")
    # The unit column is read: every indicator has the unit the table gives it.
    units = dict(Indicator.objects.filter(version=imported).values_list("name", "unit"))
    assert units["Jumlah dokumen RKPD"] == "dokumen"
    assert units["Jumlah hasil penelitian"] == "dokumen"
    assert units["Persentase hasil penelitian yang ditindaklanjuti"] == "%"
    assert imported.unplaced_rows == []


def test_the_checker_flags_each_unnamed_indicator_and_nothing_untrue(imported):
    findings = run_checks(imported)
    unnamed = [f for f in findings if f.rule == "unnamed_indicator"]
    assert [(f.location.code, f.severity.value, f.values["years"]) for f in unnamed] == [
        ("1", "error", list(range(2019, 2025))),
        ("2", "error", list(range(2019, 2025))),
    ]
    assert unnamed[0].message == (
        "Sumber mencetak target 2019, 2020, 2021, 2022, 2023, 2024 untuk program 1 Program "
        "Perencanaan Pembangunan Daerah tanpa nama indikatornya; indikator ini dinamai dari "
        "barisnya ('Indikator Program Perencanaan Pembangunan Daerah (tanpa nama di sumber)'). "
        "Ganti dengan nama indikator yang sebenarnya."
    )
    # Every program has its outcome indicator: the rows were not dropped.
    assert [f for f in findings if f.rule == "program_without_outcome_indicator"] == []
    # The codes "1", "1.1" are the agency's own: the plan says so, and they are not held to the
    # shape of a national scheme (issue 17 saw ten false code_format errors).
    assert imported.plan.code_scheme == "lokal"
    assert [f.rule for f in findings if f.rule.startswith(("code_", "activity_code"))] == []
    # Named, the finding is gone.
    Indicator.objects.filter(name__endswith="(tanpa nama di sumber)").update(name="Nama asli")
    assert run_checks(imported, ["unnamed_indicator"]) == []


def test_the_six_years_come_out_in_tc27(imported):
    text = render_table(build_table(imported, "T-C.27"), "csv").decode("utf-8")
    lines = text.splitlines()
    assert lines[0].split(",")[7:19] == [
        part
        for year in range(2019, 2025)
        for part in ("target_{}".format(year), "rp_{}".format(year))
    ]
    program = next(line for line in lines if ",1,Program Perencanaan" in line)
    assert "Indikator Program Perencanaan Pembangunan Daerah (tanpa nama di sumber)" in program
    assert program.count(",100,1000000") == 6


def test_codes_that_follow_no_national_scheme():
    local = {"program": ["1", "2"], "kegiatan": ["1.1", "2.1"]}
    # The one scheme without shapes is the agency's own codes.
    assert [value for value in CodeScheme.values if value not in CODE_FORMATS] == ["lokal"]
    assert detect_code_scheme(local) == "lokal"
    assert detect_code_scheme({"program": ["17"], "kegiatan": ["17.25", "17.26"]}) == "pmdn13"
    assert detect_code_scheme({"program": ["5.01.01"], "kegiatan": ["5.01.01.2.01"]}) == "pmdn90"
    assert detect_code_scheme({"program": [], "kegiatan": []}) == "pmdn90"  # no codes at all
    # Most codes of the messy Diskominfo table are Permendagri 90/2019: one misprint stays a
    # finding of code_format rather than turning the plan's codes local.
    nine = {"program": ["2.16.02"] * 4, "kegiatan": ["2.16.02.2.01"] * 5 + ["2.2 Paket.02.2.02"]}
    assert detect_code_scheme(nine) == "pmdn90"
