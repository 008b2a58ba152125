"""The register pages: an agency's document register of a year (uploads by its planners,
remarks by the region's verifiers, an uploaded file to download) and a region's schedule of
deadlines. Who may: renstra.register.rules through renstra.register.access; every write is a
service of renstra.register.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.register import services
from renstra.register.access import agency_for, region_for, year_of
from renstra.register.forms import RemarkForm, ScheduleForm, UploadForm
from renstra.register.models import RegisterEntry
from renstra.register.register import agency_register, schedule_of


def _back(agency, year):
    return redirect(reverse("register:agency", args=[agency.pk]) + "?tahun={}".format(year))


def register_page(request, agency_id: int):
    agency = agency_for(request, agency_id)
    year = year_of(request.GET)
    return render(
        request,
        "register/agency_register.html",
        {
            "agency": agency,
            "year": year,
            "rows": agency_register(agency, year),
            "upload_form": UploadForm(agency=agency),
            "remark_form": RemarkForm(agency=agency),
            "may_upload": request.user.has_perm("register.upload", agency),
            "may_remark": request.user.has_perm("register.remark", agency),
            "may_schedule": request.user.has_perm("register.view_schedule", agency.region),
        },
    )


def _save(request, agency, year, form, save):
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _back(agency, year)
    try:
        messages.success(request, save(form.cleaned_data))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(agency, year)


@require_POST
def upload(request, agency_id: int):
    agency = agency_for(request, agency_id, perm="register.upload")
    year = year_of(request.POST)

    def save(data):
        entry = services.upload_document(
            agency=agency,
            year=year,
            document_type=data["document_type"],
            unit=data["unit"],
            upload=data["file"],
            user=request.user,
        )
        return _("Berkas {} diunggah.").format(entry.original_name)

    return _save(
        request, agency, year, UploadForm(request.POST, request.FILES, agency=agency), save
    )


@require_POST
def remark(request, agency_id: int):
    agency = agency_for(request, agency_id, perm="register.remark")
    year = year_of(request.POST)

    def save(data):
        services.remark_document(
            agency=agency,
            year=year,
            document_type=data["document_type"],
            unit=data["unit"],
            remark=data["remark"],
            status=data["status"],
            user=request.user,
        )
        return _("Catatan disimpan.")

    return _save(request, agency, year, RemarkForm(request.POST, agency=agency), save)


def download(request, entry_id: int):
    entry = RegisterEntry.objects.select_related("agency").filter(pk=entry_id).first()
    if entry is None or not entry.file:
        raise Http404(_("Berkas tidak ditemukan."))
    agency_for(request, entry.agency_id)
    try:
        handle = entry.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from exc
    response = FileResponse(handle, as_attachment=True, filename=entry.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def schedule_page(request, region_id: int):
    region = region_for(request, region_id)
    year = year_of(request.GET)
    deadlines = schedule_of(region, year)
    return render(
        request,
        "register/schedule.html",
        {
            "region": region,
            "year": year,
            "deadlines": deadlines,
            "form": ScheduleForm(deadlines=deadlines),
            "may_edit": request.user.has_perm("register.edit_schedule", region),
        },
    )


@require_POST
def schedule_save(request, region_id: int):
    region = region_for(request, region_id, perm="register.edit_schedule")
    year = year_of(request.POST)
    back = redirect(reverse("register:schedule", args=[region.pk]) + "?tahun={}".format(year))
    deadlines = schedule_of(region, year)
    form = ScheduleForm(request.POST, deadlines=deadlines)
    if not form.is_valid():
        messages.error(request, _("Tanggal tenggat tidak dikenal; tulis sebagai TTTT-BB-HH."))
        return back
    data = form.cleaned_data
    services.set_schedule(
        region=region,
        year=year,
        deadlines={
            d.document_type: (data["deadline_" + d.document_type], data["note_" + d.document_type])
            for d in deadlines
        },
    )
    messages.success(request, _("Jadwal {} disimpan.").format(year))
    return back
