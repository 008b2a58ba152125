"""Entering realization and moving it through its states: the one way pages, the CSV import,
the API and the demo change monitoring data. Every refusal is an `EntryRefused` with an
Indonesian message the page shows as is."""

import hashlib
import re
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renstra.core.numbers import NIL_MARKS, NumberFormatError, parse_id_number
from renstra.core.targets import TargetKind, normalize_space, parse_target
from renstra.monitoring.choices import OPEN_STATUSES, QUARTER_LABELS, EntryStatus
from renstra.monitoring.models import Assignment, BudgetRealization, Evidence, Realization
from renstra.plans.choices import ValueType, VersionStatus
from renstra.plans.services import target_fields


class EntryRefused(Exception):
    """A change to monitoring data that is not allowed or not valid; the message says why."""


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


def parse_realization(indicator, raw: str):
    """The parse of a realization text for this indicator, or EntryRefused saying why not."""
    parsed = parse_target(raw)
    if parsed.kind == TargetKind.NIL:
        raise EntryRefused(
            _("'{}' bukan nilai realisasi. Kosongkan sel bila belum ada realisasi.").format(raw)
        )
    value_type = indicator.value_type
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
    if parsed.value is not None and parsed.value < 0:
        raise EntryRefused(_("Realisasi tidak boleh negatif: '{}'.").format(raw))
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
) -> Realization | None:
    """Enter (or change, or clear) the realization of `indicator` for one quarter (0 = year).

    An empty value clears a figure that is still open; fields given as None keep their value.
    """
    _check_period(indicator.version, year, quarter)
    label = _period_label(year, quarter)
    entry = (
        Realization.objects.select_for_update()
        .filter(indicator=indicator, year=year, quarter=quarter)
        .first()
    )
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
def save_explanation(entry: Realization, *, user, deviation_cause: str, follow_up: str, note=None):
    """Write the cause of a shortfall and its follow-up (also after submission is refused)."""
    _check_open(entry, _period_label(entry.year, entry.quarter))
    entry.deviation_cause = (deviation_cause or "").strip()
    entry.follow_up = (follow_up or "").strip()
    if note is not None:
        entry.note = note.strip()
    entry.updated_by = user
    entry.save()
    return entry


@transaction.atomic
def save_budget(
    activity, year: int, quarter: int, raw: str, *, user, note=None, is_example: bool = False
) -> BudgetRealization | None:
    """Enter (or change, or clear) what `activity` spent in one quarter (0 = the year)."""
    _check_period(activity.program.version, year, quarter)
    label = _period_label(year, quarter)
    entry = (
        BudgetRealization.objects.select_for_update()
        .filter(activity=activity, year=year, quarter=quarter)
        .first()
    )
    _check_open(entry, label)
    raw = normalize_space(raw or "")
    if not raw:
        if entry is not None:
            entry.delete()
        return None
    if raw in NIL_MARKS:
        amount = Decimal(0)
    else:
        try:
            amount = parse_id_number(raw)
        except NumberFormatError as exc:
            raise EntryRefused(
                _("'{}' bukan jumlah rupiah. Contoh: 125.000.000 atau Rp 125.000.000,00.").format(
                    raw
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


def _needing_explanation(entries) -> list[Realization]:
    """The realizations among `entries` below Tinggi without cause and follow-up; each plan year
    is evaluated once, however many figures of it are submitted together."""
    from renstra.monitoring.evaluation import evaluate, indicator_year

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


@transaction.atomic
def assign(indicator, *, unit=None, person=None, user) -> Assignment:
    """Make `unit` and `person` the owners of `indicator`."""
    if unit is not None and unit.agency_id != indicator.version.plan.agency_id:
        raise EntryRefused(_("Unit kerja itu bukan bagian dari Perangkat Daerah ini."))
    assignment, _created = Assignment.objects.get_or_create(indicator=indicator)
    assignment.unit = unit
    assignment.person = person
    assignment.assigned_by = user
    assignment.save()
    return assignment


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
