"""Import of realization from a CSV file (`renstra realization import`, and the upload form).

Columns: kode,indikator,tahun,triwulan,nilai,catatan
  kode       the code (or number) of the item the indicator belongs to, as the plan prints it;
             may be empty when the indicator's name alone is unique in the version
  indikator  the indicator's name, matched without regard to letter case and spacing
  tahun      a target year of the plan
  triwulan   1-4, or empty for a value of the whole year
  nilai      the realization as written ('45', '81 %', '1.250 orang', 'BB')
  catatan    optional note

All or nothing: every row is checked first; any error rejects the whole file, with one message
per bad cell; nothing is written. Any bytes may arrive: whatever cannot be read (too large, not
text, not CSV, too many rows, a cell longer than its column keeps) is refused the same way.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from renstra.core.errors import CellError, ImportRejected, refused_while_writing
from renstra.core.numbers import quote
from renstra.core.targets import normalize_space
from renstra.monitoring.choices import OPEN_STATUSES, YEARLY
from renstra.monitoring.models import Realization
from renstra.monitoring.services import EntryRefused, parse_realization, save_realization
from renstra.plans.choices import VersionStatus
from renstra.plans.levels import OWNER_FIELDS
from renstra.plans.models import Indicator, PlanVersion

COLUMNS = ("kode", "indikator", "tahun", "triwulan", "nilai", "catatan")
REQUIRED = ("indikator", "tahun", "nilai")
MAX_BYTES = 5 * 1024 * 1024
# Every row is written through save_realization (a few queries each, about 2 ms): 5,000 rows,
# a year of four quarters and the year itself for 1,000 indicators, take some 10 s, within the
# time a page may take; a longer file is split by year.
MAX_ROWS = 5000
# The longest cell of each column: a realization as Realization.raw_text keeps it, a name or a
# note as much as an Excel cell holds, a code, year or quarter far longer than any real one.
LIMITS = {
    "nilai": Realization._meta.get_field("raw_text").max_length,
    "indikator": 32_767,
    "catatan": 32_767,
    "kode": 100,
    "tahun": 100,
    "triwulan": 100,
}


def _key(text: str) -> str:
    return normalize_space(text or "").casefold()


def decode(data: bytes, source: str) -> str:
    if len(data) > MAX_BYTES:
        raise ImportRejected(
            [
                CellError(
                    source, 0, "", "", "Berkas lebih dari {} MB.".format(MAX_BYTES // 1024 // 1024)
                )
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ImportRejected(
                [CellError(source, 0, "", "", "Berkas bukan teks CSV (UTF-8).")]
            ) from exc


def read_csv(text: str, source: str) -> list[dict]:
    """Rows as dicts keyed by the lower-case header; ';' or ',' as delimiter."""
    if "\x00" in text:
        raise ImportRejected([CellError(source, 0, "", "", "Berkas bukan teks CSV.")])
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise ImportRejected(
            [CellError(source, 0, "", "", "CSV tidak dapat dibaca: {}.".format(exc))]
        ) from exc
    if not lines:
        raise ImportRejected([CellError(source, 0, "", "", "Berkas kosong.")])
    header = [_key(h) for h in lines[0]]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS]
    errors = [
        CellError(source, 1, c, "", "Kolom '{}' tidak ada di baris judul.".format(c))
        for c in missing
    ] + [
        CellError(
            source,
            1,
            h,
            h,
            "Kolom tidak dikenal; kolom yang dipakai: {}.".format(", ".join(COLUMNS)),
        )
        for h in unknown
    ]
    if errors:
        raise ImportRejected(errors)
    if len(lines) - 1 > MAX_ROWS:
        raise ImportRejected(
            [CellError(source, 0, "", "", "Lebih dari {} baris.".format(MAX_ROWS))]
        )
    for number, line in enumerate(lines[1:], start=2):
        for column, cell in zip(header, line, strict=False):
            if column not in LIMITS:
                continue  # not read
            text = normalize_space(cell)
            if len(text) > LIMITS[column]:
                errors.append(
                    CellError(
                        source,
                        number,
                        column,
                        quote(text, 120),
                        "Terlalu panjang: {} karakter, paling banyak {}.".format(
                            len(text), LIMITS[column]
                        ),
                    )
                )
    if errors:
        raise ImportRejected(errors)
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in line):
            continue
        if len(line) > len(header):
            errors.append(
                CellError(
                    source,
                    number,
                    "",
                    delimiter.join(line[len(header) :]),
                    "Baris ini punya lebih banyak sel daripada judul kolom.",
                )
            )
            continue
        row = {h: (line[i] if i < len(line) else "") for i, h in enumerate(header)}
        row["_row"] = number
        rows.append(row)
    if errors:
        raise ImportRejected(errors)
    return rows


def _owner_codes(indicator: Indicator) -> set[str]:
    owner = indicator.owner
    return {c for c in (getattr(owner, "code", ""), getattr(owner, "number", "")) if c}


def import_realization(version: PlanVersion, rows: list[dict], *, user, source="CSV") -> int:
    """Validate every row, then write all of them (or nothing). Returns the rows written."""
    errors: list[CellError] = []
    if version.status != VersionStatus.APPROVED:
        raise ImportRejected(
            [
                CellError(
                    source,
                    0,
                    "",
                    "",
                    "Realisasi hanya dapat diisi pada versi Renstra yang ditetapkan dan sedang "
                    "berlaku; versi {} berstatus {}.".format(
                        version.number, version.get_status_display()
                    ),
                )
            ]
        )
    indicators = list(Indicator.objects.filter(version=version).select_related(*OWNER_FIELDS))
    by_name: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        by_name.setdefault(_key(indicator.name), []).append(indicator)
    existing = {
        (r.indicator_id, r.year, r.quarter): r
        for r in Realization.objects.filter(indicator__version=version)
    }
    years = version.plan.target_years
    seen: dict[tuple[int, int, int], int] = {}
    planned = []
    for row in rows:
        n = row["_row"]
        code = normalize_space(row.get("kode", ""))
        name = row.get("indikator", "")
        candidates = by_name.get(_key(name), [])
        if code:
            candidates = [i for i in candidates if code in _owner_codes(i)]
        if not candidates:
            errors.append(
                CellError(
                    source,
                    n,
                    "indikator",
                    name,
                    "Tidak ada indikator bernama ini{} di versi ini.".format(
                        " dengan kode {}".format(code) if code else ""
                    ),
                )
            )
            continue
        if len(candidates) > 1:
            errors.append(
                CellError(
                    source,
                    n,
                    "kode" if code else "indikator",
                    code or name,
                    "Indikator ini ada {} kali{}; isi kolom kode untuk memilih satu "
                    "(kode yang ada: {}).".format(
                        len(candidates),
                        " dengan kode yang sama" if code else "",
                        ", ".join(sorted({c for i in candidates for c in _owner_codes(i)})) or "-",
                    ),
                )
            )
            continue
        indicator = candidates[0]
        year_text = normalize_space(row.get("tahun", ""))
        if not (year_text.isascii() and year_text.isdigit()):
            errors.append(CellError(source, n, "tahun", year_text, "Tahun harus angka, mis. 2018."))
            continue
        year = int(year_text)
        if year not in years:
            errors.append(
                CellError(
                    source,
                    n,
                    "tahun",
                    year_text,
                    "Di luar tahun target Renstra ({}).".format(
                        "{}–{}".format(years[0], years[-1]) if years else "tidak ada"
                    ),
                )
            )
            continue
        quarter_text = normalize_space(row.get("triwulan", ""))
        if quarter_text == "":
            quarter = YEARLY
        elif quarter_text in ("1", "2", "3", "4"):
            quarter = int(quarter_text)
        else:
            errors.append(
                CellError(
                    source,
                    n,
                    "triwulan",
                    quarter_text,
                    "Triwulan harus 1, 2, 3 atau 4 (kosong untuk nilai tahunan).",
                )
            )
            continue
        key = (indicator.pk, year, quarter)
        if key in seen:
            errors.append(
                CellError(
                    source,
                    n,
                    "triwulan",
                    quarter_text,
                    "Realisasi indikator ini untuk periode yang sama sudah ada di baris {}.".format(
                        seen[key]
                    ),
                )
            )
            continue
        seen[key] = n
        value = normalize_space(row.get("nilai", ""))
        if not value:
            errors.append(CellError(source, n, "nilai", value, "Nilai realisasi kosong."))
            continue
        try:
            parse_realization(indicator, value)
        except EntryRefused as exc:
            errors.append(CellError(source, n, "nilai", value, str(exc)))
            continue
        current = existing.get(key)
        if current is not None and current.status not in OPEN_STATUSES:
            errors.append(
                CellError(
                    source,
                    n,
                    "nilai",
                    value,
                    "Realisasi periode ini sudah {} dan terkunci.".format(
                        current.get_status_display().lower()
                    ),
                )
            )
            continue
        planned.append((indicator, year, quarter, value, row.get("catatan")))
    if errors:
        raise ImportRejected(errors)
    try:
        with transaction.atomic():
            for indicator, year, quarter, value, note in planned:
                save_realization(
                    indicator,
                    year,
                    quarter,
                    value,
                    user=user,
                    note=normalize_space(note) if note is not None else None,
                )
    except (EntryRefused, DatabaseError, ValidationError) as exc:
        # Every row was checked above; this is the last guard, not the way errors are found.
        raise refused_while_writing(source, exc, "Realisasi tidak disimpan") from exc
    return len(planned)


def import_file(*, version: PlanVersion, data: bytes, name: str, user) -> int:
    """Import the CSV file `data` (named `name`, for the messages) into `version`: all rows or
    none. Returns the rows written; ImportRejected lists every bad cell."""
    rows = read_csv(decode(data, name), name)
    return import_realization(version, rows, user=user, source=name)
