"""The signature block of the plan's tables: the head of the agency signs every table of the
Renstra ("Bontang, 7 Desember 2026", position, name, rank, NIP), as set for the agency in the
admin (plans.AgencySignature). A table prints it only once it is set.

An app below reports that prints a form with signatures (the evaluation: "Disusun" by the
agency's head, "Dievaluasi" by Bappeda's) reads the same AgencySignature from plans and adds its
own Signatory with a heading; nothing here is needed for that.
"""

import datetime

from renstra.plans.models import Agency, AgencySignature
from renstra.render.table import Signatory


def signatories(agency: Agency, today: datetime.date | None = None) -> list[Signatory]:
    """The agency head's signature (one query), or none while the block is not set."""
    block = AgencySignature.objects.filter(agency=agency).first()
    if block is None:
        return []
    return [
        Signatory(
            place_date=block.place_and_date(today),
            position=block.position,
            name=block.name,
            rank=block.rank,
            nip=block.printed_nip,
        )
    ]
