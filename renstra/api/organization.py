"""An agency's organisation: its unit tree with the officials of each unit (NIP and rank only
for who may see personnel data, as on the page), the programs and kegiatan each unit holds in
the version the caller reads, and the crosscutting links going out of and coming in to the
agency with their status."""

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema

from renstra.api.common import MAX_ID, READ_ERRORS
from renstra.plans.crosscutting import links_of
from renstra.plans.models import Agency, PlanVersion
from renstra.plans.organization import read_organization

router = Router(tags=["Organisasi"])


class OfficialOut(Schema):
    name: str
    position: str
    acting: str = Field(description="Plt., Plh. atau kosong (definitif).")
    start_date: datetime.date
    end_date: datetime.date | None = Field(description="Hari terakhir menjabat; kosong: masih.")
    nip: str | None = Field(description="Hanya untuk yang berhak melihat data kepegawaian.")
    rank: str | None
    is_example: bool


class HeldOut(Schema):
    level: str = Field(description="program atau kegiatan.")
    id: int
    code: str
    name: str


class UnitOut(Schema):
    id: int
    parent_id: int | None = Field(description="Unit di atasnya; kosong untuk unit teratas.")
    name: str
    kind: str
    eselon: str
    officials: list[OfficialOut] = Field(description="Terbaru lebih dulu.")
    holds: list[HeldOut] = Field(description="Program dan kegiatan versi yang dibaca.")
    is_example: bool


class LinkOut(Schema):
    id: int
    direction: str = Field(description="keluar (mendukung PD lain) atau masuk (didukung).")
    other_agency: str
    own: str
    other: str
    note: str
    status: str = Field(description="proposed, accepted atau rejected.")
    decision_note: str


class OrganizationOut(Schema):
    agency_id: int
    agency: str
    version_id: int | None = Field(description="Versi yang dipakai untuk 'holds'.")
    units: list[UnitOut] = Field(description="Urutan pohon: tiap unit diikuti unit di bawahnya.")
    crosscutting: list[LinkOut]


@router.get("/agencies/{agency_id}/organization", response={200: OrganizationOut, **READ_ERRORS})
def get_organization(
    request,
    agency_id: int = Path(..., ge=1, le=MAX_ID, description="Id Perangkat Daerah."),
    version_id: int | None = Query(
        None,
        ge=1,
        le=MAX_ID,
        description="Versi untuk 'holds'; bawaan: versi terbaru yang boleh dibaca.",
    ),
):
    """Unit kerja, pejabatnya dan program/kegiatan yang dipegang tiap unit, serta keterkaitan
    crosscutting Perangkat Daerah ini. Terbuka bagi yang boleh melihat halaman organisasinya."""
    agency = Agency.objects.select_related("region").filter(pk=agency_id).first()
    if agency is None or not request.user.has_perm("plans.view_organization", agency):
        raise Http404(_("Perangkat Daerah tidak ditemukan."))
    versions = PlanVersion.objects.filter(plan__agency=agency).select_related(
        "plan__agency__region"
    )
    if version_id is not None:
        versions = versions.filter(pk=version_id)
    version = next(
        (
            v
            for v in versions.order_by("-plan__period_start", "-number")
            if request.user.has_perm("plans.view_version", v)
        ),
        None,
    )
    if version_id is not None and version is None:
        raise Http404(_("Versi Renstra tidak ditemukan di Perangkat Daerah ini."))
    personnel = request.user.has_perm("plans.view_personnel", agency)
    read = read_organization(agency, day=datetime.date.today(), version=version)
    units = []
    stack = list(reversed(read.roots))
    while stack:
        node = stack.pop()
        unit = node.unit
        units.append(
            {
                "id": unit.pk,
                "parent_id": unit.parent_id,
                "name": unit.name,
                "kind": unit.kind,
                "eselon": unit.eselon,
                "is_example": unit.is_example,
                "officials": [
                    {
                        "name": o.name,
                        "position": o.position,
                        "acting": o.acting,
                        "start_date": o.start_date,
                        "end_date": o.end_date,
                        "nip": o.nip if personnel else None,
                        "rank": o.rank if personnel else None,
                        "is_example": o.is_example,
                    }
                    for o in node.officials
                ],
                "holds": [
                    {"level": level, "id": item.pk, "code": item.code, "name": item.name}
                    for level, items in (("program", node.programs), ("kegiatan", node.activities))
                    for item in items
                ],
            }
        )
        stack.extend(reversed(node.children))
    links = []
    for link in links_of(agency):
        incoming = link.to_agency_id == agency.pk
        links.append(
            {
                "id": link.pk,
                "direction": "masuk" if incoming else "keluar",
                "other_agency": (link.from_agency if incoming else link.to_agency).short_name,
                "own": (link.to_ref if incoming else link.from_ref).label,
                "other": (link.from_ref if incoming else link.to_ref).label,
                "note": link.note,
                "status": link.status,
                "decision_note": link.decision_note,
            }
        )
    return {
        "agency_id": agency.pk,
        "agency": agency.name,
        "version_id": version.pk if version is not None else None,
        "units": units,
        "crosscutting": links,
    }
