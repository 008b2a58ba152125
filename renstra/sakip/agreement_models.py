"""The Perjanjian Kinerja (PK) of an official and year, its Rencana Aksi, and the head of region
who signs the head of agency's PK.

A PK is drawn from the Renja (programs, kegiatan, their indicators, targets and pagu) and the
Renstra year (the sasaran and their indicators, for the head's PK), for the unit the official
heads (renstra.plans.assignments). Each row keeps the id of what it was drawn from, so that the
consistency chain (renstra.sakip.chain) compares it with its source as that source stands now,
and the names of both parties are copied when the PK is made: a signed PK prints the people who
signed it whatever happens to the officials' records later.

Signed PKs are frozen in the database (renstra.sakip.frozen), the way approved plans are: the
agreement, its targets and budget rows refuse UPDATE and DELETE. The signed scan is a row of its
own (AgreementScan), added after signing. A PK Perubahan is a new number with `previous`.

Imported by renstra.sakip.models so that Django registers the models.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from renstra.plans.models import Agency, Region, Unit
from renstra.plans.officials import Official
from renstra.sakip.choices import (
    ActionPeriods,
    ActionPlanStatus,
    AgreementLevel,
    AgreementStatus,
)


class RegionHeadQuerySet(models.QuerySet):
    def on(self, day):
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class RegionHead(models.Model):
    """The head of region (Gubernur, Bupati, Wali Kota, or an acting Pj.) for a period: the
    second party of the head of agency's PK. An elected head has no NIP."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="heads", verbose_name=_("Pemerintah Daerah")
    )
    name = models.CharField(_("nama"), max_length=200)
    position = models.CharField(
        _("jabatan"), max_length=200, help_text=_("Seperti dicetak, mis. Wali Kota Bontang.")
    )
    start_date = models.DateField(_("mulai menjabat"))
    end_date = models.DateField(_("akhir menjabat"), null=True, blank=True)
    is_example = models.BooleanField(_("data contoh"), default=False)

    objects = RegionHeadQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kepala Daerah")
        verbose_name_plural = _("Kepala Daerah")
        ordering = ["region", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="region_head_period_ordered",
                violation_error_message=_(
                    "Akhir menjabat tidak boleh sebelum tanggal mulai menjabat."
                ),
            ),
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(end_date__isnull=True),
                name="region_head_one_open_period",
                violation_error_message=_(
                    "Pemerintah Daerah ini sudah mempunyai kepala daerah yang masih menjabat."
                ),
            ),
        ]

    def __str__(self) -> str:
        return "{}, {}".format(self.position, self.name)


class PerformanceAgreement(models.Model):
    """The Perjanjian Kinerja of the official heading `unit` for `year`: number 1 the PK murni,
    2 and up a PK Perubahan. First party: the official (pihak pertama); second party: their
    superior (pihak kedua), the head of region for the head of agency."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="agreements")
    year = models.PositiveSmallIntegerField(_("tahun"))
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("unit kerja")
    )
    level = models.CharField(_("jenjang"), max_length=15, choices=AgreementLevel.choices)
    number = models.PositiveSmallIntegerField(_("nomor"), default=1)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("PK yang diubah"),
    )
    revision_reason = models.TextField(_("alasan perubahan"), blank=True)
    renja = models.ForeignKey(
        "sakip.Renja",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("Renja sumber"),
    )
    day = models.DateField(_("tanggal perjanjian"))
    place = models.CharField(_("tempat"), max_length=100)
    first_official = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="agreements"
    )
    first_name = models.CharField(_("nama pihak pertama"), max_length=200)
    first_position = models.CharField(_("jabatan pihak pertama"), max_length=300)
    first_rank = models.CharField(_("pangkat pihak pertama"), max_length=100, blank=True)
    first_nip = models.CharField(_("NIP pihak pertama"), max_length=24, blank=True)
    second_official = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    second_region_head = models.ForeignKey(
        RegionHead, on_delete=models.PROTECT, null=True, blank=True, related_name="agreements"
    )
    second_name = models.CharField(_("nama pihak kedua"), max_length=200)
    second_position = models.CharField(_("jabatan pihak kedua"), max_length=300)
    second_rank = models.CharField(_("pangkat pihak kedua"), max_length=100, blank=True)
    second_nip = models.CharField(_("NIP pihak kedua"), max_length=24, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    signed_at = models.DateTimeField(_("ditandatangani"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    is_example = models.BooleanField(
        _("data contoh"),
        default=False,
        help_text=_("Dibuat `renstra demo` sebagai contoh, bukan perjanjian sebenarnya."),
    )

    class Meta:
        verbose_name = _("Perjanjian Kinerja")
        verbose_name_plural = _("Perjanjian Kinerja")
        ordering = ["agency", "-year", "level", "unit", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "number"],
                name="agreement_number_unique_per_unit_year",
                violation_error_message=_(
                    "Perjanjian Kinerja dengan nomor ini sudah ada untuk unit dan tahun tersebut."
                ),
            )
        ]

    def __str__(self) -> str:
        return "PK {} {} {}{}".format(
            self.unit.name if self.unit_id else "",
            self.year,
            self.first_name,
            "" if self.number == 1 else " (Perubahan {})".format(self.number - 1),
        ).replace("  ", " ")

    @property
    def kind_label(self) -> str:
        if self.number == 1:
            return str(_("PK murni"))
        return str(_("PK Perubahan ke-{}")).format(self.number - 1)

    @property
    def is_signed(self) -> bool:
        return self.status == AgreementStatus.SIGNED


class AgreementTarget(models.Model):
    """A row of the PK's table: a sasaran (the performance statement), one of its indicators and
    the target of the year (raw as typed, and parsed). `source` says what it was drawn from:
    'renstra' (a sasaran indicator of the Renstra year, by `source_indicator_id`) or 'renja'
    (a Renja indicator, by `renja_indicator_id`, whose Renstra indicator is also kept); ''
    for a row added by hand."""

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.CASCADE, related_name="targets"
    )
    order = models.PositiveIntegerField(_("urutan"), default=0)
    statement = models.TextField(_("sasaran"))
    name = models.TextField(_("indikator kinerja"))
    measure_unit = models.CharField(_("satuan"), max_length=100, blank=True)
    target_raw = models.CharField(_("target (teks)"), max_length=300, blank=True)
    target_kind = models.CharField(_("bentuk target"), max_length=10, blank=True)
    target_value = models.DecimalField(
        _("target (angka)"), max_digits=24, decimal_places=4, null=True, blank=True
    )
    source = models.CharField(_("sumber"), max_length=10, blank=True)
    source_target_raw = models.CharField(
        _("target sumber (teks, disalin)"), max_length=300, blank=True
    )
    source_indicator_id = models.PositiveIntegerField(_("id indikator Renstra"), null=True)
    renja_indicator_id = models.PositiveIntegerField(_("id indikator Renja"), null=True)
    rollup = models.CharField(
        _("cara triwulan menjadi tahun"), max_length=10, blank=True, default=""
    )
    change_reason = models.TextField(_("alasan perubahan target"), blank=True)

    class Meta:
        verbose_name = _("Target Perjanjian Kinerja")
        verbose_name_plural = _("Target Perjanjian Kinerja")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return "{}: {}".format(self.name, self.target_raw)


class AgreementBudget(models.Model):
    """A program, kegiatan or sub kegiatan of the PK with its anggaran (raw and rupiah), drawn
    from a Renja item (its DPA pagu when set, else its pagu indikatif)."""

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.CASCADE, related_name="budgets"
    )
    order = models.PositiveIntegerField(_("urutan"), default=0)
    level = models.CharField(_("tingkat"), max_length=15)
    code = models.CharField(_("kode"), max_length=40, blank=True)
    name = models.TextField(_("uraian"))
    amount_raw = models.CharField(_("anggaran (teks)"), max_length=100, blank=True)
    amount = models.DecimalField(
        _("anggaran (Rp)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    source_amount = models.DecimalField(
        _("pagu Renja (Rp, disalin)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    renja_item_id = models.PositiveIntegerField(_("id butir Renja"), null=True)
    change_reason = models.TextField(_("alasan perubahan anggaran"), blank=True)

    class Meta:
        verbose_name = _("Anggaran Perjanjian Kinerja")
        verbose_name_plural = _("Anggaran Perjanjian Kinerja")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=Decimal(0)),
                name="agreement_budget_not_negative",
                violation_error_message=_("Anggaran tidak boleh negatif."),
            )
        ]

    def __str__(self) -> str:
        return "{} {}".format(self.code, self.name).strip()


def scan_path(instance, filename: str) -> str:
    return "pk/{}/{}".format(instance.agreement_id, filename)


class AgreementScan(models.Model):
    """The signed PK as scanned (PDF or image), uploaded after signing; the latest is shown,
    earlier ones kept."""

    agreement = models.ForeignKey(
        PerformanceAgreement, on_delete=models.CASCADE, related_name="scans"
    )
    file = models.FileField(_("berkas pindaian"), upload_to=scan_path)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("Pindaian PK bertanda tangan")
        verbose_name_plural = _("Pindaian PK bertanda tangan")
        ordering = ["agreement", "-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.original_name


class ActionPlan(models.Model):
    """The Rencana Aksi of a PK: for each of its targets, a target and actions per quarter (or
    per month); realization is monitoring's, by the Renstra indicator of the PK row."""

    agreement = models.OneToOneField(
        PerformanceAgreement, on_delete=models.PROTECT, related_name="action_plan"
    )
    periods = models.PositiveSmallIntegerField(
        _("periode"), choices=ActionPeriods.choices, default=ActionPeriods.QUARTERLY
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ActionPlanStatus.choices,
        default=ActionPlanStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    is_example = models.BooleanField(_("data contoh"), default=False)

    class Meta:
        verbose_name = _("Rencana Aksi")
        verbose_name_plural = _("Rencana Aksi")

    def __str__(self) -> str:
        return "Rencana Aksi {}".format(self.agreement)


class ActionTarget(models.Model):
    """The target and actions of one PK row in one period (1-4 quarters, or 1-12 months)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="targets")
    target = models.ForeignKey(
        AgreementTarget, on_delete=models.PROTECT, related_name="action_targets"
    )
    period = models.PositiveSmallIntegerField(_("periode"))
    target_raw = models.CharField(_("target (teks)"), max_length=300, blank=True)
    target_kind = models.CharField(_("bentuk target"), max_length=10, blank=True)
    target_value = models.DecimalField(
        _("target (angka)"), max_digits=24, decimal_places=4, null=True, blank=True
    )
    actions = models.TextField(_("rencana aksi"), blank=True)

    class Meta:
        verbose_name = _("Target Rencana Aksi")
        verbose_name_plural = _("Target Rencana Aksi")
        ordering = ["target", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "target", "period"], name="action_target_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period__gte=1) & Q(period__lte=12), name="action_target_period_1_12"
            ),
        ]

    def __str__(self) -> str:
        return "{} / {}: {}".format(self.target_id, self.period, self.target_raw)
