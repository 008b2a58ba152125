"""Import jobs: one upload of the import page, imported by the task worker outside the request.

A big workbook takes longer than a web worker may hold a request (gunicorn's 30 s), so the page
stores the upload here, enqueues renstra.interchange.tasks.run_import and shows the job's stage
until it ends: a new version, or every error. The upload itself is kept in the row, not on disk,
because workers on other machines share only the database; it is emptied when the job ends.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from renstra.plans.models import Agency, PlanVersion


class ImportJob(models.Model):
    class Stage(models.TextChoices):
        # A spreadsheet of another layout waits here for its columns to be mapped and its
        # preview to be confirmed (renstra.interchange.views_mapping); nothing is queued yet.
        MAPPING = "mapping", _("menunggu pemetaan kolom")
        QUEUED = "queued", _("menunggu")
        READING = "reading", _("membaca berkas")
        # The importers check and write in one transaction and report nothing in between, so
        # checking and writing are one stage here (see tasks.run_import).
        CHECKING = "checking", _("memeriksa dan menyimpan")
        DONE = "done", _("selesai")
        REJECTED = "rejected", _("ditolak")
        FAILED = "failed", _("gagal")

    FINISHED = (Stage.DONE, Stage.REJECTED, Stage.FAILED)
    # The steps the progress bar counts: queued 0, reading 1, checking 2, finished 3.
    STEPS = {Stage.MAPPING: 0, Stage.QUEUED: 0, Stage.READING: 1, Stage.CHECKING: 2}
    STEP_COUNT = 3

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_jobs",
        verbose_name=_("pengguna"),
    )
    file_name = models.CharField(_("nama berkas"), max_length=255)
    content = models.BinaryField(_("isi berkas"), blank=True)
    revises = models.ForeignKey(
        PlanVersion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("draf baru dari versi"),
    )
    # What a T-C.27 table does not say about itself (renstra.interchange.tc27_options.FIELDS):
    # the form's texts, read when the task runs. Empty for a workbook or JSON document.
    source_fields = models.JSONField(_("isian tabel T-C.27"), default=dict, blank=True)
    # A spreadsheet of another layout: how its columns map onto the T-C.27 columns
    # (renstra.interchange.column_mapping.Layout.as_json). Empty for every other upload.
    column_mapping = models.JSONField(_("pemetaan kolom"), default=dict, blank=True)
    stage = models.CharField(_("tahap"), max_length=16, choices=Stage.choices, default=Stage.QUEUED)
    version = models.ForeignKey(
        PlanVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versi hasil impor"),
    )
    errors = models.JSONField(_("kesalahan"), default=list, blank=True)
    task_id = models.CharField(_("id tugas"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("Tugas impor")
        verbose_name_plural = _("Tugas impor")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return "{} ({})".format(self.file_name, self.get_stage_display())

    @property
    def finished(self) -> bool:
        return self.stage in self.FINISHED

    @property
    def step(self) -> int:
        return self.STEPS.get(self.stage, self.STEP_COUNT)


class ColumnMapping(models.Model):
    """How a planner of an agency mapped the columns of one spreadsheet layout onto the T-C.27
    fields (renstra.interchange.column_mapping), offered again when the agency uploads a file
    whose header is the same (`header_signature`, column_guess.header_signature). Only that
    agency's uploads see it."""

    agency = models.ForeignKey(
        Agency,
        on_delete=models.CASCADE,
        related_name="column_mappings",
        verbose_name=_("Perangkat Daerah"),
    )
    header_signature = models.CharField(_("sidik baris judul"), max_length=64)
    # The column titles as read, for people (the signature is their digest).
    headers = models.JSONField(_("judul kolom"), default=list, blank=True)
    # {"sheet", "header_row", "header_rows", "fields": [field or "" per column]}.
    mapping = models.JSONField(_("pemetaan"), default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diubah oleh"),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("Pemetaan kolom")
        verbose_name_plural = _("Pemetaan kolom")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "header_signature"],
                name="column_mapping_one_per_layout",
                violation_error_message=_(
                    "Perangkat Daerah ini sudah punya pemetaan untuk susunan kolom yang sama."
                ),
            )
        ]

    def __str__(self) -> str:
        return "{}: {}".format(self.agency, ", ".join(str(h) for h in self.headers)[:80])
