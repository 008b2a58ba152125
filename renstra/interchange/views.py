"""Pages for moving plans in and out: the workbook template, a version as JSON, IATI or a
filled workbook, and the import of a workbook or JSON document with every error listed."""

import csv
import io
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from renstra.accounts.models import Membership
from renstra.accounts.rules import is_admin
from renstra.core.errors import CellError, ImportRejected
from renstra.interchange.iati import export_iati
from renstra.interchange.jsonio import dumps_version, import_version, loads_document
from renstra.interchange.workbook import (
    export_workbook,
    import_reading,
    read_workbook,
    template_workbook,
)
from renstra.plans.models import PlanVersion
from renstra.plans.permissions import version_for

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = 'attachment; filename="{}"'.format(name)
    return response


def template_download(request):
    return _attachment(template_workbook(), XLSX, "templat-renstra.xlsx")


def _name(version: PlanVersion, suffix: str) -> str:
    return "renstra-{}-v{}.{}".format(
        version.plan.agency.short_name.lower().replace(" ", "-"), version.number, suffix
    )


def version_json(request, version_id: int):
    version = version_for(request, version_id)
    # Monitoring and review comments are internal: only readers who may see them get them.
    sections = None if request.user.has_perm("monitoring.view", version) else ()
    body = dumps_version(version, sections).encode("utf-8")
    return _attachment(body, "application/json; charset=utf-8", _name(version, "json"))


def version_iati(request, version_id: int):
    version = version_for(request, version_id)
    actuals = request.user.has_perm("monitoring.view", version)
    return _attachment(
        export_iati(version, actuals=actuals), "application/xml", _name(version, "iati.xml")
    )


def version_workbook(request, version_id: int):
    version = version_for(request, version_id)
    return _attachment(export_workbook(version), XLSX, _name(version, "xlsx"))


def _revisable(user) -> list[PlanVersion]:
    """The latest version of each plan the user may revise (start a new draft of)."""
    latest = {}
    for version in PlanVersion.objects.select_related("plan__agency__region").order_by(
        "plan_id", "-number"
    ):
        latest.setdefault(version.plan_id, version)
    return [v for v in latest.values() if user.has_perm("plans.review_version", v)]


def _agency_allowed(user, document) -> bool:
    """May the user bring in a new plan of the agency the document names? Administrators may
    bring in any agency; planners and heads their own."""
    if is_admin(user):
        return True
    agency = document.get("agency") if isinstance(document, dict) else None
    if not isinstance(agency, dict):
        return False
    names = {
        str(agency.get("name") or "").strip().lower(),
        str(agency.get("short_name") or "").strip().lower(),
    }
    memberships = Membership.objects.filter(user=user, role__in=("planner", "head")).select_related(
        "agency"
    )
    return any(
        m.agency and (m.agency.name.lower() in names or m.agency.short_name.lower() in names)
        for m in memberships
    )


def _errors_csv(errors: list[CellError]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["lembar_atau_berkas", "baris", "kolom", "nilai", "alasan"])
    for e in errors:
        writer.writerow([e.source, e.row, e.column, e.value, e.reason])
    return "data:text/csv;charset=utf-8," + quote("\ufeff" + out.getvalue())


@login_required
def import_page(request):
    choices = _revisable(request.user)
    context = {"choices": choices, "max_mb": MAX_UPLOAD_BYTES // 1024 // 1024}
    if request.method != "POST":
        return render(request, "interchange/import.html", context)
    upload = request.FILES.get("berkas")
    errors: list[CellError] = []
    plan = None
    revises = request.POST.get("revisi", "")
    if revises:
        chosen = next((v for v in choices if str(v.pk) == revises), None)
        if chosen is None:
            errors.append(
                CellError("", 0, "", revises, _("Renstra yang dipilih tidak dapat Anda revisi."))
            )
        else:
            plan = chosen.plan
    if upload is None:
        errors.append(
            CellError("", 0, "", "", _("Pilih berkas .xlsx (templat Renstra) atau .json."))
        )
    elif upload.size > MAX_UPLOAD_BYTES:
        errors.append(
            CellError(
                upload.name, 0, "", "", _("Berkas lebih dari {} MB.").format(context["max_mb"])
            )
        )
    elif not upload.name.lower().endswith((".xlsx", ".json")):
        errors.append(
            CellError(upload.name, 0, "", "", _("Berkas harus .xlsx (templat Renstra) atau .json."))
        )
    if not errors:
        try:
            version = _import(request, upload, plan)
        except ImportRejected as exc:
            errors = exc.errors
        except PermissionError as exc:
            errors = [CellError(upload.name, 0, "", "", str(exc))]
        else:
            return redirect("plans:version", version.pk)
    context.update(
        {
            "errors": errors,
            "errors_csv": _errors_csv(errors),
            "file_name": getattr(upload, "name", ""),
        }
    )
    return render(request, "interchange/import.html", context, status=400)


def _import(request, upload, plan):
    data = upload.read()
    name = upload.name
    if name.lower().endswith(".json"):
        document = loads_document(data, name)
        reading = None
    else:
        reading = read_workbook(data, filename=name)
        document = reading.document
    if plan is None and not _agency_allowed(request.user, document):
        raise PermissionError(
            _(
                "Anda hanya dapat mengimpor Renstra baru untuk Perangkat Daerah Anda sendiri "
                "(Perangkat Daerah baru: administrator). Untuk merevisi Renstra yang ada, pilih "
                "Renstranya."
            )
        )
    if reading is None:
        return import_version(document, plan=plan, source_name=name, user=request.user)
    return import_reading(reading, plan=plan, source=name, user=request.user)
