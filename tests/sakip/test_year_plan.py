"""The evaluation measures the year against the Renja when there is one (issue 19): column 7
and the achievement read the Renja's target and pagu (DPA when set); without one, the Renstra's
year, as before."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from renstra.monitoring.evaluation import evaluate, indicator_year
from renstra.monitoring.export import evaluation_table
from renstra.monitoring.services import save_realization
from renstra.monitoring.year_plans import year_plans
from renstra.plans.models import Indicator
from renstra.sakip.services import create_renja, finalize_renja, set_dpa, update_target


@pytest.fixture
def planner(db):
    return get_user_model().objects.create_user("perencana-ev", password="rahasia-123")


def _indicator_with_number_target(v2, year):
    for indicator in Indicator.objects.filter(version=v2, activity__isnull=False):
        target = indicator.targets.filter(year=year).first()
        if target is not None and target.value:
            return indicator, target
    raise AssertionError("the demo has kegiatan indicators with numeric targets")


def test_without_a_renja_the_year_is_the_renstras(v2):
    evaluation = evaluate(v2, 2019)
    assert evaluation.year_plan == ""
    assert all(r.target_source == "renstra" for r in evaluation.indicators)
    assert any("Belum ada Renja tahun 2019" in n for n in evaluation_table(evaluation).notes)


def test_the_renja_target_and_dpa_make_column_7_and_the_achievement(v2, planner):
    indicator, target = _indicator_with_number_target(v2, 2019)
    renja = create_renja(version=v2, year=2019, user=planner)
    row = renja.items.get(source_kind="kegiatan", source_id=indicator.activity_id)
    renja_indicator = row.indicators.get(source_indicator_id=indicator.pk)
    doubled = target.value * 2
    update_target(indicator=renja_indicator, raw=str(doubled), reason="Arahan Wali Kota")
    set_dpa(renja=renja, amounts={row.funding.pk: "7.000.000"})
    finalize_renja(renja=renja)
    save_realization(indicator, 2019, 0, str(target.value), user=planner)

    evaluation = evaluate(v2, 2019)
    assert evaluation.year_plan.startswith("Renja BKPSDM 2019")
    result = evaluation.by_indicator()[indicator.pk]
    assert (result.target_source, result.target_raw) == ("renja", str(doubled))
    # Realized the Renstra's target, half the Renja's: 50% (200% when lower is better).
    expected = Decimal(50) if indicator.polarity == "higher_is_better" else Decimal(200)
    assert result.achievement.value == expected
    single = indicator_year(indicator, 2019)
    assert single.target_raw == str(doubled)
    budget = next(
        a for p in evaluation.programs for a in p.activities if a.item.pk == indicator.activity_id
    )
    assert budget.planned == Decimal(7000000)
    table = evaluation_table(evaluation)
    assert any("Kolom 7 dan capaian tahun 2019 dari Renja BKPSDM 2019" in n for n in table.notes)
    # Another year keeps the Renstra's.
    assert evaluate(v2, 2018).year_plan == ""


def test_the_renja_is_read_in_a_fixed_number_of_queries(v2, planner, django_assert_num_queries):
    create_renja(version=v2, year=2019, user=planner)
    with django_assert_num_queries(3):
        plans = year_plans([v2], 2019)
    assert plans[v2.pk].targets and plans[v2.pk].budgets
