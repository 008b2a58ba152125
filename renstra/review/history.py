"""The change history of a plan version, across every kind of item, readable by people."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.plans.history import ChangePath
from renstra.plans.models import (
    Activity,
    Funding,
    Goal,
    Indicator,
    Objective,
    PlanVersion,
    PolicyDirection,
    Program,
    Strategy,
    Target,
)

# Indonesian source texts (msgids): entries and pages show them through gettext, at use.
ACTIONS = {"+": gettext_noop("Dibuat"), "~": gettext_noop("Diubah"), "-": gettext_noop("Dihapus")}
KIND_LABELS = {
    "goal": gettext_noop("Tujuan"),
    "objective": gettext_noop("Sasaran"),
    "strategy": gettext_noop("Strategi"),
    "policydirection": gettext_noop("Arah kebijakan"),
    "program": gettext_noop("Program"),
    "activity": gettext_noop("Kegiatan"),
    "indicator": gettext_noop("Indikator"),
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
    goals = Goal.history.filter(version_id=version.pk)
    goal_ids = set(goals.values_list("id", flat=True))
    objectives = Objective.history.filter(goal_id__in=goal_ids)
    objective_ids = set(objectives.values_list("id", flat=True))
    strategies = Strategy.history.filter(objective_id__in=objective_ids)
    strategy_ids = set(strategies.values_list("id", flat=True))
    programs = Program.history.filter(version_id=version.pk)
    program_ids = set(programs.values_list("id", flat=True))
    activities = Activity.history.filter(program_id__in=program_ids)
    activity_ids = set(activities.values_list("id", flat=True))
    indicators = Indicator.history.filter(version_id=version.pk)
    indicator_ids = set(indicators.values_list("id", flat=True))
    return [
        PlanVersion.history.filter(id=version.pk),
        goals,
        objectives,
        strategies,
        PolicyDirection.history.filter(strategy_id__in=strategy_ids),
        programs,
        activities,
        indicators,
        Target.history.filter(indicator_id__in=indicator_ids),
        Funding.history.filter(Q(program_id__in=program_ids) | Q(activity_id__in=activity_ids)),
    ]


def version_history(
    version: PlanVersion, *, kind: str = "", item_id: int | None = None, limit: int | None = None
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
        for record in queryset.select_related("history_user").order_by("-history_date")[
            : limit or None
        ]:
            changes = []
            if record.history_type == "~":
                previous = record.prev_record
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
    return entries[:limit] if limit else entries
