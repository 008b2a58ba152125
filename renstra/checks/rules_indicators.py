"""Indicator and target rules (Tabel 6.2, indicators of tujuan and sasaran).

The rules over every indicator read them all, with their owner's level: tujuan, sasaran, program,
kegiatan and sub kegiatan (`VersionRead.indicators()`)."""

import functools
import re
from collections import Counter

from renstra.checks.engine import Location, Severity, kind_word, label, rule, side_of
from renstra.core.targets import TargetKind, ValueType, parse_target
from renstra.plans.levels import FUNDED

# The table of the document that prints the indicators of each side of the cascade, by the
# side's root level: the goals side in Tabel 5.1, the programs side in Tabel 6.2.
TABLE_OF_SIDE = {"tujuan": "5.1", "program": "6.2"}
FUNDED_KINDS = frozenset(level.key for level in FUNDED)
_PERCENT_NAME = re.compile(r"^\s*(persentase|prosentase|presentase|persentasi)\b", re.IGNORECASE)
_COUNT_NAME = re.compile(r"^\s*jumlah\b", re.IGNORECASE)
_STATEMENT = re.compile(
    r"^\s*(meningkatnya|menurunnya|terwujudnya|tersedianya|terlaksananya|terselenggaranya|"
    r"tersusunnya|terpenuhinya|tercapainya|terlaksanakannya)\b",
    re.IGNORECASE,
)


def measure_name(name: str) -> str:
    """The indicator's wording without a printed prefix such as 'Indikator Program (Outcome) :'."""
    head, colon, rest = name.partition(":")
    if colon and head.strip().lower().startswith("indikator"):
        return rest.strip()
    return name


def _table(kind: str) -> str:
    return TABLE_OF_SIDE[side_of(kind).key]


def _on_programs_side(kind: str) -> bool:
    return side_of(kind).key == "program"


def _where(kind, owner, indicator, year=None) -> Location:
    return Location(
        _table(kind),
        kind,
        owner.pk,
        getattr(owner, "code", "") or owner.number,
        owner.name,
        year,
        indicator.name,
    )


@rule("goal_without_indicator", Severity.WARNING, "Tujuan tanpa indikator")
def goal_without_indicator(snapshot):
    for goal in snapshot.goals:
        if not goal.indicator_list:
            yield (
                Location("5.1", "tujuan", goal.pk, goal.number, goal.name),
                "Tujuan '{}' tidak punya indikator. Tetapkan indikator tujuan yang terukur.".format(
                    goal.name
                ),
                {},
            )


@rule("objective_without_indicator", Severity.WARNING, "Sasaran tanpa indikator")
def objective_without_indicator(snapshot):
    for objective in snapshot.objectives:
        if not objective.indicator_list:
            yield (
                Location("5.1", "sasaran", objective.pk, objective.number, objective.name),
                "Sasaran '{}' tidak punya indikator. Tetapkan indikator sasaran yang terukur.".format(
                    objective.name
                ),
                {},
            )


@rule(
    "program_without_outcome_indicator", Severity.WARNING, "Program tanpa indikator hasil (outcome)"
)
def program_without_outcome_indicator(snapshot):
    for program in snapshot.programs:
        if not any(i.kind == "outcome" for i in program.indicator_list):
            yield (
                Location(
                    "6.2", "program", program.pk, program.code or program.number, program.name
                ),
                "Program {} tidak punya indikator hasil (outcome).".format(label(program)),
                {},
            )


@rule(
    "activity_without_output_indicator",
    Severity.WARNING,
    "Kegiatan tanpa indikator keluaran (output)",
)
def activity_without_output_indicator(snapshot):
    for activity in snapshot.activities:
        if not any(i.kind == "output" for i in activity.indicator_list):
            yield (
                Location(
                    "6.2", "kegiatan", activity.pk, activity.code or activity.number, activity.name
                ),
                "Kegiatan {} tidak punya indikator keluaran (output).".format(label(activity)),
                {},
            )


@rule("indicator_without_targets", Severity.WARNING, "Indikator tanpa target tahunan")
def indicator_without_targets(snapshot):
    for kind, owner, indicator in _indicators(snapshot):
        if not indicator.target_list:
            yield (
                _where(kind, owner, indicator),
                "Indikator '{}' ({} {}) tidak punya target tahunan {}–{}.".format(
                    indicator.name,
                    kind_word(kind),
                    label(owner),
                    snapshot.years[0],
                    snapshot.years[-1],
                ),
                {"years": snapshot.years},
            )


@rule("target_missing_year", Severity.WARNING, "Target tidak lengkap untuk semua tahun periode")
def target_missing_year(snapshot):
    for kind, owner, indicator in _indicators(snapshot):
        years = {t.year for t in indicator.target_list}
        if not years:
            continue  # indicator_without_targets
        # A program or (sub) kegiatan not funded in a year does not run then: no target is expected.
        idle = _unfunded_years(snapshot, owner) if kind in FUNDED_KINDS else set()
        missing = [y for y in snapshot.years if y not in years and y not in idle]
        if missing:
            yield (
                _where(kind, owner, indicator),
                "Indikator '{}' ({} {}) tidak punya target untuk tahun {}.".format(
                    indicator.name, kind_word(kind), label(owner), ", ".join(map(str, missing))
                ),
                {"missing_years": missing, "target_years": sorted(years)},
            )


def _indicators(snapshot):
    """(level key, owner, indicator) of every indicator of the version, in document order."""
    for owned in snapshot.indicators():
        yield owned.kind, owned.owner, owned.indicator


def _unfunded_years(snapshot, item) -> set[int]:
    if not snapshot.has_funding:
        return set()
    funded = {f.year for f in item.funding_list if f.amount}
    if not funded and not item.funding_list and getattr(item, "activity_list", None):
        # a program without a declared total: it runs when its kegiatan do
        funded = {f.year for a in item.activity_list for f in a.funding_list if f.amount}
    return set(snapshot.years) - funded


@rule("target_outside_period", Severity.ERROR, "Target untuk tahun di luar periode")
def target_outside_period(snapshot):
    for kind, owner, indicator in _indicators(snapshot):
        for target in indicator.target_list:
            if target.year not in snapshot.years:
                yield (
                    _where(kind, owner, indicator, target.year),
                    "Indikator '{}' punya target '{}' untuk tahun {}, di luar periode {}–{}.".format(
                        indicator.name,
                        target.raw_text,
                        target.year,
                        snapshot.years[0],
                        snapshot.years[-1],
                    ),
                    {"target": target.raw_text},
                )


def _unit_of(target) -> str | None:
    """The unit a target is written in, lowercased; None when it says nothing about units."""
    if target.kind == TargetKind.PERCENT:
        return "%"
    if target.kind == TargetKind.GRADE:
        return "nilai huruf"
    if target.kind == TargetKind.NUMBER and target.unit:
        return target.unit.lower()
    return None


@rule("target_unit_differs", Severity.WARNING, "Satuan target berbeda dengan satuan indikator")
def target_unit_differs(snapshot):
    for kind, owner, indicator in _indicators(snapshot):
        targets = list(indicator.target_list)
        units = Counter(u for u in map(_unit_of, targets) if u)
        if not units:
            continue
        name = measure_name(indicator.name)
        name_says = "%" if _PERCENT_NAME.match(name) else None
        expected = name_says or units.most_common(1)[0][0]
        for target in targets:
            unit = _unit_of(target)
            counted = _COUNT_NAME.match(name) and unit == "%"
            if unit and (unit != expected or counted):
                yield (
                    _where(kind, owner, indicator, target.year),
                    "Target '{}' tahun {} tertulis dalam '{}', sedangkan indikator '{}' {}.".format(
                        target.raw_text,
                        target.year,
                        unit,
                        indicator.name,
                        "berupa jumlah, bukan persen"
                        if counted
                        else "memakai satuan '{}'".format(expected),
                    ),
                    {"target": target.raw_text, "unit": unit, "expected": expected},
                )


@rule("percent_over_100", Severity.WARNING, "Persentase di atas 100")
def percent_over_100(snapshot):
    for kind, owner, indicator in _indicators(snapshot):
        if not _PERCENT_NAME.match(measure_name(indicator.name)):
            continue
        for target in indicator.target_list:
            if (
                target.kind == TargetKind.PERCENT
                and target.value is not None
                and target.value > 100
            ):
                yield (
                    _where(kind, owner, indicator, target.year),
                    "Target '{}' tahun {} untuk '{}' melebihi 100%.".format(
                        target.raw_text, target.year, indicator.name
                    ),
                    {"target": target.raw_text},
                )


def _same_value(a, b) -> bool:
    return (a.kind, a.value, (a.unit or "").lower(), a.grade) == (
        b.kind,
        b.value,
        (b.unit or "").lower(),
        b.grade,
    )


@rule(
    "end_target_differs",
    Severity.WARNING,
    "Kondisi akhir periode tidak sama dengan target tahun terakhir",
)
def end_target_differs(snapshot):
    last_year = snapshot.years[-1]
    for kind, owner, indicator in _indicators(snapshot):
        if not indicator.end_target_raw:
            continue
        last = next((t for t in indicator.target_list if t.year == last_year), None)
        if last is None:
            continue
        end = parse_target(indicator.end_target_raw)
        if not _same_value(end, parse_target(last.raw_text)):
            yield (
                _where(kind, owner, indicator),
                "Indikator '{}': kondisi akhir periode '{}' tidak sama dengan target {} '{}'.".format(
                    indicator.name, indicator.end_target_raw, last_year, last.raw_text
                ),
                {"end_target": indicator.end_target_raw, "last_target": last.raw_text},
            )


@rule("baseline_missing", Severity.SUGGESTION, "Kondisi awal tidak diisi")
def baseline_missing(snapshot):
    indicators = list(_indicators(snapshot))
    if indicators and not any(i.baseline_raw for _, _, i in indicators):
        yield (
            Location("6.2", "versi", snapshot.version.pk, "", str(snapshot.version)),
            "Tidak satu pun indikator versi ini punya kondisi awal (tahun {}). Isi kondisi kinerja "
            "awal agar capaian dapat dibandingkan.".format(snapshot.plan.baseline_year),
            {"indicators": len(indicators)},
        )
        return
    for kind, owner, indicator in indicators:
        if not indicator.baseline_raw and _on_programs_side(kind):
            yield (
                _where(kind, owner, indicator),
                "Indikator '{}' ({} {}) tidak punya kondisi awal.".format(
                    indicator.name, kind_word(kind), label(owner)
                ),
                {},
            )


@rule("duplicate_indicator", Severity.WARNING, "Indikator ganda pada butir yang sama")
def duplicate_indicator(snapshot):
    seen = {}
    for kind, owner, indicator in _indicators(snapshot):
        key = (kind, owner.pk, indicator.name.strip().lower())
        if key in seen:
            yield (
                _where(kind, owner, indicator),
                "Indikator '{}' tercantum dua kali pada {} {}.".format(
                    indicator.name, kind_word(kind), label(owner)
                ),
                {},
            )
        seen[key] = indicator


@rule("indicator_not_measurable", Severity.SUGGESTION, "Indikator berupa pernyataan, bukan ukuran")
def indicator_not_measurable(snapshot):
    for kind, owner, indicator in _indicators(snapshot):
        if _STATEMENT.match(measure_name(indicator.name)) and not indicator.unit:
            yield (
                _where(kind, owner, indicator),
                "Indikator '{}' berbunyi seperti pernyataan hasil, tanpa satuan. Rumuskan sebagai ukuran "
                "(mis. 'Persentase …', 'Jumlah …', 'Indeks …') agar SMART.".format(indicator.name),
                {},
            )


# Value types measured by a number: their targets and baselines must be numbers for the
# achievement (capaian) to be computed. How the messages name them (Indonesian whatever the
# page's language, like every finding's message).
NUMERIC_VALUE_TYPES = {
    ValueType.NUMBER.value: "angka",
    ValueType.PERCENT.value: "persen",
    ValueType.INDEX.value: "indeks/skor",
}


def _measured_as(indicator) -> str | None:
    """How a numeric indicator is measured ('angka', 'persen', 'indeks/skor'), None when it is
    not numeric. An indicator typed as text whose name says it is a percentage ('Persentase …')
    is a percentage all the same: its type was inferred from the very text targets in question
    (the T-C.27 of BKPSDM Sumedang prints a bare '%' as the only target of three of them)."""
    if indicator.value_type == ValueType.TEXT.value and _PERCENT_NAME.match(
        measure_name(indicator.name)
    ):
        return NUMERIC_VALUE_TYPES[ValueType.PERCENT.value]
    return NUMERIC_VALUE_TYPES.get(indicator.value_type)


def _example(indicator, measured: str) -> str:
    """A target written as the checker reads a number: '20 %', '20 kali', '20'."""
    unit = indicator.unit.strip()
    if measured == "persen" or unit == "%":
        return "20 %"
    return "20 {}".format(unit) if unit else "20"


@functools.lru_cache(maxsize=4096)
def _is_text(raw: str) -> bool:
    # Cached: plans write the same few targets ('100%', '12 kali') again and again, and a
    # region's check parses each of them once instead of once per cell.
    return bool(raw.strip()) and parse_target(raw).kind == TargetKind.TEXT


def _not_a_number(kind, owner, indicator, measured: str, what: str, raw: str) -> str:
    """'Target tahun 2019 'duapuluh kali' indikator '…' (kegiatan …) tidak terbaca sebagai
    angka, padahal indikator ini diukur dengan angka'."""
    return (
        "{} '{}' indikator '{}' ({} {}) tidak terbaca sebagai angka, padahal indikator ini "
        "diukur dengan {}".format(
            what, raw, indicator.name, kind_word(kind), label(owner), measured
        )
    )


@rule(
    "target_not_a_number",
    Severity.ERROR,
    "Target indikator angka tidak terbaca sebagai angka",
)
def target_not_a_number(snapshot):
    """A yearly target (or the end-of-period condition) of a numeric indicator that parses as
    free text ('duapuluh kali', '%'): its achievement cannot be computed."""
    for kind, owner, indicator in _indicators(snapshot):
        measured = _measured_as(indicator)
        if measured is None:
            continue
        example = _example(indicator, measured)
        cells = [
            (t.year, "Target tahun {}".format(t.year), t.raw_text) for t in indicator.target_list
        ]
        cells.append((None, "Kondisi akhir periode", indicator.end_target_raw))
        for year, what, raw in cells:
            if not _is_text(raw):
                continue
            yield (
                _where(kind, owner, indicator, year),
                "{}: capaiannya tidak dapat dihitung. Tulis nilainya dengan angka, diikuti "
                "satuannya. Contoh: {}.".format(
                    _not_a_number(kind, owner, indicator, measured, what, raw), example
                ),
                {"target": raw, "value_type": indicator.value_type, "example": example},
            )


@rule(
    "baseline_not_a_number",
    Severity.WARNING,
    "Kondisi awal indikator angka tidak terbaca sebagai angka",
)
def baseline_not_a_number(snapshot):
    """The baseline of a numeric indicator that parses as free text ('n/a', 'belum ada')."""
    for kind, owner, indicator in _indicators(snapshot):
        measured = _measured_as(indicator)
        if measured is None or not _is_text(indicator.baseline_raw):
            continue
        example = _example(indicator, measured)
        yield (
            _where(kind, owner, indicator),
            "{}. Tulis kondisi tahun {} dengan angka, diikuti satuannya (Contoh: {}), atau '-' "
            "bila datanya tidak ada.".format(
                _not_a_number(
                    kind, owner, indicator, measured, "Kondisi awal", indicator.baseline_raw
                ),
                snapshot.plan.baseline_year,
                example,
            ),
            {
                "baseline": indicator.baseline_raw,
                "value_type": indicator.value_type,
                "example": example,
            },
        )
