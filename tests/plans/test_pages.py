"""The read-only pages a new user sees first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renstra.plans.models import Program
from tests.growth import grow


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


# Pinned so that a new query on the page is a decision, not an accident: session, user and
# profile (3), the version with its missions (2), the user's memberships (1), then the whole
# version through the read model (renstra.plans.readmodel: 11 flat queries). The version page
# was 22 when it read the goals side and the programs side through nested prefetches (16
# queries). The performance tree reads the same, then the RPJMD in force with its sasaran's
# indicators and targets (3) and the agency's units, officials, assignments and crosscutting
# links (4): renstra.plans.performance_tree.
CASCADE_QUERIES = 17
TREE_QUERIES = CASCADE_QUERIES + 7
VERSION_PAGES = ("/versi/{}/", "/versi/{}/pohon/")
PINNED = {"/versi/{}/": CASCADE_QUERIES, "/versi/{}/pohon/": TREE_QUERIES}


@pytest.mark.parametrize("page", [*VERSION_PAGES, "/versi/{}/tabel/6.1/", "/versi/{}/tabel/6.2/"])
def test_page_query_count_does_not_grow_with_the_plan(client, v1, draft, page, make_user):
    client.force_login(make_user("perencana-uji", "planner", draft))
    small = _queries(client, page.format(v1.pk))
    large = _queries(client, page.format(draft.pk))
    grow(draft, programs=5, goals=2)
    larger = _queries(client, page.format(draft.pk))
    assert large == larger
    # A public version is readable without looking up the user's memberships: one query less;
    # except on the version page, which also asks whether the user may see its monitoring, and
    # on the tree, which asks whether the user may link its items to other agencies'.
    assert small == (large if page in VERSION_PAGES else large - 1)
    if page in VERSION_PAGES:
        assert larger == PINNED[page]


def test_version_page_shows_what_grows_on_every_level(client, draft, make_user):
    """The read model links every level: a grown goal, sasaran, strategy, policy direction,
    program, kegiatan, indicator, target and funding each reach the page."""
    client.force_login(make_user("perencana-uji", "planner", draft))
    grow(draft, programs=1, goals=1)
    page = client.get("/versi/{}/".format(draft.pk)).content.decode()
    for text in (
        "Tujuan uji",
        "Sasaran uji",
        "Strategi uji",
        "Arah kebijakan uji",
        "Program uji 0",
    ):
        assert text in page
    program = Program.objects.get(version=draft, code="90")
    row = page[page.index('id="program-{}"'.format(program.pk)) :]
    assert "1.500" in row and "90.00" in row and "4 dokumen" in row
    tree = client.get("/versi/{}/pohon/".format(draft.pk)).content.decode()
    sasaran = tree.index("Sasaran uji")
    assert sasaran < tree.index("Program uji 0") < tree.index("Kegiatan 90.00")


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
