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
