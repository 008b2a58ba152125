"""Forms of the organisation page: a unit, and a change of official. The rules are the model's
and the service's (renstra.plans.organization); the forms show their messages by the field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from renstra.plans.choices import Acting, UnitKind
from renstra.plans.models import Unit, validate_nip

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A refusal of the service (which validates the whole row, e.g. the one Kepala of an
    agency, which the form does not see), by field where it names one of the form's."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class UnitForm(forms.ModelForm):
    """A unit of `agency`: the unit above is chosen among the agency's other units, not among
    those under this one (the model refuses a cycle anyway)."""

    class Meta:
        model = Unit
        fields = ["name", "kind", "eselon", "parent", "order"]
        widgets = {"name": forms.TextInput(attrs={"size": 70})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.agency = agency
        units = Unit.objects.filter(agency=agency).order_by("order", "name")
        if self.instance.pk is not None:
            units = units.exclude(pk__in=_self_and_below(self.instance))
        self.fields["parent"].queryset = units
        self.fields["parent"].empty_label = _("— langsung di bawah Kepala —")


def _self_and_below(unit: Unit) -> set[int]:
    below = {}
    for pk, parent_id in Unit.objects.filter(agency_id=unit.agency_id).values_list(
        "pk", "parent_id"
    ):
        below.setdefault(parent_id, []).append(pk)
    found, stack = set(), [unit.pk]
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(below.get(pk, []))
    return found


class OfficialChangeForm(forms.Form):
    """A new official of a unit from a day: the official in office then leaves the day
    before."""

    name = forms.CharField(
        label=_("Nama pejabat baru"),
        max_length=200,
        help_text=_("Nama lengkap dengan gelar, seperti dicetak."),
        widget=forms.TextInput(attrs={"size": 60}),
    )
    nip = forms.CharField(
        label=_("NIP"),
        max_length=24,
        validators=[validate_nip],
        help_text=_("18 angka; spasi boleh, mis. 19700101 199503 1 001."),
    )
    rank = forms.CharField(
        label=_("Pangkat/golongan"),
        max_length=100,
        required=False,
        help_text=_("Boleh kosong, mis. Pembina Tingkat I (IV/b)."),
    )
    position = forms.CharField(
        label=_("Jabatan"),
        max_length=300,
        help_text=_("Seperti dicetak di bawah tanda tangan, tanpa Plt./Plh."),
        widget=forms.TextInput(attrs={"size": 70}),
    )
    acting = forms.ChoiceField(label=_("Sifat jabatan"), choices=Acting.choices, required=False)
    start_date = forms.DateField(
        label=_("Mulai menjabat"),
        widget=DATE,
        help_text=_("Pejabat sebelumnya tercatat menjabat sampai sehari sebelumnya."),
    )


def default_position(unit: Unit) -> str:
    """What a new official's position is likely called: the current holder's, else "Kepala"
    and the unit's name (the agency's name for the Kepala unit)."""
    current = unit.officials.order_by("-start_date").first()
    if current is not None:
        return current.position
    agency, region = unit.agency.name, unit.agency.region.name
    if region not in agency:
        agency = "{} {}".format(agency, region)
    if unit.kind == UnitKind.HEAD:
        return "Kepala {}".format(agency)
    if unit.kind == UnitKind.SECRETARIAT:
        return "Sekretaris {}".format(agency)
    return "Kepala {}".format(unit.name)
