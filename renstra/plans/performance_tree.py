"""The performance tree (pohon kinerja, PermenPAN-RB 89/2021) of a plan version, as plain nodes
(renstra.render.tree_svg.TreeNode) that the SVG, the page and the tables all read:

    sasaran RPJMD (Pemda)  ->  sasaran PD (the head, eselon II)  ->  program (eselon III)
        ->  kegiatan (eselon IV)  ->  sub kegiatan

each with its performance statement (a sasaran's wording; a program's or kegiatan's 'sasaran
program/kegiatan' from its indicators), its indicators with their targets by year, the unit
responsible (the version's own, else the agency's assignment: renstra.plans.assignments) with
its eselon and the official heading it on `day`, and the crosscutting links going out of or
coming in to it (renstra.plans.crosscutting).

An agency's sasaran hangs under the first RPJMD sasaran it names (Objective.rpjmd_refs, read
against the RPJMD in force); one that names none is drawn at the top, saying so. Programs linked
to no sasaran are gathered under a group of their own, as the version page does.

Read in a fixed number of queries whatever the plan's size: the version (renstra.plans
.readmodel, eleven), the RPJMD in force (one) and its sasaran's indicators with their targets
(two, when there is one), the agency's units, officials on `day`, assignments and links (four).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import gettext as _

from renstra.plans.assignments import Responsible, assignments_for
from renstra.plans.choices import UnitKind
from renstra.plans.crosscutting import CrosscuttingLink, links_of
from renstra.plans.item_refs import REF_LEVELS, ItemRef, RefIndex, VersionCodes
from renstra.plans.models import Indicator, PlanVersion, Target, Unit
from renstra.plans.officials import Official
from renstra.plans.readmodel import VersionRead, read_version
from renstra.plans.rpjmd import RpjmdInForce, rpjmd_for
from renstra.render.tree_svg import TreeIndicator, TreeLink, TreeNode

COLUMNS = ["pemda", "sasaran", "program", "kegiatan", "sub_kegiatan"]


def level_labels() -> dict[str, str]:
    """Each column's name and who holds it, in the active language (legend, tables)."""
    return {
        "pemda": _("Sasaran RPJMD (Pemda)"),
        "sasaran": _("Sasaran PD (eselon II)"),
        "program": _("Program (eselon III)"),
        "kegiatan": _("Kegiatan (eselon IV)"),
        "sub_kegiatan": _("Sub kegiatan"),
    }


@dataclass
class LinkView:
    """A crosscutting link as the tree of one agency sees it: going out or coming in, this
    agency's end and the other's, whether this version has its end, and the other agency's
    version in force (for a link to its tree)."""

    link: CrosscuttingLink
    incoming: bool
    own: ItemRef
    other: ItemRef
    other_agency: str
    other_version_id: int | None
    found: bool = False


@dataclass
class PerformanceTree:
    version: PlanVersion
    day: datetime.date
    years: list[int]
    roots: list[TreeNode]
    rpjmd: RpjmdInForce | None
    links: list[LinkView] = field(default_factory=list)
    has_example: bool = False
    # The agency's units by name in the organisation's order (the head, then each unit followed
    # by the units under it): the cascade per unit follows it.
    unit_order: dict[str, int] = field(default_factory=dict)

    def walk(self):
        """(node, depth) depth-first, in drawing order."""
        stack = [(node, 0) for node in reversed(self.roots)]
        while stack:
            node, depth = stack.pop()
            yield node, depth
            stack.extend((child, depth + 1) for child in reversed(node.children))

    def counts(self) -> dict[str, int]:
        seen: dict[str, set[str]] = {}
        for node, _depth in self.walk():
            if not node.placeholder:
                seen.setdefault(node.level, set()).add(node.key)
        return {level: len(keys) for level, keys in seen.items()}


def build_tree(version: PlanVersion, *, day: datetime.date | None = None) -> PerformanceTree:
    """The performance tree of `version` (loaded with its plan, agency and region), with the
    officials in office on `day` (today by default)."""
    day = day or datetime.date.today()
    read = read_version(version)
    return _Builder(version, read, day).build()


class _Builder:
    def __init__(self, version: PlanVersion, read: VersionRead, day: datetime.date):
        self.version, self.read, self.day = version, read, day
        self.agency = version.plan.agency
        self.years = read.years
        self.example = False
        items = {level: read.items(level) for level in REF_LEVELS}
        self.codes = VersionCodes(items)
        self.units = {unit.pk: unit for unit in Unit.objects.filter(agency=self.agency)}
        officials = Official.objects.filter(unit__agency=self.agency).on(day).order_by("pk")
        self.officials = {official.unit_id: official for official in officials}
        self.assignments = assignments_for(self.agency, self.units, items)
        self.link_views = self._link_views()
        self.rpjmd = rpjmd_for(version)
        self.rpjmd_indicators = self._rpjmd_indicators()

    def build(self) -> PerformanceTree:
        head = next((u for u in self.units.values() if u.kind == UnitKind.HEAD), None)
        head_holder = Responsible(head, "organisasi") if head is not None else None
        roots: list[TreeNode] = []
        pemda_nodes: dict[str, TreeNode] = {}
        for objective in self.read.objectives:
            node = self._item("sasaran", objective, head_holder)
            node.children = [self._program(program) for program in objective.program_list]
            parent = self._pemda_parent(objective, node, pemda_nodes)
            if parent is None:
                roots.append(node)
            else:
                if not parent.children:
                    roots.append(parent)
                parent.children.append(node)
        unlinked = [program for program in self.read.programs if not program.objective_list]
        if unlinked:
            roots.append(
                TreeNode(
                    key="tanpa-sasaran",
                    level="sasaran",
                    heading=_("Program tanpa sasaran"),
                    name=_("Program yang belum dikaitkan dengan sasaran mana pun"),
                    placeholder=True,
                    children=[self._program(program) for program in unlinked],
                )
            )
        return PerformanceTree(
            version=self.version,
            day=self.day,
            years=self.years,
            roots=roots,
            rpjmd=self.rpjmd,
            links=self.link_views,
            has_example=self.example,
            unit_order=self._unit_order(),
        )

    def _unit_order(self) -> dict[str, int]:
        below: dict[int | None, list[Unit]] = {}
        for unit in sorted(
            self.units.values(), key=lambda u: (u.kind != UnitKind.HEAD, u.order, u.name)
        ):
            parent = unit.parent_id if unit.parent_id in self.units else None
            below.setdefault(parent, []).append(unit)
        order: dict[str, int] = {}
        stack = list(reversed(below.get(None, [])))
        while stack:
            unit = stack.pop()
            if unit.name not in order:
                order[unit.name] = len(order)
                stack.extend(reversed(below.get(unit.pk, [])))
        return order

    # --- levels --------------------------------------------------------------------------

    def _pemda_parent(self, objective, node: TreeNode, made: dict) -> TreeNode | None:
        refs = [str(ref).strip() for ref in objective.rpjmd_refs or [] if str(ref).strip()]
        sasaran = self.rpjmd.sasaran if self.rpjmd is not None else {}
        known = [ref for ref in refs if ref in sasaran]
        unknown = [ref for ref in refs if ref not in sasaran]
        if unknown:
            node.notes.append(
                _("Sasaran RPJMD {} tidak ada di RPJMD yang berlaku.").format(", ".join(unknown))
            )
        if not known:
            if not refs:
                node.notes.append(_("Belum ditautkan ke sasaran RPJMD."))
            return None
        if len(known) > 1:
            node.notes.append(_("Juga mendukung sasaran RPJMD {}.").format(", ".join(known[1:])))
        number = known[0]
        if number not in made:
            found = sasaran[number]
            indicators = self.rpjmd_indicators.get(found.objective_id, [])
            made[number] = TreeNode(
                key="rpjmd-{}".format(found.objective_id),
                level="pemda",
                heading=_("Sasaran RPJMD {}").format(number),
                name=found.name,
                code=number,
                indicators=[self._indicator(indicator, own_years=True) for indicator in indicators],
                unit_line=_("Kepala Daerah — {}").format(self.agency.region.name),
                unit_name=_("Kepala Daerah"),
            )
        return made[number]

    def _program(self, program) -> TreeNode:
        responsible = self.assignments.responsible
        node = self._item("program", program, responsible("program", program))
        for activity in program.activity_list:
            holder = responsible("kegiatan", activity)
            child = self._item("kegiatan", activity, holder)
            child.children = [
                self._item("sub_kegiatan", sub, responsible("sub_kegiatan", sub, holder))
                for sub in activity.sub_activity_list
            ]
            node.children.append(child)
        return node

    def _item(self, level: str, item, holder: Responsible | None) -> TreeNode:
        ref = ItemRef.of(level, item)
        labels = {
            "sasaran": _("Sasaran {}"),
            "program": _("Program {}"),
            "kegiatan": _("Kegiatan {}"),
            "sub_kegiatan": _("Sub kegiatan {}"),
        }
        results = []
        for indicator in item.indicator_list:
            wording = (indicator.intended_result or "").strip()
            if wording and wording not in results:
                results.append(wording)
        node = TreeNode(
            key="{}-{}".format(level, item.pk),
            level=level,
            heading=labels[level].format(ref.code).strip(),
            name=item.name,
            code=ref.code,
            statement="; ".join(results),
            indicators=[self._indicator(indicator) for indicator in item.indicator_list],
        )
        if not node.indicators:
            node.notes.append(_("Tanpa indikator."))
        self._responsible(node, holder)
        node.links = [
            TreeLink(self._link_text(view), incoming=view.incoming)
            for view in self._links_at(level, item)
        ]
        return node

    def _indicator(self, indicator: Indicator, own_years: bool = False) -> TreeIndicator:
        """The indicator with its targets in the plan's years (an RPJMD's: in its own)."""
        by_year = {target.year: target.raw_text for target in indicator.targets.all()}
        years = sorted(by_year) if own_years else self.years
        targets = [(str(year), by_year[year]) for year in years if by_year.get(year)]
        if indicator.end_target_raw and not targets:
            targets = [(_("akhir"), indicator.end_target_raw)]
        return TreeIndicator(indicator.name, targets, indicator.unit)

    def _responsible(self, node: TreeNode, holder: Responsible | None) -> None:
        if holder is None:
            node.unit_line = _("Penanggung jawab belum ditetapkan")
            node.unit_missing = True
            return
        unit = holder.unit
        example = unit.is_example or holder.example
        self.example = self.example or example
        parts = [unit.name]
        if unit.eselon:
            parts.append(_("eselon {}").format(unit.eselon))
        if example:
            parts.append(_("contoh"))
        node.unit_line = " · ".join(parts)
        node.unit_name, node.eselon = unit.name, unit.eselon
        official = self.officials.get(unit.pk)
        if official is None:  # vacant, or not recorded: the box says nothing rather than guess
            return
        self.example = self.example or official.is_example
        node.official = "{} {}".format(official.acting, official.name).strip()
        node.official_line = node.official

    # --- crosscutting ----------------------------------------------------------------------

    def _link_views(self) -> list[LinkView]:
        views = []
        for link in links_of(self.agency):
            incoming = link.to_agency_id == self.agency.pk
            other_agency = link.from_agency if incoming else link.to_agency
            views.append(
                LinkView(
                    link=link,
                    incoming=incoming,
                    own=link.to_ref if incoming else link.from_ref,
                    other=link.from_ref if incoming else link.to_ref,
                    other_agency=other_agency.short_name,
                    other_version_id=link.from_version_id if incoming else link.to_version_id,
                )
            )
        # A link the receiving agency rejected is listed (with the reason), not drawn.
        drawn = [view for view in views if view.link.status != "rejected"]
        self.link_index = RefIndex(drawn, lambda view: view.own)
        return views

    def _links_at(self, level: str, item) -> list[LinkView]:
        found = self.link_index.find(level, item, self.codes)
        for view in found:
            view.found = True
        return found

    def _link_text(self, view: LinkView) -> str:
        template = _("dari {agency}: {item}") if view.incoming else _("ke {agency}: {item}")
        text = template.format(agency=view.other_agency, item=view.other.label)
        if view.link.status == "proposed":
            text = _("{} (usulan, belum diterima)").format(text)
        return "{} ({})".format(text, view.link.note) if view.link.note else text

    # --- the RPJMD -------------------------------------------------------------------------

    def _rpjmd_indicators(self) -> dict[int, list[Indicator]]:
        if self.rpjmd is None:
            return {}
        ids = [found.objective_id for found in self.rpjmd.sasaran.values()]
        targets = Prefetch("targets", queryset=Target.objects.order_by("year", "pk"))
        by_objective: dict[int, list[Indicator]] = {}
        indicators = (
            Indicator.objects.filter(objective_id__in=ids)
            .order_by("order", "pk")
            .prefetch_related(targets)
        )
        for indicator in indicators:
            by_objective.setdefault(indicator.objective_id, []).append(indicator)
        return by_objective


def day_label(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")
