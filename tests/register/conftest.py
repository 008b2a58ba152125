"""The register's fixtures, copied from tests/sakip/conftest.py: the demo's Renja 2019, the
head of region, the head's unit and the head's PK of 2019; a planner and a verifier."""

import datetime

import pytest

from renstra.plans.choices import UnitKind
from renstra.plans.models import Unit
from renstra.sakip.agreements import create_agreement
from renstra.sakip.models import RegionHead
from renstra.sakip.services import create_renja

DAY = datetime.date(2019, 4, 15)


@pytest.fixture
def planner(make_user, v2):
    return make_user("perencana_register", "planner", v2)


@pytest.fixture
def verifier(make_user, v2):
    return make_user("bappeda_register", "verifier", v2)


@pytest.fixture
def renja(v2, planner):
    return create_renja(version=v2, year=2019, user=planner)


@pytest.fixture
def region_head(v2):
    return RegionHead.objects.create(
        region=v2.plan.agency.region,
        name="Wali Kota Contoh",
        position="Wali Kota Bontang",
        start_date=datetime.date(2016, 2, 17),
    )


@pytest.fixture
def head_unit(v2):
    return Unit.objects.get(agency=v2.plan.agency, kind=UnitKind.HEAD)


@pytest.fixture
def head_pk(renja, region_head, head_unit, planner):
    return create_agreement(unit=head_unit, year=2019, user=planner, day=DAY)


@pytest.fixture
def today(monkeypatch):
    """today(date): the register's clock (timezone.localdate) set to `date`."""

    def set_day(day: datetime.date):
        monkeypatch.setattr("renstra.register.register.timezone.localdate", lambda: day)

    return set_day
