"""The "Jumlah" rows of Tabel 6.1 and T-C.27, checked against sums computed here straight from
the database, read back from XLSX (openpyxl) and PDF (pypdf); none in the CSV."""

import csv
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from pypdf import PdfReader

from renstra.plans.models import Activity, Funding, Program
from renstra.render.formats import render_table
from renstra.reports.export import build_table
from renstra.reports.tables import table_6_1
from renstra.reports.tables_plan import table_tc27
from tests.checks.builders import YEARS, build_plan, clean_version_data, each_year
from tests.realplans import load_real_plan

ZERO = Decimal(0)


def _amounts(**owner) -> dict[int, Decimal]:
    """{year: amount} of the owner's funding rows that hold an amount."""
    return {f.year: f.amount for f in Funding.objects.filter(**owner) if f.amount is not None}


def expected_yearly(version) -> dict[int, Decimal]:
    """The rule the tables state, computed without the read model: per program and year, the
    amount it declares, or, where it declares none, the sum of its kegiatan."""
    totals = dict.fromkeys(version.plan.target_years, ZERO)
    for program in Program.objects.filter(version=version):
        declared = _amounts(program=program)
        kegiatan: dict[int, Decimal] = {}
        for activity in Activity.objects.filter(program=program):
            for year, amount in _amounts(activity=activity).items():
                kegiatan[year] = kegiatan.get(year, ZERO) + amount
        for year in totals:
            totals[year] += declared.get(year, kegiatan.get(year, ZERO))
    return totals


def _sheet(version, key):
    body = render_table(build_table(version, key), "xlsx")
    return openpyxl.load_workbook(io.BytesIO(body)).active


def _row_of(ws, label: str) -> int:
    rows = [c.row for c in ws["A"] if c.value == label]
    assert len(rows) == 1, (label, rows)
    return rows[0]


def _pdf_text(version, key) -> str:
    body = render_table(build_table(version, key), "pdf")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def _printed(text: str, label: str) -> list[Decimal]:
    """The amounts of the PDF line that starts with `label` and holds only amounts after it."""
    lines = re.findall(r"^{}((?: [\d.]+)+)$".format(re.escape(label)), text, re.MULTILINE)
    assert len(lines) == 1, (label, lines)
    return [Decimal(amount.replace(".", "")) for amount in lines[0].split()]


# --- Tabel 6.1 ----------------------------------------------------------------------------------


def test_6_1_of_version_2_sums_its_programs_per_year_and_over_the_period(v2):
    expected = expected_yearly(v2)
    assert expected[2019] == Decimal("11217712189")  # the seed's programs, added by hand once
    ws = _sheet(v2, "6.1")
    jumlah = _row_of(ws, "Jumlah")
    year_columns = {ws.cell(row=r, column=c).value: c for r in (6, 7) for c in range(3, 8)}
    for year in YEARS:
        cell = ws.cell(row=jumlah, column=year_columns[str(year)])
        assert (cell.value, cell.data_type) == (expected[year], "n"), year
        assert cell.font.bold
    grand = _row_of(ws, "Total 2017–2021")
    assert grand == jumlah + 1
    assert ws.cell(row=grand, column=3).value == sum(expected.values())
    # The items' rows come before: the program rows add up to the same sums.
    program_rows = [r for r in range(8, jumlah) if ws.cell(row=r, column=1).font.bold]
    assert len(program_rows) == Program.objects.filter(version=v2).count()
    for year in YEARS:
        column = year_columns[str(year)]
        printed = [ws.cell(row=r, column=column).value or 0 for r in program_rows]
        assert sum(printed) == expected[year]
    text = _pdf_text(v2, "6.1")
    assert _printed(text, "Jumlah") == [expected[y] for y in YEARS]
    assert _printed(text, "Total 2017–2021") == [sum(expected.values())]


def test_a_program_without_a_declared_amount_counts_its_kegiatan(db):
    data = clean_version_data()
    declared = data["programs"][0]
    declared["funding"] = each_year("150.000.000")  # declares more than its kegiatan (100)
    silent = {
        "code": "06",
        "name": "Program yang tidak menulis totalnya",
        "activities": [
            {"code": "06.01", "name": "Kegiatan A", "funding": each_year("7.000.000")},
            {"code": "06.02", "name": "Kegiatan B", "funding": {2017: "3.000.000"}},
        ],
    }
    data["programs"].append(silent)
    version = build_plan(data, name="Jumlah")
    expected = expected_yearly(version)
    assert expected[2017] == Decimal("160000000") and expected[2018] == Decimal("157000000")
    table = table_6_1(version)
    jumlah, grand = table.rows[-2:]
    assert jumlah.total and grand.total
    assert [c.value for c in jumlah.cells[2:]] == [expected[y] for y in YEARS]
    assert grand.cells[2].value == sum(expected.values())
    # The mismatch stays visible as before: the program's row is marked.
    assert table.rows[0].marks
    tc27 = table_tc27(version)
    total = tc27.rows[-1]
    keys = [c.key for c in tc27.columns]
    assert [total.cells[keys.index("rp_{}".format(y))].value for y in YEARS] == [
        expected[y] for y in YEARS
    ]
    assert total.cells[keys.index("rp_akhir")].value == sum(expected.values())


# --- T-C.27 -------------------------------------------------------------------------------------


def test_tc27_of_version_2_has_its_jumlah_row_of_rp_per_year_and_end_of_period(v2):
    expected = expected_yearly(v2)
    ws = _sheet(v2, "T-C.27")
    jumlah = _row_of(ws, "Jumlah")
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A{0}:G{0}".format(jumlah) in merged
    header = {ws.cell(row=r, column=c).value: c for r in (5, 6) for c in range(1, 22)}
    assert header["Tahun 1 (2017)"] == 8
    for index, year in enumerate(YEARS):
        rp = ws.cell(row=jumlah, column=9 + 2 * index)
        assert (rp.value, rp.data_type) == (expected[year], "n"), year
        assert ws.cell(row=jumlah, column=8 + 2 * index).value is None  # no target total
    end = ws.cell(row=jumlah, column=19)
    assert end.value == sum(expected.values())
    # The end-of-period column read back from the sheet: the programs' own totals.
    programs = [
        r
        for r in range(8, jumlah)
        if ws.cell(row=r, column=4).font.bold and ws.cell(row=r, column=19).value
    ]
    assert sum(ws.cell(row=r, column=19).value for r in programs) == end.value
    text = _pdf_text(v2, "T-C.27")
    assert _printed(text, "Jumlah") == [expected[y] for y in YEARS] + [sum(expected.values())]


def test_tc27_jumlah_of_a_real_plan_counts_the_kegiatan_of_programs_printed_blank(db):
    """shared/real-plans/README.md: two Bappelitbangda programs print no Rp; their kegiatan
    sum to the figures of the source's own check (2021-2023 and akhir)."""
    version = load_real_plan("sumedang_tc27")
    table = table_tc27(version)
    total = table.rows[-1]
    keys = [c.key for c in table.columns]
    values = {k: total.cells[keys.index(k)].value for k in keys if k.startswith("rp_")}
    assert values == {
        "rp_2019": ZERO,
        "rp_2020": ZERO,
        "rp_2021": Decimal("18636115894"),
        "rp_2022": Decimal("26665177960"),
        "rp_2023": Decimal("26457899890"),
        "rp_akhir": Decimal("71759193744"),
    }
    assert values["rp_akhir"] == sum(v for k, v in values.items() if k != "rp_akhir")
    assert expected_yearly(version)[2021] == values["rp_2021"]


# --- where there is no total --------------------------------------------------------------------


@pytest.mark.parametrize("key", ["6.1", "T-C.27"])
def test_the_csv_has_the_items_only(v2, key):
    table = build_table(v2, key)
    rows = list(csv.reader(io.StringIO(render_table(table, "csv").decode("utf-8"))))
    assert len(rows) == len(table.body_rows) + 1 == len(table.rows) - (2 if key == "6.1" else 1) + 1
    assert not any(cell in ("Jumlah", "Total 2017–2021") for row in rows for cell in row)


@pytest.mark.parametrize("key", ["5.1", "indikator", "6.2", "7.1", "temuan"])
def test_forms_without_a_total_row_have_none(v2, key):
    table = build_table(v2, key)
    assert table.rows == table.body_rows
