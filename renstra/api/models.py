"""API tokens: one person may hold several (one per script or integration), each revocable.

Only a hash of a token is stored; the token itself is shown once, when it is made. The prefix
(its first characters) names a token in lists and in `renstra token revoke` without revealing it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A bearer token for the JSON API, acting as its user with that user's permissions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("pengguna"),
    )
    name = models.CharField(_("nama"), max_length=100, blank=True)
    prefix = models.CharField(_("awalan"), max_length=16, unique=True)
    key_hash = models.CharField(_("sidik token (SHA-256)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked = models.BooleanField(_("dicabut"), default=False)
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("Token API")
        verbose_name_plural = _("Token API")
        ordering = ["user", "-created_at", "pk"]

    def __str__(self) -> str:
        return "{}… ({})".format(self.prefix, self.name or self.user)
