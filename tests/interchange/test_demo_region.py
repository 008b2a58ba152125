"""The synthetic region (`renstra demo --agencies N`, renstra.interchange.region_demo): agencies
of their own beside the demo, each plan shaped like the demo's version 2, approved, with example
realization; the same N gives the same data and loading again adds nothing."""

from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q

from renstra.checks.engine import run_checks
from renstra.interchange.demo import load_demo_region, load_region
from renstra.interchange.region_demo import (
    AGENCIES,
    SHARED_PROGRAMS,
    SYNTHETIC_SOURCE,
    agency_specs,
    scale_target,
)
from renstra.monitoring.models import BudgetRealization, Realization
from renstra.plans.choices import VersionStatus
from renstra.plans.guard import VersionLocked
from renstra.plans.models import (
    Activity,
    Agency,
    Funding,
    Goal,
    Indicator,
    Objective,
    PolicyDirection,
    Program,
    Strategy,
    Target,
)
from renstra.review.models import StatusChange

N = 3


@pytest.fixture
def region(db):
    return load_region(agencies=N)


def counts(version) -> dict:
    program_funding = Q(program__version=version) | Q(activity__program__version=version)
    return {
        "goals": Goal.objects.filter(version=version).count(),
        "objectives": Objective.objects.filter(goal__version=version).count(),
        "strategies": Strategy.objects.filter(objective__goal__version=version).count(),
        "policy_directions": PolicyDirection.objects.filter(
            strategy__objective__goal__version=version
        ).count(),
        "programs": Program.objects.filter(version=version).count(),
        "program_objective_links": Program.objectives.through.objects.filter(
            program__version=version
        ).count(),
        "activities": Activity.objects.filter(program__version=version).count(),
        "activities_under_a_program_indicator": Activity.objects.filter(
            program__version=version, program_indicator__isnull=False
        ).count(),
        "indicators": Indicator.objects.filter(version=version).count(),
        "targets": Target.objects.filter(indicator__version=version).count(),
        "funding": Funding.objects.filter(program_funding).count(),
    }


def codes(version) -> list[str]:
    programs = Program.objects.filter(version=version).values_list("code", flat=True)
    activities = Activity.objects.filter(program__version=version).values_list("code", flat=True)
    return sorted(programs) + sorted(c for c in activities if c)


def test_agencies_are_distinct_and_numbered_when_the_list_runs_out():
    specs = agency_specs(len(AGENCIES) + 2, "Kota Bontang")
    assert len({s.short_name for s in specs}) == len({s.name for s in specs}) == len(specs)
    assert len({s.code for s in specs}) == len(specs)
    assert specs[0].name == "Dinas Pendidikan dan Kebudayaan Kota Bontang"
    assert specs[-2].short_name == "Disdikbud 2"
    assert specs[-2].name == "Dinas Pendidikan dan Kebudayaan 2 Kota Bontang"
    assert specs[-2].code == "1.01.21"
    assert "BKPSDM" not in {s.short_name for s in specs}


def test_every_agency_has_a_plan_of_its_own_beside_the_demo(region, v2):
    assert len(region) == N
    agencies = [v.plan.agency for v in region]
    assert {a.region_id for a in agencies} == {v2.plan.agency.region_id}
    assert len({a.name for a in agencies}) == len({a.short_name for a in agencies}) == N
    assert [a.short_name for a in agencies] == [s.short_name for s in agency_specs(N, "")]
    assert {v.plan.regional_plan_id for v in region} == {v2.plan.regional_plan_id}
    all_codes = [codes(v) for v in region]
    for version, own in zip(region, all_codes, strict=True):
        assert own != codes(v2)
        assert all_codes.count(own) == 1
        programs = set(Program.objects.filter(version=version).values_list("code", flat=True))
        assert programs & SHARED_PROGRAMS == {"01", "02", "03", "05", "06"}
        assert all(len(code) == 2 for code in programs)  # Permendagri 13/2006, as the demo


def test_each_plan_is_shaped_like_the_demo_s_version_2(region, v2):
    demo = counts(v2)
    assert demo["activities"] == 69 and demo["targets"] > 300
    for version in region:
        assert counts(version) == demo


def test_targets_and_funding_are_the_agency_s_own(region, v2):
    def figures(version):
        targets = Target.objects.filter(indicator__version=version).order_by(
            "indicator__order", "indicator_id", "year"
        )
        funding = Funding.objects.filter(activity__program__version=version).order_by(
            "activity__program__order", "activity__order", "year"
        )
        return (
            list(targets.values_list("raw_text", flat=True)),
            list(funding.values_list("amount", flat=True)),
        )

    demo_targets, demo_funding = figures(v2)
    seen = []
    for version in region:
        targets, funding = figures(version)
        assert targets != demo_targets and funding != demo_funding
        assert (targets, funding) not in seen
        seen.append((targets, funding))
        assert all(amount % 1000 == 0 for amount in funding if amount is not None)


def test_plans_are_approved_through_the_lifecycle_and_marked_as_example_data(region):
    for version in region:
        assert version.status == VersionStatus.APPROVED
        assert version.source == SYNTHETIC_SOURCE
        assert version.is_public
        steps = StatusChange.objects.filter(version=version).order_by("pk")
        assert list(steps.values_list("to_status", flat=True)) == [
            VersionStatus.SUBMITTED,
            VersionStatus.VERIFIED,
            VersionStatus.APPROVED,
        ]
    # Frozen like the demo's: the guard (and under it the database) refuses a change.
    target = Target.objects.filter(indicator__version=region[0]).first()
    target.raw_text = "99 orang"
    with pytest.raises(VersionLocked):
        target.save()


def test_every_plan_has_example_realization_and_only_example_realization(region):
    for version in region:
        rows = Realization.objects.filter(indicator__version=version)
        budget = BudgetRealization.objects.filter(activity__program__version=version)
        assert rows.count() > 500 and budget.count() > 400
        assert not rows.filter(is_example=False).exists()
        assert not budget.filter(is_example=False).exists()


def test_the_checker_finds_in_each_plan_what_it_finds_in_the_demo(region, v2):
    demo = Counter(f.rule for f in run_checks(v2))
    # Unlike the demo's version, which states that its sasaran are not in the RPJMD, each
    # generated sasaran names the RPJMD sasaran it supports.
    del demo["rpjmd_sasaran_unlinked"]
    for version in region:
        findings = run_checks(version)
        assert Counter(f.rule for f in findings) == demo
        assert {f.location.item_id for f in findings if f.location and f.location.item_id} <= (
            _item_ids(version)
        )


def _item_ids(version) -> set:
    ids = {version.pk} | set(Indicator.objects.filter(version=version).values_list("pk", flat=True))
    for model, path in (
        (Goal, "version"),
        (Objective, "goal__version"),
        (Strategy, "objective__goal__version"),
        (PolicyDirection, "strategy__objective__goal__version"),
        (Program, "version"),
        (Activity, "program__version"),
    ):
        ids |= set(model.objects.filter(**{path: version}).values_list("pk", flat=True))
    return ids


def test_loading_again_adds_nothing(region):
    before = (Agency.objects.count(), Target.objects.count(), Realization.objects.count())
    again = load_demo_region(agencies=N)
    assert again.created == [] and again.realization_rows == 0
    assert [v.pk for v in again.versions] == [v.pk for v in region]
    assert (Agency.objects.count(), Target.objects.count(), Realization.objects.count()) == before


def test_more_agencies_later_adds_only_the_new_ones(region):
    more = load_demo_region(agencies=N + 1, realization=False)
    assert len(more.created) == 1 and len(more.existing) == N
    assert more.created[0].plan.agency.short_name == agency_specs(N + 1, "")[-1].short_name


def test_the_same_n_gives_the_same_data(db):
    def load() -> list:
        versions = load_region(agencies=2, realization=False)
        return [
            (
                v.plan.agency.name,
                codes(v),
                list(
                    Target.objects.filter(indicator__version=v)
                    .order_by("indicator__order", "indicator_id", "year")
                    .values_list("raw_text", flat=True)
                ),
                list(
                    Funding.objects.filter(activity__program__version=v)
                    .order_by("activity__program__order", "activity__order", "year")
                    .values_list("amount", flat=True)
                ),
            )
            for v in versions
        ]

    class Undo(Exception):
        pass

    try:
        with transaction.atomic():
            first = load()
            raise Undo
    except Undo:
        pass
    assert not Agency.objects.filter(short_name="Disdikbud").exists()
    assert load() == first


def test_the_command_says_what_it_did_and_loading_again_changes_nothing(db):
    out = StringIO()
    call_command("demo", "--agencies", "2", stdout=out)
    said = out.getvalue()
    assert "Dimuat 2 Perangkat Daerah SINTETIS (Disdikbud, Dinkes;" in said
    assert "Realisasi CONTOH" in said
    out = StringIO()
    call_command("demo", "--agencies", "2", stdout=out)
    said = out.getvalue()
    assert "Dimuat 2" not in said
    assert "Sudah ada, tidak diubah: 2 Perangkat Daerah (Disdikbud, Dinkes)" in said


@pytest.mark.parametrize(
    "raw, factor, expected",
    [
        ("81%", "1.1", "89%"),
        ("81 %", "1.5", "100 %"),
        ("2000 orang", "1.25", "2500 orang"),
        ("1.250 lembar", "2", "2.500 lembar"),
        ("72,5", "2", "145,0"),
        ("1 dokumen", "0.4", "1 dokumen"),
        ("0 kasus", "1.5", "0 kasus"),
        (
            "11 unit kendaraan roda dua dan 5 unit kendaraan roda empat",
            "2",
            "22 unit kendaraan roda dua dan 10 unit kendaraan roda empat",
        ),
        ("BB", "2", "BB"),
        ("Terlaksana", "2", "Terlaksana"),
        ("", "2", ""),
    ],
)
def test_scaled_targets_keep_how_they_were_written(raw, factor, expected):
    assert scale_target(raw, Decimal(factor)) == expected
