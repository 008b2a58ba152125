"""`renstra nomenclature load FILE --edition NAME`: the 2020 edition from SIMCAN loads whole, a
second load changes nothing, a changed file is applied row by row, a malformed one not at all."""

import io

import pytest
from django.core.management import CommandError, call_command

from renstra.nomenclature.models import Edition, Entry
from tests.nomenclature_data import SIMCAN_2020

HEADER = "code,name,level,jns_pemda,id_hkm\n"
SMALL = HEADER + (
    "5,UNSUR PENUNJANG URUSAN PEMERINTAHAN,urusan,2,90\n"
    "5.03,KEPEGAWAIAN,bidang_urusan,2,90\n"
    "5.03.02,PROGRAM KEPEGAWAIAN DAERAH,program,2,90\n"
    "5.03.02.2.01,Pengadaan dan Informasi Kepegawaian ASN,kegiatan,2,50\n"
)


def load(path, edition="2020") -> str:
    out = io.StringIO()
    call_command("nomenclature", "load", str(path), edition=edition, stdout=out)
    return out.getvalue().strip()


def stored(edition="2020") -> list[tuple]:
    return list(
        Entry.objects.filter(edition__name=edition)
        .order_by("pk")
        .values_list("code", "code_raw", "level", "government_level", "name", "name_raw")
    )


def test_the_2020_edition_loads_6942_codes_and_a_second_load_changes_nothing(db, forget):
    assert load(SIMCAN_2020) == (
        "Edisi 2020 (baru): 6942 kode (6942 ditambah, 0 diubah, 0 tetap, 0 dihapus)."
    )
    edition = Edition.objects.get(name="2020")
    before = (stored(), edition.revision, edition.loaded_at)
    assert len(before[0]) == 6942
    assert (
        load(SIMCAN_2020) == "Edisi 2020: 6942 kode (0 ditambah, 0 diubah, 6942 tetap, 0 dihapus)."
    )
    edition.refresh_from_db()
    assert (stored(), edition.revision, edition.loaded_at) == before
    assert edition.source == "permendagri90_nomenklatur_simcan.csv"


def test_levels_government_levels_and_the_files_caveats(db, forget):
    load(SIMCAN_2020)
    entries = Entry.objects.filter(edition__name="2020")
    counts = {
        level: entries.filter(level=level).count()
        for level in ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")
    }
    assert counts == {
        "urusan": 10,
        "bidang": 99,
        "program": 408,
        "kegiatan": 1073,
        "sub_kegiatan": 5352,
    }
    # A program listed for provinces and for regencies/cities, under two names.
    assert sorted(entries.filter(code="X.XX.01").values_list("government_level", "name")) == [
        (1, "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI"),
        (2, "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH"),
    ]
    # The bidang whose urusan the dump lacks keeps its "?11" prefix.
    assert entries.filter(code="?11.01", level="bidang").exists()
    # Spaces inside a code are left out of the code, kept in the printed code.
    spaced = entries.get(code="4.02.02.2.06.01")
    assert spaced.code_raw == "4.02.02.2.06 .01"
    # Escaped line breaks and footnote marks are left out of the name, kept in the printed name.
    escaped = entries.get(code="5.01.03", government_level=2)
    assert escaped.name == "PROGRAM KOORDINASI DAN SINKRONISASI PERENCANAAN PEMBANGUNAN DAERAH"
    assert escaped.name_raw.endswith("DAERAH\\r\\n")
    aceh = entries.get(code="?11.01")
    assert (aceh.name, aceh.name_raw) == ("KEKHUSUSAN ACEH", "KEKHUSUSAN ACEH******)\\r\\n")
    # Three sub kegiatan stand under two legal bases: both rows are kept.
    assert entries.filter(code="2.12.04.2.01.04").count() == 2


def test_a_changed_file_is_applied_row_by_row(db, forget, tmp_path):
    first = tmp_path / "a.csv"
    first.write_text(SMALL, encoding="utf-8")
    assert (
        load(first, "uji") == "Edisi uji (baru): 4 kode (4 ditambah, 0 diubah, 0 tetap, 0 dihapus)."
    )
    second = tmp_path / "b.csv"
    second.write_text(
        SMALL.replace(
            "Pengadaan dan Informasi Kepegawaian ASN",
            '"Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN"',
        ).replace("5,UNSUR PENUNJANG URUSAN PEMERINTAHAN,urusan,2,90\n", "")
        + "5.03.02.2.02,Mutasi dan Promosi ASN,kegiatan,2,50\n",
        encoding="utf-8",
    )
    assert load(second, "uji") == "Edisi uji: 4 kode (1 ditambah, 1 diubah, 2 tetap, 1 dihapus)."
    assert Edition.objects.get(name="uji").revision == 2
    assert [code for code, *_ in stored("uji")] == [
        "5.03",
        "5.03.02",
        "5.03.02.2.01",
        "5.03.02.2.02",
    ]


def test_a_malformed_file_loads_nothing_and_names_every_bad_row(db, forget, tmp_path):
    bad = tmp_path / "rusak.csv"
    bad.write_text(
        SMALL
        + "5.03.02.2,Kegiatan tanpa nomor,kegiatan,2,50\n"
        + "5.03.02.2.03,,kegiatan,2,50\n"
        + "5.03.02.2.04,Penilaian Kinerja,kegiatan,3,50\n"
        + "5.03.02.2.05,Pengembangan,bidang kegiatan,2,50\n"
        + "5.03.02.2.01,Pengadaan (lagi),kegiatan,2,50\n"
        + "5.03.02.2.06,Nama, dengan koma,kegiatan,2,50\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as refused:
        load(bad, "uji")
    message = str(refused.value)
    assert message.startswith("Pemuatan ditolak: 6 kesalahan. Tidak ada data yang disimpan.")
    for expected in (
        "rusak.csv baris 6 kolom 'code' (nilai '5.03.02.2'): Kode kegiatan terdiri atas 5 bagian "
        "dipisah titik, mis. 1.02.02.2.01.",
        "rusak.csv baris 7 kolom 'name' (nilai ''): Nama kosong; isi nama sesuai nomenklatur.",
        "rusak.csv baris 8 kolom 'jns_pemda' (nilai '3'): Tulis 1 (provinsi) atau 2 "
        "(kabupaten/kota).",
        "rusak.csv baris 9 kolom 'level' (nilai 'bidang kegiatan'): Tingkat tidak dikenal",
        "rusak.csv baris 10 kolom 'code' (nilai '5.03.02.2.01'): Kode ini sudah ada di baris 5",
        "rusak.csv baris 11 kolom '' (nilai '50'): Baris ini punya 6 kolom, judulnya 5",
    ):
        assert expected in message
    assert not Edition.objects.filter(name="uji").exists()
    assert Entry.objects.count() == 0


def test_a_file_without_the_columns_is_refused(db, forget, tmp_path):
    bad = tmp_path / "kolom.csv"
    bad.write_text("kode;uraian\n1.01;PENDIDIKAN\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Kolom level, jns_pemda tidak ada di baris judul"):
        load(bad, "uji")
    assert not Edition.objects.exists()


def test_indonesian_column_names_and_semicolons(db, forget, tmp_path):
    path = tmp_path / "id.csv"
    path.write_text(
        "\ufeffkode;nama;tingkat;pemda\n1;URUSAN WAJIB PELAYANAN DASAR;urusan;kabupaten/kota\n"
        "1.01;PENDIDIKAN;bidang;provinsi\n",
        encoding="utf-8",
    )
    assert (
        load(path, "uji") == "Edisi uji (baru): 2 kode (2 ditambah, 0 diubah, 0 tetap, 0 dihapus)."
    )
    assert sorted(Entry.objects.values_list("code", "government_level", "legal_basis")) == [
        ("1", 2, ""),
        ("1.01", 1, ""),
    ]


def test_list_names_the_editions(db, forget, tmp_path, capsys):
    call_command("nomenclature", "list")
    assert "Belum ada edisi nomenklatur" in capsys.readouterr().out
    path = tmp_path / "kecil.csv"
    path.write_text(SMALL, encoding="utf-8")
    load(path, "uji")
    call_command("nomenclature", "list")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "edisi\tkode\tberkas\tterakhir_dimuat"
    assert lines[1].startswith("uji\t4\tkecil.csv\t")
