"""What the agencies of a region bring to the RPJMD in a year, for the Pemda's LKjIP.

The figures are Bappeda's console's (renstra.console: every agency's evaluation of the year,
kept ahead by its worker, and the roll-up to the RPJMD's sasaran). The console stands above
this app, so it registers the provider from its AppConfig.ready(); this module only holds the
registry. Without a provider (the console app not installed) the Pemda's LKjIP says so
instead of printing figures it cannot have.
"""

from collections.abc import Callable

from renstra.lkjip.parts import RegionSupport
from renstra.plans.models import Region

_PROVIDERS: list[Callable[[Region, int], RegionSupport | None]] = []


def register_support(provider: Callable[[Region, int], RegionSupport | None]) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def region_support(region: Region, year: int) -> RegionSupport | None:
    """The support of the region's agencies in `year` from the first provider that has it."""
    for provider in _PROVIDERS:
        found = provider(region, year)
        if found is not None:
            return found
    return None
