"""How a plan version is named on printed pages."""

from django.utils.translation import gettext as _

from renstra.plans.models import PlanVersion


def running_title(version: PlanVersion) -> str:
    """'RENSTRA BKPSDM KOTA BONTANG 2016-2021 (REVIEW)': printed on top of every page."""
    plan = version.plan
    title = "RENSTRA {} {} {}".format(
        plan.agency.short_name, plan.agency.region.name, plan.period
    ).upper()
    return title + (" (REVIEW)" if version.revises_id else "")


def title_block(version: PlanVersion) -> str:
    """'BKPSDM … — 2016-2021 (versi 2: …)': the line under a table's title."""
    plan = version.plan
    return _("{} — {} (versi {}: {})").format(
        plan.agency.name, plan.period, version.number, version.label
    )
