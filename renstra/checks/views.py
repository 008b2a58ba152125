"""The findings page of a plan version, and acknowledging a finding."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renstra.checks.engine import SEVERITY_ORDER, Severity, all_rules
from renstra.checks.report import check_version
from renstra.checks.services import acknowledge_finding
from renstra.plans.levels import ANCHORED_KINDS
from renstra.plans.permissions import version_for

# Findings link to their item on the version page, which gives an item of these levels an
# id="<key>-<pk>"; policy directions and sub kegiatan have no row of their own there.


def findings_page(request, version_id: int):
    version = version_for(request, version_id)
    checked = check_version(version)
    rules = all_rules()
    severity = request.GET.get("tingkat", "")
    rule_name = request.GET.get("aturan", "")
    table = request.GET.get("tabel", "")

    def keep(finding):
        return (
            (not severity or finding.severity == severity)
            and (not rule_name or finding.rule == rule_name)
            and (not table or finding.location.table == table)
        )

    groups = {}
    for finding in filter(keep, checked.open):
        groups.setdefault((finding.severity, finding.rule), []).append(finding)
    grouped = [
        {"severity": sev, "rule": rules[name], "findings": items, "anchored": ANCHORED_KINDS}
        for (sev, name), items in sorted(
            groups.items(), key=lambda kv: (SEVERITY_ORDER[kv[0][0]], kv[0][1])
        )
    ]
    counts = {s: sum(1 for f in checked.open if f.severity == s) for s in Severity}
    return render(
        request,
        "checks/findings.html",
        {
            "version": version,
            "groups": grouped,
            "acknowledged": [(f, a) for f, a in checked.acknowledged if keep(f)],
            "counts": [(s, s.label, counts[s]) for s in Severity],
            "rules": sorted(rules.values(), key=lambda r: r.title),
            "tables": sorted({f.location.table for f in checked.findings}),
            "filters": {"tingkat": severity, "aturan": rule_name, "tabel": table},
            "anchored": ANCHORED_KINDS,
            "may_acknowledge": request.user.has_perm("checks.acknowledge", version),
        },
    )


@require_POST
def acknowledge(request, version_id: int):
    version = version_for(request, version_id, "acknowledge")
    key = request.POST.get("key", "")
    finding = next((f for f in check_version(version).open if f.key == key), None)
    if finding is None:
        messages.error(request, _("Temuan tidak ditemukan atau sudah diakui; muat ulang halaman."))
    else:
        try:
            acknowledge_finding(
                version=version,
                finding=finding,
                reason=request.POST.get("reason", ""),
                user=request.user,
            )
            messages.success(request, _("Temuan diakui: {}").format(finding.message))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("checks:findings", version_id=version.pk)
