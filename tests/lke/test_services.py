"""The LKE evaluation's way (self-assessment -> evaluation -> review -> final), through the
services: who may do what in which stage, the system's suggestions and the overrides, evidence,
recommendations carried into the next year, and a final evaluation frozen (services and
database)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.http import Http404
from django.test import RequestFactory

from renstra.core.lke import SCALES
from renstra.lke import access, prefill
from renstra.lke.choices import EvaluationStatus, EvidenceKind, RecommendationStatus
from renstra.lke.evidence import add_evidence, remove_evidence
from renstra.lke.models import (
    LkeAnswer,
    LkeCriterion,
    LkeEvaluation,
    LkeEvidence,
    LkeRecommendation,
    LkeTemplate,
)
from renstra.lke.recommendations import add_recommendation, update_recommendation
from renstra.lke.scoring import score_evaluation
from renstra.lke.services import (
    finalize,
    overrides,
    return_to_evaluator,
    save_evaluator_answer,
    save_review_answer,
    save_self_answer,
    save_stage_answers,
    start_evaluation,
    submit_evaluation,
    submit_self,
    template_for_year,
)
from renstra.lke.template_loader import load_template_data, read_file
from tests.lke.conftest import REAL_SUGGEST, TEMPLATE_FILE, answer_rest, answers_by_code


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def _values(evaluation, field: str) -> dict[str, str]:
    return {code: getattr(a, field) for code, a in answers_by_code(evaluation).items()}


def _in_evaluation(evaluation, planner, **self_values):
    """Submitted with `self_values`, every other criterion answered T / E (submit_self refuses
    a criterion unanswered)."""
    for code, value in self_values.items():
        save_self_answer(answer=answers_by_code(evaluation)[code], value=value, user=planner)
    answer_rest(evaluation, "self_value", planner)
    return submit_self(evaluation=evaluation, user=planner)


# ---- start -----------------------------------------------------------------------------------


def test_an_evaluation_starts_in_self_assessment_with_an_answer_for_every_criterion(
    evaluation, template, auditor
):
    assert evaluation.status == EvaluationStatus.SELF
    assert evaluation.template == template
    assert evaluation.started_by == auditor
    assert evaluation.answers.count() == 15
    assert set(_values(evaluation, "self_value").values()) == {""}


def test_the_template_of_a_year_is_the_latest_in_force(template, db):
    later = load_template_data(
        {**read_file(TEMPLATE_FILE), "key": "lke-uji-baru", "first_year": 2019}
    )
    assert template_for_year(2018) == template
    assert template_for_year(2020) == later
    # A year before every loaded worksheet is evaluated on the earliest one (its pages name it).
    assert template_for_year(2016) == template


def test_without_any_worksheet_the_shipped_one_is_loaded(agency, auditor):
    assert not LkeTemplate.objects.exists()
    evaluation = start_evaluation(agency=agency, year=2019, user=auditor)
    assert evaluation.template.key == "permenpanrb-88-2021"
    assert (
        evaluation.answers.count()
        == LkeCriterion.objects.filter(
            sub_component__component__template=evaluation.template
        ).count()
    )


def test_one_evaluation_per_agency_and_year(evaluation, agency, auditor):
    with pytest.raises(ValidationError, match="sudah ada"):
        start_evaluation(agency=agency, year=2018, user=auditor)
    assert LkeEvaluation.objects.filter(agency=agency, year=2018).count() == 1


def test_only_the_inspectorate_starts_an_evaluation(template, agency, planner, inspector):
    with pytest.raises(PermissionDenied, match="Hanya auditor dan Inspektur"):
        start_evaluation(agency=agency, year=2018, user=planner)
    assert start_evaluation(agency=agency, year=2018, user=inspector).year == 2018


def test_a_year_waits_until_last_years_evaluation_is_final(evaluation, agency, auditor):
    with pytest.raises(ValidationError, match="Evaluasi SAKIP tahun 2018 belum final"):
        start_evaluation(agency=agency, year=2019, user=auditor)


# ---- self-assessment -------------------------------------------------------------------------


def test_the_agency_answers_its_self_assessment_with_history(evaluation, planner, head):
    answer = answers_by_code(evaluation)["1.b.1"]
    save_self_answer(answer=answer, value="b", note="Sebagian besar terukur.", user=planner)
    save_self_answer(answer=answer, value="A", user=head)
    answer.refresh_from_db()
    assert (answer.self_value, answer.self_note) == ("A", "")
    assert [h.self_value for h in answer.history.order_by("history_id")] == ["", "B", "A"]
    assert answer.history.order_by("history_id").last().history_user == head


def test_an_answer_outside_the_scale_is_refused(evaluation, planner):
    answer = answers_by_code(evaluation)["1.a.1"]
    with pytest.raises(ValidationError, match="jawaban 'B' tidak dikenal; pilih Y / T"):
        save_self_answer(answer=answer, value="B", user=planner)
    assert LkeAnswer.objects.get(pk=answer.pk).self_value == ""


def test_the_inspectorate_does_not_fill_the_self_assessment(evaluation, auditor):
    answer = answers_by_code(evaluation)["1.a.1"]
    with pytest.raises(PermissionDenied, match="penilaian mandiri"):
        save_self_answer(answer=answer, value="Y", user=auditor)
    assert LkeAnswer.objects.get(pk=answer.pk).self_value == ""


def test_a_stages_answers_are_saved_all_or_nothing(evaluation, planner):
    answers = answers_by_code(evaluation)
    typed = {
        answers["1.a.1"].pk: {"value": "Y", "note": "Perwali 2016"},
        answers["1.b.1"].pk: {"value": "B", "note": ""},
        answers["1.b.2"].pk: {"value": "Z", "note": ""},
    }
    history = LkeAnswer.history.filter(evaluation_id=evaluation.pk).count()
    with pytest.raises(ValidationError) as refused:
        save_stage_answers(
            evaluation=evaluation, stage=EvaluationStatus.SELF, answers=typed, user=planner
        )
    assert refused.value.message_dict == {
        "1.b.2": ["Kriteria 1.b.2: jawaban 'Z' tidak dikenal; pilih A / B / C / D / E."]
    }
    assert set(_values(evaluation, "self_value").values()) == {""}
    assert set(_values(evaluation, "self_note").values()) == {""}
    assert LkeAnswer.history.filter(evaluation_id=evaluation.pk).count() == history

    typed[answers["1.b.2"].pk]["value"] = "C"
    saved = save_stage_answers(
        evaluation=evaluation, stage=EvaluationStatus.SELF, answers=typed, user=planner
    )
    assert saved == 3
    assert {code: v for code, v in _values(evaluation, "self_value").items() if v} == {
        "1.a.1": "Y",
        "1.b.1": "B",
        "1.b.2": "C",
    }
    assert answers_by_code(evaluation)["1.a.1"].self_note == "Perwali 2016"
    assert LkeAnswer.history.filter(evaluation_id=evaluation.pk).count() == history + 3
    assert {h.history_user for h in LkeAnswer.history.filter(evaluation_id=evaluation.pk)[:3]} == {
        planner
    }


def test_an_override_without_a_reason_keeps_the_stages_other_answers_unsaved(
    evaluation, planner, auditor
):
    evaluation = _in_evaluation(evaluation, planner)
    answers = answers_by_code(evaluation)
    typed = {
        answers["1.a.2"].pk: {"value": "Y", "note": "", "override_reason": ""},
        answers["1.b.1"].pk: {"value": "C", "note": "", "override_reason": ""},
    }
    with pytest.raises(ValidationError) as refused:
        save_stage_answers(
            evaluation=evaluation, stage=EvaluationStatus.EVALUATION, answers=typed, user=auditor
        )
    assert refused.value.message_dict == {
        "1.b.1": ["Nilai berbeda dari usulan sistem: tuliskan alasannya."]
    }
    assert (answers_by_code(evaluation)["1.a.2"].evaluator_value, overrides(evaluation)) == ("", [])

    typed[answers["1.b.1"].pk]["override_reason"] = "Dua indikator tanpa satuan."
    assert (
        save_stage_answers(
            evaluation=evaluation, stage=EvaluationStatus.EVALUATION, answers=typed, user=auditor
        )
        == 2
    )
    assert answers_by_code(evaluation)["1.a.2"].evaluator_value == "Y"
    assert [
        (a.criterion.code, a.evaluator_value, a.override_reason) for a in overrides(evaluation)
    ] == [("1.b.1", "C", "Dua indikator tanpa satuan.")]


# ---- a stage is handed on only with every criterion answered ----------------------------------


def test_the_self_assessment_is_not_submitted_with_a_criterion_unanswered(evaluation, planner):
    with pytest.raises(
        ValidationError,
        match=r"^\['15 kriteria belum dijawab \(1\.a\.1, 1\.a\.2, 1\.b\.1, 1\.b\.2, 1\.c\.1, "
        r"2\.a\.1, 2\.b\.1, 2\.c\.1, 3\.a\.1, 3\.b\.1, …\): kriteria yang tidak dijawab bernilai 0",
    ):
        submit_self(evaluation=evaluation, user=planner)
    answers = answers_by_code(evaluation)
    for code, answer in answers.items():
        if code != "3.b.1":
            save_self_answer(
                answer=answer, value="Y" if answer.criterion.scale == "yt" else "B", user=planner
            )
    history = LkeAnswer.history.filter(evaluation_id=evaluation.pk).count()
    evaluation_history = evaluation.history.count()
    with pytest.raises(ValidationError) as refused:
        submit_self(evaluation=evaluation, user=planner)
    assert refused.value.messages == [
        "1 kriteria belum dijawab (3.b.1): kriteria yang tidak dijawab bernilai 0. "
        "Jawab semuanya, lalu ajukan."
    ]
    # Nothing changed: still in self-assessment, no suggestion stored, no evaluator's value
    # pre-set, no proof added.
    evaluation = LkeEvaluation.objects.get(pk=evaluation.pk)
    assert (evaluation.status, evaluation.self_submitted_by, evaluation.self_submitted_at) == (
        EvaluationStatus.SELF,
        None,
        None,
    )
    assert set(_values(evaluation, "suggested_value").values()) == {""}
    assert set(_values(evaluation, "suggested_rule").values()) == {""}
    assert set(_values(evaluation, "evaluator_value").values()) == {""}
    assert not LkeEvidence.objects.filter(answer__evaluation=evaluation).exists()
    assert LkeAnswer.history.filter(evaluation_id=evaluation.pk).count() == history
    assert evaluation.history.count() == evaluation_history

    save_self_answer(answer=answers["3.b.1"], value="E", user=planner)
    evaluation = submit_self(evaluation=evaluation, user=planner)
    assert evaluation.status == EvaluationStatus.EVALUATION
    assert answers_by_code(evaluation)["1.b.1"].suggested_value == "B"


def test_the_evaluation_is_not_submitted_with_a_criterion_unanswered(evaluation, planner, auditor):
    evaluation = _in_evaluation(evaluation, planner)
    # The suggestions (1.a.1 Y, 1.b.1 B, 3.a.1 T) are the evaluator's values until changed; the
    # twelve other criteria have none yet.
    with pytest.raises(ValidationError, match=r"^\['12 kriteria belum dijawab \(1\.a\.2, 1\.b\.2,"):
        submit_evaluation(evaluation=evaluation, user=auditor)
    answers = answers_by_code(evaluation)
    for code, answer in answers.items():
        if code != "4.c.2" and not answer.evaluator_value:
            save_evaluator_answer(answer=answer, value=answer.self_value, user=auditor)
    with pytest.raises(ValidationError) as refused:
        submit_evaluation(evaluation=evaluation, user=auditor)
    assert refused.value.messages == [
        "1 kriteria belum dijawab (4.c.2): kriteria yang tidak dijawab bernilai 0. "
        "Jawab semuanya, lalu ajukan."
    ]
    evaluation = LkeEvaluation.objects.get(pk=evaluation.pk)
    assert (evaluation.status, evaluation.evaluation_submitted_by) == (
        EvaluationStatus.EVALUATION,
        None,
    )
    assert answers_by_code(evaluation)["4.c.2"].evaluator_value == ""

    save_evaluator_answer(answer=answers["4.c.2"], value="E", user=auditor)
    evaluation = submit_evaluation(evaluation=evaluation, user=auditor)
    assert (evaluation.status, evaluation.evaluation_submitted_by) == (
        EvaluationStatus.REVIEW,
        auditor,
    )


def test_a_stage_being_worked_on_still_scores_its_unanswered_criteria_zero(evaluation, planner):
    """The rule is for handing a stage on; the scores shown while working count a criterion
    not answered yet as 0 (and say how many are answered)."""
    answers = answers_by_code(evaluation)
    for code, value in {"1.a.1": "Y", "1.b.1": "A", "4.c.1": "A"}.items():
        save_self_answer(answer=answers[code], value=value, user=planner)
    own = score_evaluation(evaluation, which="self")
    # 1.a 6 × (1 + 0)/2 = 3; 1.b 9 × (1 + 0)/2 = 4,5; 4.c 12,5 × (1 + 0)/2 = 6,25; the rest 0
    assert [(c.code, c.score) for c in own.components] == [
        ("1", Decimal("7.5")),
        ("2", Decimal(0)),
        ("3", Decimal(0)),
        ("4", Decimal("6.25")),
    ]
    assert (own.total, own.grade) == (Decimal("13.75"), "D")
    sub_4c = own.component("4").sub_components[2]
    assert (sub_4c.criteria, sub_4c.answered) == (2, 1)
    assert evaluation.status == EvaluationStatus.SELF


# ---- evaluation: suggestions and overrides ------------------------------------------------------


def test_submitting_the_self_assessment_stores_the_suggestions(evaluation, planner):
    evaluation = _in_evaluation(evaluation, planner, **{"1.a.1": "Y"})
    assert evaluation.status == EvaluationStatus.EVALUATION
    assert evaluation.self_submitted_by == planner
    answers = answers_by_code(evaluation)
    suggested = {
        code: (a.suggested_value, a.suggested_rule, a.evaluator_value)
        for code, a in answers.items()
        if a.suggested_rule
    }
    assert suggested == {
        "1.a.1": ("Y", "renstra_ada", "Y"),
        "1.b.1": ("B", "indikator_terukur", "B"),
        "3.a.1": ("T", "lkjip_ada", "T"),
    }
    assert answers["1.b.1"].suggested_text == "80 % indikator terukur."
    # realisasi_terisi had nothing to say: no suggestion, no value.
    assert (answers["2.a.1"].suggested_value, answers["2.a.1"].evaluator_value) == ("", "")
    assert [
        (e.kind, e.label, e.url) for e in LkeEvidence.objects.filter(answer=answers["1.a.1"])
    ] == [(EvidenceKind.PAGE, "Renstra versi 2", "/rencana/2/")]


def test_a_value_other_than_the_suggestion_needs_a_reason(evaluation, planner, auditor):
    evaluation = _in_evaluation(evaluation, planner)
    answer = answers_by_code(evaluation)["1.b.1"]
    with pytest.raises(ValidationError, match="Nilai berbeda dari usulan sistem"):
        save_evaluator_answer(answer=answer, value="C", override_reason="  ", user=auditor)
    assert LkeAnswer.objects.get(pk=answer.pk).evaluator_value == "B"
    assert overrides(evaluation) == []
    save_evaluator_answer(
        answer=answer, value="C", override_reason="Dua indikator tanpa satuan.", user=auditor
    )
    assert [
        (a.criterion.code, a.evaluator_value, a.override_reason) for a in overrides(evaluation)
    ] == [("1.b.1", "C", "Dua indikator tanpa satuan.")]
    # Back to the suggestion: no reason needed and none kept.
    save_evaluator_answer(answer=answer, value="B", user=auditor)
    assert LkeAnswer.objects.get(pk=answer.pk).override_reason == ""
    assert overrides(evaluation) == []


def test_the_agency_cannot_save_evaluator_values(evaluation, planner, head):
    evaluation = _in_evaluation(evaluation, planner)
    answer = answers_by_code(evaluation)["1.a.2"]
    assert not planner.has_perm("lke.evaluate", evaluation.agency)
    assert not head.has_perm("lke.evaluate", evaluation.agency)
    for user in (planner, head):
        with pytest.raises(PermissionDenied, match="Hanya auditor Inspektorat"):
            save_evaluator_answer(answer=answer, value="Y", user=user)
    assert LkeAnswer.objects.get(pk=answer.pk).evaluator_value == ""


def test_the_self_assessment_is_closed_once_submitted(evaluation, planner):
    evaluation = _in_evaluation(evaluation, planner, **{"1.a.2": "Y"})
    with pytest.raises(ValidationError, match="hanya dapat dilakukan pada tahap penilaian mandiri"):
        save_self_answer(answer=answers_by_code(evaluation)["1.a.2"], value="T", user=planner)
    assert answers_by_code(evaluation)["1.a.2"].self_value == "Y"


def test_evaluator_values_wait_for_the_evaluation_stage(evaluation, auditor):
    with pytest.raises(ValidationError, match="tahap evaluasi inspektorat"):
        save_evaluator_answer(answer=answers_by_code(evaluation)["1.a.2"], value="Y", user=auditor)


def test_the_inspector_reviews_and_returns_to_the_evaluator(
    evaluation, planner, auditor, inspector
):
    evaluation = _in_evaluation(evaluation, planner)
    with pytest.raises(ValidationError, match="hanya dapat dilakukan pada tahap reviu inspektur"):
        save_review_answer(answer=answers_by_code(evaluation)["1.a.2"], value="T", user=inspector)
    answer_rest(evaluation, "evaluator_value", auditor)
    evaluation = submit_evaluation(evaluation=evaluation, user=auditor)
    with pytest.raises(PermissionDenied, match="Hanya Inspektur"):
        save_review_answer(answer=answers_by_code(evaluation)["1.a.2"], value="T", user=auditor)
    save_review_answer(answer=answers_by_code(evaluation)["1.a.2"], value="T", user=inspector)
    with pytest.raises(ValidationError, match="Tuliskan catatan"):
        return_to_evaluator(evaluation=evaluation, note=" ", user=inspector)
    evaluation = return_to_evaluator(
        evaluation=evaluation, note="Periksa kembali 1.a.2.", user=inspector
    )
    assert (evaluation.status, evaluation.return_note, evaluation.returned_by) == (
        EvaluationStatus.EVALUATION,
        "Periksa kembali 1.a.2.",
        inspector,
    )
    assert answers_by_code(evaluation)["1.a.2"].reviewer_value == "T"
    with pytest.raises(ValidationError, match="tahap reviu inspektur"):
        finalize(evaluation=evaluation, user=inspector)


# ---- access --------------------------------------------------------------------------------


def test_who_sees_the_evaluation(
    evaluation, planner, head, verifier, auditor, inspector, other_auditor
):
    agency = evaluation.agency
    for user in (planner, head, verifier, auditor, inspector):
        assert access.evaluation_for(_request(user), evaluation.pk) == evaluation
    with pytest.raises(Http404):
        access.evaluation_for(_request(other_auditor), evaluation.pk)
    with pytest.raises(Http404):
        access.agency_for(_request(other_auditor), agency.pk)
    assert not other_auditor.has_perm("lke.evaluate", agency)


def test_who_may_do_what_is_told_with_403(evaluation, planner, verifier, auditor, inspector):
    with pytest.raises(PermissionDenied, match="Hanya auditor Inspektorat"):
        access.evaluation_for(_request(planner), evaluation.pk, perm="lke.evaluate")
    with pytest.raises(PermissionDenied, match="penilaian mandiri"):
        access.evaluation_for(_request(verifier), evaluation.pk, perm="lke.self_assess")
    with pytest.raises(PermissionDenied, match="Hanya Inspektur"):
        access.evaluation_for(_request(auditor), evaluation.pk, perm="lke.review")
    assert access.evaluation_for(_request(inspector), evaluation.pk, perm="lke.review")
    assert access.agency_for(_request(auditor), evaluation.agency_id, perm="lke.start")


def test_an_auditor_of_another_region_cannot_evaluate(evaluation, planner, other_auditor):
    evaluation = _in_evaluation(evaluation, planner)
    with pytest.raises(PermissionDenied):
        save_evaluator_answer(
            answer=answers_by_code(evaluation)["1.a.2"], value="Y", user=other_auditor
        )


# ---- evidence --------------------------------------------------------------------------------


def test_evidence_is_added_and_removed_by_whoever_works_in_the_stage(evaluation, planner, auditor):
    answer = answers_by_code(evaluation)["1.a.2"]
    upload = SimpleUploadedFile("renja-2018.pdf", b"%PDF-1.4 uji", "application/pdf")
    scan = add_evidence(
        answer=answer, kind=EvidenceKind.UPLOAD, label="", upload=upload, user=planner
    )
    doc = add_evidence(
        answer=answer, kind=EvidenceKind.REGISTER, label="", document_type="renja", user=planner
    )
    assert (scan.label, doc.label, doc.document_year) == ("renja-2018.pdf", "Renja 2018", 2018)
    with pytest.raises(PermissionDenied):
        add_evidence(
            answer=answer, kind=EvidenceKind.PAGE, label="x", url="/rencana/2/", user=auditor
        )
    with pytest.raises(ValidationError, match="PDF, JPG atau PNG"):
        add_evidence(
            answer=answer,
            kind=EvidenceKind.UPLOAD,
            label="x",
            upload=SimpleUploadedFile("catatan.docx", b"x"),
            user=planner,
        )
    with pytest.raises(ValidationError, match="alamat relatif"):
        add_evidence(
            answer=answer, kind=EvidenceKind.PAGE, label="x", url="https://a.example/", user=planner
        )
    remove_evidence(evidence=doc, user=planner)
    assert list(answer.evidence.values_list("label", flat=True)) == ["renja-2018.pdf"]
    answer_rest(evaluation, "self_value", planner)
    evaluation = submit_self(evaluation=evaluation, user=planner)
    with pytest.raises(PermissionDenied):
        remove_evidence(evidence=scan, user=planner)
    remove_evidence(evidence=scan, user=auditor)
    assert answer.evidence.count() == 0


# ---- final -----------------------------------------------------------------------------------


@pytest.fixture
def final(evaluation, planner, auditor, inspector):
    evaluation = _in_evaluation(evaluation, planner, **{"1.a.1": "Y"})
    add_recommendation(
        evaluation=evaluation,
        text="Tetapkan indikator yang terukur.",
        component=evaluation.template.components.get(code="1"),
        user=auditor,
    )
    add_recommendation(evaluation=evaluation, text="Sudah selesai tahun ini.", user=auditor)
    done = evaluation.recommendations.get(text="Sudah selesai tahun ini.")
    update_recommendation(recommendation=done, status=RecommendationStatus.DONE, user=auditor)
    answer_rest(evaluation, "evaluator_value", auditor)
    evaluation = submit_evaluation(evaluation=evaluation, user=auditor)
    add_recommendation(evaluation=evaluation, text="Manfaatkan LKjIP.", user=inspector)
    update_recommendation(
        recommendation=evaluation.recommendations.get(text="Manfaatkan LKjIP."),
        status=RecommendationStatus.IN_PROGRESS,
        follow_up="Rapat evaluasi dijadwalkan.",
        user=inspector,
    )
    evaluation = finalize(evaluation=evaluation, user=inspector)
    assert (evaluation.status, evaluation.finalized_by) == (EvaluationStatus.FINAL, inspector)
    return evaluation


def test_a_final_evaluation_refuses_every_service(final, planner, auditor, inspector):
    answer = answers_by_code(final)["1.a.1"]
    refusals = [
        lambda: save_self_answer(answer=answer, value="T", user=planner),
        lambda: save_evaluator_answer(answer=answer, value="T", override_reason="x", user=auditor),
        lambda: save_review_answer(answer=answer, value="T", user=inspector),
        lambda: return_to_evaluator(evaluation=final, note="x", user=inspector),
        lambda: finalize(evaluation=final, user=inspector),
        lambda: add_evidence(answer=answer, kind="halaman", label="x", url="/x/", user=inspector),
        lambda: remove_evidence(evidence=answer.evidence.first(), user=inspector),
        lambda: add_recommendation(evaluation=final, text="x", user=inspector),
        lambda: update_recommendation(
            recommendation=final.recommendations.first(), status="selesai", user=inspector
        ),
    ]
    for refused in refusals:
        with pytest.raises(ValidationError, match="sudah final dan tidak dapat diubah"):
            refused()
    answer.refresh_from_db()
    assert (answer.self_value, answer.evaluator_value, answer.reviewer_value) == ("Y", "Y", "")
    assert answer.evidence.count() == 1


def test_the_database_refuses_to_change_a_final_evaluation(final):
    answer = answers_by_code(final)["1.a.1"]
    statements = [
        ("UPDATE lke_lkeevaluation SET return_note = 'x' WHERE id = %s", final.pk),
        ("DELETE FROM lke_lkeevaluation WHERE id = %s", final.pk),
        ("UPDATE lke_lkeanswer SET evaluator_value = 'T' WHERE id = %s", answer.pk),
        ("DELETE FROM lke_lkeanswer WHERE id = %s", answer.pk),
        ("UPDATE lke_lkeevidence SET label = 'x' WHERE answer_id = %s", answer.pk),
        ("UPDATE lke_lkerecommendation SET status = 'selesai' WHERE evaluation_id = %s", final.pk),
        ("DELETE FROM lke_lkerecommendation WHERE evaluation_id = %s", final.pk),
    ]
    for sql, pk in statements:
        with (
            pytest.raises(DatabaseError, match="sudah final"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [pk])
    with pytest.raises(DatabaseError, match="sudah final"), transaction.atomic():
        LkeAnswer.objects.filter(evaluation=final).update(reviewer_value="A")
    assert LkeAnswer.objects.get(pk=answer.pk).evaluator_value == "Y"
    assert final.recommendations.count() == 3


def test_an_evaluation_in_progress_is_changed_freely_in_the_database(evaluation):
    LkeAnswer.objects.filter(evaluation=evaluation).update(self_value="Y")
    assert set(_values(evaluation, "self_value").values()) == {"Y"}


# ---- recommendations into the next year ----------------------------------------------------------


def test_last_years_open_recommendations_are_carried_into_the_next_year(final, planner, auditor):
    evaluation = start_evaluation(agency=final.agency, year=2019, user=auditor)
    carried = list(evaluation.recommendations.select_related("previous", "component"))
    assert [
        (r.text, r.status, r.follow_up, r.previous.evaluation_id, r.component and r.component.code)
        for r in carried
    ] == [
        ("Tetapkan indikator yang terukur.", "belum", "", final.pk, "1"),
        ("Manfaatkan LKjIP.", "proses", "Rapat evaluasi dijadwalkan.", final.pk, None),
    ]
    # The agency records the follow-up in its self-assessment; last year's row stays as it was.
    update_recommendation(
        recommendation=carried[0],
        status=RecommendationStatus.DONE,
        follow_up="Indikator diperbaiki dalam Renstra perubahan.",
        user=planner,
    )
    with pytest.raises(ValidationError, match="Pengubahan rekomendasi hanya dapat dilakukan"):
        update_recommendation(recommendation=carried[0], text="Lain.", user=planner)
    assert carried[0].previous.status == "belum"
    assert LkeRecommendation.objects.get(pk=carried[0].previous_id).status == "belum"
    assert LkeRecommendation.objects.get(pk=carried[0].pk).status == "selesai"
    assert [h.status for h in carried[0].history.order_by("history_id")] == ["belum", "selesai"]


def test_renstra_flush_empties_a_final_evaluation(final):
    """`renstra flush` (an operator emptying the database, as a restore needs) lifts the freeze
    for the flush and puts it back."""
    if connection.vendor == "postgresql":
        # PostgreSQL refuses TRUNCATE inside the test's transaction (pending foreign-key
        # trigger events), whatever the freeze; SQLite's flush deletes rows and runs here.
        pytest.skip("flush in a test transaction is SQLite only")
    call_command("flush", interactive=False, verbosity=0)
    assert LkeEvaluation.objects.count() == 0
    assert LkeAnswer.objects.count() == 0


def test_the_admin_shows_templates_and_evaluations_read_only(admin_client, final):
    for url in (
        "/admin/lke/lketemplate/",
        "/admin/lke/lketemplate/{}/change/".format(final.template_id),
        "/admin/lke/lkeevaluation/",
        "/admin/lke/lkeevaluation/{}/change/".format(final.pk),
        "/admin/lke/lkeevaluation/{}/history/".format(final.pk),
    ):
        assert admin_client.get(url).status_code == 200, url
    change = "/admin/lke/lkeevaluation/{}/change/".format(final.pk)
    assert admin_client.post(change, {"return_note": "Diubah di admin."}).status_code == 403
    assert admin_client.get("/admin/lke/lkeevaluation/add/").status_code == 403
    assert LkeEvaluation.objects.get(pk=final.pk).return_note == ""


def test_the_real_rules_suggest_on_the_demo_agency(evaluation, planner, monkeypatch):
    """With renstra.lke.prefill's own rules (not the stub): what they suggest for the demo
    agency's 2018 is stored as it is, its pages as evidence."""
    monkeypatch.setattr(prefill, "suggest", REAL_SUGGEST)
    answer_rest(evaluation, "self_value", planner)
    evaluation = submit_self(evaluation=evaluation, user=planner)
    answers = answers_by_code(evaluation)
    for code in ("1.a.1", "1.b.1", "3.a.1"):
        answer = answers[code]
        expected = REAL_SUGGEST(
            answer.criterion.prefill_rule,
            evaluation.agency,
            2018,
            SCALES[answer.criterion.scale],
        )
        assert (answer.suggested_value, answer.suggested_text) == (expected.value, expected.text)
        assert answer.evaluator_value == expected.value
        assert [(e.label, e.url) for e in answer.evidence.all()] == [
            (link.label, link.url) for link in expected.evidence
        ]


def test_the_inspector_reads_what_an_auditor_of_the_region_reads(
    agency, auditor, inspector, other_region, member, v2
):
    for perm, obj in (
        ("console.view_region", agency.region),
        ("plans.view_version", v2),
        ("monitoring.view", v2),
        ("plans.view_personnel", agency),
        ("lkjip.view", agency),
    ):
        assert auditor.has_perm(perm, obj), perm
        assert inspector.has_perm(perm, obj), perm
    elsewhere = member("inspektur_lain", "inspector", region=other_region)
    assert not elsewhere.has_perm("console.view_region", agency.region)
    assert not elsewhere.has_perm("lke.view", agency)
    assert not inspector.has_perm("plans.edit_version", v2)
    assert not inspector.has_perm("lke.evaluate", agency)
