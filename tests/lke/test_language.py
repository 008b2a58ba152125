"""The SAKIP evaluation (LKE) pages and the Pemda's LKjIP in English for a user whose profile
says so: headings, buttons and notes come from the English catalogue, and none of the
Indonesian interface strings are left; data (names, criteria of the template) stay as
written."""

import pytest
from django.urls import reverse

from renstra.accounts.models import Membership, Profile
from renstra.core.lke import SCALES
from renstra.lke.services import save_self_answer, submit_self
from renstra.lkjip.services import create_region_lkjip
from renstra.monitoring.sample import load_sample_realization
from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.models import PlanVersion
from tests.lke.conftest import answers_by_code
from tests.lkjip.conftest import sample  # noqa: F401


def _english(user):
    Profile.objects.create(user=user, language="en")
    return user


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _absent(page: str, *texts: str) -> None:
    for text in texts:
        assert text not in page, text


@pytest.fixture
def auditor_en(client, auditor):
    """A client signed in as the region's inspectorate auditor, who chose English."""
    client.force_login(_english(auditor))
    return client


@pytest.fixture
def planner_en(client, planner):
    """A client signed in as the demo agency's planner, who chose English."""
    client.force_login(_english(planner))
    return client


@pytest.fixture
def rpjmd(sample):  # noqa: F811
    """The demo region's approved RPJMD, with the example realization."""
    version = PlanVersion.objects.select_related("plan__agency__region").get(
        plan__kind=PlanKind.RPJMD, status=VersionStatus.APPROVED
    )
    assert load_sample_realization(version) > 0
    return version


@pytest.fixture
def bappeda_en(client, member, rpjmd):
    """A client signed in as a planner of the agency holding the RPJMD (Bappeda), who chose
    English and is also a verifier of the region (so the console and the ranking open to them)."""
    user = _english(member("bappeda_en", "planner", agency=rpjmd.plan.agency))
    Membership.objects.create(user=user, role="verifier", region=rpjmd.plan.agency.region)
    client.force_login(user)
    return client


def test_worksheet_in_english_for_the_planner(planner_en, evaluation):
    page = _page(planner_en, reverse("lke:worksheet", args=[evaluation.pk]))
    assert '<html lang="en">' in page
    assert "<title>SAKIP evaluation BKPSDM 2018 · Renstra</title>" in page
    assert "<h1>SAKIP evaluation for 2018 " in page
    assert '<span class="badge status-mandiri" id="tahap">Self-assessment</span>' in page
    assert "Evaluation Results Report (LHE):" in page
    assert (
        "<th>Component / sub-component</th><th>Weight</th><th>Self-assessment score</th>"
        "<th>Final score</th>"
    ) in page
    assert "<h2>Stages</h2>" in page
    assert '<button type="submit">Submit the self-assessment</button>' in page
    assert "You fill in the self-assessment column." in page
    assert "All answers are saved together; if any is wrong, none is saved." in page
    assert '<button type="submit">Save answers</button>' in page
    assert "<h2>Worksheet</h2>" in page
    assert (
        "<th>Code</th><th>Criterion</th><th>Self-assessment</th><th>System's suggestion"
        "</th><th>Evaluator</th><th>Inspector's review</th><th>Evidence</th>"
    ) in page
    assert "made when the self-assessment is submitted" in page
    assert '<summary class="small">+ evidence</summary>' in page
    assert '<button type="submit">Add evidence</button>' in page
    heading = "Values different from the system's suggestion"
    assert '<h2 id="usulan-berbeda">{}</h2>'.format(heading) in page
    assert '<h2 id="rekomendasi">Recommendation</h2>' in page
    assert "No recommendations yet." in page
    assert "<th>Part</th><th>Field</th><th>From</th><th>To</th>" in page
    _absent(
        page,
        "Evaluasi SAKIP tahun",
        "Penilaian mandiri",
        "Ajukan penilaian mandiri",
        "Simpan jawaban",
        "Lembar kerja",
        "Usulan sistem",
        "Reviu Inspektur",
        "Tambah bukti",
        "Belum ada rekomendasi",
        "Nilai akhir",
    )


def test_evaluation_list_in_english_for_the_auditor(auditor_en, evaluation, agency):
    page = _page(auditor_en, reverse("lke:list", args=[agency.pk]))
    assert "<title>SAKIP evaluation BKPSDM · Renstra</title>" in page
    assert (
        '<h1>SAKIP evaluation (LKE evaluation worksheet) <span class="badge">BKPSDM</span></h1>'
    ) in page
    assert (
        "<th>Year</th><th>Stage</th><th>Final score</th><th>Predicate</th>"
        "<th>Self-assessment score</th><th>Template</th><th>Links</th>"
    ) in page
    assert '<span class="badge status-mandiri">Self-assessment</span>' in page
    assert ">Open</a>" in page
    assert ">LHE PDF</a>" in page
    assert "<h2>New evaluation</h2>" in page
    assert '<button type="submit">Start the evaluation of this year</button>' in page
    assert "An evaluation starts with the regional agency's self-assessment;" in page
    _absent(
        page,
        "Evaluasi SAKIP (LKE)",
        "Evaluasi baru",
        "Mulai evaluasi",
        "Penilaian mandiri",
        "Nilai akhir",
        "Tahap",
    )


def test_worksheet_in_english_for_the_auditor_in_evaluation(auditor_en, evaluation, planner):
    # Every criterion answered (the last option of its scale) before the self-assessment is
    # submitted: a stage is handed on only when nothing is left unanswered.
    for answer in answers_by_code(evaluation).values():
        value = SCALES[answer.criterion.scale].options[-1].code
        save_self_answer(answer=answer, value=value, user=planner)
    submit_self(evaluation=evaluation, user=planner)
    page = _page(auditor_en, reverse("lke:worksheet", args=[evaluation.pk]))
    assert '<span class="badge status-evaluasi" id="tahap">Inspectorate evaluation</span>' in page
    assert '<button type="submit">Submit the evaluation result for review</button>' in page
    assert (
        "You fill in the evaluator column: its values are preset to the system's "
        "suggestions; a value that differs from the suggestion needs a reason."
    ) in page
    assert "Reason if different from the suggestion" in page
    assert "Self-assessment submitted" in page
    _absent(page, "Evaluasi Inspektorat", "Ajukan hasil evaluasi", "Anda mengisi kolom")


def test_ranking_in_english(bappeda_en, evaluation, agency):
    page = _page(bappeda_en, reverse("lke:ranking", args=[agency.region_id]) + "?tahun=2018")
    assert "<title>SAKIP evaluation ranking Kota Bontang 2018 · Renstra</title>" in page
    assert "<h1>SAKIP evaluation ranking Kota Bontang</h1>" in page
    assert ">Bappeda console</a>" in page
    assert (
        "<th>Rank</th><th>Regional agency</th><th>Stage</th><th>Value</th><th>Predicate</th>"
        "<th>Change from the final score of 2017</th>"
    ) in page
    assert "Self-assessment" in page
    assert "not evaluated yet" in page
    assert '<button type="submit">Show</button>' in page
    assert "Sorted by the final score of this year's evaluation" in page
    assert "«new» where there was no final evaluation last year." in page
    _absent(
        page,
        "Peringkat evaluasi",
        "Konsol Bappeda",
        "belum dievaluasi",
        "Diurutkan menurut",
        "Perubahan dari nilai final",
    )


def test_pemda_lkjip_in_english(bappeda_en, rpjmd):
    region = rpjmd.plan.agency.region
    url = "/wilayah/{}/lkjip/".format(region.pk)
    page = _page(bappeda_en, url)
    assert "<title>LKjIP of the Government of Kota Bontang · Renstra</title>" in page
    assert ">Kota Bontang console</a> › " in page
    assert '<h1>Local government LKjIP <span class="badge">Kota Bontang</span></h1>' in page
    assert "Reports the achievement of the RPJMD; drawn up by " in page
    assert "and verified by the local government's verifiers." in page
    assert '<p class="muted">No local government LKjIP yet.</p>' in page
    assert "<h2>New LKjIP</h2>" in page
    assert '<button type="submit">Create LKjIP</button>' in page
    assert "The local government LKjIP's figures are calculated from the evaluation" in page
    _absent(
        page,
        "LKjIP Pemerintah",
        "Melaporkan capaian RPJMD",
        "Belum ada LKjIP",
        "Buat LKjIP",
        "Konsol ",
    )

    report = create_region_lkjip(region=region, year=2018, user=None)
    page = _page(bappeda_en, url)
    assert '<a href="/lkjip/{}/">Open</a>'.format(report.pk) in page
    # The report's own texts (its Pemda's name, the tables' headings) are printed Indonesian
    # by design; the page's headings around them are English.
    page = _page(bappeda_en, "/lkjip/{}/".format(report.pk))
    assert '<span class="badge">Government of Kota Bontang</span>' in page
    assert "<h3>Regional Medium-Term Development Plan</h3>" in page
    assert "<h3>Performance agreement (PK) of the head of region for 2018</h3>" in page
    assert "<h3>Performance achievement of regional agencies</h3>" in page
    assert "<h3>Evaluation of the RPJMD results</h3>" in page
    assert "The local government's key performance indicators (IKU) are not drawn up" in page
    _absent(
        page,
        "Rencana Pembangunan Jangka Menengah Daerah",
        "Capaian kinerja Perangkat Daerah",
        "Evaluasi terhadap hasil RPJMD",
        "IKU Pemerintah Daerah",
        '<span class="badge">Pemerintah',
    )


def test_the_scoring_rule_grade_and_answer_names_are_in_english(planner_en, evaluation):
    """The rule and the grade names come from core (no Django there): the page translates them
    when it prints them; the LHE stays Indonesian (tests/lke/test_lhe.py)."""
    page = _page(planner_en, "/evaluasi-sakip/{}/".format(evaluation.pk))
    assert "Sub-component score = the sub-component" in page
    assert "D (Very poor)" in page
    assert "Y = Yes; T = No" in page
    assert "Y – Yes" in page  # the answer's choice in the planner's form
    _absent(page, "Nilai subkomponen = bobot", "Sangat Kurang", "Y = Ya", "T = Tidak")
