"""Entering realization and moving it through its states: the one way pages, the CSV import,
the API and the demo change monitoring data. Every refusal is an `EntryRefused` with an
Indonesian message the page shows as is."""

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renstra.core.numbers import (
    NIL_MARKS,
    NumberFormatError,
    count_digits,
    parse_id_number,
    quote,
)
from renstra.core.targets import TargetKind, normalize_space, parse_target
from renstra.monitoring.cells import (
    CONFLICT,
    REFUSED,
    SAVED,
    UNCHANGED,
    CellSave,
    RowSave,
    cell_token,
    describe_stored,
    figure_token,
)
from renstra.monitoring.choices import OPEN_STATUSES, QUARTER_LABELS, EntryStatus
from renstra.monitoring.evaluation import evaluate, indicator_year
from renstra.monitoring.models import Assignment, BudgetRealization, Evidence, Realization
from renstra.plans.choices import ValueType, VersionStatus
from renstra.plans.models import Activity, Indicator, Unit
from renstra.plans.services import target_fields


class EntryRefused(Exception):
    """A change to monitoring data that is not allowed or not valid; the message says why."""


class CellChanged(EntryRefused):
    """A save made against a figure that someone has changed since it was read (its token, see
    renstra.monitoring.cells, is stale); `entry` is the figure stored now (None: empty)."""

    def __init__(self, message: str, entry):
        super().__init__(message)
        self.entry = entry


def _lock_owner(model, pk: int) -> None:
    """Lock the owner of a row of figures (an indicator, a kegiatan) until commit. Every write of
    its figures takes this lock first, so two saves of one cell take turns, even of a cell not
    stored yet (there is no row of it to lock: both would insert, and one fail). A lock is not
    an UPDATE: the triggers that freeze an approved version's rows do not fire. SQLite has no
    row locks; its IMMEDIATE transactions already take turns."""
    if connection.features.has_select_for_update:
        list(model.objects.select_for_update(no_key=True).filter(pk=pk).values_list("pk"))


def _check_token(expected: str | None, entry, label: str) -> None:
    if expected is not None and expected != figure_token(entry):
        raise CellChanged(
            _(
                "Realisasi {} sudah diubah orang lain sejak Anda membacanya: {}. Isian Anda belum "
                "disimpan; periksa, lalu simpan lagi untuk menimpanya."
            ).format(label, describe_stored(entry)),
            entry,
        )


def _period_label(year: int, quarter: int) -> str:
    return "{} {}".format(QUARTER_LABELS[quarter], year)


def _check_period(version, year: int, quarter: int) -> None:
    if version.status != VersionStatus.APPROVED:
        raise EntryRefused(
            _(
                "Realisasi hanya dapat diisi pada versi Renstra yang ditetapkan dan sedang "
                "berlaku; versi ini berstatus {}."
            ).format(version.get_status_display())
        )
    years = version.plan.target_years
    if year not in years:
        raise EntryRefused(
            _("Tahun {} di luar tahun target Renstra ({}–{}).").format(year, years[0], years[-1])
        )
    if quarter not in QUARTER_LABELS:
        raise EntryRefused(
            _("Triwulan '{}' tidak dikenal: isi 1–4, atau kosong untuk nilai tahunan.").format(
                quarter
            )
        )


def _check_open(entry, label: str) -> None:
    if entry is not None and entry.status not in OPEN_STATUSES:
        raise EntryRefused(
            _("Realisasi {} sudah {}: tidak dapat diubah lagi.").format(
                label, entry.get_status_display().lower()
            )
        )


def _refuse_long_number(raw: str, most: int) -> None:
    """A number of more than `most` digits is refused before anything converts it (Python
    refuses int/str conversions past 4,300 digits; no column holds more than 24)."""
    if count_digits(raw) > most:
        raise EntryRefused(
            _("'{}' terlalu panjang: {} angka, paling banyak {}.").format(
                quote(raw), count_digits(raw), most
            )
        )


# A minus sign before a number, at the start or at the start of a part of a composite value:
# '-3 kali', '− 2,5 %', '11 unit roda dua dan -5 unit roda empat'.
_MINUS = re.compile(r"(^|;\s*|,\s+|\bdan\s+)[-\u2212\u2013\u2014]\s*(?=\d)", re.IGNORECASE)
_NUMERIC_KINDS = (TargetKind.NUMBER, TargetKind.PERCENT, TargetKind.COMPOSITE)


def _refuse_negative(raw: str) -> None:
    """A number written with a minus sign is read as no number by the target parser (a text,
    or a unit after the number before it); say that it is negative rather than that it cannot
    be read."""
    unsigned = _MINUS.sub(r"\1", raw)
    if unsigned != raw and unsigned and parse_target(unsigned).kind in _NUMERIC_KINDS:
        raise EntryRefused(_("Realisasi tidak boleh negatif: '{}'.").format(quote(raw)))


def parse_realization(indicator, raw: str):
    """The parse of a realization text for this indicator, or EntryRefused saying why not."""
    if indicator.value_type != ValueType.TEXT:
        _refuse_long_number(raw, 24)
    parsed = parse_target(raw)
    if parsed.kind == TargetKind.NIL:
        raise EntryRefused(
            _("'{}' bukan nilai realisasi. Kosongkan sel bila belum ada realisasi.").format(raw)
        )
    value_type = indicator.value_type
    if value_type != ValueType.TEXT:
        _refuse_negative(raw)
    if parsed.kind == TargetKind.TEXT and value_type != ValueType.TEXT:
        raise EntryRefused(
            _(
                "'{}' tidak dapat dibaca sebagai angka. Contoh penulisan: 45, 81 %, 1.250 orang, "
                "BB."
            ).format(raw)
        )
    if parsed.kind == TargetKind.PERCENT and value_type in (ValueType.NUMBER,) and indicator.unit:
        raise EntryRefused(
            _("Indikator ini diukur dalam {}, bukan persen: '{}'.").format(indicator.unit, raw)
        )
    for quantity in parsed.quantities:
        whole = len(str(abs(int(quantity.value))))
        places = max(0, -quantity.value.as_tuple().exponent)
        if whole > 20 or places > 4:
            raise EntryRefused(
                _(
                    "'{}' terlalu besar atau terlalu rinci untuk disimpan tanpa pembulatan "
                    "(paling banyak 20 angka sebelum koma dan 4 sesudahnya)."
                ).format(raw)
            )
        if len(quantity.unit) > 100:
            raise EntryRefused(_("Satuan '{}' terlalu panjang.").format(quantity.unit[:40]))
    return parsed


@transaction.atomic
def save_realization(
    indicator,
    year: int,
    quarter: int,
    raw: str,
    *,
    user,
    note: str | None = None,
    deviation_cause: str | None = None,
    follow_up: str | None = None,
    is_example: bool = False,
    expected_token: str | None = None,
) -> Realization | None:
    """Enter (or change, or clear) the realization of `indicator` for one quarter (0 = year).

    An empty value clears a figure that is still open; fields given as None keep their value.
    With `expected_token` (the `cells.figure_token` of the figure as the caller read it) a
    figure changed since is not overwritten: CellChanged. Without it the last writer wins.
    """
    _check_period(indicator.version, year, quarter)  # before any lock: refusals need none
    _lock_owner(Indicator, indicator.pk)
    entry = (
        Realization.objects.select_for_update()
        .filter(indicator=indicator, year=year, quarter=quarter)
        .first()
    )
    _check_token(expected_token, entry, _period_label(year, quarter))
    return _write_realization(
        indicator,
        year,
        quarter,
        raw,
        entry,
        user=user,
        note=note,
        deviation_cause=deviation_cause,
        follow_up=follow_up,
        is_example=is_example,
    )


def _write_realization(
    indicator,
    year: int,
    quarter: int,
    raw: str,
    entry: Realization | None,
    *,
    user,
    note: str | None = None,
    deviation_cause: str | None = None,
    follow_up: str | None = None,
    is_example: bool = False,
) -> Realization | None:
    """Write one period's figure over `entry`, the figure stored now (read under the owner's
    lock by the caller)."""
    _check_period(indicator.version, year, quarter)
    label = _period_label(year, quarter)
    _check_open(entry, label)
    raw = normalize_space(raw or "")
    if len(raw) > 300:
        raise EntryRefused(_("Nilai realisasi terlalu panjang (maksimal 300 karakter)."))
    if not raw:
        if entry is not None:
            if entry.evidence.exists():
                raise EntryRefused(
                    _(
                        "Realisasi {} punya bukti dukung; hapus buktinya dulu sebelum "
                        "mengosongkan nilainya."
                    ).format(label)
                )
            entry.delete()
        return None
    parse_realization(indicator, raw)  # refuses what cannot be a realization of this indicator
    if entry is None:
        entry = Realization(
            indicator=indicator, year=year, quarter=quarter, entered_by=user, is_example=is_example
        )
    for field, value in target_fields(raw).items():
        setattr(entry, field, value)
    for field, value in (
        ("note", note),
        ("deviation_cause", deviation_cause),
        ("follow_up", follow_up),
    ):
        if value is not None:
            setattr(entry, field, value.strip())
    entry.status = EntryStatus.DRAFT
    entry.updated_by = user
    entry.save()
    return entry


@transaction.atomic
def save_budget(
    activity,
    year: int,
    quarter: int,
    raw: str,
    *,
    user,
    note=None,
    is_example: bool = False,
    expected_token: str | None = None,
) -> BudgetRealization | None:
    """Enter (or change, or clear) what `activity` spent in one quarter (0 = the year); with
    `expected_token`, like `save_realization`."""
    _check_period(activity.program.version, year, quarter)  # before any lock
    _lock_owner(Activity, activity.pk)
    entry = (
        BudgetRealization.objects.select_for_update()
        .filter(activity=activity, year=year, quarter=quarter)
        .first()
    )
    _check_token(expected_token, entry, _period_label(year, quarter))
    return _write_budget(
        activity, year, quarter, raw, entry, user=user, note=note, is_example=is_example
    )


def _write_budget(
    activity, year: int, quarter: int, raw: str, entry, *, user, note=None, is_example=False
) -> BudgetRealization | None:
    """Write one period's spending over `entry`, the figure stored now (read under the
    kegiatan's lock by the caller)."""
    _check_period(activity.program.version, year, quarter)
    _check_open(entry, _period_label(year, quarter))
    raw = normalize_space(raw or "")
    if not raw:
        if entry is not None:
            entry.delete()
        return None
    if raw in NIL_MARKS:
        amount = Decimal(0)
    else:
        _refuse_long_number(raw, 18)
        try:
            amount = parse_id_number(raw)
        except NumberFormatError as exc:
            raise EntryRefused(
                _("'{}' bukan jumlah rupiah. Contoh: 125.000.000 atau Rp 125.000.000,00.").format(
                    quote(raw)
                )
            ) from exc
    if amount < 0:
        raise EntryRefused(_("Realisasi anggaran tidak boleh negatif: '{}'.").format(raw))
    if len(str(abs(int(amount)))) > 16:
        raise EntryRefused(_("'{}' terlalu besar untuk satu realisasi anggaran.").format(raw))
    if amount != amount.quantize(Decimal("0.01")):
        raise EntryRefused(
            _(
                "'{}' punya lebih dari dua angka di belakang koma; rupiah dicatat sampai sen."
            ).format(raw)
        )
    if entry is None:
        entry = BudgetRealization(
            activity=activity, year=year, quarter=quarter, entered_by=user, is_example=is_example
        )
    entry.raw_text = raw
    entry.amount = amount
    if note is not None:
        entry.note = note.strip()
    entry.status = EntryStatus.DRAFT
    entry.updated_by = user
    entry.save()
    return entry


def _classify(stored: dict, cells: dict[int, str], tokens: dict[int, str], seen):
    """(quarter, typed text, stored figure, outcome) of each posted cell of a row; the outcome is
    None for a change made from the figure stored now, which is to be written (see
    renstra.monitoring.cells for the protocol)."""
    for quarter, raw in cells.items():
        typed = normalize_space(raw or "")
        entry = stored.get(quarter)
        if typed == (entry.raw_text if entry is not None else ""):
            outcome = UNCHANGED
        elif seen is not None and quarter in seen and normalize_space(seen[quarter]) == typed:
            outcome = UNCHANGED  # not touched by this person: someone else's newer value stays
        elif tokens.get(quarter) != cell_token(entry):
            outcome = CONFLICT  # changed since this person saw it: never overwritten unseen
        else:
            outcome = None
        yield quarter, typed, entry, outcome


def _save_cells(result: RowSave, classified, write) -> RowSave:
    """Write the cells `_classify` let through; a refused cell leaves the others saved. The
    writers refuse before they write anything, so a refusal needs no savepoint to undo."""
    for quarter, typed, entry, outcome in classified:
        message = ""
        if outcome is None:
            try:
                write(quarter, typed, entry)
                outcome = SAVED
            except EntryRefused as exc:
                outcome, message = REFUSED, str(exc)
        result.cells[quarter] = CellSave(quarter, typed, outcome, message)
    return result


@transaction.atomic
def save_realization_row(
    *,
    indicator,
    year: int,
    cells: dict[int, str],
    tokens: dict[int, str],
    seen: dict[int, str] | None = None,
    user,
) -> RowSave:
    """Save the cells of one indicator's row of the grid, {quarter: text} (0 = the year), under
    the optimistic lock of renstra.monitoring.cells: `tokens` are the cells' tokens as the
    person saw them, `seen` (optional) their texts then. Only changed cells are written; a
    cell changed by someone else since is a CONFLICT and keeps its figure. Returns what
    happened to every posted cell."""
    _lock_owner(Indicator, indicator.pk)
    stored = {
        e.quarter: e
        for e in Realization.objects.select_for_update().filter(indicator=indicator, year=year)
    }
    return _save_cells(
        RowSave(indicator.pk),
        _classify(stored, cells, tokens, seen),
        lambda quarter, typed, entry: _write_realization(
            indicator, year, quarter, typed, entry, user=user
        ),
    )


@transaction.atomic
def save_budget_row(
    *,
    activity,
    year: int,
    cells: dict[int, str],
    tokens: dict[int, str],
    seen: dict[int, str] | None = None,
    user,
) -> RowSave:
    """Save the quarters of one kegiatan's row of the budget grid, like `save_realization_row`."""
    _lock_owner(Activity, activity.pk)
    stored = {
        e.quarter: e
        for e in BudgetRealization.objects.select_for_update().filter(activity=activity, year=year)
    }
    return _save_cells(
        RowSave(activity.pk),
        _classify(stored, cells, tokens, seen),
        lambda quarter, typed, entry: _write_budget(
            activity, year, quarter, typed, entry, user=user
        ),
    )


@transaction.atomic
def save_with_evidence(
    *,
    indicator,
    year: int,
    quarter: int,
    raw: str,
    user,
    note: str | None = None,
    deviation_cause: str | None = None,
    follow_up: str | None = None,
    upload=None,
    expected_token: str | None = None,
) -> Realization | None:
    """The indicator page's form: one period's figure with its note, cause of a shortfall and
    follow-up, and an evidence file. All or nothing: a refused file keeps the figure unsaved.
    `expected_token` as in `save_realization`."""
    entry = save_realization(
        indicator,
        year,
        quarter,
        raw,
        user=user,
        note=note,
        deviation_cause=deviation_cause,
        follow_up=follow_up,
        expected_token=expected_token,
    )
    if entry is not None and upload is not None:
        add_evidence(entry, upload, user=user)
    return entry


def _needing_explanation(entries) -> list[Realization]:
    """The realizations among `entries` below Tinggi without cause and follow-up; each plan year
    is evaluated once, however many figures of it are submitted together."""
    results: dict = {}
    missing = []
    for entry in entries:
        if not isinstance(entry, Realization) or (entry.deviation_cause and entry.follow_up):
            continue
        key = (entry.indicator.version_id, entry.year)
        if key not in results:
            results[key] = evaluate(entry.indicator.version, entry.year).by_indicator()
        # The evaluation covers tujuan to kegiatan; a sub-kegiatan's indicator is read alone.
        result = results[key].get(entry.indicator_id) or indicator_year(entry.indicator, entry.year)
        if result.below_high:
            missing.append(entry)
    return missing


@transaction.atomic
def submit(entries, *, user) -> int:
    """Send open figures to the verifier. A realization whose achievement (or, during the year,
    projected achievement) falls below Tinggi must carry its uraian deviasi and tindak lanjut."""
    entries = [e for e in entries if e.status in OPEN_STATUSES]
    missing = _needing_explanation(entries)
    if missing:
        raise EntryRefused(
            _(
                "Capaian di bawah kategori Tinggi: isi uraian deviasi dan tindak lanjut sebelum "
                "mengajukan: {}."
            ).format(
                "; ".join(
                    "{} ({})".format(e.indicator.name, _period_label(e.year, e.quarter))
                    for e in missing
                )
            )
        )
    now = timezone.now()
    for entry in entries:
        entry.status = EntryStatus.SUBMITTED
        entry.status_note = ""
        entry.updated_by = user
        entry.updated_at = now
        entry.save()
    return len(entries)


@transaction.atomic
def decide(entry, *, user, approve: bool, note: str = "", verdict: bool | None = None):
    """The verifier approves (locks) or returns (with a note) a submitted figure. A text
    target is judged here: `verdict` says whether the realization meets it."""
    if entry.status != EntryStatus.SUBMITTED:
        raise EntryRefused(
            _("Hanya realisasi yang diajukan yang dapat disetujui atau dikembalikan.")
        )
    note = (note or "").strip()
    if not approve and not note:
        raise EntryRefused(_("Tuliskan alasan pengembalian agar dapat diperbaiki."))
    if isinstance(entry, Realization) and entry.indicator.value_type == ValueType.TEXT and approve:
        if verdict is None:
            raise EntryRefused(
                _("Target indikator ini berupa teks: nyatakan tercapai (ya) atau tidak.")
            )
        entry.verdict = verdict
    entry.status = EntryStatus.APPROVED if approve else EntryStatus.RETURNED
    entry.status_note = note
    entry.decided_by = user
    entry.decided_at = timezone.now()
    entry.save()
    return entry


@dataclass(frozen=True)
class BulkApproval:
    approved: int
    skipped: int  # realizations of text targets: each needs its verdict on the indicator's page


def _year_entries(version, year: int, indicator_ids, budget: bool) -> list:
    """The realization of the year of the listed indicators, and with `budget` every budget
    realization of the year, locked until commit: a grid save of one of them waits, and then
    finds it submitted (or approved), instead of being written over by the figure read here."""
    entries: list = list(
        Realization.objects.filter(
            indicator__version=version, year=year, indicator_id__in=indicator_ids
        )
        .select_related("indicator")
        .select_for_update(of=("self",))
    )
    if budget:
        entries += (
            BudgetRealization.objects.filter(activity__program__version=version, year=year)
            .select_related("activity")
            .select_for_update(of=("self",))
        )
    return entries


@transaction.atomic
def submit_many(*, version, year: int, indicator_ids, budget: bool = False, user) -> int:
    """Submit every open figure of `year` of the listed indicators (and, with `budget`, every
    open budget figure of the year): all of them, or none when one needs an explanation."""
    return submit(_year_entries(version, year, indicator_ids, budget), user=user)


@transaction.atomic
def approve_many(*, version, year: int, indicator_ids, budget: bool = False, user) -> BulkApproval:
    """Approve every submitted figure of `year` of the listed indicators (and, with `budget`,
    every submitted budget figure of the year). A realization of a text target is skipped: the
    verifier judges it (tercapai ya/tidak) one by one, on its indicator's page."""
    approved = skipped = 0
    for entry in _year_entries(version, year, indicator_ids, budget):
        if entry.status != EntryStatus.SUBMITTED:
            continue
        if isinstance(entry, Realization) and entry.indicator.value_type == ValueType.TEXT:
            skipped += 1
            continue
        decide(entry, user=user, approve=True)
        approved += 1
    return BulkApproval(approved=approved, skipped=skipped)


@transaction.atomic
def assign_owners(*, version, indicators, unit=None, new_unit: str = "", person=None, user) -> int:
    """Make `unit` and `person` the owners of every one of `indicators` (of `version`). A
    `new_unit` name adds that unit to the agency (or finds it by name) and becomes the unit when
    none of the existing ones is chosen. Returns how many indicators were assigned."""
    agency = version.plan.agency
    if new_unit:
        if len(new_unit) > Unit._meta.get_field("name").max_length:
            raise EntryRefused(_("Nama unit kerja terlalu panjang."))
        added, _created = Unit.objects.get_or_create(agency=agency, name=new_unit)
        unit = unit or added
    if unit is not None and unit.agency_id != agency.pk:
        raise EntryRefused(_("Unit kerja itu bukan bagian dari Perangkat Daerah ini."))
    for indicator in indicators:
        assignment, _created = Assignment.objects.get_or_create(indicator=indicator)
        assignment.unit = unit
        assignment.person = person
        assignment.assigned_by = user
        assignment.save()
    return len(indicators)


_UNSAFE_NAME = re.compile(r"[^\w.\- ()]+", re.UNICODE)


def safe_name(name: str) -> str:
    """The user's file name reduced to its last part and harmless characters (for display and
    for the download name; it is never used as a path)."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = _UNSAFE_NAME.sub("_", base).strip(" .") or "berkas"
    return base[-120:]


@transaction.atomic
def add_evidence(entry: Realization, upload, *, user) -> Evidence:
    """Store an evidence file for a realization: size limit, allowed types only (checked by
    extension and by the file's first bytes), stored under a random name."""
    _check_open(entry, _period_label(entry.year, entry.quarter))
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise EntryRefused(
            _("Berkas terlalu besar ({} MB); batasnya {} MB.").format(
                round(upload.size / 1024 / 1024, 1), limit // 1024 // 1024
            )
        )
    if upload.size == 0:
        raise EntryRefused(_("Berkas kosong."))
    name = safe_name(upload.name)
    suffix = PurePosixPath(name).suffix.lower()
    allowed = settings.EVIDENCE_TYPES
    if suffix not in allowed:
        raise EntryRefused(
            _("Jenis berkas '{}' tidak diterima. Yang diterima: {}.").format(
                suffix or name, ", ".join(sorted(allowed))
            )
        )
    content_type, magic = allowed[suffix]
    digest = hashlib.sha256()
    head = b""
    for chunk in upload.chunks():
        if len(head) < 16:
            head += chunk[:16]
        digest.update(chunk)
    if magic is not None and not head.startswith(magic):
        raise EntryRefused(
            _("Isi berkas '{}' tidak sesuai dengan jenisnya ({}).").format(name, suffix)
        )
    if magic is None:
        upload.seek(0)
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise EntryRefused(_("Berkas '{}' bukan teks UTF-8.").format(name)) from exc
        if "\x00" in text:
            raise EntryRefused(_("Berkas '{}' bukan teks.").format(name))
    upload.seek(0)
    evidence = Evidence(
        realization=entry,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=user,
    )
    evidence.file.save(name, upload, save=False)
    evidence.save()
    return evidence


@transaction.atomic
def remove_evidence(evidence: Evidence, *, user) -> None:
    entry = evidence.realization
    _check_open(entry, _period_label(entry.year, entry.quarter))
    evidence.file.delete(save=False)
    evidence.delete()
