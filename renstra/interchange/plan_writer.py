"""Writing a checked plan document (renstra.interchange.plan_schema) to the database.

Two steps, both inside the caller's transaction: `resolve_identity` finds the region, agency
and RPJMD the document names (or notes that they are to be created) and reports every
difference from what is already stored, since an import never changes existing rows; then
`write_version` creates the version and every item of it, level by level, in bulk.

Where the version goes: without a version to revise, into a new plan (a document names its
plan by title, but an import "as a new plan" always makes one); with one (`renstra import
--revises N`, the import page's choice), it becomes the next draft of that version's plan,
revising version N whatever the document says it revised, refused while the plan has an open
draft (`new_draft_problems`) and with its label made distinct from the plan's other versions.
"""

from dataclasses import dataclass, field

from renstra.interchange.plan_checker import Problem, show
from renstra.interchange.plan_schema import CASCADE_FIELDS, INDICATOR_FIELDS
from renstra.nomenclature.models import Edition
from renstra.plans.choices import VersionStatus
from renstra.plans.history import bulk_create_with_history
from renstra.plans.levels import level_of
from renstra.plans.models import (
    Activity,
    Agency,
    Funding,
    Goal,
    Indicator,
    Mission,
    Objective,
    Plan,
    PlanVersion,
    PolicyDirection,
    Program,
    Region,
    RegionalPlan,
    Strategy,
    SubActivity,
    Target,
    Unit,
)
from renstra.review.models import StatusChange
from renstra.review.services import distinct_label, open_draft_message, plan_versions


@dataclass
class Resolved:
    """Existing rows the document refers to; None where the import will create the row.
    `revises`: the version the new one revises (its plan is `plan`), None for a new plan."""

    region: Region | None = None
    agency: Agency | None = None
    regional_plan: RegionalPlan | None = None
    plan: Plan | None = None
    revises: PlanVersion | None = None
    edition: Edition | None = None  # the nomenclature edition the document names


@dataclass
class Written:
    """The new version, and every item it holds by the document's key (for later sections)."""

    version: PlanVersion
    objects: dict = field(default_factory=dict)


def _compare(obj, wanted: dict, path: tuple, names, what: str, problems: list[Problem]) -> None:
    for name in names:
        stored = getattr(obj, name)
        if stored != wanted[name]:
            problems.append(
                Problem(
                    path + (name,),
                    show(wanted[name]),
                    "Berbeda dengan {} yang sudah ada di sistem (tersimpan: '{}'). Impor tidak "
                    "mengubah data yang sudah ada; samakan isian ini dengan yang tersimpan.".format(
                        what, show(stored)
                    ),
                )
            )


def _compare_regional_plan(rp: RegionalPlan, wanted: dict | None, problems: list[Problem]):
    if wanted is None:
        problems.append(
            Problem(
                ("regional_plan",),
                "",
                "Renstra yang sudah ada terhubung ke {}; isi RPJMD yang sama.".format(rp.name),
            )
        )
        return
    names = ("name", "period_start", "period_end", "vision", "goals_text")
    _compare(rp, wanted, ("regional_plan",), names, "RPJMD", problems)
    stored = [{"number": m.number, "text": m.text} for m in rp.missions.order_by("order", "pk")]
    if stored != wanted["missions"]:
        problems.append(
            Problem(
                ("regional_plan", "missions"),
                "; ".join(m["number"] for m in wanted["missions"]),
                "Misi RPJMD berbeda dengan yang tersimpan ({}). Impor tidak mengubah RPJMD yang "
                "sudah ada; samakan daftar misi.".format(
                    "; ".join("{} {}".format(m["number"], m["text"]) for m in stored)
                ),
            )
        )


def _single(queryset, path: tuple, what: str, problems: list[Problem]):
    found = list(queryset[:2])
    if len(found) > 1:
        problems.append(
            Problem(
                path,
                "",
                "Ada lebih dari satu {} dengan nama ini di sistem; impor sebagai versi baru dari "
                "Renstra tertentu.".format(what),
            )
        )
        return None
    return found[0] if found else None


PLAN_FIELDS = ("title", "kind", "period_start", "period_end", "baseline_year", "code_scheme")
AGENCY_FIELDS = ("name", "short_name", "former_names", "code")


def new_draft_problems(revises: PlanVersion) -> list[Problem]:
    """Why no new draft of `revises`' plan can be imported now: the plan's open draft."""
    draft = plan_versions(revises.plan_id).open_draft
    if draft is None:
        return []
    return [Problem(("version",), "", open_draft_message(draft))]


def resolve_identity(clean: dict, revises: PlanVersion | None) -> tuple[Resolved, list[Problem]]:
    """The stored rows the document names, and every way the document differs from them."""
    problems: list[Problem] = []
    edition = _edition(clean["plan"]["nomenclature_edition"], problems)
    if revises is not None:
        plan = revises.plan
        agency = plan.agency
        resolved = Resolved(agency.region, agency, plan.regional_plan, plan, revises, edition)
        _compare(agency.region, clean["region"], ("region",), ("name", "kind"), "Pemda", problems)
        _compare(agency, clean["agency"], ("agency",), AGENCY_FIELDS, "Perangkat Daerah", problems)
        _compare(plan, clean["plan"], ("plan",), PLAN_FIELDS, "Renstra", problems)
        if plan.nomenclature_edition_id != (edition.pk if edition else None):
            stored = plan.nomenclature_edition.name if plan.nomenclature_edition_id else ""
            problems.append(
                Problem(
                    ("plan", "nomenclature_edition"),
                    show(clean["plan"]["nomenclature_edition"] or ""),
                    "Berbeda dengan Renstra yang sudah ada di sistem (tersimpan: '{}'). Impor "
                    "tidak mengubah data yang sudah ada; samakan isian ini dengan yang "
                    "tersimpan.".format(stored),
                )
            )
        if plan.regional_plan is not None:
            _compare_regional_plan(plan.regional_plan, clean["regional_plan"], problems)
        elif clean["regional_plan"] is not None:
            problems.append(
                Problem(
                    ("regional_plan", "name"),
                    clean["regional_plan"]["name"],
                    "Renstra yang dipilih tidak terhubung ke RPJMD; kosongkan isian RPJMD.",
                )
            )
        return resolved, problems
    resolved = Resolved(edition=edition)
    resolved.region = Region.objects.filter(name=clean["region"]["name"]).first()
    if resolved.region is not None:
        _compare(resolved.region, clean["region"], ("region",), ("kind",), "Pemda", problems)
        resolved.agency = Agency.objects.filter(
            region=resolved.region, short_name=clean["agency"]["short_name"]
        ).first()
    if resolved.agency is not None:
        _compare(
            resolved.agency,
            clean["agency"],
            ("agency",),
            AGENCY_FIELDS,
            "Perangkat Daerah",
            problems,
        )
    wanted_rp = clean["regional_plan"]
    if resolved.region is not None and wanted_rp is not None:
        resolved.regional_plan = _single(
            RegionalPlan.objects.filter(region=resolved.region, name=wanted_rp["name"]).order_by(
                "pk"
            ),
            ("regional_plan", "name"),
            "RPJMD",
            problems,
        )
        if resolved.regional_plan is not None:
            _compare_regional_plan(resolved.regional_plan, wanted_rp, problems)
    # The plan itself is always new, even where the agency has a plan of the same title: a
    # new draft of an existing plan is imported by naming the version it revises.
    return resolved, problems


def _edition(name: str | None, problems: list[Problem]) -> Edition | None:
    """The loaded nomenclature edition of that name; a name no edition has is a problem."""
    if name is None:
        return None
    edition = Edition.objects.filter(name=name).first()
    if edition is None:
        loaded = list(Edition.objects.order_by("name").values_list("name", flat=True))
        problems.append(
            Problem(
                ("plan", "nomenclature_edition"),
                show(name),
                "Edisi nomenklatur '{}' belum dimuat di sistem ini ({}). Muat dulu dengan "
                "'renstra nomenclature load BERKAS.csv --edition {}', atau tulis edisi yang "
                "ada.".format(
                    name,
                    "edisi yang ada: {}".format(", ".join(loaded)) if loaded else "belum ada edisi",
                    name,
                ),
            )
        )
    return edition


class _Units:
    """Units of the agency by name (the first by order when names repeat), created on first
    use. The agency's units are read in one query rather than one per row."""

    def __init__(self, agency: Agency):
        self.agency = agency
        self.by_name: dict[str, Unit] = {}
        for unit in Unit.objects.filter(agency=agency).order_by("-order", "-pk"):
            self.by_name[unit.name] = unit  # the last written is the first by (order, pk)

    def get(self, name: str) -> Unit | None:
        if not name:
            return None
        if name not in self.by_name:
            self.by_name[name] = Unit.objects.create(agency=self.agency, name=name)
        return self.by_name[name]


def _cascade(item: dict, order: int) -> dict:
    return {"order": order, **{name: item[name] for name in CASCADE_FIELDS}}


def _coded(item: dict, order: int, units: _Units) -> dict:
    fields = _cascade(item, order)
    for name in ("code", "code_raw", "declared_total_raw", "declared_total"):
        fields[name] = item[name]
    fields["unit"] = units.get(item["unit"])
    if "location" in item:
        fields["location"] = item["location"]
    return fields


def _create_identity(clean: dict, resolved: Resolved) -> Plan:
    region = resolved.region or Region.objects.create(**clean["region"])
    agency = resolved.agency or Agency.objects.create(region=region, **clean["agency"])
    regional_plan = resolved.regional_plan
    wanted = clean["regional_plan"]
    if regional_plan is None and wanted is not None:
        regional_plan = RegionalPlan.objects.create(
            region=region,
            **{
                k: wanted[k] for k in ("name", "period_start", "period_end", "vision", "goals_text")
            },
        )
        Mission.objects.bulk_create(
            Mission(regional_plan=regional_plan, order=i, **m)
            for i, m in enumerate(wanted["missions"], start=1)
        )
    return resolved.plan or Plan.objects.create(
        agency=agency,
        regional_plan=regional_plan,
        nomenclature_edition=resolved.edition,
        **{name: clean["plan"][name] for name in PLAN_FIELDS},
    )


def version_place(clean: dict, revises: PlanVersion | None) -> tuple[int, str]:
    """The number and label of the version the document becomes. A new plan keeps the
    document's; a new draft of an existing plan takes the number after the plan's highest and
    the document's label, made distinct from the plan's other versions' (" (versi N)" added)."""
    meta = clean["version"]
    if revises is None:
        return meta["number"], meta["label"]
    versions = plan_versions(revises.plan_id)
    number = versions.next_number
    return number, distinct_label(meta["label"], number, versions.labels)


def label_problems(clean: dict, revises: PlanVersion | None) -> list[Problem]:
    """The label made distinct must still fit its column."""
    _, label = version_place(clean, revises)
    limit = PlanVersion._meta.get_field("label").max_length
    if len(label) <= limit:
        return []
    return [
        Problem(
            ("version", "label"),
            clean["version"]["label"],
            "Label ini sudah dipakai versi lain Renstra ini; dengan tambahan pembeda menjadi "
            "'{}', lebih dari {} karakter. Pendekkan labelnya.".format(label, limit),
        )
    ]


def _create_version(clean: dict, resolved: Resolved, plan: Plan, source_name: str, user):
    meta = clean["version"]
    # The version it revises is the one named by the importer, never the document's own
    # "revises" (a number in the plan it was exported from): a new plan revises nothing yet.
    number, label = version_place(clean, resolved.revises)
    fields = ("is_public", "revision_reason", "legal_basis", "rpjmd_note", "source")
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        label=label,
        revises=resolved.revises,
        status=VersionStatus.DRAFT,
        unplaced_rows=meta["unplaced_rows"],
        **{k: meta[k] for k in fields},
    )
    if meta["missions"] and plan.regional_plan_id:
        version.missions.set(
            Mission.objects.filter(regional_plan=plan.regional_plan, number__in=meta["missions"])
        )
    StatusChange.objects.create(
        version=version,
        from_status="",
        to_status=VersionStatus.DRAFT,
        changed_by=user,
        note="Diimpor dari {}.".format(source_name),
    )
    return version


def write_version(clean: dict, resolved: Resolved, *, source_name: str, user=None) -> Written:
    """Create the version the document describes, with every item; call inside a transaction."""
    plan = _create_identity(clean, resolved)
    version = _create_version(clean, resolved, plan, source_name, user)
    written = Written(version)
    objects = written.objects
    units = _Units(plan.agency)

    def create(model, pairs):
        """pairs: [(clean item or None, unsaved instance)] -> instances with primary keys."""
        instances = bulk_create_with_history(model, [obj for _, obj in pairs])
        for (item, _), obj in zip(pairs, instances, strict=True):
            if item is not None:
                objects[item["key"]] = obj
        return instances

    goals = [(g, Goal(version=version, **_cascade(g, i))) for i, g in enumerate(clean["goals"], 1)]
    create(Goal, goals)
    objectives = [
        (o, Objective(goal=objects[g["key"]], rpjmd_refs=o["rpjmd_refs"], **_cascade(o, i)))
        for g in clean["goals"]
        for i, o in enumerate(g["objectives"], 1)
    ]
    create(Objective, objectives)
    strategies = [
        (s, Strategy(objective=objects[o["key"]], **_cascade(s, i)))
        for o, _ in objectives
        for i, s in enumerate(o["strategies"], 1)
    ]
    create(Strategy, strategies)
    create(
        PolicyDirection,
        [
            (p, PolicyDirection(strategy=objects[s["key"]], **_cascade(p, i)))
            for s, _ in strategies
            for i, p in enumerate(s["policy_directions"], 1)
        ],
    )
    programs = [
        (p, Program(version=version, **_coded(p, i, units)))
        for i, p in enumerate(clean["programs"], 1)
    ]
    create(Program, programs)
    owners = [item for item, _ in (*goals, *objectives, *programs)]
    _create_indicators(version, owners, objects, create)
    activities = [
        (
            a,
            Activity(
                program=objects[p["key"]],
                program_indicator=objects.get(a["program_indicator"]),
                **_coded(a, i, units),
            ),
        )
        for p, _ in programs
        for i, a in enumerate(p["activities"], 1)
    ]
    create(Activity, activities)
    subs = [
        (s, SubActivity(activity=objects[a["key"]], **_coded(s, i, units)))
        for a, _ in activities
        for i, s in enumerate(a["sub_activities"], 1)
    ]
    create(SubActivity, subs)
    lower = [item for item, _ in (*activities, *subs)]
    _create_indicators(version, lower, objects, create)
    funding = []
    for item in [p for p, _ in programs] + lower:
        owner = objects[item["key"]]
        for row in item["funding"]:
            funding.append(
                (
                    None,
                    Funding(
                        **{level_of(owner).name: owner},
                        year=row["year"],
                        raw_text=row["raw_text"],
                        amount=row["amount"],
                        inferred_note=row["inferred_note"],
                    ),
                )
            )
    create(Funding, funding)
    link = Program.objectives.through
    link.objects.bulk_create(
        link(program_id=objects[p["key"]].pk, objective_id=objects[key].pk)
        for p, _ in programs
        for key in p["objectives"]
    )
    return written


def _create_indicators(version, owners, objects, create) -> None:
    """The indicators of `owners` (clean items already created); each clean indicator names
    its owner's level, the foreign key of Indicator it sets."""
    indicators = [
        (
            ind,
            Indicator(
                version=version,
                order=i,
                **{ind["level"]: objects[owner["key"]]},
                **{name: ind[name] for name in INDICATOR_FIELDS},
            ),
        )
        for owner in owners
        for i, ind in enumerate(owner["indicators"], 1)
    ]
    create(Indicator, indicators)
    create(
        Target,
        [
            (
                None,
                Target(
                    indicator=objects[ind["key"]],
                    **{
                        name: t[name]
                        for name in (
                            "year",
                            "raw_text",
                            "kind",
                            "value",
                            "unit",
                            "grade",
                            "components",
                            "inferred_note",
                        )
                    },
                ),
            )
            for ind, _ in indicators
            for t in ind["targets"]
        ],
    )
