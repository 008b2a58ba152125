"""States, the freeze of approved versions on every write path, reviews, history, comments."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from renstra.plans.choices import VersionStatus as S
from renstra.plans.guard import VersionLocked
from renstra.plans.history import ChangePath, change_path
from renstra.plans.models import Activity, Funding, Goal, Indicator, PlanVersion, Program, Target
from renstra.plans.services import add_indicator, target_fields
from renstra.review.models import Comment, StatusChange
from renstra.review.services import add_comment, change_status, resolve_comment
from renstra.review.snapshot import snapshot_as_of


@pytest.fixture
def verifier(db):
    return get_user_model().objects.create_user(
        "bappeda", password="rahasia-123", is_staff=True, is_superuser=True
    )


def _target_1658(version, year=2018):
    return Target.objects.get(
        indicator__activity__program__version=version, indicator__activity__code="16.58", year=year
    )


def test_demo_versions_are_approved_public_and_the_review_supersedes(v1, v2):
    assert (v1.status, v2.status) == (S.SUPERSEDED, S.APPROVED)
    assert v1.is_public and v2.is_public
    assert list(v1.status_changes.values_list("to_status", flat=True)) == [
        "submitted",
        "verified",
        "approved",
        "superseded",
    ]
    assert v1.status_changes.last().note == "Digantikan oleh versi 2."


def test_the_whole_path_from_draft_to_approved(draft, verifier):
    change_status(version=draft, to_status=S.SUBMITTED, user=verifier)
    with pytest.raises(ValidationError, match="Tuliskan alasan pengembalian"):
        change_status(version=draft, to_status=S.RETURNED, user=verifier)
    change_status(version=draft, to_status=S.RETURNED, user=verifier, note="Lengkapi target 2017")
    draft.refresh_from_db()
    assert draft.is_editable
    change_status(version=draft, to_status=S.SUBMITTED, user=verifier)
    with pytest.raises(
        ValidationError, match="tidak dapat berubah dari 'Diajukan' menjadi 'Ditetapkan'"
    ):
        change_status(version=draft, to_status=S.APPROVED, user=verifier)
    change_status(version=draft, to_status=S.VERIFIED, user=verifier)
    change_status(version=draft, to_status=S.APPROVED, user=verifier, note="Perkada nomor 1")
    statuses = dict(PlanVersion.objects.filter(plan=draft.plan).values_list("number", "status"))
    assert statuses == {1: S.SUPERSEDED, 2: S.SUPERSEDED, 3: S.APPROVED}
    last = StatusChange.objects.filter(version=draft).last()
    assert (last.to_status, last.changed_by, last.note) == (S.APPROVED, verifier, "Perkada nomor 1")


def test_a_submitted_version_is_locked_for_the_agency(draft, verifier):
    change_status(version=draft, to_status=S.SUBMITTED, user=verifier)
    with pytest.raises(VersionLocked, match="berstatus 'Diajukan'"):
        target = _target_1658(draft)
        target.raw_text = "1 orang"
        target.save()


class TestApprovedVersionCannotChange:
    """Each write path into an approved version is refused, and nothing changes."""

    def test_model_save_and_delete(self, v2):
        target = _target_1658(v2)
        target.raw_text = "99 orang"
        with pytest.raises(VersionLocked):
            target.save()
        with pytest.raises(VersionLocked):
            Goal.objects.get(version=v2).delete()
        assert _target_1658(v2).raw_text == "25 orang"

    def test_queryset_update_delete_and_bulk_paths(self, v2):
        with pytest.raises(VersionLocked):
            Target.objects.filter(indicator__version=v2).update(raw_text="0")
        with pytest.raises(VersionLocked):
            Funding.objects.filter(activity__program__version=v2).delete()
        with pytest.raises(VersionLocked):
            Target.objects.bulk_update([_target_1658(v2)], ["raw_text"])
        indicator = Indicator.objects.filter(version=v2).first()
        with pytest.raises(VersionLocked):
            Target.objects.bulk_create(
                [Target(indicator=indicator, year=2030, raw_text="1", kind="number")]
            )
        assert not Target.objects.filter(indicator__version=v2, raw_text="0").exists()

    def test_the_version_itself(self, v2):
        v2.label = "diubah"
        with pytest.raises(VersionLocked):
            v2.save()
        v2.refresh_from_db()
        v2.status = S.DRAFT
        with pytest.raises(VersionLocked):
            v2.save(update_fields=["status"])
        with pytest.raises(VersionLocked):
            PlanVersion.objects.filter(pk=v2.pk).update(label="x")
        with pytest.raises(VersionLocked):
            v2.delete()

    def test_import_services(self, v2):
        program = Program.objects.filter(version=v2).first()
        with pytest.raises(VersionLocked), change_path(ChangePath.IMPORT):
            add_indicator(
                version=v2,
                owner_field="program",
                owner=program,
                name="Baru",
                kind="outcome",
                order=9,
            )
        assert not Indicator.objects.filter(version=v2, name="Baru").exists()

    def test_django_admin(self, client, v2, verifier):
        client.force_login(verifier)
        target = _target_1658(v2)
        url = "/admin/plans/target/{}/change/".format(target.pk)
        page = client.get(url)
        assert page.status_code == 200  # readable
        assert b'name="raw_text"' not in page.content  # but no field to edit
        response = client.post(
            url,
            {
                "raw_text": "99 orang",
                "year": 2018,
                "kind": "number",
                "indicator": target.indicator_id,
            },
        )
        assert response.status_code == 403
        assert (
            client.post(
                "/admin/plans/target/{}/delete/".format(target.pk), {"post": "yes"}
            ).status_code
            == 403
        )
        assert _target_1658(v2).raw_text == "25 orang"


def test_review_copies_every_item_and_remembers_the_original(v2, draft):
    assert (draft.number, draft.status, draft.revises_id) == (3, S.DRAFT, v2.pk)
    assert draft.revision_reason == "tindak lanjut penilaian SAKIP (uji)"
    for model, path in (
        (Program, "version"),
        (Activity, "program__version"),
        (Indicator, "version"),
        (Target, "indicator__version"),
    ):
        assert (
            model.objects.filter(**{path: draft}).count()
            == model.objects.filter(**{path: v2}).count()
        )
    copies = Activity.objects.filter(program__version=draft)
    assert all(
        a.copied_from.program.version_id == v2.pk
        for a in copies.select_related("copied_from__program")
    )
    program_16 = Program.objects.get(version=draft, code="16")
    assert program_16.copied_from == Program.objects.get(version=v2, code="16")
    assert [o.goal.version_id for o in program_16.objectives.all()] == [draft.pk]


def test_editing_the_review_leaves_the_approved_version_untouched(v2, draft):
    target = _target_1658(draft)
    target.__dict__.update(target_fields("26 orang"))
    target.save()
    assert _target_1658(draft).raw_text == "26 orang"
    assert _target_1658(v2).raw_text == "25 orang"


def test_history_lists_each_change_with_user_time_and_path(draft, verifier):
    target = _target_1658(draft)
    before = timezone.now()
    with change_path(ChangePath.PAGE):
        target._history_user = verifier
        target.__dict__.update(target_fields("26 orang"))
        target.save()
    records = list(target.history.order_by("history_date"))
    assert [r.raw_text for r in records] == ["25 orang", "26 orang"]
    assert (records[-1].history_user, records[-1].change_path) == (verifier, "halaman")
    assert records[-1].history_date >= before
    old = snapshot_as_of(draft, before - timedelta(microseconds=1))
    now = snapshot_as_of(draft, timezone.now())
    assert old.items[("indikator", target.indicator_id)].targets[2018] == "25 orang"
    assert now.items[("indikator", target.indicator_id)].targets[2018] == "26 orang"


def test_comments_are_answered_and_resolved(draft, verifier):
    program = Program.objects.get(version=draft, code="16")
    with pytest.raises(ValidationError, match="tidak boleh kosong"):
        add_comment(version=draft, user=verifier, text="  ")
    comment = add_comment(
        version=draft,
        user=verifier,
        text="Pagu 2019 naik tajam",
        kind="program",
        item_id=program.pk,
    )
    add_comment(version=draft, user=verifier, text="Karena tugas belajar", reply_to=comment.pk)
    resolve_comment(version=draft, comment_id=comment.pk, user=verifier)
    comment.refresh_from_db()
    assert comment.item == program
    assert [r.text for r in comment.replies.all()] == ["Karena tugas belajar"]
    assert comment.resolved_by == verifier
    other_version_item = Program.objects.exclude(version=draft).first()
    with pytest.raises(ValidationError, match="tidak ada pada versi ini"):
        add_comment(
            version=draft, user=verifier, text="x", kind="program", item_id=other_version_item.pk
        )
    assert Comment.objects.filter(version=draft).count() == 2


def test_pages(client, draft, verifier, make_user):
    # a draft is not public: anonymous users do not learn it exists
    assert client.get("/versi/{}/status/".format(draft.pk)).status_code == 404
    client.force_login(make_user("bappeda-uji", "verifier", draft))
    assert client.get("/versi/{}/status/".format(draft.pk)).status_code == 200
    # a verifier does not submit the agency's plan
    assert (
        client.post("/versi/{}/status/ubah/".format(draft.pk), {"to": "submitted"}).status_code
        == 403
    )
    client.force_login(verifier)
    client.post("/versi/{}/status/ubah/".format(draft.pk), {"to": "submitted", "note": "siap"})
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED
    target = _target_1658(draft)
    history = client.get(
        "/versi/{}/riwayat/?jenis=target&id={}".format(draft.pk, target.pk)
    ).content.decode()
    assert "Target: tahun 2018: 25 orang" in history
    as_of = client.get("/versi/{}/per-tanggal/".format(draft.pk)).content.decode()
    assert "25 orang" in as_of
