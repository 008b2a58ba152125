from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renstra.core.achievement import (
    DEFAULT_SCALE,
    PREDICATE_LABELS,
    PREDICATE_ORDER,
    ROLLUP_LABELS,
    Achievement,
    Polarity,
    Predicate,
    PredicateScale,
    Rollup,
    absorption,
    achievement,
    aggregate,
    below_high,
    default_rollup,
    describe_rollup,
    efficiency,
    elapsed_share,
    grade_rank,
    parse_range,
    period_progress,
    predicate,
    project_year_end,
    projection_note,
    roll_up,
    sakip_grade,
)
from renstra.core.targets import ParsedTarget, Quantity, TargetKind, parse_target

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER
VEHICLES = "11 unit kendaraan roda dua dan 5 unit kendaraan roda empat"


def p(text):
    return parse_target(text)


def value_of(result: Achievement) -> str:
    """The value as text, so that the 2-decimal rounding is checked too (D('90') == D('90.00'))."""
    assert result.computable, result.reason
    assert result.reason == ""
    return str(result.value)


# --- polarity and roll-up rules -------------------------------------------------------------


def test_enum_values_match_the_model_choices():
    assert [x.value for x in Polarity] == ["higher_is_better", "lower_is_better"]
    assert [x.value for x in Rollup] == ["sum", "latest", "average"]
    assert set(ROLLUP_LABELS) == set(Rollup)


@pytest.mark.parametrize(
    ("value_type", "unit", "name", "expected"),
    [
        ("percent", "%", "Jumlah pegawai yang dilatih", Rollup.LATEST),
        ("index", "", "Jumlah apa pun", Rollup.LATEST),
        ("grade", "", "Nilai SAKIP", Rollup.LATEST),
        ("text", "", "Tersusunnya SOP", Rollup.LATEST),
        ("number", "hari", "Rata-rata lama pelayanan", Rollup.AVERAGE),
        ("number", "hari", "rerata waktu tunggu", Rollup.AVERAGE),
        ("number", "", "Persentase ASN disiplin", Rollup.LATEST),
        ("number", "", "Tingkat kepuasan pegawai", Rollup.LATEST),
        ("number", "", "Rasio pegawai per jabatan", Rollup.LATEST),
        ("number", "", "Capaian nilai evaluasi", Rollup.LATEST),
        ("number", "%", "Cakupan layanan", Rollup.LATEST),
        ("number", "orang", "Jumlah peserta diklat", Rollup.SUM),
        ("number", "dokumen", "Dokumen perencanaan yang disusun", Rollup.SUM),
        ("number", "kali", "Meningkatnya jumlah rapat koordinasi", Rollup.SUM),
        ("composite", "", "Kendaraan dinas yang diadakan", Rollup.SUM),
    ],
)
def test_default_rollup(value_type, unit, name, expected):
    assert default_rollup(value_type, unit, name) == expected


def test_describe_rollup_is_indonesian_for_every_rule():
    assert describe_rollup(Rollup.SUM).startswith("Kumulatif: realisasi tahunan = jumlah")
    assert describe_rollup("latest").startswith("Nilai terakhir:")
    assert describe_rollup(Rollup.AVERAGE).startswith("Rata-rata:")


# --- numbers and percentages ----------------------------------------------------------------


def test_number_higher_is_better_shows_the_formula_with_its_numbers():
    result = achievement(p("50 orang"), p("45 orang"))
    assert value_of(result) == "90.00"
    assert result.formula == "capaian = realisasi / target × 100 = 45 / 50 × 100 = 90,00%"
    assert result.rule == "Makin tinggi makin baik: capaian = realisasi / target × 100."
    assert result.components == ()


def test_number_lower_is_better():
    result = achievement(p("50 kasus"), p("45"), LOWER)
    assert value_of(result) == "110.00"
    assert result.formula == (
        "capaian = (2 × target − realisasi) / target × 100 = (2 × 50 − 45) / 50 × 100 = 110,00%"
    )
    assert result.rule.startswith("Makin rendah makin baik")


def test_lower_is_better_is_clamped_at_zero():
    result = achievement(p("50"), p("120"), "lower_is_better")
    assert value_of(result) == "0.00"
    assert result.formula.endswith("= -40,00%, dibatasi paling rendah 0,00%")


@pytest.mark.parametrize(
    ("target", "real", "polarity", "expected"),
    [
        ("81 %", "79,5%", HIGHER, "98.15"),
        ("81 %", "79,5", HIGHER, "98.15"),
        ("81 %", "79,5%", LOWER, "101.85"),
        ("70", "72", HIGHER, "102.86"),  # an index
        ("70", "72", LOWER, "97.14"),
        ("1.500 orang", "1.750 Orang", HIGHER, "116.67"),
        ("800", "1", HIGHER, "0.13"),  # 0,125 rounds half up, not to even
        ("2,5 %", "2,5 %", HIGHER, "100.00"),
    ],
)
def test_number_and_percent_cases(target, real, polarity, expected):
    assert value_of(achievement(p(target), p(real), polarity)) == expected


def test_zero_target_with_zero_realization_is_achieved():
    for polarity in Polarity:
        result = achievement(p("0"), p("0"), polarity)
        assert value_of(result) == "100.00"
        assert result.formula == "target 0 dan realisasi 0: tercapai = 100,00%"
        assert result.rule.startswith("Target 0: realisasi 0 berarti tercapai (100%).")


def test_zero_target_lower_is_better_with_realization_is_zero():
    result = achievement(p("0 kasus"), p("3 kasus"), LOWER)
    assert value_of(result) == "0.00"
    assert "Target 0" in result.rule


def test_zero_target_higher_is_better_with_realization_is_not_computable():
    result = achievement(p("0"), p("5"), HIGHER)
    assert result.value is None
    assert not result.computable
    assert result.reason == (
        "Target 0 dan realisasi 5 melampauinya: rasio terhadap target 0 tidak terdefinisi, "
        "sehingga capaian tidak dapat dihitung dalam persen."
    )
    assert "rasio terhadap 0 tidak terdefinisi" in result.rule


@pytest.mark.parametrize("target", [None, p("-"), p("–")])
def test_no_target(target):
    result = achievement(target, p("45"))
    assert result.value is None
    assert result.reason == "Tidak ada target untuk tahun ini."


@pytest.mark.parametrize("realization", [None, p("-")])
def test_missing_realization(realization):
    for target in ("50", "BB", VEHICLES, "Tersusunnya SOP", "80-90%"):
        result = achievement(p(target), realization, verdict=True)
        assert result.value is None
        assert result.reason == "Realisasi belum diisi."


def test_text_realization_against_a_number_target():
    result = achievement(p("50 orang"), p("belum ada data"))
    assert result.value is None
    assert result.reason.startswith(
        "Realisasi 'belum ada data' tidak dapat dibandingkan dengan target '50 orang': "
        "realisasi bukan angka"
    )


def test_other_unit_cannot_be_compared():
    result = achievement(p("50 orang"), p("5 dokumen"))
    assert result.value is None
    assert "satuan berbeda ('dokumen' dan 'orang')" in result.reason


def test_grade_realization_against_a_number_target():
    result = achievement(p("80 %"), p("BB"))
    assert result.value is None
    assert "predikat" in result.reason


# --- ranges ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80-90%", (D("80"), D("90"), "%")),
        ("80 – 90 %", (D("80"), D("90"), "%")),
        ("80% - 90%", (D("80"), D("90"), "%")),
        ("80 s.d. 90", (D("80"), D("90"), "")),
        ("80 s/d 90", (D("80"), D("90"), "")),
        ("80 sampai 90 orang", (D("80"), D("90"), "orang")),
        ("80 orang sampai dengan 90 orang", (D("80"), D("90"), "orang")),
        ("1.500 hingga 2.000 orang", (D("1500"), D("2000"), "orang")),
        ("7,5 - 8,5", (D("7.5"), D("8.5"), "")),
        ("90-80 %", (D("80"), D("90"), "%")),
    ],
)
def test_parse_range(text, expected):
    assert parse_range(text) == expected


@pytest.mark.parametrize(
    "text", ["80 %", "2500 orang", "BB", "-", "Tersusunnya SOP", "80 orang - 90 dokumen", VEHICLES]
)
def test_not_a_range(text):
    assert parse_range(text) is None


def test_parse_target_reads_ranges_as_numbers_so_achievement_checks_the_text():
    # The reason parse_range is applied to number targets as well as to text targets.
    assert p("80-90%").kind == TargetKind.NUMBER
    assert value_of(achievement(p("80-90%"), p("85"))) == "100.00"


@pytest.mark.parametrize(
    ("target", "real", "polarity", "expected"),
    [
        ("80-90%", "85%", HIGHER, "100.00"),
        ("80-90%", "80%", HIGHER, "100.00"),
        ("80-90%", "90", LOWER, "100.00"),
        ("80 – 90 %", "95 %", HIGHER, "105.56"),  # 95 / 90
        ("80 s.d. 90", "60", HIGHER, "75.00"),  # 60 / 80
        ("80 sampai 90 orang", "60 orang", HIGHER, "75.00"),
        ("80-90%", "99%", LOWER, "90.00"),  # (2 × 90 − 99) / 90
        ("80-90%", "72%", LOWER, "110.00"),  # (2 × 80 − 72) / 80
    ],
)
def test_range_targets(target, real, polarity, expected):
    assert value_of(achievement(p(target), p(real), polarity)) == expected


def test_range_formula_names_the_bound_used():
    result = achievement(p("80 – 90 %"), p("95 %"))
    assert result.formula == (
        "realisasi 95 di atas rentang target 80 s.d. 90, dibandingkan dengan batas atas 90; "
        "capaian = realisasi / batas atas × 100 = 95 / 90 × 100 = 105,56%"
    )
    assert result.rule.startswith("Target berupa rentang: realisasi di dalam rentang")


def test_range_with_other_unit_cannot_be_compared():
    result = achievement(p("80 sampai 90 orang"), p("85 dokumen"))
    assert result.value is None
    assert "satuan berbeda" in result.reason


# --- grades ---------------------------------------------------------------------------------


def test_grade_ranks():
    assert [grade_rank(g) for g in ("D", "C", "CC", "B", "BB", "A", "AA")] == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (D("100"), "AA"),
        (D("90.01"), "AA"),
        (D("90"), "A"),
        (D("80.5"), "A"),
        (D("80"), "BB"),
        (D("70"), "B"),
        (D("60"), "CC"),
        (D("50"), "C"),
        (D("30.01"), "C"),
        (D("30"), "D"),
        (D("0"), "D"),
    ],
)
def test_sakip_grade_scale(score, grade):
    assert sakip_grade(score) == grade


@pytest.mark.parametrize(
    ("target", "real", "polarity", "expected"),
    [
        ("BB", "A", HIGHER, "120.00"),  # 6 / 5
        ("A", "BB", HIGHER, "83.33"),  # 5 / 6
        ("BB", "BB", HIGHER, "100.00"),
        ("AA", "D", HIGHER, "14.29"),  # 1 / 7
        ("B", "bb", HIGHER, "125.00"),  # 5 / 4
        ("BB", "A", LOWER, "80.00"),  # (10 − 6) / 5
    ],
)
def test_grade_targets(target, real, polarity, expected):
    assert value_of(achievement(p(target), p(real), polarity)) == expected


def test_grade_rule_and_formula():
    result = achievement(p("BB"), p("A"))
    assert result.formula == (
        "peringkat(realisasi A) = 6, peringkat(target BB) = 5; capaian = peringkat(realisasi) / "
        "peringkat(target) × 100 = 6 / 5 × 100 = 120,00%"
    )
    assert "D=1, C=2, CC=3, B=4, BB=5, A=6, AA=7" in result.rule


def test_number_realization_against_a_grade_target_is_converted():
    result = achievement(p("BB"), p("85,5"))
    assert value_of(result) == "120.00"
    assert result.formula.startswith(
        "realisasi 85,5 dikonversi ke predikat A menurut skala SAKIP (> 90 AA, > 80 A,"
    )
    assert value_of(achievement(p("BB"), p("70"))) == "80.00"  # 70 is B: 4 / 5


def test_text_realization_against_a_grade_target():
    result = achievement(p("BB"), p("baik sekali"))
    assert result.value is None
    assert "bukan predikat" in result.reason


# --- composite targets ----------------------------------------------------------------------


def test_composite_matched_by_unit_in_any_order_and_spelling():
    result = achievement(
        p(VEHICLES), p("4 Unit Kendaraan  Roda Empat dan 12 unit kendaraan roda dua")
    )
    assert value_of(result) == "90.00"  # (min(109,09; 100) + 80) / 2
    assert [str(c.value) for c in result.components] == ["109.09", "80.00"]
    assert result.components[0].formula == (
        "unit kendaraan roda dua: capaian = realisasi / target × 100 = 12 / 11 × 100 = 109,09%"
    )
    assert result.formula == (
        "capaian = rata-rata capaian komponen (paling tinggi 100% tiap komponen) "
        "= (100,00 + 80,00) / 2 = 90,00%"
    )
    assert result.rule.startswith("Target gabungan: komponen realisasi dipasangkan")


def test_composite_matched_by_position_when_units_differ_and_counts_match():
    result = achievement(p(VEHICLES), p("10 unit motor dan 5 unit mobil"))
    assert value_of(result) == "95.45"  # (90,909… + 100) / 2
    assert [str(c.value) for c in result.components] == ["90.91", "100.00"]


def test_composite_missing_component_counts_as_zero():
    result = achievement(p(VEHICLES), p("10 unit kendaraan roda dua"))
    assert value_of(result) == "45.45"  # (90,909… + 0) / 2
    assert str(result.components[1].value) == "0.00"
    assert "realisasi tidak diisi, dihitung 0" in result.components[1].formula


def test_composite_extra_realization_component_is_ignored_and_said():
    result = achievement(p("2 dokumen dan 3 kegiatan"), p("2 dokumen, 3 kegiatan, dan 9 laporan"))
    assert value_of(result) == "100.00"
    assert result.formula.endswith("komponen realisasi tanpa target diabaikan: 9 laporan")


def test_composite_lower_is_better_caps_each_component():
    result = achievement(p("10 kasus A dan 4 kasus B"), p("5 kasus A dan 6 kasus B"), LOWER)
    # A: (20 − 5) / 10 = 150 → 100; B: (8 − 6) / 4 = 50
    assert value_of(result) == "75.00"


def test_composite_component_over_a_zero_target_counts_as_the_cap():
    result = achievement(p("0 unit A dan 4 unit B"), p("2 unit A dan 2 unit B"))
    assert value_of(result) == "75.00"  # (100 + 50) / 2
    assert result.components[0].value is None


def test_composite_with_no_matching_component():
    result = achievement(p(VEHICLES), p("10 unit motor"))
    assert result.value is None
    assert "tidak ada komponen realisasi yang satuannya cocok" in result.reason
    assert achievement(p(VEHICLES), p("banyak")).value is None


# --- text targets ---------------------------------------------------------------------------


def test_text_target_follows_the_verifier():
    target, real = p("Tersusunnya SOP kepegawaian"), p("SOP telah disusun")
    assert value_of(achievement(target, real, verdict=True)) == "100.00"
    assert value_of(achievement(target, real, verdict=False)) == "0.00"
    pending = achievement(target, real)
    assert pending.value is None
    assert pending.reason == "Menunggu penilaian verifikator (ya/tidak)."
    assert "ya = 100%, tidak = 0%" in pending.rule


def test_verdict_is_ignored_for_number_targets():
    assert value_of(achievement(p("50"), p("45"), verdict=False)) == "90.00"


# --- never raises ---------------------------------------------------------------------------

_SAMPLES = [
    "0",
    "00",
    "0 orang",
    "-",
    "50",
    "81 %",
    "0 %",
    "BB",
    "D",
    "AA",
    "80-90%",
    "0 - 0",
    "0 s.d. 5",
    "1.500 orang",
    VEHICLES,
    "0 unit A dan 0 unit B",
    "1 unit A dan 1",
    "Tersusunnya SOP",
    "99999999999999999999999999999999999999",
    "0,0000000000000000000000000000001",
]
_target_texts = st.one_of(
    st.sampled_from(_SAMPLES),
    st.text(alphabet="0123456789 .,%-–sdABCunitorgdan/", min_size=1, max_size=30),
    st.text(min_size=1, max_size=20),
).filter(lambda text: text.strip())
_parsed = st.one_of(st.none(), _target_texts.map(parse_target))


@given(_parsed, _parsed, st.sampled_from(list(Polarity)), st.sampled_from([None, True, False]))
def test_achievement_never_raises_and_is_never_negative(target, real, polarity, verdict):
    result = achievement(target, real, polarity, verdict)
    assert result.value is None or result.value >= 0
    assert (result.value is None) == bool(result.reason)
    for component in result.components:
        assert component.value is None or component.value >= 0


def test_huge_numbers_are_computed_not_raised():
    result = achievement(p("0,0000000000000000000000000000001"), p("9" * 200))
    assert result.computable
    assert result.value > D("1E+230")
    assert result.formula.endswith(",00%")


# --- predicates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("150"), Predicate.SANGAT_TINGGI),
        (D("100"), Predicate.SANGAT_TINGGI),
        (D("90.01"), Predicate.SANGAT_TINGGI),
        (D("90"), Predicate.TINGGI),
        (D("75.01"), Predicate.TINGGI),
        (D("75"), Predicate.SEDANG),
        (D("65.01"), Predicate.SEDANG),
        (D("65"), Predicate.RENDAH),
        (D("50.01"), Predicate.RENDAH),
        (D("50"), Predicate.SANGAT_RENDAH),
        (D("0"), Predicate.SANGAT_RENDAH),
        (None, None),
    ],
)
def test_predicate_default_scale(value, expected):
    assert predicate(value) == expected


def test_predicate_labels():
    assert PREDICATE_LABELS[Predicate.SANGAT_TINGGI] == "Sangat Tinggi"
    assert PREDICATE_LABELS[Predicate.SANGAT_RENDAH] == "Sangat Rendah"
    assert set(PREDICATE_LABELS) == set(Predicate)
    assert Predicate.SEDANG.value == "sedang"


def test_predicate_custom_scale():
    scale = PredicateScale(sangat_tinggi=D(100), tinggi=D(85), sedang=D(70), rendah=D(55))
    assert predicate(D("100"), scale) == Predicate.TINGGI
    assert predicate(D("100.01"), scale) == Predicate.SANGAT_TINGGI
    assert predicate(D("55"), scale) == Predicate.SANGAT_RENDAH
    assert PredicateScale(90, 75, 65, 50) == DEFAULT_SCALE


def test_predicate_scale_must_fall():
    with pytest.raises(ValueError, match="Batas predikat harus menurun"):
        PredicateScale(sangat_tinggi=D(75), tinggi=D(75))


def test_scale_describe():
    assert DEFAULT_SCALE.describe() == (
        "Predikat capaian (batas bawah tidak termasuk): Sangat Tinggi > 90% (termasuk di atas "
        "100%); Tinggi > 75% s.d. 90%; Sedang > 65% s.d. 75%; Rendah > 50% s.d. 65%; "
        "Sangat Rendah ≤ 50%."
    )
    assert "Sangat Tinggi > 92,5%" in PredicateScale(sangat_tinggi=D("92.5")).describe()


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D("75.01"), False), (D("75"), True), (D("30"), True), (D("120"), False), (None, False)],
)
def test_below_high(value, expected):
    assert below_high(value) is expected


_decimals = st.decimals(min_value=-50, max_value=300, places=2, allow_nan=False)


@given(_decimals, _decimals)
def test_predicate_never_falls_as_achievement_rises(a, b):
    low, high = sorted((a, b))
    assert PREDICATE_ORDER.index(predicate(low)) <= PREDICATE_ORDER.index(predicate(high))
    assert below_high(high) <= below_high(low)


@given(
    _decimals,
    _decimals,
    st.lists(st.integers(min_value=1, max_value=100), min_size=4, max_size=4, unique=True),
)
def test_predicate_never_falls_on_any_scale(a, b, bounds):
    scale = PredicateScale(*(D(x) for x in sorted(bounds, reverse=True)))
    low, high = sorted((a, b))
    assert PREDICATE_ORDER.index(predicate(low, scale)) <= PREDICATE_ORDER.index(
        predicate(high, scale)
    )


# --- programs and objectives ----------------------------------------------------------------


def test_aggregate_caps_and_skips_what_cannot_be_computed():
    result = aggregate([D("120"), D("80"), None])
    assert value_of(result) == "90.00"
    assert result.rule == (
        "Capaian = rata-rata hitung capaian indikator yang dapat dihitung (2 dari 3 indikator), "
        "masing-masing dibatasi paling tinggi 100%."
    )
    assert result.formula == (
        "rata-rata capaian = (100,00 + 80,00) / 2 = 90,00% (capaian di atas 100% dihitung 100%)"
    )


def test_aggregate_other_caps():
    assert value_of(aggregate([D("120"), D("80")], cap=D(110))) == "95.00"
    assert value_of(aggregate([D("120"), D("80")], cap=None)) == "100.00"
    assert value_of(aggregate([D("33.33"), D("33.33"), D("33.34")])) == "33.33"


def test_aggregate_with_nothing_computable():
    result = aggregate([None, None])
    assert result.value is None
    assert result.reason == "Tidak ada capaian indikator yang dapat dihitung (0 dari 2 indikator)."
    assert aggregate([]).value is None


# --- roll-ups -------------------------------------------------------------------------------


def test_roll_up_sum_skips_gaps_and_reads_bare_numbers_in_the_unit():
    result = roll_up(Rollup.SUM, [p("1.000 orang"), None, p("250"), p("-")])
    assert result == ParsedTarget("1.250 orang", TargetKind.NUMBER, (Quantity(D("1250"), "orang"),))


def test_roll_up_sum_of_percentages_stays_a_percentage():
    result = roll_up("sum", [p("10 %"), p("15,5%")])
    assert result == ParsedTarget("25,5%", TargetKind.PERCENT, (Quantity(D("25.5"), "%"),))


def test_roll_up_sum_of_composites_per_component_unit():
    result = roll_up(
        Rollup.SUM, [p("1 unit roda dua dan 2 unit roda empat"), None, p("3 Unit Roda Empat")]
    )
    assert result.kind == TargetKind.COMPOSITE
    assert result.quantities == (
        Quantity(D("1"), "unit roda dua"),
        Quantity(D("5"), "unit roda empat"),
    )
    assert result.text == "1 unit roda dua dan 5 unit roda empat"


def test_roll_up_text_of_three_components_parses_back():
    result = roll_up(Rollup.SUM, [p("1 unit A, 2 unit B, dan 3 unit C"), p("1 unit C")])
    assert result.text == "1 unit A, 2 unit B, dan 4 unit C"
    assert parse_target(result.text) == result


def test_roll_up_latest_takes_the_last_entered_quarter():
    q2 = p("75 %")
    assert roll_up(Rollup.LATEST, [p("70 %"), q2, None, p("-")]) is q2


def test_roll_up_average():
    assert roll_up(Rollup.AVERAGE, [p("80%"), p("85%"), p("86%")]).quantities == (
        Quantity(D("83.6667"), "%"),
    )
    result = roll_up(Rollup.AVERAGE, [p("80 hari"), None, p("90 hari")])
    assert result.text == "85 hari"
    assert str(result.value) == "85"


def test_roll_up_grades_and_texts_always_take_the_last():
    assert roll_up(Rollup.SUM, [p("B"), p("BB"), None]).grade == "BB"
    assert roll_up(Rollup.AVERAGE, [p("10"), p("SOP tersusun")]).text == "SOP tersusun"


def test_roll_up_of_nothing():
    assert roll_up(Rollup.SUM, []) is None
    assert roll_up(Rollup.LATEST, [None, p("-")]) is None


# --- projections ----------------------------------------------------------------------------


def test_projection_sum_extrapolates_linearly_from_the_last_quarter_entered():
    quarters = {1: p("100 orang"), 2: None, 3: p("200 orang")}
    assert project_year_end(Rollup.SUM, quarters).quantities == (Quantity(D("400"), "orang"),)
    assert projection_note(Rollup.SUM, quarters) == (
        "Proyeksi akhir tahun (kumulatif, linear) = realisasi s.d. triwulan III × 4 / 3 = "
        "300 orang × 4 / 3 = 400 orang (triwulan terisi: I, III)."
    )


def test_projection_sum_cases():
    assert project_year_end(Rollup.SUM, {1: p("100"), 2: p("50")}).value == D("300")
    assert str(project_year_end(Rollup.SUM, {1: p("1"), 2: p("1"), 3: p("2")}).value) == "5.3333"
    assert project_year_end(Rollup.SUM, {1: p("1"), 4: p("2")}).value == D("3")


def test_projection_latest_and_average():
    quarters = {1: p("80 %"), 2: p("85 %")}
    assert project_year_end(Rollup.LATEST, quarters).value == D("85")
    assert project_year_end(Rollup.AVERAGE, quarters).value == D("82.5")
    assert projection_note(Rollup.LATEST, quarters) == (
        "Proyeksi akhir tahun = realisasi triwulan terakhir yang terisi (triwulan II) = 85 %."
    )
    assert projection_note(Rollup.AVERAGE, quarters) == (
        "Proyeksi akhir tahun = rata-rata realisasi triwulan yang terisi (I, II) = 82,5%."
    )


def test_projection_without_quarters():
    assert project_year_end(Rollup.SUM, {}) is None
    assert project_year_end(Rollup.SUM, {1: None, 2: p("-")}) is None
    assert projection_note(Rollup.SUM, {}) == (
        "Belum ada realisasi triwulan yang dapat diproyeksikan."
    )


# --- period progress ------------------------------------------------------------------------


def test_period_progress_cumulative_sums_the_years():
    result = period_progress(Rollup.SUM, [p("100 orang"), p("200"), None], p("1.000 orang"), HIGHER)
    assert value_of(result) == "30.00"
    assert result.formula == (
        "realisasi s.d. tahun ini (jumlah 2 tahun: 100 orang; 200) = 300 orang; "
        "capaian = realisasi / target × 100 = 300 / 1.000 × 100 = 30,00%"
    )
    assert result.rule.startswith("Tingkat capaian Renstra = realisasi s.d. tahun ini")


def test_period_progress_stock_takes_the_latest_year():
    result = period_progress(Rollup.LATEST, [p("70%"), p("75%")], p("90%"), HIGHER)
    assert value_of(result) == "83.33"
    assert result.formula.startswith("realisasi s.d. tahun ini (tahun terakhir) = 75%;")


def test_period_progress_average_and_lower_is_better():
    assert value_of(period_progress(Rollup.AVERAGE, [p("80"), p("90")], p("100"), HIGHER)) == (
        "85.00"
    )
    # stock of 12 cases against an end target of 10, lower is better: (20 − 12) / 10
    assert value_of(period_progress(Rollup.LATEST, [p("15"), p("12")], p("10"), LOWER)) == "80.00"


def test_period_progress_without_realization_or_target():
    assert period_progress(Rollup.SUM, [None, p("-")], p("100")).reason == "Realisasi belum diisi."
    assert period_progress(Rollup.SUM, [p("10")], p("-")).reason == (
        "Tidak ada target untuk tahun ini."
    )


@pytest.mark.parametrize(
    ("years", "year", "expected"),
    [
        ([2022, 2023, 2024, 2025, 2026], 2024, "60.00"),
        ([2022, 2023, 2024, 2025, 2026], 2021, "0.00"),
        ([2022, 2023, 2024, 2025, 2026], 2030, "100.00"),
        ([2024, 2022, 2023, 2023], 2022, "33.33"),
        ([], 2024, "0.00"),
    ],
)
def test_elapsed_share(years, year, expected):
    assert str(elapsed_share(years, year)) == expected


# --- budget ---------------------------------------------------------------------------------


def test_absorption():
    result = absorption(D("45000000"), D("50000000"))
    assert value_of(result) == "90.00"
    assert result.formula == (
        "serapan = realisasi / pagu × 100 = Rp 45.000.000 / Rp 50.000.000 × 100 = 90,00%"
    )
    assert result.rule == "Serapan anggaran = realisasi anggaran (Rp) / pagu anggaran (Rp) × 100."
    assert value_of(absorption(D("55000000"), D("50000000"))) == "110.00"
    assert value_of(absorption(D("1"), D("3"))) == "33.33"


def test_absorption_not_computable():
    assert absorption(D("10"), D("0")).reason.startswith("Pagu anggaran Rp 0:")
    assert absorption(D("10"), None).reason == "Pagu anggaran belum diisi."
    assert absorption(None, D("10")).reason == "Realisasi anggaran belum diisi."
    assert absorption(None, D("10")).value is None


def test_efficiency():
    result = efficiency(D("90"), D("80"))
    assert value_of(result) == "1.13"  # 1,125 rounded half up
    assert result.formula == (
        "efisiensi = capaian kinerja / serapan anggaran = 90,00% / 80,00% = 1,13"
    )
    assert "1,00 berarti hasil sebanding" in result.rule
    assert value_of(efficiency(D("100"), D("100"))) == "1.00"
    assert value_of(efficiency(D("45.5"), D("91"))) == "0.50"


def test_efficiency_not_computable():
    assert efficiency(None, D("80")).reason == "Capaian kinerja tidak dapat dihitung."
    assert efficiency(D("80"), None).reason == "Serapan anggaran tidak dapat dihitung."
    zero = efficiency(D("80"), D("0"))
    assert zero.value is None
    assert "pembagian dengan nol" in zero.reason
