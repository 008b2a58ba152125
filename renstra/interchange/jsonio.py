"""JSON export and import of one complete plan version.

The document ("format": "renstra-plan", "format_version": 1) describes a version whole: who plans
(region, agency, RPJMD with its missions, plan), the version's metadata, and every item of the
cascade with every field the database holds, raw texts beside their parsed values:

    {format, format_version,
     region: {name, kind}, agency: {name, short_name, former_names, code},
     regional_plan: null | {name, period_start, period_end, vision, goals_text,
                            missions: [{number, text}]},
     plan: {title, period_start, period_end, baseline_year, code_scheme,
            nomenclature_edition: null | name of the Permendagri 90/2019 edition followed},
     version: {number, label, status, is_public, revises, revision_reason, legal_basis,
               rpjmd_note, source, missions: [mission number], unplaced_rows: [...]},
     goals: [{key, number, name, other_wordings, note, source_ref, indicators: [indicator],
              objectives: [{..., indicators, strategies: [{..., policy_directions: [{...}]}]}]}],
     programs: [{key, number, name, ..., code, code_raw, declared_total_raw, declared_total, unit,
                 objectives: [objective key], indicators, funding: [funding],
                 activities: [{..., location, program_indicator: indicator key | null,
                               indicators, funding, sub_activities: [{...}]}]}],
     <registered sections>}
    indicator: {key, number, name, kind, unit, polarity, [rollup,] value_type, intended_result,
                target_group, baseline_raw, baseline_value, end_target_raw, end_target_value,
                definition, data_source, note, source_ref,
                targets: [{year, raw_text, kind, value, unit, grade, components, inferred_note}]}
    ("rollup" only where the Indicator model has that field.)
    funding: {year, raw_text, amount, inferred_note}

No database id appears. Items refer to each other by keys, which the export writes as position
paths ("T1.S2" is sasaran 2 of tujuan 1, "P3.K1.I2" indikator 2 of kegiatan 1 of program 3);
an item's order is its place in its list. Numbers are decimal strings ("1047655345.5"), never
JSON floats. Derived values (amounts, parsed targets) may be left out of a document written by
hand: the import then computes them from the raw text as every other import does.

Round trip: export_version(import_version(export_version(v))) == export_version(v), except the
keys in ROUND_TRIP_EXCLUDED, which the target system decides: an import always creates a *draft*
(status); as a new plan it keeps the document's number and revises nothing yet; as a new draft
of an existing plan (`revises`) it is numbered after the plan's versions and revises the version
the importer named, whatever the document says (number, revises). There its label, too, may be
made distinct from the plan's other versions' (renstra.interchange.plan_writer.version_place).
`comparable()` drops the three.

Extension point: other apps add their own parts of the same document (realization from
monitoring, review comments, ...) by registering a `Section`; see `register_section`.
"""

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from renstra.core.errors import CellError, ImportRejected, refused_while_writing
from renstra.interchange.collections_pause import fewer_collections
from renstra.interchange.plan_checker import Problem, path_text, plain_decimal
from renstra.interchange.plan_schema import (
    CASCADE_FIELDS,
    CODED_FIELDS,
    FORMAT,
    FORMAT_VERSION,
    FUNDING_FIELDS,
    INDICATOR_FIELDS,
    TARGET_FIELDS,
    check_document,
)
from renstra.interchange.plan_writer import (
    Written,
    label_problems,
    new_draft_problems,
    resolve_identity,
    write_version,
)
from renstra.nomenclature.models import Edition
from renstra.plans.guard import VersionLocked
from renstra.plans.history import ChangePath, change_path
from renstra.plans.models import Indicator, Mission, Objective, PlanVersion
from renstra.plans.readmodel import VersionRead, read_version

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "ROUND_TRIP_EXCLUDED",
    "ExportContext",
    "ImportContext",
    "PathError",
    "Section",
    "comparable",
    "dumps_version",
    "export_version",
    "import_document",
    "import_version",
    "loads_document",
    "register_section",
]

# (section, key) pairs an import sets itself rather than taking from the document.
ROUND_TRIP_EXCLUDED = (("version", "number"), ("version", "status"), ("version", "revises"))

# A document of the largest plans is a few MB; more than this is not a plan document.
MAX_JSON_BYTES = 20 * 1024 * 1024
# The deepest a document nests: the cascade with its indicators, targets and components is 14
# levels, a JSON field (rumusan lain, baris tanpa tempat) may add 20, a thread of comments 40.
# Deeper is refused before anything walks it recursively (Python stops at about 1,000).
MAX_JSON_DEPTH = 64
# Values (objects, lists, texts, numbers) of one document: a plan at the item limits of the
# check (renstra.interchange.plan_schema.MAX_ITEMS) has about 1.5 million.
MAX_JSON_VALUES = 2_000_000


class PathError(CellError):
    """A problem in a JSON document: `column` holds the path ('$.programs[2].name'), row is 0."""

    def __str__(self) -> str:
        return "{} {} (nilai '{}'): {}".format(self.source, self.column, self.value, self.reason)


# --- extension point: sections other apps add to the document --------------------------------


@dataclass
class ExportContext:
    """What a section's exporter may use: the version and the document key of every item."""

    version: PlanVersion
    keys: dict = field(default_factory=dict)  # (model class, pk) -> key

    def key_of(self, obj) -> str:
        return self.keys[(type(obj), obj.pk)]


@dataclass
class ImportContext:
    """What a section's importer may use: the new version and every item by its key."""

    version: PlanVersion
    objects: dict
    source_name: str
    user: object = None


@dataclass(frozen=True)
class Section:
    """A part of the document that another app owns, under its own top-level key.

    export(version, ExportContext) -> JSON value (None: the key is left out);
    check(value, keys) -> [Problem], called with every other problem before anything is
        written; `keys` maps each item key of the document to its level ('indicator', ...);
        paths of problems start at the section key;
    load(value, ImportContext) -> None, called inside the import's transaction after the
        core items exist.
    For example monitoring registers "realizations" (per indicator key, year and quarter) and
    review registers "comments" (per item key), in their AppConfig.ready().
    """

    key: str
    export: Callable
    check: Callable
    load: Callable


SECTIONS: list[Section] = []


def register_section(section: Section) -> None:
    """Add (or replace, by key) a section of the plan document."""
    SECTIONS[:] = [s for s in SECTIONS if s.key != section.key] + [section]


# --- export -----------------------------------------------------------------------------------


def _value(value):
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, list | dict):
        return copy.deepcopy(value)
    return value


def _fields(obj, names) -> dict:
    return {name: _value(getattr(obj, name)) for name in names}


class _Exporter:
    """Writes the document of one version from its read model (renstra.plans.readmodel), which
    holds every item in document order."""

    def __init__(self, read: VersionRead):
        self.read = read
        self.context = ExportContext(read.version)

    def keyed(self, obj, key: str, names) -> dict:
        self.context.keys[(type(obj), obj.pk)] = key
        return {"key": key, **_fields(obj, names)}

    def indicators_of(self, owner, owner_key: str) -> list[dict]:
        result = []
        for n, ind in enumerate(owner.indicator_list, 1):
            item = self.keyed(ind, "{}.I{}".format(owner_key, n), INDICATOR_FIELDS)
            item["targets"] = [_fields(t, TARGET_FIELDS) for t in ind.target_list]
            result.append(item)
        return result

    @staticmethod
    def funding_of(owner) -> list[dict]:
        return [_fields(f, FUNDING_FIELDS) for f in owner.funding_list]

    def goals(self) -> list[dict]:
        result = []
        for g, goal in enumerate(self.read.goals, 1):
            g_key = "T{}".format(g)
            item = self.keyed(goal, g_key, CASCADE_FIELDS)
            item["indicators"] = self.indicators_of(goal, g_key)
            item["objectives"] = []
            for o, objective in enumerate(goal.objective_list, 1):
                o_key = "{}.S{}".format(g_key, o)
                o_item = self.keyed(objective, o_key, (*CASCADE_FIELDS, "rpjmd_refs"))
                o_item["indicators"] = self.indicators_of(objective, o_key)
                o_item["strategies"] = []
                for s, strategy in enumerate(objective.strategy_list, 1):
                    s_key = "{}.ST{}".format(o_key, s)
                    s_item = self.keyed(strategy, s_key, CASCADE_FIELDS)
                    s_item["policy_directions"] = [
                        self.keyed(p, "{}.AK{}".format(s_key, n), CASCADE_FIELDS)
                        for n, p in enumerate(strategy.policy_direction_list, 1)
                    ]
                    o_item["strategies"].append(s_item)
                item["objectives"].append(o_item)
            result.append(item)
        return result

    def coded(self, obj, key: str, extra=()) -> dict:
        item = self.keyed(obj, key, (*CASCADE_FIELDS, *CODED_FIELDS, *extra))
        item["unit"] = obj.unit.name if obj.unit_id else ""
        return item

    def programs(self) -> list[dict]:
        keys = self.context.keys
        result = []
        for p, program in enumerate(self.read.programs, 1):
            p_key = "P{}".format(p)
            item = self.coded(program, p_key)
            # The sasaran a program serves, in document order (their keys were made by goals()).
            linked = {objective.pk for objective in program.objective_list}
            item["objectives"] = [
                keys[(Objective, o.pk)] for o in self.read.objectives if o.pk in linked
            ]
            item["indicators"] = self.indicators_of(program, p_key)
            item["funding"] = self.funding_of(program)
            item["activities"] = []
            for a, activity in enumerate(program.activity_list, 1):
                a_key = "{}.K{}".format(p_key, a)
                a_item = self.coded(activity, a_key, ("location",))
                a_item["program_indicator"] = (
                    keys.get((Indicator, activity.program_indicator_id))
                    if activity.program_indicator_id
                    else None
                )
                a_item["indicators"] = self.indicators_of(activity, a_key)
                a_item["funding"] = self.funding_of(activity)
                a_item["sub_activities"] = []
                for s, sub in enumerate(activity.sub_activity_list, 1):
                    s_key = "{}.SK{}".format(a_key, s)
                    s_item = self.coded(sub, s_key, ("location",))
                    s_item["indicators"] = self.indicators_of(sub, s_key)
                    s_item["funding"] = self.funding_of(sub)
                    a_item["sub_activities"].append(s_item)
                item["activities"].append(a_item)
            result.append(item)
        return result


def export_version(version: PlanVersion, sections=None) -> dict:
    """The complete, deterministic document of one plan version (see the module docstring).
    `sections`: the keys of the registered sections to include (default: all), e.g. none of
    the internal monitoring for a reader who may only see the approved plan."""
    read = read_version(version.pk)
    version, plan = read.version, read.plan
    agency = plan.agency
    regional_plan = None
    if plan.regional_plan_id:
        rp = plan.regional_plan
        regional_plan = _fields(rp, ("name", "period_start", "period_end", "vision", "goals_text"))
        regional_plan["missions"] = [
            {"number": m.number, "text": m.text}
            for m in Mission.objects.filter(regional_plan=rp).order_by("order", "pk")
        ]
    meta = _fields(
        version,
        (
            "number",
            "label",
            "status",
            "is_public",
            "revision_reason",
            "legal_basis",
            "rpjmd_note",
            "source",
        ),
    )
    meta["revises"] = version.revises.number if version.revises_id else None
    meta["missions"] = [
        m.number for m in sorted(version.missions.all(), key=lambda m: (m.order, m.pk))
    ]
    meta["unplaced_rows"] = _value(version.unplaced_rows)
    exporter = _Exporter(read)
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "region": _fields(agency.region, ("name", "kind")),
        "agency": _fields(agency, ("name", "short_name", "former_names", "code")),
        "regional_plan": regional_plan,
        "plan": _plan_fields(version),
        "version": meta,
        "goals": exporter.goals(),
        "programs": exporter.programs(),
    }
    for section in SECTIONS:
        if sections is not None and section.key not in sections:
            continue
        value = section.export(version, exporter.context)
        if value is not None:
            data[section.key] = value
    return data


def _plan_fields(version: PlanVersion) -> dict:
    """The plan as this version follows it: the code scheme and edition are the version's
    (PlanVersion.scheme), so that a version approved before a crosswalk moved the plan to
    Permendagri 90/2019 is written with the scheme of its codes and imports as it was checked.
    The plan's list of earlier schemes is its history across versions, not part of one
    version's document: a backup carries it (renstra.site.backup), this document does not."""
    plan = version.plan
    fields = _fields(plan, ("title", "kind", "period_start", "period_end", "baseline_year"))
    scheme = version.scheme
    fields["code_scheme"] = scheme.code_scheme
    # By name: an edition is reference data, loaded in every system under the same name.
    if scheme.edition_id is None:
        fields["nomenclature_edition"] = None
    elif scheme.edition_id == plan.nomenclature_edition_id:
        fields["nomenclature_edition"] = plan.nomenclature_edition.name
    else:
        fields["nomenclature_edition"] = (
            Edition.objects.filter(pk=scheme.edition_id).values_list("name", flat=True).first()
        )
    return fields


def dumps_version(version: PlanVersion, sections=None) -> str:
    """The document of a version as JSON text: UTF-8, indented, keys in document order."""
    return json.dumps(export_version(version, sections), ensure_ascii=False, indent=2) + "\n"


def loads_document(data: bytes | str, source_name: str = "JSON") -> dict:
    """A document from JSON text (bytes in UTF-8), or ImportRejected saying why it is not one.
    The result still has to pass import_version's check."""

    def refuse(reason: str) -> ImportRejected:
        return ImportRejected([CellError(source_name, 0, "", "", reason)])

    if len(data) > MAX_JSON_BYTES:
        raise refuse(
            "Berkas lebih dari {} MB; dokumen Renstra tidak sebesar itu.".format(
                MAX_JSON_BYTES // (1024 * 1024)
            )
        )
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise refuse("Berkas bukan teks UTF-8; simpan ulang sebagai JSON UTF-8.") from exc
    try:
        document = json.loads(data)
    except RecursionError as exc:
        raise refuse("Struktur JSON terlalu dalam.") from exc
    except json.JSONDecodeError as exc:
        raise refuse(
            "Bukan JSON yang sah: {} (baris {}, kolom {}).".format(exc.msg, exc.lineno, exc.colno)
        ) from exc
    except ValueError as exc:
        # The only other refusal of json.loads: an integer past Python's 4,300 digits.
        raise refuse(
            "Bukan JSON yang sah: angka terlalu panjang ({}).".format(str(exc)[:120])
        ) from exc
    reason = _too_large(document)
    if reason:
        raise refuse(reason)
    return document


def _too_large(document) -> str | None:
    """Why a parsed document is beyond MAX_JSON_DEPTH or MAX_JSON_VALUES, or None. Walked
    without recursion, stopping at the first limit passed."""
    stack = [(document, 1)]
    values = 0
    while stack:
        value, depth = stack.pop()
        values += 1
        if depth > MAX_JSON_DEPTH:
            return "Struktur JSON terlalu dalam (lebih dari {} tingkat).".format(MAX_JSON_DEPTH)
        if values > MAX_JSON_VALUES:
            return "Dokumen berisi lebih dari {} nilai JSON; dokumen Renstra tidak sebesar itu.".format(
                MAX_JSON_VALUES
            )
        if isinstance(value, dict):
            stack.extend((child, depth + 1) for child in value.values())
        elif isinstance(value, list):
            stack.extend((child, depth + 1) for child in value)
    return None


def comparable(data: dict) -> dict:
    """A copy of a document without the keys an import decides itself (ROUND_TRIP_EXCLUDED)."""
    result = copy.deepcopy(data)
    for section, key in ROUND_TRIP_EXCLUDED:
        if isinstance(result.get(section), dict):
            result[section].pop(key, None)
    return result


# --- import -----------------------------------------------------------------------------------


def _path_errors(source_name: str) -> Callable[[Problem], CellError]:
    def locate(problem: Problem) -> CellError:
        return PathError(source_name, 0, path_text(problem.path), problem.value, problem.reason)

    return locate


def import_document(
    data,
    *,
    revises: PlanVersion | None = None,
    source_name: str = "JSON",
    user=None,
    locate: Callable[[Problem], CellError] | None = None,
    errors: list[CellError] = (),
    order: Callable[[CellError], object] | None = None,
    identity_known: bool = True,
) -> PlanVersion:
    """Check the whole document and write it in one transaction, or raise ImportRejected with
    every error (plus `errors` found before, e.g. by a workbook reader) and write nothing.

    `locate` turns a problem's path into a CellError (a JSON path by default; a workbook maps it
    to sheet, row and column); `order` sorts the final list of errors. `identity_known=False`
    (the reader already found the identity unreadable) skips comparing it with stored rows.
    `revises`: the version (with its plan) the import is a new draft of; None: a new plan.
    """
    locate = locate or _path_errors(source_name)
    try:
        with fewer_collections(), transaction.atomic(), change_path(ChangePath.IMPORT):
            written = _import(
                data, revises, source_name, user, locate, list(errors), order, identity_known
            )
    except (DatabaseError, ValidationError, VersionLocked) as exc:
        # Every rule is checked before writing; this is the last guard, not the way errors
        # are meant to be found.
        raise refused_while_writing(source_name, exc, "Basis data menolak data ini") from exc
    return written.version


IDENTITY_SECTIONS = ("region", "agency", "regional_plan", "plan", "version")


def document_errors(
    data,
    *,
    revises: PlanVersion | None = None,
    source_name: str = "JSON",
    locate: Callable[[Problem], CellError] | None = None,
    errors: list[CellError] = (),
    order: Callable[[CellError], object] | None = None,
) -> list[CellError]:
    """Every error import_document would list for the same arguments, writing nothing: what a
    preview shows before the planner decides to import."""
    with fewer_collections():
        return _checked(data, revises, locate or _path_errors(source_name), list(errors), order)[2]


def _checked(data, revises, locate, errors, order, identity_known=True):
    """(clean document, stored identity, every error sorted by `order`): the import's checks."""
    extra = tuple(s.key for s in SECTIONS)
    clean, checker = check_document(data, extra_keys=extra)
    # A plan has one open draft at most: said first, whatever else the document holds.
    problems = new_draft_problems(revises) if revises is not None else []
    problems += checker.problems
    resolved = None
    if clean is not None:
        for section in SECTIONS:
            if section.key in data:
                problems += section.check(data[section.key], dict(checker.keys))
        # The identity is compared with stored rows only when it is itself readable, so that
        # one wrong cell is not reported again as a difference from the database.
        identity_clean = identity_known and not any(
            p.path[:1] and p.path[0] in IDENTITY_SECTIONS for p in problems
        )
        if identity_clean:
            resolved, more = resolve_identity(clean, revises)
            problems += more
            if revises is not None:
                problems += label_problems(clean, revises)
    errors = errors + [locate(p) for p in problems]
    return clean, resolved, sorted(errors, key=order) if order else errors


def _import(data, revises, source_name, user, locate, errors, order, identity_known) -> Written:
    clean, resolved, errors = _checked(data, revises, locate, errors, order, identity_known)
    if errors:
        raise ImportRejected(errors)
    written = write_version(clean, resolved, source_name=source_name, user=user)
    context = ImportContext(written.version, written.objects, source_name, user)
    for section in SECTIONS:
        if section.key in data:
            section.load(data[section.key], context)
    return written


def import_version(
    data: dict, *, revises: PlanVersion | None = None, source_name: str = "JSON", user=None
) -> PlanVersion:
    """Import a document of export_version as a new plan (region, agency and RPJMD are found by
    name and created when missing; the plan is always created) or, with `revises`, as the next
    draft version of that version's plan, revising it (refused while the plan has an open draft).

    Everything is checked first; any error raises ImportRejected listing every error, each with
    its JSON path ('$.programs[2].funding[0].raw_text'), and nothing is written. Existing rows
    (region, agency, RPJMD, plan) are never changed: where the document differs from them, that
    is an error too.
    """
    return import_document(data, revises=revises, source_name=source_name, user=user)
