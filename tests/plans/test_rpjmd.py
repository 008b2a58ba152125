"""The RPJMD as a plan of its own (Plan.kind rpjmd) and the links of an agency's sasaran to its
sasaran (Objective.rpjmd_refs): the demo's example RPJMD, the RPJMD in force, Tabel 7.1 made
from the links, the checker on both sides, the formats and the edit form carrying them."""

import pytest

from renstra.checks.engine import run_checks
from renstra.interchange.demo import load_demo
from renstra.interchange.jsonio import comparable, export_version, import_document
from renstra.interchange.region_demo import generate_region
from renstra.interchange.workbook import export_workbook, import_workbook
from renstra.plans import services
from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.editing import ObjectiveForm
from renstra.plans.models import Objective, Plan, PlanVersion
from renstra.plans.rpjmd import rpjmd_for, rpjmd_in_force
from renstra.reports.tables_plan import table_7_1
from renstra.review.diff import compare_versions
from renstra.review.services import start_review

RPJMD_SASARAN = ["1.1", "1.2", "1.3", "2.1", "2.2"]
# The rules whose broken cases are here (tests/checks/test_rules.py counts them as covered).
RPJMD_RULES = ("rpjmd_sasaran_unlinked", "rpjmd_sasaran_unknown", "rpjmd_sasaran_unsupported")


@pytest.fixture
def rpjmd(db) -> PlanVersion:
    return PlanVersion.objects.get(plan__kind=PlanKind.RPJMD)


def _findings(version, rule):
    return [f for f in run_checks(version, rules=[rule])]


def test_the_demo_has_its_regions_rpjmd_as_an_approved_plan_marked_as_example(rpjmd, v2):
    plan = rpjmd.plan
    assert (plan.kind, plan.agency.short_name, rpjmd.status) == (
        PlanKind.RPJMD,
        "Bappelitbang",
        VersionStatus.APPROVED,
    )
    assert plan.regional_plan_id == v2.plan.regional_plan_id  # the RPJMD BKPSDM refers to
    assert "contoh" in plan.title and "bukan RPJMD" in rpjmd.source
    # Visi and misi as the seed quotes them: the regional plan the demo's Renstra shares.
    assert plan.regional_plan.vision.startswith("Menguatkan Bontang sebagai Kota Maritim")
    assert list(rpjmd_in_force(plan.regional_plan).sasaran) == RPJMD_SASARAN
    # The demo's versions keep ids 1 and 2; loading again changes nothing.
    assert (v2.pk, rpjmd.pk) == (2, 3)
    load_demo()
    assert Plan.objects.filter(kind=PlanKind.RPJMD).count() == 1
    assert PlanVersion.objects.filter(plan=plan).count() == 1


def test_the_rpjmd_in_force_is_the_approved_one_not_a_draft_of_it(rpjmd, v2):
    review = start_review(version=rpjmd, reason="perubahan RPJMD (uji)")
    goal = review.goals.get(number="2")
    services.create_item(
        version=review, kind="sasaran", parent=goal, data={"number": "2.3", "name": "Baru"}
    )
    assert rpjmd_for(v2).version == rpjmd
    assert "2.3" not in rpjmd_for(v2).sasaran
    assert rpjmd_for(rpjmd) is None  # an RPJMD refers to no RPJMD


def test_tabel_7_1_is_made_from_the_links_and_a_removed_link_is_reported(draft):
    # The seed's version states that its sasaran are not in the RPJMD: 7.1 prints that.
    assert table_7_1(draft).empty_text == "TUJUAN DAN SARAN TIDAK MASUK DALAM RPJMD"
    objective = Objective.objects.filter(goal__version=draft).order_by("pk").first()
    services.update_item(
        version=draft, kind="sasaran", item=objective, data={"rpjmd_refs": ["1.1"]}
    )
    table = table_7_1(draft)
    heading, *indicators = table.rows
    assert heading.cells[1].value == (
        "Sasaran RPJMD 1.1 Meningkatnya profesionalitas aparatur sipil negara"
    )
    names = [row.cells[1].value for row in indicators]
    expected = [
        "{} {}".format(i.number, i.name).strip() for i in objective.indicators.order_by("order")
    ]
    assert names == expected and names
    assert "sasaran RPJMD yang didukungnya" in table.notes[0]
    assert _findings(draft, "rpjmd_sasaran_unlinked") == []

    services.update_item(version=draft, kind="sasaran", item=objective, data={"rpjmd_refs": []})
    unlinked = _findings(draft, "rpjmd_sasaran_unlinked")
    assert [f.location.item_id for f in unlinked] == [objective.pk]
    assert "tidak menyebut sasaran RPJMD" in unlinked[0].message


def test_a_number_the_rpjmd_does_not_have_is_an_error_and_printed_as_such(draft):
    objective = Objective.objects.filter(goal__version=draft).first()
    services.update_item(
        version=draft, kind="sasaran", item=objective, data={"rpjmd_refs": ["9.9"]}
    )
    errors = _findings(draft, "rpjmd_sasaran_unknown")
    assert len(errors) == 1 and "'9.9'" in errors[0].message and "1.1, 1.2" in errors[0].message
    assert "tidak ada di RPJMD yang berlaku" in table_7_1(draft).rows[0].cells[1].value


def test_an_rpjmd_sasaran_no_approved_renstra_supports_is_reported_on_the_rpjmd(rpjmd, v2):
    assert [f.location.code for f in _findings(rpjmd, "rpjmd_sasaran_unsupported")] == (
        RPJMD_SASARAN
    )
    # The generated agencies' sasaran support the RPJMD's in turn: all are supported.
    region = generate_region(template=v2, agencies=5, realization=False)
    assert len(region.created) == 5
    refs = Objective.objects.filter(goal__version__in=region.created).values_list(
        "rpjmd_refs", flat=True
    )
    assert sorted({r for numbers in refs for r in numbers}) == RPJMD_SASARAN
    assert _findings(rpjmd, "rpjmd_sasaran_unsupported") == []
    assert all(table_7_1(v).rows for v in region.created)


def test_the_planning_boards_agency_gets_its_generated_renstra_beside_the_rpjmd(rpjmd, v2):
    region = generate_region(template=v2, agencies=6, realization=False)
    bappeda = [v for v in region.created if v.plan.agency.short_name == "Bappelitbang"]
    assert len(bappeda) == 1 and bappeda[0].plan.agency_id == rpjmd.plan.agency_id
    assert bappeda[0].plan.kind == PlanKind.RENSTRA and not region.existing_without_plan


def test_links_and_kind_survive_json_and_workbook_round_trips(draft, rpjmd):
    objective = Objective.objects.filter(goal__version=draft).first()
    services.update_item(
        version=draft, kind="sasaran", item=objective, data={"rpjmd_refs": ["1.1", "2.2"]}
    )
    document = export_version(draft)
    assert document["goals"][0]["objectives"][0]["rpjmd_refs"] == ["1.1", "2.2"]
    through_json = import_document(document)
    assert comparable(export_version(through_json)) == comparable(document)
    through_workbook = import_workbook(export_workbook(draft), filename="uji.xlsx")
    assert comparable(export_version(through_workbook)) == comparable(document)
    rpjmd_document = export_version(rpjmd)
    assert rpjmd_document["plan"]["kind"] == "rpjmd"
    again = import_workbook(export_workbook(rpjmd), filename="rpjmd.xlsx")
    assert again.plan.kind == PlanKind.RPJMD


def test_the_comparison_shows_a_changed_link(draft, v2):
    objective = Objective.objects.filter(goal__version=draft).first()
    services.update_item(
        version=draft, kind="sasaran", item=objective, data={"rpjmd_refs": ["1.2"]}
    )
    changes = [
        change
        for entry in compare_versions(v2, draft).entries
        for change in entry.changes
        if change.field == "rpjmd_refs"
    ]
    assert [(c.old, c.new) for c in changes] == [("", "1.2")]


def test_the_sasaran_form_offers_the_rpjmd_sasaran_and_keeps_an_unknown_number(draft):
    objective = Objective.objects.filter(goal__version=draft).first()
    objective.rpjmd_refs = ["7.7"]
    form = ObjectiveForm(instance=objective, version=draft, parent=objective.goal)
    choices = dict(form.fields["rpjmd_refs"].choices)
    assert list(choices)[:5] == RPJMD_SASARAN
    assert choices["7.7"] == "7.7 (tidak ada di RPJMD yang berlaku)"
    data = {"number": objective.number, "name": objective.name, "note": "", "rpjmd_refs": ["1.3"]}
    form = ObjectiveForm(data, instance=objective, version=draft, parent=objective.goal)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["rpjmd_refs"] == ["1.3"]
    bad = ObjectiveForm({**data, "rpjmd_refs": ["8.8"]}, instance=objective, version=draft)
    assert not bad.is_valid() and "rpjmd_refs" in bad.errors
