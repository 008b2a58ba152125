"""Reads of a whole plan version in a constant number of queries, whatever its size."""

from django.db.models import Prefetch, QuerySet

from renstra.plans.models import (
    Activity,
    Goal,
    Indicator,
    Objective,
    PlanVersion,
    Program,
    Strategy,
)


def _indicators() -> Prefetch:
    return Prefetch(
        "indicators",
        queryset=Indicator.objects.order_by("order", "pk").prefetch_related("targets"),
    )


def programs_of(version: PlanVersion) -> QuerySet[Program]:
    """Programs in document order with their indicators, targets, funding, activities and links."""
    activities = Activity.objects.order_by("order", "pk").prefetch_related(_indicators(), "funding")
    return (
        Program.objects.filter(version=version)
        .order_by("order", "pk")
        .prefetch_related(
            _indicators(),
            "funding",
            "objectives",
            Prefetch("activities", queryset=activities),
        )
    )


def goals_of(version: PlanVersion) -> QuerySet[Goal]:
    """Goals in document order with objectives, strategies, policy directions and indicators."""
    strategies = Strategy.objects.order_by("order", "pk").prefetch_related("policy_directions")
    objectives = Objective.objects.order_by("order", "pk").prefetch_related(
        _indicators(), Prefetch("strategies", queryset=strategies)
    )
    return (
        Goal.objects.filter(version=version)
        .order_by("order", "pk")
        .prefetch_related(_indicators(), Prefetch("objectives", queryset=objectives))
    )


def version_with_plan(version_id: int) -> PlanVersion:
    return (
        PlanVersion.objects.select_related("plan__agency__region", "plan__regional_plan", "revises")
        .prefetch_related("missions")
        .get(pk=version_id)
    )
