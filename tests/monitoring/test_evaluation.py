"""The evaluation of a plan year: its numbers, its query count, its table, the CLI."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from renstra.core.achievement import Predicate
from renstra.monitoring import services
from renstra.monitoring.choices import YEARLY
from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.export import evaluation_table
from renstra.plans.models import Activity, Funding, Indicator, Program, Target
from renstra.render.formats import render_table
from tests.growth import unfrozen


def _queries(version, year) -> int:
    with CaptureQueriesContext(connection) as captured:
        evaluate(version, year)
    return len(captured)


def _grow(version, programs: int):
    """Add programs, kegiatan, indicators, targets, funding and realization to a version."""
    with unfrozen(), connection.cursor() as cursor:
        cursor.execute("UPDATE plans_planversion SET status = 'draft' WHERE id = %s", [version.pk])
    version.refresh_from_db()
    made = []
    for p in range(programs):
        program = Program.objects.create(version=version, code="9{}".format(p), name="Uji")
        for a in range(3):
            activity = Activity.objects.create(
                program=program, code="9{}.0{}".format(p, a), name="Kegiatan uji"
            )
            Funding.objects.create(activity=activity, year=2018, raw_text="500", amount=500)
            indicator = Indicator.objects.create(
                version=version, activity=activity, name="Jumlah uji", kind="output"
            )
            Target.objects.create(
                indicator=indicator, year=2018, raw_text="4 dokumen", kind="number", value=4
            )
            made.append(indicator)
    with unfrozen(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE plans_planversion SET status = 'approved' WHERE id = %s", [version.pk]
        )
    version.refresh_from_db()
    return made


def test_a_whole_year_is_evaluated_in_a_constant_number_of_queries(sample, planner):
    version = sample
    small = _queries(version, 2018)
    for indicator in _grow(version, programs=4):
        for quarter in (1, 2):
            services.save_realization(indicator, 2018, quarter, "1 dokumen", user=planner)
    assert _queries(version, 2018) == small
    # The read model's eleven (sub kegiatan included, though the evaluation leaves their
    # indicators out) and realization, assignments, evidence counts and budget realization,
    # and the Renja of the year (renstra.monitoring.year_plans; none here: one query).
    assert small == 16


def test_every_indicator_has_target_realization_achievement_and_predicate(sample):
    evaluation = evaluate(sample, 2018)
    assert len(evaluation.indicators) == 93
    with_target = [r for r in evaluation.indicators if r.target_raw]
    assert with_target and all(r.realized is not None for r in with_target)
    computed = [r for r in with_target if r.achievement.computable]
    assert len(computed) >= len(with_target) - 1
    assert all(r.predicate in Predicate for r in computed)
    without = [r for r in evaluation.indicators if not r.target_raw]
    assert all(not r.achievement.computable and "target" in r.achievement.reason for r in without)
    counts = evaluation.predicate_counts()
    assert sum(counts.values()) == 93
    assert len([p for p in Predicate if counts[p]]) >= 3  # the sample spreads its predicates
    # Budget: absorption of each funded program, from its kegiatan's quarters.
    funded = [p for p in evaluation.programs if p.planned]
    assert funded and all(p.absorption.computable for p in funded)
    program = funded[0]
    assert program.realized == sum((a.realized or 0 for a in program.activities), Decimal(0))


def test_quarters_in_progress_give_an_early_warning(sample):
    evaluation = evaluate(sample, 2019)
    at_risk = evaluation.at_risk
    assert at_risk, "the sample has indicators far behind in 2019"
    values = [r.projected_achievement.value for r in at_risk]
    assert values == sorted(values)
    assert all(not r.complete for r in evaluation.indicators if 3 in r.entries)


def test_progress_against_the_end_of_the_period(sample):
    evaluation = evaluate(sample, 2018)
    assert evaluation.elapsed == Decimal("40.00")  # 2017-2021: two of five years
    result = next(r for r in evaluation.indicators if r.prior is not None and r.rule == "sum")
    assert result.to_date.value == result.prior.value + result.realized.value  # cumulative


def test_the_evaluation_table_has_the_regulations_columns_and_renders(sample):
    table = evaluation_table(evaluate(sample, 2018))
    keys = [c.key for c in table.columns]
    for number in range(5, 15):
        assert "{}k".format(number) in keys and "{}rp".format(number) in keys
    assert {"predikat", "deviasi", "tindak_lanjut", "unit"} <= set(keys)
    assert "DATA CONTOH" in table.notes[0]
    text = render_table(table, "csv").decode("utf-8")
    assert "17.02" in text and "Jumlah peserta seleksi penerimaan CPNS" in text
    workbook = load_workbook(io.BytesIO(render_table(table, "xlsx")))
    assert workbook.active.max_row > 90
    pdf = render_table(table, "pdf")
    assert pdf.startswith(b"%PDF")


def test_renstra_evaluate_lists_every_indicator_as_json(sample):
    out = io.StringIO()
    call_command("evaluate", plan=sample.pk, year=2018, format="json", stdout=out)
    records = json.loads(out.getvalue())
    assert len(records) == 93
    for record in records:
        assert {"kode", "indikator", "target", "realisasi", "capaian", "predikat"} <= set(record)
        assert record["capaian"] is None or isinstance(record["capaian"], float)
    peserta = next(r for r in records if r["indikator"] == "Jumlah peserta seleksi penerimaan CPNS")
    assert peserta["kode"] == "17.02" and peserta["target"] == "1000 orang"
    assert peserta["capaian"] is not None and peserta["predikat"]
    assert peserta["data_contoh"] is True
    out = io.StringIO()
    call_command("evaluate", plan=sample.pk, year=2018, format="csv", stdout=out)
    assert out.getvalue().splitlines()[0].startswith("kode,indikator,")
    assert len(out.getvalue().splitlines()) == 94


def test_renstra_realization_import_is_all_or_nothing(v2, tmp_path):
    good = tmp_path / "baik.csv"
    good.write_text(
        "kode,indikator,tahun,triwulan,nilai,catatan\n"
        "17.02,Jumlah peserta seleksi penerimaan CPNS,2018,1,200 orang,\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("realization", "import", str(good), plan=v2.pk, stdout=out)
    assert "1 realisasi diimpor" in out.getvalue()
    bad = tmp_path / "buruk.csv"
    bad.write_text(
        "kode,indikator,tahun,triwulan,nilai,catatan\n"
        "17.02,Jumlah peserta seleksi penerimaan CPNS,2018,2,300 orang,\n"
        "17.02,Jumlah peserta seleksi penerimaan CPNS,2018,9,300 orang,\n",
        encoding="utf-8",
    )
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="baris 3 kolom 'triwulan'"):
        call_command("realization", "import", str(bad), plan=v2.pk)
    indicator = Indicator.objects.get(version=v2, name="Jumlah peserta seleksi penerimaan CPNS")
    assert list(indicator.realizations.values_list("quarter", flat=True)) == [1]


def test_a_yearly_grade_target_is_judged_by_the_ordinal_rule(v2, planner):
    indicator = Indicator.objects.get(version=v2, value_type="grade")
    target = indicator.targets.exclude(kind="nil").order_by("year").first()
    services.save_realization(indicator, target.year, YEARLY, target.raw_text, user=planner)
    result = evaluate(v2, target.year).by_indicator()[indicator.pk]
    assert result.achievement.value == Decimal("100.00")
    assert "peringkat" in result.achievement.rule.lower() or "rank" in result.achievement.rule


def test_the_evaluation_tables_first_header_is_no_in_every_format(sample):
    # Django's Indonesian catalog says "Tidak" for a bare "No": the column is "No." (nomor urut).
    table = evaluation_table(evaluate(sample, 2018))
    assert table.header_rows[0][0].label == "No."
    assert render_table(table, "csv").decode("utf-8").splitlines()[0].startswith("no,")
    sheet = load_workbook(io.BytesIO(render_table(table, "xlsx"))).active
    headers = [c.value for row in sheet.iter_rows(max_row=8) for c in row if c.value]
    assert "No." in headers and "Tidak" not in headers
