"""The Renja pages of an agency: the list, made from a Renstra year, the Renja with its rows
(target and pagu, each with its reason), the DPA, final and Renja Perubahan, its findings and
its table. Who may: renstra.sakip.rules through renstra.sakip.access."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.checks.engine import Severity
from renstra.render.formats import CONTENT_TYPES, render_table
from renstra.sakip import services
from renstra.sakip.access import agency_for, renja_for, renja_funding, renja_indicator
from renstra.sakip.consistency import RENJA_RULES, RenjaRead, check_renja, same_target
from renstra.sakip.forms import PaguForm, PerubahanForm, RenjaCreateForm, TargetForm
from renstra.sakip.models import Renja
from renstra.sakip.tables import renja_table


def renja_list(request, agency_id: int):
    agency = agency_for(request, agency_id)
    renjas = Renja.objects.filter(agency=agency).select_related("based_on__plan", "created_by")
    return render(
        request,
        "sakip/renja_list.html",
        {
            "agency": agency,
            "renjas": renjas,
            "may_edit": request.user.has_perm("sakip.edit", agency),
        },
    )


def renja_create(request, agency_id: int):
    agency = agency_for(request, agency_id, edit=True)
    form = RenjaCreateForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        version, year = form.cleaned_source()
        try:
            renja = services.create_renja(version=version, year=year, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("{} dibuat dari Renstra tahun {}.").format(renja, year))
            return redirect("sakip:renja", renja.pk)
    return render(request, "sakip/renja_create.html", {"agency": agency, "form": form})


def renja_page(request, renja_id: int):
    renja = renja_for(request, renja_id)
    read = RenjaRead(renja)
    findings = check_renja(read)
    for item in read.items:
        for indicator in item.indicator_list:
            indicator.changed = not same_target(indicator.target_raw, indicator.renstra_target_raw)
        item.funding.changed = item.funding.pagu != item.funding.renstra_amount
    return render(
        request,
        "sakip/renja.html",
        {
            "renja": renja,
            "agency": renja.agency,
            "items": read.items,
            "errors": sum(1 for f in findings if f.severity == Severity.ERROR),
            "warnings": sum(1 for f in findings if f.severity == Severity.WARNING),
            "may_edit": request.user.has_perm("sakip.edit", renja.agency),
            "perubahan_form": PerubahanForm(),
            "formats": ("xlsx", "pdf", "csv"),
        },
    )


def _saved_or_error(request, renja: Renja, form, save) -> HttpResponse:
    if not form.is_valid():
        messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
    else:
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("{} disimpan.").format(saved))
    return redirect("sakip:renja", renja.pk)


@require_POST
def save_target(request, renja_id: int, indicator_id: int):
    renja = renja_for(request, renja_id, edit=True)
    indicator = renja_indicator(renja, indicator_id)
    return _saved_or_error(
        request,
        renja,
        TargetForm(request.POST),
        lambda data: services.update_target(
            indicator=indicator, raw=data["target"], reason=data["reason"]
        ),
    )


@require_POST
def save_pagu(request, renja_id: int, funding_id: int):
    renja = renja_for(request, renja_id, edit=True)
    funding = renja_funding(renja, funding_id)
    return _saved_or_error(
        request,
        renja,
        PaguForm(request.POST),
        lambda data: services.update_pagu(
            funding=funding,
            raw=data["pagu"],
            reason=data["reason"],
            funding_source=data["funding_source"],
        ),
    )


def dpa(request, renja_id: int):
    renja = renja_for(request, renja_id, edit=request.method == "POST")
    read = RenjaRead(renja)
    errors = {}
    if request.method == "POST":
        amounts = {
            item.funding.pk: request.POST.get("dpa_{}".format(item.funding.pk), "")
            for item in read.items
            if "dpa_{}".format(item.funding.pk) in request.POST
        }
        try:
            changed = services.set_dpa(renja=renja, amounts=amounts)
        except ValidationError as error:
            errors = {key: " ".join(value) for key, value in error.message_dict.items()}
        else:
            messages.success(request, _("Pagu DPA disimpan ({} baris berubah).").format(changed))
            return redirect("sakip:renja", renja.pk)
    for item in read.items:
        item.dpa_error = errors.get("dpa_{}".format(item.funding.pk), "")
        item.dpa_typed = request.POST.get("dpa_{}".format(item.funding.pk), item.funding.dpa_raw)
    return render(
        request,
        "sakip/renja_dpa.html",
        {
            "renja": renja,
            "agency": renja.agency,
            "items": read.items,
            "errors": errors,
            "may_edit": request.user.has_perm("sakip.edit", renja.agency),
        },
    )


@require_POST
def finalize(request, renja_id: int):
    renja = renja_for(request, renja_id, edit=True)
    try:
        services.finalize_renja(renja=renja)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("{} final: tidak dapat diubah lagi.").format(renja))
    return redirect("sakip:renja", renja.pk)


@require_POST
def perubahan(request, renja_id: int):
    renja = renja_for(request, renja_id, edit=True)
    form = PerubahanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan Renja Perubahan."))
        return redirect("sakip:renja", renja.pk)
    try:
        new = services.renja_perubahan(
            renja=renja, reason=form.cleaned_data["reason"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("sakip:renja", renja.pk)
    messages.success(request, _("{} dibuat sebagai draf.").format(new))
    return redirect("sakip:renja", new.pk)


def findings(request, renja_id: int):
    renja = renja_for(request, renja_id)
    found = check_renja(renja)
    groups = [
        {"rule": rule, "findings": [f for f in found if f.rule == name]}
        for name, rule in RENJA_RULES.items()
    ]
    return render(
        request,
        "sakip/renja_findings.html",
        {"renja": renja, "agency": renja.agency, "groups": groups, "total": len(found)},
    )


def download(request, renja_id: int, fmt: str):
    renja = renja_for(request, renja_id)
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Format tidak dikenal."))
    paper = request.GET.get("kertas", "f4") if request.GET.get("kertas") in ("f4", "a4") else "f4"
    body = render_table(renja_table(renja), fmt, paper=paper)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = 'attachment; filename="renja-{}-{}-{}.{}"'.format(
        renja.agency.short_name.lower(), renja.year, renja.number, fmt
    )
    return response
