"""Validation of a plan version description (the document of renstra.interchange.jsonio), before
anything is written.

Every problem is collected, with the path of the value in the document ("$.programs[2].name");
none stops the check. The result is a clean copy in which every field is present and typed
(Decimal, int), every item has a key, and the values a document may leave to be derived from its
raw texts (amounts, parsed targets, an indicator's unit and value type) are computed the same way
every other import computes them (renstra.core, renstra.plans.services). Values the document does
give are kept as given (validated, never recomputed), so that an export imports back exactly.

The field rules come from the models themselves (lengths, digits, choices), so a model change
cannot be silently outgrown by this check.
"""

from decimal import Decimal, InvalidOperation

from renstra.core.targets import infer_unit, infer_value_type, parse_target
from renstra.interchange.plan_checker import (
    INDICATOR,
    Checker,
    Path,
    Problem,
    path_text,
    plain_decimal,
    show,
)
from renstra.nomenclature.models import Edition
from renstra.plans.choices import CodeScheme, IndicatorKind, ValueType
from renstra.plans.levels import level
from renstra.plans.models import (
    Activity,
    Agency,
    Funding,
    Indicator,
    Mission,
    Plan,
    PlanVersion,
    Program,
    Region,
    RegionalPlan,
    SubActivity,
    Target,
    Unit,
)
from renstra.plans.services import target_fields

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "Problem",
    "check_document",
    "path_text",
    "plain_decimal",
    "show",
]

FORMAT = "renstra-plan"
FORMAT_VERSION = 1

# The most items (tujuan ... sub kegiatan, and indicators) and yearly values (targets and pagu)
# one document may hold. A workbook holds at most 5,000 rows on each of its four item sheets
# (renstra.interchange.workbook_package.LIMITS): 20,000 items, and five yearly values each are
# 100,000. A document past them is refused at once, before a check of every item.
MAX_ITEMS = 20_000
MAX_YEARLY_VALUES = 100_000
# The lists of each level of the document, by the list that holds items of the next one.
_CHILD_LISTS = ("objectives", "strategies", "policy_directions", "activities", "sub_activities")


CASCADE_FIELDS = ("number", "name", "other_wordings", "note", "source_ref")
CODED_FIELDS = ("code", "code_raw", "declared_total_raw", "declared_total")
INDICATOR_FIELDS = tuple(
    name
    for name in (
        "number",
        "name",
        "kind",
        "unit",
        "polarity",
        "rollup",  # only where the model has it (added with the monitoring of realization)
        "value_type",
        "intended_result",
        "target_group",
        "baseline_raw",
        "baseline_value",
        "end_target_raw",
        "end_target_value",
        "definition",
        "data_source",
        "note",
        "source_ref",
    )
    if any(f.name == name for f in Indicator._meta.get_fields())
)
TARGET_FIELDS = (
    "year",
    "raw_text",
    "kind",
    "value",
    "unit",
    "grade",
    "components",
    "inferred_note",
)
FUNDING_FIELDS = ("year", "raw_text", "amount", "inferred_note")
VERSION_FIELDS = (
    "number",
    "label",
    "status",
    "is_public",
    "revises",
    "revision_reason",
    "legal_basis",
    "rpjmd_note",
    "source",
    "missions",
    "unplaced_rows",
)
# Fields derived from a raw text: when the document leaves them out they are computed from it.
DERIVED = {
    "declared_total": "declared_total_raw",
    "baseline_value": "baseline_raw",
    "end_target_value": "end_target_raw",
    "amount": "raw_text",
}
# The level an indicator hangs on decides its kind when the document does not say (by the
# level's key, renstra.plans.levels).
DEFAULT_INDICATOR_KIND = {
    "tujuan": IndicatorKind.IMPACT,
    "sasaran": IndicatorKind.OUTCOME,
    "program": IndicatorKind.OUTCOME,
    "kegiatan": IndicatorKind.OUTPUT,
    "sub_kegiatan": IndicatorKind.OUTPUT,
}


def default_indicator_kind(owner: str) -> IndicatorKind:
    """The kind of an indicator of a level ('kegiatan' or 'activity') when nobody says."""
    return DEFAULT_INDICATOR_KIND[level(owner).key]


def _check_derived(checker: Checker, model, name: str, item: dict, clean: dict, path: Path):
    """A derived field: as given when present, else computed from its raw text."""
    field = model._meta.get_field(name)
    raw_name = DERIVED[name]
    raw = clean.get(raw_name, "")
    if not isinstance(raw, str):
        return checker.field(model, name, item, path) if name in item else None
    here = tuple(path) + (raw_name,)
    if model in (Funding, Program, Activity, SubActivity):
        parsed = checker.amount_from_raw(raw, here, field.max_digits)
    else:
        parsed = checker.target_value(raw, here)
    if name not in item:
        return parsed
    # Given beside its raw text, the value must be what the text says: nothing may be read one
    # way and stored another.
    given = checker.field(model, name, item, path)
    if given is not None and parsed is not None and given != parsed:
        checker.problem(
            tuple(path) + (name,),
            item.get(name),
            "Tidak sesuai dengan teks aslinya '{}' (yang terbaca {}).".format(raw, parsed),
        )
    return given


def _cascade(checker: Checker, key: str, item: dict, path: Path, extra=()) -> dict:
    """The clean fields of an item of the level `key` ('arah_kebijakan')."""
    of = level(key)
    clean = {"key": checker.key(item, path, of.name), "path": tuple(path)}
    for name in CASCADE_FIELDS:
        clean[name] = checker.field(of.model, name, item, path)
    for name in extra:
        clean[name] = checker.field(of.model, name, item, path)
    return clean


def _coded(checker: Checker, key: str, item: dict, path: Path) -> dict:
    model = level(key).model
    clean = _cascade(checker, key, item, path, ("code", "code_raw", "declared_total_raw"))
    clean["declared_total"] = _check_derived(checker, model, "declared_total", item, clean, path)
    if clean["declared_total"] is not None and clean["declared_total"] < 0:
        checker.problem(
            tuple(path) + ("declared_total",),
            item.get("declared_total"),
            "Pagu tidak boleh negatif.",
        )
    unit = item.get("unit", "")
    if not isinstance(unit, str):
        checker.problem(tuple(path) + ("unit",), unit, "Harus berupa teks: nama unit kerja.")
        unit = ""
    elif not checker.storable_text(unit, tuple(path) + ("unit",)):
        unit = ""
    elif len(unit) > Unit._meta.get_field("name").max_length:
        checker.problem(
            tuple(path) + ("unit",),
            unit,
            "Nama unit kerja terlalu panjang (paling banyak {} karakter).".format(
                Unit._meta.get_field("name").max_length
            ),
        )
    clean["unit"] = unit
    if model is not Program:
        clean["location"] = checker.field(model, "location", item, path)
    return clean


def _indicators(checker: Checker, owner: dict, path: Path, key: str) -> list[dict]:
    """The clean indicators of an item of the level `key`; each knows its owner's level."""
    owner_level = level(key)
    result = []
    for i, item in enumerate(checker.listing(owner, "indicators", path)):
        here = tuple(path) + ("indicators", i)
        allowed = ("key", *INDICATOR_FIELDS, "targets")
        if checker.mapping(item, here, allowed) is None:
            continue
        clean = {"key": checker.key(item, here, INDICATOR), "path": here, "level": owner_level.name}
        for name in INDICATOR_FIELDS:
            if name in ("baseline_value", "end_target_value"):
                continue
            if name == "kind":
                clean[name] = checker.field(
                    Indicator, name, item, here, default=default_indicator_kind(key).value
                )
            elif name in ("unit", "value_type"):
                clean[name] = checker.field(Indicator, name, item, here, default=None)
            else:
                clean[name] = checker.field(Indicator, name, item, here)
        for name in ("baseline_value", "end_target_value"):
            clean[name] = _check_derived(checker, Indicator, name, item, clean, here)
        clean["targets"] = _targets(checker, item, here)
        if clean["value_type"] is None or clean["unit"] is None:
            # Inferred from the targets exactly as renstra.plans.services.add_indicator does.
            parsed = [
                parse_target(t["raw_text"]) for t in clean["targets"] if t["raw_text"].strip()
            ]
            if clean["value_type"] is None:
                clean["value_type"] = infer_value_type(clean["name"] or "", parsed).value
            if clean["unit"] is None:
                clean["unit"] = (
                    "%" if clean["value_type"] == ValueType.PERCENT else infer_unit(parsed)
                )
        result.append(clean)
    return result


def _targets(checker: Checker, indicator: dict, path: Path) -> list[dict]:
    result, years = [], set()
    for i, item in enumerate(checker.listing(indicator, "targets", path)):
        here = tuple(path) + ("targets", i)
        if checker.mapping(item, here, TARGET_FIELDS) is None:
            continue
        year = checker.year(item.get("year"), here + ("year",))
        if year is not None and year in years:
            checker.problem(here + ("year",), year, "Tahun {} sudah punya target.".format(year))
        years.add(year)
        raw = checker.field(Target, "raw_text", item, here)
        clean = {"year": year, "raw_text": raw, "path": here}
        parsed = target_fields(raw) if raw.strip() else {}
        for name in ("kind", "value", "unit", "grade", "components"):
            if name in item:
                clean[name] = checker.field(Target, name, item, here)
            else:
                clean[name] = parsed.get(name, [] if name == "components" else "")
        if "value" not in item:
            clean["value"] = parsed.get("value")
            field = Target._meta.get_field("value")
            if clean["value"] is not None and not checker.fits(
                clean["value"], here + ("raw_text",), raw, field.max_digits, field.decimal_places
            ):
                clean["value"] = None
        if "unit" not in item and len(clean["unit"]) > Target._meta.get_field("unit").max_length:
            checker.problem(
                here + ("raw_text",),
                raw,
                "Satuan yang tertulis pada target lebih dari 100 karakter; pisahkan uraian "
                "dari target.",
            )
            clean["unit"] = ""
        if "components" in item:
            for j, part in enumerate(clean["components"]):
                ok = isinstance(part, dict) and set(part) == {"value", "unit"}
                ok = ok and isinstance(part["unit"], str) and isinstance(part["value"], str)
                if ok:
                    try:
                        Decimal(part["value"])
                    except InvalidOperation:
                        ok = False
                if not ok:
                    checker.problem(
                        here + ("components", j),
                        part,
                        'Komponen target harus {"value": "angka", "unit": "satuan"}.',
                    )
        clean["inferred_note"] = checker.field(Target, "inferred_note", item, here)
        result.append(clean)
    return result


def _funding(checker: Checker, owner: dict, path: Path) -> list[dict]:
    result, years = [], set()
    for i, item in enumerate(checker.listing(owner, "funding", path)):
        here = tuple(path) + ("funding", i)
        if checker.mapping(item, here, FUNDING_FIELDS) is None:
            continue
        year = checker.year(item.get("year"), here + ("year",))
        if year is not None and year in years:
            checker.problem(here + ("year",), year, "Tahun {} sudah punya pagu.".format(year))
        years.add(year)
        clean = {"year": year, "path": here}
        clean["raw_text"] = checker.field(Funding, "raw_text", item, here)
        clean["amount"] = _check_derived(checker, Funding, "amount", item, clean, here)
        if clean["amount"] is not None and clean["amount"] < 0:
            checker.problem(here + ("amount",), item.get("amount"), "Pagu tidak boleh negatif.")
        clean["inferred_note"] = checker.field(Funding, "inferred_note", item, here)
        result.append(clean)
    return result


def _rpjmd_refs(checker: Checker, refs: list, path: Path) -> list[str]:
    """The numbers of the RPJMD sasaran a sasaran supports: texts, each once. Whether the
    RPJMD has them is the checker's to say (the RPJMD may be revised after)."""
    here = tuple(path) + ("rpjmd_refs",)
    clean: list[str] = []
    for i, ref in enumerate(refs):
        if not isinstance(ref, str) or not ref.strip() or len(ref.strip()) > 20:
            checker.problem(here + (i,), ref, 'Tulis nomor sasaran RPJMD sebagai teks, mis. "2.1".')
        elif ref.strip() in clean:
            checker.problem(here + (i,), ref, "Sasaran RPJMD ini disebut dua kali.")
        else:
            clean.append(ref.strip())
    return clean


def _goals(checker: Checker, data: dict) -> list[dict]:
    goals = []
    goal_keys = ("key", *CASCADE_FIELDS, "indicators", "objectives")
    objective_keys = ("key", *CASCADE_FIELDS, "rpjmd_refs", "indicators", "strategies")
    strategy_keys = ("key", *CASCADE_FIELDS, "policy_directions")
    policy_keys = ("key", *CASCADE_FIELDS)
    for g, goal in enumerate(checker.listing(data, "goals", ())):
        path = ("goals", g)
        if checker.mapping(goal, path, goal_keys) is None:
            continue
        clean = _cascade(checker, "tujuan", goal, path)
        clean["indicators"] = _indicators(checker, goal, path, "tujuan")
        clean["objectives"] = []
        for o, objective in enumerate(checker.listing(goal, "objectives", path)):
            o_path = path + ("objectives", o)
            if checker.mapping(objective, o_path, objective_keys) is None:
                continue
            o_clean = _cascade(checker, "sasaran", objective, o_path, ("rpjmd_refs",))
            o_clean["rpjmd_refs"] = _rpjmd_refs(checker, o_clean["rpjmd_refs"], o_path)
            o_clean["indicators"] = _indicators(checker, objective, o_path, "sasaran")
            o_clean["strategies"] = []
            for s, strategy in enumerate(checker.listing(objective, "strategies", o_path)):
                s_path = o_path + ("strategies", s)
                if checker.mapping(strategy, s_path, strategy_keys) is None:
                    continue
                s_clean = _cascade(checker, "strategi", strategy, s_path)
                s_clean["policy_directions"] = []
                for p, policy in enumerate(checker.listing(strategy, "policy_directions", s_path)):
                    p_path = s_path + ("policy_directions", p)
                    if checker.mapping(policy, p_path, policy_keys) is None:
                        continue
                    s_clean["policy_directions"].append(
                        _cascade(checker, "arah_kebijakan", policy, p_path)
                    )
                o_clean["strategies"].append(s_clean)
            clean["objectives"].append(o_clean)
        goals.append(clean)
    return goals


def _programs(checker: Checker, data: dict) -> list[dict]:
    programs = []
    coded = ("key", *CASCADE_FIELDS, *CODED_FIELDS, "unit")
    program_keys = (*coded, "objectives", "indicators", "funding", "activities")
    activity_keys = (
        *coded,
        "location",
        "program_indicator",
        "indicators",
        "funding",
        "sub_activities",
    )
    sub_keys = (*coded, "location", "indicators", "funding")
    for p, program in enumerate(checker.listing(data, "programs", ())):
        path = ("programs", p)
        if checker.mapping(program, path, program_keys) is None:
            continue
        clean = _coded(checker, "program", program, path)
        links = checker.listing(program, "objectives", path)
        clean["objectives"] = links
        clean["indicators"] = _indicators(checker, program, path, "program")
        clean["funding"] = _funding(checker, program, path)
        clean["activities"] = []
        for a, activity in enumerate(checker.listing(program, "activities", path)):
            a_path = path + ("activities", a)
            if checker.mapping(activity, a_path, activity_keys) is None:
                continue
            a_clean = _coded(checker, "kegiatan", activity, a_path)
            a_clean["program_indicator"] = activity.get("program_indicator")
            a_clean["indicators"] = _indicators(checker, activity, a_path, "kegiatan")
            a_clean["funding"] = _funding(checker, activity, a_path)
            a_clean["sub_activities"] = []
            for s, sub in enumerate(checker.listing(activity, "sub_activities", a_path)):
                s_path = a_path + ("sub_activities", s)
                if checker.mapping(sub, s_path, sub_keys) is None:
                    continue
                s_clean = _coded(checker, "sub_kegiatan", sub, s_path)
                s_clean["indicators"] = _indicators(checker, sub, s_path, "sub_kegiatan")
                s_clean["funding"] = _funding(checker, sub, s_path)
                a_clean["sub_activities"].append(s_clean)
            clean["activities"].append(a_clean)
        programs.append(clean)
    return programs


def _references(checker: Checker, programs: list[dict]) -> None:
    """Program -> sasaran links and kegiatan -> program indicator, by key."""
    for program in programs:
        seen = set()
        for i, key in enumerate(program["objectives"]):
            here = program["path"] + ("objectives", i)
            if not isinstance(key, str) or checker.keys.get(key) != level("sasaran").name:
                checker.problem(
                    here, key, "Tidak ada sasaran berkunci '{}' di dokumen ini.".format(show(key))
                )
            elif key in seen:
                checker.problem(here, key, "Sasaran '{}' disebut dua kali.".format(key))
            else:
                seen.add(key)
        own = {ind["key"] for ind in program["indicators"]}
        for activity in program["activities"]:
            ref = activity["program_indicator"]
            here = activity["path"] + ("program_indicator",)
            if ref is None or ref == "":
                activity["program_indicator"] = None
            elif not isinstance(ref, str) or ref not in own:
                checker.problem(
                    here,
                    ref,
                    "Harus kunci salah satu indikator program induk kegiatan ini ({}).".format(
                        ", ".join(sorted(own)) or "program ini belum punya indikator"
                    ),
                )
                activity["program_indicator"] = None


def _fields(checker: Checker, model, obj: dict | None, path: Path, names) -> dict | None:
    if obj is None:
        return None
    return {n: checker.field(model, n, obj, path) for n in names}


def _texts(checker: Checker, values: list, path: Path) -> None:
    for i, text in enumerate(values):
        if not isinstance(text, str):
            checker.problem(tuple(path) + (i,), text, "Harus berupa teks.")


def _regional_plan(checker: Checker, rp: dict) -> dict:
    here = ("regional_plan",)
    clean = _fields(checker, RegionalPlan, rp, here, ("name", "vision", "goals_text"))
    _texts(checker, clean["goals_text"], here + ("goals_text",))
    for n in ("period_start", "period_end"):
        clean[n] = checker.year(rp.get(n), here + (n,))
    if None not in (clean["period_start"], clean["period_end"]) and (
        clean["period_end"] <= clean["period_start"]
    ):
        checker.problem(
            here + ("period_end",),
            rp.get("period_end"),
            "Tahun akhir RPJMD harus sesudah tahun awal.",
        )
    clean["missions"] = []
    numbers = set()
    for i, mission in enumerate(checker.listing(rp, "missions", here)):
        m_path = here + ("missions", i)
        if checker.mapping(mission, m_path, ("number", "text")) is None:
            continue
        m_clean = _fields(checker, Mission, mission, m_path, ("number", "text"))
        if m_clean["number"] in numbers:
            checker.problem(m_path + ("number",), m_clean["number"], "Nomor misi dipakai dua kali.")
        numbers.add(m_clean["number"])
        clean["missions"].append(m_clean)
    return clean


def _plan(checker: Checker, plan: dict) -> dict:
    clean = {"title": checker.field(Plan, "title", plan, ("plan",))}
    clean["kind"] = checker.field(Plan, "kind", plan, ("plan",))
    for n in ("period_start", "period_end", "baseline_year"):
        clean[n] = checker.year(plan.get(n), ("plan", n))
    clean["code_scheme"] = checker.field(Plan, "code_scheme", plan, ("plan",))
    clean["nomenclature_edition"] = _edition_name(checker, plan, clean["code_scheme"])
    start, end, base = clean["period_start"], clean["period_end"], clean["baseline_year"]
    if None not in (start, end) and end <= start:
        checker.problem(
            ("plan", "period_end"), end, "Tahun akhir periode harus sesudah tahun awal."
        )
    elif None not in (start, end, base) and not start - 1 <= base < end:
        checker.problem(
            ("plan", "baseline_year"),
            base,
            "Tahun kondisi awal harus tahun awal periode atau setahun sebelumnya.",
        )
    return clean


def _edition_name(checker: Checker, plan: dict, code_scheme: str) -> str | None:
    """The name of the nomenclature edition the plan follows, or None (absent, null or "")."""
    here = ("plan", "nomenclature_edition")
    value = plan.get("nomenclature_edition")
    if value is None or value == "":
        return None
    limit = Edition._meta.get_field("name").max_length
    if not isinstance(value, str) or len(value.strip()) > limit:
        checker.problem(
            here,
            value,
            "Tulis nama edisi nomenklatur sebagai teks, paling banyak {} karakter "
            "(mis. 2020).".format(limit),
        )
        return None
    if code_scheme != CodeScheme.PERMENDAGRI_90_2019:
        checker.problem(
            here,
            value,
            "Edisi nomenklatur hanya untuk Renstra berkode Permendagri 90/2019 (skema kode "
            "pmdn90); kosongkan isian ini.",
        )
        return None
    return value.strip()


def _version(checker: Checker, version: dict, regional_plan: dict | None) -> dict:
    here = ("version",)
    names = ("label", "status", "is_public", "revision_reason", "legal_basis", "rpjmd_note")
    clean = _fields(checker, PlanVersion, version, here, (*names, "source", "unplaced_rows"))
    clean["number"] = checker.field(PlanVersion, "number", version, here, default=1)
    revises = version.get("revises")
    clean["revises"] = (
        None
        if revises is None
        else checker.integer(revises, here + ("revises",), minimum=1, maximum=2**31 - 1)
    )
    clean["missions"] = []
    known = {m["number"] for m in (regional_plan or {}).get("missions", [])}
    seen = set()
    for i, number in enumerate(checker.listing(version, "missions", here)):
        if not isinstance(number, str) or number not in known:
            checker.problem(
                here + ("missions", i),
                number,
                "Misi '{}' tidak ada di daftar misi RPJMD (regional_plan.missions).".format(
                    show(number)
                ),
            )
        elif number in seen:
            checker.problem(here + ("missions", i), number, "Misi ini disebut dua kali.")
        else:
            seen.add(number)
            clean["missions"].append(number)
    return clean


def _identity(checker: Checker, data: dict) -> dict:
    """Region, agency, RPJMD, plan and version metadata. A section that is missing or not an
    object is reported once, not again for each of its fields."""
    agency_fields = ("name", "short_name", "former_names", "code")
    region = checker.section(data, "region", ("name", "kind"))
    agency = checker.section(data, "agency", agency_fields)
    plan = checker.section(
        data,
        "plan",
        (
            "title",
            "kind",
            "period_start",
            "period_end",
            "baseline_year",
            "code_scheme",
            "nomenclature_edition",
        ),
    )
    version = checker.section(data, "version", VERSION_FIELDS)
    rp = data.get("regional_plan")
    rp_fields = ("name", "period_start", "period_end", "vision", "goals_text", "missions")
    if rp is not None:
        rp = checker.mapping(rp, ("regional_plan",), rp_fields)
    clean = {
        "region": _fields(checker, Region, region, ("region",), ("name", "kind")),
        "agency": _fields(checker, Agency, agency, ("agency",), agency_fields),
        "regional_plan": _regional_plan(checker, rp) if rp is not None else None,
        "plan": _plan(checker, plan) if plan is not None else None,
    }
    if clean["agency"] is not None:
        _texts(checker, clean["agency"]["former_names"], ("agency", "former_names"))
    clean["version"] = (
        _version(checker, version, clean["regional_plan"]) if version is not None else None
    )
    return clean


def _beyond_limits(data: dict) -> str | None:
    """Why the document holds more items or yearly values than MAX_ITEMS and
    MAX_YEARLY_VALUES, or None; counted from the lengths of its lists only."""
    items = yearly = 0
    stack = [data.get(name) for name in ("goals", "programs")]
    while stack:
        value = stack.pop()
        if not isinstance(value, list):
            continue
        items += len(value)
        for item in value:
            if not isinstance(item, dict):
                continue
            stack.extend(item.get(name) for name in (*_CHILD_LISTS, "indicators"))
            for name in ("targets", "funding"):
                if isinstance(item.get(name), list):
                    yearly += len(item[name])
        if items > MAX_ITEMS:
            return (
                "Dokumen memuat lebih dari {} butir (tujuan sampai sub kegiatan dan indikator); "
                "bagi dokumen ini.".format(MAX_ITEMS)
            )
    if yearly > MAX_YEARLY_VALUES:
        return "Dokumen memuat {} target dan pagu tahunan, lebih dari batas {}.".format(
            yearly, MAX_YEARLY_VALUES
        )
    return None


CORE_KEYS = (
    "format",
    "format_version",
    "region",
    "agency",
    "regional_plan",
    "plan",
    "version",
    "goals",
    "programs",
)


def check_document(data, extra_keys=()) -> tuple[dict | None, Checker]:
    """Validate a whole document. Returns (clean document or None, the checker with problems
    and the keys of every item). Top-level keys other than the core ones and `extra_keys`
    (registered sections) are reported as unknown."""
    checker = Checker()
    if checker.mapping(data, (), (*CORE_KEYS, *extra_keys)) is None:
        return None, checker
    if data.get("format") != FORMAT:
        checker.problem(
            ("format",),
            data.get("format"),
            "Bukan dokumen Renstra: 'format' harus '{}'.".format(FORMAT),
        )
        return None, checker
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        checker.problem(
            ("format_version",),
            version,
            "Versi format {} tidak didukung; sistem ini membaca versi {}.".format(
                show(version), FORMAT_VERSION
            ),
        )
        return None, checker
    reason = _beyond_limits(data)
    if reason:
        checker.problem((), "", reason)
        return None, checker
    clean = _identity(checker, data)
    clean["goals"] = _goals(checker, data)
    clean["programs"] = _programs(checker, data)
    _references(checker, clean["programs"])
    return clean, checker
