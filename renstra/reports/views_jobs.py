"""The whole plan as a background job: the version page's buttons start one (anyone signed in who
may read the version), and its page shows the progress until the file can be downloaded. A job
is seen by the user who asked for it and by administrators only.

The direct download (views.plan_download) stays for links, the command line and the API."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.accounts.rules import is_admin
from renstra.plans.permissions import version_for
from renstra.render.formats import CONTENT_TYPES, PAPERS
from renstra.reports.export import WHOLE_PLAN_FORMATS
from renstra.reports.models import ExportJob
from renstra.reports.tasks import start_export


@require_POST
@login_required
def start(request, version_id: int, fmt: str):
    version = version_for(request, version_id)
    if fmt not in WHOLE_PLAN_FORMATS:
        raise Http404(_("Seluruh Renstra tersedia sebagai XLSX atau PDF."))
    paper = request.POST.get("kertas", "f4")
    if paper not in PAPERS:
        raise Http404(_("Ukuran kertas tidak dikenal; pilih f4 atau a4."))
    job = start_export(user=request.user, version=version, fmt=fmt, paper=paper)
    return redirect("reports:export_job", job.pk)


def _job(request, job_id: int, jobs) -> ExportJob:
    """The job, for the user who asked for it and administrators; to anyone else it does not
    exist (404, not 403: its number says nothing)."""
    job = get_object_or_404(jobs, pk=job_id)
    if job.user_id != request.user.pk and not is_admin(request.user):
        raise Http404
    return job


def _state(job: ExportJob) -> dict:
    text = _("Tahap {step} dari {steps}: {label}").format(
        step=job.step, steps=job.steps_total, label=job.step_text
    )
    return {
        "stage": job.stage,
        "label": job.step_text,
        "step": job.step,
        "done": job.steps_done,
        "steps": job.steps_total,
        "finished": job.finished,
        "text": text,
    }


@login_required
def job_page(request, job_id: int):
    # The file itself is not needed to show the job.
    jobs = ExportJob.objects.defer("content").select_related("user", "version__plan__agency")
    job = _job(request, job_id, jobs)
    return render(request, "reports/export_job.html", {"job": job, "state": _state(job)})


@login_required
def job_status(request, job_id: int):
    """The job's progress as JSON, polled by the job page every second."""
    # Polled every second: neither the file nor the errors are read.
    job = _job(request, job_id, ExportJob.objects.defer("content", "errors"))
    response = JsonResponse(_state(job))
    response["Cache-Control"] = "no-store"
    return response


@login_required
def job_file(request, job_id: int):
    job = _job(request, job_id, ExportJob.objects.all())
    if job.stage != ExportJob.Stage.DONE:
        raise Http404(_("Berkas ini belum siap atau tidak jadi dibuat."))
    response = HttpResponse(bytes(job.content), content_type=CONTENT_TYPES[job.file_format])
    response["Content-Disposition"] = 'attachment; filename="{}"'.format(job.file_name)
    response["Cache-Control"] = "private, no-store"
    return response
