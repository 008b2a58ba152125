"""The LKE tests' fixtures: the small test template (tests/lke/fixtures/lke-uji.yaml, first used
for 2017), the demo agency (BKPSDM Kota Bontang), a user of each role (the inspectorate's of the
agency's region, and an auditor of another region), and the system's suggestions replaced by a
fixed stub (renstra.lke.prefill.suggest) so that each test knows what is suggested."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from renstra.accounts.models import Membership
from renstra.lke import prefill
from renstra.lke.services import start_evaluation
from renstra.lke.template_loader import load_template
from renstra.plans.models import Agency, Region

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEMPLATE_FILE = FIXTURES / "lke-uji.yaml"

# What the stub suggests, by rule key: (value, sentence, [(label, url)]); None = no suggestion.
SUGGESTIONS = {
    "renstra_ada": ("Y", "Renstra 2016-2021 ditetapkan.", [("Renstra versi 2", "/rencana/2/")]),
    "indikator_terukur": ("B", "80 % indikator terukur.", [("Pemeriksaan", "/periksa/2/")]),
    "realisasi_terisi": None,
    "lkjip_ada": ("T", "LKjIP belum ada.", []),
}


def stub_suggest(rule_key, agency, year, scale, **kwargs):
    found = SUGGESTIONS.get(rule_key)
    if found is None:
        return None
    value, text, links = found
    return SimpleNamespace(
        value=value,
        text=text,
        evidence=[SimpleNamespace(label=label, url=url) for label, url in links],
    )


REAL_SUGGEST = prefill.suggest


@pytest.fixture(autouse=True)
def prefill_stub(monkeypatch):
    """renstra.lke.prefill.suggest replaced by stub_suggest; a test of the real rules puts
    REAL_SUGGEST back."""
    monkeypatch.setattr(prefill, "suggest", stub_suggest)
    return stub_suggest


@pytest.fixture
def template(db):
    return load_template(TEMPLATE_FILE)


@pytest.fixture
def agency(db):
    return Agency.objects.select_related("region").get(short_name="BKPSDM")


@pytest.fixture
def other_region(db):
    return Region.objects.create(name="Kabupaten Uji Lain", kind="kabupaten")


@pytest.fixture
def member(db):
    """member("nama", "auditor", region=...) or member("nama", "planner", agency=...)."""

    def make(username, role, *, agency=None, region=None):
        user = get_user_model().objects.create_user(username, password="rahasia-123")
        Membership.objects.create(user=user, role=role, agency=agency, region=region)
        return user

    return make


@pytest.fixture
def planner(member, agency):
    return member("perencana_lke", "planner", agency=agency)


@pytest.fixture
def head(member, agency):
    return member("kepala_lke", "head", agency=agency)


@pytest.fixture
def verifier(member, agency):
    return member("bappeda_lke", "verifier", region=agency.region)


@pytest.fixture
def auditor(member, agency):
    return member("auditor_lke", "auditor", region=agency.region)


@pytest.fixture
def inspector(member, agency):
    return member("inspektur_lke", "inspector", region=agency.region)


@pytest.fixture
def other_auditor(member, other_region):
    return member("auditor_lain", "auditor", region=other_region)


@pytest.fixture
def evaluation(template, agency, auditor):
    """The 2018 evaluation of the demo agency, in self-assessment."""
    return start_evaluation(agency=agency, year=2018, user=auditor)


def answers_by_code(evaluation) -> dict:
    return {a.criterion.code: a for a in evaluation.answers.select_related("criterion")}
