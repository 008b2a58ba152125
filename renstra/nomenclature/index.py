"""One edition of the nomenclature held in memory, for the checker and the pickers.

The checker runs over tens or hundreds of plans: an edition is read in one query and kept per
process (`edition_index`); a load through renstra.nomenclature.services forgets what this
process holds, and other processes notice the edition's new revision within
REVALIDATE_SECONDS (reference data changes once a year, not between two checks)."""

import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

from renstra.nomenclature.codes import (
    bidang_of,
    closeness,
    code_key,
    name_key,
    parent_code,
    trigrams,
    wildcard,
    with_bidang,
)
from renstra.nomenclature.models import Edition, Entry

REVALIDATE_SECONDS = 30.0
_CODE_QUERY = re.compile(r"^[0-9Xx.]+$")


@dataclass(frozen=True)
class Listed:
    """A code of the edition as the checker and pickers use it (`code` in its key form)."""

    code: str
    level: str
    government_level: int
    name: str

    def for_bidang(self, bidang: str) -> "Listed":
        """The entry with an "X.XX…" code written for one bidang."""
        code = with_bidang(self.code, bidang)
        if code == self.code:
            return self
        return Listed(code, self.level, self.government_level, self.name)

    def as_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "level": self.level}


class EditionIndex:
    """Every code of one edition by (government level, code key) and by level."""

    def __init__(self, edition_id: int, name: str, token: tuple, rows):
        self.edition_id = edition_id
        self.name = name
        self.token = token
        self.by_code: dict[tuple[int, str], list[Listed]] = defaultdict(list)
        self.by_level: dict[tuple[int, str], list[Listed]] = defaultdict(list)
        for code, level, government_level, entry_name in rows:
            listed = Listed(code_key(code), level, government_level, entry_name)
            same = self.by_code[(government_level, listed.code)]
            if not same:
                self.by_level[(government_level, level)].append(listed)
            same.append(listed)
        self._grams: dict[tuple[int, str], list[tuple[frozenset, Listed, str]]] = {}
        self._keys: dict[tuple[int, str], list[tuple[str, Listed]]] = {}

    def find(self, code: str, government_level: int) -> list[Listed]:
        """The entries of a plan's code for its government level (several where the edition
        lists one code under two legal bases), the Program Penunjang's "X.XX" included."""
        key = code_key(code)
        found = self.by_code.get((government_level, key)) or self.by_code.get(
            (government_level, wildcard(key))
        )
        if not found:
            return []
        bidang = bidang_of(key)
        return [listed.for_bidang(bidang) for listed in found]

    def names(self, code: str, government_level: int) -> set[str]:
        """The name keys the edition gives a code."""
        return {name_key(listed.name) for listed in self.find(code, government_level)}

    def closest(
        self, name: str, level: str, government_level: int, near: str = "", limit: int = 3
    ) -> list[Listed]:
        """The `limit` entries of a level whose names are closest to `name`, the closest first.
        `near` is the code the item has: entries under the same parent, then in the same bidang,
        count as a little closer, and "X.XX" codes are written for its bidang."""
        grams = self._grams.get((government_level, level))
        if grams is None:
            grams = self._grams[(government_level, level)] = [
                (trigrams(name_key(listed.name)), listed, parent_code(listed.code))
                for listed in self.by_level.get((government_level, level), [])
            ]
        near = code_key(near)
        bidang = bidang_of(near)
        parents = {parent_code(near), wildcard(parent_code(near))} if near else set()
        wanted = trigrams(name_key(name))
        scored = []
        for g, listed, parent in grams:
            value = closeness(wanted, g)
            if value and parent in parents:
                value += 0.2
            elif value and bidang and parent.startswith((bidang + ".", "X.XX.")):
                value += 0.1
            scored.append((value, listed))
        scored.sort(key=lambda pair: (-pair[0], pair[1].code))
        return [listed.for_bidang(bidang) for value, listed in scored[:limit] if value > 0]

    def search(
        self,
        query: str,
        level: str,
        government_level: int,
        parent: str = "",
        bidangs: tuple[str, ...] = (),
        limit: int = 20,
    ) -> list[Listed]:
        """Entries of a level matching what a person typed: a code prefix ("5.03.01.2", "2.0")
        or words of the name in any order ("kepegawaian administrasi"). Under a `parent` code
        (a kegiatan's program) only its children, with the parent's bidang; "X.XX" codes are
        written for each of `bidangs` (the plan's), or left as listed without one."""
        candidates = self._keys.get((government_level, level))
        if candidates is None:
            candidates = self._keys[(government_level, level)] = [
                (name_key(listed.name), listed)
                for listed in self.by_level.get((government_level, level), [])
            ]
        if parent:
            parent = code_key(parent)
            wanted_parents = {parent, wildcard(parent)}
            bidangs = (bidang_of(parent),)
            candidates = [(k, c) for k, c in candidates if parent_code(c.code) in wanted_parents]
        written = []
        for key, listed in candidates:
            for bidang in bidangs or ("",):
                written.append((key, listed.for_bidang(bidang)))
                if listed.code == listed.for_bidang(bidang).code:
                    break  # not an "X.XX" code: one spelling only
        query = (query or "").strip()
        if not query:
            found = [listed for _, listed in written]
        elif _CODE_QUERY.match(query):
            prefix = query.upper().replace("x", "X")
            found = [listed for _, listed in written if listed.code.startswith(prefix)]
        else:
            words = name_key(query).split()
            whole = " ".join(words)
            matched = [(k, listed) for k, listed in written if all(w in k for w in words)]
            found = [
                listed
                for _, listed in sorted(
                    matched, key=lambda pair: (not pair[0].startswith(whole), pair[1].code)
                )
            ]
        return found[:limit]


_lock = threading.Lock()
_indexes: dict[int, tuple[float, EditionIndex]] = {}
_default: list = []  # [(checked at, edition id or None)] once known


def forget_editions() -> None:
    """Forget every edition this process holds (after a load)."""
    with _lock:
        _indexes.clear()
        _default.clear()


def default_edition_id() -> int | None:
    """The edition a plan without one of its own is checked against: the one whose name sorts
    last (editions are named by year), or None when no edition is loaded."""
    now = time.monotonic()
    if _default and now - _default[0][0] < REVALIDATE_SECONDS:
        return _default[0][1]
    found = Edition.objects.order_by("-name").values_list("pk", flat=True).first()
    with _lock:
        _default[:] = [(now, found)]
    return found


def edition_index(edition_id: int | None) -> EditionIndex | None:
    """The edition (the default one for None) in memory, or None when there is none."""
    if edition_id is None:
        edition_id = default_edition_id()
        if edition_id is None:
            return None
    now = time.monotonic()
    held = _indexes.get(edition_id)
    if held is not None and now - held[0] < REVALIDATE_SECONDS:
        return held[1]
    row = Edition.objects.filter(pk=edition_id).values_list("name", "revision", "loaded_at").first()
    if row is None:
        with _lock:
            _indexes.pop(edition_id, None)
        return None
    name, *token = row
    token = tuple(token)
    if held is not None and held[1].token == token:
        index = held[1]
    else:
        rows = Entry.objects.filter(edition_id=edition_id).order_by("pk")
        index = EditionIndex(
            edition_id,
            name,
            token,
            rows.values_list("code", "level", "government_level", "name").iterator(chunk_size=2000),
        )
    with _lock:
        _indexes[edition_id] = (now, index)
    return index
