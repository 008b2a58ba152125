"""Nomenclature rules: the codes and names of a plan on Permendagri 90/2019 against the edition of
the nomenclature it follows (renstra.nomenclature; the plan's own edition, else the one loaded
last by name). The scheme and edition are the version's (`PlanVersion.scheme`): a version
approved on Permendagri 13/2006 before a crosswalk moved its plan to 90/2019 is not looked up.
Plans on Permendagri 13/2006 or on local codes are not checked here: no list of theirs is
loaded, and their codes are checked by their own scheme in rules_codes.

Only codes of the 90/2019 shape are looked up: a code of another shape is code_format's
finding already. The edition is read once per process (renstra.nomenclature.index), not once per
plan, so these rules add no query to a check."""

from renstra.checks.engine import Location, Severity, kind_word, label, rule
from renstra.nomenclature.codes import code_key, name_key, parent_code
from renstra.nomenclature.index import edition_index
from renstra.plans.choices import CodeScheme, RegionKind
from renstra.plans.levels import CODE_FORMATS, LEVELS

CODED = tuple(level.key for level in LEVELS if level.coded)
SHAPES = CODE_FORMATS[CodeScheme.PERMENDAGRI_90_2019]
GOVERNMENT_WORDS = {1: "provinsi", 2: "kabupaten/kota"}


class _Context:
    """What the rules of one plan share: its edition in memory and its government level."""

    def __init__(self, snapshot, index, named: bool):
        self.index = index
        plan = snapshot.plan
        self.government = 1 if plan.agency.region.kind == RegionKind.PROVINCE else 2
        self.edition = "nomenklatur Permendagri 90/2019 edisi {}{}".format(
            index.name,
            "" if named else " (edisi terbaru; Renstra ini belum menyebut edisinya)",
        )


def _context(snapshot) -> "_Context | None":
    scheme = snapshot.version.scheme
    if scheme.code_scheme != CodeScheme.PERMENDAGRI_90_2019:
        return None
    index = edition_index(scheme.edition_id)
    return _Context(snapshot, index, scheme.edition_id is not None) if index else None


def _items(snapshot):
    """(level key, item) of every item whose code has the Permendagri 90/2019 shape."""
    for kind in CODED:
        pattern = SHAPES[kind][0]
        for item in snapshot.items(kind):
            if item.code and pattern.match(item.code):
                yield kind, item


def _location(kind, item) -> Location:
    return Location("6.1", kind, item.pk, item.code, item.name)


def _listed(entries) -> str:
    return "; ".join("{} {}".format(e.code, e.name) for e in entries)


@rule("nomenclature_unknown_code", Severity.ERROR, "Kode tidak ada dalam nomenklatur")
def nomenclature_unknown_code(snapshot):
    context = _context(snapshot)
    if context is None:
        return
    index, government = context.index, context.government
    for kind, item in _items(snapshot):
        if index.find(item.code, government):
            continue
        closest = index.closest(item.name, kind, government, near=item.code)
        other = index.find(item.code, 3 - government)
        yield (
            _location(kind, item),
            "Kode {} {} ({}) tidak ada dalam {} untuk {}.{}{} Pakai kode dari nomenklatur.".format(
                kind_word(kind),
                item.code,
                item.name,
                context.edition,
                GOVERNMENT_WORDS[government],
                " Kode itu ada untuk {}: {}.".format(
                    GOVERNMENT_WORDS[3 - government], other[0].name
                )
                if other
                else "",
                " Yang namanya paling dekat: {}.".format(_listed(closest)) if closest else "",
            ),
            {
                "code": item.code,
                "edition": index.name,
                "suggestions": [{"code": e.code, "name": e.name} for e in closest],
            },
        )


@rule("nomenclature_name_differs", Severity.WARNING, "Nama berbeda dengan nomenklatur")
def nomenclature_name_differs(snapshot):
    context = _context(snapshot)
    if context is None:
        return
    index, government = context.index, context.government
    for kind, item in _items(snapshot):
        listed = index.find(item.code, government)
        if not listed or name_key(item.name) in {name_key(e.name) for e in listed}:
            continue
        closest = index.closest(item.name, kind, government, near=item.code, limit=1)
        owner = closest[0] if closest and name_key(closest[0].name) == name_key(item.name) else None
        yield (
            _location(kind, item),
            "{} {} bernama '{}', sedangkan {} menamai kode itu '{}'.{} Samakan namanya dengan "
            "nomenklatur, atau periksa kodenya.".format(
                kind_word(kind).capitalize(),
                item.code,
                item.name,
                context.edition,
                listed[0].name,
                " Nama '{}' adalah nama kode {}.".format(item.name, owner.code) if owner else "",
            ),
            {
                "code": item.code,
                "name": item.name,
                "expected": listed[0].name,
                "edition": index.name,
                "code_for_name": owner.code if owner else "",
            },
        )


@rule(
    "sub_activity_under_wrong_activity",
    Severity.ERROR,
    "Sub kegiatan di bawah kegiatan yang salah",
)
def sub_activity_under_wrong_activity(snapshot):
    context = _context(snapshot)
    if context is None:
        return
    index, government = context.index, context.government
    for kind, sub in _items(snapshot):
        if kind != "sub_kegiatan" or not sub.activity.code:
            continue
        if not index.find(sub.code, government):
            continue  # nomenclature_unknown_code says so
        belongs = parent_code(code_key(sub.code))
        if belongs == code_key(sub.activity.code):
            continue
        kegiatan = index.find(belongs, government)
        yield (
            _location(kind, sub),
            "Sub kegiatan {} berada di bawah kegiatan {}, tetapi menurut {} sub kegiatan itu "
            "termasuk kegiatan {}. Pindahkan ke kegiatan itu, atau perbaiki kodenya.".format(
                label(sub),
                label(sub.activity),
                context.edition,
                "{} {}".format(kegiatan[0].code, kegiatan[0].name) if kegiatan else belongs,
            ),
            {
                "code": sub.code,
                "activity_code": sub.activity.code,
                "expected_activity_code": kegiatan[0].code if kegiatan else belongs,
                "edition": index.name,
            },
        )
