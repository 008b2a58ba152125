"""Every monitoring page reads a constant number of queries, whatever the plan's size: the pages
that show a whole year make the evaluation's queries and a fixed few of their own; the others a
fixed number. Each count is taken on the demo's version 2 with its example realization, then
again after the version has grown on every level (with realization, budget, owners and
evidence on the new items): it must not move."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from renstra.monitoring import services
from renstra.monitoring.evaluation import evaluate
from renstra.plans.models import Indicator, Unit
from renstra.plans.queries import version_with_plan
from tests.growth import grow, queries
from tests.monitoring.rows import row_fields

YEAR = 2018

# Queries a page makes besides the evaluation's: the session, the user, the user's profile,
# the version with its missions, the memberships behind the permission checks (read once per
# request, renstra.accounts.rules._memberships), and then the page's own:
FRAME = 6
WHOLE_YEAR_PAGES = {
    "pemantauan/{year}/": FRAME,  # the realization grid
    "pemantauan/{year}/tunggakan/": FRAME,  # belum diisi
    "pemantauan/{year}/anggaran/": FRAME + 1,  # + the budget figures with their status
    "evaluasi/{year}/": FRAME + 1,  # the evaluation table, + the agency's signature block
    "evaluasi/{year}.csv": FRAME + 1,  # + the signature block
    "dasbor/{year}/": FRAME + 2,  # + planned and spent per year, for the years chart
}
# Pages that do not evaluate the whole year, with their exact count.
OTHER_PAGES = {
    # the frame, indicators with owners and assignments, units, people, the default year
    "penanggung-jawab/": 10,
    "pemantauan/": 7,  # the frame and the default year
}
# One indicator's year: the frame, the indicator with its owner, its targets, figures and
# assignment (its evaluation), the Renja of the year (renstra.monitoring.year_plans), its
# figures with who entered them, evidence, history.
INDICATOR_PAGE = 14


@pytest.fixture
def grown(sample, planner):
    """Grow version 2 after a first count, with monitoring data on the new items too."""

    def make():
        made = grow(sample, programs=4, goals=1)
        version = version_with_plan(sample.pk)
        for indicator in made:
            services.save_realization(indicator, YEAR, 1, "2 dokumen", user=planner)
        entry = services.save_realization(made[0], YEAR, 2, "1 dokumen", user=planner)
        services.add_evidence(entry, SimpleUploadedFile("hadir.pdf", b"%PDF-1"), user=planner)
        for indicator in made[:3]:
            services.save_budget(indicator.activity, YEAR, 1, "250", user=planner)
        services.assign_owners(
            version=version,
            indicators=made,
            new_unit="Bidang Uji",
            person=planner,
            user=planner,
        )
        assert Unit.objects.filter(name="Bidang Uji").exists()
        return made

    return make


def _evaluation_queries(version_id: int) -> int:
    version = version_with_plan(version_id)  # as the page has it: with its plan
    return queries(evaluate, version, YEAR)


def _page_queries(client, version, page: str) -> int:
    url = "/versi/{}/{}".format(version.pk, page.format(year=YEAR))

    def get():
        response = client.get(url)
        assert response.status_code in (200, 302), url

    return queries(get)


def test_whole_year_pages_make_the_evaluations_queries_and_a_fixed_few(
    client, sample, planner, grown
):
    client.force_login(planner)
    evaluation = _evaluation_queries(sample.pk)
    before = {page: _page_queries(client, sample, page) for page in WHOLE_YEAR_PAGES}
    assert before == {page: evaluation + own for page, own in WHOLE_YEAR_PAGES.items()}
    grown()
    assert _evaluation_queries(sample.pk) == evaluation
    after = {page: _page_queries(client, sample, page) for page in WHOLE_YEAR_PAGES}
    assert after == before


def test_the_other_pages_make_a_fixed_number_of_queries(client, sample, planner, grown):
    client.force_login(planner)
    indicator = Indicator.objects.filter(version=sample, activity__isnull=False).first()
    entry = services.save_realization(indicator, 2020, 1, "5", user=planner)
    for name in ("hadir.pdf", "foto.pdf"):  # however many files a figure has
        services.add_evidence(entry, SimpleUploadedFile(name, b"%PDF-1"), user=planner)
    pages = {**OTHER_PAGES, "pemantauan/2020/indikator/{}/".format(indicator.pk): INDICATOR_PAGE}
    before = {page: _page_queries(client, sample, page) for page in pages}
    assert before == pages
    grown()
    assert {page: _page_queries(client, sample, page) for page in pages} == pages


# A row save of the realization grid: the frame without the page's second membership read (6),
# the indicator (1); the transaction's two ends (savepoints inside a test), the row's figures
# read under its lock, the write and its history (5); the row's evaluation: targets, figures,
# owner with person, the Renja of the year (4). On PostgreSQL one more: the indicator's row
# lock.
ROW_SAVE = 16


@pytest.fixture
def row_save_queries():
    return ROW_SAVE + (1 if connection.vendor == "postgresql" else 0)


def test_a_row_save_makes_a_fixed_number_of_queries(
    client, sample, planner, grown, row_save_queries
):
    client.force_login(planner)
    indicator = Indicator.objects.filter(
        version=sample, activity__isnull=False, value_type="number"
    ).first()
    row, year = "ind-{}".format(indicator.pk), 2020  # 2020: no example figures, all open
    url = "/versi/{}/pemantauan/{}/indikator/{}/simpan/".format(sample.pk, year, indicator.pk)
    fields = row_fields(
        client.get("/versi/{}/pemantauan/{}/".format(sample.pk, year)).content.decode(), row
    )

    def save(text):
        answer = client.post(url, {**fields, "q2": text}, HTTP_HX_REQUEST="true")
        assert answer.status_code == 200 and 'data-quarter="2" data-outcome="saved"' in (
            answer.content.decode()
        )
        fields.update(row_fields(answer.content.decode(), row))

    assert [queries(save, text) for text in ("5", "6")] == [row_save_queries, row_save_queries]
    grown()
    assert queries(save, "7") == row_save_queries
