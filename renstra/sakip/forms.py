"""The forms of the SAKIP year's pages: which Renstra year a Renja is made from, a row's target
or pagu with its reason, a Renja Perubahan's reason, an IKU."""

from django import forms
from django.utils.translation import gettext_lazy as _

from renstra.plans.choices import VersionStatus
from renstra.plans.models import Agency, PlanVersion, Unit
from renstra.sakip.iku import iku_indicators
from renstra.sakip.models import Iku


def source_choices(agency: Agency) -> list[tuple[str, str]]:
    """'<version id>-<year>' for every target year of every approved version of the agency."""
    versions = PlanVersion.objects.filter(
        plan__agency=agency, status=VersionStatus.APPROVED
    ).select_related("plan")
    return [
        (
            "{}-{}".format(version.pk, year),
            _("Tahun {year} — {title} versi {number}").format(
                year=year, title=version.plan.title, number=version.number
            ),
        )
        for version in versions
        for year in version.plan.target_years
    ]


class RenjaCreateForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Tahun Renja dan Renstra sumbernya"),
        help_text=_("Hanya tahun dalam periode Renstra yang ditetapkan dan berlaku."),
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = source_choices(agency)
        self.versions = {
            v.pk: v
            for v in PlanVersion.objects.filter(plan__agency=agency).select_related(
                "plan__agency__region"
            )
        }

    def cleaned_source(self) -> tuple[PlanVersion, int]:
        version_id, year = self.cleaned_data["source"].split("-")
        return self.versions[int(version_id)], int(year)


class TargetForm(forms.Form):
    target = forms.CharField(label=_("Target Renja"), required=False, max_length=300)
    reason = forms.CharField(label=_("Alasan perubahan"), required=False)


class PaguForm(forms.Form):
    pagu = forms.CharField(label=_("Pagu indikatif (Rp)"), required=False, max_length=100)
    funding_source = forms.CharField(label=_("Sumber dana"), required=False, max_length=200)
    reason = forms.CharField(label=_("Alasan perubahan"), required=False)


class PerubahanForm(forms.Form):
    reason = forms.CharField(label=_("Alasan Renja Perubahan"), widget=forms.Textarea)


class IkuForm(forms.ModelForm):
    class Meta:
        model = Iku
        fields = [
            "indicator",
            "name",
            "objective",
            "measure_unit",
            "definition",
            "formula",
            "data_source",
            "unit",
            "year_start",
            "year_end",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "objective": forms.Textarea(attrs={"rows": 2}),
            "definition": forms.Textarea(attrs={"rows": 3}),
            "formula": forms.Textarea(attrs={"rows": 2}),
            "data_source": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "name": _("Kosongkan untuk memakai nama indikator Renstra yang dipilih."),
            "objective": _("Kosongkan untuk memakai sasaran indikator yang dipilih."),
        }

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        indicators = iku_indicators(agency)
        self.fields["indicator"].queryset = (
            self.fields["indicator"]
            .queryset.filter(pk__in=[i.pk for i in indicators])
            .select_related("goal", "objective", "version__plan")
            .order_by("version__plan__kind", "goal__order", "objective__order", "order", "pk")
        )
        self.fields["indicator"].label_from_instance = _indicator_label
        self.fields["unit"].queryset = Unit.objects.filter(agency=agency)
        for name in ("name", "year_start", "year_end"):
            self.fields[name].required = False


def _indicator_label(indicator) -> str:
    """'[RPJMD] sasaran — indikator' in the IKU form's list of indicators."""
    owner = indicator.objective or indicator.goal
    prefix = "[RPJMD] " if indicator.version.plan.kind == "rpjmd" else ""
    return "{}{} — {}".format(prefix, owner.name, indicator.name)


def add_service_errors(form: forms.Form, error) -> None:
    """A service's ValidationError shown on the form: by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
