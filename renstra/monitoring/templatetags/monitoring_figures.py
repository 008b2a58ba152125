"""Figures rounded to what their unit allows, for the dashboard (renstra.monitoring.figures)."""

from django import template

from renstra.monitoring import figures

register = template.Library()


@register.filter
def figure(parsed, rule=None) -> str:
    """{{ r.projected|figure:r.rule }}: 1,3333 laporan → '1 laporan', 17,45 % → '17,5%'."""
    return figures.figure(parsed, rule or None)


@register.filter
def percent(value) -> str:
    """{{ r.projected_achievement.value|percent }}: 44,44 → '44,4%'; '' for none."""
    return figures.percent(value)
