"""Tabel 6.1 as CSV, checked against the source document's own text."""

import csv
import io
import re
from collections import Counter
from decimal import Decimal

from django.core.management import call_command

from renstra.interchange.demo import SOURCE_TEXT
from renstra.render.formats import render_table
from renstra.reports.export import build_table

YEARS = ["2017", "2018", "2019", "2020", "2021"]
AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def _csv_rows(version, key):
    body = render_table(build_table(version, key), "csv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def _seed_lines(first: int, last: int) -> list[str]:
    return SOURCE_TEXT.read_text(encoding="utf-8").splitlines()[first - 1 : last]


def test_header_is_code_description_and_the_five_years(v2):
    body = render_table(build_table(v2, "6.1"), "csv").decode("utf-8")
    assert body.splitlines()[0] == "kode,uraian,2017,2018,2019,2020,2021"


def test_every_amount_of_the_seed_table_appears_exactly_as_often_in_the_csv(v2):
    seed_amounts = Counter(
        Decimal(token.replace(".", "").replace(",", "."))
        for line in _seed_lines(582, 1155)
        for token in AMOUNT.findall(line)
    )
    csv_amounts = Counter(
        Decimal(row[year])
        for row in _csv_rows(v2, "6.1")
        for year in YEARS
        if row[year] not in ("", "0")
    )
    assert csv_amounts == seed_amounts


def test_amounts_sit_in_their_years(v2):
    rows = {(r["kode"], r["uraian"][:30]): r for r in _csv_rows(v2, "6.1")}
    bantuan = rows[("16.58", "Pemberian bantuan tugas belaja")]
    assert [bantuan[y] for y in YEARS] == [
        "1047655345",
        "681809668",
        "1314000000",
        "782000000",
        "1000000000",
    ]
    mutasi = rows[("17.25", "Pengangkatan dan pemindahan pe")]
    assert [mutasi[y] for y in YEARS] == [
        "509920000",
        "394490000",
        "711827200",
        "450000000",
        "450000000",
    ]
    program_16 = rows[("16", "PENINGKATAN KAPASITAS SUMBER D")]
    assert [program_16[y] for y in YEARS] == [
        "1047655345",
        "1300396668",
        "5078274020",
        "6278662000",
        "7565535000",
    ]
    program_48 = rows[("48", "PENINGKATAN KAPASITAS SUMBER D")]
    assert [program_48[y] for y in YEARS] == ["794623000", "0", "0", "0", "0"]


def test_document_errors_are_kept_duplicate_code_and_rows_without_code(v2):
    rows = _csv_rows(v2, "6.1")
    assert [r["uraian"] for r in rows if r["kode"] == "17.85"] == [
        "Seleksi Penerimaan Calon ASN",
        "Monitoring dan evaluasi penilaian kinerja ASN",
    ]
    uncoded = [r["uraian"] for r in rows if r["kode"] == ""]
    assert "Pendidikan dan pelatihan perhitungan angka kredit JFT" in uncoded
    assert "Pelaksanaan Ujian Dinas" in uncoded


def test_program_rows_come_before_their_activities_in_document_order(v2):
    codes = [r["kode"] for r in _csv_rows(v2, "6.1")]
    assert codes[:3] == ["05", "05.01", "05.21"]
    assert codes.index("16") < codes.index("16.01") < codes.index("48") < codes.index("17")


def test_cli_export_writes_the_same_csv(v2, tmp_path):
    target = tmp_path / "t61.csv"
    call_command("export", plan=v2.pk, table="6.1", format="csv", output=str(target))
    assert target.read_bytes() == render_table(build_table(v2, "6.1"), "csv")
