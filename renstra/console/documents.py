"""The documents of the SAKIP year on the console, per agency: its Renja of the year (the one
the year is measured against: the latest final, else the latest draft), its Perjanjian Kinerja
(how many units have one, how many of those are signed, counting each unit's latest number) and
its LKjIP (the latest number's status), from the register's read of the region (the same read
gives the register's overdue documents)."""

from dataclasses import dataclass

from renstra.lkjip.models import Lkjip
from renstra.register.register import Found
from renstra.sakip.models import Renja
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


def year_documents(found: dict[int, Found]) -> dict[int, YearDocuments]:
    """{agency id: its documents of the year} from what the register read of them
    (renstra.register.register.read_documents): one read serves the column and the overdue
    marks."""
    documents = {}
    for agency_id, of_agency in found.items():
        agreements = of_agency.agreements.values()  # each unit's latest number
        documents[agency_id] = YearDocuments(
            renja=renja_of_year(of_agency.renjas),
            pk_units=len(agreements),
            pk_signed=sum(1 for agreement in agreements if agreement.is_signed),
            lkjip=of_agency.lkjip,
        )
    return documents
