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

The work grows with the number of items, not with its square: corrections, copies and codes are
looked up by key; names are looked up whole in a dict, among the children of the partner parent,
and, for a move, through an index of name fragments (renstra.review.names); a pair's ratio is
worked out only when a cheap bound of it could still win (_Ranking), and the children of tied
candidates are compared once per pair. The pairs are the same as those of holding every old item
against every new one and sorting all the scores (tests/review/test_diff_matching.py holds this).
"""

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import count
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renstra.plans.levels import BY_KEY, FUNDED, INDICATOR, ROOTS, kind_label
from renstra.plans.models import Indicator, PlanVersion
from renstra.review.models import MatchOverride
from renstra.review.names import RATIO, Fragments, Names, words
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


# --- pairing -------------------------------------------------------------------------------


class _Matcher:
    def __init__(self, old: VersionSnapshot, new: VersionSnapshot, overrides: dict | None):
        self.old, self.new = old, new
        self.overrides = overrides or {}
        self.forward: dict[tuple[str, int], tuple[tuple[str, int], str]] = {}
        self.backward: dict[tuple[str, int], tuple[str, int]] = {}
        self.refused: set[tuple[str, int]] = set()  # old items a user said have no partner
        self.names = Names(old.items.items(), new.items.items())
        self.old_children = _children(old)
        self.new_children = _children(new)
        self.old_of_kind, self.new_of_kind = defaultdict(list), defaultdict(list)
        for snapshot, of_kind in ((old, self.old_of_kind), (new, self.new_of_kind)):
            for item in snapshot.items.values():
                of_kind[item.kind].append(item)
        self.old_pos = {key: i for i, key in enumerate(old.items)}
        self.new_pos = {key: i for i, key in enumerate(new.items)}
        self.supports: dict[tuple, int] = {}

    def partner(self, old_key) -> tuple[str, int] | None:
        pair = self.forward.get(old_key)
        return pair[0] if pair else None

    def _pair(self, old_key, new_key, method):
        self.forward[old_key] = (new_key, method)
        self.backward[new_key] = old_key

    def _free(self, kind) -> tuple[list[Item], list[Item]]:
        olds = [
            i
            for i in self.old_of_kind[kind]
            if i.key not in self.forward and i.key not in self.refused
        ]
        news = [i for i in self.new_of_kind[kind] if i.key not in self.backward]
        return olds, news

    def ratio(self, old: Item, new: Item) -> float:
        return self.names.ratio(old.key, new.key)

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
        """The same non-empty code, names at least CODE_NAME_MINIMUM alike."""
        olds, news = self._free(kind)
        by_code = defaultdict(list)
        for item in news:
            if item.code:
                by_code[item.code].append(item.key)
        ranking = _Ranking(self, BY_CODE)
        ranking.add(
            (o.key, n, CODE_NAME_MINIMUM, 0.0)
            for o in olds
            if o.code
            for n in by_code.get(o.code, ())
        )
        ranking.take()

    def _by_name(self, kind):
        """Alike names. A pair (old, new) is a candidate when the ratio of the names is at
        least the threshold of its case (see NAME_THRESHOLD), and scores that ratio, plus
        PARENT_BONUS under the partner of the parent:
        - both without a parent: NAME_THRESHOLD;
        - the new item under the partner of the old item's parent: NAME_THRESHOLD minus the
          bonus;
        - elsewhere (a move): MOVE_THRESHOLD, and never for a name of fewer than
          MOVE_MIN_WORDS words.

        The candidates come in three tiers, each below the scores of the one before, so a
        tier is ranked only among the items the tiers before left free, and no old item is
        held against every new one:
        1. the same name under the partner of the parent (1.0 + PARENT_BONUS, the most);
        2. another name under the partner of the parent (below 1.0 + PARENT_BONUS), and the
           same name elsewhere (1.0);
        3. below 1.0: an item without a parent against the others without one, and a move
           elsewhere, where only the few new items sharing one of the item's rarest fragments
           (names.Fragments) can reach MOVE_THRESHOLD."""
        olds, news = self._free(kind)
        if not olds or not news:
            return
        new_items = _NewItems(kind, news, self.names)
        ranking = _Ranking(self, BY_NAME)
        tiers = (
            (self._same_name_here, 1.0 + PARENT_BONUS),
            (self._here_or_same_name, 1.0),
            (self._elsewhere, None),
        )
        for candidates, down_to in tiers:
            for o in olds:
                if o.key not in self.forward:
                    ranking.add(candidates(o, new_items))
            ranking.take(down_to)

    def _here(self, old: Item) -> tuple[str, int] | None:
        """Where `old` would stand in the newer version: the partner of its parent."""
        return None if old.parent is None else self.partner(old.parent)

    def _same_name_here(self, old: Item, new_items: "_NewItems"):
        here = self._here(old)
        if old.parent is not None and new_items.fits(old, here):
            text = self.names.old[old.key]
            for n in new_items.by_text.get(text, ()):
                if new_items.parent_of[n] == here and n not in self.backward:
                    yield (old.key, n, NAME_THRESHOLD - PARENT_BONUS, PARENT_BONUS)

    def _here_or_same_name(self, old: Item, new_items: "_NewItems"):
        here = self._here(old)
        text = self.names.old[old.key]
        texts = new_items.text_of
        if old.parent is not None and new_items.fits(old, here):
            for n in new_items.by_parent.get(here, ()):
                if texts[n] != text and n not in self.backward:
                    yield (old.key, n, NAME_THRESHOLD - PARENT_BONUS, PARENT_BONUS)
        for n in new_items.by_text.get(text, ()):
            if n in self.backward:
                continue
            parent = new_items.parent_of[n]
            if parent is None and old.parent is None:
                if new_items.fits(old, None):
                    yield (old.key, n, NAME_THRESHOLD, 0.0)
            elif parent != here and words(text) >= MOVE_MIN_WORDS and new_items.fits(old, parent):
                yield (old.key, n, MOVE_THRESHOLD, 0.0)

    def _elsewhere(self, old: Item, new_items: "_NewItems"):
        here = self._here(old)
        text = self.names.old[old.key]
        texts = new_items.text_of
        if old.parent is None and new_items.fits(old, None):
            for n in new_items.by_parent.get(None, ()):
                if texts[n] != text and n not in self.backward:
                    yield (old.key, n, NAME_THRESHOLD, 0.0)
        if words(text) < MOVE_MIN_WORDS:
            return
        for n in new_items.near(text, self.backward):
            parent = new_items.parent_of[n]
            if parent != here and texts[n] != text and new_items.fits(old, parent):
                yield (old.key, n, MOVE_THRESHOLD, 0.0)

    def _support(self, old_key, new_key) -> int:
        """How many children of the old item have an alike-named child of the new one (a
        tie-breaker), counted once per pair."""
        pair = (old_key, new_key)
        if pair not in self.supports:
            names = self.names
            new_kids = self.new_children.get(new_key, [])
            same = {(n.kind, names.new[n.key]) for n in new_kids}
            count = 0
            for o in self.old_children.get(old_key, []):
                if (o.kind, names.old[o.key]) in same or any(
                    n.kind == o.kind and names.alike(o.key, n.key, NAME_THRESHOLD) for n in new_kids
                ):
                    count += 1
            self.supports[pair] = count
        return self.supports[pair]


class _NewItems:
    """The free new items of one kind by name and by parent, for _Matcher._by_name."""

    def __init__(self, kind: str, news: list[Item], names: Names):
        self.kind, self.names = kind, names
        self.text_of: dict = {}
        self.parent_of: dict = {}
        self.by_text: dict = defaultdict(list)
        self.by_parent: dict = defaultdict(list)
        for n in news:
            key = n.key
            text = names.new[key]
            self.text_of[key], self.parent_of[key] = text, n.parent
            self.by_text[text].append(key)
            self.by_parent[n.parent].append(key)
        self._fragments = None

    def fits(self, old: Item, new_parent) -> bool:
        """Indicators are paired only with indicators of the same level."""
        return self.kind != INDICATOR or _kind_of(old.parent) == _kind_of(new_parent)

    def near(self, text: str, taken) -> list:
        """The new items not `taken` whose names may be MOVE_THRESHOLD alike to `text`."""
        if self._fragments is None:
            free = [key for key in self.text_of if key not in taken]
            self._fragments = Fragments(self.names.new, free)
        return [key for key in self._fragments.near(text, MOVE_THRESHOLD) if key not in taken]


class _Ranking:
    """Pairs taken best first: the highest score (ratio + bonus, the ratio at least the pair's
    minimum); equal scores to the pair whose children agree most, then in document order.

    A pair (old key, new key, minimum, bonus) waits in a heap under a bound of its score
    (names.Names.first_bound, next_bound) and is looked at closer only when it comes to the top
    with both items still free; a pair whose item a better pair has taken is dropped, mostly
    before its ratio is worked out. A score comes off the heap only when no bound above it or
    equal to it is left, so the pairs are taken in the order they would have been had every
    score been worked out and sorted."""

    def __init__(self, matcher: _Matcher, method: str):
        self.matcher, self.method = matcher, method
        self.heap: list[tuple] = []
        self.order = count()

    def _push(self, value, stage, old_key, new_key, minimum, bonus):
        entry = (
            -round(value + bonus, 9),
            stage == RATIO,
            next(self.order),
            old_key,
            new_key,
            minimum,
            bonus,
            stage,
        )
        heapq.heappush(self.heap, entry)

    def add(self, pairs) -> None:
        first_bound = self.matcher.names.first_bound
        for old_key, new_key, minimum, bonus in pairs:
            value, stage = first_bound(old_key, new_key)
            if value >= minimum:
                self._push(value, stage, old_key, new_key, minimum, bonus)

    def take(self, down_to: float | None = None) -> None:
        """Pair every pair that scores at least `down_to` (all of them when None)."""
        m, heap = self.matcher, self.heap
        forward, backward = m.forward, m.backward
        floor = None if down_to is None else -round(down_to, 9)
        while heap and (floor is None or heap[0][0] <= floor):
            score, exact, _order, old_key, new_key, minimum, bonus, stage = heapq.heappop(heap)
            if old_key in forward or new_key in backward:
                continue
            if not exact:
                value, stage = m.names.next_bound(old_key, new_key, stage)
                if value >= minimum:
                    self._push(value, stage, old_key, new_key, minimum, bonus)
                continue
            tied = [(old_key, new_key)]
            while heap and heap[0][0] == score and heap[0][1]:
                entry = heapq.heappop(heap)
                if entry[3] not in forward and entry[4] not in backward:
                    tied.append((entry[3], entry[4]))
            self._take_tied(tied)

    def _take_tied(self, tied):
        """Pairs of one score: those that compete for an item go by how many of their
        children agree (_support), then all by document order."""
        m = self.matcher
        olds = Counter(old_key for old_key, _new_key in tied)
        news = Counter(new_key for _old_key, new_key in tied)

        def rank(pair):
            old_key, new_key = pair
            contested = olds[old_key] > 1 or news[new_key] > 1
            support = m._support(old_key, new_key) if contested else 0
            return (-support, m.old_pos[old_key], m.new_pos[new_key])

        for old_key, new_key in sorted(tied, key=rank):
            if old_key not in m.forward and new_key not in m.backward:
                m._pair(old_key, new_key, self.method)


def _kind_of(key) -> str:
    return key[0] if key else ""


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
    if old.kind == "sasaran" and old.fields.get("rpjmd_refs") != new.fields.get("rpjmd_refs"):
        changes.append(
            FieldChange(
                "rpjmd_refs",
                "; ".join(old.fields.get("rpjmd_refs") or []),
                "; ".join(new.fields.get("rpjmd_refs") or []),
            )
        )
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
