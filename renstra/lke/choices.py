from django.db import models
from django.utils.translation import gettext_lazy as _

from renstra.core.lke import SCALES


class EvaluationStatus(models.TextChoices):
    """The LKE's way through the inspectorate (PermenPAN-RB 88/2021): the agency assesses
    itself (penilaian mandiri), the inspectorate's evaluator evaluates, the head of the
    inspectorate reviews (and may return it to the evaluator), and the final evaluation is the
    result delivered: it does not change."""

    SELF = "mandiri", _("Penilaian mandiri")
    EVALUATION = "evaluasi", _("Evaluasi Inspektorat")
    REVIEW = "reviu", _("Reviu Inspektur")
    FINAL = "final", _("Final")


class EvidenceKind(models.TextChoices):
    """What stands as proof of an answer: a document of the register (by type and year), a page
    of this system (a relative URL), or an uploaded file (PDF, JPG, PNG)."""

    REGISTER = "dokumen", _("Dokumen register")
    PAGE = "halaman", _("Halaman sistem")
    UPLOAD = "unggahan", _("Berkas unggahan")


class RecommendationStatus(models.TextChoices):
    """How far a recommendation of the evaluation has been followed up."""

    OPEN = "belum", _("Belum ditindaklanjuti")
    IN_PROGRESS = "proses", _("Dalam proses")
    DONE = "selesai", _("Selesai")


# Recommendations still to be followed up: carried into the next year's evaluation.
CARRIED_STATUSES = (RecommendationStatus.OPEN, RecommendationStatus.IN_PROGRESS)

# The scales of a criterion: the keys of renstra.core.lke.SCALES.
SCALE_CHOICES = [(key, "/".join(scale.codes())) for key, scale in SCALES.items()]
