"""The organisation page of an agency (its units, who heads each, the programs and kegiatan
assigned to them) and its forms: a unit, a change of official, the assignment of programs and
kegiatan to units. Who may see and change it: renstra.accounts.rules
(plans.view_organization, plans.view_personnel, plans.edit_organization)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.plans.assignments import ASSIGNED_LEVELS, assignments_for, save_assignments
from renstra.plans.forms_organization import (
    OfficialChangeForm,
    UnitForm,
    add_service_errors,
    default_position,
)
from renstra.plans.forms_tree import AssignmentForm
from renstra.plans.models import Agency, PlanVersion, Unit
from renstra.plans.organization import read_organization, record_official_change, save_unit
from renstra.plans.readmodel import read_version

# Indonesian source texts (msgids), given in the active language where raised.
NOT_FOUND = gettext_noop("Perangkat Daerah tidak ditemukan.")
DENIED = gettext_noop(
    "Hanya perencana Perangkat Daerah ini dan administrator yang dapat mengubah susunan "
    "organisasi dan mencatat pergantian pejabat."
)


def _agency(request, agency_id: int, *, edit: bool = False) -> Agency:
    """The agency, if the user may see its organisation (else 404: whether it exists is not
    told) and, for `edit`, change it (else 403)."""
    agency = Agency.objects.select_related("region").filter(pk=agency_id).first()
    if agency is None or not request.user.has_perm("plans.view_organization", agency):
        raise Http404(_(NOT_FOUND))
    if edit and not request.user.has_perm("plans.edit_organization", agency):
        raise PermissionDenied(_(DENIED))
    return agency


def _unit(agency: Agency, unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id, agency=agency).select_related("agency__region").first()
    if unit is None:
        raise Http404(_("Unit kerja tidak ditemukan di Perangkat Daerah ini."))
    return unit


def _latest_version(user, agency: Agency, chosen=None) -> PlanVersion | None:
    """The newest version of the agency's newest plan that the user may read (or the version
    `chosen` by id, when the user may read it)."""
    versions = PlanVersion.objects.filter(plan__agency=agency).select_related(
        "plan__agency__region"
    )
    if chosen:
        versions = versions.filter(pk=int(chosen) if str(chosen).isdigit() else 0)
    for version in versions.order_by("-plan__period_start", "-number"):
        if user.has_perm("plans.view_version", version):
            return version
    return None


def organization(request, agency_id: int):
    agency = _agency(request, agency_id)
    day = datetime.date.today()
    version = _latest_version(request.user, agency)
    read = read_organization(agency, day=day, version=version)
    return render(
        request,
        "plans/organization.html",
        {
            "agency": agency,
            "org": read,
            "may_edit": request.user.has_perm("plans.edit_organization", agency),
            "show_personnel": request.user.has_perm("plans.view_personnel", agency),
        },
    )


def unit_create(request, agency_id: int):
    agency = _agency(request, agency_id, edit=True)
    return _unit_form(request, agency, Unit(agency=agency), _("Tambah unit kerja"))


def unit_edit(request, agency_id: int, unit_id: int):
    agency = _agency(request, agency_id, edit=True)
    unit = _unit(agency, unit_id)
    return _unit_form(request, agency, unit, _("Ubah unit kerja {}").format(unit.name))


def _unit_form(request, agency: Agency, unit: Unit, title: str):
    form = UnitForm(request.POST or None, instance=unit, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            save_unit(unit=form.instance)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Unit kerja {} disimpan.").format(form.instance.name))
            return redirect("plans:organization", agency.pk)
    return render(
        request,
        "plans/organization_form.html",
        {"agency": agency, "form": form, "title": title},
    )


def official_change(request, agency_id: int, unit_id: int):
    agency = _agency(request, agency_id, edit=True)
    unit = _unit(agency, unit_id)
    initial = {"position": default_position(unit), "start_date": datetime.date.today()}
    form = OfficialChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            official = record_official_change(unit=unit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("{name} tercatat sebagai {position} sejak {day}.").format(
                    name=official.name,
                    position=official.printed_position,
                    day=formats.date_format(official.start_date, "j F Y"),
                ),
            )
            return redirect("plans:organization", agency.pk)
    return render(
        request,
        "plans/organization_form.html",
        {
            "agency": agency,
            "form": form,
            "unit": unit,
            "title": _("Pergantian pejabat {}").format(unit.name),
            "history": list(unit.officials.order_by("-start_date")),
        },
    )


def assignments(request, agency_id: int):
    """Penugasan program dan kegiatan: the unit responsible for each program, kegiatan and sub
    kegiatan of a version (the latest the planner may read, or ?versi=ID), kept by the agency
    beside its plans, so that it holds for every version with the same codes."""
    agency = _agency(request, agency_id, edit=True)
    version = _latest_version(request.user, agency, request.GET.get("versi"))
    if version is None:
        raise Http404(_("Perangkat Daerah ini belum mempunyai Renstra untuk ditugaskan."))
    read = read_version(version)
    units = list(Unit.objects.filter(agency=agency).order_by("order", "name", "pk"))
    items = {level: read.items(level) for level in ASSIGNED_LEVELS}
    found = assignments_for(agency, {unit.pk: unit for unit in units}, items)
    form = AssignmentForm(request.POST or None, read=read, units=units, found=found)
    if request.method == "POST" and form.is_valid():
        try:
            changed = save_assignments(
                agency=agency, items_by_level=items, chosen=form.chosen(), user=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Penugasan disimpan: {} butir berubah.").format(changed))
            return redirect("plans:organization", agency.pk)
    return render(
        request,
        "plans/organization_assignments.html",
        {"agency": agency, "version": version, "form": form, "rows": list(form.bound_rows())},
    )
