"""The scores of an evaluation walked through every stage, against numbers worked out by hand
from the test template (tests/lke/fixtures/lke-uji.yaml): sub-component = weight × mean of its
criteria's fractions (A 1, B 0,75, C 0,5, D 0,25, E 0; Y 1, T 0; unanswered 0 — while a stage
is worked on: it is submitted only with every criterion answered)."""

from decimal import Decimal

from renstra.core.lke import RULE
from renstra.lke.choices import EvaluationStatus
from renstra.lke.scoring import score_evaluation
from renstra.lke.services import (
    finalize,
    save_evaluator_answer,
    save_review_answer,
    save_self_answer,
    submit_evaluation,
    submit_self,
)
from tests.lke.conftest import answer_rest, answers_by_code

SELF = {
    "1.a.1": "Y", "1.a.2": "Y", "1.b.1": "A", "1.b.2": "A", "1.c.1": "A",
    "2.a.1": "Y", "2.b.1": "B", "2.c.1": "B",
    "3.a.1": "Y", "3.b.1": "A", "3.c.1": "A",
    "4.a.1": "Y", "4.b.1": "C", "4.c.1": "A", "4.c.2": "A",
}  # fmt: skip
# The evaluator's values; 1.a.1 (Y), 1.b.1 (B) and 3.a.1 (T) were suggested by the system.
EVALUATOR = {
    "1.a.2": ("Y", ""),
    "1.b.1": ("C", "Dua indikator tanpa satuan."),
    "1.b.2": ("A", ""),
    "1.c.1": ("B", ""),
    "2.a.1": ("Y", ""),
    "2.b.1": ("C", ""),
    "2.c.1": ("D", ""),
    "3.a.1": ("Y", "LKjIP diunggah di register."),
    "3.b.1": ("B", ""),
    "3.c.1": ("C", ""),
    "4.a.1": ("Y", ""),
    "4.b.1": ("E", ""),
    "4.c.1": ("A", ""),
    # E (0): a stage is submitted only with every criterion answered; E scores what 4.c.2 left
    # unanswered did, so the arithmetic below is the same.
    "4.c.2": ("E", ""),
}
REVIEW = {"1.b.2": "B"}


def _scores(score) -> dict[str, Decimal]:
    found = {"total": score.total}
    for component in score.components:
        found[component.code] = component.score
        for sub in component.sub_components:
            found[sub.code] = sub.score
    return found


def test_the_walk_through_every_stage_scores_as_worked_out_by_hand(
    evaluation, planner, auditor, inspector, django_assert_num_queries
):
    for code, value in SELF.items():
        save_self_answer(answer=answers_by_code(evaluation)[code], value=value, user=planner)
    evaluation = submit_self(evaluation=evaluation, user=planner)
    answers = answers_by_code(evaluation)
    for code, (value, reason) in EVALUATOR.items():
        save_evaluator_answer(
            answer=answers[code], value=value, override_reason=reason, user=auditor
        )
    evaluation = submit_evaluation(evaluation=evaluation, user=auditor)
    for code, value in REVIEW.items():
        save_review_answer(
            answer=answers[code], value=value, note="Belum seluruhnya.", user=inspector
        )
    evaluation = finalize(evaluation=evaluation, user=inspector)
    assert evaluation.status == EvaluationStatus.FINAL

    with django_assert_num_queries(2):
        final = score_evaluation(evaluation)
    # 1.a 6×(1+1)/2; 1.b 9×(0,5+0,75)/2 (the reviewer's B counts); 1.c 15×0,75
    # 2.a 6×1; 2.b 9×0,5; 2.c 15×0,25 | 3.a 3×1; 3.b 4,5×0,75; 3.c 7,5×0,5
    # 4.a 5×1; 4.b 7,5×0; 4.c 12,5×(1+0)/2 (4.c.2 E)
    assert _scores(final) == {
        "1.a": Decimal(6), "1.b": Decimal("5.625"), "1.c": Decimal("11.25"), "1": Decimal("22.875"),
        "2.a": Decimal(6), "2.b": Decimal("4.5"), "2.c": Decimal("3.75"), "2": Decimal("14.25"),
        "3.a": Decimal(3), "3.b": Decimal("3.375"), "3.c": Decimal("3.75"), "3": Decimal("10.125"),
        "4.a": Decimal(5), "4.b": Decimal(0), "4.c": Decimal("6.25"), "4": Decimal("11.25"),
        "total": Decimal("58.5"),
    }  # fmt: skip
    assert final.component("1").rounded == Decimal("22.88")
    assert final.component("3").rounded == Decimal("10.13")
    assert final.total_rounded == Decimal("58.50")
    assert (final.grade, final.grade_label) == ("CC", "Cukup")
    assert final.rule == RULE
    sub_4c = final.component("4").sub_components[2]
    # Both answered (4.c.2 with E); a criterion not answered, counted 0 while a stage is worked
    # on, is tested in test_services (a_stage_being_worked_on_still_scores_...).
    assert (sub_4c.criteria, sub_4c.answered) == (2, 2)

    own = score_evaluation(evaluation, which="self")
    # 1: 6 + 9 + 15; 2: 6 + 9×0,75 + 15×0,75; 3: 3 + 4,5 + 7,5; 4: 5 + 7,5×0,5 + 12,5
    assert [(c.code, c.score) for c in own.components] == [
        ("1", Decimal(30)),
        ("2", Decimal(24)),
        ("3", Decimal(15)),
        ("4", Decimal("21.25")),
    ]
    assert (own.total, own.grade) == (Decimal("90.25"), "AA")


def test_an_evaluation_not_answered_scores_zero(evaluation):
    score = score_evaluation(evaluation)
    assert (score.total, score.total_rounded, score.grade) == (Decimal(0), Decimal("0.00"), "D")
    assert [c.code for c in score.components] == ["1", "2", "3", "4"]
    assert [s.code for s in score.components[0].sub_components] == ["1.a", "1.b", "1.c"]


def test_the_suggestions_count_until_the_evaluator_changes_them(evaluation, planner):
    answer_rest(evaluation, "self_value", planner)  # T / E: submit_self wants every answer
    evaluation = submit_self(evaluation=evaluation, user=planner)
    # The evaluation stage, only the suggestions given, the other criteria unanswered (0):
    # 1.a.1 Y (suggested) of two criteria: 6 × 1/2; 1.b.1 B of two: 9 × 0,75/2; 3.a.1 T: 0
    assert _scores(score_evaluation(evaluation))["total"] == Decimal(3) + Decimal("3.375")
