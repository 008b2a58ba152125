"""The PK's rows as a workbook: download it, fill the targets and anggaran in Excel, upload it
back (renstra.sakip.pk_workbook). Read by who may see the agency's SAKIP year; uploaded by its
planners and administrators, only while the PK is a draft."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from renstra.sakip.access import agreement_for
from renstra.sakip.pk_workbook import read_workbook, write_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_download(request, agreement_id: int):
    agreement = agreement_for(request, agreement_id)
    response = HttpResponse(write_workbook(agreement), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="pk-{}-{}-{}-{}.xlsx"'.format(
        agreement.agency.short_name.lower(), agreement.year, agreement.unit_id, agreement.number
    )
    return response


def workbook_upload(request, agreement_id: int):
    agreement = agreement_for(request, agreement_id, perm="sakip.edit")
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [_("Pilih berkas XLSX lembar PK yang sudah diisi.")]
        else:
            try:
                result = read_workbook(agreement, upload)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(
                    request, _("{} baris PK diubah dari lembar kerja.").format(result.changed)
                )
                return redirect("sakip:pk", agreement.pk)
    return render(
        request,
        "sakip/pk_workbook.html",
        {"agreement": agreement, "errors": errors},
        status=400 if errors else 200,
    )
