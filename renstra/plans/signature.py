"""The agency head's signature below the agency's tables: every table of the Renstra
("Bontang, 7 Desember 2026", position, name, rank, NIP), as set for the agency in the admin
(AgencySignature), and the "Disusun" of forms that two people sign (the evaluation, whose
"Dievaluasi" is Bappeda's). A table prints it only once it is set.

The block gives the place and the document's date (its fixed date, else the day of printing);
the person is the official heading the agency's Kepala unit on that date when the officials are
recorded (renstra.plans.organization), so that a document dated before a change of head prints
the head of its day, "Plt. ..." when they acted. Without a recorded official, and for the demo's
example officials (never printed on a document), the block's own name, rank and NIP."""

import datetime

from renstra.plans.models import Agency, AgencySignature
from renstra.plans.organization import head_of_agency_on
from renstra.render.table import Signatory


def signatories(
    agency: Agency, today: datetime.date | None = None, heading: str = ""
) -> list[Signatory]:
    """The agency head's signature (two queries at most), or none while the block is not set;
    `heading` names the act where the form has several ("Disusun")."""
    block = AgencySignature.objects.filter(agency=agency).first()
    if block is None:
        return []
    day = block.date or today or datetime.date.today()
    official = head_of_agency_on(agency, day)
    if official is not None and not official.is_example:
        position, name, rank, nip = (
            official.printed_position,
            official.name,
            official.rank,
            official.printed_nip,
        )
    else:
        position, name, rank, nip = block.position, block.name, block.rank, block.printed_nip
    return [
        Signatory(
            place_date=block.place_and_date(day),
            position=position,
            name=name,
            rank=rank,
            nip=nip,
            heading=heading,
        )
    ]
