"""Names of plan items as the comparison of versions (renstra.review.diff) reads them.

How alike two names are is difflib's ratio of the normalised names, as it always was: 2 M / T,
M the characters of the matching blocks difflib finds, T the length of both names. `ratio`
computes exactly that number (the longest block first, the earliest in the first name, then in
the second; then the same on each side of it) with the searches of Python's `str.find` instead
of difflib's table of positions, a few times faster; a test holds it to difflib's.

Even so a ratio is the costly part of a comparison, so a pair is first held against bounds that
are never below it, from the cheapest up (`Names.first_bound`, `next_bound`):

- the lengths: M is at most the shorter name (difflib's real_quick_ratio);
- the characters: M is at most the characters the names have in common, counted with repeats
  (difflib's quick_ratio), here one pass over two count vectors;
- the longest common subsequence L: the matching blocks are one common subsequence, so M <= L;
  L is computed bit-parallel (a few integer operations per character).

`Fragments` finds the names that may be nearly equal to a name without looking at the others.
A name a is cut into pieces of FRAGMENT characters. If a name b is at least `minimum` alike,
the longest common subsequence leaves at most E = (1 - minimum) * 2 * len(a) / minimum
characters of a and b unmatched, and each of those breaks at most one piece (an unmatched
character of a lies in one piece, an unmatched character of b between two matched characters
of at most one piece); of any E + 1 pieces one is then a substring of b. So the pieces are
ranked by how many names contain them, and only the names containing one of the E + 1 rarest
are candidates. A name too short to have E + 1 pieces gets the names of a possible length
instead.
"""

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict

_PUNCTUATION = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
_LEADING_WORD = re.compile(r"^(program|kegiatan)\s+")

FRAGMENT = 4

# Stages of what is known of a pair: a bound from the lengths, from the characters, from the
# longest common subsequence, then the ratio itself.
LENGTHS, CHARACTERS, SUBSEQUENCE, RATIO = range(4)


def normalise(name: str) -> str:
    """'PROGRAM Pelayanan  Administrasi/Perkantoran.' -> 'pelayanan administrasi perkantoran'."""
    text = _PUNCTUATION.sub(" ", (name or "").lower())
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_WORD.sub("", text)


def _ratio(matches: int, length: int) -> float:
    """difflib's own expression, so that a bound and a ratio compare with a threshold alike."""
    return 2.0 * matches / length if length else 1.0


def _longest(a: str, b: str, alo: int, ahi: int, blo: int, bhi: int) -> tuple[int, int, int]:
    """difflib's find_longest_match without junk: the longest block a[i:i+k] == b[j:j+k] within
    the bounds; of those the earliest in a, then in b; (alo, blo, 0) when there is none."""
    best_i, best_j, best = alo, blo, 0
    find = b.find
    i = alo
    while i + best < ahi:  # only a longer block than the best can change it
        k = best + 1
        j = find(a[i : i + k], blo, bhi)
        if j >= 0:
            while i + k < ahi:
                longer = find(a[i : i + k + 1], blo, bhi)
                if longer < 0:
                    break
                k, j = k + 1, longer
            best_i, best_j, best = i, j, k
        i += 1
    return best_i, best_j, best


def ratio(a: str, b: str) -> float:
    """SequenceMatcher(None, a, b, autojunk=False).ratio(), computed the same way."""
    matches = 0
    queue = [(0, len(a), 0, len(b))]
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k = _longest(a, b, alo, ahi, blo, bhi)
        if k:
            matches += k
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    return _ratio(matches, len(a) + len(b))


def similarity(a: str, b: str) -> float:
    return ratio(normalise(a), normalise(b))


def _common_subsequence(text: str, masks: dict[str, int], length: int) -> int:
    """Length of the longest common subsequence of `text` and the name whose character
    positions are `masks` (Hyyrö's bit-vector algorithm)."""
    full = (1 << length) - 1
    v = full
    for char in text:
        u = v & masks.get(char, 0)
        v = ((v + u) | (v - u)) & full
    return length - v.bit_count()


def words(text: str) -> int:
    return len(text.split())


class Names:
    """The normalised names of the items of two versions by key (`old`, `new`), and what is
    known of pairs of names: their ratios, each worked out once, and the character counts and
    positions the bounds need, kept per name when first asked for."""

    def __init__(self, old_items, new_items):
        self.old = {key: normalise(item.name) for key, item in old_items}
        self.new = {key: normalise(item.name) for key, item in new_items}
        self.alphabet = "".join(sorted(set().union(*self.old.values(), *self.new.values())))
        self._ratios: dict[tuple[str, str], float] = {}
        self._counts: dict[str, list[int]] = {}
        self._masks: dict[str, dict[str, int]] = {}
        self.ratios_computed = 0  # pairs whose ratio was worked out, for tests of the work done

    def _text_ratio(self, a: str, b: str) -> float:
        known = self._ratios.get((a, b))
        if known is None:
            if a == b:
                return 1.0
            self.ratios_computed += 1
            known = self._ratios[(a, b)] = ratio(a, b)
        return known

    def ratio(self, old_key, new_key) -> float:
        """difflib's ratio of the two normalised names."""
        return self._text_ratio(self.old[old_key], self.new[new_key])

    def counts(self, text: str) -> list[int]:
        """How often each character of the alphabet occurs in `text`."""
        counts = self._counts.get(text)
        if counts is None:
            counter = Counter(text)
            counts = self._counts[text] = [counter.get(char, 0) for char in self.alphabet]
        return counts

    def masks(self, text: str) -> dict[str, int]:
        """{character: bits of its positions in `text`}, for the common subsequence."""
        masks = self._masks.get(text)
        if masks is None:
            masks = self._masks[text] = {}
            for position, char in enumerate(text):
                masks[char] = masks.get(char, 0) | 1 << position
        return masks

    def first_bound(self, old_key, new_key) -> tuple[float, int]:
        """(a bound of the ratio that is never below it, its stage): the ratio 1.0 of equal
        names, else the bound of the lengths."""
        a, b = self.old[old_key], self.new[new_key]
        if a == b:
            return 1.0, RATIO
        return _ratio(min(len(a), len(b)), len(a) + len(b)), LENGTHS

    def next_bound(self, old_key, new_key, stage: int) -> tuple[float, int]:
        """The next, closer bound after `stage`; at the end the ratio itself."""
        a, b = self.old[old_key], self.new[new_key]
        if stage == LENGTHS:
            common = sum(map(min, self.counts(a), self.counts(b)))
            return _ratio(common, len(a) + len(b)), CHARACTERS
        if stage == CHARACTERS:
            common = _common_subsequence(a, self.masks(b), len(b))
            return _ratio(common, len(a) + len(b)), SUBSEQUENCE
        return self._text_ratio(a, b), RATIO

    def alike(self, old_key, new_key, minimum: float) -> bool:
        """Whether the ratio of the pair is at least `minimum`; the bounds decide most pairs
        below it without working the ratio out."""
        known = self._ratios.get((self.old[old_key], self.new[new_key]))
        if known is not None:
            return known >= minimum
        value, stage = self.first_bound(old_key, new_key)
        while value >= minimum and stage != RATIO:
            value, stage = self.next_bound(old_key, new_key, stage)
        return value >= minimum


class Fragments:
    """The names of some new items by the pieces of FRAGMENT characters they contain."""

    def __init__(self, texts: dict, keys):
        self.postings: dict[str, list] = defaultdict(list)
        by_length = []
        for key in keys:
            text = texts[key]
            for piece in {text[i : i + FRAGMENT] for i in range(len(text) - FRAGMENT + 1)}:
                self.postings[piece].append(key)
            by_length.append((len(text), key))
        by_length.sort(key=lambda entry: entry[0])
        self.lengths = [length for length, _key in by_length]
        self.keys_by_length = [key for _length, key in by_length]

    def near(self, text: str, minimum: float):
        """Keys of the names that can be at least `minimum` alike to `text` (and some that
        cannot: the caller works their ratios out)."""
        size = len(text)
        edits = int((1 - minimum) * 2 * size / minimum) + 1  # one more, against rounding
        pieces = [text[i : i + FRAGMENT] for i in range(0, size - FRAGMENT + 1, FRAGMENT)]
        if len(pieces) <= edits:
            low = bisect_left(self.lengths, size * minimum / (2 - minimum) - 1)
            high = bisect_right(self.lengths, size * (2 - minimum) / minimum + 1)
            return self.keys_by_length[low:high]
        postings = self.postings
        pieces.sort(key=lambda piece: len(postings.get(piece, ())))
        found = set()
        for piece in pieces[: edits + 1]:
            found.update(postings.get(piece, ()))
        return found
