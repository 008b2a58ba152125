"""Where an import puts its version: `renstra import FILE` makes a new plan; `--revises N` the
next draft of N's plan, revising N whatever the file says, refused while that plan has an open
draft; a label the plan already uses is made distinct. The import page's tasks do the same."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from renstra.core.errors import ImportRejected
from renstra.interchange.jsonio import export_version, import_version
from renstra.interchange.models import ImportJob
from renstra.interchange.workbook import export_workbook, import_workbook
from renstra.plans.choices import VersionStatus as S
from renstra.plans.models import Plan, PlanVersion
from renstra.review.services import change_status


def _import(tmp_path, name: str, content: bytes, **options) -> PlanVersion:
    path = tmp_path / name
    path.write_bytes(content)
    out = io.StringIO()
    call_command("import", str(path), stdout=out, **options)
    return PlanVersion.objects.get(pk=int(out.getvalue().rsplit("(id ", 1)[1].rstrip(")\n")))


def _json(version) -> bytes:
    return json.dumps(export_version(version)).encode()


def _approve(version):
    for status in (S.SUBMITTED, S.VERIFIED, S.APPROVED):
        change_status(version=version, to_status=status)
    version.refresh_from_db()


def test_import_without_revises_creates_a_new_plan(v2, tmp_path):
    plans = Plan.objects.count()
    version = _import(tmp_path, "renstra.json", _json(v2))
    assert Plan.objects.count() == plans + 1 and version.plan_id != v2.plan_id
    assert (version.plan.title, version.plan.agency) == (v2.plan.title, v2.plan.agency)
    # The file's own identity stands where nothing contradicts it: its number and label.
    assert (version.number, version.label, version.revises) == (2, v2.label, None)
    assert v2.plan.versions.count() == 2  # the existing plan is left as it was


def test_a_workbook_without_revises_creates_a_new_plan_too(v2, tmp_path):
    version = _import(tmp_path, "renstra.xlsx", export_workbook(v2))
    assert version.plan_id != v2.plan_id and v2.plan.versions.count() == 2


def test_revises_names_the_version_revised_whatever_the_file_says(v1, v2, tmp_path):
    document = export_version(v2)
    assert document["version"]["revises"] == 1  # version 2 revised version 1
    version = _import(tmp_path, "renstra.json", _json(v2), revises=v2.pk)
    assert (version.plan_id, version.number, version.status) == (v2.plan_id, 3, S.DRAFT)
    assert version.revises == v2
    assert export_version(version)["version"]["revises"] == 2


def test_revises_through_the_workbook_too(v1, v2, tmp_path):
    # Version 1's workbook (it revised nothing) as a new draft revising version 2.
    version = _import(tmp_path, "renstra.xlsx", export_workbook(v1), revises=v2.pk)
    assert (version.plan_id, version.number, version.revises) == (v2.plan_id, 3, v2)
    assert version.label == "{} (versi 3)".format(v1.label)


def test_an_import_into_a_plan_with_an_open_draft_is_refused_naming_it(v2, draft, tmp_path):
    before = PlanVersion.objects.count()
    with pytest.raises(CommandError) as refused:
        _import(tmp_path, "renstra.json", _json(v2), revises=v2.pk)
    message = str(refused.value)
    assert "sudah punya draf terbuka: versi 3 ('{}', Draf)".format(draft.label) in message
    assert "ajukan atau hapus draf itu dulu" in message
    with pytest.raises(ImportRejected) as rejected:
        import_workbook(export_workbook(v2), revises=draft)
    assert [(e.source, e.row) for e in rejected.value.errors][:1] == [("identitas", 20)]
    assert "draf terbuka: versi 3" in rejected.value.errors[0].reason
    assert PlanVersion.objects.count() == before


def test_the_open_draft_is_named_with_every_other_error(v2, draft):
    document = export_version(v2)
    document["programs"][0]["name"] = ""
    with pytest.raises(ImportRejected) as rejected:
        import_version(document, revises=v2)
    assert [e.column for e in rejected.value.errors] == ["$.version", "$.programs[0].name"]


def test_the_import_page_refuses_a_new_draft_while_one_is_open(client, v2, draft, make_user):
    client.force_login(make_user("perencana_uji", "planner", v2))
    upload = SimpleUploadedFile("renstra.json", _json(v2), "application/json")
    response = client.post("/impor/", {"berkas": upload, "revisi": str(draft.pk)})
    job = ImportJob.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))
    assert job.stage == "rejected" and job.version is None
    assert "draf terbuka: versi 3" in job.errors[0]["reason"]
    assert v2.plan.versions.count() == 3


def test_the_import_page_records_the_version_chosen_as_revised(client, v2, make_user):
    client.force_login(make_user("perencana_uji", "planner", v2))
    upload = SimpleUploadedFile("renstra.json", _json(v2), "application/json")
    client.post("/impor/", {"berkas": upload, "revisi": str(v2.pk)})
    created = v2.plan.versions.get(number=3)
    assert (created.revises, created.label) == (v2, "{} (versi 3)".format(v2.label))


def test_a_label_too_long_to_be_made_distinct_is_an_error(v2, tmp_path):
    document = export_version(v2)
    document["version"]["label"] = "L" * 195
    first = import_version(document)  # a new plan, with that label
    _approve(first)
    with pytest.raises(ImportRejected) as rejected:
        import_version(document, revises=first)
    error = rejected.value.errors[0]
    assert error.column == "$.version.label"
    assert "lebih dari 200 karakter" in error.reason and "Pendekkan" in error.reason
