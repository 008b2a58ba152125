"""The demo agency's SAKIP year 2019, all EXAMPLE data: the seed is a Renstra and says nothing
of a Renja, IKU, Perjanjian Kinerja or Rencana Aksi, so everything here is drawn by the system
from the approved Renstra (that is its point) and marked as example where it had to be invented:

- the Renja 2019 made from the approved version, unchanged (its targets and pagu are the
  Renstra's year) and final;
- the IKU: the indicators of the Renstra's sasaran, with a definition, formula and data source
  written as examples ("CONTOH: ...");
- the head of region (an example Wali Kota) and an example official heading the Subbidang
  Pendidikan dan Pelatihan (the organisation's demo has officials up to eselon III);
- the PK of the head (with the head of region), of the Bidang Pengembangan Aparatur (eselon
  III, with the head) and of the Subbidang Pendidikan dan Pelatihan (eselon IV, with the head of
  the bidang), dated 15 April 2019 (after the change of head on 1 April); the first two signed,
  the third left a draft to be tried; each with a quarterly Rencana Aksi whose quarters make
  the PK's target by the indicator's rule (sum: the target split in four; stock and average:
  the target each quarter).

Loading again changes nothing: an agency with a Renja of 2019 already is left as it is.
"""

import datetime
from decimal import ROUND_DOWN, Decimal

from django.db import transaction

from renstra.core.numbers import format_id_number
from renstra.core.targets import TargetKind, parse_target
from renstra.plans.choices import UnitKind, VersionStatus
from renstra.plans.models import Plan, Unit
from renstra.plans.officials import Official
from renstra.plans.organization import record_official_change
from renstra.plans.readmodel import read_version
from renstra.sakip.agreements import (
    create_action_plan,
    create_agreement,
    set_action_targets,
    sign_agreement,
)
from renstra.sakip.choices import IkuScope
from renstra.sakip.models import Iku, RegionHead, Renja
from renstra.sakip.services import create_renja, finalize_renja

YEAR = 2019
DAY = datetime.date(2019, 4, 15)
BIDANG = "Bidang Pengembangan Aparatur"
SUBBIDANG = "Subbidang Pendidikan dan Pelatihan"
SUBBIDANG_OFFICIAL = (
    "Pejabat Contoh E, S.Pd., M.Pd.",
    "198003152005011002",
    "Penata Tingkat I (III/d)",
    "Kepala Subbidang Pendidikan dan Pelatihan",
    datetime.date(2018, 1, 2),
)
REGION_HEAD = ("Wali Kota Contoh", "Wali Kota Bontang", datetime.date(2016, 2, 17))
QUARTER_ACTIONS = (
    "CONTOH: persiapan, penyusunan rencana kerja dan pengadaan",
    "CONTOH: pelaksanaan tahap pertama",
    "CONTOH: pelaksanaan tahap kedua dan pemantauan",
    "CONTOH: penyelesaian, evaluasi dan pelaporan",
)


@transaction.atomic
def load_demo_sakip(plan: Plan) -> dict[str, int]:
    """The example SAKIP year 2019 of the plan's agency; {what: how many} made (empty when the
    agency has a Renja of 2019 already, or no approved version, or no organisation)."""
    agency = plan.agency
    version = plan.versions.filter(status=VersionStatus.APPROVED).first()
    units = {unit.name: unit for unit in Unit.objects.filter(agency=agency)}
    head = next((u for u in units.values() if u.kind == UnitKind.HEAD), None)
    if (
        version is None
        or head is None
        or BIDANG not in units
        or SUBBIDANG not in units
        or YEAR not in plan.target_years
        or Renja.objects.filter(agency=agency, year=YEAR).exists()
    ):
        return {}
    renja = create_renja(version=version, year=YEAR, user=None)
    finalize_renja(renja=renja)
    made = {"renja": 1, "iku": _iku(version, head)}
    name, position, start = REGION_HEAD
    if not RegionHead.objects.filter(region=agency.region).exists():
        RegionHead.objects.create(
            region=agency.region, name=name, position=position, start_date=start, is_example=True
        )
    if not Official.objects.filter(unit=units[SUBBIDANG]).exists():
        name, nip, rank, position, start = SUBBIDANG_OFFICIAL
        record_official_change(
            unit=units[SUBBIDANG],
            name=name,
            nip=nip,
            rank=rank,
            position=position,
            start_date=start,
            is_example=True,
        )
    made["pk"] = 0
    for unit, signed in ((head, True), (units[BIDANG], True), (units[SUBBIDANG], False)):
        agreement = create_agreement(unit=unit, year=YEAR, day=DAY, is_example=True)
        plan_ = create_action_plan(agreement=agreement, is_example=True)
        set_action_targets(plan=plan_, values=_quarters(agreement))
        if signed:
            sign_agreement(agreement=agreement, user=None)
        made["pk"] += 1
    return made


def _iku(version, head: Unit) -> int:
    read = read_version(version)
    made = 0
    for objective in read.items("sasaran"):
        for indicator in objective.indicator_list:
            Iku.objects.create(
                agency=version.plan.agency,
                indicator=indicator,
                scope=IkuScope.AGENCY,
                objective=objective.name,
                name=indicator.name,
                measure_unit=indicator.unit,
                definition="CONTOH: {} pada akhir tahun, menurut data Perangkat Daerah.".format(
                    indicator.name
                ),
                formula="CONTOH: (capaian / sasaran) x 100%",
                data_source="CONTOH: laporan tahunan {}".format(version.plan.agency.short_name),
                unit=head,
                year_start=version.plan.target_years[0],
                year_end=version.plan.target_years[-1],
            )
            made += 1
    return made


def _quarters(agreement) -> dict[tuple[int, int], tuple[str, str]]:
    """Each PK row's four quarters making its target by its rule; rows without a number target
    get the target's text in the last quarter."""
    values = {}
    for target in agreement.targets.all():
        parsed = parse_target(target.target_raw) if target.target_raw.strip() else None
        texts = ["", "", "", target.target_raw]
        if parsed is not None and parsed.value is not None:
            value, unit = parsed.value, parsed.unit
            if target.rollup == "sum":
                share = (value / 4).quantize(Decimal(1), rounding=ROUND_DOWN)
                parts = [share, share, share, value - 3 * share]
            else:
                parts = [value] * 4
            suffix = "%" if parsed.kind == TargetKind.PERCENT else (" " + unit if unit else "")
            texts = [format_id_number(part) + suffix for part in parts]
        for period, (text, actions) in enumerate(zip(texts, QUARTER_ACTIONS, strict=True), 1):
            values[(target.pk, period)] = (text, actions)
    return values
