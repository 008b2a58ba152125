"""Build a table for a version and render it in one format; the whole plan at once.
Shared by pages, the export jobs and the CLI. A table is built as printed: with the running
title, and, for the tables of the plan document, the signature block of the agency's head once
it is set.

The whole plan reports its progress to an optional `progress(done, total, label)` callback: the
steps done so far, how many there are (one per table, one for writing the file: plan_steps())
and, in the active language, what it is doing now. The export jobs
(renstra.reports.tasks) show it on the job's page."""

from collections.abc import Callable

from django.utils.translation import gettext as _

from renstra.core.collector import collector_paused
from renstra.plans.models import PlanVersion
from renstra.plans.signature import signatories
from renstra.plans.titles import running_title
from renstra.render.registry import TABLES
from renstra.render.renderers.pdf import render_pdf_document
from renstra.render.renderers.xlsx import render_workbook
from renstra.render.table import Signatory, Table
from renstra.reports.tables import one_read

WHOLE_PLAN_FORMATS = ("xlsx", "pdf")
# progress(steps done, steps in all, what is being done now)
Progress = Callable[[int, int, str], None]


def build_table(
    version: PlanVersion, key: str, *, signed_by: list[Signatory] | None = None
) -> Table:
    """`version` as version_with_plan loads it (plan, agency and region at hand). `signed_by`:
    the signatories when the caller has them already (the whole plan looks them up once)."""
    definition = TABLES[key]
    table = definition.build(version)
    table.running_title = running_title(version)
    # The findings and the history are reports about the plan, not the plan: nobody signs them.
    if definition.in_plan_document:
        people = signatories(version.plan.agency) if signed_by is None else signed_by
        table.signatories = list(people)
    return table


def plan_keys() -> list[str]:
    """The keys of the tables of the plan document, in document order."""
    return [key for key, table in TABLES.items() if table.in_plan_document]


def plan_steps() -> int:
    """How many steps render_plan reports: one per table, one for writing the file."""
    return len(plan_keys()) + 1


def plan_tables(version: PlanVersion, *, progress: Progress | None = None) -> list[Table]:
    """Every table of the plan document, in document order (reports about the plan, such as
    the findings and the history, stay out). `progress(done, total, label)` is called before
    each table is built (total: the number of tables)."""
    people = signatories(version.plan.agency)
    keys = plan_keys()
    tables = []
    # The read and the tables are a few hundred thousand objects that live until the file is
    # written: the collector would walk them over and over (renstra.core.collector).
    with collector_paused(), one_read():
        for done, key in enumerate(keys):
            if progress is not None:
                progress(done, len(keys), _("menyusun {}").format(TABLES[key].title))
            tables.append(build_table(version, key, signed_by=people))
    return tables


def render_plan(
    version: PlanVersion, fmt: str, *, paper: str = "f4", progress: Progress | None = None
) -> bytes:
    """The whole plan: one workbook with a sheet per table, or one PDF with a cover page.
    `progress(done, total, label)` is called before each table and before the file is written
    (total: plan_steps())."""
    if fmt not in WHOLE_PLAN_FORMATS:
        raise ValueError(
            "Seluruh Renstra dapat diekspor sebagai {}, bukan '{}'.".format(
                " atau ".join(WHOLE_PLAN_FORMATS), fmt
            )
        )
    total = plan_steps()

    def step(done: int, label: str) -> None:
        if progress is not None:
            progress(done, total, label)

    tables = plan_tables(version, progress=lambda done, _count, label: step(done, label))
    if fmt == "xlsx":
        step(total - 1, _("menulis berkas Excel"))
        return render_workbook(tables, paper=paper)
    step(total - 1, _("menulis berkas PDF"))
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


def file_name(version: PlanVersion, key: str, fmt: str) -> str:
    agency = version.plan.agency.short_name.lower()
    return "renstra-{}-{}-v{}-tabel-{}.{}".format(
        agency, version.plan.period, version.number, key, fmt
    )


def plan_file_name(version: PlanVersion, fmt: str) -> str:
    agency = version.plan.agency.short_name.lower()
    return "renstra-{}-{}-v{}.{}".format(agency, version.plan.period, version.number, fmt)
