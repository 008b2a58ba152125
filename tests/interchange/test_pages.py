"""Import and export pages: the template, a version's JSON / IATI / workbook, the import form."""

import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from renstra.interchange.jsonio import comparable, export_version
from renstra.interchange.workbook import export_workbook
from renstra.monitoring.sample import load_sample_realization
from renstra.plans.models import Indicator, PlanVersion
from tests.interchange.drafts import as_next_draft

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_anyone_downloads_the_template(client):
    response = client.get("/templat-renstra.xlsx")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "petunjuk" in [n.lower() for n in load_workbook(io.BytesIO(response.content)).sheetnames]


def test_the_public_json_leaves_out_internal_monitoring(client, v2, make_user):
    make_user("perencana", "planner", v2)
    make_user("kepala", "head", v2)
    load_sample_realization(v2)
    public = json.loads(client.get("/versi/{}/unduh/renstra.json".format(v2.pk)).content)
    assert "monitoring" not in public and public["format"] == "renstra-plan"
    client.force_login(make_user("auditor_uji", "auditor"))
    internal = json.loads(client.get("/versi/{}/unduh/renstra.json".format(v2.pk)).content)
    assert len(internal["monitoring"]["realizations"]) > 500
    iati = client.get("/versi/{}/unduh/iati.xml".format(v2.pk)).content
    assert b"<actual" in iati
    client.logout()
    assert b"<actual" not in client.get("/versi/{}/unduh/iati.xml".format(v2.pk)).content


def test_a_planner_imports_a_workbook_as_a_new_draft_of_the_plan(client, v2, make_user):
    client.force_login(make_user("perencana_uji", "planner", v2))
    upload = SimpleUploadedFile("renstra.xlsx", export_workbook(v2), content_type=XLSX)
    response = client.post("/impor/", {"berkas": upload, "revisi": str(v2.pk)})
    # The import is a background task (run inline under the test suite); the page moves on to
    # the job's page, which links to the new version.
    assert response.status_code == 302 and response["Location"].startswith("/impor/")
    created = PlanVersion.objects.filter(plan=v2.plan).order_by("-number").first()
    job_page = client.get(response["Location"]).content.decode()
    assert 'href="/versi/{}/"'.format(created.pk) in job_page
    assert (created.status, created.revises) == ("draft", v2)
    assert comparable(export_version(created)) == as_next_draft(export_version(v2), 3)


def test_a_rejected_import_lists_every_error_and_writes_nothing(client, v2, make_user):
    client.force_login(make_user("perencana_uji", "planner", v2))
    document = export_version(v2)
    document["programs"][0]["funding"][0]["raw_text"] = "sejuta"
    document["programs"][1]["name"] = ""
    before = Indicator.objects.count()
    upload = SimpleUploadedFile("renstra.json", json.dumps(document).encode(), "application/json")
    response = client.post("/impor/", {"berkas": upload, "revisi": str(v2.pk)}, follow=True)
    assert response.redirect_chain[0][0].startswith("/impor/")
    html = response.content.decode()
    assert html.count("<tr><td>renstra.json") == 2
    assert "$.programs[0].funding[0].raw_text" in html and "$.programs[1].name" in html
    assert 'download="kesalahan-impor.csv"' in html
    assert Indicator.objects.count() == before


def test_a_planner_may_not_bring_in_a_plan_of_another_agency(client, v2, make_user):
    from renstra.plans.models import Agency

    other = Agency.objects.create(region=v2.plan.agency.region, short_name="DISHUB", name="Dishub")
    planner = make_user("perencana_dishub", "planner", v2)
    planner.memberships.update(agency=other)
    client.force_login(planner)
    upload = SimpleUploadedFile("renstra.xlsx", export_workbook(v2), content_type=XLSX)
    response = client.post("/impor/", {"berkas": upload}, follow=True)
    assert response.redirect_chain[0][0].startswith("/impor/")
    assert "Perangkat Daerah Anda sendiri" in response.content.decode()
    assert PlanVersion.objects.filter(plan=v2.plan).count() == 2
