"""Tabel 6.2 (indikator kinerja program, kegiatan, kelompok sasaran) as CSV."""

import csv
import io
import re

from renstra.interchange.demo import SOURCE_TEXT
from renstra.render.formats import render_table
from renstra.reports.export import build_table

YEARS = ["2017", "2018", "2019", "2020", "2021"]


def _rows(version):
    body = render_table(build_table(version, "6.2"), "csv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def _squeezed_seed(first: int, last: int) -> str:
    """The seed's lines, with all whitespace removed: PDF extraction split words at random."""
    lines = SOURCE_TEXT.read_text(encoding="utf-8").splitlines()[first - 1 : last]
    return re.sub(r"\s+", "", "".join(lines))


def test_header(v2):
    body = render_table(build_table(v2, "6.2"), "csv").decode("utf-8")
    assert body.splitlines()[0] == "kode,uraian,indikator,kelompok_sasaran,2017,2018,2019,2020,2021"


def test_every_indicator_row_of_the_reviewed_table(v2):
    rows = _rows(v2)
    # 93 indicator rows are printed; program 01 is printed twice with the same indicator.
    assert len(rows) == 92
    assert all(row["indikator"] for row in rows)
    assert sum(1 for row in rows for year in YEARS if row[year]) == 341 - 5


def test_every_indicator_and_target_is_printed_in_the_seed_table(v2):
    seed = _squeezed_seed(2873, 5017)
    for row in _rows(v2):
        assert re.sub(r"\s+", "", row["indikator"]) in seed, row["indikator"]
        for year in YEARS:
            assert re.sub(r"\s+", "", row[year]) in seed, (row["kode"], year, row[year])


def test_targets_sit_in_their_years(v2):
    rows = {(r["kode"], r["indikator"][:25]): r for r in _rows(v2)}
    formal = rows[("05.01", "Jumlah kursus singkat/pel")]
    assert [formal[y] for y in YEARS] == ["", "15 kali", "8 kali", "16 kali", "20 kali"]
    reporting = rows[("06", "Nilai akuntabilitas kiner")]
    assert [reporting[y] for y in YEARS] == ["BB"] * 5
    tugas_belajar = rows[("16.58", "Jumlah PNS yang mengikuti")]
    assert [tugas_belajar[y] for y in YEARS] == [
        "27 orang",
        "25 orang",
        "23 orang",
        "9 Orang",
        "15 Orang",
    ]
    vehicles = rows[("01.06", "Jumlah perizinan kendaraa")]
    assert vehicles["2017"] == "11 unit kendaraan roda dua dan 5 unit kendaraan roda empat"


def test_codes_as_tabel_6_2_prints_them(v2):
    codes = [r["kode"] for r in _rows(v2)]
    # Tabel 6.2 codes every row; it uses 16.61 for two activities, and 17.85 too.
    assert "" not in codes
    rows = _rows(v2)
    assert sorted({r["uraian"] for r in rows if r["kode"] == "16.61"}) == [
        "Diklat akuntansi berbasis akrual",
        "Pendidikan dan pelatihan perhitungan angka kredit JFT",
    ]


def test_version_1_numbers_its_rows_and_groups_activities_under_program_indicators(v1):
    body = render_table(build_table(v1, "6.2"), "csv").decode("utf-8")
    lines = body.splitlines()
    assert lines[0] == "no,uraian,indikator,kelompok_sasaran,2017,2018,2019,2020,2021"
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 94
    first = rows[0]
    assert (first["no"], first["indikator"]) == (
        "1",
        "Persentase pemenuhan kebutuhan pegawai sesuai formasi",
    )
    assert [first[y] for y in YEARS] == ["81 %", "84 %", "87 %", "90 %", "93 %"]
    # Program 1's second indicator follows its first run of six kegiatan, as in the document.
    assert rows[7]["indikator"] == "Persentase tingkat pengembangan kompetensi aparatur"
    assert rows[7]["uraian"] == "PROGRAM PEMBINAAN DAN PENGEMBANGAN APARATUR"
