"""The comparison of two versions as a neutral report table ("Perbandingan Versi Renstra"), and
the Indonesian wording of its differences, shared by the table and the `renstra diff` command."""

import re
from decimal import Decimal

from renstra.core.numbers import format_rupiah
from renstra.plans.choices import IndicatorKind
from renstra.plans.models import PlanVersion
from renstra.reports.table import Cell, CellKind, Column, HeaderCell, Row, Table
from renstra.review.diff import (
    BY_CODE,
    BY_COPY,
    BY_NAME,
    BY_OVERRIDE,
    KIND_LABELS,
    STATUSES,
    UNCHANGED,
    Change,
    Comparison,
    compare_versions,
)
from renstra.review.snapshot import Item, VersionSnapshot

STATUS_LABELS = {
    "added": "Ditambah",
    "removed": "Dihapus",
    "changed": "Diubah",
    "moved": "Dipindah",
    "unchanged": "Tetap",
}
FIELD_LABELS = {
    "code": "kode",
    "number": "nomor",
    "name": "uraian",
    "parent": "induk",
    "kind": "jenis indikator",
    "unit": "satuan",
    "target_group": "kelompok sasaran",
    "baseline_raw": "kondisi awal",
    "end_target_raw": "kondisi akhir periode",
    "intended_result": "sasaran program/kegiatan",
    "objectives": "sasaran yang didukung",
}
METHOD_LABELS = {
    BY_OVERRIDE: "koreksi pengguna",
    BY_COPY: "salinan review",
    BY_CODE: "kode sama",
    BY_NAME: "nama mirip",
}
NOTHING = "-"
_YEARLY = re.compile(r"^(target|pagu)_(\d{4})$")


def field_label(name: str) -> str:
    """'target_2018' -> 'target 2018', 'pagu_2019' -> 'pagu 2019', 'unit' -> 'satuan'."""
    yearly = _YEARLY.match(name)
    if yearly:
        return "{} {}".format(*yearly.groups())
    return FIELD_LABELS.get(name, name)


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
            parts.append("kode {} → {}".format(old_ident or NOTHING, new_ident or NOTHING))
            skip = {"code", "number"}
    for c in change.changes:
        if c.field in skip:
            continue
        if c.field == "name":
            parts.append("uraian diubah")
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
    label = METHOD_LABELS[change.method]
    if change.method in (BY_NAME, BY_CODE) and change.similarity is not None:
        return "{} {}%".format(label, round(change.similarity * 100))
    return label


def line(change: Change) -> str:
    """One line of `renstra diff --format text`."""
    text = "[{}] {}: {}".format(
        STATUS_LABELS[change.status], KIND_LABELS[change.kind], change.label
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
    return "versi {} ({})".format(version.number, version.label)


def totals_text(comparison: Comparison) -> str:
    totals = comparison.totals
    return ", ".join("{} {}".format(STATUS_LABELS[s], totals[s]) for s in STATUSES)


def table_of(
    comparison: Comparison,
    old_version: PlanVersion,
    new_version: PlanVersion,
    *,
    include_unchanged: bool = False,
) -> Table:
    columns = [
        Column("status", "Status"),
        Column("jenis", "Jenis"),
        Column("kode_lama", "Kode/No. lama", CellKind.CODE),
        Column("uraian_lama", "Uraian lama"),
        Column("kode_baru", "Kode/No. baru", CellKind.CODE),
        Column("uraian_baru", "Uraian baru"),
        Column("perubahan", "Perubahan"),
        Column("cara_padanan", "Cara padanan"),
        # ids let a user correct a wrong match (renstra.review.diff.set_match)
        Column("id_lama", "id lama", CellKind.CODE),
        Column("id_baru", "id baru", CellKind.CODE),
    ]
    rows = []
    for change in comparison.entries:
        if change.status == UNCHANGED and not include_unchanged:
            continue
        old, new = change.old, change.new
        level = _depth(comparison.old, old) if old else _depth(comparison.new, new)
        rows.append(
            Row(
                [
                    Cell(STATUS_LABELS[change.status]),
                    Cell(KIND_LABELS[change.kind]),
                    Cell(old.code or old.number if old else "", CellKind.CODE),
                    Cell(old.name if old else ""),
                    Cell(new.code or new.number if new else "", CellKind.CODE),
                    Cell(new.name if new else ""),
                    Cell(describe(change)),
                    Cell(method_text(change)),
                    Cell(str(old.id) if old else "", CellKind.CODE),
                    Cell(str(new.id) if new else "", CellKind.CODE),
                ],
                style=change.status,
                level=level,
            )
        )
    notes = [totals_text(comparison) + "."]
    if not include_unchanged:
        notes.append("Butir yang tetap (tanpa perubahan) tidak ditampilkan.")
    return Table(
        key="perbandingan",
        title="Perbandingan Versi Renstra",
        subtitle="{}: {} dibandingkan dengan {}".format(
            old_version.plan.title, version_name(old_version), version_name(new_version)
        ),
        columns=columns,
        header_rows=[[HeaderCell(c.label) for c in columns]],
        rows=rows,
        numbered=False,
        notes=notes,
        empty_text="Tidak ada perbedaan antara kedua versi.",
    )


def comparison_table(
    old_version: PlanVersion, new_version: PlanVersion, *, include_unchanged: bool = False
) -> Table:
    """Perbandingan Versi Renstra: one row per added, removed, changed or moved item (and, with
    include_unchanged, per unchanged one), in document order."""
    comparison = compare_versions(old_version, new_version)
    return table_of(comparison, old_version, new_version, include_unchanged=include_unchanged)
