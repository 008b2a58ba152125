"""The inspectorate's recommendations of an evaluation, and last year's carried into this
year's evaluation to be followed up (a carried one keeps its text and cannot be removed)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from renstra.lke.choices import (
    CARRIED_STATUSES,
    EvaluationStatus,
    RecommendationStatus,
)
from renstra.lke.guards import (
    STAGE_PERMS,
    assert_not_final,
    assert_stage,
    locked,
    require,
    save,
    stage_perm,
)
from renstra.lke.models import (
    LkeComponent,
    LkeEvaluation,
    LkeRecommendation,
)

# ---- recommendations -----------------------------------------------------------------------


def _evaluator_stage(evaluation: LkeEvaluation, user, doing: str) -> None:
    """Recommendations are written by the inspectorate: the evaluator in evaluation, the head
    of the inspectorate in review."""
    assert_not_final(evaluation)
    if evaluation.status == EvaluationStatus.SELF:
        assert_stage(evaluation, EvaluationStatus.EVALUATION, doing)
    require(user, STAGE_PERMS[evaluation.status], evaluation.agency)


@transaction.atomic
def add_recommendation(
    *, evaluation: LkeEvaluation, text: str, user, component: LkeComponent | None = None
) -> LkeRecommendation:
    evaluation = locked(evaluation)
    _evaluator_stage(evaluation, user, _("Penulisan rekomendasi"))
    if not (text or "").strip():
        raise ValidationError({"text": _("Tuliskan rekomendasinya.")})
    if component is not None and component.template_id != evaluation.template_id:
        raise ValidationError({"component": _("Komponen bukan bagian dari templat evaluasi ini.")})
    recommendation = LkeRecommendation(
        evaluation=evaluation, component=component, text=text.strip(), created_by=user
    )
    save(recommendation, user)
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
    evaluation = locked(recommendation.evaluation)
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
        stage_perm(evaluation, user)
    if status is not None:
        if status not in RecommendationStatus.values:
            raise ValidationError({"status": _("Status tindak lanjut tidak dikenal.")})
        recommendation.status = status
    if follow_up is not None:
        recommendation.follow_up = follow_up.strip()
    save(recommendation, user)
    return recommendation


@transaction.atomic
def remove_recommendation(*, recommendation: LkeRecommendation, user) -> None:
    """Remove a recommendation written this year (one carried from last year stays: it is
    followed up, not removed)."""
    recommendation = LkeRecommendation.objects.get(pk=recommendation.pk)
    evaluation = locked(recommendation.evaluation)
    _evaluator_stage(evaluation, user, _("Penghapusan rekomendasi"))
    if recommendation.previous_id is not None:
        raise ValidationError(
            _("Rekomendasi tahun lalu tidak dihapus: catat tindak lanjutnya (selesai bila sudah).")
        )
    recommendation._history_user = user
    recommendation.delete()


def carry_recommendations(last: LkeEvaluation, evaluation: LkeEvaluation, user) -> None:
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
