"""Build a plan version from its structured description (the demo YAML's shape).

The same shape is what the demo data file holds; see renstra/interchange/demo/README.md.
Everything happens in one transaction: a version is created whole or not at all.
"""

from django.db import transaction

from renstra.core.numbers import parse_amount
from renstra.core.targets import normalize_space
from renstra.interchange.plan_schema import default_indicator_kind
from renstra.plans.history import bulk_create_with_history
from renstra.plans.models import (
    Activity,
    Funding,
    Goal,
    Mission,
    Objective,
    Plan,
    PlanVersion,
    PolicyDirection,
    Program,
    Strategy,
    Unit,
)
from renstra.plans.services import add_indicator, funding_rows


def _text(value) -> str:
    return normalize_space(value) if value is not None else ""


def _common(item: dict, order: int, source: str) -> dict:
    return {
        "number": _text(item.get("number")),
        "name": _text(item["name"]),
        "order": order,
        "other_wordings": item.get("other_wordings") or [],
        "note": _text(item.get("note")),
        "source_ref": "{}:{}".format(source, item["src"]) if item.get("src") else "",
    }


def _coded(item: dict, plan: Plan, units: dict[str, Unit]) -> dict:
    """Fields of programs and activities beyond the common ones: code, raw code, unit, total."""
    fields = {
        "code": _text(item.get("code")),
        "code_raw": _text(item.get("code_raw")),
        "declared_total_raw": _text(item.get("declared_total")),
        "declared_total": parse_amount(item.get("declared_total")),
    }
    unit_name = _text(item.get("unit"))
    if unit_name:
        if unit_name not in units:
            units[unit_name], _ = Unit.objects.get_or_create(agency=plan.agency, name=unit_name)
        fields["unit"] = units[unit_name]
    return fields


def _indicators(version, owner_field, owner, items, source):
    default_kind = default_indicator_kind(owner_field)
    created = []
    for order, item in enumerate(items or [], start=1):
        created.append(
            add_indicator(
                version=version,
                owner_field=owner_field,
                owner=owner,
                name=item["name"],
                kind=item.get("kind") or default_kind,
                order=order,
                number=_text(item.get("number")),
                targets=item.get("targets") or {},
                targets_inferred=_text(item.get("targets_inferred")),
                unit=item.get("unit"),
                value_type=item.get("value_type"),
                polarity=item.get("polarity"),
                intended_result=_text(item.get("intended_result")),
                target_group=_text(item.get("target_group")),
                baseline=_text(item.get("baseline")),
                end_target=_text(item.get("end_target")),
                definition=_text(item.get("definition")),
                data_source=_text(item.get("data_source")),
                note=_text(item.get("note")),
                source_ref="{}:{}".format(source, item["src"]) if item.get("src") else "",
            )
        )
    return created


@transaction.atomic
def create_version(
    *, plan: Plan, data: dict, source: str, revises: PlanVersion | None = None
) -> PlanVersion:
    """Create one plan version with its whole cascade from `data`."""
    version = PlanVersion.objects.create(
        plan=plan,
        number=data["number"],
        label=_text(data["label"]),
        revises=revises,
        revision_reason=_text(data.get("revision_reason")),
        legal_basis=_text(data.get("legal_basis")),
        rpjmd_note=_text(data.get("rpjmd_note")),
        source=_text(data.get("source")),
        unplaced_rows=data.get("unplaced_rows") or [],
        is_public=bool(data.get("public")),
    )
    units: dict[str, Unit] = {}
    if plan.regional_plan_id and data.get("missions"):
        version.missions.set(
            Mission.objects.filter(regional_plan=plan.regional_plan, number__in=data["missions"])
        )
    objectives_by_number: dict[str, Objective] = {}
    all_objectives: list[Objective] = []
    for g_order, goal_data in enumerate(data.get("goals") or [], start=1):
        goal = Goal.objects.create(version=version, **_common(goal_data, g_order, source))
        _indicators(version, "goal", goal, goal_data.get("indicators"), source)
        for o_order, obj_data in enumerate(goal_data.get("objectives") or [], start=1):
            objective = Objective.objects.create(
                goal=goal,
                rpjmd_refs=[str(ref) for ref in obj_data.get("rpjmd_refs") or []],
                **_common(obj_data, o_order, source),
            )
            all_objectives.append(objective)
            if obj_data.get("number"):
                objectives_by_number[str(obj_data["number"])] = objective
            _indicators(version, "objective", objective, obj_data.get("indicators"), source)
            for s_order, strat_data in enumerate(obj_data.get("strategies") or [], start=1):
                strategy = Strategy.objects.create(
                    objective=objective, **_common(strat_data, s_order, source)
                )
                bulk_create_with_history(
                    PolicyDirection,
                    [
                        PolicyDirection(strategy=strategy, **_common(pd, p_order, source))
                        for p_order, pd in enumerate(
                            strat_data.get("policy_directions") or [], start=1
                        )
                    ],
                )
    funding: list[Funding] = []
    for p_order, prog_data in enumerate(data.get("programs") or [], start=1):
        program = Program.objects.create(
            version=version,
            **_coded(prog_data, plan, units),
            **_common(prog_data, p_order, source),
        )
        links = prog_data.get("objectives")
        if links == "all":
            program.objectives.set(all_objectives)
        elif links:
            program.objectives.set(objectives_by_number[str(n)] for n in links)
        program_indicators = _indicators(
            version, "program", program, prog_data.get("indicators"), source
        )
        by_name = {ind.name: ind for ind in program_indicators}
        funding += funding_rows(
            owner_field="program",
            owner=program,
            amounts=prog_data.get("funding") or {},
            inferred=_text(prog_data.get("funding_inferred")),
        )
        for a_order, act_data in enumerate(prog_data.get("activities") or [], start=1):
            serves = act_data.get("serves_indicator")
            activity = Activity.objects.create(
                program=program,
                location=_text(act_data.get("location")),
                **_coded(act_data, plan, units),
                program_indicator=by_name[normalize_space(serves)] if serves else None,
                **_common(act_data, a_order, source),
            )
            _indicators(version, "activity", activity, act_data.get("indicators"), source)
            funding += funding_rows(
                owner_field="activity",
                owner=activity,
                amounts=act_data.get("funding") or {},
                inferred=_text(act_data.get("funding_inferred")),
            )
    bulk_create_with_history(Funding, funding)
    return version
