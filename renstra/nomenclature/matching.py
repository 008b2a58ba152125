"""Suggested codes of an edition for the items of a plan coded otherwise (the crosswalk of
renstra.review.crosswalk): for a program, kegiatan or sub kegiatan name, the entries of the same
level whose names are most alike, best first, each with a score from 0 to 1.

The names of Permendagri 13/2006 and of Permendagri 90/2019 say the same things in other words
("Diklat" for "Pendidikan dan Pelatihan", "PNS" and "aparatur" for "ASN"), and an old kegiatan's
name is most often that of a new *sub kegiatan* ("Penyediaan Alat Tulis Kantor" is a sub
kegiatan of "Administrasi Barang Milik Daerah pada Perangkat Daerah"). So:

- names are compared as words (stop words out, abbreviations and synonyms written one way) and
  as letter trigrams (word forms and typos), half each: `similarity`;
- a kegiatan scores its own name, or SUB_WEIGHT times that of its closest sub kegiatan (and
  says which one: `Suggestion.via`);
- a program scores its own name and the votes of the kegiatan under it: the program of each
  kegiatan's best match, weighted by its score and shared among all the program's kegiatan
  (`Matcher.programs`), so that one weak match does not make a confident program;
- a kegiatan is looked for under its program's code only when that code is the planner's
  choice or a confident suggestion; else among the plan's own bidang (and the Program
  Penunjang), a sub kegiatan likewise under its kegiatan.

Only entries sharing a word with the name are scored (an inverted index of the words), so a
whole plan takes milliseconds, not a pass over the edition per item. Pure Python over the
edition held in memory (renstra.nomenclature.index)."""

import re
import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass

from renstra.nomenclature.codes import (
    bidang_of,
    closeness,
    name_key,
    parent_code,
    trigrams,
    wildcard,
    with_bidang,
)
from renstra.nomenclature.index import EditionIndex, Listed

# A kegiatan reached through one of its sub kegiatan scores this much of that match: its own
# name, when as alike, wins.
SUB_WEIGHT = 0.9
# The weight of a program's own name against the votes of its kegiatan.
PROGRAM_NAME_WEIGHT = 0.3
# Kegiatan of the plan's own bidang (and of the Program Penunjang) rank this much higher: an
# agency's programs stand in one or two bidang.
PREFER_BONUS = 0.1
# A suggestion at least this good is offered as the planner's default choice.
CONFIDENT = 0.5

# Words that say nothing about what an item does.
STOP_WORDS = frozenset(
    {
        *("program", "kegiatan", "sub", "dan", "di", "bagi", "serta", "yang", "pada", "dalam"),
        *("untuk", "atau", "dengan", "ke", "dari", "oleh", "kota", "kabupaten", "provinsi"),
        *("bontang", "lingkungan", "pemerintah"),
    }
)
# One spelling for what the two regulations (and planners) write differently.
SYNONYMS = {
    "diklat": "pendidikan pelatihan",
    "bimtek": "bimbingan teknis",
    "pns": "asn",
    "cpns": "asn",
    "pppk": "asn",
    "aparatur": "asn",
    "pegawai": "asn",
    "kepegawaian": "asn",
    "sdm": "sumber daya manusia",
    "skpd": "perangkat daerah",
    "opd": "perangkat daerah",
    "pd": "perangkat daerah",
    "renja": "rencana kerja",
    "renstra": "rencana strategis",
    "lakip": "laporan kinerja",
    "lkjip": "laporan kinerja",
    "korpri": "korps asn",
    "monev": "monitoring evaluasi",
    "kordinasi": "koordinasi",
    "penggandan": "penggandaan",
}
# Codes of the national nomenclature: a digit or the Program Penunjang's X as urusan (the SIMCAN
# list also holds Aceh's own "?11…" entries, which no other plan may use).
_NATIONAL = re.compile(r"^[0-9X]")


def words(name: str) -> tuple[str, ...]:
    """The words of a name that count, abbreviations and synonyms written one way."""
    found = []
    for word in name_key(name).split():
        for part in SYNONYMS.get(word, word).split():
            if part not in STOP_WORDS:
                found.append(part)
    return tuple(found)


@dataclass(frozen=True)
class Prepared:
    """A name as it is compared: its words and its letter trigrams."""

    words: frozenset[str]
    grams: frozenset[str]

    @classmethod
    def of(cls, name: str) -> "Prepared":
        found = words(name)
        return cls(frozenset(found), trigrams(" ".join(found)))


def similarity(a: Prepared, b: Prepared) -> float:
    """How alike two names are, 0 to 1: half the share of words they have in common, half that
    of their letter trigrams (both Dice coefficients)."""
    if not a.words or not b.words:
        return 0.0
    shared = 2 * len(a.words & b.words) / (len(a.words) + len(b.words))
    return 0.5 * shared + 0.5 * closeness(a.grams, b.grams)


@dataclass(frozen=True)
class Suggestion:
    """A code of the edition offered for an item: `code` as the plan writes it (the Program
    Penunjang's "X.XX" with the plan's bidang when known), `via` the sub kegiatan whose name
    matched when a kegiatan was found through one."""

    code: str
    name: str
    score: float
    via: str = ""

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "score": self.score, "via": self.via}


class _Level:
    """The entries of one level of one government level, with an index of their words."""

    def __init__(self, entries: list[Listed]):
        self.entries = [e for e in entries if _NATIONAL.match(e.code)]
        self.prepared = [Prepared.of(e.name) for e in self.entries]
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for i, prepared in enumerate(self.prepared):
            for word in prepared.words:
                self.by_word[word].append(i)

    def sharing_a_word(self, name: Prepared) -> set[int]:
        found: set[int] = set()
        for word in name.words:
            found.update(self.by_word.get(word, ()))
        return found


class _Edition:
    """What the matcher keeps of one edition for one government level."""

    def __init__(self, index: EditionIndex, government_level: int):
        self.levels = {
            level: _Level(index.by_level.get((government_level, level), []))
            for level in ("program", "kegiatan", "sub_kegiatan")
        }


_lock = threading.Lock()
_prepared: "weakref.WeakKeyDictionary[EditionIndex, dict[int, _Edition]]" = (
    weakref.WeakKeyDictionary()
)


def _edition(index: EditionIndex, government_level: int) -> _Edition:
    """Prepared once per edition in memory (forgotten with it, after a load)."""
    with _lock:
        held = _prepared.setdefault(index, {})
        if government_level not in held:
            held[government_level] = _Edition(index, government_level)
        return held[government_level]


def _under(code: str, parents: set[str]) -> bool:
    """Whether a listed code stands under one of `parents` (see _parents)."""
    return parent_code(code) in parents


class Matcher:
    """Suggestions from one edition for one government level (1 province, 2 regency/city)."""

    def __init__(self, index: EditionIndex, government_level: int):
        self.index = index
        self.government_level = government_level
        self.edition = _edition(index, government_level)

    def _scored(self, level: str, name: Prepared, parents: set[str] | None):
        """{entry position: score} of the entries of `level` sharing a word with the name
        (under one of `parents`, in listed or written form, when given)."""
        entries = self.edition.levels[level]
        scores = {}
        for i in entries.sharing_a_word(name):
            if parents is not None and not _under(entries.entries[i].code, parents):
                continue
            scores[i] = similarity(name, entries.prepared[i])
        return scores

    def kegiatan(
        self,
        name: str,
        *,
        under: str | None = None,
        bidang: str = "",
        prefer: frozenset[str] = frozenset(),
        limit: int = 3,
    ) -> list[Suggestion]:
        """The kegiatan closest to `name` (under program `under` when given), each by its own
        name or through its closest sub kegiatan; those of the bidang in `prefer` (and the
        Program Penunjang's) ranked PREFER_BONUS higher."""
        prepared = Prepared.of(name)
        parents = _parents(under)
        bidang = bidang_of(under or "") or bidang
        level = self.edition.levels["kegiatan"]
        best: dict[str, tuple[float, Listed, str]] = {}
        for i, score in self._scored("kegiatan", prepared, parents).items():
            entry = level.entries[i]
            best[entry.code] = (score, entry, "")
        subs = self.edition.levels["sub_kegiatan"]
        kegiatan_parents = None
        if parents is not None:
            kegiatan_parents = {e.code for e in level.entries if _under(e.code, parents)}
        for i, score in self._scored("sub_kegiatan", prepared, kegiatan_parents).items():
            sub = subs.entries[i]
            owner = parent_code(sub.code)
            score *= SUB_WEIGHT
            held = best.get(owner)
            if held is None or score > held[0]:
                listed = held[1] if held else self._listed("kegiatan", owner)
                if listed is not None:
                    via = "{} {}".format(with_bidang(sub.code, bidang), sub.name)
                    best[owner] = (score, listed, via)
        ranked = [
            (score + (PREFER_BONUS if _preferred(entry.code, prefer) else 0), score, entry, via)
            for score, entry, via in best.values()
        ]
        return self._top(ranked, bidang, limit)

    def sub_kegiatan(
        self, name: str, *, under: str | None = None, bidang: str = "", limit: int = 3
    ) -> list[Suggestion]:
        """The sub kegiatan closest to `name` (under kegiatan `under` when given)."""
        level = self.edition.levels["sub_kegiatan"]
        scored = self._scored("sub_kegiatan", Prepared.of(name), _parents(under))
        found = [(score, score, level.entries[i], "") for i, score in scored.items()]
        return self._top(found, bidang or bidang_of(under or ""), limit)

    def programs(
        self, name: str, *, votes: dict[str, float] | None = None, bidang: str = "", limit: int = 3
    ) -> list[Suggestion]:
        """The programs closest to `name`, their names counting PROGRAM_NAME_WEIGHT and the
        `votes` {program code as listed: the scores of the program's kegiatan whose best match
        lies under it, over the number of its kegiatan, 0 to 1} the rest; without votes, the
        names alone."""
        level = self.edition.levels["program"]
        by_name = {
            level.entries[i].code: (score, level.entries[i])
            for i, score in self._scored("program", Prepared.of(name), None).items()
        }
        if not votes:
            return self._top(((s, s, e, "") for s, e in by_name.values()), bidang, limit)
        found = []
        for code in set(by_name) | set(votes):
            score, entry = by_name.get(code, (0.0, None))
            entry = entry or self._listed("program", code)
            if entry is None:
                continue
            combined = PROGRAM_NAME_WEIGHT * score + (1 - PROGRAM_NAME_WEIGHT) * votes.get(code, 0)
            found.append((combined, combined, entry, ""))
        return self._top(found, bidang, limit)

    def _listed(self, level: str, code: str) -> Listed | None:
        for listed in self.index.by_code.get((self.government_level, code), ()):
            if listed.level == level:
                return listed
        return None

    def _top(self, found, bidang: str, limit: int) -> list[Suggestion]:
        """The best `limit` of (rank, score, entry, via), by rank, then code."""
        ranked = sorted(found, key=lambda t: (-t[0], t[2].code))
        result = []
        for _rank, score, entry, via in ranked[:limit]:
            if score <= 0:
                break
            result.append(
                Suggestion(with_bidang(entry.code, bidang), entry.name, round(score, 2), via)
            )
        return result


def _confident(found: list[Suggestion]) -> str:
    """The code of the best suggestion when it is at least CONFIDENT, else ""."""
    return found[0].code if found and found[0].score >= CONFIDENT else ""


def _preferred(code: str, prefer: frozenset[str]) -> bool:
    return bool(prefer) and (code.startswith("X.XX.") or bidang_of(code) in prefer)


def _parents(code: str | None) -> set[str] | None:
    """The parent codes an entry may be listed under for a plan's `code`: as written and, for
    the Program Penunjang, as "X.XX…"."""
    if not code:
        return None
    return {code, wildcard(code)}


# A bidang holding at least this share of the best matches of a plan's kegiatan is one of the
# plan's own (PREFER_BONUS).
PLAN_BIDANG_SHARE = 0.25
# How many matches of a kegiatan are ranked again with the plan's bidang known.
RERANKED = 10


@dataclass
class Node:
    """An item of a plan to suggest codes for: a program, kegiatan or sub kegiatan, with the
    items under it. `key` is the caller's."""

    key: object
    name: str
    children: list["Node"]


@dataclass
class PlanSuggestions:
    """Suggestions for every item of a plan: `bidang` is the plan's main bidang (U.BB, the one
    the Program Penunjang is written with), "" when none stands out."""

    bidang: str
    by_key: dict


def suggest_plan(
    matcher: Matcher, programs: list[Node], chosen: dict | None = None, limit: int = 3
) -> PlanSuggestions:
    """Codes for every program, kegiatan and sub kegiatan of a plan, the best `limit` each.

    1. Each kegiatan's closest kegiatan anywhere in the edition; the bidang holding at least
       PLAN_BIDANG_SHARE of them (by score) are the plan's, the heaviest its main bidang.
    2. Those matches ranked again with the plan's bidang preferred; a program's kegiatan vote
       for the program above their best match, each by its score.
    3. A program: its name and the votes (Matcher.programs).
    4. A kegiatan: the kegiatan under its program's code (`chosen` {key: code} where the
       planner chose one, else the best suggestion if CONFIDENT), else those of the plan's
       bidang when any matches; a sub kegiatan likewise under its kegiatan's."""
    chosen = chosen or {}
    kegiatan = [k for p in programs for k in p.children]
    anywhere = {k.key: matcher.kegiatan(k.name, limit=RERANKED) for k in kegiatan}
    weights: dict[str, float] = defaultdict(float)
    for found in anywhere.values():
        if found and not found[0].code.startswith("X.XX."):
            weights[bidang_of(found[0].code)] += found[0].score
    total = sum(weights.values())
    ranked_bidang = sorted(weights, key=lambda b: (-weights[b], b))
    prefer = frozenset(b for b in ranked_bidang if weights[b] >= PLAN_BIDANG_SHARE * total)
    bidang = ranked_bidang[0] if ranked_bidang else ""
    by_key: dict = {}
    for program in programs:
        votes: dict[str, float] = defaultdict(float)
        for k in program.children:
            found = sorted(
                anywhere[k.key],
                key=lambda s: -(s.score + (PREFER_BONUS if _preferred(s.code, prefer) else 0)),
            )
            if found:
                votes[parent_code(found[0].code)] += found[0].score
        shares = {code: vote / len(program.children) for code, vote in votes.items()} or None
        found = matcher.programs(program.name, votes=shares, bidang=bidang, limit=limit)
        by_key[program.key] = found
        under = chosen.get(program.key) or _confident(found)
        for k in program.children:
            if under:
                k_found = matcher.kegiatan(k.name, under=under, bidang=bidang, limit=limit)
            else:
                k_found = matcher.kegiatan(k.name, bidang=bidang, prefer=prefer, limit=RERANKED)
                k_found = ([s for s in k_found if _preferred(s.code, prefer)] or k_found)[:limit]
            by_key[k.key] = k_found
            k_under = chosen.get(k.key) or _confident(k_found)
            for sub in k.children:
                by_key[sub.key] = matcher.sub_kegiatan(
                    sub.name, under=k_under or None, bidang=bidang, limit=limit
                )
    return PlanSuggestions(bidang, by_key)
