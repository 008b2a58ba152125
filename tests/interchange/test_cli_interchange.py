"""`renstra export --format json|iati|templat`, `renstra export --template` and `renstra import`."""

import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from renstra.interchange.jsonio import comparable, export_version
from renstra.plans.models import PlanVersion
from tests.interchange.drafts import as_next_draft


def test_json_export_then_import_as_a_new_draft_of_the_plan(v2, tmp_path):
    path = tmp_path / "renstra.json"
    call_command("export", plan=v2.pk, format="json", output=str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "renstra-plan"
    out = io.StringIO()
    call_command("import", str(path), revises=v2.pk, stdout=out)
    created = PlanVersion.objects.filter(plan=v2.plan).order_by("-number").first()
    assert "Diimpor" in out.getvalue() and "(id {})".format(created.pk) in out.getvalue()
    assert (created.status, created.number, created.revises) == ("draft", 3, v2)
    assert comparable(export_version(created)) == as_next_draft(document, 3)


def test_workbook_export_and_import(v2, tmp_path):
    path = tmp_path / "renstra.xlsx"
    call_command("export", plan=v2.pk, format="templat", output=str(path))
    assert "petunjuk" in [s.lower() for s in load_workbook(path).sheetnames]
    call_command("import", str(path), revises=v2.pk, stdout=io.StringIO())
    created = PlanVersion.objects.filter(plan=v2.plan).order_by("-number").first()
    assert comparable(export_version(created)) == as_next_draft(export_version(v2), 3)


def test_empty_template_and_iati(v2, tmp_path):
    template = tmp_path / "templat.xlsx"
    call_command("export", template=True, output=str(template))
    assert len(load_workbook(template).sheetnames) >= 6
    iati = tmp_path / "iati.xml"
    call_command("export", plan=v2.pk, format="iati", output=str(iati))
    assert ET.parse(iati).getroot().tag == "iati-activities"


def test_import_refuses_other_files_and_reports_errors(tmp_path, v2):
    text = tmp_path / "renstra.txt"
    text.write_text("x")
    with pytest.raises(CommandError, match=r"\.xlsx .*, \.json atau \.csv"):
        call_command("import", str(text))
    broken = tmp_path / "rusak.json"
    broken.write_text('{"format": "renstra-plan", ')
    with pytest.raises(CommandError, match="Bukan JSON yang sah"):
        call_command("import", str(broken))
    garbage = tmp_path / "acak.xlsx"
    garbage.write_bytes(b"\x00\x01bukan zip")
    with pytest.raises(CommandError, match="Impor ditolak"):
        call_command("import", str(garbage))
