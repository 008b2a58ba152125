"""The Perjanjian Kinerja drawn from the Renja and the Renstra year, per official; signing
freezes it (services and database); PK Perubahan; the Rencana Aksi (issue 19)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, InternalError, transaction

from renstra.plans.choices import UnitKind
from renstra.plans.models import Indicator, Unit
from renstra.sakip.agreements import (
    agreement_perubahan,
    create_action_plan,
    create_agreement,
    finalize_action_plan,
    set_action_targets,
    sign_agreement,
    total_budget,
    update_agreement_budget,
    update_agreement_target,
)
from renstra.sakip.choices import AgreementLevel
from renstra.sakip.models import AgreementBudget, AgreementTarget
from renstra.sakip.services import create_renja, set_dpa

DAY = datetime.date(2019, 4, 15)


@pytest.fixture
def planner(db):
    return get_user_model().objects.create_user("perencana-pk", password="rahasia-123")


def test_the_heads_pk_carries_every_sasaran_indicator_and_program_of_2019(v2, renja, head_pk):
    assert head_pk.level == AgreementLevel.HEAD
    assert head_pk.first_name == "Pejabat Contoh C, S.E., M.M."  # in office on 15 April 2019
    assert head_pk.first_nip == "197106201995031001"
    assert (head_pk.second_name, head_pk.second_nip) == ("Wali Kota Contoh", "")
    rows = list(head_pk.targets.all())
    sasaran = Indicator.objects.filter(version=v2, objective__isnull=False)
    assert sorted(r.source_indicator_id for r in rows) == sorted(i.pk for i in sasaran)
    for row in rows:
        indicator = Indicator.objects.get(pk=row.source_indicator_id)
        target = indicator.targets.filter(year=2019).first()
        assert row.target_raw == (target.raw_text if target else "")
        assert row.statement == indicator.objective.name
    budgets = list(head_pk.budgets.all())
    programs = renja.items.filter(level="program").select_related("funding")
    assert [(b.code, b.name, b.amount) for b in budgets] == [
        (p.code, p.name, p.funding.pagu) for p in programs
    ]
    assert total_budget(head_pk) == sum((b.amount or Decimal(0) for b in budgets), Decimal(0))


def test_the_dpa_pagu_is_the_pks_anggaran_when_set(renja, region_head, planner):
    program = renja.items.filter(level="program").select_related("funding").first()
    set_dpa(renja=renja, amounts={program.funding.pk: "1.234.000"})
    unit = Unit.objects.get(agency=renja.agency, kind=UnitKind.HEAD)
    pk = create_agreement(unit=unit, year=2019, user=planner, day=DAY)
    row = pk.budgets.get(renja_item_id=program.pk)
    assert (row.amount, row.amount_raw) == (Decimal("1234000"), "1.234.000")


def test_an_administrators_pk_holds_the_programs_assigned_to_the_bidang(renja, planner):
    unit = Unit.objects.get(agency=renja.agency, name="Bidang Pengembangan Aparatur")
    pk = create_agreement(unit=unit, year=2019, user=planner, day=DAY)
    assert pk.level == AgreementLevel.ADMINISTRATOR
    assert pk.second_name == "Pejabat Contoh C, S.E., M.M."  # the head on that day
    assert pk.targets.exists()
    assert all(t.source == "renja" and t.renja_indicator_id for t in pk.targets.all())


def test_no_pk_without_a_renja_or_an_official(v2, region_head, planner):
    unit = Unit.objects.get(agency=v2.plan.agency, kind=UnitKind.HEAD)
    with pytest.raises(ValidationError, match="Belum ada Renja"):
        create_agreement(unit=unit, year=2019, user=planner, day=DAY)
    create_renja(version=v2, year=2019, user=planner)
    with pytest.raises(ValidationError, match="Tidak ada pejabat"):
        create_agreement(unit=unit, year=2019, user=planner, day=datetime.date(2015, 1, 5))


def test_a_signed_pk_is_frozen_in_services_and_database(head_pk, planner):
    target = head_pk.targets.first()
    update_agreement_target(target=target, raw="99", reason="naik")
    sign_agreement(agreement=head_pk, user=planner)
    target.refresh_from_db()
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        update_agreement_target(target=target, raw="1")
    budget = head_pk.budgets.first()
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        update_agreement_budget(budget=budget, raw="1")
    for attempt in (
        lambda: AgreementTarget.objects.filter(pk=target.pk).update(target_raw="1"),
        lambda: AgreementBudget.objects.filter(pk=budget.pk).delete(),
        lambda: type(head_pk).objects.filter(pk=head_pk.pk).update(first_name="X"),
        lambda: type(head_pk).objects.filter(pk=head_pk.pk).update(status="draft"),
    ):
        with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
            attempt()
    target.refresh_from_db()
    assert target.target_raw == "99"


def test_pk_perubahan_copies_and_can_be_changed(head_pk, planner):
    with pytest.raises(ValidationError, match="masih draf"):
        agreement_perubahan(agreement=head_pk, reason="x", user=planner)
    sign_agreement(agreement=head_pk, user=planner)
    with pytest.raises(ValidationError, match="alasan"):
        agreement_perubahan(agreement=head_pk, reason=" ", user=planner)
    new = agreement_perubahan(agreement=head_pk, reason="Refocusing anggaran", user=planner)
    assert new.number == 2 and new.previous == head_pk and not new.is_signed
    assert new.targets.count() == head_pk.targets.count()
    assert new.budgets.count() == head_pk.budgets.count()
    update_agreement_target(target=new.targets.first(), raw="1", reason="turun")


def test_action_plan_targets_all_or_nothing_and_final(head_pk, planner):
    plan = create_action_plan(agreement=head_pk, user=planner)
    first = head_pk.targets.first()
    assert plan.targets.count() == head_pk.targets.count() * 4
    assert set_action_targets(plan=plan, values={(first.pk, 1): ("10", "Sosialisasi")}) == 1
    with pytest.raises(ValidationError):
        set_action_targets(plan=plan, values={(first.pk, 2): ("20", ""), (first.pk, 5): ("1", "")})
    assert plan.targets.get(target=first, period=2).target_raw == ""
    finalize_action_plan(plan=plan)
    with pytest.raises(ValidationError, match="sudah final"):
        set_action_targets(plan=plan, values={(first.pk, 2): ("20", "")})
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        plan.targets.filter(target=first, period=1).update(target_raw="0")
