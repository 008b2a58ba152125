"""The document register's own records: the schedule of deadlines per region, year and document
type, and what the system cannot derive for an agency's document of a year (an uploaded signed
scan or external document, a verifier's remark, the status a verifier gives an uploaded
document). The status of a document made in the system is never stored here: it is computed
from its own model each time (renstra.register.register)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renstra.plans.models import Agency, Region, Unit
from renstra.register.choices import DocumentType, RegisterStatus


class Schedule(models.Model):
    """The deadline of `document_type` for `year` in `region`, set by its verifiers; without
    one the rule's default holds (renstra.register.register.default_deadline)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="schedules")
    year = models.PositiveSmallIntegerField(_("tahun"))
    document_type = models.CharField(_("jenis dokumen"), max_length=10, choices=DocumentType)
    deadline = models.DateField(_("tenggat"))
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Jadwal dokumen")
        verbose_name_plural = _("Jadwal dokumen")
        ordering = ["region", "year", "document_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "document_type"],
                name="schedule_unique_per_region_year_type",
                violation_error_message=_(
                    "Tenggat jenis dokumen ini untuk tahun tersebut sudah ada di jadwal."
                ),
            )
        ]

    def __str__(self) -> str:
        return "{} {} {}: {}".format(self.region, self.year, self.document_type, self.deadline)


def register_path(instance, filename: str) -> str:
    return "register/{}/{}/{}".format(instance.agency_id, instance.year, filename)


class RegisterEntry(models.Model):
    """What the register keeps of `document_type` of `agency` for `year` (and `unit` for a PK
    or its Rencana Aksi): an uploaded document (signed scan or one made outside the system),
    the status a verifier gives that upload, and the verifier's remark."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="register_entries")
    year = models.PositiveSmallIntegerField(_("tahun"))
    document_type = models.CharField(_("jenis dokumen"), max_length=10, choices=DocumentType)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit kerja"),
    )
    file = models.FileField(_("berkas"), upload_to=register_path, blank=True)
    original_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), null=True, blank=True)
    # Only for an uploaded document; a document of the system speaks for itself.
    status = models.CharField(
        _("status berkas unggahan"), max_length=12, choices=RegisterStatus, blank=True
    )
    remark = models.TextField(_("catatan verifikator"), blank=True)
    remark_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    remark_at = models.DateTimeField(_("tanggal catatan"), null=True, blank=True)

    class Meta:
        verbose_name = _("Entri register dokumen")
        verbose_name_plural = _("Entri register dokumen")
        ordering = ["agency", "year", "document_type", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "document_type"],
                condition=Q(unit__isnull=True),
                name="register_entry_unique_without_unit",
                violation_error_message=_("Dokumen ini sudah tercatat di register."),
            ),
            models.UniqueConstraint(
                fields=["agency", "year", "document_type", "unit"],
                condition=Q(unit__isnull=False),
                name="register_entry_unique_per_unit",
                violation_error_message=_("Dokumen unit ini sudah tercatat di register."),
            ),
        ]

    def __str__(self) -> str:
        return "{} {} {}".format(self.agency_id, self.year, self.document_type)
