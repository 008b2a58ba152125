"""Declared program totals against the sum of their activities, year by year."""

from collections.abc import Iterable
from decimal import Decimal

ZERO = Decimal(0)


def sum_known(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the amounts that are there; None when none is (nothing known is not 0)."""
    known = [v for v in values if v is not None]
    return sum(known, ZERO) if known else None


def activity_sums(activity_amounts: Iterable[dict[int, Decimal | None]]) -> dict[int, Decimal]:
    """Sum per year of the activities' amounts ({year: amount}); empty amounts count as nothing."""
    sums: dict[int, Decimal] = {}
    for amounts in activity_amounts:
        for year, amount in amounts.items():
            if amount is not None:
                sums[year] = sums.get(year, ZERO) + amount
    return sums


def total_mismatches(
    declared: dict[int, Decimal | None], activity_amounts: Iterable[dict[int, Decimal | None]]
) -> list[tuple[int, Decimal | None, Decimal]]:
    """(year, declared total or None, sum of activities) for every year in which they differ.

    A year with no declared total differs when its activities are funded; a printed '-' (0)
    equals activities with no amount.
    """
    sums = activity_sums(activity_amounts)
    result = []
    for year in sorted(set(declared) | set(sums)):
        stated = declared.get(year)
        total = sums.get(year, ZERO)
        if (stated or ZERO) != total:
            result.append((year, stated, total))
    return result
