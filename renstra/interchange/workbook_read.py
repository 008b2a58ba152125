"""Reading the sheets of a Renstra workbook: rows as texts by column, merged cells filled in,
and the helpers that place rows into the plan document (keys, parents, yearly values). Every
error is a CellError (sheet, row, column, value, reason); one mistake is reported once.

The package is checked first (renstra.interchange.workbook_package); sheets are read with
openpyxl in read-only mode, within limits of rows and columns.
"""

import json
import re
import zipfile
from dataclasses import dataclass, field

from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.functions import iterparse

from renstra.core.errors import MAX_COLLECTED, CellError, ImportRejected
from renstra.core.targets import normalize_space
from renstra.interchange.plan_checker import Problem, level_word, path_text, show
from renstra.interchange.workbook_cells import Cell, cell_text
from renstra.interchange.workbook_layout import (
    EXAMPLE_PREFIX,
    SHEET_IDENTITY,
    Column,
    LevelChoice,
)
from renstra.interchange.workbook_package import LIMITS, beyond_limits
from renstra.plans.levels import Level


@dataclass
class Reading:
    """What the reader made of a workbook: the plan document, errors found while reading, and
    where each part of the document came from (for the errors of the check)."""

    document: dict
    errors: list[CellError]
    where: dict = field(default_factory=dict)  # path -> (sheet, row, column)
    identity_known: bool = True

    def locate(self, problem: Problem) -> CellError:
        path = tuple(problem.path)
        while path and path not in self.where:
            path = path[:-1]
        sheet, row, column = self.where.get(path, (SHEET_IDENTITY, 0, path_text(problem.path)))
        return CellError(sheet, row, column, show(problem.value), problem.reason)


@dataclass
class Row:
    """One filled row of an item sheet, its cells as texts by document field."""

    sheet: str
    number: int
    values: dict = field(default_factory=dict)  # field -> text
    headers: dict = field(default_factory=dict)  # field -> header as printed
    years: dict = field(default_factory=dict)  # year -> text
    year_headers: dict = field(default_factory=dict)  # year -> header


class SheetReader:
    """Reads sheets into rows and places rows into the document, collecting every error and
    where each part of the document came from (`where`: path -> (sheet, row, column))."""

    def __init__(self, archive: zipfile.ZipFile, source: str):
        self.archive = archive
        self.source = source
        self.present: dict[str, set] = {}  # sheet -> fields that have a column in it
        self.errors: list[CellError] = []
        self.where: dict = {}
        self.items: dict[str, tuple[str, dict, tuple]] = {}  # key -> (level, item, path)
        self.broken: set[str] = set()
        self.examples: set[str] = set()

    def error(self, sheet, row, column, value, reason) -> None:
        if len(self.errors) < MAX_COLLECTED:  # more are not shown (renstra.core.errors)
            self.errors.append(CellError(sheet, row, column, show(value), reason))

    # sheet -> cells

    def cells(self, ws) -> dict[int, dict[int, Cell]]:
        """{row: {column: Cell}} of the non-empty cells, merged ranges filled in.

        The sheet's XML is read once, as a stream (rows are dropped as soon as they are read):
        its rows and merged ranges, nothing else. A sheet whose XML cannot be read is refused
        with the row where reading stopped."""
        limits = LIMITS
        grid: dict[int, dict[int, Cell]] = {}
        ranges: list[tuple[int, int, int, int]] = []
        filled = last = 0
        try:
            for index, parsed in _sheet_rows(self.archive, ws, ranges):
                # Rows out of order or repeated are left out, as openpyxl leaves them out.
                if index <= last:
                    continue
                last = index
                cells = {}
                for item in parsed:
                    value = item["value"]
                    if value is None or (isinstance(value, str) and not value.strip()):
                        continue
                    col = item["column"]
                    if col > limits.max_columns:
                        raise beyond_limits(
                            ws.title,
                            index,
                            "Ada isi di luar kolom ke-{}; hapus isi di sebelah kanan tabel.".format(
                                limits.max_columns
                            ),
                        )
                    if col < 1:
                        continue
                    number_format = "General"
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        number_format = _number_format(ws, item["style_id"])
                    cells[col] = Cell(value, item["data_type"], number_format)
                if not cells:
                    continue
                if index > limits.max_row_index:
                    raise beyond_limits(
                        ws.title,
                        index,
                        "Ada isi di bawah baris {}; hapus baris yang tidak dipakai.".format(
                            limits.max_row_index
                        ),
                    )
                filled += 1
                if filled > limits.max_data_rows + 1:
                    raise beyond_limits(
                        ws.title,
                        index,
                        "Lembar berisi lebih dari {} baris; bagi atau kurangi isinya.".format(
                            limits.max_data_rows
                        ),
                    )
                grid[index] = cells
        except ImportRejected:
            raise
        except SheetTooLarge as exc:
            raise beyond_limits(
                ws.title,
                exc.args[0],
                "Lembar berisi lebih dari {} baris atau {} sel (sel kosong berformat juga "
                "dihitung); hapus baris dan kolom yang tidak dipakai.".format(
                    MAX_ROW_ELEMENTS, MAX_CELL_ELEMENTS
                ),
            ) from exc
        except Exception as exc:  # noqa: BLE001 - the XML of one sheet can fail in many ways
            raise beyond_limits(
                ws.title,
                last + 1,
                "Isi lembar ini rusak dan tidak terbaca mulai baris {} ({}); buka berkasnya di "
                "Excel, simpan ulang sebagai .xlsx, lalu impor lagi.".format(
                    last + 1, type(exc).__name__
                ),
            ) from exc
        budget = limits.max_merged_cells
        for min_col, min_row, max_col, max_row in ranges:
            top = grid.get(min_row, {}).get(min_col)
            if top is None:
                continue
            max_row = min(max_row, limits.max_row_index)
            max_col = min(max_col, limits.max_columns)
            budget -= (max_row - min_row + 1) * (max_col - min_col + 1)
            if budget < 0:
                raise beyond_limits(ws.title, min_row, "Terlalu banyak sel gabungan (merge).")
            for r in range(min_row, max_row + 1):
                for c in range(min_col, max_col + 1):
                    grid.setdefault(r, {})[c] = top
        return grid

    def rows(self, ws, columns) -> list[Row]:
        """The sheet's rows as texts by field, after its header row was matched to `columns`."""
        grid = self.cells(ws)
        name = ws.title
        header_cells = grid.pop(1, {})
        by_header = {normalize_space(c.header).casefold(): c for c in columns if c.kind != "years"}
        year_patterns = [
            (re.compile("^" + c.header.casefold().replace("{}", r"([0-9]{4})") + "$"), c)
            for c in columns
            if c.kind == "years"
        ]
        mapping: dict[int, tuple[Column, int | None, str]] = {}
        seen: dict[str, int] = {}
        for col, cell in sorted(header_cells.items()):
            text, _ = cell_text(cell, "text")
            header = normalize_space(text or "")
            key = header.casefold()
            if key in seen:
                self.error(name, 1, header, header, "Judul kolom ini muncul dua kali.")
                continue
            seen[key] = col
            if key in by_header:
                mapping[col] = (by_header[key], None, header)
                continue
            for pattern, column in year_patterns:
                match = pattern.match(key)
                if match:
                    mapping[col] = (column, int(match.group(1)), header)
                    break
            else:
                self.error(
                    name,
                    1,
                    header,
                    header,
                    "Judul kolom tidak dikenal; gunakan judul dari templat (lihat lembar petunjuk).",
                )
        present = {column.field for column, _, _ in mapping.values()}
        for column in columns:
            required = column.field in ("key", "level", "parent", "owner", "name")
            if required and column.field not in present:
                self.error(
                    name,
                    1,
                    column.header,
                    "",
                    "Kolom '{}' tidak ada di baris judul.".format(column.header),
                )
        result = []
        for number, cells in sorted(grid.items()):
            row = Row(name, number)
            for col, cell in cells.items():
                if col not in mapping:
                    if col not in header_cells:
                        self.error(
                            name,
                            number,
                            "",
                            cell.value,
                            "Ada isi di kolom tanpa judul; hapus atau beri judul kolom.",
                        )
                    continue
                column, year, header = mapping[col]
                text, reason = cell_text(cell, "raw" if year else column.kind)
                if reason:
                    self.error(name, number, header, cell.value, reason)
                    continue
                if not text:
                    continue
                if year:
                    row.years[year], row.year_headers[year] = text, header
                elif column.kind != "info":
                    row.values[column.field], row.headers[column.field] = text, header
            key = row.values.get("key", "")
            if key.casefold().startswith(EXAMPLE_PREFIX.casefold()):
                self.examples.add(key)
                continue
            if row.values or row.years:
                result.append(row)
        self.present[name] = present
        return result

    # --- items ---------------------------------------------------------------------------------

    def place(self, level: str, item: dict, path: tuple, row: Row) -> None:
        self.where[path] = (row.sheet, row.number, "")
        for name, header in row.headers.items():
            self.where[path + (name,)] = (row.sheet, row.number, header)
        key = row.values.get("key")
        if key:
            self.items[key] = (level, item, path)

    def claim_key(self, row: Row) -> bool:
        """Whether the row's key is free; a key used twice is reported at its second row."""
        key = row.values.get("key")
        if key and key in self.items:
            sheet, number, _ = self.where[self.items[key][2]]
            self.error(
                row.sheet,
                row.number,
                row.headers["key"],
                key,
                "Kunci '{}' sudah dipakai di lembar {} baris {}; setiap butir perlu kunci "
                "sendiri.".format(key, sheet, number),
            )
            return False
        return True

    def level(self, row: Row, levels: LevelChoice) -> Level | None:
        """The level the row's 'tingkat' names, or None (an error) if not one of `levels`."""
        text = row.values.get("level", "")
        value = levels.level(text) if text else None
        if value is None:
            self.error(
                row.sheet,
                row.number,
                row.headers.get("level", "tingkat"),
                text,
                "Tingkat harus salah satu dari: {}.".format(", ".join(levels.shown)),
            )
            self.fail(row)
        return value

    def fail(self, row: Row) -> None:
        """The row could not be placed; rows that refer to it are then left out silently (its
        own error is reported), so one mistake is reported once."""
        if row.values.get("key"):
            self.broken.add(row.values["key"])

    def parent(self, row: Row, field_name: str, levels: tuple[Level, ...]):
        """(level name, item, path) of the item the row's `field_name` names, which must be of
        one of `levels`; None (with an error, unless already reported) otherwise."""
        what = _either([level_word(level.name) for level in levels])
        ref = row.values.get(field_name, "")
        header = row.headers.get(field_name, field_name)
        found = self.items.get(ref)
        if ref in self.broken:
            reason = None
        elif not ref:
            reason = "Isi dengan kunci {}.".format(what)
        elif ref in self.examples:
            reason = "Merujuk ke baris contoh '{}'; baris contoh tidak diimpor.".format(ref)
        elif found is None:
            reason = "Tidak ada {} berkunci '{}'.".format(what, ref)
        elif found[0] not in {level.name for level in levels}:
            reason = "'{}' adalah {}, bukan {}.".format(ref, level_word(found[0]), what)
        else:
            return found
        if reason:
            self.error(row.sheet, row.number, header, ref, reason)
        self.fail(row)
        return None

    def fields(self, row: Row, names) -> dict:
        item = {}
        if row.values.get("key"):
            item["key"] = row.values["key"]
        for name in names:
            if name not in self.present[row.sheet]:
                continue
            text = row.values.get(name, "")
            if name == "other_wordings":
                item[name] = self.json_list(row, name, text)
            else:
                item[name] = text
        return item

    def json_list(self, row: Row, name: str, text: str) -> list:
        if not text:
            return []
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            value = None
        if not isinstance(value, list):
            self.error(
                row.sheet,
                row.number,
                row.headers[name],
                text,
                'Harus daftar JSON, mis. [{"where": "Bab VI", "text": "..."}].',
            )
            return []
        return value

    def only_for(self, row: Row, level: Level, allowed: dict[str, tuple[Level, ...]]) -> None:
        """An error for each filled column that `allowed` keeps for other levels."""
        for name, levels in allowed.items():
            if row.values.get(name) and level not in levels:
                self.error(
                    row.sheet,
                    row.number,
                    row.headers[name],
                    row.values[name],
                    "Kolom ini hanya untuk {}; kosongkan untuk {}.".format(
                        " dan ".join(level_word(x.name) for x in levels), level_word(level.name)
                    ),
                )

    def yearly(self, row: Row, notes_field: str, path: tuple) -> list[dict]:
        notes = self.notes(row, notes_field)
        result = []
        for year in sorted(row.years):
            self.where[path + (len(result),)] = (row.sheet, row.number, row.year_headers[year])
            result.append(
                {"year": year, "raw_text": row.years[year], "inferred_note": notes.get(year, "")}
            )
        return result

    def notes(self, row: Row, name: str) -> dict[int, str]:
        text = row.values.get(name, "")
        if not text:
            return {}
        header = row.headers[name]
        if text.startswith("{"):
            try:
                parsed = json.loads(text)
            except (ValueError, RecursionError):
                parsed = None
            if isinstance(parsed, dict):
                result = {}
                for year, note in parsed.items():
                    plain = year.isascii() and year.isdigit() and len(year) <= 9
                    if not (plain and int(year) in row.years):
                        self.error(
                            row.sheet,
                            row.number,
                            header,
                            year,
                            "Catatan untuk tahun {} yang tidak berisi nilai.".format(year),
                        )
                    elif not isinstance(note, str):
                        self.error(row.sheet, row.number, header, note, "Catatan harus teks.")
                    else:
                        result[int(year)] = note
                return result
        if not row.years:
            self.error(
                row.sheet,
                row.number,
                header,
                text,
                "Catatan tahun tanpa nilai tahunan di baris ini; kosongkan.",
            )
            return {}
        return dict.fromkeys(row.years, text)


class _SheetParser(WorkSheetParser):
    """openpyxl's parser of a sheet's XML, used for its rows and cells only: what else a sheet
    holds (validations, views, formatting) is not read, and no row is made up for a gap."""

    def parse_cell(self, element):
        """As openpyxl parses a cell; a plain inline text (<is><t>...</t></is>, what exports
        write for every text) is read directly rather than through openpyxl's rich-text
        objects, which cost more than the rest of reading a sheet."""
        inline = element[0] if element.get("t") == "inlineStr" and len(element) == 1 else None
        if inline is None or inline.tag != _INLINE or len(inline) != 1:
            return super().parse_cell(element)
        text = inline[0]
        if text.tag != _TEXT or len(text):
            return super().parse_cell(element)
        coordinate = element.get("r")
        style_id = element.get("s", 0)
        if style_id:
            style_id = int(style_id)
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        value = text.text or ""
        return {
            "row": row,
            "column": column,
            "value": value,
            "data_type": "s",
            "style_id": style_id,
        }

    def rows(self, ranges: list):
        """(row index, [cell dicts]) of each row; merged ranges are appended to `ranges`.
        Raises SheetTooLarge past MAX_ROW_ELEMENTS rows or MAX_CELL_ELEMENTS cells, empty
        ones included (a sheet of empty cells costs as much to read as a full one)."""
        sheet_data = None
        rows = cells = 0
        for event, element in iterparse(self.source, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _SHEET_DATA:
                    sheet_data = element
                continue
            if tag == _ROW:
                rows += 1
                cells += len(element)
                if rows > MAX_ROW_ELEMENTS or cells > MAX_CELL_ELEMENTS:
                    raise SheetTooLarge(self.row_counter + 1)
                yield self.parse_row(element)
                if sheet_data is not None:
                    sheet_data.clear()
            elif tag == _MERGE_CELL:
                if len(ranges) < LIMITS.max_merged_cells:
                    try:
                        bounds = range_boundaries(element.get("ref", ""))
                    except (TypeError, ValueError):
                        bounds = (None,)
                    if None not in bounds:
                        ranges.append(bounds)
                element.clear()


class SheetTooLarge(Exception):
    """A sheet holds more rows or cells (empty or not) than may be read; args: the row."""


# Rows and cells a sheet's XML may hold, empty ones (with a format only) included: twice what
# a full sheet of LIMITS holds (5,001 rows of 60 columns), so that formatting left below or to
# the right of a table still reads, but no file makes the reader walk millions of empty cells.
MAX_ROW_ELEMENTS = 2 * LIMITS.max_row_index
MAX_CELL_ELEMENTS = 2 * LIMITS.max_row_index * LIMITS.max_columns
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SHEET_DATA, _ROW, _MERGE_CELL = _NS + "sheetData", _NS + "row", _NS + "mergeCell"
_INLINE, _TEXT = _NS + "is", _NS + "t"


def _sheet_rows(archive: zipfile.ZipFile, ws, ranges: list):
    """The rows of a read-only worksheet, parsed as openpyxl parses them (shared strings,
    numbers, dates by their style, formulas), from the package checked by check_package."""
    workbook = ws.parent
    with archive.open(ws._worksheet_path) as source:
        parser = _SheetParser(
            source,
            ws._shared_strings,
            data_only=workbook.data_only,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        yield from parser.rows(ranges)


def _number_format(ws, style_id) -> str:
    """The number format of a cell's style ('0%'), 'General' for a style the file lacks."""
    workbook = ws.parent
    try:
        number = workbook._cell_styles[style_id].numFmtId
        if number < BUILTIN_FORMATS_MAX_SIZE:
            return BUILTIN_FORMATS.get(number, "General")
        return workbook._number_formats[number - BUILTIN_FORMATS_MAX_SIZE]
    except (IndexError, KeyError, TypeError, AttributeError):
        return "General"


def _either(words: list[str]) -> str:
    """'tujuan', or 'tujuan, sasaran atau program'."""
    return " atau ".join(w for w in (", ".join(words[:-1]), words[-1]) if w)


def value_column(key: str) -> str:
    """How an error names the value cell of an identity row: 'nilai (pemda.nama)'."""
    return "nilai ({})".format(key)
