"""The Renja drawn from the Renstra year, its edits, the consistency rules, final and
perubahan (issue 19)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from renstra.checks.engine import Severity
from renstra.plans.levels import BY_KEY
from renstra.plans.models import (
    Activity,
    Funding,
    Indicator,
    PlanVersion,
    Program,
    SubActivity,
    Target,
)
from renstra.sakip.consistency import check_renja
from renstra.sakip.models import Renja, RenjaFunding, RenjaIndicator, RenjaItem
from renstra.sakip.services import (
    create_renja,
    finalize_renja,
    renja_perubahan,
    set_dpa,
    update_pagu,
    update_target,
)

MODELS = {"program": Program, "kegiatan": Activity, "sub_kegiatan": SubActivity}
OWNER = {"program": "program", "kegiatan": "activity", "sub_kegiatan": "sub_activity"}


@pytest.fixture
def planner(db):
    return get_user_model().objects.create_user("perencana-renja", password="rahasia-123")


def test_the_2019_renja_of_demo_v2_carries_every_target_and_pagu_of_its_2019(v2, renja):
    items = list(renja.items.select_related("funding").prefetch_related("indicators"))
    # Every program, kegiatan and sub kegiatan of v2 comes, once, in the Renstra's order.
    expected = sorted(
        (kind, pk)
        for kind, model in MODELS.items()
        for pk in model.objects.filter(**{BY_KEY[kind].version_path: v2}).values_list(
            "pk", flat=True
        )
    )
    assert sorted((i.source_kind, i.source_id) for i in items) == expected
    assert len(items) > 10  # the demo has its programs and kegiatan
    checked_targets = checked_pagu = 0
    for item in items:
        source = MODELS[item.source_kind].objects.get(pk=item.source_id)
        assert (item.code, item.name) == (source.code, source.name)
        funding = Funding.objects.filter(**{OWNER[item.source_kind]: source}, year=2019).first()
        assert item.funding.pagu == (funding.amount if funding else None)
        assert item.funding.renstra_amount == item.funding.pagu
        assert item.funding.pagu_raw == (funding.raw_text if funding else "")
        checked_pagu += funding is not None
        indicators = Indicator.objects.filter(**{OWNER[item.source_kind]: source})
        copied = {i.source_indicator_id: i for i in item.indicators.all()}
        assert set(copied) == set(indicators.values_list("pk", flat=True))
        for indicator in indicators:
            target = Target.objects.filter(indicator=indicator, year=2019).first()
            raw = target.raw_text if target else ""
            assert copied[indicator.pk].target_raw == raw
            assert copied[indicator.pk].renstra_target_raw == raw
            if target is not None:
                assert copied[indicator.pk].target_value == target.value
                checked_targets += 1
    assert checked_targets > 20 and checked_pagu > 10
    # Unchanged, the Renja is consistent with its Renstra year.
    assert check_renja(renja) == []


def test_next_year_is_the_prakiraan_maju(renja):
    indicator = RenjaIndicator.objects.filter(item__renja=renja).exclude(renstra_target_raw="")[0]
    target_2020 = Target.objects.get(indicator_id=indicator.source_indicator_id, year=2020)
    assert indicator.forecast_target_raw == target_2020.raw_text


def test_a_renja_only_from_an_approved_version_in_its_period(v2, draft, planner, renja):
    with pytest.raises(ValidationError, match="ditetapkan"):
        create_renja(version=draft, year=2019, user=planner)
    with pytest.raises(ValidationError, match="di luar periode"):
        create_renja(version=v2, year=2030, user=planner)
    with pytest.raises(ValidationError, match="sudah ada"):
        create_renja(version=v2, year=2019, user=planner)
    assert Renja.objects.filter(agency=v2.plan.agency).count() == 1


def _first_target(renja):
    return RenjaIndicator.objects.filter(item__renja=renja).exclude(renstra_target_raw="")[0]


def test_a_changed_target_without_a_reason_is_an_error_with_both_values(renja):
    indicator = _first_target(renja)
    renstra = indicator.renstra_target_raw
    update_target(indicator=indicator, raw="999 orang")
    [finding] = check_renja(renja)
    assert finding.rule == "renja_target_differs"
    assert finding.severity == Severity.ERROR
    assert "«999 orang»" in finding.message and "«{}»".format(renstra) in finding.message
    assert finding.values == {"renja": "999 orang", "renstra": renstra, "reason": ""}
    assert "Tanpa alasan" in finding.message


def test_a_changed_target_with_a_reason_is_a_warning_that_shows_it(renja):
    indicator = _first_target(renja)
    update_target(indicator=indicator, raw="999 orang", reason="Formasi CPNS bertambah")
    [finding] = check_renja(renja)
    assert finding.severity == Severity.WARNING
    assert "Alasan: Formasi CPNS bertambah." in finding.message
    assert finding.values["reason"] == "Formasi CPNS bertambah"


def test_a_target_written_otherwise_but_the_same_is_no_finding(renja):
    indicator = RenjaIndicator.objects.filter(
        item__renja=renja, renstra_target_raw__contains="%"
    ).first()
    if indicator is None:
        pytest.skip("no percent target in 2019")
    update_target(indicator=indicator, raw=indicator.renstra_target_raw.replace(" %", "%") + " ")
    assert check_renja(renja) == []


def test_a_changed_pagu_states_both_amounts_and_the_reason(renja):
    funding = RenjaFunding.objects.filter(
        item__renja=renja, item__level="kegiatan", renstra_amount__isnull=False
    )[0]
    update_pagu(funding=funding, raw="1.500.000", funding_source="DAU")
    findings = {f.rule: f for f in check_renja(renja)}
    assert set(findings) == {"renja_pagu_differs", "renja_total_unbalanced"}
    finding = findings["renja_pagu_differs"]
    assert finding.severity == Severity.ERROR
    assert "Rp 1.500.000" in finding.message
    assert finding.values["renstra"] == funding.renstra_amount
    # The program above no longer sums up: its own finding, at the program.
    program = findings["renja_total_unbalanced"]
    assert (program.severity, program.location.item_id) == (Severity.ERROR, funding.item.parent_id)
    update_pagu(funding=funding, raw="1.500.000", reason="Rasionalisasi anggaran")
    finding = {f.rule: f for f in check_renja(renja)}["renja_pagu_differs"]
    assert finding.severity == Severity.WARNING
    assert "Alasan: Rasionalisasi anggaran." in finding.message
    funding.refresh_from_db()
    assert (funding.pagu_raw, str(funding.pagu), funding.funding_source) == (
        "1.500.000",
        "1500000.00",
        "DAU",
    )
    # The program's pagu changed by as much: balanced again, both changes with their reason.
    parent = funding.item.parent.funding
    moved = funding.pagu - funding.renstra_amount
    update_pagu(funding=parent, raw=str(int(parent.renstra_amount + moved)), reason="Ikut kegiatan")
    assert {(f.rule, f.severity) for f in check_renja(renja)} == {
        ("renja_pagu_differs", Severity.WARNING)
    }
    assert len(check_renja(renja)) == 2


def test_a_renja_of_a_superseded_renstra_is_warned(renja, v2):
    PlanVersion.objects.filter(pk=v2.pk).update(status="superseded")
    renja.refresh_from_db()
    [finding] = check_renja(renja)
    assert (finding.rule, finding.severity) == ("renja_source_superseded", Severity.WARNING)
    assert "versi 2" in finding.message and "2019" in finding.message


def test_a_pagu_that_is_no_number_is_refused_and_nothing_changes(renja):
    funding = RenjaFunding.objects.filter(item__renja=renja, renstra_amount__isnull=False)[0]
    with pytest.raises(ValidationError, match="bukan angka"):
        update_pagu(funding=funding, raw="satu juta")
    funding.refresh_from_db()
    assert funding.pagu == funding.renstra_amount


def test_dpa_is_recorded_all_or_nothing(renja):
    rows = list(RenjaFunding.objects.filter(item__renja=renja)[:2])
    with pytest.raises(ValidationError):
        set_dpa(renja=renja, amounts={rows[0].pk: "2.000.000", rows[1].pk: "dua"})
    assert RenjaFunding.objects.filter(item__renja=renja, dpa_amount__isnull=False).count() == 0
    assert set_dpa(renja=renja, amounts={rows[0].pk: "2.000.000"}) == 1
    rows[0].refresh_from_db()
    assert (rows[0].dpa_raw, str(rows[0].dpa_amount)) == ("2.000.000", "2000000.00")


def test_a_final_renja_is_not_changed(renja):
    finalize_renja(renja=renja)
    indicator = _first_target(renja)
    funding = RenjaFunding.objects.filter(item__renja=renja)[0]
    with pytest.raises(ValidationError, match="sudah final"):
        update_target(indicator=indicator, raw="1 orang", reason="x")
    with pytest.raises(ValidationError, match="sudah final"):
        update_pagu(funding=funding, raw="1", reason="x")
    with pytest.raises(ValidationError, match="sudah final"):
        finalize_renja(renja=renja)
    indicator.refresh_from_db()
    assert indicator.target_raw == indicator.renstra_target_raw
    # The DPA, approved after the Renja, is still recorded on it.
    assert set_dpa(renja=renja, amounts={funding.pk: "5.000"}) == 1


def test_renja_perubahan_copies_the_final_renja_as_the_next_number(renja, planner):
    indicator = _first_target(renja)
    update_target(indicator=indicator, raw="7 orang", reason="alasan murni")
    with pytest.raises(ValidationError, match="masih draf"):
        renja_perubahan(renja=renja, reason="APBD-P", user=planner)
    finalize_renja(renja=renja)
    with pytest.raises(ValidationError, match="alasan"):
        renja_perubahan(renja=renja, reason=" ", user=planner)
    changed = renja_perubahan(renja=renja, reason="APBD Perubahan 2019", user=planner)
    assert (changed.number, changed.status, changed.previous_id) == (2, "draft", renja.pk)
    assert "Perubahan ke-1" in changed.kind_label

    def shape(r):
        return [
            (i.level, i.code, i.name, i.parent.code if i.parent else None, i.funding.pagu)
            for i in RenjaItem.objects.filter(renja=r).select_related("funding", "parent")
        ]

    assert shape(changed) == shape(renja)

    def targets(r):
        return list(
            RenjaIndicator.objects.filter(item__renja=r).values_list(
                "name", "target_raw", "renstra_target_raw", "change_reason"
            )
        )

    assert targets(changed) == targets(renja)
    assert ("renja_target_differs", Severity.WARNING) in {
        (f.rule, f.severity) for f in check_renja(changed)
    }
    with pytest.raises(ValidationError, match="Renja terakhir"):
        renja_perubahan(renja=renja, reason="lagi", user=planner)
