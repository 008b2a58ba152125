"""The interface in each user's language: Indonesian (the source) by default, English when the
user's profile says so; anonymous visitors get Indonesian."""

import pytest
from django.utils import translation

from renstra.accounts.models import Profile


@pytest.fixture
def english(client, v1, make_user):
    """A client signed in as a planner of the demo agency who chose English."""
    user = make_user("planner-en", "planner", v1)
    Profile.objects.create(user=user, language="en")
    client.force_login(user)
    return client


@pytest.fixture
def indonesian(client, v1, make_user):
    """A client signed in as a planner of the demo agency who chose Indonesian."""
    user = make_user("perencana-id", "planner", v1)
    Profile.objects.create(user=user, language="id")
    client.force_login(user)
    return client


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_plan_list_in_english(english, v1, v2):
    page = _page(english, "/")
    assert '<html lang="en">' in page
    assert "<title>Strategic Plans (Renstra) · Renstra</title>" in page
    assert "<h1>Strategic Plans (Renstra) of Regional Agencies</h1>" in page
    assert (
        "<th>Local government</th><th>Regional agency</th><th>Strategic Plan (Renstra)</th>"
        "<th>Period</th><th>Version</th><th>Status</th><th>Description</th>"
    ) in page
    assert '<a href="/versi/{}/">Version 2</a>'.format(v2.pk) in page
    assert '<span class="muted">(revises version 1)</span>' in page
    assert '<button type="submit">Sign out</button>' in page
    assert "Daftar Renstra" not in page
    assert "Keluar" not in page


def test_version_page_in_english(english, v1):
    page = _page(english, "/versi/{}/".format(v1.pk))
    assert '<span class="badge">Version 1</span>' in page
    assert '<span class="label">Goal 1</span>' in page
    assert '<span class="label">Objective 1.1</span>' in page
    assert '<span class="label">Strategy 1.1</span>' in page
    assert "<h2>Goals, Objectives, Strategies and Policy Directions</h2>" in page
    assert "<h2>Programs, Activities, Indicators, Targets and Funding</h2>" in page
    assert "<strong>Check findings</strong>" in page
    assert ">Performance tree</a>" in page
    assert ">History</a>" in page
    assert ">Table 6.1 Indicative Funding</a>" in page
    assert '<th colspan="5">Indicative funding (Rp)</th>' in page
    assert '<button type="submit">Sign out</button>' in page
    # Data stays as written: names, codes and the version's label are not translated.
    assert "Renstra 2016-2021 sebelum review" in page
    assert '<span class="label">Tujuan' not in page
    assert '<span class="label">Sasaran' not in page


def test_findings_page_in_english(english, v2):
    page = _page(english, "/versi/{}/temuan/".format(v2.pk))
    assert "<h1>Check findings</h1>" in page
    assert '<span class="badge sev-error">Error: 11</span>' in page
    # The RPJMD sasaran its one sasaran does not name is a warning (the RPJMD is in force).
    assert '<span class="badge sev-warning">Warning: 14</span>' in page
    assert '<span class="badge sev-suggestion">Suggestion: 1</span>' in page
    assert '<span class="badge sev-error">Error</span> Satu kode untuk dua butir berbeda' in page
    assert "— Table 6.2, code 16.61</span>" in page
    assert '<button type="submit">Filter</button>' in page
    assert ">view item</a>" in page
    assert "Galat" not in page


def test_login_page_is_indonesian_for_anonymous_visitors(client, db):
    page = _page(client, "/masuk/")
    assert '<html lang="id">' in page
    assert "<h1>Masuk</h1>" in page
    assert '<label for="id_username">Nama pengguna</label>' in page
    assert '<label for="id_password">Kata sandi</label>' in page
    assert '<button type="submit">Masuk</button>' in page
    assert "Sign in" not in page


def test_indonesian_user_sees_indonesian(indonesian, v1, v2):
    page = _page(indonesian, "/")
    assert '<html lang="id">' in page
    assert "<h1>Daftar Renstra Perangkat Daerah</h1>" in page
    assert '<a href="/versi/{}/">Versi 2</a>'.format(v2.pk) in page
    assert '<button type="submit">Keluar</button>' in page
    page = _page(indonesian, "/versi/{}/".format(v1.pk))
    assert '<span class="label">Tujuan 1</span>' in page
    assert '<span class="label">Sasaran 1.1</span>' in page
    assert "<strong>Temuan pemeriksaan</strong>" in page
    assert "Sign out" not in page
    page = _page(indonesian, "/versi/{}/temuan/".format(v2.pk))
    assert '<span class="badge sev-error">Galat: 11</span>' in page
    assert "<h1>Temuan pemeriksaan</h1>" in page


def test_messages_and_errors_follow_the_users_language(english, draft, v2):
    response = english.post(
        "/versi/{}/komentar/".format(draft.pk), {"text": "Please check goal 1."}, follow=True
    )
    assert '<li class="success">Comment saved.</li>' in response.content.decode()
    refused = english.post("/versi/{}/grid/baris/".format(v2.pk), {"kind": "target"})
    assert refused.status_code == 403
    assert refused.content.decode() == (
        '<p class="grid-error" role="alert">You may not change this version: only planners of '
        "its regional agency can change a version whose status is Draft or Returned.</p>"
    )


def test_the_users_language_does_not_outlive_the_request(english, v1):
    with translation.override("id"):
        assert _page(english, "/").count("Strategic Plans (Renstra)") >= 1
        assert translation.get_language() == "id"
        assert translation.gettext("Tujuan") == "Tujuan"
