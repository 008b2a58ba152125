"""The demo's SAKIP year 2019 (renstra.sakip.demo): drawn from the approved Renstra, marked as
example, loaded once."""

from decimal import Decimal

from renstra.core.targets import parse_target
from renstra.sakip.demo import load_demo_sakip
from renstra.sakip.models import ActionPlan, Iku, PerformanceAgreement, Renja


def test_the_demo_sakip_year_is_drawn_from_the_renstra_and_marked(v2):
    made = load_demo_sakip(v2.plan)
    assert made == {"renja": 1, "iku": made["iku"], "pk": 3} and made["iku"] > 0
    renja = Renja.objects.get(agency=v2.plan.agency, year=2019)
    assert renja.is_final and renja.based_on == v2
    assert (
        Iku.objects.filter(agency=v2.plan.agency, definition__startswith="CONTOH").count()
        == (made["iku"])
    )
    agreements = list(PerformanceAgreement.objects.filter(agency=v2.plan.agency, year=2019))
    assert sorted(a.level for a in agreements) == ["administrator", "kepala", "pengawas"]
    assert all(a.is_example for a in agreements)
    assert sorted(a.is_signed for a in agreements) == [False, True, True]
    head = next(a for a in agreements if a.level == "kepala")
    assert head.first_name == "Pejabat Contoh C, S.E., M.M."  # head since 1 April 2019
    assert head.second_name == "Wali Kota Contoh"
    # Every quarterly plan makes its PK's targets by the row's rule.
    for agreement in agreements:
        plan = ActionPlan.objects.get(agreement=agreement)
        assert plan.is_example
        for target in agreement.targets.all():
            quarters = [r.target_raw for r in plan.targets.filter(target=target).order_by("period")]
            if target.target_value is None:
                continue
            values = [parse_target(q).value for q in quarters]
            combined = sum(values, Decimal(0)) if target.rollup == "sum" else values[-1]
            assert combined == target.target_value, (target.name, quarters, target.target_raw)
    assert load_demo_sakip(v2.plan) == {}
