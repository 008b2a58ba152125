"""The Perjanjian Kinerja pages as a planner uses them (issue 19): a PK made from the list, its
rows changed with a reason, signed (then every change is refused and nothing changes), a PK
Perubahan, the signed scan; the PK page reads the same queries whatever its size."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renstra.accounts.models import Membership
from renstra.core.numbers import format_rupiah
from renstra.plans.models import Agency, Unit
from renstra.sakip.agreements import create_agreement, sign_agreement
from renstra.sakip.models import (
    AgreementBudget,
    AgreementScan,
    AgreementTarget,
    PerformanceAgreement,
)

DAY = datetime.date(2019, 4, 15)


@pytest.fixture
def planner(make_user, v2):
    return make_user("perencana-pk-halaman", "planner", v2)


@pytest.fixture
def head(make_user, v2):
    return make_user("kepala-pk-halaman", "head", v2)


@pytest.fixture
def signed_pk(head_pk, planner):
    return sign_agreement(agreement=head_pk, user=planner)


def test_the_list_offers_a_pk_for_every_unit_and_the_form_makes_it(
    client, v2, renja, region_head, head_unit, planner
):
    client.force_login(planner)
    agency = v2.plan.agency
    listing = client.get(reverse("sakip:pk_list", args=[agency.pk]) + "?tahun=2019")
    assert listing.status_code == 200
    create_url = reverse("sakip:pk_create", args=[agency.pk])
    assert "{}?unit={}&amp;tahun=2019".format(create_url, head_unit.pk) in listing.text
    form = client.get(create_url + "?unit={}&tahun=2019".format(head_unit.pk))
    assert form.status_code == 200 and 'value="2019-01-31"' in form.text
    answer = client.post(
        create_url,
        {"unit": head_unit.pk, "year": "2019", "day": "2019-04-15", "place": "Bontang"},
    )
    made = PerformanceAgreement.objects.get(unit=head_unit, year=2019)
    assert answer.status_code == 302 and answer.url == reverse("sakip:pk", args=[made.pk])
    assert (made.day, made.place, made.second_name) == (DAY, "Bontang", "Wali Kota Contoh")
    listing = client.get(reverse("sakip:pk_list", args=[agency.pk]) + "?tahun=2019")
    assert "PK murni" in listing.text and "Pejabat Contoh C, S.E., M.M." in listing.text
    assert "{}?unit={}&amp;tahun=2019".format(create_url, head_unit.pk) not in listing.text


def test_a_refused_pk_is_said_on_the_form_and_nothing_is_made(
    client, v2, renja, head_unit, planner
):
    """No head of region recorded: the service refuses, the form says where to record one."""
    client.force_login(planner)
    answer = client.post(
        reverse("sakip:pk_create", args=[v2.plan.agency.pk]),
        {"unit": head_unit.pk, "year": "2019", "day": "2019-04-15", "place": ""},
    )
    assert answer.status_code == 200
    assert "Kepala daerah Kota Bontang pada 15-04-2019 belum dicatat" in answer.text
    assert reverse("admin:sakip_regionhead_add") in answer.text
    assert PerformanceAgreement.objects.count() == 0
    assert AgreementTarget.objects.count() == 0


def test_a_row_is_changed_with_its_reason(client, head_pk, planner):
    client.force_login(planner)
    target = head_pk.targets.first()
    budget = head_pk.budgets.first()
    client.post(
        reverse("sakip:pk_target", args=[head_pk.pk, target.pk]),
        {"target": "99 %", "reason": "Arahan Wali Kota"},
    )
    client.post(
        reverse("sakip:pk_budget", args=[head_pk.pk, budget.pk]),
        {"amount": "1.500.000", "reason": "Efisiensi"},
    )
    target.refresh_from_db()
    budget.refresh_from_db()
    assert (target.target_raw, target.change_reason) == ("99 %", "Arahan Wali Kota")
    assert (budget.amount, budget.change_reason) == (Decimal("1500000"), "Efisiensi")
    page = client.get(reverse("sakip:pk", args=[head_pk.pk]))
    assert 'value="Arahan Wali Kota"' in page.text and 'value="1.500.000"' in page.text


def test_a_row_saved_from_the_page_answers_with_the_row_and_the_new_total(client, head_pk, planner):
    """The page's HTMX: the row's form comes back with what was said, the total beside it."""
    client.force_login(planner)
    budget = head_pk.budgets.first()
    others = sum((b.amount or 0 for b in head_pk.budgets.exclude(pk=budget.pk)), Decimal(0))
    answer = client.post(
        reverse("sakip:pk_budget", args=[head_pk.pk, budget.pk]),
        {"amount": "2.000.000", "reason": "Efisiensi"},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200 and "<html" not in answer.text
    assert 'value="2.000.000"' in answer.text and "disimpan" in answer.text
    assert (
        '<strong id="pk-total" hx-swap-oob="true">{}</strong>'.format(
            format_rupiah(others + 2000000)
        )
        in answer.text
    )
    refused = client.post(
        reverse("sakip:pk_budget", args=[head_pk.pk, budget.pk]),
        {"amount": "dua juta", "reason": ""},
        HTTP_HX_REQUEST="true",
    )
    assert "bukan angka" in refused.text and 'id="pk-total"' not in refused.text
    assert AgreementBudget.objects.get(pk=budget.pk).amount == Decimal("2000000")
    target = head_pk.targets.first()
    answer = client.post(
        reverse("sakip:pk_target", args=[head_pk.pk, target.pk]),
        {"target": "80", "reason": "Arahan"},
        HTTP_HX_REQUEST="true",
    )
    assert 'value="80"' in answer.text and 'value="Arahan"' in answer.text


def test_a_budget_that_is_no_number_is_said_and_nothing_changes(client, head_pk, planner):
    client.force_login(planner)
    budget = head_pk.budgets.first()
    answer = client.post(
        reverse("sakip:pk_budget", args=[head_pk.pk, budget.pk]),
        {"amount": "seratus", "reason": ""},
        follow=True,
    )
    assert "bukan angka" in answer.text
    assert AgreementBudget.objects.get(pk=budget.pk).amount == budget.amount


def test_signing_needs_the_confirmation_and_then_every_change_is_refused(client, head_pk, planner):
    client.force_login(planner)
    url = reverse("sakip:pk_sign", args=[head_pk.pk])
    answer = client.post(url, {}, follow=True)
    assert "Centang pernyataan" in answer.text
    assert not PerformanceAgreement.objects.get(pk=head_pk.pk).is_signed
    page = client.post(url, {"confirm": "on"}, follow=True)
    assert "ditandai ditandatangani" in page.text
    assert 'name="target"' not in page.text and 'name="amount"' not in page.text
    assert "Tandai ditandatangani" not in page.text and "Buat PK Perubahan" in page.text
    target, budget = head_pk.targets.first(), head_pk.budgets.first()
    for name, args, data in (
        ("sakip:pk_target", [head_pk.pk, target.pk], {"target": "1", "reason": "x"}),
        ("sakip:pk_budget", [head_pk.pk, budget.pk], {"amount": "1", "reason": "x"}),
        ("sakip:pk_day", [head_pk.pk], {"day": "2019-05-01", "place": "Samarinda"}),
        ("sakip:pk_sign", [head_pk.pk], {"confirm": "on"}),
    ):
        answer = client.post(reverse(name, args=args), data, follow=True)
        assert "sudah ditandatangani dan tidak dapat diubah" in answer.text, name
    assert AgreementTarget.objects.get(pk=target.pk).target_raw == target.target_raw
    assert AgreementBudget.objects.get(pk=budget.pk).amount == budget.amount
    assert PerformanceAgreement.objects.get(pk=head_pk.pk).place == head_pk.place


def test_the_head_signs_but_does_not_edit(client, head_pk, head):
    client.force_login(head)
    page = client.get(reverse("sakip:pk", args=[head_pk.pk]))
    assert 'name="target"' not in page.text and "Tandai ditandatangani" in page.text
    target = head_pk.targets.first()
    answer = client.post(
        reverse("sakip:pk_target", args=[head_pk.pk, target.pk]), {"target": "1", "reason": ""}
    )
    assert answer.status_code == 403
    client.post(reverse("sakip:pk_sign", args=[head_pk.pk]), {"confirm": "on"})
    assert PerformanceAgreement.objects.get(pk=head_pk.pk).signed_by == head


def test_perubahan_from_the_signed_pk(client, signed_pk, planner):
    client.force_login(planner)
    url = reverse("sakip:pk_perubahan", args=[signed_pk.pk])
    assert "Tuliskan alasan" in client.post(url, {"reason": ""}, follow=True).text
    answer = client.post(url, {"reason": "Refocusing anggaran"}, follow=True)
    new = PerformanceAgreement.objects.get(unit=signed_pk.unit, year=2019, number=2)
    assert answer.redirect_chain[-1][0] == reverse("sakip:pk", args=[new.pk])
    assert "PK Perubahan ke-1" in answer.text and "Refocusing anggaran" in answer.text
    assert 'name="target"' in answer.text
    old = client.get(reverse("sakip:pk", args=[signed_pk.pk]))
    assert "PK ini sudah diubah" in old.text and "Buat PK Perubahan" not in old.text


def test_the_signed_scan_is_uploaded_and_downloaded(client, signed_pk, planner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(planner)
    url = reverse("sakip:pk_scan_upload", args=[signed_pk.pk])
    refused = client.post(url, {"file": SimpleUploadedFile("pk.exe", b"MZ")}, follow=True)
    assert "Pindaian harus berkas PDF, JPG atau PNG; pk.exe bukan." in refused.text
    assert AgreementScan.objects.count() == 0
    answer = client.post(
        url, {"file": SimpleUploadedFile("pk-kepala-2019.pdf", b"%PDF-1.4 uji")}, follow=True
    )
    scan = AgreementScan.objects.get(agreement=signed_pk)
    assert "pk-kepala-2019.pdf" in answer.text
    download = client.get(reverse("sakip:pk_scan", args=[signed_pk.pk, scan.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 uji"
    assert 'filename="pk-kepala-2019.pdf"' in download["Content-Disposition"]


def test_a_scan_of_a_draft_is_refused(client, head_pk, planner, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(planner)
    answer = client.post(
        reverse("sakip:pk_scan_upload", args=[head_pk.pk]),
        {"file": SimpleUploadedFile("pk.pdf", b"%PDF-1.4")},
        follow=True,
    )
    assert "setelah PK ditandatangani" in answer.text
    assert AgreementScan.objects.count() == 0


def test_a_user_of_another_agency_finds_no_pk(client, head_pk):
    other = Agency.objects.create(
        region=head_pk.agency.region, short_name="DISKOMINFO", name="Dinas Kominfo"
    )
    user = get_user_model().objects.create_user("perencana-lain-pk", password="rahasia-123")
    Membership.objects.create(user=user, role="planner", agency=other)
    client.force_login(user)
    target = head_pk.targets.first()
    for url in (
        reverse("sakip:pk", args=[head_pk.pk]),
        reverse("sakip:pk_list", args=[head_pk.agency_id]),
    ):
        assert client.get(url).status_code == 404, url
    answer = client.post(
        reverse("sakip:pk_target", args=[head_pk.pk, target.pk]), {"target": "1", "reason": ""}
    )
    assert answer.status_code == 404
    assert AgreementTarget.objects.get(pk=target.pk).target_raw == target.target_raw


def test_a_year_without_renja_offers_no_pk_but_the_renja(client, head_pk, planner):
    client.force_login(planner)
    listing = client.get(reverse("sakip:pk_list", args=[head_pk.agency_id]) + "?tahun=2020")
    assert "Belum ada Renja tahun 2020" in listing.text and "+ Buat PK" not in listing.text
    assert reverse("sakip:renja_create", args=[head_pk.agency_id]) in listing.text


def test_the_example_mark_and_document_links(client, head_pk, planner):
    PerformanceAgreement.objects.filter(pk=head_pk.pk).update(is_example=True)
    client.force_login(planner)
    page = client.get(reverse("sakip:pk", args=[head_pk.pk]))
    assert "DATA CONTOH" in page.text
    for path in ("pk.pdf", "pk.docx", "rencana-aksi/"):
        assert 'href="/pk/{}/{}"'.format(head_pk.pk, path) in page.text


def _grow(agreement, count: int) -> None:
    """`count` more target and budget rows (a test builder)."""
    AgreementTarget.objects.bulk_create(
        AgreementTarget(
            agreement=agreement,
            order=100 + n,
            statement="Sasaran uji {}".format(n // 2),
            name="Indikator uji {}".format(n),
            target_raw="5",
            source_target_raw="4",
        )
        for n in range(count)
    )
    AgreementBudget.objects.bulk_create(
        AgreementBudget(agreement=agreement, order=100 + n, level="program", name="Uji", amount=1)
        for n in range(count)
    )


def test_the_pk_page_and_list_read_the_same_queries_for_any_size(client, head_pk, planner):
    client.force_login(planner)
    pages = (
        reverse("sakip:pk", args=[head_pk.pk]),
        reverse("sakip:pk_list", args=[head_pk.agency_id]) + "?tahun=2019",
    )
    client.get(pages[0])  # the session's first reads

    def counts():
        found = []
        for url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    before = counts()
    _grow(head_pk, 12)
    bidang = Unit.objects.get(agency=head_pk.agency, name="Bidang Pengembangan Aparatur")
    create_agreement(unit=bidang, year=2019, user=planner, day=DAY)  # one more PK in the list
    assert counts() == before
    # session, user, profile, the PK (agency, region, unit, renja), memberships, targets,
    # budgets, scans, the numbers of its unit and year (9); the consistency chain's own read
    # for the count of findings (renstra.sakip.chain.AgreementRead, 6)
    assert before[0] == 15
