"""A synthetic region for benchmarks and the region's pages: `renstra demo --agencies N`.

N more Perangkat Daerah in the demo's region (Kota Bontang), each with a Renstra shaped like the
demo's reviewed version (version 2): the same items, in the same numbers, with the same texts,
but its own agency name, short name and organisation code, its own program and kegiatan codes,
and targets and funding of its own. Each plan is approved as the demo's is (submitted, verified,
approved through renstra.review.services) and gets the demo's example realization
(renstra.monitoring.sample, every row is_example). The version says in its `source` that it is
invented; nothing of it is a real document.

Deterministic: agency number k (1, 2, …) is built from a random generator seeded with k alone,
so the same N gives the same data, and the first 40 of 400 are the 40 of N=40.

Fast: the items of a batch of agencies are built in memory and written level by level, one
insert per table for the whole batch (renstra.plans.history.bulk_create_with_history writes
their history in the same way), while the versions are drafts; the database's frozen-version
triggers (renstra.plans.frozen) see only inserts into drafts, then the lifecycle approves them.
"""

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from renstra.core.numbers import format_id_number, parse_id_number
from renstra.core.targets import TargetKind, parse_target
from renstra.monitoring.sample import load_sample_realization
from renstra.plans.choices import PlanKind, VersionStatus
from renstra.plans.history import bulk_create_with_history
from renstra.plans.levels import BY_KEY, INDICATOR_OWNERS, LEVELS
from renstra.plans.models import (
    Agency,
    Funding,
    Indicator,
    Plan,
    PlanVersion,
    Program,
    Region,
    Target,
    Unit,
)
from renstra.plans.readmodel import VersionRead, read_version
from renstra.plans.rpjmd import rpjmd_in_force
from renstra.review.services import change_status

# (short name, name, organisation code U.BB.OO after the Permendagri 13/2006 urusan): the
# Perangkat Daerah of a kota after PP 18/2016. BKPSDM, the demo's own, is not among them.
AGENCIES: tuple[tuple[str, str, str], ...] = (
    ("Disdikbud", "Dinas Pendidikan dan Kebudayaan", "1.01.01"),
    ("Dinkes", "Dinas Kesehatan", "1.02.01"),
    ("RSUD", "Rumah Sakit Umum Daerah Taman Husada", "1.02.02"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "1.03.01"),
    ("Disperkimtan", "Dinas Perumahan, Kawasan Permukiman dan Pertanahan", "1.04.01"),
    (
        "Bappelitbang",
        "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
        "1.06.01",
    ),
    ("Dishub", "Dinas Perhubungan", "1.07.01"),
    ("DLH", "Dinas Lingkungan Hidup", "1.08.01"),
    ("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "1.10.01"),
    (
        "DP3AKB",
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana",
        "1.11.01",
    ),
    ("Dinsos-PM", "Dinas Sosial dan Pemberdayaan Masyarakat", "1.13.01"),
    ("Disnaker", "Dinas Tenaga Kerja", "1.14.01"),
    ("Diskop-UKM", "Dinas Koperasi, Usaha Kecil dan Menengah", "1.15.01"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "1.16.01"),
    ("Dispopar", "Dinas Pemuda, Olahraga dan Pariwisata", "1.18.01"),
    ("Kesbangpol", "Badan Kesatuan Bangsa dan Politik", "1.19.01"),
    ("Satpol PP", "Satuan Polisi Pamong Praja", "1.19.02"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "1.19.03"),
    ("Damkar", "Dinas Pemadam Kebakaran dan Penyelamatan", "1.19.04"),
    ("Setda", "Sekretariat Daerah", "1.20.03"),
    ("Setwan", "Sekretariat Dewan Perwakilan Rakyat Daerah", "1.20.04"),
    ("Inspektorat", "Inspektorat", "1.20.06"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "1.20.07"),
    ("Bapenda", "Badan Pendapatan Daerah", "1.20.08"),
    ("Kec. Bontang Utara", "Kecamatan Bontang Utara", "1.20.10"),
    ("Kec. Bontang Selatan", "Kecamatan Bontang Selatan", "1.20.11"),
    ("Kec. Bontang Barat", "Kecamatan Bontang Barat", "1.20.12"),
    ("DKP", "Dinas Ketahanan Pangan", "1.21.01"),
    ("Dispusip", "Dinas Perpustakaan dan Kearsipan", "1.24.01"),
    ("Diskominfo", "Dinas Komunikasi dan Informatika", "1.25.01"),
    ("Distan", "Dinas Pertanian", "2.01.01"),
    ("Diskan", "Dinas Perikanan dan Kelautan", "2.05.01"),
    ("Disperindag", "Dinas Perindustrian dan Perdagangan", "2.06.01"),
)

# What marks a generated plan: its version's `source` (and the pages show it).
SYNTHETIC_SOURCE = (
    "Data contoh sintetis: bentuk Renstra BKPSDM Kota Bontang 2016-2021 versi 2 (setelah "
    "review), dengan nama, kode, target dan pendanaan buatan. Bukan Renstra sebenarnya."
)
LABEL = "Renstra 2016-2021 (data contoh)"
APPROVAL_NOTE = "Data contoh sintetis (renstra demo --agencies), ditetapkan saat dimuat."
# Agencies written per transaction: the batch's items go in one insert per table.
BATCH = 25
# Permendagri 13/2006's programs that every agency has, under the same code (01 Pelayanan
# administrasi perkantoran … 06 Pelaporan capaian kinerja): their codes stay; every other
# program gets a code of the agency's own, and every kegiatan a number of its own.
SHARED_PROGRAMS = frozenset({"01", "02", "03", "04", "05", "06"})
# The programs of an urusan are numbered from 15 on.
FIRST_OWN_PROGRAM = 15
_PROGRAM_CODE = re.compile(r"^\d{2}$")
_ACTIVITY_CODE = re.compile(r"^(\d{2})\.(\d{2})$")
# A number as printed in a target: "1.250", "2000", "72,5".
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class AgencySpec:
    """Agency number `index` (1, 2, …) of the generated region: who it is."""

    index: int
    short_name: str
    name: str
    code: str


def agency_specs(count: int, region_name: str) -> list[AgencySpec]:
    """The first `count` generated agencies: the list above, then the list again numbered
    ("Dinkes 2", "Dinas Kesehatan 2 Kota Bontang", organisation 1.02.21) as often as needed."""
    specs = []
    for index in range(1, count + 1):
        round_, position = divmod(index - 1, len(AGENCIES))
        short, name, code = AGENCIES[position]
        if round_:
            short = "{} {}".format(short, round_ + 1)
            name = "{} {}".format(name, round_ + 1)
            urusan, organisation = code.rsplit(".", 1)
            code = "{}.{:02d}".format(urusan, int(organisation) + 20 * round_)
        place = region_name.split()[-1] if region_name else ""
        if place and place not in name:
            name = "{} {}".format(name, region_name)
        specs.append(AgencySpec(index, short, name, code))
    return specs


@dataclass
class RegionLoadResult:
    """What a load did, agency by agency: plans generated now, agencies that were already
    there (with their approved version, when they have one), and example rows written."""

    created: list[PlanVersion] = field(default_factory=list)
    existing: list[PlanVersion] = field(default_factory=list)
    existing_without_plan: list[Agency] = field(default_factory=list)
    realization_rows: int = 0
    # The approved version of agencies 1 … N, created now or before, in their order.
    versions: list[PlanVersion] = field(default_factory=list)


def generate_region(
    *, template: PlanVersion, agencies: int, realization: bool = True
) -> RegionLoadResult:
    """Agencies 1 … `agencies` of the generated region, each with an approved plan shaped like
    `template` (in its plan's region and RPJMD). Agencies whose short name the region already
    has are left as they are; with `realization`, generated plans without example realization
    get it."""
    source = read_version(template)
    region = source.plan.agency.region
    specs = agency_specs(agencies, region.name)
    result = RegionLoadResult()
    present = {
        a.short_name: a
        for a in Agency.objects.filter(region=region, short_name__in=[s.short_name for s in specs])
    }
    if present:
        agencies_present = [present[s.short_name] for s in specs if s.short_name in present]
        _existing(source, agencies_present, realization, result)
    # An agency the region has without a Renstra (the planning board, filed as the RPJMD's
    # author by the demo) gets its generated plan too.
    without_plan = {a.short_name: a for a in result.existing_without_plan}
    # Each generated sasaran supports a sasaran of the region's RPJMD (in turn, so that every
    # RPJMD sasaran has agencies behind it): the console and Tabel 7.1 have links to show.
    rpjmd = rpjmd_in_force(source.plan.regional_plan_id)
    rpjmd_numbers = list(rpjmd.sasaran) if rpjmd else []
    result.existing_without_plan = []
    missing = [s for s in specs if s.short_name not in present or s.short_name in without_plan]
    for start in range(0, len(missing), BATCH):
        with transaction.atomic():
            versions = _generate(
                source, region, missing[start : start + BATCH], without_plan, rpjmd_numbers
            )
            for version in versions:
                _approve(version)
                if realization:
                    result.realization_rows += load_sample_realization(version)
            result.created += versions
    by_name = {v.plan.agency.short_name: v for v in result.created + result.existing}
    result.versions = [by_name[s.short_name] for s in specs if s.short_name in by_name]
    return result


def _existing(source: VersionRead, agencies: list, realization: bool, result) -> None:
    plan = source.plan
    approved = {
        v.plan.agency_id: v
        for v in PlanVersion.objects.filter(
            plan__agency__in=agencies,
            plan__period_start=plan.period_start,
            plan__period_end=plan.period_end,
            plan__kind=PlanKind.RENSTRA,
            status=VersionStatus.APPROVED,
        ).select_related("plan__agency__region")
    }
    for agency in agencies:
        version = approved.get(agency.pk)
        if version is None:
            result.existing_without_plan.append(agency)
            continue
        result.existing.append(version)
        if realization and version.source == SYNTHETIC_SOURCE:
            result.realization_rows += load_sample_realization(version)


def _approve(version: PlanVersion) -> None:
    """As the demo's versions: submitted, verified and approved through the lifecycle."""
    for step in (VersionStatus.SUBMITTED, VersionStatus.VERIFIED, VersionStatus.APPROVED):
        change_status(version=version, to_status=step, note=APPROVAL_NOTE)
    version.status = VersionStatus.APPROVED


# --- building the copies -----------------------------------------------------------------


def _clone(obj, **changes):
    """A new unsaved object with `obj`'s field values, `changes` applied (parents given as
    objects, so that the guard reads their version without a query)."""
    clone = type(obj)()
    for model_field in obj._meta.concrete_fields:
        if not model_field.primary_key:
            setattr(clone, model_field.attname, getattr(obj, model_field.attname))
    if hasattr(clone, "copied_from_id"):
        clone.copied_from_id = None
    for name, value in changes.items():
        setattr(clone, name, value)
    return clone


def _factor(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(str(round(rng.uniform(low, high), 2)))


def _scaled_number(token: str, factor: Decimal, percent: bool) -> str:
    value = parse_id_number(token)
    places = len(token.partition(",")[2])
    step = Decimal(1).scaleb(-places)
    new = value * factor
    if percent and value <= _HUNDRED:
        new = min(new, _HUNDRED)
    new = new.quantize(step, rounding=ROUND_HALF_UP)
    if value > 0 and new <= 0:
        new = step
    text = format_id_number(new, places)
    return text if "." in token else text.replace(".", "")


def scale_target(raw: str, factor: Decimal) -> str:
    """`raw` with its numbers multiplied by `factor`, written as it was written ("81%" stays
    without a space, "1.250 orang" keeps its thousands point, "2000 orang" its absence), a
    percentage of at most 100 staying at most 100. Grades, text and anything whose meaning the
    new numbers would change are returned as they are."""
    if not raw or not raw.strip():
        return raw
    parsed = parse_target(raw)
    if parsed.kind not in (TargetKind.NUMBER, TargetKind.PERCENT, TargetKind.COMPOSITE):
        return raw
    percent = parsed.kind == TargetKind.PERCENT
    text = _NUMBER.sub(lambda m: _scaled_number(m.group(), factor, percent), raw)
    again = parse_target(text)
    units = [q.unit for q in parsed.quantities]
    if again.kind != parsed.kind or [q.unit for q in again.quantities] != units:
        return raw
    return text


def _value(raw: str) -> Decimal | None:
    return parse_target(raw).value if raw and raw.strip() else None


def _target_fields(raw: str) -> dict:
    parsed = parse_target(raw)
    return {
        "raw_text": raw,
        "kind": parsed.kind.value,
        "value": parsed.value,
        "unit": parsed.unit,
        "grade": parsed.grade or "",
        "components": [{"value": str(q.value), "unit": q.unit} for q in parsed.quantities]
        if parsed.kind == TargetKind.COMPOSITE
        else [],
    }


def _code_mapper(source: VersionRead, rng: random.Random) -> Callable[[str], str]:
    """This agency's codes for the template's: programs outside SHARED_PROGRAMS get distinct
    two-digit codes of their own, every program's kegiatan numbers a permutation of 01-99.
    One mapping for codes wherever they stand (code, code as printed, codes of other tables),
    so that the template's agreements and disagreements between them stay as they are."""
    own = sorted({p.code for p in source.programs if _PROGRAM_CODE.match(p.code or "")})
    pool = ["{:02d}".format(n) for n in range(7, 100) if "{:02d}".format(n) not in SHARED_PROGRAMS]
    renamed = [c for c in own if c not in SHARED_PROGRAMS]
    programs = {c: c for c in own if c in SHARED_PROGRAMS}
    programs.update(zip(renamed, rng.sample(pool, len(renamed)), strict=True))
    numbers: dict[str, list[int]] = {}

    def program(code: str) -> str:
        if code not in programs:  # a program code only printed elsewhere
            taken = set(programs.values())
            programs[code] = (
                code if code in SHARED_PROGRAMS else rng.choice([c for c in pool if c not in taken])
            )
        return programs[code]

    def mapped(code: str) -> str:
        code = code or ""
        if _PROGRAM_CODE.match(code):
            return program(code)
        match = _ACTIVITY_CODE.match(code)
        if not match:
            return code
        new_program = program(match[1])
        if new_program not in numbers:
            numbers[new_program] = rng.sample(range(1, 100), 99)
        number = int(match[2])
        if number == 0:
            return "{}.00".format(new_program)
        return "{}.{:02d}".format(new_program, numbers[new_program][number - 1])

    return mapped


class _AgencyCopy:
    """One generated agency: its rows, built from the template in document order with the
    agency's own random generator."""

    def __init__(self, spec: AgencySpec, source: VersionRead):
        self.spec = spec
        self.source = source
        self.rng = random.Random("renstra-region-{}".format(spec.index))
        self.code = _code_mapper(source, self.rng)
        self.copies: dict[str, dict] = {}  # level key -> {template pk: copy}
        self.indicators: dict[int, Indicator] = {}  # template pk -> copy
        self.factors: dict[int, Decimal] = {}  # template indicator pk -> its figures' factor
        self.units: dict[str, Unit] = {}
        # Agencies differ in size: one scale for all of the agency's money.
        self.money = _factor(self.rng, 0.5, 3.0)

    def coded(self, item, **changes):
        other = [
            {**w, "text": self.code(w.get("text", ""))} if w.get("field") == "code" else w
            for w in item.other_wordings or []
        ]
        if getattr(item, "unit_id", None):
            changes["unit"] = self.units[item.unit.name]
        return _clone(
            item,
            code=self.code(item.code),
            code_raw=self.code(item.code_raw) if item.code_raw else "",
            other_wordings=other,
            **changes,
        )


def _unit_names(source: VersionRead) -> list[str]:
    names = []
    for level in LEVELS:
        if level.coded:
            for item in source.items(level.key):
                if item.unit_id and item.unit.name not in names:
                    names.append(item.unit.name)
    return names


def _generate(
    source: VersionRead,
    region: Region,
    specs: list[AgencySpec],
    present: dict[str, Agency],
    rpjmd_numbers: list[str],
) -> list[PlanVersion]:
    """Write the agencies of one batch with their plans, as drafts; returns their versions.
    Agencies in `present` (by short name) are there already, without a Renstra: only their
    plan is written. Sasaran name RPJMD sasaran of `rpjmd_numbers` in turn."""
    template, plan = source.version, source.plan
    copies = [_AgencyCopy(spec, source) for spec in specs]
    new = Agency.objects.bulk_create(
        Agency(region=region, short_name=s.short_name, name=s.name, code=s.code)
        for s in specs
        if s.short_name not in present
    )
    made = iter(new)
    agencies = [present.get(s.short_name) or next(made) for s in specs]
    names = _unit_names(source)
    have = {
        (u.agency_id, u.name)
        for u in Unit.objects.filter(agency__in=[a for a in agencies if a.short_name in present])
    }
    Unit.objects.bulk_create(
        Unit(agency=agency, name=name, order=order)
        for agency in agencies
        for order, name in enumerate(names, start=1)
        if (agency.pk, name) not in have
    )
    units = list(Unit.objects.filter(agency__in=agencies))
    for copy, agency in zip(copies, agencies, strict=True):
        copy.units = {u.name: u for u in units if u.agency_id == agency.pk}
    plans = Plan.objects.bulk_create(
        Plan(
            agency=agency,
            regional_plan_id=plan.regional_plan_id,
            title="Renstra {} {} {}-{}".format(
                agency.short_name, region.name, plan.period_start, plan.period_end
            ),
            period_start=plan.period_start,
            period_end=plan.period_end,
            baseline_year=plan.baseline_year,
            code_scheme=plan.code_scheme,
        )
        for agency in agencies
    )
    versions = bulk_create_with_history(
        PlanVersion,
        [
            PlanVersion(
                plan=p,
                number=1,
                label=LABEL,
                # Linked to the RPJMD, Tabel 7.1 lists them: the demo's statement that its
                # sasaran are not in the RPJMD is not theirs.
                rpjmd_note="" if rpjmd_numbers else template.rpjmd_note,
                source=SYNTHETIC_SOURCE,
                unplaced_rows=template.unplaced_rows,
                is_public=template.is_public,
                status=VersionStatus.DRAFT,
            )
            for p in plans
        ],
    )
    missions = list(template.missions.values_list("pk", flat=True))
    PlanVersion.missions.through.objects.bulk_create(
        PlanVersion.missions.through(planversion_id=v.pk, mission_id=m)
        for v in versions
        for m in missions
    )
    for copy, version in zip(copies, versions, strict=True):
        copy.version = version

    def level(key: str) -> None:
        lvl = BY_KEY[key]
        rows = []
        for copy in copies:
            parents = copy.copies.get(lvl.parent)
            made = {}
            for position, item in enumerate(source.items(key)):
                if parents is None:
                    changes = {lvl.parent_field: copy.version}
                else:
                    changes = {lvl.parent_field: parents[getattr(item, lvl.parent_field + "_id")]}
                if key == "sasaran" and rpjmd_numbers:
                    turn = (copy.spec.index + position) % len(rpjmd_numbers)
                    changes["rpjmd_refs"] = [rpjmd_numbers[turn]]
                if key == "kegiatan":
                    linked = item.program_indicator_id
                    changes["program_indicator"] = copy.indicators[linked] if linked else None
                made[item.pk] = (
                    copy.coded(item, **changes) if lvl.coded else _clone(item, **changes)
                )
            copy.copies[key] = made
            rows += made.values()
        bulk_create_with_history(lvl.model, rows)

    def indicators(owner_keys: tuple[str, ...]) -> None:
        rows = []
        for copy in copies:
            for owned in source.indicators():
                if owned.kind not in owner_keys:
                    continue
                indicator = owned.indicator
                changes = {"version": copy.version}
                for owner in INDICATOR_OWNERS:
                    owner_id = getattr(indicator, owner.name + "_id")
                    changes[owner.name] = copy.copies[owner.key][owner_id] if owner_id else None
                factor = copy.factors[indicator.pk] = _indicator_factor(copy.rng, indicator)
                baseline = scale_target(indicator.baseline_raw, factor)
                end_target = scale_target(indicator.end_target_raw, factor)
                changes.update(
                    baseline_raw=baseline,
                    baseline_value=_value(baseline),
                    end_target_raw=end_target,
                    end_target_value=_value(end_target),
                )
                copy.indicators[indicator.pk] = _clone(indicator, **changes)
                rows.append(copy.indicators[indicator.pk])
        bulk_create_with_history(Indicator, rows)

    for key in ("tujuan", "sasaran", "strategi", "arah_kebijakan", "program"):
        level(key)
    indicators(("tujuan", "sasaran", "program"))
    level("kegiatan")
    level("sub_kegiatan")
    indicators(("kegiatan", "sub_kegiatan"))
    links = Program.objectives.through
    links.objects.bulk_create(
        links(
            program_id=copy.copies["program"][program.pk].pk,
            objective_id=copy.copies["sasaran"][objective.pk].pk,
        )
        for copy in copies
        for program in source.programs
        for objective in program.objective_list
    )
    bulk_create_with_history(
        Target,
        [
            _clone(
                target,
                indicator=copy.indicators[indicator.pk],
                **_target_fields(scale_target(target.raw_text, copy.factors[indicator.pk])),
            )
            for copy in copies
            for indicator in source.indicator_by_id.values()
            for target in indicator.target_list
        ],
    )
    bulk_create_with_history(Funding, [row for copy in copies for row in _funding(copy)])
    return versions


def _indicator_factor(rng: random.Random, indicator: Indicator) -> Decimal:
    """One factor for all of an indicator's figures (baseline, targets, end), so that their
    order and equalities stay the template's; percentages move less than counts."""
    if indicator.unit == "%":
        return _factor(rng, 0.85, 1.1)
    return _factor(rng, 0.6, 1.6)


def _amount(value: Decimal, factor: Decimal) -> Decimal:
    thousands = (value * factor / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return thousands * 1000


def _funding_row(template: Funding, amount: Decimal | None, **owner) -> Funding:
    raw = template.raw_text
    if amount is not None:
        raw = format_id_number(amount, 2 if "," in raw else None)
    return _clone(template, raw_text=raw, amount=amount, **owner)


def _funding(copy: _AgencyCopy) -> list[Funding]:
    """The agency's funding: each program scaled by a factor of its own (times the agency's),
    each kegiatan by one more of its own; a program's yearly total that was the sum of its
    kegiatan stays their sum, one that was not is scaled on its own."""
    rows = []
    programs, activities = copy.copies["program"], copy.copies["kegiatan"]
    sub_activities = copy.copies["sub_kegiatan"]
    for program in copy.source.programs:
        program_factor = copy.money * _factor(copy.rng, 0.8, 1.25)
        sums: dict[int, Decimal] = {}
        new_sums: dict[int, Decimal] = {}
        for activity in program.activity_list:
            factor = program_factor * _factor(copy.rng, 0.85, 1.15)
            for funding in activity.funding_list:
                amount = _amount(funding.amount, factor) if funding.amount is not None else None
                if funding.amount is not None:
                    sums[funding.year] = sums.get(funding.year, Decimal(0)) + funding.amount
                    new_sums[funding.year] = new_sums.get(funding.year, Decimal(0)) + amount
                rows.append(_funding_row(funding, amount, activity=activities[activity.pk]))
            for sub in activity.sub_activity_list:
                for funding in sub.funding_list:
                    amount = _amount(funding.amount, factor) if funding.amount is not None else None
                    rows.append(_funding_row(funding, amount, sub_activity=sub_activities[sub.pk]))
        for funding in program.funding_list:
            amount = funding.amount
            if amount is not None:
                if sums.get(funding.year) == amount:
                    amount = new_sums[funding.year]
                else:
                    amount = _amount(amount, program_factor)
            rows.append(_funding_row(funding, amount, program=programs[program.pk]))
    return rows
