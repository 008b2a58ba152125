"""A signed Perjanjian Kinerja cannot be changed through the API, the workbook import or the
admin (the pages: tests/sakip/test_pk_pages.py; the database: test_agreements.py); while a draft,
each of these paths changes it, all or nothing (issue 19)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from renstra.accounts.models import Membership
from renstra.api.tokens import create_token
from renstra.plans.choices import UnitKind
from renstra.plans.models import Unit
from renstra.sakip.agreements import create_agreement, sign_agreement
from renstra.sakip.models import RegionHead
from renstra.sakip.pk_workbook import write_workbook
from renstra.sakip.services import create_renja
from tests.api.conftest import ApiClient

DAY = datetime.date(2019, 4, 15)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def planner(v2):
    user = get_user_model().objects.create_user("perencana-pk", password="rahasia-123")
    Membership.objects.create(user=user, role="planner", agency=v2.plan.agency)
    return user


@pytest.fixture
def agreement(v2, planner):
    create_renja(version=v2, year=2019, user=planner)
    agency = v2.plan.agency
    RegionHead.objects.create(
        region=agency.region,
        name="Wali Kota Contoh",
        position="Wali Kota Bontang",
        start_date=datetime.date(2016, 2, 17),
    )
    unit = Unit.objects.get(agency=agency, kind=UnitKind.HEAD)
    return create_agreement(unit=unit, year=2019, user=planner, day=DAY)


def _snapshot(agreement):
    return (
        sorted(agreement.targets.values_list("pk", "target_raw", "change_reason")),
        sorted(agreement.budgets.values_list("pk", "amount_raw", "amount", "change_reason")),
    )


# --- API ------------------------------------------------------------------------------------


def test_the_api_reads_a_pk_and_writes_it_only_while_draft(client, agreement, planner):
    api, token = ApiClient(client), create_token(user=planner, name="uji")[1]
    read = api.call("get", "/api/agreements/{}".format(agreement.pk), token)
    assert read.status_code == 200
    body = read.json()
    assert body["first_party"]["nip"] == "197106201995031001"
    assert Decimal(body["total"]) == sum(
        (Decimal(b["amount"]) for b in body["budgets"] if b["amount"]), Decimal(0)
    )
    assert api.call("get", "/api/agreements/{}".format(agreement.pk)).status_code == 404
    target = agreement.targets.first()
    url = "/api/agreements/{}/targets/{}".format(agreement.pk, target.pk)
    changed = api.call("put", url, token, {"value": "95 %", "reason": "Arahan kepala daerah"})
    assert changed.status_code == 200, changed.content
    target.refresh_from_db()
    assert (target.target_raw, target.change_reason) == ("95 %", "Arahan kepala daerah")
    budget = agreement.budgets.first()
    burl = "/api/agreements/{}/budgets/{}".format(agreement.pk, budget.pk)
    bad = api.call("put", burl, token, {"value": "satu juta"})
    assert bad.status_code == 422 and "detail" in bad.json()

    sign_agreement(agreement=agreement, user=planner)
    before = _snapshot(agreement)
    refused = api.call("put", url, token, {"value": "1"})
    assert refused.status_code == 409
    assert "ditandatangani" in refused.json()["detail"]
    assert api.call("put", burl, token, {"value": "1.000"}).status_code == 409
    assert _snapshot(agreement) == before


def test_the_api_hides_a_pk_from_another_agencys_planner(client, agreement, v2):
    from renstra.plans.models import Agency

    other = Agency.objects.create(region=v2.plan.agency.region, short_name="X", name="Dinas X")
    user = get_user_model().objects.create_user("lain", password="rahasia-123")
    Membership.objects.create(user=user, role="planner", agency=other)
    token = create_token(user=user, name="uji")[1]
    answer = ApiClient(client).call("get", "/api/agreements/{}".format(agreement.pk), token)
    assert answer.status_code == 404


# --- workbook import ------------------------------------------------------------------------


def _filled(agreement, change) -> SimpleUploadedFile:
    book = load_workbook(io.BytesIO(write_workbook(agreement)))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("pk.xlsx", out.getvalue(), content_type=XLSX)


def _first_row(book, sheet, col, value):
    book[sheet].cell(row=2, column=col, value=value)


def test_a_filled_workbook_changes_the_draft_and_keeps_the_raw_text(client, agreement, planner):
    client.force_login(planner)

    def change(book):
        book["Target"].cell(row=2, column=6, value="97,5%")
        book["Target"].cell(row=2, column=7, value="Sesuai DPA")
        book["Anggaran"].cell(row=2, column=5, value=1250000)

    url = "/pk/{}/lembar/unggah/".format(agreement.pk)
    response = client.post(url, {"file": _filled(agreement, change)})
    assert response.status_code == 302
    target, budget = agreement.targets.first(), agreement.budgets.first()
    assert (target.target_raw, target.change_reason) == ("97,5%", "Sesuai DPA")
    assert (budget.amount_raw, budget.amount) == ("1250000", Decimal("1250000"))


def test_a_workbook_with_a_bad_cell_changes_nothing_and_names_the_cell(client, agreement, planner):
    client.force_login(planner)
    before = _snapshot(agreement)

    def change(book):
        book["Target"].cell(row=2, column=6, value="88")
        book["Anggaran"].cell(row=2, column=5, value=datetime.datetime(2019, 1, 1))
        book["Anggaran"].cell(row=3, column=1, value=999999)

    response = client.post(
        "/pk/{}/lembar/unggah/".format(agreement.pk), {"file": _filled(agreement, change)}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Anggaran!E2" in text and "tanggal" in text
    assert "Anggaran!A3" in text
    assert _snapshot(agreement) == before


def test_a_workbook_cannot_change_a_signed_pk(client, agreement, planner):
    client.force_login(planner)
    upload = _filled(agreement, lambda book: _first_row(book, "Target", 6, "1"))
    sign_agreement(agreement=agreement, user=planner)
    before = _snapshot(agreement)
    response = client.post("/pk/{}/lembar/unggah/".format(agreement.pk), {"file": upload})
    assert response.status_code == 400
    assert "ditandatangani" in response.content.decode()
    assert _snapshot(agreement) == before


# --- admin ----------------------------------------------------------------------------------


def test_the_admin_cannot_change_or_delete_a_signed_pk(client, agreement, planner, make_user):
    admin = make_user("admin-pk", "admin")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    target = agreement.targets.first()
    assert (
        client.get("/admin/sakip/agreementtarget/{}/change/".format(target.pk)).status_code == 200
    )
    sign_agreement(agreement=agreement, user=planner)
    before = _snapshot(agreement)
    response = client.post(
        "/admin/sakip/agreementtarget/{}/change/".format(target.pk),
        {"agreement": agreement.pk, "order": 1, "statement": "x", "name": "x", "target_raw": "1"},
    )
    assert response.status_code == 403
    for url in (
        "/admin/sakip/performanceagreement/{}/delete/".format(agreement.pk),
        "/admin/sakip/agreementtarget/{}/delete/".format(target.pk),
        "/admin/sakip/agreementbudget/{}/delete/".format(agreement.budgets.first().pk),
    ):
        assert client.post(url, {"post": "yes"}).status_code == 403
    page = client.get("/admin/sakip/performanceagreement/{}/change/".format(agreement.pk))
    assert page.status_code == 200  # shown read-only
    assert 'name="_save"' not in page.content.decode()
    assert _snapshot(agreement) == before
