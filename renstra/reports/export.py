"""Build a table for a version and render it in one format: shared by pages and the CLI."""

from renstra.plans.models import PlanVersion
from renstra.reports.renderers import render_csv, render_html
from renstra.reports.table import Table
from renstra.reports.tables import TABLES

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


def build_table(version: PlanVersion, key: str) -> Table:
    return TABLES[key].build(version)


def render_table(table: Table, fmt: str, *, excel: bool = False) -> bytes:
    if fmt == "csv":
        return render_csv(table, excel=excel)
    if fmt == "html":
        return render_html(table)
    raise ValueError(
        "Format '{}' tidak dikenal. Pilih salah satu: {}.".format(fmt, ", ".join(CONTENT_TYPES))
    )


def file_name(version: PlanVersion, key: str, fmt: str) -> str:
    agency = version.plan.agency.short_name.lower()
    return "renstra-{}-{}-v{}-tabel-{}.{}".format(
        agency, version.plan.period, version.number, key, fmt
    )
