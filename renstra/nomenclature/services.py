"""Writes of the nomenclature: loading an edition from a file (`renstra nomenclature load`)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from renstra.core.errors import CellError, ImportRejected
from renstra.nomenclature.index import forget_editions
from renstra.nomenclature.models import Edition, Entry
from renstra.nomenclature.reading import NomenclatureRow

COMPARED = ("code_raw", "level", "name", "name_raw")
MAX_EDITION_NAME = Edition._meta.get_field("name").max_length


@dataclass(frozen=True)
class LoadReport:
    """What a load did to an edition: entries added, changed, unchanged and removed."""

    edition: Edition
    created: bool
    added: int
    changed: int
    unchanged: int
    removed: int

    @property
    def total(self) -> int:
        return self.added + self.changed + self.unchanged

    def __str__(self) -> str:
        return "Edisi {}{}: {} kode ({} ditambah, {} diubah, {} tetap, {} dihapus).".format(
            self.edition.name,
            " (baru)" if self.created else "",
            self.total,
            self.added,
            self.changed,
            self.unchanged,
            self.removed,
        )


def load_edition(*, name: str, rows: list[NomenclatureRow], source: str = "") -> LoadReport:
    """Make edition `name` hold exactly `rows`: codes are matched by (code, government level,
    legal basis); new ones are added, those whose level, name or printed code differ are
    changed, those the file no longer holds are removed. Loading the same file again changes
    nothing (not even the edition's revision). All or nothing."""
    name = (name or "").strip()
    if not name or len(name) > MAX_EDITION_NAME:
        raise ImportRejected(
            [
                CellError(
                    source or "--edition",
                    0,
                    "edisi",
                    name,
                    "Beri nama edisi (paling banyak {} karakter), mis. --edition 2020.".format(
                        MAX_EDITION_NAME
                    ),
                )
            ]
        )
    with transaction.atomic():
        edition, created = Edition.objects.select_for_update().get_or_create(name=name)
        stored = {(e.code, e.government_level, e.legal_basis): e for e in edition.entries.all()}
        added, changed, unchanged = [], [], 0
        for row in rows:
            entry = stored.pop(row.key, None)
            if entry is None:
                added.append(
                    Entry(
                        edition=edition,
                        code=row.code,
                        government_level=row.government_level,
                        legal_basis=row.legal_basis,
                        **{f: getattr(row, f) for f in COMPARED},
                    )
                )
            elif any(getattr(entry, f) != getattr(row, f) for f in COMPARED):
                for f in COMPARED:
                    setattr(entry, f, getattr(row, f))
                changed.append(entry)
            else:
                unchanged += 1
        removed = [entry.pk for entry in stored.values()]
        Entry.objects.bulk_create(added, batch_size=1000)
        Entry.objects.bulk_update(changed, COMPARED, batch_size=1000)
        for start in range(0, len(removed), 900):
            Entry.objects.filter(pk__in=removed[start : start + 900]).delete()
        if added or changed or removed:
            edition.revision += 1
            edition.loaded_at = timezone.now()
            edition.source = source[: Edition._meta.get_field("source").max_length]
            edition.save()
            # Now for this process (its next check sees the load), and again once others can
            # read it (a check in between would have cached the old codes).
            forget_editions()
            transaction.on_commit(forget_editions)
    return LoadReport(edition, created, len(added), len(changed), unchanged, len(removed))
