"""The primary real plan (Bappelitbangda Sumedang 2019-2023, T-C.27, Permendagri 90/2019 codes)
goes into the system through an import and comes out in Tabel T-C.27 with the same codes,
texts and amounts as its source; and the workbook template carries it unchanged."""

import csv
import io
from decimal import Decimal

from renstra.render.formats import render_table
from renstra.reports.export import build_table
from tests.realplans import FIXTURES, load_real_plan

YEARS = {"y1": 2019, "y2": 2020, "y3": 2021, "y4": 2022, "y5": 2023}


def _amount(text: str):
    text = (text or "").strip()
    return Decimal(text) if text else None


def _source_rows():
    with open(FIXTURES / "sumedang_tc27.csv", encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if r["level"] in ("program", "kegiatan")]


def _exported(version):
    table = build_table(version, "T-C.27")
    text = render_table(table, "csv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _compare(source, exported):
    by_code = {}
    for row in exported:
        by_code.setdefault(row["kode"], []).append(row)
    for row in source:
        printed = by_code.get(row["kode"])
        assert printed, row["kode"]
        first = printed[0]
        assert first["program_kegiatan"] == row["uraian"]
        indicators = [p["indikator"] for p in printed]
        if row["indikator"]:
            assert row["indikator"] in indicators, (row["kode"], row["indikator"])
            line = printed[indicators.index(row["indikator"])]
            for column, year in YEARS.items():
                assert line["target_{}".format(year)] == row["target_{}".format(column)], (
                    row["kode"],
                    year,
                )
        for column, year in YEARS.items():
            assert _amount(first["rp_{}".format(year)]) == _amount(row["rp_{}".format(column)]), (
                row["kode"],
                year,
            )
        assert _amount(first["rp_akhir"]) == _amount(row["rp_akhir"]), row["kode"]


def test_primary_plan_comes_out_in_tc27_as_its_source_prints_it(db):
    version = load_real_plan("sumedang_tc27")
    source = _source_rows()
    assert len(source) == 21
    _compare(source, _exported(version))


def test_primary_plan_through_the_workbook_template_comes_out_the_same(db):
    """Exported to the XLSX template, imported back as a new plan, it still prints its source."""
    from renstra.interchange.jsonio import comparable, export_version
    from renstra.interchange.workbook import export_workbook, import_workbook
    from renstra.plans.models import Plan

    original = load_real_plan("sumedang_tc27")
    workbook = export_workbook(original)
    document = comparable(export_version(original))
    Plan.objects.filter(pk=original.plan_id).delete()  # the import brings the plan in anew
    imported = import_workbook(workbook, filename="sumedang.xlsx")
    assert imported.plan.agency.name.startswith("BADAN PERENCANAAN")
    _compare(_source_rows(), _exported(imported))
    assert comparable(export_version(imported)) == document
