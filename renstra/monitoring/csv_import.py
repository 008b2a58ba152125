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
per bad cell (every bad cell of a row, not only its first); nothing is written. Any bytes may arrive: whatever cannot be read (too large, not
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


def _in_column_order(error: CellError) -> int:
    return COLUMNS.index(error.column) if error.column in COLUMNS else -1


class _Rows:
    """What every row of one import is checked against: the version's indicators by name, its
    stored figures, its years, and the periods the rows before have named."""

    def __init__(self, version: PlanVersion, source: str):
        self.source = source
        self.years = version.plan.target_years
        self.by_name: dict[str, list[Indicator]] = {}
        for indicator in Indicator.objects.filter(version=version).select_related(*OWNER_FIELDS):
            self.by_name.setdefault(_key(indicator.name), []).append(indicator)
        self.existing = {
            (r.indicator_id, r.year, r.quarter): r
            for r in Realization.objects.filter(indicator__version=version)
        }
        self.seen: dict[tuple[int, int, int], int] = {}

    def check(self, row: dict) -> tuple[list[CellError], tuple | None]:
        """Every error of one row (each cell is judged on its own, so a row with three bad cells
        gets three messages), and what to write when there is none."""
        n = row["_row"]
        errors: list[CellError] = []

        def refuse(column, value, reason):
            errors.append(CellError(self.source, n, column, value, reason))

        named = self.by_name.get(_key(row.get("indikator", "")), [])
        indicator = self._indicator(row, named, refuse)
        year = self._year(normalize_space(row.get("tahun", "")), refuse)
        quarter_text = normalize_space(row.get("triwulan", ""))
        quarter = self._quarter(quarter_text, refuse)
        value = normalize_space(row.get("nilai", ""))
        self._value(value, [indicator] if indicator else named, refuse)
        if indicator is None or year is None or quarter is None:
            return sorted(errors, key=_in_column_order), None
        key = (indicator.pk, year, quarter)
        if key in self.seen:
            refuse(
                "triwulan",
                quarter_text,
                "Realisasi indikator ini untuk periode yang sama sudah ada di baris {}.".format(
                    self.seen[key]
                ),
            )
        else:
            self.seen[key] = n
        current = self.existing.get(key)
        if current is not None and current.status not in OPEN_STATUSES:
            refuse(
                "nilai",
                value,
                "Realisasi periode ini sudah {} dan terkunci.".format(
                    current.get_status_display().lower()
                ),
            )
        if errors:
            return sorted(errors, key=_in_column_order), None
        return errors, (indicator, year, quarter, value, row.get("catatan"))

    @staticmethod
    def _indicator(row: dict, named: list[Indicator], refuse) -> Indicator | None:
        code = normalize_space(row.get("kode", ""))
        name = row.get("indikator", "")
        candidates = [i for i in named if code in _owner_codes(i)] if code else named
        if not candidates:
            refuse(
                "indikator",
                name,
                "Tidak ada indikator bernama ini{} di versi ini.".format(
                    " dengan kode {}".format(code) if code else ""
                ),
            )
            return None
        if len(candidates) > 1:
            refuse(
                "kode" if code else "indikator",
                code or name,
                "Indikator ini ada {} kali{}; isi kolom kode untuk memilih satu "
                "(kode yang ada: {}).".format(
                    len(candidates),
                    " dengan kode yang sama" if code else "",
                    ", ".join(sorted({c for i in candidates for c in _owner_codes(i)})) or "-",
                ),
            )
            return None
        return candidates[0]

    def _year(self, text: str, refuse) -> int | None:
        if not (text.isascii() and text.isdigit()):
            refuse("tahun", text, "Tahun harus angka, mis. 2018.")
            return None
        if int(text) not in self.years:
            refuse(
                "tahun",
                text,
                "Di luar tahun target Renstra ({}).".format(
                    "{}–{}".format(self.years[0], self.years[-1]) if self.years else "tidak ada"
                ),
            )
            return None
        return int(text)

    @staticmethod
    def _quarter(text: str, refuse) -> int | None:
        if text == "":
            return YEARLY
        if text in ("1", "2", "3", "4"):
            return int(text)
        refuse("triwulan", text, "Triwulan harus 1, 2, 3 atau 4 (kosong untuk nilai tahunan).")
        return None

    @staticmethod
    def _value(value: str, indicators: list[Indicator], refuse) -> None:
        """The value against the row's indicator; when the row does not name one indicator, against
        every indicator of that name, and refused only when none of them would take it (the
        message is the first one's). A row naming no indicator at all is checked for an empty
        value only."""
        if not value:
            refuse("nilai", value, "Nilai realisasi kosong.")
            return
        reasons = []
        for indicator in indicators:
            try:
                parse_realization(indicator, value)
            except EntryRefused as exc:
                reasons.append(str(exc))
            else:
                return
        if reasons:
            refuse("nilai", value, reasons[0])


def import_realization(version: PlanVersion, rows: list[dict], *, user, source="CSV") -> int:
    """Validate every row, then write all of them (or nothing). Returns the rows written."""
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
    checker = _Rows(version, source)
    errors: list[CellError] = []
    planned = []
    for row in rows:
        row_errors, plan = checker.check(row)
        errors += row_errors
        if plan is not None:
            planned.append(plan)
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
