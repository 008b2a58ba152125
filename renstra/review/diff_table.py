"""The comparison of two versions as a neutral report table ("Perbandingan Versi Renstra"), and
the Indonesian wording of its differences, shared by the table and the `renstra diff` command."""

import re
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.core.numbers import format_rupiah
from renstra.plans.choices import IndicatorKind
from renstra.plans.levels import kind_label
from renstra.plans.models import PlanVersion
from renstra.render.table import Cell, CellKind, Column, HeaderCell, Row, Table
from renstra.review.diff import (
    ADDED,
    BY_CODE,
    BY_COPY,
    BY_NAME,
    BY_OVERRIDE,
    CHANGED,
    MOVED,
    REMOVED,
    STATUSES,
    UNCHANGED,
    Change,
    Comparison,
    compare_versions,
)
from renstra.review.snapshot import Item, VersionSnapshot

# Indonesian source texts (msgids); every use goes through gettext.
STATUS_LABELS = {
    "added": gettext_noop("Ditambah"),
    "removed": gettext_noop("Dihapus"),
    "changed": gettext_noop("Diubah"),
    "moved": gettext_noop("Dipindah"),
    "unchanged": gettext_noop("Tetap"),
}
FIELD_LABELS = {
    "code": gettext_noop("kode"),
    "number": gettext_noop("nomor"),
    "name": gettext_noop("uraian"),
    "parent": gettext_noop("induk"),
    "kind": gettext_noop("jenis indikator"),
    "unit": gettext_noop("satuan"),
    "target_group": gettext_noop("kelompok sasaran"),
    "baseline_raw": gettext_noop("kondisi awal"),
    "end_target_raw": gettext_noop("kondisi akhir periode"),
    "intended_result": gettext_noop("sasaran program/kegiatan"),
    "objectives": gettext_noop("sasaran yang didukung"),
    "rpjmd_refs": gettext_noop("sasaran RPJMD yang didukung"),
}
METHOD_LABELS = {
    BY_OVERRIDE: gettext_noop("koreksi pengguna"),
    BY_COPY: gettext_noop("salinan review"),
    BY_CODE: gettext_noop("kode sama"),
    BY_NAME: gettext_noop("nama mirip"),
}
# The differences: what the comparison lists unless unchanged items are asked for.
CHANGES = (ADDED, REMOVED, CHANGED, MOVED)
YEARLY_LABELS = {"target": gettext_noop("target"), "pagu": gettext_noop("pagu")}
NOTHING = "-"
_YEARLY = re.compile(r"^(target|pagu)_(\d{4})$")


def field_label(name: str) -> str:
    """'target_2018' -> 'target 2018', 'pagu_2019' -> 'pagu 2019', 'unit' -> 'satuan'."""
    yearly = _YEARLY.match(name)
    if yearly:
        return "{} {}".format(_(YEARLY_LABELS[yearly.group(1)]), yearly.group(2))
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def show_value(name: str, value) -> str:
    if value is None or value == "" or value == []:
        return NOTHING
    if isinstance(value, Decimal):
        return format_rupiah(value)
    if name == "kind":
        try:
            return str(IndicatorKind(value).label).lower()
        except ValueError:
            return str(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def describe(change: Change) -> str:
    """'kode 3 → 01; pagu 2017: - → 1.003.557.286': the differences of one entry, in Indonesian."""
    parts = []
    fields = {c.field: c for c in change.changes}
    old, new = change.old, change.new
    skip = set()
    if old and new and ("code" in fields or "number" in fields):
        old_ident, new_ident = old.code or old.number, new.code or new.number
        if old_ident != new_ident:
            parts.append(_("kode {} → {}").format(old_ident or NOTHING, new_ident or NOTHING))
            skip = {"code", "number"}
    for c in change.changes:
        if c.field in skip:
            continue
        if c.field == "name":
            parts.append(_("uraian diubah"))
        elif c.field in ("code", "number"):
            parts.append(
                "{} {} → {}".format(
                    field_label(c.field), show_value(c.field, c.old), show_value(c.field, c.new)
                )
            )
        else:
            parts.append(
                "{}: {} → {}".format(
                    field_label(c.field), show_value(c.field, c.old), show_value(c.field, c.new)
                )
            )
    return "; ".join(parts)


def method_text(change: Change) -> str:
    """'nama mirip 87%', 'salinan review', ...; empty for an unpaired item."""
    if not change.method:
        return ""
    label = _(METHOD_LABELS[change.method])
    if change.method in (BY_NAME, BY_CODE) and change.similarity is not None:
        return "{} {}%".format(label, round(change.similarity * 100))
    return label


def line(change: Change) -> str:
    """One line of `renstra diff --format text`."""
    text = "[{}] {}: {}".format(
        _(STATUS_LABELS[change.status]), kind_label(change.kind), change.label
    )
    details = describe(change)
    if details:
        text += " — " + details
    if change.method:
        text += " ({})".format(method_text(change))
    return text


def _depth(snapshot: VersionSnapshot, item: Item) -> int:
    depth, parent = 0, item.parent
    while parent is not None and parent in snapshot.items and depth < len(snapshot.items):
        depth += 1
        parent = snapshot.items[parent].parent
    return depth


def version_name(version: PlanVersion) -> str:
    return _("versi {} ({})").format(version.number, version.label)


def comparison_subtitle(old_version: PlanVersion, new_version: PlanVersion) -> str:
    return _("{}: {} dibandingkan dengan {}").format(
        old_version.plan.title, version_name(old_version), version_name(new_version)
    )


def totals_text(comparison: Comparison) -> str:
    totals = comparison.totals
    return ", ".join("{} {}".format(_(STATUS_LABELS[s]), totals[s]) for s in STATUSES)


def _parent_label(comparison: Comparison, change: Change) -> str:
    """The item the entry's item hangs on (in the newer version if it is there)."""
    for snapshot, item in ((comparison.new, change.new), (comparison.old, change.old)):
        if item is not None and item.parent is not None and item.parent in snapshot.items:
            parent = snapshot.items[item.parent]
            return "{}: {}".format(kind_label(parent.kind), parent.label)
    return ""


def _statuses(include_unchanged: bool, statuses) -> tuple[str, ...]:
    if statuses is not None:
        return tuple(statuses)
    return STATUSES if include_unchanged else CHANGES


def table_of(
    comparison: Comparison,
    old_version: PlanVersion,
    new_version: PlanVersion,
    *,
    include_unchanged: bool = False,
    statuses=None,
    kinds=None,
    notes: bool = True,
) -> Table:
    """The entries of the comparison in document order: every difference (with
    include_unchanged, every entry), or the entries of `statuses` and of `kinds` only."""
    shown = _statuses(include_unchanged, statuses)
    columns = [
        Column("status", _("Status")),
        Column("jenis", _("Jenis")),
        Column("kode_lama", _("Kode/No. lama"), CellKind.CODE),
        Column("uraian_lama", _("Uraian lama")),
        Column("kode_baru", _("Kode/No. baru"), CellKind.CODE),
        Column("uraian_baru", _("Uraian baru")),
        Column("perubahan", _("Perubahan")),
        Column("cara_padanan", _("Cara padanan")),
        # Where the item stands: a list filtered by kind of change has no rows around it.
        Column("induk", _("Induk")),
    ]
    rows = []
    for change in comparison.entries:
        if change.status not in shown or (kinds is not None and change.kind not in kinds):
            continue
        old, new = change.old, change.new
        level = _depth(comparison.old, old) if old else _depth(comparison.new, new)
        rows.append(
            Row(
                [
                    Cell(_(STATUS_LABELS[change.status])),
                    Cell(kind_label(change.kind)),
                    Cell(old.code or old.number if old else "", CellKind.CODE),
                    Cell(old.name if old else ""),
                    Cell(new.code or new.number if new else "", CellKind.CODE),
                    Cell(new.name if new else ""),
                    Cell(describe(change)),
                    Cell(method_text(change)),
                    Cell(_parent_label(comparison, change)),
                ],
                style=change.status,
                level=level,
            )
        )
    table_notes = []
    if notes:
        table_notes.append(totals_text(comparison) + ".")
        if UNCHANGED not in shown:
            table_notes.append(_("Butir yang tetap (tanpa perubahan) tidak ditampilkan."))
        if set(shown) != set(CHANGES) and set(shown) != set(STATUSES):
            table_notes.append(
                _("Hanya butir yang {}.").format(
                    ", ".join(_(STATUS_LABELS[s]).lower() for s in shown)
                )
            )
    return Table(
        key="perbandingan",
        title=_("Perbandingan Versi Renstra"),
        subtitle=comparison_subtitle(old_version, new_version),
        columns=columns,
        header_rows=[[HeaderCell(c.label) for c in columns]],
        rows=rows,
        numbered=False,
        notes=table_notes,
        empty_text=_("Tidak ada perbedaan antara kedua versi."),
    )


def comparison_table(
    old_version: PlanVersion,
    new_version: PlanVersion,
    *,
    include_unchanged: bool = False,
    statuses=None,
    kinds=None,
) -> Table:
    """Perbandingan Versi Renstra: one row per added, removed, changed or moved item (and, with
    include_unchanged, per unchanged one), in document order; or those of `statuses`/`kinds`."""
    comparison = compare_versions(old_version, new_version)
    return table_of(
        comparison,
        old_version,
        new_version,
        include_unchanged=include_unchanged,
        statuses=statuses,
        kinds=kinds,
    )
