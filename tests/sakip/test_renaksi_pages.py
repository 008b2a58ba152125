"""The Rencana Aksi pages as a planner uses them (issue 19): made per quarter or month, filled
all or nothing, each quarter's realization read from monitoring with its achievement against
the quarter's target, made final; the PK's chain findings; read in a bounded number of
queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renstra.monitoring.services import save_realization, submit
from renstra.plans.models import Indicator
from renstra.sakip.agreements import (
    create_action_plan,
    set_action_targets,
    update_agreement_target,
)
from renstra.sakip.models import ActionPlan, ActionTarget, AgreementTarget

DAY = datetime.date(2019, 4, 15)


@pytest.fixture
def planner(make_user, v2):
    return make_user("perencana-renaksi", "planner", v2)


@pytest.fixture
def head_user(make_user, v2):
    return make_user("kepala-renaksi", "head", v2)


def _url(pk, name="sakip:renaksi"):
    return reverse(name, args=[pk.pk])


def _cells(plan):
    return {(r.target_id, r.period): (r.target_raw, r.actions) for r in plan.targets.all()}


def test_a_planner_makes_a_quarterly_plan_from_the_page(client, head_pk, planner):
    client.force_login(planner)
    page = client.get(_url(head_pk))
    assert page.status_code == 200 and "Buat Rencana Aksi" in page.text
    answer = client.post(_url(head_pk), {"periods": "4"})
    assert answer.status_code == 302 and answer.url == _url(head_pk)
    plan = ActionPlan.objects.get(agreement=head_pk)
    assert plan.periods == 4 and plan.targets.count() == 4 * head_pk.targets.count()
    grid = client.get(_url(head_pk))
    row = head_pk.targets.first()
    assert 'name="t_{}_4"'.format(row.pk) in grid.text
    assert "TW IV" in grid.text


def test_grid_edits_are_all_or_nothing_with_the_error_on_its_cell(client, head_pk, planner):
    row = head_pk.targets.first()
    update_agreement_target(target=row, raw="80", reason="uji")
    plan = create_action_plan(agreement=head_pk, user=planner)
    before = _cells(plan)
    client.force_login(planner)
    answer = client.post(
        _url(head_pk),
        {
            "t_{}_1".format(row.pk): "70",
            "a_{}_1".format(row.pk): "Sosialisasi",
            "t_{}_2".format(row.pk): "banyak sekali",
            "a_{}_2".format(row.pk): "Evaluasi",
        },
    )
    assert answer.status_code == 200
    assert "Tidak ada yang disimpan" in answer.text
    assert (
        "&#x27;banyak sekali&#x27; tidak dapat dibaca sebagai angka, sedangkan target PK «80» "
        "berupa angka" in answer.text
    )
    assert "TW II" in answer.context["errors"]["t_{}_2".format(row.pk)]
    assert 'value="banyak sekali"' in answer.text  # what was typed is shown again
    assert _cells(plan) == before
    answer = client.post(
        _url(head_pk),
        {"t_{}_1".format(row.pk): "70", "a_{}_1".format(row.pk): "Sosialisasi"},
    )
    assert answer.status_code == 302
    assert _cells(plan)[(row.pk, 1)] == ("70", "Sosialisasi")


def test_quarter_achievement_is_the_monitoring_realization_against_the_quarter_target(
    client, head_pk, planner
):
    row = head_pk.targets.first()
    update_agreement_target(target=row, raw="80", reason="uji")
    plan = create_action_plan(agreement=head_pk, user=planner)
    set_action_targets(plan=plan, values={(row.pk, 1): ("70", ""), (row.pk, 4): ("80", "")})
    indicator = Indicator.objects.get(pk=row.source_indicator_id)
    entry = save_realization(indicator, 2019, 1, "63", user=planner)
    submit([entry], user=planner)
    client.force_login(planner)
    page = client.get(_url(head_pk))
    first = page.context["grid"].rows[0]
    q1, q2 = first.quarters[0], first.quarters[1]
    assert (q1.target.text, q1.realization.raw_text) == ("70", "63")
    assert q1.achievement.value == Decimal("90.00")  # 63 / 70 × 100
    assert (q2.realization, q2.achievement) == (None, None)
    assert "Diajukan" in page.text
    entry_url = reverse("monitoring:indicator", args=[indicator.version_id, 2019, indicator.pk])
    assert 'href="{}"'.format(entry_url) in page.text


def test_a_monthly_plan_takes_the_quarters_months_by_the_rows_rule(client, head_pk, planner):
    row = head_pk.targets.first()  # a stock ('latest'): the last month with a target
    update_agreement_target(target=row, raw="80", reason="uji")
    plan = create_action_plan(agreement=head_pk, periods=12, user=planner)
    set_action_targets(plan=plan, values={(row.pk, 2): ("65", ""), (row.pk, 12): ("80", "")})
    indicator = Indicator.objects.get(pk=row.source_indicator_id)
    save_realization(indicator, 2019, 1, "65", user=planner)
    save_realization(indicator, 2019, 2, "52", user=planner)
    client.force_login(planner)
    page = client.get(_url(head_pk))
    quarters = page.context["grid"].rows[0].quarters
    assert [q.target.text if q.target else None for q in quarters] == ["65", "65", "65", "80"]
    assert [q.achievement.value if q.achievement else None for q in quarters] == [
        Decimal("100.00"),
        Decimal("80.00"),
        None,
        None,
    ]
    assert "sampai akhir triwulan" in page.text  # the rule is said on the page


def test_a_head_sees_the_plan_and_may_not_change_it(client, head_pk, planner, head_user):
    plan = create_action_plan(agreement=head_pk, user=planner)
    row = head_pk.targets.first()
    client.force_login(head_user)
    page = client.get(_url(head_pk))
    assert page.status_code == 200 and 'name="t_' not in page.text
    assert client.post(_url(head_pk), {"t_{}_1".format(row.pk): "5"}).status_code == 403
    assert client.post(_url(head_pk, "sakip:renaksi_final")).status_code == 403
    plan.refresh_from_db()
    assert plan.status == "draft" and _cells(plan)[(row.pk, 1)] == ("", "")


def test_a_final_plan_is_shown_and_no_longer_changed(client, head_pk, planner):
    plan = create_action_plan(agreement=head_pk, user=planner)
    row = head_pk.targets.first()
    client.force_login(planner)
    assert client.post(_url(head_pk, "sakip:renaksi_final")).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "final"
    page = client.get(_url(head_pk))
    assert 'name="t_' not in page.text and "Final" in page.text
    answer = client.post(_url(head_pk), {"t_{}_1".format(row.pk): "5"}, follow=True)
    assert "sudah final dan tidak dapat diubah" in answer.text
    assert _cells(plan)[(row.pk, 1)] == ("", "")


def test_the_findings_page_reports_a_plan_that_does_not_reach_the_pk_target(
    client, head_pk, planner
):
    row = head_pk.targets.first()
    update_agreement_target(target=row, raw="80", reason="Target dinaikkan")
    plan = create_action_plan(agreement=head_pk, user=planner)
    set_action_targets(plan=plan, values={(row.pk, q): ("70", "") for q in (1, 2, 3, 4)})
    client.force_login(planner)
    page = client.get(_url(head_pk, "sakip:pk_findings"))
    assert page.status_code == 200
    assert "menjadi «70», sedangkan target PK «80»" in page.text
    assert "Alasan: Target dinaikkan." in page.text  # the PK's change from the Renstra year
    grid = client.get(_url(head_pk))
    assert "tidak sama dengan target PK" in grid.text


def _grow(agreement, plan, count: int) -> None:
    """`count` more PK rows on the same Renstra indicator, each with its periods (a test
    builder: a PK row added by hand has no service yet)."""
    first = agreement.targets.first()
    rows = AgreementTarget.objects.bulk_create(
        AgreementTarget(
            agreement=agreement,
            order=100 + n,
            statement=first.statement,
            name="Indikator uji {}".format(n),
            target_raw="4",
            source="renstra",
            source_indicator_id=first.source_indicator_id,
            rollup="sum",
        )
        for n in range(count)
    )
    ActionTarget.objects.bulk_create(
        ActionTarget(plan=plan, target=row, period=p, target_raw="1")
        for row in rows
        for p in (1, 2, 3, 4)
    )


def test_the_grid_reads_the_same_queries_for_any_number_of_rows(client, head_pk, planner):
    plan = create_action_plan(agreement=head_pk, user=planner)
    client.force_login(planner)
    client.get(_url(head_pk))  # the session's first reads

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(head_pk)).status_code == 200
        return len(queries)

    before = count()
    _grow(head_pk, plan, 12)
    assert count() == before
    # session, user, language, the PK (with agency, region, unit, Renja), memberships, the PK
    # read whole (targets, budgets, plan, periods, Renja items with pagu, Renstra indicators,
    # newest Renja; the head's rows name no Renja indicator) and the year's realizations
    assert before == 13
