"""The change history of a version as a report table (CSV, XLSX, PDF, HTML)."""

from renstra.reports.table import Cell, Column, HeaderCell, Row, Table
from renstra.review.history import version_history


def history_table(version) -> Table:
    columns = [
        Column("waktu", "Waktu"),
        Column("oleh", "Oleh"),
        Column("jalur", "Jalur"),
        Column("butir", "Butir"),
        Column("tindakan", "Tindakan"),
        Column("perubahan", "Perubahan"),
    ]
    rows = [
        Row(
            [
                Cell(entry.when.strftime("%Y-%m-%d %H:%M:%S")),
                Cell(entry.user),
                Cell(entry.path),
                Cell(entry.item),
                Cell(entry.action),
                Cell(
                    "; ".join(
                        "{}: {} → {}".format(f, old or "(kosong)", new or "(kosong)")
                        for f, old, new in entry.changes
                    )
                ),
            ]
        )
        for entry in version_history(version)
    ]
    plan = version.plan
    return Table(
        key="riwayat",
        title="Riwayat Perubahan Renstra",
        subtitle="{} — {} (versi {}: {})".format(
            plan.agency.name, plan.period, version.number, version.label
        ),
        columns=columns,
        header_rows=[[HeaderCell(c.label) for c in columns]],
        rows=rows,
    )
