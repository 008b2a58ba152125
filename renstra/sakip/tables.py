"""The SAKIP year's tables through the neutral report model (renstra.render.table), so they
render to HTML, CSV, XLSX and PDF like every other table:

- the Renja: Permendagri 86/2017 "Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun
  ... dan Prakiraan Maju Tahun ...";
- the IKU form: sasaran strategis, IKU, definition/formula, data source, responsible unit.

Not entries of renstra.render.registry.TABLES: those are tables of a plan version (built from
a version, listed on its page, printed in the whole-plan document); these are built from a
Renja and from an agency, and are downloaded from their own pages.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from renstra.core.numbers import format_rupiah
from renstra.plans.models import Agency
from renstra.plans.signature import signatories
from renstra.render.table import Cell, CellKind, Column, HeaderCell, Row, Table, merge_down
from renstra.sakip.consistency import RenjaRead, same_target
from renstra.sakip.models import Iku, Renja

RENJA_COLUMNS = [
    Column("kode", "Kode", CellKind.CODE),
    Column("uraian", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan"),
    Column("indikator", "Indikator Kinerja Program/Kegiatan"),
    Column("lokasi", "Lokasi"),
    Column("target", "Target Capaian Kinerja"),
    Column("pagu", "Kebutuhan Dana/Pagu Indikatif (Rp)", CellKind.MONEY),
    Column("sumber_dana", "Sumber Dana"),
    Column("catatan", "Catatan Penting"),
    Column("target_maju", "Target Capaian Kinerja (prakiraan maju)"),
    Column("pagu_maju", "Kebutuhan Dana/Pagu Indikatif (Rp) (prakiraan maju)", CellKind.MONEY),
]
STYLE = {"program": "program", "kegiatan": "activity", "sub_kegiatan": "sub_activity"}
LEVEL = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}


def _notes(item, indicator) -> str:
    """Catatan penting: what changed from the Renstra and why, and the DPA's pagu."""
    notes = []
    funding = item.funding
    if indicator is not None and not same_target(
        indicator.target_raw, indicator.renstra_target_raw
    ):
        notes.append(
            _("Target Renstra {}{}").format(
                indicator.renstra_target_raw or "-",
                "; " + indicator.change_reason if indicator.change_reason else "",
            )
        )
    if funding.pagu != funding.renstra_amount:
        notes.append(
            _("Pagu Renstra Rp {}{}").format(
                format_rupiah(funding.renstra_amount) or "-",
                "; " + funding.change_reason if funding.change_reason else "",
            )
        )
    if funding.dpa_amount is not None:
        notes.append(_("Pagu DPA Rp {}").format(format_rupiah(funding.dpa_amount)))
    return ". ".join(notes)


def renja_table(renja: Renja, read: RenjaRead | None = None) -> Table:
    """The Renja as Permendagri 86/2017 lays it out: a row per indicator of each item (the
    item's code, name, location and money merged down its rows), an item without indicator on
    one row; the prakiraan maju is the Renstra's next year as copied."""
    read = read or RenjaRead(renja)
    year = renja.year
    rows = []
    for item in read.items:
        funding = item.funding
        group = []
        for indicator in item.indicator_list or [None]:
            cells = [
                Cell(item.code, CellKind.CODE),
                Cell(item.name),
                Cell(indicator.name if indicator else ""),
                Cell(item.location),
                Cell(indicator.target_raw if indicator else ""),
                Cell(funding.pagu, CellKind.MONEY),
                Cell(funding.funding_source),
                Cell(_notes(item, indicator) if indicator or not group else ""),
                Cell(indicator.forecast_target_raw if indicator else ""),
                Cell(funding.forecast_amount, CellKind.MONEY),
            ]
            group.append(Row(cells, style=STYLE[item.level], level=LEVEL[item.level]))
        for column in (0, 1, 3, 5, 6, 9):
            merge_down(group, column)
        rows.extend(group)
    header_rows = [
        [
            HeaderCell("Kode", rowspan=2),
            HeaderCell(RENJA_COLUMNS[1].label, rowspan=2),
            HeaderCell(RENJA_COLUMNS[2].label, rowspan=2),
            HeaderCell("Rencana Tahun {}".format(year), colspan=4),
            HeaderCell("Catatan Penting", rowspan=2),
            HeaderCell("Prakiraan Maju Rencana Tahun {}".format(year + 1), colspan=2),
        ],
        [
            HeaderCell("Lokasi"),
            HeaderCell("Target Capaian Kinerja"),
            HeaderCell("Kebutuhan Dana/Pagu Indikatif (Rp)"),
            HeaderCell("Sumber Dana"),
            HeaderCell("Target Capaian Kinerja"),
            HeaderCell("Kebutuhan Dana/Pagu Indikatif (Rp)"),
        ],
    ]
    agency = renja.agency
    return Table(
        key="renja",
        title="Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun {} dan Prakiraan "
        "Maju Tahun {}".format(year, year + 1),
        subtitle="{} — {} ({}, {})".format(
            agency.name, agency.region.name, renja.kind_label, renja.get_status_display()
        ),
        columns=RENJA_COLUMNS,
        header_rows=header_rows,
        rows=rows,
        running_title="RENJA {} {} {}".format(agency.short_name, agency.region.name, year).upper(),
        signatories=signatories(agency),
        empty_text=_("Renja ini tidak memuat program."),
    )


IKU_COLUMNS = [
    Column("no", "No", CellKind.NUMBER),
    Column("sasaran", "Sasaran Strategis"),
    Column("iku", "Indikator Kinerja Utama"),
    Column("satuan", "Satuan"),
    Column("definisi", "Definisi Operasional/Formulasi"),
    Column("sumber_data", "Sumber Data"),
    Column("penanggung_jawab", "Penanggung Jawab"),
    Column("tahun", "Tahun Berlaku"),
]


def agency_ikus(agency: Agency) -> list[Iku]:
    return list(Iku.objects.filter(agency=agency).select_related("unit"))


def iku_table(agency: Agency, ikus: list[Iku] | None = None) -> Table:
    """The IKU form of the agency, one row per IKU."""
    ikus = agency_ikus(agency) if ikus is None else ikus
    rows = []
    for number, iku in enumerate(ikus, start=1):
        definition = iku.definition + (
            "\n" + _("Formula: {}").format(iku.formula) if iku.formula else ""
        )
        rows.append(
            Row(
                [
                    Cell(Decimal(number), CellKind.NUMBER),
                    Cell(iku.objective),
                    Cell(iku.name + (" (IKU Pemda)" if iku.scope == "pemda" else "")),
                    Cell(iku.measure_unit),
                    Cell(definition),
                    Cell(iku.data_source),
                    Cell(iku.unit.name if iku.unit else ""),
                    Cell("{}-{}".format(iku.year_start, iku.year_end)),
                ]
            )
        )
    return Table(
        key="iku",
        title="Indikator Kinerja Utama (IKU) {}".format(agency.name),
        subtitle=agency.region.name,
        columns=IKU_COLUMNS,
        header_rows=[[HeaderCell(column.label) for column in IKU_COLUMNS]],
        rows=rows,
        running_title="IKU {} {}".format(agency.short_name, agency.region.name).upper(),
        signatories=signatories(agency),
        empty_text=_("Belum ada IKU yang ditetapkan."),
    )
