"""The LKE tests' fixtures: the small test template (tests/lke/fixtures/lke-uji.yaml, first used
for 2017), the demo agency (BKPSDM Kota Bontang), a user of each role (the inspectorate's of the
agency's region, and an auditor of another region), and the system's suggestions replaced by a
fixed stub (renstra.lke.prefill.suggest) so that each test knows what is suggested; and
answer_rest, which answers what a test leaves unanswered before it submits a stage
(submit_self / submit_evaluation refuse a stage with any criterion unanswered)."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model

from renstra.accounts.models import Membership
from renstra.core.lke import SCALES
from renstra.lke import prefill
from renstra.lke.services import save_evaluator_answer, save_self_answer, start_evaluation
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


def zero_answer(scale_key: str) -> str:
    """The answer of a scale that counts 0 (T of Y/T, E of A–E): answering a criterion with it
    leaves every score as if it were unanswered."""
    return min(SCALES[scale_key].options, key=lambda option: option.fraction).code


def answer_rest(evaluation, field: str, user, value_for_scale=zero_answer) -> list[str]:
    """Every criterion of `evaluation` still without a `field` value ("self_value" or
    "evaluator_value") answered through the stage's service with value_for_scale(scale key) —
    by default the scale's zero answer (T / E), so that the scores stay what they were with the
    criterion unanswered — as submit_self / submit_evaluation refuse a stage with any criterion
    unanswered. An evaluator's value other than the system's suggestion is given a reason. The
    codes answered, in worksheet order."""
    answered = []
    rest = (
        evaluation.answers.filter(**{field: ""})
        .select_related("criterion")
        .order_by(
            "criterion__sub_component__component__order",
            "criterion__sub_component__order",
            "criterion__order",
            "criterion__pk",
        )
    )
    for answer in rest:
        value = value_for_scale(answer.criterion.scale)
        if field == "self_value":
            save_self_answer(answer=answer, value=value, user=user)
        elif field == "evaluator_value":
            reason = ""
            if answer.suggested_value and value != answer.suggested_value:
                reason = "Diisi untuk uji: nilai lain dari usulan sistem."
            save_evaluator_answer(answer=answer, value=value, override_reason=reason, user=user)
        else:
            raise ValueError(
                "field harus 'self_value' atau 'evaluator_value', bukan {!r}".format(field)
            )
        answered.append(answer.criterion.code)
    return answered
