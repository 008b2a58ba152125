"""Create, edit, delete (after listing what depends on the item) and reorder cascade items: the
pages read the request and validate the form; the writes are renstra.plans.services."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.plans import services
from renstra.plans.editing import (
    FORMS,
    INDICATOR_OWNER_KINDS,
    dependents,
    form_parent,
    model_of,
)
from renstra.plans.levels import ANCHORED_KINDS, BY_KEY, INDICATOR, kind_label
from renstra.plans.permissions import version_for


def _form_class(kind: str):
    if kind not in FORMS:
        raise Http404(_("Jenis butir tidak dikenal."))
    return FORMS[kind]


def _item(version, kind, item_id):
    _form_class(kind)
    item = model_of(kind).objects.filter(pk=item_id).first()
    if item is None or item.plan_version_id() != version.pk:
        raise Http404(_("Butir tidak ditemukan pada versi ini."))
    return item


def _parent(version, kind, request):
    """The parent an item is created under: the version itself, or an item of the version."""
    _form_class(kind)
    parent_id = request.GET.get("induk") or request.POST.get("induk")
    if kind == INDICATOR:
        owner_kind = request.GET.get("pemilik") or request.POST.get("pemilik") or ""
        if owner_kind not in INDICATOR_OWNER_KINDS:
            raise Http404(_("Sebutkan pemilik indikator: tujuan, sasaran, program atau kegiatan."))
        return _item(version, owner_kind, parent_id)
    level = BY_KEY[kind]
    if level.parent is None:
        return version
    return _item(version, level.parent, parent_id)


def _back(version, kind, item_id=None):
    anchor = "#{}-{}".format(kind, item_id) if item_id and kind in ANCHORED_KINDS else ""
    return redirect("/versi/{}/{}".format(version.pk, anchor))


def create_item(request, version_id: int, kind: str):
    version = version_for(request, version_id, "edit")
    parent = _parent(version, kind, request)
    form = _form_class(kind)(request.POST or None, version=version, parent=parent)
    if request.method == "POST" and form.is_valid():
        item = services.create_item(
            version=version, kind=kind, parent=parent, data=form.cleaned_data, user=request.user
        )
        messages.success(request, _("{} ditambahkan.").format(kind_label(kind)))
        return _back(version, kind, item.pk)
    return render(
        request,
        "plans/item_form.html",
        {
            "version": version,
            "form": form,
            "title": _("Tambah {}").format(kind_label(kind).lower()),
            "parent": parent,
        },
    )


def edit_item(request, version_id: int, kind: str, item_id: int):
    version = version_for(request, version_id, "edit")
    item = _item(version, kind, item_id)
    parent = form_parent(version, kind, item)
    form = _form_class(kind)(request.POST or None, instance=item, version=version, parent=parent)
    if request.method == "POST" and form.is_valid():
        services.update_item(
            version=version, kind=kind, item=item, data=form.cleaned_data, user=request.user
        )
        messages.success(request, _("{} disimpan.").format(kind_label(kind)))
        return _back(version, kind, item.pk)
    return render(
        request,
        "plans/item_form.html",
        {
            "version": version,
            "form": form,
            "title": _("Ubah {}").format(kind_label(kind).lower()),
            "item": item,
        },
    )


def delete_item(request, version_id: int, kind: str, item_id: int):
    version = version_for(request, version_id, "edit")
    item = _item(version, kind, item_id)
    if request.method == "POST":
        services.delete_item(version=version, kind=kind, item=item, user=request.user)
        messages.success(
            request, _("{} dihapus beserta butir yang bergantung padanya.").format(kind_label(kind))
        )
        return _back(version, kind)
    return render(
        request,
        "plans/item_delete.html",
        {
            "version": version,
            "item": item,
            "kind_label": kind_label(kind),
            "dependents": dependents(item),
        },
    )


@require_POST
def move_item(request, version_id: int, kind: str, item_id: int):
    version = version_for(request, version_id, "edit")
    item = _item(version, kind, item_id)
    up = request.POST.get("arah") == "naik"
    services.move_item(version=version, kind=kind, item=item, up=up, user=request.user)
    return _back(version, kind, item.pk)
