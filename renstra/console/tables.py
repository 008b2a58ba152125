"""The console as report tables (renstra.render.table): the agencies with the region's total, and
the roll-up to the RPJMD's sasaran. One definition each, rendered to XLSX and PDF (F4
landscape) by the renderers every table of the app goes through."""

from decimal import Decimal

from django.utils.translation import gettext as _

from renstra.console.service import AgencyRow, Console
from renstra.monitoring.choices import QUARTER_LABELS, QUARTERS
from renstra.render.renderers.pdf import render_pdf_document
from renstra.render.renderers.xlsx import render_workbook
from renstra.render.table import Cell, CellKind, Column, HeaderCell, Row, Table

FORMATS = ("xlsx", "pdf")


def documents_text(row: AgencyRow) -> str:
    """ "Renja: Final; PK: 2/3 ditandatangani; LKjIP: Draf" (what is not there: belum ada)."""
    d = row.documents
    none = _("belum ada")
    pk = (
        _("{signed}/{units} ditandatangani").format(signed=d.pk_signed, units=d.pk_units)
        if d.pk_units
        else none
    )
    return "; ".join(
        (
            _("Renja: {}").format(d.renja.get_status_display() if d.renja else none),
            _("PK: {}").format(pk),
            _("LKjIP: {}").format(d.lkjip.get_status_display() if d.lkjip else none),
        )
    )


def filled_rule() -> str:
    return _(
        "Realisasi terisi: persentase indikator yang dievaluasi (tujuan sampai kegiatan) yang "
        "sudah mempunyai nilai realisasi untuk triwulan itu, disetujui atau belum; nilai tahunan "
        "(indikator yang dinilai setahun sekali) dihitung pada triwulan IV."
    )


def average_rule() -> str:
    return _(
        "Rata-rata capaian: rata-rata hitung capaian tahun itu dari indikator yang capaiannya "
        "dapat dihitung, masing-masing dibatasi paling tinggi 100%, seperti pada dasbor dan "
        "evaluasi Renstra; baris Pemda merata-ratakan semua indikator semua Perangkat Daerah. "
        "Berisiko: proyeksi capaian akhir tahun di bawah kategori Tinggi (peringatan dini dasbor). "
        "Galat terbuka: temuan pemeriksa bertingkat galat yang belum diakui verifikator."
    )


def version_text(row: AgencyRow) -> str:
    version = row.shown_version
    if row.plan is None:
        return _("Tidak ada Renstra untuk tahun ini")
    if row.version is None:
        return _("Belum ada versi yang ditetapkan ({})").format(row.plan.period)
    return _("Versi {number}: {label} ({period})").format(
        number=version.number, label=version.label, period=row.plan.period
    )


def status_text(row: AgencyRow) -> str:
    version = row.shown_version
    return str(version.get_status_display()) if version else ""


def newer_text(row: AgencyRow) -> str:
    if row.newer is None:
        return ""
    return _("Versi {number}: {status}").format(
        number=row.newer.number, status=row.newer.get_status_display()
    )


def _number(value) -> Cell:
    return Cell(None if value is None else Decimal(value), CellKind.NUMBER)


def _percent(value) -> Cell:
    return Cell(value, CellKind.PERCENT)


def agencies_table(console: Console) -> Table:
    """Konsol Bappeda: one row per agency, the region's line last."""
    quarters = [str(QUARTER_LABELS[q]) for q in QUARTERS]
    columns = [
        Column("no", _("No.")),
        Column("pd", _("Perangkat Daerah")),
        Column("renstra", _("Renstra berlaku")),
        Column("status", _("Status")),
        Column("versi_baru", _("Versi baru dalam proses")),
        Column("galat", _("Galat terbuka"), CellKind.NUMBER),
        *(
            Column("tw{}".format(q), label, CellKind.PERCENT)
            for q, label in zip(QUARTERS, quarters, strict=True)
        ),
        Column("capaian", _("Rata-rata capaian (%)"), CellKind.PERCENT),
        Column("predikat", _("Predikat")),
        Column("berisiko", _("Indikator berisiko"), CellKind.NUMBER),
        Column("dokumen", _("Dokumen SAKIP {}").format(console.year)),
    ]
    header = [
        *(HeaderCell(c.label, rowspan=2) for c in columns[:6]),
        HeaderCell(_("Realisasi terisi {} (% indikator)").format(console.year), colspan=4),
        *(HeaderCell(c.label, rowspan=2) for c in columns[10:]),
    ]
    rows = []
    for number, row in enumerate(console.rows, start=1):
        rows.append(
            Row(
                [
                    Cell(str(number)),
                    Cell("{} — {}".format(row.agency.short_name, row.agency.name)),
                    Cell(version_text(row)),
                    Cell(status_text(row)),
                    Cell(newer_text(row)),
                    _number(row.open_errors),
                    *(_percent(p) for p in row.filled_percent),
                    _percent(row.average),
                    Cell(row.predicate_label),
                    _number(row.at_risk),
                    Cell(documents_text(row)),
                ]
            )
        )
    total = console.total
    rows.append(
        Row(
            [
                Cell(_("Pemda")),
                Cell(
                    _(
                        "{name}: {agencies} Perangkat Daerah, {in_force} dengan Renstra berlaku"
                    ).format(
                        name=console.region.name, agencies=total.agencies, in_force=total.in_force
                    )
                ),
                Cell(""),
                Cell(""),
                Cell(""),
                _number(total.open_errors),
                *(_percent(p) for p in total.filled_percent),
                _percent(total.average.value),
                Cell(total.predicate_label),
                _number(total.at_risk),
                Cell(""),
            ],
            style="total",
            total=True,
        )
    )
    notes = [filled_rule(), average_rule()]
    if console.has_example:
        notes.append(_("Sebagian realisasi adalah data contoh, bukan realisasi sebenarnya."))
    return Table(
        key="konsol",
        title=_("Konsol Bappeda {} Tahun {}").format(console.region.name, console.year),
        subtitle=_("Status dokumen, pemeriksaan dan capaian setiap Perangkat Daerah"),
        columns=columns,
        header_rows=[header, [HeaderCell(label) for label in quarters]],
        rows=rows,
        notes=notes,
        running_title=running_title(console),
    )


def rollup_table(console: Console) -> Table:
    """Capaian per sasaran RPJMD, from the agencies' sasaran that support each."""
    columns = [
        Column("no", _("No.")),
        Column("sasaran_rpjmd", _("Sasaran RPJMD")),
        Column("pd", _("Perangkat Daerah pendukung")),
        Column("jumlah_pd", _("Jumlah PD"), CellKind.NUMBER),
        Column("jumlah_indikator", _("Jumlah indikator sasaran PD"), CellKind.NUMBER),
        Column("dengan_capaian", _("Indikator dengan capaian"), CellKind.NUMBER),
        Column("capaian", _("Rata-rata capaian (%)"), CellKind.PERCENT),
        Column("predikat", _("Predikat")),
    ]
    rollup = console.rollup
    rows = []
    notes = []
    title = _("Capaian per Sasaran RPJMD Tahun {}").format(console.year)
    subtitle = _("Tidak ada RPJMD yang berlaku untuk tahun ini.")
    if rollup is not None:
        plan = rollup.rpjmd.version.plan
        subtitle = _("{title} (versi {number}, {status})").format(
            title=plan.title,
            number=rollup.rpjmd.version.number,
            status=rollup.rpjmd.version.get_status_display(),
        )
        for number, item in enumerate(rollup.rows, start=1):
            rows.append(
                Row(
                    [
                        Cell(str(number)),
                        Cell(item.sasaran.label),
                        Cell(", ".join(a.short_name for a in item.agencies)),
                        _number(len(item.agencies)),
                        _number(item.indicators),
                        _number(item.computable),
                        _percent(item.achievement.value),
                        Cell(item.predicate_label),
                    ]
                )
            )
        notes += [rollup.rule, *rollup.unknown_notes]
    return Table(
        key="sasaran-rpjmd",
        title=title,
        subtitle=subtitle,
        columns=columns,
        header_rows=[[HeaderCell(c.label) for c in columns]],
        rows=rows,
        notes=notes,
        empty_text=_("Tidak ada sasaran RPJMD untuk ditampilkan."),
        running_title=running_title(console),
    )


def running_title(console: Console) -> str:
    return _("KONSOL BAPPEDA {} TAHUN {}").format(console.region.name.upper(), console.year)


def render_console(console: Console, fmt: str) -> bytes:
    """Both tables in one file: a workbook with a sheet each, or one PDF (F4 landscape)."""
    tables = [agencies_table(console), rollup_table(console)]
    if fmt == "xlsx":
        return render_workbook(tables, paper="f4")
    if fmt == "pdf":
        return render_pdf_document(tables, running_title=running_title(console), paper="f4")
    raise ValueError("Konsol tersedia sebagai XLSX atau PDF, bukan '{}'.".format(fmt))


def file_name(console: Console, fmt: str) -> str:
    region = console.region.name.lower().replace(" ", "-")
    return "konsol-{}-{}.{}".format(region, console.year, fmt)
