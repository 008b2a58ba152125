"""Evidence of a criterion: a page of the system, a document of the register, or an upload
(PDF/JPG/PNG, as the register takes), added and removed by whoever works in the stage."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renstra.lke.choices import (
    EvidenceKind,
)
from renstra.lke.guards import locked, locked_answer, save, stage_perm
from renstra.lke.models import (
    LkeAnswer,
    LkeEvidence,
)
from renstra.register.choices import DocumentType
from renstra.register.services import UPLOAD_EXTENSIONS, UPLOAD_MAX_BYTES

# ---- evidence ----------------------------------------------------------------------------------


@transaction.atomic
def add_evidence(
    *,
    answer: LkeAnswer,
    kind: str,
    label: str,
    user,
    url: str = "",
    document_type: str = "",
    document_year: int | None = None,
    upload=None,
) -> LkeEvidence:
    """Proof of an answer, by whoever works in the evaluation's stage: a register document
    (`document_type` of `document_year`, this year by default), a page of this system (`url`,
    relative) or an uploaded file (PDF, JPG or PNG, at most 20 MB)."""
    answer, evaluation = locked_answer(answer)
    stage_perm(evaluation, user)
    label = (label or "").strip()
    evidence = LkeEvidence(answer=answer, kind=kind, added_by=user)
    if kind == EvidenceKind.REGISTER:
        if document_type not in DocumentType.values:
            raise ValidationError({"document_type": _("Jenis dokumen register tidak dikenal.")})
        evidence.document_type = document_type
        evidence.document_year = document_year or evaluation.year
        label = label or "{} {}".format(DocumentType(document_type).label, evidence.document_year)
    elif kind == EvidenceKind.PAGE:
        url = (url or "").strip()
        if not url.startswith("/") or url.startswith("//"):
            raise ValidationError(
                {"url": _("Alamat halaman harus alamat relatif sistem ini, diawali '/'.")}
            )
        if len(url) > 500:
            raise ValidationError(
                {
                    "url": _("Alamat halaman paling panjang 500 huruf; ini {} huruf.").format(
                        len(url)
                    )
                }
            )
        evidence.url = url
    elif kind == EvidenceKind.UPLOAD:
        name = getattr(upload, "name", "") or ""
        if not name.lower().endswith(UPLOAD_EXTENSIONS):
            raise ValidationError(
                {"file": _("Berkas harus PDF, JPG atau PNG; {} bukan.").format(name or "-")}
            )
        if upload.size > UPLOAD_MAX_BYTES:
            raise ValidationError(
                {
                    "file": _("Berkas paling besar 20 MB; berkas ini {:.1f} MB.").format(
                        upload.size / 1024 / 1024
                    )
                }
            )
        evidence.file = upload
        label = label or name
    else:
        raise ValidationError({"kind": _("Jenis bukti tidak dikenal.")})
    if not label:
        raise ValidationError({"label": _("Tuliskan keterangan bukti.")})
    if len(label) > 300 and not (upload is not None and label == upload.name):
        raise ValidationError(
            {
                "label": _("Keterangan bukti paling panjang 300 huruf; ini {} huruf.").format(
                    len(label)
                )
            }
        )
    # An upload's file name standing for its label may be cut; what was typed is not.
    evidence.label = label[:300]
    save(evidence, user)
    return evidence


@transaction.atomic
def remove_evidence(*, evidence: LkeEvidence, user) -> None:
    """Remove a proof, by whoever works in the evaluation's stage."""
    evidence = LkeEvidence.objects.select_related("answer").get(pk=evidence.pk)
    evaluation = locked(evidence.answer.evaluation)
    stage_perm(evaluation, user)
    evidence._history_user = user  # the history's row of the removal names who removed it
    evidence.delete()
