"""Pages of a version's life: status and transitions, review, comments, history, "as of"."""

from datetime import datetime, time

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_POST

from renstra.plans.choices import VersionStatus
from renstra.plans.models import PlanVersion
from renstra.plans.queries import version_with_plan
from renstra.review import services
from renstra.review.history import KIND_LABELS, version_history
from renstra.review.models import Comment
from renstra.review.snapshot import snapshot_as_of

COMMENTABLE = {
    "goal",
    "objective",
    "strategy",
    "policydirection",
    "program",
    "activity",
    "indicator",
}


def _version(version_id):
    try:
        return version_with_plan(version_id)
    except PlanVersion.DoesNotExist as exc:
        raise Http404("Versi Renstra tidak ditemukan.") from exc


def _next_statuses(version):
    return [
        (to, VersionStatus(to).label, label)
        for (frm, to), label in services.TRANSITIONS.items()
        if frm == version.status
    ]


def status_page(request, version_id: int):
    version = _version(version_id)
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
            "next_statuses": _next_statuses(version),
            "comments": comments,
            "kinds": sorted((k, v) for k, v in KIND_LABELS.items() if k in COMMENTABLE),
        },
    )


def _require_login(request):
    if not request.user.is_authenticated:
        return HttpResponseForbidden(
            "Masuk (login) dahulu untuk mengubah status, mereviu atau berkomentar."
        )
    return None


@require_POST
def transition(request, version_id: int):
    version = _version(version_id)
    if denied := _require_login(request):
        return denied
    try:
        services.change_status(
            version=version,
            to_status=request.POST.get("to", ""),
            user=request.user,
            note=request.POST.get("note", ""),
        )
        messages.success(request, "Status versi diubah.")
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("review:status", version_id=version.pk)


@require_POST
def review(request, version_id: int):
    version = _version(version_id)
    if denied := _require_login(request):
        return denied
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
    messages.success(request, "Review dimulai: versi {} (draf).".format(draft.number))
    return redirect("review:status", version_id=draft.pk)


@require_POST
def comment(request, version_id: int):
    version = _version(version_id)
    if denied := _require_login(request):
        return denied
    try:
        services.add_comment(
            version=version,
            user=request.user,
            text=request.POST.get("text", ""),
            kind=request.POST.get("kind", ""),
            item_id=request.POST.get("item_id") or None,
            reply_to=request.POST.get("reply_to") or None,
        )
        messages.success(request, "Komentar disimpan.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("review:status", version_id=version.pk)


@require_POST
def resolve(request, version_id: int, comment_id: int):
    version = _version(version_id)
    if denied := _require_login(request):
        return denied
    try:
        services.resolve_comment(version=version, comment_id=comment_id, user=request.user)
        messages.success(request, "Komentar ditandai selesai.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("review:status", version_id=version.pk)


def history_page(request, version_id: int):
    version = _version(version_id)
    kind = request.GET.get("jenis", "")
    item_id = request.GET.get("id")
    entries = version_history(
        version, kind=kind, item_id=int(item_id) if item_id and item_id.isdigit() else None
    )
    return render(
        request,
        "review/history.html",
        {
            "version": version,
            "entries": entries[:500],
            "total": len(entries),
            "kind": kind,
            "kinds": KIND_LABELS,
        },
    )


def as_of_page(request, version_id: int):
    version = _version(version_id)
    raw = request.GET.get("tanggal", "")
    when = parse_datetime(raw) if "T" in raw or " " in raw else None
    if when is None and parse_date(raw):
        when = datetime.combine(parse_date(raw), time.max)
    if when is None:
        when = timezone.now()
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    snapshot = snapshot_as_of(version, when)
    return render(
        request,
        "review/as_of.html",
        {"version": version, "snapshot": snapshot, "when": when, "raw": raw},
    )


def _content_type(kind: str):
    return ContentType.objects.get(app_label="plans", model=kind)
