"""The LKE pages: an agency's evaluations by year (and the start of a year's), the worksheet of
an evaluation (every criterion with the agency's, the system's, the evaluator's and the
reviewer's answers; the stage's column a form for who works in it; scores and grade; evidence,
recommendations, history), the stage's steps, the LHE as PDF or Word, and the region's ranking.
Who may: renstra.lke.rules through renstra.lke.access; every write is a service of
renstra.lke.services (the stage's answers through forms.StageAnswersForm, all or nothing)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Min
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.core.lke import GRADE_LABELS, SCALES, grade, rounded
from renstra.lke import services
from renstra.lke.access import agency_for, evaluation_for
from renstra.lke.choices import EvaluationStatus, EvidenceKind, RecommendationStatus
from renstra.lke.forms import (
    NOTE,
    REASON,
    VALUE,
    EvidenceForm,
    FollowUpForm,
    RecommendationForm,
    ReturnForm,
    StageAnswersForm,
    StartForm,
    field_name,
)
from renstra.lke.lhe_content import lhe_content
from renstra.lke.lhe_docx import lhe_docx
from renstra.lke.lhe_pdf import lhe_pdf
from renstra.lke.models import (
    LkeAnswer,
    LkeCriterion,
    LkeEvaluation,
    LkeEvidence,
    LkeRecommendation,
    LkeTemplate,
)
from renstra.lke.ranking import evaluation_totals, ranking_years, region_ranking
from renstra.lke.rules import DENIED
from renstra.lke.scoring import score_evaluation
from renstra.plans.models import Plan, Region
from renstra.register.choices import DocumentType

HISTORY_LIMIT = 200
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": "application/pdf", "docx": DOCX}


# ---- an agency's evaluations -------------------------------------------------------------------


@dataclass
class Score:
    """A total score as the pages print it: rounded, with its grade."""

    total: Decimal

    @property
    def rounded(self) -> Decimal:
        return rounded(self.total)

    @property
    def grade(self) -> str:
        return grade(self.total)

    @property
    def grade_label(self) -> str:
        return GRADE_LABELS[self.grade]


def _start_years(agency) -> list[int]:
    """The years an evaluation may be started for, latest first: this year back to the first
    year of the agency's Renstra or of the loaded worksheets (a year before every worksheet is
    evaluated on the earliest, renstra.lke.services.template_for_year), without those
    evaluated already."""
    this_year = timezone.localdate().year
    firsts = (
        Plan.objects.filter(agency=agency).aggregate(first=Min("period_start"))["first"],
        LkeTemplate.objects.aggregate(first=Min("first_year"))["first"],
    )
    first = min((y for y in firsts if y), default=this_year - 1)
    done = set(LkeEvaluation.objects.filter(agency=agency).values_list("year", flat=True))
    return [y for y in range(this_year, first - 1, -1) if y not in done]


def evaluation_list(request, agency_id: int):
    agency = agency_for(request, agency_id)
    evaluations = list(
        LkeEvaluation.objects.filter(agency=agency).select_related("template").order_by("-year")
    )
    final, own = evaluation_totals(evaluations), evaluation_totals(evaluations, "self")
    rows = [(e, Score(final[e.pk]), Score(own[e.pk])) for e in evaluations]
    return render(
        request,
        "lke/evaluation_list.html",
        {
            "agency": agency,
            "rows": rows,
            "form": StartForm(years=_start_years(agency)),
            "may_start": request.user.has_perm("lke.start", agency),
            "may_rank": request.user.has_perm("console.view_region", agency.region),
        },
    )


@require_POST
def evaluation_start(request, agency_id: int):
    agency = agency_for(request, agency_id, perm="lke.start")
    form = StartForm(request.POST, years=_start_years(agency))
    if not form.is_valid():
        messages.error(request, _("Pilih tahun yang belum dievaluasi."))
        return redirect("lke:list", agency.pk)
    try:
        evaluation = services.start_evaluation(
            agency=agency, year=form.cleaned_data["year"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("lke:list", agency.pk)
    messages.success(
        request,
        _("Evaluasi SAKIP tahun {} dimulai: Perangkat Daerah mengisi penilaian mandiri.").format(
            evaluation.year
        ),
    )
    return redirect("lke:worksheet", evaluation.pk)


# ---- the worksheet ---------------------------------------------------------------------------


@dataclass
class CriterionRow:
    criterion: LkeCriterion
    answer: LkeAnswer
    evidence: list = field(default_factory=list)
    value_field: object = None
    note_field: object = None
    reason_field: object = None
    errors: list = field(default_factory=list)

    @property
    def options(self):
        return SCALES[self.criterion.scale].options


@dataclass
class SubRow:
    sub: object
    score: object
    self_score: object
    criteria: list = field(default_factory=list)


@dataclass
class ComponentRow:
    component: object
    score: object
    self_score: object
    subs: list = field(default_factory=list)


def _answers(evaluation: LkeEvaluation) -> list[LkeAnswer]:
    """The evaluation's answers with their criteria, in worksheet order."""
    return list(
        evaluation.answers.select_related("criterion__sub_component__component").order_by(
            "criterion__sub_component__component__order",
            "criterion__sub_component__order",
            "criterion__order",
            "criterion__pk",
        )
    )


def _evidence_link(evidence: LkeEvidence, evaluation: LkeEvaluation) -> str:
    if evidence.kind == EvidenceKind.PAGE:
        return evidence.url
    if evidence.kind == EvidenceKind.REGISTER:
        return "{}?tahun={}".format(
            reverse("register:agency", args=[evaluation.agency_id]), evidence.document_year
        )
    return reverse("lke:evidence_file", args=[evidence.pk])


def _worksheet(evaluation, answers, form, final, own) -> list[ComponentRow]:
    """Components -> sub-components -> criteria of the worksheet with their answers, proofs,
    scores (final and self) and, for who works in the stage, the form's fields."""
    evidence: dict[int, list] = {}
    for e in LkeEvidence.objects.filter(answer__evaluation=evaluation).order_by("added_at", "pk"):
        e.link = _evidence_link(e, evaluation)
        evidence.setdefault(e.answer_id, []).append(e)
    errors = form.errors_by_code() if form is not None and form.is_bound else {}
    components: dict[int, ComponentRow] = {}
    subs: dict[int, SubRow] = {}
    for answer in answers:
        sub = answer.criterion.sub_component
        component = sub.component
        if component.pk not in components:
            components[component.pk] = ComponentRow(
                component, final.component(component.code), own.component(component.code)
            )
        if sub.pk not in subs:
            subs[sub.pk] = SubRow(
                sub,
                _sub_score(final, component.code, sub.code),
                _sub_score(own, component.code, sub.code),
            )
            components[component.pk].subs.append(subs[sub.pk])
        row = CriterionRow(answer.criterion, answer, evidence.get(answer.pk, []))
        row.errors = errors.get(answer.criterion.code, [])
        if form is not None:
            row.value_field = form[field_name(VALUE, answer)]
            row.note_field = form[field_name(NOTE, answer)]
            if field_name(REASON, answer) in form.fields:
                row.reason_field = form[field_name(REASON, answer)]
        subs[sub.pk].criteria.append(row)
    return list(components.values())


def _sub_score(score, component_code: str, sub_code: str):
    return next(s for s in score.component(component_code).sub_components if s.code == sub_code)


@dataclass
class Change:
    when: object
    who: object
    what: str
    field: str
    old: str = ""
    new: str = ""
    by_system: bool = False  # the system's suggestion, made when `who` submitted


ANSWER_FIELDS = (
    "self_value",
    "self_note",
    "suggested_value",
    "evaluator_value",
    "evaluator_note",
    "override_reason",
    "reviewer_value",
    "reviewer_note",
)
LABELS = {
    "status": {**dict(EvaluationStatus.choices), **dict(RecommendationStatus.choices)},
}


def _diffs(records, fields, model, what) -> list[Change]:
    """The changes between consecutive history records of each object (records in order of
    object and time)."""
    changes, previous = [], {}
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        if before is None:
            continue
        # The suggestions are stored, and the evaluator's value pre-set, in one write.
        by_system = getattr(record, "suggested_rule", "") != getattr(before, "suggested_rule", "")
        for name in fields:
            old, new = getattr(before, name), getattr(record, name)
            if old != new:
                labels = LABELS.get(name, {})
                changes.append(
                    Change(
                        record.history_date,
                        record.history_user,
                        what(record),
                        str(model._meta.get_field(name).verbose_name),
                        str(labels.get(old, old)),
                        str(labels.get(new, new)),
                        by_system,
                    )
                )
    return changes


def _history(evaluation: LkeEvaluation, answers: list[LkeAnswer]) -> list[Change]:
    """What changed in the evaluation, its answers and its recommendations, latest first (the
    first HISTORY_LIMIT), from their django-simple-history records."""
    codes = {a.criterion_id: a.criterion.code for a in answers}
    order = ("id", "history_date", "history_id")
    evaluations = list(
        LkeEvaluation.history.filter(id=evaluation.pk)
        .select_related("history_user")
        .order_by(*order)
    )
    changes = [
        Change(r.history_date, r.history_user, _("Evaluasi"), _("dimulai"))
        for r in evaluations
        if r.history_type == "+"
    ]
    changes += _diffs(
        evaluations, ("status", "return_note"), LkeEvaluation, lambda r: _("Evaluasi")
    )
    changes += _diffs(
        LkeAnswer.history.filter(evaluation_id=evaluation.pk)
        .select_related("history_user")
        .order_by(*order),
        ANSWER_FIELDS,
        LkeAnswer,
        lambda r: _("Kriteria {}").format(codes.get(r.criterion_id, "?")),
    )
    recommendations = list(
        LkeRecommendation.history.filter(evaluation_id=evaluation.pk)
        .select_related("history_user")
        .order_by(*order)
    )
    changes += [
        Change(
            r.history_date,
            r.history_user,
            _("Rekomendasi"),
            _("ditambahkan") if r.history_type == "+" else _("dihapus"),
            new=r.text,
        )
        for r in recommendations
        if r.history_type in ("+", "-")
    ]
    changes += _diffs(
        recommendations,
        ("text", "status", "follow_up"),
        LkeRecommendation,
        lambda r: _("Rekomendasi"),
    )
    return sorted(changes, key=lambda c: c.when, reverse=True)[:HISTORY_LIMIT]


def _stage_flags(request, evaluation: LkeEvaluation) -> dict:
    user, agency, status = request.user, evaluation.agency, evaluation.status
    flags = {
        "may_self": status == EvaluationStatus.SELF and user.has_perm("lke.self_assess", agency),
        "may_evaluate": status == EvaluationStatus.EVALUATION
        and user.has_perm("lke.evaluate", agency),
        "may_review": status == EvaluationStatus.REVIEW and user.has_perm("lke.review", agency),
    }
    flags["may_work"] = any(flags.values())
    flags["may_recommend"] = flags["may_evaluate"] or flags["may_review"]
    flags["may_rank"] = user.has_perm("console.view_region", agency.region)
    return flags


STEP_USERS = (
    "started_by",
    "self_submitted_by",
    "evaluation_submitted_by",
    "returned_by",
    "finalized_by",
)


def _step_users(evaluation: LkeEvaluation) -> None:
    """Who moved the evaluation at each step, read in one query."""
    ids = {getattr(evaluation, name + "_id") for name in STEP_USERS} - {None}
    users = get_user_model().objects.in_bulk(ids) if ids else {}
    for name in STEP_USERS:
        setattr(evaluation, name, users.get(getattr(evaluation, name + "_id")))


def _render_worksheet(request, evaluation, *, answers=None, form=None, status=200):
    answers = answers if answers is not None else _answers(evaluation)
    _step_users(evaluation)
    flags = _stage_flags(request, evaluation)
    if form is None and flags["may_work"]:
        form = StageAnswersForm(evaluation=evaluation, answers=answers)
    final, own = score_evaluation(evaluation, "final"), score_evaluation(evaluation, "self")
    components = list({a.criterion.sub_component.component: None for a in answers})
    recommendations = list(
        evaluation.recommendations.select_related("component", "previous__evaluation")
    )
    context = {
        "evaluation": evaluation,
        "agency": evaluation.agency,
        "worksheet": _worksheet(evaluation, answers, form, final, own),
        "form": form,
        "form_errors": form.errors_by_code() if form is not None and form.is_bound else {},
        "final": final,
        "own": own,
        "overrides": [a for a in answers if a.is_override],
        "recommendations": recommendations,
        "follow_up_statuses": RecommendationStatus.choices,
        "recommendation_form": RecommendationForm(components=components),
        "return_form": ReturnForm(),
        "evidence_kinds": EvidenceKind.choices,
        "document_types": DocumentType.choices,
        "history": _history(evaluation, answers),
        **flags,
    }
    return render(request, "lke/worksheet.html", context, status=status)


def worksheet(request, evaluation_id: int):
    return _render_worksheet(request, evaluation_for(request, evaluation_id))


def _stage_perm(request, evaluation: LkeEvaluation, *, inspectorate: bool = False) -> None:
    """403 unless the user works in the evaluation's stage (the planner is told so when the
    evaluation is with the inspectorate); with `inspectorate`, what only the inspectorate
    writes (recommendations): the evaluator's permission outside its review."""
    perm = services.STAGE_PERMS.get(evaluation.status)
    if inspectorate and evaluation.status != EvaluationStatus.REVIEW:
        perm = "lke.evaluate"
    if perm is not None and not request.user.has_perm(perm, evaluation.agency):
        raise PermissionDenied(_(DENIED[perm]))


@require_POST
def worksheet_save(request, evaluation_id: int):
    evaluation = evaluation_for(request, evaluation_id)
    _stage_perm(request, evaluation)
    if evaluation.is_final:
        messages.error(request, _("Evaluasi ini sudah final; jawabannya tidak diubah lagi."))
        return redirect("lke:worksheet", evaluation.pk)
    if request.POST.get("tahap") != evaluation.status:
        messages.error(
            request,
            _(
                "Evaluasi sudah berpindah ke tahap {} sejak halaman dibuka; tidak ada yang "
                "disimpan. Periksa lagi lalu simpan."
            ).format(evaluation.get_status_display().lower()),
        )
        return redirect("lke:worksheet", evaluation.pk)
    answers = _answers(evaluation)
    form = StageAnswersForm(request.POST, evaluation=evaluation, answers=answers)
    written = form.write(user=request.user) if form.is_valid() else 0
    if form.is_valid() and not form.refused:
        messages.success(request, _("{} jawaban disimpan.").format(written))
        return redirect("lke:worksheet", evaluation.pk)
    messages.error(
        request, _("Tidak ada jawaban yang disimpan: perbaiki kriteria yang ditandai lalu simpan.")
    )
    return _render_worksheet(request, evaluation, answers=answers, form=form, status=400)


# ---- the stage's steps -------------------------------------------------------------------------


def _act(request, evaluation: LkeEvaluation, action, done: str, anchor: str = ""):
    """Run one service on the evaluation and go back to its worksheet with what happened."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(reverse("lke:worksheet", args=[evaluation.pk]) + anchor)


@require_POST
def submit_self(request, evaluation_id: int):
    evaluation = evaluation_for(request, evaluation_id, perm="lke.self_assess")
    return _act(
        request,
        evaluation,
        lambda: services.submit_self(evaluation=evaluation, user=request.user),
        _("Penilaian mandiri diajukan; usulan sistem telah dibuat untuk evaluator."),
    )


@require_POST
def submit_evaluation(request, evaluation_id: int):
    evaluation = evaluation_for(request, evaluation_id, perm="lke.evaluate")
    return _act(
        request,
        evaluation,
        lambda: services.submit_evaluation(evaluation=evaluation, user=request.user),
        _("Hasil evaluasi diajukan untuk direviu Inspektur."),
    )


@require_POST
def return_to_evaluator(request, evaluation_id: int):
    evaluation = evaluation_for(request, evaluation_id, perm="lke.review")
    form = ReturnForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _act(
        request,
        evaluation,
        lambda: services.return_to_evaluator(evaluation=evaluation, note=note, user=request.user),
        _("Evaluasi dikembalikan kepada evaluator."),
    )


@require_POST
def finalize(request, evaluation_id: int):
    evaluation = evaluation_for(request, evaluation_id, perm="lke.review")
    return _act(
        request,
        evaluation,
        lambda: services.finalize(evaluation=evaluation, user=request.user),
        _("Hasil evaluasi ditetapkan final."),
    )


# ---- evidence ----------------------------------------------------------------------------------


@require_POST
def evidence_add(request, evaluation_id: int):
    evaluation = evaluation_for(request, evaluation_id)
    _stage_perm(request, evaluation)
    form = EvidenceForm(request.POST, request.FILES)
    answer = None
    if form.is_valid():
        answers = evaluation.answers.select_related("criterion")
        answer = answers.filter(pk=form.cleaned_data["answer"]).first()
    if answer is None:
        messages.error(request, _("Bukti tidak dapat ditambahkan: isian tidak lengkap."))
        return redirect("lke:worksheet", evaluation.pk)
    return _act(
        request,
        evaluation,
        lambda: services.add_evidence(answer=answer, user=request.user, **form.service_arguments()),
        _("Bukti kriteria {} ditambahkan.").format(answer.criterion.code),
        "#kriteria-{}".format(answer.pk),
    )


def _evidence(request, evidence_id: int) -> tuple[LkeEvidence, LkeEvaluation]:
    evidence = LkeEvidence.objects.filter(pk=evidence_id).select_related("answer").first()
    if evidence is None:
        raise Http404(_("Bukti tidak ditemukan."))
    return evidence, evaluation_for(request, evidence.answer.evaluation_id)


@require_POST
def evidence_remove(request, evidence_id: int):
    evidence, evaluation = _evidence(request, evidence_id)
    _stage_perm(request, evaluation)
    return _act(
        request,
        evaluation,
        lambda: services.remove_evidence(evidence=evidence, user=request.user),
        _("Bukti dihapus."),
        "#kriteria-{}".format(evidence.answer_id),
    )


def evidence_file(request, evidence_id: int):
    evidence, _evaluation = _evidence(request, evidence_id)
    if not evidence.file:
        raise Http404(_("Bukti ini bukan berkas unggahan."))
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from exc
    name = evidence.file.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---- recommendations ---------------------------------------------------------------------------


@require_POST
def recommendation_add(request, evaluation_id: int):
    evaluation = evaluation_for(request, evaluation_id)
    _stage_perm(request, evaluation, inspectorate=True)
    form = RecommendationForm(request.POST, components=evaluation.template.components.all())
    if not form.is_valid():
        messages.error(request, _("Tuliskan rekomendasinya."))
        return redirect(reverse("lke:worksheet", args=[evaluation.pk]) + "#rekomendasi")
    return _act(
        request,
        evaluation,
        lambda: services.add_recommendation(
            evaluation=evaluation,
            text=form.cleaned_data["text"],
            component=form.component_chosen(),
            user=request.user,
        ),
        _("Rekomendasi ditambahkan."),
        "#rekomendasi",
    )


def _recommendation(request, recommendation_id: int, *, inspectorate: bool = False):
    recommendation = LkeRecommendation.objects.filter(pk=recommendation_id).first()
    if recommendation is None:
        raise Http404(_("Rekomendasi tidak ditemukan."))
    evaluation = evaluation_for(request, recommendation.evaluation_id)
    _stage_perm(request, evaluation, inspectorate=inspectorate)
    return recommendation, evaluation


@require_POST
def recommendation_update(request, recommendation_id: int):
    recommendation, evaluation = _recommendation(request, recommendation_id)
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih status tindak lanjut."))
        return redirect(reverse("lke:worksheet", args=[evaluation.pk]) + "#rekomendasi")
    return _act(
        request,
        evaluation,
        lambda: services.update_recommendation(
            recommendation=recommendation,
            status=form.cleaned_data["status"],
            follow_up=form.cleaned_data["follow_up"],
            user=request.user,
        ),
        _("Tindak lanjut rekomendasi disimpan."),
        "#rekomendasi",
    )


@require_POST
def recommendation_remove(request, recommendation_id: int):
    recommendation, evaluation = _recommendation(request, recommendation_id, inspectorate=True)
    return _act(
        request,
        evaluation,
        lambda: services.remove_recommendation(recommendation=recommendation, user=request.user),
        _("Rekomendasi dihapus."),
        "#rekomendasi",
    )


# ---- the LHE -----------------------------------------------------------------------------------


def lhe_download(request, evaluation_id: int, fmt: str):
    evaluation = evaluation_for(request, evaluation_id)
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Format tidak dikenal."))
    content = lhe_content(evaluation)
    render_file = lhe_pdf if fmt == "pdf" else lhe_docx
    response = HttpResponse(render_file(content), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = 'attachment; filename="{}.{}"'.format(content.file_stem, fmt)
    return response


# ---- the region's ranking ----------------------------------------------------------------------


def _region(request, region_id: int) -> Region:
    region = Region.objects.filter(pk=region_id).first()
    if region is None or not request.user.has_perm("console.view_region", region):
        raise Http404(_("Pemerintah Daerah tidak ditemukan."))
    return region


def _ranking_year(request, years: list[int]) -> int:
    asked = request.GET.get("tahun", "")
    if not asked:
        return years[0] if years else timezone.localdate().year - 1
    if not asked.isdigit() or not 2000 <= int(asked) <= 2100:
        raise Http404(_("Tahun tidak dikenal."))
    return int(asked)


@login_required
def ranking(request, region_id: int):
    region = _region(request, region_id)
    years = ranking_years(region)
    year = _ranking_year(request, years)
    return render(
        request,
        "lke/ranking.html",
        {
            "region": region,
            "year": year,
            "years": sorted(set(years) | {year}, reverse=True),
            "rows": region_ranking(region, year),
        },
    )
