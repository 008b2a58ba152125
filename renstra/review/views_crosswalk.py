"""Pages of the crosswalk of a version's codes to the Permendagri 90/2019 nomenclature (issue 17):
start one from an approved version, choose and confirm the codes, make the new draft. Who may
start a review of the version (plans.review_version) may do all of it; the writes are in
renstra.review.crosswalk."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.nomenclature.matching import CONFIDENT
from renstra.nomenclature.models import Edition
from renstra.plans.choices import VersionStatus
from renstra.plans.levels import BY_KEY
from renstra.plans.permissions import version_for
from renstra.review import crosswalk as service
from renstra.review.models import Crosswalk, CrosswalkPair
from renstra.review.services import plan_versions

ACTION = "review"  # the crosswalk makes a new version from an approved one, as a review does


def crosswalk_start(request, version_id: int):
    """GET: the open crosswalk of the version, or the form to start one; POST: start it."""
    version = version_for(request, version_id, ACTION)
    current = Crosswalk.objects.filter(source=version, result__isnull=True).first()
    if current is not None:
        return redirect("review:crosswalk", crosswalk_id=current.pk)
    editions = list(Edition.objects.order_by("-name"))
    if request.method == "POST":
        edition = next((e for e in editions if str(e.pk) == request.POST.get("edisi")), None)
        try:
            if edition is None:
                raise ValidationError(_("Pilih edisi nomenklatur yang sudah dimuat."))
            made = service.build_crosswalk(version=version, edition=edition, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Pemetaan kode dibuat: {} butir dengan usulan kode.").format(made.pairs.count()),
            )
            return redirect("review:crosswalk", crosswalk_id=made.pk)
    return render(
        request,
        "review/crosswalk_start.html",
        {
            "version": version,
            "scheme": version.scheme,
            "editions": editions,
            "approved": version.status == VersionStatus.APPROVED,
            "open_draft": plan_versions(version.plan_id).open_draft,
            "applied": Crosswalk.objects.filter(source=version, result__isnull=False)
            .select_related("result", "edition")
            .order_by("-applied_at"),
        },
    )


def _crosswalk(request, crosswalk_id: int) -> Crosswalk:
    crosswalk = (
        Crosswalk.objects.select_related("edition", "result", "created_by")
        .filter(pk=crosswalk_id)
        .first()
    )
    if crosswalk is None:
        raise Http404(_("Pemetaan kode tidak ditemukan."))
    # The version (with its plan) as permissions read it; the crosswalk's own is the same row.
    crosswalk.source = version_for(request, crosswalk.source_id, ACTION)
    return crosswalk


@dataclass
class Option:
    code: str
    name: str
    score: float | None = None
    via: str = ""


@dataclass
class Row:
    """One pair as the table shows it: the options offered, which is selected, what was typed."""

    pair: CrosswalkPair
    level_label: str
    options: list[Option]
    selected: str
    other: str = ""
    use_listed_name: bool = False
    picker: str = ""
    errors: list[str] = field(default_factory=list)
    warning: str = ""


def _rows(crosswalk: Crosswalk, pairs, posted=None, errors=None) -> list[Row]:
    """The rows of the table: from the saved choices, or from what was posted (with its errors)
    when a save was refused."""
    plan = crosswalk.source.plan
    picker = {
        "pemda": service.government_level(plan),
        "edisi": crosswalk.edition_id,
        "bidang": crosswalk.bidang,
    }
    by_id = {p.pk: p for p in pairs}
    rows = []
    for pair in pairs:
        options = [
            Option(s["code"], s["name"], s["score"], s.get("via", "")) for s in pair.suggestions
        ]
        if pair.confirmed and pair.chosen_code not in {o.code for o in options}:
            options.insert(0, Option(pair.chosen_code, pair.chosen_name))
        row = Row(
            pair,
            BY_KEY[pair.kind].label,
            options,
            selected=pair.chosen_code if pair.confirmed else "",
            use_listed_name=pair.use_listed_name,
        )
        if posted is not None:
            row.selected = posted.get("pilih-{}".format(pair.pk), "")
            row.other = posted.get("lain-{}".format(pair.pk), "").strip()
            row.use_listed_name = "nama-{}".format(pair.pk) in posted
            row.errors = (errors or {}).get(str(pair.pk), [])
        parent = by_id.get(pair.parent_id)
        params = {"tingkat": pair.kind, **picker}
        if parent is not None and parent.confirmed:
            params["induk"] = parent.chosen_code
            if pair.confirmed and not pair.chosen_code.startswith(parent.chosen_code + "."):
                row.warning = _(
                    "Kode ini tidak di bawah kode {} yang dipilih untuk {} ({}). Pilih kode di "
                    "bawahnya, atau pindahkan butir ini di draf nanti."
                ).format(BY_KEY[parent.kind].label.lower(), parent.old_name, parent.chosen_code)
        row.picker = "{}?{}".format(reverse("nomenclature:search"), urlencode(params))
        rows.append(row)
    return rows


def crosswalk_page(request, crosswalk_id: int):
    """The table of pairs; POST saves the choices (all or nothing)."""
    crosswalk = _crosswalk(request, crosswalk_id)
    pairs = list(crosswalk.pairs.all())
    posted = errors = None
    if request.method == "POST":
        if not crosswalk.is_open:
            messages.error(request, _("Pemetaan kode ini sudah diterapkan."))
            return redirect("review:crosswalk", crosswalk_id=crosswalk.pk)
        choices = {}
        for pair in pairs:
            radio = request.POST.get("pilih-{}".format(pair.pk))
            other = request.POST.get("lain-{}".format(pair.pk), "").strip()
            if radio is None and not other:
                continue  # not on the form that was sent
            choices[pair.pk] = service.Choice(
                other or radio or "", "nama-{}".format(pair.pk) in request.POST
            )
        try:
            confirmed = service.save_choices(
                crosswalk=crosswalk, choices=choices, user=request.user
            )
        except ValidationError as exc:
            posted, errors = request.POST, exc.message_dict
            messages.error(
                request,
                _("Tidak ada yang disimpan: {} kode tidak dapat dipakai (lihat barisnya).").format(
                    len(errors)
                ),
            )
        else:
            messages.success(
                request,
                _("Pilihan disimpan: {} dari {} butir sudah dikonfirmasi.").format(
                    confirmed, len(pairs)
                ),
            )
            return redirect("review:crosswalk", crosswalk_id=crosswalk.pk)
    confirmed = sum(1 for p in pairs if p.confirmed)
    confident = sum(
        1 for p in pairs if not p.confirmed and p.suggested_code and (p.score or 0) >= CONFIDENT
    )
    version = crosswalk.source
    return render(
        request,
        "review/crosswalk.html",
        {
            "crosswalk": crosswalk,
            "version": version,
            "scheme": version.scheme,
            "rows": _rows(crosswalk, pairs, posted, errors),
            "total": len(pairs),
            "confirmed": confirmed,
            "confident": confident,
            "confident_percent": int(CONFIDENT * 100),
            "open_draft": plan_versions(version.plan_id).open_draft if crosswalk.is_open else None,
        },
    )


@require_POST
def crosswalk_confident(request, crosswalk_id: int):
    crosswalk = _crosswalk(request, crosswalk_id)
    try:
        count = service.confirm_confident(crosswalk=crosswalk, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("{} usulan yang meyakinkan dikonfirmasi; periksa sisanya.").format(count)
        )
    return redirect("review:crosswalk", crosswalk_id=crosswalk.pk)


@require_POST
def crosswalk_apply(request, crosswalk_id: int):
    crosswalk = _crosswalk(request, crosswalk_id)
    try:
        draft = service.apply_crosswalk(
            crosswalk=crosswalk, user=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("review:crosswalk", crosswalk_id=crosswalk.pk)
    messages.success(
        request,
        _(
            "Versi {} (draf) dibuat dengan kode Permendagri 90/2019; Renstra ini kini berkode "
            "Permendagri 90/2019 dan versi-versi sebelumnya tetap menurut kode lamanya."
        ).format(draft.number),
    )
    return redirect("review:crosswalk", crosswalk_id=crosswalk.pk)
