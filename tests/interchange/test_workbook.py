"""The XLSX template, export and import: round trip, errors per cell, unsafe and broken files."""

import io
import zipfile
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renstra.core.errors import ImportRejected
from renstra.interchange.jsonio import comparable, export_version
from renstra.interchange.workbook import (
    LIMITS,
    export_workbook,
    import_workbook,
    template_workbook,
)
from renstra.plans.choices import VersionStatus
from renstra.plans.models import Funding, Program, Target
from renstra.review.models import StatusChange
from tests.realplans import PLANS, load_real_plan

SHEETS = [
    "petunjuk",
    "identitas",
    "tujuan-sasaran",
    "strategi-kebijakan",
    "program-kegiatan-pendanaan",
    "indikator-target",
]


def db_counts() -> dict:
    models = [*apps.get_app_config("plans").get_models(), StatusChange]
    return {m._meta.label: m.objects.count() for m in models}


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def save(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def column(ws, header: str) -> int:
    for cell in ws[1]:
        if cell.value == header:
            return cell.column
    raise KeyError(header)


def row_where(ws, header: str, predicate) -> int:
    col = column(ws, header)
    for row in range(2, ws.max_row + 1):
        if predicate(ws.cell(row, col).value, row):
            return row
    raise LookupError(header)


def identity_row(ws, key: str) -> int:
    return row_where(ws, "kunci", lambda value, _row: value == key)


def rejected_errors(data: bytes, **kwargs) -> list:
    before = db_counts()
    with pytest.raises(ImportRejected) as rejected:
        import_workbook(data, **kwargs)
    assert db_counts() == before
    return rejected.value.errors


@pytest.fixture
def v1_workbook(v1):
    return export_workbook(v1)


@pytest.fixture
def v2_workbook(v2):
    return export_workbook(v2)


# --- template ---------------------------------------------------------------------------------


def test_template_has_instructions_sheets_lists_to_choose_from_and_marked_examples(db):
    wb = load(template_workbook([2025, 2026, 2027, 2028, 2029]))
    assert wb.sheetnames == SHEETS
    guide = "\n".join(str(c.value) for row in wb["petunjuk"].iter_rows() for c in row if c.value)
    for words in ("711.827.200,00", "CONTOH", "Kunci", "10 MB", "makro"):
        assert words in guide
    programs = wb["program-kegiatan-pendanaan"]
    headers = [c.value for c in programs[1]]
    assert headers[:3] == ["kunci", "tingkat", "induk"]
    assert [h for h in headers if h.startswith("Pagu ")] == [
        "Pagu 2025",
        "Pagu 2026",
        "Pagu 2027",
        "Pagu 2028",
        "Pagu 2029",
    ]
    lists = {
        sheet: {dv.formula1 for dv in wb[sheet].data_validations.dataValidation}
        for sheet in SHEETS[1:]
    }
    assert '"tujuan,sasaran"' in lists["tujuan-sasaran"]
    assert '"strategi,arah kebijakan"' in lists["strategi-kebijakan"]
    assert '"program,kegiatan,sub kegiatan"' in lists["program-kegiatan-pendanaan"]
    assert '"Masukan,Keluaran,Hasil,Manfaat,Dampak"' in lists["indikator-target"]
    assert '"Semakin tinggi semakin baik,Semakin rendah semakin baik"' in lists["indikator-target"]
    identity_lists = {'"provinsi,kabupaten,kota"', '"pmdn13,pmdn90,lokal"', '"ya,tidak"'}
    assert identity_lists <= lists["identitas"]
    examples = [
        ws.cell(r, 1).value for ws in (wb[s] for s in SHEETS[2:]) for r in range(2, ws.max_row + 1)
    ]
    assert examples and all(key.startswith("CONTOH-") for key in examples)
    assert programs.cell(2, column(programs, "kode")).number_format == "@"


def test_examples_of_the_template_are_never_imported(db):
    wb = load(template_workbook([2017, 2018]))
    fill_identity(wb["identitas"])
    version = import_workbook(save(wb), filename="uji.xlsx")
    data = export_version(version)
    assert (data["goals"], data["programs"]) == ([], [])
    assert (version.plan.title, version.number, version.status) == (
        "Renstra Dinas Uji",
        1,
        VersionStatus.DRAFT,
    )


def test_a_filled_in_template_imports_with_its_indonesian_numbers(db):
    wb = load(template_workbook([2017, 2018, 2019, 2020, 2021]))
    fill_identity(wb["identitas"])
    for name in SHEETS[2:]:  # the user turns the examples into rows of their own
        for row in wb[name].iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and "CONTOH-" in cell.value:
                    cell.value = cell.value.replace("CONTOH-", "")
    version = import_workbook(save(wb), filename="isian.xlsx")
    program = Program.objects.get(version=version)
    assert (program.code, program.declared_total) == ("05", Decimal("3309482545.00"))
    assert [(f.year, f.raw_text, f.amount) for f in program.funding.order_by("year")] == [
        (2017, "1.047.655.345", Decimal("1047655345.00")),
        (2018, "711.827.200,00", Decimal("711827200.00")),
        (2019, "Rp 750.000.000", Decimal("750000000.00")),
        (2020, "-", Decimal("0.00")),
        (2021, "800.000.000", Decimal("800000000.00")),
    ]
    activity = program.activities.get()
    assert activity.program_indicator.name == "Persentase ASN yang mengikuti diklat"
    assert activity.funding.get(year=2017).inferred_note.startswith("Contoh catatan")
    assert list(program.objectives.values_list("name", flat=True)) == [
        "Meningkatnya kompetensi ASN sesuai kebutuhan jabatan"
    ]
    target = Target.objects.get(indicator__program=program, year=2017)
    assert (target.raw_text, target.kind, target.value) == ("60 %", "percent", Decimal("60.0000"))


def fill_identity(ws) -> None:
    for key, value in {
        "pemda.nama": "Kabupaten Uji",
        "pemda.jenis": "kabupaten",
        "pd.nama": "Dinas Uji",
        "pd.singkatan": "DU",
        "renstra.judul": "Renstra Dinas Uji",
        "renstra.tahun_awal": 2017,
        "renstra.tahun_akhir": 2021,
        "renstra.tahun_kondisi_awal": 2016,
        "renstra.skema_kode": "pmdn13",
        "versi.label": "Rancangan",
    }.items():
        ws.cell(identity_row(ws, key), 3, value)


# --- round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["v1", "v2"])
def test_demo_exported_to_the_workbook_and_imported_back_gives_the_same_plan(which, request):
    version = request.getfixturevalue(which)
    imported = import_workbook(export_workbook(version), filename="renstra.xlsx")
    assert comparable(export_version(imported)) == comparable(export_version(version))
    # Without a version to revise, the workbook is a new plan (the demo plan stays as it was).
    assert imported.plan_id != version.plan_id and imported.status == VersionStatus.DRAFT


@pytest.mark.parametrize("key", sorted(PLANS))
def test_real_sumedang_plans_round_trip_through_the_workbook(db, key):
    version = load_real_plan(key)
    imported = import_workbook(export_workbook(version))
    assert comparable(export_version(imported)) == comparable(export_version(version))


def test_import_as_a_new_draft_of_a_chosen_plan_checks_the_identity_sheet(v1, v2):
    version = import_workbook(export_workbook(v1), revises=v2)
    assert (version.plan_id, version.number, version.status) == (
        v2.plan_id,
        3,
        VersionStatus.DRAFT,
    )
    other = load_real_plan("sumedang_bkpsdm_tc27")
    other.status = VersionStatus.SUBMITTED  # not an open draft, which would be refused first
    other.save(update_fields=["status"])
    wb = load(export_workbook(v1))
    errors = rejected_errors(save(wb), revises=other)
    ws = wb["identitas"]
    differing = [
        "pemda.nama",
        "pemda.jenis",
        "pd.nama",
        "pd.nama_terdahulu",
        "rpjmd.nama",
        "renstra.judul",
        "renstra.tahun_awal",
        "renstra.tahun_akhir",
        "renstra.tahun_kondisi_awal",
        "renstra.skema_kode",
    ]
    assert [(e.source, e.row, e.column) for e in errors] == [
        ("identitas", identity_row(ws, key), "nilai ({})".format(key)) for key in differing
    ]
    assert "tersimpan: 'Kabupaten Sumedang'" in errors[0].reason


def test_codes_amounts_and_targets_are_written_as_text(v2_workbook):
    wb = load(v2_workbook)
    ws = wb["program-kegiatan-pendanaan"]
    for header in ("kode", "Pagu 2017", "pagu akhir periode"):
        col = column(ws, header)
        values = [ws.cell(r, col).value for r in range(2, ws.max_row + 1)]
        assert all(isinstance(v, str) for v in values if v is not None)
    ws = wb["indikator-target"]
    col = column(ws, "Target 2017")
    assert all(isinstance(ws.cell(r, col).value, str | None) for r in range(2, ws.max_row + 1))


def test_merged_cells_and_stray_spaces_are_read_as_meant(v2, v2_workbook):
    wb = load(v2_workbook)
    ws = wb["indikator-target"]
    owner, info = column(ws, "pemilik"), column(ws, "uraian pemilik (hanya info)")
    start = 2
    for row in range(3, ws.max_row + 2):
        if row > ws.max_row or ws.cell(row, owner).value != ws.cell(start, owner).value:
            if row - 1 > start:  # a run of indicators of one owner: merge it, as people do
                for col in (owner, info):
                    ws.merge_cells(
                        start_row=start, start_column=col, end_row=row - 1, end_column=col
                    )
            start = row
    assert ws.merged_cells.ranges
    kind = column(ws, "jenis")
    ws.cell(2, kind).value = "\u00a0 hasil  "
    goals = wb["tujuan-sasaran"]
    goals.cell(2, 1).value = "  " + goals.cell(2, 1).value + " "
    programs = wb["program-kegiatan-pendanaan"]
    pagu = column(programs, "Pagu 2019")
    funded = row_where(programs, "Pagu 2019", lambda value, _row: bool(value))
    programs.cell(funded, pagu).value = "  {}  ".format(programs.cell(funded, pagu).value)
    imported = import_workbook(save(wb))
    assert comparable(export_version(imported)) == comparable(export_version(v2))


# --- what Excel does to numbers ---------------------------------------------------------------


def test_numbers_excel_made_of_typed_values_are_read_back_exactly(v2, v2_workbook):
    wb = load(v2_workbook)
    ws = wb["program-kegiatan-pendanaan"]
    pagu = column(ws, "Pagu 2017")
    ws.cell(2, pagu).value = 1047655345
    ws.cell(3, pagu).value = 711827200.5
    targets = wb["indikator-target"]
    target = column(targets, "Target 2017")
    targets.cell(2, target).value = 0.81
    targets.cell(2, target).number_format = "0%"
    version = import_workbook(save(wb))
    program = Program.objects.filter(version=version).order_by("order")[0]
    first = Funding.objects.get(program=program, year=2017)
    assert (first.raw_text, first.amount) == ("1047655345", Decimal("1047655345.00"))
    second = Funding.objects.filter(activity__program=program, year=2017).order_by(
        "activity__order"
    )[0]
    assert (second.raw_text, second.amount) == ("711827200,5", Decimal("711827200.50"))
    owner_key = targets.cell(2, column(targets, "pemilik")).value
    stored = [
        t
        for t in Target.objects.filter(indicator__version=version, year=2017)
        if t.raw_text == "81%"
    ]
    assert [(t.kind, t.value) for t in stored][:1] == [("percent", Decimal("81.0000"))], owner_key


def test_values_excel_mangled_are_errors_that_say_so(v2_workbook):
    wb = load(v2_workbook)
    ws = wb["program-kegiatan-pendanaan"]
    ws.cell(2, column(ws, "kode")).value = 5.01
    ws.cell(3, column(ws, "Pagu 2018")).value = datetime(2018, 1, 1)
    ws.cell(4, column(ws, "Pagu 2019")).value = "=SUM(M2:M3)"
    ws.cell(5, column(ws, "Pagu 2020")).value = 12345678901234567890.0
    ws.cell(6, column(ws, "nomor")).value = 1.1
    errors = rejected_errors(save(wb))
    assert [(e.sheet if hasattr(e, "sheet") else e.source, e.row, e.column) for e in errors] == [
        ("program-kegiatan-pendanaan", 2, "kode"),
        ("program-kegiatan-pendanaan", 3, "Pagu 2018"),
        ("program-kegiatan-pendanaan", 4, "Pagu 2019"),
        ("program-kegiatan-pendanaan", 5, "Pagu 2020"),
        ("program-kegiatan-pendanaan", 6, "nomor"),
    ]
    reasons = [e.reason for e in errors]
    assert "Kode terbaca sebagai angka (5.01)" in reasons[0]
    assert "tanggal" in reasons[1]
    assert "rumus" in reasons[2]
    assert "15 digit" in reasons[3]
    assert "angka pecahan (1.1)" in reasons[4]


# --- errors -----------------------------------------------------------------------------------


def test_a_workbook_with_errors_in_five_places_is_rejected_whole_with_those_five(v2_workbook):
    wb = load(v2_workbook)
    identity = wb["identitas"]
    kind_row = identity_row(identity, "pemda.jenis")
    identity.cell(kind_row, 3).value = "kecamatan"
    goals = wb["tujuan-sasaran"]
    objective_row = row_where(goals, "tingkat", lambda v, _r: v == "sasaran")
    goals.cell(objective_row, column(goals, "induk")).value = "T99"
    strategies = wb["strategi-kebijakan"]
    strategies.cell(2, column(strategies, "tingkat")).value = "taktik"
    programs = wb["program-kegiatan-pendanaan"]
    activity_row = row_where(
        programs,
        "Pagu 2018",
        lambda v, r: v and programs.cell(r, column(programs, "tingkat")).value == "kegiatan",
    )
    programs.cell(activity_row, column(programs, "Pagu 2018")).value = "12,3,4"
    indicators = wb["indikator-target"]
    indicators.cell(3, column(indicators, "jenis")).value = "hasilnya"
    errors = rejected_errors(save(wb), filename="rusak.xlsx")
    assert [(e.source, e.row, e.column, e.value) for e in errors] == [
        ("identitas", kind_row, "nilai (pemda.jenis)", "kecamatan"),
        ("tujuan-sasaran", objective_row, "induk", "T99"),
        ("strategi-kebijakan", 2, "tingkat", "taktik"),
        ("program-kegiatan-pendanaan", activity_row, "Pagu 2018", "12,3,4"),
        ("indikator-target", 3, "jenis", "hasilnya"),
    ]
    assert [e.reason for e in errors] == [
        "Harus salah satu dari: provinsi, kabupaten, kota.",
        "Tidak ada tujuan berkunci 'T99'.",
        "Tingkat harus salah satu dari: strategi, arah kebijakan.",
        "'12,3,4' bukan angka yang dikenali. Tulis angka seperti 1.047.655.345 atau 81,5.",
        "Harus salah satu dari: Masukan, Keluaran, Hasil, Manfaat, Dampak.",
    ]
    assert str(errors[1]) == (
        "tujuan-sasaran baris {} kolom 'induk' (nilai 'T99'): Tidak ada tujuan berkunci "
        "'T99'.".format(objective_row)
    )


def test_rows_referring_to_examples_unknown_columns_and_extra_sheets_are_errors(v1_workbook):
    wb = load(v1_workbook)
    ws = wb["indikator-target"]
    ws.cell(2, column(ws, "pemilik")).value = "CONTOH-P1"
    ws.cell(1, ws.max_column + 1).value = "keterangan tambahan"
    wb.create_sheet("catatan saya")
    errors = rejected_errors(save(wb))
    assert [(e.source, e.row, e.column) for e in errors] == [
        ("catatan saya", 0, ""),
        ("indikator-target", 1, "keterangan tambahan"),
        ("indikator-target", 2, "pemilik"),
    ]


def test_a_workbook_of_another_kind_is_refused(db):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "bukan renstra"
    errors = rejected_errors(save(wb), filename="lain.xlsx")
    assert [(e.source, e.row) for e in errors] == [("lain.xlsx", 0)]
    assert errors[0].reason.startswith("Lembar 'identitas', 'tujuan-sasaran'")


# --- unsafe and broken files ------------------------------------------------------------------


def rezip(data: bytes, add: dict | None = None, change=None) -> bytes:
    """A copy of an xlsx package with entries added or changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if change:
                body = change(info.filename, body)
            target.writestr(info.filename, body)
        for name, body in (add or {}).items():
            target.writestr(name, body)
    return buffer.getvalue()


def only_error(data: bytes, filename: str = "renstra.xlsx") -> str:
    errors = rejected_errors(data, filename=filename)
    assert len(errors) == 1 and errors[0].row == 0
    return errors[0].reason


def test_macros_external_links_and_dtds_are_refused(v1_workbook):
    assert "bermakro" in only_error(v1_workbook, filename="renstra.xlsm")
    with_vba = rezip(v1_workbook, add={"xl/vbaProject.bin": b"\x00" * 64})
    assert "makro" in only_error(with_vba)
    macro_type = rezip(
        v1_workbook,
        change=lambda name, body: (
            body.replace(b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml")
            if name == "[Content_Types].xml"
            else body
        ),
    )
    assert "bermakro" in only_error(macro_type)
    linked = rezip(v1_workbook, add={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"})
    assert "buku kerja lain" in only_error(linked)
    dtd = rezip(
        v1_workbook,
        change=lambda name, body: (
            body.replace(b"<workbook", b'<!DOCTYPE w [<!ENTITY a "aaaa">]><workbook', 1)
            if name == "xl/workbook.xml"
            else body
        ),
    )
    assert "DTD" in only_error(dtd)


def test_zip_bombs_and_oversized_files_are_refused_before_parsing(v1_workbook):
    ratio_bomb = rezip(v1_workbook, add={"xl/media/zeros.bin": b"\x00" * (4 * 1024 * 1024)})
    assert "bom zip" in only_error(ratio_bomb)
    huge = rezip(v1_workbook, add={"xl/media/big.bin": b"\x00" * (LIMITS.max_uncompressed_bytes)})
    assert "lebih dari batas 64 MB" in only_error(huge)
    assert "lebih besar dari batas 10 MB" in only_error(b"PK" + b"\x00" * LIMITS.max_file_bytes)
    many = rezip(v1_workbook, add={"xl/media/{}.bin".format(i): b"" for i in range(501)})
    assert "bagian" in only_error(many)


def test_old_encrypted_empty_and_non_zip_files_are_refused(db):
    assert "Excel lama (.xls) atau dilindungi kata sandi" in only_error(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    )
    assert only_error(b"") == "Berkas kosong."
    assert "bukan buku kerja .xlsx" in only_error(b"kode,uraian\n1,Program\n")


def test_sheets_beyond_the_row_limit_are_refused(v1_workbook):
    wb = load(v1_workbook)
    ws = wb["strategi-kebijakan"]
    for row in range(ws.max_row + 1, LIMITS.max_data_rows + 3):
        ws.cell(row, 5).value = "x"
    errors = rejected_errors(save(wb))
    assert [(e.source, e.row) for e in errors][:1] == [
        ("strategi-kebijakan", LIMITS.max_data_rows + 2)
    ]
    assert "lebih dari 5000 baris" in errors[0].reason
    wb = load(v1_workbook)
    wb["tujuan-sasaran"].cell(LIMITS.max_row_index + 1, 5).value = "jauh di bawah"
    errors = rejected_errors(save(wb))
    assert [(e.source, e.row) for e in errors] == [("tujuan-sasaran", LIMITS.max_row_index + 1)]


FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes_end_in_a_clear_error(db, data):
    with pytest.raises(ImportRejected) as rejected:
        import_workbook(data)
    assert rejected.value.errors[0].reason


class Bytes(bytes):
    def __repr__(self) -> str:
        return "<exported workbook of demo version 1>"


@pytest.fixture
def v1_bytes(v1_workbook):
    return Bytes(v1_workbook)


@FUZZ
@given(data=st.data())
def test_truncated_and_damaged_files_end_in_a_clear_error(v1_bytes, data):
    body = bytes(v1_bytes)
    if data.draw(st.booleans()):
        body = body[: data.draw(st.integers(0, len(body) - 1))]
    else:
        damaged = bytearray(body)
        for _ in range(data.draw(st.integers(1, 8))):
            damaged[data.draw(st.integers(0, len(body) - 1))] = data.draw(st.integers(0, 255))
        body = bytes(damaged)
    with transaction.atomic():
        try:
            import_workbook(body)
        except ImportRejected as rejected:
            assert rejected.errors and all(e.reason for e in rejected.errors)
        transaction.set_rollback(True)


cell_values = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=40),
    st.sampled_from(
        ["-", "Rp 1.500", "81 %", "T1", "P1.K1", "hasil", "sasaran", "kegiatan", "=A1", "{}"]
    ),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
)


@FUZZ
@given(data=st.data())
def test_random_cell_values_in_an_exported_workbook_end_in_an_error_or_an_import(v1_bytes, data):
    wb = load(bytes(v1_bytes))
    for _ in range(data.draw(st.integers(1, 4))):
        ws = wb[data.draw(st.sampled_from(SHEETS[1:]))]
        row = data.draw(st.integers(1, ws.max_row + 2))
        col = data.draw(st.integers(1, ws.max_column + 1))
        ws.cell(row, col).value = data.draw(cell_values)
    body = save(wb)
    with transaction.atomic():
        try:
            version = import_workbook(body)
        except ImportRejected as rejected:
            assert rejected.errors and all(e.reason for e in rejected.errors)
        else:
            assert export_version(version)["format"] == "renstra-plan"
        transaction.set_rollback(True)
