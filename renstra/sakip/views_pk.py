"""The Perjanjian Kinerja pages of an agency: the PKs of a year by level (with the units still
without one), a PK made for a unit, the PK with its statement and annex tables (target and
anggaran changed with a reason while it is a draft), its date and place, signing, PK Perubahan
and the signed scan. Who may: renstra.sakip.rules through renstra.sakip.access; every write is
a service of renstra.sakip.agreements, which refuses a signed PK."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.checks.engine import Severity
from renstra.plans.choices import UnitKind
from renstra.sakip import agreements as services
from renstra.sakip.access import (
    agency_for,
    agreement_budget,
    agreement_for,
    agreement_scan,
    agreement_target,
)
from renstra.sakip.agreement_reads import (
    chosen_year,
    pk_years,
    read_agreement,
    region_head_on,
    year_list,
)
from renstra.sakip.chain import check_agreement
from renstra.sakip.forms import add_service_errors
from renstra.sakip.forms_pk import (
    AgreementBudgetForm,
    AgreementCreateForm,
    AgreementDayForm,
    AgreementPerubahanForm,
    AgreementTargetForm,
    ScanForm,
    SignForm,
    renja_years,
)


def pk_list(request, agency_id: int):
    agency = agency_for(request, agency_id)
    years = pk_years(agency)
    year = chosen_year(request.GET.get("tahun", ""), years)
    groups = year_list(agency, year)
    head_missing = any(g.missing and g.missing[0].kind == UnitKind.HEAD for g in groups)
    return render(
        request,
        "sakip/pk_list.html",
        {
            "agency": agency,
            "year": year,
            "years": years,
            "groups": groups,
            "has_renja": year in renja_years(agency),
            "no_region_head": head_missing
            and region_head_on(agency, services.default_day(year)) is None,
            "may_edit": request.user.has_perm("sakip.edit", agency),
        },
    )


def pk_create(request, agency_id: int):
    agency = agency_for(request, agency_id, edit=True)
    form = AgreementCreateForm(request.POST or None, agency=agency)
    form.initial = form.initial_for(request.GET.get("unit"), request.GET.get("tahun", ""))
    no_region_head = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = services.create_agreement(
                unit=data["unit"],
                year=data["year"],
                user=request.user,
                day=data["day"],
                place=data["place"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            day = data["day"] or services.default_day(data["year"])
            no_region_head = data["unit"].kind == UnitKind.HEAD and not region_head_on(agency, day)
        else:
            messages.success(request, _("{} dibuat sebagai draf.").format(agreement))
            return redirect("sakip:pk", agreement.pk)
    return render(
        request,
        "sakip/pk_create.html",
        {"agency": agency, "form": form, "no_region_head": no_region_head},
    )


def pk_page(request, agreement_id: int):
    agreement = agreement_for(request, agreement_id)
    agency = agreement.agency
    findings = check_agreement(agreement)
    return render(
        request,
        "sakip/pk.html",
        {
            "read": read_agreement(agreement),
            "errors": sum(f.severity == Severity.ERROR for f in findings),
            "warnings": sum(f.severity == Severity.WARNING for f in findings),
            "agreement": agreement,
            "agency": agency,
            "may_edit": request.user.has_perm("sakip.edit", agency),
            "may_sign": request.user.has_perm("sakip.sign", agency),
            "day_form": AgreementDayForm(initial={"day": agreement.day, "place": agreement.place}),
            "sign_form": SignForm(),
            "perubahan_form": AgreementPerubahanForm(),
            "scan_form": ScanForm(),
        },
    )


def _run(form, save) -> tuple[str, bool]:
    """(what to say, whether it failed) of running `save` on the form's data: the service's
    refusal, or the form's, as a sentence."""
    if not form.is_valid():
        return " ".join(m for ms in form.errors.values() for m in ms), True
    try:
        return save(form.cleaned_data), False
    except ValidationError as error:
        return " ".join(error.messages), True


def _done(request, agreement, form, save, anchor: str = ""):
    said, failed = _run(form, save)
    (messages.error if failed else messages.success)(request, said)
    return redirect(reverse("sakip:pk", args=[agreement.pk]) + anchor)


def _row_answer(request, agreement, form, save, anchor: str, template: str, context: dict):
    """A row's save: from the page's HTMX, the row's form again with what was said (and the new
    total for anggaran); as a plain POST, a message and back to the row."""
    if not request.headers.get("HX-Request"):
        return _done(request, agreement, form, save, anchor)
    said, failed = _run(form, save)
    context.update(agreement=agreement, said=said, failed=failed)
    return render(request, template, context)


@require_POST
def pk_target(request, agreement_id: int, target_id: int):
    agreement = agreement_for(request, agreement_id, perm="sakip.edit")
    target = agreement_target(agreement, target_id)

    def save(data):
        services.update_agreement_target(target=target, raw=data["target"], reason=data["reason"])
        return _("Target {} disimpan.").format(target.name)

    form = AgreementTargetForm(request.POST)
    anchor = "#pkt-{}".format(target.pk)
    context = {"t": target}
    return _row_answer(
        request, agreement, form, save, anchor, "sakip/_pk_target_form.html", context
    )


@require_POST
def pk_budget(request, agreement_id: int, budget_id: int):
    agreement = agreement_for(request, agreement_id, perm="sakip.edit")
    budget = agreement_budget(agreement, budget_id)
    context = {"b": budget}

    def save(data):
        services.update_agreement_budget(budget=budget, raw=data["amount"], reason=data["reason"])
        context["total"] = services.total_budget(agreement)
        return _("Anggaran {} disimpan.").format(budget)

    form = AgreementBudgetForm(request.POST)
    anchor = "#pkb-{}".format(budget.pk)
    return _row_answer(
        request, agreement, form, save, anchor, "sakip/_pk_budget_answer.html", context
    )


@require_POST
def pk_day(request, agreement_id: int):
    agreement = agreement_for(request, agreement_id, perm="sakip.edit")

    def save(data):
        services.update_agreement_day(agreement=agreement, day=data["day"], place=data["place"])
        return _("Tanggal dan tempat PK disimpan; para pihak adalah pejabat pada tanggal itu.")

    return _done(request, agreement, AgreementDayForm(request.POST), save)


@require_POST
def pk_sign(request, agreement_id: int):
    agreement = agreement_for(request, agreement_id, perm="sakip.sign")

    def save(data):
        services.sign_agreement(agreement=agreement, user=request.user)
        return _("{} ditandai ditandatangani: tidak dapat diubah lagi.").format(agreement)

    return _done(request, agreement, SignForm(request.POST), save)


@require_POST
def pk_perubahan(request, agreement_id: int):
    agreement = agreement_for(request, agreement_id, perm="sakip.edit")
    form = AgreementPerubahanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan alasan PK Perubahan."))
        return redirect("sakip:pk", agreement.pk)
    try:
        new = services.agreement_perubahan(
            agreement=agreement, reason=form.cleaned_data["reason"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("sakip:pk", agreement.pk)
    messages.success(request, _("{} dibuat sebagai draf.").format(new))
    return redirect("sakip:pk", new.pk)


@require_POST
def pk_scan_upload(request, agreement_id: int):
    agreement = agreement_for(request, agreement_id, perm="sakip.edit")

    def save(data):
        scan = services.upload_scan(agreement=agreement, upload=data["file"], user=request.user)
        return _("Pindaian {} diunggah.").format(scan.original_name)

    return _done(request, agreement, ScanForm(request.POST, request.FILES), save, "#pindaian")


def pk_scan(request, agreement_id: int, scan_id: int):
    agreement = agreement_for(request, agreement_id)
    scan = agreement_scan(agreement, scan_id)
    try:
        handle = scan.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Berkas pindaian tidak ditemukan di penyimpanan.")) from exc
    response = FileResponse(handle, as_attachment=True, filename=scan.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
