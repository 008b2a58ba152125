from decimal import Decimal as D

from renstra.core.funding import activity_sums, total_mismatches


def test_declared_totals_against_their_activities():
    declared = {2017: D("100"), 2018: D("0"), 2019: None, 2021: D("50")}
    activities = [
        {2017: D("60"), 2019: D("10"), 2020: D("5")},
        {2017: D("40"), 2018: None, 2021: D("20")},
    ]
    assert activity_sums(activities) == {2017: D("100"), 2019: D("10"), 2020: D("5"), 2021: D("20")}
    assert total_mismatches(declared, activities) == [
        (2019, None, D("10")),  # blank total, funded activities
        (2020, None, D("5")),  # no total printed at all
        (2021, D("50"), D("20")),  # declared differs
    ]


def test_a_printed_dash_equals_unfunded_activities():
    assert total_mismatches({2018: D("0")}, [{2018: None}, {}]) == []
