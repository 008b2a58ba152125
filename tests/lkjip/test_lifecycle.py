"""The LKjIP's way: the planner writes and submits, the region's verifier verifies or returns
it with a note, the agency makes it final; a final LKjIP refuses every change, through the
service and through the page, and a correction is a new number that starts from its text."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from renstra.lkjip.models import Lkjip
from renstra.lkjip.services import (
    create_lkjip,
    finalize_lkjip,
    return_lkjip,
    save_narrative,
    submit_lkjip,
    verify_lkjip,
)


@pytest.fixture
def final(lkjip, verifier):
    save_narrative(lkjip=lkjip, fields={"summary": "Ikhtisar final."})
    submit_lkjip(lkjip=lkjip)
    verify_lkjip(lkjip=lkjip, user=verifier)
    return finalize_lkjip(lkjip=lkjip)


def test_a_draft_goes_to_final_through_its_steps_by_role(client, lkjip, planner, verifier, head):
    url = "/lkjip/{}/".format(lkjip.pk)
    client.force_login(verifier)
    client.post(url + "verifikasi/")
    assert Lkjip.objects.get(pk=lkjip.pk).status == "draft"  # nothing to verify yet
    client.force_login(planner)
    assert client.post(url + "ajukan/").status_code == 302
    assert Lkjip.objects.get(pk=lkjip.pk).status == "submitted"
    assert client.post(url + "verifikasi/").status_code == 403
    client.force_login(verifier)
    client.post(url + "verifikasi/")
    checked = Lkjip.objects.get(pk=lkjip.pk)
    assert (checked.status, checked.verified_by) == ("verified", verifier)
    client.force_login(head)
    client.post(url + "final/")
    assert Lkjip.objects.get(pk=lkjip.pk).status == "final"


def test_a_return_needs_a_note_and_brings_it_back_to_draft(lkjip, verifier):
    submit_lkjip(lkjip=lkjip)
    with pytest.raises(ValidationError, match="catatan"):
        return_lkjip(lkjip=lkjip, note="  ")
    assert Lkjip.objects.get(pk=lkjip.pk).status == "submitted"
    returned = return_lkjip(lkjip=lkjip, note="Lengkapi analisis sasaran 1.")
    assert (returned.status, returned.return_note) == ("draft", "Lengkapi analisis sasaran 1.")
    save_narrative(lkjip=lkjip, fields={"closing": "Diperbaiki."})
    assert submit_lkjip(lkjip=lkjip).return_note == ""


def test_a_submitted_lkjip_is_not_written_until_it_is_returned(lkjip):
    submit_lkjip(lkjip=lkjip)
    with pytest.raises(ValidationError, match="hanya dapat diubah saat draf"):
        save_narrative(lkjip=lkjip, fields={"summary": "x"})
    assert Lkjip.objects.get(pk=lkjip.pk).summary == ""


def test_a_final_lkjip_refuses_edits_through_the_service(final):
    for change in (
        lambda: save_narrative(lkjip=final, fields={"summary": "Diubah."}),
        lambda: submit_lkjip(lkjip=final),
        lambda: return_lkjip(lkjip=final, note="ubah"),
        lambda: verify_lkjip(lkjip=final, user=None),
    ):
        with pytest.raises(ValidationError):
            change()
    kept = Lkjip.objects.get(pk=final.pk)
    assert (kept.status, kept.summary) == ("final", "Ikhtisar final.")


def test_a_final_lkjip_refuses_edits_through_the_page(client, final, planner):
    client.force_login(planner)
    page = client.get("/lkjip/{}/".format(final.pk))
    assert page.status_code == 200
    assert b'id="uraian"' not in page.content
    assert "Ajukan untuk verifikasi" not in page.content.decode()
    response = client.post(
        "/lkjip/{}/uraian/".format(final.pk), {"summary": "Diubah."}, follow=True
    )
    assert "sudah final dan tidak dapat diubah" in response.content.decode()
    kept = Lkjip.objects.get(pk=final.pk)
    assert (kept.status, kept.summary) == ("final", "Ikhtisar final.")


def test_one_open_lkjip_a_year_and_a_correction_starts_from_the_final_text(final, planner):
    agency = final.agency
    second = create_lkjip(agency=agency, year=2018, user=planner)
    assert (second.number, second.status, second.summary) == (2, "draft", "Ikhtisar final.")
    with pytest.raises(ValidationError, match="belum final"):
        create_lkjip(agency=agency, year=2018, user=planner)
    assert Lkjip.objects.filter(agency=agency, year=2018).count() == 2


def test_no_lkjip_for_a_year_outside_the_approved_renstra(lkjip, planner):
    with pytest.raises(ValidationError, match="Tidak ada Renstra yang ditetapkan"):
        create_lkjip(agency=lkjip.agency, year=2030, user=planner)


def test_the_narrative_keeps_its_history(lkjip):
    save_narrative(lkjip=lkjip, fields={"introduction": "Versi satu."})
    save_narrative(lkjip=lkjip, fields={"introduction": "Versi dua."})
    assert [h.introduction for h in lkjip.history.order_by("history_id")] == [
        "",
        "Versi satu.",
        "Versi dua.",
    ]


def test_an_analysis_of_a_sasaran_of_another_plan_is_refused(lkjip):
    with pytest.raises(ValidationError, match="tidak ada di Renstra"):
        save_narrative(lkjip=lkjip, fields={}, analyses={999999: "x"})
    assert Lkjip.objects.get(pk=lkjip.pk).analyses == {}


def test_the_database_refuses_to_change_or_delete_a_final_lkjip(final):
    with pytest.raises(DatabaseError, match="sudah final"), transaction.atomic():
        Lkjip.objects.filter(pk=final.pk).update(summary="Diubah lewat SQL.")
    with pytest.raises(DatabaseError, match="sudah final"), transaction.atomic():
        Lkjip.objects.filter(pk=final.pk).delete()
    assert Lkjip.objects.get(pk=final.pk).summary == "Ikhtisar final."


def test_a_draft_is_changed_and_deleted_freely(lkjip):
    Lkjip.objects.filter(pk=lkjip.pk).update(summary="Bebas.")
    assert Lkjip.objects.get(pk=lkjip.pk).summary == "Bebas."


def test_the_admin_shows_a_final_lkjip_read_only(admin_client, final):
    url = "/admin/lkjip/lkjip/{}/change/".format(final.pk)
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"summary": "Diubah di admin."}).status_code == 403
    delete = "/admin/lkjip/lkjip/{}/delete/".format(final.pk)
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Lkjip.objects.get(pk=final.pk).summary == "Ikhtisar final."


def test_the_verifier_returns_it_from_the_page_with_a_note(client, lkjip, verifier, planner):
    submit_lkjip(lkjip=lkjip)
    client.force_login(verifier)
    page = client.get("/lkjip/{}/".format(lkjip.pk)).content.decode()
    assert "Kembalikan ke draf" in page and 'id="uraian"' not in page
    client.post("/lkjip/{}/kembalikan/".format(lkjip.pk), {"note": "Lengkapi Bab I."})
    client.force_login(planner)
    page = client.get("/lkjip/{}/".format(lkjip.pk)).content.decode()
    assert "Dikembalikan: Lengkapi Bab I." in page and 'id="uraian"' in page
    assert Lkjip.objects.get(pk=lkjip.pk).status == "draft"


def test_the_planner_makes_one_from_the_list_page(client, sample, planner):
    client.force_login(planner)
    agency = sample.plan.agency
    url = "/perangkat-daerah/{}/lkjip/".format(agency.pk)
    assert 'value="2019"' in client.get(url).content.decode()
    response = client.post(url + "baru/", {"year": "2019"})
    made = Lkjip.objects.get(agency=agency, year=2019)
    assert response["Location"] == "/lkjip/{}/".format(made.pk)
    assert (made.number, made.status, made.version_id, made.created_by) == (
        1,
        "draft",
        sample.pk,
        planner,
    )
