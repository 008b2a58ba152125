"""The identitas sheet: one row per key (kunci), its value in the 'nilai' column; keys that hold
lists (misi, nama terdahulu, baris tanpa tempat) take one row per item."""

import json

from renstra.core.errors import CellError, ImportRejected
from renstra.core.targets import normalize_space
from renstra.interchange.plan_checker import show
from renstra.interchange.workbook_cells import Cell, cell_text
from renstra.interchange.workbook_layout import (
    FORMAT_MARK,
    IDENTITY_BY_KEY,
    IDENTITY_COLUMNS,
    NO,
    SHEET_IDENTITY,
    YES,
)
from renstra.interchange.workbook_read import SheetReader, value_column


def read_identity(reader: SheetReader, ws) -> dict:
    return _Identity(reader).read(ws)


class _Identity:
    """Reads the identitas sheet through a SheetReader (its errors and locations)."""

    def __init__(self, reader: SheetReader):
        self.reader = reader
        self.errors = reader.errors
        self.where = reader.where

    def error(self, *args) -> None:
        self.reader.error(*args)

    def cells(self, ws):
        return self.reader.cells(ws)

    def read(self, ws) -> dict:
        grid = self.cells(ws)
        header = grid.pop(1, {})
        for col in (1, 3, 4):
            text, _ = cell_text(header.get(col, Cell(None)), "text")
            if normalize_space(text or "").casefold() != IDENTITY_COLUMNS[col - 1]:
                self.error(
                    SHEET_IDENTITY,
                    1,
                    IDENTITY_COLUMNS[col - 1],
                    text,
                    "Judul kolom ke-{} harus '{}'.".format(col, IDENTITY_COLUMNS[col - 1]),
                )
        entries: dict[str, list] = {}
        for number, cells in sorted(grid.items()):
            key, _ = cell_text(cells.get(1, Cell(None)), "key")
            if key not in IDENTITY_BY_KEY:
                if key or cells.get(3) or cells.get(4):
                    self.error(
                        SHEET_IDENTITY,
                        number,
                        "kunci",
                        key,
                        "Kunci identitas tidak dikenal; gunakan kunci dari templat.",
                    )
                continue
            for col in cells:
                if col > len(IDENTITY_COLUMNS):
                    self.error(
                        SHEET_IDENTITY, number, "", cells[col].value, "Ada isi di luar kolom tabel."
                    )
            entries.setdefault(key, []).append(
                (number, cells.get(3, Cell(None)), cells.get(4, Cell(None)))
            )
        format_rows = entries.get("format", [])
        mark = cell_text(format_rows[0][1], "text")[0] if format_rows else ""
        if mark != FORMAT_MARK:
            raise ImportRejected(
                [
                    CellError(
                        SHEET_IDENTITY,
                        format_rows[0][0] if format_rows else 0,
                        value_column("format"),
                        show(mark),
                        "Bukan buku kerja Renstra (baris 'format' harus '{}'); unduh dan isi "
                        "templat buku kerja Renstra.".format(FORMAT_MARK),
                    )
                ]
            )
        document = {"region": {}, "agency": {}, "regional_plan": {}, "plan": {}, "version": {}}
        for spec in IDENTITY_BY_KEY.values():
            if spec.kind in ("format", "info"):
                continue
            self._identity_value(spec, entries.get(spec.key, []), document)
            # A problem with a whole section (e.g. an RPJMD that differs) points at its first row.
            self.where.setdefault(spec.path[:1], self.where.get(spec.path, (SHEET_IDENTITY, 0, "")))
        rp = document["regional_plan"]
        if not any(v not in ("", None, []) for v in rp.values()):
            document["regional_plan"] = None
        return document

    def _identity_value(self, spec, rows: list, document: dict) -> None:
        section, name = spec.path
        target = document[section]
        multi = spec.kind in ("list", "mission", "json")
        if not multi and len(rows) > 1:
            for number, _, _ in rows[1:]:
                self.error(
                    SHEET_IDENTITY, number, "kunci", spec.key, "Kunci ini muncul lebih dari sekali."
                )
            rows = rows[:1]
        if not rows:
            self.where[spec.path] = (SHEET_IDENTITY, 0, value_column(spec.key))
            if multi:
                target[name] = []
            elif spec.kind not in ("bool",) and spec.path != ("version", "number"):
                target[name] = None if spec.kind in ("year", "int") else ""
            return
        if multi:
            target[name] = []
            self.where[spec.path] = (SHEET_IDENTITY, rows[0][0], value_column(spec.key))
            for number, value_cell, text_cell in rows:
                value = self._identity_cell(spec, number, value_cell)
                text = ""
                if spec.kind == "mission":
                    text = self._identity_cell(
                        spec, number, text_cell, kind="text", header="uraian misi"
                    )
                if value in ("", None) and not text:
                    continue
                path = spec.path + (len(target[name]),)
                self.where[path] = (SHEET_IDENTITY, number, value_column(spec.key))
                if spec.kind == "mission":
                    self.where[path + ("text",)] = (SHEET_IDENTITY, number, "uraian misi")
                    target[name].append({"number": value or "", "text": text or ""})
                elif spec.kind == "json":
                    try:
                        target[name].append(json.loads(value))
                    except (ValueError, RecursionError):
                        self.error(
                            SHEET_IDENTITY,
                            number,
                            value_column(spec.key),
                            value,
                            "Bukan JSON yang sah.",
                        )
                else:
                    target[name].append(value)
            return
        number, value_cell, _ = rows[0]
        self.where[spec.path] = (SHEET_IDENTITY, number, value_column(spec.key))
        value = self._identity_cell(spec, number, value_cell)
        if value is None and spec.kind not in ("year", "int"):
            return
        if spec.kind == "bool":
            if value:
                if value.casefold() in (YES, NO):
                    target[name] = value.casefold() == YES
                else:
                    self.error(
                        SHEET_IDENTITY,
                        number,
                        value_column(spec.key),
                        value,
                        "Isi '{}' atau '{}'.".format(YES, NO),
                    )
            return
        if spec.kind == "choice":
            if not value and spec.blank_is_default:
                return
            target[name] = (spec.choice.value(value) or value) if value else ""
        elif spec.kind in ("year", "int"):
            if value in ("", None):
                if spec.path != ("version", "number"):
                    target[name] = None
            else:
                # A number of more digits than any year or version stays text, for the check to
                # refuse (int() refuses more than 4,300 digits).
                whole = value.isascii() and value.isdigit() and len(value) <= 9
                target[name] = int(value) if whole else value
        else:
            target[name] = value

    def _identity_cell(self, spec, number, cell, kind=None, header=None) -> str | None:
        header = header or value_column(spec.key)
        text, reason = cell_text(
            cell,
            kind
            or {"year": "int", "bool": "choice", "list": "text", "mission": "number"}.get(
                spec.kind, spec.kind
            ),
        )
        if reason:
            self.error(SHEET_IDENTITY, number, header, cell.value, reason)
            return None
        return text
