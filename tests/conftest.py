"""Shared fixtures: the demo plan is loaded once per test session into the test database,
through the same loader `renstra demo` uses; each test runs in a transaction rolled back after it."""

import pytest

from renstra.interchange.demo import load_demo
from renstra.plans.models import PlanVersion
from renstra.plans.readmodel import VersionRead


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests make many users; the production hasher (PBKDF2, about 0.4 s a password) is the
    point in production and only a cost here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo_versions(db):
    """(version 1 before review, version 2 after review) of the demo plan."""
    versions = list(
        PlanVersion.objects.filter(plan__agency__short_name="BKPSDM").order_by("number")
    )
    assert [v.number for v in versions] == [1, 2]
    return versions[0], versions[1]


@pytest.fixture
def v1(demo_versions):
    return demo_versions[0]


@pytest.fixture
def v2(demo_versions):
    return demo_versions[1]


@pytest.fixture
def draft(v2):
    """A review of version 2: version 3, a draft copy that tests may change."""
    from renstra.review.services import start_review

    return start_review(version=v2, reason="tindak lanjut penilaian SAKIP (uji)")


@pytest.fixture
def reads(monkeypatch):
    """The ids of the versions read whole through the read model (plans.readmodel), one entry
    per read, in order: tests assert that a consumer reads a version once."""
    read = []
    original = VersionRead.__init__

    def spy(self, version, *args, **kwargs):
        read.append(version.pk)
        original(self, version, *args, **kwargs)

    monkeypatch.setattr(VersionRead, "__init__", spy)
    return read


@pytest.fixture
def make_user(db):
    """make_user("bappeda", "verifier", version) -> a user with that role for the version's
    agency (planner, head) or region (verifier); auditor and admin reach everything."""
    from django.contrib.auth import get_user_model

    from renstra.accounts.models import Membership

    def make(username, role, version=None):
        user = get_user_model().objects.create_user(username, password="rahasia-123")
        agency = version.plan.agency if version is not None else None
        Membership.objects.create(
            user=user,
            role=role,
            agency=agency if role in ("planner", "head") else None,
            region=agency.region if role == "verifier" and agency else None,
        )
        return user

    return make


def _flushes_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


def pytest_collection_modifyitems(items):
    """Browser tests and other transactional tests run last: they need committed data (a live
    server or threads with connections of their own), and the database flush after each of them
    would empty the session's demo for later tests."""
    items.sort(
        key=lambda item: (
            "tests/e2e/" in str(item.fspath).replace("\\", "/") or _flushes_the_database(item)
        )
    )
