"""The head and cascade of a locked version's page come from the cache
(renstra.plans.page_cache), and nothing they show goes stale: a change of the language, the
plan, its agency, its RPJMD or a return for changes gives new ones; what is the user's (the
monitoring link, the export buttons with their CSRF token, the name) is each user's own; a
draft is never cached, so an edit shows at once."""

import re

import pytest
from django.core.cache import cache
from django.urls import set_script_prefix

from renstra.accounts.models import Profile
from renstra.plans import views
from renstra.plans.models import Goal
from renstra.review.services import change_status
from tests.growth import queries


@pytest.fixture
def caching(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def builds(monkeypatch):
    """The versions whose head and cascade were rendered, one entry per rendering."""
    built = []
    parts = views._parts

    def spy(version, *args, **kwargs):
        built.append(version.pk)
        return parts(version, *args, **kwargs)

    monkeypatch.setattr(views, "_parts", spy)
    return built


def _page(client, version) -> str:
    response = client.get("/versi/{}/".format(version.pk))
    assert response.status_code == 200
    return response.content.decode()


def test_an_approved_versions_page_is_rendered_once(client, v2, caching, builds):
    first = _page(client, v2)
    assert builds == [v2.pk]
    count = queries(lambda: _page(client, v2))
    assert _page(client, v2) == first and builds == [v2.pk]
    # The version with its missions (2) and no read of the version's items (11 queries).
    assert count == 2
    assert "Meningkatnya profesionalitas ASN" in first and "1.047.655.345" in first


def test_the_cached_page_is_the_page_rendered_without_cache(client, v2, settings, make_user):
    client.force_login(make_user("perencana-uji", "planner", v2))
    fresh = _page(client, v2)  # the suite's cache keeps nothing
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    try:
        _page(client, v2)
        cached = _page(client, v2)
    finally:
        cache.clear()
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')  # masked anew each time
    assert token.sub("", cached) == token.sub("", fresh)
    assert 'id="ekspor-pdf"' in cached  # the signed-in user's export buttons


def test_each_user_gets_their_own_links_around_the_shared_cascade(
    client, v2, caching, builds, make_user
):
    visitor = _page(client, v2)
    client.force_login(make_user("perencana-uji", "planner", v2))
    planner = _page(client, v2)
    assert builds == [v2.pk, v2.pk]  # with the monitoring link and without
    # The planner's page: signed in, with the monitoring link and forms with a CSRF token; the
    # visitor's has none of it, and the same cascade.
    assert "perencana-uji" in planner and "Pemantauan dan evaluasi" in planner
    assert "Pemantauan dan evaluasi" not in visitor and "csrfmiddlewaretoken" not in visitor
    sign_out = '<button type="submit">Keluar</button>'
    assert sign_out in planner and sign_out not in visitor
    cascade = visitor[visitor.index("<h2>") : visitor.index("</main>")]
    assert cascade in planner
    assert 'class="edit-links"' not in planner
    # A second signed-in reader who may see the monitoring: the planner's rendering, with its
    # own CSRF token and name around it.
    client.force_login(make_user("bappeda-uji", "verifier", v2))
    verifier = _page(client, v2)
    assert builds == [v2.pk, v2.pk]
    assert "bappeda-uji" in verifier and "perencana-uji" not in verifier
    assert "Pemantauan dan evaluasi" in verifier


def test_the_language_plan_and_rpjmd_are_in_the_key(client, v1, caching, builds, make_user):
    user = make_user("planner-en", "planner", v1)
    client.force_login(user)
    assert '<span class="label">Tujuan 1</span>' in _page(client, v1)
    Profile.objects.create(user=user, language="en")
    page = _page(client, v1)
    assert '<span class="label">Goal 1</span>' in page and "Tujuan 1</span>" not in page
    assert builds == [v1.pk, v1.pk]

    regional = v1.plan.regional_plan
    regional.vision = "Bontang kota jasa yang maju (visi uji)"
    regional.save()
    assert regional.vision in _page(client, v1)
    mission = v1.missions.order_by("order").first()
    mission.text = "Misi yang dirumuskan ulang (uji)"
    mission.save()
    assert mission.text in _page(client, v1)
    plan = v1.plan
    plan.period_end += 1  # one more year of targets: one more column each side
    plan.save()
    years = [str(year) for year in plan.target_years]
    assert "<th>{}</th>".format(years[-1]) in _page(client, v1)
    assert len(builds) == 5
    _page(client, v1)
    assert len(builds) == 5


def test_the_agency_printed_in_the_head_is_in_the_key(client, v2, caching, builds):
    assert "Badan Kepegawaian" in _page(client, v2)
    agency = v2.plan.agency
    agency.name = "Badan Kepegawaian dan Pengembangan SDM (nama baru)"
    agency.save()
    assert agency.name in _page(client, v2)
    region = agency.region
    region.name = "Kota Bontang (uji)"
    region.save()
    assert "› BKPSDM Kota Bontang (uji)</p>" in _page(client, v2)
    assert builds == [v2.pk] * 3
    _page(client, v2)
    assert builds == [v2.pk] * 3


def test_a_draft_edit_shows_at_once(client, draft, caching, builds, make_user):
    client.force_login(make_user("perencana-uji", "planner", draft))
    page = _page(client, draft)
    assert 'class="edit-links"' in page  # the planner's own edit links: never cached
    goal = Goal.objects.get(version=draft)
    client.post(
        "/versi/{}/butir/tujuan/{}/ubah/".format(draft.pk, goal.pk),
        {"number": "1", "name": "Tujuan yang baru saja diubah"},
    )
    assert "Tujuan yang baru saja diubah" in _page(client, draft)
    assert builds == [draft.pk, draft.pk]
    # Another user of the same draft who may not edit it: built each time too.
    client.force_login(make_user("bappeda-uji", "verifier", draft))
    page = _page(client, draft)
    assert "Tujuan yang baru saja diubah" in page and 'class="edit-links"' not in page
    _page(client, draft)
    assert builds == [draft.pk] * 4


def test_a_version_returned_changed_and_submitted_again_is_not_stale(
    client, draft, caching, builds, make_user
):
    change_status(version=draft, to_status="submitted")
    client.force_login(make_user("bappeda-uji", "verifier", draft))
    assert "Tujuan yang dirumuskan ulang" not in _page(client, draft)
    _page(client, draft)
    assert builds == [draft.pk]
    change_status(version=draft, to_status="returned", note="rumusan tujuan diperbaiki")
    goal = Goal.objects.get(version=draft)
    goal.name = "Tujuan yang dirumuskan ulang setelah dikembalikan"
    goal.save()
    change_status(version=draft, to_status="submitted")
    assert goal.name in _page(client, draft)
    assert builds == [draft.pk, draft.pk]


def test_every_transcription_note_is_printed_once_and_each_mark_points_to_one(client, v2):
    page = _page(client, v2)
    notes = dict(re.findall(r'<li id="catatan-(\d+)">([^<]*)</li>', page))
    marks = set(re.findall(r'<sup><a href="#catatan-(\d+)">\1</a></sup>', page))
    assert len(notes) == 86  # the demo's version 2: 289 marked cells, 86 distinct notes
    assert marks == set(notes)
    assert len(set(notes.values())) == len(notes)
    # The note of program 05's funding, once under the table and not on each of its cells.
    assert notes["1"].endswith(
        "every other 4-amount row of this table resolved by sums is empty in 2017"
    )
    assert page.count(notes["1"]) == 1
    row = page[page.index('class="program"') :]
    row = row[: row.index("</tr>")]
    assert row.count('<a href="#catatan-1">1</a>') == 4


def test_links_follow_the_prefix_the_app_is_served_under(client, v2, caching, builds):
    assert 'href="/versi/{}/program/'.format(v2.pk) in _page(client, v2)
    set_script_prefix("/renstra/")  # what the WSGI handler sets from SCRIPT_NAME
    try:
        page = _page(client, v2)
    finally:
        set_script_prefix("/")
    assert 'href="/renstra/versi/{}/program/'.format(v2.pk) in page
    assert 'href="/versi/' not in page
    assert builds == [v2.pk, v2.pk]
