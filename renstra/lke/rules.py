"""Who may see and do what with an agency's SAKIP evaluation (LKE), asked of the agency
(user.has_perm(name, agency)), with the predicates of renstra.accounts.rules:

  lke.view         the agency's planners and head, the region's verifiers, auditors, inspector
                   and administrators
  lke.self_assess  the agency's planners, its head and administrators: the self-assessment
                   (penilaian mandiri), only while the evaluation is in that stage
  lke.evaluate     the region's auditors (the inspectorate's evaluators) and administrators
  lke.review       the region's inspector (head of the inspectorate) and administrators: review,
                   return to the evaluator, make final
  lke.start        the region's auditors, inspector and administrators: start a year's evaluation

The services (renstra.lke.services) ask these and check the stage as well. Not public.
"""

import rules
from django.utils.translation import gettext_noop

from renstra.accounts.choices import Role

# _agency_roles is the one reading of a user's memberships (cached per request) that reaches an
# agency: by agency for planners and heads, by region (or none = every region) for the others.
from renstra.accounts.rules import (
    _agency_roles,
    edits_agency,
    heads_the_agency,
    is_admin,
    reads_agency,
)


def _roles_of(*roles):
    """A predicate: the user has one of `roles` reaching the agency."""

    @rules.predicate
    def predicate(user, agency):
        return bool(_agency_roles(user, agency, *roles))

    return predicate


audits_agency = _roles_of(Role.AUDITOR, Role.ADMIN)
inspects_agency = _roles_of(Role.INSPECTOR, Role.ADMIN)

rules.add_perm("lke.view", reads_agency | edits_agency | is_admin)
rules.add_perm("lke.self_assess", edits_agency | heads_the_agency | is_admin)
rules.add_perm("lke.evaluate", audits_agency | is_admin)
rules.add_perm("lke.review", inspects_agency | is_admin)
rules.add_perm("lke.start", audits_agency | inspects_agency | is_admin)

# What a user who may see the evaluation is told when they may not do what they ask.
DENIED = {
    "lke.self_assess": gettext_noop(
        "Hanya perencana dan kepala Perangkat Daerah ini dan administrator yang dapat mengisi "
        "penilaian mandiri."
    ),
    "lke.evaluate": gettext_noop(
        "Hanya auditor Inspektorat Pemerintah Daerah ini dan administrator yang dapat mengevaluasi."
    ),
    "lke.review": gettext_noop(
        "Hanya Inspektur Pemerintah Daerah ini dan administrator yang dapat mereviu, "
        "mengembalikan kepada evaluator dan menetapkan hasil evaluasi."
    ),
    "lke.start": gettext_noop(
        "Hanya auditor dan Inspektur Pemerintah Daerah ini dan administrator yang dapat memulai "
        "evaluasi SAKIP."
    ),
}
