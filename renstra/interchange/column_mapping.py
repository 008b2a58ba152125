"""The column-mapping step of the import (issue 17): a spreadsheet of another layout (a SIPD
export, an agency's own table) read as a T-C.27 table, through the T-C.27 importer itself
(renstra.interchange.tc27): there is no second importer.

A Layout says which sheet, which row(s) hold the column titles, where the table ends, and the
T-C.27 field of each column (column_guess). `read_mapped` turns each row below the header into
a T-C.27 row and reads them with tc27.read_tc27, so the rows become the same plan document, with
the same checks, and are written all or nothing by the same function. Nothing in the sheet is
lost:

- a column mapped to no field (KEEP) keeps its cells verbatim: a row with such a cell is kept
  whole in the version's unplaced_rows, as the T-C.27 import keeps cells it cannot place;
- the rows above the header (a title) and below the table's last row are kept there too;
- the level of a row comes from the level column (its words in any case and spacing: "Sub
  Kegiatan" is subkegiatan) or, where the column is absent or the cell blank, from the shape of
  the row's code (renstra.plans.levels.CODE_FORMATS); a row whose level cannot be known so is an
  error of that row, never a guess.

Errors name the file's own columns ("Pagu 2021 (kolom L)") and, in a workbook, the sheet.
The mapping of a layout is remembered per agency (ColumnMapping), by its header's signature.
"""

from dataclasses import dataclass, field

from renstra.core.errors import CellError, ImportRejected
from renstra.interchange.column_guess import KEEP, MAX_YEARS, field_choices, header_signature
from renstra.interchange.column_sheet import (
    MAX_HEADER_ROWS,
    SheetGrid,
    bad_cell,
    column_name,
    header_labels,
    letter,
    read_grid,
)
from renstra.interchange.jsonio import document_errors
from renstra.interchange.models import ColumnMapping
from renstra.interchange.tc27 import MAX_ROWS, Tc27Source, read_tc27
from renstra.interchange.tc27_document import Tc27Reading
from renstra.interchange.tc27_layout import COLUMNS, LEVEL_WORDS, YEAR_COLUMN
from renstra.plans.levels import CODE_FORMATS
from renstra.plans.models import Agency, PlanVersion

# The level words of the T-C.27 column, by how a title may write them ("Sub Kegiatan").
_LEVELS = {word.replace("_", ""): word for word in LEVEL_WORDS}
# The code shapes' level keys as level words.
_SHAPE_LEVELS = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "subkegiatan"}
_CODED = ("kode", "kode_raw")  # read as codes: a code Excel turned into a number is an error


def _level_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@dataclass(frozen=True)
class Layout:
    """Where the table stands in the sheet and the field of each column (KEEP: kept as is)."""

    sheet: str = ""
    header_row: int = 1
    header_rows: int = 1
    last_row: int = 0  # 0: the last row that holds anything
    fields: tuple[str, ...] = ()

    @property
    def first_row(self) -> int:
        return self.header_row + self.header_rows

    def end(self, grid: SheetGrid) -> int:
        return self.last_row or grid.last_row

    def as_json(self, labels: list[str] | None = None) -> dict:
        data = {
            "sheet": self.sheet,
            "header_row": self.header_row,
            "header_rows": self.header_rows,
            "last_row": self.last_row,
            "fields": list(self.fields),
        }
        if labels is not None:
            data["headers"] = list(labels)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Layout":
        return cls(
            sheet=str(data.get("sheet") or ""),
            header_row=int(data.get("header_row") or 1),
            header_rows=int(data.get("header_rows") or 1),
            last_row=int(data.get("last_row") or 0),
            fields=tuple(str(f or "") for f in data.get("fields") or ()),
        )


def layout_problems(layout: Layout, grid: SheetGrid, labels: list[str], years) -> list[str]:
    """What is wrong with a layout for this sheet, as sentences for the mapping page."""
    problems = []
    last = grid.last_row
    if not 1 <= layout.header_row <= max(last, 1):
        problems.append(
            "Baris judul {} tidak ada: lembar ini berisi baris 1 sampai {}.".format(
                layout.header_row, last
            )
        )
    if not 1 <= layout.header_rows <= MAX_HEADER_ROWS:
        problems.append("Baris judul terdiri atas 1 sampai {} baris.".format(MAX_HEADER_ROWS))
    if layout.last_row and layout.last_row < layout.first_row:
        problems.append("Baris terakhir tabel harus di bawah baris judul.")
    if layout.end(grid) - layout.first_row + 1 > MAX_ROWS:
        problems.append("Tabel lebih dari {} baris; bagi tabelnya.".format(MAX_ROWS))
    choices = dict(field_choices(years))
    seen: dict[str, int] = {}
    for column, name in enumerate(layout.fields, start=1):
        if name not in choices:
            problems.append(
                "Pilihan '{}' untuk {} tidak dikenal.".format(name, column_name(labels, column))
            )
        elif name != KEEP and name in seen:
            problems.append(
                "{} dan {} sama-sama dipetakan ke '{}'; setiap isian hanya untuk satu kolom.".format(
                    column_name(labels, seen[name]), column_name(labels, column), choices[name]
                )
            )
        seen.setdefault(name, column)
    if "uraian" not in seen:
        problems.append("Pilih kolom uraian (nama tujuan, sasaran, program, kegiatan).")
    if "level" not in seen and "kode" not in seen:
        problems.append(
            "Pilih kolom tingkat, atau kolom kode agar tingkat setiap baris diketahui dari "
            "bentuk kodenya."
        )
    return problems


@dataclass
class MappedReading(Tc27Reading):
    """A Tc27Reading of a mapped sheet: its errors name the sheet and the file's own columns."""

    place: str = ""
    columns: dict = field(default_factory=dict)  # T-C.27 column or kept key -> file column name
    rows: list = field(default_factory=list)  # (row number, T-C.27 row) of the table, filled
    first_row: int = 2

    def renamed(self, error: CellError) -> CellError:
        column = self.columns.get(error.column, error.column)
        return CellError(self.place, error.row, column, error.value, error.reason)

    def locate(self, problem) -> CellError:
        return self.renamed(super().locate(problem))


def level_of_code(code: str, scheme: str) -> str | None:
    """The level the code's shape says (program, kegiatan, subkegiatan) in the plan's scheme,
    or in every national scheme when the scheme is to be chosen from the codes; None when no
    shape or more than one level fits."""
    schemes = [scheme] if scheme else list(CODE_FORMATS)
    found = {
        _SHAPE_LEVELS[key]
        for name in schemes
        for key, (shape, _example) in CODE_FORMATS.get(name, {}).items()
        if shape.match(code)
    }
    return found.pop() if len(found) == 1 else None


class _Mapper:
    """Turns the sheet's rows into T-C.27 rows (keys: level, the mapped fields, kept columns)."""

    def __init__(self, grid: SheetGrid, layout: Layout, labels: list[str], scheme: str):
        self.grid, self.layout, self.labels, self.scheme = grid, layout, labels, scheme
        fields = list(layout.fields) + [KEEP] * (len(labels) - len(layout.fields))
        self.mapped = {name: col for col, name in enumerate(fields, start=1) if name != KEEP}
        self.kept: dict[str, int] = {}
        for col, name in enumerate(fields, start=1):
            if name == KEEP:
                self.kept[self._kept_key(col)] = col
        self.keys = ["level", *(k for k in self.mapped if k != "level"), *self.kept]
        self.errors: list[CellError] = []

    def _kept_key(self, col: int) -> str:
        """The key of a kept column in an unplaced row: its title, unless that is taken (a
        T-C.27 column's name, another column's title) or empty; then with its letter."""
        title = self.labels[col - 1] if col <= len(self.labels) else ""
        taken = title in COLUMNS or YEAR_COLUMN.match(title) or title in self.kept
        if not title or taken or title in self.mapped:
            return column_name(self.labels, col)
        return title

    def names(self) -> dict[str, str]:
        named = {name: column_name(self.labels, col) for name, col in self.mapped.items()}
        named.update({key: column_name(self.labels, col) for key, col in self.kept.items()})
        return named

    def _text(self, row: int, col: int, kind: str) -> str:
        text, reason = self.grid.text(row, col, kind)
        if text is None:
            self.errors.append(bad_cell(self.grid, row, col, reason, column_name(self.labels, col)))
            return ""
        return text

    def row(self, number: int) -> dict | None:
        """The T-C.27 row of a sheet row; None for an empty row or one whose level cannot be
        known (its error recorded)."""
        if number not in self.grid.cells:
            return None
        row = dict.fromkeys(self.keys, "")
        for name, col in self.mapped.items():
            row[name] = self._text(number, col, "code" if name in _CODED else "text")
        for key, col in self.kept.items():
            row[key] = self._text(number, col, "text")
        if not any(v.strip() for v in row.values()):
            return None  # only cells that could not be read, already errors
        written = row["level"].strip()
        if written:
            # Words of the level column in any case and spacing; other words stay as written
            # and the T-C.27 reading names them.
            row["level"] = _LEVELS.get(_level_key(written), written)
            return row
        code = " ".join(row.get("kode", "").split())
        level = level_of_code(code, self.scheme) if code else None
        if level is None:
            self.errors.append(self._unknown_level(number, code))
            return None
        row["level"] = level
        return row

    def _unknown_level(self, number: int, code: str) -> CellError:
        where = "level" if "level" in self.mapped else "kode"
        col = self.mapped.get(where)
        label = column_name(self.labels, col) if col else "tingkat"
        if code:
            why = "kode '{}' tidak berbentuk kode program, kegiatan atau sub kegiatan".format(code)
            if self.scheme and self.scheme not in CODE_FORMATS:
                why = "kode lokal tidak punya bentuk yang menunjukkan tingkatnya"
        else:
            why = "baris ini tidak berkode"
        reason = (
            "Tingkat baris ini tidak dapat diketahui: kolom tingkatnya {}, dan {}. Isi "
            "tingkatnya (tujuan, sasaran, program, kegiatan, subkegiatan, bidang_urusan) di kolom "
            "tingkat, atau perbaiki kodenya."
        ).format("kosong" if "level" in self.mapped else "tidak dipetakan", why)
        return CellError(self.grid.where, number, label, code, reason)

    def outside(self, number: int, reason: str) -> dict:
        """A row above the header or below the table, kept verbatim by column letter."""
        entry = {"row": number, "reason": reason}
        for col in sorted(self.grid.cells.get(number, {})):
            entry[letter(col)] = self._text(number, col, "text")
        return entry


def read_mapped(
    grid: SheetGrid, layout: Layout, source: Tc27Source, revises: PlanVersion | None = None
) -> MappedReading:
    """The plan document of a mapped sheet, read by the T-C.27 reader, with every error."""
    labels = header_labels(grid, layout.header_row, layout.header_rows)
    mapper = _Mapper(grid, layout, labels, source.code_scheme)
    first, end = layout.first_row, layout.end(grid)
    rows, filled = [], []
    for number in range(first, max(end, first) + 1):
        row = mapper.row(number)
        filled += [(number, row)] if row is not None else []
        rows.append(row if row is not None else dict.fromkeys(mapper.keys, ""))
    reading = read_tc27(
        rows, source, name=grid.name, revises=revises, first_row=first, kept=tuple(mapper.kept)
    )
    above = [
        mapper.outside(n, "baris di atas baris judul kolom (judul tabel), disimpan apa adanya")
        for n in sorted(grid.cells)
        if n < layout.header_row
    ]
    below = [
        mapper.outside(n, "baris di bawah baris terakhir tabel, disimpan apa adanya")
        for n in sorted(grid.cells)
        if n > end
    ]
    version = reading.document["version"]
    version["unplaced_rows"] = above + version["unplaced_rows"] + below
    version["source"] = "Tabel {} dengan kolom yang dipetakan ke tabel T-C.27".format(
        "{} (lembar {})".format(grid.name, grid.sheet) if grid.sheet else grid.name
    )
    mapped = MappedReading(
        reading.name,
        reading.document,
        [],
        reading.where,
        place=grid.where,
        columns=mapper.names(),
        rows=filled,
        first_row=first,
    )
    errors = [mapped.renamed(e) for e in reading.errors] + mapper.errors
    if not filled and not mapper.errors:
        reason = "Tidak ada baris tabel di bawah baris judul; periksa baris judul dan lembarnya."
        errors.append(CellError(grid.where, first, "", "", reason))
    mapped.errors = sorted(errors, key=lambda e: e.row)
    return mapped


def read_mapped_upload(
    data: bytes, name: str, mapping: dict, source: Tc27Source, revises: PlanVersion | None
) -> MappedReading:
    """The import task's reading of an upload with the layout the planner confirmed."""
    layout = Layout.from_json(mapping)
    grid = read_grid(data, name, layout.sheet)
    labels = header_labels(grid, layout.header_row, layout.header_rows)
    problems = layout_problems(layout, grid, labels, source_years(source))
    if problems:
        raise ImportRejected([CellError(grid.where, 0, "", "", p) for p in problems])
    return read_mapped(grid, layout, source, revises)


def source_years(source: Tc27Source) -> dict[int, int]:
    """The calendar year of every year column the source knows (y1 -> 2021, ...)."""
    return source.year_map(["target_y{}".format(n) for n in range(1, MAX_YEARS + 1)])


def preview_errors(reading: MappedReading, revises: PlanVersion | None) -> list[CellError]:
    """Every error the import of this reading would list, writing nothing."""
    return document_errors(
        reading.document,
        revises=revises,
        source_name=reading.name,
        locate=reading.locate,
        errors=reading.errors,
        order=lambda e: e.row,
    )


# --- the layouts an agency has mapped before -----------------------------------------------------


def mapping_agency(source: Tc27Source, revises: PlanVersion | None) -> Agency | None:
    """The agency a table is imported for, when the system has it (as the T-C.27 import finds
    it: the revised plan's, or by its Pemda and short name)."""
    if revises is not None:
        return revises.plan.agency
    return Agency.objects.filter(
        region__name=source.region, short_name=source.agency_short_name
    ).first()


def choose_layout(job, agency: Agency | None, labels: list[str], layout: Layout, user) -> None:
    """The planner's mapping of an upload: kept on the job (for the preview and the task) and,
    once the agency exists, remembered for its next file of the same header."""
    job.column_mapping = layout.as_json(labels)
    job.save(update_fields=["column_mapping"])
    if agency is not None:
        remember(agency, labels, layout, user)


def remember(agency: Agency, labels: list[str], layout: Layout, user) -> ColumnMapping:
    """Keep the agency's mapping of this layout (one per header signature)."""
    stored = layout.as_json()
    stored.pop("last_row")  # where one file's table ends says nothing of the next file's
    mapping, _created = ColumnMapping.objects.update_or_create(
        agency=agency,
        header_signature=header_signature(labels),
        defaults={"headers": list(labels), "mapping": stored, "updated_by": user},
    )
    return mapping


def remembered(agency: Agency | None, labels: list[str]) -> ColumnMapping | None:
    """The agency's mapping of a header with these titles, if it mapped one before."""
    if agency is None:
        return None
    return ColumnMapping.objects.filter(
        agency=agency, header_signature=header_signature(labels)
    ).first()


def remembered_layouts(agency: Agency | None) -> list[ColumnMapping]:
    """Every layout the agency mapped, the latest first (to find where a new file's header
    stands)."""
    if agency is None:
        return []
    return list(ColumnMapping.objects.filter(agency=agency).select_related("updated_by"))
