"""Parts of the pages of locked versions from the cache: a submitted, verified, approved or
superseded version's items cannot change (renstra.plans.frozen), so the parts of its page built
from them (the head and the cascade of the version page) are rendered once per everything else
they print and then served from the cache (settings.CACHES, as renstra.reports.cache).

Only what is the same for every user who sees it is cached, and what it depends on of the user
(may the user see the monitoring link) is in the key; the page around it (the user's name,
forms with their CSRF token, the user's own export buttons) is rendered on every request.

The key holds the version (its id and creation time, so that a restored or another database
never meets the parts of this one), its status and, while it may still be returned for changes
(submitted, verified), the last record of its history: a version returned, changed and submitted
again is another version of the page. Approved and superseded are final (an approved version was
never editable after it), so they need no history read. Then the language, the script prefix of
the links, the templates' source, what the parts print from outside the version (the plan:
title, period, hence the years of the columns; the agency, its region, the RPJMD's vision and
missions, the number of the version revised) and what the caller says they vary with. A draft
or a returned version is never cached.
"""

import functools
import hashlib
import json
from collections.abc import Iterable

from django.core.cache import cache
from django.forms.models import model_to_dict
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from renstra.plans.choices import FROZEN_STATUSES
from renstra.plans.models import PlanVersion

# Raised when what the parts hold changes with the Python code that feeds its template (the
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
    """What the parts print from outside the version's frozen rows (read with the version by
    renstra.plans.queries.version_with_plan: no query here)."""
    plan = version.plan
    regional = plan.regional_plan
    revises = version.revises
    return [
        model_to_dict(plan),
        model_to_dict(plan.agency),
        model_to_dict(plan.agency.region),
        model_to_dict(regional) if regional else None,
        [(m.pk, m.number, m.text, m.order) for m in version.missions.all()],
        [revises.pk, revises.number] if revises else None,
    ]


def parts_key(
    version: PlanVersion, name: str, templates: tuple[str, ...], vary: Iterable = ()
) -> str:
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
        list(vary),
    ]
    digest = hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()
    return "renstra:parts:{}:{}:{}".format(name, version.pk, digest)


def cached_parts(
    version: PlanVersion, name: str, templates: tuple[str, ...], build, vary: Iterable = ()
) -> dict[str, SafeString]:
    """`build()`, {part: HTML}, of a locked version (submitted, verified, approved, superseded)
    from the cache; of a draft or a returned version built on every call. `templates` are those
    `build` renders (their source is in the key); `vary` is whatever else they depend on (of the
    user, say), as JSON-able values."""
    if version.is_editable:
        return build()
    key = parts_key(version, name, templates, vary)
    stored = cache.get(key)
    if stored is None:
        stored = {part: str(html) for part, html in build().items()}
        cache.set(key, stored, TIMEOUT)
    return {part: mark_safe(html) for part, html in stored.items()}  # noqa: S308 - our own HTML
