"""RPJMD rules: a Renstra's sasaran against the sasaran of its region's RPJMD in force
(renstra.plans.rpjmd), and an RPJMD's sasaran against the Renstra that support them.

Tabel 7.1 (T-C.28) is made from these links, so a sasaran that names no RPJMD sasaran is missing
from it, and a number the RPJMD does not have prints under a heading that says so."""

from renstra.checks.engine import Location, Severity, label, rule, run_memo
from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.models import Objective
from renstra.plans.rpjmd import rpjmd_in_force


def _is_rpjmd(snapshot) -> bool:
    return snapshot.plan.kind == PlanKind.RPJMD


def _rpjmd(snapshot):
    """The RPJMD in force for a Renstra version: one query per region and run of the checker
    (a city's plans share their RPJMD)."""
    if _is_rpjmd(snapshot) or snapshot.plan.regional_plan_id is None:
        return None
    memo = run_memo()
    key = ("rpjmd_in_force", snapshot.plan.regional_plan_id)
    if key not in memo:
        memo[key] = rpjmd_in_force(snapshot.plan.regional_plan_id)
    return memo[key]


def _where(objective) -> Location:
    return Location("7.1", "sasaran", objective.pk, objective.number, objective.name)


@rule("rpjmd_sasaran_unlinked", Severity.WARNING, "Sasaran tidak mendukung sasaran RPJMD")
def rpjmd_sasaran_unlinked(snapshot):
    rpjmd = _rpjmd(snapshot)
    if rpjmd is None or not rpjmd.sasaran:
        return  # no RPJMD in the system to link to: rpjmd_reference_missing says what it can
    for objective in snapshot.objectives:
        if objective.rpjmd_refs:
            continue
        yield (
            _where(objective),
            "Sasaran {} tidak menyebut sasaran RPJMD yang didukungnya, sehingga tidak tercantum "
            "di Tabel 7.1. Sebutkan sasaran {} yang didukungnya (mis. {}).".format(
                label(objective),
                rpjmd.version.plan.title,
                ", ".join(list(rpjmd.sasaran)[:3]),
            ),
            {"rpjmd_version": rpjmd.version.pk},
        )


@rule("rpjmd_sasaran_unknown", Severity.ERROR, "Sasaran RPJMD yang dirujuk tidak ada")
def rpjmd_sasaran_unknown(snapshot):
    if _is_rpjmd(snapshot):
        return
    rpjmd = _rpjmd(snapshot)
    for objective in snapshot.objectives:
        for ref in objective.rpjmd_refs or []:
            if rpjmd is not None and ref in rpjmd.sasaran:
                continue
            yield (
                _where(objective),
                "Sasaran {} merujuk sasaran RPJMD '{}', yang {}. Perbaiki nomornya.".format(
                    label(objective),
                    ref,
                    "tidak ada di {} (versi {}; sasarannya: {})".format(
                        rpjmd.version.plan.title,
                        rpjmd.version.number,
                        ", ".join(rpjmd.sasaran) or "belum ada",
                    )
                    if rpjmd is not None
                    else "tidak dapat diperiksa: RPJMD Pemda ini belum ada di sistem",
                ),
                {"ref": ref},
            )


@rule(
    "rpjmd_sasaran_unsupported",
    Severity.WARNING,
    "Sasaran RPJMD tanpa dukungan Perangkat Daerah",
)
def rpjmd_sasaran_unsupported(snapshot):
    """On an RPJMD: each sasaran that no Renstra in force of its region names (one query)."""
    if not _is_rpjmd(snapshot):
        return
    supported: set[str] = set()
    refs = Objective.objects.filter(
        goal__version__plan__regional_plan_id=snapshot.plan.regional_plan_id,
        goal__version__plan__kind=PlanKind.RENSTRA,
        goal__version__status=VersionStatus.APPROVED,
    ).values_list("rpjmd_refs", flat=True)
    for numbers in refs:
        supported.update(numbers or [])
    for objective in snapshot.objectives:
        if objective.number.strip() in supported:
            continue
        yield (
            _where(objective),
            "Sasaran RPJMD {} tidak didukung sasaran Renstra mana pun yang sudah ditetapkan: "
            "tidak ada Perangkat Daerah yang menyebutnya di Tabel 7.1.".format(label(objective)),
            {},
        )


@rule("rpjmd_reference_missing", Severity.SUGGESTION, "Tujuan/sasaran tidak mengacu pada RPJMD")
def rpjmd_reference_missing(snapshot):
    if snapshot.plan.regional_plan_id is None or snapshot.plan.kind == PlanKind.RPJMD:
        return  # the plan names no RPJMD to refer to, or is the RPJMD
    if any(objective.rpjmd_refs for objective in snapshot.objectives):
        return  # Tabel 7.1 is made from its links (rules_rpjmd checks them)
    if _rpjmd(snapshot) is not None:
        return  # rpjmd_sasaran_unlinked names each sasaran
    if snapshot.version.rpjmd_note or not snapshot.version.missions.all():
        yield (
            Location("7.1", "versi", snapshot.version.pk, "", str(snapshot.version)),
            "Tabel 7.1 tidak memuat indikator yang mengacu pada tujuan dan sasaran RPJMD{}. Kaitkan "
            "tujuan/sasaran Renstra dengan tujuan/sasaran RPJMD.".format(
                " ('{}')".format(snapshot.version.rpjmd_note) if snapshot.version.rpjmd_note else ""
            ),
            {"note": snapshot.version.rpjmd_note},
        )
