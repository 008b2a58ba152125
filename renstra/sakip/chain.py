"""The consistency chain of a Perjanjian Kinerja: Renstra year -> Renja -> PK -> Rencana Aksi, as
named rules over a PK read whole; each difference is a finding that states both values and the
reason recorded, if any (without a reason an error, with one a warning that shows it), as the
Renja's rules do (renstra.sakip.consistency, whose Finding, Location and Severity these share).

A PK row is compared with its source as that source stands now, not as it was copied: a Renja
changed after the PK was drawn shows here. What the PK was drawn from is named by id only
(renstra.sakip.agreement_models), so a source that no longer exists is a finding of its own.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from renstra.checks.engine import SEVERITY_ORDER, Finding, Location, Severity
from renstra.core.achievement import ROLLUP_LABELS, Rollup, roll_up
from renstra.core.numbers import format_rupiah
from renstra.core.targets import ParsedTarget, TargetKind, normalize_space, parse_target
from renstra.plans.models import Indicator, Target
from renstra.sakip.consistency import same_target
from renstra.sakip.models import (
    ActionPlan,
    AgreementBudget,
    AgreementTarget,
    PerformanceAgreement,
    Renja,
    RenjaIndicator,
    RenjaItem,
)

TABLE = "PK"
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAN = ("I", "II", "III", "IV")
ROLLUPS = frozenset(rule.value for rule in Rollup)


def period_label(periods: int, period: int) -> str:
    """'TW I'..'TW IV' for a quarterly plan, the month's name for a monthly one."""
    if periods == 4:
        return "TW {}".format(ROMAN[period - 1])
    return MONTHS[period - 1]


class AgreementRead:
    """A PK read whole, with what its rows were drawn from as it stands now, in a fixed number
    of queries: its targets, budget rows, Rencana Aksi and its periods, the Renja indicators and
    items (with pagu) its rows name, the Renstra indicators with their target of the PK's year,
    and the newest Renja of the agency and year.

    `targets` and `budgets` are the PK's rows; every target carries `periods` (its ActionTargets
    by period, when there is a plan). `renja_indicators`, `renja_items` and `renstra` map the
    ids the rows name to what exists now (Renstra indicators with `year_target_raw`)."""

    def __init__(self, agreement: PerformanceAgreement):
        self.agreement = agreement
        self.year = agreement.year
        self.targets: list[AgreementTarget] = list(agreement.targets.all())
        self.budgets: list[AgreementBudget] = list(agreement.budgets.all())
        self.plan: ActionPlan | None = ActionPlan.objects.filter(agreement=agreement).first()
        for target in self.targets:
            target.periods = {}
        if self.plan is not None:
            by_id = {t.pk: t for t in self.targets}
            for row in self.plan.targets.all():
                if row.target_id in by_id:
                    by_id[row.target_id].periods[row.period] = row
        self.renja_indicators: dict[int, RenjaIndicator] = _by_pk(
            RenjaIndicator.objects, {t.renja_indicator_id for t in self.targets}
        )
        self.renja_items: dict[int, RenjaItem] = _by_pk(
            RenjaItem.objects.select_related("funding"), {b.renja_item_id for b in self.budgets}
        )
        year_target = Target.objects.filter(indicator=OuterRef("pk"), year=self.year)
        self.renstra: dict[int, Indicator] = _by_pk(
            Indicator.objects.annotate(
                year_target_raw=Subquery(year_target.values("raw_text")[:1])
            ),
            {t.source_indicator_id for t in self.targets},
        )
        self.newest_renja: Renja | None = None
        if agreement.renja_id is not None:
            self.newest_renja = (
                Renja.objects.filter(agency=agreement.agency_id, year=self.year)
                .order_by("-number")
                .first()
            )

    @property
    def periods(self) -> int:
        return self.plan.periods if self.plan is not None else 0


def _by_pk(queryset, ids: set) -> dict:
    ids = {i for i in ids if i is not None}
    return {obj.pk: obj for obj in queryset.filter(pk__in=ids)} if ids else {}


@dataclass(frozen=True)
class ChainRule:
    name: str
    title: str
    check: Callable[[AgreementRead], Iterable[Finding]]


CHAIN_RULES: dict[str, ChainRule] = {}


def chain_rule(name: str, title):
    """Register a rule: a generator of Findings over an AgreementRead."""

    def register(func):
        CHAIN_RULES[name] = ChainRule(name, title, func)
        return func

    return register


def check_agreement(agreement: PerformanceAgreement | AgreementRead) -> list[Finding]:
    """Every finding of the PK's chain, errors first."""
    read = agreement if isinstance(agreement, AgreementRead) else AgreementRead(agreement)
    findings = [f for rule in CHAIN_RULES.values() for f in rule.check(read)]
    findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return findings


# --- values -----------------------------------------------------------------------------


def _shown(text: str) -> str:
    return "«{}»".format(text) if normalize_space(text or "") else "(kosong)"


def _rupiah(value) -> str:
    return "Rp {}".format(format_rupiah(value)) if value is not None else "(kosong)"


def _severity_and_tail(reason: str, undo: str) -> tuple[Severity, str]:
    if reason:
        return Severity.WARNING, "Alasan: {}.".format(reason.rstrip("."))
    return Severity.ERROR, "Tanpa alasan: tuliskan alasan perubahan, atau {}.".format(undo)


def parsed(raw: str) -> ParsedTarget | None:
    """The parse of a target text, None when empty."""
    return parse_target(raw) if normalize_space(raw or "") else None


def _unit_key(unit: str) -> str:
    return normalize_space(unit).lower()


def same_value(a: ParsedTarget | None, b: ParsedTarget | None) -> bool:
    """Whether two values say the same number(s): equal per unit, a unit missing on one side
    accepted ('25' and '25 orang'), letter case and spacing of units aside; other kinds as
    consistency.same_target."""
    if a is None or b is None:
        return a is None and b is None
    numeric = (TargetKind.NUMBER, TargetKind.PERCENT, TargetKind.COMPOSITE)
    if a.kind in numeric and b.kind in numeric:
        if len(a.quantities) != len(b.quantities):
            return False
        return all(
            qa.value == qb.value
            and (not qa.unit or not qb.unit or _unit_key(qa.unit) == _unit_key(qb.unit))
            for qa, qb in zip(a.quantities, b.quantities, strict=True)
        )
    return same_target(a.text, b.text)


def row_rollup(target: AgreementTarget) -> Rollup:
    """How the row's periods make its year: the rule copied from the Renstra indicator, the sum
    when none was (a row added by hand)."""
    return Rollup(target.rollup) if target.rollup in ROLLUPS else Rollup.SUM


def combined(target: AgreementTarget, periods: int) -> ParsedTarget | None:
    """The row's Rencana Aksi targets over the year, combined by the row's rule (sum: all
    periods added; latest: the last period with a target; average: their mean)."""
    rows = getattr(target, "periods", {})
    parts = [parsed(rows[p].target_raw) if p in rows else None for p in range(1, periods + 1)]
    return roll_up(row_rollup(target), parts)


def quarter_target(target: AgreementTarget, periods: int, quarter: int) -> ParsedTarget | None:
    """The row's Rencana Aksi target for one quarter: the quarter's own period in a quarterly
    plan; in a monthly one the quarter's three months combined by the row's rule, except that
    'latest' takes the last month with a target up to the quarter's end (a stock carries on)."""
    rows = getattr(target, "periods", {})
    if periods == 4:
        row = rows.get(quarter)
        return parsed(row.target_raw) if row is not None else None
    rule = row_rollup(target)
    first = 1 if rule == Rollup.LATEST else 3 * quarter - 2
    months = range(first, 3 * quarter + 1)
    return roll_up(rule, [parsed(rows[m].target_raw) if m in rows else None for m in months])


def renstra_target_raw(read: AgreementRead, target: AgreementTarget) -> str | None:
    """The Renstra indicator's target of the PK's year now; None when the indicator is gone."""
    indicator = read.renstra.get(target.source_indicator_id)
    if indicator is None:
        return None
    return indicator.year_target_raw or ""


def source_target_raw(read: AgreementRead, target: AgreementTarget) -> str | None:
    """The target the row's source holds now (a Renja indicator's, or the Renstra year's);
    None when the source is gone or the row has none."""
    if target.source == "renja":
        indicator = read.renja_indicators.get(target.renja_indicator_id)
        return None if indicator is None else indicator.target_raw
    if target.source == "renstra":
        return renstra_target_raw(read, target)
    return None


def source_amount(item: RenjaItem) -> Decimal | None:
    """A Renja item's anggaran now: its DPA pagu when set, else its pagu indikatif."""
    funding = getattr(item, "funding", None)
    if funding is None:
        return None
    return funding.dpa_amount if funding.dpa_amount is not None else funding.pagu


def _where(read: AgreementRead, target: AgreementTarget, *indicator) -> Location:
    return Location(TABLE, "indikator", target.pk, "", target.statement, read.year, *indicator)


# --- rules -------------------------------------------------------------------------------


SOURCE_NAMES = {"renja": "Renja", "renstra": "Renstra"}


@chain_rule("pk_target_differs", _("Target PK berbeda dari target sumbernya"))
def target_differs(read: AgreementRead):
    for target in read.targets:
        now = source_target_raw(read, target)
        if now is None or same_target(target.target_raw, now):
            continue
        source = SOURCE_NAMES[target.source]
        severity, tail = _severity_and_tail(
            target.change_reason, "kembalikan ke target {}".format(source)
        )
        since = ""
        if not same_target(now, target.source_target_raw):
            since = " (target {} berubah setelah PK disusun; semula {})".format(
                source, _shown(target.source_target_raw)
            )
        yield Finding(
            "pk_target_differs",
            severity,
            "Indikator «{}»: target PK {} {} berbeda dari target {} {}{}. {}".format(
                target.name,
                read.year,
                _shown(target.target_raw),
                source,
                _shown(now),
                since,
                tail,
            ),
            _where(read, target, target.name),
            {
                "pk": target.target_raw,
                "source": now,
                "source_kind": target.source,
                "copied": target.source_target_raw,
                "reason": target.change_reason,
            },
        )


@chain_rule("pk_budget_differs", _("Anggaran PK berbeda dari pagu Renja"))
def budget_differs(read: AgreementRead):
    for budget in read.budgets:
        item = read.renja_items.get(budget.renja_item_id)
        if item is None:
            continue
        now = source_amount(item)
        if now == budget.amount:
            continue
        severity, tail = _severity_and_tail(budget.change_reason, "kembalikan ke pagu Renja")
        what = "pagu DPA" if item.funding.dpa_amount is not None else "pagu indikatif"
        yield Finding(
            "pk_budget_differs",
            severity,
            "{}: anggaran PK {} berbeda dari {} Renja {}. {}".format(
                str(budget), _rupiah(budget.amount), what, _rupiah(now), tail
            ),
            Location(TABLE, budget.level, budget.pk, budget.code, budget.name, read.year),
            {"pk": budget.amount, "renja": now, "reason": budget.change_reason},
        )


@chain_rule("pk_renja_superseded", _("Sudah ada Renja yang lebih baru dari Renja sumber PK"))
def renja_superseded(read: AgreementRead):
    renja, newest = read.agreement.renja, read.newest_renja
    if renja is None or newest is None or newest.number <= renja.number:
        return
    yield Finding(
        "pk_renja_superseded",
        Severity.WARNING,
        "PK ini disusun dari {}, tetapi sudah ada {} ({}). Periksa target dan anggaran PK "
        "terhadap Renja terbaru; bila berubah, buat PK Perubahan.".format(
            renja, newest, newest.get_status_display().lower()
        ),
        Location(TABLE, "renja", newest.pk, "", str(newest), read.year),
        {"renja": renja.number, "newest": newest.number},
    )


@chain_rule("pk_source_missing", _("Sumber baris PK sudah tidak ada"))
def source_missing(read: AgreementRead):
    for target in read.targets:
        if target.source == "renja":
            gone = target.renja_indicator_id not in read.renja_indicators
        elif target.source == "renstra":
            gone = target.source_indicator_id not in read.renstra
        else:
            continue
        if gone:
            yield Finding(
                "pk_source_missing",
                Severity.WARNING,
                "Indikator «{}»: indikator {} sumbernya sudah tidak ada (target yang disalin "
                "{}). Periksa apakah baris ini masih berlaku.".format(
                    target.name, SOURCE_NAMES[target.source], _shown(target.source_target_raw)
                ),
                _where(read, target, target.name),
                {"source_kind": target.source, "copied": target.source_target_raw},
            )
    for budget in read.budgets:
        if budget.renja_item_id is not None and budget.renja_item_id not in read.renja_items:
            yield Finding(
                "pk_source_missing",
                Severity.WARNING,
                "{}: butir Renja sumbernya sudah tidak ada (pagu yang disalin {}).".format(
                    str(budget), _rupiah(budget.source_amount)
                ),
                Location(TABLE, budget.level, budget.pk, budget.code, budget.name, read.year),
                {"source_kind": "renja", "copied": budget.source_amount},
            )


def _text(value: ParsedTarget | None) -> str:
    return _shown(value.text) if value is not None else "(kosong)"


@chain_rule("renaksi_total_differs", _("Target Rencana Aksi tidak sama dengan target PK"))
def renaksi_total_differs(read: AgreementRead):
    if read.plan is None:
        return
    for target in read.targets:
        total = combined(target, read.periods)
        if total is None or same_value(total, parsed(target.target_raw)):
            continue
        rule = row_rollup(target)
        yield Finding(
            "renaksi_total_differs",
            Severity.ERROR,
            "Indikator «{}»: target Rencana Aksi per {} digabung menurut aturan «{}» menjadi "
            "{}, sedangkan target PK {}. Sesuaikan target per periode.".format(
                target.name,
                "triwulan" if read.periods == 4 else "bulan",
                ROLLUP_LABELS[rule],
                _text(total),
                _shown(target.target_raw),
            ),
            _where(read, target, target.name),
            {"renaksi": total.text, "pk": target.target_raw, "rule": rule.value},
        )


@chain_rule("renaksi_period_empty", _("Periode Rencana Aksi tanpa target"))
def renaksi_period_empty(read: AgreementRead):
    """Periods of a row without a target; a row whose PK target is itself empty (or '-') has
    nothing to split over the year and is left alone."""
    if read.plan is None:
        return
    for target in read.targets:
        goal = parsed(target.target_raw)
        if goal is None or goal.kind == TargetKind.NIL:
            continue
        rows = target.periods
        empty = [
            p
            for p in range(1, read.periods + 1)
            if p not in rows or not normalize_space(rows[p].target_raw)
        ]
        if not empty:
            continue
        yield Finding(
            "renaksi_period_empty",
            Severity.WARNING,
            "Indikator «{}»: belum ada target Rencana Aksi untuk {}.".format(
                target.name, ", ".join(period_label(read.periods, p) for p in empty)
            ),
            _where(read, target, target.name),
            {"periods": empty},
        )


# --- the chain of one row, for display ---------------------------------------------------


@dataclass(frozen=True)
class ChainRow:
    """One PK row's target along the chain, as each link holds it now (None: no such link)."""

    renstra: str | None
    renja: str | None
    pk: str
    renaksi: ParsedTarget | None
    rule: Rollup
    renaksi_matches: bool

    @property
    def rule_label(self) -> str:
        return ROLLUP_LABELS[self.rule]


def indicator_chain(read: AgreementRead, target: AgreementTarget) -> ChainRow:
    """Renstra year target -> Renja target -> PK target -> Rencana Aksi combined, of one row."""
    renja = None
    if target.source == "renja":
        indicator = read.renja_indicators.get(target.renja_indicator_id)
        renja = indicator.target_raw if indicator is not None else None
    total = combined(target, read.periods) if read.plan is not None else None
    return ChainRow(
        renstra=renstra_target_raw(read, target),
        renja=renja,
        pk=target.target_raw,
        renaksi=total,
        rule=row_rollup(target),
        renaksi_matches=total is None or same_value(total, parsed(target.target_raw)),
    )
