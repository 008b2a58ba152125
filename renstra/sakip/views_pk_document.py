"""The Perjanjian Kinerja to print and sign: /pk/<id>/pk.pdf, and /pk/<id>/pk.docx for the agency
to edit before signing; the same content (renstra.sakip.pk_document) in both. Who may read the
agency's SAKIP year may download them (renstra.sakip.access.agreement_for: 404 otherwise)."""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from renstra.sakip.access import agreement_for
from renstra.sakip.pk_document import pk_document
from renstra.sakip.pk_docx import pk_docx
from renstra.sakip.pk_pdf import pk_pdf

RENDERERS = {
    "pdf": (pk_pdf, "application/pdf"),
    "docx": (
        pk_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


def pk_download(request, agreement_id: int, fmt: str):
    agreement = agreement_for(request, agreement_id)
    if fmt not in RENDERERS:
        raise Http404(_("Format tidak dikenal."))
    render, content_type = RENDERERS[fmt]
    document = pk_document(agreement)
    response = HttpResponse(render(document), content_type=content_type)
    response["Content-Disposition"] = 'attachment; filename="{}.{}"'.format(document.file_stem, fmt)
    return response
