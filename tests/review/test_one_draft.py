"""One open draft per plan, numbers after the plan's highest, labels distinct within a plan:
in the review service, on the status page, in the plan list and in the database itself."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from renstra.plans.choices import VersionStatus as S
from renstra.plans.models import PlanVersion
from renstra.review.services import change_status, distinct_label, start_review

# The data migration that made stored versions meet the constraints (a module name that starts
# with a digit is imported by name).
mending = importlib.import_module("renstra.plans.migrations.0004_distinct_labels_one_open_draft")


def _versions(plan):
    return list(plan.versions.order_by("number").values_list("number", "status"))


# --- the review service ------------------------------------------------------------------------


def test_a_second_draft_of_the_plan_is_refused_naming_the_open_one(v2, draft):
    with pytest.raises(ValidationError) as refused:
        start_review(version=v2, reason="review kedua")
    message = refused.value.messages[0]
    assert "sudah punya draf terbuka: versi 3 ('{}', Draf)".format(draft.label) in message
    assert "ajukan atau hapus" in message
    assert _versions(v2.plan) == [(1, S.SUPERSEDED), (2, S.APPROVED), (3, S.DRAFT)]


def test_a_returned_version_is_an_open_draft_too(v2, draft):
    change_status(version=draft, to_status=S.SUBMITTED)
    change_status(version=draft, to_status=S.RETURNED, note="Lengkapi target 2017")
    with pytest.raises(ValidationError, match=r"draf terbuka: versi 3 \(.*Dikembalikan\)"):
        start_review(version=v2, reason="review kedua")


def test_once_the_draft_is_submitted_the_next_review_takes_the_next_number(v2, draft):
    change_status(version=draft, to_status=S.SUBMITTED)
    fourth = start_review(version=v2, reason="review kedua")
    assert (fourth.number, fourth.status, fourth.revises) == (4, S.DRAFT, v2)


def test_a_submitted_version_is_not_returned_while_another_draft_is_open(v2, draft):
    change_status(version=draft, to_status=S.SUBMITTED)
    fourth = start_review(version=v2, reason="review kedua")
    with pytest.raises(ValidationError, match="draf terbuka lain: versi 4"):
        change_status(version=draft, to_status=S.RETURNED, note="Lengkapi target 2017")
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED
    fourth.delete()  # a draft may be deleted; then the return goes through
    change_status(version=draft, to_status=S.RETURNED, note="Lengkapi target 2017")


def test_a_label_already_used_in_the_plan_is_kept_and_made_distinct(v1, v2):
    review = start_review(version=v2, reason="uji", label=v1.label)
    assert review.label == "{} (versi 3)".format(v1.label)


def test_distinct_label_never_shortens_the_text():
    assert distinct_label("Perubahan", 4, {"Lain"}) == "Perubahan"
    assert distinct_label("Perubahan", 4, {"Perubahan"}) == "Perubahan (versi 4)"
    taken = {"Perubahan", "Perubahan (versi 4)"}
    assert distinct_label("Perubahan", 4, taken) == "Perubahan (versi 4, 2)"


# --- the database ------------------------------------------------------------------------------


def test_the_database_refuses_a_second_open_draft_and_a_repeated_label(v1, v2, draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanVersion.objects.create(plan=v2.plan, number=9, label="draf lain")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanVersion.objects.create(plan=v2.plan, number=9, label=v1.label, status=S.SUBMITTED)
    # Another plan may use the same label; a version that is not open is not a draft.
    PlanVersion.objects.create(plan=v2.plan, number=9, label="diajukan", status=S.SUBMITTED)


def test_the_migration_gives_repeated_labels_the_version_number():
    versions = {
        1: [
            (11, 1, "Renstra", "superseded"),
            (12, 2, "Renstra", "approved"),
            (13, 3, "Renstra (versi 3)", "draft"),
            (14, 4, "Renstra", "submitted"),
        ],
        2: [(21, 1, "Renstra", "draft")],
    }
    assert mending.renames(versions) == [
        (12, "Renstra (versi 2)", True),
        (14, "Renstra (versi 4)", True),
    ]
    versions[1][2] = (13, 3, "Renstra", "draft")
    versions[1].append((15, 5, "Renstra (versi 3)", "superseded"))
    assert [label for _, label, _ in mending.renames(versions)] == [
        "Renstra (versi 2)",
        "Renstra (versi 3, 2)",
        "Renstra (versi 4)",
    ]


def test_the_migration_stops_on_several_open_drafts_naming_them(v2):
    versions = {
        v2.plan_id: [(1, 1, "a", "superseded"), (2, 3, "b", "draft"), (3, 4, "c", "returned")]
    }
    with pytest.raises(CommandError, match=r"punya draf versi 3, 4\. Ajukan atau hapus"):
        mending.refuse_crowded_drafts(apps, versions)
    mending.refuse_crowded_drafts(apps, {v2.plan_id: versions[v2.plan_id][:2]})


# --- the pages -----------------------------------------------------------------------------------


@pytest.fixture
def planner(client, v2, make_user):
    client.force_login(make_user("perencana-uji", "planner", v2))


def test_the_status_page_offers_the_plans_next_number(client, planner, v2):
    page = client.get("/versi/{}/status/".format(v2.pk)).content.decode()
    assert "Buat versi 3 (draf)" in page
    draft = start_review(version=v2, reason="uji")
    change_status(version=draft, to_status=S.SUBMITTED)
    # Version 3 exists (submitted, not open): a review of version 2 would be version 4.
    page = client.get("/versi/{}/status/".format(v2.pk)).content.decode()
    assert "Buat versi 4 (draf)" in page and "Buat versi 3" not in page


def test_with_an_open_draft_the_status_page_opens_it(client, planner, v2, draft):
    page = client.get("/versi/{}/status/".format(v2.pk)).content.decode()
    assert "Buat versi" not in page and 'action="/versi/{}/review/"'.format(v2.pk) not in page
    assert '<form method="get" action="/versi/{}/">'.format(draft.pk) in page
    assert "Buka draf versi 3</button>" in page
    assert "sudah punya draf terbuka: versi 3" in page
    # Posted anyway (an old tab): refused with the draft's name, nothing made.
    response = client.post("/versi/{}/review/".format(v2.pk), {"reason": "lagi"}, follow=True)
    assert "sudah punya draf terbuka: versi 3" in response.content.decode()
    assert v2.plan.versions.count() == 3


def test_the_plan_list_shows_each_versions_status(client, planner, v1, v2, draft):
    page = client.get("/").content.decode()
    assert "<th>Status</th>" in page
    for version, label in ((v1, "Digantikan"), (v2, "Ditetapkan"), (draft, "Draf")):
        row = page[page.index('href="/versi/{}/"'.format(version.pk)) :]
        row = row[: row.index("</tr>")]
        assert '<span class="badge status-{}">{}</span>'.format(version.status, label) in row
