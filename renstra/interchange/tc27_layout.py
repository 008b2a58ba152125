"""The columns of a T-C.27 table in its CSV shape (the shape of shared/real-plans): their names,
which of them an indicator's and an item's fields are read from, and how a header is told to be
a T-C.27 table's."""

import re

# The level column's words, by the cascade level each stands for; a bidang urusan row has no
# level in the model and is kept verbatim.
URUSAN = "bidang_urusan"
LEVEL_WORDS = ("tujuan", "sasaran", "program", "kegiatan", "subkegiatan", URUSAN)
YEAR_COLUMN = re.compile(r"^(target|rp)_y([1-9][0-9]?)$")
# Cells of an indicator besides its yearly targets, by the column that holds them.
INDICATOR_COLUMNS = ("indikator", "satuan", "kelompok_sasaran", "baseline", "target_akhir")
COLUMNS = (
    "level",
    "kode",
    "uraian",
    *INDICATOR_COLUMNS,
    "rp_akhir",
    "unit_kerja",
    "lokasi",
    # The transcriptions' own columns: the unit shared by the targets (used when 'satuan' is
    # blank), the code cells as printed, the line of the source and a note on the row.
    "satuan_derived",
    "kode_raw",
    "src_line",
    "note",
)
REQUIRED = ("level",)
FURTHER = "further indicator"
# A sasaran printed before any tujuan hangs on a tujuan of this name (every item has a name).
UNPRINTED_GOAL = "(tujuan tidak tercetak di sumber)"
# Where an indicator's and an item's fields come from, for errors of the document check.
INDICATOR_FIELD_COLUMNS = {
    "name": "indikator",
    "kind": "indikator",
    "unit": "satuan",
    "value_type": "satuan",
    "target_group": "kelompok_sasaran",
    "baseline_raw": "baseline",
    "baseline_value": "baseline",
    "end_target_raw": "target_akhir",
    "end_target_value": "target_akhir",
    "note": "note",
    "source_ref": "src_line",
}
ITEM_FIELD_COLUMNS = {
    "number": "kode",
    "code": "kode",
    "code_raw": "kode_raw",
    "name": "uraian",
    "note": "note",
    "source_ref": "src_line",
    "unit": "unit_kerja",
    "location": "lokasi",
    "declared_total_raw": "rp_akhir",
    "declared_total": "rp_akhir",
}


def year_columns(header) -> set[int]:
    """The numbers of the year columns a header has (target_y1, rp_y1 -> 1)."""
    return {int(m.group(2)) for m in (YEAR_COLUMN.match(str(h)) for h in header) if m}


def is_tc27_header(header) -> bool:
    """Whether a header row is a T-C.27 table's (in this CSV shape): level, uraian and at least
    one target or Rp column of a year."""
    names = {str(h).strip().casefold() for h in header if h is not None}
    return {"level", "uraian"} <= names and bool(year_columns(names))
