"""The forms of the Perjanjian Kinerja pages: which unit's PK of which year is made (on what
date, where), a row's target or anggaran with the reason of its change, the date and place, the
signing (confirmed), a PK Perubahan's reason, the signed scan."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renstra.plans.choices import UnitKind
from renstra.plans.models import Agency, Unit
from renstra.sakip.agreements import default_day, default_place
from renstra.sakip.models import Renja


def agreement_units(agency: Agency):
    """The units of the agency whose head makes a PK: the head of agency, eselon III and IV."""
    return Unit.objects.filter(agency=agency).filter(
        Q(kind=UnitKind.HEAD) | Q(eselon__startswith="III") | Q(eselon__startswith="IV")
    )


def renja_years(agency: Agency) -> list[int]:
    """The years the agency has a Renja of: a PK is drawn from one."""
    years = Renja.objects.filter(agency=agency).values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)


class AgreementCreateForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit kerja (pihak pertama: pejabat yang memimpinnya)"), queryset=Unit.objects
    )
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    day = forms.DateField(
        label=_("Tanggal perjanjian"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Pihak pertama dan kedua adalah pejabat yang menjabat pada tanggal ini. Kosongkan "
            "untuk hari ini (bila dalam tahun PK) atau 31 Januari tahun PK."
        ),
    )
    place = forms.CharField(
        label=_("Tempat"),
        required=False,
        max_length=100,
        help_text=_("Kosongkan untuk tempat pada blok tanda tangan Perangkat Daerah."),
    )

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = agreement_units(agency)
        self.fields["unit"].label_from_instance = _unit_label
        self.fields["year"].choices = [(y, y) for y in renja_years(agency)]
        self.agency = agency

    def initial_for(self, unit: str | None, year: str) -> dict:
        """The form as the list's "Buat PK" opens it: the unit and year asked (else the newest
        Renja's), the date the service would take, the agency's place."""
        years = [y for y, _label in self.fields["year"].choices]
        chosen = int(year) if year.isdigit() else (years[0] if years else None)
        return {
            "unit": unit,
            "year": chosen,
            "day": default_day(chosen) if chosen else None,
            "place": default_place(self.agency),
        }


def _unit_label(unit: Unit) -> str:
    return "{} ({})".format(unit.name, unit.eselon) if unit.eselon else unit.name


class AgreementTargetForm(forms.Form):
    target = forms.CharField(label=_("Target PK"), required=False, max_length=300)
    reason = forms.CharField(label=_("Alasan perubahan"), required=False)


class AgreementBudgetForm(forms.Form):
    amount = forms.CharField(label=_("Anggaran (Rp)"), required=False, max_length=100)
    reason = forms.CharField(label=_("Alasan perubahan"), required=False)


class AgreementDayForm(forms.Form):
    day = forms.DateField(
        label=_("Tanggal perjanjian"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    place = forms.CharField(label=_("Tempat"), required=False, max_length=100)


class SignForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Kedua pihak sudah menandatangani PK ini; setelah ditandai, PK tidak dapat diubah "
            "lagi (perubahan melalui PK Perubahan)."
        ),
        error_messages={
            "required": _(
                "Centang pernyataan bahwa kedua pihak sudah menandatangani PK, lalu tandai lagi."
            )
        },
    )


class AgreementPerubahanForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan PK Perubahan"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ScanForm(forms.Form):
    file = forms.FileField(
        label=_("Pindaian PK bertanda tangan (PDF, JPG atau PNG, paling besar 20 MB)"),
        error_messages={"required": _("Pilih berkas pindaian PK yang akan diunggah.")},
    )
