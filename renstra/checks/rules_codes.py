"""Code rules: kode rekening unique, present, in the plan's classification scheme: the shape of
Permendagri 13/2006 or 90/2019 codes (by the scheme the version follows, `PlanVersion.scheme`:
the versions approved before a crosswalk moved the plan to other codes keep theirs; an agency's
local codes have no shape), a kegiatan under its program. Whether a 90/2019 code is in the
nomenclature is rules_nomenclature's."""

import re
from collections import defaultdict

from renstra.checks.engine import Location, Severity, kind_word, label, rule
from renstra.plans.choices import CodeScheme
from renstra.plans.levels import CODE_FORMATS, LEVELS

_EXCEL_COMMA = re.compile(r"\d,\d")
# Program, kegiatan and sub kegiatan carry a kode rekening; the goals side is only numbered.
CODED = tuple(level for level in LEVELS if level.coded)


def _coded_items(snapshot):
    """(level key, item) of every coded item, level by level, each in document order."""
    for level in CODED:
        for item in snapshot.items(level.key):
            yield level.key, item


def _location(kind, item, table="6.1") -> Location:
    return Location(table, kind, item.pk, item.code or item.number, item.name)


def _printed_codes(item) -> list[str]:
    return [w["text"] for w in item.other_wordings or [] if w.get("field") == "code"]


@rule("duplicate_code", Severity.ERROR, "Satu kode untuk dua butir berbeda")
def duplicate_code(snapshot):
    by_code = defaultdict(list)
    tables = defaultdict(set)
    for kind, item in _coded_items(snapshot):
        if item.code:
            by_code[(kind, item.code)].append(item)
            tables[(kind, item.code)].add("6.1")
        for other in _printed_codes(item):  # a code another table of the document prints
            if other != item.code:
                by_code[(kind, other)].append(item)
                tables[(kind, other)].add("6.2")
    for (kind, code), items in by_code.items():
        if len(items) > 1:
            yield (
                Location(
                    "6.2" if "6.2" in tables[(kind, code)] else "6.1",
                    kind,
                    items[0].pk,
                    code,
                    items[0].name,
                ),
                "Kode {} dipakai untuk {} {} berbeda: {}. Beri setiap {} kode sendiri.".format(
                    code,
                    len(items),
                    kind_word(kind),
                    "; ".join(i.name for i in items),
                    kind_word(kind),
                ),
                {"code": code, "items": [i.name for i in items], "item_ids": [i.pk for i in items]},
            )


@rule("missing_code", Severity.ERROR, "Program atau kegiatan tanpa kode")
def missing_code(snapshot):
    items = list(_coded_items(snapshot))
    if items and not any(item.code for _, item in items):
        yield (
            Location("6.1", "versi", snapshot.version.pk, "", str(snapshot.version)),
            "Tidak satu pun program atau kegiatan versi ini memiliki kode rekening (hanya nomor urut). "
            "Lengkapi kode sesuai {}.".format(snapshot.version.scheme.label),
            {"items": len(items)},
        )
        return
    for kind, item in items:
        if item.code:
            continue
        elsewhere = _printed_codes(item)
        yield (
            _location(kind, item),
            "{} '{}' tidak berkode{}. Isi kodenya.".format(
                kind_word(kind).capitalize(),
                item.name,
                " di Tabel 6.1 (Tabel 6.2 memakai kode {})".format(", ".join(elsewhere))
                if elsewhere
                else "",
            ),
            {"codes_elsewhere": elsewhere},
        )


@rule("code_format", Severity.ERROR, "Kode tidak sesuai skema kode")
def code_format(snapshot):
    scheme = snapshot.version.scheme
    patterns = CODE_FORMATS.get(scheme.code_scheme, {})
    for kind, item in _coded_items(snapshot):
        pattern, example = patterns.get(kind, (None, ""))
        if pattern is None or not item.code or pattern.match(item.code):
            continue
        yield (
            _location(kind, item),
            "Kode {} '{}' ({}) tidak sesuai {}: seharusnya {}.".format(
                kind_word(kind),
                item.code,
                item.name,
                scheme.label,
                example,
            ),
            {"code": item.code, "expected": example},
        )


@rule("code_mangled_by_excel", Severity.ERROR, "Kode dirusak Excel (2.01 menjadi 2,01)")
def code_mangled_by_excel(snapshot):
    for kind, item in _coded_items(snapshot):
        if item.code_raw and _EXCEL_COMMA.search(item.code_raw):
            printed = item.code_raw.replace("|", " ")
            yield (
                _location(kind, item),
                "Kode {} tercetak '{}': Excel membaca '2.01' sebagai angka dan menulisnya dengan koma. "
                "Simpan sel kode sebagai teks.".format(item.code, printed),
                {"code": item.code, "printed": printed},
            )


@rule(
    "activity_code_outside_program", Severity.ERROR, "Kode kegiatan tidak diawali kode programnya"
)
def activity_code_outside_program(snapshot):
    if snapshot.version.scheme.code_scheme == CodeScheme.LOCAL:
        return  # an agency's own codes need not nest (only their uniqueness is checked)
    for activity in snapshot.activities:
        program = activity.program
        if not program.code or not activity.code:
            continue
        if not activity.code.startswith(program.code + "."):
            yield (
                _location("kegiatan", activity),
                "Kegiatan {} berada di bawah program {} tetapi kodenya tidak diawali '{}.'.".format(
                    label(activity), label(program), program.code
                ),
                {"code": activity.code, "program_code": program.code},
            )
