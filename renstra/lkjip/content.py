"""What an LKjIP says, once: the content the page, the PDF (lkjip_pdf) and the Word file
(lkjip_docx) all print. The chapters follow PermenPAN-RB 53/2014: Ikhtisar Eksekutif, Bab I
Pendahuluan, Bab II Perencanaan Kinerja (the Renstra in force and the head of agency's
Perjanjian Kinerja of the year), Bab III Akuntabilitas Kinerja (per sasaran, each indicator
against the target of the year, the earlier years and the Renstra's end target; the budget
realized per program; the efficiency of resources), Bab IV Penutup, and the annexes.

Every figure of Bab III is the evaluation's (renstra.monitoring.evaluation.evaluate) as it
gives it: the target, realization, achievement and predicate of the year, the period's end
target and progress, the realization of each earlier year (the evaluation of that year), the
deviation cause and follow-up entered with the realization, the budget and its absorption.
Nothing is computed again here; this module only chooses and formats.

The wording of the document is Indonesian whatever the user's language: it is a document of
the Indonesian government.
"""

from __future__ import annotations

from django.utils import formats, timezone, translation
from django.utils.text import slugify

from renstra.core.achievement import PREDICATE_LABELS, Polarity, absorption, achievement
from renstra.core.funding import sum_known
from renstra.core.numbers import format_rupiah
from renstra.core.targets import parse_target
from renstra.lkjip.choices import LkjipStatus
from renstra.lkjip.models import Lkjip
from renstra.lkjip.parts import (
    DRAFT_MARK,
    EXAMPLE_MARK,
    UNLINKED,
    BudgetLine,
    GoalLine,
    IkuLine,
    IndicatorGroup,
    IndicatorLine,
    LkjipContent,
    ObjectiveSection,
    PriorYear,
    RegionSupport,
    percent_text,
    predicate_text,
)
from renstra.lkjip.support import region_support
from renstra.monitoring.evaluation import Evaluation, IndicatorResult, evaluate
from renstra.monitoring.export import show
from renstra.monitoring.year_rows import read_year_rows
from renstra.plans.models import AgencySignature
from renstra.plans.readmodel import read_version
from renstra.plans.signature import signatories
from renstra.render.table import Signatory
from renstra.sakip.choices import AgreementLevel, AgreementStatus
from renstra.sakip.models import Iku, PerformanceAgreement, RegionHead
from renstra.sakip.pk_document import pk_document


def _head_agreement(lkjip: Lkjip) -> PerformanceAgreement | None:
    """The head of agency's PK of the year: the latest signed one, else the latest draft. The
    Pemda's LKjIP has none: the head of region's PK is not kept in the system (its targets of
    the year are the RPJMD's, which Bab III prints)."""
    if lkjip.is_region:
        return None
    found = PerformanceAgreement.objects.filter(
        agency=lkjip.agency, year=lkjip.year, level=AgreementLevel.HEAD
    ).select_related("agency", "unit")
    agreements = list(found.order_by("-number"))
    signed = [a for a in agreements if a.status == AgreementStatus.SIGNED]
    return (signed or agreements or [None])[0]


def _agreement_note(agreement: PerformanceAgreement | None, lkjip: Lkjip) -> str:
    year = lkjip.year
    if lkjip.is_region:
        return (
            "Perjanjian Kinerja Kepala Daerah tahun {} tidak disusun dalam sistem ini; target "
            "kinerja tahun {} pada Bab III adalah target tahunan RPJMD yang ditetapkan."
        ).format(year, year)
    if agreement is None:
        return (
            "Perjanjian Kinerja Kepala Perangkat Daerah tahun {} belum tercatat dalam sistem."
        ).format(year)
    with translation.override("id"):
        day = formats.date_format(agreement.day, "j F Y")
    state = "ditandatangani" if agreement.is_signed else "masih berupa draf, belum ditandatangani"
    kind = "" if agreement.number == 1 else " (Perubahan ke-{})".format(agreement.number - 1)
    return (
        "Perjanjian Kinerja{} antara {} selaku pihak pertama dan {} selaku pihak kedua, "
        "tanggal {}, {}. Sasaran, indikator dan target yang diperjanjikan:"
    ).format(kind, agreement.first_position, agreement.second_position, day, state)


def _prior_years(result: IndicatorResult, earlier: list[Evaluation]) -> tuple[PriorYear, ...]:
    lines = []
    for evaluation in earlier:
        found = evaluation.by_indicator().get(result.indicator.pk)
        if found is not None:
            lines.append(PriorYear(evaluation.year, show(found.realized), found.achievement.value))
    return tuple(lines)


def _standard(lkjip: Lkjip, result: IndicatorResult) -> tuple[str, str, object]:
    """The national standard entered for the indicator (as typed), its source, and the
    realization's achievement against it by the evaluation's own formula
    (core.achievement.achievement with the indicator's polarity)."""
    found = lkjip.standard_of(result.indicator.pk)
    value = found.get("value", "")
    if not value:
        return "", "", None
    compared = achievement(
        parse_target(value), result.realized, Polarity(result.indicator.polarity)
    )
    return value, found.get("source", ""), compared.value


def _indicator_line(
    number: str, result: IndicatorResult, earlier, lkjip: Lkjip | None = None
) -> IndicatorLine:
    entry = result.latest_entry
    standard, source, compared = _standard(lkjip, result) if lkjip else ("", "", None)
    return IndicatorLine(
        number=number,
        indicator_id=result.indicator.pk,
        name=result.indicator.name,
        unit=result.indicator.unit,
        target=result.target_raw,
        realized=show(result.realized),
        achievement=result.achievement.value,
        predicate=predicate_text(result.predicate),
        prior=_prior_years(result, earlier),
        end_target=show(result.end_target),
        period_achievement=result.period.value,
        cause=entry.deviation_cause if entry else "",
        follow_up=entry.follow_up if entry else "",
        standard=standard,
        standard_source=source,
        standard_achievement=compared,
    )


def _objectives(
    lkjip: Lkjip, evaluation: Evaluation, earlier, support: RegionSupport | None = None
) -> tuple[ObjectiveSection, ...]:
    """Per sasaran: its own indicators, then the outcome indicators of the programs that
    serve it (the program-sasaran links of the Renstra), each program under its name. In the
    Pemda's LKjIP each RPJMD sasaran also carries the agencies' support (by its number)."""
    by_owner: dict[tuple[str, int], list[IndicatorResult]] = {}
    for result in evaluation.indicators:
        if result.owner_kind in ("sasaran", "program"):
            by_owner.setdefault((result.owner_kind, result.owner.pk), []).append(result)
    sections = []
    index = 0
    for index, found in enumerate(evaluation.objectives, start=1):
        objective = found.objective
        counter = iter(range(1, 10_000))
        groups = []
        own = by_owner.get(("sasaran", objective.pk), [])
        if own:
            groups.append(
                IndicatorGroup(
                    "Indikator sasaran",
                    tuple(
                        _indicator_line("{}.{}".format(index, next(counter)), r, earlier, lkjip)
                        for r in own
                    ),
                )
            )
        for program in objective.program_list:
            results = by_owner.get(("program", program.pk), [])
            if results:
                groups.append(
                    IndicatorGroup(
                        "Program {} {}".format(program.code, program.name).replace("  ", " "),
                        tuple(
                            _indicator_line("{}.{}".format(index, next(counter)), r, earlier, lkjip)
                            for r in results
                        ),
                    )
                )
        sections.append(
            ObjectiveSection(
                number=str(index),
                objective_id=objective.pk,
                goal=objective.goal.name,
                statement=objective.name,
                groups=tuple(groups),
                achievement=found.achievement.value,
                predicate=predicate_text(found.predicate),
                analysis=lkjip.analysis_of(objective.pk),
                support=(
                    support.by_sasaran.get(objective.number.strip())
                    if support is not None
                    else None
                ),
            )
        )
    # Programs the Renstra links to no sasaran are reported too, after the sasaran: an LKjIP
    # does not leave out a program the evaluation measured.
    unlinked = [
        IndicatorGroup(
            "Program {} {}".format(program.code, program.name).replace("  ", " "),
            tuple(by_owner[("program", program.pk)]),
        )
        for program in _unlinked_programs(evaluation)
        if ("program", program.pk) in by_owner
    ]
    if unlinked:
        number = str(index + 1)
        counter = iter(range(1, 10_000))
        sections.append(
            ObjectiveSection(
                number=number,
                objective_id=0,
                goal="",
                statement=UNLINKED,
                groups=tuple(
                    IndicatorGroup(
                        group.label,
                        tuple(
                            _indicator_line(
                                "{}.{}".format(number, next(counter)), r, earlier, lkjip
                            )
                            for r in group.lines
                        ),
                    )
                    for group in unlinked
                ),
                achievement=None,
                predicate="",
                analysis=lkjip.analysis_of(0),
            )
        )
    return tuple(sections)


def _unlinked_programs(evaluation: Evaluation) -> list:
    return [b.item for b in evaluation.programs if not b.item.objective_list]


def _goals(snapshot) -> tuple[GoalLine, ...]:
    goals = []
    number = 0
    for g, goal in enumerate(snapshot.goals, start=1):
        objectives = []
        for objective in goal.objective_list:
            number += 1
            objectives.append(
                (
                    str(number),
                    objective.name,
                    tuple(i.name for i in objective.indicator_list),
                )
            )
        goals.append(GoalLine(str(g), goal.name, tuple(objectives)))
    return tuple(goals)


def _ikus(lkjip: Lkjip) -> tuple[IkuLine, ...]:
    if lkjip.is_region:
        return ()  # the IKU kept here are the agencies'; the Pemda's are not
    rows = Iku.objects.filter(
        agency=lkjip.agency, year_start__lte=lkjip.year, year_end__gte=lkjip.year
    ).order_by("year_start", "pk")
    return tuple(
        IkuLine(str(n), iku.objective, iku.name, iku.formula, iku.data_source)
        for n, iku in enumerate(rows, start=1)
    )


def _region_signatories(lkjip: Lkjip, today) -> tuple[Signatory, ...]:
    """The head of region in office on the day (RegionHead), under the place of the holding
    agency's signature block (or the region's name) and the day; none while no head of
    region is recorded."""
    block = AgencySignature.objects.filter(agency=lkjip.agency).first()
    day = (block.date if block and block.date else None) or today
    head = RegionHead.objects.filter(region=lkjip.agency.region_id).on(day).first()
    if head is None:
        return ()
    with translation.override("id"):
        place = (
            block.place_and_date(day)
            if block
            else "{}, {}".format(lkjip.agency.region.name, formats.date_format(day, "j F Y"))
        )
    return (Signatory(position=head.position, name=head.name, place_date=place),)


def _facts(evaluation: Evaluation, objectives, budget, lkjip: Lkjip) -> tuple[str, ...]:
    """The Ikhtisar's figures, in sentences."""
    lines = [result for section in objectives for result in section.indicators]
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.predicate or "tidak dapat dihitung"] = (
            counts.get(line.predicate or "tidak dapat dihitung", 0) + 1
        )
    order = [str(label) for label in PREDICATE_LABELS.values()] + ["tidak dapat dihitung"]
    spread = ", ".join("{} {}".format(counts[label], label) for label in order if counts.get(label))
    facts = [
        "Tahun {} {} mengukur {} indikator kinerja pada {} sasaran strategis: {}.".format(
            evaluation.year,
            "Pemerintah Daerah" if lkjip.is_region else "Perangkat Daerah",
            len(lines),
            len(objectives),
            spread or "belum ada realisasi",
        )
    ]
    average = evaluation.average
    if average.value is not None:
        facts.append(
            "Rata-rata capaian seluruh indikator yang dievaluasi {} % dengan predikat {}.".format(
                percent_text(average.value), predicate_text(evaluation.average_predicate)
            )
        )
    planned, realized, absorbed = budget
    if planned is not None:
        facts.append(
            "Realisasi anggaran Rp {} dari pagu Rp {} (serapan {} %).".format(
                format_rupiah(realized) or "0", format_rupiah(planned), percent_text(absorbed)
            )
        )
    return tuple(facts)


def _budget_lines(evaluation: Evaluation) -> tuple[BudgetLine, ...]:
    return tuple(
        BudgetLine(
            number=str(n),
            code=getattr(b.item, "code", "") or "",
            name=b.item.name,
            planned=b.planned,
            realized=b.realized,
            absorption=b.absorption.value,
            achievement=b.achievement.value,
        )
        for n, b in enumerate(evaluation.programs, start=1)
    )


def lkjip_content(lkjip: Lkjip, today=None) -> LkjipContent:
    """The content of `lkjip` (its agency, region and version selected with it): the
    evaluation of the year and of each earlier year of the period, read once, and a query each
    for the PK, the IKU and the signature; none per indicator."""
    version = lkjip.version
    snapshot = read_version(version)
    years = [y for y in snapshot.years if y <= lkjip.year]
    evaluation = evaluate(version, lkjip.year, today, snapshot=snapshot)
    # The earlier years' own evaluations (each with the plan of its year): the realization and
    # achievement each gave for its year. The year's figures only, a query or two a year.
    earlier = [
        evaluate(
            version, y, today, snapshot=snapshot, rows=read_year_rows([version], y, whole=False)
        )
        for y in years
        if y < lkjip.year
    ]
    agreement = _head_agreement(lkjip)
    agency = lkjip.agency
    support = region_support(agency.region, lkjip.year) if lkjip.is_region else None
    objectives = _objectives(lkjip, evaluation, earlier, support)
    budgets = _budget_lines(evaluation)
    planned = sum_known(b.planned for b in evaluation.programs)
    realized = sum_known(b.realized for b in evaluation.programs)
    # The total's absorption by the evaluation's own rule (core.achievement.absorption).
    absorbed = absorption(realized, planned).value
    plan = version.plan
    regional = plan.regional_plan
    marks = ()
    if lkjip.status != LkjipStatus.FINAL:
        marks += (DRAFT_MARK,)
    if evaluation.has_example:
        marks += (EXAMPLE_MARK,)
    day = today or timezone.localdate()
    region = lkjip.is_region
    return LkjipContent(
        year=lkjip.year,
        title=(
            "LAPORAN KINERJA INSTANSI PEMERINTAH",
            "(LKjIP)",
            "TAHUN {}".format(lkjip.year),
        ),
        agency="Pemerintah {}".format(agency.region.name) if region else agency.name,
        region=agency.region.name,
        plan_title=(
            "RPJMD {} {}".format(agency.region.name, plan.period)
            if region
            else "Renstra {} {}".format(agency.short_name, plan.period)
        ),
        marks=marks,
        summary=lkjip.summary,
        summary_facts=_facts(evaluation, objectives, (planned, realized, absorbed), lkjip),
        introduction=lkjip.introduction,
        vision=regional.vision if regional else "",
        missions=tuple(
            "Misi {}: {}".format(m.number, m.text)
            for m in sorted(version.missions.all(), key=lambda m: (m.order, m.pk))
        ),
        goals=_goals(snapshot),
        agreement=pk_document(agreement) if agreement else None,
        agreement_note=_agreement_note(agreement, lkjip),
        objectives=objectives,
        average=evaluation.average.value,
        average_predicate=predicate_text(evaluation.average_predicate),
        budgets=budgets,
        budget_planned=planned,
        budget_realized=realized,
        budget_absorption=absorbed,
        efficiency=lkjip.efficiency,
        closing=lkjip.closing,
        ikus=_ikus(lkjip),
        evaluation_note=(
            (
                "Evaluasi terhadap Hasil RPJMD Tahun {} (Permendagri 86/2017) dicetak dari menu "
                "Evaluasi {} versi {}; angka Bab III di atas diambil dari evaluasi yang sama."
            )
            if region
            else (
                "Evaluasi terhadap Hasil Renja Perangkat Daerah Tahun {} (Permendagri 86/2017) "
                "dicetak dari menu Evaluasi {} versi {}; angka Bab III di atas diambil dari "
                "evaluasi yang sama."
            )
        ).format(lkjip.year, "RPJMD" if region else "Renstra", version.number),
        signatures=(_region_signatories(lkjip, day) if region else tuple(signatories(agency, day))),
        is_region=region,
        support_rule=support.rule if support else "",
        support_notes=support.notes if support else (),
        agencies=support.agencies if support else (),
        file_stem="lkjip-{}-{}{}".format(
            (slugify("pemda " + agency.region.name) if region else slugify(agency.short_name))
            or "pd",
            lkjip.year,
            "" if lkjip.number == 1 else "-{}".format(lkjip.number),
        ),
    )
