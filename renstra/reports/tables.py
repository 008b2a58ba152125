"""Table definitions: each turns a plan version into one neutral Table (renstra.render.table).

Every definition reads its version once, whole, through the read model
(renstra.plans.readmodel): a fixed number of queries whatever the plan's size. Registered in
renstra.render.registry.TABLES by renstra.reports.apps.
"""

import contextvars
from contextlib import contextmanager
from decimal import Decimal

from django.utils.translation import gettext as _

from renstra.core.funding import activity_sums
from renstra.core.numbers import format_rupiah
from renstra.plans.funding import funding_by_year, funding_mismatches
from renstra.plans.models import PlanVersion
from renstra.plans.readmodel import VersionRead, read_version
from renstra.plans.titles import title_block
from renstra.render.table import (
    Cell,
    CellKind,
    Column,
    HeaderCell,
    Row,
    Table,
    merge_down,
    merge_right,
    total_row,
)

_shared_reads: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "renstra_shared_reads", default=None
)


@contextmanager
def one_read():
    """Inside the block every table of a version uses one read of it (the whole plan's six
    tables read it once instead of six times). The tables only read what they are given."""
    token = _shared_reads.set({})
    try:
        yield
    finally:
        _shared_reads.reset(token)


def read_whole(version: PlanVersion) -> VersionRead:
    """The whole version with its plan, agency, region, RPJMD and missions, read at once. By id,
    so that a table costs the same queries whatever the caller loaded with the version."""
    shared = _shared_reads.get()
    if shared is None:
        return read_version(version.pk)
    if version.pk not in shared:
        shared[version.pk] = read_version(version.pk)
    return shared[version.pk]


def _first_column(version_programs) -> Column:
    """Tables that number their rows ('No.') instead of coding them keep their own first column."""
    if any(p.code for p in version_programs):
        return Column("kode", _("Kode"), CellKind.CODE)
    return Column("no", _("No."), CellKind.CODE)


def _ident(item, column: Column, where: str = "") -> str:
    if column.key != "kode":
        return item.number
    return printed_as(item, where, "code") if where else item.code


def printed_as(item, where: str, field: str = "name") -> str:
    """The item's code or name as table `where` prints it, when it differs from the main one.

    The demo keeps one item per activity, merged from Tabel 6.1 and Tabel 6.2; where the two
    tables word or code it differently, `other_wordings` records the other table's form, so each
    table can be reproduced as its document printed it.
    """
    for wording in item.other_wordings or []:
        if wording.get("where") == where and wording.get("field", "name") == field:
            return wording["text"]
    return getattr(item, field)


def program_amounts(program, years: list[int]) -> dict[int, Decimal | None]:
    """A program's amount per year as the plan's "Jumlah" counts it: the total the document
    declares for the program in that year (a printed '-' is a declared 0), or, where it declares
    none, the sum of its kegiatan (as real plans leave a program's cells blank and fill its
    kegiatan's); None when neither has an amount. Declared totals that differ from their
    kegiatan are counted as declared: the table prints them, marked, and the checker reports
    them."""
    declared = funding_by_year(program)
    kegiatan = activity_sums(funding_by_year(a) for a in program.activity_list)
    return {
        year: declared[year] if declared.get(year) is not None else kegiatan.get(year)
        for year in years
    }


def yearly_totals(programs, years: list[int]) -> dict[int, Decimal]:
    """The "Jumlah" of each year over the programs (see program_amounts)."""
    totals = dict.fromkeys(years, Decimal(0))
    for program in programs:
        for year, amount in program_amounts(program, years).items():
            if amount is not None:
                totals[year] += amount
    return totals


def table_6_1(version: PlanVersion) -> Table:
    """Tabel 6.1 Pendanaan Indikatif: program rows with their declared totals, then kegiatan;
    a "Jumlah" row per year over the programs and the total of the period below them."""
    read = read_whole(version)
    years, programs = read.years, read.programs
    first = _first_column(programs)
    columns = [first, Column("uraian", _("Rencana Program/Kegiatan"))] + [
        Column(str(y), str(y), CellKind.MONEY) for y in years
    ]
    header = [
        [
            HeaderCell(_("Kode Rekening") if first.key == "kode" else _("No."), rowspan=2),
            HeaderCell(_("Rencana Program/Kegiatan"), rowspan=2),
            HeaderCell(_("Pendanaan Indikatif"), colspan=len(years)),
        ],
        [HeaderCell(str(y)) for y in years],
    ]
    rows: list[Row] = []
    notes: list[str] = []
    for program in programs:
        declared = funding_by_year(program)
        marks = [
            _(
                "Tahun {year}: total program tertulis {stated}, jumlah kegiatan {total} (selisih {diff})."
            ).format(
                year=year,
                stated=format_rupiah(stated) if stated is not None else _("kosong"),
                total=format_rupiah(total),
                diff=format_rupiah((stated or Decimal(0)) - total),
            )
            for year, stated, total in funding_mismatches(program)
        ]
        if marks:
            notes.append("{} {}: {}".format(_ident(program, first), program.name, " ".join(marks)))
        rows.append(
            Row(
                [Cell(_ident(program, first), CellKind.CODE), Cell(program.name)]
                + [Cell(declared.get(y), CellKind.MONEY) for y in years],
                style="program",
                marks=marks,
            )
        )
        for activity in program.activity_list:
            amounts = funding_by_year(activity)
            rows.append(
                Row(
                    [Cell(_ident(activity, first), CellKind.CODE), Cell(activity.name)]
                    + [Cell(amounts.get(y), CellKind.MONEY) for y in years],
                    style="activity",
                    level=1,
                )
            )
    if programs and years:
        totals = yearly_totals(programs, years)
        rows.append(
            total_row(
                _("Jumlah"),
                columns,
                {index: totals[y] for index, y in enumerate(years, start=2)},
                label_span=2,
            )
        )
        grand = total_row(
            _("Total {first}–{last}").format(first=years[0], last=years[-1]),
            columns,
            {2: sum(totals.values(), Decimal(0))},
            label_span=2,
        )
        merge_right(grand, 2, len(years))
        rows.append(grand)
    return Table(
        key="6.1",
        title=_("Tabel 6.1 Pendanaan Indikatif"),
        subtitle=title_block(read.version),
        columns=columns,
        header_rows=header,
        rows=rows,
        notes=notes,
    )


def _indicator_rows(item, indicators, first: Column, years, style: str, level: int) -> list[Row]:
    rows = []
    for indicator in indicators or [None]:
        targets = {t.year: t.raw_text for t in indicator.target_list} if indicator else {}
        rows.append(
            Row(
                [
                    Cell(_ident(item, first, "Tabel 6.2"), CellKind.CODE),
                    Cell(printed_as(item, "Tabel 6.2")),
                    Cell(indicator.name if indicator else None),
                    Cell((indicator.target_group or None) if indicator else None),
                ]
                + [Cell(targets.get(y)) for y in years],
                style=style,
                level=level,
            )
        )
    merge_down(rows, 0)
    merge_down(rows, 1)
    return rows


def table_6_2(version: PlanVersion) -> Table:
    """Tabel 6.2 Indikator Kinerja Program, Kegiatan dan Kelompok Sasaran, targets as printed."""
    read = read_whole(version)
    years, programs = read.years, read.programs
    first = _first_column(programs)
    columns = [
        first,
        Column("uraian", _("Program/Kegiatan")),
        Column("indikator", _("Indikator Program/Kegiatan")),
        Column("kelompok_sasaran", _("Kelompok Sasaran")),
    ] + [Column(str(y), str(y)) for y in years]
    header = [
        [
            HeaderCell(_("Kode Rek") if first.key == "kode" else _("No."), rowspan=2),
            HeaderCell(_("Program/Kegiatan"), rowspan=2),
            HeaderCell(_("Indikator Program/Kegiatan"), rowspan=2),
            HeaderCell(_("Kelompok Sasaran"), rowspan=2),
            HeaderCell(_("Target Capaian"), colspan=len(years)),
        ],
        [HeaderCell(str(y)) for y in years],
    ]
    rows: list[Row] = []
    for program in programs:
        indicators = program.indicator_list
        activities = program.activity_list
        grouped = any(a.program_indicator_id for a in activities)
        if not grouped:
            rows += _indicator_rows(program, indicators, first, years, "program", 0)
            for activity in activities:
                rows += _indicator_rows(
                    activity, activity.indicator_list, first, years, "activity", 1
                )
            continue
        # The document lists each program indicator followed by the activities serving it.
        # The program's code and name are repeated on each of its indicator rows, so that every
        # row of the CSV says which program it belongs to.
        for indicator in indicators:
            rows += _indicator_rows(program, [indicator], first, years, "program", 0)
            for activity in activities:
                if activity.program_indicator_id == indicator.pk:
                    rows += _indicator_rows(
                        activity, activity.indicator_list, first, years, "activity", 1
                    )
        for activity in activities:
            if activity.program_indicator_id is None:
                rows += _indicator_rows(
                    activity, activity.indicator_list, first, years, "activity", 1
                )
    return Table(
        key="6.2",
        title=_("Tabel 6.2 Indikator Kinerja Program, Kegiatan dan Kelompok Sasaran"),
        subtitle=title_block(read.version),
        columns=columns,
        header_rows=header,
        rows=rows,
    )
