"""The checker reads a version through the read model once, in a number of queries that does not
grow with the plan; so do the evaluation and the IATI export, and the findings page."""

from renstra.checks.engine import run_checks
from renstra.interchange.iati import export_iati
from renstra.monitoring.evaluation import evaluate
from renstra.plans.queries import version_with_plan
from tests.growth import grow, queries

GROWTH = {"programs": 4, "goals": 2}  # 4 programs, 12 kegiatan, 12 sub kegiatan, 2 tujuan …


def test_the_checker_costs_the_same_queries_for_a_bigger_plan(draft):
    # A version as `renstra check` and the pages get it: with plan, agency and missions.
    small = queries(run_checks, version_with_plan(draft.pk))
    checked = len(run_checks(draft))
    grow(draft, **GROWTH)
    assert queries(run_checks, version_with_plan(draft.pk)) == small
    # The read model's: one a level, indicators, targets, funding, links; the RPJMD in force.
    assert small == 12
    assert len(run_checks(draft)) > checked  # the new items were checked (and found wanting)


def test_the_findings_page_costs_the_same_queries_for_a_bigger_plan(client, draft, make_user):
    client.force_login(make_user("verifikator-uji", "verifier", draft))
    url = "/versi/{}/temuan/".format(draft.pk)

    def page():
        assert client.get(url).status_code == 200

    small = queries(page)
    grow(draft, **GROWTH)
    assert queries(page) == small
    # Session, user, profile, version, missions, membership; the read model's eleven; the RPJMD
    # in force; the acknowledgements.
    assert small == 19


def test_the_evaluation_costs_the_same_queries_for_a_bigger_plan(v2):
    year = v2.plan.target_years[1]
    small = queries(evaluate, version_with_plan(v2.pk), year)
    grow(v2, **GROWTH)
    assert queries(evaluate, version_with_plan(v2.pk), year) == small
    assert small == 16  # as tests/monitoring/test_evaluation.py pins it


def test_the_iati_export_costs_the_same_queries_for_a_bigger_plan(v2):
    small = queries(export_iati, version_with_plan(v2.pk))
    grow(v2, **GROWTH)
    assert queries(export_iati, version_with_plan(v2.pk)) == small
    assert small == 12  # the read model's eleven and the approved realization


def test_run_checks_reads_the_version_once(v2, reads):
    run_checks(v2)
    assert reads == [v2.pk]
    run_checks(v2, ["duplicate_code", "baseline_missing"])
    assert reads == [v2.pk, v2.pk]


def test_evaluate_reads_the_version_once(v2, reads):
    evaluate(v2, v2.plan.target_years[1])
    assert reads == [v2.pk]


def test_the_iati_export_reads_the_version_once(v2, reads):
    export_iati(v2)
    assert reads == [v2.pk]


def test_the_findings_page_reads_the_version_once(client, v2, reads):
    assert client.get("/versi/{}/temuan/".format(v2.pk)).status_code == 200
    assert reads == [v2.pk]
