"""The SAKIP year: a Perjanjian Kinerja read whole (parties, targets, anggaran, total, status),
and its targets and anggaran written while it is a draft, through the same services the pages
use. A signed PK answers 409: it is frozen, as an approved plan is."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError

from renstra.api.common import MAX_ID, READ_ERRORS, WRITE_ERRORS
from renstra.api.schemas import money_text, number_text
from renstra.core.targets import normalize_space
from renstra.sakip.access import agreement_budget, agreement_for, agreement_target
from renstra.sakip.agreements import (
    total_budget,
    update_agreement_budget,
    update_agreement_target,
)
from renstra.sakip.models import PerformanceAgreement

router = Router(tags=["Siklus SAKIP"])

TEXT_LIMIT = 300


class PartyOut(Schema):
    name: str
    position: str
    rank: str
    nip: str = Field(description="18 angka; kosong untuk kepala daerah (tanpa NIP).")


class AgreementTargetOut(Schema):
    id: int
    statement: str = Field(description="Sasaran.")
    indicator: str
    unit: str
    target: str = Field(description="Target seperti ditulis.")
    target_value: str | None = Field(description="Nilai target terurai (desimal tepat).")
    source: str = Field(description="renstra, renja, atau kosong (ditambahkan sendiri).")
    source_target: str = Field(description="Target sumber saat PK disusun.")
    change_reason: str


class AgreementBudgetOut(Schema):
    id: int
    level: str
    code: str
    name: str
    amount_text: str
    amount: str | None = Field(description="Rupiah, desimal tepat.")
    change_reason: str


class AgreementOut(Schema):
    id: int
    agency_id: int
    year: int
    unit: str
    level: str
    number: int
    status: str = Field(description="draft atau signed (ditandatangani, beku).")
    day: str
    place: str
    first_party: PartyOut
    second_party: PartyOut
    targets: list[AgreementTargetOut]
    budgets: list[AgreementBudgetOut]
    total: str = Field(description="Jumlah anggaran: jumlah baris anggaran (rupiah).")
    is_example: bool


class ValueIn(Schema):
    value: str = Field(max_length=TEXT_LIMIT, description="Nilai seperti ditulis di dokumen.")
    reason: str = Field("", max_length=2000, description="Alasan perubahan dari nilai sumber.")


def agreement_param():
    return Path(..., ge=1, le=MAX_ID, description="Id Perjanjian Kinerja.")


def row_param():
    return Path(..., ge=1, le=MAX_ID, description="Id baris pada PK itu.")


def _agreement(request, agreement_id: int, edit: bool = False) -> PerformanceAgreement:
    # The pages' lookup: 404 when the caller may not see the agency's SAKIP year, 403 when it
    # may see it and not change it (the API's handlers answer both in its own form).
    return agreement_for(request, agreement_id, perm="sakip.edit" if edit else "")


def _out(agreement: PerformanceAgreement) -> dict:
    targets = list(agreement.targets.all())
    budgets = list(agreement.budgets.all())
    return {
        "id": agreement.pk,
        "agency_id": agreement.agency_id,
        "year": agreement.year,
        "unit": agreement.unit.name,
        "level": agreement.level,
        "number": agreement.number,
        "status": agreement.status,
        "day": agreement.day.isoformat(),
        "place": agreement.place,
        "first_party": {
            "name": agreement.first_name,
            "position": agreement.first_position,
            "rank": agreement.first_rank,
            "nip": agreement.first_nip,
        },
        "second_party": {
            "name": agreement.second_name,
            "position": agreement.second_position,
            "rank": agreement.second_rank,
            "nip": agreement.second_nip,
        },
        "targets": [
            {
                "id": t.pk,
                "statement": t.statement,
                "indicator": t.name,
                "unit": t.measure_unit,
                "target": t.target_raw,
                "target_value": number_text(t.target_value),
                "source": t.source,
                "source_target": t.source_target_raw,
                "change_reason": t.change_reason,
            }
            for t in targets
        ],
        "budgets": [
            {
                "id": b.pk,
                "level": b.level,
                "code": b.code,
                "name": b.name,
                "amount_text": b.amount_raw,
                "amount": money_text(b.amount),
                "change_reason": b.change_reason,
            }
            for b in budgets
        ],
        "total": money_text(total_budget(agreement, budgets)),
        "is_example": agreement.is_example,
    }


def _write(agreement: PerformanceAgreement, change) -> None:
    """Run a service's change; a signed PK is 409, a value that cannot be stored 422."""
    if agreement.is_signed:
        raise HttpError(
            409,
            _(
                "{} sudah ditandatangani dan tidak dapat diubah; buat PK Perubahan untuk "
                "mengubahnya."
            ).format(agreement),
        )
    try:
        change()
    except DjangoValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error


@router.get("/agreements/{agreement_id}", response={200: AgreementOut, **READ_ERRORS})
def get_agreement(request, agreement_id: int = agreement_param()):
    """Satu Perjanjian Kinerja: para pihak, target, anggaran dan jumlahnya, status. Hanya untuk
    pengguna yang masuk dan berhak atas Perangkat Daerahnya (bukan publik)."""
    return _out(_agreement(request, agreement_id))


@router.put(
    "/agreements/{agreement_id}/targets/{target_id}",
    response={200: AgreementOut, **WRITE_ERRORS},
)
def put_agreement_target(
    request, payload: ValueIn, agreement_id: int = agreement_param(), target_id: int = row_param()
):
    """Ubah target satu baris PK (beserta alasannya) selama PK masih draf; PK yang sudah
    ditandatangani menjawab 409."""
    agreement = _agreement(request, agreement_id, edit=True)
    target = agreement_target(agreement, target_id)
    _write(
        agreement,
        lambda: update_agreement_target(
            target=target, raw=normalize_space(payload.value), reason=payload.reason
        ),
    )
    return _out(agreement)


@router.put(
    "/agreements/{agreement_id}/budgets/{budget_id}",
    response={200: AgreementOut, **WRITE_ERRORS},
)
def put_agreement_budget(
    request, payload: ValueIn, agreement_id: int = agreement_param(), budget_id: int = row_param()
):
    """Ubah anggaran satu program/kegiatan PK (rupiah seperti ditulis, mis. "1.250.000") selama
    PK masih draf; PK yang sudah ditandatangani menjawab 409."""
    agreement = _agreement(request, agreement_id, edit=True)
    budget = agreement_budget(agreement, budget_id)
    _write(
        agreement,
        lambda: update_agreement_budget(budget=budget, raw=payload.value, reason=payload.reason),
    )
    return _out(agreement)
