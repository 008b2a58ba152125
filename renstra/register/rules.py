"""Who may see and change the document register and the schedule, with the predicates of
renstra.accounts.rules and renstra.lkjip.rules.

Of an agency (user.has_perm(name, agency)):
  register.view      the agency's planners and head, the region's verifiers, auditors,
                     administrators (as sakip.view)
  register.upload    upload a signed scan or external document: the agency's planners and
                     administrators (as sakip.edit)
  register.remark    a remark on a document, and the status of an uploaded one: the region's
                     verifiers and administrators (as lkjip.verify)

Of a region (user.has_perm(name, region)):
  register.view_schedule   the region's verifiers, auditors and administrators (as the console)
  register.edit_schedule   the region's verifiers and administrators
"""

import rules

from renstra.accounts.choices import Role
from renstra.accounts.rules import (
    _memberships,
    edits_agency,
    is_admin,
    oversees_region,
    reads_agency,
)
from renstra.lkjip.rules import verifies_agency


@rules.predicate
def verifies_region(user, region):
    """A verifier or administrator of the region, or of every region."""
    if not user.is_authenticated:
        return False
    return any(
        m.role in (Role.VERIFIER, Role.ADMIN) and m.region_id in (None, region.pk)
        for m in _memberships(user)
    )


rules.add_perm("register.view", reads_agency | edits_agency | is_admin)
rules.add_perm("register.upload", edits_agency | is_admin)
rules.add_perm("register.remark", verifies_agency | is_admin)
rules.add_perm("register.view_schedule", oversees_region | is_admin)
rules.add_perm("register.edit_schedule", verifies_region | is_admin)
