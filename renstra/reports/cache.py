"""Files of frozen versions from the cache: a submitted or approved version's plan cannot change
(its rows are frozen in the database), so its tables and whole-plan files are built once per
everything else they print and then served from the cache (settings.CACHES, RENSTRA_CACHE_URL).

The key holds the version, what is asked (table, format, paper, options), the language, the
day (a PDF prints it, and a signature block without a set date prints today's), and a stamp of
the data outside the version that the tables print: the plan's identity, the agency, its
region, the signature block as printed (the block, and the official heading the agency on the
document's date: renstra.plans.signature) and its units. A draft is never cached.
"""

import dataclasses
import datetime
import hashlib
import json

from django.core.cache import cache
from django.forms.models import model_to_dict
from django.utils import translation

from renstra.plans.models import PlanVersion, Unit
from renstra.plans.signature import signatories

# Raised when what a cached file holds changes with the code (a new column, a new layout).
LAYOUT = 1
TIMEOUT = 7 * 24 * 3600


def _stamp(version: PlanVersion) -> list:
    plan = version.plan
    agency = plan.agency
    signature = [dataclasses.asdict(person) for person in signatories(agency)]
    units = list(Unit.objects.filter(agency=agency).order_by("pk").values_list("pk", "name"))
    return [
        model_to_dict(plan),
        model_to_dict(agency),
        model_to_dict(agency.region),
        signature,
        units,
    ]


def cached_file(version: PlanVersion, what: tuple, build) -> bytes:
    """`build()` for `what` of `version`, from the cache when the version is frozen."""
    if not version.is_frozen:
        return build()
    parts = [
        LAYOUT,
        version.pk,
        version.status,
        list(what),
        translation.get_language(),
        datetime.date.today().isoformat(),
        _stamp(version),
    ]
    digest = hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()
    key = "renstra:file:{}:{}".format(version.pk, digest)
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, TIMEOUT)
    return body
