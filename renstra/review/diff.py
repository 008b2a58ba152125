"""The comparison of two versions of a plan: which item of the older version is which item of
the newer one, and what changed about it.

Items are paired per kind (tujuan, sasaran, strategi, arah_kebijakan, program, kegiatan,
indikator), parents before children, by the strongest evidence first:

1. a user's correction (MatchOverride), "koreksi": this old item is that new one, or none;
2. the review copy link (new.copied_from == old.id), "salinan": exact;
3. the same non-empty code with names at least half alike, "kode";
4. alike names, "nama": names are normalised (lowercase, no punctuation, a leading "program " or
   "kegiatan " dropped) and compared with difflib's ratio; pairs are taken best first above a
   threshold. A candidate under the partner of the item's own parent gets a bonus, so items stay
   with their parent when they can; a candidate elsewhere needs a nearly equal name (the item
   "moved"). Indicators are paired only with indicators of the same level (of a tujuan, sasaran,
   program or kegiatan). Equal scores are decided by how many children of the two items have
   alike names (the demo's v1 "PROGRAM PENINGKATAN KAPASITAS SUMBER DAYA APARATUR" becomes
   program 16 of v2, which took over most of its activities, not 05 or 48 of the same name).

Every item is used at most once. A paired item is "changed" when a compared field differs,
"moved" when its parent is not the partner of its old parent, else "unchanged"; the rest of the
older version is "removed", the rest of the newer one "added".
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renstra.plans.levels import BY_KEY, FUNDED, INDICATOR, ROOTS, kind_label
from renstra.plans.models import Indicator, PlanVersion
from renstra.review.models import MatchOverride
from renstra.review.snapshot import INDICATOR_FIELDS, KINDS, Item, VersionSnapshot, snapshot_of

ADDED, REMOVED, CHANGED, MOVED, UNCHANGED = "added", "removed", "changed", "moved", "unchanged"
STATUSES = (ADDED, REMOVED, CHANGED, MOVED, UNCHANGED)

BY_OVERRIDE, BY_COPY, BY_CODE, BY_NAME = "koreksi", "salinan", "kode", "nama"
METHODS = (BY_OVERRIDE, BY_COPY, BY_CODE, BY_NAME)

# Thresholds of the name evidence, tuned on the demo plan (v1 -> v2). Three cases:
# - items without a parent (tujuan, program): a ratio of at least NAME_THRESHOLD; the best pair of
#   different programs there is 0.69 ("PENINGKATAN DISIPLIN APARATUR" against "PENINGKATAN SARANA
#   DAN PRASARANA APARATUR");
# - a candidate under the partner of the item's own parent gets PARENT_BONUS: a ratio of 0.65 is
#   enough ("Pendidikan dan Pelatihan Purna Tugas" -> "Diklat purna tugas", 0.67), and it wins over
#   an equally named candidate elsewhere;
# - a candidate elsewhere (a "moved" item) needs nearly the same name, MOVE_THRESHOLD, and a name of
#   at least MOVE_MIN_WORDS words: sibling names differ in one word ("Jumlah peserta Diklat
#   Penatausahaan Keuangan Daerah" / "... Aset Daerah", 0.90) and short ones say nothing about
#   where they belong ("Jumlah kegiatan").
NAME_THRESHOLD = 0.75
PARENT_BONUS = 0.10
MOVE_THRESHOLD = 0.95
MOVE_MIN_WORDS = 3
# The same code is evidence enough when the names are at least this alike.
CODE_NAME_MINIMUM = 0.5

# Kinds whose funding per year is compared.
FUNDED_KINDS = tuple(level.key for level in FUNDED)
# Roots of the two trees of a plan, in document order: the goal cascade, then the programs.
ROOT_KINDS = tuple(level.key for level in ROOTS)
# Children of one item in document order: its indicators first, then its sub-items.
CHILD_ORDER = (INDICATOR, *(kind for kind in KINDS if kind != INDICATOR))


class FieldChange(NamedTuple):
    """One difference of a paired item: `field` is "code", "number", "name", "parent", an
    indicator field, "target_YYYY", "pagu_YYYY" or "objectives"."""

    field: str
    old: Any
    new: Any


@dataclass
class Change:
    kind: str
    status: str
    old: Item | None
    new: Item | None
    method: str = ""  # how the pair was made: "koreksi", "salinan", "kode", "nama"; "" if unpaired
    similarity: float | None = None  # ratio of the normalised names, for paired items
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def item(self) -> Item:
        return self.old or self.new

    @property
    def label(self) -> str:
        if self.old and self.new and self.old.label != self.new.label:
            return "{} → {}".format(self.old.label, self.new.label)
        return self.item.label

    @property
    def fields(self) -> list[str]:
        return [c.field for c in self.changes]

    def change_of(self, name: str) -> FieldChange | None:
        return next((c for c in self.changes if c.field == name), None)


@dataclass
class Comparison:
    old: VersionSnapshot
    new: VersionSnapshot
    entries: list[Change]

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """{kind: {status: number of entries}}, every kind and status present."""
        counts = {kind: dict.fromkeys(STATUSES, 0) for kind in KINDS}
        for entry in self.entries:
            counts[entry.kind][entry.status] += 1
        return counts

    @property
    def totals(self) -> dict[str, int]:
        totals = dict.fromkeys(STATUSES, 0)
        for entry in self.entries:
            totals[entry.status] += 1
        return totals

    @property
    def differences(self) -> list[Change]:
        """Every entry that is not "unchanged", in document order."""
        return [e for e in self.entries if e.status != UNCHANGED]

    def of(self, kind: str, status: str | None = None) -> list[Change]:
        return [e for e in self.entries if e.kind == kind and status in (None, e.status)]

    def find(self, kind: str, *, old_id: int | None = None, new_id: int | None = None) -> Change:
        for entry in self.entries:
            if entry.kind != kind:
                continue
            if old_id is not None and (entry.old is None or entry.old.id != old_id):
                continue
            if new_id is not None and (entry.new is None or entry.new.id != new_id):
                continue
            return entry
        raise KeyError((kind, old_id, new_id))

    def pairs(self, kind: str) -> list[tuple[Item, Item]]:
        return [(e.old, e.new) for e in self.entries if e.kind == kind and e.old and e.new]

    def as_dict(self, *, include_unchanged: bool = True) -> dict:
        return {
            "from": {"version_id": self.old.version_id, "label": self.old.label},
            "to": {"version_id": self.new.version_id, "label": self.new.label},
            "counts": self.counts,
            "totals": self.totals,
            "entries": [
                _entry_dict(e) for e in self.entries if include_unchanged or e.status != UNCHANGED
            ],
        }


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def _item_dict(item: Item | None) -> dict | None:
    if item is None:
        return None
    return {
        "id": item.id,
        "code": item.code,
        "number": item.number,
        "name": item.name,
        "parent": list(item.parent) if item.parent else None,
    }


def _entry_dict(entry: Change) -> dict:
    return {
        "kind": entry.kind,
        "status": entry.status,
        "method": entry.method,
        "similarity": round(entry.similarity, 3) if entry.similarity is not None else None,
        "old": _item_dict(entry.old),
        "new": _item_dict(entry.new),
        "changes": [
            {"field": c.field, "old": _json_value(c.old), "new": _json_value(c.new)}
            for c in entry.changes
        ],
    }


# --- names ---------------------------------------------------------------------------------

_PUNCTUATION = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
_LEADING_WORD = re.compile(r"^(program|kegiatan)\s+")


def normalise(name: str) -> str:
    """'PROGRAM Pelayanan  Administrasi/Perkantoran.' -> 'pelayanan administrasi perkantoran'."""
    text = _PUNCTUATION.sub(" ", (name or "").lower())
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_WORD.sub("", text)


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio()


# --- pairing -------------------------------------------------------------------------------


class _Matcher:
    def __init__(self, old: VersionSnapshot, new: VersionSnapshot, overrides: dict | None):
        self.old, self.new = old, new
        self.overrides = overrides or {}
        self.forward: dict[tuple[str, int], tuple[tuple[str, int], str]] = {}
        self.backward: dict[tuple[str, int], tuple[str, int]] = {}
        self.refused: set[tuple[str, int]] = set()  # old items a user said have no partner
        self.names = {}
        for snapshot in (old, new):
            for item in snapshot.items.values():
                self.names[(snapshot is new, item.key)] = normalise(item.name)
        self.old_children = _children(old)
        self.new_children = _children(new)

    def partner(self, old_key) -> tuple[str, int] | None:
        pair = self.forward.get(old_key)
        return pair[0] if pair else None

    def _pair(self, old_key, new_key, method):
        self.forward[old_key] = (new_key, method)
        self.backward[new_key] = old_key

    def _free(self, kind) -> tuple[list[Item], list[Item]]:
        olds = [
            i
            for i in self.old.of_kind(kind)
            if i.key not in self.forward and i.key not in self.refused
        ]
        news = [i for i in self.new.of_kind(kind) if i.key not in self.backward]
        return olds, news

    def ratio(self, old: Item, new: Item) -> float:
        a, b = self.names[(False, old.key)], self.names[(True, new.key)]
        if a == b:
            return 1.0
        return SequenceMatcher(None, a, b, autojunk=False).ratio()

    def run(self) -> None:
        for kind in KINDS:
            self._by_override(kind)
            self._by_copy(kind)
            self._by_code(kind)
            self._by_name(kind)

    def _by_override(self, kind):
        for (o_kind, old_id), new_id in self.overrides.items():
            old_key = (o_kind, old_id)
            if o_kind != kind or old_key not in self.old.items or old_key in self.forward:
                continue
            if new_id is None:
                self.refused.add(old_key)
                continue
            new_key = (kind, new_id)
            if new_key in self.new.items and new_key not in self.backward:
                self._pair(old_key, new_key, BY_OVERRIDE)

    def _by_copy(self, kind):
        olds, news = self._free(kind)
        free_old = {i.key for i in olds}
        for item in news:
            source = (kind, item.copied_from)
            if item.copied_from is not None and source in free_old:
                self._pair(source, item.key, BY_COPY)
                free_old.discard(source)

    def _by_code(self, kind):
        olds, news = self._free(kind)
        by_code = defaultdict(list)
        for item in news:
            if item.code:
                by_code[item.code].append(item)
        candidates = []
        for o in olds:
            for n in by_code.get(o.code, []) if o.code else []:
                ratio = self.ratio(o, n)
                if ratio >= CODE_NAME_MINIMUM:
                    candidates.append((ratio, o, n))
        self._take(candidates, BY_CODE)

    def _required(self, old: Item, new: Item) -> tuple[float, float]:
        """(minimum ratio, bonus) for pairing `old` with `new` by name."""
        if old.parent is None and new.parent is None:
            return NAME_THRESHOLD, 0.0
        if old.parent is not None and self.partner(old.parent) == new.parent:
            return NAME_THRESHOLD - PARENT_BONUS, PARENT_BONUS
        if len(self.names[(False, old.key)].split()) < MOVE_MIN_WORDS:
            return 2.0, 0.0  # never
        return MOVE_THRESHOLD, 0.0

    def _by_name(self, kind):
        olds, news = self._free(kind)
        if not olds or not news:
            return
        candidates = []
        for n in news:
            b = self.names[(True, n.key)]
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(b)  # the expensive analysis of b is made once per new item
            for o in olds:
                if kind == INDICATOR and (o.parent or ("",))[0] != (n.parent or ("",))[0]:
                    continue
                minimum, bonus = self._required(o, n)
                if minimum > 1.0:
                    continue
                a = self.names[(False, o.key)]
                if a == b:
                    ratio = 1.0
                else:
                    matcher.set_seq1(a)
                    if matcher.real_quick_ratio() < minimum or matcher.quick_ratio() < minimum:
                        continue
                    ratio = matcher.ratio()
                if ratio >= minimum:
                    candidates.append((ratio + bonus, o, n))
        self._take(candidates, BY_NAME)

    def _support(self, old: Item, new: Item) -> int:
        """How many children of `old` have an alike-named child of `new` (a tie-breaker)."""
        old_kids = self.old_children.get(old.key, [])
        new_kids = self.new_children.get(new.key, [])
        count = 0
        for o in old_kids:
            if any(n.kind == o.kind and self.ratio(o, n) >= NAME_THRESHOLD for n in new_kids):
                count += 1
        return count

    def _take(self, candidates, method):
        """Pair best first; equal scores go to the pair whose children agree most, then to
        document order."""
        if not candidates:
            return
        old_pos = {key: i for i, key in enumerate(self.old.items)}
        new_pos = {key: i for i, key in enumerate(self.new.items)}
        score_count = defaultdict(int)
        for score, o, n in candidates:
            score_count[(round(score, 9), o.key)] += 1
            score_count[(round(score, 9), n.key)] += 1

        def support(score, o, n):
            tied = score_count[(round(score, 9), o.key)] > 1 or (
                score_count[(round(score, 9), n.key)] > 1
            )
            return self._support(o, n) if tied else 0

        ranked = sorted(
            candidates,
            key=lambda c: (
                -round(c[0], 9),
                -support(*c),
                old_pos[c[1].key],
                new_pos[c[2].key],
            ),
        )
        for _score, o, n in ranked:
            if o.key in self.forward or n.key in self.backward:
                continue
            self._pair(o.key, n.key, method)


def _children(snapshot: VersionSnapshot) -> dict[tuple[str, int] | None, list[Item]]:
    """Children of every item (None: the roots), in document order."""
    children = defaultdict(list)
    for item in snapshot.items.values():
        parent = item.parent if item.parent in snapshot.items else None
        children[parent].append(item)
    for items in children.values():
        items.sort(key=lambda i: (CHILD_ORDER.index(i.kind), i.order, i.id))
    return children


# --- differences ---------------------------------------------------------------------------


def _text(value) -> str:
    return "" if value is None else str(value)


def _field_changes(m: _Matcher, old: Item, new: Item) -> list[FieldChange]:
    changes = []
    for name in ("code", "number", "name"):
        if getattr(old, name) != getattr(new, name):
            changes.append(FieldChange(name, getattr(old, name), getattr(new, name)))
    expected_parent = m.partner(old.parent) if old.parent else None
    if expected_parent != new.parent:
        changes.append(
            FieldChange("parent", _item_name(m.old, old.parent), _item_name(m.new, new.parent))
        )
    if old.kind == INDICATOR:
        for name in INDICATOR_FIELDS:
            a, b = old.fields.get(name), new.fields.get(name)
            if _text(a) != _text(b):
                changes.append(FieldChange(name, a, b))
        for year in sorted(set(old.targets) | set(new.targets)):
            a, b = old.targets.get(year), new.targets.get(year)
            if a != b:
                changes.append(FieldChange("target_{}".format(year), a, b))
    if old.kind in FUNDED_KINDS:
        for year in sorted(set(old.funding) | set(new.funding)):
            a, b = old.funding.get(year), new.funding.get(year)
            if a != b:
                changes.append(FieldChange("pagu_{}".format(year), a, b))
    if old.kind == "program":
        old_links = old.fields.get("objectives", [])
        new_links = new.fields.get("objectives", [])
        mapped = {m.partner(("sasaran", oid)) for oid in old_links}
        if mapped != {("sasaran", nid) for nid in new_links}:
            changes.append(
                FieldChange(
                    "objectives",
                    [_item_name(m.old, ("sasaran", i)) for i in old_links],
                    [_item_name(m.new, ("sasaran", i)) for i in new_links],
                )
            )
    return changes


def _item_name(snapshot: VersionSnapshot, key) -> str | None:
    """'Sasaran 1.2 Tersedianya naskah ...': how a parent or a linked item is shown."""
    if key is None:
        return None
    item = snapshot.items.get(key)
    if item is None:
        return "{} #{}".format(kind_label(key[0]), key[1])
    return "{} {}".format(kind_label(item.kind), item.label)


def _entries(m: _Matcher) -> list[Change]:
    by_old: dict = {}
    by_new: dict = {}
    for key, item in m.old.items.items():
        new_key, method = m.forward.get(key, (None, ""))
        if new_key is None:
            by_old[key] = Change(item.kind, REMOVED, item, None)
            continue
        new_item = m.new.items[new_key]
        changes = _field_changes(m, item, new_item)
        if any(c.field == "parent" for c in changes):
            status = MOVED
        else:
            status = CHANGED if changes else UNCHANGED
        by_old[key] = Change(
            item.kind, status, item, new_item, method, m.ratio(item, new_item), changes
        )
    for key, item in m.new.items.items():
        if key not in m.backward:
            by_new[key] = Change(item.kind, ADDED, None, item)

    ordered: list[Change] = []
    seen: set[int] = set()

    def emit(entry):
        if id(entry) not in seen:
            seen.add(id(entry))
            ordered.append(entry)

    def walk_new(item):
        emit(by_new[item.key])
        for kid in m.new_children.get(item.key, []):
            if kid.key in by_new:
                walk_new(kid)

    def walk_old(item):
        emit(by_old[item.key])
        partner = m.partner(item.key)
        old_kids = m.old_children.get(item.key, [])
        new_kids = m.new_children.get(partner, []) if partner else []
        for kind in CHILD_ORDER:
            for kid in old_kids:
                if kid.kind == kind:
                    walk_old(kid)
            for kid in new_kids:
                if kid.kind == kind and kid.key in by_new:
                    walk_new(kid)

    old_roots = m.old_children.get(None, [])
    new_roots = m.new_children.get(None, [])
    for kind in ROOT_KINDS:
        for item in old_roots:
            if item.kind == kind:
                walk_old(item)
        for item in new_roots:
            if item.kind == kind and item.key in by_new:
                walk_new(item)
    # Items outside both trees (e.g. an indicator without an owner), in snapshot order.
    for item in old_roots:
        if item.kind not in ROOT_KINDS:
            walk_old(item)
    for item in new_roots:
        if item.kind not in ROOT_KINDS and item.key in by_new:
            walk_new(item)
    for entry in (*by_old.values(), *by_new.values()):
        emit(entry)
    return ordered


def compare(
    old: VersionSnapshot, new: VersionSnapshot, overrides: dict | None = None
) -> Comparison:
    """Pair the items of two snapshots and list what was added, removed, changed and moved.

    `overrides`: {(kind, old_id): new_id or None}, a user's corrections, stronger than any other
    evidence; a None keeps the old item unpaired.
    """
    matcher = _Matcher(old, new, overrides)
    matcher.run()
    return Comparison(old, new, _entries(matcher))


def overrides_for(old_version: PlanVersion, new_version: PlanVersion) -> dict:
    return {
        (kind, from_id): to_id
        for kind, from_id, to_id in MatchOverride.objects.filter(
            from_version=old_version, to_version=new_version
        ).values_list("kind", "from_item_id", "to_item_id")
    }


def compare_versions(old_version: PlanVersion, new_version: PlanVersion) -> Comparison:
    """The comparison of two stored versions as they are now, with the users' corrections."""
    return compare(
        snapshot_of(old_version),
        snapshot_of(new_version),
        overrides_for(old_version, new_version),
    )


# --- users' corrections --------------------------------------------------------------------


def _assert_item(kind: str, item_id: int, version: PlanVersion) -> None:
    if kind == INDICATOR:
        model, path = Indicator, "version"
    else:
        model, path = BY_KEY[kind].model, BY_KEY[kind].version_path
    if not model.objects.filter(pk=item_id, **{path: version}).exists():
        raise ValidationError(
            _("{} dengan id {} tidak ada di versi {}.").format(
                kind_label(kind), item_id, version.number
            )
        )


def check_pair(old_version: PlanVersion, new_version: PlanVersion) -> None:
    """Two versions that may be compared: different versions of one plan."""
    if old_version.pk == new_version.pk:
        raise ValidationError(_("Pilih dua versi yang berbeda untuk dibandingkan."))
    if old_version.plan_id != new_version.plan_id:
        raise ValidationError(
            _(
                "Versi {} dan versi {} bukan versi dari Renstra yang sama; hanya versi satu "
                "Renstra yang dapat dibandingkan."
            ).format(old_version.pk, new_version.pk)
        )


@transaction.atomic
def set_match(
    *,
    old_version: PlanVersion,
    new_version: PlanVersion,
    kind: str,
    old_id: int,
    new_id_or_None: int | None,
    user=None,
) -> MatchOverride:
    """Record a user's correction of the comparison of two versions: item `old_id` of the
    older version is item `new_id_or_None` of the newer one (None: it has no partner there)."""
    check_pair(old_version, new_version)
    if kind not in KINDS:
        raise ValidationError(
            _("Jenis butir '{}' tidak dikenal. Pilih salah satu: {}.").format(
                kind, ", ".join(KINDS)
            )
        )
    _assert_item(kind, old_id, old_version)
    if new_id_or_None is not None:
        _assert_item(kind, new_id_or_None, new_version)
        taken = (
            MatchOverride.objects.filter(
                from_version=old_version,
                to_version=new_version,
                kind=kind,
                to_item_id=new_id_or_None,
            )
            .exclude(from_item_id=old_id)
            .values_list("from_item_id", flat=True)
            .first()
        )
        if taken is not None:
            raise ValidationError(
                _(
                    "{} dengan id {} di versi {} sudah dipasangkan dengan butir id {}; hapus dulu "
                    "koreksi itu."
                ).format(kind_label(kind), new_id_or_None, new_version.number, taken)
            )
    override, _created = MatchOverride.objects.update_or_create(
        from_version=old_version,
        to_version=new_version,
        kind=kind,
        from_item_id=old_id,
        defaults={"plan_id": old_version.plan_id, "to_item_id": new_id_or_None, "set_by": user},
    )
    return override
