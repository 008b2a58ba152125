"""The grid of targets and funding of one program: who may edit it, its rows read in a constant
number of queries, and one row saved at a time under an optimistic lock.

A row is either the yearly targets of one indicator (of the program or of one of its kegiatan)
or the yearly funding of the program (its declared total) or of one kegiatan. Every row carries
a token made from what is stored in it; a save whose token no longer matches the stored row was
made against values someone else has changed since, and writes nothing.
"""

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.core.numbers import NumberFormatError, format_rupiah, parse_amount
from renstra.plans.guard import assert_versions_editable
from renstra.plans.models import Activity, Funding, Indicator, PlanVersion, Program, Target
from renstra.plans.permissions import ACTIONS, denied
from renstra.plans.queries import programs_of
from renstra.plans.services import target_fields

TARGET = "target"
FUNDING = "funding"
# Which owners a row of each kind may have.
ROW_OWNERS = {TARGET: ("indicator",), FUNDING: ("program", "activity")}

# What a save did; the view answers each with its own HTTP status.
SAVED = "saved"
UNCHANGED = "unchanged"
CONFLICT = "conflict"
INVALID = "invalid"

EMPTY_MARK = gettext_noop("(kosong)")


class RowNotFound(LookupError):
    """The row asked for is not part of this version (or not a row of the grid)."""


@dataclass(frozen=True)
class RowKey:
    """Which row: kind (target|funding), owner (indicator|program|activity) and its id."""

    kind: str
    owner: str
    pk: int

    def __post_init__(self):
        if self.owner not in ROW_OWNERS.get(self.kind, ()):
            raise ValueError("Baris '{} {}' tidak dikenal.".format(self.kind, self.owner))

    @property
    def dom_id(self) -> str:
        return "baris-{}-{}-{}".format(self.kind, self.owner, self.pk)


@dataclass
class Cell:
    """One year of a row: what the input shows, and what is stored (as shown)."""

    year: int
    value: str
    stored: str
    error: str = ""

    @property
    def changed(self) -> bool:
        return self.value != self.stored


@dataclass
class GridRow:
    """One row of the grid, ready for the template."""

    key: RowKey
    level: str  # "program" or "activity": whose row it is
    code: str
    item: str
    label: str
    unit: str
    cells: list[Cell]
    token: str
    outcome: str = ""
    message: str = ""
    conflicts: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def dirty(self) -> bool:
        """Shown with values that are not stored (a conflict or a refused save)."""
        return any(cell.changed for cell in self.cells)

    @property
    def max_length(self) -> int:
        model = Target if self.key.kind == TARGET else Funding
        return model._meta.get_field("raw_text").max_length


# --- who may edit ------------------------------------------------------------------------------


def may_edit(user, version) -> bool:
    # A superuser passes every has_perm; the version's status still decides.
    return version.is_editable and user.has_perm(ACTIONS["edit"], version)


def read_only_reason(user, version) -> str:
    """Why the grid (and the API's writes of targets and funding) is read only for `user`."""
    if not version.is_editable:
        return _(
            "Versi ini berstatus '{}' sehingga target dan pendanaannya hanya dapat dibaca. "
            "Perubahan dilakukan pada versi berstatus Draf atau Dikembalikan; untuk Renstra yang "
            "sudah ditetapkan, buat review (versi baru)."
        ).format(version.get_status_display())
    if not user.is_authenticated:
        return _(
            "Anda belum masuk. Masuk sebagai perencana Perangkat Daerah ini untuk mengubah target "
            "dan pendanaan."
        )
    return denied("edit")


# --- reading -----------------------------------------------------------------------------------


def program_for_grid(version: PlanVersion, program_id: int) -> Program:
    """The program with its indicators, targets, kegiatan and funding (a fixed number of
    queries, whatever the number of kegiatan)."""
    program = programs_of(version).filter(pk=program_id).first()
    if program is None:
        raise RowNotFound(program_id)
    return program


def program_rows(program: Program, years: list[int]) -> list[GridRow]:
    """The rows of a program in document order: the program's indicators and declared total,
    then for every kegiatan its indicators and its funding."""
    rows = [
        _target_row(i, program, "program", i.targets.all(), years) for i in program.indicators.all()
    ]
    rows.append(
        _funding_row(
            RowKey(FUNDING, "program", program.pk), program, "program", program.funding.all(), years
        )
    )
    for activity in program.activities.all():
        rows += [
            _target_row(i, activity, "activity", i.targets.all(), years)
            for i in activity.indicators.all()
        ]
        rows.append(
            _funding_row(
                RowKey(FUNDING, "activity", activity.pk),
                activity,
                "activity",
                activity.funding.all(),
                years,
            )
        )
    return rows


def _code(item) -> str:
    return item.code or item.number


def _target_row(indicator: Indicator, owner, level: str, targets, years) -> GridRow:
    stored = {t.year: t for t in targets}
    return GridRow(
        key=RowKey(TARGET, "indicator", indicator.pk),
        level=level,
        code=_code(owner),
        item=owner.name,
        label=indicator.name,
        unit=indicator.unit,
        cells=[Cell(y, _shown(stored.get(y)), _shown(stored.get(y))) for y in years],
        token=_token(stored, years),
    )


def _funding_row(key: RowKey, owner, level: str, funding, years) -> GridRow:
    stored = {f.year: f for f in funding}
    label = (
        _("Pagu indikatif program (total tertulis, Rp)")
        if level == "program"
        else _("Pagu indikatif kegiatan (Rp)")
    )
    return GridRow(
        key=key,
        level=level,
        code=_code(owner),
        item=owner.name,
        label=label,
        unit="",
        cells=[Cell(y, _shown(stored.get(y)), _shown(stored.get(y))) for y in years],
        token=_token(stored, years),
    )


def _shown(record: Target | Funding | None) -> str:
    """What a cell shows: a target as written; an amount the Indonesian way (1.047.655.345)."""
    if record is None:
        return ""
    if isinstance(record, Funding):
        return format_rupiah(record.amount) if record.amount is not None else record.raw_text
    return record.raw_text


def _token(stored: dict[int, Target | Funding], years: list[int]) -> str:
    """A fingerprint of what is stored in a row's years: it changes whenever a value does."""
    state = []
    for year in years:
        record = stored.get(year)
        if record is None:
            state.append([year, None])
        elif isinstance(record, Funding):
            amount = None if record.amount is None else str(record.amount)
            state.append([year, record.raw_text, amount])
        else:
            state.append([year, record.raw_text])
    return hashlib.sha256(json.dumps(state).encode()).hexdigest()[:20]


# --- saving ------------------------------------------------------------------------------------


@dataclass
class _LockedRow:
    owner: Indicator | Program | Activity
    stored: dict[int, Target | Funding]
    row: GridRow


def _lock_row(version: PlanVersion, key: RowKey, years: list[int]) -> _LockedRow:
    """Re-read a row for writing: its owner and its stored years, locked until commit."""
    try:
        if key.kind == TARGET:
            indicator = Indicator.objects.select_for_update().get(pk=key.pk, version=version)
            if indicator.activity_id:
                owner, level = Activity.objects.get(pk=indicator.activity_id), "activity"
            elif indicator.program_id:
                owner, level = Program.objects.get(pk=indicator.program_id), "program"
            else:
                raise RowNotFound(key)
            records = Target.objects.select_for_update().filter(indicator=indicator)
            stored = {t.year: t for t in records}
            for target in stored.values():
                target.indicator = indicator
            row = _target_row(indicator, owner, level, stored.values(), years)
            return _LockedRow(indicator, stored, row)
        if key.owner == "program":
            owner = Program.objects.select_for_update().get(pk=key.pk, version=version)
        else:
            owner = (
                Activity.objects.select_for_update(of=("self",))
                .select_related("program")
                .get(pk=key.pk, program__version=version)
            )
        records = Funding.objects.select_for_update().filter(**{key.owner: owner})
        stored = {f.year: f for f in records}
        for funding in stored.values():
            setattr(funding, key.owner, owner)
        row = _funding_row(key, owner, key.owner, stored.values(), years)
        return _LockedRow(owner, stored, row)
    except (Indicator.DoesNotExist, Program.DoesNotExist, Activity.DoesNotExist) as exc:
        raise RowNotFound(key) from exc


def _describe(value: str) -> str:
    return value or _(EMPTY_MARK)


def _conflict_message(conflicts: list[tuple[int, str, str]]) -> str:
    parts = "; ".join(
        _("tahun {} tersimpan {}, isian Anda {}").format(
            year, _describe(stored), _describe(submitted)
        )
        for year, stored, submitted in conflicts
    )
    return _("Baris ini sudah diubah orang lain: {}; muat ulang baris atau simpan ulang.").format(
        parts
    )


def _parse_cell(kind: str, text: str) -> tuple[str, dict]:
    """The model fields of one typed, non-empty cell, or an Indonesian error saying why not."""
    if kind == TARGET:
        fields = target_fields(text)
        candidate = Target(**fields)
    else:
        try:
            amount = parse_amount(text)
        except NumberFormatError as exc:
            return str(exc), {}
        if amount is not None and amount < Decimal(0):
            return _("Pagu indikatif tidak boleh negatif."), {}
        fields = {"raw_text": text, "amount": amount}
        candidate = Funding(**fields)
    # Lengths and digits the database would refuse, told per cell rather than as a crash.
    try:
        candidate.clean_fields(
            exclude=[f.name for f in candidate._meta.fields if f.name not in fields]
        )
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        verbose = str(candidate._meta.get_field(name).verbose_name)
        return "{}: {}".format(verbose[:1].upper() + verbose[1:], " ".join(messages)), {}
    return "", fields


def save_row(
    *,
    version: PlanVersion,
    key: RowKey,
    values: dict[int, str],
    token: str,
    seen: dict[int, str] | None = None,
) -> GridRow:
    """Save the yearly values of one row, all or nothing.

    `values` holds the cells as typed ({year: text}; an empty text deletes that year), `token`
    the row's token as the person saw it, and `seen` (optional) the cells as they were shown,
    which only serves to name the years someone else changed. Only the years of the plan are
    read; a year missing from `values` stays as it is. The returned row says what happened in
    `outcome`: SAVED, UNCHANGED, CONFLICT (someone changed the row since; nothing written) or
    INVALID (a cell did not parse; nothing written, the cell carries the error).
    """
    years = version.plan.target_years
    with transaction.atomic():
        assert_versions_editable([version.pk])
        locked = _lock_row(version, key, years)
        row = locked.row
        stored = {cell.year: cell.stored for cell in row.cells}
        submitted = {y: str(values[y]).strip() for y in years if y in values}
        changes = {y: text for y, text in submitted.items() if text != stored[y]}
        for cell in row.cells:
            cell.value = submitted.get(cell.year, cell.stored)
        if not changes:
            row.outcome, row.message = UNCHANGED, _("Tidak ada perubahan.")
            return row
        if token != row.token:
            # Name the years changed by someone else; when what was seen is not known (or only
            # a raw text changed behind the same shown value), every year this save would change.
            theirs = [y for y in years if seen and y in seen and seen[y] != stored[y]]
            conflicting = theirs or sorted(changes)
            row.conflicts = [(y, stored[y], submitted.get(y, stored[y])) for y in conflicting]
            row.outcome, row.message = CONFLICT, _conflict_message(row.conflicts)
            return row
        parsed = {}
        for cell in row.cells:
            if changes.get(cell.year):
                cell.error, parsed[cell.year] = _parse_cell(key.kind, changes[cell.year])
        if any(cell.error for cell in row.cells):
            row.outcome = INVALID
            row.message = _("Baris belum disimpan: perbaiki sel yang ditandai.")
            return row
        for year in changes:
            _write_year(key, locked, year, parsed.get(year))
        saved = _lock_row(version, key, years).row
    saved.outcome, saved.message = SAVED, _("Tersimpan.")
    return saved


def _write_year(key: RowKey, locked: _LockedRow, year: int, fields: dict | None) -> None:
    """Create, update or (for an empty cell) delete the stored value of one year."""
    record = locked.stored.get(year)
    if not fields:
        if record is not None:
            record.delete()
        return
    if record is None:
        model = Target if key.kind == TARGET else Funding
        record = model(**{key.owner: locked.owner}, year=year)
    for name, value in fields.items():
        setattr(record, name, value)
    # The note said where the document's value was placed; a value typed here is placed by
    # its author.
    record.inferred_note = ""
    record.save()
