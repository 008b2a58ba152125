"""The reminders' fixtures: the SAKIP year's (tests/sakip/conftest.py: the demo's Renja 2019 and
the head's unpublished PK of 2019, whose deadline is 31 January 2019 by the rule), the agency's
planner and head with e-mail addresses, and the clock (the register's)."""

import datetime

import pytest

from tests.sakip.conftest import DAY, head_pk, head_unit, region_head, renja  # noqa: F401


def _with_email(user):
    user.email = "{}@contoh.go.id".format(user.username)
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def planner(make_user, v2):
    return _with_email(make_user("perencana_pengingat", "planner", v2))


@pytest.fixture
def head(make_user, v2):
    return _with_email(make_user("kepala_pengingat", "head", v2))


@pytest.fixture
def today(monkeypatch):
    """today(date): the clock (timezone.localdate, as the register reads it) set to `date`."""

    def set_day(day: datetime.date):
        monkeypatch.setattr("renstra.register.register.timezone.localdate", lambda: day)

    return set_day
