"""The evaluation as data: records for `renstra evaluate` and the API, and the evaluation table
in the layout of Permendagri 86/2017 ("Evaluasi terhadap Hasil Renja/Renstra PD") through the
report table model, so it renders to HTML, CSV, XLSX and PDF like every other table."""

from decimal import Decimal

from django.utils.translation import gettext as _

from renstra.core.achievement import PREDICATE_LABELS, ROLLUP_LABELS, absorption
from renstra.core.funding import sum_known
from renstra.core.numbers import format_id_number
from renstra.core.targets import ParsedTarget, TargetKind
from renstra.monitoring.choices import QUARTERS, YEARLY
from renstra.monitoring.evaluation import BudgetResult, Evaluation, IndicatorResult
from renstra.plans.levels import level_of
from renstra.plans.signature import signatories
from renstra.plans.titles import title_block
from renstra.render.table import (
    Cell,
    CellKind,
    Column,
    HeaderCell,
    Row,
    Signatory,
    Table,
    merge_down,
    total_row,
)


def show(value: ParsedTarget | None) -> str:
    """A parsed value as people read it: its (normalised) text."""
    if value is None:
        return ""
    if value.kind == TargetKind.NIL:
        return "-"
    return value.text


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def predicate_label(predicate) -> str:
    return str(PREDICATE_LABELS[predicate]) if predicate else ""


def evaluation_records(evaluation: Evaluation) -> list[dict]:
    """One JSON-ready object per indicator (the CLI's and the API's shape)."""
    records = []
    for r in evaluation.indicators:
        entry = r.latest_entry
        assignment = r.assignment
        records.append(
            {
                "kode": r.code,
                "indikator": r.indicator.name,
                "indikator_id": r.indicator.pk,
                "tingkat": r.owner_kind,
                "uraian": getattr(r.owner, "name", ""),
                "tahun": r.year,
                "satuan": r.indicator.unit,
                "polaritas": r.indicator.polarity,
                "rekap_triwulan": r.rule.value,
                "target": r.target_raw or None,
                "realisasi_triwulan": {
                    str(q): r.entries[q].raw_text for q in QUARTERS if q in r.entries
                },
                "realisasi_tahunan": r.entries[YEARLY].raw_text if YEARLY in r.entries else None,
                "realisasi": show(r.realized) or None,
                "capaian": _number(r.achievement.value),
                "capaian_keterangan": r.achievement.reason or r.achievement.formula,
                "predikat": predicate_label(r.predicate) or None,
                "proyeksi_akhir_tahun": show(r.projected) or None,
                "capaian_proyeksi": _number(r.projected_achievement.value),
                "berisiko": r.at_risk,
                "realisasi_sd_tahun_ini": show(r.to_date) or None,
                "target_akhir_periode": show(r.end_target) or None,
                "capaian_renstra": _number(r.period.value),
                "status": entry.status if entry else None,
                "uraian_deviasi": entry.deviation_cause if entry else "",
                "tindak_lanjut": entry.follow_up if entry else "",
                "belum_diisi": [str(q) if q else "tahunan" for q in r.missing],
                "unit_kerja": assignment.unit.name if assignment and assignment.unit else "",
                "penanggung_jawab": assignment.person.get_username()
                if assignment and assignment.person
                else "",
                "data_contoh": r.is_example,
            }
        )
    return records


def _k(value) -> Cell:
    return Cell(value or "")


def _money(value: Decimal | None) -> Cell:
    return Cell(value, CellKind.MONEY)


def _pct(value: Decimal | None) -> Cell:
    return Cell(value, CellKind.PERCENT)


def _budget_cells(budget: BudgetResult | None) -> dict[str, Cell]:
    if budget is None:
        return {}
    return {
        "5rp": _money(budget.period_planned),
        "6rp": _money(budget.prior_realized),
        "7rp": _money(budget.planned),
        **{"{}rp".format(7 + q): _money(budget.quarters.get(q)) for q in QUARTERS},
        "12rp": _money(budget.realized),
        "capaianrp": _pct(budget.absorption.value),
        "13rp": _money(budget.to_date_realized),
        "14rp": _pct(budget.period_absorption.value),
    }


def evaluation_table(evaluation: Evaluation) -> Table:
    """Evaluasi terhadap hasil Renstra/Renja PD (Permendagri 86/2017) for one year: columns
    1-15 of the regulation, each of 5-14 split into K (kinerja) and Rp, plus the year's
    achievement (as the 17-column variant prints it), the predicate, and the cause of a
    shortfall with its follow-up."""
    version = evaluation.version
    year = evaluation.year
    pairs = [
        ("5", _("Target Renstra PD pada akhir periode ({})").format(evaluation.years[-1])),
        ("6", _("Realisasi capaian Renstra s.d. Renja tahun lalu ({})").format(year - 1)),
        ("7", _("Target kinerja dan anggaran Renja tahun berjalan ({})").format(year)),
        ("8", _("Realisasi Triwulan I")),
        ("9", _("Realisasi Triwulan II")),
        ("10", _("Realisasi Triwulan III")),
        ("11", _("Realisasi Triwulan IV")),
        ("12", _("Realisasi capaian kinerja dan anggaran Renja ({})").format(year)),
        ("capaian", _("Capaian kinerja dan serapan anggaran Renja ({}) (%)").format(year)),
        ("13", _("Realisasi kinerja dan anggaran Renstra s.d. tahun {}").format(year)),
        (
            "14",
            _("Tingkat capaian kinerja dan realisasi anggaran Renstra s.d. tahun {} (%)").format(
                year
            ),
        ),
    ]
    columns = [
        # "No." (nomor urut): Django's own Indonesian catalog translates the bare word "No" as "Tidak".
        Column("no", _("No."), CellKind.CODE),
        Column("sasaran", _("Sasaran")),
        Column("kode", _("Kode"), CellKind.CODE),
        Column("program_kegiatan", _("Program/Kegiatan")),
        Column("indikator", _("Indikator Kinerja Program (outcome)/Kegiatan (output)")),
    ]
    for key, _label in pairs:
        k_kind = CellKind.PERCENT if key in ("capaian", "14") else CellKind.TEXT
        columns.append(Column("{}k".format(key), "{} K".format(key), k_kind))
        columns.append(
            Column(
                "{}rp".format(key),
                "{} Rp".format(key),
                CellKind.PERCENT if key in ("capaian", "14") else CellKind.MONEY,
            )
        )
    columns += [
        Column("predikat", _("Predikat")),
        Column("unit", _("Unit PD penanggung jawab")),
        Column("deviasi", _("Uraian deviasi")),
        Column("tindak_lanjut", _("Tindak lanjut")),
    ]
    header = [
        [HeaderCell(c.label, rowspan=2) for c in columns[:5]]
        + [HeaderCell(label, colspan=2) for _key, label in pairs]
        + [HeaderCell(c.label, rowspan=2) for c in columns[-4:]],
        [HeaderCell(text) for _pair in pairs for text in ("K", "Rp")],
    ]

    def indicator_row(number, sasaran, code, item_name, result: IndicatorResult | None):
        cells = {
            "no": Cell(number, CellKind.CODE),
            "sasaran": Cell(sasaran),
            "kode": Cell(code, CellKind.CODE),
            "program_kegiatan": Cell(item_name),
        }
        marks = []
        if result is not None:
            entry = result.latest_entry
            cells.update(
                {
                    "indikator": Cell(result.indicator.name),
                    "5k": _k(show(result.end_target)),
                    "6k": _k(show(result.prior)),
                    "7k": _k(result.target_raw),
                    **{
                        "{}k".format(7 + q): _k(result.entries[q].raw_text)
                        for q in QUARTERS
                        if q in result.entries
                    },
                    "12k": _k(show(result.realized)),
                    "capaiank": _pct(result.achievement.value),
                    "13k": _k(show(result.to_date)),
                    "14k": _pct(result.period.value),
                    "predikat": Cell(predicate_label(result.predicate)),
                    "unit": Cell(
                        result.assignment.unit.name
                        if result.assignment and result.assignment.unit
                        else ""
                    ),
                    "deviasi": Cell(entry.deviation_cause if entry else ""),
                    "tindak_lanjut": Cell(entry.follow_up if entry else ""),
                }
            )
            if not result.achievement.computable:
                cells["capaiank"] = Cell(None, CellKind.PERCENT, note=result.achievement.reason)
            if result.needs_explanation:
                marks.append(
                    _("Capaian di bawah kategori Tinggi tanpa uraian deviasi dan tindak lanjut.")
                )
        return cells, marks

    rows: list[Row] = []

    def add(cells: dict[str, Cell], style: str, level: int, marks=None):
        rows.append(
            Row(
                [cells.get(c.key) or Cell(None, c.kind) for c in columns],
                style=style,
                level=level,
                marks=marks or [],
            )
        )

    # The indicators of each item, by the item's level and id.
    by_owner: dict[tuple[object, int], list[IndicatorResult]] = {}
    for result in evaluation.indicators:
        by_owner.setdefault((level_of(result.owner), result.owner.pk), []).append(result)
    number = 0

    def add_item(item, sasaran, budget, style, level):
        nonlocal number
        number += 1
        results = by_owner.get((level_of(item), item.pk)) or [None]
        start = len(rows)
        code = getattr(item, "code", "") or getattr(item, "number", "")
        for result in results:
            cells, marks = indicator_row(str(number), sasaran, code, item.name, result)
            cells.update(_budget_cells(budget))
            add(cells, style, level, marks)
        group = rows[start:]
        if len(group) > 1:
            for index, column in enumerate(columns):
                if column.key in (
                    "no",
                    "sasaran",
                    "kode",
                    "program_kegiatan",
                ) or column.key.endswith("rp"):
                    merge_down(group, index)

    for objective in (o.objective for o in evaluation.objectives):
        if (level_of(objective), objective.pk) in by_owner:
            add_item(objective, objective.name, None, "objective", 0)
    for program in evaluation.programs:
        linked = getattr(program.item, "objective_list", [])
        sasaran = "; ".join(o.name for o in linked)
        add_item(program.item, sasaran, program, "program", 0)
        for activity in program.activities:
            add_item(activity.item, sasaran, activity, "activity", 1)
    average = evaluation.average
    notes = [
        _("Rata-rata capaian kinerja: {} ({}).").format(
            format_id_number(average.value, 2) + "%" if average.value is not None else "-",
            average.rule,
        ),
        _("Predikat kinerja: {}.").format(predicate_label(evaluation.average_predicate) or "-"),
        _(
            "Kolom 12 = triwulan I–IV menurut cara rekap indikator ({}); kolom 13 = 6 + 12 "
            "untuk indikator kumulatif, nilai terakhir untuk indikator stok; kolom 14 = 13 / 5 × "
            "100%."
        ).format("; ".join(str(v) for v in ROLLUP_LABELS.values())),
        _("Waktu berjalan: {}% dari periode Renstra.").format(
            format_id_number(evaluation.elapsed, 2)
        ),
    ]
    if evaluation.year_plan:
        notes.append(
            _(
                "Kolom 7 dan capaian tahun {year} dari {plan}; tanpa Renja, dari target dan "
                "pendanaan Renstra tahun itu."
            ).format(year=year, plan=evaluation.year_plan)
        )
    else:
        notes.append(
            _(
                "Belum ada Renja tahun {}: kolom 7 dari target dan pendanaan Renstra tahun itu."
            ).format(year)
        )
    if evaluation.has_example:
        notes.insert(0, _("DATA CONTOH: realisasi pada tabel ini bukan data sebenarnya."))
    rows += _footer_rows(evaluation, columns)
    keys = [0, 2, 4]  # No., Kode, Indikator: printed again in every part
    index = {c.key: i for i, c in enumerate(columns)}
    return Table(
        key="evaluasi",
        title=_("Evaluasi terhadap Hasil Renstra Perangkat Daerah Tahun {}").format(year),
        subtitle=title_block(version),
        columns=columns,
        header_rows=header,
        rows=rows,
        notes=notes,
        signatories=_signatories(version),
        # F4 landscape holds about 180 digits of 7.5 pt type; the 31 columns need about 420.
        # Three parts of the form's own groups (the plan; the year's quarters; the results),
        # each with No., Kode and Indikator again, keep the type at 6-7.5 pt.
        print_parts=[
            list(range(0, index["8k"])),
            keys + list(range(index["8k"], index["capaiank"])),
            keys + list(range(index["capaiank"], len(columns))),
        ],
    )


def _footer_rows(evaluation: Evaluation, columns: list[Column]) -> list[Row]:
    """The form's footer: "Jumlah" of the programs' rupiah (each program's figures already
    hold its kegiatan), then the average achievement and the predicate."""
    index = {c.key: i for i, c in enumerate(columns)}
    programs = evaluation.programs
    planned = sum_known(p.planned for p in programs)
    realized = sum_known(p.realized for p in programs)
    to_date = sum_known(p.to_date_realized for p in programs)
    period = sum_known(p.period_planned for p in programs)
    money = {
        "5rp": period,
        "6rp": sum_known(p.prior_realized for p in programs),
        "7rp": planned,
        **{"{}rp".format(7 + q): sum_known(p.quarters.get(q) for p in programs) for q in QUARTERS},
        "12rp": realized,
        "capaianrp": absorption(realized, planned).value,
        "13rp": to_date,
        "14rp": absorption(to_date, period).value,
    }
    average = evaluation.average
    label_span = index["5k"]
    rows = [
        total_row(
            _("Jumlah"),
            columns,
            {index[key]: value for key, value in money.items()},
            label_span=label_span,
        ),
        total_row(
            _("Rata-rata capaian kinerja (%)"),
            columns,
            {index["capaiank"]: average.value},
            label_span=label_span,
        ),
    ]
    predicate = total_row(_("Predikat kinerja"), columns, {}, label_span=label_span)
    predicate.cells[index["predikat"]] = Cell(predicate_label(evaluation.average_predicate))
    rows.append(predicate)
    return rows


def _signatories(version) -> list[Signatory]:
    """ "Disusun" by the head of the agency (its signature block, once set) and "Dievaluasi"
    by the head of the region's Bappeda, whose name and NIP are written by hand until the
    region's officials are kept in the system."""
    agency = version.plan.agency
    prepared = signatories(agency, heading=_("Disusun"))
    if not prepared:
        return []
    return [
        *prepared,
        Signatory(
            heading=_("Dievaluasi"),
            place_date=prepared[0].place_date,
            position=_("Kepala Bappeda {}").format(agency.region.name),
            name="(" + "." * 40 + ")",
            nip="." * 30,
        ),
    ]
