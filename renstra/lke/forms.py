"""The forms of the LKE pages: the year of a new evaluation, the answers of the evaluation's
stage (every criterion in one form, written all or nothing by
renstra.lke.services.save_stage_answers), a proof, a recommendation and its
follow-up, the note of a return to the evaluator."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from renstra.core.lke import SCALES
from renstra.lke import services
from renstra.lke.choices import EvaluationStatus, EvidenceKind, RecommendationStatus
from renstra.lke.models import LkeAnswer, LkeEvaluation
from renstra.register.choices import DocumentType

VALUE, NOTE, REASON = "nilai", "catatan", "alasan"
STAGE = "tahap"
# The answers' fields stand in the worksheet's table beside each criterion's evidence forms; they
# belong to the one form of the answers by the HTML `form` attribute (forms do not nest).
ANSWERS_FORM = "jawaban"
FILL = "width: 100%; box-sizing: border-box"
NOTE_BOX = {"rows": 2, "form": ANSWERS_FORM, "style": FILL}

# The answer's fields each stage writes: (value, note, override reason or None).
STAGE_FIELDS = {
    EvaluationStatus.SELF: ("self_value", "self_note", None),
    EvaluationStatus.EVALUATION: ("evaluator_value", "evaluator_note", "override_reason"),
    EvaluationStatus.REVIEW: ("reviewer_value", "reviewer_note", None),
}


def field_name(kind: str, answer: LkeAnswer) -> str:
    return "{}-{}".format(kind, answer.pk)


def scale_choices(scale_key: str) -> list[tuple[str, str]]:
    """The answers of a scale as choices; their meanings come from core in Indonesian and are
    translated here, in the reader's language."""
    return [("", "–")] + [
        (o.code, "{} – {}".format(o.code, gettext(o.label))) for o in SCALES[scale_key].options
    ]


class StartForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)

    def __init__(self, *args, years: list[int], initial_year: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]
        self.fields["year"].initial = initial_year


class StageAnswersForm(forms.Form):
    """The answers of the evaluation's stage, one value and note per criterion (and, in the
    evaluation, the reason for a value other than the system's suggestion): the agency's in
    self-assessment, the evaluator's in evaluation, the reviewer's in review. The form parses
    and keeps what was typed; its changes() are written all or nothing by
    services.save_stage_answers, whose refusals it keeps to show (refuse)."""

    def __init__(self, data=None, *, evaluation: LkeEvaluation, answers: list[LkeAnswer]):
        self.stage = evaluation.status
        self.answers = answers
        self.refused: dict[str, list[str]] = {}
        value_field, note_field, reason_field = STAGE_FIELDS[self.stage]
        initial = {STAGE: self.stage}
        for answer in answers:
            initial[field_name(VALUE, answer)] = getattr(answer, value_field)
            initial[field_name(NOTE, answer)] = getattr(answer, note_field)
            if reason_field:
                initial[field_name(REASON, answer)] = getattr(answer, reason_field)
        super().__init__(data, initial=initial)
        self.fields[STAGE] = forms.CharField(widget=forms.HiddenInput(attrs={"form": ANSWERS_FORM}))
        for answer in answers:
            codes = " / ".join(SCALES[answer.criterion.scale].codes())
            self.fields[field_name(VALUE, answer)] = forms.ChoiceField(
                label=answer.criterion.code,
                choices=scale_choices(answer.criterion.scale),
                required=False,
                widget=forms.Select(attrs={"form": ANSWERS_FORM, "style": FILL}),
                error_messages={
                    "invalid_choice": gettext(
                        "Jawaban '%(value)s' tidak dikenal; pilih {}."
                    ).format(codes)
                },
            )
            self.fields[field_name(NOTE, answer)] = forms.CharField(
                label=_("Catatan"), required=False, widget=forms.Textarea(attrs=NOTE_BOX)
            )
            if reason_field:
                self.fields[field_name(REASON, answer)] = forms.CharField(
                    label=_("Alasan berbeda dari usulan sistem"),
                    required=False,
                    widget=forms.Textarea(attrs=NOTE_BOX),
                )

    def clean(self):
        data = super().clean()
        if self.stage != EvaluationStatus.EVALUATION:
            return data
        for answer in self.answers:
            value = data.get(field_name(VALUE, answer))
            if value is None:
                continue  # not a value of the scale: said by its field
            reason = (data.get(field_name(REASON, answer)) or "").strip()
            if answer.suggested_value and value != answer.suggested_value and not reason:
                self.add_error(field_name(REASON, answer), gettext(services.OVERRIDE_NEEDS_REASON))
        return data

    def errors_by_code(self) -> dict[str, list[str]]:
        """{criterion code: messages} of what stops the save, in worksheet order."""
        found: dict[str, list[str]] = {}
        for answer in self.answers:
            for kind in (VALUE, NOTE, REASON):
                for message in self.errors.get(field_name(kind, answer), []):
                    found.setdefault(answer.criterion.code, []).append(message)
            found.setdefault(answer.criterion.code, []).extend(
                self.refused.get(answer.criterion.code, [])
            )
        return {code: messages for code, messages in found.items() if messages}

    def changes(self) -> dict[int, dict]:
        """{answer id: the stage's service's keyword arguments} of each answer the form
        changes, in worksheet order: what services.save_stage_answers takes."""
        value_field, note_field, reason_field = STAGE_FIELDS[self.stage]
        changed = {}
        for answer in self.answers:
            values = {
                "value": self.cleaned_data[field_name(VALUE, answer)],
                "note": self.cleaned_data[field_name(NOTE, answer)].strip(),
            }
            now = {"value": getattr(answer, value_field), "note": getattr(answer, note_field)}
            if reason_field:
                reason = self.cleaned_data[field_name(REASON, answer)].strip()
                if values["value"] == answer.suggested_value:
                    reason = ""  # the service keeps no reason for an accepted suggestion
                values["override_reason"] = reason
                now["override_reason"] = getattr(answer, reason_field)
            if values != now:
                changed[answer.pk] = values
        return changed

    def refuse(self, error: ValidationError) -> None:
        """Keep the refusals of services.save_stage_answers ({criterion code: messages}) to
        show them with the form's own errors (errors_by_code)."""
        self.refused = error.message_dict


class EvidenceForm(forms.Form):
    """A proof of an answer: a register document, a page of this system, or an upload."""

    answer = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Jenis bukti"), choices=EvidenceKind.choices)
    label = forms.CharField(label=_("Keterangan"), max_length=300, required=False)
    url = forms.CharField(label=_("Alamat halaman"), max_length=500, required=False)
    document_type = forms.ChoiceField(
        label=_("Jenis dokumen"), choices=[("", "–"), *DocumentType.choices], required=False
    )
    document_year = forms.IntegerField(
        label=_("Tahun dokumen"), min_value=2000, max_value=2100, required=False
    )
    file = forms.FileField(
        label=_("Berkas (PDF, JPG atau PNG, paling besar 20 MB)"), required=False
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "label": data["label"],
            "url": data["url"],
            "document_type": data["document_type"],
            "document_year": data["document_year"],
            "upload": data["file"],
        }


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Rekomendasi"), widget=forms.Textarea(attrs={"rows": 3}))
    component = forms.TypedChoiceField(
        label=_("Komponen"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, components, **kwargs):
        super().__init__(*args, **kwargs)
        self.components = {c.pk: c for c in components}
        self.fields["component"].choices = [("", _("(seluruh evaluasi)"))] + [
            (c.pk, "{} {}".format(c.code, c.name)) for c in components
        ]

    def component_chosen(self):
        return self.components.get(self.cleaned_data["component"])


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Tindak lanjut"), choices=RecommendationStatus.choices)
    follow_up = forms.CharField(
        label=_("Uraian tindak lanjut"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan pengembalian"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apa yang harus diperiksa kembali oleh evaluator."),
    )
