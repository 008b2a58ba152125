"""The performance tree of a version (pohon kinerja): the drawing with its crosscutting links,
its PDF (the same SVG), its tables (the tree and the cascading per unit) in every table
format, and the crosscutting form. Whoever may read the version reads its tree; the agency's
planners and administrators (plans.edit_organization) add and remove crosscutting links."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.plans.crosscutting import (
    CrosscuttingLink,
    create_link,
    decide_link,
    delete_link,
    version_in_force,
)
from renstra.plans.forms_organization import add_service_errors
from renstra.plans.forms_tree import CrosscuttingForm, link_ends
from renstra.plans.models import Agency
from renstra.plans.performance_tree import build_tree, day_label
from renstra.plans.permissions import version_for
from renstra.plans.queries import version_with_plan
from renstra.plans.readmodel import read_version
from renstra.plans.tree_drawing import drawing_of, pdf_of, subtitle_lines, tree_title
from renstra.plans.tree_tables import cascade_table, tree_table
from renstra.render.formats import CONTENT_TYPES, PAPERS, render_table
from renstra.render.renderers.html import render_html_fragment

TABLES = {"pohon-kinerja": tree_table, "kaskade-kinerja": cascade_table}
TABLE_FORMATS = ("xlsx", "csv", "pdf")
DENIED = gettext_noop(
    "Hanya perencana Perangkat Daerah ini dan administrator yang dapat mengubah keterkaitan "
    "crosscutting."
)


def _may_link(request, version) -> bool:
    return request.user.has_perm("plans.edit_organization", version.plan.agency)


def performance_tree(request, version_id: int):
    version = version_for(request, version_id)
    tree = build_tree(version)
    drawing = drawing_of(tree)
    return render(
        request,
        "plans/tree.html",
        {
            "version": version,
            "tree": tree,
            # Made by render.tree_svg, which escapes every text it draws.
            "svg": mark_safe(drawing.svg),
            "title": tree_title(tree),
            "subtitle": subtitle_lines(tree, example_note=False),
            "day": day_label(tree.day),
            "may_link": _may_link(request, version),
            "outgoing": [view for view in tree.links if not view.incoming],
            "incoming": [view for view in tree.links if view.incoming],
        },
    )


def tree_pdf(request, version_id: int):
    version = version_for(request, version_id)
    paper = _paper(request)
    body = pdf_of(build_tree(version), paper=paper)
    return _download(body, "pdf", _file_name(version, "pohon-kinerja", "pdf"))


def tree_download(request, version_id: int, key: str, fmt: str):
    version = version_for(request, version_id)
    if key not in TABLES or fmt not in TABLE_FORMATS:
        raise Http404(_("Tabel atau format tidak dikenal."))
    table = TABLES[key](build_tree(version))
    body = render_table(table, fmt, excel=request.GET.get("excel") == "1", paper=_paper(request))
    return _download(body, fmt, _file_name(version, key, fmt))


def cascade(request, version_id: int):
    """The cascading of performance per unit, as a table page with its downloads."""
    version = version_for(request, version_id)
    table = cascade_table(build_tree(version))
    return render(
        request,
        "plans/tree_cascade.html",
        {"version": version, "table": table, "table_html": render_html_fragment(table)},
    )


def crosscutting_create(request, version_id: int):
    version = version_for(request, version_id)
    if not _may_link(request, version):
        raise PermissionDenied(_(DENIED))
    agency = version.plan.agency
    partners = (
        Agency.objects.filter(region_id=agency.region_id)
        .exclude(pk=agency.pk)
        .annotate(version_in_force=version_in_force("pk"))
        .filter(version_in_force__isnull=False)
        .order_by("short_name")
    )
    chosen = partners.filter(
        pk=_int(request.POST.get("to_agency") or request.GET.get("ke"))
    ).first()
    target_version = version_with_plan(chosen.version_in_force) if chosen is not None else None
    readable = target_version is not None and request.user.has_perm(
        "plans.view_version", target_version
    )
    form = CrosscuttingForm(
        request.POST or None,
        initial={"to_agency": chosen, "source": request.GET.get("butir")},
        sources=link_ends(read_version(version)),
        agencies=partners,
        targets=link_ends(read_version(target_version)) if readable else [],
    )
    if request.method == "POST" and form.is_valid() and form.cleaned_data["target"] is not None:
        data = form.cleaned_data
        try:
            create_link(
                from_agency=agency,
                source=data["source"],
                to_agency=data["to_agency"],
                target=data["target"],
                note=data["note"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Keterkaitan crosscutting disimpan."))
            return redirect("plans:tree", version.pk)
    context = {"version": version, "form": form, "partner": chosen, "readable": readable}
    context.update(target_version=target_version, has_partners=partners.exists())
    return render(request, "plans/tree_crosscutting_form.html", context)


def crosscutting_delete(request, version_id: int, link_id: int):
    version = version_for(request, version_id)
    if not _may_link(request, version):
        raise PermissionDenied(_(DENIED))
    agency = version.plan.agency
    link = CrosscuttingLink.objects.filter(pk=link_id).first()
    if link is None or agency.pk not in (link.from_agency_id, link.to_agency_id):
        raise Http404(_("Keterkaitan crosscutting tidak ditemukan di Perangkat Daerah ini."))
    if request.method != "POST":
        return redirect("plans:tree", version.pk)
    delete_link(link=link)
    messages.success(request, _("Keterkaitan crosscutting dihapus."))
    return redirect("plans:tree", version.pk)


def crosscutting_decide(request, version_id: int, link_id: int):
    """The receiving agency accepts a link coming in to it, or rejects it with a reason."""
    version = version_for(request, version_id)
    if not _may_link(request, version):
        raise PermissionDenied(_(DENIED))
    link = CrosscuttingLink.objects.filter(pk=link_id, to_agency=version.plan.agency_id).first()
    if link is None:
        raise Http404(_("Keterkaitan crosscutting ke Perangkat Daerah ini tidak ditemukan."))
    if request.method != "POST":
        return redirect("plans:tree", version.pk)
    accept = request.POST.get("keputusan") == "terima"
    try:
        decide_link(link=link, accept=accept, note=request.POST.get("note", ""), user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Keterkaitan crosscutting diterima.")
            if accept
            else _(
                "Keterkaitan crosscutting ditolak; Perangkat Daerah pengusul melihat alasannya."
            ),
        )
    return redirect("plans:tree", version.pk)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _paper(request) -> str:
    paper = request.GET.get("kertas", "f4")
    if paper not in PAPERS:
        raise Http404(_("Ukuran kertas tidak dikenal; pilih f4 atau a4."))
    return paper


def _file_name(version, key: str, fmt: str) -> str:
    agency = version.plan.agency.short_name.lower().replace(" ", "-")
    return "{}-{}-v{}.{}".format(key, agency, version.number, fmt)


def _download(body: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = 'attachment; filename="{}"'.format(name)
    return response
