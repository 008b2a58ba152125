"""How views get a version they may use: one call, the same everywhere."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.plans.models import PlanVersion
from renstra.plans.queries import version_with_plan

ACTIONS = {
    "view": "plans.view_version",
    "edit": "plans.edit_version",
    "comment": "plans.comment_version",
    "review": "plans.review_version",
    "acknowledge": "checks.acknowledge",
    "monitor": "monitoring.view",
    "enter": "monitoring.enter",
    "decide": "monitoring.decide",
    "assign": "monitoring.assign",
}
TRANSITION_PERMS = {
    "submitted": "plans.submit_version",
    "returned": "plans.verify_version",
    "verified": "plans.verify_version",
    "approved": "plans.approve_version",
}


def version_for(request, version_id: int, action: str = "view") -> PlanVersion:
    """The version, if the user may see it (else 404: its existence is not revealed) and may
    do `action` with it (else 403 with an Indonesian message)."""
    try:
        version = version_with_plan(version_id)
    except PlanVersion.DoesNotExist as exc:
        raise Http404(_("Versi Renstra tidak ditemukan.")) from exc
    if not request.user.has_perm(ACTIONS["view"], version):
        raise Http404(_("Versi Renstra tidak ditemukan."))
    if action != "view" and not request.user.has_perm(ACTIONS[action], version):
        raise PermissionDenied(denied(action))
    return version


# Indonesian source texts (msgids); denied() gives them in the active language.
DENIED = {
    "edit": gettext_noop(
        "Anda tidak berhak mengubah versi ini: hanya perencana Perangkat Daerahnya yang dapat "
        "mengubah versi berstatus Draf atau Dikembalikan."
    ),
    "comment": gettext_noop(
        "Hanya verifikator Bappeda dan Perangkat Daerah pemilik Renstra yang dapat berkomentar."
    ),
    "review": gettext_noop("Hanya Perangkat Daerah pemilik Renstra yang dapat memulai review."),
    "acknowledge": gettext_noop("Hanya verifikator Bappeda yang dapat mengakui temuan."),
    "monitor": gettext_noop(
        "Pemantauan dan evaluasi hanya dapat dilihat oleh pengguna yang masuk dan berhak atas "
        "Renstra ini."
    ),
    "enter": gettext_noop(
        "Realisasi hanya dapat diisi oleh perencana atau kepala Perangkat Daerahnya, pada versi "
        "Renstra yang ditetapkan dan sedang berlaku."
    ),
    "decide": gettext_noop(
        "Realisasi hanya dapat disetujui atau dikembalikan oleh kepala Perangkat Daerahnya, pada "
        "versi Renstra yang sedang berlaku."
    ),
    "assign": gettext_noop(
        "Penanggung jawab indikator hanya dapat ditetapkan oleh Perangkat Daerahnya, pada versi "
        "Renstra yang sedang berlaku."
    ),
}


def denied(action: str) -> str:
    """Why `action` is refused, in the active language."""
    return _(DENIED.get(action, gettext_noop("Anda tidak berhak melakukan tindakan ini.")))


def may_transition(user, version, to_status: str) -> bool:
    perm = TRANSITION_PERMS.get(to_status)
    return bool(perm) and user.has_perm(perm, version)


def visible_versions(user, queryset):
    """The versions of `queryset` the user may see (for lists and search)."""
    return [v for v in queryset if user.has_perm(ACTIONS["view"], v)]
