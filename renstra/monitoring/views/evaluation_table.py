"""The evaluation table of a year (Permendagri 86/2017), on the page and as a file in every
format the render layer writes."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.export import evaluation_table
from renstra.monitoring.views.common import page_context, page_year
from renstra.plans.permissions import version_for
from renstra.plans.titles import running_title
from renstra.render.formats import CONTENT_TYPES, PAPERS, render_table
from renstra.render.renderers.html import render_html_fragment


def evaluation_page(request, version_id: int, year: int):
    version = version_for(request, version_id, "monitor")
    year = page_year(version, year)
    table = evaluation_table(evaluate(version, year))
    return render(
        request,
        "monitoring/evaluation.html",
        page_context(
            request,
            version,
            year,
            table=table,
            table_html=render_html_fragment(table),
            formats=list(CONTENT_TYPES),
        ),
    )


def evaluation_download(request, version_id: int, year: int, fmt: str):
    version = version_for(request, version_id, "monitor")
    year = page_year(version, year)
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Format tidak dikenal."))
    paper = request.GET.get("kertas", "f4")
    if paper not in PAPERS:
        raise Http404(_("Ukuran kertas tidak dikenal; pilih f4 atau a4."))
    table = evaluation_table(evaluate(version, year))
    table.running_title = running_title(version)
    body = render_table(table, fmt, excel=request.GET.get("excel") == "1", paper=paper)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = 'attachment; filename="evaluasi-{}-v{}-{}.{}"'.format(
        version.plan.agency.short_name.lower(), version.number, year, fmt
    )
    return response
