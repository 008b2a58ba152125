"""Table definitions of the plan's cascade and of its whole program (Bab V, VI and VII):

- Tabel 5.1 Tujuan, Sasaran, Strategi dan Arah Kebijakan (T-C.26, with the seed's Program column),
- Indikator Tujuan dan Sasaran (T-C.25, the seed's Bab VI table),
- Tabel 7.1 Indikator Kinerja yang Mengacu pada Tujuan dan Sasaran RPJMD (T-C.28),
- Rencana Program, Kegiatan, Indikator Kinerja, Kelompok Sasaran, dan Pendanaan Indikatif (T-C.27).

Each definition reads its version once, whole, through the read model (renstra.plans.readmodel):
a fixed number of queries whatever its size. It returns one neutral Table
(renstra.render.table). `PLAN_TABLES` lists them for the registry.
"""

from collections.abc import Hashable, Iterator
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from renstra.core.funding import sum_known
from renstra.plans.models import (
    Goal,
    Indicator,
    Objective,
    PlanVersion,
    PolicyDirection,
    Program,
    Strategy,
)
from renstra.plans.rpjmd import rpjmd_for
from renstra.plans.titles import title_block
from renstra.render.table import (
    Cell,
    CellKind,
    Column,
    HeaderCell,
    Row,
    Table,
    merge_down,
    total_row,
)
from renstra.reports.tables import printed_as, read_whole, yearly_totals

TITLE_5_1 = gettext_noop("Tabel 5.1 Tujuan, Sasaran, Strategi dan Arah Kebijakan")
TITLE_INDICATORS = gettext_noop("Indikator Tujuan dan Sasaran")
TITLE_7_1 = gettext_noop("Tabel 7.1 Indikator Kinerja yang Mengacu pada Tujuan dan Sasaran RPJMD")
TITLE_TC27 = gettext_noop(
    "Rencana Program, Kegiatan, Indikator Kinerja, Kelompok Sasaran, dan Pendanaan Indikatif"
)


# --- reads ------------------------------------------------------------------------------------


def _in_document_order(items: list, everything: list) -> list:
    """`items` (a program's sasaran, a sasaran's programs: links, kept in the order they were
    made) in the order of `everything`, the read model's document order."""
    wanted = {item.pk for item in items}
    return [item for item in everything if item.pk in wanted]


# --- shared pieces ----------------------------------------------------------------------------


def _numbered(item) -> str:
    """'1.1 Tersedianya ...': the item's number, when it has one, before its text."""
    return "{} {}".format(item.number or "", item.name).strip()


def _no() -> str:
    """'No' of a row number. Its own context: Django's catalog translates a bare 'No' as 'Tidak'."""
    return pgettext("nomor urut", "No")


def _text(value: str | None) -> str | None:
    return value or None


def _merge_runs(rows: list[Row], column: int, keys: list[Hashable | None]) -> None:
    """Merge one column down over each run of adjacent rows with the same (not None) key.

    The definition puts the same value in every row of a run, so flat formats repeat it.
    """
    start = 0
    while start < len(rows):
        end = start + 1
        if keys[start] is not None:
            while end < len(rows) and keys[end] == keys[start]:
                end += 1
        merge_down(rows[start:end], column)
        start = end


def _goal_indicators(
    goals: list[Goal],
) -> Iterator[tuple[Goal, Objective | None, Indicator | None]]:
    """(goal, objective, indicator) in document order: a goal's own indicators first (without an
    objective), then each objective's. Objectives without indicators, and goals with neither
    indicators nor objectives, yield one entry with indicator None, so nothing is hidden."""
    for goal in goals:
        goal_indicators = goal.indicator_list
        objectives = goal.objective_list
        for indicator in goal_indicators:
            yield goal, None, indicator
        for objective in objectives:
            for indicator in objective.indicator_list or [None]:
                yield goal, objective, indicator
        if not goal_indicators and not objectives:
            yield goal, None, None


def _targets(indicator: Indicator | None) -> dict[int, str]:
    return {t.year: t.raw_text for t in indicator.target_list} if indicator else {}


# --- Tabel 5.1 (T-C.26) -------------------------------------------------------------------------


def _program_label(program: Program) -> str:
    """As Tabel 5.1.1 prints the program where recorded, else its code (or number) and name."""
    wording = printed_as(program, "Tabel 5.1.1")
    if wording != program.name:
        return wording
    return "{} {}".format(program.code or program.number, program.name).strip()


def table_5_1(version: PlanVersion) -> Table:
    """Tabel 5.1: visi and misi above; one row per arah kebijakan (or per strategi without one,
    or per sasaran without strategi), tujuan, sasaran, strategi and programs merged down.
    The program column lists the programs linked to the row's sasaran."""
    read = read_whole(version)
    regional_plan = read.plan.regional_plan
    preamble = []
    if regional_plan is not None:
        preamble.append(_("VISI: {}").format(regional_plan.vision))
    preamble += [
        _("MISI {number}: {text}").format(number=m.number, text=m.text)
        for m in sorted(read.version.missions.all(), key=lambda m: (m.order, m.pk))
    ]
    columns = [
        Column("tujuan", _("Tujuan")),
        Column("sasaran", _("Sasaran")),
        Column("strategi", _("Strategi")),
        Column("arah_kebijakan", _("Arah Kebijakan")),
        Column("program", _("Program")),
    ]
    rows: list[Row] = []
    keys: list[tuple] = []  # (goal pk, objective pk, strategy pk) of each row
    for goal in read.goals:
        objectives = goal.objective_list
        if not objectives:
            rows.append(Row([Cell(_numbered(goal))] + [Cell(None) for _c in range(4)]))
            keys.append((goal.pk, None, None))
            continue
        for objective in objectives:
            serving = _in_document_order(objective.program_list, read.programs)
            programs = "; ".join(_program_label(p) for p in serving) or None
            lines: list[tuple[Strategy | None, PolicyDirection | None]] = []
            for strategy in objective.strategy_list:
                lines += [(strategy, d) for d in strategy.policy_direction_list] or [
                    (strategy, None)
                ]
            for strategy, direction in lines or [(None, None)]:
                rows.append(
                    Row(
                        [
                            Cell(_numbered(goal)),
                            Cell(_numbered(objective)),
                            Cell(_numbered(strategy) if strategy else None),
                            Cell(_numbered(direction) if direction else None),
                            Cell(programs),
                        ]
                    )
                )
                keys.append((goal.pk, objective.pk, strategy.pk if strategy else None))
    _merge_runs(rows, 0, [k[0] for k in keys])
    _merge_runs(rows, 1, [k[:2] if k[1] is not None else None for k in keys])
    _merge_runs(rows, 2, [k if k[2] is not None else None for k in keys])
    # Programs serving several sasaran of one tujuan are printed once over those rows, as the
    # seed's Tabel 5.1.1 does for program 1 and sasaran 1.1 to 1.3.
    _merge_runs(
        rows,
        4,
        [
            (k[0], r.cells[4].value) if r.cells[4].value else None
            for k, r in zip(keys, rows, strict=True)
        ],
    )
    return Table(
        key="5.1",
        title=_(TITLE_5_1),
        subtitle=title_block(read.version),
        columns=columns,
        header_rows=[[HeaderCell(c.label) for c in columns]],
        rows=rows,
        preamble=preamble,
        empty_text=_("Belum ada tujuan dan sasaran."),
    )


# --- Indikator Tujuan dan Sasaran (T-C.25, Bab VI) ---------------------------------------------


def table_indicators(version: PlanVersion) -> Table:
    """One row per indicator of a tujuan or sasaran, targets as printed; tujuan and sasaran
    merged down. A sasaran without indicators keeps its row."""
    read = read_whole(version)
    plan, years = read.plan, read.years
    columns = (
        [
            Column("no", _no(), CellKind.CODE),
            Column("tujuan", _("Tujuan")),
            Column("sasaran", _("Sasaran")),
            Column("indikator", _("Indikator")),
            Column("satuan", _("Satuan")),
            Column("kondisi_awal", _("Kondisi Awal")),
        ]
        + [Column(str(y), str(y)) for y in years]
        + [Column("kondisi_akhir", _("Kondisi Akhir"))]
    )
    header = [
        [
            HeaderCell(_no(), rowspan=2),
            HeaderCell(_("Tujuan"), rowspan=2),
            HeaderCell(_("Sasaran"), rowspan=2),
            HeaderCell(_("Indikator Tujuan/Sasaran"), rowspan=2),
            HeaderCell(_("Satuan"), rowspan=2),
            HeaderCell(_("Kondisi Awal ({})").format(plan.baseline_year), rowspan=2),
            HeaderCell(_("Target Kinerja Tujuan/Sasaran pada Tahun ke-"), colspan=len(years)),
            HeaderCell(_("Kondisi Akhir ({})").format(plan.period_end), rowspan=2),
        ],
        [HeaderCell("{} ({})".format(i, y)) for i, y in enumerate(years, start=1)],
    ]
    rows: list[Row] = []
    goal_keys: list[int] = []
    objective_keys: list[int | None] = []
    entries = _goal_indicators(read.goals)
    for number, (goal, objective, indicator) in enumerate(entries, start=1):
        targets = _targets(indicator)
        rows.append(
            Row(
                [
                    Cell(str(number), CellKind.CODE),
                    Cell(_numbered(goal)),
                    Cell(_numbered(objective) if objective else None),
                    Cell(_numbered(indicator) if indicator else None),
                    Cell(_text(indicator.unit) if indicator else None),
                    Cell(_text(indicator.baseline_raw) if indicator else None),
                ]
                + [Cell(targets.get(y)) for y in years]
                + [Cell(_text(indicator.end_target_raw) if indicator else None)],
                style="indicator" if indicator else "",
            )
        )
        goal_keys.append(goal.pk)
        objective_keys.append(objective.pk if objective else None)
    _merge_runs(rows, 1, goal_keys)
    _merge_runs(rows, 2, objective_keys)
    return Table(
        key="indikator",
        title=_(TITLE_INDICATORS),
        subtitle=title_block(read.version),
        columns=columns,
        header_rows=header,
        rows=rows,
        empty_text=_("Belum ada tujuan dan sasaran."),
    )


# --- Tabel 7.1 (T-C.28) -----------------------------------------------------------------------


def table_7_1(version: PlanVersion) -> Table:
    """Tabel 7.1 (T-C.28): the indicators of the sasaran that support sasaran of the RPJMD,
    under the RPJMD sasaran each supports (Objective.rpjmd_refs, read against the RPJMD in
    force: renstra.plans.rpjmd). A version without such links prints what it states instead
    (its rpjmd_note, as the seed does) or, with no statement either, the indicators of all its
    tujuan and sasaran, as plans made before links were kept were printed; a note under the
    table says which rule made it."""
    read = read_whole(version)
    version, plan, years = read.version, read.plan, read.years
    columns = (
        [
            Column("no", _no(), CellKind.CODE),
            Column("indikator", _("Indikator")),
            Column("kondisi_awal", _("Kondisi Kinerja pada awal periode RPJMD")),
        ]
        + [Column(str(y), str(y)) for y in years]
        + [Column("kondisi_akhir", _("Kondisi Kinerja pada Akhir Periode RPJMD"))]
    )
    header = [
        [
            HeaderCell(_no(), rowspan=2),
            HeaderCell(_("Indikator"), rowspan=2),
            HeaderCell(_("Kondisi Kinerja pada awal periode RPJMD")),
            HeaderCell(_("Target Capaian Setiap Tahun"), colspan=len(years)),
            HeaderCell(_("Kondisi Kinerja pada Akhir Periode RPJMD"), rowspan=2),
        ],
        [HeaderCell(_("Tahun {}").format(y)) for y in [plan.baseline_year, *years]],
    ]
    linked = [o for goal in read.goals for o in goal.objective_list if o.rpjmd_refs]
    rows: list[Row] = []
    notes: list[str] = []

    def indicator_row(number: int, indicator: Indicator) -> Row:
        targets = _targets(indicator)
        return Row(
            [
                Cell(str(number), CellKind.CODE),
                Cell(_numbered(indicator)),
                Cell(_text(indicator.baseline_raw)),
            ]
            + [Cell(targets.get(y)) for y in years]
            + [Cell(_text(indicator.end_target_raw))],
            style="indicator",
        )

    if linked:
        rows = _rows_by_rpjmd_sasaran(version, linked, len(columns), indicator_row)
        notes.append(
            _(
                "Disusun dari sasaran Renstra yang menyebut sasaran RPJMD yang didukungnya; "
                "indikator di bawah setiap sasaran RPJMD adalah indikator sasaran Renstra itu."
            )
        )
    elif not version.rpjmd_note:
        indicators = [
            indicator for _g, _o, indicator in _goal_indicators(read.goals) if indicator is not None
        ]
        rows = [indicator_row(n, indicator) for n, indicator in enumerate(indicators, start=1)]
        if rows:
            notes.append(
                _(
                    "Belum ada sasaran yang menyebut sasaran RPJMD yang didukungnya: tabel memuat "
                    "indikator semua tujuan dan sasaran."
                )
            )
    return Table(
        key="7.1",
        title=_(TITLE_7_1),
        subtitle=title_block(version),
        columns=columns,
        header_rows=header,
        rows=rows,
        notes=notes,
        empty_text=version.rpjmd_note or _("Belum ada indikator tujuan dan sasaran."),
    )


def _rows_by_rpjmd_sasaran(version, linked, width: int, indicator_row) -> list[Row]:
    """A heading row per RPJMD sasaran (in the RPJMD's order, then numbers it does not have),
    each followed by the indicators of the sasaran that support it, numbered through."""
    rpjmd = rpjmd_for(version)
    known = rpjmd.sasaran if rpjmd else {}
    supporters: dict[str, list] = {}
    for objective in linked:
        for ref in objective.rpjmd_refs:
            supporters.setdefault(ref, []).append(objective)
    order = [n for n in known if n in supporters] + [n for n in supporters if n not in known]
    rows: list[Row] = []
    number = 0
    for ref in order:
        target = known.get(ref)
        heading = (
            _("Sasaran RPJMD {}").format(target.label)
            if target
            else _("Sasaran RPJMD {} (tidak ada di RPJMD yang berlaku)").format(ref)
        )
        rows.append(
            Row(
                [Cell(None, CellKind.CODE), Cell(heading, colspan=width - 1)]
                + [Cell(None, covered=True) for _i in range(width - 2)],
                style="program",
            )
        )
        for objective in supporters[ref]:
            for indicator in objective.indicator_list:
                number += 1
                rows.append(indicator_row(number, indicator))
            if not objective.indicator_list:  # said, not left out
                rows.append(
                    Row(
                        [
                            Cell(None, CellKind.CODE),
                            Cell(
                                _("Sasaran {} belum punya indikator").format(_numbered(objective))
                            ),
                        ]
                        + [Cell(None) for _i in range(width - 2)],
                        marks=[_("sasaran tanpa indikator")],
                    )
                )
    return rows


# --- T-C.27 -----------------------------------------------------------------------------------


def _money(value: Decimal | None, first: bool, span: int) -> Cell:
    """A money cell of an item: on its first row only, merged over the item's rows. Later rows
    hold None, so that no sum over a flat format counts the item twice."""
    if first:
        return Cell(value, CellKind.MONEY, rowspan=span)
    return Cell(None, CellKind.MONEY, covered=True)


def _total(item, declared: bool = False) -> Decimal | None:
    """The item's end-of-period Rp: the total the document declares, else the sum of its yearly
    amounts; None when it has no amount at all. When the plan's document declares end-of-period
    totals (`declared`), a blank one stays blank: it is what the document prints."""
    if item.declared_total is not None or declared:
        return item.declared_total
    return sum_known(f.amount for f in item.funding_list)


def _end_total(program, declared: bool) -> Decimal | None:
    """A program's end-of-period Rp as the "Jumlah" counts it: as column 18 prints it, or,
    where it prints none, the sum of its kegiatan's (the rule of program_amounts)."""
    total = _total(program, declared)
    if total is not None:
        return total
    kegiatan = [t for t in (_total(a, declared) for a in program.activity_list) if t is not None]
    return sum(kegiatan, Decimal(0)) if kegiatan else None


def _tc27_total(programs, years: list[int], columns: list[Column], declared: bool) -> Row:
    """The "Jumlah" row of T-C.27: the Rp of each year (as Tabel 6.1 sums them) and of the end
    of the period, over the programs; "Jumlah" over the seven text columns before the years."""
    index = {column.key: i for i, column in enumerate(columns)}
    yearly = yearly_totals(programs, years)
    end = [t for t in (_end_total(p, declared) for p in programs) if t is not None]
    values = {index["rp_{}".format(year)]: yearly[year] for year in years}
    values[index["rp_akhir"]] = sum(end, Decimal(0))
    return total_row(_("Jumlah"), columns, values, label_span=index["kondisi_awal"] + 1)


def _item_rows(item, years: list[int], style: str, level: int, declared: bool = False) -> list[Row]:
    """The rows of one program or kegiatan: one per indicator (one if it has none)."""
    indicators = item.indicator_list or [None]
    span = len(indicators)
    funding = {f.year: f.amount for f in item.funding_list}
    total = _total(item, declared)
    unit = item.unit.name if item.unit_id else None
    location = _text(getattr(item, "location", ""))
    rows = []
    for index, indicator in enumerate(indicators):
        first = index == 0
        targets = _targets(indicator)
        cells = [
            Cell(None),  # tujuan, filled in per run of programs
            Cell(None),  # sasaran
            Cell(_text(item.code or item.number), CellKind.CODE),
            Cell(item.name),
            Cell(_numbered(indicator) if indicator else None),
            Cell(_text(indicator.target_group) if indicator else None),
            Cell(_text(indicator.baseline_raw) if indicator else None),
        ]
        for year in years:
            cells += [Cell(targets.get(year)), _money(funding.get(year), first, span)]
        end = (indicator.end_target_raw if indicator else "") or targets.get(years[-1])
        cells += [
            Cell(_text(end)),
            _money(total, first, span),
            Cell(unit),
            Cell(location),
        ]
        rows.append(Row(cells, style=style, level=level))
    for column in (2, 3, len(rows[0].cells) - 2, len(rows[0].cells) - 1):
        merge_down(rows, column)
    return rows


def table_tc27(version: PlanVersion) -> Table:
    """T-C.27: program rows (their declared funding) followed by their kegiatan, one row per
    indicator; tujuan and sasaran of the program's first linked sasaran merged down."""
    read = read_whole(version)
    years = read.years
    columns = [
        Column("tujuan", _("Tujuan")),
        Column("sasaran", _("Sasaran")),
        Column("kode", _("Kode"), CellKind.CODE),
        Column("program_kegiatan", _("Program dan Kegiatan")),
        Column("indikator", _("Indikator Kinerja")),
        Column("kelompok_sasaran", _("Kelompok Sasaran")),
        Column("kondisi_awal", _("Data Capaian pada Tahun Awal Perencanaan")),
    ]
    for year in years:
        columns += [
            Column("target_{}".format(year), _("Target {}").format(year)),
            Column("rp_{}".format(year), _("Rp {}").format(year), CellKind.MONEY),
        ]
    columns += [
        Column("target_akhir", _("Target Akhir Periode")),
        Column("rp_akhir", _("Rp Akhir Periode"), CellKind.MONEY),
        Column("unit_kerja", _("Unit Kerja PD Penanggung-jawab")),
        Column("lokasi", _("Lokasi")),
    ]
    header = [
        [
            HeaderCell(_("Tujuan"), rowspan=3),
            HeaderCell(_("Sasaran"), rowspan=3),
            HeaderCell(_("Kode"), rowspan=3),
            HeaderCell(_("Program dan Kegiatan"), rowspan=3),
            HeaderCell(
                _("Indikator Kinerja Tujuan, Sasaran, Program (outcome) dan Kegiatan (output)"),
                rowspan=3,
            ),
            HeaderCell(_("Kelompok Sasaran"), rowspan=3),
            HeaderCell(_("Data Capaian pada Tahun Awal Perencanaan"), rowspan=3),
            HeaderCell(_("Target Kinerja Program dan Kerangka Pendanaan"), colspan=2 * len(years)),
            HeaderCell(_("Kondisi Kinerja pada Akhir Periode Renstra PD"), colspan=2),
            HeaderCell(_("Unit Kerja PD Penanggung-jawab"), rowspan=3),
            HeaderCell(_("Lokasi"), rowspan=3),
        ],
        [
            HeaderCell(_("Tahun {n} ({year})").format(n=n, year=year), colspan=2)
            for n, year in enumerate(years, start=1)
        ]
        + [HeaderCell(_("Target"), rowspan=2), HeaderCell(_("Rp"), rowspan=2)],
        [HeaderCell(label) for _y in years for label in (_("Target"), _("Rp"))],
    ]
    rows: list[Row] = []
    objectives: list[Objective | None] = []
    programs = read.programs
    # A document that prints end-of-period totals (T-C.27 column 18) for most of its items
    # declares them; one left blank there stays blank rather than being replaced by a sum (the
    # checker reports it). A document that prints none, or only a few, gets the yearly sums.
    items = [item for p in programs for item in [p, *p.activity_list]]
    declared = sum(1 for item in items if item.declared_total_raw) * 2 > len(items)
    for program in programs:
        # The first linked sasaran in document order: of the first tujuan, then the first sasaran.
        linked = _in_document_order(program.objective_list, read.objectives)
        objective = linked[0] if linked else None
        block = _item_rows(program, years, "program", 0, declared)
        for activity in program.activity_list:
            block += _item_rows(activity, years, "activity", 1, declared)
        for row in block:
            row.cells[0].value = _numbered(objective.goal) if objective else None
            row.cells[1].value = _numbered(objective) if objective else None
        rows += block
        objectives += [objective] * len(block)
    _merge_runs(rows, 0, [o.goal_id if o else None for o in objectives])
    _merge_runs(rows, 1, [o.pk if o else None for o in objectives])
    if programs:
        rows.append(_tc27_total(programs, years, columns, declared))
    return Table(
        key="T-C.27",
        title=_(TITLE_TC27),
        subtitle=title_block(read.version),
        columns=columns,
        header_rows=header,
        rows=rows,
        empty_text=_("Belum ada program."),
    )


PLAN_TABLES = {
    "5.1": (TITLE_5_1, table_5_1),
    "indikator": (TITLE_INDICATORS, table_indicators),
    "7.1": (TITLE_7_1, table_7_1),
    "T-C.27": (TITLE_TC27, table_tc27),
}
