"""The register's fixtures: the SAKIP year's (tests/sakip/conftest.py: the demo's Renja 2019,
the head of region, the head's unit and the head's PK of 2019), a planner and a verifier, and
the register's clock."""

import datetime

import pytest

from tests.sakip.conftest import DAY, head_pk, head_unit, region_head, renja  # noqa: F401


@pytest.fixture
def planner(make_user, v2):
    return make_user("perencana_register", "planner", v2)


@pytest.fixture
def verifier(make_user, v2):
    return make_user("bappeda_register", "verifier", v2)


@pytest.fixture
def today(monkeypatch):
    """today(date): the register's clock (timezone.localdate) set to `date`."""

    def set_day(day: datetime.date):
        monkeypatch.setattr("renstra.register.register.timezone.localdate", lambda: day)

    return set_day
