"""The embedded demo: the reviewed Renstra of BKPSDM Kota Bontang 2016-2021, in two versions.

Its data file (demo/bontang_bkpsdm_2016_2021.yaml) is a hand transcription of
shared/seed/review-renstra-bkpsdm-bontang-2016-2021.txt; `src` numbers are lines of that text.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from renstra.interchange.demo_organization import load_demo_assignments, load_demo_organization
from renstra.interchange.plan_data import create_version
from renstra.interchange.region_demo import RegionLoadResult, generate_region
from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.history import ChangePath, change_path
from renstra.plans.models import Agency, Mission, Plan, PlanVersion, Region, RegionalPlan
from renstra.review.services import change_status

DEMO_FILE = Path(__file__).parent / "demo" / "bontang_bkpsdm_2016_2021.yaml"
# The region's RPJMD: EXAMPLE data (visi and misi as the seed quotes them, the rest invented and
# marked so in the file and the version's source), loaded with the demo.
RPJMD_FILE = Path(__file__).parent / "demo" / "bontang_rpjmd_2016_2021.yaml"
# The document the demo transcribes; `src` numbers in the demo file are its line numbers.
SOURCE_TEXT = Path(__file__).parent / "demo" / "review-renstra-bkpsdm-bontang-2016-2021.txt"
# The version the generated region's plans are shaped like: the reviewed one, approved.
REGION_TEMPLATE_VERSION = 2


@dataclass
class DemoLoadResult:
    """What a load did: versions created now and versions that were already there."""

    plan: Plan
    created: list[PlanVersion] = field(default_factory=list)
    existing: list[PlanVersion] = field(default_factory=list)


def read_demo(path: Path = DEMO_FILE) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_demo(path: Path = DEMO_FILE) -> DemoLoadResult:
    """Load the demo plan (see _load); its changes are recorded as coming from the demo."""
    with change_path(ChangePath.DEMO):
        return _load(path)


@transaction.atomic
def _load(path: Path) -> DemoLoadResult:
    """Loading it again changes nothing: existing versions are kept as they are."""
    data = read_demo(path)
    source = data["source"]["key"]
    region, _ = Region.objects.get_or_create(
        name=data["region"]["name"], defaults={"kind": data["region"]["kind"]}
    )
    rp = data["regional_plan"]
    regional_plan, created_rp = RegionalPlan.objects.get_or_create(
        region=region,
        name=rp["name"],
        defaults={
            "period_start": rp["period_start"],
            "period_end": rp["period_end"],
            "vision": rp["vision"],
            "goals_text": rp.get("goals") or [],
        },
    )
    if created_rp:
        Mission.objects.bulk_create(
            Mission(regional_plan=regional_plan, number=m["number"], text=m["text"], order=i)
            for i, m in enumerate(rp["missions"], start=1)
        )
    result = _load_plan(data, region, regional_plan, source)
    if path == DEMO_FILE:
        # Example data: who holds each program and kegiatan (demo_organization), and the
        # region's RPJMD, after the demo's own versions.
        load_demo_assignments(result.plan)
        rpjmd = read_demo(RPJMD_FILE)
        _load_plan(rpjmd, region, regional_plan, rpjmd["source"]["key"])
    return result


def _load_plan(data: dict, region, regional_plan, source: str) -> DemoLoadResult:
    """One plan of the demo (the Renstra, or the RPJMD) with its versions: those it has
    already are kept as they are."""
    ag = data["agency"]
    agency, _ = Agency.objects.get_or_create(
        region=region,
        short_name=ag["short_name"],
        defaults={
            "name": ag["name"],
            "former_names": ag.get("former_names") or [],
            "code": str(ag.get("code") or ""),
        },
    )
    # Example units and officials: the document names none (demo_organization).
    load_demo_organization(agency)
    pl = data["plan"]
    kind = pl.get("kind", PlanKind.RENSTRA)
    plan, _ = Plan.objects.get_or_create(
        agency=agency,
        kind=kind,
        period_start=pl["period_start"],
        period_end=pl["period_end"],
        defaults={
            "title": pl["title"],
            "baseline_year": pl["baseline_year"],
            "code_scheme": pl["code_scheme"],
            "regional_plan": regional_plan,
        },
    )
    result = DemoLoadResult(plan=plan)
    by_number: dict[int, PlanVersion] = {v.number: v for v in plan.versions.all()}
    for version_data in data["versions"]:
        number = version_data["number"]
        if number in by_number:
            result.existing.append(by_number[number])
            continue
        revises = (
            by_number.get(version_data.get("revises")) if version_data.get("revises") else None
        )
        version = create_version(plan=plan, data=version_data, source=source, revises=revises)
        _approve(version, version_data.get("status", VersionStatus.APPROVED))
        by_number[number] = version
        result.created.append(version)
    return result


def _approve(version: PlanVersion, status: str) -> None:
    """The demo's versions were approved in their time (the review supersedes the first)."""
    note = (
        "Dimuat dari dokumen Review Renstra BKPSDM Kota Bontang 2016-2021."
        if version.plan.kind == PlanKind.RENSTRA
        else "Data contoh RPJMD, ditetapkan saat dimuat (bukan RPJMD sebenarnya)."
    )
    for step in (VersionStatus.SUBMITTED, VersionStatus.VERIFIED, VersionStatus.APPROVED):
        change_status(version=version, to_status=step, note=note)
        if step == status:
            break


def load_region(*, agencies: int, realization: bool = True) -> list[PlanVersion]:
    """The demo and `agencies` synthetic agencies beside it in its region, each with an
    approved plan shaped like the demo's version 2 (renstra.interchange.region_demo), with
    example realization unless `realization` is False. Returns the generated agencies'
    approved versions, made now or by an earlier load (loading again adds nothing)."""
    return load_demo_region(agencies=agencies, realization=realization).versions


def load_demo_region(*, agencies: int, realization: bool = True) -> RegionLoadResult:
    """load_region, saying what it did (`renstra demo --agencies N` prints it)."""
    with change_path(ChangePath.DEMO):
        plan = _load(DEMO_FILE).plan
        template = plan.versions.get(number=REGION_TEMPLATE_VERSION)
        return generate_region(template=template, agencies=agencies, realization=realization)
