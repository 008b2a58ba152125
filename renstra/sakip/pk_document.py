"""The Perjanjian Kinerja as a document: what its pages say, once, for the PDF (pk_pdf) and the
Word file (pk_docx) to print the same way.

The statement page follows the annex of PermenPAN-RB 53/2014: the title with the agency, the
opening sentence, both parties (Nama, Jabatan), what each promises, place and date, and the
signatures, pihak kedua on the left and pihak pertama on the right. The annex (Lampiran) holds
the table of sasaran, indicators and targets (a sasaran over its indicators) and the table of
programs or kegiatan with their anggaran and its sum, signed again.

The wording is the regulation's and stays Indonesian whatever the user's language: the PK is a
document of the Indonesian government, signed as printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats, translation
from django.utils.text import slugify

from renstra.core.numbers import format_rupiah
from renstra.core.targets import normalize_space
from renstra.plans.models import printed_nip
from renstra.sakip.agreements import total_budget
from renstra.sakip.choices import AgreementLevel, AgreementStatus
from renstra.sakip.models import AgreementBudget, AgreementTarget, PerformanceAgreement

OPENING = (
    "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta "
    "berorientasi pada hasil, kami yang bertanda tangan di bawah ini:"
)
FIRST_ROLE = "selanjutnya disebut pihak pertama."
SECOND_ROLE = "selaku atasan pihak pertama, selanjutnya disebut pihak kedua."
COMMITMENTS = (
    "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
    "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
    "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja "
    "tersebut menjadi tanggung jawab kami.",
    "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap "
    "capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka "
    "pemberian penghargaan dan sanksi.",
)
DRAFT_MARK = "DRAF"
EXAMPLE_MARK = "DATA CONTOH"
# The budget table's second column, by what the PK's level funds (agreements.py).
BUDGET_HEADERS = {
    AgreementLevel.HEAD: "Program",
    AgreementLevel.ADMINISTRATOR: "Kegiatan",
    AgreementLevel.SUPERVISOR: "Sub Kegiatan",
}


@dataclass(frozen=True)
class Signer:
    """One party as the PK prints it: "Pihak Pertama", the position, the name, the rank and
    the NIP grouped (empty for the head of region, who has none)."""

    role: str
    name: str
    position: str
    rank: str
    nip: str

    @property
    def nip_line(self) -> str:
        return "NIP. {}".format(self.nip) if self.nip else ""


@dataclass(frozen=True)
class IndicatorLine:
    name: str
    target: str


@dataclass(frozen=True)
class SasaranGroup:
    """A sasaran with its indicators: one merged cell over their rows in the annex."""

    number: int
    statement: str
    indicators: tuple[IndicatorLine, ...]


@dataclass(frozen=True)
class BudgetLine:
    number: int
    name: str
    amount: Decimal | None
    amount_text: str


@dataclass(frozen=True)
class PkDocument:
    """Everything the PK prints, in print order; renderers add only layout."""

    year: int
    title: str  # "PERJANJIAN KINERJA TAHUN 2019"
    revision: str  # "PERUBAHAN" for a PK Perubahan, else ""
    organization: tuple[str, ...]  # the unit (below the head) and the agency, upper case
    opening: str
    first: Signer
    second: Signer
    first_role: str
    second_role: str
    commitments: tuple[str, ...]
    place_date: str
    annex_title: str
    groups: tuple[SasaranGroup, ...]
    budget_header: str
    budgets: tuple[BudgetLine, ...]
    total: Decimal
    total_text: str
    marks: tuple[str, ...]  # "DRAF", "DATA CONTOH": printed across every page
    file_stem: str  # "pk-bkpsdm-2019-bidang-pengembangan-aparatur-1"

    @property
    def signers(self) -> tuple[Signer, Signer]:
        """Left to right: pihak kedua, then pihak pertama (who signs under the date)."""
        return self.second, self.first

    @property
    def heading(self) -> tuple[str, ...]:
        """The statement page's title lines."""
        return (self.title, *((self.revision,) if self.revision else ()), *self.organization)

    @property
    def annex_heading(self) -> tuple[str, ...]:
        return (self.annex_title, *((self.revision,) if self.revision else ()), *self.organization)


def _target_text(row: AgreementTarget) -> str:
    """The target as typed, with its unit when the text does not already say it ("5" and
    "orang" print "5 orang"; "100%" with "%" prints "100%")."""
    raw = normalize_space(row.target_raw)
    unit = normalize_space(row.measure_unit)
    if raw and unit and unit.casefold() not in raw.casefold():
        return "{} {}".format(raw, unit)
    return raw


def _groups(rows: list[AgreementTarget]) -> tuple[SasaranGroup, ...]:
    """Rows of one sasaran that follow each other share its cell; numbered by sasaran."""
    groups: list[tuple[str, list[IndicatorLine]]] = []
    for row in rows:
        statement = normalize_space(row.statement)
        line = IndicatorLine(normalize_space(row.name), _target_text(row))
        if groups and groups[-1][0] == statement:
            groups[-1][1].append(line)
        else:
            groups.append((statement, [line]))
    return tuple(
        SasaranGroup(number, statement, tuple(lines))
        for number, (statement, lines) in enumerate(groups, start=1)
    )


def _amount_text(row: AgreementBudget) -> str:
    if row.amount is not None:
        return format_rupiah(row.amount)
    return normalize_space(row.amount_raw)


def _revision(number: int) -> str:
    if number <= 1:
        return ""
    return "PERUBAHAN" if number == 2 else "PERUBAHAN KE-{}".format(number - 1)


def _file_stem(agreement: PerformanceAgreement) -> str:
    return "pk-{}-{}-{}-{}".format(
        slugify(agreement.agency.short_name) or "pd",
        agreement.year,
        slugify(agreement.unit.name) or "unit",
        agreement.number,
    )


def pk_document(agreement: PerformanceAgreement) -> PkDocument:
    """The document of `agreement`: two queries (its targets, its budget rows) besides its
    agency and unit, which the caller selects with it."""
    targets = list(AgreementTarget.objects.filter(agreement=agreement).order_by("order", "pk"))
    budgets = list(AgreementBudget.objects.filter(agreement=agreement).order_by("order", "pk"))
    agency, unit = agreement.agency, agreement.unit
    organization = (agency.name.upper(),)
    if agreement.level != AgreementLevel.HEAD:
        organization = (unit.name.upper(), *organization)
    marks = ()
    if agreement.status == AgreementStatus.DRAFT:
        marks += (DRAFT_MARK,)
    if agreement.is_example:
        marks += (EXAMPLE_MARK,)
    with translation.override("id"):
        day = formats.date_format(agreement.day, "j F Y")
    total = total_budget(agreement, budgets)
    return PkDocument(
        year=agreement.year,
        title="PERJANJIAN KINERJA TAHUN {}".format(agreement.year),
        revision=_revision(agreement.number),
        organization=organization,
        opening=OPENING,
        first=Signer(
            "Pihak Pertama",
            agreement.first_name,
            agreement.first_position,
            agreement.first_rank,
            printed_nip(agreement.first_nip) if agreement.first_nip else "",
        ),
        second=Signer(
            "Pihak Kedua",
            agreement.second_name,
            agreement.second_position,
            agreement.second_rank,
            printed_nip(agreement.second_nip) if agreement.second_nip else "",
        ),
        first_role=FIRST_ROLE,
        second_role=SECOND_ROLE,
        commitments=COMMITMENTS,
        place_date="{}, {}".format(agreement.place, day),
        annex_title="LAMPIRAN PERJANJIAN KINERJA TAHUN {}".format(agreement.year),
        groups=_groups(targets),
        budget_header=BUDGET_HEADERS.get(agreement.level, "Program/Kegiatan"),
        budgets=tuple(
            BudgetLine(number, normalize_space(row.name), row.amount, _amount_text(row))
            for number, row in enumerate(budgets, start=1)
        ),
        total=total,
        total_text=format_rupiah(total),
        marks=marks,
        file_stem=_file_stem(agreement),
    )
