"""The region's ranking of the SAKIP evaluations of a year (renstra.lke.ranking and its page):
the order by total score, the grade, the change from last year's final score ("baru" without
one), in-progress evaluations marked, and the number of queries the same for 3 agencies as
for 8. Totals worked out by hand on the test worksheet (tests/lke/fixtures/lke-uji.yaml):
sub-component weight × mean of its criteria's fractions; the stub suggests 1.a.1 Y, 1.b.1 B,
3.a.1 T, which the evaluator's values start from."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renstra.core.lke import SCALES
from renstra.lke.choices import EvaluationStatus
from renstra.lke.models import LkeEvaluation
from renstra.lke.ranking import region_ranking
from renstra.lke.scoring import score_evaluation, score_evaluations
from renstra.lke.services import (
    finalize,
    save_evaluator_answer,
    start_evaluation,
    submit_evaluation,
    submit_self,
)
from renstra.plans.models import Agency, Region
from tests.lke.conftest import answer_rest, answers_by_code

# The stub's suggestions only: 1.a = 6 × (1 + 0) / 2 = 3; 1.b = 9 × (0,75 + 0) / 2 = 3,375;
# 3.a.1 T = 0; the rest 0 (unanswered in the evaluation stage, answered T / E by evaluate()
# before it is submitted: the same 0).
PRESET = Decimal("6.375")
# And 1.c.1 A (15 × 1) and 2.c.1 B (15 × 0,75): 6,375 + 15 + 11,25.
PRESET_PLUS = {"1.c.1": "A", "2.c.1": "B"}
PRESET_PLUS_TOTAL = Decimal("32.625")
# Every answer the best but 4.c.1 C: 100 − 12,5 × (1 − 0,5) / 2 = 96,875.
ALMOST_BEST_TOTAL = Decimal("96.875")


@pytest.fixture
def admin(member):
    return member("admin_lke", "admin")


def _best(evaluation) -> dict[str, str]:
    return {
        code: SCALES[a.criterion.scale].options[0].code
        for code, a in answers_by_code(evaluation).items()
    }


def evaluate(agency, year, user, values=None, *, best=False, until="final"):
    """An evaluation of `agency` for `year` taken to stage `until` by `user` (an administrator),
    the evaluator's values set to `values` (all the best first when `best`). A stage is
    submitted only with every criterion answered: the self-assessment is answered T / E, and
    the evaluator's values not set (nor suggested) T / E before the evaluation is submitted,
    which scores as the criteria unanswered did (0)."""
    evaluation = start_evaluation(agency=agency, year=year, user=user)
    if until == EvaluationStatus.SELF:
        return evaluation
    answer_rest(evaluation, "self_value", user)
    submit_self(evaluation=evaluation, user=user)
    wanted = {**(_best(evaluation) if best else {}), **(values or {})}
    answers = answers_by_code(evaluation)
    for code, value in wanted.items():
        save_evaluator_answer(answer=answers[code], value=value, override_reason="uji", user=user)
    if until == EvaluationStatus.EVALUATION:
        return evaluation
    answer_rest(evaluation, "evaluator_value", user)
    submit_evaluation(evaluation=evaluation, user=user)
    finalize(evaluation=evaluation, user=user)
    return evaluation


def _agency(region, short_name):
    return Agency.objects.create(region=region, short_name=short_name, name="Dinas " + short_name)


@pytest.fixture
def year_2019(template, agency, admin):
    """BKPSDM final in 2018 (100) and 2019 (32,625); DINKES final in 2019 only (96,875);
    DISDIK in the evaluation stage (6,375); DISHUB in self-assessment; DISPORA without one."""
    region = agency.region
    evaluate(agency, 2018, admin, best=True)
    evaluate(agency, 2019, admin, PRESET_PLUS)
    evaluate(_agency(region, "DINKES"), 2019, admin, {"4.c.1": "C"}, best=True)
    evaluate(_agency(region, "DISDIK"), 2019, admin, until=EvaluationStatus.EVALUATION)
    evaluate(_agency(region, "DISHUB"), 2019, admin, until=EvaluationStatus.SELF)
    _agency(region, "DISPORA")
    return region


def test_the_agencies_are_ranked_by_total_with_the_change_from_last_year(year_2019):
    rows = region_ranking(year_2019, 2019)
    ranked = [(r.rank, r.agency.short_name, r.total, r.grade) for r in rows if r.rank]
    assert ranked == [
        (1, "DINKES", ALMOST_BEST_TOTAL, "AA"),
        (2, "BKPSDM", PRESET_PLUS_TOTAL, "C"),
        (3, "DISDIK", PRESET, "D"),
    ]
    by_name = {r.agency.short_name: r for r in rows}
    assert by_name["BKPSDM"].last_total == Decimal(100)
    assert by_name["BKPSDM"].change == Decimal("-67.375")
    assert by_name["BKPSDM"].change_text == "−67,38"
    assert (by_name["DINKES"].is_new, by_name["DINKES"].change_text) == (True, "")
    assert (by_name["DISDIK"].in_progress, by_name["DISDIK"].is_final) == (True, False)
    # In self-assessment or without an evaluation: listed after the ranked, without a rank.
    unranked = [r.agency.short_name for r in rows if r.rank is None]
    assert {"DISHUB", "DISPORA"} <= set(unranked)
    assert rows[3:] == [r for r in rows if r.rank is None]
    assert by_name["DISHUB"].evaluation.status == EvaluationStatus.SELF
    assert by_name["DISPORA"].evaluation is None
    # 2018: BKPSDM alone, "baru" (no 2017).
    rows_2018 = region_ranking(year_2019, 2018)
    assert [(r.rank, r.agency.short_name, r.total, r.is_new) for r in rows_2018 if r.rank] == [
        (1, "BKPSDM", Decimal(100), True)
    ]


def test_the_bulk_totals_are_those_of_the_scoring(year_2019):
    evaluations = list(LkeEvaluation.objects.filter(agency__region=year_2019))
    assert len(evaluations) == 5
    # Read together (the ranking, an agency's list) each scores as when scored alone.
    together = score_evaluations(evaluations)
    for evaluation in evaluations:
        assert together[evaluation.pk]["final"].total == score_evaluation(evaluation).total
        assert together[evaluation.pk]["self"].total == score_evaluation(evaluation, "self").total


def test_equal_totals_share_a_rank(template, agency, admin):
    region = agency.region
    for name in ("DINAS A", "DINAS B"):
        evaluate(_agency(region, name), 2019, admin, PRESET_PLUS)
    evaluate(agency, 2019, admin)
    rows = [r for r in region_ranking(region, 2019) if r.rank]
    assert [(r.rank, r.agency.short_name) for r in rows] == [
        (1, "DINAS A"),
        (1, "DINAS B"),
        (3, "BKPSDM"),
    ]


def _queries(region, year) -> int:
    with CaptureQueriesContext(connection) as captured:
        rows = region_ranking(region, year)
        [(r.total, r.last_total, r.grade, r.change_text, r.agency.name) for r in rows]
    return len(captured)


def test_the_ranking_reads_as_many_queries_for_eight_agencies_as_for_three(
    client, template, admin, django_assert_max_num_queries
):
    client.force_login(admin)
    counts, pages = {}, {}
    for size in (3, 8):
        region = Region.objects.create(name="Kabupaten Uji {}".format(size), kind="kabupaten")
        for number in range(size):
            made = _agency(region, "PD{}".format(number))
            evaluate(made, 2018, admin, best=True)
            evaluate(made, 2019, admin, {"1.c.1": "A"} if number % 2 else PRESET_PLUS)
        with django_assert_max_num_queries(4):
            counts[size] = _queries(region, 2019)
        url = reverse("lke:ranking", args=[region.pk]) + "?tahun=2019"
        client.get(url)  # the session and memberships warm
        with django_assert_max_num_queries(10) as captured:
            assert client.get(url).content.decode().count("data-agency=") == size
        pages[size] = len(captured)
    assert counts[3] == counts[8] == 4
    assert pages[3] == pages[8]


# ---- the page --------------------------------------------------------------------------------


def test_the_ranking_page_for_who_oversees_the_region(
    client, year_2019, auditor, inspector, verifier, admin, planner, head
):
    url = reverse("lke:ranking", args=[year_2019.pk]) + "?tahun=2019"
    for user in (auditor, inspector, verifier, admin):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
    html = response.content.decode()
    dinkes = html[html.index('data-agency="DINKES"') :]
    assert dinkes.index("96,88") < dinkes.index("AA (Sangat Memuaskan)") < dinkes.index("baru")
    bkpsdm = html[html.index('data-agency="BKPSDM"') :]
    assert "32,63" in bkpsdm[: bkpsdm.index("</tr>")]
    assert "−67,38" in bkpsdm[: bkpsdm.index("</tr>")]
    disdik = html[html.index('data-agency="DISDIK"') :]
    assert "belum final" in disdik[: disdik.index("</tr>")]
    assert html.index('data-agency="DINKES"') < html.index('data-agency="BKPSDM"')
    for user in (planner, head):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(auditor)
    assert client.get(url.replace("2019", "abc")).status_code == 404


def test_the_console_links_to_the_ranking(client, year_2019, verifier):
    client.force_login(verifier)
    html = client.get(reverse("console:region", args=[year_2019.pk])).content.decode()
    assert 'href="{}'.format(reverse("lke:ranking", args=[year_2019.pk])) in html
