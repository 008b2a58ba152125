"""Writes of the checks app."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renstra.checks.engine import Finding
from renstra.checks.models import Acknowledgement


@transaction.atomic
def acknowledge_finding(*, version, finding: Finding, reason: str, user) -> Acknowledgement:
    """Record that `user` accepts `finding` for `version`, with a reason (required)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tuliskan alasan mengapa temuan ini dapat diterima."))
    if Acknowledgement.objects.filter(version=version, finding_key=finding.key).exists():
        raise ValidationError(_("Temuan ini sudah diakui."))
    return Acknowledgement.objects.create(
        version=version,
        finding_key=finding.key,
        rule=finding.rule,
        reason=reason,
        acknowledged_by=user,
    )
