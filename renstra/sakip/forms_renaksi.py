"""The form that starts a Rencana Aksi: by quarter (the default) or by month."""

from django import forms
from django.utils.translation import gettext_lazy as _

from renstra.sakip.choices import ActionPeriods


class ActionPlanForm(forms.Form):
    periods = forms.TypedChoiceField(
        label=_("Rencana Aksi disusun per"),
        choices=ActionPeriods.choices,
        coerce=int,
        initial=ActionPeriods.QUARTERLY,
        widget=forms.RadioSelect,
    )
