"""Funding read from a loaded item (its `funding` prefetched or attached by the read model)."""

from decimal import Decimal

from renstra.core.funding import total_mismatches


def funding_by_year(item) -> dict[int, Decimal | None]:
    """{year: amount} of a program, kegiatan or sub kegiatan."""
    return {f.year: f.amount for f in item.funding.all()}


def funding_mismatches(program) -> list[tuple[int, Decimal | None, Decimal]]:
    """(year, declared total, sum of activities) for every year in which they differ."""
    return total_mismatches(
        funding_by_year(program), (funding_by_year(a) for a in program.activities.all())
    )
