"""The scores of an LKE evaluation, from its answers (renstra.core.lke does the arithmetic):
per sub-component, per component, the total and the grade (predikat), each unrounded (what sums
use) and rounded (what is printed). Two queries whatever the template's size and the number of
evaluations scored together (score_evaluations: the list, the ranking, a worksheet's final and
self scores): the templates' criteria with their sub-components and components, and the
answers.

`which` = "final": the value that counts (the reviewer's when given, else the evaluator's);
"self": the agency's self-assessment.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from renstra.core.lke import RULE, SCALES, ZERO, Score, rounded, sub_component_score
from renstra.lke.models import LkeAnswer, LkeCriterion, LkeEvaluation

WHICH = ("final", "self")


@dataclass
class SubComponentScore:
    code: str
    name: str
    weight: Decimal
    criteria: int
    answered: int
    score: Decimal

    @property
    def rounded(self) -> Decimal:
        return rounded(self.score)


@dataclass
class ComponentScore:
    code: str
    name: str
    weight: Decimal
    sub_components: list[SubComponentScore] = field(default_factory=list)

    @property
    def score(self) -> Decimal:
        return sum((s.score for s in self.sub_components), ZERO)

    @property
    def rounded(self) -> Decimal:
        return rounded(self.score)


@dataclass
class EvaluationScore:
    """The scores of one evaluation, read one way (`which`); `rule` is the sentence that says
    how they were computed, printed with them."""

    which: str
    components: list[ComponentScore]
    rule: str = RULE

    @property
    def total(self) -> Decimal:
        return sum((c.score for c in self.components), ZERO)

    @property
    def total_rounded(self) -> Decimal:
        return Score(self.total).rounded

    @property
    def grade(self) -> str:
        """The grade of the unrounded total (sums and thresholds use unrounded numbers)."""
        return Score(self.total).grade

    @property
    def grade_label(self) -> str:
        return Score(self.total).grade_label

    def component(self, code: str) -> ComponentScore:
        return next(c for c in self.components if c.code == code)


def _value_of(which: str):
    """From (self, evaluator, reviewer): the value `which` scores."""
    if which == "self":
        return lambda answer: answer[0]
    return lambda answer: answer[2] or answer[1]


def score_evaluations(
    evaluations: list[LkeEvaluation], which: tuple[str, ...] = WHICH
) -> dict[int, dict[str, EvaluationScore]]:
    """{evaluation id: {which: its scores}} of `evaluations` (of any templates), each way
    `which` names, from one read: two queries whatever their number and size (their
    templates' criteria with sub-components and components, and their answers)."""
    unknown = set(which) - set(WHICH)
    if unknown:
        raise ValueError("which harus 'final' atau 'self', bukan {!r}".format(sorted(unknown)))
    if not evaluations:
        return {}
    criteria: dict[int, list[LkeCriterion]] = {}
    for criterion in (
        LkeCriterion.objects.filter(
            sub_component__component__template__in={e.template_id for e in evaluations}
        )
        .select_related("sub_component__component")
        .order_by("sub_component__component__order", "sub_component__order", "order", "pk")
    ):
        criteria.setdefault(criterion.sub_component.component.template_id, []).append(criterion)
    answers = {
        (evaluation_id, criterion_id): (self_value, evaluator_value, reviewer_value)
        for evaluation_id, criterion_id, self_value, evaluator_value, reviewer_value in (
            LkeAnswer.objects.filter(evaluation__in=[e.pk for e in evaluations]).values_list(
                "evaluation_id", "criterion_id", "self_value", "evaluator_value", "reviewer_value"
            )
        )
    }
    return {
        evaluation.pk: {
            way: _score(criteria.get(evaluation.template_id, []), answers, evaluation.pk, way)
            for way in which
        }
        for evaluation in evaluations
    }


def _score(criteria: list[LkeCriterion], answers: dict, evaluation_id: int, which: str):
    value_of = _value_of(which)
    components: dict[int, ComponentScore] = {}
    fractions: dict[int, list] = {}
    subs: dict[int, SubComponentScore] = {}
    for criterion in criteria:
        sub = criterion.sub_component
        component = sub.component
        if component.pk not in components:
            components[component.pk] = ComponentScore(
                component.code, component.name, component.weight
            )
        if sub.pk not in subs:
            subs[sub.pk] = SubComponentScore(sub.code, sub.name, sub.weight, 0, 0, ZERO)
            components[component.pk].sub_components.append(subs[sub.pk])
            fractions[sub.pk] = []
        answer = answers.get((evaluation_id, criterion.pk))
        fraction = SCALES[criterion.scale].fraction(value_of(answer)) if answer else None
        fractions[sub.pk].append(fraction)
        subs[sub.pk].criteria += 1
        subs[sub.pk].answered += fraction is not None
    for sub_id, sub in subs.items():
        sub.score = sub_component_score(sub.weight, fractions[sub_id])
    return EvaluationScore(which=which, components=list(components.values()))


def score_evaluation(evaluation: LkeEvaluation, which: str = "final") -> EvaluationScore:
    """The scores of `evaluation` by the values `which` says ("final" or "self")."""
    return score_evaluations([evaluation], (which,))[evaluation.pk][which]
