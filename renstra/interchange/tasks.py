"""The import page's work, done outside the request: a task of Django's task framework (the
django-tasks backport; settings.TASKS picks the backend: the database, run by `renstra worker`,
or inline under the test suite).

start_import() is the page's one write: it stores the upload as an ImportJob and enqueues
run_import; a spreadsheet of another layout is held (hold_for_mapping) until its columns are
mapped and its preview confirmed (queue_mapped). run_import() reads and imports the file (a
workbook of the template, a JSON document, a T-C.27 table as .csv or .xlsx, or a spreadsheet
read through its column mapping, with the form's fields for what a table does not say about
itself) with the same functions and the same rules as the command line (all or
nothing, every error listed, new plans only for the user's own agency unless an administrator)
and records the outcome on the job: the new version, or the errors as JSON, which the job page
shows.
"""

import logging

from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from renstra.accounts.models import Membership, user_language
from renstra.accounts.rules import is_admin
from renstra.core.errors import CellError, ImportRejected
from renstra.interchange import tc27
from renstra.interchange.column_mapping import Layout, read_mapped_upload, remember
from renstra.interchange.jsonio import import_version, loads_document
from renstra.interchange.models import ImportJob
from renstra.interchange.tc27_options import FIELD_LABELS, has_any, source_from_fields
from renstra.interchange.workbook import import_reading, read_workbook
from renstra.plans.models import PlanVersion

logger = logging.getLogger(__name__)
Stage = ImportJob.Stage


def agency_allowed(user, document) -> bool:
    """May the user bring in a new plan of the agency the document names? Administrators may
    bring in any agency; planners and heads their own: the agency's name or short name and its
    Pemda's name must be theirs (every Pemda has a BKPSDM: the short name alone is not one
    agency)."""
    if is_admin(user):
        return True
    agency = document.get("agency") if isinstance(document, dict) else None
    region = document.get("region") if isinstance(document, dict) else None
    if not isinstance(agency, dict) or not isinstance(region, dict):
        return False
    names = {
        str(agency.get("name") or "").strip().lower(),
        str(agency.get("short_name") or "").strip().lower(),
    }
    region_name = str(region.get("name") or "").strip().lower()
    memberships = Membership.objects.filter(user=user, role__in=("planner", "head")).select_related(
        "agency__region"
    )
    return any(
        m.agency
        and m.agency.region.name.lower() == region_name
        and (m.agency.name.lower() in names or m.agency.short_name.lower() in names)
        for m in memberships
    )


def start_import(
    *,
    user,
    name: str,
    content: bytes,
    revises: PlanVersion | None,
    source_fields: dict | None = None,
) -> ImportJob:
    """Store an upload the page has accepted (size and kind checked, `revises` one of the user's
    revisable versions or None for a new plan; `source_fields`: what a T-C.27 table does not
    say about itself, tc27_options.FIELDS) and enqueue its import."""
    job = ImportJob.objects.create(
        user=user,
        file_name=name,
        content=content,
        revises=revises,
        source_fields=source_fields or {},
    )
    # Enqueued after the job row is committed (the page runs in autocommit): a worker on another
    # machine may pick the task up at once. The immediate backend runs it here and now.
    result = run_import.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def mapping_refusals(user, name: str, fields: dict, revises: PlanVersion | None) -> list:
    """Why a spreadsheet of another layout may not go on to the mapping step: the fields of
    what the table does not say (tc27_options), or an agency the user may not bring a new plan
    in for. Asked before anything is stored: the mapping page offers the agency's remembered
    layouts, which are that agency's alone."""
    try:
        source = source_from_fields(fields, labels=FIELD_LABELS, file_name=name, revises=revises)
    except ImportRejected as exc:
        return exc.errors
    names = {"name": source.agency_name, "short_name": source.agency_short_name}
    if revises is None and not agency_allowed(
        user, {"agency": names, "region": {"name": source.region}}
    ):
        return [CellError(name, 0, "", "", _own_agency_only())]
    return []


def hold_for_mapping(
    *, user, name: str, content: bytes, revises: PlanVersion | None, source_fields: dict
) -> ImportJob:
    """Store an upload whose columns are to be mapped; nothing is queued until the planner
    confirms the preview (queue_mapped)."""
    return ImportJob.objects.create(
        user=user,
        file_name=name,
        content=content,
        revises=revises,
        source_fields=source_fields,
        stage=Stage.MAPPING,
    )


def queue_mapped(job: ImportJob) -> bool:
    """Enqueue the import of a mapped upload, once: False when it has left the mapping step
    already (the preview confirmed twice, or in two tabs)."""
    moved = ImportJob.objects.filter(pk=job.pk, stage=Stage.MAPPING).update(stage=Stage.QUEUED)
    if not moved:
        return False
    result = run_import.enqueue(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    return True


def _own_agency_only() -> str:
    return _(
        "Anda hanya dapat mengimpor Renstra baru untuk Perangkat Daerah Anda sendiri "
        "(Perangkat Daerah baru: administrator). Untuk merevisi Renstra yang ada, pilih "
        "Renstranya."
    )


def _move(job: ImportJob, stage: str, **fields) -> None:
    # An UPDATE of its own, committed at once, so that the page polling the job sees it.
    ImportJob.objects.filter(pk=job.pk).update(stage=stage, **fields)
    job.stage = stage


def _finish(job: ImportJob, stage: str, *, version=None, errors=()) -> None:
    rows = [
        {
            "source": str(e.source or ""),
            "row": e.row,
            "column": str(e.column or ""),
            "value": "" if e.value is None else str(e.value),
            "reason": str(e.reason),
        }
        for e in errors
    ]
    _move(job, stage, version=version, errors=rows, content=b"", finished_at=timezone.now())


def _refused(job: ImportJob, message: str) -> ImportRejected:
    return ImportRejected([CellError(job.file_name, 0, "", "", message)])


def _source(job: ImportJob, revises: PlanVersion | None):
    fields = job.source_fields
    return source_from_fields(fields, labels=FIELD_LABELS, file_name=job.file_name, revises=revises)


def _read(job: ImportJob, data: bytes, revises: PlanVersion | None):
    """(the plan document, the reading that made it or None for JSON, whether it is a table:
    a T-C.27 table or a spreadsheet read through its column mapping)."""
    name = job.file_name
    if job.column_mapping:
        reading = read_mapped_upload(data, name, job.column_mapping, _source(job, revises), revises)
        return reading.document, reading, True
    table = None if name.lower().endswith(".json") else tc27.read_tc27_file(data, name)
    if table is not None:
        reading = tc27.read_tc27(
            table.rows, _source(job, revises), name=name, revises=revises, errors=table.errors
        )
        return reading.document, reading, True
    if has_any(job.source_fields):
        raise _refused(
            job,
            _(
                "Berkas ini bukan tabel T-C.27: identitas dan periodenya tertulis di berkas itu "
                "sendiri. Kosongkan isian tabel T-C.27 lalu unggah lagi."
            ),
        )
    if name.lower().endswith(".json"):
        return loads_document(data, name), None, False
    reading = read_workbook(data, filename=name)
    return reading.document, reading, False


def _remember(job: ImportJob, version: PlanVersion) -> None:
    """Keep the mapping for the imported plan's agency: an agency new to the system (brought in
    by an administrator) has it only now. The import stands whatever happens here."""
    mapping = job.column_mapping
    try:
        remember(
            version.plan.agency, mapping.get("headers") or [], Layout.from_json(mapping), job.user
        )
    except DatabaseError:
        logger.warning("mapping of import job %s not remembered", job.pk, exc_info=True)


def _import(job: ImportJob) -> PlanVersion:
    """The import itself, as the page did it in the request: read, check who may import what,
    then check and write everything in one transaction (import_reading / import_version)."""
    name, data, user, revises = job.file_name, bytes(job.content), job.user, job.revises
    # Checked again here: the rights may have changed while the job waited in the queue.
    if revises is not None and not user.has_perm("plans.review_version", revises):
        raise _refused(job, _("Renstra yang dipilih tidak dapat Anda revisi."))
    document, reading, is_table = _read(job, data, revises)
    if revises is None and not agency_allowed(user, document):
        raise _refused(job, _own_agency_only())
    _move(job, Stage.CHECKING)
    if is_table:
        version = tc27.import_reading(reading, revises=revises, user=user)
        if job.column_mapping:
            _remember(job, version)
        return version
    if reading is None:
        return import_version(document, revises=revises, source_name=name, user=user)
    return import_reading(reading, revises=revises, source=name, user=user)


@task()
def run_import(job_id: int) -> int | None:
    """Import the upload of one job; returns the new version's id (None when rejected)."""
    job = ImportJob.objects.select_related("user", "revises__plan").get(pk=job_id)
    if job.stage != Stage.QUEUED:
        # Run twice (a task retried after its worker died): the first run decides.
        return job.version_id
    _move(job, Stage.READING, started_at=timezone.now())
    with translation.override(user_language(job.user)):
        try:
            version = _import(job)
        except ImportRejected as exc:
            _finish(job, Stage.REJECTED, errors=exc.errors)
            return None
        except Exception:
            logger.exception("import job %s failed", job.pk)
            message = _(
                "Impor gagal karena kesalahan sistem; tidak ada yang disimpan. Coba lagi, atau "
                "laporkan ke administrator."
            )
            _finish(job, Stage.FAILED, errors=[CellError(job.file_name, 0, "", "", message)])
            raise
    _finish(job, Stage.DONE, version=version)
    return version.pk
