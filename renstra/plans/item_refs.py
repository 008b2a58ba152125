"""Items of an agency's plan named so that the name holds across versions: by level, code (a
sasaran's number) and name, as Objective.rpjmd_refs names the RPJMD's sasaran by number.

What an agency keeps about its plan outside the plan (who is responsible for a program, the
crosscutting links with other agencies) must survive a review: an approved version is frozen,
and its review copies every item into new rows. Rows change, codes stay. So such records name
an item by its code and keep the name it had, and a version's item matches a record when

1. code and name are the same (names compared without case and extra spaces), else
2. the version has no other item of that level with this code: the code alone (the item was
   renamed in a review), else
3. the item has no code (a plan printed without them, as the demo's first version): the name
   alone, whatever code the record has, else
4. nothing: a code that two items of the version share (the demo's reviewed plan prints 17.85
   twice) is told apart by the name alone.
"""

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from renstra.plans.levels import BY_KEY

R = TypeVar("R")
_SPACES = re.compile(r"\s+")

# The levels whose items can be named so (the goals side above sasaran is not in the tree).
REF_LEVELS = ("sasaran", "program", "kegiatan", "sub_kegiatan")


def normal_name(name: str) -> str:
    """A name as compared: without case, and with its spaces collapsed."""
    return _SPACES.sub(" ", name or "").strip().casefold()


def code_of(level: str, item) -> str:
    """An item's code (its printed number for a sasaran), stripped."""
    return (getattr(item, BY_KEY[level].ident_field) or "").strip()


@dataclass(frozen=True)
class ItemRef:
    """How a record names an item: level key ('kegiatan'), code or number, name."""

    level: str
    code: str
    name: str

    @classmethod
    def of(cls, level: str, item) -> "ItemRef":
        return cls(level, code_of(level, item), item.name)

    @property
    def label(self) -> str:
        return "{} {} {}".format(BY_KEY[self.level].label, self.code, self.name).replace("  ", " ")


class VersionCodes:
    """How many items of each level of one version carry each code (rule 2 needs a code that
    names one item only)."""

    def __init__(self, items_by_level: dict[str, Iterable]):
        self.counts = {
            level: Counter(code_of(level, item) for item in items)
            for level, items in items_by_level.items()
        }

    def unique(self, level: str, code: str) -> bool:
        return bool(code) and self.counts.get(level, Counter())[code] == 1


class RefIndex(Generic[R]):
    """Records found by the item they name (the rules above). `ref` gives a record's ItemRef."""

    def __init__(self, records: Iterable[R], ref: Callable[[R], ItemRef]):
        self.exact: dict[tuple[str, str, str], list[R]] = {}
        self.by_code: dict[tuple[str, str], list[R]] = {}
        self.by_name: dict[tuple[str, str], list[R]] = {}
        for record in records:
            named = ref(record)
            name = normal_name(named.name)
            self.exact.setdefault((named.level, named.code, name), []).append(record)
            self.by_name.setdefault((named.level, name), []).append(record)
            if named.code:
                self.by_code.setdefault((named.level, named.code), []).append(record)

    def find(self, level: str, item, codes: VersionCodes) -> list[R]:
        """The records naming `item` (of `level`) of a version whose codes are `codes`."""
        code = code_of(level, item)
        exact = self.exact.get((level, code, normal_name(item.name)))
        if exact:
            return exact
        if codes.unique(level, code):
            return self.by_code.get((level, code), [])
        if not code:
            return self.by_name.get((level, normal_name(item.name)), [])
        return []
