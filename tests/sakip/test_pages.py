"""The Renja and IKU pages as a planner uses them (issue 19)."""

import pytest
from django.urls import reverse

from renstra.sakip.models import Iku, Renja, RenjaFunding, RenjaIndicator
from renstra.sakip.services import finalize_renja


@pytest.fixture
def planner(make_user, v2):
    return make_user("perencana-bkpsdm", "planner", v2)


@pytest.fixture
def head(make_user, v2):
    return make_user("kepala-bkpsdm", "head", v2)


def test_a_planner_makes_the_2019_renja_from_the_page(client, v2, planner):
    client.force_login(planner)
    agency = v2.plan.agency
    page = client.get(reverse("sakip:renja_create", args=[agency.pk]))
    assert page.status_code == 200
    assert "Tahun 2019" in page.text and "Tahun 2030" not in page.text
    answer = client.post(
        reverse("sakip:renja_create", args=[agency.pk]), {"source": "{}-2019".format(v2.pk)}
    )
    renja = Renja.objects.get(agency=agency, year=2019)
    assert answer.status_code == 302 and answer.url == reverse("sakip:renja", args=[renja.pk])
    listing = client.get(reverse("sakip:renja_list", args=[agency.pk]))
    assert "Renja murni" in listing.text


def test_a_row_is_changed_with_its_reason_and_the_findings_page_shows_it(client, renja, planner):
    client.force_login(planner)
    indicator = RenjaIndicator.objects.filter(item__renja=renja).exclude(renstra_target_raw="")[0]
    client.post(
        reverse("sakip:renja_target", args=[renja.pk, indicator.pk]),
        {"target": "12 orang", "reason": "Tambahan formasi"},
    )
    indicator.refresh_from_db()
    assert (indicator.target_raw, indicator.change_reason) == ("12 orang", "Tambahan formasi")
    page = client.get(reverse("sakip:renja", args=[renja.pk]))
    assert "Peringatan: 1" in page.text and "Galat: 0" in page.text
    findings = client.get(reverse("sakip:renja_findings", args=[renja.pk]))
    assert "Alasan: Tambahan formasi." in findings.text
    assert "«12 orang»" in findings.text


def test_a_pagu_that_is_no_number_is_said_and_nothing_changes(client, renja, planner):
    client.force_login(planner)
    funding = RenjaFunding.objects.filter(item__renja=renja, renstra_amount__isnull=False)[0]
    answer = client.post(
        reverse("sakip:renja_pagu", args=[renja.pk, funding.pk]),
        {"pagu": "seratus", "reason": "", "funding_source": ""},
        follow=True,
    )
    assert "bukan angka" in answer.text
    funding.refresh_from_db()
    assert funding.pagu == funding.renstra_amount


def test_dpa_entry_page(client, renja, planner):
    client.force_login(planner)
    funding = RenjaFunding.objects.filter(item__renja=renja)[0]
    assert client.get(reverse("sakip:renja_dpa", args=[renja.pk])).status_code == 200
    answer = client.post(
        reverse("sakip:renja_dpa", args=[renja.pk]), {"dpa_{}".format(funding.pk): "3.000.000"}
    )
    assert answer.status_code == 302
    funding.refresh_from_db()
    assert funding.dpa_raw == "3.000.000"


def test_a_final_renja_shows_no_row_form_and_refuses_a_post(client, renja, planner):
    finalize_renja(renja=renja)
    client.force_login(planner)
    page = client.get(reverse("sakip:renja", args=[renja.pk]))
    assert 'name="target"' not in page.text and "Buat Renja Perubahan" in page.text
    indicator = RenjaIndicator.objects.filter(item__renja=renja)[0]
    answer = client.post(
        reverse("sakip:renja_target", args=[renja.pk, indicator.pk]),
        {"target": "1", "reason": "x"},
        follow=True,
    )
    assert "sudah final" in answer.text
    changed = client.post(
        reverse("sakip:renja_perubahan", args=[renja.pk]), {"reason": "APBD-P"}, follow=True
    )
    assert "Renja Perubahan ke-1" in changed.text


def test_the_head_reads_but_does_not_change(client, renja, head):
    client.force_login(head)
    page = client.get(reverse("sakip:renja", args=[renja.pk]))
    assert page.status_code == 200 and 'name="target"' not in page.text
    indicator = RenjaIndicator.objects.filter(item__renja=renja)[0]
    answer = client.post(
        reverse("sakip:renja_target", args=[renja.pk, indicator.pk]), {"target": "1"}
    )
    assert answer.status_code == 403


def test_iku_page_form_and_table(client, v2, planner):
    client.force_login(planner)
    agency = v2.plan.agency
    form = client.get(reverse("sakip:iku_create", args=[agency.pk]))
    assert form.status_code == 200
    indicator_id = form.context["form"].fields["indicator"].queryset[0].pk
    answer = client.post(
        reverse("sakip:iku_create", args=[agency.pk]),
        {
            "indicator": indicator_id,
            "definition": "Definisi uji",
            "formula": "a / b x 100%",
            "data_source": "SIMPEG",
        },
    )
    assert answer.status_code == 302, form.context["form"].errors
    iku = Iku.objects.get(agency=agency)
    page = client.get(reverse("sakip:iku_list", args=[agency.pk]))
    assert iku.name in page.text and "Definisi uji" in page.text
    csv = client.get(reverse("sakip:iku_download", args=[agency.pk, "csv"]))
    assert "SIMPEG" in csv.content.decode("utf-8-sig")
    client.post(reverse("sakip:iku_delete", args=[agency.pk, iku.pk]))
    assert not Iku.objects.filter(agency=agency).exists()
