"""Forms for editing every level of the cascade, with Indonesian errors next to the field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from renstra.core.targets import parse_target
from renstra.plans.levels import CODE_FORMATS
from renstra.plans.models import (
    Activity,
    Goal,
    Indicator,
    Objective,
    PolicyDirection,
    Program,
    Strategy,
)

TEXT = {"name": forms.Textarea(attrs={"rows": 2, "cols": 70})}


class _CodedForm(forms.ModelForm):
    level = ""

    def __init__(self, *args, version=None, parent=None, **kwargs):
        self.version = version
        self.parent = parent
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip()
        if not code:
            return code
        pattern, example = CODE_FORMATS.get(self.version.plan.code_scheme, {}).get(
            self.level, (None, "")
        )
        if pattern is not None and not pattern.match(code):
            raise ValidationError(
                _("Kode '{}' tidak sesuai {}: tulis {}.").format(
                    code, self.version.plan.get_code_scheme_display(), example
                )
            )
        return code


class ProgramForm(_CodedForm):
    level = "program"

    class Meta:
        model = Program
        fields = ["code", "number", "name", "objectives", "unit", "note"]
        widgets = TEXT
        labels = {"objectives": gettext_lazy("Sasaran yang didukung")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].queryset = Objective.objects.filter(goal__version=self.version)
        self.fields["unit"].queryset = self.version.plan.agency.units.all()

    def clean_code(self):
        code = super().clean_code()
        if (
            code
            and Program.objects.filter(version=self.version, code=code)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise ValidationError(
                _("Kode {} sudah dipakai program lain di versi ini.").format(code)
            )
        return code


class ActivityForm(_CodedForm):
    level = "kegiatan"

    class Meta:
        model = Activity
        fields = ["code", "number", "name", "location", "note"]
        widgets = TEXT

    def clean_code(self):
        code = super().clean_code()
        program = self.parent
        if code and program.code and not code.startswith(program.code + "."):
            raise ValidationError(
                _("Kode kegiatan harus diawali kode programnya: {}.xx").format(program.code)
            )
        if (
            code
            and Activity.objects.filter(program__version=self.version, code=code)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise ValidationError(
                _("Kode {} sudah dipakai kegiatan lain di versi ini.").format(code)
            )
        return code


class _ItemForm(forms.ModelForm):
    def __init__(self, *args, version=None, parent=None, **kwargs):
        self.version = version
        self.parent = parent
        super().__init__(*args, **kwargs)


def _simple(model_class):
    meta = type(
        "Meta", (), {"model": model_class, "fields": ["number", "name", "note"], "widgets": TEXT}
    )
    return type(model_class.__name__ + "Form", (_ItemForm,), {"Meta": meta})


class IndicatorForm(_ItemForm):
    class Meta:
        model = Indicator
        fields = [
            "number",
            "name",
            "kind",
            "unit",
            "polarity",
            "rollup",
            "value_type",
            "intended_result",
            "target_group",
            "baseline_raw",
            "end_target_raw",
            "definition",
            "data_source",
            "note",
        ]
        widgets = {**TEXT, "definition": forms.Textarea(attrs={"rows": 2, "cols": 70})}

    def clean(self):
        # The parsed values stand beside their raw text; a changed text re-parses them, as an
        # import would (renstra.plans.services.add_indicator).
        cleaned = super().clean()
        for raw, value in (
            ("baseline_raw", "baseline_value"),
            ("end_target_raw", "end_target_value"),
        ):
            text = (cleaned.get(raw) or "").strip()
            setattr(self.instance, value, parse_target(text).value if text else None)
        return cleaned


# kind -> (model, form, parent kind or None for the version, parent field)
KINDS = {
    "tujuan": (Goal, _simple(Goal), None, "version"),
    "sasaran": (Objective, _simple(Objective), "tujuan", "goal"),
    "strategi": (Strategy, _simple(Strategy), "sasaran", "objective"),
    "arah_kebijakan": (PolicyDirection, _simple(PolicyDirection), "strategi", "strategy"),
    "program": (Program, ProgramForm, None, "version"),
    "kegiatan": (Activity, ActivityForm, "program", "program"),
    "indikator": (Indicator, IndicatorForm, None, None),
}
INDICATOR_OWNERS = {
    "tujuan": "goal",
    "sasaran": "objective",
    "program": "program",
    "kegiatan": "activity",
}
# Indonesian source texts (msgids); views show them through gettext.
LABELS = {
    "tujuan": gettext_noop("Tujuan"),
    "sasaran": gettext_noop("Sasaran"),
    "strategi": gettext_noop("Strategi"),
    "arah_kebijakan": gettext_noop("Arah kebijakan"),
    "program": gettext_noop("Program"),
    "kegiatan": gettext_noop("Kegiatan"),
    "indikator": gettext_noop("Indikator"),
}


def siblings(item, kind):
    """The items that share the parent of `item`, in order (for reordering)."""
    model, _form, _parent, parent_field = KINDS[kind]
    if kind == "indikator":
        owner_field = next(f for f in INDICATOR_OWNERS.values() if getattr(item, f + "_id"))
        return model.objects.filter(**{owner_field: getattr(item, owner_field + "_id")}).order_by(
            "order", "pk"
        )
    return model.objects.filter(**{parent_field: getattr(item, parent_field + "_id")}).order_by(
        "order", "pk"
    )
