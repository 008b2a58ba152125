"""Enumerations of monitoring, with their Indonesian labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryStatus(models.TextChoices):
    """Where a realization figure stands: entered, sent to the verifier, returned, approved."""

    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    APPROVED = "approved", _("Disetujui")


# The person entering may change a figure only in these states; a submitted figure waits for
# the verifier, an approved one is locked for good.
OPEN_STATUSES = frozenset({EntryStatus.DRAFT, EntryStatus.RETURNED})

YEARLY = 0  # Realization.quarter for a value entered for the whole year
QUARTERS = (1, 2, 3, 4)
QUARTER_LABELS = {0: _("Tahunan"), 1: _("TW I"), 2: _("TW II"), 3: _("TW III"), 4: _("TW IV")}
