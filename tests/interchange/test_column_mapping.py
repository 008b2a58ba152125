"""The column-mapping step of the import (issue 17): a spreadsheet of another layout than T-C.27
(other titles, another column order, a column with no T-C.27 field, the header on row 3 under a
merged title, the table on the second sheet, a signature under it) holding the rows of the real
BKPSDM Sumedang T-C.27 table is uploaded, mapped, previewed and imported through the page, and
gives the plan the T-C.27 import of the CSV gives; every cell without a field is kept."""

import csv
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from renstra.interchange.column_guess import KEEP, guess_fields
from renstra.interchange.column_mapping import level_of_code
from renstra.interchange.jsonio import comparable, export_version
from renstra.interchange.models import ColumnMapping, ImportJob
from renstra.plans.models import Agency, Indicator, PlanVersion, Program
from tests.interchange.test_tc27_command_and_page import AGENCIES, YEARS, import_by_command
from tests.realplans import FIXTURES

KEY = "sumedang_bkpsdm_tc27"
NAME = "{}.xlsx".format(KEY)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "Renstra 2019-2023"
TITLE = "RENCANA PROGRAM, KEGIATAN DAN PENDANAAN BKPSDM KABUPATEN SUMEDANG"
SIGNATURE = "Kepala BKPSDM Kabupaten Sumedang"
# The sheet's columns: its own title, the CSV column it holds (None: "Sumber Dana", a column no
# T-C.27 field holds). Another order than the CSV's, other words.
LAYOUT = [
    ("Kode", "kode"),
    ("Jenis Baris", "level"),
    ("Tujuan/Sasaran/Program/Kegiatan", "uraian"),
    ("Indikator Kinerja", "indikator"),
    ("Satuan", "satuan"),
    ("Kondisi Kinerja Awal", "baseline"),
    ("Target 2021", "target_y1"),
    ("Target 2022", "target_y2"),
    ("Target 2023", "target_y3"),
    ("Pagu Indikatif 2021", "rp_y1"),
    ("Pagu Indikatif 2022", "rp_y2"),
    ("Pagu Indikatif 2023", "rp_y3"),
    ("Kondisi Kinerja Akhir Periode", "target_akhir"),
    ("Pagu Akhir Periode", "rp_akhir"),
    ("Sumber Dana", None),
    ("Unit Kerja Penanggung Jawab", "unit_kerja"),
    ("Lokasi", "lokasi"),
    ("Satuan Bersama", "satuan_derived"),
    ("Kode Tercetak", "kode_raw"),
    ("Baris Sumber", "src_line"),
    ("Keterangan", "note"),
]
# The guess from the titles: every column but 'Keterangan', which the planner maps to 'note'.
GUESSED = [field or KEEP for _title, field in LAYOUT[:-1]] + [KEEP]
MAPPED = [field or KEEP for _title, field in LAYOUT]
LEVEL_WORDS = {"bidang_urusan": "Bidang Urusan"}
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1


def csv_rows() -> list[dict]:
    with open(FIXTURES / "{}.csv".format(KEY), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def workbook(rows=None, *, change=None) -> bytes:
    """The table in the other layout, as a planner's workbook: a cover sheet first, the table
    on the second sheet with a merged title above its header and a signature under it. Rp are
    numbers, everything else text; kegiatan rows say their Sumber Dana."""
    book = Workbook()
    book.active.title = "Sampul"
    book.active["A1"] = "Renstra BKPSDM 2019-2023"
    sheet = book.create_sheet(SHEET)
    sheet["A1"] = TITLE
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(LAYOUT))
    for column, (title, _field) in enumerate(LAYOUT, start=1):
        sheet.cell(HEADER_ROW, column, title)
    rows = csv_rows() if rows is None else rows
    for number, row in enumerate(rows, start=FIRST_ROW):
        for column, (_title, field) in enumerate(LAYOUT, start=1):
            if field is None:
                value = "APBD" if row["level"] == "kegiatan" else ""
            elif field == "level":
                value = LEVEL_WORDS.get(row["level"], row["level"].capitalize())
            else:
                value = row[field]
            if field and field.startswith("rp_") and value.isdigit():
                value = int(value)
            if value != "":
                sheet.cell(number, column, value)
    sheet.cell(FIRST_ROW + len(rows) + 1, 16, SIGNATURE)  # a row left empty between
    if change:
        change(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def form(key=KEY, **extra) -> dict:
    fields = {
        "pemda": "Kabupaten Sumedang",
        "perangkat_daerah": AGENCIES[key],
        "singkatan": {"sumedang_bkpsdm_tc27": "BKPSDM", "sumedang_diskominfo_tc27": "Diskominfo"}[
            key
        ],
        "periode": "2019-2023",
        "tahun_kolom": YEARS[KEY],
        "revisi": "",
    }
    return fields | extra


def upload(client, data: bytes, **fields):
    response = client.post("/impor/", {"berkas": SimpleUploadedFile(NAME, data, XLSX), **fields})
    return response


def held_job(client, data=None, **fields) -> ImportJob:
    response = upload(client, workbook() if data is None else data, **(fields or form()))
    job = ImportJob.objects.order_by("-pk").first()
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == "/impor/{}/kolom/".format(job.pk)
    assert (job.stage, job.task_id, job.version) == ("mapping", "", None)
    return job


def selected(html: str) -> list[str]:
    """The field each column's select shows chosen, in column order."""
    selects = re.findall(r'<select name="kolom_(\d+)".*?</select>', html, re.S)
    chosen = []
    for body in re.findall(r'<select name="kolom_\d+"(.*?)</select>', html, re.S):
        found = re.search(r'<option value="([^"]*)" selected>', body)
        chosen.append(found.group(1) if found else None)
    assert [int(n) for n in selects] == list(range(1, len(chosen) + 1))
    return chosen


def mapping_form(fields, last_row: int) -> dict:
    data = {
        "lembar": SHEET,
        "baris_judul": str(HEADER_ROW),
        "jumlah_baris_judul": "1",
        "baris_akhir": str(last_row),
    }
    data.update({"kolom_{}".format(i): f for i, f in enumerate(fields, start=1)})
    return data


LAST_ROW = FIRST_ROW + len(csv_rows()) - 1


def map_and_import(client, job: ImportJob, fields=MAPPED) -> str:
    """Post the mapping, read the preview, confirm it; returns the preview's HTML."""
    response = client.post("/impor/{}/kolom/".format(job.pk), mapping_form(fields, LAST_ROW))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == "/impor/{}/pratinjau/".format(job.pk)
    preview = client.get(response["Location"]).content.decode()
    response = client.post("/impor/{}/pratinjau/".format(job.pk))
    assert response["Location"] == "/impor/{}/".format(job.pk)
    return preview


def test_the_titles_are_guessed_and_the_level_comes_from_the_code_shape():
    years = {1: 2021, 2: 2022, 3: 2023}
    assert guess_fields([t for t, _f in LAYOUT], years) == GUESSED
    assert guess_fields(["No", "Kode Rekening", "Program/Kegiatan", "Tahun 1", "Pagu"], years) == [
        KEEP,
        "kode",
        "uraian",
        "target_y1",
        "rp_y1",
    ]
    # A year the plan's year columns do not have is no guess: the column is kept as it is.
    assert guess_fields(["Target 2030", "Target 2022"], years) == [KEEP, "target_y2"]
    assert [level_of_code(c, "") for c in ("5.03.01", "5.03.01.2.01", "5.03.01.2.01.0001")] == [
        "program",
        "kegiatan",
        "subkegiatan",
    ]
    assert [level_of_code(c, "") for c in ("17", "17.25", "5.03", "03.02.2.01")] == [
        "program",
        "kegiatan",
        None,
        None,
    ]
    assert level_of_code("17.25", "pmdn90") is None and level_of_code("5.03.01", "lokal") is None


def test_a_sheet_of_another_layout_is_mapped_previewed_and_imported_as_its_csv(
    client, db, make_user
):
    client.force_login(make_user("admin_uji", "admin"))
    job = held_job(client)
    # The first sheet is a cover: its one cell is the header the page shows first.
    html = client.get("/impor/{}/kolom/".format(job.pk)).content.decode()
    assert '<option value="{}">{}</option>'.format(SHEET, SHEET) in html
    # The table's sheet: the merged title above it (one text) is passed over for the header.
    html = client.get("/impor/{}/kolom/".format(job.pk), {"lembar": SHEET}).content.decode()
    assert 'name="baris_judul" min="1" value="3"' in html
    assert selected(html) == GUESSED
    assert "Diisi dari tebakan menurut kata-kata judul kolom" in html
    assert "1 baris di atas baris judul akan disimpan apa adanya" in html
    assert not ColumnMapping.objects.exists()  # the agency is not in the system yet

    preview = map_and_import(client, job)
    assert "Tidak ada kesalahan" in preview
    assert (
        "Akan menjadi 2 tujuan, 2 sasaran, 2 program, 12 kegiatan, 0 sub kegiatan dan 27 "
        "indikator; 18 baris sumber disimpan apa adanya."
    ) in preview
    head = re.search(r'<table class="report" id="pratinjau">.*?</thead>', preview, re.S).group(0)
    assert re.findall(r"<th>([^<]*)</th>", head) == [
        "Baris",
        "Tingkat",
        "Kode",
        "Uraian",
        "Indikator",
        "Satuan",
        "Kondisi awal",
        "Target 2021",
        "Target 2022",
        "Target 2023",
        "Rp 2021",
        "Rp 2022",
        "Rp 2023",
        "Target akhir",
        "Rp akhir",
        "Unit kerja",
        "Lokasi",
        "Catatan",
        "Disimpan apa adanya",
    ]
    table = preview[preview.index('id="pratinjau"') : preview.index("</table>")]
    assert len(re.findall(r'<tr><td class="num">\d+</td>', table)) == 20  # of 30 rows
    assert '<td class="num">7.742.388.142</td>' in preview  # the program's Rp 2021, as read

    job.refresh_from_db()
    assert job.stage == "done", job.errors
    version = job.version
    assert version.source == (
        "Tabel {} (lembar {}) dengan kolom yang dipetakan ke tabel T-C.27".format(NAME, SHEET)
    )
    by_csv, _out = import_by_command(KEY)
    mapped, expected = comparable(export_version(version)), comparable(export_version(by_csv))
    for document in (mapped, expected):
        document["version"].pop("source")
    unplaced = mapped["version"].pop("unplaced_rows")
    wanted = expected["version"].pop("unplaced_rows")
    assert repr(mapped).replace(".xlsx:", ".csv:") == repr(expected)

    # Every row the CSV import kept verbatim is kept, as the CSV says it (its row numbers are
    # the sheet's; 'level' as the table's words read), and so is every other cell: the title,
    # each Sumber Dana, the signature.
    def cells(entry, *leave):
        return {k: v for k, v in entry.items() if v and k not in ("row", "reason", *leave)}

    by_line = {e.get("src_line"): e for e in unplaced if e.get("src_line")}
    for entry in wanted:
        assert cells(by_line[entry["src_line"]], "Sumber Dana") == cells(entry)
        assert by_line[entry["src_line"]]["row"] == entry["row"] - 2 + FIRST_ROW
    assert unplaced[0] == {
        "row": 1,
        "reason": "baris di atas baris judul kolom (judul tabel), disimpan apa adanya",
        **{chr(ord("A") + i): TITLE for i in range(len(LAYOUT))},
    }
    assert unplaced[-1] == {
        "row": LAST_ROW + 2,
        "reason": "baris di bawah baris terakhir tabel, disimpan apa adanya",
        "P": SIGNATURE,
    }
    kegiatan = [r for r in csv_rows() if r["level"] == "kegiatan"]
    funds = [e for e in unplaced if e.get("Sumber Dana")]
    assert [(e["src_line"], e["Sumber Dana"]) for e in funds] == [
        (r["src_line"], "APBD") for r in kegiatan
    ]
    assert funds[0]["reason"] == (
        "kolom Sumber Dana tanpa tempat di model; baris disimpan apa adanya"
    )
    assert len(unplaced) == len(wanted) + len(kegiatan) + 2

    # Remembered for the agency the import brought in, for this header.
    stored = ColumnMapping.objects.get()
    assert (stored.agency, stored.updated_by.username) == (version.plan.agency, "admin_uji")
    assert stored.headers == [title for title, _field in LAYOUT]
    assert stored.mapping == {
        "sheet": SHEET,
        "header_row": HEADER_ROW,
        "header_rows": 1,
        "fields": MAPPED,
    }


def test_the_mapping_is_offered_again_to_the_same_agency_only(client, db, make_user):
    client.force_login(make_user("admin_uji", "admin"))
    map_and_import(client, held_job(client))
    version = PlanVersion.objects.get(plan__agency__region__name="Kabupaten Sumedang")
    # A planner of that agency uploads the same layout: the sheet, header row and every
    # column (Keterangan -> note too, which no title guesses) come back as mapped.
    planner = make_user("perencana_sumedang", "planner", version)
    client.force_login(planner)
    job = held_job(client)
    html = client.get("/impor/{}/kolom/".format(job.pk)).content.decode()
    assert '<option value="{}" selected>'.format(SHEET) in html
    assert 'name="baris_judul" min="1" value="3"' in html
    assert selected(html) == MAPPED
    assert "Diisi dari pemetaan kolom tersimpan BKPSDM" in html
    # Saving it again keeps one mapping per layout, now saved by the planner.
    response = client.post("/impor/{}/kolom/".format(job.pk), mapping_form(MAPPED, LAST_ROW))
    assert response.status_code == 302
    stored = ColumnMapping.objects.get()
    assert stored.updated_by == planner
    # Another agency's upload of the same layout gets the guesses, not BKPSDM's mapping.
    client.force_login(make_user("admin_dua", "admin"))
    other = held_job(client, **form("sumedang_diskominfo_tc27"))
    html = client.get("/impor/{}/kolom/".format(other.pk), {"lembar": SHEET}).content.decode()
    assert selected(html) == GUESSED
    assert "pemetaan kolom tersimpan" not in html
    Agency.objects.create(
        region=version.plan.agency.region,
        name=AGENCIES["sumedang_diskominfo_tc27"],
        short_name="Diskominfo",
    )
    html = client.get("/impor/{}/kolom/".format(other.pk)).content.decode()
    assert 'value="Sampul" selected' in html and "pemetaan kolom tersimpan" not in html


def test_text_in_an_rp_column_is_an_error_of_its_cell_and_nothing_is_written(client, db, make_user):
    def wrong(sheet):
        # Pagu Indikatif 2022 of the first kegiatan (5.03.01.2.01: Rp 80500000 in the CSV).
        sheet.cell(FIRST_ROW + 11, 11, "delapan ratus juta")

    client.force_login(make_user("admin_uji", "admin"))
    job = held_job(client, workbook(change=wrong))
    preview = map_and_import(client, job)
    row = FIRST_ROW + 11
    assert "Tidak ada kesalahan" not in preview and 'id="impor-dipetakan"' not in preview
    assert (
        '<tr><td>{}, lembar {}</td><td class="num">{}</td><td>Pagu Indikatif 2022 (kolom K)'
        "</td><td>delapan ratus juta</td><td>".format(NAME, SHEET, row)
    ) in preview
    assert "1 kesalahan: perbaiki berkas atau pemetaannya sebelum mengimpor" in preview
    # Confirmed anyway (the button is not there; a request can be), the import refuses it.
    job.refresh_from_db()
    assert (job.stage, job.version) == ("rejected", None)
    assert [(e["source"], e["row"], e["column"], e["value"]) for e in job.errors] == [
        (
            "{}, lembar {}".format(NAME, SHEET),
            row,
            "Pagu Indikatif 2022 (kolom K)",
            "delapan ratus juta",
        )
    ]
    assert not PlanVersion.objects.filter(plan__agency__region__name="Kabupaten Sumedang").exists()
    assert not Program.objects.filter(code="5.03.01").exists()


FILL_LEVEL = (
    "Isi tingkatnya (tujuan, sasaran, program, kegiatan, subkegiatan, bidang_urusan) di kolom "
    "tingkat, atau perbaiki kodenya."
)


def test_rows_whose_level_cannot_be_known_are_errors_not_guesses(client, db, make_user):
    """A CSV without a level column: the level comes from each code's shape; a row with no
    code or a code of no level's shape is an error of that row."""
    table = (
        "Judul: Rencana Dinas X\n"
        "\n"
        "Kode,Program/Kegiatan,Indikator Kinerja,Target 2021,Pagu 2021\n"
        "5.03.01,Program Satu,Persentase satu,100%,1000\n"
        "5.03.01.2.01,Kegiatan Satu,Jumlah dokumen,2 dokumen,500\n"
        "5.03.01.2.01.0001,Sub Kegiatan Satu,Jumlah laporan,1 laporan,250\n"
        "5.03,Bidang Kepegawaian,,,\n"
        ",Baris tanpa kode,,,\n"
    )
    client.force_login(make_user("admin_uji", "admin"))
    data = table.encode("utf-8")
    response = client.post(
        "/impor/", {"berkas": SimpleUploadedFile("dinas.csv", data, "text/csv"), **form()}
    )
    job = ImportJob.objects.get()
    assert response["Location"] == "/impor/{}/kolom/".format(job.pk)
    html = client.get(response["Location"]).content.decode()
    assert 'name="baris_judul" min="1" value="3"' in html
    assert selected(html) == ["kode", "uraian", "indikator", "target_y1", "rp_y1"]
    response = client.post(
        response["Location"],
        {
            "baris_judul": "3",
            "jumlah_baris_judul": "1",
            "baris_akhir": "",
            **{
                "kolom_{}".format(i): f
                for i, f in enumerate(["kode", "uraian", "indikator", "target_y1", "rp_y1"], 1)
            },
        },
    )
    preview = client.get(response["Location"]).content.decode()
    reasons = re.findall(
        r'<tr><td>dinas.csv</td><td class="num">(\d+)</td><td>([^<]*)</td><td>([^<]*)</td>'
        r"<td>Tingkat baris ini tidak dapat diketahui: kolom tingkatnya tidak dipetakan, dan "
        r"([^<]*)</td>",
        preview,
    )
    assert reasons == [
        (
            "7",
            "Kode (kolom A)",
            "5.03",
            "kode &#x27;5.03&#x27; tidak berbentuk kode program, "
            "kegiatan atau sub kegiatan. " + FILL_LEVEL,
        ),
        ("8", "Kode (kolom A)", "", "baris ini tidak berkode. " + FILL_LEVEL),
    ]
    assert "2 kesalahan" in preview
    # The three coded rows are read at their levels.
    rows = re.findall(r'<tr><td class="num">(\d)</td><td>(\w+)</td><td>([\d.]+)</td>', preview)
    assert rows == [
        ("4", "program", "5.03.01"),
        ("5", "kegiatan", "5.03.01.2.01"),
        ("6", "subkegiatan", "5.03.01.2.01.0001"),
    ]


def test_a_mapping_that_cannot_be_read_is_answered_on_the_mapping_page(client, db, make_user):
    client.force_login(make_user("admin_uji", "admin"))
    job = held_job(client)
    fields = ["uraian"] * 2 + [KEEP] * (len(LAYOUT) - 2)
    response = client.post("/impor/{}/kolom/".format(job.pk), mapping_form(fields, LAST_ROW))
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Kode (kolom A) dan Jenis Baris (kolom B) sama-sama dipetakan ke &#x27;Uraian (nama "
        "tujuan, sasaran, program, kegiatan)&#x27;; setiap isian hanya untuk satu kolom."
    ) in html
    assert "Pilih kolom tingkat, atau kolom kode" in html
    job.refresh_from_db()
    assert (job.stage, job.column_mapping) == ("mapping", {})
    # Without a mapping there is no preview yet; the job page leads back to the mapping.
    assert client.get("/impor/{}/pratinjau/".format(job.pk))["Location"] == (
        "/impor/{}/kolom/".format(job.pk)
    )
    assert client.get("/impor/{}/".format(job.pk))["Location"] == "/impor/{}/kolom/".format(job.pk)


def test_a_planner_of_another_agency_is_refused_before_anything_is_stored(
    client, db, make_user, v2
):
    client.force_login(make_user("perencana_uji", "planner", v2))  # of BKPSDM Kota Bontang
    response = upload(client, workbook(), **form())
    assert response.status_code == 400
    assert "Perangkat Daerah Anda sendiri" in response.content.decode()
    assert not ImportJob.objects.exists()
    # Nor may they open another user's mapping job.
    job = ImportJob.objects.create(
        user=make_user("admin_uji", "admin"),
        file_name=NAME,
        content=workbook(),
        source_fields={
            "region": "Kabupaten Sumedang",
            "agency": AGENCIES[KEY],
            "agency_short": "BKPSDM",
            "period": "2019-2023",
        },
        stage="mapping",
    )
    for url in ("/impor/{}/kolom/", "/impor/{}/pratinjau/"):
        assert client.get(url.format(job.pk)).status_code == 404
        assert client.post(url.format(job.pk)).status_code == 404
    assert not Indicator.objects.filter(version__plan__agency__region__name="Kabupaten Sumedang")
