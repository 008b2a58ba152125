"""The console's figures computed ahead of the request: a task of Django's task framework (the
django-tasks backport; settings.TASKS picks the backend: the database, run by `renstra worker`,
or inline). renstra.console.warming enqueues it when a version is approved or a realization is
entered; it computes and keeps (renstra.console.cache) what the console of the region does not
find kept for the years named and for the year the console opens on, so that the first
request after a load or an entry reads what is kept instead of reading, checking and
evaluating every plan. Whatever it has not done yet, the request computes itself: a page never
waits for the worker and never shows a figure older than the data.
"""

import logging

from django_tasks import task

from renstra.console import cache
from renstra.console.service import default_year, keep_figures, region_years
from renstra.plans.models import Region

logger = logging.getLogger(__name__)


@task()
def warm_console(region_id: int, years: list[int]) -> int:
    """Keep the console's figures of region `region_id` for `years` (those of its Renstra
    periods) and its default year; returns the versions computed (0: all were kept)."""
    region = Region.objects.filter(pk=region_id).first()
    if region is None or not cache.keeping():
        return 0
    offered = region_years(region)
    wanted = {year for year in years if year in offered}
    wanted.add(default_year(region, offered))
    computed = sum(keep_figures(region, year) for year in sorted(wanted))
    logger.info("konsol %s: %s versi dihitung untuk %s", region.pk, computed, sorted(wanted))
    return computed
