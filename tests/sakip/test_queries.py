"""The Renja's pages read a constant number of queries, whatever the Renja's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renstra.plans.models import Unit
from renstra.sakip.models import Iku, RenjaFunding, RenjaIndicator, RenjaItem
from renstra.sakip.services import create_renja

PAGES = ("sakip:renja", "sakip:renja_dpa", "sakip:renja_findings")


@pytest.fixture
def planner(make_user, v2):
    return make_user("perencana-hitung", "planner", v2)


def _grow(renja, count: int) -> None:
    """`count` more kegiatan, each with two indicators and its pagu (a test builder)."""
    for number in range(count):
        item = RenjaItem.objects.create(
            renja=renja, level="kegiatan", code="99.{:02d}".format(number), name="Uji", order=900
        )
        RenjaFunding.objects.create(item=item, pagu_raw="1.000", pagu=1000, renstra_amount=1000)
        for position in (1, 2):
            RenjaIndicator.objects.create(
                item=item, name="Indikator {}".format(position), order=position
            )


def _counts(client, renja) -> dict[str, int]:
    counts = {}
    for name in PAGES:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name, args=[renja.pk])).status_code == 200
        counts[name] = len(queries)
    return counts


def test_renja_pages_read_the_same_queries_for_any_size(client, v2, planner):
    renja = create_renja(version=v2, year=2019, user=planner)
    client.force_login(planner)
    client.get(reverse("sakip:renja", args=[renja.pk]))  # the session's first reads
    before = _counts(client, renja)
    _grow(renja, 15)
    assert _counts(client, renja) == before
    # session, user, profile (language), the Renja (with agency, region, source), memberships
    # (the permission), its items (with pagu), their indicators: pinned, so a query per row
    # shows here.
    assert before == dict.fromkeys(PAGES, 7)


def test_iku_page_and_form_read_the_same_queries_for_any_number_of_iku(client, v2, planner):
    agency = v2.plan.agency
    client.force_login(planner)
    client.get(reverse("sakip:iku_list", args=[agency.pk]))

    def counts():
        found = []
        for name in ("sakip:iku_list", "sakip:iku_create"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name, args=[agency.pk])).status_code == 200
            found.append(len(queries))
        return found

    def add(count):
        for number in range(count):
            Iku.objects.create(
                agency=agency,
                name="IKU {}".format(number),
                definition="d",
                data_source="s",
                year_start=2017,
                year_end=2021,
                unit=Unit.objects.filter(agency=agency).first(),
            )

    add(1)
    before = counts()
    add(6)
    assert counts() == before
