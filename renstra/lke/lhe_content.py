"""What the LHE (Laporan Hasil Evaluasi Akuntabilitas Kinerja Instansi Pemerintah) of an agency's
LKE evaluation says, once: the content the PDF (lhe_pdf) and the Word file (lhe_docx) both
print. Bab I Pendahuluan (the legal basis, the aim, the four components evaluated and the
evaluation's stages with their dates), Bab II Hasil Evaluasi (per component and sub-component
the weight, the self-assessment's and the evaluation's score, the total and the grade, the rule
of the scores, the criteria where the evaluator differed from the system's suggestion), Bab III
Rekomendasi (this year's, and last year's carried into this year with their follow-up), Bab IV
Penutup, and the head of the inspectorate's signature.

The scores are renstra.lke.scoring's, the overrides renstra.lke.services.overrides; nothing is
computed again here: this module only chooses and formats. Every text is as printed, in
Indonesian whatever the user's language: it is a document of the Indonesian government.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.utils import formats, timezone, translation
from django.utils.text import slugify

from renstra.core.lke import RULE, rounded
from renstra.core.numbers import format_id_number
from renstra.lke.choices import RecommendationStatus
from renstra.lke.models import LkeAnswer, LkeEvaluation, LkeRecommendation
from renstra.lke.scoring import EvaluationScore, score_evaluations
from renstra.lke.services import overrides
from renstra.plans.choices import RegionKind
from renstra.render.table import Signatory

DRAFT_MARK = "DRAF"
REGULATION = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun "
    "2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah"
)
SAKIP_REGULATION = (
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah"
)
CHAPTERS = {
    "introduction": "BAB I PENDAHULUAN",
    "results": "BAB II HASIL EVALUASI",
    "recommendations": "BAB III REKOMENDASI",
    "closing": "BAB IV PENUTUP",
}
SECTIONS = {
    "basis": "A. Dasar Evaluasi",
    "aim": "B. Tujuan Evaluasi",
    "scope": "C. Ruang Lingkup",
    "stages": "D. Tahapan Evaluasi",
    "scores": "A. Nilai Evaluasi",
    "overrides": "B. Nilai Evaluator yang Berbeda dari Usulan Sistem",
    "current": "A. Rekomendasi Tahun {year}",
    "carried": "B. Tindak Lanjut Rekomendasi Tahun {previous}",
}
STAGE_HEADERS = ("No", "Tahap", "Tanggal", "Oleh")
SCORE_HEADERS = ("No", "Komponen / Subkomponen", "Bobot", "Penilaian Mandiri", "Hasil Evaluasi")
OVERRIDE_HEADERS = ("No", "Kriteria", "Usulan Sistem", "Nilai Evaluator", "Alasan")
RECOMMENDATION_HEADERS = ("No", "Komponen", "Rekomendasi", "Status Tindak Lanjut")
CARRIED_HEADERS = ("No", "Komponen", "Rekomendasi", "Status", "Uraian Tindak Lanjut")
NO_OVERRIDES = "Seluruh nilai evaluator sama dengan usulan sistem."
NO_RECOMMENDATIONS = "Tidak ada rekomendasi."
NO_CARRIED = "Tidak ada rekomendasi tahun {} yang belum selesai ditindaklanjuti."
NOT_YET = "belum"
BLANK = "........................"


def score_text(value) -> str:
    """A score as printed: 2 decimals (half up, as renstra.core.lke rounds), Indonesian comma."""
    return format_id_number(rounded(value), 2)


def grade_text(score: EvaluationScore) -> str:
    """'BB (Sangat Baik)'."""
    return "{} ({})".format(score.grade, score.grade_label)


@dataclass(frozen=True)
class StageLine:
    number: str
    stage: str
    day: str
    by: str

    def cells(self) -> tuple[str, ...]:
        return (self.number, self.stage, self.day, self.by)


@dataclass(frozen=True)
class ScoreLine:
    """A component (bold) or a sub-component of the score table, or its total and grade rows."""

    number: str
    name: str
    weight: str
    self_score: str
    final_score: str
    level: int  # 0: component, 1: sub-component, 2: total and grade rows

    def cells(self) -> tuple[str, ...]:
        return (self.number, self.name, self.weight, self.self_score, self.final_score)


@dataclass(frozen=True)
class OverrideLine:
    """A criterion whose evaluator's value differs from the system's suggestion."""

    number: str
    criterion: str  # "1.b.1 Indikator kinerja telah terukur."
    suggested: str  # "B: 80 % indikator terukur."
    value: str  # "C", "C (reviu: B)" when the reviewer changed it
    reason: str

    def cells(self) -> tuple[str, ...]:
        return (self.number, self.criterion, self.suggested, self.value, self.reason)


@dataclass(frozen=True)
class RecommendationLine:
    number: str
    component: str
    text: str
    status: str
    follow_up: str

    def cells(self) -> tuple[str, ...]:
        return (self.number, self.component, self.text, self.status)

    def carried_cells(self) -> tuple[str, ...]:
        return (self.number, self.component, self.text, self.status, self.follow_up or "-")


@dataclass(frozen=True)
class LheContent:
    """Everything the LHE prints, in print order; renderers add only layout."""

    year: int
    title: tuple[str, ...]  # the cover's lines
    cover_names: tuple[str, ...]  # the agency and its region, on the cover
    agency: str
    region: str
    running: str  # below every page but the cover
    marks: tuple[str, ...]
    basis: tuple[str, ...]
    aim: str
    scope_intro: str
    scope: tuple[str, ...]  # the components with their weights
    stages: tuple[StageLine, ...]
    scores_intro: str
    scores: tuple[ScoreLine, ...]
    total: str  # "78,25"
    grade: str  # "BB (Sangat Baik)"
    self_total: str
    self_grade: str
    conclusion: str
    rule: str
    overrides_intro: str
    overrides: tuple[OverrideLine, ...]
    recommendations: tuple[RecommendationLine, ...]
    carried: tuple[RecommendationLine, ...]
    closing: tuple[str, ...]
    signatures: tuple[Signatory, ...]
    file_stem: str

    stage_headers = STAGE_HEADERS
    score_headers = SCORE_HEADERS
    override_headers = OVERRIDE_HEADERS
    recommendation_headers = RECOMMENDATION_HEADERS
    carried_headers = CARRIED_HEADERS
    no_overrides = NO_OVERRIDES
    no_recommendations = NO_RECOMMENDATIONS

    @property
    def no_carried(self) -> str:
        return NO_CARRIED.format(self.year - 1)

    def chapter(self, key: str) -> str:
        return CHAPTERS[key]

    def section(self, key: str) -> str:
        return SECTIONS[key].format(year=self.year, previous=self.year - 1)


# ---- reading the evaluation ----------------------------------------------------------------------


def _read(evaluation: LkeEvaluation) -> LkeEvaluation:
    return LkeEvaluation.objects.select_related(
        "agency__region",
        "agency__signature",
        "template",
        "started_by",
        "self_submitted_by",
        "evaluation_submitted_by",
        "returned_by",
        "finalized_by",
    ).get(pk=evaluation.pk)


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def _day(moment) -> str:
    if moment is None:
        return NOT_YET
    return formats.date_format(timezone.localtime(moment).date(), "j F Y")


def _stages(evaluation: LkeEvaluation) -> tuple[StageLine, ...]:
    steps = [
        ("Evaluasi dimulai", evaluation.started_at, evaluation.started_by),
        ("Penilaian mandiri diajukan", evaluation.self_submitted_at, evaluation.self_submitted_by),
        (
            "Hasil evaluasi diajukan untuk reviu",
            evaluation.evaluation_submitted_at,
            evaluation.evaluation_submitted_by,
        ),
    ]
    if evaluation.returned_at is not None:
        steps.append(
            (
                "Dikembalikan kepada evaluator: {}".format(evaluation.return_note),
                evaluation.returned_at,
                evaluation.returned_by,
            )
        )
    steps.append(
        ("Hasil evaluasi ditetapkan (final)", evaluation.finalized_at, evaluation.finalized_by)
    )
    return tuple(
        StageLine(str(n), stage, _day(moment), _person(user) if moment else "")
        for n, (stage, moment, user) in enumerate(steps, start=1)
    )


def _scores(final: EvaluationScore, own: EvaluationScore) -> tuple[ScoreLine, ...]:
    lines = []
    for component, own_component in zip(final.components, own.components, strict=True):
        lines.append(
            ScoreLine(
                component.code,
                component.name,
                format_id_number(component.weight, 2),
                score_text(own_component.score),
                score_text(component.score),
                0,
            )
        )
        for sub, own_sub in zip(
            component.sub_components, own_component.sub_components, strict=True
        ):
            lines.append(
                ScoreLine(
                    sub.code,
                    sub.name,
                    format_id_number(sub.weight, 2),
                    score_text(own_sub.score),
                    score_text(sub.score),
                    1,
                )
            )
    weight = sum((c.weight for c in final.components), start=0)
    lines.append(
        ScoreLine(
            "",
            "Nilai Akhir",
            format_id_number(weight, 2),
            score_text(own.total),
            score_text(final.total),
            2,
        )
    )
    lines.append(ScoreLine("", "Predikat", "", grade_text(own), grade_text(final), 2))
    return tuple(lines)


def _override_line(number: int, answer: LkeAnswer) -> OverrideLine:
    criterion = answer.criterion
    value = answer.evaluator_value or "(tidak dijawab)"
    if answer.reviewer_value and answer.reviewer_value != answer.evaluator_value:
        value = "{} (reviu: {})".format(value, answer.reviewer_value)
    suggested = answer.suggested_value
    if answer.suggested_text:
        suggested = "{}: {}".format(suggested, answer.suggested_text)
    return OverrideLine(
        number=str(number),
        criterion="{} {}".format(criterion.code, criterion.text),
        suggested=suggested,
        value=value,
        reason=answer.override_reason or "-",
    )


def _recommendations(evaluation: LkeEvaluation):
    rows = evaluation.recommendations.select_related("component").order_by("pk")
    current, carried = [], []
    for recommendation in rows:
        (carried if recommendation.previous_id else current).append(recommendation)
    return tuple(_recommendation_lines(current)), tuple(_recommendation_lines(carried))


def _recommendation_lines(rows: list[LkeRecommendation]) -> list[RecommendationLine]:
    return [
        RecommendationLine(
            number=str(n),
            component=(
                "{} {}".format(r.component.code, r.component.name) if r.component else "Umum"
            ),
            text=r.text,
            status=str(RecommendationStatus(r.status).label),
            follow_up=r.follow_up,
        )
        for n, r in enumerate(rows, start=1)
    ]


def _place(evaluation: LkeEvaluation) -> str:
    """The agency's signature place (its city), else the city's name, else the region's."""
    agency = evaluation.agency
    try:
        return agency.signature.place
    except ObjectDoesNotExist:
        region = agency.region
        if region.kind == RegionKind.CITY and region.name.startswith("Kota "):
            return region.name.removeprefix("Kota ")
        return region.name


def _signature(evaluation: LkeEvaluation) -> Signatory:
    """The head of the inspectorate: no inspector's official record exists, so the user who
    made the evaluation final signs, on the day it became final; blanks until then."""
    region = evaluation.agency.region.name
    if evaluation.finalized_at is None:
        return Signatory(
            position="Inspektur {}".format(region),
            name=BLANK,
            place_date="{}, {}".format(_place(evaluation), BLANK),
        )
    return Signatory(
        position="Inspektur {}".format(region),
        name=_person(evaluation.finalized_by),
        place_date="{}, {}".format(_place(evaluation), _day(evaluation.finalized_at)),
    )


def lhe_content(evaluation: LkeEvaluation, today=None) -> LheContent:
    """The content of `evaluation`'s LHE in five queries whatever the template's size: the
    evaluation (with its agency, region, template and the users of its stages), the scores
    final and self from one read (two queries), the overrides and the recommendations. `today` is accepted
    like lkjip_content's; every date printed is one of the evaluation's own."""
    del today  # the LHE prints the evaluation's dates only
    with translation.override("id"):
        return _content(_read(evaluation))


def _content(evaluation: LkeEvaluation) -> LheContent:
    agency = evaluation.agency
    region = agency.region.name
    template = evaluation.template
    scores = score_evaluations([evaluation])[evaluation.pk]
    final, own = scores["final"], scores["self"]
    current, carried = _recommendations(evaluation)
    year = evaluation.year
    components = final.components
    return LheContent(
        year=year,
        title=(
            "LAPORAN HASIL EVALUASI",
            "AKUNTABILITAS KINERJA INSTANSI PEMERINTAH",
            "TAHUN {}".format(year),
        ),
        cover_names=(agency.name.upper(), "PEMERINTAH {}".format(region.upper())),
        agency=agency.name,
        region=region,
        running="LHE AKIP {} Tahun {}".format(agency.short_name, year),
        marks=() if evaluation.is_final else (DRAFT_MARK,),
        basis=(
            SAKIP_REGULATION + ";",
            REGULATION + ";",
            "Lembar Kerja Evaluasi {} ({}), berlaku mulai tahun {}.".format(
                template.name, template.regulation, template.first_year
            ),
        ),
        aim=(
            "Evaluasi bertujuan menilai tingkat implementasi Sistem Akuntabilitas Kinerja "
            "Instansi Pemerintah (SAKIP) {} tahun {}, memberikan rekomendasi perbaikan, dan "
            "memantau tindak lanjut rekomendasi evaluasi tahun sebelumnya."
        ).format(agency.name, year),
        scope_intro="Evaluasi meliputi {} komponen dengan bobotnya:".format(len(components)),
        scope=tuple(
            "Komponen {}: {} (bobot {})".format(c.code, c.name, format_id_number(c.weight, 2))
            for c in components
        ),
        stages=_stages(evaluation),
        scores_intro=(
            "Nilai tiap komponen dan subkomponen menurut penilaian mandiri {} dan menurut hasil "
            "evaluasi Inspektorat:"
        ).format(agency.short_name),
        scores=_scores(final, own),
        total=score_text(final.total),
        grade=grade_text(final),
        self_total=score_text(own.total),
        self_grade=grade_text(own),
        conclusion=(
            "Nilai hasil evaluasi akuntabilitas kinerja {} tahun {} adalah {} dengan predikat "
            "{}; nilai penilaian mandiri {} dengan predikat {}."
        ).format(
            agency.name,
            year,
            score_text(final.total),
            grade_text(final),
            score_text(own.total),
            grade_text(own),
        ),
        rule=RULE,
        overrides_intro=(
            "Kriteria yang nilainya oleh evaluator ditetapkan berbeda dari usulan sistem (yang "
            "disusun dari data aplikasi), dengan alasannya:"
        ),
        overrides=tuple(
            _override_line(n, answer) for n, answer in enumerate(overrides(evaluation), start=1)
        ),
        recommendations=current,
        carried=carried,
        closing=(
            (
                "Demikian laporan hasil evaluasi akuntabilitas kinerja {} tahun {} ini disusun "
                "sebagai bahan perbaikan implementasi SAKIP."
            ).format(agency.name, year),
            (
                "Rekomendasi pada Bab III agar ditindaklanjuti; tindak lanjutnya dicatat dan "
                "dinilai pada evaluasi tahun {}."
            ).format(year + 1),
            "Atas perhatian dan kerja sama yang baik, kami sampaikan terima kasih.",
        ),
        signatures=(_signature(evaluation),),
        file_stem="lhe-{}-{}".format(slugify(agency.short_name) or "pd", year),
    )
