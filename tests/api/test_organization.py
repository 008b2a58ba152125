"""GET /api/agencies/{id}/organization: the unit tree with officials (NIP for who may see
personnel data only), what each unit holds, the crosscutting links with their status (issue 18)."""

from renstra.plans.crosscutting import LinkEnd, create_link, decide_link
from renstra.plans.models import Activity, Agency, Program, Unit
from tests.api.conftest import ApiClient


def test_the_organization_as_json_per_role(client, v2, tokens):
    agency = v2.plan.agency
    other = Agency.objects.get(short_name="DISKOMINFO")
    link = create_link(
        from_agency=agency,
        source=LinkEnd("kegiatan", Activity.objects.get(program__version=v2, code="17.23")),
        to_agency=other,
        target=LinkEnd("program", Program(code="2.16.01", name="Program Uji")),
    )
    decide_link(link=link, accept=False, note="bukan tugas kami")
    api = ApiClient(client)
    url = "/api/agencies/{}/organization".format(agency.pk)
    body = api.call("get", url, tokens["perencana"]).json()
    units = {u["name"]: u for u in body["units"]}
    assert len(units) == Unit.objects.filter(agency=agency).count()
    assert body["units"][0]["kind"] == "kepala"  # the tree's order: the head first
    head = units["Kepala Badan"]
    assert [o["name"] for o in head["officials"]][0] == "Pejabat Contoh C, S.E., M.M."
    assert head["officials"][0]["nip"] == "197106201995031001"
    bidang = units["Bidang Pengembangan Aparatur"]
    assert bidang["holds"] and all(h["level"] == "program" for h in bidang["holds"])
    assert body["crosscutting"] == [
        {
            "id": link.pk,
            "direction": "keluar",
            "other_agency": "DISKOMINFO",
            "own": link.from_ref.label,
            "other": link.to_ref.label,
            "note": "",
            "status": "rejected",
            "decision_note": "bukan tugas kami",
        }
    ]
    # The public (and another agency's planner) read it once the agency has a public approved
    # plan, as the page: without NIP and rank.
    assert v2.status == "approved" and v2.is_public
    for token in (None, tokens["perencana_lain"]):
        answer = api.call("get", url, token)
        assert answer.status_code == 200
        officials = [o for u in answer.json()["units"] for o in u["officials"]]
        assert officials and all(o["nip"] is None and o["rank"] is None for o in officials)
    # An agency without a public plan: its own planners only.
    other_url = "/api/agencies/{}/organization".format(other.pk)
    assert api.call("get", other_url).status_code == 404
    assert api.call("get", other_url, tokens["perencana"]).status_code == 404
    mine = api.call("get", other_url, tokens["perencana_lain"])
    assert mine.status_code == 200 and mine.json()["version_id"] is None
    missing = "/api/agencies/{}/organization".format(Agency.objects.order_by("-pk")[0].pk + 1)
    assert api.call("get", missing, tokens["admin"]).status_code == 404
