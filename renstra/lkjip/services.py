"""Every write of an LKjIP: make one for a year, write its narrative while it is a draft, and
move it along draft -> submitted -> verified -> final (submitted or verified back to draft with
a note). Pages call these; a final LKjIP is refused here first with a clear message (and by the
database, renstra.lkjip.frozen)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from renstra.core.targets import TargetKind, parse_target
from renstra.lkjip.choices import NARRATIVE_FIELDS, LkjipScope, LkjipStatus
from renstra.lkjip.models import Lkjip
from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.models import Agency, Indicator, Objective, PlanVersion, Region


def _approved(**where):
    """Approved versions (with their plan, its agency and RPJMD), newest period and version
    first: what an LKjIP reports on."""
    return (
        PlanVersion.objects.filter(status=VersionStatus.APPROVED, **where)
        .select_related("plan__agency", "plan__regional_plan")
        .order_by("-plan__period_start", "-number")
    )


def _covering(versions, year: int) -> PlanVersion | None:
    """The first of `versions` whose plan carries targets for `year`."""
    return next((v for v in versions if year in v.plan.target_years), None)


def _years(versions) -> list[int]:
    return sorted({y for v in versions for y in v.plan.target_years})


def version_for_year(agency: Agency, year: int) -> PlanVersion | None:
    """The Renstra version an LKjIP of `year` reports on: the newest approved version of the
    agency's Renstra whose period carries targets for `year`."""
    return _covering(_approved(plan__agency=agency, plan__kind=PlanKind.RENSTRA), year)


def report_years(agency: Agency) -> list[int]:
    """The years an LKjIP can be made for: the target years of the approved Renstra versions."""
    return _years(_approved(plan__agency=agency, plan__kind=PlanKind.RENSTRA))


def rpjmd_for_year(region: Region, year: int) -> PlanVersion | None:
    """The RPJMD version the Pemda's LKjIP of `year` reports on: the newest approved version of
    the region's RPJMD whose period carries targets for `year`. The RPJMD is filed under the
    agency that holds it (Bappeda), which keeps the Pemda's LKjIP."""
    return _covering(_approved(plan__agency__region=region, plan__kind=PlanKind.RPJMD), year)


def region_report_years(region: Region) -> list[int]:
    """The years a Pemda's LKjIP can be made for: the target years of the approved RPJMD."""
    return _years(_approved(plan__agency__region=region, plan__kind=PlanKind.RPJMD))


def _assert_status(lkjip: Lkjip, *allowed: str, message: str) -> None:
    if lkjip.status not in allowed:
        raise ValidationError(message)


def assert_draft(lkjip: Lkjip) -> None:
    if lkjip.status == LkjipStatus.FINAL:
        raise ValidationError(
            _(
                "LKjIP ini sudah final dan tidak dapat diubah. Buat perbaikan (nomor baru) bila perlu."
            )
        )
    _assert_status(
        lkjip,
        LkjipStatus.DRAFT,
        message=_(
            "LKjIP ini sedang {}: uraiannya hanya dapat diubah saat draf (setelah dikembalikan)."
        ).format(lkjip.get_status_display().lower()),
    )


def create_lkjip(*, agency: Agency, year: int, user) -> Lkjip:
    """A new LKjIP of `agency` for `year`, on the approved Renstra version of the year. Only
    one LKjIP of a year is open at a time: a new number only after the last one is final (a
    correction), whose narrative it starts from."""
    version = version_for_year(agency, year)
    if version is None:
        raise ValidationError(
            _(
                "Tidak ada Renstra yang ditetapkan dengan target tahun {}: LKjIP melaporkan "
                "capaian Renstra yang ditetapkan."
            ).format(year)
        )
    return _create(agency, year, LkjipScope.AGENCY, version, user)


def create_region_lkjip(*, region: Region, year: int, user) -> Lkjip:
    """A new LKjIP of the Pemda of `region` for `year`, on the approved RPJMD version of the
    year, kept by the agency that holds the RPJMD; one open at a time, as an agency's."""
    version = rpjmd_for_year(region, year)
    if version is None:
        raise ValidationError(
            _(
                "Tidak ada RPJMD yang ditetapkan dengan target tahun {}: LKjIP Pemerintah "
                "Daerah melaporkan capaian RPJMD yang ditetapkan."
            ).format(year)
        )
    return _create(version.plan.agency, year, LkjipScope.REGION, version, user)


@transaction.atomic
def _create(agency: Agency, year: int, scope: str, version: PlanVersion, user) -> Lkjip:
    existing = Lkjip.objects.select_for_update().filter(agency=agency, year=year, scope=scope)
    latest = existing.order_by("-number").first()
    if latest is not None and latest.status != LkjipStatus.FINAL:
        raise ValidationError(
            _("LKjIP tahun {} sudah ada dan belum final: lanjutkan yang itu.").format(year)
        )
    number = (existing.aggregate(top=Max("number"))["top"] or 0) + 1
    carried = {f: getattr(latest, f) for f in NARRATIVE_FIELDS} if latest else {}
    return Lkjip.objects.create(
        agency=agency,
        year=year,
        scope=scope,
        number=number,
        version=version,
        created_by=user,
        analyses=dict(latest.analyses) if latest else {},
        **carried,
    )


@transaction.atomic
def save_narrative(
    *, lkjip: Lkjip, fields: dict[str, str], analyses: dict[int, str] | None = None
) -> Lkjip:
    """Write the chapters in `fields` (of NARRATIVE_FIELDS) and the analyses of the sasaran
    in `analyses` (by sasaran id); the others stay as they are. Draft only."""
    lkjip = Lkjip.objects.select_for_update().get(pk=lkjip.pk)
    assert_draft(lkjip)
    unknown = set(fields) - set(NARRATIVE_FIELDS)
    if unknown:
        raise ValidationError(_("Bagian laporan tidak dikenal: {}.").format(", ".join(unknown)))
    for name, text in fields.items():
        setattr(lkjip, name, text.strip())
    if analyses:
        known = set(
            Objective.objects.filter(
                goal__version=lkjip.version_id, pk__in=list(analyses)
            ).values_list("pk", flat=True)
        )
        if set(analyses) - known:
            raise ValidationError(_("Sasaran yang dianalisis tidak ada di Renstra LKjIP ini."))
        merged = dict(lkjip.analyses or {})
        for objective_id, text in analyses.items():
            merged[str(objective_id)] = text.strip()
        lkjip.analyses = merged
    lkjip.save()
    return lkjip


@transaction.atomic
def save_standards(*, lkjip: Lkjip, standards: dict[int, tuple[str, str]]) -> Lkjip:
    """Set the national standard of the indicators in `standards` ({indicator id: (value as
    typed, source)}); an empty value removes the indicator's standard. Draft only. A value must
    read as a target does (a number, a percentage, a range...) so that the realization can be
    compared with it; its text is kept as typed."""
    lkjip = Lkjip.objects.select_for_update().get(pk=lkjip.pk)
    assert_draft(lkjip)
    known = dict(
        Indicator.objects.filter(version=lkjip.version_id, pk__in=list(standards)).values_list(
            "pk", "name"
        )
    )
    errors = []
    kept = dict(lkjip.standards or {})
    for indicator_id, (value, source) in standards.items():
        if indicator_id not in known:
            errors.append(_("Indikator {} tidak ada di rencana LKjIP ini.").format(indicator_id))
            continue
        value, source = value.strip(), source.strip()
        if not value:
            kept.pop(str(indicator_id), None)
            continue
        if parse_target(value).kind in (TargetKind.TEXT, TargetKind.NIL):
            errors.append(
                _('Standar nasional "{}" untuk indikator "{}" tidak terbaca sebagai nilai.').format(
                    value, known[indicator_id]
                )
            )
            continue
        if not source:
            errors.append(
                _('Sebutkan sumber standar nasional untuk indikator "{}".').format(
                    known[indicator_id]
                )
            )
            continue
        kept[str(indicator_id)] = {"value": value, "source": source}
    if errors:
        raise ValidationError(errors)
    lkjip.standards = kept
    lkjip.save()
    return lkjip


@transaction.atomic
def submit_lkjip(*, lkjip: Lkjip) -> Lkjip:
    lkjip = Lkjip.objects.select_for_update().get(pk=lkjip.pk)
    assert_draft(lkjip)
    lkjip.status = LkjipStatus.SUBMITTED
    lkjip.submitted_at = timezone.now()
    lkjip.return_note = ""
    lkjip.save()
    return lkjip


@transaction.atomic
def verify_lkjip(*, lkjip: Lkjip, user) -> Lkjip:
    lkjip = Lkjip.objects.select_for_update().get(pk=lkjip.pk)
    _assert_status(
        lkjip, LkjipStatus.SUBMITTED, message=_("Hanya LKjIP yang diajukan dapat diverifikasi.")
    )
    lkjip.status = LkjipStatus.VERIFIED
    lkjip.verified_at = timezone.now()
    lkjip.verified_by = user
    lkjip.save()
    return lkjip


@transaction.atomic
def finalize_lkjip(*, lkjip: Lkjip) -> Lkjip:
    lkjip = Lkjip.objects.select_for_update().get(pk=lkjip.pk)
    _assert_status(
        lkjip,
        LkjipStatus.VERIFIED,
        message=_("Hanya LKjIP yang sudah diverifikasi dapat dijadikan final."),
    )
    lkjip.status = LkjipStatus.FINAL
    lkjip.finalized_at = timezone.now()
    lkjip.save()
    return lkjip


@transaction.atomic
def return_lkjip(*, lkjip: Lkjip, note: str) -> Lkjip:
    """Back to draft with what is to be corrected."""
    lkjip = Lkjip.objects.select_for_update().get(pk=lkjip.pk)
    _assert_status(
        lkjip,
        LkjipStatus.SUBMITTED,
        LkjipStatus.VERIFIED,
        message=_("Hanya LKjIP yang diajukan atau diverifikasi dapat dikembalikan."),
    )
    if not note.strip():
        raise ValidationError(_("Tuliskan catatan: apa yang harus diperbaiki."))
    lkjip.status = LkjipStatus.DRAFT
    lkjip.return_note = note.strip()
    lkjip.verified_at = None
    lkjip.verified_by = None
    lkjip.save()
    return lkjip
