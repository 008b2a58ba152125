"""Funding read from a loaded item (its `funding` prefetched or attached by the read model)."""

from decimal import Decimal

from renstra.core.funding import total_mismatches


def funding_by_year(item) -> dict[int, Decimal | None]:
    """{year: amount} of a program, kegiatan or sub kegiatan."""
    # The read model's plain list when there is one: a related manager builds a queryset per
    # call, which on the version page cost more than the rest of the table.
    funding = getattr(item, "funding_list", None)
    if funding is None:
        funding = item.funding.all()
    return {f.year: f.amount for f in funding}


def funding_mismatches(program) -> list[tuple[int, Decimal | None, Decimal]]:
    """(year, declared total, sum of activities) for every year in which they differ."""
    activities = getattr(program, "activity_list", None)
    if activities is None:
        activities = program.activities.all()
    return total_mismatches(funding_by_year(program), (funding_by_year(a) for a in activities))
