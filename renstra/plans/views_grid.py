"""The grid of targets and funding of one program: the page, and the save of one row (HTMX)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from renstra.plans import grid
from renstra.plans.grid import may_edit, read_only_reason
from renstra.plans.permissions import denied, version_for

STATUS = {grid.SAVED: 200, grid.UNCHANGED: 200, grid.CONFLICT: 409, grid.INVALID: 422}
VALUE_FIELD = "nilai_{}"
SEEN_FIELD = "asal_{}"  # the value a cell showed when the row was rendered


@require_GET
def program_grid(request, version_id: int, program_id: int):
    version = version_for(request, version_id, "view")
    try:
        program = grid.program_for_grid(version, program_id)
    except grid.RowNotFound as exc:
        raise Http404(_("Program tidak ditemukan pada versi ini.")) from exc
    years = version.plan.target_years
    can_edit = may_edit(request.user, version)
    context = {
        "version": version,
        "plan": version.plan,
        "program": program,
        "years": years,
        "rows": grid.program_rows(program, years),
        "can_edit": can_edit,
        "read_only_reason": "" if can_edit else read_only_reason(request.user, version),
        "save_url": reverse("plans:grid_row", args=[version.pk]),
    }
    return render(request, "plans/grid.html", context)


@require_POST
def save_grid_row(request, version_id: int):
    try:
        version = version_for(request, version_id, "edit")
        key = _row_key(request.POST)
        if key is None:
            return HttpResponseBadRequest(
                _("Permintaan tidak lengkap: jenis baris, pemilik atau nomor baris tidak dikenal.")
            )
        years = version.plan.target_years
        row = grid.save_row(
            version=version,
            key=key,
            values=_per_year(request.POST, VALUE_FIELD, years),
            token=request.POST.get("token", ""),
            seen=_per_year(request.POST, SEEN_FIELD, years),
        )
    except grid.RowNotFound as exc:
        raise Http404(_("Baris tidak ditemukan pada versi ini.")) from exc
    except PermissionDenied as exc:  # missing permission, or the version is locked (VersionLocked)
        return _denied(str(exc) or denied("edit"))
    context = {
        "row": row,
        "years": years,
        "can_edit": True,
        "save_url": reverse("plans:grid_row", args=[version.pk]),
    }
    return HttpResponse(
        render_to_string("plans/grid_row.html", context, request=request),
        status=STATUS[row.outcome],
    )


def _per_year(post, name: str, years: list[int]) -> dict[int, str]:
    return {y: post[name.format(y)] for y in years if name.format(y) in post}


def _row_key(post) -> "grid.RowKey | None":
    try:
        return grid.RowKey(post.get("kind", ""), post.get("owner", ""), int(post.get("id", "")))
    except ValueError:
        return None


def _denied(message: str) -> HttpResponse:
    """403 with the message, shown above the grid: the row keeps what was typed (still marked)."""
    response = HttpResponse(
        format_html('<p class="grid-error" role="alert">{}</p>', message), status=403
    )
    response["HX-Retarget"] = "#grid-message"
    response["HX-Reswap"] = "innerHTML"
    return response
