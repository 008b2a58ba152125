"""The LKE pages as each role uses them: the agency's evaluations and the start of a year's, the
worksheet (each stage's column a form for who works in it, the others read-only), the stage's
answers saved all or nothing, the steps, evidence, recommendations, history, the LHE, and who
gets 403 or 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from renstra.lke.choices import EvaluationStatus, EvidenceKind, RecommendationStatus
from renstra.lke.forms import STAGE_FIELDS
from renstra.lke.models import LkeAnswer, LkeEvaluation, LkeEvidence, LkeRecommendation
from renstra.lke.recommendations import add_recommendation
from renstra.lke.services import (
    finalize,
    save_evaluator_answer,
    save_self_answer,
    start_evaluation,
    submit_evaluation,
    submit_self,
)
from renstra.lke.template_loader import ensure_default_template
from tests.lke.conftest import answer_rest, answers_by_code


def _url(name, *args):
    return reverse("lke:" + name, args=args)


def _stage_data(evaluation, values=None, notes=None, reasons=None) -> dict:
    """What the worksheet's form sends: every answer of the stage as it stands, changed by
    `values`, `notes` and `reasons` (by criterion code)."""
    values, notes, reasons = values or {}, notes or {}, reasons or {}
    value_field, note_field, reason_field = STAGE_FIELDS[evaluation.status]
    data = {"tahap": evaluation.status}
    for code, answer in answers_by_code(evaluation).items():
        data["nilai-{}".format(answer.pk)] = values.get(code, getattr(answer, value_field))
        data["catatan-{}".format(answer.pk)] = notes.get(code, getattr(answer, note_field))
        if reason_field:
            data["alasan-{}".format(answer.pk)] = reasons.get(code, getattr(answer, reason_field))
    return data


def _snapshot(evaluation) -> dict:
    return {
        a.criterion.code: (
            a.self_value,
            a.self_note,
            a.evaluator_value,
            a.evaluator_note,
            a.override_reason,
            a.reviewer_value,
        )
        for a in LkeAnswer.objects.filter(evaluation=evaluation).select_related("criterion")
    }


@pytest.fixture
def in_evaluation(evaluation, planner):
    """The 2018 evaluation with the agency's answers (1.a.1 Y, the rest T / E: a stage is
    submitted only with every criterion answered), in the evaluation stage (suggestions by the
    stub: 1.a.1 Y, 1.b.1 B, 3.a.1 T)."""
    save_self_answer(answer=answers_by_code(evaluation)["1.a.1"], value="Y", user=planner)
    answer_rest(evaluation, "self_value", planner)
    return submit_self(evaluation=evaluation, user=planner)


# ---- the agency's evaluations --------------------------------------------------------------


def test_the_list_shows_each_year_with_its_score_and_the_start_for_the_inspectorate(
    client, evaluation, planner, auditor, inspector, verifier, head
):
    for user in (planner, head, verifier, auditor, inspector):
        client.force_login(user)
        response = client.get(_url("list", evaluation.agency_id))
        assert response.status_code == 200, user
        html = response.content.decode()
        assert 'data-year="2018"' in html
        assert "Penilaian mandiri" in html
        may_start = user in (auditor, inspector)
        assert ('action="{}"'.format(_url("start", evaluation.agency_id)) in html) is may_start


def test_the_inspector_starts_a_year_and_the_planner_may_not(client, template, agency, planner):
    inspector_user = planner.__class__.objects.create_user("inspektur_baru", password="x")
    inspector_user.memberships.create(role="inspector", region=agency.region)
    client.force_login(planner)
    assert client.post(_url("start", agency.pk), {"year": "2017"}).status_code == 403
    assert not LkeEvaluation.objects.filter(agency=agency).exists()
    client.force_login(inspector_user)
    response = client.post(_url("start", agency.pk), {"year": "2017"})
    evaluation = LkeEvaluation.objects.get(agency=agency, year=2017)
    assert response.status_code == 302
    assert response["Location"] == _url("worksheet", evaluation.pk)
    assert evaluation.answers.count() == 15


# ---- the worksheet -------------------------------------------------------------------------------


def test_the_worksheet_renders_for_every_role_that_may_see_it(
    client, in_evaluation, planner, head, verifier, auditor, inspector
):
    answer = answers_by_code(in_evaluation)["1.a.1"]
    for user in (planner, head, verifier, auditor, inspector):
        client.force_login(user)
        response = client.get(_url("worksheet", in_evaluation.pk))
        assert response.status_code == 200, user
        html = response.content.decode()
        assert "Renstra 2016-2021 ditetapkan." in html  # the suggestion's sentence
        assert "aturan: renstra_ada" in html
        assert 'href="/rencana/2/"' in html  # its proof
        assert "Riwayat" in html
        # Only the auditor has the evaluator's column as a form in the evaluation stage.
        assert ('name="nilai-{}"'.format(answer.pk) in html) is (user == auditor)


def test_the_agency_sees_the_evaluators_values_but_cannot_change_them(
    client, in_evaluation, planner, auditor
):
    before = _snapshot(in_evaluation)
    client.force_login(planner)
    response = client.post(
        _url("save", in_evaluation.pk),
        _stage_data(in_evaluation, values={"1.a.2": "Y"}),
    )
    assert response.status_code == 403
    assert _snapshot(in_evaluation) == before
    save_evaluator_answer(
        answer=answers_by_code(in_evaluation)["1.a.2"],
        value="Y",
        note="Renja 2018 ditetapkan",
        user=auditor,
    )
    html = client.get(_url("worksheet", in_evaluation.pk)).content.decode()
    assert "Renja 2018 ditetapkan" in html
    assert 'name="nilai-' not in html


def test_the_planner_saves_the_self_assessment_in_one_post(client, evaluation, planner):
    client.force_login(planner)
    response = client.post(
        _url("save", evaluation.pk),
        _stage_data(
            evaluation,
            values={"1.a.1": "Y", "1.b.1": "B", "4.c.2": "C"},
            notes={"1.a.1": "Perwali 2016"},
        ),
    )
    assert response.status_code == 302
    answers = answers_by_code(evaluation)
    assert (answers["1.a.1"].self_value, answers["1.a.1"].self_note) == ("Y", "Perwali 2016")
    assert answers["1.b.1"].self_value == "B"
    assert answers["4.c.2"].self_value == "C"
    assert answers["1.a.2"].self_value == ""
    page = client.get(response["Location"])
    assert "3 jawaban disimpan." in page.content.decode()


def test_one_wrong_answer_saves_nothing_and_keeps_what_was_typed(client, evaluation, planner):
    before = _snapshot(evaluation)
    client.force_login(planner)
    response = client.post(
        _url("save", evaluation.pk),
        _stage_data(
            evaluation,
            values={"1.a.1": "Y", "1.b.1": "B", "1.b.2": "Z"},
            notes={"1.a.1": "Perwali 2016"},
        ),
    )
    assert response.status_code == 400
    assert _snapshot(evaluation) == before
    html = response.content.decode()
    assert "Tidak ada jawaban yang disimpan" in html
    assert "Kriteria 1.b.2: Jawaban &#x27;Z&#x27; tidak dikenal; pilih A / B / C / D / E." in html
    answers = answers_by_code(evaluation)
    # The values typed are in the form again.
    assert '<option value="B" selected>' in html
    assert "Perwali 2016</textarea>" in html
    assert 'name="nilai-{}"'.format(answers["1.b.2"].pk) in html


def test_an_override_without_a_reason_is_named_and_nothing_is_saved(client, in_evaluation, auditor):
    before = _snapshot(in_evaluation)
    client.force_login(auditor)
    response = client.post(
        _url("save", in_evaluation.pk),
        _stage_data(in_evaluation, values={"1.a.2": "Y", "1.b.1": "C"}),
    )
    assert response.status_code == 400
    assert _snapshot(in_evaluation) == before
    html = response.content.decode()
    assert "Kriteria 1.b.1: Nilai berbeda dari usulan sistem: tuliskan alasannya." in html

    response = client.post(
        _url("save", in_evaluation.pk),
        _stage_data(
            in_evaluation,
            values={"1.a.2": "Y", "1.b.1": "C"},
            reasons={"1.b.1": "Dua indikator tanpa satuan."},
        ),
    )
    assert response.status_code == 302
    answers = answers_by_code(in_evaluation)
    assert answers["1.a.2"].evaluator_value == "Y"
    assert (answers["1.b.1"].evaluator_value, answers["1.b.1"].override_reason) == (
        "C",
        "Dua indikator tanpa satuan.",
    )
    html = client.get(_url("worksheet", in_evaluation.pk)).content.decode()
    assert "Nilai berbeda dari usulan sistem" in html
    assert '<tr data-code="1.b.1"><td>' in html  # listed among the overrides


def test_a_form_of_an_earlier_stage_saves_nothing(client, in_evaluation, admin_user):
    before = _snapshot(in_evaluation)
    client.force_login(admin_user)
    data = _stage_data(in_evaluation, values={"1.a.2": "T"})
    data["tahap"] = EvaluationStatus.SELF
    response = client.post(_url("save", in_evaluation.pk), data)
    assert response.status_code == 302
    assert _snapshot(in_evaluation) == before


def test_another_regions_auditor_finds_neither_worksheet_nor_ranking(
    client, in_evaluation, other_auditor
):
    client.force_login(other_auditor)
    region = in_evaluation.agency.region_id
    assert client.get(_url("worksheet", in_evaluation.pk)).status_code == 404
    assert client.get(_url("list", in_evaluation.agency_id)).status_code == 404
    assert client.get(_url("lhe", in_evaluation.pk, "pdf")).status_code == 404
    assert client.get(_url("ranking", region) + "?tahun=2018").status_code == 404
    assert client.post(_url("save", in_evaluation.pk), {}).status_code == 404


# ---- the steps ---------------------------------------------------------------------------------


def _unanswered(evaluation, field: str) -> dict[str, str]:
    """Every criterion without a `field` value, answered with its own agency's value (or Y / A
    in the self-assessment), by criterion code."""
    return {
        code: a.self_value or ("Y" if a.criterion.scale == "yt" else "A")
        for code, a in answers_by_code(evaluation).items()
        if not getattr(a, field)
    }


def test_the_four_stages_by_their_people(client, evaluation, planner, auditor, inspector):
    client.force_login(planner)
    # Not handed on with a criterion unanswered: the page says which.
    response = client.post(_url("submit_self", evaluation.pk))
    assert "15 kriteria belum dijawab (1.a.1, 1.a.2," in (
        client.get(response["Location"]).content.decode()
    )
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SELF
    values = _unanswered(evaluation, "self_value")
    assert (
        client.post(_url("save", evaluation.pk), _stage_data(evaluation, values)).status_code == 302
    )
    client.post(_url("submit_self", evaluation.pk))
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.EVALUATION
    assert client.post(_url("submit_evaluation", evaluation.pk)).status_code == 403

    client.force_login(auditor)
    # The suggestions (1.a.1, 1.b.1, 3.a.1) stand; the twelve others take the agency's value.
    values = _unanswered(evaluation, "evaluator_value")
    assert len(values) == 12
    assert (
        client.post(_url("save", evaluation.pk), _stage_data(evaluation, values)).status_code == 302
    )
    client.post(_url("submit_evaluation", evaluation.pk))
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.REVIEW

    client.force_login(inspector)
    response = client.post(_url("return", evaluation.pk), {"note": ""})
    assert "Tuliskan catatan" in client.get(response["Location"]).content.decode()
    client.post(_url("return", evaluation.pk), {"note": "Periksa lagi 1.b.1"})
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.return_note) == ("evaluasi", "Periksa lagi 1.b.1")

    client.force_login(auditor)
    assert "Periksa lagi 1.b.1" in client.get(_url("worksheet", evaluation.pk)).content.decode()
    client.post(_url("submit_evaluation", evaluation.pk))
    client.force_login(inspector)
    client.post(
        _url("save", evaluation.pk),
        _stage_data(
            LkeEvaluation.objects.get(pk=evaluation.pk),
            values={"4.a.1": "Y"},
            notes={"4.a.1": "Reviu"},
        ),
    )
    client.post(_url("finalize", evaluation.pk))
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.FINAL
    assert answers_by_code(evaluation)["4.a.1"].reviewer_value == "Y"
    html = client.get(_url("worksheet", evaluation.pk)).content.decode()
    assert 'name="nilai-' not in html
    assert "Ajukan" not in html


# ---- evidence ----------------------------------------------------------------------------------


def test_evidence_of_each_kind_is_added_linked_and_removed(
    client, evaluation, planner, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    answer = answers_by_code(evaluation)["1.a.1"]
    client.force_login(planner)
    url = _url("evidence_add", evaluation.pk)
    client.post(url, {"answer": answer.pk, "kind": "halaman", "label": "Renstra", "url": "/r/2/"})
    client.post(
        url,
        {"answer": answer.pk, "kind": "dokumen", "document_type": "renja", "document_year": 2018},
    )
    client.post(
        url,
        {
            "answer": answer.pk,
            "kind": "unggahan",
            "file": SimpleUploadedFile("perwali.pdf", b"%PDF-1.4 uji"),
        },
    )
    response = client.post(
        url,
        {"answer": answer.pk, "kind": "unggahan", "file": SimpleUploadedFile("a.exe", b"MZ")},
    )
    assert "Berkas harus PDF, JPG atau PNG; a.exe bukan." in (
        client.get(response["Location"]).content.decode()
    )
    evidence = list(LkeEvidence.objects.filter(answer=answer).order_by("pk"))
    assert [e.kind for e in evidence] == [EvidenceKind.PAGE, EvidenceKind.REGISTER, "unggahan"]
    html = client.get(_url("worksheet", evaluation.pk)).content.decode()
    assert 'href="/r/2/"' in html
    assert 'href="/perangkat-daerah/{}/register/?tahun=2018"'.format(evaluation.agency_id) in html
    upload = evidence[2]
    assert 'href="{}"'.format(_url("evidence_file", upload.pk)) in html
    downloaded = client.get(_url("evidence_file", upload.pk))
    assert b"".join(downloaded.streaming_content) == b"%PDF-1.4 uji"
    client.post(_url("evidence_remove", evidence[0].pk))
    assert LkeEvidence.objects.filter(answer=answer).count() == 2


def test_the_auditor_adds_no_evidence_in_the_self_assessment(client, evaluation, auditor):
    answer = answers_by_code(evaluation)["1.a.1"]
    client.force_login(auditor)
    response = client.post(
        _url("evidence_add", evaluation.pk),
        {"answer": answer.pk, "kind": "halaman", "label": "x", "url": "/r/"},
    )
    assert response.status_code == 403
    assert not LkeEvidence.objects.filter(answer=answer).exists()


# ---- recommendations -------------------------------------------------------------------------


def test_recommendations_are_written_by_the_auditor_and_followed_up(
    client, in_evaluation, auditor, planner, template
):
    client.force_login(auditor)
    component = template.components.get(code="2")
    client.post(
        _url("recommendation_add", in_evaluation.pk),
        {"text": "Isi realisasi tiap triwulan.", "component": component.pk},
    )
    recommendation = LkeRecommendation.objects.get(evaluation=in_evaluation)
    assert (recommendation.text, recommendation.component) == (
        "Isi realisasi tiap triwulan.",
        component,
    )
    client.post(
        _url("recommendation_update", recommendation.pk),
        {"status": "proses", "follow_up": "Dijadwalkan"},
    )
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.follow_up) == ("proses", "Dijadwalkan")
    client.force_login(planner)
    assert (
        client.post(_url("recommendation_add", in_evaluation.pk), {"text": "x"}).status_code == 403
    )
    html = client.get(_url("worksheet", in_evaluation.pk)).content.decode()
    assert "Isi realisasi tiap triwulan." in html
    assert "Dalam proses" in html


def test_last_years_open_recommendation_is_shown_as_carried(
    client, evaluation, planner, auditor, inspector, agency
):
    answer_rest(evaluation, "self_value", planner)  # T / E: every criterion answered
    submit_self(evaluation=evaluation, user=planner)
    add_recommendation(evaluation=evaluation, text="Perbaiki IKU.", user=auditor)
    answer_rest(evaluation, "evaluator_value", auditor)
    submit_evaluation(evaluation=evaluation, user=auditor)
    finalize(evaluation=evaluation, user=inspector)
    next_year = start_evaluation(agency=agency, year=2019, user=auditor)
    carried = next_year.recommendations.get()
    client.force_login(planner)
    html = client.get(_url("worksheet", next_year.pk)).content.decode()
    assert "Perbaiki IKU." in html
    assert "dibawa dari evaluasi 2018" in html
    # The agency records the follow-up in its self-assessment.
    client.post(
        _url("recommendation_update", carried.pk),
        {"status": RecommendationStatus.DONE, "follow_up": "IKU 2019 ditetapkan."},
    )
    carried.refresh_from_db()
    assert (carried.status, carried.follow_up) == ("selesai", "IKU 2019 ditetapkan.")


# ---- history -------------------------------------------------------------------------------------


def test_the_history_names_who_changed_which_field(client, evaluation, planner):
    client.force_login(planner)
    client.post(_url("save", evaluation.pk), _stage_data(evaluation, values={"1.a.2": "Y"}))
    answer_rest(evaluation, "self_value", planner)  # submit_self wants every criterion answered
    client.post(_url("submit_self", evaluation.pk))
    html = client.get(_url("worksheet", evaluation.pk)).content.decode()
    history = html[html.index('id="riwayat"') :]
    assert "<td>perencana_lke</td><td>Kriteria 1.a.2</td><td>jawaban mandiri</td>" in history
    assert "<td>Evaluasi</td><td>status</td><td>Penilaian mandiri</td>" in history
    assert (
        '<td>sistem <span class="muted small">(diajukan perencana_lke)</span></td>'
        "<td>Kriteria 1.a.1</td><td>usulan sistem</td><td>–</td><td>Y</td>"
    ) in history


# ---- the page's reads ----------------------------------------------------------------------------


def test_the_worksheet_reads_as_many_queries_for_eighty_criteria_as_for_fifteen(
    client, in_evaluation, agency, auditor, planner, django_assert_max_num_queries
):
    default = ensure_default_template()
    big = start_evaluation(agency=agency, year=default.first_year, user=auditor)
    assert big.answers.count() == 80
    answer_rest(big, "self_value", planner)
    submit_self(evaluation=big, user=planner)  # the same stage as the small one
    client.force_login(auditor)
    counts = {}
    for evaluation in (in_evaluation, big):
        client.get(_url("worksheet", evaluation.pk))  # the session and memberships warm
        with django_assert_max_num_queries(20) as captured:
            assert client.get(_url("worksheet", evaluation.pk)).status_code == 200
        counts[evaluation.answers.count()] = len(captured)
    assert counts[80] == counts[15]


# ---- the LHE -------------------------------------------------------------------------------------


def test_the_lhe_downloads_as_pdf_and_word(client, in_evaluation, planner):
    pytest.importorskip("renstra.lke.lhe_content")
    pytest.importorskip("renstra.lke.lhe_pdf")
    pytest.importorskip("renstra.lke.lhe_docx")
    client.force_login(planner)
    pdf = client.get(_url("lhe", in_evaluation.pk, "pdf"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].endswith('.pdf"')
    docx = client.get(_url("lhe", in_evaluation.pk, "docx"))
    assert docx.status_code == 200
    assert docx.content.startswith(b"PK")
    assert client.get(_url("lhe", in_evaluation.pk, "xlsx")).status_code == 404


def test_the_agencys_lkjip_pages_link_to_its_evaluations(client, evaluation, planner):
    client.force_login(planner)
    html = client.get(reverse("lkjip:list", args=[evaluation.agency_id])).content.decode()
    assert 'href="{}"'.format(_url("list", evaluation.agency_id)) in html
