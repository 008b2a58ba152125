"""The matching of the comparison (renstra.review.diff) without holding every old item against
every new one: it pairs exactly as doing that would (a reference matcher below, the one diff.py
had until the indexes came, run on the demo both ways and on random versions built to have many
equal and nearly equal names, moves, codes, copies and corrections); its ratio is difflib's; the
fragment index misses no name that could be nearly equal; and ten times the demo costs ten
times the work."""

import random
from collections import defaultdict
from difflib import SequenceMatcher

import pytest

from renstra.review import diff
from renstra.review.diff import (
    BY_CODE,
    BY_COPY,
    BY_NAME,
    BY_OVERRIDE,
    CHILD_ORDER,
    CODE_NAME_MINIMUM,
    MOVE_MIN_WORDS,
    MOVE_THRESHOLD,
    NAME_THRESHOLD,
    PARENT_BONUS,
    compare,
)
from renstra.review.names import Fragments, Names, normalise, ratio
from renstra.review.snapshot import KINDS, Item, VersionSnapshot, snapshot_of
from tests.bench.bench_compare import COPIES, scaled

# --- the reference: every old item against every new one --------------------------------------


def reference_pairs(old: VersionSnapshot, new: VersionSnapshot, overrides=None) -> dict:
    """{old key: (new key, method)} as diff.py paired until it used indexes (commit ce27e29):
    per kind, corrections, copies, codes, then names; every candidate above its threshold, all
    sorted by score, equal scores by the children's agreement when they compete, then by
    document order."""
    overrides = overrides or {}
    forward, backward, refused = {}, {}, set()
    text = {(False, k): normalise(i.name) for k, i in old.items.items()}
    text.update({(True, k): normalise(i.name) for k, i in new.items.items()})
    old_pos = {key: i for i, key in enumerate(old.items)}
    new_pos = {key: i for i, key in enumerate(new.items)}

    def children(snapshot):
        kids = defaultdict(list)
        for item in snapshot.items.values():
            kids[item.parent if item.parent in snapshot.items else None].append(item)
        for items in kids.values():
            items.sort(key=lambda i: (CHILD_ORDER.index(i.kind), i.order, i.id))
        return kids

    old_kids, new_kids = children(old), children(new)

    def alike(o, n):
        a, b = text[(False, o.key)], text[(True, n.key)]
        return 1.0 if a == b else SequenceMatcher(None, a, b, autojunk=False).ratio()

    def partner(key):
        return forward.get(key, (None,))[0]

    def free(kind):
        olds = [i for i in old.of_kind(kind) if i.key not in forward and i.key not in refused]
        return olds, [i for i in new.of_kind(kind) if i.key not in backward]

    def support(o, n):
        kids = new_kids.get(n.key, [])
        return sum(
            any(k.kind == c.kind and alike(c, k) >= NAME_THRESHOLD for k in kids)
            for c in old_kids.get(o.key, [])
        )

    def take(candidates, method):
        counts = defaultdict(int)
        for score, o, n in candidates:
            counts[(round(score, 9), o.key)] += 1
            counts[(round(score, 9), n.key)] += 1

        def rank(c):
            score, o, n = c
            tied = counts[(round(score, 9), o.key)] > 1 or counts[(round(score, 9), n.key)] > 1
            return (-round(score, 9), -support(o, n) if tied else 0, old_pos[o.key], new_pos[n.key])

        for _score, o, n in sorted(candidates, key=rank):
            if o.key not in forward and n.key not in backward:
                forward[o.key], backward[n.key] = (n.key, method), o.key

    def required(o, n):
        if o.parent is None and n.parent is None:
            return NAME_THRESHOLD, 0.0
        if o.parent is not None and partner(o.parent) == n.parent:
            return NAME_THRESHOLD - PARENT_BONUS, PARENT_BONUS
        if len(text[(False, o.key)].split()) < MOVE_MIN_WORDS:
            return 2.0, 0.0
        return MOVE_THRESHOLD, 0.0

    for kind in KINDS:
        for (o_kind, old_id), new_id in overrides.items():
            key = (o_kind, old_id)
            if o_kind == kind and key in old.items and key not in forward:
                if new_id is None:
                    refused.add(key)
                elif (kind, new_id) in new.items and (kind, new_id) not in backward:
                    forward[key], backward[(kind, new_id)] = ((kind, new_id), BY_OVERRIDE), key
        olds, news = free(kind)
        free_old = {o.key for o in olds}
        for n in news:
            source = (kind, n.copied_from)
            if n.copied_from is not None and source in free_old:
                forward[source], backward[n.key] = (n.key, BY_COPY), source
                free_old.discard(source)
        olds, news = free(kind)
        take(
            [
                (alike(o, n), o, n)
                for o in olds
                for n in news
                if o.code and o.code == n.code and alike(o, n) >= CODE_NAME_MINIMUM
            ],
            BY_CODE,
        )
        olds, news = free(kind)
        candidates = []
        for o in olds:
            for n in news:
                if kind == "indikator" and (o.parent or ("",))[0] != (n.parent or ("",))[0]:
                    continue
                minimum, bonus = required(o, n)
                score = alike(o, n)
                if score >= minimum:
                    candidates.append((score + bonus, o, n))
        take(candidates, BY_NAME)
    return forward


def pairs_of(old, new, overrides=None) -> dict:
    matcher = diff._Matcher(old, new, overrides)
    matcher.run()
    return matcher.forward


# --- random versions -------------------------------------------------------------------------

# A few words, so that names repeat and differ by a word: ties, near misses, moves.
WORDS = ("jumlah", "peserta", "diklat", "aparatur", "pelayanan", "jasa", "rapat", "data", "sistem")


def _snapshot(version_id, items) -> VersionSnapshot:
    ordered = sorted(items, key=lambda i: (KINDS.index(i.kind), i.order, i.id))
    return VersionSnapshot(version_id, "versi {}".format(version_id), {i.key: i for i in ordered})


def _name(rng) -> str:
    name = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
    return rng.choice(["", "", "PROGRAM ", "Kegiatan "]) + name.capitalize()


def _older(rng) -> list[Item]:
    items, ids = [], iter(range(1, 10_000))

    def add(kind, parent, order):
        code = rng.choice(["", "", "", "01", "02", "01.01"])
        item = Item(kind, next(ids), parent, None, code, "", _name(rng), order)
        items.append(item)
        return item

    for g in range(rng.randint(0, 2)):
        goal = add("tujuan", None, g)
        for s in range(rng.randint(0, 2)):
            objective = add("sasaran", goal.key, s)
            add("indikator", objective.key, 0)
    for p in range(rng.randint(1, 5)):
        program = add("program", None, p)
        for k in range(rng.randint(0, 6)):
            activity = add("kegiatan", program.key, k)
            for i in range(rng.randint(0, 3)):
                add("indikator", activity.key, i)
        for i in range(rng.randint(0, 2)):
            add("indikator", program.key, i)
    for i in range(rng.randint(0, 2)):
        add("indikator", None, i)  # an indicator without an owner
    return items


def _edited(rng, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(0, 3)):
        where = rng.randrange(len(chars) + 1)
        if rng.random() < 0.5 and where < len(chars):
            del chars[where]
        else:
            chars.insert(where, rng.choice("abdeiknu "))
    return "".join(chars)


def _newer(rng, older: list[Item]) -> list[Item]:
    """The older items edited: some dropped, renamed by a word or a letter, moved, recoded,
    copied; and a few new ones."""
    shift = 50_000
    by_kind = defaultdict(list)
    for item in older:
        by_kind[item.kind].append(item)
    items = []
    for item in older:
        if rng.random() < 0.15:
            continue
        name, parent = item.name, item.parent
        if rng.random() < 0.3:
            words = name.split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            name = " ".join(words)
        elif rng.random() < 0.2:
            name = _edited(rng, name)  # a typo: nearly the same name
        if parent is not None and rng.random() < 0.12:
            parent = (parent[0], rng.choice(by_kind[parent[0]]).id)
        items.append(
            Item(
                item.kind,
                item.id + shift,
                None if parent is None else (parent[0], parent[1] + shift),
                item.id if rng.random() < 0.1 else None,
                rng.choice([item.code, item.code, "", "01"]),
                "",
                name,
                item.order if rng.random() < 0.9 else rng.randint(0, 9),
            )
        )
    extra = [i for i in _older(rng) if i.kind == "program" or i.parent is None][:3]
    for item in extra:
        item.id += 2 * shift
    return items + extra


def _overrides(rng, old, new) -> dict:
    overrides = {}
    for key in rng.sample(list(old.items), k=min(3, len(old.items))):
        choices = [k for k in new.items if k[0] == key[0]] + [None]
        choice = rng.choice(choices)
        overrides[key] = None if choice is None else choice[1]
    return overrides


@pytest.mark.parametrize("seed", range(150))
def test_random_versions_are_paired_as_every_pair_would(seed):
    rng = random.Random(seed)
    older = _older(rng)
    old, new = _snapshot(1, older), _snapshot(2, _newer(rng, older))
    overrides = _overrides(rng, old, new) if seed % 3 == 0 else None
    assert pairs_of(old, new, overrides) == reference_pairs(old, new, overrides)


def test_the_demo_is_paired_as_every_pair_would(v1, v2):
    old, new = snapshot_of(v1), snapshot_of(v2)
    for a, b in ((old, new), (new, old)):
        assert pairs_of(a, b) == reference_pairs(a, b)


def test_a_nearly_equal_name_elsewhere_beats_a_loosely_alike_one_under_the_partner():
    """0.99 for the move against 0.73 + PARENT_BONUS under the partner of the parent: the move
    is ranked in the last tier of candidates, and still comes first."""
    old = _snapshot(
        1,
        [
            Item("program", 1, None, None, "", "", "Satu", 0),
            Item("program", 2, None, None, "", "", "Dua", 1),
            Item(
                "kegiatan",
                1,
                ("program", 1),
                None,
                "",
                "",
                "Penyusunan laporan keuangan akhir tahun anggaran",
                0,
            ),
        ],
    )
    new = _snapshot(
        2,
        [
            Item("program", 11, None, None, "", "", "Satu", 0),
            Item("program", 12, None, None, "", "", "Dua", 1),
            Item(
                "kegiatan",
                11,
                ("program", 11),
                None,
                "",
                "",
                "Penyusunan laporan kinerja tahunan",
                0,
            ),
            Item(
                "kegiatan",
                12,
                ("program", 12),
                None,
                "",
                "",
                "Penyusunan laporan keuangan akir tahun anggaran",
                0,
            ),
        ],
    )
    comparison = compare(old, new)
    assert [
        (e.status, e.old and e.old.id, e.new and e.new.id) for e in comparison.of("kegiatan")
    ] == [
        ("moved", 1, 12),
        ("added", None, 11),
    ]
    assert pairs_of(old, new) == reference_pairs(old, new)


# --- names -----------------------------------------------------------------------------------


def _difflib(a, b):
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def test_the_ratio_is_difflibs():
    rng = random.Random(1)
    for _ in range(3000):
        alphabet = rng.choice(["ab", "ab c", "aab", "abcdefg ", "aaaa b"])
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert ratio(a, b) == _difflib(a, b), (a, b)


def test_the_ratio_is_difflibs_on_the_demos_names(v1, v2):
    old = sorted({normalise(i.name) for i in snapshot_of(v1).items.values()})
    new = sorted({normalise(i.name) for i in snapshot_of(v2).items.values()})
    assert [ratio(a, b) for a in old[::7] for b in new] == [
        _difflib(a, b) for a in old[::7] for b in new
    ]


def test_bounds_are_never_below_the_ratio():
    rng = random.Random(2)
    old = [Item("kegiatan", i, None, None, "", "", _name(rng), i) for i in range(60)]
    new = [Item("kegiatan", i, None, None, "", "", _name(rng), i) for i in range(60)]
    names = Names([(i.key, i) for i in old], [(i.key, i) for i in new])
    for o in old:
        for n in new:
            exact = _difflib(names.old[o.key], names.new[n.key])
            value, stage = names.first_bound(o.key, n.key)
            while True:
                assert value >= exact
                if stage == 3:
                    assert value == exact
                    break
                value, stage = names.next_bound(o.key, n.key, stage)


def test_fragments_miss_no_name_that_can_be_nearly_equal():
    rng = random.Random(3)
    texts = {}
    for i in range(400):
        base = normalise(_name(rng))
        texts[("kegiatan", i)] = base
        texts[("kegiatan", 1000 + i)] = _edited(rng, base)
    fragments = Fragments(texts, list(texts))
    checked = 0
    for text in texts.values():
        near = set(fragments.near(text, MOVE_THRESHOLD))
        for other, candidate in texts.items():
            if _difflib(text, candidate) >= MOVE_THRESHOLD:
                assert other in near, (text, candidate)
                checked += 1
    assert checked > 800  # the edited names, and the equal ones


# --- ten times the demo ----------------------------------------------------------------------


def test_ten_times_the_demo_is_ten_times_the_comparison_and_the_work(v1, v2, monkeypatch):
    """The names of the ten copies are the demo's with letters exchanged (see
    tests/bench/bench_compare.py): each copy compares as the demo does, and the matcher looks at
    about ten times as many pairs and works out exactly ten times as many ratios."""
    looked_at = []
    first_bound = Names.first_bound

    def counted(self, old_key, new_key):
        looked_at.append(1)
        return first_bound(self, old_key, new_key)

    monkeypatch.setattr(Names, "first_bound", counted)

    def work(old, new):
        looked_at.clear()
        matcher = diff._Matcher(old, new, None)
        matcher.run()
        return len(looked_at), matcher.names.ratios_computed

    demo = snapshot_of(v1), snapshot_of(v2)
    tenfold = scaled(demo[0]), scaled(demo[1])
    small, large = compare(*demo), compare(*tenfold)
    assert large.totals == {status: COPIES * n for status, n in small.totals.items()}
    (pairs, ratios), (pairs_10, ratios_10) = work(*demo), work(*tenfold)
    assert ratios_10 == COPIES * ratios
    assert pairs_10 <= 1.2 * COPIES * pairs
