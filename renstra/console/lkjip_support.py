"""The console's figures given to the Pemda's LKjIP (renstra.lkjip.support): per RPJMD sasaran
the roll-up of the agencies' sasaran that name it, and each agency's year, read by
region_console exactly as the console page shows them (so the report and the console agree;
a test compares them)."""

from django.utils import translation

from renstra.console.rollup import RpjmdRollup
from renstra.console.service import region_console
from renstra.lkjip.parts import AgencyLine, RegionSupport, SupportLine
from renstra.plans.models import Region


def console_support(region: Region, year: int) -> RegionSupport | None:
    # The LKjIP is an Indonesian document whatever the reader's language.
    with translation.override("id"):
        console = region_console(region, year, years=[year])
        found: RpjmdRollup | None = console.rollup
        by_sasaran = {}
        rule, notes = "", ()
        if found is not None:
            rule, notes = found.rule, tuple(found.unknown_notes)
            # A sasaran no agency names has no support to print (the report says so).
            for row in (row for row in found.rows if row.agencies):
                by_sasaran[row.sasaran.number] = SupportLine(
                    agencies=tuple(agency.short_name for agency in row.agencies),
                    objectives=row.objectives,
                    indicators=row.indicators,
                    computable=row.computable,
                    achievement=row.achievement.value,
                    predicate=row.predicate_label,
                )
        agencies = tuple(
            AgencyLine(
                number=str(n),
                agency=row.agency.name,
                plan=str(row.version.plan) if row.version else "",
                indicators=row.figures.indicators if row.figures else None,
                achievement=row.average,
                predicate=row.predicate_label,
            )
            for n, row in enumerate(console.rows, start=1)
        )
    return RegionSupport(by_sasaran=by_sasaran, rule=rule, notes=notes, agencies=agencies)
