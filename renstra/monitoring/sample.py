"""Example realization for the demo plan (`renstra demo --with-sample-realization`).

Invented figures, clearly labelled: every row has is_example=True and the pages say so. They
exist so that a new user sees the evaluation tables and the dashboard with something in them.
They are generated from the plan's own targets and funding with a fixed seed, so every run
gives the same numbers: 2017 and 2018 complete and approved, 2019 up to the third quarter (the
first two approved, the third submitted), so that early warning has something to project.
"""

import random
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from renstra.core.achievement import Rollup
from renstra.core.numbers import format_id_number
from renstra.core.targets import GRADE_SCALE, TargetKind, parse_target
from renstra.monitoring.choices import YEARLY, EntryStatus
from renstra.monitoring.evaluation import effective_rollup
from renstra.monitoring.models import Assignment, BudgetRealization, Realization
from renstra.monitoring.services import parse_realization
from renstra.plans.history import bulk_create_with_history
from renstra.plans.models import Funding, Indicator, PlanVersion, Target
from renstra.plans.services import target_fields

SAMPLE_YEARS = {2017: (1, 2, 3, 4), 2018: (1, 2, 3, 4), 2019: (1, 2, 3)}
SAMPLE_NOTE = "Data contoh (bukan realisasi sebenarnya)."
SHARES = (Decimal("0.20"), Decimal("0.25"), Decimal("0.25"), Decimal("0.30"))
# Most indicators near their target, some clearly short, a few above: every predicate appears.
FACTORS = (
    [Decimal("1.00")] * 6
    + [Decimal("0.95"), Decimal("0.92"), Decimal("1.05"), Decimal("1.10")] * 2
    + [Decimal("0.85"), Decimal("0.80"), Decimal("0.70"), Decimal("0.60"), Decimal("0.45")]
)


def _number(value: Decimal, integral: bool) -> str:
    if integral:
        return format_id_number(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return format_id_number(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _text(value: Decimal, unit: str, integral: bool) -> str:
    number = _number(value, integral)
    if unit == "%":
        return "{} %".format(number)
    return "{} {}".format(number, unit).strip()


def _figures(target_raw: str, factor: Decimal, quarters, cumulative: bool):
    """{quarter: text} for one indicator-year; quarter 0 for values judged once a year."""
    parsed = parse_target(target_raw)
    if parsed.kind in (TargetKind.NUMBER, TargetKind.PERCENT):
        value = parsed.value
        integral = value == value.to_integral_value() and parsed.kind == TargetKind.NUMBER
        unit = "%" if parsed.kind == TargetKind.PERCENT else parsed.unit
        year_value = value * factor
        if parsed.kind == TargetKind.PERCENT:
            year_value = min(year_value, Decimal(100))
        if cumulative:
            # Quarters add up to the year's value: cumulative shares, rounded, differenced.
            total = year_value.quantize(Decimal(1) if integral else Decimal("0.01"), ROUND_HALF_UP)
            figures, before, share = {}, Decimal(0), Decimal(0)
            for q in quarters:
                share += SHARES[q - 1]
                upto = (total * share).quantize(
                    Decimal(1) if integral else Decimal("0.01"), ROUND_HALF_UP
                )
                figures[q] = _text(upto - before, unit, integral)
                before = upto
            return figures
        # A stock (a percentage, an index) climbs towards the year's value.
        return {
            q: _text(year_value * (Decimal("0.85") + Decimal("0.05") * q), unit, integral)
            for q in quarters
        }
    if parsed.kind == TargetKind.GRADE:
        step = 0 if factor >= Decimal("0.9") else 1
        index = min(GRADE_SCALE.index(parsed.grade) + step, len(GRADE_SCALE) - 1)
        return {YEARLY: GRADE_SCALE[index]} if quarters[-1] == 4 else {}
    if parsed.kind == TargetKind.COMPOSITE:
        parts = [
            "{} {}".format(_number(q.value * min(factor, Decimal(1)), True), q.unit).strip()
            for q in parsed.quantities
        ]
        return {YEARLY: " dan ".join(parts)} if quarters[-1] == 4 else {}
    if parsed.kind == TargetKind.TEXT:
        return {YEARLY: "Terlaksana"} if quarters[-1] == 4 else {}
    return {}


@transaction.atomic
def load_sample_realization(version: PlanVersion) -> int:
    """Add the example realization to `version` (the approved demo version). Returns the number
    of rows written; 0 when the version already has example rows (loading again changes
    nothing)."""
    if Realization.objects.filter(indicator__version=version, is_example=True).exists():
        return 0
    User = get_user_model()
    planner = User.objects.filter(username="perencana").first()
    head = User.objects.filter(username="kepala").first()
    now = timezone.now()
    rng = random.Random(2017)
    indicators = list(Indicator.objects.filter(version=version).order_by("pk"))
    targets = {}
    for target in Target.objects.filter(indicator__version=version):
        targets[(target.indicator_id, target.year)] = target.raw_text
    rows = []
    for indicator in indicators:
        rule = effective_rollup(indicator)
        for year, quarters in SAMPLE_YEARS.items():
            raw_target = targets.get((indicator.pk, year))
            if not raw_target:
                continue
            factor = rng.choice(FACTORS)
            figures = _figures(raw_target, factor, quarters, rule == Rollup.SUM)
            for quarter, text in figures.items():
                parsed = parse_realization(indicator, text)
                status = EntryStatus.APPROVED
                if year == 2019 and quarter == 3:
                    status = EntryStatus.SUBMITTED
                short = factor < Decimal("0.8")
                rows.append(
                    Realization(
                        indicator=indicator,
                        year=year,
                        quarter=quarter,
                        **target_fields(text),
                        verdict=True if parsed.kind == TargetKind.TEXT else None,
                        note=SAMPLE_NOTE,
                        deviation_cause="(Contoh) Jadwal pelaksanaan bergeser dan peserta "
                        "tidak memenuhi kuota."
                        if short
                        else "",
                        follow_up="(Contoh) Percepatan pelaksanaan dan koordinasi dengan unit "
                        "pengirim peserta pada triwulan berikutnya."
                        if short
                        else "",
                        status=status,
                        entered_by=planner,
                        updated_by=planner,
                        decided_by=head if status == EntryStatus.APPROVED else None,
                        decided_at=now if status == EntryStatus.APPROVED else None,
                        is_example=True,
                    )
                )
    bulk_create_with_history(Realization, rows, user=planner)
    budget = []
    funding = Funding.objects.filter(
        activity__program__version=version, year__in=SAMPLE_YEARS
    ).select_related("activity")
    for item in funding.order_by("activity_id", "year"):
        if not item.amount:
            continue
        factor = Decimal(rng.choice(("0.98", "0.95", "0.92", "0.90", "0.85", "0.75", "0.60")))
        for quarter in SAMPLE_YEARS[item.year]:
            amount = (item.amount * factor * SHARES[quarter - 1]).quantize(
                Decimal(1000), rounding=ROUND_HALF_UP
            )
            status = (
                EntryStatus.SUBMITTED
                if (item.year, quarter) == (2019, 3)
                else (EntryStatus.APPROVED)
            )
            budget.append(
                BudgetRealization(
                    activity=item.activity,
                    year=item.year,
                    quarter=quarter,
                    raw_text=format_id_number(amount),
                    amount=amount,
                    note=SAMPLE_NOTE,
                    status=status,
                    entered_by=planner,
                    updated_by=planner,
                    decided_by=head if status == EntryStatus.APPROVED else None,
                    decided_at=now if status == EntryStatus.APPROVED else None,
                    is_example=True,
                )
            )
    bulk_create_with_history(BudgetRealization, budget, user=planner)
    if planner is not None:
        assigned = set(
            Assignment.objects.filter(indicator__version=version).values_list(
                "indicator_id", flat=True
            )
        )
        Assignment.objects.bulk_create(
            Assignment(indicator=i, person=planner, assigned_by=planner)
            for i in indicators
            if i.pk not in assigned
        )
    return len(rows) + len(budget)
