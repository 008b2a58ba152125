"""The SAKIP evaluation (LKE, issue 21) in a real browser, walked through its four stages by
three people: the agency's planner, refused while criteria are unanswered, answers every
criterion of the self-assessment and submits it; the inspectorate's auditor accepts the
system's suggestions, overrides one (refused without a reason, then with one), answers the
other criteria, writes a recommendation and submits for review; the inspector changes one
value in the review and makes it final. The page then shows the score and grade worked out
here by hand from the worksheet's weights (read from its YAML file) and the answers chosen,
and the LHE PDF downloaded reads back (pypdf) with the same score.

The worksheet is the tests' small one (tests/lke/fixtures/lke-uji.yaml: 15 criteria with the
weights of PermenPAN-RB 88/2021); the system's suggestions are the stub of tests/lke/conftest.py
(1.a.1 Y, 1.b.1 B, 3.a.1 T), so that the walk knows what is suggested."""

import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
import yaml
from playwright.sync_api import expect
from pypdf import PdfReader

from renstra.accounts.models import Membership
from renstra.interchange.demo import load_demo
from renstra.lke.models import LkeEvaluation
from renstra.lke.template_loader import load_template
from renstra.plans.models import Agency
from tests.e2e.helpers import member, sign_in
from tests.lke.conftest import TEMPLATE_FILE, answers_by_code, stub_suggest

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = "2019"
# What each answer is worth (PermenPAN-RB 88/2021), written here rather than read from the app.
WORTH = {"Y": 1, "T": 0, "A": 1, "B": Decimal("0.75"), "C": Decimal("0.5"), "D": Decimal("0.25")}
GRADES = ((90, "AA"), (80, "A"), (70, "BB"), (60, "B"), (50, "CC"), (30, "C"))

# Every criterion of the worksheet answered by the planner, and by the auditor below.
SELF = {
    **{code: "Y" for code in ("1.a.1", "1.a.2", "2.a.1", "3.a.1", "4.a.1")},
    **{code: "A" for code in ("1.b.1", "1.b.2", "2.b.1", "2.c.1", "3.b.1", "3.c.1", "4.b.1")},
    "1.c.1": "B",
    "4.c.1": "A",
    "4.c.2": "D",
}
# The evaluator's values: the suggestions 1.a.1 Y and 1.b.1 B accepted as pre-set, 3.a.1
# changed from the suggested T to Y (with a reason), the others chosen: all 15 criteria
# answered, as a stage is submitted only with every criterion answered.
EVALUATOR = {
    "1.a.2": "Y",
    "1.b.2": "A",
    "1.c.1": "B",
    "2.a.1": "Y",
    "2.b.1": "C",
    "2.c.1": "B",
    "3.b.1": "A",
    "3.c.1": "C",
    "4.a.1": "Y",
    "4.b.1": "B",
    "4.c.1": "C",
    "4.c.2": "C",
}
ACCEPTED = {"1.a.1": "Y", "1.b.1": "B"}
OVERRIDE = ("3.a.1", "Y")
REVIEW = ("4.c.2", "B")


def by_hand(values: dict[str, str]) -> tuple[str, str]:
    """(total as printed, grade) of `values` on the YAML worksheet: sub-component weight × mean
    of its criteria's worth (unanswered 0), summed; rounded to 2 places only when printed."""
    worksheet = yaml.safe_load(TEMPLATE_FILE.read_text(encoding="utf-8"))
    total = Decimal(0)
    for component in worksheet["components"]:
        for sub in component["sub_components"]:
            worth = [Decimal(WORTH.get(values.get(c["code"], ""), 0)) for c in sub["criteria"]]
            total += Decimal(sub["weight"]) * sum(worth) / len(worth)
    grade = next((name for bound, name in GRADES if total > bound), "D")
    printed = str(total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)).replace(".", ",")
    return printed, grade


def _pick(page, answers, values: dict[str, str]) -> None:
    for code, value in values.items():
        page.select_option('select[name="nilai-{}"]'.format(answers[code].pk), value)


def _save(page) -> None:
    page.get_by_role("button", name="Simpan jawaban").first.click()


def test_an_evaluation_through_its_four_stages(open_page, monkeypatch):
    monkeypatch.setattr("renstra.lke.prefill.suggest", stub_suggest)
    load_demo()
    load_template(TEMPLATE_FILE)
    agency = Agency.objects.get(short_name="BKPSDM")
    member("perencana-lke", "planner", agency)
    for username, role in (("auditor-lke", "auditor"), ("inspektur-lke", "inspector")):
        user = member(username, role)
        Membership.objects.filter(user=user).update(region=agency.region)
    planner, auditor, inspector = open_page(), open_page(), open_page()
    for page, username in ((planner, "perencana-lke"), (auditor, "auditor-lke")):
        sign_in(page, username)
    sign_in(inspector, "inspektur-lke")

    # The auditor starts the year's evaluation from the agency's list.
    auditor.goto("/perangkat-daerah/{}/evaluasi-sakip/".format(agency.pk))
    auditor.select_option("#id_year", YEAR)
    auditor.get_by_role("button", name="Mulai evaluasi tahun ini").click()
    expect(auditor.locator("h1")).to_contain_text("Evaluasi SAKIP tahun 2019")
    evaluation = LkeEvaluation.objects.get(agency=agency, year=int(YEAR))
    answers = answers_by_code(evaluation)
    worksheet = "/evaluasi-sakip/{}/".format(evaluation.pk)

    # 1. The planner fills the self-assessment in one save, then submits it; submitted before
    # (nothing answered yet) it is refused, naming the criteria unanswered.
    planner.goto(worksheet)
    planner.get_by_role("button", name="Ajukan penilaian mandiri").click()
    expect(planner.locator("ul.messages")).to_contain_text(
        "15 kriteria belum dijawab (1.a.1, 1.a.2, 1.b.1,"
    )
    expect(planner.locator("#tahap")).to_have_text("Penilaian mandiri")
    _pick(planner, answers, SELF)
    planner.fill('textarea[name="catatan-{}"]'.format(answers["1.a.1"].pk), "Perwali Renstra")
    _save(planner)
    expect(planner.locator("ul.messages")).to_contain_text("15 jawaban disimpan.")
    expect(planner.locator("#nilai-mandiri")).to_have_text(by_hand(SELF)[0])
    planner.get_by_role("button", name="Ajukan penilaian mandiri").click()
    expect(planner.locator("#tahap")).to_have_text("Evaluasi Inspektorat")
    expect(planner.locator('select[name^="nilai-"]')).to_have_count(0)

    # 2. The auditor: the suggestions stand pre-set; a value other than one needs a reason.
    auditor.goto(worksheet)
    for code, value in ACCEPTED.items():
        select = auditor.locator('select[name="nilai-{}"]'.format(answers[code].pk))
        expect(select).to_have_value(value)
    expect(auditor.locator("body")).to_contain_text("Renstra 2016-2021 ditetapkan.")
    _pick(auditor, answers, {**EVALUATOR, OVERRIDE[0]: OVERRIDE[1]})
    _save(auditor)
    expect(auditor.locator("#kesalahan")).to_contain_text(
        "Kriteria 3.a.1: Nilai berbeda dari usulan sistem: tuliskan alasannya."
    )
    assert answers_by_code(evaluation)["1.a.2"].evaluator_value == ""  # nothing saved
    expect(auditor.locator('select[name="nilai-{}"]'.format(answers["1.a.2"].pk))).to_have_value(
        "Y"  # what was chosen is kept
    )
    auditor.fill(
        'textarea[name="alasan-{}"]'.format(answers[OVERRIDE[0]].pk),
        "LKjIP 2019 telah disampaikan dalam bentuk cetak.",
    )
    _save(auditor)
    expect(auditor.locator("ul.messages")).to_contain_text("jawaban disimpan.")
    expect(auditor.locator("table.lke-overrides")).to_contain_text("3.a.1")
    auditor.fill("#id_text", "Lengkapi pemanfaatan hasil evaluasi internal.")
    auditor.get_by_role("button", name="Tambah rekomendasi").click()
    expect(auditor.locator("table.lke-recommendations")).to_contain_text(
        "Lengkapi pemanfaatan hasil evaluasi internal."
    )
    auditor.get_by_role("button", name="Ajukan hasil evaluasi untuk reviu").click()
    expect(auditor.locator("#tahap")).to_have_text("Reviu Inspektur")

    # 3. The inspector reviews one value, then makes it final.
    inspector.goto(worksheet)
    _pick(inspector, answers, {REVIEW[0]: REVIEW[1]})
    inspector.fill('textarea[name="catatan-{}"]'.format(answers[REVIEW[0]].pk), "Bukti cukup.")
    _save(inspector)
    expect(inspector.locator("ul.messages")).to_contain_text("1 jawaban disimpan.")
    inspector.get_by_role("button", name="Tetapkan final").click()
    expect(inspector.locator("#tahap")).to_have_text("Final")

    # 4. The score and grade, worked out by hand from the answers that count.
    final_values = {**ACCEPTED, **EVALUATOR, OVERRIDE[0]: OVERRIDE[1], REVIEW[0]: REVIEW[1]}
    assert set(final_values) == set(SELF) == set(answers)  # every criterion answered
    total, grade = by_hand(final_values)
    assert (total, grade) == ("76,56", "BB")
    for page in (inspector, planner):
        page.goto(worksheet)
        expect(page.locator("#nilai-akhir")).to_have_text(total)
        expect(page.locator("#predikat-akhir")).to_contain_text(grade)
        expect(page.locator('select[name^="nilai-"]')).to_have_count(0)
    expect(planner.locator("#riwayat")).to_be_visible()
    expect(planner.locator("table.lke-history")).to_contain_text("inspektur-lke")

    # 5. The LHE PDF says the same.
    response = planner.request.get("/evaluasi-sakip/{}/lhe.pdf".format(evaluation.pk))
    assert response.status == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert total in text
    assert grade in text
