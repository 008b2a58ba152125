import pytest

from renstra.monitoring.sample import load_sample_realization


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Evidence files go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def planner(make_user, v2):
    return make_user("perencana_uji", "planner", v2)


@pytest.fixture
def head(make_user, v2):
    return make_user("kepala_uji", "head", v2)


@pytest.fixture
def sample(v2):
    """The demo's example realization (2017-2019) on version 2."""
    assert load_sample_realization(v2) > 0
    return v2
