"""Status transitions and reviews of plan versions. Every write of the lifecycle goes here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.plans.choices import VersionStatus as S
from renstra.plans.history import bulk_create_with_history
from renstra.plans.models import (
    Activity,
    Funding,
    Goal,
    Indicator,
    Objective,
    PlanVersion,
    PolicyDirection,
    Program,
    Strategy,
    SubActivity,
    Target,
)
from renstra.review.models import Comment, StatusChange

# (from, to): who does it in practice, for the messages (Indonesian msgids; shown via gettext)
TRANSITIONS = {
    (S.DRAFT, S.SUBMITTED): gettext_noop("diajukan oleh Perangkat Daerah"),
    (S.RETURNED, S.SUBMITTED): gettext_noop("diajukan kembali oleh Perangkat Daerah"),
    (S.SUBMITTED, S.RETURNED): gettext_noop("dikembalikan oleh Bappeda"),
    (S.SUBMITTED, S.VERIFIED): gettext_noop("diverifikasi oleh Bappeda"),
    (S.VERIFIED, S.RETURNED): gettext_noop("dikembalikan oleh Bappeda"),
    (S.VERIFIED, S.APPROVED): gettext_noop("ditetapkan"),
}


@transaction.atomic
def change_status(
    *, version: PlanVersion, to_status: str, user=None, note: str = ""
) -> StatusChange:
    """Move a version to `to_status`, recording who, when and why. Approving a version
    supersedes the plan's earlier approved version."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    current = version.status
    if (current, to_status) not in TRANSITIONS:
        raise ValidationError(
            _("Status versi tidak dapat berubah dari '{}' menjadi '{}'.").format(
                S(current).label, S(to_status).label
            )
        )
    if to_status == S.RETURNED and not note.strip():
        raise ValidationError(
            _("Tuliskan alasan pengembalian agar Perangkat Daerah tahu apa yang diperbaiki.")
        )
    if to_status == S.APPROVED:
        for older in PlanVersion.objects.filter(plan=version.plan, status=S.APPROVED).exclude(
            pk=version.pk
        ):
            older.status = S.SUPERSEDED
            older.save(update_fields=["status"])
            StatusChange.objects.create(
                version=older,
                from_status=S.APPROVED,
                to_status=S.SUPERSEDED,
                changed_by=user,
                note="Digantikan oleh versi {}.".format(version.number),
            )
    version.status = to_status
    version.save(update_fields=["status"])
    return StatusChange.objects.create(
        version=version,
        from_status=current,
        to_status=to_status,
        changed_by=user,
        note=note.strip(),
    )


def _clone(obj, **changes):
    clone = type(obj)()
    for field in obj._meta.concrete_fields:
        if field.primary_key:
            continue
        setattr(clone, field.attname, getattr(obj, field.attname))
    for name, value in changes.items():
        setattr(clone, name, value)
    return clone


def _copy_all(model, originals, changes_for) -> dict:
    """Copy every original (with `changes_for(original)` applied) in one insert that also writes
    their history; returns the copies by the original's pk."""
    originals = list(originals)
    copies = [_clone(original, **changes_for(original)) for original in originals]
    bulk_create_with_history(model, copies)
    return {original.pk: copy for original, copy in zip(originals, copies, strict=True)}


@transaction.atomic
def start_review(
    *, version: PlanVersion, reason: str, legal_basis: str = "", user=None, label: str = ""
) -> PlanVersion:
    """A review (perubahan Renstra) of an approved version: a new draft version that copies every
    item, each remembering the item it was copied from."""
    if version.status != S.APPROVED:
        raise ValidationError(_("Review hanya dapat dimulai dari versi yang sudah ditetapkan."))
    if not reason.strip():
        raise ValidationError(_("Tuliskan alasan review, mis. 'tindak lanjut penilaian SAKIP'."))
    number = (
        PlanVersion.objects.filter(plan=version.plan).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    draft = PlanVersion.objects.create(
        plan=version.plan,
        number=number,
        label=label or "Review {} (versi {})".format(version.plan.title, number),
        revises=version,
        revision_reason=reason.strip(),
        legal_basis=legal_basis.strip(),
        rpjmd_note=version.rpjmd_note,
        source="Review dari versi {}".format(version.number),
    )
    draft.missions.set(version.missions.all())
    StatusChange.objects.create(
        version=draft,
        from_status="",
        to_status=S.DRAFT,
        changed_by=user,
        note="Review dari versi {}: {}".format(version.number, reason.strip()),
    )
    goals = _copy_all(
        Goal,
        Goal.objects.filter(version=version).order_by("order", "pk"),
        lambda goal: {"version_id": draft.pk, "copied_from_id": goal.pk},
    )
    objectives = _copy_all(
        Objective,
        Objective.objects.filter(goal__version=version).order_by("order", "pk"),
        lambda o: {"goal": goals[o.goal_id], "copied_from_id": o.pk},
    )
    strategies = _copy_all(
        Strategy,
        Strategy.objects.filter(objective__goal__version=version).order_by("order", "pk"),
        lambda s: {"objective": objectives[s.objective_id], "copied_from_id": s.pk},
    )
    _copy_all(
        PolicyDirection,
        PolicyDirection.objects.filter(strategy__objective__goal__version=version).order_by(
            "order", "pk"
        ),
        lambda pd: {"strategy": strategies[pd.strategy_id], "copied_from_id": pd.pk},
    )
    programs = _copy_all(
        Program,
        Program.objects.filter(version=version).order_by("order", "pk"),
        lambda p: {"version_id": draft.pk, "copied_from_id": p.pk},
    )
    links = Program.objectives.through
    links.objects.bulk_create(
        links(program_id=programs[program_id].pk, objective_id=objectives[objective_id].pk)
        for program_id, objective_id in links.objects.filter(program__version=version).values_list(
            "program_id", "objective_id"
        )
    )
    activities = _copy_all(
        Activity,
        Activity.objects.filter(program__version=version).order_by("order", "pk"),
        lambda a: {
            "program": programs[a.program_id],
            "copied_from_id": a.pk,
            "program_indicator_id": None,
        },
    )
    sub_activities = _copy_all(
        SubActivity,
        SubActivity.objects.filter(activity__program__version=version).order_by("order", "pk"),
        lambda sub: {"activity": activities[sub.activity_id], "copied_from_id": sub.pk},
    )
    owners = {
        "goal_id": goals,
        "objective_id": objectives,
        "program_id": programs,
        "activity_id": activities,
        "sub_activity_id": sub_activities,
    }

    def indicator_changes(indicator) -> dict:
        changes = {"version_id": draft.pk, "copied_from_id": indicator.pk}
        for attr, mapping in owners.items():
            if getattr(indicator, attr):
                changes[attr] = mapping[getattr(indicator, attr)].pk
        return changes

    indicators = _copy_all(
        Indicator,
        Indicator.objects.filter(version=version).order_by("order", "pk"),
        indicator_changes,
    )
    grouped = Activity.objects.filter(program__version=version, program_indicator__isnull=False)
    for old_id, indicator_id in grouped.values_list("pk", "program_indicator_id"):
        activities[old_id].program_indicator_id = indicators[indicator_id].pk
        activities[old_id].save(update_fields=["program_indicator"])
    bulk_create_with_history(
        Target,
        [
            _clone(t, indicator=indicators[t.indicator_id])
            for t in Target.objects.filter(indicator__version=version)
        ],
    )
    bulk_create_with_history(
        Funding,
        [
            _clone(
                f,
                program=programs.get(f.program_id),
                activity=activities.get(f.activity_id),
                sub_activity=sub_activities.get(f.sub_activity_id),
            )
            for f in Funding.objects.filter(
                Q(program__version=version)
                | Q(activity__program__version=version)
                | Q(sub_activity__activity__program__version=version)
            )
        ],
    )
    return draft


COMMENTABLE_MODELS = {
    "goal": Goal,
    "objective": Objective,
    "strategy": Strategy,
    "policydirection": PolicyDirection,
    "program": Program,
    "activity": Activity,
    "indicator": Indicator,
}


def add_comment(
    *, version, user, text: str, kind: str = "", item_id=None, reply_to=None
) -> Comment:
    """A comment on the version or one of its items, or a reply to an earlier comment."""
    from django.contrib.contenttypes.models import ContentType

    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Komentar tidak boleh kosong."))
    parent = None
    if reply_to:
        parent = Comment.objects.filter(pk=reply_to, version=version).first()
        if parent is None:
            raise ValidationError(_("Komentar yang dibalas tidak ditemukan pada versi ini."))
    content_type = None
    if kind:
        model = COMMENTABLE_MODELS.get(kind)
        if model is None:
            raise ValidationError(_("Jenis butir '{}' tidak dikenal.").format(kind))
        item = model.objects.filter(pk=item_id).first() if item_id else None
        if item is None or item.plan_version_id() != version.pk:
            raise ValidationError(_("Butir yang dikomentari tidak ada pada versi ini."))
        content_type = ContentType.objects.get_for_model(model)
    return Comment.objects.create(
        version=version,
        author=user,
        text=text,
        content_type=content_type,
        object_id=int(item_id) if content_type else None,
        reply_to=parent,
    )


def resolve_comment(*, version, comment_id: int, user) -> Comment:
    from django.utils import timezone

    comment = Comment.objects.filter(pk=comment_id, version=version, reply_to=None).first()
    if comment is None:
        raise ValidationError(_("Komentar tidak ditemukan pada versi ini."))
    if comment.resolved_at:
        raise ValidationError(_("Komentar ini sudah diselesaikan."))
    comment.resolved_at = timezone.now()
    comment.resolved_by = user
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment
