"""The demo load: what the document holds, per version, and that loading twice changes nothing."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Q

from renstra.interchange.demo import load_demo, read_demo
from renstra.plans.models import (
    Activity,
    Funding,
    Goal,
    Indicator,
    Objective,
    PlanVersion,
    PolicyDirection,
    Program,
    Strategy,
    Target,
)


def counts(version):
    return {
        "goals": Goal.objects.filter(version=version).count(),
        "objectives": Objective.objects.filter(goal__version=version).count(),
        "strategies": Strategy.objects.filter(objective__goal__version=version).count(),
        "policy_directions": PolicyDirection.objects.filter(
            strategy__objective__goal__version=version
        ).count(),
        "programs": Program.objects.filter(version=version).count(),
        "activities": Activity.objects.filter(program__version=version).count(),
        "indicators": Indicator.objects.filter(version=version).count(),
    }


def test_version_1_holds_what_the_document_holds_before_review(v1):
    # Bab VI: "Pada Renstra sebelum direview terdapat 6 tujuan dan 8 sasaran"; Tabel 5.1.1 has
    # 7 strategi and 5 kebijakan; Tabel 6.2 sebelum perubahan has 7 programs and 84 numbered
    # kegiatan with 10 program and 84 kegiatan indicators; Bab VI lists 9 sasaran indicators.
    assert counts(v1) == {
        "goals": 6,
        "objectives": 8,
        "strategies": 7,
        "policy_directions": 5,
        "programs": 7,
        "activities": 84,
        "indicators": 9 + 10 + 84,
    }


def test_version_2_holds_what_the_document_holds_after_review(v2):
    assert counts(v2) == V2_COUNTS


def test_version_2_is_the_review_of_version_1(v1, v2):
    assert v2.revises_id == v1.pk
    assert "tindak lanjut penilaian SAKIP" in v2.revision_reason
    assert v2.rpjmd_note == "TUJUAN DAN SARAN TIDAK MASUK DALAM RPJMD"


def test_reviewed_goal_objective_and_indicator(v2):
    goal = Goal.objects.get(version=v2)
    assert goal.name == "Meningkatnya profesionalitas ASN"
    objective = goal.objectives.get()
    assert objective.name == "Meningkatnya profesionalitas ASN"
    assert list(objective.indicators.values_list("name", flat=True)) == [
        "Indeks profesionalitas ASN"
    ]
    assert objective.strategies.count() == 11


def test_every_program_of_the_review_serves_its_one_objective(v2):
    objective = Objective.objects.get(goal__version=v2)
    assert set(Program.objects.filter(version=v2)) == set(objective.programs.all())


def test_version_1_links_programs_as_tabel_5_1_1_does_and_keeps_the_unlinked_one(v1):
    links = {
        p.number: sorted(p.objectives.values_list("number", flat=True))
        for p in Program.objects.filter(version=v1)
    }
    assert links == {
        "1": ["1.1", "1.2", "1.3"],
        "2": ["2"],
        "3": ["3"],
        "4": ["4"],
        "5": [],  # PENINGKATAN DISIPLIN APARATUR is in Tabel 6.2 but not in Tabel 5.1.1
        "6": ["5"],
        "7": ["6"],
    }


def test_loading_the_demo_again_changes_nothing(db):
    def snapshot():
        return (
            PlanVersion.objects.count(),
            Indicator.objects.count(),
            Target.objects.count(),
            Funding.objects.count(),
            sorted(Target.objects.values_list("indicator__name", "year", "raw_text")),
        )

    before = snapshot()
    result = load_demo()
    call_command("demo")
    assert result.created == []
    assert [v.number for v in result.existing] == [1, 2]
    assert snapshot() == before


def test_every_target_and_amount_keeps_its_raw_text(db):
    data = read_demo()
    raw_targets = Counter()
    for version in data["versions"]:
        for item in _items_with_indicators(version):
            for indicator in item.get("indicators") or []:
                for text in (indicator.get("targets") or {}).values():
                    raw_targets[str(text)] += 1
    stored = Target.objects.filter(indicator__version__plan__agency__short_name="BKPSDM")
    assert Counter(stored.values_list("raw_text", flat=True)) == raw_targets


def _items_with_indicators(version):
    for goal in version.get("goals") or []:
        yield goal
        yield from goal.get("objectives") or []
    for program in version.get("programs") or []:
        yield program
        yield from program.get("activities") or []


@pytest.mark.parametrize("number", [1, 2])
def test_funding_only_where_the_document_gives_it(number, demo_versions):
    version = demo_versions[number - 1]
    funding = Funding.objects.filter(
        Q(program__version=version) | Q(activity__program__version=version)
    )
    # Tabel 6.1 belongs to the reviewed plan; the plan before review printed no funding table.
    assert funding.count() == {1: 0, 2: V2_FUNDING_ROWS}[number]


V2_COUNTS = {
    "goals": 1,
    "objectives": 1,
    "strategies": 11,
    "policy_directions": 11,
    "programs": 10,
    "activities": 69,
    # Tabel 6.2 setelah review: 93 indicator rows, program 01 printed twice with the same
    # indicator; plus the one sasaran indicator, Indeks profesionalitas ASN.
    "indicators": 92 + 1,
}
V2_FUNDING_ROWS = 298
