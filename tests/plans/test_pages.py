"""The read-only pages a new user sees first."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renstra.plans.models import Activity, Funding, Indicator, Program, Target


def test_plan_list_shows_both_versions_of_the_bontang_plan(client, v1, v2):
    page = client.get("/").content.decode()
    assert page.count("Renstra BKPSDM Kota Bontang 2016-2021") == 2
    assert 'href="/versi/{}/">Versi 1<'.format(v1.pk) in page
    assert 'href="/versi/{}/">Versi 2<'.format(v2.pk) in page
    assert "Kota Bontang" in page


def test_cascade_of_version_2_shows_the_reviewed_goal_indicator_and_funding(client, v2):
    response = client.get("/versi/{}/".format(v2.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Meningkatnya profesionalitas ASN" in page
    assert "Indeks profesionalitas ASN" in page
    assert "Pendidikan dan Pelatihan untuk ASN daerah" in page  # an arah kebijakan
    assert "1.047.655.345" in page  # program 16, 2017, rupiah as Indonesians write it
    assert "711.827.200" in page  # 17.25 in 2019, printed "711.827.200,00"


def test_cascade_of_version_1_shows_the_six_goals(client, v1):
    page = client.get("/versi/{}/".format(v1.pk)).content.decode()
    assert "Terwujudnya laporan keuangan yang transparan, akuntabel dan partisipatif" in page
    assert "Skor IKM" in page
    assert "81 %" in page


def test_unknown_version_is_404(client, v2):
    assert client.get("/versi/{}/".format(v2.pk + 1000)).status_code == 404


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(version, programs: int):
    """Add programs with activities, indicators, targets and funding to a version."""
    for p in range(programs):
        program = Program.objects.create(
            version=version, code="9{}".format(p), name="Program uji", order=900 + p
        )
        Funding.objects.create(program=program, year=2017, raw_text="1.000", amount=Decimal(1000))
        for a in range(3):
            activity = Activity.objects.create(
                program=program, code="9{}.0{}".format(p, a), name="Kegiatan uji"
            )
            Funding.objects.create(
                activity=activity, year=2018, raw_text="500", amount=Decimal(500)
            )
            indicator = Indicator.objects.create(
                version=version, activity=activity, name="Jumlah uji", kind="output"
            )
            Target.objects.create(
                indicator=indicator, year=2019, raw_text="1 dokumen", kind="number", value=1
            )


# session, user and memberships of the signed-in planner, then the plan in constant queries
CASCADE_QUERIES = 22


@pytest.mark.parametrize("page", ["/versi/{}/", "/versi/{}/tabel/6.1/", "/versi/{}/tabel/6.2/"])
def test_page_query_count_does_not_grow_with_the_plan(client, v1, draft, page, make_user):
    client.force_login(make_user("perencana-uji", "planner", draft))
    small = _queries(client, page.format(v1.pk))
    large = _queries(client, page.format(draft.pk))
    _grow(draft, programs=5)
    larger = _queries(client, page.format(draft.pk))
    assert large == larger
    # A public version is readable without looking up the user's memberships: one query less;
    # except on the version page, which also asks whether the user may see its monitoring.
    assert small == (large if page == "/versi/{}/" else large - 1)
    if page == "/versi/{}/":
        assert larger == CASCADE_QUERIES


def test_table_pages_offer_downloads_and_mark_declared_totals_that_differ(client, v2):
    page = client.get("/versi/{}/tabel/6.1/".format(v2.pk)).content.decode()
    assert "Tabel 6.1 Pendanaan Indikatif" in page
    assert "/versi/{}/tabel/6.1.csv".format(v2.pk) in page
    download = client.get("/versi/{}/tabel/6.1.csv".format(v2.pk))
    assert download["Content-Type"].startswith("text/csv")
    assert "attachment" in download["Content-Disposition"]
    assert download.content.decode().splitlines()[0] == "kode,uraian,2017,2018,2019,2020,2021"


def test_declared_total_that_differs_from_its_activities_is_marked(client, draft, make_user):
    client.force_login(make_user("perencana-uji", "planner", draft))
    program = Program.objects.get(version=draft, code="06")
    funding = program.funding.get(year=2017)
    funding.amount += 1
    funding.save()
    page = client.get("/versi/{}/tabel/6.1/".format(draft.pk)).content.decode()
    assert 'class="program level-0 marked"' in page
    assert (
        "Tahun 2017: total program tertulis 100.000.001, jumlah kegiatan 100.000.000 (selisih 1)."
        in page
    )
