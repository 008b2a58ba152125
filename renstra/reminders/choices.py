from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    """The kinds of reminder; each user may turn any of them off (ReminderSetting)."""

    DEADLINE_7 = "deadline_7", _("Tenggat dokumen 7 hari lagi")
    DEADLINE_1 = "deadline_1", _("Tenggat dokumen besok")
    OVERDUE = "overdue", _("Dokumen lewat tenggat")
    RETURNED = "returned", _("Dokumen dikembalikan")
    REALIZATION_MISSING = "realization_missing", _("Realisasi triwulan belum diisi")
