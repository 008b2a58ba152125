"""The rows of a T-C.27 table (Rencana Program, Kegiatan dan Pendanaan) as the plan document of
renstra.interchange.jsonio, with every error found on the way and where each part of the
document came from (row and column), so that the check of the document reports its problems by
cell too.

One row per tujuan, sasaran, program, kegiatan or sub kegiatan, and one more row per further
indicator of the item above it (marked by a note "further indicator ...", as the transcriptions
in shared/real-plans write it, or by repeating the item's level, kode and uraian). What the
rows say is kept, every cell of it:

- a row with targets (or a baseline, end target, unit or kelompok sasaran) but no indicator name
  gets an indicator named from its row and marked (renstra.core.indicator_names), never dropped;
  the checker flags it ("indikator tanpa nama");
- a cell the model has no place for (a bidang urusan row, Rp on a tujuan, sasaran or further
  indicator row, a program's lokasi, a code on a further indicator row that differs from its
  item's) keeps its whole row verbatim in the version's `unplaced_rows`, with the reason and the
  columns; the checker lists those rows too;
- a cell that cannot be read (an unknown level, a target of a year the plan does not have, a
  column the table does not know) is an error: the import writes nothing.
"""

from dataclasses import dataclass, field

from renstra.core.errors import CellError
from renstra.core.indicator_names import unnamed_indicator_name
from renstra.core.targets import ValueType, infer_value_type, normalize_space, parse_target
from renstra.interchange.plan_checker import Problem, path_text, show
from renstra.interchange.plan_schema import FORMAT, FORMAT_VERSION
from renstra.interchange.tc27_layout import (
    COLUMNS,
    FURTHER,
    INDICATOR_COLUMNS,
    INDICATOR_FIELD_COLUMNS,
    ITEM_FIELD_COLUMNS,
    LEVEL_WORDS,
    REQUIRED,
    UNPRINTED_GOAL,
    URUSAN,
    YEAR_COLUMN,
    year_columns,
)


@dataclass
class Tc27Reading:
    """What the rows made: the plan document, the errors found while reading them, and where
    each part of the document came from (path -> (row, column))."""

    name: str
    document: dict
    errors: list[CellError]
    where: dict = field(default_factory=dict)

    def locate(self, problem: Problem) -> CellError:
        path = tuple(problem.path)
        while path and path not in self.where:
            path = path[:-1]
        row, column = self.where.get(path, (0, path_text(problem.path)))
        return CellError(self.name, row, column, show(problem.value), problem.reason)

    @property
    def codes(self) -> dict[str, list[str]]:
        """The codes of programs, kegiatan and sub kegiatan, by level key."""
        codes: dict[str, list[str]] = {"program": [], "kegiatan": [], "sub_kegiatan": []}
        for program in self.document["programs"]:
            codes["program"].append(program["code"])
            for activity in program["activities"]:
                codes["kegiatan"].append(activity["code"])
                codes["sub_kegiatan"] += [s["code"] for s in activity["sub_activities"]]
        return {key: [c for c in values if c] for key, values in codes.items()}


@dataclass
class _Entity:
    """An item a row made, which further indicator rows below it add to."""

    level: str
    item: dict
    path: tuple
    cells: dict  # the row's cells that name it: kode, uraian, kode_raw, unit_kerja, lokasi
    unnamed: int = 0


@dataclass
class _Row:
    index: int  # the row's number in the file (1 is the header)
    raw: dict
    cells: dict  # column -> text, spaces normalized
    used: set = field(default_factory=set)

    def take(self, column: str) -> str:
        self.used.add(column)
        return self.cells.get(column, "")


class Tc27Builder:
    """Builds the document of one table, row by row (`add`), then `reading()`."""

    def __init__(
        self, name: str, header, years: dict[int, int], identity: dict, labels: dict, kept=()
    ):
        self.name = name
        # Columns of another layout that have no T-C.27 field (the column-mapping step): their
        # cells keep their row verbatim, as any cell the model has no place for.
        self.kept = frozenset(kept)
        self.years = years  # year column number -> calendar year
        self.errors: list[CellError] = []
        self.where: dict = {}
        self.goals: list[dict] = []
        self.programs: list[dict] = []
        self.unplaced: list[dict] = []
        self.current: dict[str, _Entity | None] = dict.fromkeys(LEVEL_WORDS[:5])
        self.last: _Entity | None = None
        self.objectives = 0
        self.identity = identity
        for path, label in labels.items():
            self.where[path] = (0, label)
        self._check_header([h for h in header if h is not None])

    def error(self, row: int, column: str, value, reason: str) -> None:
        self.errors.append(CellError(self.name, row, column, show(value), reason))

    # header

    def _check_header(self, header: list) -> None:
        missing = [c for c in REQUIRED if c not in header]
        for column in missing:
            self.error(
                1,
                column,
                "",
                "Kolom '{}' wajib ada di baris judul tabel T-C.27 (kolom: {}, target_y1.., "
                "rp_y1..).".format(column, ", ".join(COLUMNS)),
            )
        self.unknown = [
            h
            for h in header
            if h not in COLUMNS and not YEAR_COLUMN.match(h) and h not in self.kept
        ]
        self.unknown_reported: set = set()
        present = year_columns(header)
        self.unmapped = {n for n in present if n not in self.years}

    # rows

    def add(self, index: int, raw: dict) -> None:
        """Place one row (its number in the file: `index`); an empty row is passed over."""
        extra = raw.get(None)
        if not extra and not any(isinstance(v, str) and v.strip() for v in raw.values()):
            return
        if extra:
            self.error(
                index,
                "",
                ", ".join(str(e) for e in extra)[:200],
                "Baris ini punya {} sel lebih banyak daripada judul kolomnya; tambahkan judul "
                "kolomnya atau hapus sel itu.".format(len(extra)),
            )
        cells = {
            str(k): normalize_space(v)
            for k, v in raw.items()
            if k is not None and isinstance(v, str)
        }
        row = _Row(index, {k: v for k, v in raw.items() if k is not None}, cells)
        row.used.add("src_line")  # where the row came from: kept with what it made
        self._unknown_cells(row)
        word = row.take("level")
        if word not in LEVEL_WORDS:
            self.error(
                index,
                "level",
                word,
                "Tingkat harus salah satu dari: {}.".format(", ".join(LEVEL_WORDS)),
            )
            return
        if word == URUSAN:
            row.used.update(row.cells)
            self._unplace(row, "baris {} disimpan apa adanya".format(URUSAN))
            return
        entity = self._further(row, word)
        if entity is not None:
            self._further_indicator(row, entity)
        elif word in ("tujuan", "sasaran"):
            self._goal_side(row, word)
        else:
            self._coded(row, word)
        leftover = [c for c, text in row.cells.items() if text and c not in row.used]
        if leftover:
            self._unplace(
                row,
                "kolom {} tanpa tempat di model; baris disimpan apa adanya".format(
                    ", ".join(leftover)
                ),
            )

    def _unknown_cells(self, row: _Row) -> None:
        for column in self.unknown:
            if row.cells.get(column) and column not in self.unknown_reported:
                self.unknown_reported.add(column)
                self.error(
                    row.index,
                    column,
                    row.cells[column],
                    "Kolom '{}' tidak dikenal tabel T-C.27; isinya tidak dapat disimpan. Ganti "
                    "judulnya dengan salah satu dari: {}, target_yN, rp_yN.".format(
                        column, ", ".join(COLUMNS)
                    ),
                )
            row.used.add(column)
        for number in sorted(self.unmapped):
            for prefix in ("target", "rp"):
                column = "{}_y{}".format(prefix, number)
                if row.cells.get(column):
                    self.error(
                        row.index,
                        column,
                        row.cells[column],
                        "Kolom tahun ke-{} berisi nilai, tetapi tahunnya tidak diketahui: "
                        "periode Renstra hanya punya tahun {}. Periksa periode atau tahun "
                        "kolomnya.".format(number, ", ".join(str(y) for y in self.years.values())),
                    )
                row.used.add(column)

    def _source_ref(self, row: _Row) -> str:
        line = row.take("src_line")
        # Only a plain line number is one: not '²' (a digit to str.isdigit), nor 5,000 digits.
        src = line if line.isascii() and line.isdigit() and len(line) <= 9 else str(row.index)
        return "{}:{}".format(self.name, int(src))

    def _place(self, path: tuple, row: _Row, columns: dict) -> None:
        self.where[path] = (row.index, "")
        for name, column in columns.items():
            self.where[path + (name,)] = (row.index, column)

    def _unplace(self, row: _Row, reason: str) -> None:
        self.unplaced.append({"row": row.index, "reason": reason, **row.raw})

    # further indicator rows

    def _further(self, row: _Row, word: str) -> _Entity | None:
        """The item a further indicator row belongs to, or None for a row of a new item."""
        entity = self.current.get(word)
        if entity is None:
            return None
        if row.cells.get("note", "").startswith(FURTHER):
            return entity
        same = self.last is entity and any(row.cells.get(c) for c in ("kode", "uraian"))
        if same and all(
            row.cells.get(c, "") == entity.cells.get(c, "") for c in ("kode", "uraian")
        ):
            return entity
        return None

    def _further_indicator(self, row: _Row, entity: _Entity) -> None:
        for column in ("kode", "uraian", "kode_raw", "unit_kerja", "lokasi"):
            if row.cells.get(column, "") in ("", entity.cells.get(column, "")):
                row.used.add(column)
        indicator = self._indicator(row, entity, note=row.cells.get("note", ""))
        if indicator is not None:
            row.used.add("note")
            self._append_indicator(row, entity, indicator)
        self.last = entity

    # items

    def _goal_side(self, row: _Row, word: str) -> None:
        item = {
            "number": row.take("kode"),
            "name": row.take("uraian"),
            "note": row.take("note"),
            "source_ref": self._source_ref(row),
            "indicators": [],
        }
        columns = {k: ITEM_FIELD_COLUMNS[k] for k in ("number", "name", "note", "source_ref")}
        if word == "tujuan":
            item["objectives"] = []
            path = ("goals", len(self.goals))
            self.goals.append(item)
            self.current["sasaran"] = None
        else:
            if not self.goals:
                goal_path = ("goals", 0)
                self.goals.append(
                    {
                        "name": UNPRINTED_GOAL,
                        "note": "Tujuan tidak tercetak di sumber; sasaran di bawahnya tanpa tujuan.",
                        "source_ref": self._source_ref(row),
                        "objectives": [],
                    }
                )
                self._place(goal_path, row, {})
            goal = self.goals[-1]
            self.objectives += 1
            item["key"] = "S{}".format(self.objectives)
            path = ("goals", len(self.goals) - 1, "objectives", len(goal["objectives"]))
            goal["objectives"].append(item)
        self._place(path, row, columns)
        entity = _Entity(word, item, path, self._naming_cells(row))
        self.current[word] = entity
        self._own_indicator(row, entity)
        self.last = entity

    def _coded(self, row: _Row, word: str) -> None:
        parent_word = {"program": None, "kegiatan": "program", "subkegiatan": "kegiatan"}[word]
        parent = self.current[parent_word] if parent_word else None
        if parent_word and parent is None:
            self.error(
                row.index,
                "level",
                word,
                "{} muncul sebelum {}-nya; letakkan di bawah baris {}.".format(
                    "Sub kegiatan" if word == "subkegiatan" else "Kegiatan",
                    parent_word,
                    parent_word,
                ),
            )
            row.used.update(row.cells)
            return
        item = {
            "code": row.take("kode"),
            "code_raw": row.take("kode_raw"),
            "name": row.take("uraian"),
            "note": row.take("note"),
            "source_ref": self._source_ref(row),
            "unit": row.take("unit_kerja"),
            "declared_total_raw": row.take("rp_akhir"),
            "indicators": [],
        }
        columns = {
            k: ITEM_FIELD_COLUMNS[k]
            for k in ("code", "code_raw", "name", "note", "source_ref", "unit", "declared_total")
        }
        columns["declared_total_raw"] = "rp_akhir"
        if word != "program":
            item["location"] = row.take("lokasi")
            columns["location"] = "lokasi"
        if word == "program":
            sasaran = self.current["sasaran"]
            item["objectives"] = [sasaran.item["key"]] if sasaran else []
            item["activities"] = []
            path = ("programs", len(self.programs))
            self.programs.append(item)
            self.current["kegiatan"] = self.current["subkegiatan"] = None
        elif word == "kegiatan":
            item["sub_activities"] = []
            siblings = parent.item["activities"]
            path = parent.path + ("activities", len(siblings))
            siblings.append(item)
            self.current["subkegiatan"] = None
        else:
            siblings = parent.item["sub_activities"]
            path = parent.path + ("sub_activities", len(siblings))
            siblings.append(item)
        item["funding"] = self._funding(row, path)
        self._place(path, row, columns)
        entity = _Entity(word, item, path, self._naming_cells(row))
        self.current[word] = entity
        self._own_indicator(row, entity)
        self.last = entity

    @staticmethod
    def _naming_cells(row: _Row) -> dict:
        return {
            c: row.cells.get(c, "") for c in ("kode", "uraian", "kode_raw", "unit_kerja", "lokasi")
        }

    def _funding(self, row: _Row, path: tuple) -> list[dict]:
        funding = []
        for number, year in sorted(self.years.items(), key=lambda item: item[1]):
            column = "rp_y{}".format(number)
            text = row.take(column)
            if text:
                self.where[path + ("funding", len(funding))] = (row.index, column)
                funding.append({"year": year, "raw_text": text})
        return funding

    # indicators

    def _own_indicator(self, row: _Row, entity: _Entity) -> None:
        indicator = self._indicator(row, entity, note="")
        if indicator is not None:
            self._append_indicator(row, entity, indicator)

    def _append_indicator(self, row: _Row, entity: _Entity, indicator: dict) -> None:
        path = entity.path + ("indicators", len(entity.item["indicators"]))
        self.where[path] = (row.index, "indikator")
        for name, column in INDICATOR_FIELD_COLUMNS.items():
            self.where[path + (name,)] = (row.index, column)
        for i, target in enumerate(indicator["targets"]):
            self.where[path + ("targets", i)] = (row.index, target.pop("column"))
        entity.item["indicators"].append(indicator)

    def _indicator(self, row: _Row, entity: _Entity, note: str) -> dict | None:
        """The indicator the row's indicator cells describe, or None when they are all blank.
        A row with such cells but no indicator name gets one made from its item."""
        targets = []
        for number, year in sorted(self.years.items(), key=lambda item: item[1]):
            column = "target_y{}".format(number)
            text = row.take(column)
            if text:
                targets.append({"year": year, "raw_text": text, "column": column})
        cells = {c: row.cells.get(c, "") for c in INDICATOR_COLUMNS}
        if not targets and not any(cells.values()):
            return None
        row.used.update(INDICATOR_COLUMNS)
        name = cells["indikator"]
        if not name:
            entity.unnamed += 1
            owner = entity.item.get("name") or entity.item.get("code") or entity.item.get("number")
            name = unnamed_indicator_name(owner or "", entity.unnamed)
            made = (
                "Nama indikator tidak tertulis di sumber (baris {}); nama ini dibentuk dari "
                "uraian barisnya. Ganti dengan nama indikator yang sebenarnya.".format(row.index)
            )
            note = "{} {}".format(made, note).strip()
        indicator = {
            "name": name,
            "baseline_raw": cells["baseline"],
            "end_target_raw": cells["target_akhir"],
            "target_group": cells["kelompok_sasaran"],
            "note": note,
            "source_ref": self._source_ref(row),
            "targets": targets,
        }
        unit = cells["satuan"]
        derived = row.cells.get("satuan_derived", "")
        if not unit or derived.casefold() == unit.casefold():
            row.used.add("satuan_derived")
            unit = unit or derived
        if unit:
            indicator["unit"] = unit
            parsed = [parse_target(t["raw_text"]) for t in targets]
            # A unit column saying '%' over bare numbers ('100') makes a percentage.
            if unit == "%" and infer_value_type(name, parsed) == ValueType.NUMBER:
                indicator["value_type"] = ValueType.PERCENT.value
        return indicator

    # result

    def reading(self) -> Tc27Reading:
        document = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            **self.identity,
            "goals": self.goals,
            "programs": self.programs,
        }
        document["version"] = {**document["version"], "unplaced_rows": self.unplaced}
        errors = sorted(self.errors, key=lambda e: e.row)
        return Tc27Reading(self.name, document, errors, self.where)
