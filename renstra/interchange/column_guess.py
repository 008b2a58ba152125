"""The fields a column of another spreadsheet can be mapped to (the T-C.27 columns of
renstra.interchange.tc27_layout), their labels on the mapping page, the first guess of each
column's field from the words of its title, and the signature by which a layout is known again.

A guess is only what the mapping page shows first: the planner sees every column with its first
cells and confirms or changes it. A title that says nothing known is guessed as KEEP (kept
verbatim), so that a wrong guess never moves a value into a field it does not belong to.
"""

import hashlib
import re

from django.utils.translation import gettext_lazy as _

from renstra.interchange.tc27_layout import COLUMNS, YEAR_COLUMN

# The choice for a column that has no T-C.27 field: its cells are kept verbatim.
KEEP = ""
KEEP_LABEL = _("abaikan — simpan apa adanya")
# How many year columns a mapping offers at most (a period of 5 or 6 target years, or the years
# given for the columns).
MAX_YEARS = 10
FIELD_LABELS = {
    "level": _("Tingkat (tujuan, sasaran, program, kegiatan, subkegiatan, bidang urusan)"),
    "kode": _("Kode"),
    "uraian": _("Uraian (nama tujuan, sasaran, program, kegiatan)"),
    "indikator": _("Indikator kinerja"),
    "satuan": _("Satuan"),
    "kelompok_sasaran": _("Kelompok sasaran"),
    "baseline": _("Kondisi awal (baseline)"),
    "target_akhir": _("Target akhir periode"),
    "rp_akhir": _("Rp akhir periode"),
    "unit_kerja": _("Unit kerja penanggung jawab"),
    "lokasi": _("Lokasi"),
    "satuan_derived": _("Satuan bersama (dipakai bila kolom satuan kosong)"),
    "kode_raw": _("Kode seperti tercetak"),
    "src_line": _("Baris di dokumen sumber"),
    "note": _("Catatan"),
}
# Not 'dana': "Sumber Dana" is a column of its own, not a year's Rp.
_RP_WORDS = {"rp", "pagu", "anggaran", "pendanaan", "rupiah"}
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_YEAR_NUMBER = re.compile(r"\b(?:tahun|th|thn)\s*(?:ke\s*)?([1-9])\b|\by\s*([1-9])\b")
# (words that must all be in the title, field), tried in order after the year columns.
_WORD_RULES = (
    (("kelompok", "sasaran"), "kelompok_sasaran"),
    (("indikator",), "indikator"),
    (("satuan", "bersama"), "satuan_derived"),
    (("satuan", "kerja"), "unit_kerja"),
    (("satuan",), "satuan"),
    (("kode", "asli"), "kode_raw"),
    (("kode", "tercetak"), "kode_raw"),
    (("kode",), "kode"),
    (("lokasi",), "lokasi"),
    (("unit", "kerja"), "unit_kerja"),
    (("penanggung", "jawab"), "unit_kerja"),
    (("pelaksana",), "unit_kerja"),
    (("baris", "sumber"), "src_line"),
    (("catatan",), "note"),
    (("tingkat",), "level"),
    (("tingkatan",), "level"),
    (("level",), "level"),
    (("jenis",), "level"),
    (("uraian",), "uraian"),
    (("nomenklatur",), "uraian"),
    (("nama",), "uraian"),
    (("program",), "uraian"),
    (("kegiatan",), "uraian"),
    (("tujuan",), "uraian"),
    (("sasaran",), "uraian"),
)


def field_choices(years: dict[int, int]) -> list[tuple[str, str]]:
    """(value, label) of every field a column may be mapped to, KEEP first; `years`: the
    calendar year of each year column number (Tc27Source.year_map)."""
    choices = [(KEEP, str(KEEP_LABEL))]
    for name in ("level", "kode", "uraian", "indikator", "satuan", "kelompok_sasaran"):
        choices.append((name, str(FIELD_LABELS[name])))
    choices.append(("baseline", str(FIELD_LABELS["baseline"])))
    for prefix, word in (("target", _("Target")), ("rp", _("Rp"))):
        for number, year in sorted(years.items()):
            label = _("{word} tahun ke-{number} ({year})").format(
                word=word, number=number, year=year
            )
            choices.append(("{}_y{}".format(prefix, number), str(label)))
    for name in ("target_akhir", "rp_akhir", "unit_kerja", "lokasi"):
        choices.append((name, str(FIELD_LABELS[name])))
    for name in ("satuan_derived", "kode_raw", "src_line", "note"):
        choices.append((name, str(FIELD_LABELS[name])))
    return choices


def field_label(name: str, years: dict[int, int]) -> str:
    return dict(field_choices(years)).get(name, name)


def normalize(title: str) -> str:
    """A column title as compared: lower case, words only ('Program/Kegiatan' -> 'program
    kegiatan', 'Target_Y1' -> 'target y1')."""
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", str(title).casefold()).split())


def header_signature(labels: list[str]) -> str:
    """What identifies a layout: its column titles in order, compared as `normalize` does."""
    text = "\x1f".join(normalize(label) for label in labels)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _year_field(words: set, title: str, years: dict[int, int]) -> str | None:
    """target_yN / rp_yN for a title naming a year ('Target 2021') or a year's number
    ('Tahun 1', 'Rp Tahun ke-2')."""
    number = None
    found = _YEAR.search(title)
    if found:
        wanted = int(found.group(1))
        number = next((n for n, year in years.items() if year == wanted), None)
        if number is None:
            return None
    else:
        numbered = _YEAR_NUMBER.search(title)
        if not numbered:
            return None
        number = int(numbered.group(1) or numbered.group(2))
        if number not in years:
            return None
    return "{}_y{}".format("rp" if words & _RP_WORDS else "target", number)


def _guess_one(title: str, years: dict[int, int]) -> str | None:
    raw = str(title).strip().casefold()
    if raw in COLUMNS:  # a T-C.27 column's own name
        return raw
    own = YEAR_COLUMN.match(raw)
    if own:
        return raw if int(own.group(2)) in years else None
    text = normalize(title)
    words = set(text.split())
    if not words:
        return None
    if "awal" in words or "baseline" in words:
        return "baseline"
    if "akhir" in words:
        return "rp_akhir" if words & _RP_WORDS else "target_akhir"
    if _YEAR.search(text) or _YEAR_NUMBER.search(text):
        return _year_field(words, text, years)
    if words & _RP_WORDS:
        return "rp"  # a year's Rp, the next one not yet taken
    if "target" in words:
        return "target"
    for needed, name in _WORD_RULES:
        if all(word in words for word in needed):
            return name
    return None


def guess_fields(labels: list[str], years: dict[int, int]) -> list[str]:
    """The first guess of each column's field (KEEP where none); a field is given once, to its
    first column. A title naming no year ('Pagu', 'Target') takes the next year not taken."""
    taken: set = set()
    fields = []
    for label in labels:
        name = _guess_one(label, years)
        if name in ("rp", "target"):
            free = [n for n in sorted(years) if "{}_y{}".format(name, n) not in taken]
            name = "{}_y{}".format(name, free[0]) if free else None
        if not name or name in taken:
            name = KEEP
        if name:
            taken.add(name)
        fields.append(name)
    return fields
