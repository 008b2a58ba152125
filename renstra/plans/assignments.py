"""Who is responsible for a program, kegiatan or sub kegiatan: the unit an agency assigns it to.

An item of a version may name its unit itself (Program.unit, Activity.unit, SubActivity.unit),
and then the version says it. Most plans do not (the demo's seed names no unit), and an
approved version is frozen: nothing in it can change. Yet responsibility is the
organisation's, and it changes with the organisation (a bidang split, a kegiatan moved to
another subbidang) while the plan stays as approved. So the agency keeps its assignments
beside its plans: a UnitAssignment names the item by level, code and name (renstra.plans
.item_refs), and holds for every version of every plan of the agency whose item it matches;
a review carries it over without copying anything.

Eselon III units (bidang, sekretariat) hold programs and eselon IV units (subbidang,
subbagian, seksi) hold kegiatan (PermenPAN-RB 89/2021 cascades a program's performance to the
administrator, a kegiatan's to the supervisor). Since the simplification of the bureaucracy
(PermenPAN-RB 25/2021) many eselon IV posts became functional positions, and a bidang then
holds its kegiatan itself: a kegiatan or sub kegiatan may go to an eselon III unit too.

Imported by renstra.plans.models so that Django registers the model.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from renstra.plans.item_refs import ItemRef, RefIndex, VersionCodes, code_of
from renstra.plans.models import Agency, Unit

ASSIGNED_LEVELS = ("program", "kegiatan", "sub_kegiatan")
LEVEL_CHOICES = [
    ("program", _("Program")),
    ("kegiatan", _("Kegiatan")),
    ("sub_kegiatan", _("Sub kegiatan")),
]
# The eselon groups whose units may hold an item of each level (see the module's docstring).
ESELON_GROUPS = {"program": ("III",), "kegiatan": ("IV", "III"), "sub_kegiatan": ("IV", "III")}


def may_hold(unit: Unit, level: str) -> bool:
    """Whether `unit` may be responsible for an item of `level`, by its eselon."""
    return bool(unit.eselon) and unit.eselon.split(".")[0] in ESELON_GROUPS[level]


class UnitAssignment(models.Model):
    """The unit of an agency responsible for one program, kegiatan or sub kegiatan of its
    plans, named by level, code and name (the name as it was when assigned)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="unit_assignments", editable=False
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("unit kerja")
    )
    level = models.CharField(_("tingkat"), max_length=20, choices=LEVEL_CHOICES)
    code = models.CharField(_("kode"), max_length=40, blank=True)
    name = models.CharField(_("uraian"), max_length=1000)
    is_example = models.BooleanField(
        _("data contoh"),
        default=False,
        help_text=_("Dibuat `renstra demo` sebagai contoh, bukan penugasan sebenarnya."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Penugasan unit kerja")
        verbose_name_plural = _("Penugasan unit kerja")
        ordering = ["agency", "level", "code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "level", "code", "name"],
                name="unit_assignment_one_per_item",
                violation_error_message=_(
                    "Butir ini sudah ditugaskan ke satu unit kerja Perangkat Daerah ini."
                ),
            )
        ]

    def __str__(self) -> str:
        return "{} -> {}".format(self.ref.label, self.unit)

    @property
    def ref(self) -> ItemRef:
        return ItemRef(self.level, self.code, self.name)

    def clean(self) -> None:
        super().clean()
        if self.unit_id is None or self.agency_id is None:
            return
        if self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": gettext("Unit kerja harus unit Perangkat Daerah ini.")})
        if not may_hold(self.unit, self.level):
            raise ValidationError(
                {
                    "unit": gettext(
                        "{unit} (eselon {eselon}) tidak dapat memegang {level}: program dipegang "
                        "unit eselon III, kegiatan dan sub kegiatan unit eselon IV (atau eselon "
                        "III bila tidak ada eselon IV di bawahnya)."
                    ).format(
                        unit=self.unit.name,
                        eselon=self.unit.eselon or gettext("kosong"),
                        level=self.get_level_display().lower(),
                    )
                }
            )


# --- reads ---------------------------------------------------------------------------------


@dataclass
class Responsible:
    """The unit responsible for an item, and where that is said: in the version itself
    ('versi') or by the agency's assignment ('penugasan'); inherited from the kegiatan above
    for a sub kegiatan without one of its own ('kegiatan')."""

    unit: Unit
    source: str
    example: bool = False  # an example assignment (the demo's)


class Assignments:
    """The assignments of one agency, found by the items of one version (item_refs rules; when
    several match by code alone and name different units, none is taken)."""

    def __init__(self, records: list[UnitAssignment], units: dict[int, Unit], items_by_level):
        self.units = units
        self.codes = VersionCodes(items_by_level)
        self.index = RefIndex(records, lambda record: record.ref)

    def assigned(self, level: str, item) -> UnitAssignment | None:
        found = self.index.find(level, item, self.codes)
        if len({record.unit_id for record in found}) != 1:
            return None
        return found[0]

    def responsible(self, level: str, item, above: Responsible | None = None) -> Responsible | None:
        """The item's own unit (the version's), else its assignment, else for a sub kegiatan
        the kegiatan's unit (`above`)."""
        own = getattr(item, "unit_id", None)
        if own is not None and own in self.units:
            return Responsible(self.units[own], "versi")
        record = self.assigned(level, item)
        if record is not None and record.unit_id in self.units:
            return Responsible(self.units[record.unit_id], "penugasan", record.is_example)
        if level == "sub_kegiatan" and above is not None:
            return Responsible(above.unit, "kegiatan", above.example)
        return None


def assignments_for(agency: Agency, units: dict[int, Unit], items_by_level) -> Assignments:
    """The agency's assignments (one query), for the version whose items are given by level."""
    return Assignments(list(UnitAssignment.objects.filter(agency=agency)), units, items_by_level)


# --- writes --------------------------------------------------------------------------------


@transaction.atomic
def save_assignments(
    *,
    agency: Agency,
    items_by_level: dict[str, list],
    chosen: list[tuple[str, object, Unit | None]],
    user=None,
    is_example: bool = False,
) -> int:
    """Assign each (level, item, unit) of one version, whose items are `items_by_level`: the
    unit holds the item from now on, in every version whose item matches; None takes away what
    the item matched. All or nothing: a unit that may not hold its item refuses the whole save
    (ValidationError naming each item). Returns how many assignments were added, changed or
    removed."""
    records = list(UnitAssignment.objects.select_for_update().filter(agency=agency))
    index = RefIndex(records, lambda record: record.ref)
    codes = VersionCodes(items_by_level)
    changed, errors = 0, []
    for level, item, unit in chosen:
        found = index.find(level, item, codes)
        if unit is None or len(found) > 1:
            for record in found:
                record.delete()
                changed += 1
            if unit is None:
                continue
            found = []
        if found and found[0].unit_id == unit.pk:
            continue
        record = (
            found[0]
            if found
            else UnitAssignment(
                agency=agency, level=level, code=code_of(level, item), name=item.name
            )
        )
        record.unit, record.updated_by, record.is_example = unit, user, is_example
        try:
            record.full_clean()
        except ValidationError as error:
            label = ItemRef.of(level, item).label
            errors.extend(
                gettext("{item}: {reason}").format(item=label, reason=message)
                for message in error.messages
            )
            continue
        record.save()
        changed += 1
    if errors:
        raise ValidationError(errors)
    return changed
