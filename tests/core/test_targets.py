from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from renstra.core.numbers import format_id_number
from renstra.core.targets import (
    Quantity,
    TargetKind,
    ValueType,
    infer_unit,
    infer_value_type,
    parse_target,
)


@pytest.mark.parametrize(
    ("raw", "kind", "value", "unit"),
    [
        ("81 %", TargetKind.PERCENT, Decimal("81"), "%"),
        ("100%", TargetKind.PERCENT, Decimal("100"), "%"),
        ("2,5 %", TargetKind.PERCENT, Decimal("2.5"), "%"),
        ("2500 orang", TargetKind.NUMBER, Decimal("2500"), "orang"),
        ("2 kali", TargetKind.NUMBER, Decimal("2"), "kali"),
        ("110 BA", TargetKind.NUMBER, Decimal("110"), "BA"),
        ("1 dokumen", TargetKind.NUMBER, Decimal("1"), "dokumen"),
        ("13 Jabatan", TargetKind.NUMBER, Decimal("13"), "Jabatan"),
        ("5 Perangkat Darah", TargetKind.NUMBER, Decimal("5"), "Perangkat Darah"),
        ("1.500 orang", TargetKind.NUMBER, Decimal("1500"), "orang"),
        ("0", TargetKind.NUMBER, Decimal("0"), ""),
        ("70", TargetKind.NUMBER, Decimal("70"), ""),
        ("  100   SK ", TargetKind.NUMBER, Decimal("100"), "SK"),
    ],
)
def test_quantity_targets(raw, kind, value, unit):
    parsed = parse_target(raw)
    assert (parsed.kind, parsed.value, parsed.unit) == (kind, value, unit)


@pytest.mark.parametrize("raw", ["AA", "A", "BB", "B", "CC", "C", "D"])
def test_grade_targets(raw):
    parsed = parse_target(raw)
    assert parsed.kind == TargetKind.GRADE
    assert parsed.grade == raw
    assert parsed.value is None


def test_dash_is_an_explicit_nil_target():
    parsed = parse_target("-")
    assert parsed.kind == TargetKind.NIL
    assert parsed.value is None


def test_composite_target_keeps_each_component_with_its_unit():
    parsed = parse_target("11 unit kendaraan roda dua dan 5 unit kendaraan roda empat")
    assert parsed.kind == TargetKind.COMPOSITE
    assert parsed.quantities == (
        Quantity(Decimal("11"), "unit kendaraan roda dua"),
        Quantity(Decimal("5"), "unit kendaraan roda empat"),
    )
    assert parsed.value is None


def test_composite_with_semicolon_and_zero_with_dash():
    parsed = parse_target("40 unit kerja ; 1 paket aplikasi yang terintegrasi absensi dan kinerja")
    assert parsed.kind == TargetKind.COMPOSITE
    assert parsed.quantities[0] == Quantity(Decimal("40"), "unit kerja")
    zero = parse_target("0 -")
    assert (zero.kind, zero.value, zero.unit) == (TargetKind.NUMBER, Decimal("0"), "")


def test_text_target_is_kept_as_text():
    parsed = parse_target("Tersedia dan lengkap")
    assert parsed.kind == TargetKind.TEXT
    assert parsed.text == "Tersedia dan lengkap"


def test_empty_target_is_rejected():
    with pytest.raises(ValueError, match="Target kosong"):
        parse_target("   ")


@given(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    st.sampled_from(["orang", "dokumen", "kali", "SK", "unit kendaraan roda dua"]),
)
def test_any_indonesian_number_with_a_unit_parses_back(value, unit):
    parsed = parse_target("{} {}".format(format_id_number(value), unit))
    assert parsed.kind == TargetKind.NUMBER
    assert parsed.value == value
    assert parsed.unit == unit


@given(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False))
def test_any_percent_parses_back(value):
    parsed = parse_target(format_id_number(value) + " %")
    assert (parsed.kind, parsed.value) == (TargetKind.PERCENT, value)


def test_value_type_inference():
    def infer(name, *raws):
        return infer_value_type(name, [parse_target(r) for r in raws])

    assert infer("Persentase kelulusan", "100%", "100%") == ValueType.PERCENT
    assert infer("Nilai akuntabilitas kinerja", "BB", "B") == ValueType.GRADE
    assert infer("Skor IKM", "70", "72") == ValueType.INDEX
    assert infer("Jumlah peserta", "2500 orang", "0") == ValueType.NUMBER
    assert infer("Jumlah kendaraan", "11 unit a dan 5 unit b", "-") == ValueType.COMPOSITE
    assert infer("Persentase disiplin pegawai") == ValueType.PERCENT


def test_unit_inference_ignores_case_and_bare_zeros():
    targets = [parse_target(r) for r in ["0", "1 Dokumen", "1 dokumen", "1 dokumen"]]
    assert infer_unit(targets) == "Dokumen"
    assert infer_unit([parse_target("0")]) == ""
