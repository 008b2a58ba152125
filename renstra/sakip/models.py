"""The SAKIP year of an agency: its Renja (yearly work plan) drawn from the Renstra year, and its
IKU (Indikator Kinerja Utama).

A Renja copies what the Renstra says of its year (programs, kegiatan, sub kegiatan, their
indicators with the year's target, their pagu indikatif) and keeps the Renstra's value beside
the Renja's own, so that a change and its reason stay visible (renstra.sakip.consistency). The
copy names its source by id and level only, not by foreign key: a Renja is a document of its
own and outlives a Renstra draft it never came from; the approved version it came from is
PROTECTed through `based_on`.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renstra.plans.models import Agency, Indicator, PlanVersion, Unit
from renstra.sakip.choices import IkuScope, RenjaLevel, RenjaStatus


class Renja(models.Model):
    """The Rencana Kerja of an agency for one year. Number 1 is the Renja murni, 2 and up a
    Renja Perubahan, each a whole copy of the one before it."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="renjas")
    year = models.PositiveSmallIntegerField(_("tahun"))
    based_on = models.ForeignKey(
        PlanVersion,
        on_delete=models.PROTECT,
        related_name="renjas",
        verbose_name=_("versi Renstra sumber"),
    )
    number = models.PositiveSmallIntegerField(_("nomor"), default=1)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("Renja yang diubah"),
    )
    revision_reason = models.TextField(_("alasan perubahan"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RenjaStatus.choices, default=RenjaStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("Renja")
        verbose_name_plural = _("Renja")
        ordering = ["agency", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "number"],
                name="renja_number_unique_per_agency_year",
                violation_error_message=_("Renja dengan nomor ini sudah ada untuk tahun tersebut."),
            )
        ]

    def __str__(self) -> str:
        return "Renja {} {}{}".format(
            self.agency.short_name,
            self.year,
            "" if self.number == 1 else " (Perubahan {})".format(self.number - 1),
        )

    @property
    def kind_label(self) -> str:
        if self.number == 1:
            return str(_("Renja murni"))
        return str(_("Renja Perubahan ke-{}")).format(self.number - 1)

    @property
    def is_final(self) -> bool:
        return self.status == RenjaStatus.FINAL


class RenjaItem(models.Model):
    """A program, kegiatan or sub kegiatan of a Renja, as copied from the Renstra."""

    renja = models.ForeignKey(Renja, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    level = models.CharField(_("tingkat"), max_length=15, choices=RenjaLevel.choices)
    code = models.CharField(_("kode"), max_length=40, blank=True)
    name = models.TextField(_("uraian"))
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    source_kind = models.CharField(_("tingkat sumber di Renstra"), max_length=15, blank=True)
    source_id = models.PositiveIntegerField(_("id sumber di Renstra"), null=True, blank=True)
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("Butir Renja")
        verbose_name_plural = _("Butir Renja")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return "{} {}".format(self.code, self.name).strip()


class RenjaIndicator(models.Model):
    """An indicator of a Renja item with the Renja's target and the Renstra's target of the
    year as copied (both raw; the Renja's also parsed)."""

    item = models.ForeignKey(RenjaItem, on_delete=models.CASCADE, related_name="indicators")
    name = models.TextField(_("indikator"))
    unit = models.CharField(_("satuan"), max_length=100, blank=True)
    source_indicator_id = models.PositiveIntegerField(_("id indikator Renstra"), null=True)
    order = models.PositiveIntegerField(_("urutan"), default=0)
    target_raw = models.CharField(_("target Renja (teks)"), max_length=300, blank=True)
    target_kind = models.CharField(_("bentuk target"), max_length=10, blank=True)
    target_value = models.DecimalField(
        _("target Renja (angka)"), max_digits=24, decimal_places=4, null=True, blank=True
    )
    renstra_target_raw = models.CharField(
        _("target Renstra tahun ini (teks, disalin)"), max_length=300, blank=True
    )
    forecast_target_raw = models.CharField(
        _("target prakiraan maju (teks, disalin dari Renstra)"), max_length=300, blank=True
    )
    change_reason = models.TextField(_("alasan perubahan target"), blank=True)

    class Meta:
        verbose_name = _("Indikator Renja")
        verbose_name_plural = _("Indikator Renja")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class RenjaFunding(models.Model):
    """The money of a Renja item: the pagu indikatif (raw and rupiah), the Renstra's amount of
    the year as copied, the definitive pagu of the DPA once the budget is approved, and the
    Renstra's next year (prakiraan maju)."""

    item = models.OneToOneField(RenjaItem, on_delete=models.CASCADE, related_name="funding")
    pagu_raw = models.CharField(_("pagu indikatif (teks)"), max_length=100, blank=True)
    pagu = models.DecimalField(
        _("pagu indikatif (Rp)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    renstra_raw = models.CharField(_("pagu Renstra (teks, disalin)"), max_length=100, blank=True)
    renstra_amount = models.DecimalField(
        _("pagu Renstra tahun ini (Rp)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    forecast_amount = models.DecimalField(
        _("kebutuhan dana prakiraan maju (Rp)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
    )
    funding_source = models.CharField(_("sumber dana"), max_length=200, blank=True)
    change_reason = models.TextField(_("alasan perubahan pagu"), blank=True)
    dpa_raw = models.CharField(_("pagu DPA (teks)"), max_length=100, blank=True)
    dpa_amount = models.DecimalField(
        _("pagu definitif DPA (Rp)"), max_digits=18, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("Pagu Renja")
        verbose_name_plural = _("Pagu Renja")
        constraints = [
            models.CheckConstraint(
                condition=(Q(pagu__isnull=True) | Q(pagu__gte=Decimal(0)))
                & (Q(dpa_amount__isnull=True) | Q(dpa_amount__gte=Decimal(0))),
                name="renja_funding_not_negative",
                violation_error_message=_("Pagu indikatif dan pagu DPA tidak boleh negatif."),
            )
        ]

    def __str__(self) -> str:
        return "{}: {}".format(self.item, self.pagu_raw)


class Iku(models.Model):
    """An Indikator Kinerja Utama: an indicator of the agency's Renstra (scope pd) or of the
    RPJMD (scope pemda, filed under the planning board that holds the RPJMD) marked as IKU, with
    the IKU form's definition, formula, data source and responsible unit, for a range of years.

    The indicator's name and its sasaran are kept as text beside the link, so that the IKU form
    still prints them when the draft the indicator was in is deleted."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="ikus")
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ikus",
        verbose_name=_("indikator Renstra/RPJMD"),
    )
    scope = models.CharField(
        _("IKU dari"), max_length=10, choices=IkuScope.choices, default=IkuScope.AGENCY
    )
    objective = models.TextField(_("sasaran strategis"), blank=True)
    name = models.TextField(_("indikator kinerja utama"))
    measure_unit = models.CharField(_("satuan"), max_length=100, blank=True)
    definition = models.TextField(_("definisi operasional"))
    formula = models.TextField(_("formula"), blank=True)
    data_source = models.TextField(_("sumber data"))
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ikus",
        verbose_name=_("unit kerja penanggung jawab"),
    )
    year_start = models.PositiveSmallIntegerField(_("berlaku dari tahun"))
    year_end = models.PositiveSmallIntegerField(_("sampai tahun"))

    class Meta:
        verbose_name = _("IKU")
        verbose_name_plural = _("IKU")
        ordering = ["agency", "year_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_end__gte=models.F("year_start")),
                name="iku_years_ordered",
                violation_error_message=_("Tahun akhir IKU tidak boleh sebelum tahun awalnya."),
            )
        ]

    def __str__(self) -> str:
        return self.name


from renstra.sakip.agreement_models import (  # noqa: E402, F401  (registers the models)
    ActionPlan,
    ActionTarget,
    AgreementBudget,
    AgreementScan,
    AgreementTarget,
    PerformanceAgreement,
    RegionHead,
)
