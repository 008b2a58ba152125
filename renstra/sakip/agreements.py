"""Every write of a Perjanjian Kinerja and its Rencana Aksi: a PK drawn from the Renja of the
year for the official heading a unit, its targets and anggaran changed (with or without a reason:
the consistency chain judges it, renstra.sakip.chain), signed (then frozen), a PK Perubahan as
a new number, the signed scan; a Rencana Aksi with its targets and actions per period, made
final. Pages, the API, the demo and tests call these, each in one transaction.

What a PK holds, by its level (the first party's position):

  kepala         the sasaran of the Renstra year with their indicators and targets; the programs
                 of the Renja with their anggaran
  administrator  the programs assigned to the unit (eselon III), their indicators and targets
                 from the Renja; their kegiatan with anggaran
  pengawas       the kegiatan assigned to the unit (eselon IV), their indicators and targets from
                 the Renja; their sub kegiatan with anggaran (the kegiatan itself without any)

Anggaran is the Renja's DPA pagu when the budget is approved, else its pagu indikatif.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renstra.core.targets import normalize_space
from renstra.monitoring.evaluation import effective_rollup
from renstra.plans.assignments import assignments_for
from renstra.plans.choices import UnitKind
from renstra.plans.item_refs import REF_LEVELS
from renstra.plans.models import AgencySignature, Unit
from renstra.plans.organization import official_on, unit_above
from renstra.plans.readmodel import read_version
from renstra.sakip.choices import (
    ActionPeriods,
    ActionPlanStatus,
    AgreementLevel,
    AgreementStatus,
    RenjaLevel,
)
from renstra.sakip.models import (
    ActionPlan,
    ActionTarget,
    AgreementBudget,
    AgreementScan,
    AgreementTarget,
    PerformanceAgreement,
    RegionHead,
    Renja,
    RenjaItem,
)
from renstra.sakip.services import money, target_fields
from renstra.sakip.year_plan import renja_of_year

SCAN_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")
SCAN_MAX_BYTES = 20 * 1024 * 1024


# --- reads ---------------------------------------------------------------------------------


def agreement_level(unit: Unit) -> str:
    """The PK level of the official heading `unit`, by the unit's kind and eselon."""
    if unit.kind == UnitKind.HEAD:
        return AgreementLevel.HEAD
    eselon = (unit.eselon or "").split(".")[0]
    if eselon == "III":
        return AgreementLevel.ADMINISTRATOR
    if eselon == "IV":
        return AgreementLevel.SUPERVISOR
    raise ValidationError(
        _(
            "{unit} tidak mempunyai eselon II, III atau IV: Perjanjian Kinerja dibuat untuk "
            "kepala Perangkat Daerah, pejabat administrator dan pejabat pengawas. Isi eselon unit "
            "ini di halaman organisasi."
        ).format(unit=unit.name)
    )


def renja_for_agreement(agency, year: int) -> Renja | None:
    """The Renja a PK of `year` is drawn from: the latest final one, else the latest draft."""
    return renja_of_year(list(Renja.objects.filter(agency=agency, year=year)))


def default_day(year: int, today: datetime.date | None = None) -> datetime.date:
    """The PK's date when none is given: today within its year, else 31 January of it (a PK is
    signed within a month of the DPA, at the start of the year)."""
    today = today or timezone.localdate()
    return today if today.year == year else datetime.date(year, 1, 31)


def default_place(agency) -> str:
    block = AgencySignature.objects.filter(agency=agency).first()
    if block is not None and block.place:
        return block.place
    name = agency.region.name
    for prefix in ("Kota ", "Kabupaten ", "Provinsi "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


@dataclass
class Party:
    name: str
    position: str
    rank: str
    nip: str
    official: object = None
    region_head: RegionHead | None = None


def first_party(unit: Unit, day: datetime.date) -> Party:
    official = official_on(unit, day)
    if official is None:
        raise ValidationError(
            _(
                "Tidak ada pejabat yang tercatat memimpin {unit} pada {day}: catat pejabatnya di "
                "halaman organisasi dulu."
            ).format(unit=unit.name, day=day.strftime("%d-%m-%Y"))
        )
    return Party(
        official.name, official.printed_position, official.rank, official.nip, official=official
    )


def second_party(unit: Unit, day: datetime.date) -> Party:
    """The superior of the unit's head on `day`: the head of region for the head of agency,
    else the head of the unit above."""
    if unit.kind == UnitKind.HEAD:
        head = RegionHead.objects.filter(region=unit.agency.region_id).on(day).first()
        if head is None:
            raise ValidationError(
                _(
                    "Kepala daerah {region} pada {day} belum dicatat: catat kepala daerah (pihak "
                    "kedua PK kepala Perangkat Daerah) dulu."
                ).format(region=unit.agency.region.name, day=day.strftime("%d-%m-%Y"))
            )
        return Party(head.name, head.position, "", "", region_head=head)
    above = unit_above(unit)
    if above is None:
        raise ValidationError(
            _("{unit} tidak berada di bawah unit mana pun, dan Kepala belum dicatat.").format(
                unit=unit.name
            )
        )
    official = official_on(above, day)
    if official is None:
        raise ValidationError(
            _(
                "Tidak ada pejabat yang tercatat memimpin {unit} (atasan pihak pertama) pada {day}."
            ).format(unit=above.name, day=day.strftime("%d-%m-%Y"))
        )
    return Party(
        official.name, official.printed_position, official.rank, official.nip, official=official
    )


def latest_agreement(unit: Unit, year: int) -> PerformanceAgreement | None:
    return PerformanceAgreement.objects.filter(unit=unit, year=year).order_by("-number").first()


def total_budget(agreement: PerformanceAgreement, rows=None) -> Decimal:
    """The anggaran total: the sum of the budget rows (empty rows count nothing)."""
    rows = agreement.budgets.all() if rows is None else rows
    return sum((row.amount or Decimal(0) for row in rows), Decimal(0))


# --- writes --------------------------------------------------------------------------------


def assert_draft(agreement: PerformanceAgreement) -> None:
    if agreement.status == AgreementStatus.SIGNED:
        raise ValidationError(
            _(
                "{} sudah ditandatangani dan tidak dapat diubah; buat PK Perubahan untuk "
                "mengubahnya."
            ).format(agreement)
        )


@transaction.atomic
def create_agreement(
    *,
    unit: Unit,
    year: int,
    user=None,
    day: datetime.date | None = None,
    place: str = "",
    is_example: bool = False,
) -> PerformanceAgreement:
    """The PK murni of the official heading `unit` on `day` for `year`, drawn from the Renja of
    the year (renja_for_agreement) and, for the head, the Renstra year it was made from."""
    agency = unit.agency
    level = agreement_level(unit)
    if PerformanceAgreement.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            _(
                "PK {unit} tahun {year} sudah ada; ubah PK itu, atau buat PK Perubahan dari PK "
                "yang sudah ditandatangani."
            ).format(unit=unit.name, year=year)
        )
    renja = renja_for_agreement(agency, year)
    if renja is None:
        raise ValidationError(
            _(
                "Belum ada Renja {agency} tahun {year}: PK disusun dari Renja, buat Renja dulu."
            ).format(agency=agency.short_name, year=year)
        )
    day = day or default_day(year)
    first, second = first_party(unit, day), second_party(unit, day)
    agreement = PerformanceAgreement.objects.create(
        agency=agency,
        year=year,
        unit=unit,
        level=level,
        renja=renja,
        day=day,
        place=normalize_space(place) or default_place(agency),
        first_official=first.official,
        first_name=first.name,
        first_position=first.position,
        first_rank=first.rank,
        first_nip=first.nip,
        second_official=second.official,
        second_region_head=second.region_head,
        second_name=second.name,
        second_position=second.position,
        second_rank=second.rank,
        second_nip=second.nip,
        created_by=user,
        is_example=is_example,
    )
    targets, budgets = _drawn_rows(agreement, renja, unit, level, year)
    if not targets and not budgets:
        raise ValidationError(
            _(
                "Belum ada program atau kegiatan Renja {year} yang ditugaskan ke {unit}: tugaskan "
                "program (eselon III) atau kegiatan (eselon IV) ke unit ini di halaman organisasi."
            ).format(year=year, unit=unit.name)
        )
    AgreementTarget.objects.bulk_create(targets)
    AgreementBudget.objects.bulk_create(budgets)
    return agreement


def _drawn_rows(agreement, renja: Renja, unit: Unit, level: str, year: int):
    read = read_version(renja.based_on)
    renstra_indicators = {owned.indicator.pk: owned.indicator for owned in read.indicators()}
    items = list(renja.items.select_related("funding").prefetch_related("indicators"))
    children: dict[int, list[RenjaItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    targets: list[AgreementTarget] = []
    budgets: list[AgreementBudget] = []

    def add_target(statement, name, measure_unit, raw, source, renstra_id, renja_id=None):
        indicator = renstra_indicators.get(renstra_id)
        targets.append(
            AgreementTarget(
                agreement=agreement,
                order=len(targets) + 1,
                statement=statement,
                name=name,
                measure_unit=measure_unit,
                source=source,
                source_target_raw=raw,
                source_indicator_id=renstra_id,
                renja_indicator_id=renja_id,
                rollup=effective_rollup(indicator).value if indicator is not None else "",
                **target_fields(raw),
            )
        )

    def add_budget(item: RenjaItem):
        funding = item.funding
        dpa = funding.dpa_amount is not None
        budgets.append(
            AgreementBudget(
                agreement=agreement,
                order=len(budgets) + 1,
                level=item.level,
                code=item.code,
                name=item.name,
                amount_raw=funding.dpa_raw if dpa else funding.pagu_raw,
                amount=funding.dpa_amount if dpa else funding.pagu,
                source_amount=funding.dpa_amount if dpa else funding.pagu,
                renja_item_id=item.pk,
            )
        )

    def add_item_targets(item: RenjaItem):
        for indicator in item.indicators.all():
            add_target(
                item.name,
                indicator.name,
                indicator.unit,
                indicator.target_raw,
                "renja",
                indicator.source_indicator_id,
                indicator.pk,
            )

    if level == AgreementLevel.HEAD:
        for objective in read.items("sasaran"):
            for indicator in objective.indicator_list:
                target = next((t for t in indicator.target_list if t.year == year), None)
                add_target(
                    objective.name,
                    indicator.name,
                    indicator.unit,
                    target.raw_text if target else "",
                    "renstra",
                    indicator.pk,
                )
        for item in items:
            if item.level == RenjaLevel.PROGRAM:
                add_budget(item)
        return targets, budgets

    held = _held_by(read, renja.agency, unit)
    wanted = RenjaLevel.PROGRAM if level == AgreementLevel.ADMINISTRATOR else RenjaLevel.ACTIVITY
    for item in items:
        if item.level != wanted or (item.source_kind, item.source_id) not in held:
            continue
        add_item_targets(item)
        below = children.get(item.pk, [])
        for child in below:
            add_budget(child)
        if not below and wanted == RenjaLevel.ACTIVITY:
            add_budget(item)
    return targets, budgets


def _held_by(read, agency, unit: Unit) -> set[tuple[str, int]]:
    """(level, Renstra item id) of the programs and kegiatan `unit` is responsible for."""
    units = {u.pk: u for u in Unit.objects.filter(agency=agency)}
    assignments = assignments_for(agency, units, {level: read.items(level) for level in REF_LEVELS})
    held = set()
    for program in read.items("program"):
        found = assignments.responsible("program", program)
        if found is not None and found.unit.pk == unit.pk:
            held.add(("program", program.pk))
        for activity in program.activity_list:
            found = assignments.responsible("kegiatan", activity)
            if found is not None and found.unit.pk == unit.pk:
                held.add(("kegiatan", activity.pk))
    return held


@transaction.atomic
def update_agreement_target(*, target: AgreementTarget, raw: str, reason: str = "") -> None:
    """The PK's target of one row, as typed, with the reason of a change (judged by the chain)."""
    assert_draft(target.agreement)
    for name, value in target_fields(raw).items():
        setattr(target, name, value)
    target.change_reason = normalize_space(reason)
    target.save()


@transaction.atomic
def update_agreement_budget(*, budget: AgreementBudget, raw: str, reason: str = "") -> None:
    assert_draft(budget.agreement)
    budget.amount_raw = raw.strip()
    budget.amount = money(raw, "amount", _("Anggaran tidak boleh negatif."))
    budget.change_reason = normalize_space(reason)
    budget.save()


@transaction.atomic
def update_agreement_day(
    *, agreement: PerformanceAgreement, day: datetime.date, place: str = ""
) -> None:
    """The PK's date and place; both parties are those in office on the new date."""
    assert_draft(agreement)
    if day.year not in (agreement.year, agreement.year - 1):
        raise ValidationError(
            {
                "day": _("Tanggal PK {} harus pada tahun {} atau akhir tahun sebelumnya.").format(
                    agreement.year, agreement.year
                )
            }
        )
    first, second = first_party(agreement.unit, day), second_party(agreement.unit, day)
    agreement.day = day
    agreement.place = normalize_space(place) or agreement.place
    for side, party in (("first", first), ("second", second)):
        for field in ("name", "position", "rank", "nip"):
            setattr(agreement, "{}_{}".format(side, field), getattr(party, field))
    agreement.first_official = first.official
    agreement.second_official = second.official
    agreement.second_region_head = second.region_head
    agreement.save()


@transaction.atomic
def sign_agreement(*, agreement: PerformanceAgreement, user) -> PerformanceAgreement:
    """The PK is signed: from now on the document as signed, frozen."""
    assert_draft(agreement)
    if not agreement.targets.exists():
        raise ValidationError(_("PK tanpa target kinerja tidak dapat ditandatangani."))
    agreement.status = AgreementStatus.SIGNED
    agreement.signed_at = timezone.now()
    agreement.signed_by = user
    agreement.save(update_fields=["status", "signed_at", "signed_by"])
    return agreement


@transaction.atomic
def agreement_perubahan(
    *, agreement: PerformanceAgreement, reason: str, user
) -> PerformanceAgreement:
    """A PK Perubahan: the next number, a draft copy of the signed, latest PK of its unit and
    year with every target and budget row, to be changed in turn and signed again."""
    if agreement.status != AgreementStatus.SIGNED:
        raise ValidationError(
            _(
                "{} masih draf: ubah langsung; PK Perubahan dibuat dari PK yang ditandatangani."
            ).format(agreement)
        )
    latest = latest_agreement(agreement.unit, agreement.year)
    if latest.pk != agreement.pk:
        raise ValidationError(
            _("Sudah ada {}; PK Perubahan dibuat dari PK terakhir.").format(latest)
        )
    if not normalize_space(reason):
        raise ValidationError({"reason": _("Tuliskan alasan PK Perubahan.")})
    targets, budgets = list(agreement.targets.all()), list(agreement.budgets.all())
    new = PerformanceAgreement.objects.get(pk=agreement.pk)
    new.pk = None
    new.number = agreement.number + 1
    new.previous = agreement
    new.revision_reason = normalize_space(reason)
    new.status = AgreementStatus.DRAFT
    new.signed_at, new.signed_by, new.created_by = None, None, user
    new.renja = renja_for_agreement(agreement.agency, agreement.year) or agreement.renja
    new.save()
    for row in targets + budgets:
        row.pk, row.agreement = None, new
    AgreementTarget.objects.bulk_create(targets)
    AgreementBudget.objects.bulk_create(budgets)
    return new


@transaction.atomic
def upload_scan(*, agreement: PerformanceAgreement, upload, user) -> AgreementScan:
    """The signed PK as scanned; only a signed PK has one."""
    if agreement.status != AgreementStatus.SIGNED:
        raise ValidationError(
            _("Pindaian diunggah setelah PK ditandatangani (tandai PK ditandatangani dulu).")
        )
    name = upload.name or ""
    if not name.lower().endswith(SCAN_EXTENSIONS):
        raise ValidationError(
            {"file": _("Pindaian harus berkas PDF, JPG atau PNG; {} bukan.").format(name)}
        )
    if upload.size > SCAN_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("Pindaian paling besar 20 MB; berkas ini {:.1f} MB.").format(
                    upload.size / 1024 / 1024
                )
            }
        )
    return AgreementScan.objects.create(
        agreement=agreement, file=upload, original_name=name[:255], uploaded_by=user
    )


# --- Rencana Aksi -----------------------------------------------------------------------


@transaction.atomic
def create_action_plan(
    *,
    agreement: PerformanceAgreement,
    periods: int = ActionPeriods.QUARTERLY,
    user=None,
    is_example: bool = False,
) -> ActionPlan:
    """The Rencana Aksi of a PK, with an empty target and actions for every PK row and period."""
    if ActionPlan.objects.filter(agreement=agreement).exists():
        raise ValidationError(_("{} sudah mempunyai Rencana Aksi.").format(agreement))
    if periods not in ActionPeriods.values:
        raise ValidationError({"periods": _("Periode Rencana Aksi: triwulan (4) atau bulan (12).")})
    plan = ActionPlan.objects.create(
        agreement=agreement, periods=periods, created_by=user, is_example=is_example
    )
    ActionTarget.objects.bulk_create(
        ActionTarget(plan=plan, target=target, period=period)
        for target in agreement.targets.all()
        for period in range(1, periods + 1)
    )
    return plan


def assert_action_draft(plan: ActionPlan) -> None:
    if plan.status == ActionPlanStatus.FINAL:
        raise ValidationError(
            _("Rencana Aksi {} sudah final dan tidak dapat diubah.").format(plan.agreement)
        )


@transaction.atomic
def set_action_targets(*, plan: ActionPlan, values: dict[tuple[int, int], tuple[str, str]]) -> int:
    """{(PK target id, period): (target text, actions)} written all or nothing; returns the
    rows changed. A row of another PK, or a period outside the plan's, refuses the whole."""
    assert_action_draft(plan)
    rows = {(r.target_id, r.period): r for r in plan.targets.all()}
    missing = sorted(key for key in values if key not in rows)
    if missing:
        raise ValidationError(
            _("Baris Rencana Aksi {} bukan milik Rencana Aksi ini.").format(missing)
        )
    changed = []
    for key, (raw, actions) in values.items():
        row = rows[key]
        fields = target_fields(raw)
        actions = (actions or "").strip()
        if (row.target_raw, row.actions) == (fields["target_raw"], actions):
            continue
        for name, value in fields.items():
            setattr(row, name, value)
        row.actions = actions
        changed.append(row)
    ActionTarget.objects.bulk_update(
        changed, ["target_raw", "target_kind", "target_value", "actions"]
    )
    return len(changed)


@transaction.atomic
def finalize_action_plan(*, plan: ActionPlan) -> ActionPlan:
    assert_action_draft(plan)
    plan.status = ActionPlanStatus.FINAL
    plan.save(update_fields=["status"])
    return plan
