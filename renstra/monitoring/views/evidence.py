"""Evidence files: downloaded under their own name by whoever may see the plan, deleted by
the enterer while the figure is open."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.monitoring import services
from renstra.monitoring.models import Evidence
from renstra.plans.permissions import version_for


def _evidence(evidence_id: int) -> Evidence:
    return get_object_or_404(
        Evidence.objects.select_related("realization__indicator"), pk=evidence_id
    )


def evidence_download(request, evidence_id: int):
    evidence = _evidence(evidence_id)
    version_for(request, evidence.realization.indicator.version_id, "monitor")
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Berkas bukti tidak ditemukan di penyimpanan.")) from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def evidence_delete(request, evidence_id: int):
    evidence = _evidence(evidence_id)
    version = version_for(request, evidence.realization.indicator.version_id, "enter")
    entry = evidence.realization
    try:
        services.remove_evidence(evidence, user=request.user)
        messages.success(request, _("Bukti dihapus."))
    except services.EntryRefused as exc:
        messages.error(request, str(exc))
    return redirect("monitoring:indicator", version.pk, entry.year, entry.indicator_id)
