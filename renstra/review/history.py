"""The change history of a plan version, across every kind of item, readable by people."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.plans.history import ChangePath
from renstra.plans.levels import FUNDED, INDICATOR_LABEL
from renstra.plans.models import Funding, Indicator, PlanVersion, Target
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


def kind_labels() -> dict[str, str]:
    """KIND_LABELS in the active language."""
    return {kind: _(label) for kind, label in KIND_LABELS.items()}


SKIPPED_FIELDS = {
    "id",
    "history_id",
    "history_date",
    "history_user",
    "history_type",
    "change_path",
    "history_change_reason",
}


@dataclass
class HistoryEntry:
    when: datetime
    user: str
    path: str
    kind: str
    item_id: int
    item: str
    action: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _label(record) -> str:
    model = record.instance_type._meta.model_name
    if model == "target":
        return _("tahun {}: {}").format(record.year, record.raw_text)
    if model == "funding":
        return _("tahun {}: Rp {}").format(record.year, record.raw_text or record.amount)
    if model == "planversion":
        return _("versi {} ({})").format(record.number, record.get_status_display())
    code = getattr(record, "code", "") or getattr(record, "number", "")
    return "{} {}".format(code, record.name).strip()


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
    """history_id -> the record of the same item just before it (None for its first): what
    simple-history's `prev_record` gives, without a query per record."""
    by_item = defaultdict(list)
    for record in records:
        by_item[record.id].append(record)
    previous = {}
    for group in by_item.values():
        group.sort(key=lambda r: r.history_date)
        for index, record in enumerate(group):
            before = index - 1
            while before >= 0 and group[before].history_date >= record.history_date:
                before -= 1
            previous[record.history_id] = group[before] if before >= 0 else None
    return previous


def version_history(
    version: PlanVersion, *, kind: str = "", item_id: int | None = None
) -> list[HistoryEntry]:
    """Every recorded change of the version's items, newest first; optionally of one item."""
    entries: list[HistoryEntry] = []
    paths = dict(ChangePath.choices)
    labels = kind_labels()
    for queryset in _records(version):
        model = queryset.model.instance_type._meta.model_name
        if kind and model != kind:
            continue
        if item_id is not None:
            queryset = queryset.filter(id=item_id)
        # The query holds every record of each item it returns (an item stays in its version;
        # a filter by item keeps all of that item's records): each predecessor is among them.
        records = list(queryset.select_related("history_user").order_by("-history_date"))
        previous_of = _previous(records)
        for record in records:
            changes = []
            if record.history_type == "~":
                previous = previous_of[record.history_id]
                if previous is not None:
                    delta = record.diff_against(previous, excluded_fields=list(SKIPPED_FIELDS))
                    changes = [
                        (
                            c.field,
                            str(c.old if c.old is not None else ""),
                            str(c.new if c.new is not None else ""),
                        )
                        for c in delta.changes
                    ]
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    user=(
                        record.history_user.get_username() if record.history_user else _("sistem")
                    ),
                    path=str(paths.get(record.change_path, record.change_path)),
                    kind=model,
                    item_id=record.id,
                    item="{}: {}".format(labels.get(model, model), _label(record)),
                    action=_(ACTIONS[record.history_type]),
                    changes=changes,
                )
            )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
