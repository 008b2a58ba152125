"""The cells of a row of the realization or budget grid, for its template."""

from django import template

from renstra.monitoring import cells
from renstra.monitoring.choices import QUARTERS, YEARLY
from renstra.monitoring.evaluation import YEARLY_TYPES

register = template.Library()


@register.simple_tag
def row_cells(entries, owner_id, held=None, value_type=None, yearly=True) -> cells.RowCells:
    """{% row_cells entries owner_id held as cells %}: the row's cells by quarter (with the year
    unless `yearly` is false), with what `held` (the save just made, if it was this row's) did
    not store still typed in. An indicator whose `value_type` is judged once a year shows only
    its year cell (`cells.shown`, `cells.yearly_only`)."""
    quarters = (*QUARTERS, YEARLY) if yearly else QUARTERS
    # `held` is missing (an invalid variable) on a page that saved nothing.
    mine = held if isinstance(held, cells.RowSave) and held.owner_id == owner_id else None
    return cells.row_cells(entries, quarters, mine, yearly_only=value_type in YEARLY_TYPES)
