"""Units and officials of an agency: who headed which unit on which day, the unit above a unit
(the Perjanjian Kinerja is signed with the head of the unit above), the writes that change the
organisation (pages, the admin and the demo call the same ones), and the organisation page's
read of the tree.

A change of official ends the previous official's period the day before the new one starts:
nothing is overwritten, so the signature of a document dated before the change still finds the
previous official (renstra.plans.signature).
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from renstra.plans.assignments import assignments_for
from renstra.plans.choices import UnitKind
from renstra.plans.models import Activity, Agency, PlanVersion, Program, Unit
from renstra.plans.officials import Official

# --- reads for other apps (signatures, Perjanjian Kinerja) ------------------------------------


def official_on(unit: Unit, day: datetime.date) -> Official | None:
    """The official heading `unit` on `day`, or None while the position was vacant or nobody
    is recorded (one query)."""
    return Official.objects.filter(unit=unit).on(day).first()


def head_of_agency_on(agency: Agency, day: datetime.date) -> Official | None:
    """The official heading the agency's Kepala unit on `day`, with the unit (one query)."""
    return (
        Official.objects.filter(unit__agency=agency, unit__kind=UnitKind.HEAD)
        .on(day)
        .select_related("unit")
        .first()
    )


def head_unit(agency: Agency) -> Unit | None:
    """The agency's Kepala unit (at most one: Unit's constraint), None while not recorded."""
    return Unit.objects.filter(agency=agency, kind=UnitKind.HEAD).first()


def unit_above(unit: Unit) -> Unit | None:
    """The unit whose head is the superior of `unit`'s head: its parent, or for a unit
    directly under the head of the agency the Kepala unit; None for the Kepala unit itself
    (its head answers to the regional head) or while no Kepala unit is recorded."""
    if unit.parent_id is not None:
        return unit.parent
    if unit.kind == UnitKind.HEAD:
        return None
    return head_unit(unit.agency)


# --- writes --------------------------------------------------------------------------------


@transaction.atomic
def save_unit(*, unit: Unit) -> Unit:
    """Validate (same agency above, no cycle, one Kepala, Kepala at the top) and save."""
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def record_official_change(
    *,
    unit: Unit,
    name: str,
    nip: str,
    position: str,
    start_date: datetime.date,
    rank: str = "",
    acting: str = "",
    is_example: bool = False,
) -> Official:
    """`name` heads `unit` from `start_date`: the official in office then (if any) leaves the
    day before, and the new official's period is open. A change is recorded after the last
    recorded start only: an earlier one would rewrite a period already recorded (to correct a
    record, an administrator edits it in the admin). Raises ValidationError (Indonesian, by
    field) and changes nothing when refused."""
    # One change of a unit at a time: the second waits for the first and then sees its period.
    Unit.objects.select_for_update().filter(pk=unit.pk).exists()
    later = (
        Official.objects.filter(unit=unit, start_date__gte=start_date)
        .order_by("-start_date")
        .first()
    )
    if later is not None:
        raise ValidationError(
            {
                "start_date": _(
                    "{name} sudah tercatat mulai menjabat pada {day}: pergantian hanya dapat "
                    "dicatat sesudah tanggal itu."
                ).format(name=later.name, day=_day(later.start_date))
            }
        )
    previous = Official.objects.filter(unit=unit).overlapping(start_date, None).first()
    if previous is not None:
        previous.end_date = start_date - datetime.timedelta(days=1)
        previous.full_clean()
        previous.save()
    official = Official(
        unit=unit,
        name=name.strip(),
        nip=nip,
        rank=rank.strip(),
        position=position.strip(),
        acting=acting,
        start_date=start_date,
        is_example=is_example,
    )
    official.full_clean()
    official.save()
    return official


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


# --- the organisation page -----------------------------------------------------------------


@dataclass
class UnitNode:
    """A unit with what the page shows of it: its official on the page's day, earlier and
    later officials, the programs and kegiatan of the version shown it is responsible for
    (by the version, else by the agency's assignment), the units under it."""

    unit: Unit
    current: Official | None = None
    officials: list[Official] = field(default_factory=list)  # newest first
    programs: list[Program] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    children: list["UnitNode"] = field(default_factory=list)


@dataclass
class OrganizationRead:
    agency: Agency
    day: datetime.date
    version: PlanVersion | None
    roots: list[UnitNode]
    has_example: bool


def read_organization(
    agency: Agency, *, day: datetime.date, version: PlanVersion | None
) -> OrganizationRead:
    """The agency's unit tree, each unit with its officials and with the programs and kegiatan
    of `version` it is responsible for (the version's own units, else the agency's
    assignments), in five queries whatever the size. Units without a unit above hang under the
    Kepala unit when there is one (they stand directly under the head)."""
    units = list(Unit.objects.filter(agency=agency).order_by("order", "name", "pk"))
    nodes = {unit.pk: UnitNode(unit) for unit in units}
    for official in Official.objects.filter(unit__agency=agency).order_by("-start_date"):
        node = nodes[official.unit_id]
        node.officials.append(official)
        if node.current is None and official.in_office_on(day):
            node.current = official
    if version is not None:
        # Each program and kegiatan under its unit: the version's own, else the agency's
        # assignment (renstra.plans.assignments; a unit of another agency is not shown).
        programs = list(Program.objects.filter(version=version).order_by("order", "pk"))
        activities = list(
            Activity.objects.filter(program__version=version)
            .select_related("program")
            .order_by("program__order", "program__pk", "order", "pk")
        )
        units_by_pk = {pk: node.unit for pk, node in nodes.items()}
        found = assignments_for(agency, units_by_pk, {"program": programs, "kegiatan": activities})
        for level, items, attribute in (
            ("program", programs, "programs"),
            ("kegiatan", activities, "activities"),
        ):
            for item in items:
                holder = found.responsible(level, item)
                if holder is not None:
                    getattr(nodes[holder.unit.pk], attribute).append(item)
    head = next((n for n in nodes.values() if n.unit.kind == UnitKind.HEAD), None)
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id) if node.unit.parent_id else None
        if parent is None and head is not None and node is not head:
            parent = head
        (parent.children if parent is not None else roots).append(node)
    # A cycle (which validation refuses; a write around it could make one) would leave units
    # out of the tree: they are listed at the top, each without the units under it, rather
    # than lost (or walked round forever).
    reached = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        reached.add(node.unit.pk)
        stack.extend(node.children)
    for pk, node in nodes.items():
        if pk not in reached:
            node.children = []
            roots.append(node)
    roots.sort(key=lambda n: n.unit.kind != UnitKind.HEAD)  # the Kepala first, order kept
    return OrganizationRead(
        agency=agency,
        day=day,
        version=version,
        roots=roots,
        has_example=any(u.is_example for u in units)
        or any(o.is_example for n in nodes.values() for o in n.officials),
    )
