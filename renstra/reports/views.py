"""Report pages: one table per page with downloads in every format."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from renstra.plans.permissions import version_for
from renstra.render.formats import CONTENT_TYPES, PAPERS, render_table
from renstra.render.registry import TABLES
from renstra.render.renderers.html import render_html_fragment
from renstra.reports.cache import cached_file
from renstra.reports.export import (
    WHOLE_PLAN_FORMATS,
    build_table,
    file_name,
    plan_file_name,
    render_plan,
)


def table_page(request, version_id: int, key: str):
    version = version_for(request, version_id)
    if key not in TABLES:
        raise Http404(_("Tabel tidak dikenal."))
    table = build_table(version, key)
    return render(
        request,
        "reports/table_page.html",
        {
            "version": version,
            "table": table,
            "table_html": render_html_fragment(table),
            "formats": list(CONTENT_TYPES),
            # A table of the plan is signed by the agency's head once the admin sets the block.
            "unsigned": TABLES[key].in_plan_document and not table.signatories,
        },
    )


def table_download(request, version_id: int, key: str, fmt: str):
    version = version_for(request, version_id)
    if key not in TABLES or fmt not in CONTENT_TYPES:
        raise Http404(_("Tabel atau format tidak dikenal."))
    excel, paper = request.GET.get("excel") == "1", _paper(request)

    def build():
        return render_table(build_table(version, key), fmt, excel=excel, paper=paper)

    # Findings and history change with the version's acknowledgments and comments: never cached.
    if not TABLES[key].in_plan_document:
        body = build()
    else:
        body = cached_file(version, ("table", key, fmt, excel, paper), build)
    return _download(body, fmt, file_name(version, key, fmt))


def plan_download(request, version_id: int, fmt: str):
    """The whole plan: one workbook (a sheet per table) or one PDF (cover and every table)."""
    version = version_for(request, version_id)
    if fmt not in WHOLE_PLAN_FORMATS:
        raise Http404(_("Seluruh Renstra tersedia sebagai XLSX atau PDF."))
    paper = _paper(request)
    body = cached_file(
        version, ("plan", fmt, paper), lambda: render_plan(version, fmt, paper=paper)
    )
    return _download(body, fmt, plan_file_name(version, fmt))


def _paper(request) -> str:
    paper = request.GET.get("kertas", "f4")
    if paper not in PAPERS:
        raise Http404(_("Ukuran kertas tidak dikenal; pilih f4 atau a4."))
    return paper


def _download(body: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = 'attachment; filename="{}"'.format(name)
    return response
