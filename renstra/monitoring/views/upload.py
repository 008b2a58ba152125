"""The CSV import of realization from the grid's upload form: every row, or none with one
message per bad cell."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.core.errors import ImportRejected
from renstra.monitoring.csv_import import import_file
from renstra.monitoring.evaluation import default_year
from renstra.monitoring.views.common import page_context
from renstra.plans.permissions import version_for


@require_POST
def import_csv(request, version_id: int):
    version = version_for(request, version_id, "enter")
    upload = request.FILES.get("berkas")
    year = request.POST.get("tahun", "")
    if not (year.isdigit() and int(year) in version.plan.target_years):
        year = default_year(version)
    back = reverse("monitoring:entry", args=[version.pk, int(year)])
    if upload is None:
        messages.error(request, _("Pilih berkas CSV."))
        return redirect(back)
    try:
        count = import_file(
            version=version, data=upload.read(), name=upload.name, user=request.user
        )
    except ImportRejected as exc:
        return render(
            request,
            "monitoring/import_errors.html",
            page_context(request, version, default_year(version), errors=exc.errors, back=back),
            status=400,
        )
    messages.success(request, _("{} realisasi diimpor.").format(count))
    return redirect(back)
