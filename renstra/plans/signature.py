"""The agency head's signature below the agency's tables: every table of the Renstra
("Bontang, 7 Desember 2026", position, name, rank, NIP), as set for the agency in the admin
(AgencySignature), and the "Disusun" of forms that two people sign (the evaluation, whose
"Dievaluasi" is Bappeda's). A table prints it only once it is set."""

import datetime

from renstra.plans.models import Agency, AgencySignature
from renstra.render.table import Signatory


def signatories(
    agency: Agency, today: datetime.date | None = None, heading: str = ""
) -> list[Signatory]:
    """The agency head's signature (one query), or none while the block is not set; `heading`
    names the act where the form has several ("Disusun")."""
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
            heading=heading,
        )
    ]
