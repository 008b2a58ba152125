"""The reads of the LKE pages. An agency's evaluations with their scores, and the years one may
be started for. The worksheet of an evaluation: every component -> sub-component -> criterion
with its answer (the agency's, the system's suggestion, the evaluator's, the reviewer's), its
evidence and the scores (final and self), and the evaluation's history (its
django-simple-history records turned into who/when/what rows). Reads only; every write is a
service of renstra.lke.services."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renstra.core.lke import SCALES, Score
from renstra.lke.choices import EvaluationStatus, EvidenceKind, RecommendationStatus
from renstra.lke.forms import NOTE, REASON, VALUE, field_name
from renstra.lke.models import (
    LkeAnswer,
    LkeCriterion,
    LkeEvaluation,
    LkeEvidence,
    LkeRecommendation,
    LkeTemplate,
)
from renstra.lke.scoring import score_evaluations
from renstra.plans.models import Plan
from renstra.sakip.models import Renja

HISTORY_LIMIT = 200


# ---- an agency's evaluations -------------------------------------------------------------------


def evaluations_with_scores(agency) -> list[tuple[LkeEvaluation, Score, Score]]:
    """The agency's evaluations, latest year first, each with its final score and its
    self-assessment's."""
    evaluations = list(
        LkeEvaluation.objects.filter(agency=agency).select_related("template").order_by("-year")
    )
    scores = score_evaluations(evaluations)
    return [
        (e, Score(scores[e.pk]["final"].total), Score(scores[e.pk]["self"].total))
        for e in evaluations
    ]


def start_years(agency) -> list[int]:
    """The years an evaluation may be started for, latest first: this year back to the first
    year of the agency's Renstra or of the loaded worksheets (a year before every worksheet is
    evaluated on the earliest, renstra.lke.services.template_for_year), without those
    evaluated already."""
    this_year = timezone.localdate().year
    firsts = (
        Plan.objects.filter(agency=agency).aggregate(first=Min("period_start"))["first"],
        LkeTemplate.objects.aggregate(first=Min("first_year"))["first"],
    )
    first = min((y for y in firsts if y), default=this_year - 1)
    done = set(LkeEvaluation.objects.filter(agency=agency).values_list("year", flat=True))
    return [y for y in range(this_year, first - 1, -1) if y not in done]


def default_year(agency, years: list[int]) -> int | None:
    """The year offered first: the latest of `years` with a Renja of the agency (the SAKIP
    year whose documents the worksheet judges), else last year (an evaluation in year Y judges
    Y - 1), else the latest offered."""
    with_renja = set(Renja.objects.filter(agency=agency).values_list("year", flat=True))
    for year in years:
        if year in with_renja:
            return year
    last_year = timezone.localdate().year - 1
    return last_year if last_year in years else (years[0] if years else None)


# ---- the worksheet -----------------------------------------------------------------------------


@dataclass
class CriterionRow:
    """A criterion of the worksheet with its answer and evidence; for who works in the stage,
    the form's fields and what stops their save."""

    criterion: LkeCriterion
    answer: LkeAnswer
    evidence: list = field(default_factory=list)
    value_field: object = None
    note_field: object = None
    reason_field: object = None
    errors: list = field(default_factory=list)

    @property
    def options(self):
        return SCALES[self.criterion.scale].options


@dataclass
class SubRow:
    """A sub-component with its scores (final and self) and its criteria."""

    sub: object
    score: object
    self_score: object
    criteria: list = field(default_factory=list)


@dataclass
class ComponentRow:
    """A component with its scores (final and self) and its sub-components."""

    component: object
    score: object
    self_score: object
    subs: list = field(default_factory=list)


def worksheet_answers(evaluation: LkeEvaluation) -> list[LkeAnswer]:
    """The evaluation's answers with their criteria, in worksheet order."""
    return list(
        evaluation.answers.select_related("criterion__sub_component__component").order_by(
            "criterion__sub_component__component__order",
            "criterion__sub_component__order",
            "criterion__order",
            "criterion__pk",
        )
    )


def evidence_link(evidence: LkeEvidence, evaluation: LkeEvaluation) -> str:
    """Where a proof is read: the page of this system, the agency's register of the document's
    year, or the uploaded file."""
    if evidence.kind == EvidenceKind.PAGE:
        return evidence.url
    if evidence.kind == EvidenceKind.REGISTER:
        return "{}?tahun={}".format(
            reverse("register:agency", args=[evaluation.agency_id]), evidence.document_year
        )
    return reverse("lke:evidence_file", args=[evidence.pk])


def _evidence_by_answer(evaluation: LkeEvaluation) -> dict[int, list[LkeEvidence]]:
    """The evaluation's proofs by answer, oldest first, each with its `link`, in one query."""
    evidence: dict[int, list] = {}
    for e in LkeEvidence.objects.filter(answer__evaluation=evaluation).order_by("added_at", "pk"):
        e.link = evidence_link(e, evaluation)
        evidence.setdefault(e.answer_id, []).append(e)
    return evidence


def _sub_score(score, component_code: str, sub_code: str):
    return next(s for s in score.component(component_code).sub_components if s.code == sub_code)


def worksheet_rows(evaluation, answers, *, final, own, form=None) -> list[ComponentRow]:
    """Components -> sub-components -> criteria of the worksheet with their answers, proofs,
    scores (`final` and `own`, the self-assessment's, from renstra.lke.scoring) and, for who
    works in the stage (`form`, a StageAnswersForm, or None), the form's fields and what stops
    their save."""
    evidence = _evidence_by_answer(evaluation)
    errors = form.errors_by_code() if form is not None and form.is_bound else {}
    components: dict[int, ComponentRow] = {}
    subs: dict[int, SubRow] = {}
    for answer in answers:
        sub = answer.criterion.sub_component
        component = sub.component
        if component.pk not in components:
            components[component.pk] = ComponentRow(
                component, final.component(component.code), own.component(component.code)
            )
        if sub.pk not in subs:
            subs[sub.pk] = SubRow(
                sub,
                _sub_score(final, component.code, sub.code),
                _sub_score(own, component.code, sub.code),
            )
            components[component.pk].subs.append(subs[sub.pk])
        row = CriterionRow(answer.criterion, answer, evidence.get(answer.pk, []))
        row.errors = errors.get(answer.criterion.code, [])
        if form is not None:
            row.value_field = form[field_name(VALUE, answer)]
            row.note_field = form[field_name(NOTE, answer)]
            if field_name(REASON, answer) in form.fields:
                row.reason_field = form[field_name(REASON, answer)]
        subs[sub.pk].criteria.append(row)
    return list(components.values())


STEP_USERS = (
    "started_by",
    "self_submitted_by",
    "evaluation_submitted_by",
    "returned_by",
    "finalized_by",
)


def read_step_users(evaluation: LkeEvaluation) -> None:
    """Who moved the evaluation at each step, read in one query and set on `evaluation`."""
    ids = {getattr(evaluation, name + "_id") for name in STEP_USERS} - {None}
    users = get_user_model().objects.in_bulk(ids) if ids else {}
    for name in STEP_USERS:
        setattr(evaluation, name, users.get(getattr(evaluation, name + "_id")))


def stage_flags(user, evaluation: LkeEvaluation) -> dict[str, bool]:
    """What `user` may do on the worksheet: fill the stage's column (may_self, may_evaluate,
    may_review; any of them may_work), write recommendations (the inspectorate's stages) and
    open the region's ranking."""
    agency, status = evaluation.agency, evaluation.status
    flags = {
        "may_self": status == EvaluationStatus.SELF and user.has_perm("lke.self_assess", agency),
        "may_evaluate": status == EvaluationStatus.EVALUATION
        and user.has_perm("lke.evaluate", agency),
        "may_review": status == EvaluationStatus.REVIEW and user.has_perm("lke.review", agency),
    }
    flags["may_work"] = any(flags.values())
    flags["may_recommend"] = flags["may_evaluate"] or flags["may_review"]
    flags["may_rank"] = user.has_perm("console.view_region", agency.region)
    return flags


def read_worksheet(evaluation: LkeEvaluation, answers: list[LkeAnswer], *, form=None) -> dict:
    """What the worksheet page shows of `evaluation` (its `answers` from worksheet_answers), by
    the template's names: who moved it at each step (read_step_users), the rows (with `form`'s
    fields, see worksheet_rows), the scores final and self, the overrides of the system's
    suggestions, the recommendations and the history. The same number of queries whatever the
    worksheet's size."""
    read_step_users(evaluation)
    scores = score_evaluations([evaluation])[evaluation.pk]
    final, own = scores["final"], scores["self"]
    recommendations = list(
        evaluation.recommendations.select_related("component", "previous__evaluation")
    )
    return {
        "evaluation": evaluation,
        "agency": evaluation.agency,
        "worksheet": worksheet_rows(evaluation, answers, final=final, own=own, form=form),
        "final": final,
        "own": own,
        "overrides": [a for a in answers if a.is_override],
        "recommendations": recommendations,
        "history": history(evaluation, answers),
    }


# ---- history -----------------------------------------------------------------------------------


@dataclass
class Change:
    """A row of the history: when, who, what (the evaluation, a criterion, a recommendation),
    which field, from what to what."""

    when: object
    who: object
    what: str
    field: str
    old: str = ""
    new: str = ""
    by_system: bool = False  # the system's suggestion, made when `who` submitted


ANSWER_FIELDS = (
    "self_value",
    "self_note",
    "suggested_value",
    "evaluator_value",
    "evaluator_note",
    "override_reason",
    "reviewer_value",
    "reviewer_note",
)
LABELS = {
    "status": {**dict(EvaluationStatus.choices), **dict(RecommendationStatus.choices)},
}


def _diffs(records, fields, model, what) -> list[Change]:
    """The changes between consecutive history records of each object (records in order of
    object and time)."""
    changes, previous = [], {}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        if before is None:
            continue
        # The suggestions are stored, and the evaluator's value pre-set, in one write.
        by_system = getattr(record, "suggested_rule", "") != getattr(before, "suggested_rule", "")
        for name in fields:
            old, new = getattr(before, name), getattr(record, name)
            if old != new:
                labels = LABELS.get(name, {})
                changes.append(
                    Change(
                        record.history_date,
                        record.history_user,
                        what(record),
                        str(model._meta.get_field(name).verbose_name),
                        str(labels.get(old, old)),
                        str(labels.get(new, new)),
                        by_system,
                    )
                )
    return changes


def history(evaluation: LkeEvaluation, answers: list[LkeAnswer]) -> list[Change]:
    """What changed in the evaluation, its answers (`answers`, with their criteria, name them)
    and its recommendations, latest first (the first HISTORY_LIMIT), from their
    django-simple-history records, in four queries (evidence added or removed among them)."""
    codes = {a.criterion_id: a.criterion.code for a in answers}
    criteria_of = {a.pk: a.criterion_id for a in answers}
    order = ("id", "history_date", "history_id")
    evaluations = list(
        LkeEvaluation.history.filter(id=evaluation.pk)
        .select_related("history_user")
        .order_by(*order)
    )
    changes = [
        Change(r.history_date, r.history_user, _("Evaluasi"), _("dimulai"))
        for r in evaluations
        if r.history_type == "+"
    ]
    changes += _diffs(
        evaluations, ("status", "return_note"), LkeEvaluation, lambda r: _("Evaluasi")
    )
    changes += _diffs(
        LkeAnswer.history.filter(evaluation_id=evaluation.pk)
        .select_related("history_user")
        .order_by(*order),
        ANSWER_FIELDS,
        LkeAnswer,
        lambda r: _("Kriteria {}").format(codes.get(r.criterion_id, "?")),
    )
    recommendations = list(
        LkeRecommendation.history.filter(evaluation_id=evaluation.pk)
        .select_related("history_user")
        .order_by(*order)
    )
    changes += [
        Change(
            r.history_date,
            r.history_user,
            _("Rekomendasi"),
            _("ditambahkan") if r.history_type == "+" else _("dihapus"),
            new=r.text,
        )
        for r in recommendations
        if r.history_type in ("+", "-")
    ]
    changes += _diffs(
        recommendations,
        ("text", "status", "follow_up"),
        LkeRecommendation,
        lambda r: _("Rekomendasi"),
    )
    changes += [
        Change(
            r.history_date,
            r.history_user,
            _("Bukti kriteria {}").format(codes.get(criteria_of.get(r.answer_id), "?")),
            _("ditambahkan") if r.history_type == "+" else _("dihapus"),
            new=r.label,
        )
        for r in LkeEvidence.history.filter(answer_id__in=list(criteria_of))
        .select_related("history_user")
        .order_by(*order)
        if r.history_type in ("+", "-")
    ]
    return sorted(changes, key=lambda c: c.when, reverse=True)[:HISTORY_LIMIT]
