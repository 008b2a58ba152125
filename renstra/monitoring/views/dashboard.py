"""The dashboard of a year: the charts and the indicators at risk, on the page and as a PDF."""

from django.http import HttpResponse
from django.shortcuts import render

from renstra.monitoring import dashboard as dashboard_charts
from renstra.monitoring.evaluation import evaluate
from renstra.monitoring.export import predicate_label
from renstra.monitoring.views.common import page_context, page_year
from renstra.plans.permissions import version_for


def dashboard_page(request, version_id: int, year: int):
    version = version_for(request, version_id, "monitor")
    year = page_year(version, year)
    evaluation = evaluate(version, year)
    charts = dashboard_charts.charts(evaluation)
    charts["years"] = dashboard_charts.years_chart(version)
    return render(
        request,
        "monitoring/dashboard.html",
        page_context(
            request,
            version,
            year,
            evaluation=evaluation,
            charts=charts,
            at_risk=evaluation.at_risk[:25],
            average=evaluation.average,
            average_predicate=predicate_label(evaluation.average_predicate),
        ),
    )


def dashboard_pdf(request, version_id: int, year: int):
    version = version_for(request, version_id, "monitor")
    year = page_year(version, year)
    body = dashboard_charts.render_pdf(evaluate(version, year))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="dasbor-{}-v{}-{}.pdf"'.format(
        version.plan.agency.short_name.lower(), version.number, year
    )
    return response
