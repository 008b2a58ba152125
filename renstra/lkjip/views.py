"""The LKjIP pages: an agency's LKjIP per year (and a new one for a year), the report with its
computed tables and, while it is a draft, its narrative to write; submit, verify, return and
final by role; the PDF and the Word file. Who may: renstra.lkjip.rules through
renstra.lkjip.access; every write is a service of renstra.lkjip.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.lkjip import services
from renstra.lkjip.access import agency_for, lkjip_for, region_for
from renstra.lkjip.choices import LkjipScope
from renstra.lkjip.content import lkjip_content
from renstra.lkjip.forms import CreateForm, NarrativeForm, ReturnForm, StandardsForm
from renstra.lkjip.lkjip_docx import lkjip_docx
from renstra.lkjip.lkjip_pdf import lkjip_pdf
from renstra.lkjip.models import Lkjip

RENDERERS = {
    "pdf": (lkjip_pdf, "application/pdf"),
    "docx": (
        lkjip_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


def lkjip_list(request, agency_id: int):
    agency = agency_for(request, agency_id)
    reports = Lkjip.objects.filter(agency=agency, scope=LkjipScope.AGENCY).order_by(
        "-year", "-number"
    )
    return render(
        request,
        "lkjip/lkjip_list.html",
        {
            "agency": agency,
            "reports": list(reports),
            "form": CreateForm(years=services.report_years(agency)),
            "may_edit": request.user.has_perm("lkjip.edit", agency),
        },
    )


@require_POST
def lkjip_create(request, agency_id: int):
    agency = agency_for(request, agency_id, perm="lkjip.edit")
    form = CreateForm(request.POST, years=services.report_years(agency))
    if not form.is_valid():
        messages.error(request, _("Pilih tahun dalam periode Renstra yang ditetapkan."))
        return redirect("lkjip:list", agency.pk)
    try:
        lkjip = services.create_lkjip(
            agency=agency, year=form.cleaned_data["year"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("lkjip:list", agency.pk)
    messages.success(request, _("{} dibuat sebagai draf.").format(lkjip))
    return redirect("lkjip:report", lkjip.pk)


def region_list(request, region_id: int):
    """The Pemda's LKjIP per year, on the RPJMD, kept by the agency holding the RPJMD."""
    region, holder = region_for(request, region_id)
    reports = (
        Lkjip.objects.filter(agency=holder, scope=LkjipScope.REGION).order_by("-year", "-number")
        if holder
        else Lkjip.objects.none()
    )
    return render(
        request,
        "lkjip/region_list.html",
        {
            "region": region,
            "holder": holder,
            "reports": list(reports),
            "form": CreateForm(years=services.region_report_years(region)),
            "may_edit": holder is not None and request.user.has_perm("lkjip.edit", holder),
        },
    )


@require_POST
def region_create(request, region_id: int):
    region, _holder = region_for(request, region_id, perm="lkjip.edit")
    form = CreateForm(request.POST, years=services.region_report_years(region))
    if not form.is_valid():
        messages.error(request, _("Pilih tahun dalam periode RPJMD yang ditetapkan."))
        return redirect("lkjip:region_list", region.pk)
    try:
        lkjip = services.create_region_lkjip(
            region=region, year=form.cleaned_data["year"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("lkjip:region_list", region.pk)
    messages.success(request, _("{} dibuat sebagai draf.").format(lkjip))
    return redirect("lkjip:report", lkjip.pk)


def lkjip_page(request, lkjip_id: int):
    lkjip = lkjip_for(request, lkjip_id)
    agency = lkjip.agency
    content = lkjip_content(lkjip)
    may_edit = lkjip.is_draft and request.user.has_perm("lkjip.edit", agency)
    form = NarrativeForm.for_content(lkjip, content) if may_edit else None
    return render(
        request,
        "lkjip/lkjip.html",
        {
            "lkjip": lkjip,
            "agency": agency,
            "content": content,
            "form": form,
            "analysis_fields": (
                {
                    s.objective_id: form.analysis_field(s.objective_id)
                    for s in content.objectives
                    if s.objective_id
                }
                if form
                else {}
            ),
            "standards_form": StandardsForm.for_content(lkjip, content) if may_edit else None,
            "may_edit": may_edit,
            "may_verify": request.user.has_perm("lkjip.verify", agency),
            "may_finalize": request.user.has_perm("lkjip.finalize", agency),
            "return_form": ReturnForm(),
        },
    )


def _act(request, lkjip: Lkjip, action, done: str):
    """Run one service on the LKjIP and go back to its page with what happened."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("lkjip:report", lkjip.pk)


@require_POST
def lkjip_narrative(request, lkjip_id: int):
    lkjip = lkjip_for(request, lkjip_id, perm="lkjip.edit")
    form = NarrativeForm.posted(request.POST, lkjip)
    if not form.is_valid():
        messages.error(request, _("Uraian tidak dapat disimpan."))
        return redirect("lkjip:report", lkjip.pk)
    return _act(
        request,
        lkjip,
        lambda: services.save_narrative(
            lkjip=lkjip, fields=form.chapters(), analyses=form.analyses()
        ),
        _("Uraian LKjIP disimpan."),
    )


@require_POST
def lkjip_standards(request, lkjip_id: int):
    lkjip = lkjip_for(request, lkjip_id, perm="lkjip.edit")
    form = StandardsForm.posted(request.POST, lkjip)
    if not form.is_valid():
        messages.error(request, _("Standar nasional tidak dapat disimpan."))
        return redirect("lkjip:report", lkjip.pk)
    return _act(
        request,
        lkjip,
        lambda: services.save_standards(lkjip=lkjip, standards=form.standards()),
        _("Standar nasional disimpan."),
    )


@require_POST
def lkjip_submit(request, lkjip_id: int):
    lkjip = lkjip_for(request, lkjip_id, perm="lkjip.edit")
    return _act(request, lkjip, lambda: services.submit_lkjip(lkjip=lkjip), _("LKjIP diajukan."))


@require_POST
def lkjip_verify(request, lkjip_id: int):
    lkjip = lkjip_for(request, lkjip_id, perm="lkjip.verify")
    return _act(
        request,
        lkjip,
        lambda: services.verify_lkjip(lkjip=lkjip, user=request.user),
        _("LKjIP diverifikasi."),
    )


@require_POST
def lkjip_return(request, lkjip_id: int):
    lkjip = lkjip_for(request, lkjip_id, perm="lkjip.verify")
    form = ReturnForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _act(
        request,
        lkjip,
        lambda: services.return_lkjip(lkjip=lkjip, note=note),
        _("LKjIP dikembalikan ke draf."),
    )


@require_POST
def lkjip_finalize(request, lkjip_id: int):
    lkjip = lkjip_for(request, lkjip_id, perm="lkjip.finalize")
    return _act(request, lkjip, lambda: services.finalize_lkjip(lkjip=lkjip), _("LKjIP final."))


def lkjip_download(request, lkjip_id: int, fmt: str):
    lkjip = lkjip_for(request, lkjip_id)
    if fmt not in RENDERERS:
        raise Http404(_("Format tidak dikenal."))
    render_file, content_type = RENDERERS[fmt]
    content = lkjip_content(lkjip)
    response = HttpResponse(render_file(content), content_type=content_type)
    response["Content-Disposition"] = 'attachment; filename="{}.{}"'.format(content.file_stem, fmt)
    return response
