"""Who may see and change an agency's SAKIP year (its Renja and IKU), asked of the agency
(user.has_perm(name, agency)), with the predicates of renstra.accounts.rules:

  sakip.view    the agency's planners and head, the region's verifiers, auditors, administrators
  sakip.edit    the agency's planners and administrators (make, change, finalize a Renja; DPA;
                IKU)

Not public: a Renja is the agency's working document until it is published elsewhere.
"""

import rules

from renstra.accounts.rules import edits_agency, is_admin, reads_agency

rules.add_perm("sakip.view", reads_agency | edits_agency | is_admin)
rules.add_perm("sakip.edit", edits_agency | is_admin)
