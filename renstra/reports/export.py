"""Build a table for a version and render it in one format; the whole plan at once.
Shared by pages and the CLI."""

from renstra.plans.models import PlanVersion
from renstra.reports.registry import TABLES
from renstra.reports.renderers import render_csv, render_html
from renstra.reports.renderers.pdf import render_pdf, render_pdf_document
from renstra.reports.renderers.xlsx import render_workbook, render_xlsx
from renstra.reports.table import Table

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}
WHOLE_PLAN_FORMATS = ("xlsx", "pdf")
PAPERS = ("f4", "a4")


def running_title(version: PlanVersion) -> str:
    """'RENSTRA BKPSDM KOTA BONTANG 2016-2021 (REVIEW)': printed on top of every page."""
    plan = version.plan
    title = "RENSTRA {} {} {}".format(
        plan.agency.short_name, plan.agency.region.name, plan.period
    ).upper()
    return title + (" (REVIEW)" if version.revises_id else "")


def build_table(version: PlanVersion, key: str) -> Table:
    table = TABLES[key].build(version)
    table.running_title = running_title(version)
    return table


def render_table(table: Table, fmt: str, *, excel: bool = False, paper: str = "f4") -> bytes:
    if fmt == "csv":
        return render_csv(table, excel=excel)
    if fmt == "html":
        return render_html(table)
    if fmt == "xlsx":
        return render_xlsx(table, paper=paper)
    if fmt == "pdf":
        return render_pdf(table, paper=paper)
    raise ValueError(
        "Format '{}' tidak dikenal. Pilih salah satu: {}.".format(fmt, ", ".join(CONTENT_TYPES))
    )


# Reports about the plan rather than tables of it stay out of the whole-plan document.
NOT_PLAN_TABLES = ("temuan", "riwayat")


def plan_tables(version: PlanVersion) -> list[Table]:
    """Every table of the plan document, in document order."""
    return [build_table(version, key) for key in TABLES if key not in NOT_PLAN_TABLES]


def render_plan(version: PlanVersion, fmt: str, *, paper: str = "f4") -> bytes:
    """The whole plan: one workbook with a sheet per table, or one PDF with a cover page."""
    tables = plan_tables(version)
    if fmt == "xlsx":
        return render_workbook(tables, paper=paper)
    if fmt == "pdf":
        plan = version.plan
        cover = [
            "Rencana Strategis {}".format(plan.agency.name),
            "Periode {}".format(plan.period),
            "Versi {}: {}".format(version.number, version.label),
            version.revision_reason,
            "{}".format(plan.agency.region.name),
        ]
        return render_pdf_document(
            tables,
            running_title=running_title(version),
            cover=[line for line in cover if line],
            paper=paper,
        )
    raise ValueError(
        "Seluruh Renstra dapat diekspor sebagai {}, bukan '{}'.".format(
            " atau ".join(WHOLE_PLAN_FORMATS), fmt
        )
    )


def file_name(version: PlanVersion, key: str, fmt: str) -> str:
    agency = version.plan.agency.short_name.lower()
    return "renstra-{}-{}-v{}-tabel-{}.{}".format(
        agency, version.plan.period, version.number, key, fmt
    )


def plan_file_name(version: PlanVersion, fmt: str) -> str:
    agency = version.plan.agency.short_name.lower()
    return "renstra-{}-{}-v{}.{}".format(agency, version.plan.period, version.number, fmt)
