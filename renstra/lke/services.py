"""Every write of an LKE evaluation: start a year's evaluation, the agency's self-assessment,
the evaluator's values (pre-set to the system's suggestions, renstra.lke.prefill), the review of
the head of the inspectorate (each an answer at a time, or a stage's answers all or nothing by
save_stage_answers), and the way self -> evaluation ->
review -> final (review back to the evaluator with a note). Pages, the API and commands call
these; each asks the permission (renstra.lke.rules) and the stage, and refuses with an
Indonesian message. A final evaluation is refused here first, and by the database
(renstra.lke.frozen). Evidence (renstra.lke.evidence) and recommendations
(renstra.lke.recommendations) have their own modules; the checks all share are in
renstra.lke.guards."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from renstra.core.lke import SCALES
from renstra.lke import prefill
from renstra.lke.choices import (
    EvaluationStatus,
    EvidenceKind,
)
from renstra.lke.guards import (
    assert_stage,
    locked,
    locked_answer,
    require,
    save,
    scale_value,
)
from renstra.lke.models import (
    LkeAnswer,
    LkeCriterion,
    LkeEvaluation,
    LkeEvidence,
    LkeTemplate,
)
from renstra.lke.recommendations import carry_recommendations
from renstra.lke.template_loader import ensure_default_template
from renstra.plans.models import Agency

OVERRIDE_NEEDS_REASON = "Nilai berbeda dari usulan sistem: tuliskan alasannya."


# ---- the evaluation --------------------------------------------------------------------------


def template_for_year(year: int) -> LkeTemplate | None:
    """The worksheet of `year` (the SAKIP year evaluated): the template in force from the latest
    first year not after it. A year before every loaded worksheet (an earlier regulation's, not
    loaded) is evaluated on the earliest one loaded: its pages and LHE name the worksheet and
    the year it is in force from, so the reader sees it. With none loaded at all, the
    worksheet the app ships with (PermenPAN-RB 88/2021) is loaded first."""
    if not LkeTemplate.objects.exists():
        ensure_default_template()
    return (
        LkeTemplate.objects.filter(first_year__lte=year)
        .order_by("-first_year", "-loaded_at")
        .first()
    ) or LkeTemplate.objects.order_by("first_year", "loaded_at").first()


@transaction.atomic
def start_evaluation(*, agency: Agency, year: int, user) -> LkeEvaluation:
    """The evaluation of `agency` for `year`, in self-assessment, with an answer for every
    criterion of the year's template; the recommendations of last year's (final) evaluation not
    done yet are carried into it (each with `previous` set), to be followed up this year."""
    require(user, "lke.start", agency)
    template = template_for_year(year)
    if template is None:
        raise ValidationError(
            _("Belum ada templat LKE yang berlaku untuk tahun {}: muat templatnya dahulu.").format(
                year
            )
        )
    if LkeEvaluation.objects.filter(agency=agency, year=year).exists():
        raise ValidationError(
            _("Evaluasi SAKIP {} tahun {} sudah ada: lanjutkan yang itu.").format(
                agency.short_name, year
            )
        )
    last = LkeEvaluation.objects.filter(agency=agency, year=year - 1).first()
    if last is not None and last.status != EvaluationStatus.FINAL:
        raise ValidationError(
            _(
                "Evaluasi SAKIP tahun {} belum final: tetapkan dahulu, agar rekomendasinya dapat "
                "ditindaklanjuti pada evaluasi tahun {}."
            ).format(year - 1, year)
        )
    evaluation = LkeEvaluation(agency=agency, year=year, template=template, started_by=user)
    save(evaluation, user)
    criteria = LkeCriterion.objects.filter(sub_component__component__template=template)
    bulk_create_with_history(
        [LkeAnswer(evaluation=evaluation, criterion=c) for c in criteria.order_by("pk")],
        LkeAnswer,
        default_user=user,
    )
    if last is not None:
        carry_recommendations(last, evaluation, user)
    return evaluation


@transaction.atomic
def save_self_answer(*, answer: LkeAnswer, value: str, note: str = "", user) -> LkeAnswer:
    """The agency's own answer to a criterion (and its note), during the self-assessment."""
    answer, evaluation = locked_answer(answer)
    require(user, "lke.self_assess", evaluation.agency)
    assert_stage(evaluation, EvaluationStatus.SELF, _("Penilaian mandiri"))
    answer.self_value = scale_value(answer, value)
    answer.self_note = (note or "").strip()
    save(answer, user)
    return answer


@transaction.atomic
def submit_self(*, evaluation: LkeEvaluation, user) -> LkeEvaluation:
    """Self-assessment -> evaluation. At this moment the system's suggestions are made
    (renstra.lke.prefill) for every criterion with a pre-fill rule: the suggested value, the
    sentence it was chosen from and the rule are stored, the evaluator's value is pre-set to
    it, and the pages that prove it are added as evidence."""
    evaluation = locked(evaluation)
    require(user, "lke.self_assess", evaluation.agency)
    assert_stage(evaluation, EvaluationStatus.SELF, _("Pengajuan penilaian mandiri"))
    _assert_all_answered(evaluation, "self_value")
    _prefill(evaluation, user)
    evaluation.status = EvaluationStatus.EVALUATION
    evaluation.self_submitted_by, evaluation.self_submitted_at = user, timezone.now()
    save(evaluation, user)
    return evaluation


def _assert_all_answered(evaluation: LkeEvaluation, field: str) -> None:
    """A stage is handed on only with every criterion answered: an unanswered criterion would
    count 0 in the score without anyone having judged it."""
    missing = list(
        evaluation.answers.filter(**{field: ""})
        .order_by(
            "criterion__sub_component__component__order",
            "criterion__sub_component__order",
            "criterion__order",
            "criterion__pk",
        )
        .values_list("criterion__code", flat=True)
    )
    if missing:
        shown = ", ".join(missing[:10]) + (", …" if len(missing) > 10 else "")
        raise ValidationError(
            _(
                "{} kriteria belum dijawab ({}): kriteria yang tidak dijawab bernilai 0. "
                "Jawab semuanya, lalu ajukan."
            ).format(len(missing), shown)
        )


def _prefill(evaluation: LkeEvaluation, user) -> None:
    answers = list(
        evaluation.answers.exclude(criterion__prefill_rule="").select_related("criterion")
    )
    made: dict[tuple[str, str], object] = {}
    evidence = []
    for answer in answers:
        criterion = answer.criterion
        scale = SCALES[criterion.scale]
        key = (criterion.prefill_rule, criterion.scale)
        if key not in made:
            # One suggestion per rule and scale: several criteria may share a rule.
            made[key] = prefill.suggest(
                criterion.prefill_rule, evaluation.agency, evaluation.year, scale
            )
        suggestion = made[key]
        if suggestion is None or suggestion.value not in scale.codes():
            continue
        answer.suggested_value = answer.evaluator_value = suggestion.value
        answer.suggested_text = suggestion.text
        answer.suggested_rule = criterion.prefill_rule
        evidence.extend(
            LkeEvidence(
                answer=answer,
                kind=EvidenceKind.PAGE,
                label=str(link.label)[:300],
                url=link.url,
            )
            for link in suggestion.evidence
            if str(link.url).startswith("/")
        )
    changed = [a for a in answers if a.suggested_rule]
    if changed:
        bulk_update_with_history(
            changed,
            LkeAnswer,
            ["suggested_value", "suggested_text", "suggested_rule", "evaluator_value"],
            default_user=user,
        )
    LkeEvidence.objects.bulk_create(evidence)


@transaction.atomic
def save_evaluator_answer(
    *, answer: LkeAnswer, value: str, note: str = "", override_reason: str = "", user
) -> LkeAnswer:
    """The evaluator's value of a criterion, during the evaluation; a value other than the
    system's suggestion needs the reason why."""
    answer, evaluation = locked_answer(answer)
    require(user, "lke.evaluate", evaluation.agency)
    assert_stage(evaluation, EvaluationStatus.EVALUATION, _("Pengisian nilai evaluator"))
    code = scale_value(answer, value)
    reason = (override_reason or "").strip()
    if answer.suggested_value and code != answer.suggested_value and not reason:
        raise ValidationError({"override_reason": _(OVERRIDE_NEEDS_REASON)})
    answer.evaluator_value = code
    answer.evaluator_note = (note or "").strip()
    answer.override_reason = reason if code != answer.suggested_value else ""
    save(answer, user)
    return answer


def overrides(evaluation: LkeEvaluation) -> list[LkeAnswer]:
    """The answers whose evaluator's value differs from the system's suggestion, with the
    reason given, in worksheet order."""
    answers = (
        evaluation.answers.exclude(suggested_value="")
        .select_related("criterion__sub_component__component")
        .order_by(
            "criterion__sub_component__component__order",
            "criterion__sub_component__order",
            "criterion__order",
        )
    )
    return [a for a in answers if a.is_override]


@transaction.atomic
def submit_evaluation(*, evaluation: LkeEvaluation, user) -> LkeEvaluation:
    """Evaluation -> review by the head of the inspectorate."""
    evaluation = locked(evaluation)
    require(user, "lke.evaluate", evaluation.agency)
    assert_stage(evaluation, EvaluationStatus.EVALUATION, _("Pengajuan hasil evaluasi"))
    _assert_all_answered(evaluation, "evaluator_value")
    evaluation.status = EvaluationStatus.REVIEW
    evaluation.evaluation_submitted_by = user
    evaluation.evaluation_submitted_at = timezone.now()
    save(evaluation, user)
    return evaluation


@transaction.atomic
def save_review_answer(*, answer: LkeAnswer, value: str, note: str = "", user) -> LkeAnswer:
    """The reviewer's value of a criterion ('' leaves the evaluator's standing), in review."""
    answer, evaluation = locked_answer(answer)
    require(user, "lke.review", evaluation.agency)
    assert_stage(evaluation, EvaluationStatus.REVIEW, _("Reviu nilai"))
    answer.reviewer_value = scale_value(answer, value)
    answer.reviewer_note = (note or "").strip()
    save(answer, user)
    return answer


# The service of one answer in each stage; its keyword arguments are what save_stage_answers
# takes for an answer.
STAGE_ANSWER_SERVICES = {
    EvaluationStatus.SELF: save_self_answer,
    EvaluationStatus.EVALUATION: save_evaluator_answer,
    EvaluationStatus.REVIEW: save_review_answer,
}


def save_stage_answers(
    *, evaluation: LkeEvaluation, stage: str, answers: dict[int, dict], user
) -> int:
    """The answers of `stage` (self-assessment, evaluation or review), all or nothing:
    `answers` is {answer id: the keyword arguments of the stage's service of one answer}
    (save_self_answer and save_review_answer: value, note; save_evaluator_answer: value, note,
    override_reason), answers of `evaluation`. Every answer is tried through that service, in
    the order given and in one transaction; if any is refused, none is saved and the
    ValidationError says, by criterion code, why each refused one was ({code: messages}).
    PermissionDenied as the services raise it. The number of answers saved."""
    save = STAGE_ANSWER_SERVICES[stage]
    found = evaluation.answers.filter(pk__in=answers).select_related("criterion").in_bulk()
    if answers.keys() - found.keys():  # a caller's mistake, not a person's: no message for one
        raise LkeAnswer.DoesNotExist(
            "Answers {} are not of evaluation {}.".format(
                sorted(answers.keys() - found.keys()), evaluation.pk
            )
        )
    refused: dict[str, list[str]] = {}
    with transaction.atomic():
        for pk, values in answers.items():
            try:
                save(answer=found[pk], user=user, **values)
            except ValidationError as error:
                refused[found[pk].criterion.code] = error.messages
        if refused:
            raise ValidationError(refused)  # leaving the block undoes every answer saved
    return len(answers)


@transaction.atomic
def return_to_evaluator(*, evaluation: LkeEvaluation, note: str, user) -> LkeEvaluation:
    """Review -> evaluation, with what the evaluator is to look at again."""
    evaluation = locked(evaluation)
    require(user, "lke.review", evaluation.agency)
    assert_stage(evaluation, EvaluationStatus.REVIEW, _("Pengembalian kepada evaluator"))
    if not (note or "").strip():
        raise ValidationError({"note": _("Tuliskan catatan: apa yang harus diperiksa kembali.")})
    evaluation.status = EvaluationStatus.EVALUATION
    evaluation.return_note = note.strip()
    evaluation.returned_by, evaluation.returned_at = user, timezone.now()
    save(evaluation, user)
    return evaluation


@transaction.atomic
def finalize(*, evaluation: LkeEvaluation, user) -> LkeEvaluation:
    """Review -> final: the result delivered; from now on nothing of it changes."""
    evaluation = locked(evaluation)
    require(user, "lke.review", evaluation.agency)
    assert_stage(evaluation, EvaluationStatus.REVIEW, _("Penetapan hasil evaluasi"))
    evaluation.status = EvaluationStatus.FINAL
    evaluation.finalized_by, evaluation.finalized_at = user, timezone.now()
    save(evaluation, user)
    return evaluation
