"""API tokens: only a hash is stored, a revoked or unknown token is refused, the command and the
page make and revoke them, and the API never acts on a session cookie."""

import hashlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from renstra.api.models import ApiToken
from renstra.api.tokens import create_token, revoke_token, user_for_token


def test_only_the_hash_and_a_short_prefix_of_a_token_are_stored(users):
    record, token = create_token(user=users["perencana"], name="skrip laporan")
    assert token.startswith("rst_") and len(token) == 4 + 43
    stored = ApiToken.objects.get(pk=record.pk)
    assert stored.key_hash == hashlib.sha256(token.encode()).hexdigest()
    assert stored.prefix == token[:12]
    assert (stored.name, stored.user, stored.revoked, stored.last_used_at) == (
        "skrip laporan",
        users["perencana"],
        False,
        None,
    )
    row = ApiToken.objects.filter(pk=record.pk).values().get()
    assert not any(token in str(value) for value in row.values())
    assert user_for_token(token) == users["perencana"]


def test_two_tokens_of_one_user_differ_and_work_independently(users):
    first = create_token(user=users["kepala"])
    second = create_token(user=users["kepala"])
    assert first[1] != second[1] and first[0].prefix != second[0].prefix
    revoke_token(first[0])
    assert user_for_token(first[1]) is None
    assert user_for_token(second[1]) == users["kepala"]


def test_a_token_reads_as_its_user_and_records_when_it_was_used(api, users, tokens, draft):
    response = api.get("/api/versions/{}".format(draft.pk), tokens["perencana"])
    assert response.status_code == 200
    assert response.json()["allowed"] == {
        "edit": True,
        "view_monitoring": True,
        "enter_realization": False,
    }
    record = ApiToken.objects.get(user=users["perencana"])
    assert record.last_used_at is not None


def test_a_revoked_token_is_refused_with_401_in_indonesian(api, users, tokens, draft):
    revoke_token(ApiToken.objects.get(user=users["perencana"]))
    response = api.get("/api/versions/{}".format(draft.pk), tokens["perencana"])
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="renstra"'
    assert response.json() == {
        "detail": "Token API tidak dikenal, sudah dicabut, atau penggunanya tidak aktif. Buat "
        "token baru di halaman Token API atau dengan `renstra token create`."
    }


@pytest.mark.parametrize(
    "header",
    ["Bearer rst_salah", "Bearer ", "Bearer bukan-token", "Basic cGVyZW5jYW5hOnJhaGFzaWE=", "x"],
)
def test_a_wrong_authorization_header_is_401_not_anonymous(api, v2, header):
    response = api.get("/api/versions/{}".format(v2.pk), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["detail"].startswith(("Token API tidak dikenal", "Header Authorization"))


def test_the_token_of_an_inactive_user_is_refused(api, users, tokens, v2):
    get_user_model().objects.filter(pk=users["kepala"].pk).update(is_active=False)
    assert api.get("/api/versions/{}".format(v2.pk), tokens["kepala"]).status_code == 401


def test_the_api_ignores_the_session_of_a_signed_in_page_user(api, client, users, draft):
    client.force_login(users["perencana"])
    # Without a token the request is the public's, whoever is signed in to the pages.
    assert api.get("/api/versions/{}".format(draft.pk)).status_code == 404
    response = api.put(
        "/api/versions/{}/indicators/1/targets/2018".format(draft.pk), {"raw_text": "1"}
    )
    assert response.status_code == 404


# --- the command -------------------------------------------------------------------------------


def _run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_creates_prints_once_lists_and_revokes(users):
    out, err = _run("create", "kepala", "--name", "dasbor")
    token = out.strip()
    record = ApiToken.objects.get(user=users["kepala"])
    assert record.name == "dasbor"
    assert "tidak akan ditampilkan lagi" in err and record.prefix in err

    listing, _ = _run("list", "kepala")
    lines = listing.splitlines()
    assert lines[0] == "awalan\tnama\tdibuat\tterakhir_dipakai\tstatus"
    assert lines[1].split("\t")[0:2] == [record.prefix, "dasbor"]
    assert lines[1].endswith("\t-\taktif")  # never used yet
    assert token not in listing
    assert user_for_token(token) == users["kepala"]

    out, _ = _run("revoke", record.prefix)
    assert out.strip() == "Token {}… milik 'kepala' dicabut.".format(record.prefix)
    assert user_for_token(token) is None
    assert _run("list", "kepala")[0].splitlines()[1].endswith("\tdicabut")


def test_the_command_names_what_it_cannot_find(users):
    with pytest.raises(CommandError, match="Pengguna 'tidak_ada' tidak ditemukan."):
        _run("create", "tidak_ada")
    with pytest.raises(CommandError, match="Tidak ada token dengan awalan 'rst_zzzz'."):
        _run("revoke", "rst_zzzz")


# --- the page ----------------------------------------------------------------------------------


def test_the_token_page_needs_a_signed_in_user(client):
    response = client.get("/akun/token/")
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_the_page_makes_a_token_shows_it_once_and_revokes_it(client, users):
    client.force_login(users["verifikator"])
    response = client.post("/akun/token/", {"name": "rekap Bappeda"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    record = ApiToken.objects.get(user=users["verifikator"])
    page = response.content.decode()
    token = page.split('<code id="token-baru">')[1].split("</code>")[0]
    assert user_for_token(token) == users["verifikator"]
    assert "tidak akan ditampilkan lagi" in page

    listing = client.get("/akun/token/").content.decode()
    assert record.prefix in listing and "rekap Bappeda" in listing
    assert token not in listing

    response = client.post("/akun/token/{}/cabut/".format(record.pk))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.revoked and record.revoked_at is not None
    assert user_for_token(token) is None


def test_nobody_revokes_the_token_of_someone_else(client, users):
    record, token = create_token(user=users["perencana"])
    client.force_login(users["kepala"])
    assert client.post("/akun/token/{}/cabut/".format(record.pk)).status_code == 404
    assert user_for_token(token) == users["perencana"]
    assert record.prefix not in client.get("/akun/token/").content.decode()
