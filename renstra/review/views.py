"""Pages of a version's life: status and transitions, review, comments, history, "as of"."""

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.plans.choices import VersionStatus
from renstra.plans.levels import kind_label
from renstra.plans.permissions import may_transition, version_for
from renstra.plans.titles import running_title
from renstra.render.formats import CONTENT_TYPES, render_table
from renstra.review import services
from renstra.review.comparison_page import Choice, correction, page_context
from renstra.review.diff import check_pair, compare_versions, set_match
from renstra.review.diff_table import comparison_table
from renstra.review.history import kind_labels, version_history
from renstra.review.models import Comment
from renstra.review.snapshot import KINDS, snapshot_as_of

HISTORY_PAGE_SIZE = 100


def _item_kinds() -> list[tuple[str, str]]:
    """(kind, label in the active language) of every kind of item of a snapshot."""
    return [(kind, kind_label(kind)) for kind in KINDS]


def _version(request, version_id, action="view"):
    return version_for(request, version_id, action)


def _next_statuses(user, version):
    return [
        (to, VersionStatus(to).label, _(label))
        for (frm, to), label in services.TRANSITIONS.items()
        if frm == version.status and may_transition(user, version, to)
    ]


def status_page(request, version_id: int):
    version = _version(request, version_id)
    may_review = request.user.has_perm("plans.review_version", version)
    # Where a review may start: the number it would take, or the open draft to go on with.
    reviewable = may_review and version.status == VersionStatus.APPROVED
    comments = list(
        Comment.objects.filter(version=version, reply_to=None)
        .select_related("author", "resolved_by", "content_type")
        .prefetch_related("replies__author")
    )
    return render(
        request,
        "review/status.html",
        {
            "version": version,
            "changes": version.status_changes.select_related("changed_by"),
            "next_statuses": _next_statuses(request.user, version),
            "may_review": may_review,
            "plan_versions": services.plan_versions(version.plan_id) if reviewable else None,
            "may_comment": request.user.has_perm("plans.comment_version", version),
            "comments": comments,
            "kinds": sorted(
                (k, v) for k, v in kind_labels().items() if k in services.commentable_models()
            ),
        },
    )


@require_POST
def transition(request, version_id: int):
    version = _version(request, version_id)
    if not may_transition(request.user, version, request.POST.get("to", "")):
        return HttpResponseForbidden(
            _("Anda tidak berhak mengubah status versi ini menjadi status itu.")
        )
    try:
        services.change_status(
            version=version,
            to_status=request.POST.get("to", ""),
            user=request.user,
            note=request.POST.get("note", ""),
        )
        messages.success(request, _("Status versi diubah."))
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("review:status", version_id=version.pk)


@require_POST
def review(request, version_id: int):
    version = _version(request, version_id, "review")
    try:
        draft = services.start_review(
            version=version,
            reason=request.POST.get("reason", ""),
            legal_basis=request.POST.get("legal_basis", ""),
            user=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("review:status", version_id=version.pk)
    messages.success(request, _("Review dimulai: versi {} (draf).").format(draft.number))
    return redirect("review:status", version_id=draft.pk)


@require_POST
def comment(request, version_id: int):
    version = _version(request, version_id, "comment")
    try:
        services.add_comment(
            version=version,
            user=request.user,
            text=request.POST.get("text", ""),
            kind=request.POST.get("kind", ""),
            item_id=request.POST.get("item_id") or None,
            reply_to=request.POST.get("reply_to") or None,
        )
        messages.success(request, _("Komentar disimpan."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("review:status", version_id=version.pk)


@require_POST
def resolve(request, version_id: int, comment_id: int):
    version = _version(request, version_id, "comment")
    try:
        services.resolve_comment(version=version, comment_id=comment_id, user=request.user)
        messages.success(request, _("Komentar ditandai selesai."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("review:status", version_id=version.pk)


def history_page(request, version_id: int):
    version = _version(request, version_id)
    kind = request.GET.get("jenis", "")
    item_id = request.GET.get("id", "")
    entries = version_history(
        version, kind=kind, item_id=int(item_id) if item_id.isdigit() else None
    )
    # The page shows a page of entries; the download (renstra.review.history_table) all of them.
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "review/history.html",
        {
            "version": version,
            "page": page,
            "page_numbers": list(page.paginator.get_elided_page_range(page.number)),
            "total": len(entries),
            "kind": kind,
            "kinds": kind_labels(),
        },
    )


def as_of_page(request, version_id: int):
    version = _version(request, version_id)
    raw = request.GET.get("tanggal", "")
    when = parse_datetime(raw) if "T" in raw or " " in raw else None
    if when is None and parse_date(raw):
        when = datetime.combine(parse_date(raw), time.max)
    if when is None:
        when = timezone.now()
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    snapshot = snapshot_as_of(version, when)
    labels = dict(_item_kinds())
    items = [(labels.get(item.kind, item.kind), item) for item in snapshot.items.values()]
    return render(
        request,
        "review/as_of.html",
        {"version": version, "snapshot": snapshot, "items": items, "when": when, "raw": raw},
    )


def _pair(request):
    try:
        old = _version(request, int(request.GET.get("dari") or request.POST.get("dari") or 0))
        new = _version(request, int(request.GET.get("ke") or request.POST.get("ke") or 0))
        check_pair(old, new)
    except (ValueError, ValidationError) as exc:
        raise Http404(
            " ".join(getattr(exc, "messages", [_("Pilih dua versi: ?dari=ID&ke=ID.")]))
        ) from exc
    return old, new


def comparison_page(request):
    """Perbandingan dua versi: the counts, the differences of the chosen filter, downloads, and
    corrections of the matching."""
    old, new = _pair(request)
    choice = Choice.of(request.GET)
    context = page_context(compare_versions(old, new), choice, old, new)
    return render(request, "review/comparison.html", {"old": old, "new": new, **context})


def comparison_download(request, fmt: str):
    """The table of the page's filter (every difference by default) as CSV, XLSX, PDF, HTML."""
    old, new = _pair(request)
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Format tidak dikenal."))
    choice = Choice.of(request.GET)
    table = comparison_table(old, new, statuses=choice.statuses, kinds=choice.kinds)
    table.running_title = running_title(new)
    response = HttpResponse(render_table(table, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = 'attachment; filename="perbandingan-v{}-v{}.{}"'.format(
        old.number, new.number, fmt
    )
    return response


@require_POST
def comparison_match(request):
    old, new = _pair(request)
    if not request.user.has_perm("plans.comment_version", new):
        return HttpResponseForbidden(
            _(
                "Hanya Perangkat Daerah pemilik Renstra dan verifikator yang dapat mengoreksi "
                "pasangan."
            )
        )
    try:
        kind, old_id, new_id = correction(request.POST)
        set_match(
            old_version=old,
            new_version=new,
            kind=kind,
            old_id=old_id,
            new_id_or_None=new_id,
            user=request.user,
        )
        messages.success(
            request, _("Pasangan dikoreksi; koreksi ini disimpan untuk perbandingan berikutnya.")
        )
    except (ValueError, ValidationError) as exc:
        messages.error(
            request, " ".join(getattr(exc, "messages", [_("Isi id butir dengan angka.")]))
        )
    return redirect("{}?dari={}&ke={}".format(reverse("review:comparison"), old.pk, new.pk))
