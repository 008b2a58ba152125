"""Writes that touch several rows of a plan. Pages, API, CLI, imports and the demo loader call
these functions, each inside one transaction."""

from decimal import Decimal

from django.db import transaction

from renstra.core.numbers import parse_amount
from renstra.core.targets import (
    TargetKind,
    ValueType,
    infer_unit,
    infer_value_type,
    normalize_space,
    parse_target,
)
from renstra.plans.history import bulk_create_with_history
from renstra.plans.models import Funding, Indicator, Target


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
