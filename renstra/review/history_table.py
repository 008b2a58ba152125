"""The change history of a version as a report table (CSV, XLSX, PDF, HTML): every entry of the
history page, all pages of it, worded the same way (the version's creation with its items is
one row)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from renstra.render.table import Cell, Column, HeaderCell, Row, Table
from renstra.review.history import version_history


def history_table(version) -> Table:
    columns = [
        Column("waktu", _("Waktu")),
        Column("oleh", _("Oleh")),
        Column("jalur", _("Jalur")),
        Column("butir", _("Butir")),
        Column("tindakan", _("Tindakan")),
        Column("perubahan", _("Perubahan")),
    ]
    rows = [
        Row(
            [
                # local time, as the page shows it (records are stored in UTC)
                Cell(timezone.localtime(entry.when).strftime("%Y-%m-%d %H:%M:%S")),
                Cell(entry.user),
                Cell(entry.path),
                Cell(entry.item),
                Cell(entry.action),
                Cell(entry.text()),
            ]
        )
        for entry in version_history(version)
    ]
    plan = version.plan
    return Table(
        key="riwayat",
        title=_("Riwayat Perubahan Renstra"),
        subtitle=_("{} — {} (versi {}: {})").format(
            plan.agency.name, plan.period, version.number, version.label
        ),
        columns=columns,
        header_rows=[[HeaderCell(c.label) for c in columns]],
        rows=rows,
    )
