"""The console page of a region and year, and its XLSX and PDF. Signed in only (the login page
otherwise); to anyone who does not oversee the region (a planner, a head, a verifier of
another region) the console does not exist: 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from renstra.console.service import SORTS, default_year, region_console, region_years, sorted_rows
from renstra.console.tables import FORMATS, average_rule, file_name, filled_rule, render_console
from renstra.monitoring.choices import QUARTER_LABELS, QUARTERS
from renstra.plans.models import Region
from renstra.render.formats import CONTENT_TYPES


def _region(request, region_id: int) -> Region:
    region = Region.objects.filter(pk=region_id).first()
    if region is None or not request.user.has_perm("console.view_region", region):
        raise Http404(_("Konsol Pemda ini tidak ditemukan."))
    return region


def _year(request, region: Region) -> tuple[int, list[int]]:
    """The year asked for (?tahun=), one of the years of the region's Renstra; by default the
    latest year with realization."""
    years = region_years(region)
    asked = request.GET.get("tahun", "")
    if not asked:
        return default_year(region, years), years
    if not asked.isdigit() or (years and int(asked) not in years):
        raise Http404(_("Tahun itu di luar periode Renstra Pemda ini."))
    return int(asked), years


def _console(request, region_id: int):
    region = _region(request, region_id)
    year, years = _year(request, region)
    console = region_console(region, year, years=years)
    console.rows, order = sorted_rows(console.rows, request.GET.get("urut", ""))
    return console, order


def _sort_links(console, order: str) -> dict[str, dict]:
    """Per sortable column: the link that sorts by it (descending when it is the order now
    ascending), and the arrow showing the order now."""
    links = {}
    for key in SORTS:
        now = order.lstrip("-") == key
        target = "-" + key if now and not order.startswith("-") else key
        links[key] = {
            "url": "?" + urlencode({"tahun": console.year, "urut": target}),
            "arrow": ("▼" if order.startswith("-") else "▲") if now else "",
        }
    return links


@login_required
def console_page(request, region_id: int):
    console, order = _console(request, region_id)
    query = urlencode({"tahun": console.year, "urut": order})
    links = _sort_links(console, order)
    return render(
        request,
        "console/region.html",
        {
            "console": console,
            "region": console.region,
            "year": console.year,
            "order": order,
            "sort": links,
            "quarters": [(QUARTER_LABELS[q], links["tw{}".format(q)]) for q in QUARTERS],
            "query": query,
            "rules": [filled_rule(), average_rule()],
        },
    )


@login_required
def console_download(request, region_id: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404(_("Konsol tersedia sebagai XLSX atau PDF."))
    console, _order = _console(request, region_id)
    response = HttpResponse(render_console(console, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = 'attachment; filename="{}"'.format(file_name(console, fmt))
    return response
