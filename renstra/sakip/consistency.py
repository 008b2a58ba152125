"""The consistency chain of the SAKIP year, Renstra year <-> Renja, as named rules; each
difference is a finding that states both values and the reason recorded, if any.

A registry of its own rather than the checker's (`renstra.checks.engine.@rule`): the checker's
rules are functions of one Renstra version (a VersionRead) and run on every version's findings
page; these are functions of a Renja (a RenjaRead, the Renja read whole in two queries) and
their severity depends on the finding (an error without a reason, a warning with one), which
the checker's Rule fixes per rule. The findings are the checker's own Finding, Location and
Severity, so they read, sort and print as every other finding does.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from renstra.checks.engine import SEVERITY_ORDER, Finding, Location, Severity
from renstra.core.numbers import format_rupiah
from renstra.core.targets import normalize_space, parse_target
from renstra.plans.choices import VersionStatus
from renstra.sakip.models import Renja, RenjaItem

TABLE = "Renja"


class RenjaRead:
    """A Renja read whole: its items in document order, each with `indicator_list` and its
    funding (two queries)."""

    def __init__(self, renja: Renja):
        self.renja = renja
        self.items: list[RenjaItem] = list(
            renja.items.select_related("funding").prefetch_related("indicators")
        )
        for item in self.items:
            item.indicator_list = list(item.indicators.all())


@dataclass(frozen=True)
class RenjaRule:
    name: str
    title: str
    check: Callable[[RenjaRead], Iterable[Finding]]


RENJA_RULES: dict[str, RenjaRule] = {}


def renja_rule(name: str, title):
    """Register a rule: a generator of Findings over a RenjaRead."""

    def register(func):
        RENJA_RULES[name] = RenjaRule(name, title, func)
        return func

    return register


def check_renja(renja: Renja | RenjaRead) -> list[Finding]:
    """Every finding of the Renja, errors first."""
    read = renja if isinstance(renja, RenjaRead) else RenjaRead(renja)
    findings = [f for rule in RENJA_RULES.values() for f in rule.check(read)]
    findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return findings


def same_target(renja_raw: str, renstra_raw: str) -> bool:
    """Whether two target texts say the same: the same text, spaces aside, or the same parsed
    value ("81%" and "81 %")."""
    a, b = normalize_space(renja_raw), normalize_space(renstra_raw)
    if a == b:
        return True
    if not a or not b:
        return False
    pa, pb = parse_target(a), parse_target(b)
    return pa.kind == pb.kind and pa.quantities == pb.quantities and pa.quantities != ()


def _shown(text: str) -> str:
    return "«{}»".format(text) if normalize_space(text) else "(kosong)"


def _severity_and_tail(reason: str) -> tuple[Severity, str]:
    if reason:
        return Severity.WARNING, "Alasan: {}.".format(reason.rstrip("."))
    return (
        Severity.ERROR,
        "Tanpa alasan: tuliskan alasan perubahan, atau kembalikan ke nilai Renstra.",
    )


@renja_rule("renja_target_differs", _("Target Renja berbeda dari target Renstra tahun itu"))
def target_differs(read: RenjaRead):
    year = read.renja.year
    for item in read.items:
        for indicator in item.indicator_list:
            if same_target(indicator.target_raw, indicator.renstra_target_raw):
                continue
            severity, tail = _severity_and_tail(indicator.change_reason)
            message = "{} {}, indikator «{}»: target Renja {} {} berbeda dari target Renstra {}. {}".format(
                item.get_level_display(),
                str(item),
                indicator.name,
                year,
                _shown(indicator.target_raw),
                _shown(indicator.renstra_target_raw),
                tail,
            )
            yield Finding(
                "renja_target_differs",
                severity,
                message,
                Location(TABLE, item.level, item.pk, item.code, item.name, year, indicator.name),
                {
                    "renja": indicator.target_raw,
                    "renstra": indicator.renstra_target_raw,
                    "reason": indicator.change_reason,
                },
            )


@renja_rule("renja_pagu_differs", _("Pagu Renja berbeda dari pagu Renstra tahun itu"))
def pagu_differs(read: RenjaRead):
    year = read.renja.year
    for item in read.items:
        funding = item.funding
        if funding.pagu == funding.renstra_amount:
            continue
        severity, tail = _severity_and_tail(funding.change_reason)
        message = "{} {}: pagu indikatif Renja {} {} berbeda dari pagu Renstra {}. {}".format(
            item.get_level_display(),
            str(item),
            year,
            _rupiah(funding.pagu),
            _rupiah(funding.renstra_amount),
            tail,
        )
        yield Finding(
            "renja_pagu_differs",
            severity,
            message,
            Location(TABLE, item.level, item.pk, item.code, item.name, year),
            {
                "renja": funding.pagu,
                "renstra": funding.renstra_amount,
                "reason": funding.change_reason,
            },
        )


def _rupiah(value) -> str:
    return "Rp {}".format(format_rupiah(value)) if value is not None else "(kosong)"


@renja_rule(
    "renja_total_unbalanced",
    _("Pagu program/kegiatan Renja tidak lagi sama dengan jumlah pagu di bawahnya"),
)
def total_unbalanced(read: RenjaRead):
    """A change of a kegiatan's pagu that the program's pagu does not follow (or the reverse):
    the difference between an item's pagu and the sum of its children's is compared with the
    Renstra's, so a difference the Renstra already had is not reported again (its own checker
    reports it)."""
    children: dict[int, list] = {}
    for item in read.items:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item)
    year = read.renja.year
    for item in read.items:
        below = children.get(item.pk)
        if not below:
            continue
        renja_sum = sum((c.funding.pagu or 0 for c in below), Decimal(0))
        renstra_sum = sum((c.funding.renstra_amount or 0 for c in below), Decimal(0))
        renja_gap = (item.funding.pagu or 0) - renja_sum
        renstra_gap = (item.funding.renstra_amount or 0) - renstra_sum
        if renja_gap == renstra_gap:
            continue
        message = (
            "{} {}: pagu Renja {} {}, jumlah pagu di bawahnya {} (selisih {}; di Renstra "
            "selisihnya {}). Sesuaikan pagu {} atau pagu di bawahnya.".format(
                item.get_level_display(),
                str(item),
                year,
                _rupiah(item.funding.pagu),
                _rupiah(renja_sum),
                _rupiah(renja_gap),
                _rupiah(renstra_gap),
                item.get_level_display().lower(),
            )
        )
        yield Finding(
            "renja_total_unbalanced",
            Severity.ERROR,
            message,
            Location(TABLE, item.level, item.pk, item.code, item.name, year),
            {"renja": item.funding.pagu, "children": renja_sum, "renstra_gap": renstra_gap},
        )


@renja_rule("renja_source_superseded", _("Renstra sumber Renja sudah tidak berlaku"))
def source_superseded(read: RenjaRead):
    """A Renja made from a version a review has since replaced: its targets and pagu may no
    longer be the Renstra's (a Renja Perubahan from the version in force is the remedy)."""
    source = read.renja.based_on
    if source.status == VersionStatus.APPROVED:
        return
    yield Finding(
        "renja_source_superseded",
        Severity.WARNING,
        "Renja ini disusun dari {} versi {}, yang kini berstatus {}. Periksa target dan pagu "
        "tahun {} pada versi Renstra yang berlaku.".format(
            source.plan.title,
            source.number,
            VersionStatus(source.status).label,
            read.renja.year,
        ),
        Location(TABLE, "versi", source.pk, "", source.plan.title, read.renja.year),
        {"version": source.number, "status": source.status},
    )
