"""The LKjIP tests' fixtures: the demo's approved version 2 with its example realization
(2017-2019), users of each role, and an LKjIP of 2018 made by the agency's planner."""

import pytest

from renstra.lkjip.services import create_lkjip
from renstra.monitoring.sample import load_sample_realization

# The SAKIP year's fixtures: a Renja of 2019, the head of region, the head's unit.
from tests.sakip.conftest import head_unit, region_head, renja  # noqa: F401


@pytest.fixture
def sample(v2):
    """The demo's example realization (2017-2019) on version 2."""
    assert load_sample_realization(v2) > 0
    return v2


@pytest.fixture
def planner(make_user, v2):
    return make_user("perencana_lkjip", "planner", v2)


@pytest.fixture
def head(make_user, v2):
    return make_user("kepala_lkjip", "head", v2)


@pytest.fixture
def verifier(make_user, v2):
    return make_user("verifikator_lkjip", "verifier", v2)


@pytest.fixture
def lkjip(sample, planner):
    return create_lkjip(agency=sample.plan.agency, year=2018, user=planner)
