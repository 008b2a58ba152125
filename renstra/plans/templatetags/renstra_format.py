"""Template filters for Indonesian number formats."""

from django import template

from renstra.core.numbers import format_id_number, format_rupiah

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """1047655345 -> '1.047.655.345'; empty for None."""
    return format_rupiah(value) if value not in (None, "") else ""


@register.filter
def id_number(value, places=None) -> str:
    """92.5 -> '92,50' with places=2; empty for None."""
    if value is None or value == "":
        return ""
    return format_id_number(value, int(places) if places not in (None, "") else None)


@register.filter
def get_item(mapping, key):
    """mapping[key], or None (for dicts keyed by numbers in templates)."""
    if mapping is None:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None
