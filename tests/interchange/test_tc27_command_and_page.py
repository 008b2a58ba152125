"""The real Sumedang T-C.27 tables through `renstra import FILE.csv` and the import page, as a
planner would bring them in: the table says neither whose it is nor which years its year columns
are, so the options (the page's fields) say it. All three tables are accepted; what the plan has
no place for is kept verbatim and listed."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from renstra.interchange.jsonio import comparable, export_version
from renstra.interchange.models import ImportJob
from renstra.plans.models import Activity, Indicator, PlanVersion, Program
from renstra.review.models import StatusChange
from tests.realplans import FIXTURES, PLANS

AGENCIES = {
    "sumedang_tc27": "BADAN PERENCANAAN, PEMBANGUNAN, PENELITIAN DAN PENGEMBANGAN DAERAH",
    "sumedang_diskominfo_tc27": "Dinas Komunikasi dan Informatika, Persandian dan Statistik",
    "sumedang_bkpsdm_tc27": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
}
# The primary table prints Tahun 2019 .. Tahun 2023; the other two only the last three years
# of that period (Diskominfo as "Tahun-3".."Tahun-5"): their .meta.json's year_columns.
YEARS = {
    "sumedang_tc27": "",
    "sumedang_diskominfo_tc27": "2021,2022,2023",
    "sumedang_bkpsdm_tc27": "2021,2022,2023",
}
# What each table holds, as its README counts it, and the rows kept verbatim.
SHAPES = {
    "sumedang_tc27": {"programs": 4, "activities": 17, "indicators": 21, "unplaced": []},
    "sumedang_diskominfo_tc27": {
        "programs": 4,
        "activities": 6,
        "indicators": 14,
        # Rp, unit kerja and lokasi of the four sasaran rows; the lokasi of the four programs.
        "unplaced": [
            (3, "kolom rp_y1, rp_y2, rp_y3, unit_kerja, lokasi tanpa tempat di model"),
            (4, "kolom lokasi tanpa tempat di model"),
            (7, "kolom rp_y1, rp_y2, rp_y3, unit_kerja, lokasi tanpa tempat di model"),
            (8, "kolom lokasi tanpa tempat di model"),
            (11, "kolom rp_y1, rp_y2, rp_y3, unit_kerja, lokasi tanpa tempat di model"),
            (12, "kolom lokasi tanpa tempat di model"),
            (16, "kolom rp_y1, rp_y2, rp_y3, unit_kerja, lokasi tanpa tempat di model"),
            (17, "kolom lokasi tanpa tempat di model"),
        ],
    },
    "sumedang_bkpsdm_tc27": {
        "programs": 2,
        "activities": 12,
        "indicators": 27,
        # The bidang urusan row with its Rp; the akhir Rp '0' of three further indicator rows.
        "unplaced": [
            (2, "baris bidang_urusan disimpan apa adanya"),
            (25, "kolom rp_akhir tanpa tempat di model"),
            (26, "kolom rp_akhir tanpa tempat di model"),
            (27, "kolom rp_akhir tanpa tempat di model"),
        ],
    },
}


def options(key: str) -> list[str]:
    args = [
        "--region",
        "Kabupaten Sumedang",
        "--agency",
        AGENCIES[key],
        "--agency-short",
        PLANS[key][0],
        "--period",
        "2019-2023",
    ]
    return args + (["--years", YEARS[key]] if YEARS[key] else [])


def import_by_command(key: str, path=None) -> tuple[PlanVersion, str]:
    out = io.StringIO()
    call_command("import", str(path or FIXTURES / "{}.csv".format(key)), *options(key), stdout=out)
    return PlanVersion.objects.order_by("-pk").first(), out.getvalue()


def shape(version: PlanVersion) -> dict:
    return {
        "programs": Program.objects.filter(version=version).count(),
        "activities": Activity.objects.filter(program__version=version).count(),
        "indicators": Indicator.objects.filter(version=version).count(),
        "unplaced": [
            (e["row"], e["reason"].split(";")[0]) for e in version.unplaced_rows if "row" in e
        ],
    }


@pytest.mark.parametrize("key", sorted(PLANS))
def test_each_sumedang_table_imports_through_the_command(db, key):
    version, out = import_by_command(key)
    plan = version.plan
    assert (plan.agency.region.name, plan.agency.region.kind) == ("Kabupaten Sumedang", "kabupaten")
    assert (plan.agency.name, plan.agency.short_name) == (AGENCIES[key], PLANS[key][0])
    assert (plan.period_start, plan.period_end, plan.baseline_year) == (2019, 2023, 2018)
    assert plan.title == "Renstra {} Kabupaten Sumedang 2019-2023".format(PLANS[key][0])
    assert plan.code_scheme == "pmdn90"  # chosen from the codes: most are Permendagri 90/2019
    assert (version.number, version.label, version.status) == (1, "Impor tabel T-C.27", "draft")
    assert version.source == "Tabel T-C.27 dari berkas {}.csv".format(key)
    assert StatusChange.objects.get(version=version).note == "Diimpor dari {}.csv.".format(key)
    assert shape(version) == SHAPES[key]
    lines = out.splitlines()
    assert lines[0] == "Diimpor: {} (id {})".format(version, version.pk)
    unplaced = SHAPES[key]["unplaced"]
    if unplaced:
        assert lines[1].startswith("{} baris sumber disimpan apa adanya".format(len(unplaced)))
        assert [line.split(":")[0].strip() for line in lines[2:]] == [
            "baris {}".format(row) for row, _reason in unplaced
        ]
    else:
        assert lines == lines[:1]


def test_the_years_of_the_columns_place_each_target_and_rp(db):
    version, _out = import_by_command("sumedang_bkpsdm_tc27")
    program = Program.objects.get(version=version, code="5.03.01")
    # y1..y3 are 2021-2023, as the table prints them; 2019 and 2020 stay empty.
    assert {f.year: f.amount for f in program.funding.all()} == {
        2021: 7742388142,
        2022: 8517267832,
        2023: 9175148049,
    }
    first = program.indicators.order_by("order").first()
    assert {t.year: t.raw_text for t in first.targets.all()} == {
        2021: "100%",
        2022: "100 %",
        2023: "100 %",
    }


def test_a_table_needs_its_identity_and_says_which_option_is_missing(db, tmp_path):
    path = FIXTURES / "sumedang_tc27.csv"
    with pytest.raises(CommandError) as refused:
        call_command("import", str(path), "--region", "Sumedang", "--years", "2021,2019x")
    assert str(refused.value).splitlines()[1:] == [
        "sumedang_tc27.csv baris 0 kolom '--years' (nilai '2021,2019x'): Tulis tahun setiap "
        "kolom tahun berurutan dari kolom pertama (y1), dipisah koma, mis. 2021,2022,2023.",
        "sumedang_tc27.csv baris 0 kolom '--region-kind' (nilai ''): Nama Pemda tidak diawali "
        "Provinsi, Kabupaten atau Kota; isi jenis Pemda (provinsi, kabupaten, kota).",
        "sumedang_tc27.csv baris 0 kolom '--agency' (nilai ''): Isi nama Perangkat Daerah seperti "
        "tertulis di dokumennya.",
        "sumedang_tc27.csv baris 0 kolom '--agency-short' (nilai ''): Isi singkatan Perangkat "
        "Daerah, mis. BKPSDM.",
        "sumedang_tc27.csv baris 0 kolom '--period' (nilai ''): Isi periode Renstra, mis. "
        "2019-2023.",
    ]
    assert not PlanVersion.objects.filter(plan__agency__region__name="Sumedang").exists()
    template = tmp_path / "renstra.json"
    template.write_text("{}")
    with pytest.raises(CommandError, match="bukan tabel T-C.27.*hapus opsi --region, --period"):
        call_command("import", str(template), "--region", "Kota X", "--period", "2019-2023")


def test_a_new_draft_of_an_imported_table_takes_its_plan_identity(db):
    first, _out = import_by_command("sumedang_tc27")
    first.status = "submitted"  # not an open draft, which would be refused first
    first.save(update_fields=["status"])
    out = io.StringIO()
    call_command("import", str(FIXTURES / "sumedang_tc27.csv"), revises=first.pk, stdout=out)
    draft = PlanVersion.objects.order_by("-pk").first()
    assert (draft.plan_id, draft.number, draft.revises_id) == (first.plan_id, 2, first.pk)
    assert draft.label == "Impor tabel T-C.27 (versi 2)"
    expected = comparable(export_version(first))
    expected["version"]["label"] = draft.label
    assert comparable(export_version(draft)) == expected
    # The plan's identity is the plan's: options that would change it are refused.
    with pytest.raises(CommandError, match="kolom '--period'.*Draf baru Renstra yang ada"):
        call_command(
            "import", str(FIXTURES / "sumedang_tc27.csv"), "--period", "2020-2024", revises=draft.pk
        )


def test_a_tc27_workbook_imports_as_its_csv(db, tmp_path):
    """The primary table saved as .xlsx (every cell text, as the CSV has it) gives the same
    plan as the CSV; a code Excel turned into a number is an error of that cell."""
    import csv

    with open(FIXTURES / "sumedang_tc27.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    path = tmp_path / "sumedang_tc27.xlsx"
    book.save(path)
    from_csv, _out = import_by_command("sumedang_tc27")
    from_xlsx, _out = import_by_command("sumedang_tc27", path)
    as_csv = comparable(export_version(from_csv))
    as_xlsx = comparable(export_version(from_xlsx))
    assert as_xlsx["version"].pop("source") == "Tabel T-C.27 dari berkas sumedang_tc27.xlsx"
    as_csv["version"].pop("source")
    assert json.dumps(as_xlsx).replace(".xlsx:", ".csv:") == json.dumps(as_csv)

    sheet["B5"] = 5.0101201  # the kode of the first kegiatan, typed as a number
    book.save(path)
    with pytest.raises(CommandError) as refused:
        import_by_command("sumedang_tc27", path)
    [line] = str(refused.value).splitlines()[1:]
    assert line.startswith(
        "sumedang_tc27.xlsx baris 5 kolom 'kode' (nilai '5.0101201'): Kode terbaca sebagai angka"
    )


# --- the import page --------------------------------------------------------------------------


def _form(key: str) -> dict:
    return {
        "pemda": "Kabupaten Sumedang",
        "perangkat_daerah": AGENCIES[key],
        "singkatan": PLANS[key][0],
        "periode": "2019-2023",
        "tahun_kolom": YEARS[key],
        "skema_kode": "",
        "jenis_pemda": "",
        "revisi": "",
    }


def _upload(key: str) -> SimpleUploadedFile:
    data = (FIXTURES / "{}.csv".format(key)).read_bytes()
    return SimpleUploadedFile("{}.csv".format(key), data, "text/csv")


@pytest.mark.parametrize("key", sorted(PLANS))
def test_each_sumedang_table_imports_through_the_page_as_through_the_command(
    client, db, make_user, key
):
    client.force_login(make_user("admin_uji", "admin"))
    response = client.post("/impor/", {"berkas": _upload(key), **_form(key)})
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.get()
    assert job.stage == "done", job.errors
    # Stored by the fields' own names (tc27_options.FIELDS); empty fields are left out.
    assert job.source_fields == {
        "region": "Kabupaten Sumedang",
        "agency": AGENCIES[key],
        "agency_short": PLANS[key][0],
        "period": "2019-2023",
        **({"years": YEARS[key]} if YEARS[key] else {}),
    }
    by_page = job.version
    assert StatusChange.objects.get(version=by_page).changed_by.username == "admin_uji"
    by_command, _out = import_by_command(key)
    assert comparable(export_version(by_page)) == comparable(export_version(by_command))
    html = client.get("/impor/{}/".format(job.pk)).content.decode()
    assert 'id="hasil"' in html
    unplaced = SHAPES[key]["unplaced"]
    if unplaced:
        assert "{} baris sumber disimpan apa adanya".format(len(unplaced)) in html
    else:
        assert 'id="catatan-impor"' not in html


def test_the_page_answers_missing_table_fields_at_once(client, db, make_user):
    client.force_login(make_user("admin_uji", "admin"))
    form = _form("sumedang_tc27") | {"periode": "2023-2019", "singkatan": ""}
    response = client.post("/impor/", {"berkas": _upload("sumedang_tc27"), **form})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Impor sumedang_tc27.csv ditolak: 2 kesalahan" in html
    assert "<td>Singkatan Perangkat Daerah</td><td></td><td>Isi singkatan Perangkat Daerah" in html
    assert "<td>Periode</td><td>2023-2019</td><td>Tahun akhir periode harus sesudah" in html
    assert 'value="Kabupaten Sumedang"' in html  # what was typed is shown again
    assert not ImportJob.objects.exists()


def test_a_planner_brings_in_a_table_of_their_own_agency_only(client, db, make_user, v2):
    client.force_login(make_user("perencana_uji", "planner", v2))  # of BKPSDM Kota Bontang
    form = _form("sumedang_diskominfo_tc27")
    response = client.post("/impor/", {"berkas": _upload("sumedang_diskominfo_tc27"), **form})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert (job.stage, job.version) == ("rejected", None)
    assert [e["reason"] for e in job.errors] == [
        "Anda hanya dapat mengimpor Renstra baru untuk Perangkat Daerah Anda sendiri (Perangkat "
        "Daerah baru: administrator). Untuk merevisi Renstra yang ada, pilih Renstranya."
    ]
    assert not PlanVersion.objects.filter(plan__agency__short_name="Diskominfo").exists()


def test_a_planner_of_bkpsdm_bontang_may_not_bring_in_bkpsdm_sumedang(client, db, make_user, v2):
    """Every Pemda has a BKPSDM: the agency's short name matches, its Pemda does not."""
    client.force_login(make_user("perencana_uji", "planner", v2))  # of BKPSDM Kota Bontang
    form = _form("sumedang_bkpsdm_tc27")
    response = client.post("/impor/", {"berkas": _upload("sumedang_bkpsdm_tc27"), **form})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert (job.stage, job.version) == ("rejected", None), job.errors
    assert [e["reason"] for e in job.errors] == [
        "Anda hanya dapat mengimpor Renstra baru untuk Perangkat Daerah Anda sendiri (Perangkat "
        "Daerah baru: administrator). Untuk merevisi Renstra yang ada, pilih Renstranya."
    ]
    assert not PlanVersion.objects.filter(plan__agency__region__name="Kabupaten Sumedang").exists()
