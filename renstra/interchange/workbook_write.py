"""Writing the Renstra workbook: the instructions sheet, the identitas sheet, the item sheets with
their year columns, lists to choose from (data validation) and, for the template, example rows.

Every value whose text matters (codes, numbers, targets, amounts) is written as text in cells
formatted as Text, so Excel keeps "05.01", "1.047.655.345" and "81 %" as written.
"""

import io
import json

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from renstra.interchange.plan_checker import level_word
from renstra.interchange.workbook_layout import (
    DATA_SHEETS,
    EXAMPLE_PREFIX,
    FORMAT_MARK,
    IDENTITY_COLUMNS,
    IDENTITY_ROWS,
    INDICATOR_KIND,
    NO,
    POLARITY,
    ROLLUP,
    SHEET_COLUMNS,
    SHEET_GOALS,
    SHEET_GUIDE,
    SHEET_IDENTITY,
    SHEET_INDICATORS,
    SHEET_PROGRAMS,
    SHEET_STRATEGIES,
    VALUE_TYPE,
    YES,
    Column,
)
from renstra.interchange.workbook_package import LIMITS
from renstra.render.cells import set_text

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FILL = PatternFill("solid", fgColor="FFF2CC")
TEXT_FORMAT = "@"
TEXT_KINDS = ("key", "keys", "level", "choice", "text", "code", "number", "raw", "json", "notes")


def _cell_text(value: str) -> str:
    """A text as a cell can hold it: control characters Excel refuses are written as the
    OOXML escape '_xHHHH_' (the only change a text may undergo in a workbook)."""
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: "_x{:04X}_".format(ord(m.group())), value)


def _notes_text(rows: list[dict]) -> str:
    """Notes on the placement of years: one text when every year shares it, else JSON."""
    notes = {str(r["year"]): r["inferred_note"] for r in rows}
    shared = set(notes.values())
    if len(shared) == 1:
        note = shared.pop()
        if not note.lstrip().startswith("{"):
            return note
    return json.dumps({y: n for y, n in notes.items() if n}, ensure_ascii=False)


def owners(data: dict):
    """Every item of a document that can own indicators, in document order."""
    for goal in data["goals"]:
        yield goal
        yield from goal["objectives"]
    for program in data["programs"]:
        yield program
        for activity in program["activities"]:
            yield activity
            yield from activity["sub_activities"]


def target_years(plan: dict) -> list[int]:
    start = max(plan["baseline_year"] + 1, plan["period_start"])
    return list(range(start, plan["period_end"] + 1))


class _SheetWriter:
    """Writes one data sheet: header, year columns expanded, validations, example styling."""

    def __init__(self, wb: Workbook, name: str, columns, years: list[int]):
        self.ws = wb.create_sheet(name)
        self.columns: list[tuple[Column, int | None]] = []
        for column in columns:
            if column.kind == "years":
                self.columns += [(column, year) for year in years]
            else:
                self.columns.append((column, None))
        for index, (column, year) in enumerate(self.columns, 1):
            cell = self.ws.cell(1, index, column.header.format(year) if year else column.header)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            self.ws.column_dimensions[get_column_letter(index)].width = column.width
        self.ws.freeze_panes = "A2"
        self.row = 1

    def add(self, values: dict, years: dict[int, str] | None = None, example=False) -> None:
        self.row += 1
        for index, (column, year) in enumerate(self.columns, 1):
            value = (years or {}).get(year, "") if year else values.get(column.field, "")
            cell = self.ws.cell(self.row, index)
            if column.kind in TEXT_KINDS or year:
                cell.number_format = TEXT_FORMAT
            if value not in ("", None):
                set_text(cell, _cell_text(str(value)))
            if example:
                cell.fill = EXAMPLE_FILL
                cell.font = Font(italic=True, color="7F6000")

    def finish(self) -> None:
        last = get_column_letter(len(self.columns))
        self.ws.auto_filter.ref = "A1:{}{}".format(last, max(self.row, 2))
        limit = LIMITS.max_data_rows + 1
        for index, (column, _year) in enumerate(self.columns, 1):
            if column.choice is not None:
                _validation(self.ws, column.choice.shown, column.header, index, 2, limit)


def _validation(ws, options: list[str], title: str, col: int, first: int, last: int) -> None:
    formula = '"{}"'.format(",".join(options))
    assert len(formula) <= 255 and not any("," in o or '"' in o for o in options), options
    rule = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Isian tidak dikenal",
        error="Pilih {} dari daftar: {}.".format(title, ", ".join(options)),
    )
    letter = get_column_letter(col)
    rule.add("{}{}:{}{}".format(letter, first, letter, last))
    ws.add_data_validation(rule)


def _guide(wb: Workbook, years_note: str) -> None:
    ws = wb.active
    ws.title = SHEET_GUIDE
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 110
    lines = [
        ("PETUNJUK PENGISIAN BUKU KERJA RENSTRA PD", ""),
        ("", ""),
        (
            "Isi",
            "Satu buku kerja memuat satu versi Renstra: identitas, tujuan dan sasaran, "
            "strategi dan arah kebijakan, program/kegiatan/sub kegiatan dengan pagu indikatif, "
            "serta indikator dengan target tahunan.",
        ),
        (
            "Impor",
            "Buku kerja diimpor sebagai Renstra baru atau sebagai versi baru berstatus Draf "
            "dari Renstra yang sudah ada. Semua isian diperiksa dulu; bila ada satu kesalahan saja, "
            "tidak ada yang disimpan dan setiap kesalahan dilaporkan dengan lembar, baris, kolom, "
            "nilai dan alasannya.",
        ),
        (
            "Kunci",
            "Setiap baris butir punya kunci (kolom 'kunci'), mis. T1 = tujuan 1, T1.S2 = "
            "sasaran 2 dari tujuan 1, T1.S2.ST1 = strategi, P3 = program 3, P3.K1 = kegiatan, "
            "P3.K1.SK1 = sub kegiatan, P3.I1 = indikator program. Baris lain merujuk butir lewat "
            "kuncinya (kolom induk, pemilik, sasaran yang didukung). Kunci bebas asal unik; "
            "urutan butir mengikuti urutan baris.",
        ),
        (
            "Contoh",
            "Baris berlatar kuning yang kuncinya diawali '{}' adalah contoh dan tidak "
            "diimpor; hapus atau biarkan.".format(EXAMPLE_PREFIX),
        ),
        (
            "Angka",
            "Tulis angka seperti di dokumen: 1.047.655.345 atau 711.827.200,00 (titik "
            "pemisah ribuan, koma desimal), boleh diawali 'Rp'. '-' berarti nol (pagu) atau tanpa "
            "target. Target: 81 %, 2.500 orang, BB, atau '11 unit ... dan 5 unit ...'. Sel sudah "
            "berformat Teks agar Excel tidak mengubah angka; bila Excel tetap mengubahnya (mis. "
            "menjadi tanggal atau menghapus angka 0 di depan kode), impor menolaknya dengan pesan.",
        ),
        ("Kode", "Kode rekening selalu teks: 05.01 tidak sama dengan 5.1."),
        ("Tahun", years_note),
        (
            "Sel gabungan",
            "Sel yang digabung (merge), mis. pemilik yang sama untuk beberapa "
            "indikator, dibaca sebagai nilai yang sama di setiap baris gabungan.",
        ),
        ("Rumus", "Sel berisi rumus tidak diimpor; tempel sebagai nilai."),
        (
            "Batas",
            "Berkas paling besar {} MB; paling banyak {} baris isi per lembar; tanpa makro "
            "(.xlsm), tanpa tautan ke buku kerja lain.".format(
                LIMITS.max_file_bytes // (1024 * 1024), LIMITS.max_data_rows
            ),
        ),
        ("", ""),
    ]
    for sheet in DATA_SHEETS:
        lines.append(("Lembar '{}'".format(sheet), ""))
        if sheet == SHEET_IDENTITY:
            for row in IDENTITY_ROWS:
                lines.append(("  " + row.key, row.help))
        else:
            for column in SHEET_COLUMNS[sheet]:
                header = column.header.format("TTTT") if column.kind == "years" else column.header
                lines.append(("  " + header, column.help))
        lines.append(("", ""))
    for index, (label, text) in enumerate(lines, 1):
        ws.cell(index, 1, label).font = Font(bold=index == 1 or label.startswith("Lembar"))
        cell = ws.cell(index, 2, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _identity_sheet(wb: Workbook, data: dict | None) -> None:
    ws = wb.create_sheet(SHEET_IDENTITY)
    for index, (header, width) in enumerate(
        zip(IDENTITY_COLUMNS, (28, 60, 50, 60, 40), strict=True), 1
    ):
        cell = ws.cell(1, index, header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    row = 1
    for spec in IDENTITY_ROWS:
        values: list[tuple] = [("",)]
        if data is not None or spec.kind == "format":
            values = _identity_values(spec, data)
        for value in values:
            row += 1
            ws.cell(row, 1, spec.key)
            ws.cell(row, 2, spec.help).alignment = Alignment(wrap_text=True, vertical="top")
            for offset, text in enumerate(value):
                cell = ws.cell(row, 3 + offset)
                cell.number_format = TEXT_FORMAT if spec.kind not in ("year", "int") else "0"
                if text not in ("", None):
                    if isinstance(text, int):
                        cell.value = text
                    else:
                        set_text(cell, _cell_text(str(text)))
            if spec.kind not in ("year", "int"):
                ws.cell(row, 4).number_format = TEXT_FORMAT
            if spec.example:
                example = ws.cell(row, 5, spec.example)
                example.font = Font(italic=True, color="7F6000")
            if spec.choice is not None and spec.kind != "info":
                _validation(ws, spec.choice.shown, spec.key, 3, row, row)


def _identity_values(spec, data: dict | None) -> list[tuple]:
    """The cells (value, misi text) of one identity key: one tuple per row."""
    if spec.kind == "format":
        return [(FORMAT_MARK,)]
    section = data.get(spec.path[0]) or {}
    value = section.get(spec.path[1], "")
    if spec.kind == "choice":
        return [(spec.choice.label(value),)]
    if spec.kind == "bool":
        return [(YES if value else NO,)]
    if spec.kind == "info":
        return [(spec.choice.label(value) if spec.choice else value,)]
    if spec.kind == "list":
        return [(item,) for item in value] or [("",)]
    if spec.kind == "mission":
        return [(m["number"], m["text"]) for m in value] or [("",)]
    if spec.kind == "json":
        return [(json.dumps(item, ensure_ascii=False),) for item in value] or [("",)]
    return [(value if value is not None else "",)]


def _item_values(item: dict, level: str, parent: str) -> dict:
    """The cells of an item's row; `level` is its level's key ('arah_kebijakan')."""
    values = {k: v for k, v in item.items() if isinstance(v, str)}
    values["level"], values["parent"] = level_word(level), parent
    if item.get("other_wordings"):
        values["other_wordings"] = json.dumps(item["other_wordings"], ensure_ascii=False)
    if level == "sasaran":
        values["rpjmd_refs"] = "; ".join(item.get("rpjmd_refs") or [])
    if "objectives" in item and level == "program":
        values["objectives"] = "; ".join(item["objectives"])
    if item.get("program_indicator"):
        values["program_indicator"] = item["program_indicator"]
    if item.get("funding"):
        values["funding_notes"] = _notes_text(item["funding"])
    return values


def _fill(sheets: dict, data: dict) -> None:
    goals, strategies = sheets[SHEET_GOALS], sheets[SHEET_STRATEGIES]
    programs, indicators = sheets[SHEET_PROGRAMS], sheets[SHEET_INDICATORS]
    owners = []
    for goal in data["goals"]:
        goals.add(_item_values(goal, "tujuan", ""))
        owners.append(goal)
        for objective in goal["objectives"]:
            goals.add(_item_values(objective, "sasaran", goal["key"]))
            owners.append(objective)
            for strategy in objective["strategies"]:
                strategies.add(_item_values(strategy, "strategi", objective["key"]))
                for policy in strategy["policy_directions"]:
                    strategies.add(_item_values(policy, "arah_kebijakan", strategy["key"]))
    for program in data["programs"]:
        rows = [(program, "program", "")]
        for activity in program["activities"]:
            rows.append((activity, "kegiatan", program["key"]))
            rows += [(sub, "sub_kegiatan", activity["key"]) for sub in activity["sub_activities"]]
        for item, level, parent in rows:
            years = {f["year"]: f["raw_text"] for f in item["funding"]}
            programs.add(_item_values(item, level, parent), years)
            owners.append(item)
    for owner in owners:
        label = " ".join(x for x in (owner.get("code") or owner.get("number"), owner["name"]) if x)
        for ind in owner["indicators"]:
            values = {k: v for k, v in ind.items() if isinstance(v, str)}
            values["owner"], values[""] = owner["key"], label
            values["kind"] = INDICATOR_KIND.label(ind["kind"])
            values["polarity"] = POLARITY.label(ind["polarity"])
            values["value_type"] = VALUE_TYPE.label(ind["value_type"])
            if ind.get("rollup"):
                values["rollup"] = ROLLUP.label(ind["rollup"])
            if ind["targets"]:
                values["target_notes"] = _notes_text(ind["targets"])
            indicators.add(values, {t["year"]: t["raw_text"] for t in ind["targets"]})


def build_workbook(
    data: dict | None, funding_years: list[int], indicator_years: list[int], note: str
) -> bytes:
    """The workbook of a document (export) or, with data None, the template with examples."""
    wb = Workbook()
    _guide(wb, note)
    _identity_sheet(wb, data)
    sheets = {}
    for name in DATA_SHEETS[1:]:
        years = funding_years if name == SHEET_PROGRAMS else indicator_years
        sheets[name] = _SheetWriter(wb, name, SHEET_COLUMNS[name], years)
    if data is not None:
        _fill(sheets, data)
    else:
        _examples(sheets, indicator_years)
    for sheet in sheets.values():
        sheet.finish()
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _examples(sheets: dict, years: list[int]) -> None:
    x = EXAMPLE_PREFIX + "-"

    def adder(sheet):
        return lambda values, years=None: sheet.add(values, years, example=True)

    add = {name: adder(sheet) for name, sheet in sheets.items()}
    add[SHEET_GOALS](
        {
            "key": x + "T1",
            "level": level_word("tujuan"),
            "number": "1",
            "name": "Meningkatnya profesionalitas ASN",
        }
    )
    add[SHEET_GOALS](
        {
            "key": x + "T1.S1",
            "level": level_word("sasaran"),
            "parent": x + "T1",
            "number": "1.1",
            "name": "Meningkatnya kompetensi ASN sesuai kebutuhan jabatan",
        }
    )
    add[SHEET_STRATEGIES](
        {
            "key": x + "T1.S1.ST1",
            "level": level_word("strategi"),
            "parent": x + "T1.S1",
            "number": "1.1",
            "name": "Pengembangan kompetensi berbasis kebutuhan jabatan",
        }
    )
    add[SHEET_STRATEGIES](
        {
            "key": x + "T1.S1.ST1.AK1",
            "level": level_word("arah_kebijakan"),
            "parent": x + "T1.S1.ST1",
            "name": "Kerja sama dengan lembaga pelatihan terakreditasi",
        }
    )
    amounts = ["1.047.655.345", "711.827.200,00", "Rp 750.000.000", "-", "800.000.000"]
    add[SHEET_PROGRAMS](
        {
            "key": x + "P1",
            "level": level_word("program"),
            "code": "05",
            "number": "1",
            "name": "Program Pendidikan Kedinasan",
            "objectives": x + "T1.S1",
            "unit": "Bidang Pengembangan Kompetensi Aparatur",
            "declared_total_raw": "3.309.482.545",
        },
        dict(zip(years, amounts, strict=False)),
    )
    add[SHEET_PROGRAMS](
        {
            "key": x + "P1.K1",
            "level": level_word("kegiatan"),
            "parent": x + "P1",
            "code": "05.01",
            "number": "1.1",
            "name": "Pendidikan dan pelatihan teknis",
            "program_indicator": x + "P1.I1",
            "location": "Kota Bontang",
            "funding_notes": "Contoh catatan: tahun 2020 disimpulkan dari jumlah program.",
        },
        dict(zip(years, amounts, strict=False)),
    )
    targets = ["60 %", "65 %", "70 %", "75 %", "80 %"]
    add[SHEET_INDICATORS](
        {
            "key": x + "T1.S1.I1",
            "owner": x + "T1.S1",
            "": "1.1 Meningkatnya kompetensi ASN",
            "number": "1.1.1",
            "name": "Persentase ASN yang memenuhi standar kompetensi jabatan",
            "kind": "Hasil",
            "unit": "%",
            "polarity": "Semakin tinggi semakin baik",
            "value_type": "Persen",
            "baseline_raw": "55 %",
            "end_target_raw": "80 %",
        },
        dict(zip(years, targets, strict=False)),
    )
    add[SHEET_INDICATORS](
        {
            "key": x + "P1.I1",
            "owner": x + "P1",
            "": "05 Program Pendidikan Kedinasan",
            "name": "Persentase ASN yang mengikuti diklat",
            "kind": "Hasil",
            "unit": "%",
            "polarity": "Semakin tinggi semakin baik",
            "value_type": "Persen",
            "target_group": "PNS Kota Bontang",
            "baseline_raw": "40 %",
            "end_target_raw": "80 %",
        },
        dict(zip(years, targets, strict=False)),
    )
    add[SHEET_INDICATORS](
        {
            "key": x + "P1.K1.I1",
            "owner": x + "P1.K1",
            "": "05.01 Pendidikan dan pelatihan teknis",
            "name": "Jumlah ASN yang mengikuti diklat teknis",
            "kind": "Keluaran",
            "unit": "orang",
            "polarity": "Semakin tinggi semakin baik",
            "value_type": "Angka",
            "baseline_raw": "100 orang",
            "end_target_raw": "2.500 orang",
        },
        dict(zip(years, ["120 orang", "150 orang", "-", "200 orang", "250 orang"], strict=False)),
    )
