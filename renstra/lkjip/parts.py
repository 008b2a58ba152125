"""The pieces of an LKjIP's content (renstra.lkjip.content builds them): the chapters' and
tables' headings, the rows of Bab III and of the budget, and the content itself. Every text is
as printed: the page, the PDF (lkjip_pdf) and the Word file (lkjip_docx) only lay them out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from renstra.core.achievement import PREDICATE_LABELS, Predicate
from renstra.core.numbers import format_id_number, format_rupiah
from renstra.render.table import Signatory
from renstra.sakip.pk_document import PkDocument

DRAFT_MARK = "DRAF"
EXAMPLE_MARK = "DATA CONTOH"
EMPTY = "(Uraian belum diisi.)"
NO_SUPPORT = "Belum ada sasaran Perangkat Daerah yang menyebut sasaran RPJMD ini."
# The last section of Bab III when some programs serve no sasaran of the Renstra.
UNLINKED = "Program yang belum dikaitkan dengan sasaran"

CHAPTERS = {
    "summary": "IKHTISAR EKSEKUTIF",
    "introduction": "BAB I PENDAHULUAN",
    "planning": "BAB II PERENCANAAN KINERJA",
    "accountability": "BAB III AKUNTABILITAS KINERJA",
    "closing": "BAB IV PENUTUP",
    "annex": "LAMPIRAN",
}
SECTIONS = {
    "renstra": "2.1 Rencana Strategis",
    "agreement": "2.2 Perjanjian Kinerja Tahun {year}",
    "achievement": "3.1 Capaian Kinerja Organisasi",
    "budget": "3.2 Realisasi Anggaran",
    "efficiency": "3.3 Efisiensi Penggunaan Sumber Daya",
    "agencies": "3.4 Capaian Kinerja Perangkat Daerah",
}
# The Pemda's LKjIP names its plan and its PK otherwise.
REGION_SECTIONS = {
    "renstra": "2.1 Rencana Pembangunan Jangka Menengah Daerah",
    "agreement": "2.2 Perjanjian Kinerja Kepala Daerah Tahun {year}",
}
# Bab III's table, left to right (the page, the PDF and the Word file print these headers).
INDICATOR_HEADERS = (
    "No",
    "Indikator Kinerja",
    "Satuan",
    "Target {year}",
    "Realisasi {year}",
    "Capaian {year} (%)",
    "Predikat",
    "Realisasi tahun sebelumnya",
    "Target akhir {plan} ({end})",
    "Capaian thd. target akhir {plan} (%)",
)
BUDGET_HEADERS = (
    "No",
    "Kode",
    "Program",
    "Anggaran (Rp)",
    "Realisasi (Rp)",
    "Serapan (%)",
    "Capaian kinerja (%)",
)
STANDARD_HEADERS = (
    "No",
    "Indikator Kinerja",
    "Realisasi {year}",
    "Standar nasional",
    "Capaian thd. standar (%)",
    "Sumber standar",
)
SUPPORT_HEADERS = (
    "Perangkat Daerah pendukung",
    "Sasaran PD",
    "Indikator",
    "Terukur",
    "Rata-rata capaian (%)",
    "Predikat",
)
AGENCY_HEADERS = (
    "No",
    "Perangkat Daerah",
    "Renstra yang berlaku",
    "Indikator",
    "Rata-rata capaian {year} (%)",
    "Predikat",
)
IKU_HEADERS = ("No", "Sasaran Strategis", "Indikator Kinerja Utama", "Formula", "Sumber Data")


def percent_text(value: Decimal | None) -> str:
    """95.56 -> '95,56' (the column says %); nothing when it cannot be computed."""
    return "" if value is None else format_id_number(value, 2)


def predicate_text(predicate: Predicate | None) -> str:
    return str(PREDICATE_LABELS[predicate]) if predicate else ""


@dataclass(frozen=True)
class PriorYear:
    year: int
    realized: str
    achievement: Decimal | None


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator of a sasaran in Bab III, as the evaluation of the year gives it."""

    number: str
    indicator_id: int
    name: str
    unit: str
    target: str
    realized: str
    achievement: Decimal | None
    predicate: str
    prior: tuple[PriorYear, ...]
    end_target: str
    period_achievement: Decimal | None
    cause: str
    follow_up: str
    standard: str = ""  # the national standard entered for the indicator, as typed
    standard_source: str = ""
    standard_achievement: Decimal | None = None  # realization against the standard

    @property
    def standard_cells(self) -> tuple[str, ...]:
        """The row of the national-standard table, in STANDARD_HEADERS order."""
        return (
            self.number,
            self.name,
            self.realized,
            self.standard,
            percent_text(self.standard_achievement),
            self.standard_source,
        )

    @property
    def achievement_text(self) -> str:
        return percent_text(self.achievement)

    @property
    def period_text(self) -> str:
        return percent_text(self.period_achievement)

    @property
    def prior_text(self) -> str:
        """'2017: 85 (92,50 %)' per earlier year, one a line: its realization and its
        achievement against that year's target, as that year's evaluation gave them."""
        return "\n".join(
            "{}: {}{}".format(
                p.year,
                p.realized or "-",
                " ({} %)".format(percent_text(p.achievement)) if p.achievement is not None else "",
            )
            for p in self.prior
        )

    def cells(self) -> tuple[str, ...]:
        """The row as printed, in INDICATOR_HEADERS order."""
        return (
            self.number,
            self.name,
            self.unit,
            self.target,
            self.realized,
            self.achievement_text,
            self.predicate,
            self.prior_text,
            self.end_target,
            self.period_text,
        )


@dataclass(frozen=True)
class IndicatorGroup:
    """The sasaran's own indicators, or one program's, under a row naming them."""

    label: str
    lines: tuple[IndicatorLine, ...]


@dataclass(frozen=True)
class SupportLine:
    """For an RPJMD sasaran in the Pemda's LKjIP: the agencies whose sasaran support it, the
    number of those sasaran and of their indicators (and of those with an achievement this
    year), their average achievement and its predicate, as Bappeda's console rolls them up."""

    agencies: tuple[str, ...]
    objectives: int
    indicators: int
    computable: int
    achievement: Decimal | None
    predicate: str

    def cells(self) -> tuple[str, ...]:
        return (
            ", ".join(self.agencies) or "-",
            str(self.objectives),
            str(self.indicators),
            str(self.computable),
            percent_text(self.achievement),
            self.predicate,
        )


@dataclass(frozen=True)
class AgencyLine:
    """An agency's year in the Pemda's LKjIP: its Renstra in force and its achievement."""

    number: str
    agency: str
    plan: str
    indicators: int | None
    achievement: Decimal | None
    predicate: str

    def cells(self) -> tuple[str, ...]:
        return (
            self.number,
            self.agency,
            self.plan or "Belum ada Renstra yang berlaku",
            "" if self.indicators is None else str(self.indicators),
            percent_text(self.achievement),
            self.predicate,
        )


@dataclass(frozen=True)
class RegionSupport:
    """What the agencies of a region bring to the RPJMD's sasaran in a year (given to the
    Pemda's LKjIP by the console, renstra.lkjip.support): per RPJMD sasaran number its
    support, the rule of the roll-up, notes on numbers the RPJMD lacks, and each agency."""

    by_sasaran: dict[str, SupportLine]
    rule: str
    notes: tuple[str, ...]
    agencies: tuple[AgencyLine, ...]


@dataclass(frozen=True)
class ObjectiveSection:
    """A sasaran of Bab III with its indicators (its own, then its programs'), its achievement
    (the evaluation's: of its indicators, else of its programs) and the agency's analysis."""

    number: str
    objective_id: int
    goal: str
    statement: str
    groups: tuple[IndicatorGroup, ...]
    achievement: Decimal | None
    predicate: str
    analysis: str
    # The Pemda's LKjIP: what the agencies' sasaran that name this RPJMD sasaran achieved.
    support: SupportLine | None = None

    @property
    def indicators(self) -> tuple[IndicatorLine, ...]:
        return tuple(line for group in self.groups for line in group.lines)

    @property
    def heading(self) -> str:
        if not self.objective_id:
            return "{}. {}".format(self.number, self.statement)
        return "Sasaran {}: {}".format(self.number, self.statement)

    @property
    def achievement_text(self) -> str:
        return percent_text(self.achievement)

    @property
    def standards(self) -> tuple[IndicatorLine, ...]:
        """The indicators with a national standard entered."""
        return tuple(i for i in self.indicators if i.standard)

    @property
    def deviations(self) -> tuple[IndicatorLine, ...]:
        """The indicators with a cause or a follow-up entered with their realization."""
        return tuple(i for i in self.indicators if i.cause or i.follow_up)


@dataclass(frozen=True)
class BudgetLine:
    number: str
    code: str
    name: str
    planned: Decimal | None
    realized: Decimal | None
    absorption: Decimal | None
    achievement: Decimal | None

    def cells(self) -> tuple[str, ...]:
        return (
            self.number,
            self.code,
            self.name,
            format_rupiah(self.planned),
            format_rupiah(self.realized),
            percent_text(self.absorption),
            percent_text(self.achievement),
        )


@dataclass(frozen=True)
class GoalLine:
    """A tujuan of the Renstra with its sasaran and their indicators (Bab II)."""

    number: str
    statement: str
    objectives: tuple[tuple[str, str, tuple[str, ...]], ...]  # (number, sasaran, indicators)


@dataclass(frozen=True)
class IkuLine:
    number: str
    objective: str
    name: str
    formula: str
    data_source: str

    def cells(self) -> tuple[str, ...]:
        return (self.number, self.objective, self.name, self.formula, self.data_source)


@dataclass(frozen=True)
class LkjipContent:
    """Everything the LKjIP prints, in print order; renderers add only layout."""

    year: int
    title: tuple[str, ...]  # the cover's lines
    agency: str
    region: str
    plan_title: str
    marks: tuple[str, ...]
    summary: str
    summary_facts: tuple[str, ...]  # the figures the Ikhtisar states, from the evaluation
    introduction: str
    vision: str
    missions: tuple[str, ...]
    goals: tuple[GoalLine, ...]
    agreement: PkDocument | None
    agreement_note: str
    objectives: tuple[ObjectiveSection, ...]
    average: Decimal | None
    average_predicate: str
    budgets: tuple[BudgetLine, ...]
    budget_planned: Decimal | None
    budget_realized: Decimal | None
    budget_absorption: Decimal | None
    efficiency: str
    closing: str
    ikus: tuple[IkuLine, ...]
    evaluation_note: str
    signatures: tuple[Signatory, ...]
    file_stem: str
    is_region: bool = False  # the Pemda's LKjIP, on the RPJMD
    support_rule: str = ""  # the Pemda's: how the agencies' achievement is rolled up
    support_notes: tuple[str, ...] = ()
    agencies: tuple[AgencyLine, ...] = ()  # the Pemda's: each agency's year

    @property
    def indicator_headers(self) -> tuple[str, ...]:
        end = self.plan_title.rsplit("-", 1)[-1] if self.plan_title else ""
        return tuple(
            h.format(year=self.year, end=end, plan=self.plan_kind) for h in INDICATOR_HEADERS
        )

    @property
    def budget_headers(self) -> tuple[str, ...]:
        return BUDGET_HEADERS

    @property
    def iku_headers(self) -> tuple[str, ...]:
        return IKU_HEADERS

    @property
    def standard_headers(self) -> tuple[str, ...]:
        return tuple(h.format(year=self.year) for h in STANDARD_HEADERS)

    @property
    def support_headers(self) -> tuple[str, ...]:
        return SUPPORT_HEADERS

    @property
    def agency_headers(self) -> tuple[str, ...]:
        return tuple(h.format(year=self.year) for h in AGENCY_HEADERS)

    @property
    def cover_names(self) -> tuple[str, ...]:
        """Who reports, on the cover: the agency and its region, or the Pemda alone."""
        if self.is_region:
            return (self.agency.upper(),)
        return (self.agency.upper(), "PEMERINTAH " + self.region.upper())

    @property
    def achievement_intro(self) -> str:
        return (
            "Capaian tiap indikator adalah realisasi dibanding target tahun {} dengan predikat "
            "91–100 Sangat Tinggi, 76–90 Tinggi, 66–75 Sedang, 51–65 Rendah, ≤ 50 Sangat "
            "Rendah; kolom terakhir membandingkan realisasi s.d. tahun ini dengan target akhir "
            "periode {}. Kolom realisasi tahun sebelumnya mencantumkan capaiannya terhadap "
            "target tahun itu dalam kurung."
        ).format(self.year, self.plan_kind)

    @property
    def support_intro(self) -> str:
        return "Dukungan Perangkat Daerah terhadap sasaran ini:"

    @property
    def standard_intro(self) -> str:
        return "Perbandingan dengan standar nasional:"

    @property
    def iku_empty_note(self) -> str:
        if self.is_region:
            return (
                "IKU Pemerintah Daerah tidak disusun dalam sistem ini; IKU tiap Perangkat "
                "Daerah ada pada LKjIP-nya."
            )
        return "IKU Perangkat Daerah belum ditetapkan dalam sistem."

    @property
    def annex_titles(self) -> tuple[str, str, str]:
        if self.is_region:
            return (
                "Lampiran 1. Perjanjian Kinerja Kepala Daerah Tahun {}".format(self.year),
                "Lampiran 2. Indikator Kinerja Utama",
                "Lampiran 3. Evaluasi terhadap Hasil RPJMD",
            )
        return (
            "Lampiran 1. Perjanjian Kinerja Tahun {}".format(self.year),
            "Lampiran 2. Indikator Kinerja Utama",
            "Lampiran 3. Evaluasi terhadap Hasil Renja",
        )

    @property
    def plan_kind(self) -> str:
        """'RPJMD' for the Pemda's report, 'Renstra' for an agency's."""
        return "RPJMD" if self.is_region else "Renstra"

    def chapter(self, key: str) -> str:
        return CHAPTERS[key]

    def section(self, key: str) -> str:
        names = {**SECTIONS, **REGION_SECTIONS} if self.is_region else SECTIONS
        return names[key].format(year=self.year)

    @property
    def budget_total(self) -> tuple[str, ...]:
        return (
            "",
            "",
            "Jumlah",
            format_rupiah(self.budget_planned),
            format_rupiah(self.budget_realized),
            percent_text(self.budget_absorption),
            "",
        )
