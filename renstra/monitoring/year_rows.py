"""What the evaluation of a year reads beside the plan (renstra.monitoring.evaluation), for one
version or for the versions of a whole region at once."""

from dataclasses import dataclass

from django.db.models import Count

from renstra.monitoring.models import Assignment, BudgetRealization, Evidence, Realization
from renstra.monitoring.year_plans import YearPlan, year_plans
from renstra.plans.models import PlanVersion


def entries_by_indicator(rows) -> dict[int, dict[int, dict[int, Realization]]]:
    result: dict[int, dict[int, dict[int, Realization]]] = {}
    for row in rows:
        result.setdefault(row.indicator_id, {}).setdefault(row.year, {})[row.quarter] = row
    return result


# What an overview reads of each figure: what the evaluation of its year reads (the text, the
# verifier's verdict, whether it is example data, the explanation of a deviation) and its state.
OVERVIEW_FIELDS = (
    "indicator_id",
    "year",
    "quarter",
    "raw_text",
    "status",
    "verdict",
    "is_example",
    "deviation_cause",
    "follow_up",
)


@dataclass
class YearRows:
    """What the evaluation of a year reads beside the plan: realization by indicator (year,
    quarter), owners and evidence counts by indicator, budget realization by kegiatan. Keyed
    by ids, which no two versions share, so that one read serves the versions of a whole
    region (renstra.console). `whole` False: the year's realization only (see read_year_rows)."""

    realizations: dict[int, dict[int, dict[int, Realization]]]
    assignments: dict[int, Assignment]
    evidence: dict[int, int]
    budget: dict[int, list[BudgetRealization]]
    whole: bool = True
    # The plan of the year (the Renja) by version id, for the versions that have one.
    plans: dict[int, YearPlan] | None = None


def read_year_rows(versions: list[PlanVersion], year: int, *, whole: bool = True) -> YearRows:
    """The rows `evaluate` reads for `year` beside each version's plan, for any number of
    versions in four queries. `whole` False reads the year's realization only, in one query:
    each indicator's figures of the year (achievement, predicate, projection, risk, what is
    missing) are those of the whole read; the figures of the period (prior, to_date,
    end_target, period) are not there to ask for, and owners, evidence and the budget are left
    out (a region's overview, renstra.console, needs none of them); of each figure only what
    the evaluation reads is read, as a named row of OVERVIEW_FIELDS rather than a Realization
    (who entered it and when are not there)."""
    ids = [version.pk for version in versions]
    realizations = Realization.objects.filter(indicator__version__in=ids)
    if not whole:
        # Named rows, not model instances: five times faster to read, and all it needs.
        figures = (
            realizations.filter(year=year).order_by().values_list(*OVERVIEW_FIELDS, named=True)
        )
        return YearRows(
            entries_by_indicator(figures), {}, {}, {}, False, year_plans(versions, year)
        )
    realizations = entries_by_indicator(realizations.filter(year__lte=year))
    assignments = {
        a.indicator_id: a
        for a in Assignment.objects.filter(indicator__version__in=ids).select_related(
            "unit", "person"
        )
    }
    evidence = dict(
        Evidence.objects.filter(realization__indicator__version__in=ids, realization__year=year)
        .values("realization__indicator_id")
        .annotate(n=Count("pk"))
        .values_list("realization__indicator_id", "n")
    )
    budget: dict[int, list[BudgetRealization]] = {}
    budget_rows = BudgetRealization.objects.filter(
        activity__program__version__in=ids, year__lte=year
    ).only("activity_id", "year", "quarter", "amount", "is_example")
    for row in budget_rows:
        budget.setdefault(row.activity_id, []).append(row)
    return YearRows(realizations, assignments, evidence, budget, True, year_plans(versions, year))
