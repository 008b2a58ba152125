from decimal import Decimal

from renstra.core.lke import SCALES, check_weights, grade, rounded, sub_component_score

D = Decimal


def test_grade_thresholds_are_exclusive_lower_bounds():
    assert grade(D("90.01")) == "AA"
    assert grade(D(90)) == "A"
    assert grade(D("80.5")) == "A"
    assert grade(D(80)) == "BB"
    assert grade(D(70)) == "B"
    assert grade(D("60.01")) == "B"
    assert grade(D(60)) == "CC"
    assert grade(D(50)) == "C"
    assert grade(D("30.01")) == "C"
    assert grade(D(30)) == "D"
    assert grade(D(0)) == "D"


def test_sub_component_score_is_weight_times_mean_and_unanswered_is_zero():
    ae = SCALES["ae"]
    fractions = [ae.fraction("A"), ae.fraction("b"), ae.fraction(" c "), None]
    assert sub_component_score(D(6), fractions) == D(6) * D("2.25") / 4
    assert sub_component_score(D(6), []) == 0
    assert rounded(D("3.375")) == D("3.38")
    assert ae.fraction("X") is None
    assert SCALES["yt"].fraction("y") == 1


def test_closest_and_at_least_pick_answers_on_the_scale():
    ae = SCALES["ae"]
    assert ae.closest(D("0.96")) == "A"
    assert ae.closest(D("0.625")) == "C"  # a tie goes to the lower answer
    assert ae.at_least(D("0.96")) == "B"
    assert ae.at_least(D("0.1")) == "E"
    assert SCALES["yt"].at_least(D("0.99")) == "T"


def test_check_weights_names_what_is_wrong():
    good = {
        "1": (D(30), {"a": D(6), "b": D(9), "c": D(15)}),
        "2": (D(30), {"a": D(6), "b": D(9), "c": D(15)}),
        "3": (D(15), {"a": D(3), "b": D("4.5"), "c": D("7.5")}),
        "4": (D(25), {"a": D(5), "b": D("7.5"), "c": D("12.5")}),
    }
    assert check_weights(good) == []
    bad = dict(good)
    bad["4"] = (D(20), {"a": D(5), "b": D("7.5"), "c": D("12.5")})
    errors = check_weights(bad)
    assert len(errors) == 2
    assert "bukan 100" in errors[0]
    assert "Komponen 4" in errors[1]
