"""The evaluation of one plan year: every indicator's target, realization by quarter, the
year's value by its roll-up rule, achievement, predicate, projection, progress against the
end of the period; budget and absorption per kegiatan and program; aggregates per program and
sasaran. Read in a constant number of queries whatever the plan's size (pinned by a test).

Pages, the evaluation table, the dashboard, `renstra evaluate` and the API all read this.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext as _

from renstra.core.achievement import (
    DEFAULT_SCALE,
    PREDICATE_LABELS,
    Achievement,
    Polarity,
    Predicate,
    Rollup,
    absorption,
    achievement,
    aggregate,
    below_high,
    default_rollup,
    efficiency,
    elapsed_share,
    period_progress,
    predicate,
    project_year_end,
    roll_up,
)
from renstra.core.funding import sum_known
from renstra.core.targets import ParsedTarget, TargetKind, parse_target
from renstra.monitoring.choices import QUARTERS, YEARLY
from renstra.monitoring.models import Assignment, Realization
from renstra.monitoring.year_plans import year_plans
from renstra.monitoring.year_rows import YearRows, entries_by_indicator, read_year_rows
from renstra.plans.choices import ValueType
from renstra.plans.levels import INDICATOR_OWNERS, kind_label, owner_of
from renstra.plans.models import Indicator, PlanVersion
from renstra.plans.readmodel import VersionRead, read_version

# Indicators whose value is judged once a year (a grade, a composite list, a text).
YEARLY_TYPES = (ValueType.GRADE, ValueType.COMPOSITE, ValueType.TEXT)
# The evaluation of a year covers tujuan to kegiatan, with budget per kegiatan and program; a
# sub kegiatan's indicator is evaluated alone (`indicator_year`).
EVALUATED_KINDS = frozenset(level.key for level in INDICATOR_OWNERS) - {"sub_kegiatan"}


def due_quarters(year: int, today: datetime.date | None = None) -> tuple[int, ...]:
    """The quarters of `year` that have ended by `today` (their realization is due)."""
    today = today or timezone.localdate()
    if year < today.year:
        return QUARTERS
    if year > today.year:
        return ()
    return tuple(q for q in QUARTERS if today.month > 3 * q)


def effective_rollup(indicator: Indicator) -> Rollup:
    if indicator.rollup:
        return Rollup(indicator.rollup)
    return default_rollup(indicator.value_type, indicator.unit, indicator.name)


def _parsed(raw: str | None) -> ParsedTarget | None:
    return parse_target(raw) if raw else None


@dataclass
class IndicatorResult:
    indicator: Indicator
    owner_kind: str  # the owner's level key (renstra.plans.levels): "tujuan" … "sub_kegiatan"
    owner: object
    program: object | None
    year: int
    rule: Rollup
    target_raw: str
    target: ParsedTarget | None
    entries: dict[int, Realization]  # quarter (0 = year) → entry of this year
    realized: ParsedTarget | None
    achievement: Achievement
    predicate: Predicate | None
    projected: ParsedTarget | None
    projected_achievement: Achievement
    assignment: Assignment | None
    missing: tuple[int, ...]
    evidence_count: int = 0
    # Where the year's target comes from: the Renstra's year, or the Renja of the year
    # (renstra.monitoring.year_plans) when there is one with this indicator.
    target_source: str = "renstra"
    # What the figures of the period (prior, to_date, end_target, period) are made from, when
    # first asked: most pages show the year only, and these cost more than the year's own.
    # None: the realization of earlier years was not read (read_year_rows(whole=False)).
    entries_by_year: dict[int, dict[int, Realization]] | None = field(default=None, repr=False)
    years: list[int] = field(default_factory=list, repr=False)
    targets: dict[int, str] = field(default_factory=dict, repr=False)

    @cached_property
    def _period_figures(self) -> "_PeriodFigures":
        if self.entries_by_year is None:
            raise RuntimeError(
                "The period's figures need the realization of earlier years: read_year_rows() "
                "without whole=False."
            )
        return _period_figures(self)

    @property
    def prior(self) -> ParsedTarget | None:
        """Realization of the Renstra up to last year."""
        return self._period_figures.prior

    @property
    def to_date(self) -> ParsedTarget | None:
        """Realization of the Renstra up to this year."""
        return self._period_figures.to_date

    @property
    def end_target(self) -> ParsedTarget | None:
        return self._period_figures.end_target

    @property
    def end_target_note(self) -> str:
        return self._period_figures.end_target_note

    @property
    def period(self) -> Achievement:
        """Progress against the end of the period (column 14)."""
        return self._period_figures.period

    @property
    def code(self) -> str:
        return getattr(self.owner, "code", "") or getattr(self.owner, "number", "")

    @property
    def owner_label(self) -> str:
        """The owner's level in the active language: 'Kegiatan', 'Sub kegiatan'."""
        return kind_label(self.owner_kind)

    @property
    def predicate_label(self) -> str:
        return str(PREDICATE_LABELS[self.predicate]) if self.predicate else ""

    @property
    def below_high(self) -> bool:
        """Achievement (or, during the year, projected achievement) below the Tinggi band."""
        value = self.achievement.value if self.complete else self.projected_achievement.value
        return value is not None and below_high(value, DEFAULT_SCALE)

    @property
    def complete(self) -> bool:
        """The year's value is final: a yearly value, or the fourth quarter is in."""
        return YEARLY in self.entries or 4 in self.entries

    @property
    def at_risk(self) -> bool:
        value = self.projected_achievement.value
        return bool(self.entries) and value is not None and below_high(value, DEFAULT_SCALE)

    @property
    def latest_entry(self) -> Realization | None:
        for quarter in (YEARLY, 4, 3, 2, 1):
            if quarter in self.entries:
                return self.entries[quarter]
        return None

    @property
    def needs_explanation(self) -> bool:
        entry = self.latest_entry
        return (
            self.below_high
            and entry is not None
            and not (entry.deviation_cause and entry.follow_up)
        )

    @property
    def is_example(self) -> bool:
        return any(e.is_example for e in self.entries.values())


@dataclass
class BudgetResult:
    item: object  # Program or Activity
    kind: str  # "program" / "kegiatan"
    planned: Decimal | None
    quarters: dict[int, Decimal]
    realized: Decimal | None
    absorption: Achievement
    achievement: Achievement  # of the item's indicators (aggregated)
    efficiency: Achievement
    predicate: Predicate | None
    period_planned: Decimal | None = None  # funding of the whole period (column 5 Rp)
    prior_realized: Decimal | None = None  # spent in the years before (column 6 Rp)
    activities: list["BudgetResult"] = field(default_factory=list)

    @property
    def to_date_realized(self) -> Decimal | None:
        """Spent from the first year up to this one (column 13 Rp)."""
        return sum_known((self.prior_realized, self.realized))

    @property
    def period_absorption(self) -> Achievement:
        """Column 14 Rp: spent so far against the funding of the whole period."""
        return absorption(self.to_date_realized, self.period_planned)


@dataclass
class ObjectiveResult:
    objective: object
    achievement: Achievement
    predicate: Predicate | None


@dataclass
class Evaluation:
    version: PlanVersion
    year: int
    years: list[int]
    indicators: list[IndicatorResult]
    programs: list[BudgetResult]
    objectives: list[ObjectiveResult]
    elapsed: Decimal
    has_example: bool
    # The plan of the year the targets and budgets of column 7 come from, when not the
    # Renstra's year: e.g. "Renja BKPSDM 2019 (final)".
    year_plan: str = ""

    @property
    def at_risk(self) -> list[IndicatorResult]:
        risky = [r for r in self.indicators if r.at_risk]
        return sorted(risky, key=lambda r: r.projected_achievement.value)

    def predicate_counts(self) -> dict[Predicate | None, int]:
        counts: dict[Predicate | None, int] = {p: 0 for p in Predicate}
        counts[None] = 0
        for result in self.indicators:
            counts[result.predicate] += 1
        return counts

    @property
    def average(self) -> Achievement:
        return aggregate([r.achievement.value for r in self.indicators])

    @property
    def average_predicate(self) -> Predicate | None:
        return predicate(self.average.value)

    def by_indicator(self) -> dict[int, IndicatorResult]:
        return {r.indicator.pk: r for r in self.indicators}


def year_value(rule: Rollup, entries: dict[int, Realization]) -> ParsedTarget | None:
    """The year's value: a yearly figure when entered, else the quarters by the rule."""
    if YEARLY in entries:
        return parse_target(entries[YEARLY].raw_text)
    parts = [parse_target(entries[q].raw_text) for q in QUARTERS if q in entries]
    return roll_up(rule, parts) if parts else None


def _end_target(indicator, rule: Rollup, targets: dict[int, str], years: list[int]):
    """The end-of-period target and where it comes from."""
    if indicator.end_target_raw and indicator.end_target_raw.strip() not in ("", "-"):
        return parse_target(indicator.end_target_raw), _("kondisi akhir periode yang tertulis")
    parsed = [parse_target(targets[y]) for y in years if targets.get(y)]
    parsed = [p for p in parsed if p.kind != TargetKind.NIL]
    if not parsed:
        return None, _("tidak ada target")
    if rule == Rollup.SUM:
        return roll_up(Rollup.SUM, parsed), _("jumlah target tahunan (indikator kumulatif)")
    return parsed[-1], _("target tahun terakhir")


def _indicator_result(
    indicator,
    owner_kind,
    owner,
    program,
    year,
    years,
    targets: dict[int, str],
    entries_by_year: dict[int, dict[int, Realization]],
    assignment,
    today,
    evidence_count=0,
    whole=True,
    year_target: str | None = None,
) -> IndicatorResult:
    rule = effective_rollup(indicator)
    polarity = Polarity(indicator.polarity)
    entries = entries_by_year.get(year, {})
    target_raw = targets.get(year, "") if year_target is None else year_target
    target = _parsed(target_raw)
    # The quarters parsed once, for the year's value (year_value's rule) and the projection.
    quarterly = {q: parse_target(entries[q].raw_text) for q in QUARTERS if q in entries}
    if YEARLY in entries:
        realized = parse_target(entries[YEARLY].raw_text)
    else:
        realized = roll_up(rule, list(quarterly.values())) if quarterly else None
    verdict = None
    entry = entries.get(YEARLY) or (entries[max(entries)] if entries else None)
    if entry is not None:
        verdict = entry.verdict
    result_achievement = (
        achievement(target, realized, polarity, verdict=verdict)
        if target
        else (achievement(parse_target("-"), realized, polarity))
    )
    if YEARLY in entries or 4 in entries:
        projected = realized
    else:
        projected = project_year_end(rule, quarterly) if quarterly else None
    projected_achievement = (
        achievement(target, projected, polarity, verdict=verdict) if target else result_achievement
    )
    if indicator.value_type in YEARLY_TYPES:
        missing = () if entries or year not in _past_years(today) else (YEARLY,)
    elif YEARLY in entries:
        missing = ()
    else:
        missing = tuple(q for q in due_quarters(year, today) if q not in entries)
    if target is None or target.kind == TargetKind.NIL:
        missing = ()
    return IndicatorResult(
        indicator=indicator,
        owner_kind=owner_kind,
        owner=owner,
        program=program,
        year=year,
        rule=rule,
        target_raw=target_raw,
        target=target,
        entries=entries,
        realized=realized,
        achievement=result_achievement,
        predicate=predicate(result_achievement.value),
        projected=projected,
        projected_achievement=projected_achievement,
        assignment=assignment,
        missing=missing,
        evidence_count=evidence_count,
        entries_by_year=entries_by_year if whole else None,
        years=years,
        targets=targets,
        target_source="renstra" if year_target is None else "renja",
    )


class _PeriodFigures(NamedTuple):
    prior: ParsedTarget | None
    to_date: ParsedTarget | None
    end_target: ParsedTarget | None
    end_target_note: str
    period: Achievement


def _period_figures(result: IndicatorResult) -> _PeriodFigures:
    """The figures of the period up to the result's year, from the years before it."""
    rule, year, entries_by_year = result.rule, result.year, result.entries_by_year
    prior_values = [
        year_value(rule, entries_by_year[y])
        for y in result.years
        if y < year and y in entries_by_year
    ]
    prior_values = [v for v in prior_values if v is not None]
    prior = roll_up(rule, prior_values) if prior_values else None
    realized = result.realized
    to_date_values = prior_values + ([realized] if realized is not None else [])
    to_date = roll_up(rule, to_date_values) if to_date_values else None
    end_target, end_note = _end_target(result.indicator, rule, result.targets, result.years)
    polarity = Polarity(result.indicator.polarity)
    period = period_progress(rule, to_date_values, end_target, polarity)
    return _PeriodFigures(prior, to_date, end_target, end_note, period)


def _past_years(today) -> range:
    return range(0, today.year)


def indicator_year(indicator: Indicator, year: int, today=None) -> IndicatorResult:
    """One indicator's evaluation for one year (used when a single figure changes)."""
    version = indicator.version
    years = version.plan.target_years
    targets = {t.year: t.raw_text for t in indicator.targets.all()}
    entries = entries_by_indicator(
        Realization.objects.filter(indicator=indicator, year__lte=year)
    ).get(indicator.pk, {})
    level, owner = owner_of(indicator)
    # With its unit and person, as `evaluate` reads them: the row shows the person's name.
    assignment = (
        Assignment.objects.filter(indicator=indicator).select_related("unit", "person").first()
    )
    plan = year_plans([version], year).get(version.pk)
    return _indicator_result(
        indicator,
        level.key,
        owner,
        _program_of(level.key, owner),
        year,
        years,
        targets,
        entries,
        assignment,
        today or timezone.localdate(),
        year_target=plan.targets.get(indicator.pk) if plan is not None else None,
    )


def _program_of(kind: str, owner):
    """The program an indicator's owner belongs to: itself, a kegiatan's; none for the goals
    side (and, as the evaluation has always had it, none for a sub kegiatan)."""
    return owner if kind == "program" else getattr(owner, "program", None)


def evaluate(
    version: PlanVersion,
    year: int,
    today: datetime.date | None = None,
    *,
    snapshot: VersionRead | None = None,
    rows: YearRows | None = None,
) -> Evaluation:
    """Evaluate `version` for `year`: a constant number of queries (the read model's eleven,
    plus realization, budget realization, assignments and evidence counts). A caller that
    evaluates many versions reads them once (`read_versions`, `read_year_rows`) and passes
    each version's `snapshot` and the shared `rows`: no query here then."""
    today = today or timezone.localdate()
    snapshot = snapshot if snapshot is not None else read_version(version)
    rows = rows if rows is not None else read_year_rows([version], year)
    years = snapshot.years
    realizations, assignments, evidence = rows.realizations, rows.assignments, rows.evidence
    plan = (rows.plans or {}).get(version.pk)
    plan_targets = plan.targets if plan is not None else {}
    plan_budgets = plan.budgets if plan is not None else {}

    def planned_of(kind: str, item):
        if (kind, item.pk) in plan_budgets:
            return plan_budgets[(kind, item.pk)]
        return next((f.amount for f in item.funding_list if f.year == year), None)

    spent: dict[int, dict[int, Decimal]] = {}
    spent_before: dict[int, dict[int, dict[int, Decimal]]] = {}
    has_example = False
    for activity in snapshot.activities:
        for row in rows.budget.get(activity.pk, ()):
            if row.year == year:
                spent.setdefault(row.activity_id, {})[row.quarter] = row.amount
                has_example = has_example or row.is_example
            else:
                by_year = spent_before.setdefault(row.activity_id, {})
                by_year.setdefault(row.year, {})[row.quarter] = row.amount

    results: list[IndicatorResult] = []
    by_owner: dict[tuple[str, int], list[IndicatorResult]] = {}
    for owned in snapshot.indicators():
        if owned.kind not in EVALUATED_KINDS:
            continue
        kind, owner, indicator = owned.kind, owned.owner, owned.indicator
        targets = {t.year: t.raw_text for t in indicator.target_list}
        result = _indicator_result(
            indicator,
            kind,
            owner,
            _program_of(kind, owner),
            year,
            years,
            targets,
            realizations.get(indicator.pk, {}),
            assignments.get(indicator.pk),
            today,
            evidence.get(indicator.pk, 0),
            whole=rows.whole,
            year_target=plan_targets.get(indicator.pk),
        )
        has_example = has_example or result.is_example
        results.append(result)
        by_owner.setdefault((kind, owner.pk), []).append(result)

    def achieved(kind, item):
        return aggregate([r.achievement.value for r in by_owner.get((kind, item.pk), [])])

    programs = []
    program_achievement = {}
    for program in snapshot.programs:
        activities = []
        for activity in program.activity_list:
            planned = planned_of("kegiatan", activity)
            quarters = spent.get(activity.pk, {})
            realized = _spent(quarters)
            own = achieved("kegiatan", activity)
            before = [_spent(q) for q in spent_before.get(activity.pk, {}).values()]
            period_amounts = [f.amount for f in activity.funding_list if f.amount is not None]
            activities.append(
                _budget(
                    activity,
                    "kegiatan",
                    planned,
                    quarters,
                    realized,
                    own,
                    _period_total(activity, period_amounts),
                    before,
                )
            )
        planned = planned_of("program", program)
        if planned is None and any(a.planned is not None for a in activities):
            planned = sum((a.planned or Decimal(0) for a in activities), Decimal(0))
        realized = sum_known(a.realized for a in activities)
        quarters = {}
        for a in activities:
            for q, amount in a.quarters.items():
                quarters[q] = quarters.get(q, Decimal(0)) + amount
        own = achieved("program", program)
        if not own.computable:
            own = aggregate([a.achievement.value for a in activities if a.achievement.computable])
            if own.computable:
                own = Achievement(
                    value=own.value,
                    reason="",
                    formula=own.formula,
                    rule=_(
                        "Program tanpa capaian indikator program: rata-rata capaian kegiatannya. "
                    )
                    + own.rule,
                )
        program_achievement[program.pk] = own
        program_period = [f.amount for f in program.funding_list if f.amount is not None]
        if not program_period:
            program_period = [a.period_planned for a in activities if a.period_planned is not None]
        before = [a.prior_realized for a in activities if a.prior_realized is not None]
        programs.append(
            _budget(
                program,
                "program",
                planned,
                quarters,
                realized,
                own,
                _period_total(program, program_period),
                before,
                activities,
            )
        )

    objectives = []
    for objective in snapshot.objectives:
        own = achieved("sasaran", objective)
        if not own.computable:
            linked = [
                program_achievement[p.pk].value
                for p in snapshot.programs
                if objective in p.objective_list and p.pk in program_achievement
            ]
            own = aggregate(linked)
        objectives.append(ObjectiveResult(objective, own, predicate(own.value)))

    return Evaluation(
        version=version,
        year=year,
        years=years,
        indicators=results,
        programs=programs,
        objectives=objectives,
        elapsed=elapsed_share(years, year),
        has_example=has_example,
        year_plan=plan.label if plan is not None else "",
    )


def _budget(item, kind, planned, quarters, realized, own, period_planned, before, activities=()):
    """The budget line of a kegiatan or program: absorption and efficiency from its figures."""
    absorbed = absorption(realized, planned)
    return BudgetResult(
        item=item,
        kind=kind,
        planned=planned,
        quarters=quarters,
        realized=realized,
        absorption=absorbed,
        achievement=own,
        efficiency=efficiency(own.value, absorbed.value),
        predicate=predicate(own.value),
        period_planned=period_planned,
        prior_realized=sum(before, Decimal(0)) if before else None,
        activities=list(activities),
    )


def _period_total(item, amounts: list[Decimal]) -> Decimal | None:
    """The funding of the whole period: the total the document declares, else the years' sum."""
    if item.declared_total is not None:
        return item.declared_total
    return sum(amounts, Decimal(0)) if amounts else None


def _spent(quarters: dict[int, Decimal]) -> Decimal | None:
    if YEARLY in quarters:
        return quarters[YEARLY]
    if not quarters:
        return None
    return sum(quarters.values(), Decimal(0))


def default_year(version: PlanVersion) -> int:
    """The year a monitoring page opens on: the latest year with realization, else the current
    year when it is a target year, else the first target year."""
    years = version.plan.target_years
    latest = (
        Realization.objects.filter(indicator__version=version)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    if latest in years:
        return latest
    this_year = timezone.localdate().year
    return this_year if this_year in years else years[0]
