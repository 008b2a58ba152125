"""The life of a plan version: its status changes, verifiers' comments, and matches between
versions that a user corrected for the comparison."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from renstra.plans.choices import VersionStatus
from renstra.plans.models import Plan, PlanVersion


class StatusChange(models.Model):
    """One transition of a version: from, to, who, when, and the note given."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("dari"), max_length=12, choices=VersionStatus.choices, blank=True
    )
    to_status = models.CharField(_("menjadi"), max_length=12, choices=VersionStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    changed_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("Perubahan status")
        verbose_name_plural = _("Perubahan status")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return "{} → {}".format(self.from_status or "-", self.to_status)


class Comment(models.Model):
    """A verifier's comment on any item of a version (or the version itself), answered and
    resolved by the agency; kept with the version."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="comments")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    item = GenericForeignKey("content_type", "object_id")
    reply_to = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("komentar"))
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Komentar")
        verbose_name_plural = _("Komentar")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="comment_has_text",
                violation_error_message=_("Komentar tidak boleh kosong."),
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class MatchOverride(models.Model):
    """A user's correction of the comparison between two versions: this item of the older
    version is (or, with `to_item_id` empty, is not) that item of the newer one."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="match_overrides")
    from_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="+")
    to_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("jenis butir"), max_length=20)
    from_item_id = models.PositiveBigIntegerField()
    to_item_id = models.PositiveBigIntegerField(null=True, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Koreksi pasangan perbandingan")
        verbose_name_plural = _("Koreksi pasangan perbandingan")
        constraints = [
            models.UniqueConstraint(
                fields=["from_version", "to_version", "kind", "from_item_id"],
                name="match_override_once_per_item",
                violation_error_message=_("Butir ini sudah punya koreksi pasangan."),
            )
        ]

    def __str__(self) -> str:
        return "{} {} → {}".format(self.kind, self.from_item_id, self.to_item_id or "-")
