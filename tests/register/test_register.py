"""The document register: statuses computed from the system's documents, deadlines from the
schedule or the rules, overdue by the clock, uploads and remarks, the console's red mark, and a
region read in a constant number of queries."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renstra.interchange.region_demo import generate_region
from renstra.monitoring.services import save_realization
from renstra.plans.models import Indicator
from renstra.register.models import RegisterEntry, Schedule
from renstra.register.register import agency_register, default_deadline, region_register
from renstra.register.services import remark_document, set_deadline, upload_document
from renstra.sakip.agreements import (
    create_action_plan,
    finalize_action_plan,
    sign_agreement,
    upload_scan,
)

YEAR = 2019
pytestmark = pytest.mark.django_db


def _rows(agency, year=YEAR):
    return {(row.document_type, row.unit_id): row for row in agency_register(agency, year)}


def test_the_demo_agency_without_sakip_documents_has_its_renstra_and_nothing_else(
    v2, planner, today
):
    today(datetime.date(2019, 1, 10))
    agency = v2.plan.agency
    rows = _rows(agency)
    assert (rows[("renstra", None)].status, rows[("renstra", None)].url) == (
        "ditetapkan",
        reverse("plans:version", args=[v2.pk]),
    )
    statuses = {key: row.status for key, row in rows.items() if key != ("renstra", None)}
    assert statuses == {
        ("renja", None): "belum",
        ("iku", None): "belum",
        ("pk", None): "belum",
        ("renaksi", None): "belum",
        ("lkjip", None): "belum",
        ("evaluasi", None): "belum",
    }
    # On 10 January 2019 only the Renja (due 31 July 2018) is late.
    assert [key for key, row in rows.items() if row.overdue] == [("renja", None)]
    # The year's evaluation exists once the Renstra has realization of the year.
    indicator = Indicator.objects.filter(version=v2, activity__isnull=False).first()
    save_realization(indicator, YEAR, 2, "10 orang", user=planner)
    assert _rows(agency)[("evaluasi", None)].status == "draf"


def test_a_renja_and_a_pk_show_as_drafts_and_signing_the_pk_changes_its_row(
    v2, renja, head_pk, head_unit, planner
):
    agency = v2.plan.agency
    rows = _rows(agency)
    assert rows[("renja", None)].status == "draf"
    assert rows[("renja", None)].url == "/renja/{}/".format(
        head_pk.renja_id or rows[("renja", None)].url.split("/")[2]
    )
    pk_row = rows[("pk", head_unit.pk)]
    assert (pk_row.status, pk_row.has_scan) == ("draf", False)
    assert pk_row.url == "/pk/{}/".format(head_pk.pk)
    assert rows[("renaksi", head_unit.pk)].status == "belum"
    sign_agreement(agreement=head_pk, user=planner)
    assert _rows(agency)[("pk", head_unit.pk)].status == "ditetapkan"


def test_past_the_deadline_a_missing_document_is_overdue_and_a_final_one_is_not(
    v2, head_pk, head_unit, planner, today
):
    agency = v2.plan.agency
    today(datetime.date(2019, 2, 1))  # the PK's default deadline is 31 January 2019
    rows = _rows(agency)
    assert rows[("pk", head_unit.pk)].deadline == datetime.date(2019, 1, 31)
    assert rows[("pk", head_unit.pk)].overdue is True
    assert rows[("lkjip", None)].overdue is False  # due by 28 February 2020
    sign_agreement(agreement=head_pk, user=planner)
    assert _rows(agency)[("pk", head_unit.pk)].overdue is False


def test_the_console_shows_an_agencys_overdue_documents_in_red(client, v2, verifier, today):
    today(datetime.date(2020, 3, 2))  # past the LKjIP of 2019 (29 February 2020)
    client.force_login(verifier)
    region = v2.plan.agency.region
    page = client.get("/wilayah/{}/konsol/?tahun={}".format(region.pk, YEAR))
    assert page.status_code == 200
    row = page.content.decode().split('id="pd-{}"'.format(v2.plan.agency_id))[1].split("</tr>")[0]
    assert 'class="field-error overdue"' in row
    assert "LKjIP" in row.split("Lewat tenggat:")[1]


def test_the_schedules_defaults_and_an_edited_deadline(client, v2, verifier, today):
    assert default_deadline("pk", 2019) == datetime.date(2019, 1, 31)
    assert default_deadline("lkjip", 2019) == datetime.date(2020, 2, 29)
    assert default_deadline("lkjip", 2020) == datetime.date(2021, 2, 28)
    assert default_deadline("renja", 2019) == datetime.date(2018, 7, 31)
    assert default_deadline("renstra", 2019) is None
    region = v2.plan.agency.region
    client.force_login(verifier)
    url = "/wilayah/{}/jadwal/".format(region.pk)
    page = client.get(url + "?tahun=2019").content.decode()
    assert 'name="deadline_pk" value="2019-01-31"' in page
    data = {"tahun": "2019", "deadline_pk": "2019-03-15", "note_pk": "DPA 14 Februari"}
    data |= {"deadline_lkjip": "2020-02-29"}
    assert client.post(url + "simpan/", data).status_code == 302
    saved = Schedule.objects.get(region=region, year=2019)
    assert (saved.document_type, saved.deadline, saved.note) == (
        "pk",
        datetime.date(2019, 3, 15),
        "DPA 14 Februari",
    )
    today(datetime.date(2019, 2, 1))
    assert _rows(v2.plan.agency)[("pk", None)].overdue is False
    today(datetime.date(2019, 3, 16))
    assert _rows(v2.plan.agency)[("pk", None)].overdue is True


def test_an_upload_that_is_not_pdf_or_image_is_refused_and_nothing_is_kept(
    client, v2, planner, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    agency = v2.plan.agency
    client.force_login(planner)
    url = "/perangkat-daerah/{}/register/".format(agency.pk)
    bad = SimpleUploadedFile("lkjip.docx", b"PK\x03\x04")
    response = client.post(
        url + "unggah/", {"tahun": "2019", "document_type": "lkjip", "file": bad}, follow=True
    )
    assert "Berkas harus PDF, JPG atau PNG; lkjip.docx bukan." in response.content.decode()
    assert RegisterEntry.objects.count() == 0
    good = SimpleUploadedFile("lkjip.pdf", b"%PDF-1.4")
    client.post(url + "unggah/", {"tahun": "2019", "document_type": "lkjip", "file": good})
    row = _rows(agency)[("lkjip", None)]
    assert (row.status, row.from_upload, row.entry.original_name) == ("diajukan", True, "lkjip.pdf")
    download = client.get("/register/berkas/{}/".format(row.entry.pk))
    assert b"".join(download.streaming_content) == b"%PDF-1.4"


def test_a_verifier_remarks_and_verifies_an_uploaded_document(
    v2, planner, verifier, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    agency = v2.plan.agency
    upload_document(
        agency=agency,
        year=YEAR,
        document_type="lkjip",
        upload=SimpleUploadedFile("lkjip.pdf", b"%PDF-1.4"),
        user=planner,
    )
    client.force_login(verifier)
    url = "/perangkat-daerah/{}/register/catatan/".format(agency.pk)
    data = {
        "tahun": "2019",
        "document_type": "lkjip",
        "remark": "Tanda tangan lengkap.",
        "status": "diverifikasi",
    }
    client.post(url, data)
    row = _rows(agency)[("lkjip", None)]
    assert (row.status, row.entry.remark, row.entry.remark_by) == (
        "diverifikasi",
        "Tanda tangan lengkap.",
        verifier,
    )
    # A document of the system keeps its own status: no status on the Renstra.
    client.post(url, {**data, "document_type": "renstra"})
    assert _rows(agency)[("renstra", None)].status == "ditetapkan"
    assert RegisterEntry.objects.filter(document_type="renstra").count() == 0


def _queries(region) -> int:
    with CaptureQueriesContext(connection) as captured:
        region_register(region, YEAR)
    return len(captured)


def test_a_region_is_read_in_as_many_queries_with_forty_agencies_as_with_five(v2):
    region = v2.plan.agency.region
    generate_region(template=v2, agencies=5, realization=False)
    five = _queries(region)
    generate_region(template=v2, agencies=40, realization=False)
    assert _queries(region) == five
    assert len(region_register(region, YEAR)) >= 41


def test_the_rencana_aksi_and_the_signed_scan_of_a_pk_show_on_its_unit_rows(
    v2, head_pk, head_unit, planner, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    agency = v2.plan.agency
    plan = create_action_plan(agreement=head_pk, user=planner)
    assert _rows(agency)[("renaksi", head_unit.pk)].status == "draf"
    sign_agreement(agreement=head_pk, user=planner)
    upload_scan(agreement=head_pk, upload=SimpleUploadedFile("pk.pdf", b"%PDF-1.4"), user=planner)
    rows = _rows(agency)
    assert (rows[("pk", head_unit.pk)].status, rows[("pk", head_unit.pk)].has_scan) == (
        "ditetapkan",
        True,
    )
    finalize_action_plan(plan=plan)
    assert _rows(agency)[("renaksi", head_unit.pk)].status == "ditetapkan"


def test_a_pk_uploaded_for_a_unit_without_one_in_the_system_has_its_own_row(
    v2, planner, head_unit, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    agency = v2.plan.agency
    upload_document(
        agency=agency,
        year=YEAR,
        document_type="pk",
        unit=head_unit,
        upload=SimpleUploadedFile("pk.jpg", b"\xff\xd8\xff"),
        user=planner,
    )
    rows = _rows(agency)
    assert ("pk", None) not in rows
    row = rows[("pk", head_unit.pk)]
    assert (row.label, row.status, row.from_upload) == (
        "Perjanjian Kinerja — {}".format(head_unit.name),
        "diajukan",
        True,
    )
    assert rows[("renaksi", head_unit.pk)].status == "belum"


def test_the_register_page_reads_as_many_queries_with_more_documents_and_remarks(
    client, v2, planner, verifier, head_pk, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    agency = v2.plan.agency
    client.force_login(verifier)
    url = "/perangkat-daerah/{}/register/?tahun={}".format(agency.pk, YEAR)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    remark_document(agency=agency, year=YEAR, document_type="renja", remark="a", user=verifier)
    one = count()
    create_action_plan(agreement=head_pk, user=planner)
    for document_type in ("lkjip", "evaluasi", "iku"):
        upload_document(
            agency=agency,
            year=YEAR,
            document_type=document_type,
            upload=SimpleUploadedFile("d.pdf", b"%PDF-1.4"),
            user=planner,
        )
        remark_document(
            agency=agency, year=YEAR, document_type=document_type, remark="b", user=verifier
        )
    assert count() == one
    page = client.get(url).content.decode()
    assert page.count("{} · ".format(verifier.username)) == 4  # each remark signed


def test_an_upload_over_twenty_megabytes_is_refused(v2, planner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile("pk.pdf", b"%PDF" + b"0" * (20 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        upload_document(
            agency=v2.plan.agency, year=YEAR, document_type="lkjip", upload=big, user=planner
        )
    assert refused.value.messages == ["Berkas paling besar 20 MB; berkas ini 20.0 MB."]
    assert RegisterEntry.objects.count() == 0


def test_a_deadline_set_back_to_the_rules_default_leaves_no_schedule_row(v2):
    region = v2.plan.agency.region
    set_deadline(
        region=region, year=YEAR, document_type="renja", deadline=datetime.date(2018, 9, 1)
    )
    assert Schedule.objects.get().deadline == datetime.date(2018, 9, 1)
    set_deadline(
        region=region, year=YEAR, document_type="renja", deadline=datetime.date(2018, 7, 31)
    )
    assert Schedule.objects.count() == 0
