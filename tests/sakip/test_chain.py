"""The consistency chain of a Perjanjian Kinerja (renstra.sakip.chain): each PK row against its
source as it stands now, the anggaran against the Renja's pagu, a newer Renja, a source gone,
and the Rencana Aksi's periods combined by the row's rule against the PK's target (issue 19)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renstra.checks.engine import Severity
from renstra.plans.models import Unit
from renstra.sakip.agreements import (
    create_action_plan,
    create_agreement,
    set_action_targets,
    update_agreement_budget,
    update_agreement_target,
)
from renstra.sakip.chain import AgreementRead, check_agreement, indicator_chain, quarter_target
from renstra.sakip.demo import load_demo_sakip
from renstra.sakip.models import (
    AgreementTarget,
    PerformanceAgreement,
    RenjaIndicator,
)
from renstra.sakip.services import (
    finalize_renja,
    renja_perubahan,
    set_dpa,
    update_target,
)

DAY = datetime.date(2019, 4, 15)


@pytest.fixture
def planner(db):
    return get_user_model().objects.create_user("perencana-rantai", password="rahasia-123")


@pytest.fixture
def bidang_pk(renja, planner):
    """The administrator's PK: rows drawn from Renja indicators, anggaran from its kegiatan."""
    unit = Unit.objects.get(agency=renja.agency, name="Bidang Pengembangan Aparatur")
    return create_agreement(unit=unit, year=2019, user=planner, day=DAY)


def _found(agreement, rule):
    return [f for f in check_agreement(agreement) if f.rule == rule]


def _cumulative(target: AgreementTarget, raw: str) -> AgreementTarget:
    """A test builder: the row counted cumulatively (a number of people), as a Renstra
    indicator with rollup 'sum' would give it; the demo's sasaran indicators are all stocks."""
    AgreementTarget.objects.filter(pk=target.pk).update(rollup="sum")
    target.refresh_from_db()
    update_agreement_target(target=target, raw=raw, reason="uji kumulatif")
    return target


def test_a_pk_as_drawn_agrees_with_its_sources(bidang_pk, head_pk):
    for pk in (bidang_pk, head_pk):
        assert [f.rule for f in check_agreement(pk)] == []


def test_a_pk_target_changed_without_reason_is_an_error_with_reason_a_warning_showing_it(
    bidang_pk,
):
    row = bidang_pk.targets.get(target_raw="100%", renja_indicator_id__isnull=False, order=1)
    update_agreement_target(target=row, raw="90%")
    [finding] = _found(bidang_pk, "pk_target_differs")
    assert finding.severity == Severity.ERROR
    assert "target PK 2019 «90%» berbeda dari target Renja «100%»" in finding.message
    assert "Tanpa alasan" in finding.message
    update_agreement_target(target=row, raw="90%", reason="Kuota diklat dikurangi")
    [finding] = _found(bidang_pk, "pk_target_differs")
    assert finding.severity == Severity.WARNING
    assert finding.message.endswith("Alasan: Kuota diklat dikurangi.")
    assert finding.values["pk"] == "90%" and finding.values["source"] == "100%"


def test_a_renja_change_after_the_pk_is_reported(renja, bidang_pk, planner):
    row = bidang_pk.targets.get(order=1)
    update_target(
        indicator=RenjaIndicator.objects.get(pk=row.renja_indicator_id),
        raw="95%",
        reason="Renja disesuaikan",
    )
    [finding] = _found(bidang_pk, "pk_target_differs")
    assert finding.severity == Severity.ERROR  # the PK's own row has no reason to differ
    assert "target PK 2019 «100%» berbeda dari target Renja «95%»" in finding.message
    assert "berubah setelah PK disusun; semula «100%»" in finding.message

    budget = bidang_pk.budgets.filter(amount__isnull=False).first()
    set_dpa(renja=renja, amounts={renja.items.get(pk=budget.renja_item_id).funding.pk: "5.000"})
    [money] = _found(bidang_pk, "pk_budget_differs")
    assert money.severity == Severity.ERROR
    assert "berbeda dari pagu DPA Renja Rp 5.000" in money.message
    update_agreement_budget(budget=budget, raw="5.000")
    assert _found(bidang_pk, "pk_budget_differs") == []

    finalize_renja(renja=renja)
    newer = renja_perubahan(renja=renja, reason="APBD Perubahan", user=planner)
    [superseded] = _found(bidang_pk, "pk_renja_superseded")
    assert superseded.severity == Severity.WARNING
    assert str(newer) in superseded.message


def test_a_row_whose_source_is_gone_is_a_warning(bidang_pk):
    row = bidang_pk.targets.get(order=1)
    RenjaIndicator.objects.filter(pk=row.renja_indicator_id).delete()
    [gone] = _found(bidang_pk, "pk_source_missing")
    assert gone.severity == Severity.WARNING
    assert "target yang disalin «100%»" in gone.message
    assert _found(bidang_pk, "pk_target_differs") == []


def test_quarterly_targets_that_do_not_add_up_to_the_pk_target_are_reported(head_pk, planner):
    row = _cumulative(head_pk.targets.first(), "40 orang")
    plan = create_action_plan(agreement=head_pk, user=planner)
    quarters = {
        (row.pk, q): (v, "Diklat angkatan {}".format(q))
        for q, v in enumerate(("10 orang", "10 orang", "10 orang", "5 orang"), start=1)
    }
    set_action_targets(plan=plan, values=quarters)
    [finding] = _found(head_pk, "renaksi_total_differs")
    assert finding.severity == Severity.ERROR
    assert "«Kumulatif (dijumlahkan)» menjadi «35 orang», sedangkan target PK «40 orang»" in (
        finding.message
    )
    set_action_targets(plan=plan, values={(row.pk, 4): ("10", "Diklat angkatan 4")})
    assert _found(head_pk, "renaksi_total_differs") == []  # '10' joins the unit the others use
    assert _found(head_pk, "renaksi_period_empty") == []


def test_a_stock_is_its_last_period_and_a_monthly_plan_combines_twelve_months(head_pk, planner):
    row = head_pk.targets.first()
    update_agreement_target(target=row, raw="80%", reason="uji")
    plan = create_action_plan(agreement=head_pk, periods=12, user=planner)
    months = {(row.pk, m): ("{}%".format(60 + m), "") for m in range(1, 13)}
    set_action_targets(plan=plan, values=months)
    [finding] = _found(head_pk, "renaksi_total_differs")
    assert "«Nilai terakhir (stok)» menjadi «72%», sedangkan target PK «80%»" in finding.message
    set_action_targets(plan=plan, values={(row.pk, 12): ("", ""), (row.pk, 11): ("80%", "")})
    assert _found(head_pk, "renaksi_total_differs") == []  # the last month with a target
    [empty] = _found(head_pk, "renaksi_period_empty")
    assert empty.severity == Severity.WARNING
    assert empty.message.endswith("untuk Desember.")


def test_a_cumulative_monthly_plan_adds_twelve_months_and_each_quarter_its_three(head_pk, planner):
    row = _cumulative(head_pk.targets.first(), "24 orang")
    plan = create_action_plan(agreement=head_pk, periods=12, user=planner)
    set_action_targets(plan=plan, values={(row.pk, m): ("2 orang", "") for m in range(1, 13)})
    assert _found(head_pk, "renaksi_total_differs") == []
    read = AgreementRead(head_pk)
    target = next(t for t in read.targets if t.pk == row.pk)
    assert [quarter_target(target, 12, q).text for q in (1, 2, 3, 4)] == ["6 orang"] * 4
    set_action_targets(plan=plan, values={(row.pk, 5): ("3 orang", "")})
    [finding] = _found(head_pk, "renaksi_total_differs")
    assert "per bulan digabung menurut aturan «Kumulatif (dijumlahkan)» menjadi «25 orang»" in (
        finding.message
    )


def test_an_empty_plan_warns_of_every_period_of_a_row_with_a_target(head_pk, planner):
    create_action_plan(agreement=head_pk, user=planner)
    assert _found(head_pk, "renaksi_period_empty") == []  # the demo's row has no 2019 target
    update_agreement_target(target=head_pk.targets.first(), raw="80", reason="uji")
    [empty] = _found(head_pk, "renaksi_period_empty")
    assert "TW I, TW II, TW III, TW IV" in empty.message
    assert _found(head_pk, "renaksi_total_differs") == []


def test_the_chain_of_one_row_from_renstra_to_renaksi(bidang_pk, planner):
    row = bidang_pk.targets.get(order=1)
    update_target(
        indicator=RenjaIndicator.objects.get(pk=row.renja_indicator_id), raw="98%", reason="x"
    )
    update_agreement_target(target=row, raw="97%", reason="y")
    plan = create_action_plan(agreement=bidang_pk, user=planner)
    set_action_targets(plan=plan, values={(row.pk, 4): ("97%", ""), (row.pk, 2): ("90%", "")})
    read = AgreementRead(bidang_pk)
    chain = indicator_chain(read, next(t for t in read.targets if t.pk == row.pk))
    assert (chain.renstra, chain.renja, chain.pk) == ("100%", "98%", "97%")
    assert chain.renaksi.text == "97%" and chain.renaksi_matches
    assert chain.rule_label == "Nilai terakhir (stok)"


def test_the_pk_is_read_in_a_fixed_number_of_queries(bidang_pk, head_pk, planner):
    for pk in (bidang_pk, head_pk):
        create_action_plan(agreement=pk, user=planner)
    # targets, budgets, plan, its periods, Renja indicators, Renja items, Renstra indicators,
    # the newest Renja
    counts = []
    for pk in (bidang_pk, head_pk):
        with CaptureQueriesContext(connection) as queries:
            check_agreement(pk)
        counts.append(len(queries))
    assert bidang_pk.targets.count() != head_pk.targets.count()
    assert counts == [8, 7]  # the head's PK names no Renja indicator: no query for them


def test_the_demos_pks_whose_quarters_make_each_target_have_no_findings(v2):
    load_demo_sakip(v2.plan)
    agreements = PerformanceAgreement.objects.filter(agency=v2.plan.agency, year=2019)
    assert agreements.count() == 3
    assert {a.level: check_agreement(a) for a in agreements} == {
        "kepala": [],
        "administrator": [],
        "pengawas": [],
    }
