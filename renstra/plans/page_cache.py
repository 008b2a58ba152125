"""Fragments of pages of frozen versions from the cache: a submitted, verified, approved or
superseded version's items cannot change (renstra.plans.frozen), so the part of its page built
from them (the cascade of the version page) is rendered once per everything else it prints and
then served from the cache (settings.CACHES, as renstra.reports.cache).

Only the part that is the same for every user is cached: the page around it (the user's name,
the links the user may follow, forms with their CSRF token) is rendered on every request.

The key holds the version (its id and creation time, so that a restored or another database
never meets the fragments of this one), its status and, while it may still be returned for
changes (submitted, verified), the last record of its history: a version returned, changed and
submitted again is another version of the page. Approved and superseded are final (an approved
version was never editable after it), so they need no history read. Then the language, the
script prefix of the links, the templates' source, and what the fragment prints from outside
the version: the plan (title, period, hence the years of the columns), its RPJMD's vision and
the missions. A draft or a returned version is never cached.
"""

import functools
import hashlib
import json

from django.core.cache import cache
from django.forms.models import model_to_dict
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from renstra.plans.choices import FROZEN_STATUSES
from renstra.plans.models import PlanVersion

# Raised when what a fragment holds changes with the Python code that feeds its template (the
# template's own source is in the key already).
LAYOUT = 1
TIMEOUT = 7 * 24 * 3600


@functools.cache
def _source_digest(template_names: tuple[str, ...]) -> str:
    sources = [get_template(name).template.source for name in template_names]
    return hashlib.sha256("\0".join(sources).encode()).hexdigest()[:16]


def _revision(version: PlanVersion) -> int | None:
    """The last history record of a version that may still go back to editable; None for a
    final one."""
    if version.status in FROZEN_STATUSES:
        return None
    return (
        PlanVersion.history.filter(id=version.pk)
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )


def _outside(version: PlanVersion) -> list:
    """What the fragment prints from outside the version's frozen rows (read with the version
    by renstra.plans.queries.version_with_plan: no query here)."""
    plan = version.plan
    regional = plan.regional_plan
    return [
        model_to_dict(plan),
        model_to_dict(regional) if regional else None,
        [(m.pk, m.number, m.text, m.order) for m in version.missions.all()],
    ]


def fragment_key(version: PlanVersion, name: str, templates: tuple[str, ...]) -> str:
    parts = [
        LAYOUT,
        name,
        _source_digest(templates),
        version.pk,
        version.created_at.isoformat(),
        version.status,
        _revision(version),
        translation.get_language(),
        get_script_prefix(),
        _outside(version),
    ]
    digest = hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()
    return "renstra:fragment:{}:{}:{}".format(name, version.pk, digest)


def cached_fragment(version: PlanVersion, name: str, templates: tuple[str, ...], build) -> str:
    """`build()` (HTML the same for every user) of a locked version (submitted, verified,
    approved, superseded) from the cache; of a draft or a returned version built on every call.
    `templates` are those `build` renders (their source is in the key)."""
    if version.is_editable:
        return build()
    key = fragment_key(version, name, templates)
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, str(html), TIMEOUT)
    return html if isinstance(html, SafeString) else mark_safe(html)  # noqa: S308 - our own HTML
