"""The crosswalk of issue 17: a plan version coded otherwise (Permendagri 13/2006, local codes)
to an edition of the Permendagri 90/2019 nomenclature. Every write of a crosswalk goes here.

1. `build_crosswalk`: one pair per program, kegiatan and sub kegiatan of an approved version,
   with the codes suggested by name (renstra.nomenclature.matching), saved.
2. The planner confirms a code per pair (`confirm`, `save_choices`, `confirm_confident`); a code
   must be one of the edition, of the pair's level, for the plan's government level. The
   suggestions of the pairs still open follow the codes chosen above them.
3. `apply_crosswalk`: when every pair is confirmed, a new draft version, the review copy of the
   source (renstra.review.services.start_review, so that every item remembers the one it was
   copied from and the comparison shows a changed code, not a deletion and an addition), whose
   items carry the confirmed codes; the plan moves to Permendagri 90/2019 with that edition,
   and the versions before the draft keep the scheme they were approved under
   (Plan.earlier_code_schemes). All or nothing.

Names: an item keeps the name the plan gives it, unless the planner ticks "pakai nama
nomenklatur" for its pair. An old kegiatan is most often a new *sub kegiatan* ("Penyediaan
Alat Tulis Kantor"), so the kegiatan code it gets names a wider group ("Administrasi Barang
Milik Daerah pada Perangkat Daerah"): taking that name would make ten kegiatan one name. The
checker's nomenclature_name_differs then says where the names differ, for the planner to decide
in the draft.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from renstra.nomenclature.codes import clean_code, with_bidang
from renstra.nomenclature.index import EditionIndex, Listed, edition_index
from renstra.nomenclature.matching import CONFIDENT, Matcher, Node, suggest_plan
from renstra.plans.choices import CodeScheme, RegionKind, VersionStatus
from renstra.plans.history import current_change_path
from renstra.plans.levels import BY_KEY, CODE_FORMATS
from renstra.plans.models import Plan, PlanVersion
from renstra.plans.queries import version_with_plan
from renstra.plans.readmodel import read_version
from renstra.review.models import Crosswalk, CrosswalkPair
from renstra.review.services import open_draft_message, plan_versions, start_review

PMDN90 = CodeScheme.PERMENDAGRI_90_2019
# The levels a crosswalk maps, parents first.
KINDS = ("program", "kegiatan", "sub_kegiatan")
GOVERNMENT_WORDS = {1: "provinsi", 2: "kabupaten/kota"}
# The change reason of the history records the new codes write.
CHANGE_REASON = "pemetaan-kode"
# How many unconfirmed items a refusal names.
NAMED = 5


def government_level(plan: Plan) -> int:
    """1 for a province's plan, 2 for a regency's or city's (the nomenclature's jns_pemda)."""
    return 1 if plan.agency.region.kind == RegionKind.PROVINCE else 2


def _index(edition_id: int) -> EditionIndex:
    index = edition_index(edition_id)
    if index is None:
        raise ValidationError(_("Edisi nomenklatur itu tidak ada lagi di sistem ini."))
    return index


def _refuse_source(version: PlanVersion) -> None:
    """Why `version` cannot be crosswalked: not approved, or already on Permendagri 90/2019."""
    if version.scheme.code_scheme == PMDN90 or version.plan.code_scheme == PMDN90:
        raise ValidationError(
            _(
                "Renstra ini sudah berkode Permendagri 90/2019: tidak perlu pemetaan kode. Ubah "
                "kode satu per satu di draf bila perlu."
            )
        )
    if version.status != VersionStatus.APPROVED:
        raise ValidationError(
            _(
                "Pemetaan kode dibuat dari versi yang sudah ditetapkan (versi ini berstatus "
                "'{}'): versi barunya adalah review versi itu."
            ).format(VersionStatus(version.status).label)
        )


# --- 1. build ----------------------------------------------------------------------------------


def _nodes(read) -> list[Node]:
    """The programs of a version as the matcher takes them, keyed (kind, id)."""
    return [
        Node(
            ("program", program.pk),
            program.name,
            [
                Node(
                    ("kegiatan", activity.pk),
                    activity.name,
                    [Node(("sub_kegiatan", s.pk), s.name, []) for s in activity.sub_activity_list],
                )
                for activity in program.activity_list
            ],
        )
        for program in read.programs
    ]


def _suggested(pair: CrosswalkPair, found) -> None:
    pair.suggestions = [s.as_dict() for s in found]
    pair.suggested_code = found[0].code if found else ""
    pair.score = found[0].score if found else None


@transaction.atomic
def build_crosswalk(*, version: PlanVersion, edition, user=None) -> Crosswalk:
    """A crosswalk of an approved version to `edition`: a pair, with suggested codes, for every
    program, kegiatan and sub kegiatan, in document order. Refused while the version has a
    crosswalk not yet applied (go on with that one)."""
    version = version_with_plan(version.pk)
    _refuse_source(version)
    if Crosswalk.objects.filter(source=version, result__isnull=True).exists():
        raise ValidationError(
            _("Versi ini sudah punya pemetaan kode yang belum diterapkan; lanjutkan pemetaan itu.")
        )
    index = _index(edition.pk)
    read = read_version(version)
    nodes = _nodes(read)
    found = suggest_plan(Matcher(index, government_level(version.plan)), nodes)
    crosswalk = Crosswalk.objects.create(
        source=version, edition=edition, bidang=found.bidang, created_by=user
    )
    items = {("program", p.pk): p for p in read.programs}
    items.update({("kegiatan", a.pk): a for a in read.activities})
    items.update({("sub_kegiatan", s.pk): s for s in read.sub_activities})
    order = 0
    by_level: dict[str, list[tuple[CrosswalkPair, tuple | None]]] = {k: [] for k in KINDS}

    def add(node: Node, parent_key) -> None:
        nonlocal order
        order += 1
        item = items[node.key]
        pair = CrosswalkPair(
            crosswalk=crosswalk,
            kind=node.key[0],
            item_id=node.key[1],
            order=order,
            old_code=item.code,
            old_name=item.name,
        )
        _suggested(pair, found.by_key.get(node.key, []))
        by_level[node.key[0]].append((pair, parent_key))
        for child in node.children:
            add(child, node.key)

    for node in nodes:
        add(node, None)
    saved: dict[tuple, CrosswalkPair] = {}
    for kind in KINDS:  # parents first: their ids are the children's parent
        for pair, parent_key in by_level[kind]:
            pair.parent = saved.get(parent_key) if parent_key else None
        CrosswalkPair.objects.bulk_create([pair for pair, _parent in by_level[kind]])
        saved.update({(kind, pair.item_id): pair for pair, _parent in by_level[kind]})
    return crosswalk


# --- 2. choose ---------------------------------------------------------------------------------


def listed_code(crosswalk: Crosswalk, kind: str, code: str) -> Listed:
    """The entry of the crosswalk's edition a planner's `code` names for an item of level
    `kind`, written as the plan writes it (the Program Penunjang's "X.XX" with the plan's
    bidang), or ValidationError saying why the code cannot be taken."""
    level = BY_KEY[kind]
    text = clean_code(code).upper()
    if not text:
        raise ValidationError(_("Tulis atau pilih kode {}.").format(level.label.lower()))
    if text.startswith("X"):
        if not crosswalk.bidang:
            raise ValidationError(
                _("Tulis kode Program Penunjang dengan bidang urusan Anda, mis. 5.03.01.")
            )
        text = with_bidang(text, crosswalk.bidang)
    pattern, example = CODE_FORMATS[PMDN90][kind]
    if not pattern.match(text):
        raise ValidationError(
            _("Kode '{}' bukan kode {} Permendagri 90/2019: tulis {}.").format(
                code.strip(), level.label.lower(), example
            )
        )
    index = _index(crosswalk.edition_id)
    government = government_level(crosswalk.source.plan)
    found = index.find(text, government)
    same_level = [entry for entry in found if entry.level == kind]
    if same_level:
        return same_level[0]
    where = _("nomenklatur Permendagri 90/2019 edisi {} untuk {}").format(
        index.name, GOVERNMENT_WORDS[government]
    )
    if found:
        raise ValidationError(
            _("Kode {} adalah kode {} dalam {}, bukan kode {}.").format(
                text, BY_KEY[found[0].level].label.lower(), where, level.label.lower()
            )
        )
    other = [e for e in index.find(text, 3 - government) if e.level == kind]
    raise ValidationError(
        _("Kode {} tidak ada dalam {}.{} Pilih kode dari nomenklatur.").format(
            text,
            where,
            _(" Kode itu hanya ada untuk {}.").format(GOVERNMENT_WORDS[3 - government])
            if other
            else "",
        )
    )


def _require_open(crosswalk: Crosswalk) -> None:
    """Refuse a crosswalk applied since it was read (the row is locked until the transaction
    ends: two pages of one crosswalk save one after the other)."""
    applied = (
        Crosswalk.objects.select_for_update()
        .filter(pk=crosswalk.pk)
        .values_list("result_id", flat=True)
        .get()
    )
    if applied is not None:
        crosswalk.refresh_from_db(fields=["result", "applied_by", "applied_at"])
        raise ValidationError(
            _(
                "Pemetaan kode ini sudah diterapkan menjadi versi {}; pilihannya tidak dapat diubah."
            ).format(crosswalk.result.number)
        )


def _confirmed(pair: CrosswalkPair, entry: Listed, user, now, use_listed_name=None) -> None:
    pair.chosen_code = entry.code
    pair.chosen_name = entry.name
    pair.confirmed = True
    pair.confirmed_by = user
    pair.confirmed_at = now
    if use_listed_name is not None:
        pair.use_listed_name = use_listed_name


def _unconfirmed(pair: CrosswalkPair) -> None:
    pair.chosen_code = pair.chosen_name = ""
    pair.confirmed = pair.use_listed_name = False
    pair.confirmed_by = pair.confirmed_at = None


CHOICE_FIELDS = [
    "chosen_code",
    "chosen_name",
    "confirmed",
    "confirmed_by",
    "confirmed_at",
    "use_listed_name",
]


@transaction.atomic
def confirm(
    *, pair: CrosswalkPair, code: str, user=None, use_listed_name: bool | None = None
) -> CrosswalkPair:
    """Confirm `code` for one pair (ValidationError, nothing saved, when the edition has no
    such code of the pair's level for the plan's government level)."""
    crosswalk = pair.crosswalk
    _require_open(crosswalk)
    _confirmed(pair, listed_code(crosswalk, pair.kind, code), user, timezone.now(), use_listed_name)
    pair.save(update_fields=CHOICE_FIELDS)
    return pair


@dataclass(frozen=True)
class Choice:
    """What the planner chose for one pair on the page: a code ("" for none yet) and whether
    the new version takes the nomenclature's name."""

    code: str
    use_listed_name: bool = False


@transaction.atomic
def save_choices(*, crosswalk: Crosswalk, choices: dict[int, Choice], user=None) -> int:
    """Save the choices {pair id: Choice} of the page: a code confirms its pair, none leaves it
    open. All or nothing: ValidationError({pair id: [message]}) names every wrong code. Then the
    suggestions of the open pairs follow the codes chosen above them. Returns how many pairs
    are confirmed."""
    _require_open(crosswalk)
    pairs = {p.pk: p for p in crosswalk.pairs.all()}
    errors: dict[str, list[str]] = {}
    now = timezone.now()
    changed = []
    for pair_id, choice in choices.items():
        pair = pairs.get(pair_id)
        if pair is None:
            continue
        code = clean_code(choice.code)
        if not code:
            if pair.confirmed:
                _unconfirmed(pair)
                changed.append(pair)
            continue
        try:
            entry = listed_code(crosswalk, pair.kind, code)
        except ValidationError as exc:
            errors[str(pair_id)] = exc.messages
            continue
        if (pair.chosen_code, pair.use_listed_name, pair.confirmed) != (
            entry.code,
            choice.use_listed_name,
            True,
        ):
            _confirmed(pair, entry, user, now, choice.use_listed_name)
            changed.append(pair)
    if errors:
        raise ValidationError(errors)
    CrosswalkPair.objects.bulk_update(changed, CHOICE_FIELDS)
    refresh_suggestions(crosswalk, list(pairs.values()))
    return sum(1 for p in pairs.values() if p.confirmed)


@transaction.atomic
def confirm_confident(*, crosswalk: Crosswalk, user=None) -> int:
    """Confirm the best suggestion of every open pair that is at least CONFIDENT (matching);
    returns how many were confirmed."""
    _require_open(crosswalk)
    pairs = list(crosswalk.pairs.all())
    now = timezone.now()
    taken = []
    for pair in pairs:
        if pair.confirmed or not pair.suggested_code or (pair.score or 0) < CONFIDENT:
            continue
        try:
            entry = listed_code(crosswalk, pair.kind, pair.suggested_code)
        except ValidationError:
            continue  # the edition changed since: the planner chooses
        _confirmed(pair, entry, user, now)
        taken.append(pair)
    CrosswalkPair.objects.bulk_update(taken, CHOICE_FIELDS)
    refresh_suggestions(crosswalk, pairs)
    return len(taken)


def refresh_suggestions(crosswalk: Crosswalk, pairs: list[CrosswalkPair] | None = None) -> None:
    """Suggest again for every pair, under the codes confirmed above it (a kegiatan among the
    kegiatan of its program's chosen code), from the names the pairs hold."""
    pairs = list(crosswalk.pairs.all()) if pairs is None else pairs
    nodes = {p.pk: Node(p.pk, p.old_name, []) for p in pairs}
    roots = []
    for pair in sorted(pairs, key=lambda p: p.order):
        parent = nodes.get(pair.parent_id)
        (parent.children if parent else roots).append(nodes[pair.pk])
    chosen = {p.pk: p.chosen_code for p in pairs if p.confirmed}
    index = _index(crosswalk.edition_id)
    found = suggest_plan(
        Matcher(index, government_level(crosswalk.source.plan)), roots, chosen
    ).by_key
    for pair in pairs:
        _suggested(pair, found.get(pair.pk, []))
    CrosswalkPair.objects.bulk_update(pairs, ["suggestions", "suggested_code", "score"])


# --- 3. apply ----------------------------------------------------------------------------------


def _unconfirmed_message(pairs: list[CrosswalkPair]) -> str:
    named = "; ".join("{} {}".format(p.old_code, p.old_name).strip() for p in pairs[:NAMED]) + (
        "; …" if len(pairs) > NAMED else ""
    )
    return _(
        "{count} butir belum dikonfirmasi kodenya: {named}. Konfirmasi kode setiap program, "
        "kegiatan dan sub kegiatan dulu, lalu buat versi baru."
    ).format(count=len(pairs), named=named)


@transaction.atomic
def apply_crosswalk(*, crosswalk: Crosswalk, user=None, reason: str = "") -> PlanVersion:
    """The new draft version with the confirmed codes (see the module docstring). Refused, and
    nothing changed, while a pair is unconfirmed, while the plan has an open draft, when the
    plan is on Permendagri 90/2019 already, or when a chosen code is no longer in the edition."""
    crosswalk = Crosswalk.objects.select_for_update().select_related("edition").get(pk=crosswalk.pk)
    _require_open(crosswalk)
    source = version_with_plan(crosswalk.source_id)
    _refuse_source(source)
    plan = source.plan
    pairs = list(crosswalk.pairs.all())
    unconfirmed = [p for p in pairs if not p.confirmed]
    if unconfirmed:
        raise ValidationError(_unconfirmed_message(unconfirmed))
    draft = plan_versions(plan.pk).open_draft
    if draft is not None:
        raise ValidationError(open_draft_message(draft))
    wrong = []
    for pair in pairs:
        try:
            listed_code(crosswalk, pair.kind, pair.chosen_code)
        except ValidationError as exc:
            wrong.append("{} {}: {}".format(pair.old_code, pair.old_name, " ".join(exc.messages)))
    if wrong:
        raise ValidationError(wrong)
    edition = crosswalk.edition
    draft = start_review(
        version=source,
        reason=reason.strip()
        or _("Pemetaan kode {} ke nomenklatur Permendagri 90/2019 edisi {}").format(
            source.scheme.label, edition.name
        ),
        user=user,
        label=_("Kode Permendagri 90/2019 edisi {}").format(edition.name),
    )
    _recode(draft, pairs, user)
    plan.earlier_code_schemes = [
        *plan.earlier_code_schemes,
        {
            "to_version": draft.number - 1,
            "code_scheme": plan.code_scheme,
            "nomenclature_edition": plan.nomenclature_edition_id,
        },
    ]
    plan.code_scheme = PMDN90
    plan.nomenclature_edition = edition
    plan.save(update_fields=["code_scheme", "nomenclature_edition", "earlier_code_schemes"])
    crosswalk.result = draft
    crosswalk.applied_by = user
    crosswalk.applied_at = timezone.now()
    crosswalk.save(update_fields=["result", "applied_by", "applied_at"])
    return draft


def _recode(draft: PlanVersion, pairs: list[CrosswalkPair], user) -> None:
    """Give the copies in `draft` of the crosswalked items their confirmed codes (and names,
    where chosen), written with their history like every change of an item."""
    for kind in KINDS:
        level = BY_KEY[kind]
        chosen = {p.item_id: p for p in pairs if p.kind == kind}
        if not chosen:
            continue
        copies = level.model.objects.filter(
            **{level.version_path: draft, "copied_from_id__in": list(chosen)}
        )
        if "__" in level.version_path:  # the guard reads each copy's version through its parents
            copies = copies.select_related(level.version_path.rsplit("__", 1)[0])
        copies = list(copies)
        for copy in copies:
            pair = chosen[copy.copied_from_id]
            copy.code = pair.chosen_code
            copy.code_raw = ""  # the printed cell was the old code
            if pair.use_listed_name:
                copy.name = pair.chosen_name
        bulk_update_with_history(
            copies,
            level.model,
            ["code", "code_raw", "name"],
            default_user=user,
            default_change_reason=CHANGE_REASON,
            custom_historical_attrs={"change_path": current_change_path()},
        )
