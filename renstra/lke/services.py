"""Every write of an LKE evaluation: start a year's evaluation, the agency's self-assessment,
the evaluator's values (pre-set to the system's suggestions, renstra.lke.prefill), the review of
the head of the inspectorate (each an answer at a time, or a stage's answers all or nothing by
save_stage_answers), evidence and recommendations, and the way self -> evaluation ->
review -> final (review back to the evaluator with a note). Pages, the API and commands call
these; each asks the permission (renstra.lke.rules) and the stage, and refuses with an
Indonesian message. A final evaluation is refused here first, and by the database
(renstra.lke.frozen)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from renstra.core.lke import SCALES
from renstra.lke import prefill
from renstra.lke.choices import (
    CARRIED_STATUSES,
    EvaluationStatus,
    EvidenceKind,
    RecommendationStatus,
)
from renstra.lke.models import (
    LkeAnswer,
    LkeComponent,
    LkeCriterion,
    LkeEvaluation,
    LkeEvidence,
    LkeRecommendation,
    LkeTemplate,
)
from renstra.lke.rules import DENIED
from renstra.lke.template_loader import ensure_default_template
from renstra.plans.models import Agency
from renstra.register.choices import DocumentType
from renstra.register.services import UPLOAD_EXTENSIONS, UPLOAD_MAX_BYTES

# Who works on an evaluation in each stage: the permission asked of the agency.
STAGE_PERMS = {
    EvaluationStatus.SELF: "lke.self_assess",
    EvaluationStatus.EVALUATION: "lke.evaluate",
    EvaluationStatus.REVIEW: "lke.review",
}
OVERRIDE_NEEDS_REASON = "Nilai berbeda dari usulan sistem: tuliskan alasannya."


# ---- checks ----------------------------------------------------------------------------------


def _require(user, perm: str, agency: Agency) -> None:
    if user is None or not user.has_perm(perm, agency):
        raise PermissionDenied(_(DENIED[perm]))


def _locked(evaluation: LkeEvaluation) -> LkeEvaluation:
    return (
        LkeEvaluation.objects.select_for_update(of=("self",))
        .select_related("agency", "template")
        .get(pk=evaluation.pk)
    )


def _assert_not_final(evaluation: LkeEvaluation) -> None:
    if evaluation.status == EvaluationStatus.FINAL:
        raise ValidationError(
            _(
                "Evaluasi SAKIP {} tahun {} sudah final dan tidak dapat diubah; tindak lanjut "
                "rekomendasinya dicatat pada evaluasi tahun berikutnya."
            ).format(evaluation.agency.short_name, evaluation.year)
        )


def _assert_stage(evaluation: LkeEvaluation, stage: str, doing: str) -> None:
    _assert_not_final(evaluation)
    if evaluation.status != stage:
        raise ValidationError(
            _("{} hanya dapat dilakukan pada tahap {}; evaluasi ini sedang pada tahap {}.").format(
                doing,
                EvaluationStatus(stage).label.lower(),
                evaluation.get_status_display().lower(),
            )
        )


def _stage_perm(evaluation: LkeEvaluation, user) -> None:
    """The user works in the evaluation's current stage (not final)."""
    _assert_not_final(evaluation)
    _require(user, STAGE_PERMS[evaluation.status], evaluation.agency)


def _value(answer: LkeAnswer, value: str | None) -> str:
    """`value` as a code of the criterion's scale ('' = not answered)."""
    code = (value or "").strip().upper()
    scale = SCALES[answer.criterion.scale]
    if code and code not in scale.codes():
        raise ValidationError(
            {
                "value": _("Kriteria {}: jawaban '{}' tidak dikenal; pilih {}.").format(
                    answer.criterion.code, value, " / ".join(scale.codes())
                )
            }
        )
    return code


def _answer(answer: LkeAnswer) -> tuple[LkeAnswer, LkeEvaluation]:
    """The answer again, with its criterion, under its evaluation locked."""
    evaluation = _locked(answer.evaluation)
    fresh = LkeAnswer.objects.select_related("criterion").get(pk=answer.pk)
    fresh.evaluation = evaluation
    return fresh, evaluation


def _save(obj, user) -> None:
    obj._history_user = user
    obj.save()


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
    _require(user, "lke.start", agency)
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
    _save(evaluation, user)
    criteria = LkeCriterion.objects.filter(sub_component__component__template=template)
    bulk_create_with_history(
        [LkeAnswer(evaluation=evaluation, criterion=c) for c in criteria.order_by("pk")],
        LkeAnswer,
        default_user=user,
    )
    if last is not None:
        _carry_recommendations(last, evaluation, user)
    return evaluation


def _carry_recommendations(last: LkeEvaluation, evaluation: LkeEvaluation, user) -> None:
    # A component of last year's template is found in this year's by its code.
    components = {c.code: c for c in LkeComponent.objects.filter(template=evaluation.template_id)}
    carried = [
        LkeRecommendation(
            evaluation=evaluation,
            component=components.get(r.component.code) if r.component else None,
            text=r.text,
            status=r.status,
            follow_up=r.follow_up,
            previous=r,
            created_by=user,
        )
        for r in last.recommendations.filter(status__in=CARRIED_STATUSES)
        .select_related("component")
        .order_by("pk")
    ]
    bulk_create_with_history(carried, LkeRecommendation, default_user=user)


@transaction.atomic
def save_self_answer(*, answer: LkeAnswer, value: str, note: str = "", user) -> LkeAnswer:
    """The agency's own answer to a criterion (and its note), during the self-assessment."""
    answer, evaluation = _answer(answer)
    _require(user, "lke.self_assess", evaluation.agency)
    _assert_stage(evaluation, EvaluationStatus.SELF, _("Penilaian mandiri"))
    answer.self_value = _value(answer, value)
    answer.self_note = (note or "").strip()
    _save(answer, user)
    return answer


@transaction.atomic
def submit_self(*, evaluation: LkeEvaluation, user) -> LkeEvaluation:
    """Self-assessment -> evaluation. At this moment the system's suggestions are made
    (renstra.lke.prefill) for every criterion with a pre-fill rule: the suggested value, the
    sentence it was chosen from and the rule are stored, the evaluator's value is pre-set to
    it, and the pages that prove it are added as evidence."""
    evaluation = _locked(evaluation)
    _require(user, "lke.self_assess", evaluation.agency)
    _assert_stage(evaluation, EvaluationStatus.SELF, _("Pengajuan penilaian mandiri"))
    _assert_all_answered(evaluation, "self_value")
    _prefill(evaluation, user)
    evaluation.status = EvaluationStatus.EVALUATION
    evaluation.self_submitted_by, evaluation.self_submitted_at = user, timezone.now()
    _save(evaluation, user)
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
    answer, evaluation = _answer(answer)
    _require(user, "lke.evaluate", evaluation.agency)
    _assert_stage(evaluation, EvaluationStatus.EVALUATION, _("Pengisian nilai evaluator"))
    code = _value(answer, value)
    reason = (override_reason or "").strip()
    if answer.suggested_value and code != answer.suggested_value and not reason:
        raise ValidationError({"override_reason": _(OVERRIDE_NEEDS_REASON)})
    answer.evaluator_value = code
    answer.evaluator_note = (note or "").strip()
    answer.override_reason = reason if code != answer.suggested_value else ""
    _save(answer, user)
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
    evaluation = _locked(evaluation)
    _require(user, "lke.evaluate", evaluation.agency)
    _assert_stage(evaluation, EvaluationStatus.EVALUATION, _("Pengajuan hasil evaluasi"))
    _assert_all_answered(evaluation, "evaluator_value")
    evaluation.status = EvaluationStatus.REVIEW
    evaluation.evaluation_submitted_by = user
    evaluation.evaluation_submitted_at = timezone.now()
    _save(evaluation, user)
    return evaluation


@transaction.atomic
def save_review_answer(*, answer: LkeAnswer, value: str, note: str = "", user) -> LkeAnswer:
    """The reviewer's value of a criterion ('' leaves the evaluator's standing), in review."""
    answer, evaluation = _answer(answer)
    _require(user, "lke.review", evaluation.agency)
    _assert_stage(evaluation, EvaluationStatus.REVIEW, _("Reviu nilai"))
    answer.reviewer_value = _value(answer, value)
    answer.reviewer_note = (note or "").strip()
    _save(answer, user)
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
    evaluation = _locked(evaluation)
    _require(user, "lke.review", evaluation.agency)
    _assert_stage(evaluation, EvaluationStatus.REVIEW, _("Pengembalian kepada evaluator"))
    if not (note or "").strip():
        raise ValidationError({"note": _("Tuliskan catatan: apa yang harus diperiksa kembali.")})
    evaluation.status = EvaluationStatus.EVALUATION
    evaluation.return_note = note.strip()
    evaluation.returned_by, evaluation.returned_at = user, timezone.now()
    _save(evaluation, user)
    return evaluation


@transaction.atomic
def finalize(*, evaluation: LkeEvaluation, user) -> LkeEvaluation:
    """Review -> final: the result delivered; from now on nothing of it changes."""
    evaluation = _locked(evaluation)
    _require(user, "lke.review", evaluation.agency)
    _assert_stage(evaluation, EvaluationStatus.REVIEW, _("Penetapan hasil evaluasi"))
    evaluation.status = EvaluationStatus.FINAL
    evaluation.finalized_by, evaluation.finalized_at = user, timezone.now()
    _save(evaluation, user)
    return evaluation


# ---- evidence ----------------------------------------------------------------------------------


@transaction.atomic
def add_evidence(
    *,
    answer: LkeAnswer,
    kind: str,
    label: str,
    user,
    url: str = "",
    document_type: str = "",
    document_year: int | None = None,
    upload=None,
) -> LkeEvidence:
    """Proof of an answer, by whoever works in the evaluation's stage: a register document
    (`document_type` of `document_year`, this year by default), a page of this system (`url`,
    relative) or an uploaded file (PDF, JPG or PNG, at most 20 MB)."""
    answer, evaluation = _answer(answer)
    _stage_perm(evaluation, user)
    label = (label or "").strip()
    evidence = LkeEvidence(answer=answer, kind=kind, added_by=user)
    if kind == EvidenceKind.REGISTER:
        if document_type not in DocumentType.values:
            raise ValidationError({"document_type": _("Jenis dokumen register tidak dikenal.")})
        evidence.document_type = document_type
        evidence.document_year = document_year or evaluation.year
        label = label or "{} {}".format(DocumentType(document_type).label, evidence.document_year)
    elif kind == EvidenceKind.PAGE:
        url = (url or "").strip()
        if not url.startswith("/") or url.startswith("//"):
            raise ValidationError(
                {"url": _("Alamat halaman harus alamat relatif sistem ini, diawali '/'.")}
            )
        evidence.url = url
    elif kind == EvidenceKind.UPLOAD:
        name = getattr(upload, "name", "") or ""
        if not name.lower().endswith(UPLOAD_EXTENSIONS):
            raise ValidationError(
                {"file": _("Berkas harus PDF, JPG atau PNG; {} bukan.").format(name or "-")}
            )
        if upload.size > UPLOAD_MAX_BYTES:
            raise ValidationError(
                {
                    "file": _("Berkas paling besar 20 MB; berkas ini {:.1f} MB.").format(
                        upload.size / 1024 / 1024
                    )
                }
            )
        evidence.file = upload
        label = label or name
    else:
        raise ValidationError({"kind": _("Jenis bukti tidak dikenal.")})
    if not label:
        raise ValidationError({"label": _("Tuliskan keterangan bukti.")})
    evidence.label = label[:300]
    evidence.save()
    return evidence


@transaction.atomic
def remove_evidence(*, evidence: LkeEvidence, user) -> None:
    """Remove a proof, by whoever works in the evaluation's stage."""
    evidence = LkeEvidence.objects.select_related("answer").get(pk=evidence.pk)
    evaluation = _locked(evidence.answer.evaluation)
    _stage_perm(evaluation, user)
    evidence.delete()


# ---- recommendations -----------------------------------------------------------------------


def _evaluator_stage(evaluation: LkeEvaluation, user, doing: str) -> None:
    """Recommendations are written by the inspectorate: the evaluator in evaluation, the head
    of the inspectorate in review."""
    _assert_not_final(evaluation)
    if evaluation.status == EvaluationStatus.SELF:
        _assert_stage(evaluation, EvaluationStatus.EVALUATION, doing)
    _require(user, STAGE_PERMS[evaluation.status], evaluation.agency)


@transaction.atomic
def add_recommendation(
    *, evaluation: LkeEvaluation, text: str, user, component: LkeComponent | None = None
) -> LkeRecommendation:
    evaluation = _locked(evaluation)
    _evaluator_stage(evaluation, user, _("Penulisan rekomendasi"))
    if not (text or "").strip():
        raise ValidationError({"text": _("Tuliskan rekomendasinya.")})
    if component is not None and component.template_id != evaluation.template_id:
        raise ValidationError({"component": _("Komponen bukan bagian dari templat evaluasi ini.")})
    recommendation = LkeRecommendation(
        evaluation=evaluation, component=component, text=text.strip(), created_by=user
    )
    _save(recommendation, user)
    return recommendation


@transaction.atomic
def update_recommendation(
    *,
    recommendation: LkeRecommendation,
    user,
    status: str | None = None,
    follow_up: str | None = None,
    text: str | None = None,
) -> LkeRecommendation:
    """The follow-up of a recommendation (its status and what was done), by whoever works in
    the stage (the agency records the follow-up of last year's in its self-assessment); its
    text only by the inspectorate, and not of one carried from last year."""
    recommendation = LkeRecommendation.objects.get(pk=recommendation.pk)
    evaluation = _locked(recommendation.evaluation)
    recommendation.evaluation = evaluation
    if text is not None:
        _evaluator_stage(evaluation, user, _("Pengubahan rekomendasi"))
        if recommendation.previous_id is not None:
            raise ValidationError(
                {"text": _("Rekomendasi tahun lalu tidak diubah teksnya; catat tindak lanjutnya.")}
            )
        if not text.strip():
            raise ValidationError({"text": _("Tuliskan rekomendasinya.")})
        recommendation.text = text.strip()
    else:
        _stage_perm(evaluation, user)
    if status is not None:
        if status not in RecommendationStatus.values:
            raise ValidationError({"status": _("Status tindak lanjut tidak dikenal.")})
        recommendation.status = status
    if follow_up is not None:
        recommendation.follow_up = follow_up.strip()
    _save(recommendation, user)
    return recommendation


@transaction.atomic
def remove_recommendation(*, recommendation: LkeRecommendation, user) -> None:
    """Remove a recommendation written this year (one carried from last year stays: it is
    followed up, not removed)."""
    recommendation = LkeRecommendation.objects.get(pk=recommendation.pk)
    evaluation = _locked(recommendation.evaluation)
    _evaluator_stage(evaluation, user, _("Penghapusan rekomendasi"))
    if recommendation.previous_id is not None:
        raise ValidationError(
            _("Rekomendasi tahun lalu tidak dihapus: catat tindak lanjutnya (selesai bila sudah).")
        )
    recommendation._history_user = user
    recommendation.delete()
