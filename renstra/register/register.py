"""The document register of an agency's year: every document the SAKIP year asks of it, with
its status computed from the system's own data (never copied), its deadline from the region's
schedule (or the rule's default), whether it is overdue, and what the register keeps beside it
(an uploaded document, a verifier's remark).

Where each status comes from:
  Renstra      the Renstra covering the year: ditetapkan when a version is approved, else its
               latest version's state (draf/dikembalikan -> draf, diajukan, diverifikasi)
  Renja        the Renja of the year (renja_of_year): draf, or final -> ditetapkan
  IKU          IKU rows in force in the year: ada -> ditetapkan, none -> belum
  PK           one row per unit with a PK of the year (its latest number): draf, or signed ->
               ditetapkan, with whether its signed scan is uploaded
  Rencana Aksi one row per such PK: belum (the PK has none), draf, or final -> ditetapkan
  LKjIP        its latest number: draf, diajukan, diverifikasi, final -> ditetapkan
  Evaluation   the year's evaluation is computed by monitoring from realization, so it exists
               when the Renstra has realization of the year: draf while any entry of the year
               is not yet approved, ditetapkan when every entry of the year is approved
Without the document in the system, an uploaded external document counts with the status a
verifier gave it (diajukan on upload).

A whole region is read in a fixed number of queries (region_register), however many agencies.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from renstra.lkjip.models import Lkjip
from renstra.monitoring.models import Realization
from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.models import Agency, PlanVersion, Region
from renstra.register.choices import DocumentType, RegisterStatus
from renstra.register.models import RegisterEntry, Schedule
from renstra.sakip.models import ActionPlan, AgreementScan, Iku, PerformanceAgreement, Renja
from renstra.sakip.year_plan import renja_of_year

VERSION_STATUS = {
    VersionStatus.DRAFT: RegisterStatus.DRAFT,
    VersionStatus.RETURNED: RegisterStatus.DRAFT,
    VersionStatus.SUBMITTED: RegisterStatus.SUBMITTED,
    VersionStatus.VERIFIED: RegisterStatus.VERIFIED,
    VersionStatus.APPROVED: RegisterStatus.FINAL,
    VersionStatus.SUPERSEDED: RegisterStatus.FINAL,
}
LKJIP_STATUS = {
    "draft": RegisterStatus.DRAFT,
    "submitted": RegisterStatus.SUBMITTED,
    "verified": RegisterStatus.VERIFIED,
    "final": RegisterStatus.FINAL,
}


def default_deadline(document_type: str, year: int) -> datetime.date | None:
    """The rule's deadline of a document of `year` when the region's schedule has none:
    PK, its Rencana Aksi and the IKU within a month of the DPA (31 January of the year, no DPA
    date being known); the Renja by 31 July of the year before (a month after the RKPD, itself
    by the end of June); the year's evaluation by 31 January of the next year; the LKjIP by the
    end of February of the next year. The Renstra is five-yearly: no yearly deadline."""
    if document_type in (DocumentType.PK, DocumentType.RENAKSI, DocumentType.IKU):
        return datetime.date(year, 1, 31)
    if document_type == DocumentType.RENJA:
        return datetime.date(year - 1, 7, 31)
    if document_type == DocumentType.EVALUATION:
        return datetime.date(year + 1, 1, 31)
    if document_type == DocumentType.LKJIP:
        return datetime.date(year + 1, 2, calendar.monthrange(year + 1, 2)[1])
    return None


@dataclass
class Deadline:
    document_type: str
    label: str
    deadline: datetime.date | None
    default: datetime.date | None
    note: str = ""

    @property
    def is_default(self) -> bool:
        return self.deadline == self.default


def schedule_of(region: Region, year: int, saved: list[Schedule] | None = None) -> list[Deadline]:
    """Every document type's deadline of `region` and `year`: the saved one, else the default."""
    if saved is None:
        saved = list(Schedule.objects.filter(region=region, year=year))
    by_type = {s.document_type: s for s in saved}
    rows = []
    for document_type, label in DocumentType.choices:
        default = default_deadline(document_type, year)
        kept = by_type.get(document_type)
        rows.append(
            Deadline(
                document_type,
                str(label),
                kept.deadline if kept else default,
                default,
                kept.note if kept else "",
            )
        )
    return rows


@dataclass
class RegisterRow:
    """One document of the register: its type (and unit), its status and where it is."""

    document_type: str
    label: str
    status: str = RegisterStatus.MISSING
    url: str = ""
    unit_id: int | None = None
    has_scan: bool = False  # a signed PK's scan is uploaded
    deadline: datetime.date | None = None
    overdue: bool = False
    entry: RegisterEntry | None = None
    from_upload: bool = False  # the status is the uploaded document's

    @property
    def status_label(self) -> str:
        return str(RegisterStatus(self.status).label)

    @property
    def is_final(self) -> bool:
        return self.status == RegisterStatus.FINAL


@dataclass
class Found:
    """What the register reads of one agency's year (read_documents); the console builds its
    document column from the same read."""

    versions: list = field(default_factory=list)
    renjas: list = field(default_factory=list)
    has_iku: bool = False
    agreements: dict = field(default_factory=dict)  # unit id -> latest PK
    lkjip: Lkjip | None = None
    realization: set = field(default_factory=set)  # entry statuses of the year
    entries: dict = field(default_factory=dict)  # (type, unit id) -> RegisterEntry


def read_documents(agency_ids: list[int], year: int) -> dict[int, Found]:
    """Seven queries for any number of agencies."""
    found = {pk: Found() for pk in agency_ids}
    versions = PlanVersion.objects.filter(
        plan__agency__in=agency_ids,
        plan__kind=PlanKind.RENSTRA,
        plan__period_start__lte=year,
        plan__period_end__gte=year,
    ).select_related("plan")
    for version in versions.order_by("plan_id", "number"):
        found[version.plan.agency_id].versions.append(version)
    for renja in Renja.objects.filter(agency__in=agency_ids, year=year).only(
        "pk", "agency_id", "year", "number", "status"
    ):
        found[renja.agency_id].renjas.append(renja)
    for agency_id in Iku.objects.filter(
        agency__in=agency_ids, year_start__lte=year, year_end__gte=year
    ).values_list("agency_id", flat=True):
        found[agency_id].has_iku = True
    agreements = (
        PerformanceAgreement.objects.filter(agency__in=agency_ids, year=year)
        .select_related("unit")
        .annotate(
            has_scan=Exists(AgreementScan.objects.filter(agreement=OuterRef("pk"))),
            action_status=ActionPlan.objects.filter(agreement=OuterRef("pk")).values("status")[:1],
        )
        .order_by("unit__name", "unit_id", "number")
    )
    for agreement in agreements:
        found[agreement.agency_id].agreements[agreement.unit_id] = agreement  # latest number last
    for report in Lkjip.objects.filter(agency__in=agency_ids, year=year).order_by("number"):
        found[report.agency_id].lkjip = report
    for agency_id, status in (
        Realization.objects.filter(
            indicator__version__plan__agency__in=agency_ids,
            indicator__version__plan__kind=PlanKind.RENSTRA,
            year=year,
        )
        .values_list("indicator__version__plan__agency_id", "status")
        .distinct()
    ):
        found[agency_id].realization.add(status)
    entries = RegisterEntry.objects.filter(agency__in=agency_ids, year=year)
    for entry in entries.select_related("unit", "remark_by"):
        found[entry.agency_id].entries[(entry.document_type, entry.unit_id)] = entry
    return found


def _renstra_row(found: Found) -> RegisterRow:
    row = RegisterRow(DocumentType.RENSTRA, str(DocumentType.RENSTRA.label))
    if not found.versions:
        return row
    approved = [v for v in found.versions if v.status == VersionStatus.APPROVED]
    version = approved[-1] if approved else found.versions[-1]
    row.status = VERSION_STATUS[version.status]
    row.url = reverse("plans:version", args=[version.pk])
    return row


def _rows(agency: Agency, year: int, found: Found) -> list[RegisterRow]:
    rows = [_renstra_row(found)]
    renja = renja_of_year(found.renjas)
    rows.append(RegisterRow(DocumentType.RENJA, str(DocumentType.RENJA.label)))
    if renja is not None:
        rows[-1].status = RegisterStatus.FINAL if renja.is_final else RegisterStatus.DRAFT
        rows[-1].url = reverse("sakip:renja", args=[renja.pk])
    rows.append(
        RegisterRow(
            DocumentType.IKU,
            str(DocumentType.IKU.label),
            RegisterStatus.FINAL if found.has_iku else RegisterStatus.MISSING,
            reverse("sakip:iku_list", args=[agency.pk]),
        )
    )
    rows += _agreement_rows(agency, year, found)
    rows.append(RegisterRow(DocumentType.LKJIP, str(DocumentType.LKJIP.label)))
    if found.lkjip is not None:
        rows[-1].status = LKJIP_STATUS[found.lkjip.status]
        rows[-1].url = reverse("lkjip:report", args=[found.lkjip.pk])
    rows.append(RegisterRow(DocumentType.EVALUATION, str(DocumentType.EVALUATION.label)))
    if found.realization:
        done = found.realization == {"approved"}
        rows[-1].status = RegisterStatus.FINAL if done else RegisterStatus.DRAFT
        approved = [v for v in found.versions if v.status == VersionStatus.APPROVED]
        if approved:
            rows[-1].url = reverse("monitoring:evaluation", args=[approved[-1].pk, year])
    return rows


def _agreement_rows(agency: Agency, year: int, found: Found) -> list[RegisterRow]:
    pk_label, ra_label = str(DocumentType.PK.label), str(DocumentType.RENAKSI.label)
    link = reverse("sakip:pk_list", args=[agency.pk]) + "?tahun={}".format(year)
    # Units with a PK uploaded from outside the system (none in the system): rows of their own.
    outside = {
        unit_id: entry.unit
        for (document_type, unit_id), entry in found.entries.items()
        if unit_id
        and unit_id not in found.agreements
        and document_type in (DocumentType.PK, DocumentType.RENAKSI)
    }
    if not found.agreements and not outside:
        return [
            RegisterRow(DocumentType.PK, pk_label, url=link),
            RegisterRow(DocumentType.RENAKSI, ra_label),
        ]
    pks, plans = [], []
    for unit_id, unit in sorted(outside.items(), key=lambda item: item[1].name):
        pks.append(RegisterRow(DocumentType.PK, "{} — {}".format(pk_label, unit.name), url=link))
        pks[-1].unit_id = unit_id
        plans.append(RegisterRow(DocumentType.RENAKSI, "{} — {}".format(ra_label, unit.name)))
        plans[-1].unit_id = unit_id
    for unit_id, agreement in found.agreements.items():
        name = agreement.unit.name
        signed = agreement.is_signed
        pks.append(
            RegisterRow(
                DocumentType.PK,
                "{} — {}".format(pk_label, name),
                RegisterStatus.FINAL if signed else RegisterStatus.DRAFT,
                reverse("sakip:pk", args=[agreement.pk]),
                unit_id,
                has_scan=agreement.has_scan,
            )
        )
        action = agreement.action_status
        plans.append(
            RegisterRow(
                DocumentType.RENAKSI,
                "{} — {}".format(ra_label, name),
                {None: RegisterStatus.MISSING, "final": RegisterStatus.FINAL}.get(
                    action, RegisterStatus.DRAFT
                ),
                reverse("sakip:renaksi", args=[agreement.pk]),
                unit_id,
            )
        )
    return pks + plans


def _finish(rows: list[RegisterRow], found: Found, deadlines: dict, today) -> None:
    """The uploads and remarks beside each row, its deadline and whether it is overdue."""
    for row in rows:
        row.entry = found.entries.get((row.document_type, row.unit_id))
        if row.status == RegisterStatus.MISSING and row.entry and row.entry.file:
            row.status = row.entry.status or RegisterStatus.SUBMITTED
            row.from_upload = True
        row.deadline = deadlines.get(row.document_type)
        row.overdue = bool(row.deadline and today > row.deadline and not row.is_final)


def registers_of(
    agencies: list[Agency], region: Region, year: int, found: dict[int, Found] | None = None
) -> dict[int, list[RegisterRow]]:
    """The register of each of `agencies` (of `region`) for `year`, by agency id; `found`: what
    read_documents read of them already."""
    if found is None:
        found = read_documents([a.pk for a in agencies], year)
    deadlines = {d.document_type: d.deadline for d in schedule_of(region, year)}
    today = timezone.localdate()
    registers = {}
    for agency in agencies:
        rows = _rows(agency, year, found[agency.pk])
        _finish(rows, found[agency.pk], deadlines, today)
        registers[agency.pk] = rows
    return registers


def agency_register(agency: Agency, year: int) -> list[RegisterRow]:
    """The register of `agency` for `year` (see the module's docstring)."""
    return registers_of([agency], agency.region, year)[agency.pk]


def region_register(region: Region, year: int) -> dict[int, list[RegisterRow]]:
    """The register of every agency of `region` for `year`, by agency id: nine queries."""
    agencies = list(Agency.objects.filter(region=region).order_by("short_name", "pk"))
    return registers_of(agencies, region, year)


def overdue_labels(rows: list[RegisterRow]) -> list[str]:
    """The overdue documents of one agency's register, for the console."""
    return [row.label for row in rows if row.overdue]
