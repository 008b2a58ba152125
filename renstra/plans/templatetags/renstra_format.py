"""Template filters for Indonesian number formats."""

from django import template

from renstra.core.numbers import format_rupiah

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """1047655345 -> '1.047.655.345'; empty for None."""
    return format_rupiah(value) if value is not None else ""
