"""Plans: versions, the cascade, indicators with targets, funding, checker findings; and writing
a target through the same grid service the pages use (parsing, history, version lock)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from renstra.api.common import (
    READ_ERRORS,
    WRITE_ERRORS,
    Pagination,
    check_year,
    indicator_id_param,
    invalid,
    not_found,
    version_id_param,
    year_path_param,
)
from renstra.api.schemas import (
    CascadeOut,
    FindingsOut,
    FundingOut,
    IndicatorOut,
    TargetIn,
    TargetWriteOut,
    VersionDetailOut,
    VersionOut,
)
from renstra.checks.engine import all_rules
from renstra.checks.report import check_version
from renstra.plans import grid
from renstra.plans.levels import FUNDED_FIELDS, OWNER_FIELDS
from renstra.plans.models import Funding, Indicator, PlanVersion, Target
from renstra.plans.permissions import ACTIONS, version_for, visible_versions
from renstra.plans.queries import goals_of, programs_of
from renstra.plans.views_grid import read_only_reason

router = Router(tags=["Renstra"])


@router.get(
    "/plans", response={200: list[VersionOut], 401: READ_ERRORS[401], 422: READ_ERRORS[422]}
)
@paginate(Pagination)
def list_plans(request):
    """Versi Renstra yang boleh dibaca pemanggil (publik: versi yang ditetapkan dan terbuka)."""
    versions = PlanVersion.objects.select_related("plan__agency__region").order_by(
        "plan__agency__region__name", "plan__agency__short_name", "plan__period_start", "number"
    )
    return visible_versions(request.user, versions)


@router.get("/versions/{version_id}", response={200: VersionDetailOut, **READ_ERRORS})
def get_version(request, version_id: int = version_id_param()):
    """Satu versi Renstra, dengan apa yang boleh dilakukan pemanggil terhadapnya."""
    return version_for(request, version_id, "view")


@router.get("/versions/{version_id}/cascade", response={200: CascadeOut, **READ_ERRORS})
def get_cascade(request, version_id: int = version_id_param()):
    """Tujuan → sasaran → strategi → arah kebijakan, dan program → kegiatan (dengan kode),
    masing-masing dengan indikatornya dan targetnya, dalam urutan dokumen."""
    version = version_for(request, version_id, "view")
    return {
        "version_id": version.pk,
        "goals": list(goals_of(version)),
        "programs": list(programs_of(version)),
    }


@router.get(
    "/versions/{version_id}/indicators",
    response={200: list[IndicatorOut], **READ_ERRORS},
)
@paginate(Pagination)
def list_indicators(request, version_id: int = version_id_param()):
    """Semua indikator versi ini dengan pemiliknya dan target tahunannya (teks asli dan nilai)."""
    version = version_for(request, version_id, "view")
    return (
        Indicator.objects.filter(version=version)
        .select_related(*OWNER_FIELDS)
        .prefetch_related("targets")
        .order_by("pk")
    )


@router.get("/versions/{version_id}/funding", response={200: list[FundingOut], **READ_ERRORS})
@paginate(Pagination)
def list_funding(request, version_id: int = version_id_param()):
    """Pendanaan indikatif per program (total tertulis) dan per kegiatan, per tahun (Rp)."""
    version = version_for(request, version_id, "view")
    return (
        Funding.objects.filter(
            Q(program__version=version)
            | Q(activity__program__version=version)
            | Q(sub_activity__activity__program__version=version)
        )
        .select_related(*FUNDED_FIELDS)
        .order_by("pk")
    )


@router.get("/versions/{version_id}/findings", response={200: FindingsOut, **READ_ERRORS})
def list_findings(request, version_id: int = version_id_param()):
    """Temuan pemeriksa Renstra: setiap ketidakkonsistenan dengan tempat dan alasannya; yang sudah
    diakui verifikator membawa pengakuannya."""
    version = version_for(request, version_id, "view")
    checked = check_version(version)
    rules = all_rules()
    acknowledged = {finding.key: ack for finding, ack in checked.acknowledged}
    findings = []
    for finding in checked.findings:
        ack = acknowledged.get(finding.key)
        loc = finding.location
        findings.append(
            {
                "key": finding.key,
                "rule": finding.rule,
                "rule_title": str(rules[finding.rule].title) if finding.rule in rules else "",
                "severity": finding.severity.value,
                "severity_label": finding.severity.label,
                "message": str(finding.message),
                "location": {
                    "table": loc.table,
                    "kind": loc.kind,
                    "item_id": loc.item_id,
                    "code": loc.code,
                    "name": loc.name,
                    "year": loc.year,
                    "indicator": loc.indicator,
                },
                "values": finding.as_dict()["values"],
                "acknowledged": {
                    "by": ack.acknowledged_by.get_username(),
                    "at": ack.acknowledged_at,
                    "reason": ack.reason,
                }
                if ack
                else None,
            }
        )
    return {
        "version_id": version.pk,
        "count": len(findings),
        "open": len(checked.open),
        "findings": findings,
    }


@router.put(
    "/versions/{version_id}/indicators/{indicator_id}/targets/{year}",
    response={200: TargetWriteOut, **WRITE_ERRORS},
)
def put_target(
    request,
    payload: TargetIn,
    version_id: int = version_id_param(),
    indicator_id: int = indicator_id_param(),
    year: int = year_path_param(),
):
    """Tulis (atau, dengan teks kosong, hapus) target satu indikator program/kegiatan untuk satu
    tahun, seperti di grid target: teks dibaca seperti di grid, riwayat mencatat jalur API, dan
    versi yang terkunci tidak dapat diubah (409). Hanya perencana Perangkat Daerahnya (dan
    administrator), pada versi berstatus Draf atau Dikembalikan."""
    version = version_for(request, version_id, "view")
    if not request.user.has_perm(ACTIONS["edit"], version):
        raise PermissionDenied(read_only_reason(request.user, version))
    indicator = Indicator.objects.filter(pk=indicator_id, version=version).first()
    if indicator is None:
        raise not_found(_("Indikator tidak ditemukan pada versi ini."))
    check_year(version, year)
    program_id = indicator.program_id
    if program_id is None and indicator.activity_id is not None:
        program_id = indicator.activity.program_id
    if program_id is None:
        raise invalid(
            _(
                "Target indikator tujuan, sasaran atau sub kegiatan tidak diubah lewat grid "
                "target maupun API; hanya target indikator program dan kegiatan."
            )
        )
    key = grid.RowKey(grid.TARGET, "indicator", indicator.pk)
    years = version.plan.target_years
    program = grid.program_for_grid(version, program_id)
    shown = next(row for row in grid.program_rows(program, years) if row.key == key)
    # The API writes one year at a time with last-writer-wins semantics for that year; the
    # token still refuses a save if the row changed between this read and the write (409).
    saved = grid.save_row(
        version=version, key=key, values={year: payload.raw_text}, token=shown.token
    )
    if saved.outcome == grid.CONFLICT:
        return Status(409, {"detail": saved.message})
    if saved.outcome == grid.INVALID:
        cell = next(c for c in saved.cells if c.year == year)
        return Status(
            422, {"detail": _("Target tahun {} belum disimpan: {}").format(year, cell.error)}
        )
    return {
        "indicator_id": indicator.pk,
        "year": year,
        "outcome": saved.outcome,
        "message": saved.message,
        "target": Target.objects.filter(indicator=indicator, year=year).first(),
    }
