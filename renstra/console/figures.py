"""What the console shows of each version in force, kept or computed: the keys of its error
findings (the checker's) and its figures of the year (the evaluation's, YearFigures), from
what is kept (renstra.console.cache) where it is, else read, checked and evaluated together and
kept. The region's console (renstra.console.service) and the task worker that computes them
ahead of the request (renstra.console.tasks) both come here."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from renstra.checks.engine import Severity, all_rules, check_read
from renstra.console import cache
from renstra.console.rollup import SasaranLinks
from renstra.core.achievement import Achievement, Predicate
from renstra.core.collector import collector_paused
from renstra.monitoring.choices import QUARTERS, YEARLY
from renstra.monitoring.evaluation import Evaluation, evaluate
from renstra.monitoring.year_rows import read_year_rows
from renstra.plans.models import PlanVersion
from renstra.plans.readmodel import read_versions
from renstra.plans.rpjmd import RpjmdInForce


@dataclass
class YearFigures:
    """What the evaluation of a version's year gives the console."""

    indicators: int  # indicators evaluated (tujuan to kegiatan)
    filled: tuple[int, int, int, int]  # of them, with a figure for quarter I … IV
    achievements: list[Decimal | None]  # each indicator's achievement of the year
    average: Achievement
    predicate: Predicate | None
    at_risk: int
    has_example: bool
    links: list[SasaranLinks]  # the version's sasaran with their RPJMD numbers


def _error_rules() -> list[str]:
    """Only errors are counted: the rules that can give one."""
    return [name for name, rule in all_rules().items() if rule.severity == Severity.ERROR]


def per_version(
    in_force: list[PlanVersion], year: int, rpjmds: dict[int, RpjmdInForce]
) -> tuple[dict[int, list[str]], dict[int, YearFigures], int]:
    """{version id: keys of its error findings}, {version id: its figures of the year}, and
    how many versions were computed now: kept ones (renstra.console.cache) as kept, the others
    read, checked and evaluated together (one read of the versions for the checker and the
    evaluation) and kept."""
    editions = cache.editions()
    marks = cache.realization_marks(in_force, year)
    plans = cache.year_plan_marks(in_force, year)
    error_keys = {
        v.pk: cache.errors_key(v, rpjmds.get(v.plan.regional_plan_id), editions) for v in in_force
    }
    figure_keys = {v.pk: cache.figures_key(v, year, marks, plans) for v in in_force}
    kept = cache.get_many([*error_keys.values(), *figure_keys.values()])
    errors = {pk: kept[key] for pk, key in error_keys.items() if key in kept}
    figures = {pk: kept[key] for pk, key in figure_keys.items() if key in kept}
    missing = [v for v in in_force if v.pk not in errors or v.pk not in figures]
    new = {}
    # The reads of every plan live until the last is evaluated: hundreds of thousands of
    # objects the cycle collector would walk again and again (renstra.core.collector).
    with collector_paused():
        snapshots = read_versions(missing)
        # A version whose errors are kept is not checked again (a realization entered changes
        # its figures only).
        unchecked = [snapshots[v.pk] for v in missing if v.pk not in errors]
        found = check_read(unchecked, _error_rules())
        year_rows = read_year_rows([v for v in missing if v.pk not in figures], year, whole=False)
        today = timezone.localdate()
        for version in missing:
            pk = version.pk
            if pk in found:
                errors[pk] = [f.key for f in found[pk] if f.severity == Severity.ERROR]
                new[error_keys[pk]] = errors[pk]
            if pk not in figures:
                evaluation = evaluate(version, year, today, snapshot=snapshots[pk], rows=year_rows)
                figures[pk] = year_figures(evaluation)
                new[figure_keys[pk]] = figures[pk]
    cache.set_many(new)
    return errors, figures, len(missing)


def year_figures(evaluation: Evaluation) -> YearFigures:
    """The console's figures of one evaluated version and year. A quarter is filled by an
    indicator that has a figure for it, approved or not; a figure for the whole year (an
    indicator judged once a year) fills the fourth quarter."""
    filled = [0, 0, 0, 0]
    by_objective: dict[int, list[Decimal | None]] = {}
    for result in evaluation.indicators:
        entries = {q for q, entry in result.entries.items() if entry.raw_text.strip()}
        for index, quarter in enumerate(QUARTERS):
            if quarter in entries or (quarter == 4 and YEARLY in entries):
                filled[index] += 1
        if result.owner_kind == "sasaran":
            by_objective.setdefault(result.owner.pk, []).append(result.achievement.value)
    links = [
        SasaranLinks(
            objective.pk, list(objective.rpjmd_refs or []), by_objective.get(objective.pk, [])
        )
        for objective in (result.objective for result in evaluation.objectives)
    ]
    return YearFigures(
        indicators=len(evaluation.indicators),
        filled=tuple(filled),
        achievements=[r.achievement.value for r in evaluation.indicators],
        average=evaluation.average,
        predicate=evaluation.average_predicate,
        at_risk=len(evaluation.at_risk),
        has_example=evaluation.has_example,
        links=links,
    )
