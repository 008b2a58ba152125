"""The plan of the year an evaluation measures against, when an app above has one: the Renja
(renstra.sakip) gives each indicator's target and each item's budget of its year, and the
evaluation's column 7 ("Target kinerja dan anggaran Renja tahun berjalan") and the year's
achievement read it instead of the Renstra's target of that year. Without a Renja, the Renstra's
year is the plan of the year, as before.

Monitoring cannot import the app that holds the Renja (it stands above), so that app registers a
provider from its AppConfig.ready(): a function of (versions, year) answering, in a fixed number
of queries whatever the number of versions, {version id: YearPlan} for the versions it has a
plan of the year for.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from renstra.plans.models import PlanVersion


@dataclass
class YearPlan:
    """What a plan of the year says, keyed by the evaluated version's own ids: targets by
    indicator id (raw text), budgets by (level key, item id) (rupiah; None: empty)."""

    label: str
    targets: dict[int, str] = field(default_factory=dict)
    budgets: dict[tuple[str, int], Decimal | None] = field(default_factory=dict)


Provider = Callable[[list[PlanVersion], int], dict[int, YearPlan]]
PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


def year_plans(versions: list[PlanVersion], year: int) -> dict[int, YearPlan]:
    """{version id: its plan of `year`} from the first provider that has one."""
    found: dict[int, YearPlan] = {}
    for provider in PROVIDERS:
        for version_id, plan in provider(versions, year).items():
            found.setdefault(version_id, plan)
    return found
