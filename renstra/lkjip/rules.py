"""Who may see and change an agency's LKjIP, asked of the agency (user.has_perm(name, agency)),
with the predicates of renstra.accounts.rules:

  lkjip.view      the agency's planners and head, the region's verifiers, auditors, administrators
  lkjip.edit      the agency's planners and administrators: make an LKjIP, write its narrative
                  while it is a draft, submit it
  lkjip.verify    the region's verifiers and administrators: verify a submitted LKjIP or return
                  it to draft with a note
  lkjip.finalize  the agency's planners, its head and administrators: make a verified LKjIP final
                  (the head signs the report the agency delivers)

Not public: the LKjIP is published by the agency once final, elsewhere.
"""

import rules

from renstra.accounts.choices import Role
from renstra.accounts.rules import edits_agency, heads_the_agency, is_admin, reads_agency


@rules.predicate
def verifies_agency(user, agency):
    """A verifier or administrator of the agency's region (or of every region)."""
    if not user.is_authenticated:
        return False
    return any(
        m.role in (Role.VERIFIER, Role.ADMIN) and m.region_id in (None, agency.region_id)
        for m in user.memberships.all()
    )


rules.add_perm("lkjip.view", reads_agency | edits_agency | is_admin)
rules.add_perm("lkjip.edit", edits_agency | is_admin)
rules.add_perm("lkjip.verify", verifies_agency | is_admin)
rules.add_perm("lkjip.finalize", edits_agency | heads_the_agency | is_admin)
