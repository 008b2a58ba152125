"""Export jobs: the whole plan as one PDF or workbook, asked for on the version page and built
by the task worker outside the request.

The whole-plan PDF of a big plan takes longer than a page should wait, so the version page
stores the request here, enqueues renstra.reports.tasks.run_export and shows the job's page: a
progress bar that advances per table built and once more for writing the file, then a link to
the file. The file is kept in the row, not on disk, because workers on other machines share
only the database.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from renstra.plans.models import PlanVersion


class ExportJob(models.Model):
    """One whole-plan file of one version for one user: its progress, then the file or the
    reason it could not be made."""

    class Stage(models.TextChoices):
        QUEUED = "queued", _("menunggu")
        BUILDING = "building", _("menyusun")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel"

    class Paper(models.TextChoices):
        F4 = "f4", "F4"
        A4 = "a4", "A4"

    FINISHED = (Stage.DONE, Stage.FAILED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="export_jobs",
        verbose_name=_("pengguna"),
    )
    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="+", verbose_name=_("versi")
    )
    file_format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    paper = models.CharField(_("kertas"), max_length=2, choices=Paper.choices, default=Paper.F4)
    stage = models.CharField(_("tahap"), max_length=16, choices=Stage.choices, default=Stage.QUEUED)
    steps_done = models.PositiveSmallIntegerField(_("tahap selesai"), default=0)
    steps_total = models.PositiveSmallIntegerField(_("jumlah tahap"))
    step_label = models.CharField(_("tahap yang dikerjakan"), max_length=200, blank=True)
    content = models.BinaryField(_("isi berkas"), blank=True)
    file_name = models.CharField(_("nama berkas"), max_length=255)
    errors = models.JSONField(_("kesalahan"), default=list, blank=True)
    task_id = models.CharField(_("id tugas"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("diminta"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("Tugas ekspor")
        verbose_name_plural = _("Tugas ekspor")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(steps_done__lte=F("steps_total")),
                name="export_steps_done_within_total",
                violation_error_message=_(
                    "Tahap yang selesai tidak boleh lebih banyak daripada jumlah tahap."
                ),
            ),
        ]

    def __str__(self) -> str:
        return "{} ({})".format(self.file_name, self.get_stage_display())

    @property
    def finished(self) -> bool:
        return self.stage in self.FINISHED

    @property
    def step(self) -> int:
        """The number of the step the job is at, as the page counts them ("Tahap N dari M"):
        0 while it waits, the step being worked on while it runs, M when it is done."""
        if self.stage == self.Stage.QUEUED:
            return 0
        if self.stage == self.Stage.DONE:
            return self.steps_total
        return min(self.steps_done + 1, self.steps_total)

    @property
    def step_text(self) -> str:
        """What the job is doing, in the active language: the stage, or while it runs the
        step at work (the table being built, the file being written)."""
        if self.stage == self.Stage.BUILDING and self.step_label:
            return self.step_label
        if self.stage == self.Stage.FAILED and self.step_label:
            return "{} ({})".format(self.get_stage_display(), self.step_label)
        return str(self.get_stage_display())
