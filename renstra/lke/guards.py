"""The checks every write of an LKE evaluation makes (renstra.lke.services, evidence,
recommendations): the permission asked of the agency, the evaluation locked for the write, not
final, in the stage the write belongs to, a value on the criterion's scale; and the save with
its history's user."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from renstra.core.lke import SCALES
from renstra.lke.choices import (
    EvaluationStatus,
)
from renstra.lke.models import (
    LkeAnswer,
    LkeEvaluation,
)
from renstra.lke.rules import DENIED
from renstra.plans.models import Agency

# Who works on an evaluation in each stage: the permission asked of the agency.
STAGE_PERMS = {
    EvaluationStatus.SELF: "lke.self_assess",
    EvaluationStatus.EVALUATION: "lke.evaluate",
    EvaluationStatus.REVIEW: "lke.review",
}
# ---- checks ----------------------------------------------------------------------------------


def require(user, perm: str, agency: Agency) -> None:
    if user is None or not user.has_perm(perm, agency):
        raise PermissionDenied(_(DENIED[perm]))


def locked(evaluation: LkeEvaluation) -> LkeEvaluation:
    return (
        LkeEvaluation.objects.select_for_update(of=("self",))
        .select_related("agency", "template")
        .get(pk=evaluation.pk)
    )


def assert_not_final(evaluation: LkeEvaluation) -> None:
    if evaluation.status == EvaluationStatus.FINAL:
        raise ValidationError(
            _(
                "Evaluasi SAKIP {} tahun {} sudah final dan tidak dapat diubah; tindak lanjut "
                "rekomendasinya dicatat pada evaluasi tahun berikutnya."
            ).format(evaluation.agency.short_name, evaluation.year)
        )


def assert_stage(evaluation: LkeEvaluation, stage: str, doing: str) -> None:
    assert_not_final(evaluation)
    if evaluation.status != stage:
        raise ValidationError(
            _("{} hanya dapat dilakukan pada tahap {}; evaluasi ini sedang pada tahap {}.").format(
                doing,
                EvaluationStatus(stage).label.lower(),
                evaluation.get_status_display().lower(),
            )
        )


def stage_perm(evaluation: LkeEvaluation, user) -> None:
    """The user works in the evaluation's current stage (not final)."""
    assert_not_final(evaluation)
    require(user, STAGE_PERMS[evaluation.status], evaluation.agency)


def scale_value(answer: LkeAnswer, value: str | None) -> str:
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


def locked_answer(answer: LkeAnswer) -> tuple[LkeAnswer, LkeEvaluation]:
    """The answer again, with its criterion, under its evaluation locked."""
    evaluation = locked(answer.evaluation)
    fresh = LkeAnswer.objects.select_related("criterion").get(pk=answer.pk)
    fresh.evaluation = evaluation
    return fresh, evaluation


def save(obj, user) -> None:
    obj._history_user = user
    obj.save()
