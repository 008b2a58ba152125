"""Forms of the performance tree and of the organisation's assignments: a crosscutting link to
another agency's item, and the unit of each program, kegiatan and sub kegiatan of a version.
The rules are the services' (renstra.plans.crosscutting, renstra.plans.assignments)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from renstra.plans.assignments import ASSIGNED_LEVELS, Assignments, may_hold
from renstra.plans.crosscutting import LinkEnd
from renstra.plans.item_refs import ItemRef
from renstra.plans.models import Agency, Unit
from renstra.plans.readmodel import VersionRead


def link_ends(read: VersionRead | None) -> list[LinkEnd]:
    """The items of a version that a crosscutting link may join, in document order: sasaran,
    then each program with its kegiatan and their sub kegiatan."""
    if read is None:
        return []
    ends = [LinkEnd("sasaran", objective) for objective in read.objectives]
    for program in read.programs:
        ends.append(LinkEnd("program", program))
        for activity in program.activity_list:
            ends.append(LinkEnd("kegiatan", activity))
            ends.extend(LinkEnd("sub_kegiatan", sub) for sub in activity.sub_activity_list)
    return ends


def _choice(end: LinkEnd) -> tuple[str, str]:
    indent = {"sasaran": "", "program": "", "kegiatan": "— ", "sub_kegiatan": "— — "}
    return "{}-{}".format(end.level, end.item.pk), indent[end.level] + end.ref.label


class CrosscuttingForm(forms.Form):
    """An item of this version, the other agency, and (once the agency is chosen: its items are
    offered then) the other agency's item, with a note."""

    source = forms.ChoiceField(label=_("Butir pohon kinerja ini"))
    to_agency = forms.ModelChoiceField(
        label=_("Perangkat Daerah mitra"),
        queryset=Agency.objects.none(),
        empty_label=_("— pilih Perangkat Daerah —"),
    )
    target = forms.ChoiceField(
        label=_("Butir pohon kinerja Perangkat Daerah mitra"), required=False
    )
    note = forms.CharField(
        label=_("Keterangan"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 70}),
        help_text=_("Peran masing-masing, mis. 'data pegawai untuk perhitungan formasi guru'."),
    )

    def __init__(self, *args, sources: list[LinkEnd], agencies, targets: list[LinkEnd], **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = {_choice(end)[0]: end for end in sources}
        self.targets = {_choice(end)[0]: end for end in targets}
        self.fields["source"].choices = [_choice(end) for end in sources]
        self.fields["to_agency"].queryset = agencies
        self.fields["target"].choices = [("", _("— pilih butir —"))] + [
            _choice(end) for end in targets
        ]

    def clean_source(self) -> LinkEnd:
        return self.sources[self.cleaned_data["source"]]

    def clean_target(self) -> LinkEnd | None:
        return self.targets.get(self.cleaned_data.get("target") or "")


class AssignmentForm(forms.Form):
    """One select per program, kegiatan and sub kegiatan of a version, in document order: the
    unit responsible for it, among the agency's units that may hold its level. An item whose
    version names its unit itself is shown, not offered: the version says it."""

    def __init__(self, *args, read: VersionRead, units: list[Unit], found: Assignments, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in units}
        choices = {
            level: [("", _("— belum ditetapkan —"))]
            + [(str(u.pk), _unit_label(u)) for u in units if may_hold(u, level)]
            for level in ASSIGNED_LEVELS
        }
        self.rows = []
        for program in read.programs:
            self._row("program", program, found, choices)
            for activity in program.activity_list:
                self._row("kegiatan", activity, found, choices)
                for sub in activity.sub_activity_list:
                    self._row("sub_kegiatan", sub, found, choices)

    def _row(self, level: str, item, found: Assignments, choices) -> None:
        holder = found.responsible(level, item)
        row = {"level": level, "item": item, "ref": ItemRef.of(level, item), "bound": None}
        row["example"] = holder is not None and holder.example
        if holder is not None and holder.source == "versi":
            row["fixed"] = holder.unit
        else:
            name = "{}-{}".format(level, item.pk)
            self.fields[name] = forms.TypedChoiceField(
                label=row["ref"].label,
                choices=choices[level],
                coerce=lambda pk: self.units[int(pk)],
                empty_value=None,
                required=False,
                initial=str(holder.unit.pk) if holder is not None else "",
                widget=forms.Select(attrs={"aria-label": row["ref"].label}),
            )
            row["field"] = name
        self.rows.append(row)

    def bound_rows(self):
        """The rows in document order, each with its bound field (None when fixed)."""
        for row in self.rows:
            yield {**row, "bound": self[row["field"]] if row.get("field") else None}

    def chosen(self) -> list[tuple[str, object, Unit | None]]:
        """(level, item, unit or None) of every row the planner changed."""
        return [
            (row["level"], row["item"], self.cleaned_data[row["field"]])
            for row in self.rows
            if row.get("field") in self.changed_data
        ]


def _unit_label(unit: Unit) -> str:
    return "{} (eselon {})".format(unit.name, unit.eselon) if unit.eselon else unit.name
