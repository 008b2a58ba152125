from django import forms
from django.utils.translation import gettext_lazy as _

from renstra.plans.models import Unit
from renstra.register.choices import OVERRIDE_STATUSES, DocumentType, RegisterStatus


class _DocumentForm(forms.Form):
    document_type = forms.ChoiceField(label=_("Jenis dokumen"), choices=DocumentType.choices)
    unit = forms.ModelChoiceField(
        label=_("Unit kerja (PK dan Rencana Aksi)"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(agency=agency)


class UploadForm(_DocumentForm):
    file = forms.FileField(label=_("Berkas (PDF, JPG atau PNG, paling besar 20 MB)"))


class RemarkForm(_DocumentForm):
    remark = forms.CharField(label=_("Catatan verifikator"), widget=forms.Textarea, required=False)
    status = forms.ChoiceField(
        label=_("Status berkas unggahan"),
        choices=[("", _("(tetap)"))]
        + [(s.value, s.label) for s in RegisterStatus if s in OVERRIDE_STATUSES],
        required=False,
    )


class ScheduleForm(forms.Form):
    """One deadline and note per document type."""

    def __init__(self, *args, deadlines, **kwargs):
        super().__init__(*args, **kwargs)
        for d in deadlines:
            self.fields["deadline_" + d.document_type] = forms.DateField(
                label=d.label,
                required=False,
                initial=d.deadline,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields["note_" + d.document_type] = forms.CharField(
                label=_("Catatan"), required=False, max_length=300, initial=d.note
            )
