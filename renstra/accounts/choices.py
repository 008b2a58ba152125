from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person does in the planning cycle; a membership ties it to an agency or region."""

    ADMIN = "admin", _("Administrator")
    PLANNER = "planner", _("Perencana Perangkat Daerah")
    HEAD = "head", _("Kepala Perangkat Daerah")
    VERIFIER = "verifier", _("Verifikator Bappeda")
    AUDITOR = "auditor", _("Auditor Inspektorat")
    INSPECTOR = "inspector", _("Inspektur (Kepala Inspektorat)")
