"""The change history of a plan version, across every kind of item, readable by people.

An entry names the item and what changed in the words of the pages: each field by its model
verbose_name, choices by their labels, numbers and rupiah as the pages print them. Fields that
only record how the source document was transcribed (English notes, source references, raw
cells) are not shown; a save that changed nothing a person can see is no entry at all.

The creation of a version with all its items (a review copy, an import, the demo) is one entry
("Versi 3 dibuat dari versi 2: 830 butir disalin") that lists its items, instead of one
"Dibuat" entry per item.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache, reduce
from operator import or_

from django.db import models
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.core.numbers import format_id_number, format_rupiah
from renstra.plans.history import ChangePath
from renstra.plans.levels import FUNDED, INDICATOR_LABEL
from renstra.plans.models import Funding, Indicator, PlanVersion, Target, Unit
from renstra.review.snapshot import REVIEWED_LEVELS

# Indonesian source texts (msgids): entries and pages show them through gettext, at use.
ACTIONS = {"+": gettext_noop("Dibuat"), "~": gettext_noop("Diubah"), "-": gettext_noop("Dihapus")}
# The history names a kind of record by its model ("policydirection", Django's model_name), as
# the comment form does; the levels' labels come from renstra.plans.levels.
KIND_LABELS = {
    **{level.model_name.lower(): level.label_source for level in REVIEWED_LEVELS},
    "indicator": INDICATOR_LABEL,
    "target": gettext_noop("Target"),
    "funding": gettext_noop("Pendanaan"),
    "planversion": gettext_noop("Versi"),
}

# The review copy (renstra.review.services.start_review) marks the records it writes with this
# change reason, so that the history knows exactly which records the copy made.
COPY_REASON = "salinan-review"
# Versions created without the mark (imports, the demo, reviews started before it existed): the
# records written with the version's own, by the same user through the same path, one after
# another without a pause this long. One transaction writes them within milliseconds; a person's
# next change comes seconds later at the earliest.
CREATION_PAUSE = timedelta(seconds=5)

# Fields a person never sees in a change: the record's own bookkeeping, links that never change
# (an item stays in its version), and what only says how the source document was transcribed:
# the review's link to the copied item, the place in the source ("seed:606"), notes on where a
# year's value was placed (English, cleared when a person types the value), other wordings and
# raw cells as printed (the value they were read as is shown: code, amount), the parsed parts
# of a composite target (its text is shown) and rows of the source without a place.
HIDDEN_FIELDS = frozenset(
    {
        "id",
        "history_id",
        "history_date",
        "history_user",
        "history_type",
        "history_change_reason",
        "change_path",
        "version",
        "plan",
        "revises",
        "created_at",
        "copied_from",
        "source_ref",
        "inferred_note",
        "other_wordings",
        "code_raw",
        "declared_total_raw",
        "components",
        "unplaced_rows",
    }
)
# Rupiah amounts; Funding's printed text (raw_text) is hidden because its amount is shown.
MONEY_FIELDS = frozenset({"amount", "declared_total"})
RAW_MONEY_TEXT = {"funding": "raw_text"}
# "pagu (Rp)": the value itself says "Rp 75.500.000", the label need not say it again.
_RUPIAH_IN_LABEL = re.compile(r"\s*\(Rp\)")


def kind_labels() -> dict[str, str]:
    """KIND_LABELS in the active language."""
    return {kind: _(label) for kind, label in KIND_LABELS.items()}


@dataclass
class HistoryEntry:
    when: datetime
    user: str
    path: str
    kind: str
    item_id: int
    item: str
    action: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (field, old, new)
    # The creation of the version with its items: the sentence, items per kind, and the items.
    summary: str = ""
    counts: list[tuple[str, int]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)

    @property
    def is_creation(self) -> bool:
        return bool(self.summary)

    def counts_text(self) -> str:
        """'Tujuan 1, Sasaran 1, …, Pendanaan 298'."""
        return ", ".join("{} {}".format(label, count) for label, count in self.counts)

    def text(self) -> str:
        """What changed, on one line (downloads): 'Status: Draf → Diajukan; Nilai: 15 → 16'."""
        if self.summary:
            return "{} ({})".format(self.summary, self.counts_text())
        return "; ".join("{}: {} → {}".format(f, old, new) for f, old, new in self.changes)


def _model(record) -> str:
    return record.instance_type._meta.model_name


def _records(version: PlanVersion):
    """The history records of the version and of every item it ever had, model by model:
    parents before children (an item's records are those under any record of its parent)."""
    records = {}
    for level in REVIEWED_LEVELS:
        history = level.model.history
        if level.parent is None:
            records[level.key] = history.filter(version_id=version.pk)
        else:
            parents = records[level.parent].values("id")
            records[level.key] = history.filter(**{level.parent_field + "_id__in": parents})
    indicators = Indicator.history.filter(version_id=version.pk)
    funded = (
        Q(**{level.name + "_id__in": records[level.key].values("id")})
        for level in FUNDED
        if level.key in records
    )
    return [
        PlanVersion.history.filter(id=version.pk),
        *records.values(),
        indicators,
        Target.history.filter(indicator_id__in=indicators.values("id")),
        Funding.history.filter(reduce(or_, funded)),
    ]


def _previous(records: list) -> dict:
    """(model, history_id) -> the record of the same item just before it (None for its first):
    what simple-history's `prev_record` gives, without a query per record."""
    by_item = defaultdict(list)
    for record in records:
        by_item[(_model(record), record.id)].append(record)
    previous = {}
    for group in by_item.values():
        group.sort(key=lambda r: (r.history_date, r.history_id))
        for index, record in enumerate(group):
            previous[(_model(record), record.history_id)] = group[index - 1] if index else None
    return previous


class _Names:
    """How an item is named in the history: from the newest record of each item (no query),
    and the units of work of the agency, read once and only when a change names one."""

    def __init__(self, version: PlanVersion, records: list):
        self.version = version
        self.labels: dict[tuple[str, int], str] = {}
        self._units: dict[int, str] | None = None
        for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
            self.labels[(_model(record), record.id)] = self._own_label(record)

    def _own_label(self, record) -> str:
        model = _model(record)
        if model == "target":
            return _("tahun {}: {}").format(record.year, record.raw_text or _("(kosong)"))
        if model == "funding":
            amount = (
                format_rupiah(record.amount, prefix=True)
                if record.amount is not None
                else record.raw_text or _("(kosong)")
            )
            return _("tahun {}: {}").format(record.year, amount)
        if model == "planversion":
            return _("Versi {}").format(record.number)
        code = getattr(record, "code", "") or getattr(record, "number", "")
        return "{} {}".format(code, record.name).strip()

    def label(self, record) -> str:
        """'tahun 2018: 25 orang — Jumlah PNS …' for a target, '16 Program …' for a program."""
        own = self._own_label(record)
        model = _model(record)
        if model == "target":
            owner = self.labels.get(("indicator", record.indicator_id))
        elif model == "funding":
            owner = next(
                (
                    self.labels.get((level.model_name.lower(), getattr(record, level.name + "_id")))
                    for level in FUNDED
                    if getattr(record, level.name + "_id", None)
                ),
                None,
            )
        else:
            return own
        return "{} — {}".format(own, owner) if owner else own

    def of(self, related: type[models.Model], pk) -> str:
        """The name of the item a foreign key points at."""
        if related is Unit:
            if self._units is None:
                self._units = dict(
                    Unit.objects.filter(agency_id=self.version.plan.agency_id).values_list(
                        "pk", "name"
                    )
                )
            return self._units.get(pk, _("(unit lain)"))
        return self.labels.get((related._meta.model_name, pk), _("(butir lain)"))


def field_label(model_field) -> str:
    """The field's verbose_name in the active language, capitalised: 'Status', 'Bentuk'. A
    foreign key without a name of its own ("goal") is named by its model ('Tujuan')."""
    label = str(model_field.verbose_name)
    if model_field.is_relation and label == model_field.name.replace("_", " "):
        label = str(model_field.related_model._meta.verbose_name)
    if model_field.name in MONEY_FIELDS:
        label = _RUPIAH_IN_LABEL.sub("", label)
    return capfirst(label)


def show_value(model_field, value, names: _Names | None = None) -> str:
    """A value as the pages print it: choices by label, 15.0000 as '15', rupiah as
    'Rp 75.500.000', booleans 'ya'/'tidak', nothing as '(kosong)'."""
    if value is None or value == "" or value == [] or value == {}:
        return _("(kosong)")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("ya") if value else _("tidak")
    if model_field.name in MONEY_FIELDS:
        return format_rupiah(value, prefix=True)
    if isinstance(model_field, models.DecimalField):
        return format_id_number(value)
    if model_field.is_relation:
        return names.of(model_field.related_model, value) if names else str(value)
    return str(value)


@cache
def _shown_fields(model: type[models.Model]) -> list:
    hidden = HIDDEN_FIELDS | {RAW_MONEY_TEXT.get(model._meta.model_name, "")}
    return [f for f in model._meta.concrete_fields if f.name not in hidden]


def _changes(record, previous, names: _Names) -> list[tuple[str, str, str]]:
    changes = []
    for model_field in _shown_fields(record.instance_type):
        old = getattr(previous, model_field.attname)
        new = getattr(record, model_field.attname)
        if old != new:
            changes.append(
                (
                    field_label(model_field),
                    show_value(model_field, old, names),
                    show_value(model_field, new, names),
                )
            )
    return changes


def _creation(records: list) -> list:
    """The records written with the version itself: its first record and its items' creation
    (a review copy, an import); empty if the version has no record of its creation."""
    start = next((r for r in records if _model(r) == "planversion" and r.history_type == "+"), None)
    if start is None:
        return []
    marked = [r for r in records if r.history_change_reason == COPY_REASON]
    if marked:
        return [start, *marked]
    created, made, last = [start], set(), start.history_date
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        if record.history_date < start.history_date or _model(record) == "planversion":
            continue  # the version's own changes (its status) are entries of their own
        key = (_model(record), record.id)
        if (
            record.history_date - last > CREATION_PAUSE
            or record.history_user_id != start.history_user_id
            or record.change_path != start.change_path
            or not (record.history_type == "+" or (record.history_type == "~" and key in made))
        ):
            break
        created.append(record)
        made.add(key)
        last = record.history_date
    return created


def _user(record) -> str:
    return record.history_user.get_username() if record.history_user else _("sistem")


def _item(record, names: _Names, labels: dict) -> str:
    """'Target: tahun 2018: 25 orang — Jumlah …', 'Program: 16 …'; the version: 'Versi 3'."""
    model = _model(record)
    if model == "planversion":
        return names.label(record)
    return "{}: {}".format(labels.get(model, model), names.label(record))


def _entry(record, previous, names: _Names, labels: dict, paths: dict) -> HistoryEntry | None:
    model = _model(record)
    changes = []
    if record.history_type == "~" and previous is not None:
        changes = _changes(record, previous, names)
        if not changes:
            return None  # nothing a person can see changed
    return HistoryEntry(
        when=record.history_date,
        user=_user(record),
        path=str(paths.get(record.change_path, record.change_path)),
        kind=model,
        item_id=record.id,
        item=_item(record, names, labels),
        action=_(ACTIONS[record.history_type]),
        changes=changes,
    )


def _creation_entry(
    version: PlanVersion, records: list, copied: bool, names: _Names, labels: dict, paths: dict
) -> HistoryEntry:
    """One entry for the creation of the version with its items (`copied`: by a review)."""
    start = records[0]
    items = [r for r in records[1:] if r.history_type == "+"]
    if copied and version.revises_id:
        summary = _("Versi {} dibuat dari versi {}: {} butir disalin").format(
            version.number, version.revises.number, len(items)
        )
    else:
        summary = _("Versi {} dibuat: {} butir").format(version.number, len(items))
    per_kind = Counter(_model(r) for r in items)
    return HistoryEntry(
        when=start.history_date,
        user=_user(start),
        path=str(paths.get(start.change_path, start.change_path)),
        kind="planversion",
        item_id=version.pk,
        item=_item(start, names, labels),
        action=_(ACTIONS["+"]),
        summary=summary,
        counts=[(labels[kind], per_kind[kind]) for kind in KIND_LABELS if per_kind[kind]],
        items=["{}: {}".format(labels.get(_model(r), _model(r)), names.label(r)) for r in items],
    )


def version_history(
    version: PlanVersion, *, kind: str = "", item_id: int | None = None
) -> list[HistoryEntry]:
    """Every recorded change of the version's items, newest first; optionally of one kind of
    item or of one item. The version's creation with its items is one entry, except when one
    item's history is asked for: then its own creation is shown."""
    records = [
        record
        for queryset in _records(version)
        for record in queryset.select_related("history_user")
    ]
    names = _Names(version, records)
    previous_of = _previous(records)
    labels = kind_labels()
    paths = dict(ChangePath.choices)
    creation = [] if item_id is not None else _creation(records)
    in_creation = {(_model(r), r.history_id) for r in creation}
    entries: list[HistoryEntry] = []
    for record in records:
        model = _model(record)
        if (kind and model != kind) or (item_id is not None and record.id != item_id):
            continue
        key = (model, record.history_id)
        if key in in_creation:
            continue
        entry = _entry(record, previous_of[key], names, labels, paths)
        if entry is not None:
            entries.append(entry)
    created = [r for r in creation[1:] if not kind or _model(r) == kind]
    if created:
        copied = any(getattr(r, "copied_from_id", None) for r in creation)
        entries.append(
            _creation_entry(version, [creation[0], *created], copied, names, labels, paths)
        )
    elif creation and kind in ("", "planversion"):
        # A version created without items, or the versions only: its first record as it is.
        entries.append(_entry(creation[0], None, names, labels, paths))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
