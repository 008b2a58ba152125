"""What the Perjanjian Kinerja pages read, each in a fixed number of queries whatever the number
of PKs and rows: an agency's PKs of a year by level, with the units still without one; a PK
with its rows (target beside the source's, anggaran beside the Renja's), its scans and the other
numbers of its unit and year."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from renstra.plans.models import Agency, printed_nip
from renstra.sakip.agreements import agreement_level, total_budget
from renstra.sakip.choices import AgreementLevel
from renstra.sakip.consistency import same_target
from renstra.sakip.forms_pk import agreement_units, renja_years
from renstra.sakip.models import AgreementBudget, PerformanceAgreement, RegionHead


def region_head_on(agency: Agency, day: datetime.date) -> RegionHead | None:
    return RegionHead.objects.filter(region=agency.region_id).on(day).first()


def pk_years(agency: Agency) -> list[int]:
    """The years with a Renja or a PK, newest first."""
    made = PerformanceAgreement.objects.filter(agency=agency).values_list("year", flat=True)
    return sorted(set(renja_years(agency)) | set(made), reverse=True)


def chosen_year(asked: str, years: list[int]) -> int:
    """?tahun=Y when it is a year, else the newest year with a Renja or PK, else this year."""
    if asked.isdigit() and 1900 < int(asked) < 2200:
        return int(asked)
    return years[0] if years else timezone.localdate().year


@dataclass
class LevelGroup:
    level: str
    label: str
    agreements: list = field(default_factory=list)
    missing: list = field(default_factory=list)


def year_list(agency: Agency, year: int) -> list[LevelGroup]:
    """The agency's PKs of `year` by level (kepala, administrator, pengawas), each with its
    anggaran total and number of scans, and the units of that level without a PK."""
    agreements = list(
        PerformanceAgreement.objects.filter(agency=agency, year=year)
        .select_related("unit")
        .annotate(scan_count=Count("scans"))
        .order_by("unit__order", "unit__name", "-number")
    )
    totals = dict(
        AgreementBudget.objects.filter(agreement__agency=agency, agreement__year=year)
        .values("agreement")
        .annotate(total=Sum("amount"))
        .values_list("agreement", "total")
    )
    groups = {value: LevelGroup(value, label) for value, label in AgreementLevel.choices}
    for agreement in agreements:
        agreement.total = totals.get(agreement.pk) or Decimal(0)
        groups[agreement.level].agreements.append(agreement)
    with_pk = {a.unit_id for a in agreements}
    for unit in agreement_units(agency):
        if unit.pk not in with_pk:
            groups[agreement_level(unit)].missing.append(unit)
    return list(groups.values())


@dataclass
class StatementRow:
    """A target row of the PK page: its sasaran cell spans the rows of the same sasaran."""

    target: object
    span: int = 0  # 0: the sasaran cell of an earlier row covers this one
    number: int = 0  # the sasaran's number, on its first row
    changed: bool = False


@dataclass
class AgreementPage:
    """What the PK page shows: rows with their sasaran spans, budget rows with the total, the
    scans, every number of the unit and year, the NIPs as printed. (The consistency chain reads
    a PK its own way: renstra.sakip.chain.AgreementRead.)"""

    agreement: PerformanceAgreement
    targets: list[StatementRow]
    budgets: list
    total: Decimal
    scans: list
    numbers: list  # every PK of the unit and year, newest first
    first_nip: str
    second_nip: str

    @property
    def is_latest(self) -> bool:
        return self.numbers[0].pk == self.agreement.pk


def read_agreement(agreement: PerformanceAgreement) -> AgreementPage:
    """The PK page's read: four queries whatever the number of rows."""
    rows: list[StatementRow] = []
    for target in agreement.targets.all():
        row = StatementRow(
            target, changed=not same_target(target.target_raw, target.source_target_raw)
        )
        if rows and rows[-1].target.statement == target.statement:
            head = next(r for r in reversed(rows) if r.span)
            head.span += 1
        else:
            row.span = 1
            row.number = sum(1 for r in rows if r.span) + 1
        rows.append(row)
    budgets = list(agreement.budgets.all())
    for budget in budgets:
        budget.changed = budget.amount != budget.source_amount
    return AgreementPage(
        agreement=agreement,
        targets=rows,
        budgets=budgets,
        total=total_budget(agreement, budgets),
        scans=list(agreement.scans.select_related("uploaded_by")),
        numbers=list(
            PerformanceAgreement.objects.filter(
                unit=agreement.unit_id, year=agreement.year
            ).order_by("-number")
        ),
        first_nip=printed_nip(agreement.first_nip),
        second_nip=printed_nip(agreement.second_nip),
    )
