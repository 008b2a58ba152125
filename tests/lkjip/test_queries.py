"""The LKjIP's page and documents read a constant number of queries, whatever the plan's size:
the evaluation of the year and of each earlier year, and a fixed few of their own (the PK, the
IKU, the signature, the missions). Counted on the demo's version 2 with its example
realization, then again after the version has grown on every level with realization on the
new items: the count must not move."""

from renstra.monitoring import services
from renstra.plans.models import Objective
from tests.growth import grow, queries

YEAR = 2018


def test_the_report_page_does_not_grow_with_the_plan(client, lkjip, planner):
    client.force_login(planner)
    url = "/lkjip/{}/".format(lkjip.pk)

    def page():
        assert client.get(url).status_code == 200

    page()  # the session and caches settle
    before = queries(page)
    made = grow(lkjip.version, programs=4, goals=2)
    for indicator in made:
        services.save_realization(indicator, YEAR, 1, "2 dokumen", user=planner)
    grown = client.get(url)
    sasaran = Objective.objects.filter(goal__version=lkjip.version).count()
    assert grown.content.decode().count('id="sasaran-') == sasaran == 3
    assert queries(page) == before
    # The session, user, memberships and the LKjIP (with agency, region, version, plan);
    # the version read whole (eleven); the year's rows; 2017's realization and Renja; the
    # head's PK, the IKU, the signature block, the missions.
    assert before == 28


def test_the_documents_do_not_grow_with_the_plan(client, lkjip, planner):
    client.force_login(planner)
    url = "/lkjip/{}/lkjip.docx".format(lkjip.pk)

    def download():
        assert client.get(url).status_code == 200

    download()
    before = queries(download)
    grow(lkjip.version, programs=2, goals=1)
    assert queries(download) == before
