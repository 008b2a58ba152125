"""Every write of the register: a region's deadline, an uploaded document, a verifier's remark
(and the status of an uploaded document). Pages call these; each inside a transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renstra.plans.models import Agency, Region, Unit
from renstra.register.choices import OVERRIDE_STATUSES, DocumentType, RegisterStatus
from renstra.register.models import RegisterEntry, Schedule
from renstra.register.register import default_deadline

UPLOAD_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")
UPLOAD_MAX_BYTES = 20 * 1024 * 1024
PER_UNIT = (DocumentType.PK, DocumentType.RENAKSI)


@transaction.atomic
def set_deadline(
    *, region: Region, year: int, document_type: str, deadline: datetime.date | None, note: str = ""
) -> Schedule | None:
    """The region's deadline of a document type for a year; None (or the default with no note)
    goes back to the rule's default."""
    if document_type not in DocumentType.values:
        raise ValidationError({"document_type": _("Jenis dokumen tidak dikenal.")})
    kept = Schedule.objects.filter(region=region, year=year, document_type=document_type)
    if deadline is None or (deadline == default_deadline(document_type, year) and not note):
        kept.delete()
        return None
    schedule, _created = Schedule.objects.update_or_create(
        region=region,
        year=year,
        document_type=document_type,
        defaults={"deadline": deadline, "note": note.strip()},
    )
    return schedule


@transaction.atomic
def set_schedule(*, region: Region, year: int, deadlines: dict[str, tuple]) -> None:
    """Every deadline of the schedule at once: document type -> (date or None, note)."""
    for document_type, (deadline, note) in deadlines.items():
        set_deadline(
            region=region, year=year, document_type=document_type, deadline=deadline, note=note
        )


def _entry(agency: Agency, year: int, document_type: str, unit: Unit | None) -> RegisterEntry:
    if document_type not in DocumentType.values:
        raise ValidationError({"document_type": _("Jenis dokumen tidak dikenal.")})
    if unit is not None and (document_type not in PER_UNIT or unit.agency_id != agency.pk):
        raise ValidationError(
            {"unit": _("Unit kerja hanya untuk PK dan Rencana Aksi, dari Perangkat Daerah ini.")}
        )
    entry, _created = RegisterEntry.objects.select_for_update().get_or_create(
        agency=agency, year=year, document_type=document_type, unit=unit
    )
    return entry


@transaction.atomic
def upload_document(
    *, agency: Agency, year: int, document_type: str, upload, user, unit: Unit | None = None
) -> RegisterEntry:
    """A signed scan or a document made outside the system (PDF, JPG or PNG, at most 20 MB);
    it counts as submitted (diajukan) until a verifier says otherwise."""
    name = upload.name or ""
    if not name.lower().endswith(UPLOAD_EXTENSIONS):
        raise ValidationError({"file": _("Berkas harus PDF, JPG atau PNG; {} bukan.").format(name)})
    if upload.size > UPLOAD_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("Berkas paling besar 20 MB; berkas ini {:.1f} MB.").format(
                    upload.size / 1024 / 1024
                )
            }
        )
    entry = _entry(agency, year, document_type, unit)
    entry.file = upload
    entry.original_name = name[:255]
    entry.uploaded_by, entry.uploaded_at = user, timezone.now()
    entry.status = RegisterStatus.SUBMITTED
    entry.save()
    return entry


@transaction.atomic
def remark_document(
    *,
    agency: Agency,
    year: int,
    document_type: str,
    remark: str,
    user,
    unit: Unit | None = None,
    status: str = "",
) -> RegisterEntry:
    """A verifier's remark on a document; `status` only for an uploaded document."""
    entry = _entry(agency, year, document_type, unit)
    if status:
        if not entry.file:
            raise ValidationError(
                {
                    "status": _(
                        "Status hanya dapat diberikan pada dokumen yang diunggah; dokumen di "
                        "sistem mengikuti statusnya sendiri."
                    )
                }
            )
        if status not in OVERRIDE_STATUSES:
            raise ValidationError({"status": _("Status tidak dikenal.")})
        entry.status = status
    entry.remark = remark.strip()
    entry.remark_by, entry.remark_at = user, timezone.now()
    entry.save()
    return entry
