"""Status transitions and reviews of plan versions. Every write of the lifecycle goes here."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from simple_history.utils import bulk_update_with_history

from renstra.plans.choices import EDITABLE_STATUSES
from renstra.plans.choices import VersionStatus as S
from renstra.plans.history import bulk_create_with_history, current_change_path
from renstra.plans.levels import FUNDED, INDICATOR_OWNERS, LEVELS
from renstra.plans.models import (
    Activity,
    Funding,
    Indicator,
    Plan,
    PlanVersion,
    Program,
    Target,
)
from renstra.plans.readmodel import VersionRead, read_version
from renstra.review.history import COPY_REASON
from renstra.review.models import Comment, StatusChange
from renstra.review.snapshot import REVIEWED_LEVELS

# (from, to): who does it in practice, for the messages (Indonesian msgids; shown via gettext)
TRANSITIONS = {
    (S.DRAFT, S.SUBMITTED): gettext_noop("diajukan oleh Perangkat Daerah"),
    (S.RETURNED, S.SUBMITTED): gettext_noop("diajukan kembali oleh Perangkat Daerah"),
    (S.SUBMITTED, S.RETURNED): gettext_noop("dikembalikan oleh Bappeda"),
    (S.SUBMITTED, S.VERIFIED): gettext_noop("diverifikasi oleh Bappeda"),
    (S.VERIFIED, S.RETURNED): gettext_noop("dikembalikan oleh Bappeda"),
    (S.VERIFIED, S.APPROVED): gettext_noop("ditetapkan"),
}


# --- the plan's versions: one open draft, numbers in order, labels distinct -------------------


@dataclass(frozen=True)
class PlanVersions:
    """What a new version of a plan must respect, read in one query: the number it takes
    (after the plan's highest), the labels its versions already carry, and the plan's open
    draft (a version still editable, draf or dikembalikan: a plan has at most one)."""

    next_number: int
    labels: frozenset[str]
    open_draft: PlanVersion | None


def plan_versions(plan_id: int) -> PlanVersions:
    versions = list(
        PlanVersion.objects.filter(plan_id=plan_id)
        .only("pk", "plan_id", "number", "label", "status")
        .order_by("number")
    )
    drafts = [v for v in versions if v.status in EDITABLE_STATUSES]
    return PlanVersions(
        next_number=(versions[-1].number if versions else 0) + 1,
        labels=frozenset(v.label for v in versions),
        open_draft=drafts[0] if drafts else None,
    )


def open_draft_message(draft: PlanVersion) -> str:
    """Why no new version can be made while `draft` is open, naming it."""
    return _(
        "Renstra ini sudah punya draf terbuka: versi {number} ('{label}', {status}). Satu "
        "Renstra hanya boleh punya satu draf terbuka: lanjutkan draf itu, atau ajukan atau hapus "
        "draf itu dulu sebelum membuat versi baru."
    ).format(number=draft.number, label=draft.label, status=S(draft.status).label)


def distinct_label(label: str, number: int, taken) -> str:
    """`label` for version `number`, or, when another version of the plan already carries it,
    the same text with " (versi N)" added (then a count, should that be taken too): the
    user's text is kept whole, never shortened or dropped."""
    if label not in taken:
        return label
    candidate = "{} (versi {})".format(label, number)
    count = 2
    while candidate in taken:
        candidate = "{} (versi {}, {})".format(label, number, count)
        count += 1
    return candidate


def _lock_plan(plan_id: int) -> PlanVersions:
    """Lock the plan's row (two new versions of one plan are made one after the other) and
    read its versions."""
    Plan.objects.select_for_update().filter(pk=plan_id).values_list("pk", flat=True).get()
    return plan_versions(plan_id)


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
    if to_status == S.RETURNED:
        # Returned, the version is a draft again: the plan may not have another one open.
        draft = _lock_plan(version.plan_id).open_draft
        if draft is not None:
            raise ValidationError(
                _(
                    "Versi {number} tidak dapat dikembalikan selama Renstra ini punya draf "
                    "terbuka lain: versi {draft} ('{label}'). Ajukan atau hapus draf itu dulu."
                ).format(number=version.number, draft=draft.number, label=draft.label)
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
    # Marks its history record as the review copy's (simple-history reads `_change_reason`):
    # the history shows the whole copy as one entry.
    clone._change_reason = COPY_REASON
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


def _flat(items: list) -> list:
    """Items of one level in the (order, pk) order of the version's tables, so that the copies'
    ids keep the originals' order where `order` is equal."""
    return sorted(items, key=lambda item: (item.order, item.pk))


@transaction.atomic
def start_review(
    *, version: PlanVersion, reason: str, legal_basis: str = "", user=None, label: str = ""
) -> PlanVersion:
    """A review (perubahan Renstra) of an approved version: a new draft version that copies every
    item, each remembering the item it was copied from. Refused while the plan has an open
    draft (one draft per plan); numbered after the plan's highest version; its label made
    distinct from the plan's other versions' (distinct_label)."""
    if version.status != S.APPROVED:
        raise ValidationError(_("Review hanya dapat dimulai dari versi yang sudah ditetapkan."))
    if not reason.strip():
        raise ValidationError(_("Tuliskan alasan review, mis. 'tindak lanjut penilaian SAKIP'."))
    versions = _lock_plan(version.plan_id)
    if versions.open_draft is not None:
        raise ValidationError(open_draft_message(versions.open_draft))
    number = versions.next_number
    label = label.strip() or "Review {} (versi {})".format(version.plan.title, number)
    draft = PlanVersion.objects.create(
        plan=version.plan,
        number=number,
        label=distinct_label(label, number, versions.labels),
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
    _copy_items(read_version(version), draft)
    return draft


def _copy_items(source: VersionRead, draft: PlanVersion) -> None:
    """Copy every item of `source` into `draft`, level by level (parents first), then the
    program–sasaran links, indicators, targets and funding: one insert per table."""
    copies: dict[str, dict] = {}  # level key -> {original pk: copy}
    for level in LEVELS:
        parents = copies.get(level.parent)

        def changes(item, level=level, parents=parents) -> dict:
            values = {"copied_from_id": item.pk}
            if parents is None:
                values["version_id"] = draft.pk
            else:
                values[level.parent_field] = parents[getattr(item, level.parent_field + "_id")]
            if level.model is Activity:
                # Its program indicator is not copied yet: _link_program_indicators sets it.
                values["program_indicator_id"] = None
            return values

        copies[level.key] = _copy_all(level.model, _flat(source.items(level.key)), changes)
    programs, objectives = copies["program"], copies["sasaran"]
    links = Program.objectives.through
    links.objects.bulk_create(
        links(program_id=programs[program.pk].pk, objective_id=objectives[objective.pk].pk)
        for program in source.programs
        for objective in program.objective_list
    )

    def indicator_changes(indicator) -> dict:
        changes = {"version_id": draft.pk, "copied_from_id": indicator.pk}
        for owner in INDICATOR_OWNERS:
            owner_id = getattr(indicator, owner.name + "_id")
            if owner_id:
                changes[owner.name + "_id"] = copies[owner.key][owner_id].pk
        return changes

    indicators = _copy_all(Indicator, source.indicator_by_id.values(), indicator_changes)
    _link_program_indicators(source, copies["kegiatan"], indicators)
    bulk_create_with_history(
        Target,
        [
            _clone(target, indicator=indicators[indicator.pk])
            for indicator in source.indicator_by_id.values()
            for target in indicator.target_list
        ],
    )
    bulk_create_with_history(
        Funding,
        [
            _clone(
                funding,
                **{
                    level.name: copies[level.key].get(getattr(funding, level.name + "_id"))
                    for level in FUNDED
                },
            )
            for funding in source.funding
        ],
    )


def _link_program_indicators(source: VersionRead, activities: dict, indicators: dict) -> None:
    """A kegiatan grouped under one indicator of its program points at that indicator's copy.
    The kegiatan are copied before the indicators (which hang on them), so this is an update,
    recorded in the history like the copies."""
    grouped = [a for a in source.activities if a.program_indicator_id is not None]
    copies = []
    for activity in grouped:
        copy = activities[activity.pk]
        copy.program_indicator_id = indicators[activity.program_indicator_id].pk
        copies.append(copy)
    if copies:
        bulk_update_with_history(
            copies,
            Activity,
            ["program_indicator"],
            custom_historical_attrs={"change_path": current_change_path()},
        )


def commentable_models() -> dict:
    """Model name ('policydirection', as the comment form and the history say) -> model, for
    every kind of item a comment may be on."""
    models = [level.model for level in REVIEWED_LEVELS] + [Indicator]
    return {model._meta.model_name: model for model in models}


def add_comment(
    *, version, user, text: str, kind: str = "", item_id=None, reply_to=None
) -> Comment:
    """A comment on the version or one of its items, or a reply to an earlier comment."""
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
        model = commentable_models().get(kind)
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
    comment = Comment.objects.filter(pk=comment_id, version=version, reply_to=None).first()
    if comment is None:
        raise ValidationError(_("Komentar tidak ditemukan pada versi ini."))
    if comment.resolved_at:
        raise ValidationError(_("Komentar ini sudah diselesaikan."))
    comment.resolved_at = timezone.now()
    comment.resolved_by = user
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment
