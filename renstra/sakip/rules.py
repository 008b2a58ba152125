"""Who may see and change an agency's SAKIP year (its Renja and IKU), asked of the agency
(user.has_perm(name, agency)), with the predicates of renstra.accounts.rules:

  sakip.view    the agency's planners and head, the region's verifiers, auditors, administrators
  sakip.edit    the agency's planners and administrators (make, change, finalize a Renja; DPA;
                IKU; make and change a Perjanjian Kinerja, its PK Perubahan, its signed scan)
  sakip.sign    mark a Perjanjian Kinerja signed (it is then frozen): the agency's planners and
                administrators, who record the signing of the paper, and the agency's head, who
                signs it (first party of the head's PK, second party of the administrators')

Not public: a Renja is the agency's working document until it is published elsewhere.
"""

import rules

from renstra.accounts.rules import edits_agency, heads_the_agency, is_admin, reads_agency

rules.add_perm("sakip.view", reads_agency | edits_agency | is_admin)
rules.add_perm("sakip.edit", edits_agency | is_admin)
rules.add_perm("sakip.sign", edits_agency | heads_the_agency | is_admin)
