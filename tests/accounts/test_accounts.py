"""Users, sign-in throttling, password change, language, demo accounts, createuser."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command

from renstra.accounts.addresses import client_address
from renstra.accounts.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from renstra.accounts.models import Membership, Profile


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_createuser_with_role_and_agency(db, v2):
    call_command("createuser", "rina", role="planner", agency="BKPSDM", password="rahasia-123")
    membership = Membership.objects.get(user__username="rina")
    assert (membership.role, membership.agency.short_name) == ("planner", "BKPSDM")
    assert get_user_model().objects.get(username="rina").check_password("rahasia-123")
    with pytest.raises(CommandError, match="memerlukan --agency"):
        call_command("createuser", "budi", role="head", password="x")
    with pytest.raises(CommandError, match="sudah ada"):
        call_command("createuser", "rina", role="auditor", password="x")


def test_demo_accounts_one_per_role(db, capsys):
    call_command("demo")
    assert "Akun contoh dibuat" in capsys.readouterr().out
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert roles == {name: role for name, role in DEMO_ACCOUNTS}
    assert get_user_model().objects.get(username="perencana").check_password(DEMO_PASSWORD)
    call_command("demo")
    assert "Akun contoh dibuat" not in capsys.readouterr().out


def test_login_is_throttled_after_repeated_failures(client, db):
    get_user_model().objects.create_user("rina", password="rahasia-123")
    for _ in range(4):
        assert client.post("/masuk/", {"username": "rina", "password": "salah"}).status_code == 200
    fifth = client.post("/masuk/", {"username": "rina", "password": "salah"})
    assert fifth.status_code == 429
    blocked = client.post("/masuk/", {"username": "rina", "password": "rahasia-123"})
    assert blocked.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    # The count is in the database (every worker sees it), keyed by account and address.
    # (the refused sixth attempt counts too)
    assert AccessAttempt.objects.get(username="rina").failures_since_start == 6
    other = client.post(
        "/masuk/", {"username": "rina", "password": "rahasia-123"}, REMOTE_ADDR="10.9.8.7"
    )
    assert other.status_code == 302


def test_addresses_behind_trusted_proxies(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.1"  # no proxy configured: the header is a lie
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.9"  # what our proxy saw, not what was claimed
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_address(request) == "10.0.0.1"  # fewer hops than proxies: not believed


def test_login_logout_and_password_change(client, db):
    user = get_user_model().objects.create_user("rina", password="rahasia-123")
    assert (
        client.post("/masuk/", {"username": "rina", "password": "rahasia-123"}).status_code == 302
    )
    response = client.post(
        "/akun/sandi/",
        {
            "old_password": "rahasia-123",
            "new_password1": "Sandi-baru-2026!",
            "new_password2": "Sandi-baru-2026!",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Sandi-baru-2026!")
    client.post("/keluar/")
    assert "_auth_user_id" not in client.session


def test_each_user_chooses_a_language(client, db):
    user = get_user_model().objects.create_user("rina", password="rahasia-123")
    client.force_login(user)
    assert 'lang="id"' in client.get("/").content.decode()
    client.post("/akun/bahasa/", {"language": "en", "next": "/"})
    assert Profile.objects.get(user=user).language == "en"
    page = client.get("/masuk/").wsgi_request
    assert page.LANGUAGE_CODE == "en"


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "http:/\\evil"])
def test_choosing_a_language_never_sends_the_user_to_another_site(client, db, target):
    user = get_user_model().objects.create_user("rina", password="rahasia-123")
    client.force_login(user)
    response = client.post("/akun/bahasa/", {"language": "en", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"
    page = client.post("/akun/bahasa/", {"language": "id", "next": "/versi/2/"})
    assert page["Location"] == "/versi/2/"


def test_an_unknown_language_is_not_stored(client, db):
    user = get_user_model().objects.create_user("rina", password="rahasia-123")
    client.force_login(user)
    client.post("/akun/bahasa/", {"language": "xx", "next": "/"})
    assert not Profile.objects.filter(user=user).exists()
