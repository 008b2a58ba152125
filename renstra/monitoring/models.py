"""Monitoring data of an approved plan version: who answers for each indicator, the realization
of indicators by quarter or year, the budget realization of activities, and evidence files.

These rows are not parts of the plan: an approved version is frozen (renstra.plans.guard), but
its year-by-year monitoring goes on, so nothing here is a GuardedModel. Each figure has its own
small life (draft → submitted → returned/approved); an approved figure is locked.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from renstra.monitoring.choices import QUARTER_LABELS, EntryStatus
from renstra.plans.choices import TargetKind
from renstra.plans.models import Activity, Indicator, Unit


class Assignment(models.Model):
    """The owner of an indicator: the unit and the person who answer for its realization."""

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="assignment")
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("unit kerja")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicator_assignments",
        verbose_name=_("penanggung jawab"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Penanggung jawab indikator")
        verbose_name_plural = _("Penanggung jawab indikator")

    def __str__(self) -> str:
        return "{}: {}".format(self.indicator, self.person or self.unit or "-")


class Entry(models.Model):
    """What realization figures have in common: their state, and who did what when."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"), choices=sorted(QUARTER_LABELS.items())
    )
    raw_text = models.CharField(_("nilai (teks asli)"), max_length=300)
    note = models.TextField(_("catatan"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    status_note = models.TextField(_("catatan verifikator"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diisi oleh"),
    )
    entered_at = models.DateTimeField(_("diisi pada"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("diubah pada"), auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diputuskan oleh"),
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    is_example = models.BooleanField(
        _("data contoh"),
        default=False,
        help_text=_("Dimuat oleh `renstra demo --with-sample-realization`; bukan data nyata."),
    )

    class Meta:
        abstract = True

    @property
    def status_short(self) -> str:
        """One letter for crowded grids: D draf, A diajukan, K dikembalikan, S disetujui."""
        return {"draft": "D", "submitted": "A", "returned": "K", "approved": "S"}[self.status]

    @property
    def quarter_label(self) -> str:
        return str(QUARTER_LABELS[self.quarter])


class Realization(Entry):
    """The realization of one indicator in one quarter (1–4) or for the whole year (0).

    The raw text is kept beside its parse, like a Target's ('45 orang', '81 %', 'BB',
    '2 unit roda dua dan 1 unit roda empat'). A text target is judged by the verifier: `verdict`.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realizations")
    kind = models.CharField(_("bentuk"), max_length=10, choices=TargetKind.choices)
    value = models.DecimalField(_("nilai"), max_digits=24, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("satuan tertulis"), max_length=100, blank=True)
    grade = models.CharField(_("nilai huruf"), max_length=2, blank=True)
    components = models.JSONField(_("komponen"), default=list, blank=True)
    verdict = models.BooleanField(_("tercapai (penilaian verifikator)"), null=True, blank=True)
    deviation_cause = models.TextField(_("uraian deviasi"), blank=True)
    follow_up = models.TextField(_("tindak lanjut"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Realisasi indikator")
        verbose_name_plural = _("Realisasi indikator")
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"], name="realization_once_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__lte=4), name="realization_quarter_0_to_4"
            ),
        ]

    def __str__(self) -> str:
        return "{} {} {}: {}".format(
            self.indicator_id, self.year, self.quarter_label, self.raw_text
        )


class BudgetRealization(Entry):
    """Money an activity spent in one quarter (or the whole year), in rupiah (Decimal)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="budget_realizations"
    )
    amount = models.DecimalField(_("realisasi (Rp)"), max_digits=18, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Realisasi anggaran")
        verbose_name_plural = _("Realisasi anggaran")
        ordering = ["activity", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "year", "quarter"], name="budget_realization_once_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__lte=4), name="budget_realization_quarter_0_to_4"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="budget_realization_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return "{} {} {}: {}".format(self.activity_id, self.year, self.quarter_label, self.amount)


def evidence_path(instance: "Evidence", filename: str) -> str:
    """Where an evidence file is stored: a random name under evidence/, keeping only a safe
    extension; the name the user gave is kept in `original_name` and never used as a path."""
    suffix = PurePosixPath(filename).suffix.lower()
    return "evidence/{}/{}{}".format(instance.realization.year, uuid.uuid4().hex, suffix)


class Evidence(models.Model):
    """A file that proves a realization (a report, a list of participants, a photo)."""

    realization = models.ForeignKey(Realization, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("berkas"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Bukti dukung")
        verbose_name_plural = _("Bukti dukung")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
