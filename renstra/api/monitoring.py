"""Monitoring: realization of indicators and the year's evaluation (achievement, predicate), for
signed-in readers of the version; entering realization for the agency, through the same service
the pages use."""

from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Header, Path, Router, Status
from ninja.pagination import paginate

from renstra.api.common import (
    MONITOR_ERRORS,
    WRITE_ERRORS,
    Pagination,
    check_year,
    indicator_id_param,
    invalid,
    not_found,
    version_id_param,
    year_path_param,
    year_query_param,
)
from renstra.api.schemas import (
    ConflictOut,
    EvaluationOut,
    RealizationIn,
    RealizationOut,
    RealizationWriteOut,
)
from renstra.core.targets import normalize_space, parse_target
from renstra.monitoring.cells import figure_token
from renstra.monitoring.evaluation import default_year, evaluate, indicator_year
from renstra.monitoring.export import evaluation_records, predicate_label
from renstra.monitoring.models import Realization
from renstra.monitoring.services import CellChanged, save_realization
from renstra.plans.levels import OWNER_FIELDS
from renstra.plans.models import Indicator
from renstra.plans.permissions import version_for

router = Router(tags=["Pemantauan dan evaluasi"])


def _percent(value) -> float | None:
    return float(value) if value is not None else None


def _entity_tag(header: str | None) -> str | None:
    """The token inside an If-Match header: `"abc"`, `W/"abc"` or bare `abc`; None without one
    (or with `*`, which matches any figure)."""
    if header is None:
        return None
    tag = header.strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    tag = tag.strip('"')
    return None if tag in ("", "*") else tag


def _check_storable(raw: str) -> None:
    """Refuse (422) what the realization's columns cannot hold and the service does not check
    itself: a unit longer than its column, a number of more than 20 digits before the decimal
    point (more decimals are rounded by the column, as on the pages)."""
    text = normalize_space(raw or "")
    parsed = parse_target(text) if text else None
    if parsed is None:
        return
    unit_length = Realization._meta.get_field("unit").max_length
    if len(parsed.unit or "") > unit_length:
        raise invalid(
            _("Satuan pada realisasi '{}' terlalu panjang (paling banyak {} karakter).").format(
                text, unit_length
            )
        )
    if parsed.value is None:
        return
    field = Realization._meta.get_field("value")
    whole_digits = field.max_digits - field.decimal_places
    limit = Decimal(10) ** whole_digits
    value = abs(parsed.value)
    # As stored: rounded to the column's decimals (99.99999 becomes 100.0000).
    if value >= limit or value.quantize(Decimal(1).scaleb(-field.decimal_places)) >= limit:
        raise invalid(
            _(
                "Realisasi '{}' terlalu besar untuk disimpan: paling banyak {} angka sebelum koma."
            ).format(text, whole_digits)
        )


@router.get(
    "/versions/{version_id}/realization",
    response={200: list[RealizationOut], **MONITOR_ERRORS},
)
@paginate(Pagination)
def list_realization(
    request,
    version_id: int = version_id_param(),
    year: int | None = year_query_param("Hanya tahun ini (bila kosong: semua tahun)."),
):
    """Realisasi indikator per triwulan (1–4) atau tahunan (0), dengan statusnya. Hanya untuk
    pengguna yang masuk dan berhak atas Renstra ini."""
    version = version_for(request, version_id, "monitor")
    entries = Realization.objects.filter(indicator__version=version)
    if year is not None:
        entries = entries.filter(year=check_year(version, year))
    return entries.select_related("entered_by").order_by("indicator_id", "year", "quarter", "pk")


@router.get("/versions/{version_id}/evaluation", response={200: EvaluationOut, **MONITOR_ERRORS})
def get_evaluation(
    request,
    version_id: int = version_id_param(),
    year: int | None = year_query_param(
        "Tahun evaluasi (bila kosong: tahun terakhir yang berisi realisasi)."
    ),
):
    """Evaluasi satu tahun per indikator: target, realisasi, capaian (%), predikat, proyeksi,
    capaian Renstra s.d. tahun itu (bentuk yang sama dengan `renstra evaluate --format json`)."""
    version = version_for(request, version_id, "monitor")
    year = check_year(version, year) if year is not None else default_year(version)
    evaluation = evaluate(version, year)
    return {
        "version_id": version.pk,
        "year": year,
        "average": _percent(evaluation.average.value),
        "predicate": predicate_label(evaluation.average_predicate) or None,
        "indicators": evaluation_records(evaluation),
    }


@router.put(
    "/versions/{version_id}/indicators/{indicator_id}/realization/{year}/{quarter}",
    response={200: RealizationWriteOut, 412: ConflictOut, **WRITE_ERRORS},
)
def put_realization(
    request,
    response: HttpResponse,
    payload: RealizationIn,
    version_id: int = version_id_param(),
    indicator_id: int = indicator_id_param(),
    year: int = year_path_param(),
    quarter: int = Path(..., ge=0, le=4, description="Triwulan 1–4, atau 0 untuk nilai tahunan."),
    if_match: str | None = Header(
        None,
        alias="If-Match",
        description="Sidik (`token`) angka saat Anda membacanya. Bila angka sudah diubah orang "
        "lain sejak itu, tidak ada yang ditulis: 412 dengan angka yang tersimpan sekarang. Tanpa "
        "header ini, isian terakhir yang menang.",
    ),
):
    """Isi, ubah atau (dengan nilai kosong) kosongkan realisasi satu indikator untuk satu
    triwulan, seperti di halaman realisasi: hanya perencana dan kepala Perangkat Daerahnya (dan
    administrator), pada versi yang ditetapkan dan sedang berlaku; angka yang sudah diajukan atau
    disetujui tidak dapat diubah (422). Jawaban membawa header ETag: sidik angka sesudahnya."""
    version = version_for(request, version_id, "enter")
    indicator = (
        Indicator.objects.select_related(*OWNER_FIELDS)
        .filter(pk=indicator_id, version=version)
        .first()
    )
    if indicator is None:
        raise not_found(_("Indikator tidak ditemukan pada versi ini."))
    indicator.version = version
    _check_storable(payload.value)
    try:
        entry = save_realization(
            indicator,
            year,
            quarter,
            payload.value,
            user=request.user,
            note=payload.note,
            expected_token=_entity_tag(if_match),
        )
    except CellChanged as conflict:
        current = conflict.entry
        token = figure_token(current)
        response["ETag"] = '"{}"'.format(token)
        return Status(412, {"detail": str(conflict), "current": current, "token": token})
    if entry is not None:  # as stored (the column rounds to its decimals)
        entry = Realization.objects.select_related("entered_by").get(pk=entry.pk)
    result = indicator_year(indicator, year)
    token = figure_token(entry)
    response["ETag"] = '"{}"'.format(token)
    return {
        "token": token,
        "indicator_id": indicator.pk,
        "year": year,
        "quarter": quarter,
        "realization": entry,
        "achievement": _percent(result.achievement.value),
        "predicate": predicate_label(result.predicate) or None,
        "achievement_note": str(result.achievement.reason or result.achievement.formula or ""),
    }
