"""The roll-up of the agencies' achievement to the sasaran of the RPJMD in force.

An agency's sasaran names the RPJMD sasaran it supports by number (Objective.rpjmd_refs, read
against the RPJMD in force: renstra.plans.rpjmd). For each RPJMD sasaran: the agencies whose
sasaran (in their Renstra in force) support it, the number of those sasaran's own indicators,
and the plain average of those indicators' achievement of the year, each capped as the
evaluation caps the average of a plan (renstra.core.achievement.aggregate). A sasaran that
supports two RPJMD sasaran counts for both. The rule is printed with the table (RULE).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renstra.core.achievement import (
    PREDICATE_LABELS,
    Achievement,
    Predicate,
    aggregate,
    predicate,
)
from renstra.plans.models import Agency
from renstra.plans.rpjmd import RpjmdInForce, RpjmdSasaran

RULE = gettext_noop(
    "Capaian sasaran RPJMD tahun {year} = rata-rata hitung capaian tahun itu dari semua "
    "indikator sasaran Perangkat Daerah yang menyebut sasaran RPJMD tersebut (hanya indikator "
    "sasaran, bukan indikator program atau kegiatan; dari Renstra yang berlaku), masing-masing "
    "dibatasi paling tinggi 100% seperti rata-rata capaian pada evaluasi Renstra; indikator yang "
    "capaiannya tidak dapat dihitung tidak ikut dirata-ratakan tetapi tetap dihitung jumlahnya. "
    "Sasaran Perangkat Daerah yang mendukung beberapa sasaran RPJMD dihitung pada setiap sasaran "
    "RPJMD itu."
)


@dataclass
class SasaranLinks:
    """An agency sasaran (its id), the RPJMD numbers it names, its indicators' achievement of
    the year. Plain values: the console keeps them (renstra.console.cache)."""

    objective_id: int
    refs: list[str]
    achievements: list[Decimal | None]


@dataclass
class SasaranRollup:
    """One RPJMD sasaran with what the agencies bring to it."""

    sasaran: RpjmdSasaran
    agencies: list[Agency] = field(default_factory=list)
    objectives: int = 0  # agency sasaran linked
    achievements: list[Decimal | None] = field(default_factory=list)

    @property
    def indicators(self) -> int:
        return len(self.achievements)

    @property
    def computable(self) -> int:
        """Of the indicators, those with an achievement this year (a target and a figure)."""
        return sum(1 for value in self.achievements if value is not None)

    @property
    def achievement(self) -> Achievement:
        return aggregate(self.achievements)

    @property
    def predicate(self) -> Predicate | None:
        return predicate(self.achievement.value)

    @property
    def predicate_label(self) -> str:
        return predicate_label(self.predicate)


@dataclass
class RpjmdRollup:
    rpjmd: RpjmdInForce
    year: int
    rows: list[SasaranRollup]
    # Numbers agencies name that the RPJMD in force does not have: {number: agencies}.
    unknown: dict[str, list[Agency]] = field(default_factory=dict)

    @property
    def rule(self) -> str:
        return _(RULE).format(year=self.year)

    @property
    def unknown_notes(self) -> list[str]:
        """Per number the RPJMD does not have: who names it."""
        return [
            _("Nomor {ref} disebut oleh {agencies}, tetapi tidak ada di RPJMD ini.").format(
                ref=ref, agencies=", ".join(agency.short_name for agency in agencies)
            )
            for ref, agencies in self.unknown.items()
        ]


def predicate_label(value: Predicate | None) -> str:
    """The predicate's name as printed ('Sangat Tinggi'), '' for none."""
    return str(PREDICATE_LABELS[value]) if value else ""


def rollup(
    rpjmd: RpjmdInForce, linked: list[tuple[Agency, SasaranLinks]], year: int
) -> RpjmdRollup:
    """The roll-up of `linked` (each agency sasaran with its agency, in the console's order)
    to the sasaran of `rpjmd`, in the RPJMD's order."""
    rows = {number: SasaranRollup(sasaran) for number, sasaran in rpjmd.sasaran.items()}
    unknown: dict[str, list[Agency]] = {}
    for agency, link in linked:
        for ref in dict.fromkeys(ref.strip() for ref in link.refs):
            row = rows.get(ref)
            if row is None:
                named = unknown.setdefault(ref, [])
                if agency not in named:
                    named.append(agency)
                continue
            if agency not in row.agencies:
                row.agencies.append(agency)
            row.objectives += 1
            row.achievements.extend(link.achievements)
    for row in rows.values():
        row.agencies.sort(key=lambda agency: agency.short_name.casefold())
    return RpjmdRollup(rpjmd, year, list(rows.values()), dict(sorted(unknown.items())))
