"""JSON export and import of a complete plan version: the round trip, every field, every error."""

import copy
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renstra.core.errors import ImportRejected
from renstra.interchange import jsonio
from renstra.interchange.jsonio import (
    ROUND_TRIP_EXCLUDED,
    Section,
    comparable,
    export_version,
    import_version,
    register_section,
)
from renstra.interchange.plan_schema import Problem
from renstra.plans.choices import VersionStatus
from renstra.plans.models import (
    Activity,
    Agency,
    Funding,
    Goal,
    Indicator,
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
)
from renstra.review.models import StatusChange
from tests.growth import grow, queries
from tests.interchange.drafts import as_next_draft
from tests.realplans import PLANS, load_real_plan


def db_counts() -> dict:
    """Rows of every table of the plans app (history included) and of status changes."""
    models = [*apps.get_app_config("plans").get_models(), StatusChange]
    return {m._meta.label: m.objects.count() for m in models}


def through_json(data: dict) -> dict:
    return json.loads(json.dumps(data, ensure_ascii=False))


def walk(data: dict):
    """Every item of a document: (level, item)."""
    for goal in data["goals"]:
        yield "goal", goal
        for objective in goal["objectives"]:
            yield "objective", objective
            for strategy in objective["strategies"]:
                yield "strategy", strategy
                for policy in strategy["policy_directions"]:
                    yield "policy_direction", policy
    for program in data["programs"]:
        yield "program", program
        for activity in program["activities"]:
            yield "activity", activity
            for sub in activity["sub_activities"]:
                yield "sub_activity", sub


def indicators(data: dict):
    for _level, item in walk(data):
        yield from item.get("indicators", [])


# --- export -----------------------------------------------------------------------------------


def test_export_describes_version_2_whole_without_database_ids(v2):
    data = export_version(v2)
    assert (data["format"], data["format_version"]) == ("renstra-plan", 1)
    assert data["region"] == {"name": "Kota Bontang", "kind": "kota"}
    assert data["agency"]["short_name"] == "BKPSDM"
    assert data["agency"]["former_names"] == ["BKPP"]
    assert data["regional_plan"]["missions"][0]["number"] == "I"
    assert data["plan"] == {
        "title": "Renstra BKPSDM Kota Bontang 2016-2021",
        "kind": "renstra",
        "period_start": 2016,
        "period_end": 2021,
        "baseline_year": 2016,
        "code_scheme": "pmdn13",
        "nomenclature_edition": None,
    }
    meta = data["version"]
    assert (meta["number"], meta["status"], meta["revises"], meta["missions"]) == (
        2,
        "approved",
        1,
        ["I"],
    )
    assert meta["rpjmd_note"] == "TUJUAN DAN SARAN TIDAK MASUK DALAM RPJMD"
    counts = {}
    for level, _ in walk(data):
        counts[level] = counts.get(level, 0) + 1
    assert counts.get("goal", 0) == Goal.objects.filter(version=v2).count()
    assert counts.get("objective", 0) == Objective.objects.filter(goal__version=v2).count()
    assert counts.get("strategy", 0) == Strategy.objects.filter(objective__goal__version=v2).count()
    assert (
        counts.get("policy_direction", 0)
        == PolicyDirection.objects.filter(strategy__objective__goal__version=v2).count()
    )
    assert counts["program"] == Program.objects.filter(version=v2).count()
    assert counts["activity"] == Activity.objects.filter(program__version=v2).count()
    assert len(list(indicators(data))) == Indicator.objects.filter(version=v2).count()
    assert (
        sum(len(i["targets"]) for i in indicators(data))
        == Target.objects.filter(indicator__version=v2).count()
    )
    funding = sum(len(item.get("funding", [])) for _, item in walk(data))
    assert (
        funding
        == Funding.objects.filter(program__version=v2).count()
        + Funding.objects.filter(activity__program__version=v2).count()
    )
    text = json.dumps(data)
    assert '"id"' not in text and '"pk"' not in text


def test_export_keeps_raw_texts_beside_values_and_keys_are_position_paths(v1, v2):
    data = export_version(v2)
    program = data["programs"][0]
    assert program["key"] == "P1"
    assert program["activities"][0]["key"] == "P1.K1"
    assert program["indicators"][0]["key"] == "P1.I1"
    assert all(key.startswith("T") for key in program["objectives"])
    stored = Funding.objects.filter(program__version=v2, program__order=1).order_by("year")
    assert [(f["year"], f["raw_text"]) for f in program["funding"]] == [
        (f.year, f.raw_text) for f in stored
    ]
    amounts = [Decimal(f["amount"]) for f in program["funding"] if f["amount"] is not None]
    assert amounts == [f.amount for f in stored if f.amount is not None]
    target = next(t for i in indicators(data) for t in i["targets"] if t["kind"] == "percent")
    assert target["raw_text"].rstrip().endswith("%") and isinstance(target["value"], str)
    # Tabel 6.2 sebelum review groups kegiatan under program indicators, by key.
    first = export_version(v1)["programs"][0]
    own = {i["key"] for i in first["indicators"]}
    assert first["activities"][0]["program_indicator"] in own
    inferred = [t for i in indicators(data) for t in i["targets"] if t["inferred_note"]]
    assert inferred, "the demo's inferred target years keep their notes"


def test_json_text_of_a_version_loads_back_into_the_same_document(v2):
    text = jsonio.dumps_version(v2)
    assert text.startswith('{\n  "format": "renstra-plan",')
    assert "Kota Bontang" in text  # not escaped
    assert jsonio.loads_document(text.encode("utf-8"), "v2.json") == export_version(v2)


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"\xff\xfe{", "Berkas bukan teks UTF-8"),
        (b'{"format": "renstra-plan",', "Bukan JSON yang sah"),
        (b"[" * 100000 + b"]" * 100000, "Struktur JSON terlalu dalam"),
        (b" " * (jsonio.MAX_JSON_BYTES + 1), "Berkas lebih dari 20 MB"),
    ],
)
def test_files_that_are_not_json_are_refused_with_a_reason(data, reason):
    with pytest.raises(ImportRejected) as rejected:
        jsonio.loads_document(data, "x.json")
    assert [(e.source, e.row) for e in rejected.value.errors] == [("x.json", 0)]
    assert rejected.value.errors[0].reason.startswith(reason)


def test_export_is_deterministic(v2):
    assert json.dumps(export_version(v2)) == json.dumps(export_version(v2))


# Model fields that are not in the document, and why. A field added to a model must be added to
# the document or here, or this test fails.
NOT_EXPORTED = {
    "id": "database id",
    "order": "the item's place in its list",
    "copied_from": "database id of another version's item",
    "version": "the document is one version",
    "goal": "nesting",
    "objective": "nesting",
    "strategy": "nesting",
    "program": "nesting",
    "activity": "nesting",
    "sub_activity": "nesting",
    "indicator": "nesting",
    "plan": "the document is one plan",
    "created_at": "set by the system on import",
    "region": "nesting",
    "regional_plan": "nesting",
    "agency": "nesting",
    # The plan's schemes across its versions (after a crosswalk): the document is one version
    # and carries that version's own scheme as code_scheme and nomenclature_edition.
    "earlier_code_schemes": "the schemes of the plan's other versions",
}
EXPORTED_AS = {"program_indicator", "unit", "objectives", "revises", "missions"}


@pytest.mark.parametrize(
    "model,section",
    [
        (Goal, lambda d: d["goals"][0]),
        (Objective, lambda d: d["goals"][0]["objectives"][0]),
        (Strategy, lambda d: d["goals"][0]["objectives"][0]["strategies"][0]),
        (
            PolicyDirection,
            lambda d: d["goals"][0]["objectives"][0]["strategies"][0]["policy_directions"][0],
        ),
        (Program, lambda d: d["programs"][0]),
        (Activity, lambda d: d["programs"][0]["activities"][0]),
        (Indicator, lambda d: d["programs"][0]["indicators"][0]),
        (Target, lambda d: d["programs"][0]["indicators"][0]["targets"][0]),
        (Funding, lambda d: d["programs"][0]["funding"][0]),
        (PlanVersion, lambda d: d["version"]),
        (Plan, lambda d: d["plan"]),
        (Agency, lambda d: d["agency"]),
        (Region, lambda d: d["region"]),
        (RegionalPlan, lambda d: d["regional_plan"]),
    ],
)
def test_every_stored_field_is_in_the_document(v2, model, section):
    data = export_version(v2)
    names = {f.name for f in model._meta.concrete_fields} | {
        f.name for f in model._meta.many_to_many
    }
    missing = names - set(section(data)) - set(NOT_EXPORTED) - EXPORTED_AS
    assert missing == set()
    if model is Activity:
        assert {"location", "program_indicator", "unit"} <= set(section(data))
    if model is RegionalPlan:
        assert "missions" in section(data)


def test_sub_activities_are_exported_and_imported(draft):
    activity = Activity.objects.filter(program__version=draft).order_by("program__order", "order")[
        0
    ]
    sub = SubActivity.objects.create(
        activity=activity, code="5.01.01.2.01.0001", name="Penyusunan dokumen", order=1
    )
    Funding.objects.create(
        sub_activity=sub, year=2019, raw_text="12.500.000,50", amount="12500000.50"
    )
    from renstra.plans.services import add_indicator

    add_indicator(
        version=draft,
        owner_field="sub_activity",
        owner=sub,
        name="Jumlah dokumen",
        kind="output",
        order=1,
        targets={2019: "2 dokumen"},
    )
    data = export_version(draft)
    sub_data = data["programs"][0]["activities"][0]["sub_activities"][0]
    assert sub_data["key"] == "P1.K1.SK1"
    assert sub_data["funding"] == [
        {"year": 2019, "raw_text": "12.500.000,50", "amount": "12500000.5", "inferred_note": ""}
    ]
    assert sub_data["indicators"][0]["targets"][0]["raw_text"] == "2 dokumen"
    again = export_version(import_version(through_json(data)))
    assert comparable(again) == comparable(data)


# --- round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["v1", "v2"])
def test_export_import_export_gives_the_same_document(which, request):
    version = request.getfixturevalue(which)
    data = export_version(version)
    imported = import_version(through_json(data))
    again = export_version(imported)
    assert comparable(again) == comparable(data)
    # Imported as a new plan, even though the demo plan of that title exists: a draft with the
    # document's number, revising nothing in its new plan.
    assert imported.plan_id != version.plan_id
    assert imported.plan.title == version.plan.title
    assert (imported.status, imported.number) == (VersionStatus.DRAFT, version.number)
    assert imported.revises is None and again["version"]["revises"] is None
    assert imported.status_changes.get().note == "Diimpor dari JSON."


def test_round_trip_excludes_only_number_status_and_revises(v2):
    assert ROUND_TRIP_EXCLUDED == (
        ("version", "number"),
        ("version", "status"),
        ("version", "revises"),
    )
    data = export_version(v2)
    assert set(data["version"]) - set(comparable(data)["version"]) == {
        "number",
        "status",
        "revises",
    }


@pytest.mark.parametrize("key", sorted(PLANS))
def test_real_sumedang_plans_round_trip(db, key):
    version = load_real_plan(key)
    data = export_version(version)
    assert data["plan"]["code_scheme"] == "pmdn90"
    again = export_version(import_version(through_json(data)))
    assert comparable(again) == comparable(data)
    if key == "sumedang_bkpsdm_tc27":
        assert again["version"]["unplaced_rows"][0]["level"] == "bidang_urusan"


def test_a_new_plan_creates_region_agency_rpjmd_and_plan(v2):
    data = through_json(export_version(v2))
    data["region"] = {"name": "Kota Uji", "kind": "kota"}
    data["agency"]["short_name"] = "BKU"
    data["regional_plan"]["name"] = "RPJMD Kota Uji 2016-2021"
    data["plan"]["title"] = "Renstra BKU Kota Uji 2016-2021"
    version = import_version(data, source_name="uji.json")
    plan = version.plan
    assert (plan.agency.region.name, plan.agency.short_name) == ("Kota Uji", "BKU")
    assert plan.regional_plan.name == "RPJMD Kota Uji 2016-2021"
    assert list(plan.regional_plan.missions.values_list("number", flat=True)) == ["I"]
    # A new plan keeps the document's number; the version it revised is not in this plan.
    assert (version.number, version.status, version.revises) == (2, VersionStatus.DRAFT, None)
    again = export_version(version)
    assert comparable(again) == comparable(data)
    assert again["version"]["number"] == 2


def test_import_as_new_draft_of_a_given_plan(v1, v2):
    data = export_version(v1)
    version = import_version(through_json(data), revises=v2)
    assert (version.plan_id, version.number, version.status) == (
        v2.plan_id,
        3,
        VersionStatus.DRAFT,
    )
    # It revises the version named, not the one the document says (version 1 revised none).
    assert version.revises == v2 and data["version"]["revises"] is None
    assert comparable(export_version(version)) == as_next_draft(data, 3)


def test_a_document_of_another_agency_is_refused_for_a_given_plan(v2):
    data = through_json(export_version(v2))
    data["agency"]["short_name"] = "DISKOMINFO"
    data["plan"]["period_end"] = 2022
    before = db_counts()
    with pytest.raises(ImportRejected) as rejected:
        import_version(data, revises=v2)
    assert [(e.column, e.value) for e in rejected.value.errors] == [
        ("$.agency.short_name", "DISKOMINFO"),
        ("$.plan.period_end", "2022"),
    ]
    assert "BKPSDM" in rejected.value.errors[0].reason
    assert db_counts() == before


def test_existing_rows_are_never_changed_by_an_import(v2):
    data = through_json(export_version(v2))
    data["region"]["kind"] = "kabupaten"
    data["agency"]["name"] = "Badan Lain"
    before = db_counts()
    with pytest.raises(ImportRejected) as rejected:
        import_version(data)
    assert [e.column for e in rejected.value.errors] == ["$.region.kind", "$.agency.name"]
    assert "tersimpan" in rejected.value.errors[0].reason
    assert db_counts() == before


def test_derived_values_may_be_left_out_and_are_computed_like_every_import(v2):
    data = through_json(export_version(v2))
    stripped = copy.deepcopy(data)
    for level, item in walk(stripped):
        item.pop("key", None)
        if level == "program":
            item.pop("declared_total", None)
        for row in item.get("funding", []):
            row.pop("amount")
        for indicator in item.get("indicators", []):
            for name in ("baseline_value", "end_target_value", "unit", "value_type", "kind"):
                indicator.pop(name)
            for target in indicator["targets"]:
                for name in ("kind", "value", "unit", "grade", "components"):
                    target.pop(name)
    # Keys are needed only where an item is referred to.
    for program, original in zip(stripped["programs"], data["programs"], strict=True):
        for ind, orig in zip(program["indicators"], original["indicators"], strict=True):
            ind["key"] = orig["key"]
    for goal, original in zip(stripped["goals"], data["goals"], strict=True):
        for objective, orig in zip(goal["objectives"], original["objectives"], strict=True):
            objective["key"] = orig["key"]
    again = export_version(import_version(stripped))
    assert comparable(again) == comparable(data)


# --- errors -----------------------------------------------------------------------------------


def test_every_error_of_a_document_is_listed_with_its_path_and_nothing_is_written(v2):
    data = through_json(export_version(v2))
    program = data["programs"][0]
    program["funding"][0]["raw_text"] = "1.047.655.345,125"
    program["funding"][0].pop("amount")
    program["funding"][1]["amount"] = 5.5
    links = len(program["objectives"])
    program["objectives"].append("T9.S9")
    program["colour"] = "blue"
    program["indicators"][0]["kind"] = "result"
    program["indicators"][0]["targets"][0]["year"] = 1800
    program["activities"][1]["key"] = program["activities"][0]["key"]
    data["goals"][0]["name"] = None
    data["version"]["missions"] = ["IX"]
    before = db_counts()
    with pytest.raises(ImportRejected) as rejected:
        import_version(data, source_name="renstra.json")
    errors = rejected.value.errors
    assert [(e.source, e.row, e.column) for e in errors] == [
        ("renstra.json", 0, "$.version.missions[0]"),
        ("renstra.json", 0, "$.goals[0].name"),
        ("renstra.json", 0, "$.programs[0].colour"),
        ("renstra.json", 0, "$.programs[0].indicators[0].kind"),
        ("renstra.json", 0, "$.programs[0].indicators[0].targets[0].year"),
        ("renstra.json", 0, "$.programs[0].funding[0].raw_text"),
        ("renstra.json", 0, "$.programs[0].funding[1].amount"),
        ("renstra.json", 0, "$.programs[0].activities[1].key"),
        ("renstra.json", 0, "$.programs[0].objectives[{}]".format(links)),
    ]
    reasons = [e.reason for e in errors]
    assert "Paling banyak 2 angka di belakang koma" in reasons[5]
    assert "Tidak ada sasaran berkunci 'T9.S9'" in reasons[8]
    assert str(errors[0]).startswith("renstra.json $.version.missions[0] (nilai 'IX'): Misi")
    assert db_counts() == before


@pytest.mark.parametrize(
    "document,column,reason",
    [
        ([], "$", "Harus berupa objek JSON"),
        ({"format": "xlsx"}, "$.format", "Bukan dokumen Renstra"),
        ({"format": "renstra-plan", "format_version": 2}, "$.format_version", "Versi format 2"),
        ({"format": "renstra-plan", "format_version": 1}, "$.region", "Bagian 'region' wajib ada"),
    ],
)
def test_documents_that_are_not_plan_documents_are_refused(db, document, column, reason):
    with pytest.raises(ImportRejected) as rejected:
        import_version(document)
    assert rejected.value.errors[0].column == column
    assert rejected.value.errors[0].reason.startswith(reason)


def test_texts_a_database_cannot_hold_are_errors_not_crashes(v1):
    data = through_json(export_version(v1))
    data["goals"][0]["name"] = "a\x00b"
    data["goals"][0]["note"] = "\ud800"
    data["goals"][0]["other_wordings"] = [[[[[[[[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]]]]]]]
    with pytest.raises(ImportRejected) as rejected:
        import_version(data)
    assert [e.column for e in rejected.value.errors] == [
        "$.goals[0].name",
        "$.goals[0].other_wordings",
        "$.goals[0].note",
    ]


def test_amounts_are_stored_exactly_or_refused_never_rounded(v1):
    data = through_json(export_version(v1))
    program = data["programs"][0]
    program["funding"] = [
        {"year": 2017, "raw_text": "1.234.567.890.123.456,78", "inferred_note": ""},
        {"year": 2018, "raw_text": "Rp 711.827.200,00", "inferred_note": ""},
    ]
    if connection.vendor == "sqlite":
        with pytest.raises(ImportRejected) as rejected:
            import_version(data)
        assert [e.column for e in rejected.value.errors] == ["$.programs[0].funding[0].raw_text"]
        assert "15 digit" in rejected.value.errors[0].reason
        program["funding"].pop(0)
    version = import_version(data)
    stored = Funding.objects.filter(program__version=version, program__order=1)
    assert {f.raw_text: f.amount for f in stored}["Rp 711.827.200,00"] == Decimal("711827200")
    if connection.vendor != "sqlite":
        amount = {f.raw_text: f.amount for f in stored}["1.234.567.890.123.456,78"]
        assert amount == Decimal("1234567890123456.78")


@pytest.mark.parametrize("which", ["v1", "v2"])
def test_export_reads_a_version_in_a_constant_number_of_queries(
    which, request, django_assert_num_queries
):
    version = request.getfixturevalue(which)
    # 14 for the plan (2 for the version with its plan and missions, 11 for the read model, 1 for
    # the RPJMD's missions), 3 for monitoring (owners, realization, budget), 1 for comments.
    with django_assert_num_queries(18):
        export_version(version)


def test_export_reads_as_many_queries_for_a_bigger_plan(v2):
    before = queries(export_version, v2)
    grow(v2, programs=4, goals=2)
    assert queries(export_version, v2) == before


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


def places(node, path=()):
    """Every path inside a JSON value."""
    if isinstance(node, dict):
        items = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return
    for key, value in items:
        yield path + (key,)
        yield from places(value, path + (key,))


class Document(dict):
    """The v1 document, with a short repr for hypothesis' reports."""

    def __repr__(self) -> str:
        return "<document of demo version 1>"


@pytest.fixture
def v1_document(v1):
    return Document(through_json(export_version(v1)))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_values_anywhere_in_a_document_end_in_a_clear_error_or_an_import(v1_document, data):
    document = copy.deepcopy(dict(v1_document))
    paths = list(places(document))
    for path in data.draw(st.lists(st.sampled_from(paths), min_size=1, max_size=3)):
        container = document
        try:
            for key in path[:-1]:
                container = container[key]
            if data.draw(st.booleans()) and isinstance(container, dict):
                del container[path[-1]]
            else:
                container[path[-1]] = data.draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this place
    with transaction.atomic():
        try:
            version = import_version(document)
        except ImportRejected as rejected:
            assert rejected.errors
            assert all(e.reason and isinstance(e.reason, str) for e in rejected.errors)
        else:
            assert export_version(version)["format"] == "renstra-plan"
        transaction.set_rollback(True)


# --- extension point --------------------------------------------------------------------------


def test_sections_registered_by_other_apps_join_the_document(v1):
    seen = {}

    def export(version, context):
        indicator = Indicator.objects.filter(version=version).order_by("pk").first()
        return {"indicator": context.key_of(indicator), "value": "75 %"}

    def check(value, keys):
        if keys.get(value.get("indicator")) != "indicator":
            return [Problem(("realizations", "indicator"), value.get("indicator"), "x")]
        return []

    def load(value, context):
        seen["indicator"] = context.objects[value["indicator"]]

    register_section(Section("realizations", export, check, load))
    try:
        data = export_version(v1)
        assert data["realizations"]["value"] == "75 %"
        version = import_version(through_json(data))
        assert seen["indicator"].version_id == version.pk
        data["realizations"]["indicator"] = "P99.I1"
        with pytest.raises(ImportRejected) as rejected:
            import_version(through_json(data))
        assert [e.column for e in rejected.value.errors] == ["$.realizations.indicator"]
    finally:
        jsonio.SECTIONS[:] = [s for s in jsonio.SECTIONS if s.key != "realizations"]
    assert "realizations" not in export_version(v1)
