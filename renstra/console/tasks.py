"""The console's figures computed ahead of the request: a task of Django's task framework (the
django-tasks backport; settings.TASKS picks the backend: the database, run by `renstra worker`,
or inline). renstra.console.warming enqueues it when a version is approved or a realization is
entered; it computes and keeps (renstra.console.cache) what the console of the region does not
find kept for the years named, the year the console opens on and every year with realization
(the years a planning board opens), so that the first request after a load or an entry reads
what is kept instead of reading, checking and evaluating every plan. For each year only what
is not kept is computed: after an entry, that agency's figures of that year.

Below the other tasks (priority): a planner's import or export waits for no warming. Whatever it has not done yet, the request computes itself: a page never
waits for the worker and never shows a figure older than the data.
"""

import logging

from django_tasks import task

from renstra.console import cache
from renstra.console.service import default_year, keep_figures, realization_years, region_years
from renstra.plans.models import Region

logger = logging.getLogger(__name__)


PRIORITY = -10  # the tasks' default is 0; higher runs first


@task(priority=PRIORITY)
def warm_console(region_id: int, years: list[int]) -> int:
    """Keep the console's figures of region `region_id` for `years`, its default year and its
    years with realization (of those the console offers); returns the versions computed per
    year, summed (0: all were kept)."""
    region = Region.objects.filter(pk=region_id).first()
    if region is None or not cache.keeping():
        return 0
    offered = region_years(region)
    # The year the console opens on first, then the years named (an entry's), then the rest,
    # latest first: a request meanwhile finds the likeliest years kept soonest.
    default = default_year(region, offered)
    named = sorted(set(years), reverse=True)
    rest = sorted(realization_years(region), reverse=True)
    wanted = [y for y in dict.fromkeys([default, *named, *rest]) if y == default or y in offered]
    computed = sum(keep_figures(region, year) for year in wanted)
    logger.info("konsol %s: %s versi dihitung untuk %s", region.pk, computed, wanted)
    return computed
