"""The SAKIP evaluation (LKE, PermenPAN-RB 88/2021) of an agency and year.

The worksheet is data: a template (LkeTemplate) of components, sub-components and criteria,
loaded once from a YAML file (renstra.lke.template_loader) and never changed afterwards (a new
regulation is a new template). An evaluation (LkeEvaluation) answers every criterion of its
template (LkeAnswer): the agency's self-assessment, the system's suggestion (renstra.lke.prefill,
stored when the evaluation stage starts), the inspectorate evaluator's value and the head of the
inspectorate's review value, each with its note; proof per answer (LkeEvidence) and the
recommendations of the evaluation (LkeRecommendation), carried into the next year while they are
not followed up.

Scores are not stored: renstra.lke.scoring computes them from the answers each time. Every write
goes through renstra.lke.services; a final evaluation is frozen by the database
(renstra.lke.frozen). Answers, evaluations and recommendations keep their history
(django-simple-history).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from renstra.core.lke import SCALES, Scale
from renstra.lke.choices import (
    SCALE_CHOICES,
    EvaluationStatus,
    EvidenceKind,
    RecommendationStatus,
)
from renstra.plans.models import Agency
from renstra.register.choices import DocumentType

# ---- the template (the worksheet as data) ------------------------------------------------------


class LkeTemplate(models.Model):
    """A worksheet of one regulation, e.g. PermenPAN-RB 88/2021, used from `first_year` on
    until a template with a later first year is loaded. Never changed once loaded."""

    key = models.SlugField(_("kunci"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    regulation = models.CharField(_("peraturan"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("berlaku mulai tahun"))
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    loaded_at = models.DateTimeField(_("dimuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("Templat LKE")
        verbose_name_plural = _("Templat LKE")
        ordering = ["-first_year", "key"]

    def __str__(self) -> str:
        return "{} ({})".format(self.name, self.first_year)


class LkeComponent(models.Model):
    """A component of the worksheet (e.g. 1 Perencanaan Kinerja, weight 30)."""

    template = models.ForeignKey(LkeTemplate, on_delete=models.CASCADE, related_name="components")
    code = models.CharField(_("kode"), max_length=10)
    name = models.CharField(_("nama"), max_length=300)
    weight = models.DecimalField(_("bobot"), max_digits=7, decimal_places=4)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("Komponen LKE")
        verbose_name_plural = _("Komponen LKE")
        ordering = ["template", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "code"],
                name="lke_component_code_unique_in_template",
                violation_error_message=_("Kode komponen sudah dipakai di templat ini."),
            )
        ]

    def __str__(self) -> str:
        return "{} {}".format(self.code, self.name)


class LkeSubComponent(models.Model):
    """A sub-component of a component (keberadaan / kualitas / pemanfaatan: 20/30/50 % of the
    component's weight)."""

    component = models.ForeignKey(
        LkeComponent, on_delete=models.CASCADE, related_name="sub_components"
    )
    code = models.CharField(_("kode"), max_length=10)
    name = models.CharField(_("nama"), max_length=300)
    weight = models.DecimalField(_("bobot"), max_digits=7, decimal_places=4)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("Subkomponen LKE")
        verbose_name_plural = _("Subkomponen LKE")
        ordering = ["component", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["component", "code"],
                name="lke_subcomponent_code_unique_in_component",
                violation_error_message=_("Kode subkomponen sudah dipakai di komponen ini."),
            )
        ]

    def __str__(self) -> str:
        return "{} {}".format(self.code, self.name)


class LkeCriterion(models.Model):
    """A criterion of a sub-component, answered on its scale (Y/T or A-E); `prefill_rule`
    names the rule of renstra.lke.prefill that suggests its answer (blank: none)."""

    sub_component = models.ForeignKey(
        LkeSubComponent, on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.CharField(_("kode"), max_length=20)
    text = models.TextField(_("kriteria"))
    scale = models.CharField(_("skala jawaban"), max_length=4, choices=SCALE_CHOICES)
    guidance = models.TextField(_("petunjuk"), blank=True)
    prefill_rule = models.CharField(_("aturan usulan"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("Kriteria LKE")
        verbose_name_plural = _("Kriteria LKE")
        ordering = ["sub_component", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_component", "code"],
                name="lke_criterion_code_unique_in_sub_component",
                violation_error_message=_("Kode kriteria sudah dipakai di subkomponen ini."),
            )
        ]

    def __str__(self) -> str:
        return "{} {}".format(self.code, self.text[:60])

    @property
    def scale_obj(self) -> Scale:
        return SCALES[self.scale]


# ---- the evaluation of an agency and year --------------------------------------------------------


class LkeEvaluation(models.Model):
    """The SAKIP evaluation of `agency` for `year` on `template`: self-assessment, the
    inspectorate's evaluation, the head of the inspectorate's review, final. Who moved it and
    when is kept for each step."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="lke_evaluations")
    year = models.PositiveSmallIntegerField(_("tahun"))
    template = models.ForeignKey(
        LkeTemplate, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("templat")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EvaluationStatus.choices, default=EvaluationStatus.SELF
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    started_at = models.DateTimeField(_("dimulai"), auto_now_add=True)
    self_submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    self_submitted_at = models.DateTimeField(_("penilaian mandiri diajukan"), null=True, blank=True)
    evaluation_submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    evaluation_submitted_at = models.DateTimeField(
        _("evaluasi diajukan untuk reviu"), null=True, blank=True
    )
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    returned_at = models.DateTimeField(_("dikembalikan"), null=True, blank=True)
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finalized_at = models.DateTimeField(_("final"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Evaluasi SAKIP (LKE)")
        verbose_name_plural = _("Evaluasi SAKIP (LKE)")
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                name="lke_evaluation_unique_per_agency_year",
                violation_error_message=_(
                    "Evaluasi SAKIP Perangkat Daerah ini untuk tahun tersebut sudah ada."
                ),
            )
        ]

    def __str__(self) -> str:
        return "LKE {} {}".format(self.agency.short_name, self.year)

    @property
    def is_final(self) -> bool:
        return self.status == EvaluationStatus.FINAL


class LkeAnswer(models.Model):
    """The answers to one criterion in one evaluation: the agency's (self), the system's
    suggestion (stored when the evaluation stage starts, with the rule that made it), the
    evaluator's (pre-set to the suggestion; a different value needs `override_reason`) and the
    reviewer's. The value that counts is the reviewer's when given, else the evaluator's."""

    evaluation = models.ForeignKey(LkeEvaluation, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(LkeCriterion, on_delete=models.PROTECT, related_name="answers")
    self_value = models.CharField(_("jawaban mandiri"), max_length=2, blank=True)
    self_note = models.TextField(_("catatan penilaian mandiri"), blank=True)
    suggested_value = models.CharField(_("usulan sistem"), max_length=2, blank=True)
    suggested_text = models.TextField(_("dasar usulan"), blank=True)
    suggested_rule = models.CharField(_("aturan usulan"), max_length=60, blank=True)
    evaluator_value = models.CharField(_("nilai evaluator"), max_length=2, blank=True)
    evaluator_note = models.TextField(_("catatan evaluator"), blank=True)
    override_reason = models.TextField(_("alasan berbeda dari usulan"), blank=True)
    reviewer_value = models.CharField(_("nilai reviu"), max_length=2, blank=True)
    reviewer_note = models.TextField(_("catatan reviu"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Jawaban LKE")
        verbose_name_plural = _("Jawaban LKE")
        ordering = ["evaluation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"],
                name="lke_answer_unique_per_criterion",
                violation_error_message=_("Kriteria ini sudah dijawab dalam evaluasi ini."),
            )
        ]

    def __str__(self) -> str:
        return "{} {}".format(self.evaluation_id, self.criterion_id)

    @property
    def final_value(self) -> str:
        """The value that counts: the reviewer's when given, else the evaluator's."""
        return self.reviewer_value or self.evaluator_value

    @property
    def is_override(self) -> bool:
        """The evaluator's value differs from the system's suggestion."""
        return bool(self.suggested_value) and self.evaluator_value != self.suggested_value


def evidence_path(instance, filename: str) -> str:
    evaluation = instance.answer.evaluation
    return "lke/{}/{}/{}".format(evaluation.agency_id, evaluation.year, filename)


class LkeEvidence(models.Model):
    """Proof of an answer: a document of the agency's register (`document_type` of
    `document_year`), a page of this system (`url`, relative), or an uploaded file (PDF, JPG,
    PNG, at most 20 MB)."""

    answer = models.ForeignKey(LkeAnswer, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("jenis bukti"), max_length=10, choices=EvidenceKind.choices)
    label = models.CharField(_("keterangan"), max_length=300)
    url = models.CharField(_("alamat"), max_length=500, blank=True)
    document_type = models.CharField(
        _("jenis dokumen"), max_length=10, choices=DocumentType.choices, blank=True
    )
    document_year = models.PositiveSmallIntegerField(_("tahun dokumen"), null=True, blank=True)
    file = models.FileField(_("berkas"), upload_to=evidence_path, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    added_at = models.DateTimeField(_("ditambahkan"), auto_now_add=True)
    # Who added and who removed which proof, and when (the worksheet's history).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Bukti LKE")
        verbose_name_plural = _("Bukti LKE")
        ordering = ["answer", "added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=EvidenceKind.PAGE) | Q(url__startswith="/"),
                name="lke_page_evidence_is_a_relative_url",
                violation_error_message=_(
                    "Bukti halaman sistem harus berupa alamat relatif yang diawali '/'."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind=EvidenceKind.REGISTER) | ~Q(document_type=""),
                name="lke_register_evidence_names_a_document",
                violation_error_message=_("Bukti dokumen register harus menyebut jenis dokumen."),
            ),
        ]

    def __str__(self) -> str:
        return self.label


class LkeRecommendation(models.Model):
    """A recommendation of the evaluation (of a component, or of the whole), and how far it is
    followed up. One not done when the evaluation became final is carried into the next year's
    evaluation as a new row whose `previous` is it."""

    evaluation = models.ForeignKey(
        LkeEvaluation, on_delete=models.CASCADE, related_name="recommendations"
    )
    component = models.ForeignKey(
        LkeComponent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("komponen"),
    )
    text = models.TextField(_("rekomendasi"))
    status = models.CharField(
        _("tindak lanjut"),
        max_length=10,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    follow_up = models.TextField(_("uraian tindak lanjut"), blank=True)
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried",
        verbose_name=_("rekomendasi tahun lalu"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Rekomendasi LKE")
        verbose_name_plural = _("Rekomendasi LKE")
        ordering = ["evaluation", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
