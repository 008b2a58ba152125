"""The LKE pages: an agency's evaluations by year (and the start of a year's), the worksheet of
an evaluation (every criterion with the agency's, the system's, the evaluator's and the
reviewer's answers; the stage's column a form for who works in it; scores and grade; evidence,
recommendations, history), the stage's steps, the LHE as PDF or Word, and the region's ranking.
Who may: renstra.lke.rules through renstra.lke.access; the worksheet is read by
renstra.lke.worksheet; every write is a service of renstra.lke.services (the stage's answers,
typed in forms.StageAnswersForm, all or nothing by services.save_stage_answers)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.lke import recommendations, services
from renstra.lke.access import agency_for, evaluation_for
from renstra.lke.choices import EvaluationStatus, EvidenceKind, RecommendationStatus
from renstra.lke.evidence import add_evidence, remove_evidence
from renstra.lke.forms import (
    EvidenceForm,
    FollowUpForm,
    RecommendationForm,
    ReturnForm,
    StageAnswersForm,
    StartForm,
)
from renstra.lke.guards import STAGE_PERMS
from renstra.lke.lhe_content import lhe_content
from renstra.lke.lhe_docx import lhe_docx
from renstra.lke.lhe_pdf import lhe_pdf
from renstra.lke.models import LkeEvaluation, LkeEvidence, LkeRecommendation
from renstra.lke.ranking import ranking_years, region_ranking
from renstra.lke.rules import DENIED
from renstra.lke.worksheet import (
    default_year,
    evaluations_with_scores,
    read_worksheet,
    stage_flags,
    start_years,
    worksheet_answers,
)
from renstra.plans.models import Region
from renstra.register.choices import DocumentType

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": "application/pdf", "docx": DOCX}


# ---- an agency's evaluations -------------------------------------------------------------------


def evaluation_list(request, agency_id: int):
    agency = agency_for(request, agency_id)
    rows = evaluations_with_scores(agency)
    years = start_years(agency)
    return render(
        request,
        "lke/evaluation_list.html",
        {
            "agency": agency,
            "rows": rows,
            "form": StartForm(years=years, initial_year=default_year(agency, years)),
            "may_start": request.user.has_perm("lke.start", agency),
            "may_rank": request.user.has_perm("console.view_region", agency.region),
        },
    )


@require_POST
def evaluation_start(request, agency_id: int):
    agency = agency_for(request, agency_id, perm="lke.start")
    form = StartForm(request.POST, years=start_years(agency))
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


def _render_worksheet(request, evaluation, *, answers=None, form=None, status=200):
    answers = answers if answers is not None else worksheet_answers(evaluation)
    flags = stage_flags(request.user, evaluation)
    if form is None and flags["may_work"]:
        form = StageAnswersForm(evaluation=evaluation, answers=answers)
    components = list({a.criterion.sub_component.component: None for a in answers})
    context = {
        **read_worksheet(evaluation, answers, form=form),
        "form": form,
        "form_errors": form.errors_by_code() if form is not None and form.is_bound else {},
        "follow_up_statuses": RecommendationStatus.choices,
        "recommendation_form": RecommendationForm(components=components),
        "return_form": ReturnForm(),
        "evidence_kinds": EvidenceKind.choices,
        "document_types": DocumentType.choices,
        **flags,
    }
    return render(request, "lke/worksheet.html", context, status=status)


def worksheet(request, evaluation_id: int):
    return _render_worksheet(request, evaluation_for(request, evaluation_id))


def _stage_perm(request, evaluation: LkeEvaluation, *, inspectorate: bool = False) -> None:
    """403 unless the user works in the evaluation's stage (the planner is told so when the
    evaluation is with the inspectorate); with `inspectorate`, what only the inspectorate
    writes (recommendations): the evaluator's permission outside its review."""
    perm = STAGE_PERMS.get(evaluation.status)
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
    answers = worksheet_answers(evaluation)
    form = StageAnswersForm(request.POST, evaluation=evaluation, answers=answers)
    if form.is_valid():
        try:
            written = services.save_stage_answers(
                evaluation=evaluation, stage=form.stage, answers=form.changes(), user=request.user
            )
        except ValidationError as error:
            form.refuse(error)
        else:
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
        lambda: add_evidence(answer=answer, user=request.user, **form.service_arguments()),
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
        lambda: remove_evidence(evidence=evidence, user=request.user),
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
        lambda: recommendations.add_recommendation(
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
        lambda: recommendations.update_recommendation(
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
        lambda: recommendations.remove_recommendation(
            recommendation=recommendation, user=request.user
        ),
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
