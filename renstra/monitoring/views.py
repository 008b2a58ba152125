"""Monitoring pages: entering realization (one row per indicator, saved in place), the
indicator's own page (note, cause of a shortfall, follow-up, evidence, approval), budget
realization, what is due per owner, owners, the evaluation table and the dashboard."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.core.achievement import (
    DEFAULT_SCALE,
    ROLLUP_LABELS,
    describe_rollup,
    projection_note,
)
from renstra.core.errors import ImportRejected
from renstra.core.targets import parse_target
from renstra.monitoring import dashboard as dashboard_module
from renstra.monitoring import services
from renstra.monitoring.choices import QUARTER_LABELS, QUARTERS, YEARLY, EntryStatus
from renstra.monitoring.csv_import import COLUMNS, decode, import_realization, read_csv
from renstra.monitoring.evaluation import (
    YEARLY_TYPES,
    default_year,
    evaluate,
    indicator_year,
)
from renstra.monitoring.export import evaluation_table, predicate_label, show
from renstra.monitoring.models import BudgetRealization, Evidence, Realization
from renstra.plans.models import Activity, Indicator, Unit
from renstra.plans.permissions import denied, version_for
from renstra.plans.titles import running_title
from renstra.render.formats import CONTENT_TYPES, PAPERS, render_table
from renstra.render.renderers.html import render_html_fragment


def _year(version, year: int) -> int:
    if year not in version.plan.target_years:
        raise Http404(_("Tahun itu di luar tahun target Renstra."))
    return year


def _context(request, version, year: int, **extra) -> dict:
    return {
        "version": version,
        "plan": version.plan,
        "year": year,
        "years": version.plan.target_years,
        "may_enter": request.user.has_perm("monitoring.enter", version),
        "may_decide": request.user.has_perm("monitoring.decide", version),
        "may_assign": request.user.has_perm("monitoring.assign", version),
        "quarters": QUARTERS,
        "quarter_labels": QUARTER_LABELS,
        "scale": DEFAULT_SCALE.describe(),
        **extra,
    }


def home(request, version_id: int):
    version = version_for(request, version_id, "monitor")
    return redirect("monitoring:entry", version.pk, default_year(version))


def _rows(evaluation, request):
    """The evaluation's indicator results, filtered as the page's query asks."""
    results = evaluation.indicators
    if request.GET.get("pemilik") == "saya":
        results = [r for r in results if r.assignment and r.assignment.person_id == request.user.pk]
    if request.GET.get("risiko"):
        results = [r for r in results if r.at_risk]
    if request.GET.get("status"):
        wanted = request.GET["status"]
        results = [r for r in results if any(e.status == wanted for e in r.entries.values())]
    return results


def entry_page(request, version_id: int, year: int):
    version = version_for(request, version_id, "monitor")
    year = _year(version, year)
    evaluation = evaluate(version, year)
    results = _rows(evaluation, request)
    return render(
        request,
        "monitoring/entry.html",
        _context(
            request,
            version,
            year,
            evaluation=evaluation,
            results=results,
            yearly_types=YEARLY_TYPES,
            filters=request.GET,
            statuses=EntryStatus.choices,
            columns=", ".join(COLUMNS),
        ),
    )


def _indicator(version, indicator_id: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related(
            "goal", "objective", "program", "activity", "sub_activity"
        ),
        pk=indicator_id,
        version=version,
    )


def _changed_cells(request, existing, quarters):
    """(quarter, text) of the cells of a posted row whose text differs from what is stored (a
    cell left empty where nothing is stored is no change)."""
    stored = {entry.quarter: entry.raw_text for entry in existing}
    for quarter in quarters:
        field = "q{}".format(quarter)
        if field not in request.POST:
            continue
        raw = request.POST[field].strip()
        if raw != stored.get(quarter, ""):
            yield quarter, raw


@require_POST
def save_row(request, version_id: int, year: int, indicator_id: int):
    """Save the quarters (and the year value) of one indicator typed into its row."""
    version = version_for(request, version_id, "enter")
    year = _year(version, year)
    indicator = _indicator(version, indicator_id)
    errors = []
    existing = Realization.objects.filter(indicator=indicator, year=year)
    for quarter, raw in _changed_cells(request, existing, (*QUARTERS, YEARLY)):
        try:
            services.save_realization(indicator, year, quarter, raw, user=request.user)
        except services.EntryRefused as exc:
            errors.append("{}: {}".format(QUARTER_LABELS[quarter], exc))
    result = indicator_year(indicator, year)
    context = _context(
        request, version, year, r=result, row_errors=errors, yearly_types=YEARLY_TYPES
    )
    if request.headers.get("HX-Request"):
        return render(request, "monitoring/entry_row.html", context)
    for error in errors:
        messages.error(request, error)
    if not errors:
        messages.success(request, _("Realisasi disimpan."))
    return redirect(
        reverse("monitoring:entry", args=[version.pk, year]) + "#ind-{}".format(indicator.pk)
    )


def indicator_page(request, version_id: int, year: int, indicator_id: int):
    version = version_for(request, version_id, "monitor")
    year = _year(version, year)
    indicator = _indicator(version, indicator_id)
    if request.method == "POST":
        return _indicator_post(request, version, year, indicator)
    result = indicator_year(indicator, year)
    evidence = Evidence.objects.filter(realization__indicator=indicator, realization__year=year)
    entries = Realization.objects.filter(indicator=indicator, year=year).select_related(
        "entered_by", "updated_by", "decided_by"
    )
    history = (
        Realization.history.filter(indicator_id=indicator.pk, year=year)
        .select_related("history_user")
        .order_by("-history_date")[:50]
    )
    periods = []
    by_quarter = {e.quarter: e for e in entries}
    shown = (YEARLY,) if indicator.value_type in YEARLY_TYPES else (*QUARTERS, YEARLY)
    for quarter in shown:
        entry = by_quarter.get(quarter)
        periods.append(
            {
                "quarter": quarter,
                "label": QUARTER_LABELS[quarter],
                "entry": entry,
                "evidence": [e for e in evidence if entry and e.realization_id == entry.pk],
            }
        )
    quarterly = {q: result.entries[q] for q in QUARTERS if q in result.entries}
    return render(
        request,
        "monitoring/indicator.html",
        _context(
            request,
            version,
            year,
            indicator=indicator,
            r=result,
            periods=periods,
            history=history,
            rollup_text=describe_rollup(result.rule),
            rollup_label=ROLLUP_LABELS[result.rule],
            projection_text=projection_note(
                result.rule, {q: parse_target(e.raw_text) for q, e in quarterly.items()}
            )
            if quarterly
            else "",
            predicate=predicate_label(result.predicate),
            show=show,
            accept=",".join(sorted(settings.EVIDENCE_TYPES)),
            is_text=indicator.value_type == "text",
        ),
    )


def _indicator_post(request, version, year, indicator):
    action = request.POST.get("action", "")
    quarter = request.POST.get("quarter", "")
    url = reverse("monitoring:indicator", args=[version.pk, year, indicator.pk])
    try:
        quarter = int(quarter)
    except ValueError:
        quarter = None
    entry = None
    if quarter is not None:
        entry = Realization.objects.filter(indicator=indicator, year=year, quarter=quarter).first()
    perm = "monitoring.decide" if action in ("approve", "return") else "monitoring.enter"
    if not request.user.has_perm(perm, version):
        raise PermissionDenied(denied("decide" if perm == "monitoring.decide" else "enter"))
    try:
        if action == "save":
            if quarter not in QUARTER_LABELS:
                raise services.EntryRefused(_("Pilih triwulan."))
            entry = services.save_realization(
                indicator,
                year,
                quarter,
                request.POST.get("raw", ""),
                user=request.user,
                note=request.POST.get("note", ""),
                deviation_cause=request.POST.get("deviation_cause", ""),
                follow_up=request.POST.get("follow_up", ""),
            )
            if entry is not None and request.FILES.get("evidence"):
                services.add_evidence(entry, request.FILES["evidence"], user=request.user)
            messages.success(request, _("Realisasi disimpan."))
        elif entry is None:
            raise services.EntryRefused(_("Belum ada realisasi untuk periode itu."))
        elif action == "submit":
            services.submit([entry], user=request.user)
            messages.success(request, _("Realisasi diajukan untuk disetujui."))
        elif action in ("approve", "return"):
            verdict = {"ya": True, "tidak": False}.get(request.POST.get("verdict", ""))
            services.decide(
                entry,
                user=request.user,
                approve=action == "approve",
                note=request.POST.get("status_note", ""),
                verdict=verdict,
            )
            messages.success(
                request,
                _("Realisasi disetujui dan dikunci.")
                if action == "approve"
                else _("Realisasi dikembalikan dengan catatan."),
            )
        else:
            raise services.EntryRefused(_("Tindakan tidak dikenal."))
    except services.EntryRefused as exc:
        messages.error(request, str(exc))
    return redirect(url)


@require_POST
def bulk(request, version_id: int, year: int):
    """Submit every open figure of the year (the enterer), or approve every submitted one
    (the verifier), for the indicators listed on the page."""
    version = version_for(request, version_id, "monitor")
    year = _year(version, year)
    action = request.POST.get("action")
    ids = [int(i) for i in request.POST.getlist("indikator") if i.isdigit()]
    entries = Realization.objects.filter(
        indicator__version=version, year=year, indicator_id__in=ids
    ).select_related("indicator")
    budget = BudgetRealization.objects.filter(
        activity__program__version=version, year=year
    ).select_related("activity")
    try:
        if action == "submit":
            if not request.user.has_perm("monitoring.enter", version):
                raise PermissionDenied(denied("enter"))
            count = services.submit(list(entries), user=request.user)
            if request.POST.get("anggaran"):
                count += services.submit(list(budget), user=request.user)
            messages.success(request, _("{} realisasi diajukan.").format(count))
        elif action == "approve":
            if not request.user.has_perm("monitoring.decide", version):
                raise PermissionDenied(denied("decide"))
            count = 0
            pending = list(entries.filter(status=EntryStatus.SUBMITTED))
            if request.POST.get("anggaran"):
                pending += list(budget.filter(status=EntryStatus.SUBMITTED))
            skipped = 0
            for entry in pending:
                if isinstance(entry, Realization) and entry.indicator.value_type == "text":
                    skipped += 1
                    continue
                services.decide(entry, user=request.user, approve=True)
                count += 1
            messages.success(request, _("{} realisasi disetujui.").format(count))
            if skipped:
                messages.info(
                    request,
                    _(
                        "{} realisasi bertarget teks perlu dinilai satu per satu (tercapai "
                        "ya/tidak) di halaman indikatornya."
                    ).format(skipped),
                )
        else:
            raise services.EntryRefused(_("Tindakan tidak dikenal."))
    except services.EntryRefused as exc:
        messages.error(request, str(exc))
    back = request.POST.get("next") or reverse(
        "monitoring:budget" if request.POST.get("anggaran") else "monitoring:entry",
        args=[version.pk, year],
    )
    if not back.startswith("/"):
        back = reverse("monitoring:entry", args=[version.pk, year])
    return redirect(back)


def budget_page(request, version_id: int, year: int):
    version = version_for(request, version_id, "monitor")
    year = _year(version, year)
    evaluation = evaluate(version, year)
    statuses: dict[int, dict[int, BudgetRealization]] = {}
    for b in BudgetRealization.objects.filter(activity__program__version=version, year=year):
        statuses.setdefault(b.activity_id, {})[b.quarter] = b
    return render(
        request,
        "monitoring/budget.html",
        _context(request, version, year, evaluation=evaluation, entries=statuses),
    )


@require_POST
def save_budget_row(request, version_id: int, year: int, activity_id: int):
    version = version_for(request, version_id, "enter")
    year = _year(version, year)
    activity = get_object_or_404(
        Activity.objects.select_related("program__version__plan"),
        pk=activity_id,
        program__version=version,
    )
    existing = BudgetRealization.objects.filter(activity=activity, year=year)
    for quarter, raw in _changed_cells(request, existing, QUARTERS):
        try:
            services.save_budget(activity, year, quarter, raw, user=request.user)
        except services.EntryRefused as exc:
            messages.error(request, "{} {}: {}".format(activity.code, QUARTER_LABELS[quarter], exc))
    return redirect(
        reverse("monitoring:budget", args=[version.pk, year]) + "#keg-{}".format(activity.pk)
    )


def due_page(request, version_id: int, year: int):
    """What is due and not yet entered, per owner: the list a planner sends round."""
    version = version_for(request, version_id, "monitor")
    year = _year(version, year)
    evaluation = evaluate(version, year)
    groups: dict[str, list] = {}
    for result in evaluation.indicators:
        if not result.missing and not result.needs_explanation:
            continue
        assignment = result.assignment
        owner = _("Belum ada penanggung jawab")
        if assignment and (assignment.person or assignment.unit):
            parts = [
                assignment.person.get_full_name() or assignment.person.get_username()
                if assignment.person
                else "",
                assignment.unit.name if assignment.unit else "",
            ]
            owner = " · ".join(p for p in parts if p)
        groups.setdefault(owner, []).append(result)
    return render(
        request,
        "monitoring/due.html",
        _context(
            request,
            version,
            year,
            groups=sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])),
            total=sum(len(v) for v in groups.values()),
            evaluation=evaluation,
        ),
    )


def assign_page(request, version_id: int):
    version = version_for(request, version_id, "monitor")
    indicators = list(
        Indicator.objects.filter(version=version)
        .select_related("goal", "objective", "program", "activity", "assignment__unit")
        .select_related("assignment__person")
        .order_by("pk")
    )
    units = list(Unit.objects.filter(agency=version.plan.agency))
    people = list(
        get_user_model()
        .objects.filter(memberships__agency=version.plan.agency)
        .distinct()
        .order_by("username")
    )
    if request.method == "POST":
        if not request.user.has_perm("monitoring.assign", version):
            raise PermissionDenied(denied("assign"))
        units_by_id = {str(u.pk): u for u in units}
        people_by_id = {str(p.pk): p for p in people}
        new_unit = request.POST.get("unit_baru", "").strip()
        if new_unit:
            unit, _created = Unit.objects.get_or_create(agency=version.plan.agency, name=new_unit)
            units_by_id[str(unit.pk)] = unit
        chosen = [i for i in indicators if str(i.pk) in request.POST.getlist("indikator")]
        unit = units_by_id.get(request.POST.get("unit", ""))
        if new_unit:
            unit = (
                units_by_id[str(unit.pk)]
                if unit
                else Unit.objects.get(agency=version.plan.agency, name=new_unit)
            )
        person = people_by_id.get(request.POST.get("person", ""))
        try:
            for indicator in chosen:
                services.assign(indicator, unit=unit, person=person, user=request.user)
        except services.EntryRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Penanggung jawab ditetapkan untuk {} indikator.").format(len(chosen))
            )
        return redirect("monitoring:assign", version.pk)
    return render(
        request,
        "monitoring/assign.html",
        _context(
            request,
            version,
            default_year(version),
            indicators=indicators,
            units=units,
            people=people,
        ),
    )


def evaluation_page(request, version_id: int, year: int):
    version = version_for(request, version_id, "monitor")
    year = _year(version, year)
    table = evaluation_table(evaluate(version, year))
    return render(
        request,
        "monitoring/evaluation.html",
        _context(
            request,
            version,
            year,
            table=table,
            table_html=render_html_fragment(table),
            formats=list(CONTENT_TYPES),
        ),
    )


def evaluation_download(request, version_id: int, year: int, fmt: str):
    version = version_for(request, version_id, "monitor")
    year = _year(version, year)
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Format tidak dikenal."))
    paper = request.GET.get("kertas", "f4")
    if paper not in PAPERS:
        raise Http404(_("Ukuran kertas tidak dikenal; pilih f4 atau a4."))
    table = evaluation_table(evaluate(version, year))
    table.running_title = running_title(version)
    body = render_table(table, fmt, excel=request.GET.get("excel") == "1", paper=paper)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = 'attachment; filename="evaluasi-{}-v{}-{}.{}"'.format(
        version.plan.agency.short_name.lower(), version.number, year, fmt
    )
    return response


def dashboard_page(request, version_id: int, year: int):
    version = version_for(request, version_id, "monitor")
    year = _year(version, year)
    evaluation = evaluate(version, year)
    charts = dashboard_module.charts(evaluation)
    charts["years"] = dashboard_module.years_chart(version)
    return render(
        request,
        "monitoring/dashboard.html",
        _context(
            request,
            version,
            year,
            evaluation=evaluation,
            charts=charts,
            at_risk=evaluation.at_risk[:25],
            average=evaluation.average,
            average_predicate=predicate_label(evaluation.average_predicate),
        ),
    )


def dashboard_pdf(request, version_id: int, year: int):
    version = version_for(request, version_id, "monitor")
    year = _year(version, year)
    body = dashboard_module.render_pdf(evaluate(version, year))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="dasbor-{}-v{}-{}.pdf"'.format(
        version.plan.agency.short_name.lower(), version.number, year
    )
    return response


def evidence_download(request, evidence_id: int):
    evidence = get_object_or_404(
        Evidence.objects.select_related("realization__indicator"), pk=evidence_id
    )
    version_for(request, evidence.realization.indicator.version_id, "monitor")
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Berkas bukti tidak ditemukan di penyimpanan.")) from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def evidence_delete(request, evidence_id: int):
    evidence = get_object_or_404(
        Evidence.objects.select_related("realization__indicator"), pk=evidence_id
    )
    version = version_for(request, evidence.realization.indicator.version_id, "enter")
    entry = evidence.realization
    try:
        services.remove_evidence(evidence, user=request.user)
        messages.success(request, _("Bukti dihapus."))
    except services.EntryRefused as exc:
        messages.error(request, str(exc))
    return redirect("monitoring:indicator", version.pk, entry.year, entry.indicator_id)


@require_POST
def import_csv(request, version_id: int):
    version = version_for(request, version_id, "enter")
    upload = request.FILES.get("berkas")
    year = request.POST.get("tahun", "")
    back = reverse(
        "monitoring:entry",
        args=[
            version.pk,
            int(year)
            if year.isdigit() and int(year) in version.plan.target_years
            else default_year(version),
        ],
    )
    if upload is None:
        messages.error(request, _("Pilih berkas CSV."))
        return redirect(back)
    try:
        rows = read_csv(decode(upload.read(), upload.name), upload.name)
        count = import_realization(version, rows, user=request.user, source=upload.name)
    except ImportRejected as exc:
        return render(
            request,
            "monitoring/import_errors.html",
            _context(request, version, default_year(version), errors=exc.errors, back=back),
            status=400,
        )
    messages.success(request, _("{} realisasi diimpor.").format(count))
    return redirect(back)
