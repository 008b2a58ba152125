from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    """The documents of an agency's SAKIP year the register follows, in register order."""

    RENSTRA = "renstra", _("Renstra")
    RENJA = "renja", _("Renja")
    IKU = "iku", _("IKU")
    PK = "pk", _("Perjanjian Kinerja")
    RENAKSI = "renaksi", _("Rencana Aksi")
    LKJIP = "lkjip", _("LKjIP")
    EVALUATION = "evaluasi", _("Laporan evaluasi")


class RegisterStatus(models.TextChoices):
    """Where a document stands, whatever system it comes from; `final` is 'ditetapkan' (a
    signed PK, a final Renja or LKjIP, an approved Renstra)."""

    MISSING = "belum", _("Belum ada")
    DRAFT = "draf", _("Draf")
    SUBMITTED = "diajukan", _("Diajukan")
    VERIFIED = "diverifikasi", _("Diverifikasi")
    FINAL = "ditetapkan", _("Ditetapkan")


# What a verifier may set on an uploaded external document (never on a document of the system).
OVERRIDE_STATUSES = (
    RegisterStatus.SUBMITTED,
    RegisterStatus.VERIFIED,
    RegisterStatus.FINAL,
)
