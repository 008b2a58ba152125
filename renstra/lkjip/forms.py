"""The forms of the LKjIP pages: the year of a new LKjIP, the narrative chapters (with one
field per sasaran for its analysis), the note of a return."""

from django import forms
from django.utils.translation import gettext_lazy as _

from renstra.lkjip.models import Lkjip
from renstra.lkjip.parts import LkjipContent
from renstra.plans.models import Indicator

ANALYSIS_PREFIX = "analisis_"
# A chapter is paragraphs of prose: a box as wide as the report's tables.
PROSE = {"rows": 6, "style": "width: 100%; max-width: 60rem"}


class CreateForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]


class NarrativeForm(forms.Form):
    summary = forms.CharField(
        label=_("Ikhtisar Eksekutif"), required=False, widget=forms.Textarea(attrs=PROSE)
    )
    introduction = forms.CharField(
        label=_("Bab I Pendahuluan"), required=False, widget=forms.Textarea(attrs=PROSE)
    )
    efficiency = forms.CharField(
        label=_("Efisiensi penggunaan sumber daya"),
        required=False,
        widget=forms.Textarea(attrs=PROSE),
    )
    closing = forms.CharField(
        label=_("Bab IV Penutup"), required=False, widget=forms.Textarea(attrs=PROSE)
    )

    def __init__(self, *args, lkjip: Lkjip, objective_ids: list[int], **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "summary": lkjip.summary,
                "introduction": lkjip.introduction,
                "efficiency": lkjip.efficiency,
                "closing": lkjip.closing,
                **{
                    "{}{}".format(ANALYSIS_PREFIX, pk): lkjip.analysis_of(pk)
                    for pk in objective_ids
                },
            },
        )
        super().__init__(*args, **kwargs)
        for pk in objective_ids:
            self.fields["{}{}".format(ANALYSIS_PREFIX, pk)] = forms.CharField(
                label=_("Analisis capaian sasaran"),
                required=False,
                widget=forms.Textarea(attrs=PROSE),
            )

    @classmethod
    def for_content(cls, lkjip: Lkjip, content: LkjipContent):
        """The form on the report page: a field for each sasaran of the report."""
        return cls(
            lkjip=lkjip,
            objective_ids=[s.objective_id for s in content.objectives if s.objective_id],
        )

    @classmethod
    def posted(cls, data, lkjip: Lkjip):
        """The form as sent: a field for each sasaran it sends (the service checks that each
        is a sasaran of the report's Renstra)."""
        ids = []
        for name in data:
            digits = name[len(ANALYSIS_PREFIX) :]
            if name.startswith(ANALYSIS_PREFIX) and digits.isdigit():
                ids.append(int(digits))
        return cls(data, lkjip=lkjip, objective_ids=ids)

    def chapters(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[name]
            for name in ("summary", "introduction", "efficiency", "closing")
        }

    def analyses(self) -> dict[int, str]:
        return {
            int(name[len(ANALYSIS_PREFIX) :]): value
            for name, value in self.cleaned_data.items()
            if name.startswith(ANALYSIS_PREFIX)
        }

    def analysis_field(self, objective_id: int):
        return self["{}{}".format(ANALYSIS_PREFIX, objective_id)]


STANDARD_PREFIX = "standar_"
SOURCE_PREFIX = "sumber_"


class StandardsForm(forms.Form):
    """The national standard (value and source) of each indicator of Bab III."""

    def __init__(self, *args, lkjip: Lkjip, indicators: list[tuple[int, str]], **kwargs):
        initial = {}
        for pk, _name in indicators:
            found = lkjip.standard_of(pk)
            initial["{}{}".format(STANDARD_PREFIX, pk)] = found.get("value", "")
            initial["{}{}".format(SOURCE_PREFIX, pk)] = found.get("source", "")
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for pk, name in indicators:
            self.fields["{}{}".format(STANDARD_PREFIX, pk)] = forms.CharField(
                label=name, required=False, max_length=100
            )
            self.fields["{}{}".format(SOURCE_PREFIX, pk)] = forms.CharField(
                label=_("Sumber standar"), required=False, max_length=300
            )

    @classmethod
    def for_content(cls, lkjip: Lkjip, content: LkjipContent, data=None):
        seen = {}
        for section in content.objectives:
            for line in section.indicators:
                seen.setdefault(line.indicator_id, "{} {}".format(line.number, line.name))
        return cls(data, lkjip=lkjip, indicators=list(seen.items()))

    @classmethod
    def posted(cls, data, lkjip: Lkjip):
        """The form as sent: a pair of fields for each indicator it sends (the service checks
        that each is an indicator of the report's plan), without computing the report."""
        ids = []
        for name in data:
            for prefix in (STANDARD_PREFIX, SOURCE_PREFIX):
                digits = name[len(prefix) :]
                if name.startswith(prefix) and digits.isdigit() and int(digits) not in ids:
                    ids.append(int(digits))
        names = dict(
            Indicator.objects.filter(version=lkjip.version_id, pk__in=ids).values_list("pk", "name")
        )
        return cls(data, lkjip=lkjip, indicators=[(pk, names.get(pk, str(pk))) for pk in ids])

    def rows(self):
        """(indicator name, value field, source field) per indicator, for the page."""
        return [
            (
                name,
                self["{}{}".format(STANDARD_PREFIX, pk)],
                self["{}{}".format(SOURCE_PREFIX, pk)],
            )
            for pk, name in self.indicators
        ]

    def standards(self) -> dict[int, tuple[str, str]]:
        """{indicator id: (value, source)} of the indicators whose fields changed."""
        return {
            pk: (
                self.cleaned_data["{}{}".format(STANDARD_PREFIX, pk)],
                self.cleaned_data["{}{}".format(SOURCE_PREFIX, pk)],
            )
            for pk, _name in self.indicators
            if {"{}{}".format(STANDARD_PREFIX, pk), "{}{}".format(SOURCE_PREFIX, pk)}
            & set(self.changed_data)
        }


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan pengembalian"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apa yang harus diperbaiki Perangkat Daerah."),
    )
