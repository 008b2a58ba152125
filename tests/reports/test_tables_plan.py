"""Tabel 5.1, the indicator table of tujuan and sasaran, Tabel 7.1 and T-C.27, checked against
the demo (the seed document) and against small built plans."""

import copy
import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renstra.plans.models import PlanVersion
from renstra.render.renderers import render_csv, render_html
from renstra.render.table import CellKind, Table
from renstra.reports.tables_plan import (
    PLAN_TABLES,
    table_5_1,
    table_7_1,
    table_indicators,
    table_tc27,
)
from tests.checks.builders import YEARS, build_plan, clean_version_data, each_year

VISION_START = "VISI: Menguatkan Bontang sebagai Kota Maritim"
GOAL_1_V1 = (
    "1 Terwujudnya pegawai yang kompeten dan kompetitif untuk menyukseskan pembangunan nasional"
)


def _dicts(table: Table) -> list[dict]:
    """Body rows (the items, not the total rows) as {column key: cell}."""
    keys = [c.key for c in table.columns]
    return [dict(zip(keys, row.cells, strict=True)) for row in table.body_rows]


def _values(table: Table) -> list[dict]:
    return [{k: cell.value for k, cell in row.items()} for row in _dicts(table)]


def _csv(table: Table) -> list[dict]:
    return list(csv.DictReader(io.StringIO(render_csv(table).decode("utf-8"))))


def _row(table: Table, **match) -> dict:
    found = [r for r in _values(table) if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, len(found))
    return found[0]


def _all_tables(version) -> list[Table]:
    return [build(version) for _title, build in PLAN_TABLES.values()]


def assert_well_formed(table: Table) -> None:
    """Header rows cover every column exactly once; body rows have one cell per column; every
    merged cell is followed (down, or right for a total row's label) by exactly its covered
    cells; total rows come after the items."""
    width = len(table.columns)
    carried = [0] * (len(table.header_rows) + 10)
    for index, header_row in enumerate(table.header_rows):
        assert sum(h.colspan for h in header_row) + carried[index] == width, (table.key, index)
        for h in header_row:
            assert h.colspan >= 1 and h.rowspan >= 1
            for below in range(1, h.rowspan):
                carried[index + below] += h.colspan
    assert not any(carried[len(table.header_rows) :]), table.key
    assert len({c.key for c in table.columns}) == width
    for row in table.rows:
        assert len(row.cells) == width, table.key
    totals = [row.total for row in table.rows]
    assert totals == sorted(totals), table.key  # no item after a total row
    right = [
        {c for i, cell in enumerate(row.cells) for c in range(i + 1, i + cell.colspan)}
        for row in table.rows
    ]
    for column in range(width):
        remaining = 0
        for row, covered_right in zip(table.rows, right, strict=True):
            cell = row.cells[column]
            if column in covered_right:
                assert cell.covered and cell.colspan == 1 and not remaining, (table.key, column)
            elif remaining:
                assert cell.covered and cell.rowspan == 1, (table.key, column)
                remaining -= 1
            else:
                assert not cell.covered, (table.key, column)
                remaining = cell.rowspan - 1
        assert remaining == 0, (table.key, column)


def _typed(table: Table) -> None:
    for column, cells in zip(
        table.columns, zip(*(r.cells for r in table.body_rows), strict=True), strict=False
    ):
        for cell in cells:
            assert cell.kind == column.kind
            if cell.value is not None:
                if column.kind == CellKind.MONEY:
                    assert isinstance(cell.value, Decimal)
                else:
                    assert isinstance(cell.value, str)


# --- Tabel 5.1 --------------------------------------------------------------------------------


def test_5_1_of_version_2_has_visi_misi_and_one_row_per_arah_kebijakan(v2):
    table = table_5_1(v2)
    assert table.key == "5.1"
    assert table.title == "Tabel 5.1 Tujuan, Sasaran, Strategi dan Arah Kebijakan"
    assert [c.key for c in table.columns] == [
        "tujuan",
        "sasaran",
        "strategi",
        "arah_kebijakan",
        "program",
    ]
    assert table.preamble[0].startswith(VISION_START)
    assert table.preamble[0].endswith("Lingkungan Hidup untuk Kesejahteraan Masyarakat")
    assert table.preamble[1:] == [
        "MISI I: Menjadikan Kota Bontang sebagai Smart City melalui Peningkatan Kualitas "
        "Sumber Daya Manusia"
    ]
    rows = _values(table)
    assert len(rows) == 11
    assert rows[0]["tujuan"] == "Meningkatnya profesionalitas ASN"
    assert rows[0]["sasaran"] == "Meningkatnya profesionalitas ASN"
    assert rows[0]["strategi"] == "Peningkatan kompetensi ASN"
    assert rows[0]["arah_kebijakan"] == "Pendidikan dan Pelatihan untuk ASN daerah"
    assert rows[-1]["strategi"] == "Peningkatan jiwa korsa anggota KORPRI"
    assert rows[-1]["arah_kebijakan"] == "Penyelenggaraan acara-acara perayaan HUT Korpri"
    assert len({r["strategi"] for r in rows}) == 11
    assert all(r["arah_kebijakan"] for r in rows)
    # One tujuan and one sasaran, merged down over the eleven rows.
    first = table.rows[0].cells
    assert (first[0].rowspan, first[1].rowspan) == (11, 11)
    assert all(r.cells[0].covered and r.cells[1].covered for r in table.rows[1:])
    # Every program of version 2 serves its one sasaran.
    programs = rows[0]["program"].split("; ")
    assert len(programs) == 10
    assert programs[0] == "05 PENINGKATAN KAPASITAS SUMBER DAYA APARATUR"
    assert "16 PENINGKATAN KAPASITAS SUMBER DAYA APARATUR" in programs
    assert first[4].rowspan == 11


def test_5_1_of_version_1_numbers_items_and_keeps_empty_cells(v1):
    table = table_5_1(v1)
    rows = _values(table)
    assert len({r["tujuan"] for r in rows}) == 6
    assert len({r["sasaran"] for r in rows}) == 8
    assert len(rows) == 8
    assert rows[0]["tujuan"] == GOAL_1_V1
    assert rows[0]["sasaran"] == "1.1 Tersedianya sistem perencanaan ASN yang tersistem dengan baik"
    updating = _row(table, strategi="1.2 Pelaksanaan kegiatan updating data kepegawaian")
    assert updating["arah_kebijakan"] is None
    assert updating["sasaran"] == "1.2 Tersedianya naskah kepegawaian yang lengkap dan akurat"
    # Sasaran 4 has neither strategi nor kebijakan in Tabel 5.1.1, only its program.
    facilities = _row(table, sasaran="4 Tersedianya sarana dan prasarana yang memadai")
    assert (facilities["strategi"], facilities["arah_kebijakan"]) == (None, None)
    assert facilities["program"] == "4 Program peningkatan sarana dan prasarana"
    # Program 1 serves sasaran 1.1-1.3 and is printed once over them, as in Tabel 5.1.1.
    assert [r["program"] for r in rows[:3]] == ["1 PROGRAM PEMBINAAN DAN PENGEMBANGAN APARATUR"] * 3
    assert table.rows[0].cells[4].rowspan == 3
    assert table.rows[0].cells[0].rowspan == 3
    # Program 5 (disiplin) is not in Tabel 5.1.1: it serves no sasaran.
    assert not any("DISIPLIN" in (r["program"] or "") for r in rows)
    # The CSV repeats merged values on every row.
    csv_rows = _csv(table)
    assert [r["tujuan"] for r in csv_rows[:3]] == [GOAL_1_V1] * 3
    assert csv_rows[1]["arah_kebijakan"] == ""


def test_5_1_gives_a_goal_without_sasaran_and_a_strategy_without_kebijakan_their_rows(db):
    data = clean_version_data()
    data["goals"].append({"number": "2", "name": "Tujuan tanpa sasaran"})
    data["goals"][0]["objectives"][0]["strategies"].append(
        {"number": "1.1.2", "name": "Strategi tanpa kebijakan"}
    )
    table = table_5_1(build_plan(data, name="Lima"))
    rows = _values(table)
    assert [r["strategi"] for r in rows] == [
        "Peningkatan kompetensi ASN",
        "1.1.2 Strategi tanpa kebijakan",
        None,
    ]
    assert rows[1]["arah_kebijakan"] is None
    assert rows[2] == {
        "tujuan": "2 Tujuan tanpa sasaran",
        "sasaran": None,
        "strategi": None,
        "arah_kebijakan": None,
        "program": None,
    }
    assert rows[0]["program"] == "05 Program peningkatan kapasitas sumber daya aparatur"
    assert table.preamble == ["VISI: Visi", "MISI I: Misi satu"]
    assert_well_formed(table)


# --- Indikator tujuan dan sasaran -------------------------------------------------------------


def test_indicator_table_of_version_2(v2):
    table = table_indicators(v2)
    assert table.key == "indikator"
    assert table.title == "Indikator Tujuan dan Sasaran"
    assert [c.key for c in table.columns] == [
        "no",
        "tujuan",
        "sasaran",
        "indikator",
        "satuan",
        "kondisi_awal",
        "2017",
        "2018",
        "2019",
        "2020",
        "2021",
        "kondisi_akhir",
    ]
    rows = _values(table)
    assert len(rows) == 1
    assert rows[0]["indikator"] == "Indeks profesionalitas ASN"
    assert rows[0]["tujuan"] == "Meningkatnya profesionalitas ASN"
    assert rows[0]["sasaran"] == "Meningkatnya profesionalitas ASN"
    assert rows[0]["no"] == "1"


def test_indicator_table_of_version_1_has_every_sasaran_indicator(v1):
    table = table_indicators(v1)
    rows = _values(table)
    assert len(rows) == 9
    assert len({r["tujuan"] for r in rows}) == 6
    assert len({r["sasaran"] for r in rows}) == 8
    ikm = _row(table, indikator="5.1 Skor IKM")
    assert ikm["tujuan"] == "5 Meningkatnya urusan/informasi kepegawaian"
    assert ikm["sasaran"] == "5 Layanan Kepegawaian"
    assert rows[0]["indikator"] == (
        "1.1.1 Persentase PD yang sudah mengusulkan formasi kebutuhan pegawai"
    )
    assert [r["no"] for r in rows] == [str(n) for n in range(1, 10)]
    # Tujuan 1 spans its four indicator rows, sasaran 1.1 its two.
    assert table.rows[0].cells[1].rowspan == 4
    assert table.rows[0].cells[2].rowspan == 2
    assert table.rows[2].cells[2].rowspan == 1 and not table.rows[2].cells[2].covered
    assert [r["tujuan"] for r in _csv(table)[:4]] == [GOAL_1_V1] * 4


def test_indicator_table_shows_goal_indicators_and_sasaran_without_indicators(db):
    data = clean_version_data()
    data["goals"][0]["indicators"][0]["end_target"] = "85"
    data["goals"][0]["objectives"].append({"number": "1.2", "name": "Sasaran tanpa indikator"})
    table = table_indicators(build_plan(data, name="Indikator"))
    rows = _values(table)
    assert [(r["sasaran"], r["indikator"]) for r in rows] == [
        (None, "Indeks kepuasan layanan"),
        ("1.1 Meningkatnya kompetensi ASN", "Persentase ASN kompeten"),
        ("1.2 Sasaran tanpa indikator", None),
    ]
    goal_row = rows[0]
    assert goal_row["tujuan"] == "1 Meningkatnya kualitas layanan kepegawaian"
    assert goal_row["kondisi_awal"] == "70"
    assert [goal_row[str(y)] for y in YEARS] == ["80"] * 5
    assert goal_row["kondisi_akhir"] == "85"
    assert rows[1]["satuan"] == "%"
    assert rows[1]["kondisi_awal"] == "60 %"
    assert rows[1]["kondisi_akhir"] is None
    assert table.rows[0].cells[1].rowspan == 3
    assert_well_formed(table)


# --- Tabel 7.1 --------------------------------------------------------------------------------


def test_7_1_of_version_2_prints_the_rpjmd_note_instead_of_rows(v2):
    table = table_7_1(v2)
    assert table.key == "7.1"
    assert table.title == "Tabel 7.1 Indikator Kinerja yang Mengacu pada Tujuan dan Sasaran RPJMD"
    assert table.rows == []
    assert table.empty_text == "TUJUAN DAN SARAN TIDAK MASUK DALAM RPJMD"
    # The seed's nine columns: No, Indikator, 2016, 2017..2021, akhir.
    assert len(table.columns) == 9
    assert [h.label for h in table.header_rows[0]] == [
        "No",
        "Indikator",
        "Kondisi Kinerja pada awal periode RPJMD",
        "Target Capaian Setiap Tahun",
        "Kondisi Kinerja pada Akhir Periode RPJMD",
    ]
    assert [h.label for h in table.header_rows[1]] == [
        "Tahun 2016",
        "Tahun 2017",
        "Tahun 2018",
        "Tahun 2019",
        "Tahun 2020",
        "Tahun 2021",
    ]
    html = render_html(table).decode("utf-8")
    assert "TUJUAN DAN SARAN TIDAK MASUK DALAM RPJMD" in html
    assert render_csv(table).decode("utf-8").splitlines() == [
        "no,indikator,kondisi_awal,2017,2018,2019,2020,2021,kondisi_akhir"
    ]


def test_7_1_lists_indicators_of_tujuan_and_sasaran_without_an_rpjmd_note(v1):
    assert v1.rpjmd_note == ""
    table = table_7_1(v1)
    rows = _values(table)
    assert len(rows) == 9
    assert rows[7]["indikator"] == "5.1 Skor IKM"
    assert [r["no"] for r in rows] == [str(n) for n in range(1, 10)]


def test_7_1_targets_of_a_built_plan(db):
    data = clean_version_data()
    table = table_7_1(build_plan(data, name="Tujuh"))
    rows = _values(table)
    assert [r["indikator"] for r in rows] == ["Indeks kepuasan layanan", "Persentase ASN kompeten"]
    assert rows[1]["kondisi_awal"] == "60 %"
    assert [rows[1][str(y)] for y in YEARS] == ["80 %"] * 5


# --- T-C.27 -----------------------------------------------------------------------------------


def test_tc27_columns_and_header(v2):
    table = table_tc27(v2)
    assert table.key == "T-C.27"
    keys = [c.key for c in table.columns]
    assert keys[:7] == [
        "tujuan",
        "sasaran",
        "kode",
        "program_kegiatan",
        "indikator",
        "kelompok_sasaran",
        "kondisi_awal",
    ]
    assert keys[7:17] == [k for y in YEARS for k in ("target_{}".format(y), "rp_{}".format(y))]
    assert keys[17:] == ["target_akhir", "rp_akhir", "unit_kerja", "lokasi"]
    assert len(keys) == 21  # the 20 columns of T-C.27 and the seed's Kelompok Sasaran
    assert [c.kind for c in table.columns if c.key.startswith("rp_")] == [CellKind.MONEY] * 6
    assert table.columns[2].kind == CellKind.CODE
    assert len(table.header_rows) == 3
    assert table.header_rows[0][7].label == "Target Kinerja Program dan Kerangka Pendanaan"
    assert table.header_rows[0][7].colspan == 10
    assert table.header_rows[1][0].label == "Tahun 1 (2017)"
    assert table.header_rows[1][4].label == "Tahun 5 (2021)"
    assert [h.label for h in table.header_rows[2]] == ["Target", "Rp"] * 5
    assert_well_formed(table)


def test_tc27_amounts_and_targets_of_version_2(v2):
    table = table_tc27(v2)
    bantuan = _row(table, kode="16.58")
    assert bantuan["program_kegiatan"] == "Pemberian bantuan tugas belajar dan ikatan dinas"
    assert bantuan["rp_2017"] == Decimal("1047655345")
    assert bantuan["target_2017"] == "27 orang"
    assert bantuan["indikator"] == "Jumlah PNS yang mengikuti program tugas belajar"
    assert bantuan["kelompok_sasaran"] == "PNS Kota Bontang"
    amounts = [bantuan["rp_{}".format(y)] for y in YEARS]
    assert amounts == [
        Decimal("1047655345"),
        Decimal("681809668"),
        Decimal("1314000000"),
        Decimal("782000000"),
        Decimal("1000000000"),
    ]
    assert bantuan["rp_akhir"] == sum(amounts) == Decimal("4825465013")
    # No end target is printed: the last year's target stands for it.
    assert bantuan["target_akhir"] == "15 Orang"
    # The program's row holds what the document declares for it, not a sum of its kegiatan.
    program = _row(table, kode="16")
    assert program["rp_2019"] == Decimal("5078274020")
    assert program["rp_2017"] == Decimal("1047655345")
    assert program["program_kegiatan"] == "PENINGKATAN KAPASITAS SUMBER DAYA APARATUR"
    # An amount the document leaves empty stays empty.
    assert _row(table, kode="05")["rp_2017"] is None
    assert _row(table, kode="05")["rp_2018"] == Decimal("272700000")
    styles = {r.cells[2].value: (r.style, r.level) for r in table.rows}
    assert styles["16"] == ("program", 0)
    assert styles["16.58"] == ("activity", 1)
    # The one tujuan and sasaran of version 2 are merged down over every item's row; the
    # "Jumlah" row follows.
    assert table.rows[0].cells[0].value == "Meningkatnya profesionalitas ASN"
    assert table.rows[0].cells[0].rowspan == len(table.body_rows) == 92
    assert len(table.rows) == 93 and table.rows[-1].total
    assert table.rows[0].cells[1].rowspan == 92
    csv_bantuan = [r for r in _csv(table) if r["kode"] == "16.58"][0]
    assert csv_bantuan["rp_2017"] == "1047655345"
    assert csv_bantuan["tujuan"] == "Meningkatnya profesionalitas ASN"
    _typed(table)


def test_tc27_of_version_1_takes_tujuan_and_sasaran_from_the_first_linked_sasaran(v1):
    table = table_tc27(v1)
    rows = _values(table)
    assert rows[0]["tujuan"] == GOAL_1_V1
    assert rows[0]["sasaran"] == "1.1 Tersedianya sistem perencanaan ASN yang tersistem dengan baik"
    # Program 1 has four indicators: one row each, code and name merged down.
    program_rows = [r for r in table.body_rows if r.style == "program" and r.cells[2].value == "1"]
    assert [r.cells[4].value for r in program_rows] == [
        "Persentase pemenuhan kebutuhan pegawai sesuai formasi",
        "Persentase tingkat pengembangan kompetensi aparatur",
        "Persentase tingkat akurasi database kepegawaian",
        "Persentase penanganan kasus",
    ]
    assert program_rows[0].cells[2].rowspan == 4
    assert program_rows[0].cells[3].rowspan == 4
    assert all(r.cells[3].covered for r in program_rows[1:])
    # Program 5 (disiplin) serves no sasaran: its rows have no tujuan or sasaran.
    discipline = [
        r for r in rows if r["program_kegiatan"] == "PROGRAM PENINGKATAN DISIPLIN APARATUR"
    ]
    assert discipline and discipline[0]["tujuan"] is None and discipline[0]["sasaran"] is None
    assert len({r["tujuan"] for r in rows if r["tujuan"]}) == 6


def test_tc27_puts_an_items_money_on_its_first_row_only(db):
    data = clean_version_data()
    program = data["programs"][0]
    program["unit"] = "Bidang Pengembangan Kompetensi"
    program["indicators"].append(
        {"name": "Persentase ASN terlatih", "end_target": "95 %", "targets": each_year("90 %")}
    )
    program["activities"][0]["location"] = "Kota Uji"
    program["activities"][1]["declared_total"] = "250.000.000"
    table = table_tc27(build_plan(data, name="Dana"))
    rows = table.body_rows
    assert len(rows) == 4
    first, second = rows[0], rows[1]
    keys = [c.key for c in table.columns]
    rp_2017 = keys.index("rp_2017")
    rp_akhir = keys.index("rp_akhir")
    assert first.cells[rp_2017].value == Decimal("100000000")
    assert first.cells[rp_2017].rowspan == 2
    assert second.cells[rp_2017].value is None and second.cells[rp_2017].covered
    assert first.cells[rp_akhir].value == Decimal("500000000")
    assert second.cells[rp_akhir].value is None and second.cells[rp_akhir].covered
    values = _values(table)
    assert values[0]["target_akhir"] == "100 %"  # the last year's target
    assert values[1]["target_akhir"] == "95 %"  # the printed end target
    assert values[0]["unit_kerja"] == values[1]["unit_kerja"] == "Bidang Pengembangan Kompetensi"
    assert values[2]["lokasi"] == "Kota Uji"
    assert values[0]["lokasi"] is None
    # A declared end-of-period total wins over the sum of the yearly amounts (200.000.000).
    assert values[3]["rp_akhir"] == Decimal("250000000")
    assert values[2]["rp_akhir"] == Decimal("300000000")
    assert values[0]["tujuan"] == "1 Meningkatnya kualitas layanan kepegawaian"
    assert values[0]["sasaran"] == "1.1 Meningkatnya kompetensi ASN"
    # CSV: the program's money once, so a column sum counts it once.
    csv_rows = _csv(table)
    assert [r["rp_2017"] for r in csv_rows] == ["100000000", "", "60000000", "40000000"]
    assert [r["kode"] for r in csv_rows] == ["05", "05", "05.01", "05.02"]
    assert_well_formed(table)
    _typed(table)


def test_tc27_without_funding_or_indicators(db):
    data = clean_version_data()
    data["programs"].append({"code": "06", "name": "Program tanpa apa-apa"})
    table = table_tc27(build_plan(data, name="Kosong"))
    empty = _row(table, kode="06")
    assert empty["indikator"] is None
    assert empty["rp_akhir"] is None
    assert all(empty["rp_{}".format(y)] is None for y in YEARS)
    assert empty["tujuan"] is None
    assert_well_formed(table)


# --- every table ------------------------------------------------------------------------------


def test_plan_tables_lists_the_four_definitions_with_their_titles(v2):
    assert list(PLAN_TABLES) == ["5.1", "indikator", "7.1", "T-C.27"]
    for key, (title, build) in PLAN_TABLES.items():
        table = build(v2)
        assert table.key == key
        assert table.title == title
        assert "BKPSDM" in table.subtitle or "Badan Kepegawaian" in table.subtitle


@pytest.mark.parametrize("which", ["v1", "v2"])
def test_every_header_row_spans_every_column(which, request):
    version = request.getfixturevalue(which)
    for table in _all_tables(version):
        assert_well_formed(table)
        _typed(table)


@pytest.mark.parametrize("which", ["v1", "v2"])
def test_every_table_renders_as_csv_and_html(which, request):
    version = request.getfixturevalue(which)
    for table in _all_tables(version):
        lines = render_csv(table).decode("utf-8").splitlines()
        assert lines[0] == ",".join(c.key for c in table.columns)
        # One CSV line per item: total rows are for people (see renstra.render.renderers.csv).
        assert len(list(csv.reader(io.StringIO(render_csv(table).decode("utf-8"))))) == (
            len(table.body_rows) + 1
        )
        excel = render_csv(table, excel=True).decode("utf-8")
        assert excel.startswith("\ufeff" + ";".join(c.key for c in table.columns))
        html = render_html(table).decode("utf-8")
        assert 'data-table="{}"'.format(table.key) in html
        assert html.count("<tr") >= len(table.rows) + len(table.header_rows)
        for line in table.preamble:
            assert line in html
    html_5_1 = render_html(table_5_1(version)).decode("utf-8")
    assert "VISI: Menguatkan Bontang" in html_5_1


def test_html_merges_tc27_cells(v2):
    html = render_html(table_tc27(v2)).decode("utf-8")
    assert '<td class="text" rowspan="92">Meningkatnya profesionalitas ASN</td>' in html
    assert "1.047.655.345" in html


# --- constant number of queries ---------------------------------------------------------------


def _grown(extra: int) -> dict:
    """The clean plan with `extra` more tujuan (each with two sasaran, strategies, kebijakan and
    indicators) and `extra` more programs (each with two indicators and three kegiatan)."""
    data = copy.deepcopy(clean_version_data())
    for g in range(2, 2 + extra):
        objectives = []
        for o in (1, 2):
            objectives.append(
                {
                    "number": "{}.{}".format(g, o),
                    "name": "Sasaran {}.{}".format(g, o),
                    "indicators": [
                        {"name": "Indikator {}.{}.{}".format(g, o, i), "targets": each_year("1")}
                        for i in (1, 2)
                    ],
                    "strategies": [
                        {
                            "name": "Strategi {}.{}.{}".format(g, o, s),
                            "policy_directions": [
                                {"name": "Kebijakan {}".format(p)} for p in (1, 2)
                            ],
                        }
                        for s in (1, 2)
                    ],
                }
            )
        data["goals"].append(
            {
                "number": str(g),
                "name": "Tujuan {}".format(g),
                "indicators": [
                    {"name": "Indikator tujuan {}".format(g), "targets": each_year("2")}
                ],
                "objectives": objectives,
            }
        )
        data["programs"].append(
            {
                "code": "{:02d}".format(10 + g),
                "name": "Program {}".format(g),
                "unit": "Bidang {}".format(g),
                "objectives": ["{}.1".format(g), "{}.2".format(g)],
                "funding": each_year("30.000.000"),
                "indicators": [
                    {"name": "Indikator program {} {}".format(g, i), "targets": each_year("3")}
                    for i in (1, 2)
                ],
                "activities": [
                    {
                        "code": "{:02d}.{:02d}".format(10 + g, a),
                        "name": "Kegiatan {}".format(a),
                        "unit": "Bidang {}".format(g),
                        "location": "Kota Uji",
                        "funding": each_year("10.000.000"),
                        "indicators": [
                            {"name": "Keluaran {}".format(a), "targets": each_year("4 orang")}
                        ],
                    }
                    for a in (1, 2, 3)
                ],
            }
        )
    return data


def _count_queries(version_pk: int, build) -> int:
    version = PlanVersion.objects.get(pk=version_pk)
    with CaptureQueriesContext(connection) as context:
        build(version)
    return len(context.captured_queries)


# Every table reads its version once through the read model: 2 queries for the version with its
# plan, agency, region, RPJMD and missions, 11 for the items (renstra.plans.readmodel).
READ_QUERIES = 13


def test_every_table_reads_a_version_in_a_constant_number_of_queries(db):
    small = build_plan(clean_version_data(), name="Kecil")
    large = build_plan(_grown(4), name="Besar")
    for key, (_title, build) in PLAN_TABLES.items():
        small_count = _count_queries(small.pk, build)
        large_count = _count_queries(large.pk, build)
        assert small_count == large_count, (key, small_count, large_count)
        assert small_count == READ_QUERIES, (key, small_count)
    assert len(table_tc27(large).body_rows) == 3 + 4 * (2 + 3)


def test_the_demo_tables_read_in_few_queries(v1, django_assert_num_queries):
    version = PlanVersion.objects.get(pk=v1.pk)
    with django_assert_num_queries(READ_QUERIES):
        table_tc27(version)
    with django_assert_num_queries(READ_QUERIES):
        table_5_1(version)
    with django_assert_num_queries(READ_QUERIES):
        table_indicators(version)
