"""Reading a nomenclature file: CSV with the columns code, name, level, jns_pemda and
optionally id_hkm (as shared/reference/permendagri90_nomenklatur_simcan.csv, from SIMCAN), or
their Indonesian names (kode, nama, tingkat, pemda, dasar_hukum). Every malformed row is
reported, with its line, column, value and what to do; a file with any error loads nothing."""

import csv
import io
from dataclasses import dataclass

from renstra.core.errors import MAX_COLLECTED, CellError, ImportRejected
from renstra.nomenclature.codes import SEGMENTS, clean_code, clean_name

COLUMNS = {
    "code": ("code", "kode"),
    "name": ("name", "nama", "uraian"),
    "level": ("level", "tingkat"),
    "government_level": ("jns_pemda", "pemda", "jenis_pemda"),
    "legal_basis": ("id_hkm", "dasar_hukum"),
}
REQUIRED = ("code", "name", "level", "government_level")

LEVELS = {
    "urusan": "urusan",
    "bidang": "bidang",
    "bidang_urusan": "bidang",
    "bidang urusan": "bidang",
    "program": "program",
    "kegiatan": "kegiatan",
    "sub_kegiatan": "sub_kegiatan",
    "subkegiatan": "sub_kegiatan",
    "sub kegiatan": "sub_kegiatan",
}
GOVERNMENT_LEVELS = {
    "1": 1,
    "provinsi": 1,
    "2": 2,
    "kabupaten": 2,
    "kota": 2,
    "kabupaten/kota": 2,
}
EXAMPLES = {
    "urusan": "1",
    "bidang": "1.02",
    "program": "1.02.02",
    "kegiatan": "1.02.02.2.01",
    "sub_kegiatan": "1.02.02.2.01.01",
}
MAX_CODE, MAX_CODE_RAW, MAX_BASIS = 40, 60, 20


@dataclass(frozen=True)
class NomenclatureRow:
    """One row of a nomenclature file, read and checked."""

    line: int
    code: str
    code_raw: str
    level: str
    government_level: int
    name: str
    name_raw: str
    legal_basis: str

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.code, self.government_level, self.legal_basis)


def read_rows(data: bytes, source: str) -> list[NomenclatureRow]:
    """The rows of a nomenclature CSV, or ImportRejected listing every malformed row."""

    def refuse(reason: str, line: int = 0, column: str = "", value: str = "") -> ImportRejected:
        return ImportRejected([CellError(source, line, column, value, reason)])

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse("Berkas bukan teks UTF-8; simpan sebagai CSV UTF-8.") from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().casefold() for h in next(reader, [])]
    where = {}
    for field, names in COLUMNS.items():
        for name in names:
            if name in header:
                where[field] = header.index(name)
                break
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in where]
    if missing:
        raise refuse(
            "Kolom {} tidak ada di baris judul; kolom yang diperlukan: code, name, level, "
            "jns_pemda (id_hkm boleh ada).".format(", ".join(missing)),
            1,
        )
    errors: list[CellError] = []
    rows: list[NomenclatureRow] = []
    seen: dict[tuple, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            errors.append(
                CellError(
                    source,
                    line,
                    "",
                    delimiter.join(cells[len(header) :]),
                    "Baris ini punya {} kolom, judulnya {}: apit nama yang memuat '{}' dengan "
                    'tanda petik ("...").'.format(len(cells), len(header), delimiter),
                )
            )
            continue
        row = _row(line, cells, where, source, errors)
        if row is None:
            continue
        if row.key in seen:
            errors.append(
                CellError(
                    source,
                    line,
                    "code",
                    row.code_raw,
                    "Kode ini sudah ada di baris {} untuk pemerintah daerah dan dasar hukum yang "
                    "sama; hapus salah satunya.".format(seen[row.key]),
                )
            )
            continue
        seen[row.key] = line
        rows.append(row)
        if len(errors) >= MAX_COLLECTED:
            break
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise refuse("Berkas tidak berisi satu baris nomenklatur pun.")
    return rows


def _cell(cells: list[str], where: dict, field: str) -> str:
    index = where.get(field)
    return cells[index] if index is not None and index < len(cells) else ""


def _row(line, cells, where, source, errors) -> NomenclatureRow | None:
    def error(column: str, value: str, reason: str) -> None:
        errors.append(CellError(source, line, column, value, reason))

    before = len(errors)
    code_raw = _cell(cells, where, "code")
    name_raw = _cell(cells, where, "name")
    level_text = _cell(cells, where, "level")
    government_text = _cell(cells, where, "government_level")
    legal_basis = _cell(cells, where, "legal_basis").strip()
    code = clean_code(code_raw)
    level = LEVELS.get(level_text.strip().casefold())
    government_level = GOVERNMENT_LEVELS.get(government_text.strip().casefold())
    if level is None:
        error(
            "level",
            level_text,
            "Tingkat tidak dikenal; tulis urusan, bidang_urusan, program, kegiatan atau "
            "subkegiatan.",
        )
    if government_level is None:
        error("jns_pemda", government_text, "Tulis 1 (provinsi) atau 2 (kabupaten/kota).")
    if not code:
        error("code", code_raw, "Kode kosong; isi kodenya.")
    elif len(code) > MAX_CODE or len(code_raw) > MAX_CODE_RAW:
        error(
            "code", code_raw, "Kode terlalu panjang (paling banyak {} karakter).".format(MAX_CODE)
        )
    elif level is not None and len(code.split(".")) != SEGMENTS[level]:
        error(
            "code",
            code_raw,
            "Kode {} terdiri atas {} bagian dipisah titik, mis. {}.".format(
                level.replace("_", " "), SEGMENTS[level], EXAMPLES[level]
            ),
        )
    name = clean_name(name_raw)
    if not name:
        error("name", name_raw, "Nama kosong; isi nama sesuai nomenklatur.")
    if len(legal_basis) > MAX_BASIS:
        error(
            "id_hkm",
            legal_basis,
            "Dasar hukum terlalu panjang (paling banyak {} karakter).".format(MAX_BASIS),
        )
    if len(errors) > before:
        return None
    return NomenclatureRow(
        line, code, code_raw, level, government_level, name, name_raw, legal_basis
    )
