"""Bab III of the LKjIP says what the evaluation says: with the demo's example realization of
2018, every figure of every indicator row and every budget row is the one evaluate() gives for
the same year (and, for the earlier years, the one it gives for each of them), and the same
one the evaluation table (Permendagri 86/2017) prints."""

from decimal import Decimal

from renstra.core.achievement import absorption
from renstra.lkjip.content import lkjip_content
from renstra.lkjip.parts import UNLINKED, percent_text, predicate_text
from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.export import evaluation_table, show
from renstra.monitoring.templatetags.monitoring_figures import percent
from renstra.plans.models import Program
from tests.growth import unfrozen

YEAR = 2018


def _table_rows(evaluation) -> dict[str, dict]:
    """The evaluation table's indicator rows by indicator name and code: {column: value}."""
    table = evaluation_table(evaluation)
    keys = [column.key for column in table.columns]
    rows = {}
    for row in table.rows:
        cells = dict(zip(keys, (cell.value for cell in row.cells), strict=True))
        if cells.get("indikator"):
            rows.setdefault((cells["kode"], cells["indikator"]), cells)
    return rows


def test_every_indicator_figure_is_the_evaluations(lkjip, sample):
    content = lkjip_content(lkjip)
    evaluation = evaluate(sample, YEAR)
    earlier = evaluate(sample, YEAR - 1).by_indicator()
    results = evaluation.by_indicator()
    lines = [line for section in content.objectives for line in section.indicators]
    # Every indicator of a sasaran and of the programs serving it, once.
    expected = [
        r.indicator.pk for r in evaluation.indicators if r.owner_kind in ("sasaran", "program")
    ]
    assert sorted(line.indicator_id for line in lines) == sorted(expected)
    assert sum(1 for line in lines if line.achievement is not None) == 17
    for line in lines:
        result = results[line.indicator_id]
        entry = result.latest_entry
        assert (
            line.name,
            line.unit,
            line.target,
            line.realized,
            line.achievement,
            line.predicate,
            line.end_target,
            line.period_achievement,
            line.cause,
            line.follow_up,
        ) == (
            result.indicator.name,
            result.indicator.unit,
            result.target_raw,
            show(result.realized),
            result.achievement.value,
            predicate_text(result.predicate),
            show(result.end_target),
            result.period.value,
            entry.deviation_cause if entry else "",
            entry.follow_up if entry else "",
        ), line.number
        before = earlier[line.indicator_id]
        assert [(p.year, p.realized, p.achievement) for p in line.prior] == [
            (YEAR - 1, show(before.realized), before.achievement.value)
        ]


def test_every_indicator_row_matches_the_evaluation_table(lkjip, sample):
    content = lkjip_content(lkjip)
    rows = _table_rows(evaluate(sample, YEAR))
    results = evaluate(sample, YEAR).by_indicator()
    compared = 0
    for section in content.objectives:
        for line in section.indicators:
            result = results[line.indicator_id]
            row = rows[(result.code, line.name)]
            assert (line.target, line.realized, line.achievement, line.predicate) == (
                row["7k"],
                row["12k"],
                row["capaiank"],
                row["predikat"],
            ), line.number
            assert (line.end_target, line.period_achievement) == (row["5k"], row["14k"])
            compared += 1
    assert compared == 20


def test_the_deviation_causes_entered_with_realization_are_reported(lkjip, sample):
    content = lkjip_content(lkjip)
    evaluation = evaluate(sample, YEAR)
    explained = {
        r.indicator.pk: (r.latest_entry.deviation_cause, r.latest_entry.follow_up)
        for r in evaluation.indicators
        if r.owner_kind in ("sasaran", "program")
        and r.latest_entry
        and (r.latest_entry.deviation_cause or r.latest_entry.follow_up)
    }
    reported = {
        line.indicator_id: (line.cause, line.follow_up)
        for section in content.objectives
        for line in section.deviations
    }
    assert reported == explained
    assert len(reported) == 3


def test_every_budget_figure_is_the_evaluations(lkjip, sample):
    content = lkjip_content(lkjip)
    evaluation = evaluate(sample, YEAR)
    assert [
        (b.code, b.name, b.planned, b.realized, b.absorption, b.achievement)
        for b in content.budgets
    ] == [
        (
            p.item.code,
            p.item.name,
            p.planned,
            p.realized,
            p.absorption.value,
            p.achievement.value,
        )
        for p in evaluation.programs
    ]
    assert content.budget_planned == sum(p.planned for p in evaluation.programs if p.planned)
    assert content.budget_total[3:6] == (
        "6.642.837.006",
        "5.613.798.273",
        percent_text(content.budget_absorption),
    )
    # The total's absorption by the evaluation's own rule.
    assert (
        content.budget_absorption
        == absorption(content.budget_realized, content.budget_planned).value
    )
    assert content.budget_absorption == Decimal("84.51")
    # The sasaran's achievement and predicate are the evaluation's too.
    assert [(s.objective_id, s.achievement) for s in content.objectives] == [
        (o.objective.pk, o.achievement.value) for o in evaluation.objectives
    ]


def test_chapter_two_has_the_renstra_and_says_when_there_is_no_pk(lkjip):
    content = lkjip_content(lkjip)
    assert [g.statement for g in content.goals] == ["Meningkatnya profesionalitas ASN"]
    assert content.vision.startswith("Menguatkan Bontang sebagai Kota Maritim")
    assert content.agreement is None
    assert content.agreement_note == (
        "Perjanjian Kinerja Kepala Perangkat Daerah tahun 2018 belum tercatat dalam sistem."
    )
    assert content.marks == ("DRAF", "DATA CONTOH")


def test_a_program_linked_to_no_sasaran_is_still_reported(client, lkjip, sample, planner):
    program = Program.objects.get(version=sample, code="06")
    with unfrozen():
        program.objectives.clear()
    content = lkjip_content(lkjip)
    last = content.objectives[-1]
    assert (last.objective_id, last.heading) == (0, "2. " + UNLINKED)
    assert [g.label for g in last.groups] == [
        "Program 06 PROGRAM PENINGKATAN PENGEMBANGAN SISTEM PELAPORAN CAPAIAN KINERJA DAN KEUANGAN"
    ]
    results = evaluate(sample, YEAR).by_indicator()
    for line in last.indicators:
        assert (line.number, line.achievement) == (
            "2.1",
            results[line.indicator_id].achievement.value,
        )
    lines = [line for section in content.objectives for line in section.indicators]
    expected = [r.indicator.pk for r in results.values() if r.owner_kind in ("sasaran", "program")]
    assert sorted(line.indicator_id for line in lines) == sorted(expected)
    # The page's narrative still saves (no analysis asked of the unlinked programs).
    client.force_login(planner)
    page = client.get("/lkjip/{}/".format(lkjip.pk)).content.decode()
    assert 'name="analisis_0"' not in page
    client.post("/lkjip/{}/uraian/".format(lkjip.pk), {"closing": "Selesai."})
    lkjip.refresh_from_db()
    assert lkjip.closing == "Selesai."


def test_the_summary_figures_are_the_dashboards(client, lkjip, sample, planner):
    """The LKjIP's average achievement and predicate are the ones the dashboard of the same
    year shows (both read the year's evaluation)."""
    content = lkjip_content(lkjip)
    evaluation = evaluate(sample, YEAR)
    assert content.average == evaluation.average.value
    client.force_login(planner)
    page = client.get("/versi/{}/dasbor/{}/".format(sample.pk, YEAR)).content.decode()
    shown = page.split("Rata-rata capaian indikator", 1)[1].split("</p>", 1)[0]
    # The same value, printed as the dashboard prints percentages (one decimal).
    assert "<strong>{}</strong>".format(percent(content.average)) in shown
    assert content.average_predicate in shown
