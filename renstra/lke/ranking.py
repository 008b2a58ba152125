"""The region's ranking of the SAKIP evaluations (LKE) of a year: every agency of the region
with its evaluation of the year, ranked by the total score of the values that count (the
reviewer's, else the evaluator's), its grade, and the change from last year's final score.

An evaluation not final yet is shown with its stage and its score so far; one still in the
agency's self-assessment has no score of the inspectorate yet and is not ranked (nor is an
agency without an evaluation of the year). Last year's score counts only when that evaluation
is final; without one the agency is "baru" in the ranking.

Read in four queries whatever the number of agencies: the region's agencies, the evaluations
of the year and the year before, and their scores read together by renstra.lke.scoring
(the criteria of their templates, their answers).
"""

from dataclasses import dataclass
from decimal import Decimal

from renstra.core.lke import GRADE_LABELS, grade, rounded
from renstra.core.numbers import format_id_number
from renstra.lke.choices import EvaluationStatus
from renstra.lke.models import LkeEvaluation
from renstra.lke.scoring import score_evaluations
from renstra.plans.models import Agency, Region


@dataclass
class RankRow:
    """An agency of the region in the ranking of `year`."""

    agency: Agency
    evaluation: LkeEvaluation | None
    total: Decimal | None  # None: no score of the inspectorate yet (or no evaluation)
    last_total: Decimal | None  # last year's final score, None without a final one
    rank: int | None = None

    @property
    def is_final(self) -> bool:
        return self.evaluation is not None and self.evaluation.is_final

    @property
    def in_progress(self) -> bool:
        return self.evaluation is not None and not self.evaluation.is_final

    @property
    def total_rounded(self) -> Decimal | None:
        return rounded(self.total) if self.total is not None else None

    @property
    def grade(self) -> str:
        return grade(self.total) if self.total is not None else ""

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS[self.grade] if self.grade else ""

    @property
    def is_new(self) -> bool:
        """Ranked this year without a final evaluation last year."""
        return self.total is not None and self.last_total is None

    @property
    def change(self) -> Decimal | None:
        """This year's total less last year's final total (unrounded), None when either is
        missing."""
        if self.total is None or self.last_total is None:
            return None
        return self.total - self.last_total

    @property
    def change_rounded(self) -> Decimal | None:
        return rounded(self.change) if self.change is not None else None

    @property
    def change_text(self) -> str:
        """'+1,25', '−0,50' or '0,00' ('' without a change to show)."""
        change = self.change_rounded
        if change is None:
            return ""
        sign = "+" if change > 0 else "−" if change < 0 else ""
        return sign + format_id_number(abs(change), 2)


def region_ranking(region: Region, year: int) -> list[RankRow]:
    """The agencies of `region` in the ranking of `year`: those with a score by total
    (highest first; a tie by name, sharing the rank), then the others by name."""
    agencies = list(Agency.objects.filter(region=region).select_related("region"))
    evaluations = list(
        LkeEvaluation.objects.filter(agency__region=region, year__in=(year, year - 1))
    )
    this_year = {e.agency_id: e for e in evaluations if e.year == year}
    last_year = {e.agency_id: e for e in evaluations if e.year == year - 1 and e.is_final}
    totals = {
        pk: scores["final"].total
        for pk, scores in score_evaluations(
            [e for e in this_year.values() if e.status != EvaluationStatus.SELF]
            + list(last_year.values()),
            ("final",),
        ).items()
    }
    rows = []
    for agency in agencies:
        evaluation = this_year.get(agency.pk)
        if evaluation is not None:
            evaluation.agency = agency
        last = last_year.get(agency.pk)
        rows.append(
            RankRow(
                agency=agency,
                evaluation=evaluation,
                total=totals.get(evaluation.pk) if evaluation is not None else None,
                last_total=totals[last.pk] if last is not None else None,
            )
        )
    ranked = sorted(
        (r for r in rows if r.total is not None), key=lambda r: (-r.total, r.agency.name)
    )
    for position, row in enumerate(ranked, start=1):
        tied = position > 1 and ranked[position - 2].total == row.total
        row.rank = ranked[position - 2].rank if tied else position
    others = sorted((r for r in rows if r.total is None), key=lambda r: r.agency.name)
    return ranked + others


def ranking_years(region: Region) -> list[int]:
    """The years with an evaluation of an agency of `region`, latest first."""
    return list(
        LkeEvaluation.objects.filter(agency__region=region)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
