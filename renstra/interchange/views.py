"""Pages for moving plans in and out: the workbook template, a version as JSON, IATI or a
filled workbook, and the import of a workbook or JSON document with every error listed.

An import runs as a background task (renstra.interchange.tasks): the import page stores the
upload and moves on to the job's page, which shows its stage until it ends in a new version or
in the full list of errors. A spreadsheet of another layout goes first through the mapping of
its columns and a preview (renstra.interchange.views_mapping)."""

import csv
import io
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renstra.accounts.rules import is_admin
from renstra.core.errors import CellError, ImportRejected
from renstra.interchange.column_sheet import needs_mapping
from renstra.interchange.iati import export_iati
from renstra.interchange.jsonio import dumps_version
from renstra.interchange.models import ImportJob
from renstra.interchange.tasks import hold_for_mapping, mapping_refusals, start_import
from renstra.interchange.tc27 import import_notes
from renstra.interchange.tc27_options import FIELD_LABELS, FIELDS, has_any, source_from_fields
from renstra.interchange.workbook import export_workbook, template_workbook
from renstra.plans.choices import CodeScheme, RegionKind
from renstra.plans.models import PlanVersion
from renstra.plans.permissions import version_for
from renstra.render.cells import csv_text

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // 1024 // 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUFFIXES = (".xlsx", ".json", ".csv")
# The form's names of the T-C.27 fields (tc27_options.FIELDS).
TC27_INPUTS = {
    "region": "pemda",
    "region_kind": "jenis_pemda",
    "agency": "perangkat_daerah",
    "agency_short": "singkatan",
    "title": "judul",
    "period": "periode",
    "baseline_year": "tahun_kondisi_awal",
    "years": "tahun_kolom",
    "code_scheme": "skema_kode",
    "label": "label",
}


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


def _errors_csv(errors: list[CellError]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["lembar_atau_berkas", "baris", "kolom", "nilai", "alasan"])
    for e in errors:
        # The value is the user's cell, echoed back: written so that it cannot run as a formula.
        writer.writerow(
            [csv_text(str(part)) for part in (e.source, e.row, e.column, e.value, e.reason)]
        )
    return "data:text/csv;charset=utf-8," + quote("\ufeff" + out.getvalue())


def _upload_problems(request, choices) -> tuple[list[CellError], PlanVersion | None]:
    """What is wrong with the form before anything is stored: the version to revise, the
    file's presence, size and kind. The contents are checked by the task."""
    upload = request.FILES.get("berkas")
    errors: list[CellError] = []
    revises = request.POST.get("revisi", "")
    chosen = next((v for v in choices if str(v.pk) == revises), None) if revises else None
    if revises and chosen is None:
        errors.append(
            CellError("", 0, "", revises, _("Renstra yang dipilih tidak dapat Anda revisi."))
        )
    kinds = _(
        "Berkas harus .xlsx (templat Renstra, tabel T-C.27 atau tabel lain yang kolomnya "
        "dipetakan), .json atau .csv (tabel T-C.27 atau tabel lain)."
    )
    if upload is None:
        errors.append(CellError("", 0, "", "", kinds))
    elif upload.size > MAX_UPLOAD_BYTES:
        errors.append(
            CellError(upload.name, 0, "", "", _("Berkas lebih dari {} MB.").format(MAX_UPLOAD_MB))
        )
    elif not upload.name.lower().endswith(SUFFIXES):
        errors.append(CellError(upload.name, 0, "", "", kinds))
    elif not errors:
        errors += _table_field_problems(upload.name, _table_fields(request), chosen)
    return errors, chosen


# Help under a field of the T-C.27 part of the form, where its label alone does not say enough.
TC27_HINTS = {
    "region_kind": gettext_lazy("kosong: dari kata pertama nama Pemda"),
    "title": gettext_lazy("kosong: Renstra <singkatan> <Pemda> <periode>"),
    "period": gettext_lazy("mis. 2019-2023"),
    "baseline_year": gettext_lazy("kosong: setahun sebelum periode"),
    "years": gettext_lazy(
        "bila tabel hanya mencetak sebagian tahun periode, mis. 2021,2022,2023; kosong: "
        "tahun-tahun target periode berurutan"
    ),
    "code_scheme": gettext_lazy("kosong: ditentukan dari kodenya"),
}


def _table_form(values: dict) -> list[dict]:
    """The T-C.27 fields of the form: input name, label, value shown again, choices of a list."""
    lists = {
        "region_kind": [("", _("(dari nama Pemda)")), *RegionKind.choices],
        "code_scheme": [("", _("(dari kodenya)")), *CodeScheme.choices],
    }
    return [
        {
            "name": TC27_INPUTS[field],
            "label": FIELD_LABELS[field],
            "value": values.get(field, ""),
            "choices": lists.get(field),
            "hint": TC27_HINTS.get(field, ""),
        }
        for field in FIELDS
    ]


def _table_fields(request) -> dict[str, str]:
    return {field: request.POST.get(name, "") for field, name in TC27_INPUTS.items()}


def _table_field_problems(name: str, fields: dict, revises) -> list[CellError]:
    """The T-C.27 fields, checked before the upload is stored where the file's kind is known by
    its name: a .csv is a T-C.27 table, a .json never is (an .xlsx may be either: the task
    tells, and checks the fields then)."""
    lower = name.lower()
    if lower.endswith(".csv"):
        try:
            source_from_fields(fields, labels=FIELD_LABELS, file_name=name, revises=revises)
        except ImportRejected as exc:
            return exc.errors
    elif lower.endswith(".json") and has_any(fields):
        return [
            CellError(
                name,
                0,
                "",
                "",
                _(
                    "Isian tabel T-C.27 hanya untuk tabel T-C.27 (.csv atau .xlsx); berkas JSON "
                    "memuat identitas dan periodenya sendiri. Kosongkan isian itu."
                ),
            )
        ]
    return []


@login_required
def import_page(request):
    """The upload form. An accepted upload becomes an import job (imported by the task worker)
    and the page moves on to the job's page; a form that cannot be accepted is answered here."""
    choices = _revisable(request.user)
    context = {"choices": choices, "max_mb": MAX_UPLOAD_MB, "table_fields": _table_form({})}
    if request.method != "POST":
        return render(request, "interchange/import.html", context)
    errors, chosen = _upload_problems(request, choices)
    upload = request.FILES.get("berkas")
    fields = _table_fields(request)
    if not errors:
        content = upload.read()
        given = {k: v for k, v in fields.items() if v.strip()}
        if needs_mapping(content, upload.name):
            # Neither the template nor a T-C.27 table: its columns are mapped first.
            errors = mapping_refusals(request.user, upload.name, given, chosen)
            if not errors:
                job = hold_for_mapping(
                    user=request.user,
                    name=upload.name,
                    content=content,
                    revises=chosen,
                    source_fields=given,
                )
                return redirect("interchange:mapping", job.pk)
        else:
            job = start_import(
                user=request.user,
                name=upload.name,
                content=content,
                revises=chosen,
                source_fields=given,
            )
            return redirect("interchange:job", job.pk)
    context.update(
        {
            "errors": errors,
            "errors_csv": _errors_csv(errors),
            "file_name": getattr(upload, "name", ""),
            "selected": request.POST.get("revisi", ""),
            "table_fields": _table_form(fields),
        }
    )
    return render(request, "interchange/import.html", context, status=400)


def _job(request, job_id: int, jobs) -> ImportJob:
    """The job, for the user who uploaded it and administrators; to anyone else it does not
    exist (404, not 403: its number says nothing)."""
    job = get_object_or_404(jobs, pk=job_id)
    if job.user_id != request.user.pk and not is_admin(request.user):
        raise Http404
    return job


def _job_state(job: ImportJob) -> dict:
    text = _("Tahap {step} dari {steps}: {label}").format(
        step=job.step, steps=job.STEP_COUNT, label=job.get_stage_display()
    )
    return {
        "stage": job.stage,
        "label": str(job.get_stage_display()),
        "step": job.step,
        "steps": job.STEP_COUNT,
        "finished": job.finished,
        "text": text,
    }


@login_required
def job_page(request, job_id: int):
    # The upload itself is not needed to show the job.
    jobs = ImportJob.objects.defer("content").select_related("user", "revises", "version__plan")
    job = _job(request, job_id, jobs)
    if job.stage == ImportJob.Stage.MAPPING:
        return redirect("interchange:mapping", job.pk)
    errors = [CellError(**e) for e in job.errors]
    context = {
        "job": job,
        "state": _job_state(job),
        "errors": errors,
        "errors_csv": _errors_csv(errors) if errors else "",
        "file_name": job.file_name,
        # Done: what was taken as well as it could be (unnamed indicators, rows kept verbatim).
        "notes": import_notes(job.version) if job.version_id else [],
    }
    return render(request, "interchange/job.html", context)


@login_required
def job_status(request, job_id: int):
    """The job's stage as JSON, polled by the job page every second."""
    # Polled every second: neither the upload nor the error list is read.
    job = _job(request, job_id, ImportJob.objects.defer("content", "errors"))
    response = JsonResponse(_job_state(job))
    response["Cache-Control"] = "no-store"
    return response
