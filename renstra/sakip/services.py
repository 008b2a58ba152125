"""Every write of a Renja: made from the Renstra year, its targets and pagu changed (with or
without a reason: the consistency rules judge it), the DPA's definitive pagu, final, and a Renja
Perubahan as a new number. Pages, tests and the CLI call these, each in one transaction."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renstra.core.numbers import NumberFormatError, parse_amount
from renstra.core.targets import normalize_space, parse_target
from renstra.plans.choices import VersionStatus
from renstra.plans.models import PlanVersion
from renstra.plans.readmodel import read_version
from renstra.sakip.choices import RenjaLevel, RenjaStatus
from renstra.sakip.models import Renja, RenjaFunding, RenjaIndicator, RenjaItem

# The Renstra's levels of the programs side and the Renja's level each becomes.
SOURCE_LEVELS = (
    ("program", RenjaLevel.PROGRAM),
    ("kegiatan", RenjaLevel.ACTIVITY),
    ("sub_kegiatan", RenjaLevel.SUB_ACTIVITY),
)


def renja_years(version: PlanVersion) -> list[int]:
    """The years a Renja may be made for from `version`: the Renstra's target years."""
    return version.plan.target_years


def _assert_draft(renja: Renja) -> None:
    if renja.status == RenjaStatus.FINAL:
        raise ValidationError(
            _(
                "{} sudah final dan tidak dapat diubah; buat Renja Perubahan untuk mengubahnya."
            ).format(renja)
        )


@transaction.atomic
def create_renja(*, version: PlanVersion, year: int, user) -> Renja:
    """The Renja murni of `year`, copied from the approved Renstra `version`: every program,
    kegiatan and sub kegiatan with its indicators, the year's target and pagu, and the next
    year's (prakiraan maju). An item or indicator without a target or pagu that year still comes,
    with empty values: nothing of the Renstra is dropped, and the page shows what is empty."""
    if version.status != VersionStatus.APPROVED:
        raise ValidationError(
            _(
                "Renja dibuat dari Renstra yang ditetapkan dan berlaku; versi ini berstatus {}."
            ).format(VersionStatus(version.status).label)
        )
    agency = version.plan.agency
    if year not in renja_years(version):
        raise ValidationError(
            _("Tahun {} di luar periode Renstra {} (tahun target {}-{}).").format(
                year, version.plan.period, renja_years(version)[0], renja_years(version)[-1]
            )
        )
    if Renja.objects.filter(agency=agency, year=year).exists():
        raise ValidationError(
            _(
                "Renja {} tahun {} sudah ada; ubah Renja itu atau buat Renja Perubahan darinya."
            ).format(agency.short_name, year)
        )
    renja = Renja.objects.create(agency=agency, year=year, based_on=version, created_by=user)
    _copy_renstra_year(renja, read_version(version), year)
    return renja


def _copy_renstra_year(renja: Renja, snapshot, year: int) -> None:
    order = 0

    def copy(item, kind: str, level: str, parent: RenjaItem | None) -> RenjaItem:
        nonlocal order
        order += 1
        copied = RenjaItem.objects.create(
            renja=renja,
            parent=parent,
            level=level,
            code=item.code,
            name=item.name,
            location=getattr(item, "location", ""),
            source_kind=kind,
            source_id=item.pk,
            order=order,
        )
        funding = {f.year: f for f in item.funding_list}
        this, after = funding.get(year), funding.get(year + 1)
        RenjaFunding.objects.create(
            item=copied,
            pagu_raw=this.raw_text if this else "",
            pagu=this.amount if this else None,
            renstra_raw=this.raw_text if this else "",
            renstra_amount=this.amount if this else None,
            forecast_amount=after.amount if after else None,
        )
        indicators = []
        for position, indicator in enumerate(item.indicator_list, start=1):
            targets = {t.year: t for t in indicator.target_list}
            this_target, next_target = targets.get(year), targets.get(year + 1)
            raw = this_target.raw_text if this_target else ""
            indicators.append(
                RenjaIndicator(
                    item=copied,
                    name=indicator.name,
                    unit=indicator.unit,
                    source_indicator_id=indicator.pk,
                    order=position,
                    renstra_target_raw=raw,
                    forecast_target_raw=next_target.raw_text if next_target else "",
                    **target_fields(raw),
                )
            )
        RenjaIndicator.objects.bulk_create(indicators)
        return copied

    for program in snapshot.programs:
        program_copy = copy(program, "program", RenjaLevel.PROGRAM, None)
        for activity in program.activity_list:
            activity_copy = copy(activity, "kegiatan", RenjaLevel.ACTIVITY, program_copy)
            for sub in activity.sub_activity_list:
                copy(sub, "sub_kegiatan", RenjaLevel.SUB_ACTIVITY, activity_copy)


def target_fields(raw: str) -> dict:
    """A target of the SAKIP year (Renja, PK, Rencana Aksi) as typed (kept whole) and parsed,
    as the fields target_raw, target_kind, target_value; an empty text is no target."""
    if not normalize_space(raw):
        return {"target_raw": raw, "target_kind": "", "target_value": None}
    parsed = parse_target(raw)
    return {"target_raw": raw, "target_kind": parsed.kind.value, "target_value": parsed.value}


def money(raw: str, field: str, negative: str = "") -> Decimal | None:
    """Rupiah as typed ("1.250.000"), or None for an empty text; ValidationError on `field`
    for what is not an amount or is negative (`negative`: the sentence saying so)."""
    try:
        amount = parse_amount(raw)
    except NumberFormatError as error:
        raise ValidationError({field: str(error)}) from error
    if amount is not None and amount < 0:
        raise ValidationError({field: negative or _("Pagu tidak boleh negatif.")})
    return amount


@transaction.atomic
def update_target(*, indicator: RenjaIndicator, raw: str, reason: str = "") -> RenjaIndicator:
    """The Renja's target of one indicator, as typed, with the reason of a change. A target that
    differs from the Renstra's is kept without a reason too; the consistency rules report it
    (an error without a reason, a warning showing the reason with one)."""
    _assert_draft(indicator.item.renja)
    for name, value in target_fields(raw).items():
        setattr(indicator, name, value)
    indicator.change_reason = normalize_space(reason)
    indicator.save()
    return indicator


@transaction.atomic
def update_pagu(
    *, funding: RenjaFunding, raw: str, reason: str = "", funding_source: str | None = None
) -> RenjaFunding:
    """The pagu indikatif of one item (as typed, and in rupiah), the reason of a change and the
    sumber dana. Judged as update_target is."""
    _assert_draft(funding.item.renja)
    funding.pagu_raw = raw.strip()
    funding.pagu = money(raw, "pagu")
    funding.change_reason = normalize_space(reason)
    if funding_source is not None:
        funding.funding_source = normalize_space(funding_source)
    funding.save()
    return funding


@transaction.atomic
def set_dpa(*, renja: Renja, amounts: dict[int, str]) -> int:
    """The definitive pagu of the DPA, {RenjaFunding id: text}, all or nothing; an empty text
    clears it. Allowed on a final Renja as well: the DPA is approved after the Renja is, and
    records the budget's outcome beside the plan without changing it. Returns the rows changed."""
    rows = {f.pk: f for f in RenjaFunding.objects.filter(item__renja=renja, pk__in=list(amounts))}
    unknown = sorted(set(amounts) - set(rows))
    if unknown:
        raise ValidationError(_("Baris pagu {} bukan milik Renja ini.").format(unknown))
    errors, changed = {}, []
    for pk, raw in amounts.items():
        row = rows[pk]
        try:
            amount = money(raw, "dpa")
        except ValidationError as error:
            errors["dpa_{}".format(pk)] = "{}: {}".format(row.item, " ".join(error.messages))
            continue
        if (row.dpa_raw, row.dpa_amount) != (raw.strip(), amount):
            row.dpa_raw, row.dpa_amount = raw.strip(), amount
            changed.append(row)
    if errors:
        raise ValidationError(errors)
    RenjaFunding.objects.bulk_update(changed, ["dpa_raw", "dpa_amount"])
    return len(changed)


@transaction.atomic
def finalize_renja(*, renja: Renja) -> Renja:
    """The Renja becomes final: the document as agreed, no longer changed."""
    _assert_draft(renja)
    renja.status = RenjaStatus.FINAL
    renja.save(update_fields=["status"])
    return renja


@transaction.atomic
def renja_perubahan(*, renja: Renja, reason: str, user) -> Renja:
    """A Renja Perubahan: the next number, a draft copy of `renja` (final, and the latest of its
    year) with every item, indicator, target, pagu, DPA and reason, to be changed in turn."""
    if renja.status != RenjaStatus.FINAL:
        raise ValidationError(
            _("{} masih draf: ubah langsung, Renja Perubahan dibuat dari Renja yang final.").format(
                renja
            )
        )
    latest = Renja.objects.filter(agency=renja.agency_id, year=renja.year).order_by("-number")[0]
    if latest.pk != renja.pk:
        raise ValidationError(
            _("Sudah ada {}; Renja Perubahan dibuat dari Renja terakhir.").format(latest)
        )
    if not normalize_space(reason):
        raise ValidationError({"reason": _("Tuliskan alasan Renja Perubahan.")})
    new = Renja.objects.create(
        agency=renja.agency,
        year=renja.year,
        based_on=renja.based_on,
        number=renja.number + 1,
        previous=renja,
        revision_reason=normalize_space(reason),
        created_by=user,
    )
    copies: dict[int, RenjaItem] = {}
    for item in renja.items.select_related("funding").prefetch_related("indicators"):
        old_pk, parent = item.pk, copies.get(item.parent_id)
        funding, indicators = item.funding, list(item.indicators.all())
        item.pk, item.renja, item.parent = None, new, parent
        item.save()
        copies[old_pk] = item
        funding.pk, funding.item = None, item
        funding.save()
        for indicator in indicators:
            indicator.pk, indicator.item = None, item
        RenjaIndicator.objects.bulk_create(indicators)
    return new
