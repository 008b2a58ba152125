"""Report pages: one table per page with downloads in every format."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from renstra.plans.models import PlanVersion
from renstra.plans.queries import version_with_plan
from renstra.reports.export import CONTENT_TYPES, build_table, file_name, render_table
from renstra.reports.renderers.html import render_html_fragment
from renstra.reports.tables import TABLES


def _version(version_id: int) -> PlanVersion:
    try:
        return version_with_plan(version_id)
    except PlanVersion.DoesNotExist as exc:
        raise Http404("Versi Renstra tidak ditemukan.") from exc


def table_page(request, version_id: int, key: str):
    version = _version(version_id)
    if key not in TABLES:
        raise Http404("Tabel tidak dikenal.")
    table = build_table(version, key)
    return render(
        request,
        "reports/table_page.html",
        {
            "version": version,
            "table": table,
            "table_html": render_html_fragment(table),
            "formats": [f for f in CONTENT_TYPES if f != "html"],
        },
    )


def table_download(request, version_id: int, key: str, fmt: str):
    version = _version(version_id)
    if key not in TABLES or fmt not in CONTENT_TYPES:
        raise Http404("Tabel atau format tidak dikenal.")
    excel = request.GET.get("excel") == "1"
    body = render_table(build_table(version, key), fmt, excel=excel)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = 'attachment; filename="{}"'.format(
        file_name(version, key, fmt)
    )
    return response
