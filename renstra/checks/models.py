"""A verifier's acknowledgement of a finding: seen, explained, kept apart but still listed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from renstra.plans.models import PlanVersion


class Acknowledgement(models.Model):
    """A finding (identified by its stable key) accepted with a reason for one plan version."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    finding_key = models.CharField(_("kunci temuan"), max_length=300)
    rule = models.CharField(_("aturan"), max_length=80)
    reason = models.TextField(_("alasan"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("oleh")
    )
    acknowledged_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("Temuan yang diakui")
        verbose_name_plural = _("Temuan yang diakui")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "finding_key"],
                name="acknowledgement_once_per_finding",
                violation_error_message=_("Temuan ini sudah diakui."),
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""),
                name="acknowledgement_has_reason",
                violation_error_message=_("Tuliskan alasan mengapa temuan ini dapat diterima."),
            ),
        ]

    def __str__(self) -> str:
        return "{} ({})".format(self.rule, self.reason[:40])
