"""The life of a plan version: its status changes, verifiers' comments, matches between
versions that a user corrected for the comparison, and crosswalks of its codes to the
Permendagri 90/2019 nomenclature."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from renstra.nomenclature.models import Edition
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


class Crosswalk(models.Model):
    """A crosswalk of a version coded otherwise (Permendagri 13/2006, local codes) to an edition
    of the Permendagri 90/2019 nomenclature: one pair per program, kegiatan and sub kegiatan,
    the codes suggested by name (renstra.nomenclature.matching) and the ones the planner
    confirmed. Applied, it made `result`: a new draft with the confirmed codes
    (renstra.review.crosswalk). Deleting that draft opens the crosswalk again."""

    source = models.ForeignKey(
        PlanVersion,
        on_delete=models.CASCADE,
        related_name="crosswalks",
        verbose_name=_("versi yang dipetakan"),
    )
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="+", verbose_name=_("edisi nomenklatur")
    )
    # U.BB the Program Penunjang's "X.XX" codes are written with (the plan's main bidang).
    bidang = models.CharField(_("bidang urusan utama"), max_length=10, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    result = models.OneToOneField(
        PlanVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="crosswalk_made",
        verbose_name=_("versi hasil"),
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diterapkan oleh"),
    )
    applied_at = models.DateTimeField(_("diterapkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("Pemetaan kode")
        verbose_name_plural = _("Pemetaan kode")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source"],
                condition=models.Q(result__isnull=True),
                name="crosswalk_one_open_per_version",
                violation_error_message=_(
                    "Versi ini sudah punya pemetaan kode yang belum diterapkan; lanjutkan "
                    "pemetaan itu."
                ),
            )
        ]

    def __str__(self) -> str:
        return "{} → {}".format(self.source, self.edition)

    @property
    def status(self) -> str:
        """ "terbuka" while the planner chooses, "diterapkan" once its draft exists."""
        return "diterapkan" if self.result_id else "terbuka"

    @property
    def is_open(self) -> bool:
        return self.result_id is None


class CrosswalkPair(models.Model):
    """One item of the source version (a program, kegiatan or sub kegiatan, by its level's key
    and id) with its old code and name, the codes suggested for it, and the planner's choice."""

    crosswalk = models.ForeignKey(Crosswalk, on_delete=models.CASCADE, related_name="pairs")
    kind = models.CharField(_("tingkat"), max_length=20)
    item_id = models.PositiveBigIntegerField(_("id butir"))
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    order = models.PositiveIntegerField(_("urutan"), default=0)
    old_code = models.CharField(_("kode lama"), max_length=40, blank=True)
    old_name = models.TextField(_("nama lama"))
    # [{code, name, score, via}], the best first (renstra.nomenclature.matching.Suggestion).
    suggestions = models.JSONField(_("usulan"), default=list, blank=True)
    suggested_code = models.CharField(_("kode usulan"), max_length=40, blank=True)
    score = models.FloatField(_("kemiripan usulan"), null=True, blank=True)
    chosen_code = models.CharField(_("kode pilihan"), max_length=40, blank=True)
    chosen_name = models.TextField(_("nama kode pilihan di nomenklatur"), blank=True)
    use_listed_name = models.BooleanField(
        _("pakai nama nomenklatur"),
        default=False,
        help_text=_(
            "Butir di versi baru memakai nama kode ini di nomenklatur, bukan namanya kini."
        ),
    )
    confirmed = models.BooleanField(_("dikonfirmasi"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("waktu konfirmasi"), null=True, blank=True)

    class Meta:
        verbose_name = _("Pasangan pemetaan kode")
        verbose_name_plural = _("Pasangan pemetaan kode")
        ordering = ["crosswalk", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["crosswalk", "kind", "item_id"],
                name="crosswalk_pair_once_per_item",
                violation_error_message=_("Butir ini sudah ada dalam pemetaan kode tersebut."),
            ),
            models.CheckConstraint(
                condition=~models.Q(confirmed=True, chosen_code=""),
                name="crosswalk_pair_confirmed_has_code",
                violation_error_message=_("Butir yang dikonfirmasi harus punya kode pilihan."),
            ),
        ]

    def __str__(self) -> str:
        return "{} {} → {}".format(self.old_code, self.old_name, self.chosen_code or "?")
