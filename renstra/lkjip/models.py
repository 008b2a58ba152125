"""The LKjIP (Laporan Kinerja Instansi Pemerintah, PermenPAN-RB 53/2014) of an agency and year.

The figures are not stored: they are computed from the evaluation of the year each time the
report is read (renstra.lkjip.content), so that the report says what the realization says.
What the agency writes is stored here, per chapter, with its history (django-simple-history):
the Ikhtisar Eksekutif, Bab I Pendahuluan, the analysis of each sasaran (by the sasaran's id in
the version reported on), the efficiency of resources, Bab IV Penutup.

A final LKjIP is the document delivered: the services refuse to change it and the database
refuses UPDATE and DELETE of it (renstra.lkjip.frozen). A correction is a new number.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from renstra.lkjip.choices import LkjipScope, LkjipStatus
from renstra.plans.models import Agency, PlanVersion


class Lkjip(models.Model):
    """The LKjIP of `agency` for `year`, reporting on the Renstra version `version` (the
    approved version in force for the year when it was made); `number` 2 and up correct an
    earlier final one."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="lkjips")
    year = models.PositiveSmallIntegerField(_("tahun"))
    scope = models.CharField(
        _("lingkup"), max_length=5, choices=LkjipScope.choices, default=LkjipScope.AGENCY
    )
    number = models.PositiveSmallIntegerField(_("nomor"), default=1)
    version = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, related_name="lkjips", verbose_name=_("Renstra")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=LkjipStatus.choices, default=LkjipStatus.DRAFT
    )
    summary = models.TextField(_("ikhtisar eksekutif"), blank=True)
    introduction = models.TextField(_("Bab I Pendahuluan"), blank=True)
    analyses = models.JSONField(
        _("analisis per sasaran"),
        default=dict,
        blank=True,
        help_text=_("Uraian analisis capaian tiap sasaran: {id sasaran: teks}."),
    )
    standards = models.JSONField(
        _("standar nasional"),
        default=dict,
        blank=True,
        help_text=_(
            "Standar nasional per indikator, bila ada: {id indikator: {nilai, sumber}}; nilai "
            "disimpan sebagaimana diketik."
        ),
    )
    efficiency = models.TextField(_("efisiensi penggunaan sumber daya"), blank=True)
    closing = models.TextField(_("Bab IV Penutup"), blank=True)
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finalized_at = models.DateTimeField(_("final"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("LKjIP")
        verbose_name_plural = _("LKjIP")
        ordering = ["agency", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "scope", "number"],
                name="lkjip_number_unique_per_agency_year",
                violation_error_message=_(
                    "LKjIP dengan nomor ini sudah ada untuk Perangkat Daerah dan tahun tersebut."
                ),
            )
        ]

    def __str__(self) -> str:
        revision = "" if self.number == 1 else " (perbaikan {})".format(self.number - 1)
        whose = self.agency.region.name if self.is_region else self.agency.short_name
        return "LKjIP {} {}{}".format(whose, self.year, revision)

    @property
    def is_region(self) -> bool:
        """The Pemda's LKjIP (on the RPJMD), not an agency's."""
        return self.scope == LkjipScope.REGION

    def standard_of(self, indicator_id: int) -> dict:
        """{'value': raw text, 'source': text} of the indicator's national standard, or {}."""
        return (self.standards or {}).get(str(indicator_id)) or {}

    @property
    def is_draft(self) -> bool:
        return self.status == LkjipStatus.DRAFT

    @property
    def is_final(self) -> bool:
        return self.status == LkjipStatus.FINAL

    def analysis_of(self, objective_id: int) -> str:
        return (self.analyses or {}).get(str(objective_id), "")
