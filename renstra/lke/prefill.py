"""Pre-filled answers of the SAKIP evaluation worksheet (LKE): for the criteria whose answer is a
fact the system holds, a suggested answer on the criterion's scale, one Indonesian sentence with
the figures and dates it was chosen from, and links to the pages that prove it. The evaluator
accepts or changes it; nothing here writes.

How a value is chosen (RULE of each rule key):
- a yes/no fact takes the scale's best answer when true, its lowest when not;
- a measured share takes `scale.closest(share)` (a tie goes to the lower answer);
- a document's status takes `scale.closest` of its step on the register's ladder:
  ditetapkan 1, diverifikasi 0,75, diajukan 0,5, draf 0,25, belum ada 0.

The version in force of a year is the register's (renstra.register.register): the approved
version of the agency's Renstra whose period covers the year; the Renstra's other versions are
either superseded or still on their way.

Rule keys, what each reads and how its value is chosen:
  renstra_ada        register.read_documents (the Renstra versions covering the year) and the
                     version's status history (review StatusChange, the date it was approved):
                     yes/no, an approved version covering the year.
  renja_ada          read_documents, the Renja of the year as the register picks it
                     (sakip.year_plan.renja_of_year: the latest final, else the latest): yes/no,
                     it is final.
  iku_ada            the IKU rows in force in the year (one count query, as the register's
                     IKU row): yes/no, at least one.
  pk_ada             read_documents, each unit's latest PK of the year: the head's PK must be
                     signed (else the lowest answer); then the share of the units' PKs signed.
  renaksi_ada        each such PK read whole (sakip.chain.AgreementRead): the share of its
                     Rencana Aksi cells (PK rows with a target × periods; quarterly when the PK
                     has no plan yet) that hold a target.
  indikator_terukur  the checker (checks.engine.check_read) on the version in force, with the
                     rules that mean an indicator cannot be measured: indicator_not_measurable
                     (a statement of a result, without a unit), indicator_without_targets (no
                     yearly target) and target_not_a_number (a numeric indicator's target that
                     is not a number: its achievement cannot be computed); an indicator named by
                     any of them counts once (by owner and indicator name, as the findings
                     locate it); value by the share of the version's indicators not named.
  target_selaras     the consistency chain (sakip.chain.check_agreement) of each such PK: the
                     share of PK targets without a finding of severity error located on them.
  realisasi_terisi   monitoring's evaluation of the year (monitoring.evaluation.evaluate, the
                     read of the dashboard and of its 'belum diisi' page) on the version in
                     force: for each evaluated indicator (tujuan to kegiatan) with a target that
                     year, the quarters ended by `today` (one yearly value for an indicator
                     judged once a year, due when the year is over) less what it reports
                     missing; value by the share filled. Nothing due yet: no suggestion.
  lkjip_tepat_waktu  read_documents (the LKjIP of the year, its latest number) and the
                     register's schedule of the region (register.schedule_of: the region's
                     deadline, else the rule's default): yes/no, submitted on or before it.
  lkjip_ada          the register's LKjIP row (the LKjIP's status, or an uploaded document's):
                     the status ladder, so verified or final says yes on a yes/no scale.
  evaluasi_renja     the register's row of the year's evaluation report (realization of the
                     year: draf while any entry is not approved, ditetapkan when all are): the
                     status ladder.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils import formats, timezone, translation

from renstra.checks.engine import Severity, check_read
from renstra.core.lke import Scale
from renstra.core.targets import TargetKind
from renstra.monitoring.choices import YEARLY
from renstra.monitoring.evaluation import YEARLY_TYPES, due_quarters, evaluate
from renstra.plans.choices import VersionStatus
from renstra.plans.readmodel import read_version
from renstra.register.choices import DocumentType, RegisterStatus
from renstra.register.register import Found, read_documents, registers_of, schedule_of
from renstra.review.models import StatusChange
from renstra.sakip.chain import TABLE as CHAIN_TABLE
from renstra.sakip.chain import AgreementRead, check_agreement, parsed
from renstra.sakip.choices import AgreementLevel
from renstra.sakip.models import Iku
from renstra.sakip.year_plan import renja_of_year

UNMEASURABLE_RULES = (
    "indicator_not_measurable",
    "indicator_without_targets",
    "target_not_a_number",
)
LADDER = {
    RegisterStatus.FINAL: Decimal(1),
    RegisterStatus.VERIFIED: Decimal("0.75"),
    RegisterStatus.SUBMITTED: Decimal("0.5"),
    RegisterStatus.DRAFT: Decimal("0.25"),
    RegisterStatus.MISSING: Decimal(0),
}
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class EvidenceLink:
    """A page of this system that proves a suggestion (a relative URL)."""

    label: str
    url: str


@dataclass(frozen=True)
class Suggestion:
    """A suggested answer: a code of the criterion's scale, the sentence it was chosen from, the
    pages that prove it, and the rule key that made it."""

    value: str
    text: str
    evidence: tuple[EvidenceLink, ...]
    rule: str


# --- helpers -------------------------------------------------------------------------------


def best(scale: Scale) -> str:
    return max(scale.options, key=lambda o: o.fraction).code


def lowest(scale: Scale) -> str:
    return min(scale.options, key=lambda o: o.fraction).code


def day_text(day: datetime.date) -> str:
    """'12 Januari 2017', whatever the active language."""
    with translation.override("id"):
        return formats.date_format(day, "j F Y")


def label_text(choice) -> str:
    """A choice's label in Indonesian, whatever the active language: the sentence is."""
    with translation.override("id"):
        return str(choice.label)


def period_text(plan) -> str:
    """'2016–2021'."""
    return "{}–{}".format(plan.period_start, plan.period_end)


def percent_text(part: int, whole: int) -> str:
    """'96%': the share as a whole percent, half up."""
    share = Decimal(100) * part / whole
    return "{}%".format(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _suggest(value: str, text: str, links, rule: str) -> Suggestion:
    return Suggestion(value, text, tuple(EvidenceLink(label, url) for label, url in links), rule)


def _found(agency, year: int) -> Found:
    return read_documents([agency.pk], year)[agency.pk]


def in_force(found: Found):
    """The register's version in force: the approved version covering the year (None)."""
    approved = [v for v in found.versions if v.status == VersionStatus.APPROVED]
    return approved[-1] if approved else None


def _register_row(agency, year: int, document_type: str):
    rows = registers_of([agency], agency.region, year)[agency.pk]
    return next(row for row in rows if row.document_type == document_type)


def _register_link(agency, year: int) -> tuple[str, str]:
    url = reverse("register:agency", args=[agency.pk]) + "?tahun={}".format(year)
    return "Register dokumen {}".format(year), url


def _no_version(found: Found, year: int) -> str:
    if not found.versions:
        return "Tidak ada Renstra yang periodenya mencakup tahun {}.".format(year)
    return "Renstra yang mencakup tahun {} belum ditetapkan.".format(year)


def _agreements(found: Found) -> list:
    """Each unit's latest PK of the year (as the register lists them), the head's first."""
    return sorted(found.agreements.values(), key=lambda a: a.level != AgreementLevel.HEAD)


# --- rules ---------------------------------------------------------------------------------


def renstra_ada(agency, year: int, scale: Scale, today=None) -> Suggestion:
    found = _found(agency, year)
    version = in_force(found)
    if version is None:
        text = _no_version(found, year)
        if found.versions:
            latest = found.versions[-1]
            text = "Renstra {} belum ditetapkan: versi terakhirnya (versi {}) berstatus {}.".format(
                period_text(latest.plan), latest.number, label_text(VersionStatus(latest.status))
            )
            link = [("Renstra versi {}".format(latest.number), _version_url(latest))]
        else:
            link = [_register_link(agency, year)]
        return _suggest(lowest(scale), text, link, "renstra_ada")
    approved = (
        StatusChange.objects.filter(version=version, to_status=VersionStatus.APPROVED)
        .order_by("-changed_at", "-pk")
        .values_list("changed_at", flat=True)
        .first()
    )
    if approved is None:
        text = "Renstra {} versi {} berstatus Ditetapkan (tanggal penetapan tidak tercatat) dan berlaku untuk tahun {}.".format(
            period_text(version.plan), version.number, year
        )
    else:
        text = "Renstra {} ditetapkan pada {} (versi {}) dan berlaku untuk tahun {}.".format(
            period_text(version.plan),
            day_text(timezone.localtime(approved).date()),
            version.number,
            year,
        )
    link = ("Renstra versi {}".format(version.number), _version_url(version))
    return _suggest(best(scale), text, [link], "renstra_ada")


def _version_url(version) -> str:
    return reverse("plans:version", args=[version.pk])


def renja_ada(agency, year: int, scale: Scale, today=None) -> Suggestion:
    renja = renja_of_year(_found(agency, year).renjas)
    if renja is None:
        return _suggest(
            lowest(scale),
            "Belum ada Renja tahun {}.".format(year),
            [("Daftar Renja", reverse("sakip:renja_list", args=[agency.pk]))],
            "renja_ada",
        )
    link = [
        ("Renja {} ({})".format(year, renja.kind_label), reverse("sakip:renja", args=[renja.pk]))
    ]
    if renja.is_final:
        text = "Renja tahun {} ({}) sudah final.".format(year, renja.kind_label)
        return _suggest(best(scale), text, link, "renja_ada")
    text = "Renja tahun {} ({}) masih berstatus draf.".format(year, renja.kind_label)
    return _suggest(lowest(scale), text, link, "renja_ada")


def iku_ada(agency, year: int, scale: Scale, today=None) -> Suggestion:
    count = Iku.objects.filter(agency=agency, year_start__lte=year, year_end__gte=year).count()
    link = [("IKU", reverse("sakip:iku_list", args=[agency.pk]))]
    if not count:
        text = "Belum ada IKU yang berlaku untuk tahun {}.".format(year)
        return _suggest(lowest(scale), text, link, "iku_ada")
    text = "{} IKU ditetapkan berlaku untuk tahun {}.".format(count, year)
    return _suggest(best(scale), text, link, "iku_ada")


def pk_ada(agency, year: int, scale: Scale, today=None) -> Suggestion:
    agreements = _agreements(_found(agency, year))
    listing = ("Daftar PK {}".format(year), _pk_list_url(agency, year))
    head = next((a for a in agreements if a.level == AgreementLevel.HEAD), None)
    signed = sum(1 for a in agreements if a.is_signed)
    whole = "{} dari {} PK unit kerja tahun {} sudah ditandatangani.".format(
        signed, len(agreements), year
    )
    if head is None:
        text = "Belum ada PK kepala Perangkat Daerah tahun {}".format(year)
        text += "." if not agreements else "; " + whole
        return _suggest(lowest(scale), text, [listing], "pk_ada")
    link = ("PK kepala {}".format(year), reverse("sakip:pk", args=[head.pk]))
    if not head.is_signed:
        text = "PK kepala Perangkat Daerah tahun {} (tanggal {}) belum ditandatangani; {}".format(
            year, day_text(head.day), whole
        )
        return _suggest(lowest(scale), text, [link, listing], "pk_ada")
    text = "PK kepala Perangkat Daerah tahun {} (tanggal {}) sudah ditandatangani; {}".format(
        year, day_text(head.day), whole
    )
    value = scale.closest(Decimal(signed) / len(agreements))
    return _suggest(value, text, [link, listing], "pk_ada")


def _pk_list_url(agency, year: int) -> str:
    return reverse("sakip:pk_list", args=[agency.pk]) + "?tahun={}".format(year)


def _no_agreement(agency, year: int, scale: Scale, rule: str) -> Suggestion:
    return _suggest(
        lowest(scale),
        "Belum ada PK tahun {}.".format(year),
        [("Daftar PK {}".format(year), _pk_list_url(agency, year))],
        rule,
    )


def renaksi_ada(agency, year: int, scale: Scale, today=None) -> Suggestion:
    agreements = _agreements(_found(agency, year))
    if not agreements:
        return _no_agreement(agency, year, scale, "renaksi_ada")
    cells = filled = with_plan = 0
    links = []
    for agreement in agreements:
        read = AgreementRead(agreement)
        periods = read.periods or 4
        with_plan += read.plan is not None
        links.append(
            (
                "Rencana Aksi {}".format(agreement.unit.name),
                reverse("sakip:renaksi", args=[agreement.pk]),
            )
        )
        for target in read.targets:
            goal = parsed(target.target_raw)
            if goal is None or goal.kind == TargetKind.NIL:
                continue  # nothing to split over the year (as renaksi_period_empty)
            cells += periods
            filled += sum(
                1
                for row in target.periods.values()
                if row.period <= periods and row.target_raw.strip()
            )
    if not cells:
        text = "PK tahun {} belum memuat target yang dapat dirinci per periode.".format(year)
        return _suggest(lowest(scale), text, links, "renaksi_ada")
    text = "Rencana Aksi tahun {} terisi {} ({} dari {} isian target per periode); {} dari {} PK mempunyai Rencana Aksi.".format(
        year, percent_text(filled, cells), filled, cells, with_plan, len(agreements)
    )
    return _suggest(scale.closest(Decimal(filled) / cells), text, links, "renaksi_ada")


def target_selaras(agency, year: int, scale: Scale, today=None) -> Suggestion:
    agreements = _agreements(_found(agency, year))
    if not agreements:
        return _no_agreement(agency, year, scale, "target_selaras")
    total = clean = 0
    links = []
    for agreement in agreements:
        read = AgreementRead(agreement)
        wrong = {
            f.location.item_id
            for f in check_agreement(read)
            if f.severity == Severity.ERROR
            and f.location.table == CHAIN_TABLE
            and f.location.kind == "indikator"
        }
        total += len(read.targets)
        clean += sum(1 for t in read.targets if t.pk not in wrong)
        links.append(
            (
                "Temuan PK {}".format(agreement.unit.name),
                reverse("sakip:pk_findings", args=[agreement.pk]),
            )
        )
    if not total:
        text = "PK tahun {} belum memuat target.".format(year)
        return _suggest(lowest(scale), text, links, "target_selaras")
    text = "{} dari {} target PK tahun {} selaras sepanjang rantai Renstra–Renja–PK–Rencana Aksi (tanpa galat); {} bergalat.".format(
        clean, total, year, total - clean
    )
    return _suggest(scale.closest(Decimal(clean) / total), text, links, "target_selaras")


def indikator_terukur(agency, year: int, scale: Scale, today=None) -> Suggestion:
    found = _found(agency, year)
    version = in_force(found)
    if version is None:
        return _suggest(
            lowest(scale),
            _no_version(found, year),
            [_register_link(agency, year)],
            "indikator_terukur",
        )
    snapshot = read_version(version)
    total = sum(1 for _owned in snapshot.indicators())
    findings = check_read([snapshot], UNMEASURABLE_RULES)[version.pk]
    named = {(f.location.kind, f.location.item_id, f.location.indicator) for f in findings}
    link = [
        (
            "Temuan pemeriksa Renstra versi {}".format(version.number),
            reverse("checks:findings", args=[version.pk]),
        )
    ]
    if not total:
        text = "Renstra versi {} belum memuat indikator.".format(version.number)
        return _suggest(lowest(scale), text, link, "indikator_terukur")
    text = "{} dari {} indikator Renstra versi {} tidak terukur (temuan pemeriksa).".format(
        len(named), total, version.number
    )
    value = scale.closest(Decimal(total - len(named)) / total)
    return _suggest(value, text, link, "indikator_terukur")


def quarters_text(quarters: tuple[int, ...]) -> str:
    """'TW I', 'TW I–III'."""
    if len(quarters) == 1:
        return "TW {}".format(ROMAN[quarters[0] - 1])
    return "TW {}–{}".format(ROMAN[quarters[0] - 1], ROMAN[quarters[-1] - 1])


def realisasi_terisi(agency, year: int, scale: Scale, today=None) -> Suggestion | None:
    today = today or timezone.localdate()
    found = _found(agency, year)
    version = in_force(found)
    if version is None:
        return _suggest(
            lowest(scale),
            _no_version(found, year),
            [_register_link(agency, year)],
            "realisasi_terisi",
        )
    quarters = due_quarters(year, today)
    if not quarters:
        return None  # no quarter of the year has ended: nothing is due
    year_over = year < today.year
    due = filled = 0
    for result in evaluate(version, year, today).indicators:
        if result.target is None or result.target.kind == TargetKind.NIL:
            continue
        if result.indicator.value_type in YEARLY_TYPES:
            slots = (YEARLY,) if year_over else ()
        else:
            slots = quarters
        due += len(slots)
        filled += len(slots) - len([q for q in result.missing if q in slots])
    links = [
        ("Dasbor {}".format(year), reverse("monitoring:dashboard", args=[version.pk, year])),
        (
            "Realisasi belum diisi {}".format(year),
            reverse("monitoring:due", args=[version.pk, year]),
        ),
    ]
    if not due:
        return None
    text = "Realisasi {} tahun {} terisi {} ({} dari {} isian).".format(
        quarters_text(quarters), year, percent_text(filled, due), filled, due
    )
    return _suggest(scale.closest(Decimal(filled) / due), text, links, "realisasi_terisi")


def lkjip_tepat_waktu(agency, year: int, scale: Scale, today=None) -> Suggestion:
    today = today or timezone.localdate()
    report = _found(agency, year).lkjip
    deadline = next(
        d.deadline
        for d in schedule_of(agency.region, year)
        if d.document_type == DocumentType.LKJIP
    )
    links = [
        (
            "Jadwal dokumen {}".format(year),
            reverse("register:schedule", args=[agency.region_id]) + "?tahun={}".format(year),
        )
    ]
    if report is not None:
        links.insert(0, ("LKjIP {}".format(year), reverse("lkjip:report", args=[report.pk])))
    if report is None or report.submitted_at is None:
        what = (
            "Belum ada LKjIP tahun {}".format(year)
            if report is None
            else "LKjIP tahun {} belum diajukan".format(year)
        )
        when = "sudah lewat" if today > deadline else "belum lewat"
        text = "{}; batas waktu {} ({}).".format(what, day_text(deadline), when)
        return _suggest(lowest(scale), text, links, "lkjip_tepat_waktu")
    submitted = timezone.localtime(report.submitted_at).date()
    on_time = submitted <= deadline
    text = "LKjIP diajukan {}, batas waktu {}{}.".format(
        day_text(submitted), day_text(deadline), "" if on_time else " (terlambat)"
    )
    return _suggest(best(scale) if on_time else lowest(scale), text, links, "lkjip_tepat_waktu")


def _status_suggestion(agency, year, scale, row, what: str, rule: str, links) -> Suggestion:
    label = label_text(RegisterStatus(row.status))
    if row.status == RegisterStatus.MISSING:
        text = "Belum ada {} tahun {}.".format(what, year)
    else:
        text = "{} tahun {} berstatus {}{}.".format(
            what[0].upper() + what[1:],
            year,
            str(label).lower(),
            " (dokumen unggahan)" if row.from_upload else "",
        )
    return _suggest(scale.closest(LADDER[row.status]), text, links, rule)


def lkjip_ada(agency, year: int, scale: Scale, today=None) -> Suggestion:
    row = _register_row(agency, year, DocumentType.LKJIP)
    links = [("LKjIP {}".format(year), row.url)] if row.url else []
    links.append(_register_link(agency, year))
    return _status_suggestion(agency, year, scale, row, "LKjIP", "lkjip_ada", links)


def evaluasi_renja(agency, year: int, scale: Scale, today=None) -> Suggestion:
    row = _register_row(agency, year, DocumentType.EVALUATION)
    links = [("Evaluasi {}".format(year), row.url)] if row.url else []
    links.append(_register_link(agency, year))
    return _status_suggestion(
        agency, year, scale, row, "laporan evaluasi hasil Renja", "evaluasi_renja", links
    )


RULES: dict[str, Callable[..., Suggestion | None]] = {
    "renstra_ada": renstra_ada,
    "renja_ada": renja_ada,
    "iku_ada": iku_ada,
    "pk_ada": pk_ada,
    "renaksi_ada": renaksi_ada,
    "indikator_terukur": indikator_terukur,
    "target_selaras": target_selaras,
    "realisasi_terisi": realisasi_terisi,
    "lkjip_tepat_waktu": lkjip_tepat_waktu,
    "lkjip_ada": lkjip_ada,
    "evaluasi_renja": evaluasi_renja,
}


def suggest(
    rule_key: str, agency, year: int, scale: Scale, today: datetime.date | None = None
) -> Suggestion | None:
    """The suggested answer of rule `rule_key` for `agency` and `year` on `scale`; None for an
    unknown key or when the rule has nothing to say (see the module's docstring)."""
    rule = RULES.get(rule_key)
    if rule is None:
        return None
    return rule(agency, year, scale, today=today)
