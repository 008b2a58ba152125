"""The Rencana Aksi of a PK (made, filled per period all or nothing, made final) and the PK's
consistency chain (Renstra year -> Renja -> PK -> Rencana Aksi). Realization is monitoring's:
the page shows it and links to monitoring's entry of the indicator, where it is entered,
approved and locked. Who may: renstra.sakip.rules, asked of the PK's agency."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.checks.engine import Severity
from renstra.sakip import agreements, renaksi
from renstra.sakip.access import agreement_for
from renstra.sakip.chain import CHAIN_RULES, AgreementRead, check_agreement
from renstra.sakip.choices import ActionPlanStatus
from renstra.sakip.forms_renaksi import ActionPlanForm
from renstra.sakip.models import ActionPlan

EDIT = "sakip.edit"


def _counts(findings) -> dict:
    return {
        "errors": sum(1 for f in findings if f.severity == Severity.ERROR),
        "warnings": sum(1 for f in findings if f.severity == Severity.WARNING),
    }


def _start(request, agreement):
    form = ActionPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreements.create_action_plan(
                agreement=agreement, periods=form.cleaned_data["periods"], user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Rencana Aksi dibuat; isi target dan aksi per periode."))
            return redirect("sakip:renaksi", agreement.pk)
    return render(
        request,
        "sakip/renaksi_create.html",
        {
            "agreement": agreement,
            "agency": agreement.agency,
            "form": form,
            "may_edit": request.user.has_perm("sakip.edit", agreement.agency),
        },
    )


def action_plan(request, agreement_id: int):
    agreement = agreement_for(request, agreement_id, perm=EDIT if request.method == "POST" else "")
    read = AgreementRead(agreement)
    if read.plan is None:
        return _start(request, agreement)
    typed, errors = {}, {}
    if request.method == "POST":
        try:
            changed = renaksi.save_action_grid(plan=read.plan, read=read, data=request.POST)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                errors = {key: " ".join(value) for key, value in error.message_dict.items()}
                typed = renaksi.grid_values(read, request.POST)[0]
            else:
                messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Rencana Aksi disimpan ({} baris berubah).").format(changed)
            )
            return redirect("sakip:renaksi", agreement.pk)
    may_edit = request.user.has_perm("sakip.edit", agreement.agency)
    return render(
        request,
        "sakip/renaksi.html",
        {
            "agreement": agreement,
            "agency": agreement.agency,
            "plan": read.plan,
            "grid": renaksi.read_grid(read, typed, errors),
            "errors": errors,
            "counts": _counts(check_agreement(read)),
            "may_edit": may_edit,
            "editable": may_edit and read.plan.status == ActionPlanStatus.DRAFT,
        },
    )


@require_POST
def finalize(request, agreement_id: int):
    agreement = agreement_for(request, agreement_id, perm=EDIT)
    plan = ActionPlan.objects.filter(agreement=agreement).first()
    if plan is None:
        messages.error(request, _("PK ini belum mempunyai Rencana Aksi."))
        return redirect("sakip:renaksi", agreement.pk)
    try:
        agreements.finalize_action_plan(plan=plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Rencana Aksi final: tidak dapat diubah lagi."))
    return redirect("sakip:renaksi", agreement.pk)


def findings(request, agreement_id: int):
    agreement = agreement_for(request, agreement_id)
    found = check_agreement(agreement)
    groups = [
        {"rule": rule, "findings": [f for f in found if f.rule == name]}
        for name, rule in CHAIN_RULES.items()
    ]
    return render(
        request,
        "sakip/renaksi_findings.html",
        {
            "agreement": agreement,
            "agency": agreement.agency,
            "groups": groups,
            "total": len(found),
        },
    )
