"""The cells of the realization and budget grids, and the optimistic lock that keeps two people
from overwriting each other's figures.

Every editable cell is rendered with a token of the figure it showed (`cell_token`: a hash of
the stored text and status, or of nothing for an empty cell) and with that text itself. A save
posts, per cell, what was typed (q1), the token (t1) and the text the cell showed (a1):

- typed equal to what is stored now: nothing to write;
- typed equal to what the cell showed, but not to what is stored: the person did not touch
  this cell and someone else changed it; their value stays and is shown;
- otherwise the token must still be the stored figure's; if it is not, someone changed the
  figure since the person saw it: nothing is written, and the answer is a conflict that shows
  both values while the typed one stays in the cell, with the token of the figure now stored
  (saving again then overwrites it knowingly).

The owner of the row (indicator or kegiatan) is locked for the save, so of two saves from the
same token exactly one is written. A token is a fingerprint of what was shown, not a counter: a
figure changed and changed back is what the person saw, and no conflict.

The indicator page's form writes a figure with its notes; its token (`figure_token`) covers
them too, and `services.save_realization(expected_token=…)` checks it (the API may pass an
If-Match header there). Without a token, `save_realization` keeps last-writer semantics (the
API's explicit PUT, the CSV import).
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from renstra.monitoring.choices import OPEN_STATUSES, QUARTER_LABELS, YEARLY

# What a save did to one cell.
SAVED = "saved"
UNCHANGED = "unchanged"
CONFLICT = "conflict"
REFUSED = "refused"

# The fields of one posted cell: what was typed, its token, the text it showed.
VALUE_FIELD = "q{}"
TOKEN_FIELD = "t{}"
SEEN_FIELD = "a{}"


def _fingerprint(state) -> str:
    return hashlib.sha256(json.dumps(state).encode()).hexdigest()[:16]


def cell_token(entry) -> str:
    """A fingerprint of a stored figure (None: an empty cell) as a grid cell shows it: it
    changes with its text or its status, which is what a person deciding to overwrite it has
    seen (a grid save writes the text only, and keeps the notes)."""
    return _fingerprint(None if entry is None else [entry.raw_text, entry.status])


def figure_token(entry) -> str:
    """A fingerprint of a stored figure with its notes, as the indicator page's form (and an
    API client) reads and writes them."""
    if entry is None:
        return _fingerprint(None)
    notes = [getattr(entry, name, "") for name in ("note", "deviation_cause", "follow_up")]
    return _fingerprint([entry.raw_text, entry.status, *notes])


def describe_stored(entry) -> str:
    """The figure stored now, for a conflict: its text, by whom and when, its status."""
    if entry is None:
        return _("kini kosong (dikosongkan orang lain)")
    who = entry.updated_by.get_username() if entry.updated_by_id else _("orang lain")
    when = timezone.localtime(entry.updated_at).strftime("%d-%m-%Y %H.%M")
    return _("kini tersimpan {} (diubah {} pada {}, {})").format(
        _shown(entry.raw_text), who, when, entry.get_status_display().lower()
    )


@dataclass
class CellSave:
    """What a row save did to one cell; `typed` as posted (spaces normalised)."""

    quarter: int
    typed: str
    outcome: str
    message: str = ""  # why a refused cell was refused


@dataclass
class RowSave:
    """What a row save did, per cell; `owner_id` is the indicator's (or kegiatan's) id."""

    owner_id: int
    cells: dict[int, CellSave] = field(default_factory=dict)

    def of(self, outcome: str) -> list[CellSave]:
        return [cell for cell in self.cells.values() if cell.outcome == outcome]

    @property
    def refused(self) -> dict[int, str]:
        return {cell.quarter: cell.message for cell in self.of(REFUSED)}

    @property
    def conflicts(self) -> list[CellSave]:
        return self.of(CONFLICT)


def _shown(text: str) -> str:
    return "«{}»".format(text) if text else _("(kosong)")


@dataclass
class CellView:
    """One cell as the grid shows it: the figure stored now, and what this person typed that
    was not stored (a conflict or a refusal keeps it in the cell)."""

    quarter: int
    entry: object | None
    typed: str | None = None
    outcome: str = ""
    message: str = ""  # why what was typed was refused

    @property
    def stored(self) -> str:
        return self.entry.raw_text if self.entry is not None else ""

    @property
    def value(self) -> str:
        return self.typed if self.typed is not None else self.stored

    @property
    def token(self) -> str:
        return cell_token(self.entry)

    @property
    def editable(self) -> bool:
        return self.entry is None or self.entry.status in OPEN_STATUSES

    @property
    def label(self) -> str:
        return str(QUARTER_LABELS[self.quarter])

    @property
    def refused(self) -> bool:
        return self.outcome == REFUSED

    @property
    def invalid(self) -> bool:
        """What the cell holds is not stored: it is marked (aria-invalid) until corrected."""
        return self.outcome in (CONFLICT, REFUSED)

    @property
    def conflict_message(self) -> str:
        """Both values: theirs (by whom, when) and the one typed here, not yet saved."""
        return _(
            "{}: sudah diubah sejak Anda membukanya, {}; isian Anda {} belum disimpan. Simpan "
            "lagi untuk menimpanya dengan isian Anda, atau ganti isiannya."
        ).format(self.label, describe_stored(self.entry), _shown(self.typed or ""))


class RowCells(dict):
    """{quarter: CellView} of one row; `shown` lists the cells the grid shows (`yearly_only`:
    only the year's). A refused cell says why next to itself (its `message`); `messages` are
    the row's messages, in the order of the quarters: the conflicts, which show both values and
    need the room of the row."""

    def __init__(self, yearly_only: bool = False):
        super().__init__()
        self.yearly_only = yearly_only

    @property
    def shown(self) -> list[CellView]:
        return [self[YEARLY]] if self.yearly_only else list(self.values())

    @property
    def messages(self) -> list[str]:
        return [cell.conflict_message for cell in self.values() if cell.outcome == CONFLICT]

    @property
    def unsaved(self) -> bool:
        """Something typed in this row is not stored: a conflict or a refusal."""
        return any(cell.outcome in (CONFLICT, REFUSED) for cell in self.values())


def row_cells(entries, quarters, held: RowSave | None = None, yearly_only=False) -> RowCells:
    """The cells of one row from its stored figures ({quarter: entry}), with what `held` (the
    save just made of this row) did not store kept as typed. `yearly_only`: an indicator judged
    once a year, whose row shows its year cell only."""
    cells = RowCells(yearly_only)
    for quarter in quarters:
        cell = CellView(quarter, (entries or {}).get(quarter))
        saved = held.cells.get(quarter) if held is not None else None
        if saved is not None:
            cell.outcome, cell.message = saved.outcome, saved.message
            if saved.outcome in (CONFLICT, REFUSED) and saved.typed != cell.stored:
                cell.typed = saved.typed
            elif saved.outcome == CONFLICT:  # someone else stored what was typed: nothing lost
                cell.outcome = UNCHANGED
        cells[quarter] = cell
    return cells
