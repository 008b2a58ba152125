"""Achievement (capaian) of performance targets, predicates, roll-ups and budget ratios.

Pure Python, no Django: every function takes parsed targets (see `renstra.core.targets`) or
Decimals and returns an `Achievement` that carries, beside the value, the formula with the actual
numbers and the rule that was applied, both in Indonesian, so that a page or a printout can show
how a number came about (DOMAIN.md §2 and §3).

Rules decided here where the sources are silent (each is stated in `Achievement.rule`):

- target 0: realization 0 is achieved (100%); a realization on the bad side of 0 is 0%; a
  realization on the good side of 0 exceeds the target, but a ratio against 0 is undefined, so it
  is not computed (a lower-is-better target of 0 with realization > 0 is therefore 0%);
- grade targets (SAKIP AA..D): ordinal ranks D=1 … AA=7, capaian = rank(realisasi) /
  rank(target) × 100; a number realization is first converted to a grade on the SAKIP scale;
- composite targets: the mean of the component achievements, each capped at 100%;
- a target range ('80-90%'): inside it 100%, above it against the upper bound, below it against
  the lower bound;
- a text target: decided by a verifier (ya = 100%, tidak = 0%).

Only final values are rounded (2 decimals, ROUND_HALF_UP); nothing here uses float. No function in
this module raises for any pair of parsed targets: what cannot be computed comes back with
`value=None` and a reason.
"""

import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum

from renstra.core.numbers import NumberFormatError, format_id_number, parse_id_number
from renstra.core.targets import (
    GRADE_SCALE,
    ParsedTarget,
    Quantity,
    TargetKind,
    ValueType,
    normalize_space,
)

HUNDRED = Decimal(100)
_ZERO = Decimal(0)
_TWO_PLACES = Decimal("0.01")
_FOUR_PLACES = Decimal("0.0001")


# --------------------------------------------------------------------------------------------
# Polarity and roll-up rules


class Polarity(StrEnum):
    """Whether a higher or a lower realization is better (same values as the model choices)."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class Rollup(StrEnum):
    """How quarterly (or yearly) realizations combine into the value of the longer period."""

    SUM = "sum"
    LATEST = "latest"
    AVERAGE = "average"


ROLLUP_LABELS = {
    Rollup.SUM: "Kumulatif (dijumlahkan)",
    Rollup.LATEST: "Nilai terakhir (stok)",
    Rollup.AVERAGE: "Rata-rata",
}

_STOCK_VALUE_TYPES = frozenset(
    {ValueType.PERCENT, ValueType.INDEX, ValueType.GRADE, ValueType.TEXT}
)
_AVERAGE_NAME_STARTS = ("rata-rata", "rata rata", "rata2", "rerata")
_STOCK_NAME_WORDS = re.compile(r"\b(?:persentase|prosentase|indeks|tingkat|rasio|nilai)\b")


def default_rollup(value_type: str, unit: str, name: str) -> Rollup:
    """The roll-up an indicator gets unless someone sets another one.

    The first rule that applies wins:

    1. value type percent, index, grade or text → LATEST (the last quarter's value, DOMAIN.md §2
       column 12: "the last quarter's value for a percentage or an index");
    2. the name starts with "rata-rata"/"rerata" → AVERAGE;
    3. the name contains one of the words persentase, prosentase, indeks, tingkat, rasio,
       nilai (as whole words: "meningkatnya" does not count) → LATEST;
    4. the unit is "%" → LATEST;
    5. everything else (counts such as orang, dokumen, kali, unit; composite targets) → SUM.
    """
    kind = str(value_type or "").strip().lower()
    if kind in _STOCK_VALUE_TYPES:
        return Rollup.LATEST
    lowered = normalize_space(name or "").lower()
    if lowered.startswith(_AVERAGE_NAME_STARTS):
        return Rollup.AVERAGE
    if _STOCK_NAME_WORDS.search(lowered):
        return Rollup.LATEST
    if normalize_space(unit or "") == "%":
        return Rollup.LATEST
    return Rollup.SUM


# --------------------------------------------------------------------------------------------
# The result


@dataclass(frozen=True)
class Achievement:
    """An achievement in percent (or, for `efficiency`, an index) with how it was obtained.

    value: the result rounded to 2 decimals, or None when it cannot be computed;
    reason: '' when computed, else why not (Indonesian, for the user);
    formula: the formula with the actual numbers (Indonesian);
    rule: the rule that was applied, stated in Indonesian;
    components: the achievements of the parts (composite targets).
    """

    value: Decimal | None
    reason: str = ""
    formula: str = ""
    rule: str = ""
    components: tuple["Achievement", ...] = ()

    @property
    def computable(self) -> bool:
        """True when a value could be computed."""
        return self.value is not None


def _round(value: Decimal, places: Decimal = _TWO_PLACES) -> Decimal:
    """Round half up to `places`, whatever the size of the number."""
    with localcontext() as ctx:
        ctx.prec = max(28, value.adjusted() + 8)
        return value.quantize(places, rounding=ROUND_HALF_UP)


def _trim(value: Decimal) -> Decimal:
    """Keep at most 4 decimals (averages and projections); exact values stay as they are."""
    if value.as_tuple().exponent < -4:
        return _round(value, _FOUR_PLACES)
    return value


def _num(value: Decimal) -> str:
    """A number as written in Indonesian, without rounding: 1250 → '1.250', 2.5 → '2,5'."""
    return format_id_number(value)


def _fmt2(value: Decimal) -> str:
    """A number with 2 decimals: '1,12' (precision raised so that a huge number formats too)."""
    rounded = _round(value)
    with localcontext() as ctx:
        ctx.prec = max(28, rounded.adjusted() + 8)
        return format_id_number(rounded, 2)


def _pct(value: Decimal) -> str:
    """A percentage with 2 decimals: '90,00%'."""
    return _fmt2(value) + "%"


def _not_computable(reason: str, formula: str = "", rule: str = "") -> Achievement:
    return Achievement(None, reason, formula, rule)


# --------------------------------------------------------------------------------------------
# Ranges and grades


_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_RANGE = re.compile(
    r"^(?P<low>{num})\s*(?P<unit1>%|[^\W\d_][^\d]*?)?\s*"
    r"(?:-|–|—|s\.?\s*d\.?|s/d|sampai(?:\s+dengan)?|hingga)\s*"
    r"(?P<high>{num})\s*(?P<unit2>\S.*)?$".format(num=_NUMBER),
    re.IGNORECASE,
)


def _unit_key(unit: str) -> str:
    """A unit compared without letter case and spacing: 'Unit  Kendaraan' ~ 'unit kendaraan'."""
    return normalize_space(unit).lower()


def parse_range(text: str) -> tuple[Decimal, Decimal, str] | None:
    """A target range such as '80-90%', '80 – 90 %', '80 s.d. 90', '80 sampai 90 orang'.

    Returns (lower bound, upper bound, unit) with the bounds in ascending order and the unit as
    printed ('%' for percent, '' when none), or None when the text is not a range. A unit may be
    printed after each bound ('80% - 90%'); two different units are not a range.
    """
    match = _RANGE.match(normalize_space(text or ""))
    if not match:
        return None
    try:
        low = parse_id_number(match["low"])
        high = parse_id_number(match["high"])
    except NumberFormatError:
        return None
    first = normalize_space(match["unit1"] or "")
    second = normalize_space(match["unit2"] or "")
    if first and second and _unit_key(first) != _unit_key(second):
        return None
    if low > high:
        low, high = high, low
    return low, high, second or first


_RANKS = {grade: len(GRADE_SCALE) - i for i, grade in enumerate(GRADE_SCALE)}
_SAKIP_BOUNDS = (
    (Decimal(90), "AA"),
    (Decimal(80), "A"),
    (Decimal(70), "BB"),
    (Decimal(60), "B"),
    (Decimal(50), "CC"),
    (Decimal(30), "C"),
)
_SAKIP_SCALE_TEXT = "> 90 AA, > 80 A, > 70 BB, > 60 B, > 50 CC, > 30 C, selain itu D"
_RANK_TEXT = ", ".join("{}={}".format(g, _RANKS[g]) for g in reversed(GRADE_SCALE))


def sakip_grade(score: Decimal) -> str:
    """The SAKIP grade of a score 0–100 (lower bounds exclusive): > 90 AA … > 30 C, else D."""
    for bound, grade in _SAKIP_BOUNDS:
        if score > bound:
            return grade
    return "D"


def grade_rank(grade: str) -> int:
    """The ordinal rank of a SAKIP grade: D=1, C=2, CC=3, B=4, BB=5, A=6, AA=7."""
    return _RANKS[grade.upper()]


# --------------------------------------------------------------------------------------------
# The polarity formula on two numbers


_RULE_HIGHER = "Makin tinggi makin baik: capaian = realisasi / target × 100."
_RULE_LOWER = (
    "Makin rendah makin baik: capaian = (2 × target − realisasi) / target × 100 "
    "= (target − (realisasi − target)) / target × 100, paling rendah 0%."
)
_RULE_ZERO = (
    "Target 0: realisasi 0 berarti tercapai (100%). Bila makin tinggi makin baik dan realisasi "
    "di atas 0, realisasi melampaui target tetapi rasio terhadap 0 tidak terdefinisi, sehingga "
    "capaian tidak dihitung. Bila makin rendah makin baik dan realisasi di atas 0, capaian 0%."
)


def _polarity_rule(polarity: Polarity) -> str:
    return _RULE_HIGHER if polarity == Polarity.HIGHER_IS_BETTER else _RULE_LOWER


@dataclass(frozen=True)
class _Ratio:
    """An unrounded result of the polarity formula (raw is None when not computable)."""

    raw: Decimal | None
    reason: str
    formula: str
    rule: str
    exceeds_zero_target: bool = False


def _ratio(
    target: Decimal,
    real: Decimal,
    polarity: Polarity,
    names: tuple[str, str] = ("target", "realisasi"),
) -> _Ratio:
    """The polarity formula on two numbers, with the rule for target 0; `names` are the words
    for target and realization in the formula (e.g. 'batas atas', 'peringkat(target)')."""
    t_name, r_name = names
    higher = polarity == Polarity.HIGHER_IS_BETTER
    t, r = _num(target), _num(real)
    if target < 0:
        return _Ratio(
            None,
            "Target negatif ({}): rumus capaian dalam persen tidak berlaku.".format(t),
            "",
            _polarity_rule(polarity),
        )
    if target == 0:
        if real == 0:
            return _Ratio(HUNDRED, "", "target 0 dan realisasi 0: tercapai = 100,00%", _RULE_ZERO)
        better = real > 0 if higher else real < 0
        if not better:
            return _Ratio(
                _ZERO,
                "",
                "target 0, realisasi {} tidak memenuhi target: capaian = 0,00%".format(r),
                _RULE_ZERO,
            )
        return _Ratio(
            None,
            "Target 0 dan realisasi {} melampauinya: rasio terhadap target 0 tidak terdefinisi, "
            "sehingga capaian tidak dapat dihitung dalam persen.".format(r),
            "capaian = {} / {} × 100 = {} / 0 × 100: tidak terdefinisi".format(r_name, t_name, r),
            _RULE_ZERO,
            exceeds_zero_target=True,
        )
    if higher:
        raw = real * HUNDRED / target
        formula = "capaian = {} / {} × 100 = {} / {} × 100 = ".format(r_name, t_name, r, t)
    else:
        raw = (2 * target - real) * HUNDRED / target
        formula = (
            "capaian = (2 × {tn} − {rn}) / {tn} × 100 = (2 × {t} − {r}) / {t} × 100 = ".format(
                tn=t_name, rn=r_name, t=t, r=r
            )
        )
    if raw < 0:
        formula += "{}, dibatasi paling rendah 0,00%".format(_pct(raw))
        raw = _ZERO
    else:
        formula += _pct(raw)
    return _Ratio(raw, "", formula, _polarity_rule(polarity))


def _from_ratio(ratio: _Ratio, prefix: str = "", rule_prefix: str = "") -> Achievement:
    formula = prefix + ratio.formula if ratio.formula else prefix.rstrip("; ")
    rule = (rule_prefix + " " + ratio.rule).strip()
    if ratio.raw is None:
        return Achievement(None, ratio.reason, formula, rule)
    return Achievement(_round(ratio.raw), "", formula, rule)


# --------------------------------------------------------------------------------------------
# Achievement of one target


_NO_TARGET = "Tidak ada target untuk tahun ini."
_NO_REALIZATION = "Realisasi belum diisi."
_NUMERIC = (TargetKind.NUMBER, TargetKind.PERCENT)


def achievement(
    target: ParsedTarget | None,
    realization: ParsedTarget | None,
    polarity: Polarity | str = Polarity.HIGHER_IS_BETTER,
    verdict: bool | None = None,
) -> Achievement:
    """The achievement of a realization against a target (DOMAIN.md §3).

    - number, percent, index: higher is better realisasi / target × 100; lower is better
      (2·target − realisasi) / target × 100, not below 0; target 0 see the module docstring;
    - a range target ('80-90%', '80 s.d. 90', '80 sampai 90 orang'; parse_target reads these as
      a number with a strange unit or as text): inside it 100, above it against the upper bound,
      below it against the lower bound, each with the polarity formula;
    - grade: rank(realisasi) / rank(target) × 100 with D=1 … AA=7 (the polarity formula on the
      ranks); a number realization is converted to a grade on the SAKIP scale first;
    - composite: see `_composite`;
    - text: `verdict` of the verifier, True → 100, False → 0, None → not computable (`verdict`
      is ignored for every other kind);
    - no target ('-' or None), no realization (None or '-'), a realization that cannot be
      compared with the target: not computable, with the reason.

    Never raises for any pair of parsed targets.
    """
    polarity = Polarity(polarity)
    if target is None or target.kind == TargetKind.NIL:
        return _not_computable(_NO_TARGET)
    if realization is None or realization.kind == TargetKind.NIL:
        return _not_computable(_NO_REALIZATION)
    try:
        return _achievement(target, realization, polarity, verdict)
    except ArithmeticError:
        return _not_computable(
            "Angka target '{}' atau realisasi '{}' di luar jangkauan perhitungan.".format(
                target.text, realization.text
            )
        )


def _achievement(
    target: ParsedTarget, realization: ParsedTarget, polarity: Polarity, verdict: bool | None
) -> Achievement:
    if target.kind in (*_NUMERIC, TargetKind.TEXT):
        bounds = parse_range(target.text)
        if bounds is not None:
            return _range(bounds, target, realization, polarity)
    if target.kind in _NUMERIC:
        return _number(target, realization, polarity)
    if target.kind == TargetKind.GRADE:
        return _grade(target, realization, polarity)
    if target.kind == TargetKind.COMPOSITE:
        return _composite(target, realization, polarity)
    return _text(target, verdict)


def _incomparable(target: ParsedTarget, realization: ParsedTarget, what: str) -> Achievement:
    return _not_computable(
        "Realisasi '{}' tidak dapat dibandingkan dengan target '{}': {}.".format(
            realization.text, target.text, what
        )
    )


def _realization_number(
    target: ParsedTarget, unit: str, realization: ParsedTarget
) -> tuple[Decimal | None, Achievement | None]:
    """The number of a realization to compare with a target printed with `unit`.

    Units must agree (without letter case and spacing) when both are printed; a missing unit on
    either side is accepted.
    """
    if realization.kind not in _NUMERIC:
        what = {
            TargetKind.TEXT: "realisasi bukan angka; tulis angkanya saja, mis. '45' atau '45 orang'",
            TargetKind.GRADE: "realisasi berupa predikat, target berupa angka",
            TargetKind.COMPOSITE: "realisasi terdiri atas beberapa komponen, target hanya satu angka",
        }.get(realization.kind, "jenis nilainya berbeda")
        return None, _incomparable(target, realization, what)
    if unit and realization.unit and _unit_key(unit) != _unit_key(realization.unit):
        what = "satuan berbeda ('{}' dan '{}')".format(realization.unit, unit)
        return None, _incomparable(target, realization, what)
    return realization.value, None


def _number(target: ParsedTarget, realization: ParsedTarget, polarity: Polarity) -> Achievement:
    real, problem = _realization_number(target, target.unit, realization)
    if problem is not None:
        return problem
    return _from_ratio(_ratio(target.value, real, polarity))


def _range(
    bounds: tuple[Decimal, Decimal, str],
    target: ParsedTarget,
    realization: ParsedTarget,
    polarity: Polarity,
) -> Achievement:
    low, high, unit = bounds
    real, problem = _realization_number(target, unit, realization)
    if problem is not None:
        return problem
    assert real is not None
    rule = (
        "Target berupa rentang: realisasi di dalam rentang berarti tercapai (100%); di atas "
        "rentang dibandingkan dengan batas atas, di bawah rentang dengan batas bawah."
    )
    shown = "{} s.d. {}".format(_num(low), _num(high))
    if low <= real <= high:
        formula = "realisasi {} di dalam rentang target {}: capaian = 100,00%".format(
            _num(real), shown
        )
        return Achievement(Decimal("100.00"), "", formula, rule)
    above = real > high
    bound = high if above else low
    prefix = "realisasi {} {} rentang target {}, dibandingkan dengan batas {} {}; ".format(
        _num(real),
        "di atas" if above else "di bawah",
        shown,
        "atas" if above else "bawah",
        _num(bound),
    )
    names = ("batas atas" if above else "batas bawah", "realisasi")
    return _from_ratio(_ratio(bound, real, polarity, names), prefix, rule)


def _grade(target: ParsedTarget, realization: ParsedTarget, polarity: Polarity) -> Achievement:
    target_grade = (target.grade or "").upper()
    if target_grade not in _RANKS:
        return _not_computable("Predikat target '{}' tidak dikenal.".format(target.text))
    if realization.kind == TargetKind.GRADE and (realization.grade or "").upper() in _RANKS:
        real_grade = (realization.grade or "").upper()
        prefix = ""
    elif realization.kind in _NUMERIC:
        real_grade = sakip_grade(realization.value)
        prefix = "realisasi {} dikonversi ke predikat {} menurut skala SAKIP ({}); ".format(
            _num(realization.value),
            real_grade,
            _SAKIP_SCALE_TEXT,
        )
    else:
        return _incomparable(
            target, realization, "target berupa predikat (AA..D), realisasi bukan predikat"
        )
    rule = (
        "Target berupa predikat skala SAKIP, dinilai menurut peringkatnya ({}): capaian = "
        "peringkat(realisasi) / peringkat(target) × 100 (makin tinggi makin baik); makin rendah "
        "makin baik: (2 × peringkat(target) − peringkat(realisasi)) / peringkat(target) × 100. "
        "Realisasi berupa angka dikonversi dulu ke predikat ({}).".format(
            _RANK_TEXT, _SAKIP_SCALE_TEXT
        )
    )
    ratio = _ratio(
        Decimal(_RANKS[target_grade]),
        Decimal(_RANKS[real_grade]),
        polarity,
        ("peringkat(target)", "peringkat(realisasi)"),
    )
    prefix += "peringkat(realisasi {}) = {}, peringkat(target {}) = {}; ".format(
        real_grade, _RANKS[real_grade], target_grade, _RANKS[target_grade]
    )
    result = _from_ratio(ratio, prefix)
    return replace(result, rule=rule)


def _match_components(
    target: tuple[Quantity, ...], real: tuple[Quantity, ...]
) -> list[Quantity | None]:
    """For each target component its realization component, or None when none was given.

    First by unit (without letter case and spacing), each realization component used once;
    then, when both have as many components, the unmatched ones by position.
    """
    matched: list[Quantity | None] = [None] * len(target)
    used: set[int] = set()
    for i, quantity in enumerate(target):
        for j, candidate in enumerate(real):
            if j not in used and _unit_key(candidate.unit) == _unit_key(quantity.unit):
                matched[i] = candidate
                used.add(j)
                break
    if len(target) == len(real):
        for i in range(len(target)):
            if matched[i] is None and i not in used:
                matched[i] = real[i]
                used.add(i)
    return matched


_RULE_COMPOSITE = (
    "Target gabungan: komponen realisasi dipasangkan dengan komponen target menurut satuannya "
    "(tanpa membedakan huruf besar/kecil dan spasi), yang tidak cocok menurut urutannya bila "
    "jumlah komponennya sama; komponen yang tidak diisi dihitung 0. Capaian tiap komponen dengan "
    "rumus polaritasnya, dibatasi paling tinggi 100% agar kelebihan satu komponen tidak menutupi "
    "kekurangan komponen lain (komponen yang melampaui target 0 dihitung 100%); capaian gabungan "
    "= rata-rata hitung capaian komponen."
)


def _composite(target: ParsedTarget, realization: ParsedTarget, polarity: Polarity) -> Achievement:
    """A composite target ('11 unit kendaraan roda dua dan 5 unit kendaraan roda empat').

    Realization components are matched to target components (`_match_components`); a target
    component without a realization counts as realization 0; each component gets the polarity
    formula and is capped at 100 (one over-achieved component must not hide another's
    shortfall; a component over a target of 0 counts as 100); the result is the arithmetic mean
    of the capped, unrounded component values. Realization components without a target are
    ignored and named in the formula. A single-number realization is matched by its unit; when
    no component matches at all, the achievement is not computable.
    """
    if realization.kind not in (TargetKind.COMPOSITE, *_NUMERIC):
        return _incomparable(
            target,
            realization,
            "target terdiri atas beberapa komponen; tulis realisasi dengan satuan yang sama, "
            "mis. '{}'".format(target.text),
        )
    matched = _match_components(target.quantities, realization.quantities)
    if all(m is None for m in matched):
        return _incomparable(
            target, realization, "tidak ada komponen realisasi yang satuannya cocok dengan target"
        )
    parts: list[Achievement] = []
    capped: list[Decimal] = []
    for quantity, real in zip(target.quantities, matched, strict=True):
        label = quantity.unit + ": "
        if real is None:
            label += "realisasi tidak diisi, dihitung 0; "
        ratio = _ratio(quantity.value, real.value if real else _ZERO, polarity)
        parts.append(_from_ratio(ratio, label))
        if ratio.raw is not None:
            capped.append(min(ratio.raw, HUNDRED))
        elif ratio.exceeds_zero_target:
            capped.append(HUNDRED)
        else:
            return Achievement(
                None,
                "Komponen '{}' tidak dapat dihitung: {}".format(quantity.unit, ratio.reason),
                "",
                _RULE_COMPOSITE,
                tuple(parts),
            )
    value = sum(capped, _ZERO) / len(capped)
    formula = "capaian = rata-rata capaian komponen (paling tinggi 100% tiap komponen) = ({}) / {} = {}".format(
        " + ".join(_fmt2(c) for c in capped), len(capped), _pct(value)
    )
    ignored = [q for q in realization.quantities if all(q is not m for m in matched)]
    if ignored:
        formula += "; komponen realisasi tanpa target diabaikan: {}".format(
            ", ".join(_quantity_text(q) for q in ignored)
        )
    return Achievement(_round(value), "", formula, _RULE_COMPOSITE, tuple(parts))


def _text(target: ParsedTarget, verdict: bool | None) -> Achievement:
    rule = (
        "Target berupa uraian: verifikator menilai apakah realisasi memenuhi target "
        "(ya = 100%, tidak = 0%)."
    )
    if verdict is None:
        return _not_computable("Menunggu penilaian verifikator (ya/tidak).", "", rule)
    if verdict:
        return Achievement(
            Decimal("100.00"), "", "penilaian verifikator: ya, tercapai → 100,00%", rule
        )
    return Achievement(Decimal("0.00"), "", "penilaian verifikator: tidak tercapai → 0,00%", rule)


# --------------------------------------------------------------------------------------------
# Predicates (Permendagri 86/2017)


class Predicate(StrEnum):
    """The predicate of an achievement in Renja/Renstra evaluation."""

    SANGAT_TINGGI = "sangat_tinggi"
    TINGGI = "tinggi"
    SEDANG = "sedang"
    RENDAH = "rendah"
    SANGAT_RENDAH = "sangat_rendah"


PREDICATE_LABELS = {
    Predicate.SANGAT_TINGGI: "Sangat Tinggi",
    Predicate.TINGGI: "Tinggi",
    Predicate.SEDANG: "Sedang",
    Predicate.RENDAH: "Rendah",
    Predicate.SANGAT_RENDAH: "Sangat Rendah",
}

# Worst first: the order used to compare predicates.
PREDICATE_ORDER = (
    Predicate.SANGAT_RENDAH,
    Predicate.RENDAH,
    Predicate.SEDANG,
    Predicate.TINGGI,
    Predicate.SANGAT_TINGGI,
)


@dataclass(frozen=True)
class PredicateScale:
    """Lower bounds (exclusive) of the predicates, in percent; configurable per Pemda.

    The defaults follow DOMAIN.md §2: > 90 Sangat Tinggi (also above 100), > 75 Tinggi,
    > 65 Sedang, > 50 Rendah, else Sangat Rendah. Bounds must fall strictly from Sangat Tinggi
    to Rendah; a float is read through its text, so that no binary fraction slips in.
    """

    sangat_tinggi: Decimal = Decimal(90)
    tinggi: Decimal = Decimal(75)
    sedang: Decimal = Decimal(65)
    rendah: Decimal = Decimal(50)

    def __post_init__(self) -> None:
        for name in ("sangat_tinggi", "tinggi", "sedang", "rendah"):
            raw = getattr(self, name)
            object.__setattr__(
                self, name, Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw)
            )
        if not self.sangat_tinggi > self.tinggi > self.sedang > self.rendah:
            raise ValueError(
                "Batas predikat harus menurun: Sangat Tinggi > Tinggi > Sedang > Rendah "
                "({} / {} / {} / {}).".format(
                    self.sangat_tinggi, self.tinggi, self.sedang, self.rendah
                )
            )

    def bands(self) -> tuple[tuple[Predicate, Decimal | None], ...]:
        """(predicate, exclusive lower bound) from best to worst; Sangat Rendah has None."""
        return (
            (Predicate.SANGAT_TINGGI, self.sangat_tinggi),
            (Predicate.TINGGI, self.tinggi),
            (Predicate.SEDANG, self.sedang),
            (Predicate.RENDAH, self.rendah),
            (Predicate.SANGAT_RENDAH, None),
        )

    def describe(self) -> str:
        """The bands in Indonesian, e.g. 'Sangat Tinggi: > 90% (termasuk di atas 100%); …'."""
        st, t, s, r = (_num(b) for b in (self.sangat_tinggi, self.tinggi, self.sedang, self.rendah))
        return (
            "Predikat capaian (batas bawah tidak termasuk): Sangat Tinggi > {st}% (termasuk di "
            "atas 100%); Tinggi > {t}% s.d. {st}%; Sedang > {s}% s.d. {t}%; Rendah > {r}% s.d. "
            "{s}%; Sangat Rendah ≤ {r}%."
        ).format(st=st, t=t, s=s, r=r)


DEFAULT_SCALE = PredicateScale()


def predicate(value: Decimal | None, scale: PredicateScale = DEFAULT_SCALE) -> Predicate | None:
    """The predicate of an achievement in percent (None for None): half-open bins."""
    if value is None:
        return None
    for result, bound in scale.bands():
        if bound is None or value > bound:
            return result
    return Predicate.SANGAT_RENDAH  # pragma: no cover - the last band has no bound


def below_high(value: Decimal | None, scale: PredicateScale = DEFAULT_SCALE) -> bool:
    """True when the predicate is Sedang or lower: such a realization needs an uraian deviasi
    and a tindak lanjut. False for None (no achievement, no predicate)."""
    result = predicate(value, scale)
    return result is not None and PREDICATE_ORDER.index(result) < PREDICATE_ORDER.index(
        Predicate.TINGGI
    )


# --------------------------------------------------------------------------------------------
# Programs and objectives


def aggregate(values: list[Decimal | None], cap: Decimal | None = Decimal(100)) -> Achievement:
    """The achievement of a program or an objective from the achievements of its indicators.

    The arithmetic mean of the computable ones (None are left out), each capped at `cap`
    (None: no cap); none computable → not computable.
    """
    counted = [v for v in values if v is not None]
    total = len(values)
    if not counted:
        return _not_computable(
            "Tidak ada capaian indikator yang dapat dihitung (0 dari {} indikator).".format(total)
        )
    capped = [min(v, cap) if cap is not None else v for v in counted]
    rule = "Capaian = rata-rata hitung capaian indikator yang dapat dihitung ({} dari {} indikator)".format(
        len(counted), total
    )
    rule += (
        ", masing-masing dibatasi paling tinggi {}%.".format(_num(cap))
        if cap is not None
        else ", tanpa batas atas."
    )
    value = sum(capped, _ZERO) / len(capped)
    formula = "rata-rata capaian = ({}) / {} = {}".format(
        " + ".join(_fmt2(v) for v in capped), len(capped), _pct(value)
    )
    if cap is not None and any(v > cap for v in counted):
        formula += " (capaian di atas {}% dihitung {}%)".format(_num(cap), _num(cap))
    return Achievement(_round(value), "", formula, rule)


# --------------------------------------------------------------------------------------------
# Roll-ups of quarterly realizations


def _quantity_text(quantity: Quantity) -> str:
    if quantity.unit == "%":
        return _num(quantity.value) + "%"
    return (_num(quantity.value) + " " + quantity.unit).strip()


def _render(quantities: list[Quantity]) -> ParsedTarget:
    """A parsed value made from quantities, with a readable Indonesian text."""
    texts = [_quantity_text(q) for q in quantities]
    if len(quantities) == 1:
        kind = TargetKind.PERCENT if quantities[0].unit == "%" else TargetKind.NUMBER
        return ParsedTarget(texts[0], kind, tuple(quantities))
    # 'A dan B'; 'A, B, dan C' (parse_target splits ', ' before 'dan', so this parses back).
    last_separator = " dan " if len(texts) == 2 else ", dan "
    text = ", ".join(texts[:-1]) + last_separator + texts[-1]
    return ParsedTarget(text, TargetKind.COMPOSITE, tuple(quantities))


def _present(parts: list[ParsedTarget | None]) -> list[ParsedTarget]:
    return [p for p in parts if p is not None and p.kind != TargetKind.NIL]


def _groups(parts: list[ParsedTarget]) -> list[tuple[str, list[Decimal]]]:
    """The quantities of the parts grouped by unit (first spelling kept), in first-seen order.

    A bare number joins the one unit the parts use when they use exactly one (Q1 '1.000 orang',
    Q2 '250' are 1.250 orang); otherwise it forms its own group.
    """
    keys = {_unit_key(q.unit) for p in parts for q in p.quantities if q.unit}
    sole = next(iter(keys)) if len(keys) == 1 else None
    spelling: dict[str, str] = {}
    grouped: dict[str, list[Decimal]] = {}
    for part in parts:
        for quantity in part.quantities:
            key = _unit_key(quantity.unit) or (sole or "")
            spelling.setdefault(key, quantity.unit)
            if not spelling[key] and quantity.unit:
                spelling[key] = quantity.unit
            grouped.setdefault(key, []).append(quantity.value)
    return [(spelling[key], values) for key, values in grouped.items()]


def roll_up(rule: Rollup | str, parts: list[ParsedTarget | None]) -> ParsedTarget | None:
    """Combine realizations ordered by quarter (or by year) into the value of the whole period.

    None and '-' entries are skipped; nothing left → None. SUM adds the numbers per unit (a
    percent stays a percent; composite values are summed per component unit, see `_groups`);
    AVERAGE takes the mean per unit over the entries that have that unit (at most 4 decimals);
    LATEST takes the last entry as it is. Grades and texts cannot be added: as soon as one entry
    is a grade or a text, the last entry is taken whatever the rule.
    """
    rule = Rollup(rule)
    present = _present(parts)
    if not present:
        return None
    if rule == Rollup.LATEST or any(
        p.kind not in (*_NUMERIC, TargetKind.COMPOSITE) for p in present
    ):
        return present[-1]
    quantities = []
    for unit, values in _groups(present):
        total = sum(values, _ZERO)
        value = total if rule == Rollup.SUM else _trim(total / len(values))
        quantities.append(Quantity(value, unit))
    return _render(quantities)


def describe_rollup(rule: Rollup | str) -> str:
    """The roll-up rule in Indonesian, for pages and footnotes."""
    return {
        Rollup.SUM: (
            "Kumulatif: realisasi tahunan = jumlah realisasi triwulan I–IV (kolom 12 = 8 + 9 + "
            "10 + 11); realisasi periode Renstra = jumlah realisasi tahunan."
        ),
        Rollup.LATEST: (
            "Nilai terakhir: realisasi tahunan = realisasi triwulan terakhir yang diisi (untuk "
            "persentase, indeks, predikat dan uraian); realisasi periode Renstra = realisasi "
            "tahun terakhir."
        ),
        Rollup.AVERAGE: (
            "Rata-rata: realisasi tahunan = rata-rata hitung realisasi triwulan yang diisi; "
            "realisasi periode Renstra = rata-rata realisasi tahunan."
        ),
    }[Rollup(rule)]


# --------------------------------------------------------------------------------------------
# Early warning: projection to the end of the year

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _quarters(parts_by_quarter: dict[int, ParsedTarget | None]) -> list[tuple[int, ParsedTarget]]:
    """The entered quarters 1..4 in order (None, '-' and other keys left out)."""
    return [
        (q, parts_by_quarter[q])
        for q in sorted(k for k in parts_by_quarter if k in _ROMAN)
        if parts_by_quarter[q] is not None and parts_by_quarter[q].kind != TargetKind.NIL
    ]


def _is_additive(rule: Rollup, parts: list[ParsedTarget]) -> bool:
    return rule == Rollup.SUM and all(p.kind in (*_NUMERIC, TargetKind.COMPOSITE) for p in parts)


def project_year_end(
    rule: Rollup | str, parts_by_quarter: dict[int, ParsedTarget | None]
) -> ParsedTarget | None:
    """The realization expected at the end of the year from the quarters entered so far.

    SUM: linear extrapolation, sum so far × 4 / the last quarter entered (a quarter left empty
    before it counts as 0); LATEST: the latest value; AVERAGE: the mean so far. Grades and texts
    are taken as they are. None when no quarter is entered. `projection_note` explains the
    projection in Indonesian (kept a separate function so that this one returns a plain value).
    """
    rule = Rollup(rule)
    entered = _quarters(parts_by_quarter)
    if not entered:
        return None
    parts = [p for _, p in entered]
    so_far = roll_up(rule, parts)
    if so_far is None or not _is_additive(rule, parts):
        return so_far
    last = entered[-1][0]
    return _render([Quantity(_trim(q.value * 4 / last), q.unit) for q in so_far.quantities])


def projection_note(rule: Rollup | str, parts_by_quarter: dict[int, ParsedTarget | None]) -> str:
    """How `project_year_end` arrived at its value, in Indonesian."""
    rule = Rollup(rule)
    entered = _quarters(parts_by_quarter)
    if not entered:
        return "Belum ada realisasi triwulan yang dapat diproyeksikan."
    parts = [p for _, p in entered]
    quarters = ", ".join(_ROMAN[q] for q, _ in entered)
    projected = project_year_end(rule, parts_by_quarter)
    assert projected is not None
    last = entered[-1][0]
    if _is_additive(rule, parts):
        so_far = roll_up(rule, parts)
        assert so_far is not None
        return (
            "Proyeksi akhir tahun (kumulatif, linear) = realisasi s.d. triwulan {} × 4 / {} = "
            "{} × 4 / {} = {} (triwulan terisi: {}).".format(
                _ROMAN[last], last, so_far.text, last, projected.text, quarters
            )
        )
    if rule == Rollup.AVERAGE and all(p.kind in (*_NUMERIC, TargetKind.COMPOSITE) for p in parts):
        return "Proyeksi akhir tahun = rata-rata realisasi triwulan yang terisi ({}) = {}.".format(
            quarters, projected.text
        )
    return (
        "Proyeksi akhir tahun = realisasi triwulan terakhir yang terisi (triwulan {}) = {}.".format(
            _ROMAN[last], projected.text
        )
    )


# --------------------------------------------------------------------------------------------
# Progress over the plan period


def period_progress(
    rule: Rollup | str,
    yearly: list[ParsedTarget | None],
    end_target: ParsedTarget | None,
    polarity: Polarity | str = Polarity.HIGHER_IS_BETTER,
) -> Achievement:
    """The achievement to date against the end-of-period target (Renstra evaluation column 14
    = 13 / 5 × 100%).

    `yearly` are the yearly realizations in year order (None or '-' for a year not realized).
    Cumulative indicators (SUM) add the years, stock indicators (LATEST) take the latest year,
    AVERAGE takes the mean of the years; then `achievement` against `end_target`.
    """
    rule = Rollup(rule)
    present = _present(yearly)
    to_date = roll_up(rule, present)
    result = achievement(end_target, to_date, polarity)
    if to_date is None:
        return result
    if to_date is not present[-1]:
        how = {Rollup.SUM: "jumlah", Rollup.AVERAGE: "rata-rata"}[rule]
        prefix = "realisasi s.d. tahun ini ({} {} tahun: {}) = {}; ".format(
            how, len(present), "; ".join(p.text for p in present), to_date.text
        )
    else:
        prefix = "realisasi s.d. tahun ini (tahun terakhir) = {}; ".format(to_date.text)
    rule_text = (
        "Tingkat capaian Renstra = realisasi s.d. tahun ini / target akhir periode × 100. "
        + describe_rollup(rule)
        + (" " + result.rule if result.rule else "")
    )
    return replace(
        result,
        formula=prefix + result.formula if result.formula else prefix.rstrip("; "),
        rule=rule_text,
    )


def elapsed_share(years: list[int], year: int) -> Decimal:
    """The share, in percent (2 decimals), of the plan's target years up to and including
    `year`: years 2022–2026 and 2024 → 60.00. No years → 0."""
    distinct = set(years)
    if not distinct:
        return Decimal("0.00")
    done = sum(1 for y in distinct if y <= year)
    return _round(Decimal(done) / Decimal(len(distinct)) * HUNDRED)


# --------------------------------------------------------------------------------------------
# Budget


def absorption(realized: Decimal | None, planned: Decimal | None) -> Achievement:
    """Budget absorption: realisasi Rp / pagu Rp × 100 (DOMAIN.md §3)."""
    rule = "Serapan anggaran = realisasi anggaran (Rp) / pagu anggaran (Rp) × 100."
    if planned is None:
        return _not_computable("Pagu anggaran belum diisi.", "", rule)
    if realized is None:
        return _not_computable("Realisasi anggaran belum diisi.", "", rule)
    if planned <= 0:
        return _not_computable(
            "Pagu anggaran Rp {}: serapan tidak dapat dihitung (pembagian dengan pagu {}).".format(
                _num(planned), "nol" if planned == 0 else "negatif"
            ),
            "",
            rule,
        )
    value = realized * HUNDRED / planned
    formula = "serapan = realisasi / pagu × 100 = Rp {} / Rp {} × 100 = {}".format(
        _num(realized), _num(planned), _pct(value)
    )
    return Achievement(_round(value), "", formula, rule)


def efficiency(achievement_value: Decimal | None, absorption_value: Decimal | None) -> Achievement:
    """Efficiency index = capaian kinerja (%) ÷ serapan anggaran (%), 2 decimals.

    The value is an index, not a percent: 1,00 means the result matches the budget absorbed,
    1,12 means 12% more result per rupiah than planned, below 1,00 less.
    """
    rule = (
        "Indeks efisiensi = capaian kinerja (%) ÷ serapan anggaran (%). 1,00 berarti hasil "
        "sebanding dengan anggaran yang diserap; di atas 1,00 hasil per rupiah lebih besar dari "
        "rencana; di bawah 1,00 lebih kecil."
    )
    if achievement_value is None:
        return _not_computable("Capaian kinerja tidak dapat dihitung.", "", rule)
    if absorption_value is None:
        return _not_computable("Serapan anggaran tidak dapat dihitung.", "", rule)
    if absorption_value <= 0:
        return _not_computable(
            "Serapan anggaran {}: efisiensi tidak dapat dihitung (pembagian dengan nol).".format(
                _pct(absorption_value)
            )
            if absorption_value == 0
            else "Serapan anggaran negatif ({}): efisiensi tidak dapat dihitung.".format(
                _pct(absorption_value)
            ),
            "",
            rule,
        )
    value = achievement_value / absorption_value
    formula = "efisiensi = capaian kinerja / serapan anggaran = {} / {} = {}".format(
        _pct(achievement_value), _pct(absorption_value), _fmt2(value)
    )
    return Achievement(_round(value), "", formula, rule)
