"""The Rencana Aksi of a PK as its page shows and changes it: per PK row, the target and actions
of every period, their combination over the year against the PK's target, and per quarter the
realization monitoring holds for the row's Renstra indicator (entered, approved and locked
there: renstra.monitoring) with its achievement against the quarter's Rencana Aksi target.

The grid is read in a fixed number of queries (the PK read whole by renstra.sakip.chain, and
one query for the year's realizations), and written all or nothing: every cell is checked
first, and nothing is saved while one is wrong (`save_action_grid`).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renstra.core.achievement import (
    ROLLUP_LABELS,
    Achievement,
    Polarity,
    Rollup,
    achievement,
)
from renstra.core.numbers import count_digits
from renstra.core.targets import ParsedTarget, TargetKind, normalize_space, parse_target
from renstra.monitoring.choices import QUARTERS
from renstra.monitoring.models import Realization
from renstra.sakip.agreements import set_action_targets
from renstra.sakip.chain import (
    AgreementRead,
    ChainRow,
    indicator_chain,
    parsed,
    period_label,
    quarter_target,
)
from renstra.sakip.models import ActionPlan, AgreementTarget

MAX_TARGET = 300
MAX_ACTIONS = 4000
NUMERIC = (TargetKind.NUMBER, TargetKind.PERCENT)

QUARTER_RULES = {
    Rollup.SUM: "jumlah target tiga bulan triwulan itu",
    Rollup.LATEST: "target bulan terakhir yang terisi sampai akhir triwulan itu",
    Rollup.AVERAGE: "rata-rata target bulan triwulan itu",
}


def cell_key(target_id: int, period: int, what: str = "t") -> str:
    """The form field of a cell: t_<row>_<period> for the target, a_<row>_<period> for the
    actions."""
    return "{}_{}_{}".format(what, target_id, period)


@dataclass
class Cell:
    period: int
    label: str
    target_raw: str
    actions: str
    error: str = ""
    exists: bool = True  # False: a PK row added after the plan was made has no cell to fill


@dataclass
class QuarterFigure:
    quarter: int
    label: str
    target: ParsedTarget | None
    realization: Realization | None
    achievement: Achievement | None


@dataclass
class GridRow:
    target: AgreementTarget
    chain: ChainRow
    indicator: object  # the Renstra indicator (monitoring's), None when gone or not drawn
    cells: list[Cell]
    quarters: list[QuarterFigure] = field(default_factory=list)


@dataclass
class Grid:
    read: AgreementRead
    rows: list[GridRow]
    periods: int
    quarter_rule: str


def read_grid(read: AgreementRead, typed: dict | None = None, errors: dict | None = None) -> Grid:
    """The page's grid of a PK with a Rencana Aksi; `typed` (form field -> text) and `errors`
    (form field -> message) show a refused POST as it was typed."""
    typed, errors = typed or {}, errors or {}
    periods = read.periods
    ids = {t.source_indicator_id for t in read.targets if t.source_indicator_id in read.renstra}
    realizations = {}
    if ids:
        found = Realization.objects.filter(
            indicator_id__in=ids, year=read.year, quarter__in=QUARTERS
        )
        realizations = {(r.indicator_id, r.quarter): r for r in found}
    rows = []
    for target in read.targets:
        cells = []
        for period in range(1, periods + 1):
            row = target.periods.get(period)
            key, akey = cell_key(target.pk, period), cell_key(target.pk, period, "a")
            cells.append(
                Cell(
                    period,
                    period_label(periods, period),
                    typed.get(key, row.target_raw if row else ""),
                    typed.get(akey, row.actions if row else ""),
                    errors.get(key, "") or errors.get(akey, ""),
                    row is not None,
                )
            )
        indicator = read.renstra.get(target.source_indicator_id)
        grid_row = GridRow(target, indicator_chain(read, target), indicator, cells)
        for quarter in QUARTERS:
            goal = quarter_target(target, periods, quarter)
            entry = realizations.get((target.source_indicator_id, quarter))
            result = None
            if goal is not None and entry is not None:
                polarity = Polarity(indicator.polarity) if indicator else Polarity.HIGHER_IS_BETTER
                result = achievement(
                    goal, parse_target(entry.raw_text), polarity, verdict=entry.verdict
                )
            grid_row.quarters.append(
                QuarterFigure(
                    quarter,
                    period_label(4, quarter),
                    goal,
                    entry,
                    result,
                )
            )
        rows.append(grid_row)
    rule = "; ".join(
        "{}: {}".format(ROLLUP_LABELS[r], QUARTER_RULES[r])
        for r in (Rollup.SUM, Rollup.LATEST, Rollup.AVERAGE)
    )
    return Grid(read, rows, periods, rule)


# --- the write ---------------------------------------------------------------------------


def _cell_error(raw: str, goal: ParsedTarget | None) -> str:
    """Why a period's target text cannot stand beside the PK's target `goal`, '' when it can."""
    if len(raw) > MAX_TARGET:
        return _("Target terlalu panjang: paling banyak {} karakter.").format(MAX_TARGET)
    if count_digits(raw) > 24:
        return _("Angka target terlalu panjang: paling banyak 20 angka sebelum koma.")
    value = parse_target(raw)
    for quantity in value.quantities:
        whole = len(str(abs(int(quantity.value))))
        places = max(0, -quantity.value.as_tuple().exponent)
        if whole > 20 or places > 4:
            return _(
                "'{}' terlalu besar atau terlalu rinci (paling banyak 20 angka sebelum koma dan 4 "
                "sesudahnya)."
            ).format(raw)
    if goal is None or goal.kind not in NUMERIC:
        return ""
    if value.kind not in NUMERIC:
        return _(
            "'{}' tidak dapat dibaca sebagai angka, sedangkan target PK «{}» berupa angka. "
            "Contoh penulisan: 10, 25 %, 5 orang; kosongkan bila periode ini tanpa target."
        ).format(raw, goal.text)
    if value.unit and goal.unit and value.unit.lower() != goal.unit.lower():
        return _("Satuan '{}' berbeda dari satuan target PK '{}'.").format(value.unit, goal.unit)
    return ""


def grid_values(read: AgreementRead, data) -> tuple[dict, dict, dict]:
    """From a POST: the cells typed (form field -> text), the values for set_action_targets
    ({(row id, period): (target, actions)}) and the errors per cell (form field -> message).
    A cell absent from the POST keeps its value."""
    typed, values, errors = {}, {}, {}
    for target in read.targets:
        goal = parsed(target.target_raw)
        for period in range(1, read.periods + 1):
            key, akey = cell_key(target.pk, period), cell_key(target.pk, period, "a")
            if key not in data and akey not in data:
                continue
            row = target.periods.get(period)
            if row is None:
                continue
            raw = normalize_space(data.get(key, row.target_raw))
            actions = data.get(akey, row.actions).strip()
            typed[key], typed[akey] = raw, actions
            message = _cell_error(raw, goal) if raw else ""
            if len(actions) > MAX_ACTIONS:
                message = _("Rencana aksi terlalu panjang: paling banyak {} karakter.").format(
                    MAX_ACTIONS
                )
            if message:
                errors[key] = "{} ({}, {})".format(
                    message, target.name, period_label(read.periods, period)
                )
            values[(target.pk, period)] = (raw, actions)
    return typed, values, errors


@transaction.atomic
def save_action_grid(*, plan: ActionPlan, read: AgreementRead, data) -> int:
    """Every cell of the POST checked, then all written, or none with ValidationError whose
    error_dict names each wrong cell by its form field. Returns the rows changed."""
    _typed, values, errors = grid_values(read, data)
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    return set_action_targets(plan=plan, values=values)
