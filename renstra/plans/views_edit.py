"""Create, edit, delete (after listing what depends on the item) and reorder cascade items."""

from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.db import router, transaction
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.plans.editing import INDICATOR_OWNERS, KINDS, LABELS, siblings
from renstra.plans.permissions import version_for


def _kind(kind):
    if kind not in KINDS:
        raise Http404(_("Jenis butir tidak dikenal."))
    return KINDS[kind]


def _item(version, kind, item_id):
    model = _kind(kind)[0]
    item = model.objects.filter(pk=item_id).first()
    if item is None or item.plan_version_id() != version.pk:
        raise Http404(_("Butir tidak ditemukan pada versi ini."))
    return item


def _parent(version, kind, request):
    """The parent an item is created under: the version itself, or an item of the version."""
    _model, _form, parent_kind, _field = _kind(kind)
    if kind == "indikator":
        owner_kind = request.GET.get("pemilik") or request.POST.get("pemilik") or ""
        if owner_kind not in INDICATOR_OWNERS:
            raise Http404(_("Sebutkan pemilik indikator: tujuan, sasaran, program atau kegiatan."))
        return owner_kind, _item(
            version, owner_kind, request.GET.get("induk") or request.POST.get("induk")
        )
    if parent_kind is None:
        return None, version
    return parent_kind, _item(
        version, parent_kind, request.GET.get("induk") or request.POST.get("induk")
    )


def _back(version, kind, item_id=None):
    anchor = (
        "#{}-{}".format(kind, item_id)
        if item_id and kind in ("tujuan", "sasaran", "strategi", "program", "kegiatan")
        else ""
    )
    return redirect("/versi/{}/{}".format(version.pk, anchor))


def create_item(request, version_id: int, kind: str):
    version = version_for(request, version_id, "edit")
    model, form_class, _parent_kind, parent_field = _kind(kind)
    owner_kind, parent = _parent(version, kind, request)
    form = form_class(request.POST or None, version=version, parent=parent)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            item = form.save(commit=False)
            if kind == "indikator":
                item.version = version
                setattr(item, INDICATOR_OWNERS[owner_kind], parent)
                scope = model.objects.filter(**{INDICATOR_OWNERS[owner_kind]: parent})
            else:
                setattr(item, parent_field, parent)
                scope = model.objects.filter(**{parent_field: parent})
            item.order = (scope.aggregate(m=Max("order"))["m"] or 0) + 1
            item.save()
            form.save_m2m()
        messages.success(request, _("{} ditambahkan.").format(_(LABELS[kind])))
        return _back(version, kind, item.pk)
    return render(
        request,
        "plans/item_form.html",
        {
            "version": version,
            "form": form,
            "title": _("Tambah {}").format(_(LABELS[kind]).lower()),
            "parent": parent,
        },
    )


def edit_item(request, version_id: int, kind: str, item_id: int):
    version = version_for(request, version_id, "edit")
    item = _item(version, kind, item_id)
    form_class = _kind(kind)[1]
    parent = item.program if kind == "kegiatan" else None
    form = form_class(request.POST or None, instance=item, version=version, parent=parent)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("{} disimpan.").format(_(LABELS[kind])))
        return _back(version, kind, item.pk)
    return render(
        request,
        "plans/item_form.html",
        {
            "version": version,
            "form": form,
            "title": _("Ubah {}").format(_(LABELS[kind]).lower()),
            "item": item,
        },
    )


def delete_item(request, version_id: int, kind: str, item_id: int):
    version = version_for(request, version_id, "edit")
    item = _item(version, kind, item_id)
    if request.method == "POST":
        with transaction.atomic():
            item.delete()
        messages.success(
            request, _("{} dihapus beserta butir yang bergantung padanya.").format(_(LABELS[kind]))
        )
        return _back(version, kind)
    collector = NestedObjects(using=router.db_for_write(type(item)))
    collector.collect([item])
    dependents = collector.nested(
        lambda obj: "{}: {}".format(obj._meta.verbose_name.capitalize(), obj)
    )
    return render(
        request,
        "plans/item_delete.html",
        {"version": version, "item": item, "kind_label": _(LABELS[kind]), "dependents": dependents},
    )


@require_POST
def move_item(request, version_id: int, kind: str, item_id: int):
    version = version_for(request, version_id, "edit")
    item = _item(version, kind, item_id)
    ordered = list(siblings(item, kind))
    index = ordered.index(item)
    other = index - 1 if request.POST.get("arah") == "naik" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
        with transaction.atomic():
            for position, sibling in enumerate(ordered, start=1):
                if sibling.order != position:
                    sibling.order = position
                    sibling.save(update_fields=["order"])
    return _back(version, kind, item.pk)
