"""Files of frozen versions come from the cache; nothing they print can go stale: a change of
the signature block, the agency or the language gives a new file; a draft is never cached."""

import pytest
from django.core.cache import cache
from django.utils import translation

from renstra.plans.models import AgencySignature
from renstra.reports import views
from renstra.reports.cache import cached_file
from tests.growth import queries


@pytest.fixture
def caching(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def builds(monkeypatch):
    """How many times a table or the whole plan was rendered."""
    count = {"table": 0, "plan": 0}
    table, plan = views.render_table, views.render_plan

    def render_table(*args, **kwargs):
        count["table"] += 1
        return table(*args, **kwargs)

    def render_plan(*args, **kwargs):
        count["plan"] += 1
        return plan(*args, **kwargs)

    monkeypatch.setattr(views, "render_table", render_table)
    monkeypatch.setattr(views, "render_plan", render_plan)
    return count


def test_a_frozen_versions_file_is_built_once(client, v2, caching, builds):
    url = "/versi/{}/tabel/6.1.pdf".format(v2.pk)
    first = client.get(url)
    assert first.status_code == 200 and builds["table"] == 1
    count = queries(lambda: client.get(url))
    assert client.get(url).content == first.content and builds["table"] == 1
    assert count <= 12, count  # the version and the stamp: no table is read
    plan = client.get("/versi/{}/renstra.xlsx".format(v2.pk))
    assert client.get("/versi/{}/renstra.xlsx".format(v2.pk)).content == plan.content
    assert builds["plan"] == 1


def test_what_the_file_prints_besides_the_plan_makes_a_new_one(client, v2, caching, builds):
    url = "/versi/{}/tabel/6.1.pdf".format(v2.pk)
    client.get(url)
    AgencySignature.objects.create(
        agency=v2.plan.agency, place="Bontang", position="Kepala Badan", name="Budi Santoso"
    )
    signed = client.get(url)
    assert builds["table"] == 2 and b"%PDF" in signed.content
    agency = v2.plan.agency
    agency.name = agency.name + " (nama baru)"
    agency.save()
    client.get(url)
    assert builds["table"] == 3
    client.get(url + "?kertas=a4")
    assert builds["table"] == 4
    # Another language (a signed-in user's choice), another file.
    made = []
    for language in ("id", "en", "en"):
        with translation.override(language):
            cached_file(v2, ("uji",), lambda lang=language: made.append(lang) or lang.encode())
    assert made == ["id", "en"]


def test_drafts_and_reports_about_the_plan_are_never_cached(
    client, admin_client, draft, v2, caching, builds
):
    for _ in range(2):
        assert admin_client.get("/versi/{}/tabel/6.1.csv".format(draft.pk)).status_code == 200
    assert builds["table"] == 2
    for _ in range(2):
        client.get("/versi/{}/tabel/temuan.csv".format(v2.pk))
    assert builds["table"] == 4
