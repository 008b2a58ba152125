"""The whole plan as a file, made outside the request: a task of Django's task framework (the
django-tasks backport; settings.TASKS picks the backend: the database, run by `renstra worker`,
or inline under the test suite).

start_export() is the version page's one write: it stores the request as an ExportJob and
enqueues run_export. run_export() builds the file with the same function as the direct download
and the command line (renstra.reports.export.render_plan, through the cache of frozen versions)
and writes its progress to the job after every table, each step an UPDATE of its own that the
job's page, polling, sees at once. It ends with the file in the job, or with a reason.
"""

import logging
from datetime import timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from renstra.accounts.models import user_language
from renstra.plans.models import PlanVersion
from renstra.plans.permissions import ACTIONS
from renstra.plans.queries import version_with_plan
from renstra.reports.cache import cached_file
from renstra.reports.export import plan_file_name, plan_steps, render_plan
from renstra.reports.models import ExportJob

logger = logging.getLogger(__name__)
Stage = ExportJob.Stage
# A finished job and its file are kept this long: long enough to download it again the next
# days, not forever (the file is in the database, which every backup then carries).
KEEP = timedelta(days=7)


def forget_old_jobs() -> int:
    """Delete the jobs that finished more than KEEP ago; how many."""
    deleted, _by_model = ExportJob.objects.filter(finished_at__lt=timezone.now() - KEEP).delete()
    return deleted


def start_export(*, user, version: PlanVersion, fmt: str, paper: str) -> ExportJob:
    """Store a whole-plan export the page has accepted (`version` one the user may read, `fmt`
    pdf or xlsx, `paper` f4 or a4) and enqueue it. Jobs older than KEEP go first."""
    forget_old_jobs()
    job = ExportJob.objects.create(
        user=user,
        version=version,
        file_format=fmt,
        paper=paper,
        steps_total=plan_steps(),
        file_name=plan_file_name(version, fmt),
    )
    # Enqueued after the job row is committed (the page runs in autocommit): a worker on another
    # machine may pick the task up at once. The immediate backend runs it here and now.
    result = run_export.enqueue(job.pk)
    ExportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def _move(job: ExportJob, **fields) -> None:
    # An UPDATE of its own, committed at once, so that the page polling the job sees it.
    ExportJob.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def record_progress(job: ExportJob, done: int, total: int, label: str) -> None:
    """One step of render_plan: `done` of `total` steps are done, `label` is at work."""
    _move(job, steps_done=done, steps_total=total, step_label=label[:200])


def _fail(job: ExportJob, message: str) -> None:
    _move(job, stage=Stage.FAILED, errors=[message], content=b"", finished_at=timezone.now())


def _build(job: ExportJob) -> bytes | None:
    """The file, as the direct download makes it; None when the user may no longer read the
    version (the rights may have changed while the job waited in the queue)."""
    version = version_with_plan(job.version_id)
    if not job.user.has_perm(ACTIONS["view"], version):
        return None
    fmt, paper = job.file_format, job.paper
    return cached_file(
        version,
        ("plan", fmt, paper),
        lambda: render_plan(
            version,
            fmt,
            paper=paper,
            progress=lambda done, total, label: record_progress(job, done, total, label),
        ),
    )


@task()
def run_export(job_id: int) -> int:
    """Build the file of one job; returns the file's size in bytes (0 when it was not made)."""
    job = ExportJob.objects.select_related("user").defer("content").get(pk=job_id)
    with translation.override(user_language(job.user)):
        # Claimed by one conditional UPDATE: run twice (a task retried after its worker died, or
        # picked up twice), the first run decides and the second changes nothing.
        claimed = ExportJob.objects.filter(pk=job.pk, stage=Stage.QUEUED).update(
            stage=Stage.BUILDING, started_at=timezone.now(), step_label=_("membaca Renstra")
        )
        if not claimed:
            return 0
        job.refresh_from_db(fields=["stage", "started_at", "step_label"])
        try:
            body = _build(job)
        except Exception:
            logger.exception("export job %s failed", job.pk)
            _fail(
                job,
                _(
                    "Berkas tidak dapat dibuat karena kesalahan sistem. Coba lagi dari halaman "
                    "versi, atau laporkan ke administrator."
                ),
            )
            raise
        if body is None:
            _fail(
                job,
                _(
                    "Anda tidak lagi berhak membaca versi Renstra ini, sehingga berkasnya tidak "
                    "dibuat."
                ),
            )
            return 0
    _move(
        job,
        stage=Stage.DONE,
        content=body,
        steps_done=job.steps_total,
        step_label="",
        finished_at=timezone.now(),
    )
    return len(body)
