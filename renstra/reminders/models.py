"""A user's reminders (in the app and by e-mail) and the kinds each user turned off."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from renstra.reminders.choices import ReminderKind


class Reminder(models.Model):
    """One reminder to one user about one subject. `key` names the subject (a document of an
    agency's year and its deadline, a returned version, an agency's quarter), so that the daily
    job, run any number of times, never makes or sends the same reminder twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=ReminderKind.choices)
    key = models.CharField(_("kunci subjek"), max_length=200)
    title = models.CharField(_("judul"), max_length=300)
    text = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim lewat e-mail"), null=True, blank=True)

    class Meta:
        verbose_name = _("Pengingat")
        verbose_name_plural = _("Pengingat")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "key"],
                name="one_reminder_per_user_kind_subject",
                violation_error_message=_("Pengingat ini sudah ada untuk pengguna itu."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class ReminderSetting(models.Model):
    """Whether a user receives one kind of reminder; no row means yes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=ReminderKind.choices)
    enabled = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("Pengaturan pengingat")
        verbose_name_plural = _("Pengaturan pengingat")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="one_reminder_setting_per_user_kind",
                violation_error_message=_("Jenis pengingat ini sudah diatur untuk pengguna itu."),
            )
        ]

    def __str__(self) -> str:
        return "{} {} {}".format(self.user, self.kind, self.enabled)
