"""The documents of the SAKIP year on the console, per agency: its Renja of the year (the one
the year is measured against: the latest final, else the latest draft), its Perjanjian Kinerja
(how many units have one, how many of those are signed, counting each unit's latest number) and
its LKjIP (the latest number's status). Three queries for a whole region."""

from dataclasses import dataclass

from renstra.lkjip.models import Lkjip
from renstra.sakip.models import PerformanceAgreement, Renja
from renstra.sakip.year_plan import renja_of_year


@dataclass
class YearDocuments:
    renja: Renja | None = None
    pk_units: int = 0  # units with a PK of the year
    pk_signed: int = 0  # of them, whose latest PK is signed
    lkjip: Lkjip | None = None

    @property
    def pk_all_signed(self) -> bool:
        return self.pk_units > 0 and self.pk_signed == self.pk_units


def year_documents(agency_ids: list[int], year: int) -> dict[int, YearDocuments]:
    found = {agency_id: YearDocuments() for agency_id in agency_ids}
    if not agency_ids:
        return found
    renjas: dict[int, list[Renja]] = {}
    for renja in Renja.objects.filter(agency__in=agency_ids, year=year).only(
        "pk", "agency_id", "year", "number", "status"
    ):
        renjas.setdefault(renja.agency_id, []).append(renja)
    for agency_id, of_agency in renjas.items():
        found[agency_id].renja = renja_of_year(of_agency)
    latest: dict[tuple[int, int], tuple[int, str]] = {}
    agreements = PerformanceAgreement.objects.filter(agency__in=agency_ids, year=year)
    for agency_id, unit_id, number, status in agreements.values_list(
        "agency_id", "unit_id", "number", "status"
    ):
        key = (agency_id, unit_id)
        if key not in latest or latest[key][0] < number:
            latest[key] = (number, status)
    for (agency_id, _unit), (_number, status) in latest.items():
        found[agency_id].pk_units += 1
        found[agency_id].pk_signed += status == "signed"
    for report in Lkjip.objects.filter(agency__in=agency_ids, year=year).order_by("number"):
        found[report.agency_id].lkjip = report  # the latest number last
    return found
