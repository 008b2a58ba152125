"""Import and export pages cost a pinned number of queries, whatever the plan's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.growth import grow

# 2 for the version the page checks (version_for); the export reads the version again whole:
# 2 for the version with its plan, 11 for the read model, 1 for the RPJMD's missions
# (tests/interchange/test_jsonio.py); sections add 3 for monitoring and 1 for comments.
PLAN = 2 + 2 + 11 + 1
SECTIONS = 3 + 1
# A signed-in reader costs the session, the user and their profile (their language).
SIGNED_IN = 3


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _downloads(version) -> list[str]:
    return [
        url.format(version.pk)
        for url in (
            "/versi/{}/unduh/renstra.json",
            "/versi/{}/unduh/iati.xml",
            "/versi/{}/unduh/templat.xlsx",
        )
    ]


@pytest.mark.parametrize("reader", [None, "auditor"])
def test_downloads_do_not_read_more_for_a_bigger_plan(client, v2, make_user, reader):
    if reader:
        client.force_login(make_user("pembaca_uji", reader))
    before = {url: _queries(client, url) for url in _downloads(v2)}
    grow(v2, programs=4, goals=2)
    assert {url: _queries(client, url) for url in _downloads(v2)} == before


def test_the_json_and_the_workbook_are_pinned(client, v2, make_user):
    json_url, _iati, workbook_url = _downloads(v2)
    # The public gets the plan without the internal sections; the workbook never has them.
    assert _queries(client, json_url) == PLAN
    assert _queries(client, workbook_url) == PLAN + SECTIONS
    client.force_login(make_user("auditor_uji", "auditor"))
    # One more for the reader's memberships: may they see the monitoring?
    assert _queries(client, json_url) == SIGNED_IN + 1 + PLAN + SECTIONS


def test_the_template_and_the_import_form_are_pinned(client, v2, make_user):
    assert _queries(client, "/templat-renstra.xlsx") == 0
    client.force_login(make_user("perencana_uji", "planner", v2))
    # The versions the user may revise, read at once, and the user's memberships.
    before = _queries(client, "/impor/")
    grow(v2, programs=4, goals=2)
    assert _queries(client, "/impor/") == before == SIGNED_IN + 2
