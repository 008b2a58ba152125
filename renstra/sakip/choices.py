from django.db import models
from django.utils.translation import gettext_lazy as _


class RenjaStatus(models.TextChoices):
    """A Renja is edited as a draft; once final it is the document and is not changed (a Renja
    Perubahan is a new number)."""

    DRAFT = "draft", _("Draf")
    FINAL = "final", _("Final")


class RenjaLevel(models.TextChoices):
    """The levels of a Renja's items, as the Renstra's programs side (renstra.plans.levels)."""

    PROGRAM = "program", _("Program")
    ACTIVITY = "kegiatan", _("Kegiatan")
    SUB_ACTIVITY = "sub_kegiatan", _("Sub kegiatan")


class IkuScope(models.TextChoices):
    """Whose IKU: the agency's (an indicator of its Renstra) or the Pemda's (of the RPJMD)."""

    AGENCY = "pd", _("IKU Perangkat Daerah")
    REGION = "pemda", _("IKU Pemda (RPJMD)")


class AgreementLevel(models.TextChoices):
    """Who a Perjanjian Kinerja binds, by the first party's position (PermenPAN-RB 53/2014): the
    head of the agency with the head of region; an administrator (eselon III) with the head; a
    supervisor (eselon IV) with the administrator above."""

    HEAD = "kepala", _("Kepala Perangkat Daerah")
    ADMINISTRATOR = "administrator", _("Pejabat administrator (eselon III)")
    SUPERVISOR = "pengawas", _("Pejabat pengawas (eselon IV)")


class AgreementStatus(models.TextChoices):
    """A PK is prepared as a draft; once signed it is the document and is frozen (a PK
    Perubahan is a new number)."""

    DRAFT = "draft", _("Draf")
    SIGNED = "signed", _("Ditandatangani")


class ActionPlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    FINAL = "final", _("Final")


class ActionPeriods(models.IntegerChoices):
    """How a Rencana Aksi splits the year."""

    QUARTERLY = 4, _("Triwulan")
    MONTHLY = 12, _("Bulan")
