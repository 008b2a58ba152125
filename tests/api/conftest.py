"""Fixtures of the API tests: a user and a token for every role, and a small JSON client."""

import json

import pytest
from django.contrib.auth import get_user_model

from renstra.accounts.models import Membership
from renstra.api.tokens import create_token
from renstra.plans.models import Agency

# The roles of tests/accounts/test_authorization.py; "anonim" sends no Authorization header.
ROLES = ("anonim", "perencana", "kepala", "verifikator", "auditor", "admin", "perencana_lain")


@pytest.fixture
def users(v2):
    """One user per role for the demo's agency (BKPSDM Kota Bontang); perencana_lain plans for
    another agency of the same region."""
    agency = v2.plan.agency
    other = Agency.objects.create(
        region=agency.region, short_name="DISKOMINFO", name="Dinas Kominfo"
    )
    made = {"anonim": None}
    for name, role, membership in (
        ("perencana", "planner", {"agency": agency}),
        ("kepala", "head", {"agency": agency}),
        ("verifikator", "verifier", {"region": agency.region}),
        ("auditor", "auditor", {}),
        ("admin", "admin", {}),
        ("perencana_lain", "planner", {"agency": other}),
    ):
        user = get_user_model().objects.create_user(name, password="rahasia-123")
        Membership.objects.create(user=user, role=role, **membership)
        made[name] = user
    return made


@pytest.fixture
def tokens(users):
    """role -> its bearer token (None for anonim)."""
    return {
        role: create_token(user=user, name="uji")[1] if user is not None else None
        for role, user in users.items()
    }


class ApiClient:
    """Django's test client speaking JSON with an optional bearer token."""

    def __init__(self, client):
        self.client = client

    def call(self, method: str, path: str, token: str | None = None, body=None, **headers):
        if token is not None:
            headers["HTTP_AUTHORIZATION"] = "Bearer {}".format(token)
        data = json.dumps(body) if body is not None else ""
        return self.client.generic(
            method.upper(), path, data, content_type="application/json", **headers
        )

    def get(self, path, token=None, **headers):
        return self.call("GET", path, token, **headers)

    def put(self, path, body, token=None, **headers):
        return self.call("PUT", path, token, body, **headers)


@pytest.fixture
def api(client):
    return ApiClient(client)
