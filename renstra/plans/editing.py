"""Forms for editing the cascade on pages, with Indonesian errors next to the field, and what
the edit pages read besides them. The writes are in renstra.plans.services."""

from django import forms
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import router
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renstra.nomenclature.codes import bidang_of
from renstra.plans.choices import CodeScheme, RegionKind
from renstra.plans.levels import BY_KEY, CODE_FORMATS, INDICATOR, INDICATOR_OWNERS, LEVELS
from renstra.plans.models import Activity, Indicator, Objective, Program
from renstra.plans.rpjmd import rpjmd_for

TEXT = {"name": forms.Textarea(attrs={"rows": 2, "cols": 70})}


class _CodedForm(forms.ModelForm):
    level = ""

    def __init__(self, *args, version=None, parent=None, **kwargs):
        self.version = version
        self.parent = parent
        super().__init__(*args, **kwargs)
        if version.plan.code_scheme == CodeScheme.PERMENDAGRI_90_2019:
            self._nomenclature_picker()

    def _nomenclature_picker(self):
        """The code field offers the nomenclature's codes (nomenclature/picker.js asks
        renstra.nomenclature.views.search as the planner types a code or a name); choosing one
        fills the name too."""
        plan = self.version.plan
        params = {
            "tingkat": self.level,
            "pemda": 1 if plan.agency.region.kind == RegionKind.PROVINCE else 2,
        }
        if plan.nomenclature_edition_id:
            params["edisi"] = plan.nomenclature_edition_id
        params.update(self.picker_params())
        self.fields["code"].widget.attrs.update(
            {
                "list": "nomenklatur-{}".format(self.level),
                "autocomplete": "off",
                "data-nomenclature": "{}?{}".format(
                    reverse("nomenclature:search"), urlencode(params, doseq=True)
                ),
                "placeholder": _("ketik kode atau nama, lalu pilih dari nomenklatur"),
            }
        )
        self.fields["name"].widget.attrs["data-nomenclature-name"] = ""

    def picker_params(self) -> dict:
        return {}

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

    def picker_params(self) -> dict:
        # The Program Penunjang ("X.XX.01") is offered with the bidang the plan's programs have.
        codes = Program.objects.filter(version=self.version).values_list("code", flat=True)
        return {"bidang": sorted({bidang_of(code) for code in codes} - {""})}

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

    def picker_params(self) -> dict:
        # The program's kegiatan, written with its bidang (Program Penunjang "X.XX" codes).
        return {"induk": self.parent.code} if self.parent.code else {}

    def clean_code(self):
        code = super().clean_code()
        program = self.parent
        nested = self.version.plan.code_scheme != CodeScheme.LOCAL  # local codes need not nest
        if nested and code and program.code and not code.startswith(program.code + "."):
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


class ObjectiveForm(_ItemForm):
    """A sasaran, with the RPJMD sasaran it supports (Tabel 7.1 is made from them): chosen from
    the RPJMD in force of the plan's region, or typed as numbers while the system has none. A
    number the sasaran names already and the RPJMD does not have stays offered, marked, so that
    saving the form never drops it unseen."""

    rpjmd_refs = forms.MultipleChoiceField(
        label=gettext_lazy("Sasaran RPJMD yang didukung"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Objective
        fields = ["number", "name", "note", "rpjmd_refs"]
        widgets = TEXT

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rpjmd = rpjmd_for(self.version) if self.version is not None else None
        current = list(self.instance.rpjmd_refs or []) if self.instance.pk else []
        if rpjmd is None:
            self.fields["rpjmd_refs"] = forms.CharField(
                label=_("Nomor sasaran RPJMD yang didukung"),
                required=False,
                initial="; ".join(current),
                help_text=_(
                    "RPJMD Pemda ini belum ada di sistem: tulis nomornya, dipisah titik koma "
                    "(mis. 2.1; 2.3)."
                ),
            )
            return
        choices = [(n, s.label) for n, s in rpjmd.sasaran.items()]
        choices += [
            (n, _("{} (tidak ada di RPJMD yang berlaku)").format(n))
            for n in current
            if n not in rpjmd.sasaran
        ]
        field = self.fields["rpjmd_refs"]
        field.choices = choices
        field.initial = current
        field.help_text = _("Dari {} (versi {}).").format(
            rpjmd.version.plan.title, rpjmd.version.number
        )

    def clean_rpjmd_refs(self) -> list[str]:
        value = self.cleaned_data.get("rpjmd_refs") or []
        if isinstance(value, str):
            value = value.split(";")
        refs: list[str] = []
        for ref in (str(v).strip() for v in value):
            if ref and ref not in refs:
                refs.append(ref)
        return refs


class IndicatorForm(_ItemForm):
    """What a planner types; the parsed baseline and end target beside their raw text are set
    by the service (renstra.plans.services), as an import sets them."""

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


# The kinds of item edited on pages, with their form: the goals side needs only number, name and
# note; programs and kegiatan check their codes; indicators have their own fields. Sub kegiatan
# are not edited on pages (the version page does not show them).
FORMS: dict[str, type[forms.ModelForm]] = {
    **{level.key: _simple(level.model) for level in LEVELS if not level.coded},
    "sasaran": ObjectiveForm,
    **{form.level: form for form in (ProgramForm, ActivityForm)},
    INDICATOR: IndicatorForm,
}
# The levels an indicator may be added to on pages: those that own indicators and are edited here.
INDICATOR_OWNER_KINDS: tuple[str, ...] = tuple(
    level.key for level in INDICATOR_OWNERS if level.key in FORMS
)


def model_of(kind: str) -> type:
    """The model of a kind of item edited on pages ('kegiatan' -> Activity)."""
    return Indicator if kind == INDICATOR else BY_KEY[kind].model


def form_parent(version, kind: str, item):
    """What the form of an existing item checks against: the version for tujuan and program, the
    parent item otherwise (a kegiatan's code starts with its program's). Loaded already by the
    check that the item belongs to the version; indicators' forms need none."""
    if kind == INDICATOR:
        return None
    level = BY_KEY[kind]
    return version if level.parent is None else getattr(item, level.parent_field)


def dependents(item) -> list:
    """What deleting `item` deletes with it, nested as the admin lists it ('Kegiatan: 16.58 …')."""
    collector = NestedObjects(using=router.db_for_write(type(item)))
    collector.collect([item])
    return collector.nested(lambda obj: "{}: {}".format(obj._meta.verbose_name.capitalize(), obj))
