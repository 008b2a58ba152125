"""Codes and names of the nomenclature as text: cleaning what a source printed, the key two
spellings of one code or one name share, and the closeness of two names. Pure Python.

A Permendagri 90/2019 code is U.BB.PP.K.KK.SSSS (DOMAIN.md §5): sub kegiatan numbers have two
digits in the 2020 lists and in older printouts, four in later ones, so codes are compared by
their `code_key`, in which "0001" and "01" are the same. The Program Penunjang Urusan
Pemerintahan Daerah and its kegiatan are listed once for every bidang, as "X.XX.01…"; a plan
writes them with its own bidang ("5.03.01"), which `wildcard` turns back into the listed code.
"""

import re

# How many dot-separated segments a code of each level has.
SEGMENTS = {"urusan": 1, "bidang": 2, "program": 3, "kegiatan": 5, "sub_kegiatan": 6}
WILDCARD = ("X", "XX")

_SPACE = re.compile(r"\s+")
# Line breaks the source stored as the two characters "\r", "\n" (seen in the SIMCAN dump).
_ESCAPES = re.compile(r"\\[rnt]")
# "PROGRAM PENDIDIKAN DAYAH******)": a footnote mark of the regulation (Aceh, Papua, DIY).
_FOOTNOTE = re.compile(r"\s*\*+\)?\s*$")
_NOT_WORD = re.compile(r"[\W_]+")


def clean_code(raw: str) -> str:
    """The code without the spaces a source left in it ("4.02.02.2.06 .01" -> "4.02.02.2.06.01")."""
    return _SPACE.sub("", raw or "")


def clean_name(raw: str) -> str:
    """The name as a person reads it: escaped line breaks, runs of spaces and a trailing footnote
    mark taken out; the source's spelling otherwise kept."""
    text = _SPACE.sub(" ", _ESCAPES.sub(" ", raw or "")).strip()
    return _FOOTNOTE.sub("", text).strip()


def name_key(name: str) -> str:
    """What two spellings of one name share: case, punctuation and spacing left out
    ("Pengelolaan E-Government" and "pengelolaan e-government" are one name)."""
    return _SPACE.sub(" ", _NOT_WORD.sub(" ", clean_name(name).casefold())).strip()


def segments(code: str) -> list[str]:
    return code.split(".") if code else []


def code_key(code: str) -> str:
    """The code as the lists and plans of every edition spell it alike: a sub kegiatan number
    with at least two digits, leading zeros beyond those dropped ("0001" -> "01")."""
    parts = segments(clean_code(code))
    if len(parts) == SEGMENTS["sub_kegiatan"] and parts[5].isdigit():
        parts[5] = "{:02d}".format(int(parts[5]))
    return ".".join(parts)


def wildcard(code: str) -> str:
    """The code with its urusan and bidang as the lists write the Program Penunjang
    ("5.03.01.2.01" -> "X.XX.01.2.01"); codes above program level are returned as they are."""
    parts = segments(code)
    if len(parts) < SEGMENTS["program"]:
        return code
    return ".".join([*WILDCARD, *parts[2:]])


def with_bidang(code: str, bidang: str) -> str:
    """A listed "X.XX…" code written for one bidang ("X.XX.01", "5.03" -> "5.03.01")."""
    parts = segments(code)
    if not bidang or parts[:2] != list(WILDCARD):
        return code
    return ".".join([*segments(bidang)[:2], *parts[2:]])


def bidang_of(code: str) -> str:
    """U.BB of a code of program level or below ("5.03.01.2.01" -> "5.03"), or ""."""
    parts = segments(code)
    return ".".join(parts[:2]) if len(parts) >= SEGMENTS["program"] else ""


def parent_code(code: str) -> str:
    """The code of the level above: the kegiatan of a sub kegiatan, the program of a kegiatan
    (whose code has two more segments), the bidang of a program."""
    parts = segments(code)
    drop = 2 if len(parts) == SEGMENTS["kegiatan"] else 1
    return ".".join(parts[:-drop])


def trigrams(key: str) -> frozenset[str]:
    """The three-letter pieces of a name key, its words' edges included."""
    padded = " {} ".format(key)
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def closeness(a: frozenset[str], b: frozenset[str]) -> float:
    """How alike two names are, 0 to 1, from their trigrams (Dice coefficient): word order and
    small spelling differences cost little, other words much."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))
