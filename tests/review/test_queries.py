"""What review costs, whatever the plan's size: the review copy and the comparison read their
versions through the one read model (renstra.plans.readmodel) and make the same number of
queries for a small and a grown version; the review pages have pinned query counts that do not
move when the version grows on every level (with edits and comments on the new items)."""

import pytest
from django.db import connection

from renstra.plans.choices import VersionStatus as S
from renstra.plans.levels import FUNDED, LEVELS
from renstra.plans.models import Activity, Indicator, PlanVersion, Program, Target
from renstra.plans.queries import version_with_plan
from renstra.plans.services import target_fields
from renstra.review.diff import compare_versions
from renstra.review.services import add_comment, change_status, start_review
from tests.growth import grow, queries


@pytest.fixture
def one_statement_per_bulk_insert(monkeypatch):
    """SQLite takes at most 999 parameters a statement, so Django splits a bulk insert into
    batches whose number follows the plan's size; PostgreSQL, in production, sends each bulk
    insert (and bulk update) as one statement. Count statements as PostgreSQL sends them."""
    monkeypatch.setattr(connection.ops, "bulk_batch_size", lambda fields, objs: len(objs))


def _approve(version):
    for status in (S.SUBMITTED, S.VERIFIED, S.APPROVED):
        change_status(version=version, to_status=status)
    version.refresh_from_db()


# --- the review copy ---------------------------------------------------------------------------


# The savepoint and its release; the plan's lock and its versions (the number, the labels, an
# open draft), the version and its history, its missions (the ones it has, the insert), its
# first status; the read model; for each of the seven levels and for indicators, targets and
# funding the lock check, the insert and its history; the program–sasaran links; the kegiatan
# grouped under a program indicator: the lock checks of the update (two, one through the
# queryset), the update and its history.
REVIEW_COPY = 2 + 7 + 11 + 10 * 3 + 1 + 5


def test_the_review_copy_reads_the_version_once_whatever_its_size(
    draft, reads, one_statement_per_bulk_insert
):
    grow(draft, programs=1)  # every level has items, so every table is copied
    _approve(draft)

    def review(reason):
        version = version_with_plan(draft.pk)  # as the page has it
        return queries(start_review, version=version, reason=reason)

    small = review("uji kecil")
    # One open draft per plan: the first copy goes before the plan is grown and copied again.
    PlanVersion.objects.filter(plan=draft.plan, status=S.DRAFT).delete()
    grow(draft, programs=4, goals=2)
    assert review("uji besar") == small
    assert reads == [draft.pk, draft.pk]
    assert small == REVIEW_COPY


def test_the_review_copy_copies_every_level_with_its_links(draft):
    grow(draft, programs=2)
    grouped = Activity.objects.filter(program__version=draft, program_indicator__isnull=False)
    assert grouped.exists()  # the demo groups kegiatan under program indicators
    _approve(draft)
    copy = start_review(version=version_with_plan(draft.pk), reason="uji salinan")

    for model, path in [(lv.model, lv.version_path) for lv in LEVELS] + [(Indicator, "version")]:
        originals = model.objects.filter(**{path: draft})
        copies = model.objects.filter(**{path: copy})
        # every item once, in the same order, each remembering its original
        assert list(copies.order_by("order", "pk").values_list("copied_from_id", flat=True)) == (
            list(originals.order_by("order", "pk").values_list("pk", flat=True))
        ), model.__name__
    for level in LEVELS:
        if level.parent is None:
            continue
        items = level.model.objects.filter(**{level.version_path: copy})
        for item in items.select_related(level.parent_field, "copied_from"):
            # under the copy of its original's parent
            parent, original = getattr(item, level.parent_field), item.copied_from
            assert parent.copied_from_id == getattr(original, level.parent_field + "_id")
    for indicator in Indicator.objects.filter(version=copy).select_related("copied_from"):
        owner, original = indicator.owner, indicator.copied_from.owner
        assert (type(owner), owner.copied_from_id) == (type(original), original.pk)
        assert [(t.year, t.raw_text) for t in indicator.targets.all()] == [
            (t.year, t.raw_text) for t in indicator.copied_from.targets.all()
        ]
    for program in Program.objects.filter(version=copy).select_related("copied_from"):
        assert sorted(o.copied_from_id for o in program.objectives.all()) == sorted(
            program.copied_from.objectives.values_list("pk", flat=True)
        )
    for activity in Activity.objects.filter(program__version=copy).select_related(
        "copied_from__program_indicator", "program_indicator"
    ):
        original = activity.copied_from.program_indicator
        copied = activity.program_indicator
        assert (copied.copied_from_id if copied else None) == (original.pk if original else None)
        if copied:
            assert activity.history.first().history_type == "~"  # set after the copy, recorded

    for level in FUNDED:
        items = level.model.objects.filter(**{level.version_path: copy})
        for item in items.select_related("copied_from"):
            assert list(item.funding.values_list("year", "raw_text", "amount")) == list(
                item.copied_from.funding.values_list("year", "raw_text", "amount")
            )
    assert Target.objects.filter(indicator__version=copy).count() == (
        Target.objects.filter(indicator__version=draft).count()
    )


# --- the comparison ----------------------------------------------------------------------------


def test_the_comparison_reads_both_versions_once_whatever_their_size(v2, draft, reads):
    def compare():
        old, new = version_with_plan(v2.pk), version_with_plan(draft.pk)  # as the pages have them
        return queries(compare_versions, old, new), compare_versions(old, new)

    grow(draft, programs=1)
    small, comparison = compare()
    grow(draft, programs=4, goals=2)
    large, grown = compare()
    assert large == small == 2 * 11 + 1  # the read model of each version, the corrections
    assert grown.totals["added"] > comparison.totals["added"]
    assert reads == [v2.pk, draft.pk] * 4


# --- the pages -----------------------------------------------------------------------------------

# Every page: the session, the user and the user's profile, the version with its missions, the
# memberships behind the permission check (FRAME); then the page's own queries.
FRAME = 6
PAGES = {
    # the frame with both versions (the memberships read once); the read model of each version,
    # the users' corrections
    "/perbandingan/?dari={old}&ke={new}": FRAME + 2 + 2 * 11 + 1,
    # a filter and a level only choose what is listed of the same comparison
    "/perbandingan/?dari={old}&ke={new}&perubahan=ditambah&jenis=indikator": FRAME + 2 + 23,
    # the comments, their replies, the replies' authors, the status changes (the memberships
    # behind the page's further permission checks are FRAME's, read once per request)
    "/versi/{new}/status/": FRAME + 4,
    # the records of the version itself, of each level, of indicators, targets and funding
    "/versi/{new}/riwayat/": FRAME + 10,
    # another page of entries, or one kind: the same records, read whole and shown in part
    "/versi/{new}/riwayat/?halaman=2": FRAME + 10,
    "/versi/{new}/riwayat/?jenis=target": FRAME + 10,
    # each level as of the date, indicators, targets, funding, the program–sasaran links
    "/versi/{new}/per-tanggal/": FRAME + 10,
}


def _grow(version, user, **size):
    """Grow the version, change a target of each new kegiatan indicator (history records to
    compare with the one before) and comment on it, with a reply."""
    for indicator in grow(version, **size):
        target = indicator.targets.get()
        target.__dict__.update(target_fields("5 dokumen"))
        target.save()
        comment = add_comment(
            version=version, user=user, text="Cek", kind="indicator", item_id=indicator.pk
        )
        add_comment(version=version, user=user, text="Sudah", reply_to=comment.pk)


@pytest.mark.parametrize("page", PAGES)
def test_review_pages_take_a_pinned_number_of_queries_whatever_the_plan_size(
    client, v2, draft, make_user, page
):
    user = make_user("bappeda-uji", "verifier", draft)
    client.force_login(user)
    url = page.format(old=v2.pk, new=draft.pk)

    def get():
        assert client.get(url).status_code == 200

    _grow(draft, user, programs=1)
    assert queries(get) == PAGES[page]
    _grow(draft, user, programs=4, goals=2)
    assert queries(get) == PAGES[page]
