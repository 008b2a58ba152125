"""The PK's rows as a workbook to fill in Excel and read back: sheet "Target" (sasaran,
indikator, target, alasan) and sheet "Anggaran" (program/kegiatan, anggaran, alasan), each row
keyed by its id in column A. Reading it back changes the draft PK's targets and anggaran all or
nothing, with a list of every cell that cannot be taken (sheet, cell, why), through the same
services the pages use; a signed PK takes nothing.

Cells are read by the rules every workbook of the project follows
(renstra.interchange.workbook_cells): numbers exactly as Excel holds them, written the
Indonesian way ('81,5', '81%' for a percent cell); a formula, a date or a rounded number is an
error that says so, never a guess. The raw text is kept beside its parse (the services)."""

import io
from dataclasses import dataclass, field

import xlsxwriter
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from renstra.core.targets import normalize_space
from renstra.interchange.workbook_cells import Cell, cell_text
from renstra.sakip.agreements import (
    assert_draft,
    update_agreement_budget,
    update_agreement_target,
)
from renstra.sakip.models import PerformanceAgreement

TARGET_SHEET, BUDGET_SHEET = "Target", "Anggaran"
TARGET_HEADERS = [
    "ID",
    "No",
    "Sasaran",
    "Indikator Kinerja",
    "Satuan",
    "Target",
    "Alasan perubahan",
]
BUDGET_HEADERS = ["ID", "No", "Kode", "Program/Kegiatan", "Anggaran (Rp)", "Alasan perubahan"]
# The columns read back (0-based) and the kind of their cells.
TARGET_VALUE, TARGET_REASON = 5, 6
BUDGET_VALUE, BUDGET_REASON = 4, 5
MAX_BYTES = 5 * 1024 * 1024


def write_workbook(agreement: PerformanceAgreement) -> bytes:
    """The PK's rows to fill in: ids, what the PK says, and the two columns to change."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1, "text_wrap": True})
    text = book.add_format({"text_wrap": True, "valign": "top", "num_format": "@", "border": 1})
    locked = book.add_format({"valign": "top", "border": 1, "font_color": "#666666"})
    sheets = (
        (
            TARGET_SHEET,
            TARGET_HEADERS,
            [8, 5, 40, 40, 12, 16, 40],
            [
                (t.pk, t.order, t.statement, t.name, t.measure_unit, t.target_raw, t.change_reason)
                for t in agreement.targets.all()
            ],
        ),
        (
            BUDGET_SHEET,
            BUDGET_HEADERS,
            [8, 5, 16, 50, 20, 40],
            [
                (b.pk, b.order, b.code, b.name, b.amount_raw, b.change_reason)
                for b in agreement.budgets.all()
            ],
        ),
    )
    for name, headers, widths, rows in sheets:
        sheet = book.add_worksheet(name)
        for col, (header, width) in enumerate(zip(headers, widths, strict=True)):
            sheet.write_string(0, col, header, head)
            sheet.set_column(col, col, width)
        editable = {len(headers) - 2, len(headers) - 1}
        for r, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                if isinstance(value, int):
                    sheet.write_number(r, col, value, locked)
                else:
                    sheet.write_string(r, col, value or "", text if col in editable else locked)
        sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()


@dataclass
class WorkbookResult:
    changed: int = 0
    errors: list[str] = field(default_factory=list)


def _rows(sheet, headers: list[str], errors: list[str], name: str):
    """(row number, cells) of a sheet whose first row is `headers`; an error otherwise."""
    rows = sheet.iter_rows()
    first = next(rows, None)
    found = [normalize_space(str(c.value or "")) for c in first or ()][: len(headers)]
    if found != headers:
        errors.append(
            _("Lembar {sheet}: baris 1 harus berjudul {expected}; tertulis {found}.").format(
                sheet=name, expected=" | ".join(headers), found=" | ".join(found) or _("(kosong)")
            )
        )
        return
    for row in rows:
        cells = list(row)
        if not any(c.value not in (None, "") for c in cells):
            continue
        yield cells[0].row, cells


def _cell(cells, col: int, kind: str) -> tuple[str | None, str]:
    if col >= len(cells):
        return "", ""
    c = cells[col]
    return cell_text(Cell(c.value, c.data_type, c.number_format or "General"), kind)


def _letter(col: int) -> str:
    return "ABCDEFGHIJ"[col]


@transaction.atomic
def read_workbook(agreement: PerformanceAgreement, upload) -> WorkbookResult:
    """Apply a filled workbook to the draft PK, all or nothing. Raises ValidationError with
    every error (nothing is changed then)."""
    assert_draft(agreement)
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Berkas lebih dari 5 MB; ini bukan lembar PK."))
    try:
        book = load_workbook(upload, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        raise ValidationError(
            _("Berkas tidak dapat dibaca sebagai XLSX ({}). Unggah lembar PK yang diunduh.").format(
                type(error).__name__
            )
        ) from error
    errors: list[str] = []
    targets = {t.pk: t for t in agreement.targets.all()}
    budgets = {b.pk: b for b in agreement.budgets.all()}
    changes = []
    plan = (
        (TARGET_SHEET, TARGET_HEADERS, targets, TARGET_VALUE, TARGET_REASON, "target"),
        (BUDGET_SHEET, BUDGET_HEADERS, budgets, BUDGET_VALUE, BUDGET_REASON, "budget"),
    )
    for name, headers, rows, value_col, reason_col, kind in plan:
        if name not in book.sheetnames:
            errors.append(_("Lembar {} tidak ada di berkas.").format(name))
            continue
        seen = set()
        for number, cells in _rows(book[name], headers, errors, name):
            key, why = _cell(cells, 0, "int")
            if key is None or not key.isdigit() or int(key) not in rows:
                errors.append(
                    _("{sheet}!A{row}: ID {key} bukan baris PK ini; jangan ubah kolom ID.").format(
                        sheet=name, row=number, key=key if key is not None else why
                    )
                )
                continue
            if int(key) in seen:
                errors.append(
                    _("{sheet}!A{row}: ID {key} muncul dua kali.").format(
                        sheet=name, row=number, key=key
                    )
                )
                continue
            seen.add(int(key))
            value, why = _cell(cells, value_col, "raw")
            reason, why_reason = _cell(cells, reason_col, "text")
            for col, text, reason_text in (
                (value_col, value, why),
                (reason_col, reason, why_reason),
            ):
                if text is None:
                    errors.append("{}!{}{}: {}".format(name, _letter(col), number, reason_text))
            if value is None or reason is None:
                continue
            limit = 300 if kind == "target" else 100
            if len(value) > limit:
                errors.append(
                    _("{sheet}!{col}{row}: paling banyak {limit} karakter.").format(
                        sheet=name, col=_letter(value_col), row=number, limit=limit
                    )
                )
                continue
            changes.append(
                (
                    kind,
                    rows[int(key)],
                    value,
                    reason,
                    "{}!{}{}".format(name, _letter(value_col), number),
                )
            )
    book.close()
    changed = 0
    for kind, row, value, reason, where in changes:
        before = (
            (row.target_raw, row.change_reason)
            if kind == "target"
            else (row.amount_raw, row.change_reason)
        )
        if before == (value, normalize_space(reason)):
            continue
        try:
            if kind == "target":
                update_agreement_target(target=row, raw=value, reason=reason)
            else:
                update_agreement_budget(budget=row, raw=value, reason=reason)
        except ValidationError as error:
            errors.append("{}: {}".format(where, " ".join(error.messages)))
            continue
        changed += 1
    if errors:
        raise ValidationError(errors)
    return WorkbookResult(changed=changed)
