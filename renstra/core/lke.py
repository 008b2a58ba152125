"""Scoring of the SAKIP evaluation worksheet (LKE, PermenPAN-RB 88/2021), pure Python.

The worksheet is four components (Perencanaan Kinerja 30, Pengukuran Kinerja 30, Pelaporan
Kinerja 15, Evaluasi Akuntabilitas Kinerja Internal 25), each split into three sub-components
(keberadaan / kualitas / pemanfaatan: 20 % / 30 % / 50 % of the component's weight), each made
of criteria. A criterion is answered on its scale (Y/T, or A–E); each answer stands for a
fraction of the criterion (A = 1, B = 0,75, C = 0,5, D = 0,25, E = 0; Y = 1, T = 0).

Rules (stated with every score, RULE):
- a sub-component's score = its weight × the plain mean of its criteria's fractions; a
  criterion not answered counts as 0 (the evaluator gives no marks for missing proof);
- a component's score = the sum of its sub-components'; the total = the sum of the components';
- scores are rounded only where printed (2 decimals, ROUND_HALF_UP); sums use unrounded parts;
- grade (predikat): AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D otherwise.

No float anywhere; nothing here raises for an unknown answer: it counts as not answered.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from renstra.core.achievement import sakip_grade

ZERO = Decimal(0)
_TWO_PLACES = Decimal("0.01")

RULE = (
    "Nilai subkomponen = bobot subkomponen × rata-rata nilai jawaban kriterianya (A = 1; "
    "B = 0,75; C = 0,5; D = 0,25; E = 0; Y = 1; T = 0; kriteria yang belum dijawab bernilai 0). "
    "Nilai komponen = jumlah nilai subkomponennya; nilai akhir = jumlah nilai komponen. "
    "Predikat: AA > 90; A > 80–90; BB > 70–80; B > 60–70; CC > 50–60; C > 30–50; D 0–30 "
    "(PermenPAN-RB 88/2021)."
)

GRADE_LABELS = {
    "AA": "Sangat Memuaskan",
    "A": "Memuaskan",
    "BB": "Sangat Baik",
    "B": "Baik",
    "CC": "Cukup",
    "C": "Kurang",
    "D": "Sangat Kurang",
}


@dataclass(frozen=True)
class Option:
    """One answer of a scale: its code ('A', 'Y'), the fraction it stands for, its meaning."""

    code: str
    fraction: Decimal
    label: str = ""


@dataclass(frozen=True)
class Scale:
    """The answers a criterion may take, best first."""

    key: str
    options: tuple[Option, ...]

    def fraction(self, code: str | None) -> Decimal | None:
        """The fraction of answer `code` (case and spaces ignored), None for no or no known
        answer."""
        wanted = (code or "").strip().upper()
        for option in self.options:
            if option.code.upper() == wanted:
                return option.fraction
        return None

    def codes(self) -> tuple[str, ...]:
        return tuple(option.code for option in self.options)

    def closest(self, fraction: Decimal) -> str:
        """The answer whose fraction is nearest `fraction` (a tie goes to the lower answer):
        how a rule that measures a share (96 % filled) suggests an answer on this scale."""
        best = min(self.options, key=lambda o: (abs(o.fraction - fraction), o.fraction))
        return best.code

    def at_least(self, fraction: Decimal) -> str:
        """The best answer whose fraction does not exceed `fraction` (the lowest answer when
        none): a rule that must not over-mark rounds down."""
        fitting = [o for o in self.options if o.fraction <= fraction]
        if not fitting:
            return min(self.options, key=lambda o: o.fraction).code
        return max(fitting, key=lambda o: o.fraction).code


SCALES: dict[str, Scale] = {
    "yt": Scale(
        "yt",
        (
            Option("Y", Decimal(1), "Ya"),
            Option("T", ZERO, "Tidak"),
        ),
    ),
    "ae": Scale(
        "ae",
        (
            Option("A", Decimal(1), "Sangat memadai / seluruhnya"),
            Option("B", Decimal("0.75"), "Memadai / sebagian besar"),
            Option("C", Decimal("0.5"), "Cukup / sebagian"),
            Option("D", Decimal("0.25"), "Kurang / sebagian kecil"),
            Option("E", ZERO, "Tidak ada"),
        ),
    ),
}


def sub_component_score(weight: Decimal, fractions: Iterable[Decimal | None]) -> Decimal:
    """`weight` × the mean of `fractions` (None = not answered = 0); 0 without criteria."""
    values = [value if value is not None else ZERO for value in fractions]
    if not values:
        return ZERO
    return weight * sum(values, ZERO) / len(values)


def total(scores: Iterable[Decimal]) -> Decimal:
    return sum(scores, ZERO)


def rounded(value: Decimal) -> Decimal:
    """A score as printed: 2 decimals, half up."""
    return value.quantize(_TWO_PLACES, rounding=ROUND_HALF_UP)


def grade(score: Decimal) -> str:
    """The grade (predikat) of a total score, by the thresholds of PermenPAN-RB 88/2021: the
    SAKIP grade scale the achievement of grade targets already uses (core.achievement)."""
    return sakip_grade(score)


@dataclass(frozen=True)
class Score:
    """A total score as printed: rounded, with its grade and the grade's name (the grade of
    the unrounded total: sums and thresholds use unrounded numbers)."""

    total: Decimal

    @property
    def rounded(self) -> Decimal:
        return rounded(self.total)

    @property
    def grade(self) -> str:
        return grade(self.total)

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS[self.grade]


def check_weights(
    components: Mapping[str, tuple[Decimal, Mapping[str, Decimal]]],
) -> list[str]:
    """What is wrong with a template's weights, in Indonesian ([] when right): the components'
    weights sum to 100, each component's three sub-components to 20 %, 30 % and 50 % of it.
    `components` = {component code: (weight, {sub-component code: weight})} in order."""
    errors = []
    whole = total(weight for weight, _parts in components.values())
    if whole != Decimal(100):
        errors.append("Jumlah bobot komponen {}, bukan 100.".format(whole))
    for code, (weight, parts) in components.items():
        shares = [Decimal(20), Decimal(30), Decimal(50)]
        values = list(parts.values())
        expected = [weight * share / 100 for share in shares]
        if len(values) != 3 or any(a != b for a, b in zip(values, expected, strict=False)):
            errors.append(
                "Komponen {}: bobot subkomponen {} tidak sama dengan 20/30/50 % dari {} ({}).".format(
                    code,
                    " / ".join(str(v) for v in values) or "-",
                    weight,
                    " / ".join(str(v.normalize()) for v in expected),
                )
            )
    return errors
