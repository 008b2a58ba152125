"""The head's signature block below the plan's tables: set for the agency in the admin
(plans.AgencySignature), printed on the page, in XLSX and in PDF only once set; the NIP is
validated. And the PDF's header words are whole."""

import datetime
import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from renstra.plans.models import Agency, AgencySignature, validate_nip
from renstra.plans.signature import signatories
from renstra.render.formats import render_table
from renstra.render.registry import TABLES
from renstra.reports.export import build_table

POSITION = "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
NAME = "Drs. Budi Santoso, M.Si."
NIP = "19700101 199503 1 001"


def _configure(agency: Agency, **changes) -> AgencySignature:
    values = {
        "place": "Bontang",
        "position": POSITION,
        "name": NAME,
        "rank": "Pembina Utama Muda (IV/c)",
        "nip": NIP,
        "date": datetime.date(2026, 12, 7),
    }
    values.update(changes)
    block = AgencySignature(agency=agency, **values)
    block.full_clean()
    block.save()
    return block


@pytest.fixture
def signed(v2):
    _configure(v2.plan.agency)
    return v2


def test_the_nip_is_stored_as_its_digits_and_printed_grouped(v2):
    block = _configure(v2.plan.agency, nip="19700101.199503.1.001")
    assert AgencySignature.objects.get(pk=block.pk).nip == "197001011995031001"
    assert block.printed_nip == NIP


@pytest.mark.parametrize(
    "nip,code",
    [
        ("1970010119950310", "nip_length"),  # 16 digits
        ("19700101 199503 1 0012", "nip_length"),
        ("1970O101 199503 1 001", "nip_length"),  # a letter O
        ("19701301 199503 1 001", "nip_dates"),  # month 13 of birth
        ("19700101 199513 1 001", "nip_dates"),  # month 13 of appointment
        ("19700101 199503 3 001", "nip_sex"),
    ],
)
def test_an_invalid_nip_is_refused(nip, code):
    with pytest.raises(ValidationError) as caught:
        validate_nip(nip)
    assert caught.value.code == code


def test_a_half_filled_block_is_refused(v2):
    block = AgencySignature(agency=v2.plan.agency, name=NAME)
    with pytest.raises(ValidationError) as caught:
        block.full_clean()
    assert set(caught.value.message_dict) == {"place", "position", "nip"}


def test_the_date_is_the_configured_one_or_today_in_indonesian(v2):
    agency = v2.plan.agency
    block = _configure(agency)
    assert signatories(agency)[0].place_date == "Bontang, 7 Desember 2026"
    block.date = None
    block.save()
    today = datetime.date(2027, 1, 5)
    assert signatories(agency, today=today)[0].place_date == "Bontang, 5 Januari 2027"
    day = datetime.date.today()
    assert signatories(agency)[0].place_date.endswith(" {}".format(day.year))
    assert signatories(agency)[0].place_date.startswith("Bontang, {} ".format(day.day))


def test_no_block_until_configured(client, v2):
    for key in TABLES:
        assert build_table(v2, key).signatories == []
    page = client.get("/versi/{}/tabel/6.1/".format(v2.pk)).content.decode()
    assert 'class="signatures"' not in page
    assert "Blok tanda tangan belum diatur" in page


def test_every_table_of_the_plan_and_only_those_carry_the_heads_signature(signed):
    for key, definition in TABLES.items():
        people = build_table(signed, key).signatories
        if definition.in_plan_document:
            assert [(p.name, p.nip) for p in people] == [(NAME, NIP)], key
        else:  # the findings and the history are reports about the plan: unsigned
            assert people == [], key


def test_the_block_is_on_the_page_in_xlsx_and_in_pdf(client, signed):
    page = client.get("/versi/{}/tabel/6.1/".format(signed.pk)).content.decode()
    block = page[page.index('<table class="signatures">') :]
    for text in ("Bontang, 7 Desember 2026", POSITION, NAME, "NIP. " + NIP):
        assert text in block
    assert "Blok tanda tangan belum diatur" not in page

    body = client.get("/versi/{}/tabel/6.1.xlsx".format(signed.pk)).content
    ws = openpyxl.load_workbook(io.BytesIO(body)).active
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    assert cells["NIP. " + NIP].row > cells[NAME].row > cells["Jumlah"].row
    last_row = int(re.search(r"\$(\d+)$", ws.print_area).group(1))
    assert last_row == cells["NIP. " + NIP].row

    for key in ("6.1", "T-C.27"):
        reader = PdfReader(io.BytesIO(render_table(build_table(signed, key), "pdf")))
        last = reader.pages[-1].extract_text()
        for text in ("Bontang, 7 Desember 2026", POSITION, NAME, "NIP. " + NIP):
            assert text in last, (key, text)
        assert last.index("Jumlah") < last.index(NAME)


def test_the_admin_edits_the_block(client, v2):
    admin = get_user_model().objects.create_superuser("admin", password="rahasia-123")
    client.force_login(admin)
    agency = v2.plan.agency
    url = "/admin/plans/agency/{}/change/".format(agency.pk)
    page = client.get(url).content.decode()
    assert "Blok tanda tangan tabel Renstra" in page
    for field in ("place", "position", "nip"):
        assert 'name="signature-0-{}"'.format(field) in page
    form = {
        "region": agency.region_id,
        "name": agency.name,
        "short_name": agency.short_name,
        "code": agency.code,
        "former_names": "[]",
        "signature-TOTAL_FORMS": "1",
        "signature-INITIAL_FORMS": "0",
        "signature-MIN_NUM_FORMS": "0",
        "signature-MAX_NUM_FORMS": "1",
        "signature-0-agency": "",
        "signature-0-place": "Bontang",
        "signature-0-date": "",
        "signature-0-position": POSITION,
        "signature-0-name": NAME,
        "signature-0-rank": "",
        "signature-0-nip": "19700101 199503 1 00",  # one digit short
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "NIP terdiri atas 18 angka" in refused.content.decode()
    assert not AgencySignature.objects.filter(agency=agency).exists()
    form["signature-0-nip"] = NIP
    assert client.post(url, form).status_code == 302
    assert AgencySignature.objects.get(agency=agency).nip == "197001011995031001"
    assert build_table(v2, "6.1").signatories[0].nip == NIP


# --- header words in the PDF -------------------------------------------------------------------


@pytest.mark.parametrize("key", ["T-C.27", "6.1"])
def test_no_header_word_is_split_in_the_pdf(v2, key):
    table = build_table(v2, key)
    reader = PdfReader(io.BytesIO(render_table(table, "pdf")))
    for page in (reader.pages[0], reader.pages[-1]):  # the header repeats on every page
        text = page.extract_text()
        words = {w for row in table.header_rows for h in row for w in h.label.split()}
        for word in words:
            assert word in text, (key, word)
    text = reader.pages[0].extract_text()
    assert not re.search(r"Lokas\s+i|Penanggu\s+ng|Penanggung-\s+jawab|Realisas\s+i", text)
    if key == "T-C.27":
        assert "Lokasi" in text and "Penanggung-jawab" in text
