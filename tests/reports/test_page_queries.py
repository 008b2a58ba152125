"""Report pages and downloads cost a pinned number of queries, whatever the plan's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renstra.render.registry import TABLES
from tests.growth import grow

# 2 for the version the page checks (version_for), 13 for the table's read of the version
# (tests/reports/test_tables_plan.py READ_QUERIES), 1 for the agency's signature block.
TABLE_PAGE = 2 + 13 + 1
# The whole plan reads the version once for all the tables of the plan document (one_read),
# the signature once.
PLAN_DOWNLOAD = 2 + 13 + 1
# A file of a frozen version first looks for itself in the cache (renstra.reports.cache): the
# stamp of what it prints besides the plan reads the signature block and the units.
STAMP = 2


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _pages(version) -> list[str]:
    return [
        url.format(version.pk, key)
        for key in TABLES
        for url in ("/versi/{}/tabel/{}/", "/versi/{}/tabel/{}.csv", "/versi/{}/tabel/{}.xlsx")
    ]


def test_table_pages_do_not_read_more_for_a_bigger_plan(client, v2):
    before = {url: _queries(client, url) for url in _pages(v2)}
    grow(v2, programs=4, goals=2)
    assert {url: _queries(client, url) for url in _pages(v2)} == before


@pytest.mark.parametrize("key", [k for k, t in TABLES.items() if t.in_plan_document])
@pytest.mark.parametrize("suffix", ["/", ".csv", ".pdf"])
def test_a_plan_table_page_reads_the_version_once(client, v2, key, suffix):
    stamp = STAMP if suffix != "/" else 0
    assert _queries(client, "/versi/{}/tabel/{}{}".format(v2.pk, key, suffix)) == TABLE_PAGE + stamp


def test_the_whole_plan_download_is_pinned(client, v2):
    url = "/versi/{}/renstra.xlsx".format(v2.pk)
    assert _queries(client, url) == PLAN_DOWNLOAD + STAMP
    grow(v2, programs=4, goals=2)
    assert _queries(client, url) == PLAN_DOWNLOAD + STAMP
