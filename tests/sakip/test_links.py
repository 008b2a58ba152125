"""The version page leads signed-in readers of the agency to its Renja and IKU pages; the
public, who may not see them, gets no link."""


def test_the_version_page_links_to_the_agencys_renja_and_iku(client, v2, make_user):
    renja = "/perangkat-daerah/{}/renja/".format(v2.plan.agency_id)
    iku = "/perangkat-daerah/{}/iku/".format(v2.plan.agency_id)
    public = client.get("/versi/{}/".format(v2.pk)).content.decode()
    assert renja not in public and iku not in public
    client.force_login(make_user("perencana-renja", "planner", v2))
    page = client.get("/versi/{}/".format(v2.pk)).content.decode()
    assert 'href="{}"'.format(renja) in page and 'href="{}"'.format(iku) in page
    assert client.get(renja).status_code == 200 and client.get(iku).status_code == 200
