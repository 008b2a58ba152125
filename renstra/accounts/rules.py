"""Object-level permission rules (django-rules): the one place that says who may see or do
what with a plan version. Pages, exports, the API and search all ask these rules.

Permissions (checked with user.has_perm(name, version)):
  plans.view_version        read the version and everything in it, and export it
  plans.edit_version        change its items (only while the version is a draft or returned)
  plans.submit_version      draft/returned -> submitted
  plans.verify_version      submitted -> verified or returned; verified -> returned
  plans.approve_version     verified -> approved
  plans.review_version      start a review of an approved version
  plans.comment_version     comment on the version and its items
  checks.acknowledge        acknowledge a finding of the checker
  monitoring.view           see realization, evaluation and the dashboard (signed-in readers;
                            the public sees the approved plan, not its internal monitoring)
  monitoring.enter          enter realization and evidence (planners and the head of the
                            agency, while the version is the approved one in force)
  monitoring.decide         approve or return entered realization (the head of the agency, who
                            answers for its figures)
  monitoring.assign         choose the owner (unit, person) of each indicator

Of an agency (user.has_perm(name, agency)): its units and officials (renstra.plans.organization)
  plans.view_organization   see the unit tree and who heads each unit (the public too, once
                            the agency has a public approved plan)
  plans.view_personnel      see the officials' NIP and rank as well (who may read the agency's
                            plans signed in: a NIP holds its bearer's date of birth)
  plans.edit_organization   add and change units, record a change of official (the agency's
                            planners and administrators)

Of a region (user.has_perm(name, region)):
  console.view_region       Bappeda's console over every agency of the region (its verifiers,
                            auditors, inspector and administrators, and those of every
                            region); planners and heads see no other agency's figures
"""

import rules

from renstra.accounts.choices import Role
from renstra.plans.choices import EDITABLE_STATUSES, VersionStatus
from renstra.plans.models import PlanVersion


def _roles(user, version, *wanted):
    """Memberships of `user` with one of `wanted` roles that reach `version`."""
    return _agency_roles(user, version.plan.agency, *wanted)


def _memberships(user) -> list:
    """The user's memberships, read once per user object (a request's): a page that asks the
    rules about many versions (every plan of a region) reads them once."""
    cache = getattr(user, "_renstra_memberships", None)
    if cache is None:
        cache = list(user.memberships.all())
        user._renstra_memberships = cache
    return cache


def _agency_roles(user, agency, *wanted):
    """Memberships of `user` with one of `wanted` roles that reach `agency`."""
    if not user.is_authenticated:
        return False
    for m in _memberships(user):
        if m.role not in wanted:
            continue
        if m.role in (Role.PLANNER, Role.HEAD) and m.agency_id == agency.pk:
            return True
        if m.role in (Role.VERIFIER, Role.AUDITOR, Role.INSPECTOR, Role.ADMIN) and m.region_id in (
            None,
            agency.region_id,
        ):
            return True
    return False


@rules.predicate
def is_admin(user, version=None):
    return user.is_authenticated and (
        user.is_superuser
        or any(m.role == Role.ADMIN and m.region_id is None for m in _memberships(user))
    )


@rules.predicate
def is_public_version(user, version):
    return version.is_public and version.status in (
        VersionStatus.APPROVED,
        VersionStatus.SUPERSEDED,
    )


@rules.predicate
def reads_version(user, version):
    return _roles(
        user,
        version,
        Role.PLANNER,
        Role.HEAD,
        Role.VERIFIER,
        Role.AUDITOR,
        Role.INSPECTOR,
        Role.ADMIN,
    )


@rules.predicate
def plans_for_agency(user, version):
    return _roles(user, version, Role.PLANNER, Role.HEAD, Role.ADMIN)


@rules.predicate
def edits_for_agency(user, version):
    return _roles(user, version, Role.PLANNER, Role.ADMIN)


@rules.predicate
def heads_agency(user, version):
    return _roles(user, version, Role.HEAD, Role.ADMIN)


@rules.predicate
def verifies_region(user, version):
    return _roles(user, version, Role.VERIFIER, Role.ADMIN)


@rules.predicate
def is_editable(user, version):
    return version.status in EDITABLE_STATUSES


rules.add_perm("plans.view_version", is_public_version | reads_version | is_admin)
rules.add_perm("plans.edit_version", is_editable & (edits_for_agency | is_admin))
rules.add_perm("plans.submit_version", is_editable & (heads_agency | plans_for_agency | is_admin))
rules.add_perm("plans.verify_version", verifies_region | is_admin)
rules.add_perm("plans.approve_version", heads_agency | is_admin)
rules.add_perm("plans.review_version", plans_for_agency | heads_agency | is_admin)
rules.add_perm(
    "plans.comment_version", verifies_region | plans_for_agency | heads_agency | is_admin
)
rules.add_perm("checks.acknowledge", verifies_region | is_admin)


@rules.predicate
def is_in_force(user, version):
    """Monitoring goes on only in the approved version in force; a superseded one is history."""
    return version.status == VersionStatus.APPROVED


rules.add_perm("monitoring.view", reads_version | is_admin)
rules.add_perm("monitoring.enter", is_in_force & (plans_for_agency | is_admin))
rules.add_perm("monitoring.decide", is_in_force & (heads_agency | is_admin))
rules.add_perm("monitoring.assign", is_in_force & (plans_for_agency | is_admin))


# --- an agency's organisation (the object is an Agency) ----------------------------------------


@rules.predicate
def reads_agency(user, agency):
    return _agency_roles(
        user, agency, Role.PLANNER, Role.HEAD, Role.VERIFIER, Role.AUDITOR, Role.INSPECTOR
    )


@rules.predicate
def edits_agency(user, agency):
    return _agency_roles(user, agency, Role.PLANNER, Role.ADMIN)


@rules.predicate
def heads_the_agency(user, agency):
    """The agency's head (its Kepala, by membership): first party of the head's Perjanjian
    Kinerja and second party of its administrators'."""
    return _agency_roles(user, agency, Role.HEAD)


@rules.predicate
def has_public_plan(user, agency):
    """The agency has a version anyone may read (is_public_version's rule, one query)."""
    return PlanVersion.objects.filter(
        plan__agency=agency,
        is_public=True,
        status__in=(VersionStatus.APPROVED, VersionStatus.SUPERSEDED),
    ).exists()


rules.add_perm("plans.view_organization", reads_agency | edits_agency | is_admin | has_public_plan)
rules.add_perm("plans.view_personnel", reads_agency | edits_agency | is_admin)
rules.add_perm("plans.edit_organization", edits_agency | is_admin)


# --- a region (the object is a Region) ---------------------------------------------------------


@rules.predicate
def oversees_region(user, region):
    """A verifier, auditor, inspector or administrator of the region, or of every region (no
    region)."""
    if not user.is_authenticated:
        return False
    return any(
        m.role in (Role.VERIFIER, Role.AUDITOR, Role.INSPECTOR, Role.ADMIN)
        and m.region_id in (None, region.pk)
        for m in _memberships(user)
    )


rules.add_perm("console.view_region", oversees_region | is_admin)
