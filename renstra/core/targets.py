"""Parsing of target texts as plans print them.

Forms found in Renstra tables (all occur in the Bontang seed):
    '81 %', '100%'                 percent
    '2500 orang', '1 dokumen', '0' quantity with or without a unit
    '70'                           a score (the indicator says it is an index)
    'BB', 'B'                      a grade of the SAKIP scale AA..D
    '11 unit kendaraan roda dua dan 5 unit kendaraan roda empat'
                                   composite: several quantities, each with its own unit
    '-'                            explicitly no target for the year
    anything else                  a text target, judged by a verifier

The raw text is always kept beside the parse (see plans.Target), so a parse can be re-done.
"""

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from renstra.core.numbers import NIL_MARKS, parse_id_number

GRADE_SCALE = ("AA", "A", "BB", "B", "CC", "C", "D")

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_QUANTITY = re.compile(r"^(?P<number>{})\s*(?P<unit>\S.*)?$".format(_NUMBER))
_PERCENT = re.compile(r"^(?P<number>{})\s*%$".format(_NUMBER))
# A comma only separates parts when a space follows it: '2,5 %' is two and a half percent.
# Separators between parts, strongest first: ';' and ', ' always separate; 'dan' only when every
# part it yields is a quantity ('... absensi dan kinerja' is one unit).
_COMPOSITE_SPLITS = (
    re.compile(r"\s*;\s*|\s*,\s+(?:dan\s+)?", re.IGNORECASE),
    re.compile(r"\s*;\s*|\s*,\s+(?:dan\s+)?|\s+dan\s+", re.IGNORECASE),
)


class TargetKind(StrEnum):
    """What kind of value a target text holds."""

    NUMBER = "number"
    PERCENT = "percent"
    GRADE = "grade"
    COMPOSITE = "composite"
    TEXT = "text"
    NIL = "nil"


@dataclass(frozen=True)
class Quantity:
    """A number with the unit printed after it ('' when none was printed)."""

    value: Decimal
    unit: str


@dataclass(frozen=True)
class ParsedTarget:
    """The meaning of one target text; `text` is the whitespace-normalised original."""

    text: str
    kind: TargetKind
    quantities: tuple[Quantity, ...] = ()
    grade: str | None = None

    @property
    def value(self) -> Decimal | None:
        """The single number of a number or percent target, else None."""
        if self.kind in (TargetKind.NUMBER, TargetKind.PERCENT):
            return self.quantities[0].value
        return None

    @property
    def unit(self) -> str:
        """The unit printed with a number or percent target ('%' for percent)."""
        if self.kind in (TargetKind.NUMBER, TargetKind.PERCENT):
            return self.quantities[0].unit
        return ""


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace to single spaces and strip the ends."""
    return " ".join(str(text).split())


def _quantity(part: str) -> Quantity | None:
    match = _PERCENT.match(part)
    if match:
        return Quantity(parse_id_number(match["number"]), "%")
    match = _QUANTITY.match(part)
    if match:
        unit = normalize_space(match["unit"] or "")
        # "0 -" (a zero with a dash where the unit would be) says no unit, not the unit "-".
        return Quantity(parse_id_number(match["number"]), "" if unit in NIL_MARKS else unit)
    return None


def parse_target(raw: str) -> ParsedTarget:
    """Parse one target text as printed in a plan. Never fails: unknown forms are TEXT.

    Raises ValueError only for an empty text, which is not a target (an empty cell has no
    Target row at all).
    """
    text = normalize_space(raw or "")
    if not text:
        raise ValueError("Target kosong bukan target; sel kosong tidak disimpan sebagai target.")
    if text in NIL_MARKS:
        return ParsedTarget(text, TargetKind.NIL)
    if text.upper() in GRADE_SCALE and text.isalpha():
        return ParsedTarget(text, TargetKind.GRADE, grade=text.upper())
    components = _components(text)
    if components:
        return ParsedTarget(text, TargetKind.COMPOSITE, components)
    single = _quantity(text)
    if single is not None and not _broken_composite(text):
        kind = TargetKind.PERCENT if single.unit == "%" else TargetKind.NUMBER
        return ParsedTarget(text, kind, (single,))
    return ParsedTarget(text, TargetKind.TEXT)


def _broken_composite(text: str) -> bool:
    """'1 unit kendaraan roda dua dan 1': parts that are all numbers but not all with a unit,
    e.g. a composite cut off by the printout. It stays text rather than a wrong single number."""
    parts = [p for p in _COMPOSITE_SPLITS[-1].split(text) if p]
    return len(parts) > 1 and all(_quantity(p) is not None for p in parts)


def _components(text: str) -> tuple[Quantity, ...]:
    """The parts of a composite target, each a quantity with its unit; () when not composite."""
    for splitter in _COMPOSITE_SPLITS:
        parts = [p for p in splitter.split(text) if p]
        if len(parts) > 1:
            quantities = [_quantity(p) for p in parts]
            if all(q is not None and q.unit for q in quantities):
                return tuple(quantities)
    return ()


class ValueType(StrEnum):
    """The value type of an indicator, which decides how achievement is computed."""

    NUMBER = "number"
    PERCENT = "percent"
    INDEX = "index"
    GRADE = "grade"
    COMPOSITE = "composite"
    TEXT = "text"


_INDEX_WORDS = ("indeks", "skor", "index", "nilai")


def infer_value_type(indicator_name: str, targets: list[ParsedTarget]) -> ValueType:
    """Guess an indicator's value type from its name and its targets.

    Grades win (one 'BB' makes a grade scale), then composite, then text; percent when every
    target with a unit is a percent; an index when the name says so (Indeks/Skor/Nilai) and the
    targets are bare numbers; else a plain number.
    """
    kinds = {t.kind for t in targets if t.kind != TargetKind.NIL}
    if TargetKind.GRADE in kinds:
        return ValueType.GRADE
    if TargetKind.COMPOSITE in kinds:
        return ValueType.COMPOSITE
    if TargetKind.TEXT in kinds:
        return ValueType.TEXT
    name = indicator_name.lower()
    units = {t.unit for t in targets if t.kind in (TargetKind.NUMBER, TargetKind.PERCENT)}
    if TargetKind.PERCENT in kinds and units <= {"%", ""}:
        return ValueType.PERCENT
    if not kinds and name.startswith(("persentase", "prosentase")):
        return ValueType.PERCENT
    if units <= {""} and name.startswith(_INDEX_WORDS):
        return ValueType.INDEX
    return ValueType.NUMBER


def infer_unit(targets: list[ParsedTarget]) -> str:
    """The unit most targets are printed with ('' when none has one).

    Units are compared without letter case ('Dokumen' and 'dokumen' are one unit); the spelling
    returned is the first one seen.
    """
    spellings: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for target in targets:
        for quantity in target.quantities if target.kind != TargetKind.COMPOSITE else ():
            if quantity.unit:
                key = quantity.unit.lower()
                spellings.setdefault(key, quantity.unit)
                counts[key] += 1
    if not counts:
        return ""
    return spellings[counts.most_common(1)[0][0]]
