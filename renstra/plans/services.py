"""Writes that touch several rows of a plan. Pages, API, CLI, imports and the demo loader call
these functions, each inside one transaction.

The history of a change records the path it came through (renstra.plans.history): the caller's,
set by ChangePathMiddleware for pages and the API and by `with change_path(...)` around imports
and commands. The services do not set it, so one service serves every path.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from renstra.core.numbers import parse_amount
from renstra.core.targets import (
    TargetKind,
    ValueType,
    infer_unit,
    infer_value_type,
    normalize_space,
    parse_target,
)
from renstra.plans.guard import assert_versions_editable
from renstra.plans.history import bulk_create_with_history
from renstra.plans.levels import BY_KEY, BY_MODEL_NAME, INDICATOR, INDICATOR_OWNERS, owner_level
from renstra.plans.models import Funding, Indicator, PlanVersion, Target


def target_fields(raw: str) -> dict:
    """The model fields of a Target parsed from its raw text (the raw text is kept whole)."""
    parsed = parse_target(raw)
    return {
        "raw_text": str(raw),
        "kind": parsed.kind.value,
        "value": parsed.value,
        "unit": parsed.unit,
        "grade": parsed.grade or "",
        "components": [{"value": str(q.value), "unit": q.unit} for q in parsed.quantities]
        if parsed.kind == TargetKind.COMPOSITE
        else [],
    }


def _optional_number(raw: str) -> Decimal | None:
    parsed = parse_target(raw) if raw and raw.strip() else None
    return parsed.value if parsed is not None else None


@transaction.atomic
def add_indicator(
    *,
    version,
    owner_field: str,
    owner,
    name: str,
    kind: str,
    order: int,
    targets: dict[int, str] | None = None,
    targets_inferred: str = "",
    number: str = "",
    unit: str | None = None,
    value_type: str | None = None,
    polarity: str | None = None,
    intended_result: str = "",
    target_group: str = "",
    baseline: str = "",
    end_target: str = "",
    definition: str = "",
    data_source: str = "",
    note: str = "",
    source_ref: str = "",
) -> Indicator:
    """Create an indicator with its yearly targets.

    Unit and value type, when not given, are inferred from the targets (renstra.core.targets);
    the raw text of every target is stored beside its parse.
    """
    targets = {int(year): str(text) for year, text in (targets or {}).items() if str(text).strip()}
    parsed = [parse_target(text) for text in targets.values()]
    if value_type is None:
        value_type = infer_value_type(name, parsed).value
    if unit is None:
        unit = "%" if value_type == ValueType.PERCENT else infer_unit(parsed)
    indicator = Indicator(
        version=version,
        number=number or "",
        name=normalize_space(name),
        order=order,
        kind=kind,
        unit=unit,
        value_type=value_type,
        intended_result=intended_result or "",
        target_group=target_group or "",
        baseline_raw=baseline or "",
        baseline_value=_optional_number(baseline),
        end_target_raw=end_target or "",
        end_target_value=_optional_number(end_target),
        definition=definition or "",
        data_source=data_source or "",
        note=note or "",
        source_ref=source_ref,
    )
    if polarity:
        indicator.polarity = polarity
    setattr(indicator, owner_field, owner)
    indicator.full_clean()
    indicator.save()
    bulk_create_with_history(
        Target,
        [
            Target(
                indicator=indicator,
                year=year,
                inferred_note=targets_inferred or "",
                **target_fields(text),
            )
            for year, text in sorted(targets.items())
        ],
    )
    return indicator


def funding_rows(
    *, owner_field: str, owner, amounts: dict[int, str], inferred: str = ""
) -> list[Funding]:
    """Funding rows for one program or activity from {year: raw text}; amounts are exact Decimals."""
    rows = []
    for year, raw in sorted((int(y), str(t)) for y, t in (amounts or {}).items()):
        if not raw.strip():
            continue
        rows.append(
            Funding(
                **{owner_field: owner},
                year=year,
                raw_text=raw,
                amount=parse_amount(raw),
                inferred_note=inferred or "",
            )
        )
    return rows


# --- items of the cascade: create, edit, delete, move ------------------------------------------
#
# `kind` is a level's key ("kegiatan", renstra.plans.levels) or levels.INDICATOR. `data` holds
# validated values of the item's own fields by field name, as a ModelForm's cleaned_data or an
# API's validated payload does; a many-to-many field (a program's objectives) is set after the
# save. The services take values rather than a form so that API, CLI and imports call them with
# what they have; a page's form only validates. `user`, when given, is recorded in the history
# (a page's is recorded from the request anyway).


@transaction.atomic
def create_item(*, version: PlanVersion, kind: str, parent, data: dict, user=None):
    """Create an item of `kind` under `parent`, last among its siblings: the version for tujuan
    and program, the parent item for the others, the owning item for an indicator."""
    assert_versions_editable([version.pk])
    model, parent_field = _placement(version, kind, parent)
    item = model()
    links = _apply(item, data)
    setattr(item, parent_field, parent)
    if kind == INDICATOR:
        item.version = version
    siblings = model.objects.filter(**{parent_field: parent})
    item.order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
    _save(item, user, links)
    return item


@transaction.atomic
def update_item(*, version: PlanVersion, kind: str, item, data: dict, user=None):
    """Change the fields of an item of `version` (its place in the cascade stays)."""
    assert_versions_editable([version.pk])
    _check_item(version, kind, item)
    links = _apply(item, data)
    _save(item, user, links)
    return item


@transaction.atomic
def delete_item(*, version: PlanVersion, kind: str, item, user=None) -> None:
    """Delete an item of `version` with everything that depends on it (its children,
    indicators, targets and funding)."""
    assert_versions_editable([version.pk])
    _check_item(version, kind, item)
    _record_user(item, user)
    item.delete()


@transaction.atomic
def move_item(*, version: PlanVersion, kind: str, item, up: bool, user=None) -> bool:
    """Swap an item with the sibling before it (`up`) or after it, and number the siblings
    1, 2, 3…; False when it is already first (last)."""
    assert_versions_editable([version.pk])
    _check_item(version, kind, item)
    ordered = list(_siblings(kind, item).select_for_update())
    index = next(i for i, sibling in enumerate(ordered) if sibling.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return False
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, sibling in enumerate(ordered, start=1):
        if sibling.order != position:
            sibling.order = position
            _record_user(sibling, user)
            sibling.save(update_fields=["order"])
    return True


def _placement(version: PlanVersion, kind: str, parent) -> tuple[type, str]:
    """(model of the new item, its foreign key to `parent`), once `parent` is known to be of
    the right level and of `version`."""
    if kind == INDICATOR:
        owner = BY_MODEL_NAME.get(type(parent).__name__)
        if owner not in INDICATOR_OWNERS:
            raise ValueError(
                _(
                    "Indikator hanya dapat dimiliki tujuan, sasaran, program, kegiatan "
                    "atau sub kegiatan."
                )
            )
        model, parent_field = Indicator, owner.name
    else:
        level = BY_KEY[kind]
        expected = PlanVersion if level.parent is None else BY_KEY[level.parent].model
        if not isinstance(parent, expected):
            raise ValueError(
                _("{} tidak dapat ditempatkan di bawah {}.").format(level.label, parent)
            )
        model, parent_field = level.model, level.parent_field
    parent_version = parent.pk if isinstance(parent, PlanVersion) else parent.plan_version_id()
    if parent_version != version.pk:
        raise ValueError(_("Induk butir bukan bagian dari versi ini."))
    return model, parent_field


def _check_item(version: PlanVersion, kind: str, item) -> None:
    model = Indicator if kind == INDICATOR else BY_KEY[kind].model
    if not isinstance(item, model) or item.plan_version_id() != version.pk:
        raise ValueError(_("Butir bukan bagian dari versi ini."))


def _apply(item, data: dict) -> dict:
    """Set the item's own fields from `data`; returns the many-to-many values, set after save."""
    links = {}
    for name, value in data.items():
        if item._meta.get_field(name).many_to_many:
            links[name] = value
        else:
            setattr(item, name, value)
    if isinstance(item, Indicator):
        # The parsed values stand beside their raw text: a changed text re-parses them, as an
        # import would (add_indicator).
        item.baseline_value = _optional_number(item.baseline_raw)
        item.end_target_value = _optional_number(item.end_target_raw)
    return links


def _save(item, user, links: dict) -> None:
    _record_user(item, user)
    item.save()
    for name, value in links.items():
        getattr(item, name).set(value)


def _record_user(item, user) -> None:
    # django-simple-history takes the user of a historical record from `_history_user` first,
    # else from the request (HistoryRequestMiddleware).
    if user is not None:
        item._history_user = user


def _siblings(kind: str, item):
    """The items that share the parent of `item` (an indicator: its owner), in order."""
    parent_field = owner_level(item).name if kind == INDICATOR else BY_KEY[kind].parent_field
    model = type(item)
    return model.objects.filter(**{parent_field: getattr(item, parent_field + "_id")}).order_by(
        "order", "pk"
    )
