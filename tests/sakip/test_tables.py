"""The Renja table (Permendagri 86/2017: Rumusan Rencana Program dan Kegiatan PD tahun berjalan
dan prakiraan maju) and the IKU form, through the report model: read back from XLSX and PDF."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from renstra.plans.models import Funding, Target
from renstra.render.formats import render_table
from renstra.sakip.iku import iku_indicators, save_iku
from renstra.sakip.models import Iku, RenjaFunding, RenjaIndicator
from renstra.sakip.services import create_renja, set_dpa, update_target
from renstra.sakip.tables import iku_table, renja_table


@pytest.fixture
def renja(v2):
    user = get_user_model().objects.create_user("perencana-tabel", password="rahasia-123")
    return create_renja(version=v2, year=2019, user=user)


def _sheet(body: bytes):
    return openpyxl.load_workbook(io.BytesIO(body)).active


def _find(ws, text):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError("{!r} not in the sheet".format(text))


def _values(ws):
    return [cell.value for row in ws.iter_rows() for cell in row if cell.value is not None]


def test_the_renja_table_in_xlsx_has_the_forms_columns_and_the_renstra_values(renja):
    indicator = RenjaIndicator.objects.filter(item__renja=renja).exclude(renstra_target_raw="")[0]
    update_target(indicator=indicator, raw="77 orang", reason="Formasi bertambah")
    funding = RenjaFunding.objects.filter(item__renja=renja, renstra_amount__isnull=False)[0]
    set_dpa(renja=renja, amounts={funding.pk: "1.234.567"})
    ws = _sheet(render_table(renja_table(renja), "xlsx"))
    title = _find(
        ws,
        "RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH TAHUN 2019 DAN PRAKIRAAN MAJU "
        "TAHUN 2020",
    )
    assert title.row == 1
    year_head = _find(ws, "Rencana Tahun 2019")
    forecast_head = _find(ws, "Prakiraan Maju Rencana Tahun 2020")
    merged = {str(r) for r in ws.merged_cells.ranges}
    span = "{}:{}".format(
        year_head.coordinate,
        ws.cell(row=year_head.row, column=year_head.column + 3).coordinate,
    )
    assert span in merged
    assert forecast_head.column == year_head.column + 5
    under = [ws.cell(row=year_head.row + 1, column=c).value for c in range(4, 8)]
    assert under == [
        "Lokasi",
        "Target Capaian Kinerja",
        "Kebutuhan Dana/Pagu Indikatif (Rp)",
        "Sumber Dana",
    ]
    numbers = [ws.cell(row=year_head.row + 2, column=c).value for c in range(1, 11)]
    assert numbers == [str(n) for n in range(1, 11)]
    values = _values(ws)
    # Every pagu of the Renstra's 2019 is a number in the pagu column, and every 2020 amount in
    # the prakiraan maju's.
    pagu_column = [ws.cell(row=r, column=6).value for r in range(year_head.row + 3, ws.max_row + 1)]
    forecast_column = [
        ws.cell(row=r, column=10).value for r in range(year_head.row + 3, ws.max_row + 1)
    ]
    for row in RenjaFunding.objects.filter(item__renja=renja):
        source = Funding.objects.filter(
            **{
                {"program": "program", "kegiatan": "activity", "sub_kegiatan": "sub_activity"}[
                    row.item.source_kind
                ]: row.item.source_id
            },
        )
        this = source.filter(year=2019).first()
        if this is not None and this.amount is not None:
            assert Decimal(str(pagu_column[_row_of(ws, row.item, year_head.row)])) == this.amount
        after = source.filter(year=2020).first()
        if after is not None and after.amount is not None:
            assert (
                Decimal(str(forecast_column[_row_of(ws, row.item, year_head.row)])) == after.amount
            )
    assert "77 orang" in values
    target_2020 = Target.objects.get(indicator_id=indicator.source_indicator_id, year=2020)
    assert target_2020.raw_text in values
    # Catatan penting: the Renstra's target beside a changed one, with the reason; the DPA.
    notes = [v for v in values if isinstance(v, str) and "Target Renstra " in v]
    assert len(notes) == 1
    assert "Target Renstra {}; Formasi bertambah".format(indicator.renstra_target_raw) in notes[0]
    assert any(isinstance(v, str) and "Pagu DPA Rp 1.234.567" in v for v in values)
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 14


def _row_of(ws, item, header_row):
    """The index (in the body's rows) of the first row of `item`: its code and name."""
    for offset, r in enumerate(range(header_row + 3, ws.max_row + 1)):
        code, name = ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value
        if (code or "", name) == (item.code, item.name):
            return offset
    raise AssertionError("{} not in the sheet".format(item))


def test_the_renja_table_in_pdf_is_f4_landscape(renja):
    reader = PdfReader(io.BytesIO(render_table(renja_table(renja), "pdf")))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (330, 215)
    text = reader.pages[0].extract_text()
    assert "Prakiraan Maju" in text and "RENJA BKPSDM" in text


def test_the_iku_form_as_a_table(v2):
    agency = v2.plan.agency
    indicator = iku_indicators(agency)[0]
    save_iku(
        iku=Iku(
            agency=agency,
            indicator=indicator,
            definition="Definisi IKU",
            formula="a / b x 100%",
            data_source="SIMPEG",
        )
    )
    ws = _sheet(render_table(iku_table(agency), "xlsx"))
    header = _find(ws, "Indikator Kinerja Utama")
    row = [ws.cell(row=header.row + 2, column=c).value for c in range(1, 9)]
    assert row[2] == indicator.name
    assert row[4] == "Definisi IKU\nFormula: a / b x 100%"
    assert row[5] == "SIMPEG"
    assert row[7] == "{}-{}".format(v2.plan.period_start, v2.plan.period_end)
